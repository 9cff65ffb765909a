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
#include "lesson/quiz.h"
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
	{ "title: t\nscenario: tls13\nintro:\n  a\n\nintro:\n  b\n",
	  "6: a second 'intro:' (the first is at line 3)" },
	{ "title: t\nscenario: tls13\nstep Finished 0:\n  x\n",
	  "3: occurrence numbers count from 1, not '0'" },
	{ "title: t\nscenario: tls13\nquiz after ACK 99999999999999999999999:\n  ? q\n",
	  "3: the occurrence number '99999999999999999999999' is too large" },
	/* What a terminal would obey is shown escaped, in errors too. */
	{ "title: t\nscenario: tls13\n\x1b]0;owned\x07 \xff\n",
	  "3: expected 'title:', 'scenario:', 'intro:', 'step NAME:' or 'field NAME FIELD:', "
	  "not '\\x1b]0;owned\\x07 \\xff'" },
	/* CR-only and CRLF line endings are lines. */
	{ "title: t\rscenario: tls13\rbad\r", "3: expected 'title:'" },
	{ "title: t\r\nscenario: tls13\r\n\r\nbad\r\n", "4: expected 'title:'" },
	/* A line of any length is one line: its tail is not read as a block header. */
	{ "title: t\nscenario: tls13\nstep SYN:\n  LONG\nbad\n",
	  "5: expected 'title:', 'scenario:', 'intro:', 'step NAME:' or 'field NAME FIELD:', "
	  "not 'bad'" },
};

/* LONG in a bad lesson stands for a line of 5,000 bytes that ends "quiz after ACK:". */
static char *expand_long(const char *text)
{
	struct buf out = BUF_INIT;
	const char *at = strstr(text, "LONG");
	if (!at) {
		buf_printf(&out, "%s", text);
		return (char *)out.data;
	}
	buf_printf(&out, "%.*s", (int)(at - text), text);
	for (int i = 0; i < 4985; i++)
		buf_append(&out, "x", 1);
	buf_printf(&out, "quiz after ACK:%s", at + 4);
	return (char *)out.data;
}

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
	char *text = expand_long(bad_lessons[_i].text);
	char *path = write_lesson(text);
	free(text);
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
	/* A long name is an unknown value (its start, then ...), not a missing '}}'. */
	{ "step SYN:\n  {{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}\n",
	  "4: unknown value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' in "
	  "tls12-ecdhe" },
	/* Occurrence numbers go beyond 999. */
	{ "step ACK 1000:\n  x\n", "4: 'ACK' occurs 3 times in tls12-ecdhe, not 1000" },
	/* One note a step, one a field, one question after a step. */
	{ "step SYN:\n  x\n\nstep SYN 1:\n  y\n",
	  "7: a second note on this step (the first is at line 4): write them in one block" },
	{ "field ClientHello random:\n  x\n\nstep SYN:\n  z\n\nfield ClientHello random:\n  y\n",
	  "10: a second note on this field (the first is at line 4): write them in one block" },
	{ "quiz after SYN:\n  ? q\n  + a\n  - b\n  = c\nquiz after SYN:\n  ? q\n  + a\n  - b\n"
	  "  = c\n",
	  "9: a second quiz after this step (the first is at line 4): one question a step" },
	{ "quiz after SYN:\n  ? {{master_secre}}?\n  + a\n  - b\n  = c\n",
	  "4: unknown value 'master_secre' (did you mean 'master_secret'?)" },
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

