/*
 * Lessons: every error a teacher can make, with its line; every shipped
 * lesson loads and every step and field it names is in its scenario's trace.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "export/export.h"
#include "lesson/lesson.h"
#include "suites.h"

static const struct {
	const char *text;
	const char *error; /* the end of the message after "PATH:" */
} bad_lessons[] = {
	{ "scenario: tls13\n", "1: the lesson has no 'title:' line" },
	{ "title: t\n", "1: the lesson has no 'scenario:' line" },
	{ "title: t\ntitle: u\nscenario: tls13\n", "2: a second 'title:'" },
	{ "title:\nscenario: tls13\n", "1: 'title:' needs a value" },
	{ "title: t\nscenario: tls13\nintro:\n  a\nintro:\n  b\n", "5: a second 'intro:'" },
	{ "title: t\nscenario: tls13\n  stray text\n", "3: indented text outside a block" },
	{ "title: t\nscenario: tls13\nintro:\n\nstep ClientHello:\n  x\n",
	  "3: this block has no text" },
	{ "title: t\nscenario: tls13\nstep ClientHello:\n", "3: this block has no text" },
	{ "title: t\nscenario: tls13\nstep ClientHello: inline\n",
	  "3: put the text of 'step ClientHello:' on the indented lines below it" },
	{ "title: t\nscenario: tls13\nnarrate ClientHello:\n  x\n",
	  "3: unknown block 'narrate ClientHello'" },
	{ "title: t\nscenario: tls13\nno colon here\n", "3: expected 'title:'" },
	{ "title: t\nscenario: tls13\nfield ClientHello:\n  x\n",
	  "3: 'field' needs a message and a field" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  + a\n  - b\n  = c\n",
	  "3: this quiz has no question (? line)" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  ? q\n  + a\n  = c\n",
	  "3: this quiz needs two choices or more" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  ? q\n  - a\n  - b\n  = c\n",
	  "3: this quiz has no right choice (+ line)" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  ? q\n  + a\n  + b\n",
	  "6: a second right choice (+)" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  ? q\n  + a\n  - b\n",
	  "3: this quiz has no explanation (= line)" },
	{ "title: t\nscenario: tls13\nquiz after SYN:\n  ? q\n  * a\n",
	  "5: a quiz line starts with ? (question)" },
};

static char *write_lesson(const char *text)
{
	char *path = xstrdup("/tmp/tlsviz-test-lesson-XXXXXX");
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(syntax_errors_say_where)
{
	char *path = write_lesson(bad_lessons[_i].text);
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), -1);
	char want[600];
	snprintf(want, sizeof(want), "%s:%s", path, bad_lessons[_i].error);
	ck_assert_msg(strncmp(why, want, strlen(want)) == 0, "got: %s\nwant: %s", why, want);
	lesson_release(&l);
	unlink(path);
	free(path);
}
END_TEST

static const struct {
	const char *notes;
	const char *error;
} bad_targets[] = {
	{ "step ServerHelo:\n  x\n", "4: unknown message 'ServerHelo' (did you mean 'ServerHello'?)" },
	{ "step Finished 3:\n  x\n", "4: 'Finished' occurs 2 times in tls12-ecdhe, not 3" },
	{ "field ClientHello randm:\n  x\n",
	  "4: unknown field 'randm' in ClientHello (did you mean 'random'?)" },
	{ "step Quux:\n  x\n", "4: unknown message 'Quux' in tls12-ecdhe" },
	{ "quiz after ServerHelloDon:\n  ? q\n  + a\n  - b\n  = c\n",
	  "4: unknown message 'ServerHelloDon' (did you mean 'ServerHelloDone'?)" },
	{ "step SYN:\n  x\n\nstep ACK:\n  the {{master_secre}} here\n",
	  "7: unknown value 'master_secre' (did you mean 'master_secret'?)" },
	{ "step SYN:\n  {{master_secret 2}}\n", "4: value 'master_secret' occurs 1 time in "
						 "tls12-ecdhe, not 2" },
	{ "step SYN:\n  {{nothing_like_it_at_all}}\n",
	  "4: unknown value 'nothing_like_it_at_all' in tls12-ecdhe" },
	{ "step SYN:\n  {{master_secret\n", "4: '{{' without its '}}'" },
};

START_TEST(targets_must_exist_in_the_trace)
{
	struct buf text = BUF_INIT;
	buf_printf(&text, "title: t\nscenario: tls12-ecdhe\n\n%s", bad_targets[_i].notes);
	char *path = write_lesson((char *)text.data);
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), 0);
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	ck_assert_int_eq(lesson_bind(&l, &t, why, sizeof(why)), -1);
	char want[600];
	snprintf(want, sizeof(want), "%s:%s", path, bad_targets[_i].error);
	ck_assert_str_eq(why, want);
	trace_release(&t);
	lesson_release(&l);
	unlink(path);
	free(path);
	buf_release(&text);
}
END_TEST

