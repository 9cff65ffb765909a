#include "ui/view.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "decode/decode.h"
#include "export/export.h"
#include "lesson/lesson.h"
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
	{ 't', "t", ACTION_TCP, "show or hide every TCP segment" },
	{ '+', "+", ACTION_RTT_UP, "slower network: double the round trip time" },
	{ '-', "-", ACTION_RTT_DOWN, "faster network: halve the round trip time" },
	{ '/', "/", ACTION_SEARCH, "find a field or value" },
	{ 'N', "N", ACTION_SEARCH_NEXT, "next match" },
	{ 's', "s", ACTION_SCENARIOS, "choose another scenario" },
	{ 'r', "r", ACTION_RERUN, "run the scenario again (new randoms)" },
	{ 'e', "e", ACTION_EXPORT, "export this trace (.txt .json .pcap .keys .md .mmd .puml)" },
	{ 'l', "l", ACTION_NARRATION, "a lesson: its narration of this step, whole" },
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
	load_step(v);
	if (v->lesson && lesson_bind(v->lesson, &v->trace, v->message, sizeof(v->message)) != 0)
		v->lesson = NULL; /* its notes do not fit this trace: say so, show the trace */
	else if (v->trace.error[0])
		snprintf(v->message, sizeof(v->message), "trace error: %s", v->trace.error);
	else if (v->outcome != OUTCOME_COMPLETE)
		snprintf(v->message, sizeof(v->message), "%s: %s", v->trace.outcome,
			 v->trace.detail);
	else
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
	memset(v, 0, sizeof(*v));
}

/* The drill's pool of plausible answers, by protocol version. */
static const struct {
	const char *name;
	unsigned versions; /* 1: TLS 1.2, 2: TLS 1.3, 3: both */
} drill_names[] = {
	{ "SYN", 3 },           { "SYN ACK", 3 },         { "ACK", 3 },
	{ "FIN ACK", 3 },       { "ClientHello", 3 },     { "ServerHello", 3 },
	{ "Certificate", 3 },   { "CertificateRequest", 3 }, { "CertificateVerify", 3 },
	{ "Finished", 3 },      { "NewSessionTicket", 3 }, { "ApplicationData", 3 },
	{ "Alert", 3 },         { "ServerKeyExchange", 1 }, { "ServerHelloDone", 1 },
	{ "ClientKeyExchange", 1 }, { "ChangeCipherSpec", 1 }, { "EncryptedExtensions", 2 },
	{ "HelloRetryRequest", 2 }, { "KeyUpdate", 2 },
};

/* "What comes next?" with the right step among three others the protocol could send. */
static void drill_question(struct view *v, size_t next)
{
	struct quiz_question *q = &v->question;
	memset(q, 0, sizeof(*q));
	lesson_step_name(&v->trace, &v->trace.steps[v->steps[next]], q->names[0],
			 sizeof(q->names[0]));
	unsigned version = trace_final(&v->trace)->version == 0x0304 ? 2 : 1;
	size_t n = sizeof(drill_names) / sizeof(drill_names[0]);
	/* A small deterministic shuffle: the same trace asks the same way. */
	uint32_t state = (uint32_t)next * 2654435761u + 12345u;
	size_t count = 1;
	for (size_t tries = 0; count < 4 && tries < 64; tries++) {
		state = state * 1103515245u + 12345u;
		const char *candidate = drill_names[(state >> 8) % n].name;
		bool fits = drill_names[(state >> 8) % n].versions & version, taken = false;
		for (size_t k = 0; k < count; k++)
			taken |= !strcmp(q->names[k], candidate);
		if (fits && !taken)
			snprintf(q->names[count++], sizeof(q->names[0]), "%s", candidate);
	}
	/* The right answer goes to a position of its own. */
	size_t at = (state >> 4) % count;
	char right[64];
	snprintf(right, sizeof(right), "%s", q->names[0]);
	memmove(q->names[0], q->names[1], sizeof(q->names[0]) * at);
	snprintf(q->names[at], sizeof(q->names[0]), "%s", right);
	q->count = count;
	q->answer = at;
	for (size_t k = 0; k < count; k++)
		q->choices[k] = q->names[k];
	q->question = "What comes next?";
	const struct step *s = &v->trace.steps[v->steps[next]];
	const char *why = s->kind == STEP_MESSAGE ? message_explanation(&v->trace.messages[s->index])
						  : "TCP: the connection opens or closes.";
	snprintf(q->explain_text, sizeof(q->explain_text), "%s: %s", right, why);
	q->explain = q->explain_text;
}

/* Opens the question due before the step after the current one; false when there is none. */
static bool open_question(struct view *v)
{
	if (v->quiz_mode == QUIZ_OFF || v->current + 1 >= v->step_count ||
	    v->quizzed[v->steps[v->current]])
		return false;
	if (v->quiz_mode == QUIZ_DRILL) {
		drill_question(v, v->current + 1);
	} else {
		const struct lesson_quiz *lq = lesson_quiz_after(v->lesson, v->steps[v->current]);
		if (!lq)
			return false;
		memset(&v->question, 0, sizeof(v->question));
		v->question.question = lq->question;
		v->question.count = lq->choice_count;
		v->question.answer = lq->answer;
		v->question.explain = lq->explain;
		for (size_t k = 0; k < lq->choice_count; k++)
			v->question.choices[k] = lq->choices[k];
	}
	v->answered = false;
	v->dialog = DIALOG_QUIZ;
	return true;
}