/* A lesson names any value of the math view, by its name there and its occurrence. */
START_TEST(values_of_the_math_view_fill_in)
{
	char *path = write_lesson("title: t\nscenario: tls12-ecdhe\n\nstep ClientKeyExchange:\n"
				  "  {{session_hash}} {{nonce 2}} {{client verify_data}}\n");
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), 0);
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	ck_assert_msg(lesson_bind(&l, &t, why, sizeof(why)) == 0, "%s", why);
	struct buf want = BUF_INIT;
	const char *names[] = { "session_hash", "nonce", "client verify_data" };
	struct math_view all;
	math_view_of(&t, MATH_NONE, &all);
	for (size_t k = 0; k < 3; k++) {
		unsigned seen = 0;
		for (size_t i = 0; i < all.count; i++) {
			const struct math_value *v = all.values[i];
			if (strcmp(v->name, names[k]) || ++seen != (k == 1 ? 2u : 1u))
				continue;
			for (size_t j = 0; j < v->len; j++)
				buf_printf(&want, "%02x", v->bytes[j]);
			buf_printf(&want, "%s", k < 2 ? " " : "");
		}
	}
	math_view_release(&all);
	const char *note = NULL;
	for (size_t i = 0; i < t.step_count && !note; i++)
		if (t.steps[i].kind == STEP_MESSAGE && t.messages[t.steps[i].index].type == 16)
			note = lesson_step_note(&l, i);
	ck_assert_ptr_nonnull(note);
	ck_assert_str_eq(note, (const char *)want.data);
	buf_release(&want);
	trace_release(&t);
	lesson_release(&l);
	unlink(path);
	free(path);
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
	/* The choices are shuffled for each run: the answer names the client's position. */
	const struct lesson_quiz *q = &l.quizzes[0];
	char first[32], second[32], answer[32];
	snprintf(first, sizeof(first), ":     1. %s", lesson_quiz_choice(q, 0));
	snprintf(second, sizeof(second), ":     2. %s", lesson_quiz_choice(q, 1));
	snprintf(answer, sizeof(answer), "1. %zu: the client", lesson_quiz_right(q) + 1);
	ck_assert_str_eq(lesson_quiz_choice(q, lesson_quiz_right(q)), "the client");
	const char *in_order[] = { "Lesson: Paper", "Read me first.", "ServerHelloDone",
				   ":   The server waits.", ":   Question 1:",
				   ":   Who speaks next?", first, second, "ClientKeyExchange",
				   "\nAnswers\n", answer, "   The server said it is done." };
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

