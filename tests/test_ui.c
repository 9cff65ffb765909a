/*
 * The viewer without a terminal: what each key does to the view, and the
 * painted screen model of every step of every scenario at two terminal sizes,
 * compared with golden screens made with --seed 1 (make golden writes them).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "lesson/lesson.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "suites.h"

static const struct {
	int width, height;
} sizes[] = { { 80, 24 }, { 160, 48 } };

static void open_view(struct view *v, const char *scenario)
{
	memset(v, 0, sizeof(*v));
	v->run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	ck_assert_int_eq(view_open(v, scenario_find(scenario)), 0);
}

/*
 * Loads the lesson at `path` into `l` and opens `v` on `scenario` with it,
 * seeded, in quiz mode `mode`.
 */
static void open_with_lesson(struct view *v, struct lesson *l, const char *path,
			     const char *scenario, enum quiz_mode mode)
{
	char why[512];
	ck_assert_msg(lesson_load(path, l, why, sizeof(why)) == 0, "%s", why);
	memset(v, 0, sizeof(*v));
	v->run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	v->lesson = l;
	v->quiz_mode = mode;
	ck_assert_int_eq(view_open(v, scenario_find(scenario)), 0);
}

/* The same with the lesson's text in `text`, in a temporary file while it loads. */
static void open_with_lesson_text(struct view *v, struct lesson *l, const struct buf *text,
				  const char *scenario, enum quiz_mode mode)
{
	char path[] = "/tmp/tlsviz-test-lesson-XXXXXX";
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, text->data, text->len), (ssize_t)text->len);
	close(fd);
	open_with_lesson(v, l, path, scenario, mode);
	unlink(path);
}

/* Every step of `scenario`, painted at one size, as one text. */
static char *all_screens(const char *scenario, int width, int height)
{
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, scenario);
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < v.step_count; i++) {
		if (i)
			view_act(&v, ACTION_NEXT);
		screen_draw(&s, &v, width, height);
		char *text = screen_text(&s);
		buf_printf(&out, "=== %s %dx%d step %zu/%zu\n%s", scenario, width, height, i + 1,
			   v.step_count, text);
		free(text);
	}
	buf_append(&out, "", 1);
	screen_release(&s);
	view_release(&v);
	return (char *)out.data;
}

static char *golden_path(const char *scenario, int width, int height)
{
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/tests/golden/screens/%s-%dx%d.txt", TLSVIZ_SOURCE_DIR, scenario, width,
		   height);
	buf_append(&path, "", 1);
	return (char *)path.data;
}