static int go_to_step(struct view *v, size_t index)
{
	if (index >= v->step_count || index == v->current)
		return HANDLED;
	v->current = index;
	v->message[0] = '\0';
	load_step(v);
	return HANDLED | REDRAW;
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
	size_t start_step = v->current, start_line = v->selected + 1;
	for (size_t i = 0; i <= v->step_count; i++) {
		size_t step = (start_step + i) % v->step_count;
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
	snprintf(v->message, sizeof(v->message), "\"%s\" is nowhere in this trace", v->search);
	return HANDLED | REDRAW;
}

/* The export prompt's file name says the format by its extension. */
static void export_to(struct view *v, const char *path)
{
	static const struct {
		const char *ext;
		const char *format;
	} formats[] = {
		{ ".txt", "text" },     { ".json", "json" },	 { ".pcap", "pcap" },
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
			 "export: name the file .txt .json .pcap .keys .md .mmd or .puml to say the "
			 "format");
		return;
	}
	char why[200];
	if (export_write(e, &v->trace, &(struct export_options){ .ascii = v->ascii }, path, why,
			 sizeof(why)) != 0)
		snprintf(v->message, sizeof(v->message), "export failed: %s", why);
	else
		snprintf(v->message, sizeof(v->message), "exported %s as %s", path, e->name);
}

static int act_in_dialog(struct view *v, enum action a)
{
	switch (v->dialog) {
	case DIALOG_SCENARIOS:
		if (a == ACTION_UP && v->dialog_choice > 0)
			v->dialog_choice--;
		/* The scenarios, then "open a file..."; or a capture file's connections. */
		else if (a == ACTION_DOWN &&
			 v->dialog_choice < (v->opened ? v->opened->count - 1 : scenario_count))
			v->dialog_choice++;
		else if (a == ACTION_TOGGLE && v->opened) {
			view_show_opened(v, v->dialog_choice);
			v->dialog = DIALOG_NONE;
		} else if (a == ACTION_TOGGLE && v->dialog_choice == scenario_count) {
			v->dialog = DIALOG_OPEN;
			v->input[0] = '\0';
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
				if (view_open(v, s) == 0)
					v->dialog = DIALOG_NONE;
			}
		} else if (a == ACTION_CLOSE || a == ACTION_SCENARIOS || a == ACTION_QUIT) {
			v->dialog = DIALOG_NONE;
		}
		return HANDLED | REDRAW;
	case DIALOG_HELP:
	case DIALOG_NARRATION:
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
		return go_to_step(v, v->current + 1);
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
			 v->show_ciphertext ? "record as it crossed the wire (ciphertext)"
					    : "decrypted message (plaintext)");
		return HANDLED | REDRAW;
	case ACTION_TCP:
		v->show_tcp = !v->show_tcp;
		relayout(v);
		load_step(v);
		snprintf(v->message, sizeof(v->message), "%s", v->show_tcp
			 ? v->trace.capture.from_file ? "showing every TCP segment (captured)"
						      : "showing every TCP segment (modeled)"
			 : "showing the TCP handshake and teardown only");
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
		if (a == ACTION_EXPORT)
			snprintf(v->input, sizeof(v->input), "%s.txt",
				 v->scenario ? v->scenario->name : "trace");
		else
			v->input[0] = '\0';
		return HANDLED | REDRAW;
	case ACTION_SEARCH_NEXT:
		return search_next(v);
	case ACTION_SCENARIOS:
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
		return HANDLED | REDRAW;
	case ACTION_NARRATION:
		if (view_narration(v))
			v->dialog = DIALOG_NARRATION;
		else
			snprintf(v->message, sizeof(v->message), "%s",
				 v->lesson ? "the lesson says nothing about this step"
					   : "no lesson: tlsviz --lesson NAME narrates one");
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
		size_t pick = (size_t)(ch - '1');
		if (ch < '1' || pick >= v->question.count)
			return HANDLED;
		v->picked = pick;
		v->answered = true;
		v->quizzed[v->steps[v->current]] = true;
		v->asked++;
		v->right += pick == v->question.answer;
		return HANDLED | REDRAW;
	}
	v->dialog = DIALOG_NONE;
	int flags = go_to_step(v, v->current + 1);
	if (v->current + 1 == v->step_count)
		snprintf(v->message, sizeof(v->message), "quiz done: %u of %u right", v->right,
			 v->asked);
	return flags | REDRAW;
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
	if (pane == PANE_DIAGRAM && line < v->layout.count) {
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
	snprintf(out, len, "%s%s  (%s%s)", cipher ? "record of " : "", label, from,
		 s->kind != STEP_SEGMENT	      ? cipher ? ", ciphertext" : ""
		 : v->trace.capture.from_file ? ", captured TCP"
					      : ", modeled TCP");
	return out;
}

const char *view_narration(struct view *v)
{
	const struct step *s = view_step(v);
	if (!v->lesson || !s)
		return NULL;
	size_t step = v->steps[v->current];
	const struct field *f = v->flat_count ? v->flat[v->selected].f : NULL;
	const char *note = f && v->selected > 0 ? lesson_field_note(v->lesson, step, f->name) : NULL;
	if (!note)
		note = lesson_step_note(v->lesson, step);
	if (v->current == 0 && v->lesson->intro) {
		/* The lesson opens with its introduction. */
		snprintf(v->narration, sizeof(v->narration), "%s%s%s", v->lesson->intro,
			 note ? "\n\n" : "", note ? note : "");
		return v->narration;
	}
	return note;
}

const char *view_explanation(const struct view *v, char *out, size_t len)
{
	const struct step *s = view_step(v);
	if (!s) {
		snprintf(out, len, "%s", v->message);
		return out;
	}
	const struct field *f = v->flat_count ? v->flat[v->selected].f : NULL;
	if (f && f->explain && v->selected > 0) {
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
	snprintf(out, len, "%s: %s", message_name(m), message_explanation(m));
	return out;
}
