/*
 * Sequence-diagram exporters for slides and documents. Mermaid and PlantUML
 * draw what the text diagram draws, each in its own syntax (one dialect
 * table): one arrow per flight, numbered as in the text diagram, the
 * sections, and the text diagram's notes (legend, tampering, outcome) under
 * it. Titles and notes are wrapped, since neither program wraps them. A run
 * of two connections is split for slides, the notes under each part:
 * PlantUML gives each connection a page of its own (newpage: one image
 * each); Mermaid has no pages, so in a Markdown document each connection is
 * a diagram of its own (a ```mermaid block each), while a .mmd file, which
 * holds one diagram, draws the second connection after the first. Markdown
 * puts the text diagram in a code block, its long lines wrapped, and the
 * steps in a table numbered as the diagram is.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "export/export.h"
#include "layout/layout.h"

/* Columns of a title or note line: what fits between Mermaid's two lifelines. */
#define WRAP_WIDTH 40

struct dialect {
	const char *header;       /* printf with the title */
	bool title_wraps;         /* the title takes line breaks (else its parameters go in a note) */
	const char *line_break;   /* inside a title or a message */
	const char *note_break;   /* between the lines of a note */
	const char *arrow[2];     /* client->server, server->client: printf with the label */
	const char *section;      /* printf with the section's name */
	const char *note_begin;   /* a note over both lifelines, its lines joined by note_break */
	const char *note_end;
	const char *new_page;     /* printf with the title of the second connection's page, or NULL */
	const char *footer;
	/* What to write for `c` (at the start of a line of a note?), or NULL to write it as it is. */
	const char *(*escape)(char c, bool line_start);
};

/* Mermaid reads '#' and ';' as syntax and labels as HTML: entity codes for those. */
static const char *mermaid_escape(char c, bool line_start)
{
	(void)line_start;
	switch (c) {
	case '#':
		return "#35;";
	case ';':
		return "#59;";
	case '<':
		return "#lt;";
	case '>':
		return "#gt;";
	default:
		return NULL;
	}
}

/*
 * PlantUML reads a line that starts with a quote as a comment (even in a
 * note), and '<' as the start of a markup tag; '~' escapes the next character.
 */
static const char *plantuml_escape(char c, bool line_start)
{
	if (c == '<')
		return "~<";
	return c == '\'' && line_start ? "<U+0027>" : NULL;
}

#define MERMAID_HEADER \
	"sequenceDiagram\n    title %s\n    participant C as Client\n    participant S as Server\n"

static const struct dialect mermaid = {
	.header = MERMAID_HEADER,
	.title_wraps = false,
	.line_break = "<br/>",
	.note_break = "<br/>",
	.arrow = { "    C->>S: %s\n", "    S->>C: %s\n" },
	.section = "    Note over C,S: %s\n",
	.note_begin = "    Note over C,S: ",
	.note_end = "\n",
	.new_page = NULL,
	.footer = "",
	.escape = mermaid_escape,
};

static const struct dialect plantuml = {
	.header = "@startuml\ntitle %s\nparticipant Client as C\nparticipant Server as S\n",
	.title_wraps = true,
	.line_break = "\\n",
	.note_break = "\n",
	.arrow = { "C -> S : %s\n", "S -> C : %s\n" },
	.section = "== %s ==\n",
	.note_begin = "note over C, S\n",
	.note_end = "\nend note\n",
	.new_page = "newpage %s: 2nd connection\n",
	.footer = "@enduml\n",
	.escape = plantuml_escape,
};

/* Appends `text` to `out` with the dialect's escapes; `line_start`: it starts a note's line. */
static void append_escaped(struct buf *out, const struct dialect *d, const char *text, size_t len,
			   bool line_start)
{
	for (size_t i = 0; i < len; i++) {
		const char *e = d->escape(text[i], line_start && i == 0);
		if (e)
			buf_append(out, e, strlen(e));
		else
			buf_append(out, &text[i], 1);
	}
}

