#include "lesson/lesson.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "decode/decode.h"
#include "lesson/quiz.h"

#ifndef TLSVIZ_LESSONS_DIR
#define TLSVIZ_LESSONS_DIR "/usr/local/share/tlsviz/lessons"
#endif

static int fail_at(char *why, size_t len, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int fail_at(char *why, size_t len, const char *path, int line, const char *fmt, ...)
{
	int n = snprintf(why, len, "%s:%d: ", path, line);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < len)
		vsnprintf(why + n, len - (size_t)n, fmt, ap);
	va_end(ap);
	/* A message cut by `len` ends with whole characters. */
	why[text_fit(why, len)] = '\0';
	return -1;
}

/* Names quoted in errors: at most NAME_SHOWN columns, the rest as "...". */
#define NAME_SHOWN 60
struct shown {
	char text[NAME_SHOWN * MB_LEN_MAX + 4];
};

static const char *shown(const char *name, struct shown *out)
{
	if (text_width(name) <= NAME_SHOWN)
		return name;
	size_t len = text_fit(name, NAME_SHOWN - 3);
	snprintf(out->text, sizeof(out->text), "%.*s...", (int)len, name);
	return out->text;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/*
 * "Finished 2" -> name "Finished", occurrence 2; "SYN ACK" -> occurrence 1.
 * A last word of digits is an occurrence number: -1, with the error for
 * `line`, when it is 0 or too large.
 */
static int split_occurrence(const struct lesson *l, char *words, unsigned *occurrence, int line,
			    char *why, size_t len)
{
	*occurrence = 1;
	char *last = strrchr(words, ' ');
	if (!last || !last[1] || strspn(last + 1, "0123456789") != strlen(last + 1))
		return 0;
	errno = 0;
	unsigned long long n = strtoull(last + 1, NULL, 10);
	struct shown number;
	if (n == 0)
		return fail_at(why, len, l->path, line, "occurrence numbers count from 1, not '%s'",
			       shown(last + 1, &number));
	if (errno == ERANGE || n > UINT_MAX)
		return fail_at(why, len, l->path, line, "the occurrence number '%s' is too large",
			       shown(last + 1, &number));
	*occurrence = (unsigned)n;
	*last = '\0';
	trim(words);
	return 0;
}

/* Starts a note from the header text after "step " or "field ". */
static int start_note(struct lesson *l, char *spec, bool field, int line, char *why, size_t len)
{
	ARRAY_GROW(l->notes, l->count, l->cap);
	struct lesson_note *n = &l->notes[l->count++];
	memset(n, 0, sizeof(*n));
	n->line = line;
	if (field) {
		char *last = strrchr(spec, ' ');
		if (!last)
			return fail_at(why, len, l->path, line,
				       "'field' needs a message and a field: field ClientHello random:");
		n->field = xstrdup(last + 1);
		*last = '\0';
		trim(spec);
	}
	if (split_occurrence(l, spec, &n->occurrence, line, why, len) != 0)
		return -1;
	if (!*spec)
		return fail_at(why, len, l->path, line, "a step needs a message name");
	n->step = xstrdup(spec);
	return 0;
}

/* Starts a quiz block from the header text after "quiz after ". */
static int start_quiz(struct lesson *l, char *spec, int line, char *why, size_t len)
{
	ARRAY_GROW(l->quizzes, l->quiz_count, l->quiz_cap);
	struct lesson_quiz *q = &l->quizzes[l->quiz_count++];
	memset(q, 0, sizeof(*q));
	q->line = line;
	if (split_occurrence(l, spec, &q->occurrence, line, why, len) != 0)
		return -1;
	q->after = xstrdup(spec);
	return 0;
}

/* One line of a quiz: "? question", "+ right choice", "- wrong choice", "= explanation". */
static int quiz_line(struct lesson *l, struct lesson_quiz *q, char *text, int line, char *why,
		     size_t len)
{
	if (!*text)
		return 0;
	char mark = text[0];
	char *rest = trim(text + 1);
	if ((mark == '+' || mark == '-') && *rest) {
		if (q->choice_count == QUIZ_CHOICES_MAX)
			return fail_at(why, len, l->path, line, "at most %d choices", QUIZ_CHOICES_MAX);
		if (mark == '+') {
			if (q->has_answer)
				return fail_at(why, len, l->path, line, "a second right choice (+)");
			q->answer = q->choice_count;
			q->has_answer = true;
		}
		q->choices[q->choice_count++] = xstrdup(rest);
		return 0;
	}
	char **slot = mark == '?' ? &q->question : mark == '=' ? &q->explain : NULL;
	if (!slot || !*rest)
		return fail_at(why, len, l->path, line,
			       "a quiz line starts with ? (question), + (right choice), - (wrong "
			       "choice) or = (explanation)");
	struct buf b = BUF_INIT;
	if (*slot)
		buf_printf(&b, "%s ", *slot);
	buf_printf(&b, "%s", rest);
	free(*slot);
	*slot = (char *)b.data;
	return 0;
}

/* A finished quiz block must have a question, choices, one right answer and why. */
static int check_quiz(struct lesson *l, const struct lesson_quiz *q, char *why, size_t len)
{
	if (!q->question)
		return fail_at(why, len, l->path, q->line, "this quiz has no question (? line)");
	if (q->choice_count < 2)
		return fail_at(why, len, l->path, q->line, "this quiz needs two choices or more");
	if (!q->has_answer)
		return fail_at(why, len, l->path, q->line, "this quiz has no right choice (+ line)");
	if (!q->explain)
		return fail_at(why, len, l->path, q->line,
			       "this quiz has no explanation (= line)");
	return 0;
}

/* Adds a body line to the text being built: a blank line separates paragraphs. */
static void add_text(struct buf *text, const char *line)
{
	if (!*line) {
		if (text->len && text->data[text->len - 1] != '\n')
			buf_printf(text, "\n\n");
		return;
	}
	if (text->len && text->data[text->len - 1] != '\n')
		buf_printf(text, " ");
	buf_printf(text, "%s", line);
}

static char *finish_text(struct buf *text)
{
	while (text->len && text->data[text->len - 1] == '\n')
		text->len--;
	buf_append(text, "", 1);
	char *s = (char *)text->data;
	*text = (struct buf)BUF_INIT;
	return s;
}

/* How long a read from a pipe may wait for the next bytes. */
#define READ_WAIT_MS 10000

/*
 * Reads the file at `path` whole into `out` (NUL-terminated): at most
 * LESSON_MAX_BYTES, from a file, a device or a pipe, never from a directory
 * or a terminal, and never waiting on a pipe for more than READ_WAIT_MS.
 * `shown` is the path as errors write it.
 */
static int read_lesson(const char *path, const char *shown_path, struct buf *out, char *why,
		       size_t why_len)
{
	/* O_NONBLOCK: opening a FIFO that has no writer does not wait for one. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(why, why_len, "cannot read the lesson %s: %s", shown_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	const char *not_a_file = S_ISDIR(st.st_mode) ? "a directory" : isatty(fd) ? "a terminal"
										    : NULL;
	if (not_a_file) {
		snprintf(why, why_len, "cannot read the lesson %s: it is %s, not a file", shown_path,
			 not_a_file);
		close(fd);
		return -1;
	}
	int status = 0;
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			int ready = poll(&p, 1, READ_WAIT_MS);
			if (ready == 0) {
				snprintf(why, why_len, "cannot read the lesson %s: nothing came for %d s",
					 shown_path, READ_WAIT_MS / 1000);
				status = -1;
				break;
			}
			if (ready > 0 || errno == EINTR)
				continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, why_len, "cannot read the lesson %s: %s", shown_path,
				 strerror(errno));
			status = -1;
			break;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > LESSON_MAX_BYTES) {
			snprintf(why, why_len, "the lesson %s is larger than %s, the most a lesson may be",
				 shown_path, LESSON_MAX_SHOWN);
			status = -1;
			break;
		}
		buf_append(out, chunk, (size_t)n);
	}
	close(fd);
	buf_append(out, "", 1);
	out->len--;
	return status;
}

/*
 * The next line of the file from `*at`, its end (LF, CRLF or a lone CR)
 * left out, made safe to show (text_escape) into `line`; false at the end.
 */
static bool next_line(const char **at, const char *end, struct buf *line)
{
	if (*at >= end)
		return false;
	size_t len = strcspn(*at, "\r\n");
	line->len = 0;
	text_escape(line, *at, len);
	*at += len;
	if (*at < end && **at == '\r')
		(*at)++;
	if (*at < end && **at == '\n')
		(*at)++; /* LF, or the LF of CRLF */
	return true;
}

int lesson_load(const char *path, struct lesson *out, char *why, size_t why_len)
{
	memset(out, 0, sizeof(*out));
	/* The path, as every error writes it: a name too can hold control characters. */
	struct buf shown_path = BUF_INIT;
	text_escape(&shown_path, path, strlen(path));
	const char *file_path = path;
	out->path = (char *)shown_path.data;
	path = out->path;
	struct buf file = BUF_INIT;
	if (read_lesson(file_path, path, &file, why, why_len) != 0) {
		buf_release(&file);
		return -1;
	}
	const char *at = (const char *)file.data, *end = at + file.len;
	/* A NUL is no text: say where, rather than read the line as if it ended there. */
	const char *nul = memchr(at, '\0', file.len);
	if (nul) {
		int nul_line = 1;
		const char *line_start = at;
		for (const char *p = at; p < nul; p++)
			if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
				nul_line++;
				line_start = p + 1;
			}
		buf_release(&file);
		return fail_at(why, why_len, path, nul_line,
			       "a NUL byte at column %zu (a lesson is text)",
			       (size_t)(nul - line_start) + 1);
	}
	/* Editors on some systems start a UTF-8 file with a byte order mark. */
	if (file.len >= 3 && !memcmp(at, "\xef\xbb\xbf", 3))
		at += 3;
	int line = 0, status = 0, block_line = 0;
	char **open = NULL; /* the text the indented lines go to */
	struct lesson_quiz *quiz = NULL; /* or the quiz they make up */
	struct buf text = BUF_INIT, raw_line = BUF_INIT;
	while (status == 0 && next_line(&at, end, &raw_line)) {
		line++;
		char *raw = (char *)raw_line.data;
		if (raw[0] == '#')
			continue;
		if (quiz && (raw[0] == ' ' || raw[0] == '\t' || raw[0] == '\0')) {
			status = quiz_line(out, quiz, trim(raw), line, why, why_len);
			continue;
		}
		if (raw[0] == ' ' || raw[0] == '\t' || raw[0] == '\0') {
			if (!open && *trim(raw))
				status = fail_at(why, why_len, path, line,
						 "indented text outside a block (start one with "
						 "intro:, step NAME: or field NAME FIELD:)");
			else if (open)
				add_text(&text, trim(raw));
			continue;
		}
		/* A new line at the left margin ends the block before it. */
		if (quiz) {
			status = check_quiz(out, quiz, why, why_len);
			quiz = NULL;
			if (status != 0)
				break;
		}
		if (open) {
			if (!text.len) {
				status = fail_at(why, why_len, path, block_line, "this block has no text");
				break;
			}
			*open = finish_text(&text);
			open = NULL;
		}
		char *colon = strchr(raw, ':');
		if (!colon) {
			status = fail_at(why, why_len, path, line,
					 "expected 'title:', 'scenario:', 'intro:', 'step NAME:' or "
					 "'field NAME FIELD:', not '%.*s'", (int)text_fit(raw, 40), raw);
			break;
		}
		*colon = '\0';
		char *key = trim(raw), *rest = trim(colon + 1);
		struct shown key_shown;
		if (!strcmp(key, "title") || !strcmp(key, "scenario")) {
			char **slot = !strcmp(key, "title") ? &out->title : &out->scenario;
			if (!*rest)
				status = fail_at(why, why_len, path, line, "'%s:' needs a value", key);
			else if (*slot)
				status = fail_at(why, why_len, path, line, "a second '%s:'", key);
			else
				*slot = xstrdup(rest);
			if (slot == &out->scenario)
				out->scenario_line = line;
			continue;
		}
		if (*rest) {
			status = fail_at(why, why_len, path, line,
					 "put the text of '%s:' on the indented lines below it",
					 shown(key, &key_shown));
			break;
		}
		block_line = line;
		if (!strcmp(key, "intro")) {
			if (out->intro_line) {
				status = fail_at(why, why_len, path, line,
						 "a second 'intro:' (the first is at line %d)",
						 out->intro_line);
				break;
			}
			open = &out->intro;
			out->intro_line = line;
		} else if (!strncmp(key, "quiz after ", 11)) {
			status = start_quiz(out, trim(key + 11), line, why, why_len);
			quiz = &out->quizzes[out->quiz_count - 1];
		} else if (!strncmp(key, "step ", 5) || !strncmp(key, "field ", 6)) {
			bool field = key[0] == 'f';
			status = start_note(out, trim(key + (field ? 6 : 5)), field, line, why, why_len);
			if (status == 0)
				open = &out->notes[out->count - 1].text;
		} else {
			status = fail_at(why, why_len, path, line,
					 "unknown block '%s' (expected intro, step NAME, field NAME "
					 "FIELD or quiz after NAME)", shown(key, &key_shown));
		}
	}
	buf_release(&raw_line);
	buf_release(&file);
	if (status == 0 && quiz)
		status = check_quiz(out, quiz, why, why_len);
	quiz = NULL;
	if (status == 0 && open) {
		if (!text.len)
			status = fail_at(why, why_len, path, block_line, "this block has no text");
		else
			*open = finish_text(&text);
	}
	buf_release(&text);
	if (status == 0 && !out->title)
		status = fail_at(why, why_len, path, 1, "the lesson has no 'title:' line");
	if (status == 0 && !out->scenario)
		status = fail_at(why, why_len, path, 1, "the lesson has no 'scenario:' line");
	return status;
}

void lesson_step_name(const struct trace *t, const struct step *s, char *out, size_t len)
{
	if (s->kind == STEP_SEGMENT) {
		tcp_flags_name(t->tcp.segments[s->index].flags, out, len);
		return;
	}
	snprintf(out, len, "%s", message_name(&t->messages[s->index]));
}

/* Levenshtein distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(size_t));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t best = diagonal + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

/* Keeps in `best` the candidate closest to `wanted` (when close enough to be a typo). */
static void consider(const char *wanted, const char *candidate, const char **best,
		     size_t *best_distance)
{
	size_t limit = strlen(wanted) / 3 + 1;
	size_t la = strlen(wanted), lb = strlen(candidate);
	if ((la > lb ? la - lb : lb - la) > limit)
		return; /* the distance is at least the difference in length: no need to compute it */
	size_t d = distance(wanted, candidate);
	if (d <= limit && d < *best_distance) {
		*best = candidate;
		*best_distance = d;
	}
}

/* The steps a lesson can name: those the diagram shows by default. */
static bool narratable(const struct trace *t, const struct step *s)
{
	if (s->kind == STEP_MESSAGE)
		return true;
	enum segment_role role = t->tcp.segments[s->index].role;
	return role == SEGMENT_OPEN || role == SEGMENT_CLOSE;
}

static void collect_field_names(const struct field *f, const char *wanted, const char **best,
				size_t *best_distance)
{
	consider(wanted, f->name, best, best_distance);
	for (size_t i = 0; i < f->count; i++)
		collect_field_names(f->children[i], wanted, best, best_distance);
}

static struct field *decode_step(const struct trace *t, const struct step *s)
{
	return s->kind == STEP_SEGMENT ? decode_segment(t, &t->tcp.segments[s->index])
				       : decode_message(t, &t->messages[s->index]);
}

/*
 * Finds step `name` (its `occurrence`-th) among the steps a lesson can name;
 * on failure writes the error for the lesson line `line`.
 */
static int find_step(const struct lesson *l, const struct trace *t, const char *wanted,
		     unsigned occurrence, int line, size_t *index, char *why, size_t why_len)
{
	char name[64], best[64] = "";
	unsigned seen = 0;
	size_t best_distance = SIZE_MAX;
	for (size_t i = 0; i < t->step_count; i++) {
		if (!narratable(t, &t->steps[i]))
			continue;
		lesson_step_name(t, &t->steps[i], name, sizeof(name));
		if (strcmp(name, wanted) != 0) {
			/* The candidates for "did you mean" are names this trace really has. */
			const char *closest = best[0] ? best : NULL;
			consider(wanted, name, &closest, &best_distance);
			if (closest == name)
				snprintf(best, sizeof(best), "%s", name);
			continue;
		}
		if (++seen == occurrence) {
			*index = i;
			return 0;
		}
	}
	struct shown wanted_shown;
	if (seen)
		return fail_at(why, why_len, l->path, line, "'%s' occurs %u time%s in %s, not %u",
			       wanted, seen, seen == 1 ? "" : "s", t->scenario, occurrence);
	if (best[0])
		return fail_at(why, why_len, l->path, line,
			       "unknown message '%s' (did you mean '%s'?)",
			       shown(wanted, &wanted_shown), best);
	return fail_at(why, why_len, l->path, line, "unknown message '%s' in %s",
		       shown(wanted, &wanted_shown), t->scenario);
}

/*
 * Ties note `n` to its step. `trees` keeps each step's field tree once
 * decoded (by trace step; the caller frees them): a file of many field
 * notes decodes each message once.
 */
static int bind_note(struct lesson *l, struct lesson_note *n, const struct trace *t,
		     struct field **trees, char *why, size_t why_len)
{
	if (find_step(l, t, n->step, n->occurrence, n->line, &n->step_index, why, why_len) != 0)
		return -1;
	if (!n->field)
		return 0;
	if (!trees[n->step_index])
		trees[n->step_index] = decode_step(t, &t->steps[n->step_index]);
	const struct field *tree = trees[n->step_index];
	bool found = field_find(tree, n->field) != NULL;
	const char *field_best = NULL;
	size_t field_distance = SIZE_MAX;
	char suggestion[64] = "";
	if (!found) {
		collect_field_names(tree, n->field, &field_best, &field_distance);
		if (field_best)
			snprintf(suggestion, sizeof(suggestion), " (did you mean '%s'?)", field_best);
	}
	if (found)
		return 0;
	struct shown field_shown;
	return fail_at(why, why_len, l->path, n->line, "unknown field '%s' in %s%s",
		       shown(n->field, &field_shown), n->step, suggestion);
}

/* A run's math view, built when a {{value}} first asks for it: once a binding. */
struct values {
	const struct trace *t;
	struct math_view all;
	bool built;
};

static const struct math_view *values_of(struct values *v)
{
	if (!v->built)
		math_view_of(v->t, MATH_NONE, &v->all);
	v->built = true;
	return &v->all;
}

/*
 * The value `name` of the math view (its `occurrence`-th, in the order the
 * run computed them) in hex, appended to `out`; -1 with the error when the
 * trace has no such value.
 */
static int append_value(const struct lesson *l, struct values *v, const char *name,
			unsigned occurrence, int line, struct buf *out, char *why, size_t why_len)
{
	unsigned seen = 0;
	const char *best = NULL;
	size_t best_distance = SIZE_MAX;
	const struct math_view *all = values_of(v);
	const struct trace *t = v->t;
	int status = 0;
	struct shown name_shown;
	for (size_t i = 0; i < all->count && seen != occurrence; i++) {
		const struct math_value *d = all->values[i];
		if (strcmp(d->name, name) != 0) {
			consider(name, d->name, &best, &best_distance);
			continue;
		}
		if (++seen != occurrence)
			continue;
		for (size_t j = 0; j < d->len; j++)
			buf_printf(out, "%02x", d->bytes[j]);
	}
	if (seen == occurrence)
		status = 0;
	else if (seen)
		status = fail_at(why, why_len, l->path, line,
				 "value '%s' occurs %u time%s in %s, not %u", name, seen,
				 seen == 1 ? "" : "s", t->scenario, occurrence);
	else if (best)
		status = fail_at(why, why_len, l->path, line,
				 "unknown value '%s' (did you mean '%s'?)", shown(name, &name_shown),
				 best);
	else
		status = fail_at(why, why_len, l->path, line, "unknown value '%s' in %s",
				 shown(name, &name_shown), t->scenario);
	return status;
}

/*
 * Puts this run's values into `*text`: "{{client_handshake_traffic_secret}}"
 * becomes that secret in hex, "{{early_secret 2}}" the second connection's.
 * The text as written moves to `*raw` the first time, so that binding to
 * another run (the viewer's `r`) fills in that run's values.
 */
static int fill_values(const struct lesson *l, struct values *v, char **raw, char **text,
		       int line, char *why, size_t why_len)
{
	if (!*raw) {
		if (!*text || !strstr(*text, "{{"))
			return 0;
		*raw = *text;
		*text = NULL;
	}
	struct buf out = BUF_INIT;
	const char *p = *raw;
	for (const char *open; (open = strstr(p, "{{"));) {
		const char *close = strstr(open, "}}");
		buf_append(&out, p, (size_t)(open - p));
		if (!close) {
			buf_release(&out);
			return fail_at(why, why_len, l->path, line, "'{{' without its '}}'");
		}
		/* Any length: a long name is an unknown value, said as such. */
		struct buf spec = BUF_INIT;
		buf_printf(&spec, "%.*s", (int)(close - open - 2), open + 2);
		unsigned occurrence = 1;
		int status = split_occurrence(l, (char *)spec.data, &occurrence, line, why, why_len);
		if (status == 0)
			status = append_value(l, v, trim((char *)spec.data), occurrence, line, &out, why,
					      why_len);
		buf_release(&spec);
		if (status != 0) {
			buf_release(&out);
			return -1;
		}
		p = close + 2;
	}
	buf_append(&out, p, strlen(p) + 1);
	free(*text);
	*text = (char *)out.data;
	return 0;
}

/* Orders field notes by step, then field, so that a second note on one field is beside the first. */
static const struct lesson_note *sorted_notes;
static int by_step_and_field(const void *a, const void *b)
{
	const struct lesson_note *x = &sorted_notes[*(const size_t *)a];
	const struct lesson_note *y = &sorted_notes[*(const size_t *)b];
	if (x->step_index != y->step_index)
		return x->step_index < y->step_index ? -1 : 1;
	int c = strcmp(x->field, y->field);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * One note a step, one a field, one question after a step: a second is an
 * error (merging would hide which one the teacher meant to keep). Linear
 * in the notes (and n log n for fields), whatever a file holds.
 */
static int check_unique(const struct lesson *l, const struct trace *t, char *why, size_t why_len)
{
	int *note_at = xcalloc(t->step_count + 1, sizeof(int));
	int *quiz_at = xcalloc(t->step_count + 1, sizeof(int));
	size_t *fields = xcalloc(l->count + 1, sizeof(size_t));
	size_t field_count = 0;
	int status = 0;
	for (size_t i = 0; i < l->count && status == 0; i++) {
		const struct lesson_note *n = &l->notes[i];
		if (n->field) {
			fields[field_count++] = i;
		} else if (note_at[n->step_index]) {
			status = fail_at(why, why_len, l->path, n->line,
					 "a second note on this step (the first is at line %d): write "
					 "them in one block", note_at[n->step_index]);
		} else {
			note_at[n->step_index] = n->line;
		}
	}
	for (size_t i = 0; i < l->quiz_count && status == 0; i++) {
		const struct lesson_quiz *q = &l->quizzes[i];
		if (quiz_at[q->step_index])
			status = fail_at(why, why_len, l->path, q->line,
					 "a second quiz after this step (the first is at line %d): one "
					 "question a step", quiz_at[q->step_index]);
		else
			quiz_at[q->step_index] = q->line;
	}
	sorted_notes = l->notes;
	qsort(fields, field_count, sizeof(size_t), by_step_and_field);
	for (size_t i = 1; i < field_count && status == 0; i++) {
		const struct lesson_note *a = &l->notes[fields[i - 1]], *b = &l->notes[fields[i]];
		if (a->step_index == b->step_index && !strcmp(a->field, b->field))
			status = fail_at(why, why_len, l->path, b->line,
					 "a second note on this field (the first is at line %d): write "
					 "them in one block", a->line);
	}
	free(note_at);
	free(quiz_at);
	free(fields);
	return status;
}

/* Fills in every {{value}} of `l` from the run in `v`. */
static int fill_all_values(struct lesson *l, struct values *v, char *why, size_t why_len)
{
	if (fill_values(l, v, &l->intro_raw, &l->intro, l->intro_line, why, why_len) != 0 ||
	    fill_values(l, v, &l->title_raw, &l->title, 1, why, why_len) != 0)
		return -1;
	for (size_t i = 0; i < l->count; i++) {
		struct lesson_note *n = &l->notes[i];
		if (fill_values(l, v, &n->raw, &n->text, n->line, why, why_len) != 0)
			return -1;
	}
	for (size_t i = 0; i < l->quiz_count; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		if (fill_values(l, v, &q->explain_raw, &q->explain, q->line, why, why_len) != 0 ||
		    fill_values(l, v, &q->question_raw, &q->question, q->line, why, why_len) != 0)
			return -1;
		for (size_t k = 0; k < q->choice_count; k++)
			if (fill_values(l, v, &q->choices_raw[k], &q->choices[k], q->line, why,
					why_len) != 0)
				return -1;
	}
	return 0;
}

int lesson_bind(struct lesson *l, const struct trace *t, char *why, size_t why_len)
{
	struct field **trees = xcalloc(t->step_count + 1, sizeof(*trees));
	int status = 0;
	for (size_t i = 0; i < l->count && status == 0; i++)
		status = bind_note(l, &l->notes[i], t, trees, why, why_len);
	for (size_t i = 0; i < t->step_count; i++)
		field_free(trees[i]);
	free(trees);
	struct values v = { .t = t };
	if (status == 0)
		status = fill_all_values(l, &v, why, why_len);
	if (v.built)
		math_view_release(&v.all);
	for (size_t i = 0; i < l->quiz_count && status == 0; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		status = find_step(l, t, q->after, q->occurrence, q->line, &q->step_index, why,
				   why_len);
	}
	if (status == 0)
		status = check_unique(l, t, why, why_len);
	if (status != 0)
		return -1;
	lesson_shuffle(l, quiz_run_seed(t));
	return 0;
}

const struct lesson_quiz *lesson_quiz_after(const struct lesson *l, size_t step)
{
	for (size_t i = 0; l && i < l->quiz_count; i++)
		if (l->quizzes[i].step_index == step)
			return &l->quizzes[i];
	return NULL;
}

const char *lesson_step_note(const struct lesson *l, size_t step)
{
	for (size_t i = 0; l && i < l->count; i++)
		if (!l->notes[i].field && l->notes[i].step_index == step)
			return l->notes[i].text;
	return NULL;
}

const char *lesson_field_note(const struct lesson *l, size_t step, const char *field)
{
	for (size_t i = 0; l && i < l->count; i++)
		if (l->notes[i].field && l->notes[i].step_index == step &&
		    strcmp(l->notes[i].field, field) == 0)
			return l->notes[i].text;
	return NULL;
}

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

int lesson_folder(char *out, size_t out_len)
{
	/* Beside the binary (a checkout: ./tlsviz and ./lessons), then where make install puts them. */
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[len > 0 ? len : 0] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	const char *const places[] = { "%s/lessons", "%s/../share/tlsviz/lessons" };
	for (size_t i = 0; len > 0 && i < sizeof(places) / sizeof(places[0]); i++) {
		snprintf(out, out_len, places[i], exe);
		if (access(out, R_OK | X_OK) == 0)
			return 0;
	}
	snprintf(out, out_len, "%s", TLSVIZ_LESSONS_DIR);
	return access(out, R_OK | X_OK) == 0 ? 0 : -1;
}

int lesson_find(const char *name, char *out, size_t out_len, char *why, size_t why_len)
{
	size_t n = strlen(name);
	struct buf shown_name = BUF_INIT; /* as errors write it */
	text_escape(&shown_name, name, n);
	if (strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".lesson"))) {
		snprintf(out, out_len, "%s", name);
		bool ok = readable(out);
		if (!ok)
			snprintf(why, why_len, "cannot read the lesson %s: %s",
				 (char *)shown_name.data, strerror(errno));
		buf_release(&shown_name);
		return ok ? 0 : -1;
	}
	char folder[PATH_MAX];
	if (lesson_folder(folder, sizeof(folder)) == 0) {
		snprintf(out, out_len, "%s/%s.lesson", folder, name);
		if (readable(out)) {
			buf_release(&shown_name);
			return 0;
		}
	}
	snprintf(why, why_len, "no lesson called '%s' (tlsviz --list shows the lessons)",
		 (char *)shown_name.data);
	buf_release(&shown_name);
	return -1;
}

