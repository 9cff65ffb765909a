/*
 * Exporters: one file per format, one table that lists them. Each writes a
 * trace to a stream; export_write() puts it in a file all at once or not at
 * all.
 */
#ifndef TLSVIZ_EXPORT_EXPORT_H
#define TLSVIZ_EXPORT_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "trace/trace.h"

struct lesson;

struct export_options {
	bool ascii;
	const struct lesson *lesson; /* text: a hand-out, the narration under each step */
	const struct trace *beside;  /* text: this run's diagram beside the trace's (--compare) */
};

struct exporter {
	const char *name;
	const char *description;
	/* Writes `t` to `out`; returns 0, or -1 when writing failed. */
	int (*write)(const struct trace *t, const struct export_options *opts, FILE *out);
};

/* The exporter called `name`, or NULL. */
const struct exporter *exporter_find(const char *name);
/* The names of all exporters, separated by ", ", for messages. */
const char *exporter_names(void);

/*
 * Writes `t` with `e` to `path`, or to standard output when path is NULL or
 * "-". A file is written under a temporary name beside it and renamed, so a
 * failure never leaves a partial file. Returns 0, or -1 with a one-line reason
 * in `why`.
 */
int export_write(const struct exporter *e, const struct trace *t,
		 const struct export_options *opts, const char *path, char *why, size_t why_len)
	__attribute__((warn_unused_result));

int export_text(const struct trace *t, const struct export_options *opts, FILE *out);
int export_json(const struct trace *t, const struct export_options *opts, FILE *out);
int export_pcap(const struct trace *t, const struct export_options *opts, FILE *out);
int export_pcapng(const struct trace *t, const struct export_options *opts, FILE *out);
int export_keylog(const struct trace *t, const struct export_options *opts, FILE *out);
int export_markdown(const struct trace *t, const struct export_options *opts, FILE *out);
int export_mermaid(const struct trace *t, const struct export_options *opts, FILE *out);
int export_plantuml(const struct trace *t, const struct export_options *opts, FILE *out);

#endif
