/*
 * The viewer's state and what each key does to it, free of curses: a key
 * handler changes the view and returns flags (after ncdu and htop); the
 * screen model (screen.h) is drawn from the view, and only ui.c paints it.
 */
#ifndef TLSVIZ_UI_VIEW_H
#define TLSVIZ_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/field.h"
#include "engine/engine.h"
#include "export/opened.h"
#include "layout/layout.h"
#include "lesson/quiz.h"
#include "trace/trace.h"

enum pane {
	PANE_DIAGRAM,
	PANE_FIELDS,
	PANE_BYTES,
	PANE_COUNT,
};

enum dialog {
	DIALOG_NONE,
	DIALOG_HELP,
	DIALOG_NARRATION, /* the lesson's narration of this step, whole */
	DIALOG_SCENARIOS,
	DIALOG_EXPORT, /* a prompt for a file name */
	DIALOG_SEARCH, /* a prompt for text to find */
	DIALOG_GOTO,   /* a prompt for the number of a step */
	DIALOG_QUIZ,   /* a question before the next step */
	DIALOG_QUIZ_SUMMARY, /* the score at the last step, beside what guessing would score */
	DIALOG_MATH,   /* the math of this step (ui/math.c) */
	DIALOG_OPEN,   /* a prompt for a capture file (and its key log) to open */
};

enum quiz_mode {
	QUIZ_OFF,
	QUIZ_LESSON, /* the lesson's questions, after the steps it names */
	QUIZ_DRILL,  /* before every step: what comes next? */
};

#define QUIZ_MAX_CHOICES 6

struct quiz_question {
	const char *question;
	const char *choices[QUIZ_MAX_CHOICES];
	size_t count, answer;
	const char *explain;
};

enum action {
	ACTION_NONE,
	ACTION_NEXT,
	ACTION_PREV,
	ACTION_FIRST,
	ACTION_LAST,
	ACTION_FOCUS,
	ACTION_UP,
	ACTION_DOWN,
	ACTION_TOGGLE,
	ACTION_PAGE_UP,
	ACTION_PAGE_DOWN,
	ACTION_CIPHERTEXT,
	ACTION_TCP,
	ACTION_RTT_UP,   /* a slower network: the round trip doubles */
	ACTION_RTT_DOWN, /* a faster one: it halves */
	ACTION_SEARCH,
	ACTION_SEARCH_NEXT,
	ACTION_SCENARIOS,
	ACTION_RERUN,
	ACTION_EXPORT,
	ACTION_HELP,
	ACTION_NARRATION,
	ACTION_MATH,
	ACTION_CONTRAST,
	ACTION_GOTO,     /* asks for a step's number */
	ACTION_NARRATED, /* the next step the lesson has something to say about */
	ACTION_QUIT,
	ACTION_CLOSE, /* Esc: closes a dialog */
};

/* What a key did, for the loop: nothing, redraw, or leave. */
enum {
	HANDLED = 1 << 0,
	REDRAW = 1 << 1,
	QUIT = 1 << 2,
};

/* One line of the field pane: a node of the tree and its depth. */
struct flat_field {
	const struct field *f;
	int depth;
	size_t node; /* pre-order number of the node in its tree */
};

struct lesson;
struct lesson_entry;

struct view {
	const struct scenario *scenario;
	struct lesson *lesson; /* narrates the trace; dropped when another scenario is chosen */
	struct lesson *own_lesson; /* one chosen with s (owned, heap) */
	struct lesson_entry *lessons; /* the chooser's lessons, after the scenarios (owned) */
	size_t lesson_count;
	const char *lesson_dir; /* where the chooser finds lessons; NULL: lesson_folder() */
	struct engine_options run_options;
	unsigned rtt_ms; /* the modeled round trip (--rtt) */
	unsigned runs; /* how many runs so far: `r` runs again with new randoms */
	struct trace trace;
	bool have_trace;
	/*
	 * A capture file's connections: --open's (borrowed), or the one the
	 * chooser opened (owned, in `files`). The trace shown is a copy of one
	 * of them, never released as the view's own; `s` lists them.
	 */
	const struct opened_traces *opened;
	struct opened_traces *files;
	enum outcome outcome;

	bool ascii;           /* ASCII drawing */
	bool color;           /* colours allowed (NO_COLOR and --ascii turn them off) */
	bool contrast;        /* the high-contrast theme for projectors (c) */
	bool show_tcp;        /* every TCP segment, not only the handshake and teardown */
	bool show_ciphertext; /* protected messages as their records on the wire */

	struct layout layout;
	size_t *steps; /* trace steps the diagram shows, in order */
	size_t step_count;
	size_t current; /* index into steps */