void lesson_release(struct lesson *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->notes[i].step);
		free(l->notes[i].field);
		free(l->notes[i].text);
		free(l->notes[i].raw);
	}
	free(l->notes);
	for (size_t i = 0; i < l->quiz_count; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		free(q->after);
		free(q->question);
		free(q->explain);
		free(q->explain_raw);
		free(q->question_raw);
		for (size_t k = 0; k < q->choice_count; k++) {
			free(q->choices[k]);
			free(q->choices_raw[k]);
		}
	}
	free(l->quizzes);
	free(l->path);
	free(l->title);
	free(l->title_raw);
	free(l->scenario);
	free(l->intro);
	free(l->intro_raw);
	memset(l, 0, sizeof(*l));
}

size_t lesson_list(const char *folder, struct lesson_entry **out)
{
	struct dirent **names;
	int n = scandir(folder, &names, NULL, alphasort);
	size_t count = 0;
	*out = xcalloc(n > 0 ? (size_t)n : 1, sizeof(**out));
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name);
		if (len > 7 && !strcmp(name + len - 7, ".lesson")) {
			struct lesson_entry *e = &(*out)[count++];
			struct buf path = BUF_INIT;
			buf_printf(&path, "%s/%s", folder, name);
			buf_append(&path, "", 1);
			e->path = (char *)path.data;
			e->name = xstrdup(name);
			e->name[len - 7] = '\0';
			struct lesson l;
			char why[512];
			if (lesson_load(e->path, &l, why, sizeof(why)) == 0) {
				e->scenario = xstrdup(l.scenario);
				e->title = xstrdup(l.title);
			} else {
				e->broken = xstrdup(why);
			}
			lesson_release(&l);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return count;
}

void lesson_list_release(struct lesson_entry *entries, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(entries[i].name);
		free(entries[i].path);
		free(entries[i].scenario);
		free(entries[i].title);
		free(entries[i].broken);
	}
	free(entries);
}
