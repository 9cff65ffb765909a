#include "export/opened.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

/*
 * Builds the trace of TLS connection `c` into `t` (taking its capture),
 * saying on `report` (when not NULL) what could not be followed.
 */
static void build_one(struct opened_connection *c, struct trace *t, FILE *report)
{
	char client[64], server[64], name[32], detail[600];
	open_endpoint_text(c, 0, client, sizeof(client));
	open_endpoint_text(c, 1, server, sizeof(server));
	snprintf(name, sizeof(name), "connection %u", c->number);
	snprintf(detail, sizeof(detail), "%s -> %s%s%s", client, server,
		 c->capture.notes[0] ? "; " : "", c->capture.notes);
	trace_build(t, &c->capture, name, "", detail);
	if (report && t->unopened[0])
		fprintf(report, "tlsviz: connection %u (%s -> %s): ciphertext only: %s\n",
			c->number, client, server, t->unopened);
	if (report && t->error[0])
		fprintf(report, "tlsviz: connection %u (%s -> %s): %s\n", c->number, client,
			server, t->error);
}

/* Says on `report` (when not NULL) why connection `c`, which carries no TLS, is skipped. */
static void report_skipped(const struct opened_connection *c, FILE *report)
{
	char client[64], server[64];
	open_endpoint_text(c, 0, client, sizeof(client));
	open_endpoint_text(c, 1, server, sizeof(server));
	if (report)
		fprintf(report, "tlsviz: connection %u (%s -> %s) skipped: %s\n", c->number,
			client, server, c->why_skipped);
}

void opened_traces_build(struct opened *o, struct opened_traces *out, FILE *report)
{
	memset(out, 0, sizeof(*out));
	out->traces = xcalloc(o->count ? o->count : 1, sizeof(*out->traces));
	out->numbers = xcalloc(o->count ? o->count : 1, sizeof(*out->numbers));
	out->lines = xcalloc(o->count ? o->count : 1, sizeof(*out->lines));
	out->line_ptrs = xcalloc(o->count ? o->count : 1, sizeof(*out->line_ptrs));
	for (size_t i = 0; i < o->count; i++) {
		struct opened_connection *c = &o->conns[i];
		if (!c->tls) {
			report_skipped(c, report);
			continue;
		}
		struct trace *t = &out->traces[out->count];
		build_one(c, t, report);
		out->numbers[out->count] = c->number;
		char client[64], server[64], summary[160];
		open_endpoint_text(c, 0, client, sizeof(client));
		open_endpoint_text(c, 1, server, sizeof(server));
		layout_connection_summary(t, summary, sizeof(summary));
		/* RFC 5246, 7.4.1.2; RFC 8446, 2.2: a session it resumes came from an earlier one. */
		char resumes[40] = "";
		for (size_t j = 0; j < out->count; j++)
			if (layout_resumes(t, &out->traces[j])) {
				snprintf(resumes, sizeof(resumes), " (resumes %u)",
					 out->numbers[j]);
				break;
			}
		snprintf(out->lines[out->count], sizeof(out->lines[0]), "%3u%s  %s -> %s  %s",
			 c->number, resumes, client, server, summary);
		out->line_ptrs[out->count] = out->lines[out->count];
		out->count++;
	}
}

int opened_traces_each(struct opened *o, FILE *report,
		       int (*each)(const struct trace *t, void *context), void *context)
{
	int status = 0;
	for (size_t i = 0; i < o->count; i++) {
		struct opened_connection *c = &o->conns[i];
		if (!c->tls) {
			report_skipped(c, report);
			continue;
		}
		struct trace t;
		build_one(c, &t, report);
		if (!status)
			status = each(&t, context);
		trace_release(&t);
	}
	return status;
}

void opened_traces_release(struct opened_traces *o)
{
	for (size_t i = 0; i < o->count; i++)
		trace_release(&o->traces[i]);
	free(o->traces);
	free(o->numbers);
	free(o->lines);
	free(o->line_ptrs);
	memset(o, 0, sizeof(*o));
}

