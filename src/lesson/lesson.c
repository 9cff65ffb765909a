#include "lesson/lesson.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "decode/decode.h"

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
	return -1;
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

/* "Finished 2" -> name "Finished", occurrence 2; "SYN ACK" -> occurrence 1. */
static void split_occurrence(char *words, unsigned *occurrence)
{
	*occurrence = 1;
	char *last = strrchr(words, ' ');
	if (!last)
		return;
	char *end;
	unsigned long n = strtoul(last + 1, &end, 10);
	if (*end == '\0' && n > 0 && n < 1000) {
		*occurrence = (unsigned)n;
		*last = '\0';
		trim(words);
	}
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
	split_occurrence(spec, &n->occurrence);
	if (!*spec)
		return fail_at(why, len, l->path, line, "a step needs a message name");
	n->step = xstrdup(spec);
	return 0;
}

/* Starts a quiz block from the header text after "quiz after ". */
static void start_quiz(struct lesson *l, char *spec, int line)
{
	ARRAY_GROW(l->quizzes, l->quiz_count, l->quiz_cap);
	struct lesson_quiz *q = &l->quizzes[l->quiz_count++];
	memset(q, 0, sizeof(*q));
	q->line = line;
	split_occurrence(spec, &q->occurrence);
	q->after = xstrdup(spec);
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

int lesson_load(const char *path, struct lesson *out, char *why, size_t why_len)
{
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, why_len, "cannot read the lesson %s: %s", path, strerror(errno));
		return -1;
	}
	char raw[2048];
	int line = 0, status = 0, block_line = 0;
	char **open = NULL; /* the text the indented lines go to */
	struct lesson_quiz *quiz = NULL; /* or the quiz they make up */
	struct buf text = BUF_INIT;
	while (status == 0 && fgets(raw, sizeof(raw), f)) {
		line++;
		raw[strcspn(raw, "\r\n")] = '\0';
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
					 "'field NAME FIELD:', not '%.40s'", raw);
			break;
		}
		*colon = '\0';
		char *key = trim(raw), *rest = trim(colon + 1);
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
					 "put the text of '%s:' on the indented lines below it", key);
			break;
		}
		block_line = line;
		if (!strcmp(key, "intro") && out->intro) {
			status = fail_at(why, why_len, path, line, "a second 'intro:'");
		} else if (!strcmp(key, "intro")) {
			open = &out->intro;
			out->intro_line = line;
		} else if (!strncmp(key, "quiz after ", 11)) {
			start_quiz(out, trim(key + 11), line);
			quiz = &out->quizzes[out->quiz_count - 1];
		} else if (!strncmp(key, "step ", 5) || !strncmp(key, "field ", 6)) {
			bool field = key[0] == 'f';
			status = start_note(out, trim(key + (field ? 6 : 5)), field, line, why, why_len);
			if (status == 0)
				open = &out->notes[out->count - 1].text;
		} else {
			status = fail_at(why, why_len, path, line,
					 "unknown block '%s' (expected intro, step NAME, field NAME "
					 "FIELD or quiz after NAME)", key);
		}
	}
	fclose(f);
	if (status == 0 && quiz)
		status = check_quiz(out, quiz, why, why_len);
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
	size_t d = distance(wanted, candidate);
	size_t limit = strlen(wanted) / 3 + 1;
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
	if (seen)
		return fail_at(why, why_len, l->path, line, "'%s' occurs %u time%s in %s, not %u",
			       wanted, seen, seen == 1 ? "" : "s", t->scenario, occurrence);
	if (best[0])
		return fail_at(why, why_len, l->path, line,
			       "unknown message '%s' (did you mean '%s'?)", wanted, best);
	return fail_at(why, why_len, l->path, line, "unknown message '%s' in %s", wanted,
		       t->scenario);
}

static int bind_note(struct lesson *l, struct lesson_note *n, const struct trace *t, char *why,
		     size_t why_len)
{
	if (find_step(l, t, n->step, n->occurrence, n->line, &n->step_index, why, why_len) != 0)
		return -1;
	if (!n->field)
		return 0;
	struct field *tree = decode_step(t, &t->steps[n->step_index]);
	bool found = field_find(tree, n->field) != NULL;
	const char *field_best = NULL;
	size_t field_distance = SIZE_MAX;
	char suggestion[64] = "";
	if (!found) {
		collect_field_names(tree, n->field, &field_best, &field_distance);
		if (field_best)
			snprintf(suggestion, sizeof(suggestion), " (did you mean '%s'?)", field_best);
	}
	field_free(tree);
	if (found)
		return 0;
	return fail_at(why, why_len, l->path, n->line, "unknown field '%s' in %s%s", n->field,
		       n->step, suggestion);
}

