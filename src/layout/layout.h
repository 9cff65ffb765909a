/*
 * The sequence diagram as a UI-neutral model: lines of styled spans. The text
 * exporter prints the spans; the TUI paints them with colours. Neither adds
 * or removes anything, so the screen and an export cannot disagree.
 */
#ifndef TLSVIZ_LAYOUT_LAYOUT_H
#define TLSVIZ_LAYOUT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "trace/trace.h"

enum style {
	STYLE_PLAIN,
	STYLE_TITLE,
	STYLE_LANE,      /* the boxes and lifelines */
	STYLE_CLIENT,    /* arrows and labels sent by the client */
	STYLE_SERVER,    /* ... by the server */
	STYLE_TCP,       /* modeled TCP segments */
	STYLE_PROTECTED, /* messages under handshake or application keys */
	STYLE_ALERT,     /* alerts other than close_notify */
	STYLE_BRACKET,   /* the section brackets and their labels */
	STYLE_NOTE,      /* legend, outcome, errors */
};

struct span {
	char *text; /* UTF-8, owned; every code point is one column wide */
	enum style style;
};

#define LINE_NO_STEP ((size_t)-1)

struct line {
	struct span *spans;
	size_t count, cap;
	size_t step; /* the trace step this line shows, or LINE_NO_STEP */
};

struct layout {
	struct line *lines;
	size_t count, cap;
	struct arena texts; /* every span's text: freed at once by layout_release() */
};

/* A copy of <text, len>, terminated, that lives as long as `l`: a span's text. */
char *layout_text(struct layout *l, const char *text, size_t len);

struct layout_options {
	bool ascii;        /* ASCII only: no box drawing */
	bool all_segments; /* every TCP segment, not only the handshake and teardown */
	bool no_sections;  /* no section brackets and separators (for side-by-side diagrams) */
};

/* Lays out `t` as a sequence diagram. `out` owns everything; `t` is only read. */
void layout_diagram(struct layout *out, const struct trace *t, const struct layout_options *opts);
void layout_release(struct layout *l);
/*
 * A capture file's connection in one line for a list: "example.com, TLS
 * 1.3, TLS_AES_128_GCM_SHA256, complete" (server name, version, suite, outcome).
 */
void layout_connection_summary(const struct trace *t, char *out, size_t len);
/* Whether `later` resumes a session `earlier` handed out (its id or one of its tickets). */
bool layout_resumes(const struct trace *later, const struct trace *earlier);

/* One arrow's message of the diagram, for exporters that draw it their own way. */
struct sequence_item {
	size_t step;         /* the trace step */
	unsigned conn;       /* the connection: 0, or 1 for a resumption's second */
	unsigned number;     /* the diagram's number of the flight (arrow) it travels in, from 1 */
	uint64_t arrival_us; /* when it arrives on the modeled timeline */
	enum direction dir;
	const char *section; /* "TCP", "TLS handshake", "application data", "TLS close", "TCP close" */
	enum style style;
	char label[64];      /* as the diagram writes it: "{Finished}", "SYN ACK" */
};

/* The steps the diagram shows, in order, with their sections. The caller frees *out. */
size_t layout_sequence(const struct trace *t, const struct layout_options *opts,
		       struct sequence_item **out);

/*
 * The diagram's title, appended to `title`: the scenario and what its first
 * connection negotiated ("tls12-rsa: TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256,
 * RSA key transport"), or why it has no ServerHello.
 */
void layout_title(const struct trace *t, struct buf *title);

/*
 * The notes under the diagram, one line each (a single span with its style):
 * the legend of the brackets this trace uses, what the times mean (with
 * `times`, for a diagram that shows them), when the client could send data,
 * tampering, the outcome of a failure and any trace error. Every diagram
 * writes the same notes. `out` owns them (layout_release).
 */
void layout_notes(struct layout *out, const struct trace *t, bool times);

/*
 * Two runs' diagrams side by side, aligned by the round trip in which each
 * step arrives (both traces at the same RTT). A line's step is its round
 * trip's key: connection * 1000 + round trip, or LINE_NO_STEP. `stacked`
 * (for a narrow screen): each round trip's lines of `a`, then of `b`, each
 * line tagged "A " or "B ". Returns the column where `b`'s diagram starts
 * (0 when stacked).
 */
size_t layout_compare(struct layout *out, const struct trace *a, const struct trace *b, bool ascii,
		      bool stacked);

/* The label of a step as the diagram writes it: "ClientHello", "{Finished}", "SYN ACK". */
void layout_step_label(const struct trace *t, const struct step *s, char *out, size_t out_len);

#endif