START_TEST(notes_attach_to_their_steps)
{
	char *path = write_lesson("title: Hello\nscenario: tls12-ecdhe\n\nintro:\n  first\n  line\n\n"
				  "  second paragraph\n\nstep SYN ACK:\n  the answer\n\n"
				  "step Finished 2:\n  the server's\n\nfield ServerHello cipher_suite:\n"
				  "  chosen\n");
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), 0);
	ck_assert_str_eq(l.intro, "first line\n\nsecond paragraph");
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	ck_assert_int_eq(lesson_bind(&l, &t, why, sizeof(why)), 0);
	ck_assert_str_eq(lesson_step_note(&l, 1), "the answer"); /* step 1 is the SYN ACK */
	const struct step *fin = &t.steps[l.notes[1].step_index];
	ck_assert_uint_eq(fin->kind, STEP_MESSAGE);
	ck_assert_uint_eq(t.messages[fin->index].dir, DIR_SERVER_TO_CLIENT);
	ck_assert_uint_eq(t.messages[fin->index].type, 20);
	ck_assert_str_eq(lesson_field_note(&l, l.notes[2].step_index, "cipher_suite"), "chosen");
	trace_release(&t);
	lesson_release(&l);
	unlink(path);
	free(path);
}
END_TEST

/* {{name}} in a note becomes this run's value of that secret; another run, its value. */
START_TEST(values_come_from_the_run)
{
	char *path = write_lesson("title: Values\nscenario: tls12-ecdhe\n\n"
				  "step ClientKeyExchange:\n  master = {{master_secret}}.\n");
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), 0);
	for (int run = 0; run < 2; run++) {
		struct trace t;
		scenario_trace("tls12-ecdhe", &t);
		ck_assert_int_eq(lesson_bind(&l, &t, why, sizeof(why)), 0);
		const struct derived_secret *master = NULL;
		for (size_t i = 0; i < t.secret_count; i++)
			if (!strcmp(t.secrets[i].name, "master_secret"))
				master = &t.secrets[i];
		ck_assert_ptr_nonnull(master);
		struct buf want = BUF_INIT;
		buf_printf(&want, "master = ");
		for (size_t i = 0; i < master->len; i++)
			buf_printf(&want, "%02x", master->bytes[i]);
		buf_printf(&want, ".");
		ck_assert_str_eq(lesson_step_note(&l, l.notes[0].step_index), (char *)want.data);
		buf_release(&want);
		trace_release(&t);
	}
	lesson_release(&l);
	unlink(path);
	free(path);
}
END_TEST

/* The hand-out: the narration under its step, each question after its step, the answers last. */
START_TEST(handout_has_notes_questions_and_answers)
{
	char *path = write_lesson("title: Paper\nscenario: tls12-ecdhe\n\nintro:\n  Read me first.\n\n"
				  "step ServerHelloDone:\n  The server waits.\n\n"
				  "quiz after ServerHelloDone:\n  ? Who speaks next?\n  - the server\n"
				  "  + the client\n  = The server said it is done.\n");
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), 0);
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	ck_assert_int_eq(lesson_bind(&l, &t, why, sizeof(why)), 0);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_int_eq(export_text(&t, &(struct export_options){ .ascii = true, .lesson = &l },
				     out),
			 0);
	fclose(out);
	const char *in_order[] = { "Lesson: Paper", "Read me first.", "ServerHelloDone",
				   ":   The server waits.", ":   Question 1:",
				   ":   Who speaks next?", ":     1. the server",
				   ":     2. the client", "ClientKeyExchange", "\nAnswers\n",
				   "1. 2: the client", "   The server said it is done." };
	const char *at = text;
	for (size_t i = 0; i < sizeof(in_order) / sizeof(in_order[0]); i++) {
		const char *found = strstr(at, in_order[i]);
		ck_assert_msg(found != NULL, "'%s' missing or out of order in:\n%s", in_order[i],
			      text);
		at = found + strlen(in_order[i]);
	}
	free(text);
	trace_release(&t);
	lesson_release(&l);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(shipped_lessons_load_and_fit_their_scenarios)
{
	const char *folder = TLSVIZ_SOURCE_DIR "/lessons";
	DIR *d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	int seen = 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 8 || strcmp(e->d_name + len - 7, ".lesson") != 0)
			continue;
		char path[1024], why[512];
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		struct lesson l;
		ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
		const struct scenario *s = scenario_find(l.scenario);
		ck_assert_msg(s != NULL, "%s: unknown scenario %s", path, l.scenario);
		if (!engine_unavailable_reason(s)) {
			struct trace t;
			scenario_trace(l.scenario, &t);
			ck_assert_msg(lesson_bind(&l, &t, why, sizeof(why)) == 0, "%s", why);
			trace_release(&t);
		}
		lesson_release(&l);
		seen++;
	}
	closedir(d);
	/* The course the catalogue promises: twelve lessons or more. */
	ck_assert_int_ge(seen, 12);
}
END_TEST

Suite *lesson_suite(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("format");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, syntax_errors_say_where, 0,
			    (int)(sizeof(bad_lessons) / sizeof(bad_lessons[0])));
	tcase_add_loop_test(tc, targets_must_exist_in_the_trace, 0,
			    (int)(sizeof(bad_targets) / sizeof(bad_targets[0])));
	tcase_add_test(tc, notes_attach_to_their_steps);
	tcase_add_test(tc, values_come_from_the_run);
	tcase_add_test(tc, handout_has_notes_questions_and_answers);
	tcase_add_test(tc, shipped_lessons_load_and_fit_their_scenarios);
	suite_add_tcase(s, tc);
	return s;
}
