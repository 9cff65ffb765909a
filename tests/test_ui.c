/*
 * The viewer without a terminal: what each key does to the view, and the
 * painted screen model of every step of every scenario at two terminal sizes,
 * compared with golden screens made with --seed 1 (make golden writes them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "decode/decode.h"
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
	char why[512];
	ck_assert_int_eq(lesson_load(TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", &l,
				     why, sizeof(why)),
			 0);
	memset(&v, 0, sizeof(v));
	v.run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	v.lesson = &l;
	v.quiz_mode = QUIZ_LESSON;
	ck_assert_int_eq(view_open(&v, scenario_find("tls13")), 0);
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
	char why[512];
	ck_assert_int_eq(lesson_load(TLSVIZ_SOURCE_DIR "/lessons/tls13-one-round-trip.lesson", &l,
				     why, sizeof(why)),
			 0);
	memset(&v, 0, sizeof(v));
	v.run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	v.lesson = &l;
	v.quiz_mode = QUIZ_LESSON;
	ck_assert_int_eq(view_open(&v, scenario_find("tls13")), 0);
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
	char path[] = "/tmp/tlsviz-test-wide-XXXXXX";
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, text.data, text.len), (ssize_t)text.len);
	close(fd);
	buf_release(&text);
	struct lesson l;
	char why[512];
	ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
	unlink(path);
	struct view v;
	memset(&v, 0, sizeof(v));
	v.run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	v.lesson = &l;
	v.quiz_mode = QUIZ_LESSON;
	ck_assert_int_eq(view_open(&v, scenario_find("tls13")), 0);
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
	char path[] = "/tmp/tlsviz-test-long-XXXXXX";
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, text.data, text.len), (ssize_t)text.len);
	close(fd);
	buf_release(&text);
	struct lesson l;
	char why[512];
	ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
	unlink(path);
	struct view v;
	memset(&v, 0, sizeof(v));
	v.run_options = (struct engine_options){ .seeded = engine_seed_supported(), .seed = 1 };
	v.lesson = &l;
	ck_assert_int_eq(view_open(&v, scenario_find("tls13")), 0);
	struct screen s;
	memset(&s, 0, sizeof(s));
	view_act(&v, ACTION_NARRATION);
	static const struct {
		enum action key;
		const char *title, *shown;
	} steps[] = {
		{ ACTION_NONE, "Lesson, lines 1-20 of 100", "paragraph 1." },
		{ ACTION_DOWN, "Lesson, lines 2-21 of 100", "paragraph 21." },
		{ ACTION_PAGE_DOWN, "Lesson, lines 12-31 of 100", "paragraph 31." },
		{ ACTION_UP, "Lesson, lines 11-30 of 100", "paragraph 11." },
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
	ck_assert_ptr_nonnull(strstr(screen, "Lesson, lines 81-100 of 100"));
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
	suite_add_tcase(s, view);
	TCase *screens = tcase_create("screens");
	tcase_set_timeout(screens, 120);
	tcase_add_loop_test(screens, screens_match_golden, 0,
			    (int)(scenario_count * (sizeof(sizes) / sizeof(sizes[0]))));
	suite_add_tcase(s, screens);
	return s;
}
