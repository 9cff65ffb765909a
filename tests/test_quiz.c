/*
 * Quizzes: a lesson's choices come in an order of their own each run (the
 * same under --seed), the shipped questions test understanding, and the drill
 * asks what the protocol really allows.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"
#include "suites.h"

/* A lesson with one question of `n` choices, the right one written first. */
static void one_question(struct lesson *l, size_t n)
{
	static char *names[] = { "right", "b", "c", "d", "e", "f" };
	memset(l, 0, sizeof(*l));
	l->quizzes = calloc(1, sizeof(*l->quizzes));
	l->quiz_count = 1;
	l->quizzes[0].choice_count = n;
	for (size_t k = 0; k < n; k++)
		l->quizzes[0].choices[k] = names[k];
}

/* Over 1,000 seeds the right choice lands in every position about equally often. */
START_TEST(shuffle_is_uniform_and_repeats)
{
	for (size_t n = 2; n <= QUIZ_CHOICES_MAX; n++) {
		struct lesson l;
		one_question(&l, n);
		const struct lesson_quiz *q = &l.quizzes[0];
		unsigned at[QUIZ_CHOICES_MAX] = { 0 };
		for (uint64_t seed = 1; seed <= 1000; seed++) {
			lesson_shuffle(&l, seed);
			size_t right = lesson_quiz_right(q);
			ck_assert_str_eq(lesson_quiz_choice(q, right), "right");
			at[right]++;
			/* Every choice is shown once. */
			for (size_t i = 0; i < n; i++)
				for (size_t k = i + 1; k < n; k++)
					ck_assert_uint_ne(q->order[i], q->order[k]);
			/* The same seed, the same order. */
			size_t again[QUIZ_CHOICES_MAX];
			memcpy(again, q->order, sizeof(again));
			lesson_shuffle(&l, seed);
			ck_assert_mem_eq(again, q->order, sizeof(again));
		}
		/* 1000/n expected; a fair shuffle stays inside 30% of it (over 4 sigma). */
		for (size_t k = 0; k < n; k++) {
			ck_assert_msg(at[k] * n >= 700 && at[k] * n <= 1300,
				      "%zu choices: the right one came %u times in position %zu", n,
				      at[k], k + 1);
		}
		free(l.quizzes);
	}
}
END_TEST

Suite *quiz_suite(void)
{
	Suite *s = suite_create("quiz");
	TCase *tc = tcase_create("lesson");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, shuffle_is_uniform_and_repeats);
	suite_add_tcase(s, tc);
	return s;
}
