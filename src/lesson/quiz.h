/*
 * Quizzes: the order a lesson's choices are shown in, and the drill that
 * asks "who sends what next?" before each step of any scenario.
 */
#ifndef TLSVIZ_LESSON_QUIZ_H
#define TLSVIZ_LESSON_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "trace/trace.h"

/*
 * A number that changes with every run and repeats under --seed: a hash of
 * the run's first message (the ClientHello, with its random).
 */
uint64_t quiz_run_seed(const struct trace *t);

/*
 * Shuffles the order every question of `l` shows its choices in, from
 * `seed`: each order is equally likely, so the right choice is as often
 * first as last. lesson_bind() does it with quiz_run_seed().
 */
void lesson_shuffle(struct lesson *l, uint64_t seed);
/* The choice shown at position `k` (from 0), and the position of the right one. Borrowed. */
const char *lesson_quiz_choice(const struct lesson_quiz *q, size_t k);
size_t lesson_quiz_right(const struct lesson_quiz *q);

#define DRILL_CHOICES_MAX 4

/* A question of the drill, with its own copies of every text. */
struct drill_question {
	enum direction sender; /* who sends the step asked about */
	char question[48];     /* "What does the server send next?" */
	char choices[DRILL_CHOICES_MAX][48];
	size_t count, answer;
	char explain[512]; /* why this message comes next, for this version */
};

/*
 * The drill's question before trace step `step` (an index into t->steps):
 * the right step among up to three others that the RFC lets the same sender
 * send there, in an order drawn from `seed`. TCP segments are asked only with
 * `with_tcp`, and only those that open or close the connection. Returns false
 * when nothing is asked there (a step with no alternative, such as the first
 * ClientHello).
 */
bool drill_question(const struct trace *t, size_t step, bool with_tcp, uint64_t seed,
		    struct drill_question *q);

#endif
