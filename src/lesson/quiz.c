#include "lesson/quiz.h"

#include "base/mix.h"

uint64_t quiz_run_seed(const struct trace *t)
{
	if (!t->message_count)
		return 0;
	return mix_bytes(t->messages[0].bytes.data, t->messages[0].bytes.len);
}

void lesson_shuffle(struct lesson *l, uint64_t seed)
{
	for (size_t i = 0; i < l->quiz_count; i++) {
		struct lesson_quiz *q = &l->quizzes[i];
		uint64_t state = seed ^ (0x71756978u * (i + 1)); /* "quix": one stream per question */
		for (size_t k = 0; k < q->choice_count; k++)
			q->order[k] = k;
		/* Fisher-Yates: every permutation equally likely (up to the generator's bias, 2^-60). */
		for (size_t k = q->choice_count; k > 1; k--) {
			size_t pick = (size_t)(splitmix64(&state) % k), held = q->order[k - 1];
			q->order[k - 1] = q->order[pick];
			q->order[pick] = held;
		}
	}
}

const char *lesson_quiz_choice(const struct lesson_quiz *q, size_t k)
{
	return q->choices[q->order[k]];
}

size_t lesson_quiz_right(const struct lesson_quiz *q)
{
	for (size_t k = 0; k < q->choice_count; k++)
		if (q->order[k] == q->answer)
			return k;
	return q->answer;
}
