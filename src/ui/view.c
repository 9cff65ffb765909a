#include "ui/view.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "export/export.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"
#include "ui/math.h"
#include "open/open.h"

#define KEY_ESC 27
#define KEY_TAB '\t'
#define PAGE 10

const struct binding bindings[] = {
	{ 'n', "n", ACTION_NEXT, "next step" },
	{ ' ', "Space", ACTION_NEXT, NULL },
	{ KEY_RIGHT, "Right", ACTION_NEXT, NULL },
	{ 'p', "p", ACTION_PREV, "previous step" },
	{ KEY_BACKSPACE, "Backspace", ACTION_PREV, NULL },
	{ 127, "Backspace", ACTION_PREV, NULL },
	{ KEY_LEFT, "Left", ACTION_PREV, NULL },
	{ 'g', "g", ACTION_FIRST, "first step" },
	{ KEY_HOME, "Home", ACTION_FIRST, NULL },
	{ 'G', "G", ACTION_LAST, "last step" },
	{ KEY_END, "End", ACTION_LAST, NULL },
	{ KEY_TAB, "Tab", ACTION_FOCUS, "focus the next pane: diagram, fields, bytes" },
	{ KEY_UP, "Up", ACTION_UP, "move up in the focused pane" },
	{ 'k', "k", ACTION_UP, NULL },
	{ KEY_DOWN, "Down", ACTION_DOWN, "move down in the focused pane" },
	{ 'j', "j", ACTION_DOWN, NULL },
	{ '\n', "Enter", ACTION_TOGGLE, "expand or collapse the selected field" },
	{ KEY_ENTER, "Enter", ACTION_TOGGLE, NULL },
	{ KEY_PPAGE, "PgUp", ACTION_PAGE_UP, "scroll up a page" },
	{ KEY_NPAGE, "PgDn", ACTION_PAGE_DOWN, "scroll down a page" },
	{ 'x', "x", ACTION_CIPHERTEXT, "protected message: ciphertext record / plaintext" },
	{ 't', "t", ACTION_TCP, "show or hide every TCP segment (the drill then asks TCP too)" },
	{ '+', "+", ACTION_RTT_UP, "slower network: double the round trip time" },
	{ '-', "-", ACTION_RTT_DOWN, "faster network: halve the round trip time" },
	{ ':', ":", ACTION_GOTO, "go to step N (asks for the number)" },
	{ '>', ">", ACTION_NARRATED, "the next step the lesson narrates or has field notes on" },
	{ '/', "/", ACTION_SEARCH, "find a field or value" },
	{ 'N', "N", ACTION_SEARCH_NEXT, "next match" },
	{ 's', "s", ACTION_SCENARIOS, "choose another scenario or a lesson" },
	{ 'r', "r", ACTION_RERUN, "run the scenario again (new randoms)" },
	{ 'e', "e", ACTION_EXPORT, "export this trace to a file; its extension picks the format" },
	{ 'l', "l", ACTION_NARRATION, "read the explanation (and a lesson's narration) whole" },
	{ 'm', "m", ACTION_MATH, "the math of this step: each value, its inputs, a command" },
	{ 'c', "c", ACTION_CONTRAST, "high contrast for a projector: no colour, bold text" },
	{ '?', "?", ACTION_HELP, "this help" },
	{ 'q', "q", ACTION_QUIT, "quit" },
	{ KEY_ESC, "Esc", ACTION_CLOSE, "close a dialog" },
};
const size_t binding_count = sizeof(bindings) / sizeof(bindings[0]);