START_TEST(screens_match_golden)
{
	if (!engine_seed_supported())
		return; /* a system build cannot reproduce the bytes */
	size_t n_sizes = sizeof(sizes) / sizeof(sizes[0]);
	const struct scenario *sc = &scenarios[(size_t)_i / n_sizes];
	int w = sizes[(size_t)_i % n_sizes].width, h = sizes[(size_t)_i % n_sizes].height;
	if (engine_unavailable_reason(sc) || sc->bulk_bytes)
		return; /* thousands of steps of screens would say no more than the others */
	char *got = all_screens(sc->name, w, h);
	char *path = golden_path(sc->name, w, h);
	if (getenv("TLSVIZ_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs(got, f);
		fclose(f);
	}
	struct buf want = BUF_INIT;
	ck_assert_msg(read_whole_file(path, &want), "%s is missing (make golden writes it)", path);
	ck_assert_msg(strcmp(got, (char *)want.data) == 0,
		      "%s differs from the painted screens (make golden updates it)", path);
	buf_release(&want);
	free(path);
	free(got);
}
END_TEST

START_TEST(stepping_stays_in_bounds)
{
	struct view v;
	open_view(&v, "tls12-ecdhe");
	ck_assert_uint_eq(v.current, 0);
	ck_assert_int_eq(view_act(&v, ACTION_PREV), HANDLED); /* nothing before the first */
	view_act(&v, ACTION_LAST);
	ck_assert_uint_eq(v.current, v.step_count - 1);
	ck_assert_int_eq(view_act(&v, ACTION_NEXT), HANDLED);
	ck_assert_uint_eq(v.current, v.step_count - 1);
	/* The whole diagram, notes included, shows at the last step. */
	ck_assert_uint_eq(view_diagram_lines(&v), v.layout.count);
	view_act(&v, ACTION_FIRST);
	ck_assert_uint_lt(view_diagram_lines(&v), v.layout.count);
	ck_assert_int_eq(view_act(&v, ACTION_QUIT) & QUIT, QUIT);
	view_release(&v);
}
END_TEST

START_TEST(fields_fold_and_ciphertext_toggles)
{
	struct view v;
	open_view(&v, "tls13");
	/* To the first protected message: EncryptedExtensions. */
	while (strstr(v.flat[0].f->name, "EncryptedExtensions") == NULL)
		ck_assert(view_act(&v, ACTION_NEXT) & REDRAW);
	size_t lines = v.flat_count;
	v.focus = PANE_FIELDS;
	view_act(&v, ACTION_TOGGLE); /* the root folds */
	ck_assert_uint_eq(v.flat_count, 1);
	view_act(&v, ACTION_TOGGLE);
	ck_assert_uint_eq(v.flat_count, lines);
	view_act(&v, ACTION_CIPHERTEXT);
	ck_assert_str_eq(v.flat[0].f->name, "TLSCiphertext");
	ck_assert_uint_eq(v.bytes[0], 23); /* the record header: application_data */
	view_act(&v, ACTION_CIPHERTEXT);
	ck_assert_str_eq(v.flat[0].f->name, "EncryptedExtensions");
	/* On a message in clear, x says why nothing changes. */
	view_act(&v, ACTION_FIRST);
	view_act(&v, ACTION_CIPHERTEXT);
	ck_assert_ptr_nonnull(strstr(v.message, "in clear"));
	view_release(&v);
}
END_TEST

START_TEST(tcp_toggle_shows_every_segment)
{
	struct view v;
	open_view(&v, "tls13");
	size_t steps = v.step_count;
	view_act(&v, ACTION_TCP);
	ck_assert_uint_gt(v.step_count, steps);
	ck_assert_uint_eq(v.step_count, v.trace.step_count);
	view_act(&v, ACTION_TCP);
	ck_assert_uint_eq(v.step_count, steps);
	view_release(&v);
}
END_TEST

START_TEST(search_finds_the_server_name)
{
	struct view v;
	open_view(&v, "tls13");
	view_act(&v, ACTION_SEARCH);
	ck_assert_int_eq(v.dialog, DIALOG_SEARCH);
	for (const char *p = "www.example"; *p; p++)
		view_type(&v, *p);
	view_type(&v, '\n');
	ck_assert_ptr_nonnull(strstr(v.flat[v.selected].f->value, "www.example.com"));
	ck_assert_str_eq(message_name(&v.trace.messages[view_step(&v)->index]), "ClientHello");
	size_t first = v.current;
	view_act(&v, ACTION_SEARCH_NEXT); /* the next one: further in the trace */
	ck_assert(v.current > first || v.selected > 0);
	view_release(&v);
}
END_TEST

START_TEST(export_prompt_writes_the_file)
{
	struct view v;
	open_view(&v, "tls12-ecdhe");
	char path[] = "/tmp/tlsviz-ui-export-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(path));
	view_act(&v, ACTION_EXPORT);
	/* The first choice offered: a capture with its keys inside. */
	ck_assert_str_eq(v.input, "tls12-ecdhe.pcapng");
	v.input[0] = '\0';
	struct buf file = BUF_INIT;
	buf_printf(&file, "%s/trace.json", path);
	for (const char *p = (char *)file.data; *p; p++)
		view_type(&v, *p);
	view_type(&v, '\n');
	ck_assert_msg(access((char *)file.data, R_OK) == 0, "%s", v.message);
	ck_assert_ptr_nonnull(strstr(v.message, "exported"));
	unlink((char *)file.data);
	/* An unknown extension is refused on the status line. */
	view_act(&v, ACTION_EXPORT);
	strcpy(v.input, "trace.doc");
	view_type(&v, '\n');
	ck_assert_ptr_nonnull(strstr(v.message, "name the file"));
	rmdir(path);
	buf_release(&file);
	view_release(&v);
}
END_TEST

START_TEST(clicks_select_steps_and_fields)
{
	struct view v;
	open_view(&v, "tls12-ecdhe");
	view_act(&v, ACTION_LAST);
	/* The diagram line that shows step 5 (the ServerHello) selects it. */
	size_t line = 0;
	while (v.layout.lines[line].step != v.steps[4])
		line++;
	view_click(&v, PANE_DIAGRAM, line);
	ck_assert_uint_eq(v.current, 4);
	ck_assert_str_eq(v.flat[0].f->name, "ServerHello");
	view_click(&v, PANE_FIELDS, 3);
	ck_assert_uint_eq(v.selected, 3);
	ck_assert_int_eq(v.focus, PANE_FIELDS);
	view_release(&v);
}
END_TEST

START_TEST(drill_asks_what_comes_next)
{
	struct view v;
	open_view(&v, "tls12-ecdhe");
	v.quiz_mode = QUIZ_DRILL;
	/* TCP is not asked, nor the ClientHello (nothing else can come first). */
	for (int i = 0; i < 3; i++) {
		view_act(&v, ACTION_NEXT);
		ck_assert_int_eq(v.dialog, DIALOG_NONE);
	}
	ck_assert(view_act(&v, ACTION_NEXT) & REDRAW);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	ck_assert_uint_eq(v.current, 3); /* the next step stays hidden */
	ck_assert_str_eq(v.question.question, "What does the server send next?");
	ck_assert_str_eq(v.question.choices[v.question.answer], "ServerHello");
	ck_assert_uint_ge(v.question.count, 2);
	for (size_t i = 0; i < v.question.count; i++)
		for (size_t k = i + 1; k < v.question.count; k++)
			ck_assert_str_ne(v.question.choices[i], v.question.choices[k]);
	/* A wrong answer first, then on to the next step. */
	size_t wrong = v.question.answer == 0 ? 1 : 0;
	view_type(&v, (int)('1' + wrong));
	ck_assert(v.answered);
	ck_assert_uint_eq(v.right, 0);
	ck_assert_uint_eq(v.asked, 1);
	view_type(&v, ' ');
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	ck_assert_uint_eq(v.current, 4);
	/* The right one next time. */
	view_act(&v, ACTION_NEXT);
	ck_assert_str_eq(v.question.question, "What does the server send next?");
	view_type(&v, (int)('1' + v.question.answer));
	ck_assert_uint_eq(v.right, 1);
	ck_assert_uint_eq(v.asked, 2);
	/* Going back and forth does not ask again. */
	view_type(&v, ' ');
	view_act(&v, ACTION_PREV);
	view_act(&v, ACTION_NEXT);
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	/* To the end, answering 1 every time: then the summary, beside what guessing scores. */
	while (v.current + 1 < v.step_count && v.dialog != DIALOG_QUIZ_SUMMARY) {
		view_act(&v, ACTION_NEXT);
		if (v.dialog == DIALOG_QUIZ) {
			view_type(&v, '1');
			view_type(&v, ' ');
		}
	}
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ_SUMMARY);
	ck_assert_uint_ge(v.asked, 10);
	ck_assert(v.chance > v.asked / 4.0 && v.chance < v.asked / 2.0 + 0.01);
	struct screen s;
	memset(&s, 0, sizeof(s));
	screen_draw(&s, &v, 100, 30);
	char *text = screen_text(&s);
	ck_assert_ptr_nonnull(strstr(text, "Quiz done (any key closes)"));
	ck_assert_ptr_nonnull(strstr(text, "Answering at random would score about"));
	ck_assert_ptr_nonnull(strstr(text, ": 5. ServerHello")); /* the first one missed */
	free(text);
	screen_release(&s);
	view_act(&v, ACTION_NONE);
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	view_release(&v);
}
END_TEST

