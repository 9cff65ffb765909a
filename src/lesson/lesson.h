/*
 * Lessons: narration a teacher writes for a scenario, in a plain-text file
 * that reviews well in a diff.
 *
 *   # a comment
 *   title: The classic TLS 1.2 handshake
 *   scenario: tls12-rsa
 *
 *   intro:
 *       Text shown before the first step. Indented lines belong to the block
 *       above them; a blank line starts a new paragraph.
 *
 *   step ClientHello:
 *       Narration for the first ClientHello.
 *
 *   step Finished 2:
 *       Narration for the second Finished (an occurrence number picks it).
 *
 *   field ClientHello random:
 *       Narration for a field of a message, shown when it is selected.
 *
 *   step Finished 3:
 *       {{client_handshake_traffic_secret}} is replaced by this run's value of
 *       that secret, in hex; {{early_secret 2}} by its second one (a second
 *       connection's).
 *
 *   quiz after ServerHelloDone:
 *       ? What does the client send next?
 *       + ClientKeyExchange
 *       - Finished
 *       - Certificate
 *       = The explanation shown once the student has answered.
 *
 * Step names are the diagram's: message names (ClientHello,
 * HelloRetryRequest, ChangeCipherSpec, Alert, ApplicationData...) and TCP
 * segments by their flags (SYN, SYN ACK, ACK, FIN ACK).
 *
 * A lesson is untrusted input: UTF-8 of at most LESSON_MAX_BYTES, lines of
 * any length ending in LF, CRLF or CR, a byte order mark skipped; what a
 * terminal would obey (control characters, invalid UTF-8) is kept escaped
 * (text_escape) from the moment it is read, so that every text and error
 * made from it is safe to print; a NUL is an error. One note a step, one a
 * field, one question after a step.
 */
#ifndef TLSVIZ_LESSON_LESSON_H
#define TLSVIZ_LESSON_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/trace.h"

struct lesson_note {
	char *step;          /* the step's name */
	unsigned occurrence; /* 1 for the first step of that name */
	char *field;         /* NULL for a note on the step itself */
	char *text;          /* paragraphs separated by blank lines, with this run's values */
	char *raw;           /* the text as written, when it names values ({{...}}) */
	int line;            /* where it starts in the file, for errors */
	size_t step_index;   /* resolved by lesson_bind(): the trace step it narrates */
};

#define QUIZ_CHOICES_MAX 6

/* A multiple-choice question asked after a step, before the next one shows. */
struct lesson_quiz {
	char *after;         /* the step's name */
	unsigned occurrence;
	char *question;
	char *choices[QUIZ_CHOICES_MAX];
	size_t choice_count;
	size_t answer;       /* index of the right choice, as written */
	size_t order[QUIZ_CHOICES_MAX]; /* shown position -> choice (lesson_shuffle, quiz.h) */
	bool has_answer;
	char *explain;
	char *explain_raw; /* as written, when it names values */
	char *question_raw;
	char *choices_raw[QUIZ_CHOICES_MAX];
	int line;
	size_t step_index;   /* resolved by lesson_bind() */
};

struct lesson {
	char *path;
	char *title;
	char *title_raw; /* as written, when it names values */
	char *scenario;
	int scenario_line;
	char *intro;
	char *intro_raw; /* as written, when it names values */
	int intro_line;
	struct lesson_note *notes;
	size_t count, cap;
	struct lesson_quiz *quizzes;
	size_t quiz_count, quiz_cap;
};

/* The most a lesson file may hold: a course's narration is kilobytes; /dev/zero is not a lesson. */
#define LESSON_MAX_BYTES (1024 * 1024)
#define LESSON_MAX_SHOWN "1 MiB"

/*
 * Reads a lesson file. Returns 0, or -1 with a one-line error in `why` that
 * starts "PATH:LINE: ". `out` must be released either way.
 */
int lesson_load(const char *path, struct lesson *out, char *why, size_t why_len)
	__attribute__((warn_unused_result));

/*
 * Ties every note to its step in `t` (and checks that each field it names is
 * in that step's message). Returns 0, or -1 with "PATH:LINE: unknown message
 * 'ServerHelo' (did you mean 'ServerHello'?)" and the like in `why`. Shuffles
 * the questions' choices for this run (lesson_shuffle, quiz.h).
 */
int lesson_bind(struct lesson *l, const struct trace *t, char *why, size_t why_len)
	__attribute__((warn_unused_result));

/* The question asked after trace step `step`, or NULL. */
const struct lesson_quiz *lesson_quiz_after(const struct lesson *l, size_t step);
/* The note on trace step `step` (NULL for none), or on its field `field`. */
const char *lesson_step_note(const struct lesson *l, size_t step);
const char *lesson_field_note(const struct lesson *l, size_t step, const char *field);

/*
 * Finds a lesson by name: a path (with a '/' or ending in .lesson) as it is,
 * else NAME.lesson in the lessons folder beside the binary (a checkout) or in
 * the installed share folder. Writes the path into `out`; 0, or -1 with `why`.
 */
int lesson_find(const char *name, char *out, size_t out_len, char *why, size_t why_len)
	__attribute__((warn_unused_result));

/* The folder lessons are looked up in by name, or -1 when there is none. */
int lesson_folder(char *out, size_t out_len) __attribute__((warn_unused_result));

void lesson_release(struct lesson *l);

/* The name of a step as lessons call it: "ClientHello", "SYN ACK". */
void lesson_step_name(const struct trace *t, const struct step *s, char *out, size_t len);

#endif