	struct field *tree; /* of the current step (owned) */
	const uint8_t *bytes; /* what the tree decodes (borrowed from the trace) */
	size_t bytes_len;
	bool *collapsed; /* by pre-order node number */
	size_t node_count;
	struct flat_field *flat;
	size_t flat_count;
	size_t selected; /* index into flat */

	size_t scroll[PANE_COUNT]; /* first line shown in each pane */
	enum pane focus;

	enum quiz_mode quiz_mode;
	struct quiz_question question; /* the one open in DIALOG_QUIZ */
	struct drill_question drill;   /* its texts, when the drill asks it */
	bool answered;                 /* it has been answered: the next key goes on */
	size_t picked;
	bool *quizzed;                 /* by trace step: the question after it was asked */
	unsigned asked, right;
	double chance;                 /* what answering at random scores: one over the choices */
	size_t fewest, most;           /* choices of the questions asked */
	char missed[512];              /* the right answers missed, for the summary */
	bool summarized;               /* the summary was shown */

	enum dialog dialog;
	size_t dialog_choice; /* the highlighted scenario, or lesson after them */
	size_t math_scroll;   /* the first line the math view shows */
	char input[256];      /* the prompt's text */
	char search[256];     /* the last search */
	char message[1024];   /* the status line's news (room for an engine's whole account) */
	char *narration;      /* the lesson's introduction and its note of this step (owned) */
	char *note;           /* the lesson's note on the selected field, with its name (owned) */
	char explain[1024];   /* what the selection is for, in general */
	char *failure;        /* a failed run's banner (owned) */
	char *failure_brief;  /* its last part, what crossed the wire (owned) */
	size_t narration_top; /* the first row the narration dialog shows */
};

/*
 * Runs `s` and shows its first step. Returns 0, or -1 with the reason in
 * v->message when the engine could not run it (the view keeps its old trace).
 */
int view_open(struct view *v, const struct scenario *s) __attribute__((warn_unused_result));
/* Shows connection `i` of v->opened from its first step. */
void view_show_opened(struct view *v, size_t i);
void view_release(struct view *v);

/* Applies an action; returns HANDLED, REDRAW and QUIT flags. */
int view_act(struct view *v, enum action a);
/* A character typed while a prompt is open (Enter submits, Backspace erases). */
int view_type(struct view *v, int ch);
/* Selects the step shown on diagram line `line`, or the field on field line `line`. */
int view_click(struct view *v, enum pane pane, size_t line);

/* The trace step shown now, or NULL. */
const struct step *view_step(const struct view *v);
/* The diagram lines shown so far: everything up to the current step. */
size_t view_diagram_lines(const struct view *v);
/* The message a protected step is showing as its record, or NULL. */
const char *view_step_title(const struct view *v, char *out, size_t len);
/* What the selected field (or the current message) is for. */
const char *view_explanation(const struct view *v, char *out, size_t len);
/* Whether the lesson has a note on a field of trace step `step` (the diagram marks it). */
bool view_step_has_field_notes(const struct view *v, size_t step);

/* The lesson's narration of this step (at the first, its introduction too), or NULL. */
const char *view_narration(struct view *v);

/*
 * On the last step of a run that did not complete, its banner: what went
 * wrong and the alert the RFC calls for (the scenario's account), and the
 * alert that really crossed the wire; `brief`, only that alert (the status
 * line's: the explanation pane holds the rest). Else NULL. Never before the
 * last step: told first, it gives the end away.
 */
const char *view_failure(struct view *v, bool brief);

/* The parts of the explanation pane, each set apart from the others. */
enum section_kind {
	SECTION_FAILURE, /* on a failed run's last step: what went wrong */
	SECTION_LESSON,  /* the lesson's narration of the step */
	SECTION_NOTE,    /* the lesson's note on the selected field */
	SECTION_GENERIC, /* what the selected field or the message is for, in any trace */
};
struct section {
	enum section_kind kind;
	const char *text; /* borrowed from the view, until its next call */
};
#define SECTION_MAX 4
/*
 * What the explanation pane shows, in order: on a failed run's last step
 * its banner (view_failure), the lesson's narration, its
 * note on the selected field, the generic explanation (left out when the
 * note already says it). Returns how many.
 */
size_t view_sections(struct view *v, struct section out[SECTION_MAX]);

/* The key table: every binding, for dispatch and for the help. */
struct binding {
	int key;            /* a character or a curses KEY_ code */
	const char *label;  /* as the help writes it */
	enum action action;
	const char *help;   /* NULL for an alias listed with the binding before it */
};
extern const struct binding bindings[];
extern const size_t binding_count;
enum action action_for_key(int key);

#endif