/* With every segment shown (t), the drill asks TCP too: after the SYN, SYN ACK or RST. */
START_TEST(drill_asks_tcp_with_t)
{
	struct view v;
	open_view(&v, "tls13");
	v.quiz_mode = QUIZ_DRILL;
	view_act(&v, ACTION_TCP);
	ck_assert_ptr_nonnull(strstr(v.message, "the drill asks TCP too"));
	view_act(&v, ACTION_NEXT);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	ck_assert_uint_eq(v.current, 0);
	ck_assert_str_eq(v.question.question, "What does the server send next?");
	ck_assert_uint_eq(v.question.count, 2);
	ck_assert_str_eq(v.question.choices[v.question.answer], "SYN ACK");
	ck_assert_str_eq(v.question.choices[1 - v.question.answer], "RST");
	view_release(&v);
}
END_TEST

START_TEST(lesson_asks_its_questions)
{
	struct view v;
	struct lesson l;
	open_with_lesson(&v, &l, TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", "tls13", QUIZ_LESSON);
	/* No question until the ServerHello, the fifth step. */
	for (int i = 0; i < 4; i++) {
		view_act(&v, ACTION_NEXT);
		ck_assert_int_eq(v.dialog, DIALOG_NONE);
	}
	view_act(&v, ACTION_NEXT);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	ck_assert_ptr_nonnull(strstr(v.question.question, "This ServerHello travels in clear."));
	view_type(&v, (int)('1' + v.question.answer));
	ck_assert_uint_eq(v.right, 1);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/* With questions on, nothing moves past one still to be answered: G, N, a click below. */
START_TEST(questions_hold_the_next_step)
{
	struct view v;
	struct lesson l;
	open_with_lesson(&v, &l, TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", "tls13", QUIZ_LESSON);
	/* A blank row under the diagram is where later steps will be drawn: not a way there. */
	size_t last_line = 0;
	while (v.layout.lines[last_line].step != v.steps[v.step_count - 1])
		last_line++;
	view_click(&v, PANE_DIAGRAM, last_line);
	ck_assert_uint_eq(v.current, 0);
	/* G stops at the ServerHello (the fifth step) and asks the question after it. */
	view_act(&v, ACTION_LAST);
	ck_assert_uint_eq(v.current, 4);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	view_type(&v, 27); /* Esc: later */
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	view_act(&v, ACTION_LAST);
	ck_assert_uint_eq(v.current, 4);
	view_type(&v, 27);
	/* A search finds nothing beyond it: EncryptedExtensions comes after the question. */
	snprintf(v.search, sizeof(v.search), "EncryptedExtensions");
	view_act(&v, ACTION_SEARCH_NEXT);
	ck_assert_uint_le(v.current, 4);
	ck_assert_ptr_nonnull(strstr(v.message, "a question comes first"));
	view_click(&v, PANE_DIAGRAM, last_line);
	ck_assert_uint_le(v.current, 4);
	/* Answered, the way is open. */
	view_act(&v, ACTION_LAST);
	view_type(&v, (int)('1' + v.question.answer));
	view_type(&v, ' ');
	ck_assert_uint_eq(v.current, 5);
	view_act(&v, ACTION_SEARCH_NEXT);
	ck_assert_ptr_nonnull(strstr(v.message, "found"));
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/* Every row of the frame fits the terminal's columns, by display width. */
static void assert_rows_fit(const struct screen *s)
{
	char *text = screen_text(s);
	int row = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), row++)
		ck_assert_msg(text_width(line) <= (size_t)s->width, "row %d is %zu columns: %s", row,
			      text_width(line), line);
	free(text);
}

/*
 * Wide characters (CJK, emoji) in a lesson take two columns each: the
 * narration wraps by columns, the quiz dialog stays aligned, nothing is cut
 * inside a character.
 */
START_TEST(wide_characters_keep_their_cells)
{
	struct buf text = BUF_INIT;
	buf_printf(&text, "title: \u6f22\u5b57 \U0001f600\nscenario: tls13\n\nintro:\n   ");
	for (int i = 0; i < 60; i++)
		buf_printf(&text, " \u6f22\u5b57\u6f22\u5b57\U0001f600");
	buf_printf(&text, "\n\nquiz after SYN:\n    ? \u6b21\u306f? \U0001f600\n"
			  "    + SYN ACK \u6f22\u5b57\U0001f600\n    - ACK \U0001f600\U0001f600\n"
			  "    = \u8aac\u660e \u6f22\u5b57.\n");
	struct lesson l;
	struct view v;
	open_with_lesson_text(&v, &l, &text, "tls13", QUIZ_LESSON);
	buf_release(&text);
	struct screen s;
	memset(&s, 0, sizeof(s));
	for (int size = 0; size < 2; size++) {
		screen_draw(&s, &v, sizes[size].width, sizes[size].height);
		assert_rows_fit(&s);
		char *screen = screen_text(&s);
		ck_assert_ptr_nonnull(strstr(screen, "\u6f22\u5b57\u6f22\u5b57\U0001f600 "));
		free(screen);
	}
	/* Each wide character is a cell and an empty one after it. */
	size_t wide = 0;
	for (int i = 0; i + 1 < s.width * s.height; i++)
		if (!strcmp(s.cells[i].text, "\U0001f600")) {
			ck_assert_str_eq(s.cells[i + 1].text, "");
			wide++;
		}
	ck_assert_uint_gt(wide, 10);
	view_act(&v, ACTION_NEXT);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	view_type(&v, (int)('1' + v.question.answer));
	for (int size = 0; size < 2; size++) {
		screen_draw(&s, &v, sizes[size].width, sizes[size].height);
		assert_rows_fit(&s);
		char *screen = screen_text(&s);
		ck_assert_ptr_nonnull(strstr(screen, "SYN ACK \u6f22\u5b57\U0001f600"));
		ck_assert_ptr_nonnull(strstr(screen, "ACK \U0001f600\U0001f600"));
		free(screen);
	}
	/* l shows it whole, and scrolls when it is longer than the dialog. */
	view_type(&v, ' ');
	view_act(&v, ACTION_FIRST);
	view_act(&v, ACTION_NARRATION);
	ck_assert_int_eq(v.dialog, DIALOG_NARRATION);
	screen_draw(&s, &v, 80, 24);
	assert_rows_fit(&s);
	screen_release(&s);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/* l shows a narration longer than the screen whole: it scrolls, within its ends. */
START_TEST(long_narration_scrolls)
{
	struct buf text = BUF_INIT;
	buf_printf(&text, "title: Long\nscenario: tls13\nintro:\n");
	for (int i = 1; i <= 100; i++)
		buf_printf(&text, "    paragraph %d.\n\n", i);
	struct lesson l;
	struct view v;
	open_with_lesson_text(&v, &l, &text, "tls13", QUIZ_OFF);
	buf_release(&text);
	struct screen s;
	memset(&s, 0, sizeof(s));
	view_act(&v, ACTION_NARRATION);
	static const struct {
		enum action key;
		const char *title, *shown;
	} steps[] = {
		/* A blank row between paragraphs: paragraph k is on row 2k - 1; then the
		 * generic explanation, after a blank row. */
		{ ACTION_NONE, "Lesson, rows 1-20 of 202", "paragraph 1." },
		{ ACTION_DOWN, "Lesson, rows 2-21 of 202", "paragraph 11." },
		{ ACTION_PAGE_DOWN, "Lesson, rows 12-31 of 202", "paragraph 16." },
		{ ACTION_UP, "Lesson, rows 11-30 of 202", "paragraph 6." },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i].key != ACTION_NONE)
			view_act(&v, steps[i].key);
		screen_draw(&s, &v, 80, 24);
		char *screen = screen_text(&s);
		ck_assert_msg(strstr(screen, steps[i].title) && strstr(screen, steps[i].shown),
			      "%zu:\n%s", i, screen);
		free(screen);
	}
	for (int i = 0; i < 20; i++)
		view_act(&v, ACTION_PAGE_DOWN);
	screen_draw(&s, &v, 80, 24);
	char *screen = screen_text(&s);
	ck_assert_ptr_nonnull(strstr(screen, "Lesson, rows 183-202 of 202"));
	ck_assert_ptr_nonnull(strstr(screen, "paragraph 100."));
	free(screen);
	view_act(&v, ACTION_NEXT); /* any other key closes it */
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	screen_release(&s);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

START_TEST(too_small_says_so)
{
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, "tls13");
	screen_draw(&s, &v, 50, 10);
	char *text = screen_text(&s);
	ck_assert_ptr_nonnull(strstr(text, "terminal too small (needs 80x24)"));
	free(text);
	screen_draw(&s, &v, 80, 24);
	text = screen_text(&s);
	ck_assert_ptr_null(strstr(text, "too small"));
	ck_assert_ptr_nonnull(strstr(text, "step 1/"));
	free(text);
	screen_release(&s);
	view_release(&v);
}
END_TEST

/* The scenarios a class steps through, and the sizes it projects them at. */
static const char *const classroom[] = {
	"tls12-rsa", "tls13", "tls13-hrr", "tls13-resume", "tls13-0rtt", "fail-hostname",
	"tamper-record",
};
static const int classroom_sizes[][2] = { { 80, 24 }, { 120, 35 } };

/* The status line's rows (those painted in its style), joined by a space. */
static char *status_of(const struct screen *s)
{
	struct buf out = BUF_INIT;
	for (int y = 0; y < s->height; y++) {
		if (s->cells[(size_t)y * (size_t)s->width].style != STYLE_STATUS)
			continue;
		int end = s->width;
		while (end > 0 &&
		       strcmp(s->cells[(size_t)y * (size_t)s->width + (size_t)end - 1].text, " ") == 0)
			end--;
		for (int x = 1; x < end; x++) {
			const char *t = s->cells[(size_t)y * (size_t)s->width + (size_t)x].text;
			buf_append(&out, t, strlen(t));
		}
		buf_append(&out, " ", 1);
	}
	buf_append(&out, "", 1);
	return (char *)out.data;
}

/* The first trace step of connection 0 that is a handshake message of `type`, or SIZE_MAX. */
static size_t first_handshake(const struct trace *t, uint8_t type, int dir)
{
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *st = &t->steps[i];
		if (st->kind != STEP_MESSAGE || st->conn != 0)
			continue;
		const struct message *m = &t->messages[st->index];
		if (m->kind == MESSAGE_HANDSHAKE && m->type == type && (dir < 0 || (int)m->dir == dir))
			return i;
	}
	return SIZE_MAX;
}

