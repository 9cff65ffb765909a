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
	/*
	 * Mermaid: the output is a Markdown document (its name ends in .md), so
	 * each connection gets a diagram of its own in a ```mermaid block: one
	 * slide each. A .mmd file holds one diagram.
	 */
	bool markdown;
};

/* Whether `path` (NULL: standard output) names a Markdown document: it ends in .md. */
bool export_path_is_markdown(const char *path);

struct exporter {
	const char *name;
	const char *description;
	/* Writes `t` to `out`; returns 0, or -1 when writing failed. */
	int (*write)(const struct trace *t, const struct export_options *opts, FILE *out);
	bool binary; /* not text: never written onto a terminal */
	bool secret; /* holds secrets: a new file is readable by its owner only */
};

/* The exporter called `name`, or NULL. */
const struct exporter *exporter_find(const char *name);
/* The names of all exporters, separated by ", ", for messages. */
const char *exporter_names(void);

/* How export_write() ended. */
enum export_status {
	EXPORT_OK = 0,
	EXPORT_BAD_DESTINATION, /* the path names nothing that can be written: the user's to fix */
	EXPORT_WRITE_FAILED,	/* writing failed (a full disk, a closed pipe): tlsviz failed */
};

/*
 * Writes `t` with `e` to `path`, or to standard output when path is NULL or
 * "-". A regular file is written whole or not at all: under a temporary name
 * beside it, then renamed (or, with other hard links, copied into it), keeping
 * its mode; a symbolic link is followed, never replaced; a device or a pipe
 * is written into; a binary format is never written onto a terminal. No
 * temporary file survives, not even SIGINT, SIGTERM or SIGHUP (which still
 * end tlsviz when their action is the default). Returns EXPORT_OK, or a
 * failure with a one-line reason in `why`.
 */
enum export_status export_write(const struct exporter *e, const struct trace *t,
				const struct export_options *opts, const char *path, char *why,
				size_t why_len) __attribute__((warn_unused_result));

/*
 * The math of message `message`'s step as text wrapped to `width` columns,
 * appended to `out` (NUL-terminated); returns how many values it holds.
 */
size_t math_step_text(const struct trace *t, size_t message, size_t width, struct buf *out);
struct sequence_item;
/* The Markdown export's "The math": each step of `items` that computes something, as code. */
void math_markdown(const struct trace *t, const struct sequence_item *items, size_t count,
		   FILE *out);

int export_text(const struct trace *t, const struct export_options *opts, FILE *out);
int export_json(const struct trace *t, const struct export_options *opts, FILE *out);
int export_pcap(const struct trace *t, const struct export_options *opts, FILE *out);
int export_pcapng(const struct trace *t, const struct export_options *opts, FILE *out);
int export_keylog(const struct trace *t, const struct export_options *opts, FILE *out);
int export_markdown(const struct trace *t, const struct export_options *opts, FILE *out);
int export_mermaid(const struct trace *t, const struct export_options *opts, FILE *out);
int export_plantuml(const struct trace *t, const struct export_options *opts, FILE *out);

#endif