static char *write_lesson_bytes(const char *bytes, size_t len)
{
	char *path = xstrdup("/tmp/tlsviz-test-lesson-XXXXXX");
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Not lessons: each has an exact error, and nothing waits forever. */
START_TEST(files_that_are_not_lessons)
{
	struct lesson l;
	char why[512], want[600];
	/* A NUL byte: where it is, not a line silently cut. */
	const char nul[] = "title: t\nscenario: tls13\nstep SYN:\n  ab\0cd\n";
	char *path = write_lesson_bytes(nul, sizeof(nul) - 1);
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), -1);
	snprintf(want, sizeof(want), "%s:4: a NUL byte at column 5 (a lesson is text)", path);
	ck_assert_str_eq(why, want);
	lesson_release(&l);
	unlink(path);
	free(path);
	/* A directory. */
	ck_assert_int_eq(lesson_load("/tmp", &l, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "cannot read the lesson /tmp: it is a directory, not a file");
	lesson_release(&l);
	/* Endless input ends at the limit. */
	ck_assert_int_eq(lesson_load("/dev/zero", &l, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "the lesson /dev/zero is larger than 1 MiB, the most a lesson may be");
	lesson_release(&l);
	/* A file one byte over the limit, and one at it (it loads, or fails on its text). */
	struct buf big = BUF_INIT;
	buf_printf(&big, "title: t\nscenario: tls13\nintro:\n ");
	while (big.len < LESSON_MAX_BYTES)
		buf_append(&big, " x", 2);
	big.len = LESSON_MAX_BYTES;
	path = write_lesson_bytes((char *)big.data, big.len);
	ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
	lesson_release(&l);
	unlink(path);
	free(path);
	buf_append(&big, "x", 1);
	path = write_lesson_bytes((char *)big.data, big.len);
	ck_assert_int_eq(lesson_load(path, &l, why, sizeof(why)), -1);
	snprintf(want, sizeof(want), "the lesson %s is larger than 1 MiB, the most a lesson may be",
		 path);
	ck_assert_str_eq(why, want);
	lesson_release(&l);
	unlink(path);
	free(path);
	buf_release(&big);
}
END_TEST

/*
 * What a teacher's editor writes: a byte order mark, CRLF or CR line ends,
 * long lines, escape sequences (shown escaped), UTF-8 (kept) and invalid
 * UTF-8 (escaped); values in titles, questions and choices.
 */
START_TEST(teachers_files_read_as_meant)
{
	struct buf text = BUF_INIT;
	buf_printf(&text, "\xef\xbb\xbftitle: Keys {{master_secret}}\r\nscenario: tls12-ecdhe\r\n"
			  "\r\nintro:\r\n  ");
	for (int i = 0; i < 1000; i++)
		buf_printf(&text, "word ");
	buf_printf(&text, "end.\rstep SYN:\r  red \x1b[31mtext\x1b[0m, bell \x07, \xc3\xa9t\xc3\xa9 "
			  "\xff\xfe \xe6\xbc\xa2\xe5\xad\x97\n"
			  "quiz after SYN:\n  ? Which {{master_secret}}?\n  + {{master_secret}}\n"
			  "  - none\n  = Because.\n");
	char *path = write_lesson_bytes((char *)text.data, text.len);
	buf_release(&text);
	struct lesson l;
	char why[512];
	ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
	ck_assert_uint_eq(strlen(l.intro), 1000 * 5 + 4);
	ck_assert_str_eq(l.notes[0].text, "red \\x1b[31mtext\\x1b[0m, bell \\x07, \xc3\xa9t\xc3\xa9 "
					  "\\xff\\xfe \xe6\xbc\xa2\xe5\xad\x97");
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	ck_assert_msg(lesson_bind(&l, &t, why, sizeof(why)) == 0, "%s", why);
	const struct derived_secret *master = NULL;
	for (size_t i = 0; i < t.secret_count; i++)
		if (!strcmp(t.secrets[i].name, "master_secret"))
			master = &t.secrets[i];
	ck_assert_ptr_nonnull(master);
	char hex[2 * 48 + 1];
	for (size_t i = 0; i < master->len && i < 48; i++)
		snprintf(hex + 2 * i, 3, "%02x", master->bytes[i]);
	char want[256];
	snprintf(want, sizeof(want), "Keys %s", hex);
	ck_assert_str_eq(l.title, want);
	snprintf(want, sizeof(want), "Which %s?", hex);
	ck_assert_str_eq(l.quizzes[0].question, want);
	ck_assert_str_eq(l.quizzes[0].choices[0], hex);
	/* The hand-out carries no escape byte. */
	char *out_text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&out_text, &len);
	ck_assert_int_eq(export_text(&t, &(struct export_options){ .lesson = &l }, out), 0);
	fclose(out);
	ck_assert_ptr_null(memchr(out_text, 0x1b, len));
	ck_assert_ptr_null(memchr(out_text, 0x07, len));
	ck_assert_ptr_nonnull(strstr(out_text, "\\x1b[31mtext"));
	free(out_text);
	trace_release(&t);
	lesson_release(&l);
	unlink(path);
	free(path);
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
	tcase_add_test(tc, values_of_the_math_view_fill_in);
	tcase_add_test(tc, values_come_from_the_run);
	tcase_add_test(tc, handout_has_notes_questions_and_answers);
	tcase_add_test(tc, shipped_lessons_load_and_fit_their_scenarios);
	tcase_add_test(tc, files_that_are_not_lessons);
	tcase_add_test(tc, teachers_files_read_as_meant);
	suite_add_tcase(s, tc);
	return s;
}