enum action action_for_key(int key)
{
	for (size_t i = 0; i < binding_count; i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACTION_NONE;
}

const struct step *view_step(const struct view *v)
{
	if (!v->have_trace || v->step_count == 0)
		return NULL;
	return &v->trace.steps[v->steps[v->current]];
}

/* The message of the current step when it is protected and shown as ciphertext. */
static const struct message *protected_message(const struct view *v)
{
	const struct step *s = view_step(v);
	if (!s || s->kind != STEP_MESSAGE)
		return NULL;
	const struct message *m = &v->trace.messages[s->index];
	return m->protection != PROTECTION_PLAINTEXT ? m : NULL;
}

static size_t count_nodes(const struct field *f)
{
	size_t n = 1;
	for (size_t i = 0; i < f->count; i++)
		n += count_nodes(f->children[i]);
	return n;
}

/* Pre-order walk that lists the visible nodes; returns the next node number. */
static size_t flatten(struct view *v, const struct field *f, int depth, size_t node,
		      size_t *cap)
{
	ARRAY_GROW(v->flat, v->flat_count, *cap);
	v->flat[v->flat_count++] = (struct flat_field){ f, depth, node };
	size_t next = node + 1;
	for (size_t i = 0; i < f->count; i++) {
		if (v->collapsed[node])
			next += count_nodes(f->children[i]);
		else
			next = flatten(v, f->children[i], depth + 1, next, cap);
	}
	return next;
}

static void reflatten(struct view *v)
{
	size_t cap = 0;
	free(v->flat);
	v->flat = NULL;
	v->flat_count = 0;
	if (v->tree)
		flatten(v, v->tree, 0, 0, &cap);
	if (v->selected >= v->flat_count)
		v->selected = v->flat_count ? v->flat_count - 1 : 0;
}

/* Decodes the current step into the field pane and the byte pane. */
static void load_step(struct view *v)
{
	field_free(v->tree);
	v->tree = NULL;
	v->bytes = NULL;
	v->bytes_len = 0;
	const struct step *s = view_step(v);
	const struct trace *t = &v->trace;
	static uint8_t header[TCP_MAX_HEADER];
	if (!s) {
		reflatten(v);
		return;
	}
	if (s->kind == STEP_SEGMENT) {
		/* The pane shows the modeled header; its payload is the TLS bytes it carries. */
		const struct segment *seg = &t->tcp.segments[s->index];
		v->tree = decode_segment(t, seg);
		v->bytes_len = tcp_header(seg, header);
		v->bytes = header;
	} else if (protected_message(v) && v->show_ciphertext) {
		const struct record *r = &t->records[t->messages[s->index].first_record];
		v->tree = decode_record(t, r);
		v->bytes = trace_record_bytes(t, r);
		v->bytes_len = r->len;
	} else {
		const struct message *m = &t->messages[s->index];
		v->tree = decode_message(t, m);
		v->bytes = m->bytes.data;
		v->bytes_len = m->bytes.len;
	}
	free(v->collapsed);
	v->node_count = count_nodes(v->tree);
	v->collapsed = xcalloc(v->node_count, sizeof(bool));
	v->selected = 0;
	v->scroll[PANE_FIELDS] = v->scroll[PANE_BYTES] = 0;
	reflatten(v);
}

/* Lays the diagram out again (after `t` or a new trace) and lists the steps it shows. */
static void relayout(struct view *v)
{
	size_t keep = view_step(v) ? v->steps[v->current] : 0;
	layout_release(&v->layout);
	free(v->steps);
	v->steps = NULL;
	v->step_count = 0;
	if (!v->have_trace)
		return;
	layout_diagram(&v->layout, &v->trace,
		       &(struct layout_options){ .ascii = v->ascii, .all_segments = v->show_tcp });
	size_t cap = 0;
	for (size_t i = 0; i < v->layout.count; i++) {
		size_t step = v->layout.lines[i].step;
		if (step == LINE_NO_STEP || (v->step_count && v->steps[v->step_count - 1] >= step))
			continue;
		ARRAY_GROW(v->steps, v->step_count, cap);
		v->steps[v->step_count++] = step;
	}
	/* Stay on the same step, or the last shown one before it. */
	v->current = 0;
	for (size_t i = 0; i < v->step_count && v->steps[i] <= keep; i++)
		v->current = i;
}

size_t view_diagram_lines(const struct view *v)
{
	if (!v->have_trace)
		return 0;
	size_t upto = v->step_count ? v->steps[v->current] : 0, shown = 0;
	for (size_t i = 0; i < v->layout.count; i++) {
		size_t step = v->layout.lines[i].step;
		if (step != LINE_NO_STEP && step > upto)
			break;
		shown = i + 1;
	}
	/* After the last step, the notes under the diagram (legend, outcome) show too. */
	return v->current + 1 == v->step_count ? v->layout.count : shown;
}

/* Forgets the banner of the run shown before. */
static void forget_failure(struct view *v)
{
	free(v->failure);
	free(v->failure_brief);
	v->failure = v->failure_brief = NULL;
}

static void show_trace(struct view *v);

int view_open(struct view *v, const struct scenario *s)
{
	struct engine_result result;
	struct engine_options opts = v->run_options;
	if (opts.seeded)
		opts.seed += v->runs; /* `r` runs again with other (still reproducible) randoms */
	opts.capture = true;
	if (engine_run(s, &opts, &result) != 0) {
		snprintf(v->message, sizeof(v->message), "%s", result.detail);
		engine_result_release(&result);
		return -1;
	}
	if (v->have_trace)
		trace_release(&v->trace);
	char detail[sizeof(result.detail) + 256];
	scenario_outcome_detail(s, &result, detail, sizeof(detail));
	trace_build(&v->trace, &result.capture, s->name, outcome_name(result.outcome), detail);
	trace_set_rtt(&v->trace, v->rtt_ms ? v->rtt_ms : RTT_DEFAULT_MS);
	v->outcome = result.outcome;
	engine_result_release(&result);
	v->have_trace = true;
	v->scenario = s;
	forget_failure(v);
	v->runs++;
	show_trace(v);
	return 0;
}

void view_show_opened(struct view *v, size_t i)
{
	v->trace = v->opened->traces[i];
	v->have_trace = true;
	v->dialog_choice = i;
	v->outcome = !strcmp(v->trace.outcome, "complete") ? OUTCOME_COMPLETE : OUTCOME_FAILED;
	forget_failure(v);
	show_trace(v);
	if (!v->message[0] && v->trace.unopened[0])
		snprintf(v->message, sizeof(v->message), "ciphertext only: %s", v->trace.unopened);
}

/* Shows v->trace, just built or chosen, from its first step. */
static void show_trace(struct view *v)
{
	/* The old steps index the old trace: forget them before laying out the new one. */
	free(v->steps);
	v->steps = NULL;
	v->step_count = 0;
	v->current = 0;
	relayout(v);
	v->current = 0;
	v->scroll[PANE_DIAGRAM] = 0;
	free(v->quizzed);
	v->quizzed = xcalloc(v->trace.step_count ? v->trace.step_count : 1, sizeof(bool));
	v->asked = v->right = 0;
	v->chance = 0;
	v->fewest = v->most = 0;
	v->missed[0] = '\0';
	v->summarized = false;
	load_step(v);
	if (v->lesson && lesson_bind(v->lesson, &v->trace, v->message, sizeof(v->message)) != 0)
		v->lesson = NULL; /* its notes do not fit this trace: say so, show the trace */
	else if (v->trace.error[0])
		snprintf(v->message, sizeof(v->message), "trace error: %s", v->trace.error);
	else /* a failure's account waits for its last step: told first, it gives the end away */
		v->message[0] = '\0';
}

void view_release(struct view *v)
{
	if (v->have_trace && !v->opened)
		trace_release(&v->trace);
	if (v->files)
		opened_traces_release(v->files);
	free(v->files);
	layout_release(&v->layout);
	field_free(v->tree);
	free(v->steps);
	free(v->flat);
	free(v->collapsed);
	free(v->quizzed);
	free(v->narration);
	free(v->note);
	forget_failure(v);
	lesson_list_release(v->lessons, v->lesson_count);
	if (v->own_lesson) {
		lesson_release(v->own_lesson);
		free(v->own_lesson);
	}
	memset(v, 0, sizeof(*v));
}

/*
 * At the last step of a quiz: the score beside what answering at random would
 * score, and the answers missed (once per run).
 */
static int open_summary(struct view *v)
{
	if (v->quiz_mode == QUIZ_OFF || !v->asked || v->summarized ||
	    v->current + 1 != v->step_count)
		return 0;
	v->summarized = true;
	v->dialog = DIALOG_QUIZ_SUMMARY;
	snprintf(v->message, sizeof(v->message), "quiz done: %u of %u right", v->right, v->asked);
	return HANDLED | REDRAW;
}

/* Whether a question after diagram step `index` is still to be answered before the next shows. */
static bool question_due(const struct view *v, size_t index)
{
	if (v->quiz_mode == QUIZ_OFF || index + 1 >= v->step_count || v->quizzed[v->steps[index]])
		return false;
	if (v->quiz_mode == QUIZ_DRILL) {
		/* The drill skips steps it cannot ask about (TCP unless shown, the first hello). */
		struct drill_question scratch;
		return drill_question(&v->trace, v->steps[index + 1], v->show_tcp,
				      quiz_run_seed(&v->trace), &scratch);
	}
	return lesson_quiz_after(v->lesson, v->steps[index]) != NULL;
}

/* The furthest step the student may see: the first from here with a question still due. */
static size_t last_open_step(const struct view *v)
{
	for (size_t i = v->current; i + 1 < v->step_count; i++)
		if (question_due(v, i))
			return i;
	return v->step_count ? v->step_count - 1 : 0;
}

/* Opens the question due before the step after the current one; false when there is none. */
static bool open_question(struct view *v)
{
	if (!question_due(v, v->current))
		return false;
	if (v->quiz_mode == QUIZ_DRILL) {
		struct drill_question *d = &v->drill;
		drill_question(&v->trace, v->steps[v->current + 1], v->show_tcp,
			       quiz_run_seed(&v->trace), d);
		memset(&v->question, 0, sizeof(v->question));
		v->question.question = d->question;
		v->question.count = d->count;
		v->question.answer = d->answer;
		v->question.explain = d->explain;
		for (size_t k = 0; k < d->count; k++)
			v->question.choices[k] = d->choices[k];
	} else {
		const struct lesson_quiz *lq = lesson_quiz_after(v->lesson, v->steps[v->current]);
		memset(&v->question, 0, sizeof(v->question));
		v->question.question = lq->question;
		v->question.count = lq->choice_count;
		v->question.answer = lesson_quiz_right(lq);
		v->question.explain = lq->explain;
		for (size_t k = 0; k < lq->choice_count; k++)
			v->question.choices[k] = lesson_quiz_choice(lq, k);
	}
	v->answered = false;
	v->dialog = DIALOG_QUIZ;
	return true;
}

/* Forward no further than a question still to be answered (G, a click, a search): it is asked. */
static int go_to_step(struct view *v, size_t index)
{
	size_t open = last_open_step(v);
	bool held = index > open && index < v->step_count;
	if (held)
		index = open;
	int flags = HANDLED;
	if (index < v->step_count && index != v->current) {
		v->current = index;
		v->message[0] = '\0';
		load_step(v);
		flags |= REDRAW;
	}
	if (held && open_question(v))
		flags |= REDRAW;
	return flags;
}

static int move_selection(struct view *v, long delta)
{
	if (v->flat_count == 0)
		return HANDLED;
	long to = (long)v->selected + delta;
	if (to < 0)
		to = 0;
	if (to >= (long)v->flat_count)
		to = (long)v->flat_count - 1;
	v->selected = (size_t)to;
	return HANDLED | REDRAW;
}

static int scroll_pane(struct view *v, enum pane p, long delta)
{
	long to = (long)v->scroll[p] + delta;
	v->scroll[p] = to < 0 ? 0 : (size_t)to;
	return HANDLED | REDRAW;
}

static bool contains_text(const char *haystack, const char *needle)
{
	if (!haystack)
		return false;
	size_t n = strlen(needle);
	for (const char *p = haystack; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* Finds the next field (after the selection, then in later steps) that matches v->search. */
static int search_next(struct view *v)
{
	if (!v->search[0] || !v->have_trace)
		return HANDLED;
	/* Only in the steps open to the student: none past a question still to be answered. */
	size_t open = last_open_step(v) + 1;
	size_t start_step = v->current, start_line = v->selected + 1;
	for (size_t i = 0; i <= open; i++) {
		size_t step = (start_step + i) % open;
		if (step != v->current)
			go_to_step(v, step);
		/* Expand everything so that a match deep in the tree can be selected. */
		memset(v->collapsed, 0, v->node_count * sizeof(bool));
		reflatten(v);
		for (size_t line = i == 0 ? start_line : 0; line < v->flat_count; line++) {
			const struct field *f = v->flat[line].f;
			if (contains_text(f->name, v->search) || contains_text(f->value, v->search)) {
				v->selected = line;
				v->focus = PANE_FIELDS;
				snprintf(v->message, sizeof(v->message), "found \"%s\" (N: next)",
					 v->search);
				return HANDLED | REDRAW;
			}
		}
	}
	go_to_step(v, start_step);
	snprintf(v->message, sizeof(v->message), "\"%s\" is nowhere in %s", v->search,
		 open < v->step_count ? "the steps so far (a question comes first)" : "this trace");
	return HANDLED | REDRAW;
}

/* The export prompt's file name says the format by its extension. */
static void export_to(struct view *v, const char *path)
{
	static const struct {
		const char *ext;
		const char *format;
	} formats[] = {
		{ ".pcapng", "pcapng" }, { ".txt", "text" },     { ".json", "json" },
		{ ".pcap", "pcap" },
		{ ".keys", "keylog" },  { ".log", "keylog" },	 { ".keylog", "keylog" },
		{ ".md", "md" },	{ ".mmd", "mermaid" },	 { ".mermaid", "mermaid" },
		{ ".puml", "plantuml" },
	};
	const char *dot = strrchr(path, '.');
	const struct exporter *e = NULL;
	for (size_t i = 0; dot && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(dot, formats[i].ext) == 0)
			e = exporter_find(formats[i].format);
	if (!e) {
		snprintf(v->message, sizeof(v->message),
			 "export: name the file .pcapng .txt .json .pcap .keys .md .mmd or .puml to "
			 "say the format");
		return;
	}
	char why[200];
	if (export_write(e, &v->trace, &(struct export_options){ .ascii = v->ascii }, path, why,
			 sizeof(why)) != 0)
		snprintf(v->message, sizeof(v->message), "export failed: %s", why);
	else
		snprintf(v->message, sizeof(v->message), "exported %s as %s", path, e->name);
}

/* With questions on, a lesson asks its own; without one, the drill asks. */
static void quiz_follows_lesson(struct view *v)
{
	if (v->quiz_mode != QUIZ_OFF)
		v->quiz_mode = v->lesson ? QUIZ_LESSON : QUIZ_DRILL;
}

/* Opens a lesson from the chooser, and its scenario; on failure, says why and keeps the view. */
static void open_lesson(struct view *v, const struct lesson_entry *e)
{
	const struct scenario *sc = e->scenario ? scenario_find(e->scenario) : NULL;
	const char *why = sc ? engine_unavailable_reason(sc) : NULL;
	if (e->broken || !sc || why) {
		snprintf(v->message, sizeof(v->message), "lesson %s: %s", e->name,
			 e->broken ? e->broken : !sc ? "its scenario is unknown" : why);
		return;
	}
	struct lesson *l = xcalloc(1, sizeof(*l));
	char reason[512];
	struct lesson *before = v->lesson;
	unsigned runs = v->runs;
	if (lesson_load(e->path, l, reason, sizeof(reason)) != 0) {
		snprintf(v->message, sizeof(v->message), "%s", reason);
	} else {
		v->lesson = l;
		v->runs = 0;
		if (view_open(v, sc) == 0) {
			if (v->own_lesson) {
				lesson_release(v->own_lesson);
				free(v->own_lesson);
			}
			v->own_lesson = l;
			v->dialog = DIALOG_NONE;
			quiz_follows_lesson(v);
			return;
		}
		v->lesson = before;
		v->runs = runs;
	}
	lesson_release(l);
	free(l);
}

/* The chooser's lessons, read again each time it opens (a teacher may have added one). */
static void list_lessons(struct view *v)
{
	lesson_list_release(v->lessons, v->lesson_count);
	v->lessons = NULL;
	v->lesson_count = 0;
	char folder[4096];
	if (v->lesson_dir)
		v->lesson_count = lesson_list(v->lesson_dir, &v->lessons);
	else if (lesson_folder(folder, sizeof(folder)) == 0)
		v->lesson_count = lesson_list(folder, &v->lessons);
}

static int act_in_dialog(struct view *v, enum action a)
{
	switch (v->dialog) {
	case DIALOG_SCENARIOS:
		if (a == ACTION_UP && v->dialog_choice > 0)
			v->dialog_choice--;
		/*
		 * The scenarios, the lessons, then "open a file..."; or a capture file's
		 * connections.
		 */
		else if (a == ACTION_DOWN &&
			 v->dialog_choice < (v->opened ? v->opened->count - 1
						       : scenario_count + v->lesson_count))
			v->dialog_choice++;
		else if (a == ACTION_TOGGLE && v->opened) {
			view_show_opened(v, v->dialog_choice);
			v->dialog = DIALOG_NONE;
		} else if (a == ACTION_TOGGLE && v->dialog_choice == scenario_count + v->lesson_count) {
			v->dialog = DIALOG_OPEN;
			v->input[0] = '\0';
		} else if (a == ACTION_TOGGLE && v->dialog_choice >= scenario_count) {
			open_lesson(v, &v->lessons[v->dialog_choice - scenario_count]);
		} else if (a == ACTION_TOGGLE) {
			const struct scenario *s = &scenarios[v->dialog_choice];
			const char *why = engine_unavailable_reason(s);
			if (why) {
				snprintf(v->message, sizeof(v->message), "%s is unavailable: %s",
					 s->name, why);
			} else {
				v->runs = 0;
				if (s != v->scenario)
					v->lesson = NULL; /* the lesson narrates its own scenario */
				if (view_open(v, s) == 0) {
					v->dialog = DIALOG_NONE;
					quiz_follows_lesson(v);
				}
			}
		} else if (a == ACTION_CLOSE || a == ACTION_SCENARIOS || a == ACTION_QUIT) {
			v->dialog = DIALOG_NONE;
		}
		return HANDLED | REDRAW;
	case DIALOG_MATH:
		return math_act(v, a);
	case DIALOG_HELP:
	case DIALOG_NARRATION:
		/* A long narration (or help) scrolls (the screen keeps the top in range); other keys close it. */
		if (a == ACTION_UP || a == ACTION_PAGE_UP) {
			size_t by = a == ACTION_UP ? 1 : PAGE;
			v->narration_top = v->narration_top > by ? v->narration_top - by : 0;
			return HANDLED | REDRAW;
		}
		if (a == ACTION_DOWN || a == ACTION_PAGE_DOWN) {
			v->narration_top += a == ACTION_DOWN ? 1 : PAGE;
			return HANDLED | REDRAW;
		}
		v->dialog = DIALOG_NONE;
		return HANDLED | REDRAW;
	case DIALOG_QUIZ_SUMMARY:
		/* Any key closes them. */
		v->dialog = DIALOG_NONE;
		return HANDLED | REDRAW;
	default:
		if (a == ACTION_CLOSE)
			v->dialog = DIALOG_NONE;
		return HANDLED | REDRAW;
	}
}

int view_act(struct view *v, enum action a)
{
	if (v->dialog != DIALOG_NONE)
		return act_in_dialog(v, a);
	switch (a) {
	case ACTION_NONE:
	case ACTION_CLOSE:
		return 0;
	case ACTION_NEXT:
		if (open_question(v))
			return HANDLED | REDRAW;
		return go_to_step(v, v->current + 1) | open_summary(v);
	case ACTION_PREV:
		return v->current ? go_to_step(v, v->current - 1) : HANDLED;
	case ACTION_FIRST:
		return go_to_step(v, 0);
	case ACTION_LAST:
		return v->step_count ? go_to_step(v, v->step_count - 1) : HANDLED;
	case ACTION_FOCUS:
		v->focus = (enum pane)((v->focus + 1) % PANE_COUNT);
		return HANDLED | REDRAW;
	case ACTION_UP:
	case ACTION_DOWN: {
		long delta = a == ACTION_UP ? -1 : 1;
		if (v->focus == PANE_DIAGRAM)
			return a == ACTION_UP ? view_act(v, ACTION_PREV) : view_act(v, ACTION_NEXT);
		if (v->focus == PANE_FIELDS)
			return move_selection(v, delta);
		return scroll_pane(v, PANE_BYTES, delta);
	}
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN: {
		long delta = a == ACTION_PAGE_UP ? -PAGE : PAGE;
		if (v->focus == PANE_FIELDS)
			return move_selection(v, delta);
		return scroll_pane(v, v->focus, delta);
	}
	case ACTION_TOGGLE:
		if (v->flat_count && v->flat[v->selected].f->count) {
			size_t node = v->flat[v->selected].node;
			v->collapsed[node] = !v->collapsed[node];
			reflatten(v);
		}
		return HANDLED | REDRAW;
	case ACTION_CIPHERTEXT:
		if (!protected_message(v)) {
			snprintf(v->message, sizeof(v->message),
				 "x: this step travels in clear; it has no ciphertext to show");
			return HANDLED | REDRAW;
		}
		v->show_ciphertext = !v->show_ciphertext;
		load_step(v);
		snprintf(v->message, sizeof(v->message), "showing the %s",
			 !v->show_ciphertext	 ? "decrypted message (plaintext)"
			 : v->trace.capture.quic ? "packet as it crossed the wire (ciphertext)"
						 : "record as it crossed the wire (ciphertext)");
		return HANDLED | REDRAW;
	case ACTION_TCP:
		v->show_tcp = !v->show_tcp;
		relayout(v);
		load_step(v);
		snprintf(v->message, sizeof(v->message), "%s%s", v->show_tcp
			 ? v->trace.capture.from_file ? "showing every TCP segment (captured)"
						      : "showing every TCP segment (modeled)"
			 : "showing the TCP handshake and teardown only",
			 v->quiz_mode != QUIZ_DRILL ? ""
			 : v->show_tcp ? "; the drill asks TCP too" : "; the drill asks TLS only");
		return HANDLED | REDRAW;
	case ACTION_RTT_UP:
	case ACTION_RTT_DOWN: {
		if (!v->have_trace)
			return HANDLED;
		unsigned rtt = rtt_scaled(v->trace.rtt_ms, a == ACTION_RTT_UP);
		v->rtt_ms = rtt;
		trace_set_rtt(&v->trace, rtt);
		relayout(v);
		char data[64];
		const struct connection *c =
			trace_step_connection(&v->trace, view_step(v) ? v->steps[v->current] : 0);
		trace_client_data_brief(&v->trace, (unsigned)(c - v->trace.conns), data, sizeof(data));
		snprintf(v->message, sizeof(v->message), "round trip %u ms: client data %s", rtt,
			 data);
		return HANDLED | REDRAW;
	}
	case ACTION_SEARCH:
	case ACTION_EXPORT:
		v->dialog = a == ACTION_SEARCH ? DIALOG_SEARCH : DIALOG_EXPORT;
		/* A capture that decrypts by itself is what most people export. */
		if (a == ACTION_EXPORT)
			snprintf(v->input, sizeof(v->input), "%s.pcapng",
				 v->scenario ? v->scenario->name : "trace");
		else
			v->input[0] = '\0';
		return HANDLED | REDRAW;
	case ACTION_SEARCH_NEXT:
		return search_next(v);
	case ACTION_GOTO:
		v->dialog = DIALOG_GOTO;
		v->input[0] = '\0';
		return HANDLED | REDRAW;
	case ACTION_NARRATED:
		for (size_t i = v->current + 1; v->lesson && i < v->step_count; i++)
			if (lesson_step_note(v->lesson, v->steps[i]) ||
			    view_step_has_field_notes(v, v->steps[i]))
				return go_to_step(v, i);
		snprintf(v->message, sizeof(v->message), "%s",
			 v->lesson ? "the lesson says nothing more after this step"
				   : "no lesson: s chooses one, or tlsviz --lesson NAME");
		return HANDLED | REDRAW;
	case ACTION_SCENARIOS:
		list_lessons(v);
		v->dialog = DIALOG_SCENARIOS;
		if (!v->opened)
			v->dialog_choice = v->scenario ? (size_t)(v->scenario - scenarios) : 0;
		return HANDLED | REDRAW;
	case ACTION_RERUN:
		if (v->opened)
			snprintf(v->message, sizeof(v->message),
				 "a capture file is shown as it was captured: it does not run again");
		if (v->scenario && view_open(v, v->scenario) == 0)
			snprintf(v->message, sizeof(v->message), "ran %s again: run %u, new randoms",
				 v->scenario->name, v->runs);
		return HANDLED | REDRAW;
	case ACTION_HELP:
		v->dialog = DIALOG_HELP;
		v->narration_top = 0;
		return HANDLED | REDRAW;
	case ACTION_MATH:
		return math_open(v);
	case ACTION_NARRATION:
		/* The explanation pane whole, with the lesson's narration when there is one. */
		if (view_step(v)) {
			v->dialog = DIALOG_NARRATION;
			v->narration_top = 0;
		}
		return HANDLED | REDRAW;
	case ACTION_CONTRAST:
		v->contrast = !v->contrast;
		snprintf(v->message, sizeof(v->message), "%s",
			 v->contrast ? "high contrast: no colour, bold text (c: back)"
				     : "normal contrast");
		return HANDLED | REDRAW;
	case ACTION_QUIT:
		return HANDLED | QUIT;
	}
	return 0;
}

/* A key in the quiz: a digit answers; once answered, any key goes on to the next step. */
static int answer_quiz(struct view *v, int ch)
{
	if (ch == KEY_ESC && !v->answered) {
		v->dialog = DIALOG_NONE;
		return HANDLED | REDRAW;
	}
	if (!v->answered) {
		const struct quiz_question *q = &v->question;
		size_t pick = (size_t)(ch - '1');
		if (ch < '1' || pick >= q->count)
			return HANDLED;
		v->picked = pick;
		v->answered = true;
		v->quizzed[v->steps[v->current]] = true;
		v->asked++;
		v->right += pick == q->answer;
		v->chance += 1.0 / (double)q->count;
		v->fewest = !v->fewest || q->count < v->fewest ? q->count : v->fewest;
		v->most = q->count > v->most ? q->count : v->most;
		size_t used = strlen(v->missed);
		if (pick != q->answer && used + 1 < sizeof(v->missed))
			snprintf(v->missed + used, sizeof(v->missed) - used, "%s%zu. %s",
				 used ? ", " : "", v->current + 2, q->choices[q->answer]);
		return HANDLED | REDRAW;
	}
	v->dialog = DIALOG_NONE;
	return go_to_step(v, v->current + 1) | open_summary(v) | REDRAW;
}

/*
 * The chooser's "open a file...": FILE, or FILE KEYLOG. Its connections
 * replace what the view showed; the list comes first when there are several.
 */
static void open_file(struct view *v, const char *input)
{
	char path[256] = "", keylog[256] = "", why[400];
	if (sscanf(input, "%255s %255s", path, keylog) < 1)
		return;
	struct opened file;
	struct open_options o = { .keylog_path = keylog[0] ? keylog : NULL };
	if (open_capture_file(path, &o, &file, why, sizeof(why)) != 0) {
		snprintf(v->message, sizeof(v->message), "%.*s", (int)sizeof(v->message) - 1, why);
		open_release(&file);
		return;
	}
	struct opened_traces *traces = xcalloc(1, sizeof(*traces));
	opened_traces_build(&file, traces, NULL);
	char stopped[sizeof(file.error)];
	snprintf(stopped, sizeof(stopped), "%s", file.error);
	open_release(&file);
	if (!traces->count) {
		snprintf(v->message, sizeof(v->message), "%s holds no TLS connection", path);
		opened_traces_release(traces);
		free(traces);
		return;
	}
	if (v->have_trace && !v->opened)
		trace_release(&v->trace);
	v->have_trace = false;
	if (v->files)
		opened_traces_release(v->files);
	free(v->files);
	v->files = traces;
	v->opened = traces;
	v->scenario = NULL;
	v->lesson = NULL; /* a lesson narrates its own scenario */
	view_show_opened(v, 0);
	if (stopped[0])
		snprintf(v->message, sizeof(v->message), "%.*s", (int)sizeof(v->message) - 1, stopped);
	if (traces->count > 1)
		v->dialog = DIALOG_SCENARIOS;
}

int view_type(struct view *v, int ch)
{
	if (v->dialog == DIALOG_QUIZ)
		return answer_quiz(v, ch);
	size_t len = strlen(v->input);
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		enum dialog d = v->dialog;
		v->dialog = DIALOG_NONE;
		if (d == DIALOG_EXPORT && len)
			export_to(v, v->input);
		if (d == DIALOG_GOTO && len) {
			char *end;
			unsigned long n = strtoul(v->input, &end, 10);
			if (*end || n < 1 || n > v->step_count) {
				snprintf(v->message, sizeof(v->message), "no step %s: the steps are 1-%zu",
					 v->input, v->step_count);
				return HANDLED | REDRAW;
			}
			return go_to_step(v, (size_t)n - 1) | open_summary(v) | REDRAW;
		}
		if (d == DIALOG_OPEN && len)
			open_file(v, v->input);
		if (d == DIALOG_SEARCH && len) {
			snprintf(v->search, sizeof(v->search), "%s", v->input);
			return search_next(v) | REDRAW;
		}
		return HANDLED | REDRAW;
	}
	if (ch == KEY_ESC) {
		v->dialog = DIALOG_NONE;
		return HANDLED | REDRAW;
	}
	if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len) {
		v->input[len - 1] = '\0';
		return HANDLED | REDRAW;
	}
	if (ch >= 0x20 && ch < 0x7f && len + 1 < sizeof(v->input)) {
		v->input[len] = (char)ch;
		v->input[len + 1] = '\0';
		return HANDLED | REDRAW;
	}
	return HANDLED;
}

int view_click(struct view *v, enum pane pane, size_t line)
{
	v->focus = pane;
	/* Only the lines on show: a blank row below them is not a step yet to come. */
	if (pane == PANE_DIAGRAM && line < view_diagram_lines(v)) {
		size_t step = v->layout.lines[line].step;
		for (size_t i = 0; step != LINE_NO_STEP && i < v->step_count; i++)
			if (v->steps[i] == step)
				return go_to_step(v, i);
	}
	if (pane == PANE_FIELDS && line < v->flat_count) {
		if (v->selected == line)
			return view_act(v, ACTION_TOGGLE);
		v->selected = line;
	}
	return HANDLED | REDRAW;
}

const char *view_step_title(const struct view *v, char *out, size_t len)
{
	const struct step *s = view_step(v);
	if (!s) {
		snprintf(out, len, "no step");
		return out;
	}
	char label[96];
	layout_step_label(&v->trace, s, label, sizeof(label));
	const char *from = (s->kind == STEP_SEGMENT ? v->trace.tcp.segments[s->index].dir
						    : v->trace.messages[s->index].dir) ==
					   DIR_CLIENT_TO_SERVER
				   ? "client -> server"
				   : "server -> client";
	bool cipher = protected_message(v) && v->show_ciphertext;
	const char *carrier = v->trace.capture.quic ? "packet of " : "record of ";
	snprintf(out, len, "%s%s  (%s%s)", cipher ? carrier : "", label, from,
		 s->kind != STEP_SEGMENT	      ? cipher ? ", ciphertext" : ""
		 : v->trace.capture.from_file ? ", captured TCP"
					      : ", modeled TCP");
	return out;
}

bool view_step_has_field_notes(const struct view *v, size_t step)
{
	for (size_t i = 0; v->lesson && i < v->lesson->count; i++)
		if (v->lesson->notes[i].field && v->lesson->notes[i].step_index == step)
			return true;
	return false;
}

const char *view_narration(struct view *v)
{
	const struct step *s = view_step(v);
	if (!v->lesson || !s)
		return NULL;
	const char *note = lesson_step_note(v->lesson, v->steps[v->current]);
	if (v->current == 0 && v->lesson->intro) {
		/* The lesson opens with its introduction. */
		struct buf text = BUF_INIT;
		buf_printf(&text, "%s%s%s", v->lesson->intro, note ? "\n\n" : "", note ? note : "");
		free(v->narration);
		v->narration = (char *)text.data;
		return v->narration;
	}
	return note;
}

const char *view_failure(struct view *v, bool brief)
{
	if (!v->have_trace || v->outcome == OUTCOME_COMPLETE || v->current + 1 != v->step_count)
		return NULL;
	if (v->failure)
		return brief ? v->failure_brief : v->failure; /* made once a run: borrowed */
	/* What crossed the wire: the last alert other than close_notify. */
	struct buf wire = BUF_INIT;
	size_t i = v->trace.message_count;
	while (i > 0 && (v->trace.messages[i - 1].kind != MESSAGE_ALERT ||
			 v->trace.messages[i - 1].type == 0))
		i--;
	if (i) {
		const struct message *m = &v->trace.messages[i - 1];
		const char *name = registry_name(REG_ALERT_DESCRIPTION, m->type);
		/* An opened capture's peers are whoever made it, not wolfSSL. */
		buf_printf(&wire, "on the wire, %s%s sent alert %s", v->opened ? "the " : "wolfSSL's ",
			   m->dir == DIR_CLIENT_TO_SERVER ? "client" : "server",
			   name ? name : "(unknown)");
	} else {
		buf_printf(&wire, "no alert crossed the wire");
	}
	buf_append(&wire, "", 1);
	struct buf whole = BUF_INIT, part = BUF_INIT;
	if (v->opened) {
		/*
		 * A capture's connection did not fail unless an alert says so: it may
		 * only be unverified (no keys) or end before both Finished messages.
		 */
		const char *outcome = v->trace.outcome;
		const char *why = !strcmp(outcome, "failed")	  ? (char *)wire.data
				  : !strcmp(outcome, "unverified") ? v->trace.unopened
								   : "the capture ends before both "
								     "Finished messages were checked";
		buf_printf(&whole, "%s: %s", outcome, why);
		buf_printf(&part, "%s: %s", outcome, why);
	} else {
		buf_printf(&whole, "%s: %s; %s", outcome_name(v->outcome), v->trace.detail,
			   (char *)wire.data);
		buf_printf(&part, "%s: %s", outcome_name(v->outcome), (char *)wire.data);
	}
	buf_append(&whole, "", 1);
	buf_append(&part, "", 1);
	buf_release(&wire);
	v->failure = (char *)whole.data;
	v->failure_brief = (char *)part.data;
	return brief ? v->failure_brief : v->failure;
}

size_t view_sections(struct view *v, struct section out[SECTION_MAX])
{
	size_t n = 0;
	const char *failure = view_failure(v, false);
	if (failure)
		out[n++] = (struct section){ SECTION_FAILURE, failure };
	const char *narration = view_narration(v);
	if (narration)
		out[n++] = (struct section){ SECTION_LESSON, narration };
	const struct field *f = v->flat_count ? v->flat[v->selected].f : NULL;
	const char *note = v->lesson && view_step(v) && f && v->selected > 0
				   ? lesson_field_note(v->lesson, v->steps[v->current], f->name)
				   : NULL;
	view_explanation(v, v->explain, sizeof(v->explain));
	if (note) {
		struct buf text = BUF_INIT;
		buf_printf(&text, "On %s: %s", f->name, note);
		buf_append(&text, "", 1);
		free(v->note);
		v->note = (char *)text.data;
		out[n++] = (struct section){ SECTION_NOTE, v->note };
	}
	/* A note that already says what the generic line says does not get it twice. */
	const char *generic = f && f->explain ? f->explain : v->explain;
	if (!note || !strstr(note, generic))
		out[n++] = (struct section){ SECTION_GENERIC, v->explain };
	return n;
}

const char *view_explanation(const struct view *v, char *out, size_t len)
{
	const struct step *s = view_step(v);
	if (!s) {
		snprintf(out, len, "%s", v->message);
		return out;
	}
	const struct field *f = v->flat_count ? v->flat[v->selected].f : NULL;
	if (f && f->explain) {
		snprintf(out, len, "%s: %s", f->name, f->explain);
		return out;
	}
	if (f && f->error) {
		snprintf(out, len, "error: %s", f->value);
		return out;
	}
	if (s->kind == STEP_SEGMENT && f && f->explain) {
		snprintf(out, len, "%s", f->explain); /* the segment's own: modeled or captured */
		return out;
	}
	const struct message *m = &v->trace.messages[s->index];
	snprintf(out, len, "%s: %s", message_name(m), message_explanation(&v->trace, m));
	return out;
}
