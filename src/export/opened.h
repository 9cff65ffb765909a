/*
 * A capture file's TLS connections as traces, each with its line for a
 * list: what --open exports and the viewer shows, built once.
 */
#ifndef TLSVIZ_EXPORT_OPENED_H
#define TLSVIZ_EXPORT_OPENED_H

#include <stdio.h>

#include "open/open.h"
#include "trace/trace.h"

#define OPENED_LINE_MAX 400

struct opened_traces {
	struct trace *traces;
	unsigned *numbers;                 /* each one's number in the file */
	char (*lines)[OPENED_LINE_MAX];    /* its line in the connection list */
	const char **line_ptrs;            /* the same, as an array of strings */
	size_t count;
};

/*
 * Builds a trace of each TLS connection of `o` (taking its capture) and its
 * line: addresses, server name, version, suite, outcome and the earlier
 * connection whose session it resumes. What could not be followed (a
 * stream without TLS, records left as ciphertext, a trace error) is said
 * on `report` one line each, or not at all when it is NULL.
 */
void opened_traces_build(struct opened *o, struct opened_traces *out, FILE *report);
void opened_traces_release(struct opened_traces *o);

/*
 * The same, one connection at a time, for a program that reads each once
 * (an export of them all): each trace, built as opened_traces_build builds
 * it and said on `report` the same way, is given to `each` and released
 * before the next is built. After `each` fails (returns nonzero), the rest
 * are still built and reported, not given. Returns the first failure, or 0.
 */
int opened_traces_each(struct opened *o, FILE *report,
		       int (*each)(const struct trace *t, void *context), void *context);

#endif