/* Appends `text` word-wrapped at WRAP_WIDTH, its lines joined by `line_break`. */
static void append_wrapped(struct buf *out, const struct dialect *d, const char *line_break,
			   const char *text)
{
	for (const char *p = text; *p;) {
		size_t cut = wrap_cut(p, WRAP_WIDTH);
		if (p != text)
			buf_append(out, line_break, strlen(line_break));
		append_escaped(out, d, p, cut, true);
		p += cut;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

/* Writes `fmt` with the text of `b`, NUL-terminated, and empties `b`. */
static void print_buf(FILE *out, const char *fmt, struct buf *b)
{
	buf_append(b, "", 1);
	fprintf(out, fmt, (const char *)b->data);
	b->len = 0;
}

/*
 * "tls12-rsa: TLS 1.2, ..." into `title`, cut into the scenario (the string
 * itself) and its parameters (*params, inside it).
 */
static void split_title(const struct trace *t, struct buf *title, const char **params)
{
	layout_title(t, title);
	buf_append(title, "", 1);
	char *scenario = (char *)title->data, *colon = strstr(scenario, ": ");
	*params = colon ? colon + 2 : "";
	if (colon)
		*colon = '\0';
}

static void print_header(const struct dialect *d, const struct trace *t, FILE *out,
			 struct buf *b)
{
	struct buf title = BUF_INIT;
	const char *params;
	split_title(t, &title, &params);
	const char *scenario = (const char *)title.data;
	append_escaped(b, d, scenario, strlen(scenario), false);
	if (d->title_wraps) {
		buf_append(b, d->line_break, strlen(d->line_break));
		append_wrapped(b, d, d->line_break, params);
		print_buf(out, d->header, b);
	} else {
		print_buf(out, d->header, b);
		fputs(d->note_begin, out);
		append_wrapped(b, d, d->note_break, params);
		buf_append(b, d->note_end, strlen(d->note_end));
		print_buf(out, "%s", b);
	}
	buf_release(&title);
}

/* The text diagram's notes in one note over both lifelines, each note a line or more. */
static void print_notes(const struct dialect *d, const struct trace *t, FILE *out, struct buf *b)
{
	struct layout notes;
	layout_notes(&notes, t, false);
	fputs(d->note_begin, out);
	for (size_t i = 0; i < notes.count; i++) {
		if (i)
			buf_append(b, d->note_break, strlen(d->note_break));
		append_wrapped(b, d, d->note_break, notes.lines[i].spans[0].text);
	}
	buf_append(b, d->note_end, strlen(d->note_end));
	print_buf(out, "%s", b);
	layout_release(&notes);
}

static int export_dialect(const struct dialect *d, const struct trace *t, FILE *out)
{
	struct sequence_item *items;
	size_t count = layout_sequence(t, &(struct layout_options){ 0 }, &items);
	struct buf b = BUF_INIT;
	print_header(d, t, out, &b);
	const char *section = NULL;
	for (size_t i = 0; i < count;) {
		if (i > 0 && items[i].conn != items[i - 1].conn && d->new_page) {
			/* Each page a slide of its own: the legend and outcome go on each. */
			print_notes(d, t, out, &b);
			append_escaped(&b, d, t->scenario, strlen(t->scenario), false);
			print_buf(out, d->new_page, &b);
			section = NULL;
		}
		if (!section || strcmp(section, items[i].section) != 0) {
			section = items[i].section;
			append_escaped(&b, d, section, strlen(section), false);
			print_buf(out, d->section, &b);
		}
		/* One arrow for the flight, its messages stacked as in the text diagram. */
		size_t end = i;
		buf_printf(&b, "%u. ", items[i].number);
		for (; end < count && items[end].number == items[i].number; end++) {
			if (end > i)
				buf_append(&b, d->line_break, strlen(d->line_break));
			append_escaped(&b, d, items[end].label, strlen(items[end].label), false);
		}
		print_buf(out, d->arrow[items[i].dir], &b);
		i = end;
	}
	print_notes(d, t, out, &b);
	fputs(d->footer, out);
	buf_release(&b);
	free(items);
	return ferror(out) ? -1 : 0;
}

int export_mermaid(const struct trace *t, const struct export_options *opts, FILE *out)
{
	struct dialect d = mermaid;
	if (opts->markdown) {
		/* In a Markdown document: a fenced diagram per connection. */
		d.header = "```mermaid\n" MERMAID_HEADER;
		d.new_page = "```\n\n```mermaid\nsequenceDiagram\n    title %s: 2nd connection\n"
			     "    participant C as Client\n    participant S as Server\n";
		d.footer = "```\n";
	}
	return export_dialect(&d, t, out);
}

int export_plantuml(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	return export_dialect(&plantuml, t, out);
}

/* The width of a Markdown file's lines: a long note of the diagram is wrapped to it. */
#define MARKDOWN_WIDTH 78

/* Writes the text diagram (or hand-out) of `t`, each line longer than MARKDOWN_WIDTH wrapped. */
static int print_diagram_wrapped(const struct trace *t, const struct export_options *opts,
				 FILE *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return -1;
	int status = export_text(t, opts, mem);
	if (fclose(mem) != 0)
		status = -1;
	for (const char *line = text; status == 0 && line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		struct buf one = BUF_INIT;
		buf_append(&one, line, n);
		buf_append(&one, "", 1);
		const char *p = (const char *)one.data;
		const char *indent = "";
		do {
			/* The diagram's own lines are narrower: only notes are ever cut. */
			size_t cut = text_width(p) > MARKDOWN_WIDTH ? wrap_cut(p, MARKDOWN_WIDTH - 2)
								     : strlen(p);
			fprintf(out, "%s%.*s\n", indent, (int)cut, p);
			p += cut;
			while (*p == ' ')
				p++;
			indent = "  ";
		} while (*p);
		buf_release(&one);
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return status;
}

int export_markdown(const struct trace *t, const struct export_options *opts, FILE *out)
{
	/* The heading names the scenario; the diagram's own title says what it negotiated. */
	fprintf(out, "## %s\n\n```\n", t->scenario);
	if (print_diagram_wrapped(t, opts, out) != 0)
		return -1;
	/* One numbering: the messages of one arrow share the diagram's number. */
	fputs("```\n\n| # | time | connection | from | message |\n|---:|---:|---:|---|---|\n", out);
	struct sequence_item *items;
	size_t count = layout_sequence(t, &(struct layout_options){ 0 }, &items);
	for (size_t i = 0; i < count; i++) {
		char time[16];
		format_time_us(items[i].arrival_us, time, sizeof(time));
		fprintf(out, "| %u | %s | %u | %s | `", items[i].number, time, items[i].conn + 1,
			items[i].dir == DIR_CLIENT_TO_SERVER ? "client" : "server");
		/* A table takes '|' as a cell border, even in a code span. */
		for (const char *p = items[i].label; *p; p++)
			fprintf(out, *p == '|' ? "\\%c" : "%c", *p);
		fputs("` |\n", out);
	}
	math_markdown(t, items, count, out);
	free(items);
	return ferror(out) ? -1 : 0;
}
