/*
 * The text exporter: the layout's spans, printed as they are. With a lesson
 * it is a hand-out: the lesson's title and introduction, then the diagram
 * with each step's narration (and question) under it, and the answers.
 */
#include <string.h>

#include "base/text.h"
#include "export/export.h"
#include "layout/layout.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"

#define NOTE_WIDTH 64

/* Word-wraps `text` under a margin; blank lines in it stay paragraph breaks. */
static void print_wrapped(FILE *out, const char *margin, const char *text)
{
	const char *p = text;
	while (*p) {
		if (*p == '\n') {
			/* A paragraph break: the margin, without its trailing blanks. */
			size_t len = strlen(margin);
			while (len && margin[len - 1] == ' ')
				len--;
			fprintf(out, "%.*s\n", (int)len, margin);
			p += strspn(p, "\n");
			continue;
		}
		size_t cut = wrap_cut(p, NOTE_WIDTH);
		fprintf(out, "%s%.*s\n", margin, (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
		if (*p == '\n' && p[1] != '\n')
			p++;
	}
}

/* The narration of step `step` (and of its fields) under the diagram's lines for it. */
static void print_notes(FILE *out, const struct lesson *lesson, size_t step, bool ascii)
{
	const char *margin = ascii ? "      :   " : "      ┆   ";
	const char *note = lesson_step_note(lesson, step);
	if (note)
		print_wrapped(out, margin, note);
	for (size_t i = 0; i < lesson->count; i++) {
		const struct lesson_note *n = &lesson->notes[i];
		if (!n->field || n->step_index != step)
			continue;
		fprintf(out, "%s%s:\n", margin, n->field);
		print_wrapped(out, margin, n->text);
	}
}

/* A question of the lesson after its step: the choices numbered, the answer kept for the end. */
static void print_question(FILE *out, const struct lesson_quiz *q, unsigned number, bool ascii)
{
	const char *margin = ascii ? "      :   " : "      ┆   ";
	fprintf(out, "%sQuestion %u:\n", margin, number);
	print_wrapped(out, margin, q->question);
	for (size_t i = 0; i < q->choice_count; i++)
		fprintf(out, "%s  %zu. %s\n", margin, i + 1, lesson_quiz_choice(q, i));
}

/* The answers, after the diagram: a sheet the teacher can cut off. */
static void print_answers(FILE *out, const struct lesson *lesson, const struct trace *t)
{
	unsigned number = 0;
	for (size_t step = 0; step < t->step_count; step++) {
		const struct lesson_quiz *q = lesson_quiz_after(lesson, step);
		if (!q)
			continue;
		if (number++ == 0)
			fputs("\nAnswers\n\n", out);
		size_t right = lesson_quiz_right(q);
		fprintf(out, "%u. %zu: %s\n", number, right + 1, lesson_quiz_choice(q, right));
		print_wrapped(out, "   ", q->explain);
	}
}

int export_text(const struct trace *t, const struct export_options *opts, FILE *out)
{
	const struct lesson *lesson = opts->lesson;
	if (lesson) {
		fprintf(out, "Lesson: %s\n\n", lesson->title);
		if (lesson->intro) {
			print_wrapped(out, "", lesson->intro);
			fputc('\n', out);
		}
	}
	struct layout l;
	unsigned questions = 0;
	if (opts->beside)
		layout_compare(&l, t, opts->beside, opts->ascii);
	else
		layout_diagram(&l, t, &(struct layout_options){ .ascii = opts->ascii });
	for (size_t i = 0; i < l.count; i++) {
		for (size_t j = 0; j < l.lines[i].count; j++)
			fputs(l.lines[i].spans[j].text, out);
		fputc('\n', out);
		size_t step = l.lines[i].step;
		bool last_of_step = step != LINE_NO_STEP &&
				    (i + 1 == l.count || l.lines[i + 1].step != step);
		if (lesson && last_of_step) {
			print_notes(out, lesson, step, opts->ascii);
			const struct lesson_quiz *q = lesson_quiz_after(lesson, step);
			if (q)
				print_question(out, q, ++questions, opts->ascii);
		}
	}
	layout_release(&l);
	if (lesson)
		print_answers(out, lesson, t);
	return ferror(out) ? -1 : 0;
}