/*
 * At every step of every classroom scenario, at 80x24 and 120x35: the status
 * line is whole (wrapped, never cut), says the step, the key and what is
 * negotiated so far and nothing later, keeps its key hint at the end, and a
 * failure's last step tells what went wrong and which alert crossed the wire.
 */
START_TEST(status_line_tells_the_news_so_far)
{
	const char *name = classroom[_i / 2];
	const int *size = classroom_sizes[_i % 2];
	if (engine_unavailable_reason(scenario_find(name))) {
		fprintf(stderr, "skipped: %s is unavailable in this build\n", name);
		return;
	}
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, name);
	const char *suite =
		registry_name(REG_CIPHER_SUITE, v.trace.conns[0].negotiated.cipher_suite);
	size_t hello = first_handshake(&v.trace, 2, -1);
	size_t fin_c = first_handshake(&v.trace, 20, DIR_CLIENT_TO_SERVER);
	size_t fin_s = first_handshake(&v.trace, 20, DIR_SERVER_TO_CLIENT);
	for (size_t i = 0; i < v.step_count; i++) {
		if (i)
			view_act(&v, ACTION_NEXT);
		screen_draw(&s, &v, size[0], size[1]);
		assert_rows_fit(&s);
		char *status = status_of(&s);
		char step[32];
		snprintf(step, sizeof(step), "step %zu/%zu ", i + 1, v.step_count);
		ck_assert_msg(strncmp(status, step, strlen(step)) == 0, "%s: %s", step, status);
		ck_assert_msg(!strstr(status, "…"), "%s %s cut: %s", name, step, status);
		const char *hint = strstr(status, "? help");
		ck_assert_msg(!hint || strcmp(hint, "? help  q quit ") == 0, "hint inside: %s", status);
		size_t at = v.steps[i];
		if (v.trace.steps[at].conn == 0 && suite) {
			bool told = strstr(status, suite) != NULL;
			ck_assert_msg(told == (at >= hello), "%s %s: suite %s before ServerHello: %s",
				      name, step, told ? "told" : "untold", status);
		}
		bool verified = strstr(status, "Finished verified") != NULL;
		if (v.trace.steps[at].conn == 0 && verified)
			ck_assert_msg(at >= fin_c && at >= fin_s, "%s %s: %s", name, step, status);
		if (strstr(status, "keys: "))
			ck_assert_msg(strstr(status, "_secret") || strstr(status, "master_secret"),
				      "%s", status);
		/* The banner heads the explanation on a failed run's last step, and only there. */
		struct section parts[SECTION_MAX];
		size_t n = view_sections(&v, parts);
		ck_assert_int_eq(n && parts[0].kind == SECTION_FAILURE,
				 i + 1 == v.step_count && v.outcome != OUTCOME_COMPLETE);
		/* The explanation's last word is on the screen, or the pane says where the rest is. */
		char explanation[1024];
		view_explanation(&v, explanation, sizeof(explanation));
		char *screen = screen_text(&s);
		const char *last = strrchr(explanation, ' ');
		ck_assert_msg(strstr(screen, last ? last + 1 : explanation) ||
				      strstr(screen, "more rows (l: read it all)"),
			      "%s %s: explanation cut silently:\n%s", name, step, screen);
		free(screen);
		/* The status line says what crossed the wire; the account is the pane's alone. */
		if (i + 1 == v.step_count && v.outcome != OUTCOME_COMPLETE) {
			ck_assert_msg(strstr(status, "failed: on the wire, wolfSSL's client sent alert") ||
					      strstr(status, "failed: no alert crossed the wire"),
				      "%s: no banner: %s", name, status);
			ck_assert_msg(!strstr(status, "as designed"), "%s: banner twice: %s", name,
				      status);
			ck_assert_msg(strstr(parts[0].text, "failed: as designed") &&
					      strstr(parts[0].text, "; on the wire,"),
				      "%s: %s", name, parts[0].text);
		}
		else
			ck_assert_msg(!strstr(status, "failed"), "%s %s spoils: %s", name, step, status);
		free(status);
	}
	screen_release(&s);
	view_release(&v);
}
END_TEST

