/* The interactive viewer: the only code that talks to curses. */
#ifndef TLSVIZ_UI_UI_H
#define TLSVIZ_UI_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/scenario.h"
#include "trace/trace.h"

struct lesson;

struct ui_options {
	const struct scenario *scenario;
	struct lesson *lesson; /* narrates the scenario, or NULL */
	bool quiz;             /* the lesson's questions, or "what comes next?" before each step */
	bool ascii;
	bool seeded;
	uint64_t seed;
	unsigned rtt_ms; /* the modeled round trip; 0 for the default */
};

/*
 * Runs the viewer until the user quits. Returns the exit status: 0, 1 when
 * the scenario could not run, 2 when there is no usable terminal (after
 * saying so on stderr). The terminal is restored on every way out.
 */
int ui_run(const struct ui_options *opts);
/* --compare: the two traces side by side until the user quits; the same statuses. */
int ui_compare(struct trace *a, struct trace *b, const struct ui_options *opts);
struct opened_traces;
/*
 * --open: a capture file's connections (borrowed); shows connection
 * `first`, or when `first` is their count the list to choose from. The
 * same statuses.
 */
int ui_open(const struct ui_options *opts, const struct opened_traces *traces, size_t first);

#endif