/*
 * The value of secret `name` (its `occurrence`-th, counting the run's
 * connections in order) in hex, appended to `out`; -1 with the error when the
 * trace has no such value.
 */
static int append_value(const struct lesson *l, const struct trace *t, const char *name,
			unsigned occurrence, int line, struct buf *out, char *why, size_t why_len)
{
	unsigned seen = 0;
	const char *best = NULL;
	size_t best_distance = SIZE_MAX;
	for (size_t i = 0; i < t->secret_count; i++) {
		const struct derived_secret *d = &t->secrets[i];
		if (strcmp(d->name, name) != 0) {
			consider(name, d->name, &best, &best_distance);
			continue;
		}
		if (++seen != occurrence)
			continue;
		for (size_t j = 0; j < d->len; j++)
			buf_printf(out, "%02x", d->bytes[j]);
		return 0;
	}
	if (seen)
		return fail_at(why, why_len, l->path, line, "value '%s' occurs %u time%s in %s, not %u",
			       name, seen, seen == 1 ? "" : "s", t->scenario, occurrence);
	if (best)
		return fail_at(why, why_len, l->path, line, "unknown value '%s' (did you mean '%s'?)",
			       name, best);
	return fail_at(why, why_len, l->path, line, "unknown value '%s' in %s", name, t->scenario);
}

/*
 * Puts this run's values into `*text`: "{{client_handshake_traffic_secret}}"
 * becomes that secret in hex, "{{early_secret 2}}" the second connection's.
 * The text as written moves to `*raw` the first time, so that binding to
 * another run (the viewer's `r`) fills in that run's values.
 */
static int fill_values(const struct lesson *l, const struct trace *t, char **raw, char **text,
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
		char spec[96];
		if (!close || (size_t)(close - open - 2) >= sizeof(spec)) {
			buf_release(&out);
			return fail_at(why, why_len, l->path, line, "'{{' without its '}}'");
		}
		snprintf(spec, sizeof(spec), "%.*s", (int)(close - open - 2), open + 2);
		unsigned occurrence = 1;
		split_occurrence(spec, &occurrence);
		if (append_value(l, t, trim(spec), occurrence, line, &out, why, why_len) != 0) {
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

int lesson_bind(struct lesson *l, const struct trace *t, char *why, size_t why_len)
{
	if (fill_values(l, t, &l->intro_raw, &l->intro, l->intro_line, why, why_len) != 0)
		return -1;
	for (size_t i = 0; i < l->count; i++) {
		struct lesson_note *n = &l->notes[i];
		if (bind_note(l, n, t, why, why_len) != 0 ||
		    fill_values(l, t, &n->raw, &n->text, n->line, why, why_len) != 0)
			return -1;
	}
	for (size_t i = 0; i < l->quiz_count; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		if (fill_values(l, t, &q->explain_raw, &q->explain, q->line, why, why_len) != 0)
			return -1;
	}
	for (size_t i = 0; i < l->quiz_count; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		if (find_step(l, t, q->after, q->occurrence, q->line, &q->step_index, why,
			      why_len) != 0)
			return -1;
	}
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
	if (strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".lesson"))) {
		snprintf(out, out_len, "%s", name);
		if (readable(out))
			return 0;
		snprintf(why, why_len, "cannot read the lesson %s: %s", name, strerror(errno));
		return -1;
	}
	char folder[PATH_MAX];
	if (lesson_folder(folder, sizeof(folder)) == 0) {
		snprintf(out, out_len, "%s/%s.lesson", folder, name);
		if (readable(out))
			return 0;
	}
	snprintf(why, why_len, "no lesson called '%s' (tlsviz --list shows the lessons)", name);
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
		for (size_t k = 0; k < q->choice_count; k++)
			free(q->choices[k]);
	}
	free(l->quizzes);
	free(l->path);
	free(l->title);
	free(l->scenario);
	free(l->intro);
	free(l->intro_raw);
	memset(l, 0, sizeof(*l));
}