/*
 * Scrolled down at 80x24, the diagram's first row still names the lifelines,
 * and the pane (whose rows a click maps to lines) starts below them.
 */
START_TEST(lifelines_stay_named)
{
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, "tls13");
	view_act(&v, ACTION_LAST);
	screen_draw(&s, &v, 80, 24);
	const struct rect *d = &s.panes[PANE_DIAGRAM];
	ck_assert_uint_gt(v.scroll[PANE_DIAGRAM], 3);
	char *screen = screen_text(&s);
	const char *row = screen;
	for (int y = 0; y < d->y - 1; y++)
		row = strchr(row, '\n') + 1;
	ck_assert_msg(strncmp(row + 2, "│  Client  │", strlen("│  Client  │")) == 0 &&
			      strstr(row, "│  Server  │") < strchr(row, '\n'),
		      "no names above the rows:\n%s", screen);
	/* The pane proper starts below them with the line scrolled to (where a click maps). */
	row = strchr(row, '\n') + 1;
	struct buf want = BUF_INIT;
	const struct line *line = &v.layout.lines[v.scroll[PANE_DIAGRAM]];
	for (size_t k = 0; k < line->count; k++)
		buf_printf(&want, "%s", line->spans[k].text);
	while (want.len && want.data[want.len - 1] == ' ')
		want.len--;
	buf_append(&want, "", 1);
	ck_assert_msg(strncmp(row + 2, (char *)want.data, strlen((char *)want.data)) == 0,
		      "row %d is not line %zu (%s):\n%s", d->y, v.scroll[PANE_DIAGRAM],
		      (char *)want.data, screen);
	buf_release(&want);
	free(screen);
	screen_release(&s);
	view_release(&v);
}
END_TEST

/* In quiz mode the score is on the status line from the first step. */
START_TEST(quiz_score_is_always_shown)
{
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, "tls13");
	v.quiz_mode = QUIZ_DRILL;
	screen_draw(&s, &v, 80, 24);
	char *status = status_of(&s);
	ck_assert_msg(strstr(status, "quiz 0/0 right"), "%s", status);
	free(status);
	screen_release(&s);
	view_release(&v);
}
END_TEST

/* The styles a dialog paints inside its box: anything else there showed through from behind. */
static bool dialog_style(int style)
{
	return style == STYLE_DIALOG || style == STYLE_TITLE || style == STYLE_SELECTED ||
	       style == STYLE_ALERT || style == STYLE_FOCUS;
}

/* The open dialog is one bordered box inside the screen, and nothing behind it shows. */
static void assert_dialog_whole(const struct screen *s, const char *what)
{
	int x0 = -1, y0 = -1;
	for (int y = 0; y < s->height && y0 < 0; y++)
		for (int x = 0; x < s->width; x++) {
			const struct cell *c = &s->cells[(size_t)y * (size_t)s->width + (size_t)x];
			if (c->style == STYLE_DIALOG && strcmp(c->text, "┌") == 0) {
				x0 = x, y0 = y;
				break;
			}
		}
	ck_assert_msg(y0 >= 0, "%s: no dialog box", what);
	int x1 = x0, y1 = y0;
	while (x1 + 1 < s->width &&
	       strcmp(s->cells[(size_t)y0 * (size_t)s->width + (size_t)x1].text, "┐") != 0)
		x1++;
	while (y1 + 1 < s->height &&
	       strcmp(s->cells[(size_t)y1 * (size_t)s->width + (size_t)x0].text, "└") != 0)
		y1++;
	ck_assert_msg(strcmp(s->cells[(size_t)y0 * (size_t)s->width + (size_t)x1].text, "┐") == 0,
		      "%s: no top right corner", what);
	ck_assert_msg(strcmp(s->cells[(size_t)y1 * (size_t)s->width + (size_t)x0].text, "└") == 0,
		      "%s: no bottom left corner", what);
	ck_assert_str_eq(s->cells[(size_t)y1 * (size_t)s->width + (size_t)x1].text, "┘");
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++) {
			const struct cell *c = &s->cells[(size_t)y * (size_t)s->width + (size_t)x];
			ck_assert_msg(dialog_style(c->style), "%s: (%d,%d) '%s' shows through", what,
				      x, y, c->text);
		}
}

/* Paints `v` with its dialog open and appends the frame under `what`. */
static void dialog_frame(struct buf *out, struct view *v, int w, int h, const char *what)
{
	struct screen s;
	memset(&s, 0, sizeof(s));
	screen_draw(&s, v, w, h);
	assert_rows_fit(&s);
	char name[96];
	snprintf(name, sizeof(name), "%s at %dx%d", what, w, h);
	assert_dialog_whole(&s, name);
	char *text = screen_text(&s);
	buf_printf(out, "=== %s\n%s", name, text);
	free(text);
	screen_release(&s);
}

/*
 * Every dialog at 80x24 (and 120x35): inside the screen, bordered, opaque;
 * the 80x24 frames are golden (dialogs-80x24.txt).
 */
START_TEST(dialogs_match_golden)
{
	if (!engine_seed_supported())
		return;
	struct buf out = BUF_INIT;
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", &l,
				     why, sizeof(why)),
			 0);
	struct view v;
	memset(&v, 0, sizeof(v));
	v.run_options = (struct engine_options){ .seeded = true, .seed = 1 };
	v.lesson = &l;
	v.lesson_dir = TLSVIZ_SOURCE_DIR "/lessons";
	v.quiz_mode = QUIZ_LESSON;
	ck_assert_int_eq(view_open(&v, scenario_find("tls13")), 0);
	for (int size = 0; size < 2; size++) {
		int w = size ? 120 : 80, h = size ? 35 : 24;
		struct buf *into = size ? &(struct buf)BUF_INIT : &out;
		view_act(&v, ACTION_HELP);
		dialog_frame(into, &v, w, h, "help");
		view_act(&v, ACTION_PAGE_DOWN);
		view_act(&v, ACTION_PAGE_DOWN);
		dialog_frame(into, &v, w, h, "help, scrolled to its end");
		view_act(&v, ACTION_CLOSE);
		view_act(&v, ACTION_NARRATION);
		dialog_frame(into, &v, w, h, "narration of step 1");
		view_act(&v, ACTION_CLOSE);
		view_act(&v, ACTION_EXPORT);
		dialog_frame(into, &v, w, h, "export prompt");
		view_type(&v, 27);
		view_act(&v, ACTION_SEARCH);
		dialog_frame(into, &v, w, h, "search prompt");
		view_type(&v, 27);
		view_act(&v, ACTION_SCENARIOS);
		dialog_frame(into, &v, w, h, "scenario chooser");
		while (v.dialog_choice + 1 < scenario_count + v.lesson_count)
			view_act(&v, ACTION_DOWN);
		dialog_frame(into, &v, w, h, "scenario chooser, at its last lesson");
		view_act(&v, ACTION_CLOSE);
		if (into != &out)
			buf_release(into);
	}
	/* The lesson's first question comes after the ServerHello, the fifth step. */
	while (v.dialog != DIALOG_QUIZ && v.current + 1 < v.step_count)
		view_act(&v, ACTION_NEXT);
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ);
	dialog_frame(&out, &v, 80, 24, "quiz");
	view_type(&v, (int)('1' + (v.question.answer + 1) % v.question.count));
	dialog_frame(&out, &v, 80, 24, "quiz, answered wrong");
	view_type(&v, ' ');
	while (v.current + 1 < v.step_count && v.dialog != DIALOG_QUIZ_SUMMARY) {
		if (v.dialog == DIALOG_QUIZ) {
			view_type(&v, (int)('1' + v.question.answer));
			view_type(&v, ' ');
		} else {
			view_act(&v, ACTION_NEXT);
		}
	}
	ck_assert_int_eq(v.dialog, DIALOG_QUIZ_SUMMARY);
	dialog_frame(&out, &v, 80, 24, "quiz summary");
	buf_append(&out, "", 1);
	char *path = golden_path("dialogs", 80, 24);
	if (getenv("TLSVIZ_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs((char *)out.data, f);
		fclose(f);
	}
	struct buf want = BUF_INIT;
	ck_assert_msg(read_whole_file(path, &want), "%s is missing (make golden writes it)", path);
	ck_assert_msg(strcmp((char *)out.data, (char *)want.data) == 0,
		      "%s differs from the painted dialogs (make golden updates it)", path);
	buf_release(&want);
	buf_release(&out);
	free(path);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/*
 * With a lesson at 80x24: the diagram keeps a third of the screen at every
 * step; the narration, a field's note and the generic explanation are set
 * apart by a blank row, and a note is not followed by what it already says.
 */
START_TEST(lesson_pane_sets_its_parts_apart)
{
	struct lesson l;
	struct view v;
	open_with_lesson(&v, &l, TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", "tls13", QUIZ_OFF);
	struct screen s;
	memset(&s, 0, sizeof(s));
	size_t notes = 0;
	for (size_t i = 0; i < v.step_count; i++) {
		if (i)
			view_act(&v, ACTION_NEXT);
		for (v.selected = 0; v.selected < v.flat_count; v.selected++) {
			screen_draw(&s, &v, 80, 24);
			/* Its title, the lifelines' names when they stay in sight, its rows. */
			ck_assert_int_ge(s.panes[PANE_DIAGRAM].y + s.panes[PANE_DIAGRAM].h, 24 / 3);
			struct section parts[SECTION_MAX];
			size_t n = view_sections(&v, parts);
			for (size_t k = 0; k + 1 < n; k++)
				ck_assert_int_lt(parts[k].kind, parts[k + 1].kind);
			if (n < 2 || parts[1].kind != SECTION_NOTE)
				continue;
			notes++;
			const struct field *f = v.flat[v.selected].f;
			if (n == 3 && f->explain)
				ck_assert_ptr_null(strstr(parts[1].text, f->explain));
			/* The note's row follows a blank one. */
			char *text = screen_text(&s);
			char head[96];
			snprintf(head, sizeof(head), "\n\n On %s:", f->name);
			ck_assert_msg(strstr(text, head), "%s not set apart:\n%s", head, text);
			free(text);
		}
		v.selected = 0;
	}
	ck_assert_uint_gt(notes, 0);
	screen_release(&s);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/* : asks for a step's number and goes there; > goes to the next step the lesson has words on. */
START_TEST(jump_to_a_step_and_to_the_next_narrated)
{
	struct lesson l;
	struct view v;
	open_with_lesson(&v, &l, TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", "tls13", QUIZ_OFF);
	view_act(&v, ACTION_GOTO);
	ck_assert_int_eq(v.dialog, DIALOG_GOTO);
	view_type(&v, '7');
	view_type(&v, '\n');
	ck_assert_uint_eq(v.current, 6);
	view_act(&v, ACTION_GOTO);
	view_type(&v, '9');
	view_type(&v, '9');
	view_type(&v, '\n');
	ck_assert_uint_eq(v.current, 6);
	ck_assert_ptr_nonnull(strstr(v.message, "no step 99: the steps are 1-"));
	/* > lands only on steps with a note, and every one of them in turn. */
	view_act(&v, ACTION_FIRST);
	size_t landed = 0;
	for (size_t before = SIZE_MAX; before != v.current;) {
		before = v.current;
		view_act(&v, ACTION_NARRATED);
		if (v.current == before)
			break;
		size_t step = v.steps[v.current];
		ck_assert(lesson_step_note(&l, step) || view_step_has_field_notes(&v, step));
		for (size_t i = before + 1; i < v.current; i++)
			ck_assert(!lesson_step_note(&l, v.steps[i]) &&
				  !view_step_has_field_notes(&v, v.steps[i]));
		landed++;
	}
	ck_assert_uint_gt(landed, 2);
	ck_assert_ptr_nonnull(strstr(v.message, "says nothing more"));
	/* The diagram marks the steps with field notes in the gutter. */
	struct screen s;
	memset(&s, 0, sizeof(s));
	bool marked = false;
	view_act(&v, ACTION_FIRST);
	for (size_t i = 0; i < v.step_count; i++, view_act(&v, ACTION_NEXT)) {
		screen_draw(&s, &v, 80, 24);
		const struct rect *d = &s.panes[PANE_DIAGRAM];
		for (int row = 0; row < d->h; row++) {
			size_t line = v.scroll[PANE_DIAGRAM] + (size_t)row;
			if (line >= view_diagram_lines(&v))
				break;
			size_t step = v.layout.lines[line].step;
			bool star = strcmp(s.cells[(size_t)(d->y + row) * 80 + 1].text, "*") == 0;
			ck_assert_int_eq(star, step != LINE_NO_STEP &&
						       view_step_has_field_notes(&v, step));
			marked |= star;
		}
	}
	ck_assert(marked);
	screen_release(&s);
	view_release(&v);
	lesson_release(&l);
}
END_TEST

/* s offers the lessons after the scenarios, with their titles; Enter opens one and its scenario. */
START_TEST(chooser_offers_lessons)
{
	struct view v;
	open_view(&v, "tls12-ecdhe");
	v.lesson_dir = TLSVIZ_SOURCE_DIR "/lessons";
	v.quiz_mode = QUIZ_DRILL;
	view_act(&v, ACTION_SCENARIOS);
	ck_assert_uint_gt(v.lesson_count, 3);
	size_t want = SIZE_MAX;
	for (size_t i = 0; i < v.lesson_count; i++)
		if (strcmp(v.lessons[i].name, "tls13-one-round-trip") == 0)
			want = scenario_count + i;
	ck_assert_uint_ne(want, SIZE_MAX);
	while (v.dialog_choice < want)
		view_act(&v, ACTION_DOWN);
	struct screen s;
	memset(&s, 0, sizeof(s));
	screen_draw(&s, &v, 80, 24);
	char *text = screen_text(&s);
	ck_assert_msg(strstr(text, "tls13-one-round-trip  lesson") &&
			      strstr(text, v.lessons[want - scenario_count].title),
		      "%s", text);
	free(text);
	view_act(&v, ACTION_TOGGLE);
	ck_assert_int_eq(v.dialog, DIALOG_NONE);
	ck_assert_ptr_nonnull(v.lesson);
	ck_assert_ptr_eq(v.lesson, v.own_lesson);
	ck_assert_str_eq(v.scenario->name, v.lesson->scenario);
	ck_assert_int_eq(v.quiz_mode, QUIZ_LESSON);
	screen_draw(&s, &v, 80, 24);
	text = screen_text(&s);
	ck_assert_ptr_nonnull(strstr(text, "Lesson: TLS 1.3 in one round trip"));
	free(text);
	/* Another scenario drops the lesson; the questions become the drill's. */
	view_act(&v, ACTION_SCENARIOS);
	while (v.dialog_choice + 1 < scenario_count &&
	       strcmp(scenarios[v.dialog_choice].name, "tls12-ecdhe") != 0)
		view_act(&v, ACTION_DOWN);
	view_act(&v, ACTION_TOGGLE);
	ck_assert_ptr_null(v.lesson);
	ck_assert_int_eq(v.quiz_mode, QUIZ_DRILL);
	screen_release(&s);
	view_release(&v);
}
END_TEST

/* Each mark means one thing: ▶ the current step, ◆ the focused pane, → the selected field. */
START_TEST(marks_mean_one_thing)
{
	struct view v;
	struct screen s;
	memset(&s, 0, sizeof(s));
	open_view(&v, "tls13");
	for (int i = 0; i < 4; i++)
		view_act(&v, ACTION_NEXT);
	view_act(&v, ACTION_FOCUS);
	view_act(&v, ACTION_DOWN);
	screen_draw(&s, &v, 80, 24);
	for (int y = 0; y < s.height; y++) {
		const struct cell *c = &s.cells[(size_t)y * 80];
		if (strcmp(c->text, "▶") == 0)
			ck_assert_int_eq(c->style, STYLE_CURRENT);
		if (strcmp(c->text, "◆") == 0)
			ck_assert_int_eq(y, s.panes[PANE_FIELDS].y - 1);
		if (strcmp(c->text, "→") == 0)
			ck_assert_int_eq(y, s.panes[PANE_FIELDS].y + (int)v.selected -
						    (int)v.scroll[PANE_FIELDS]);
	}
	ck_assert_str_eq(s.cells[(size_t)(s.panes[PANE_FIELDS].y - 1) * 80].text, "◆");
	screen_release(&s);
	view_release(&v);
}
END_TEST

Suite *ui_suite(void)
{
	Suite *s = suite_create("ui");
	TCase *view = tcase_create("view");
	tcase_set_timeout(view, 60);
	tcase_add_test(view, stepping_stays_in_bounds);
	tcase_add_test(view, fields_fold_and_ciphertext_toggles);
	tcase_add_test(view, tcp_toggle_shows_every_segment);
	tcase_add_test(view, search_finds_the_server_name);
	tcase_add_test(view, export_prompt_writes_the_file);
	tcase_add_test(view, clicks_select_steps_and_fields);
	tcase_add_test(view, drill_asks_what_comes_next);
	tcase_add_test(view, drill_asks_tcp_with_t);
	tcase_add_test(view, lesson_asks_its_questions);
	tcase_add_test(view, too_small_says_so);
	tcase_add_test(view, questions_hold_the_next_step);
	tcase_add_test(view, wide_characters_keep_their_cells);
	tcase_add_test(view, long_narration_scrolls);
	tcase_add_test(view, quiz_score_is_always_shown);
	tcase_add_test(view, lifelines_stay_named);
	tcase_add_test(view, lesson_pane_sets_its_parts_apart);
	tcase_add_test(view, jump_to_a_step_and_to_the_next_narrated);
	tcase_add_test(view, chooser_offers_lessons);
	tcase_add_test(view, marks_mean_one_thing);
	tcase_add_loop_test(view, status_line_tells_the_news_so_far, 0,
			    (int)(sizeof(classroom) / sizeof(classroom[0]) * 2));
	suite_add_tcase(s, view);
	TCase *screens = tcase_create("screens");
	tcase_set_timeout(screens, 120);
	tcase_add_loop_test(screens, screens_match_golden, 0,
			    (int)(scenario_count * (sizeof(sizes) / sizeof(sizes[0]))));
	tcase_add_test(screens, dialogs_match_golden);
	suite_add_tcase(s, screens);
	return s;
}
