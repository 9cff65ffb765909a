/*
 * Sequence-diagram exporters for slides and documents: Mermaid and
 * PlantUML draw the same arrows, sections and legend as the text diagram,
 * each in its own syntax (one dialect table); Markdown wraps the text
 * diagram with a table of the steps.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/names.h"
#include "export/export.h"
#include "layout/layout.h"

struct dialect {
	const char *header;  /* printf with the title */
	const char *arrow[2]; /* client->server, server->client: printf with the label */
	const char *section; /* printf with the section's name */
	const char *note;    /* printf with a line of the legend */
	const char *footer;
	bool escape_mermaid; /* Mermaid reads '#' and ';' in labels as syntax */
};

static const struct dialect mermaid = {
	"sequenceDiagram\n    title %s\n    participant C as Client\n    participant S as Server\n",
	{ "    C->>S: %s\n", "    S->>C: %s\n" },
	"    Note over C,S: %s\n",
	"    Note over C,S: %s\n",
	"",
	true,
};

static const struct dialect plantuml = {
	"@startuml\ntitle %s\nparticipant Client as C\nparticipant Server as S\n",
	{ "C -> S : %s\n", "S -> C : %s\n" },
	"== %s ==\n",
	"note over C, S : %s\n",
	"@enduml\n",
	false,
};

static void print_label(FILE *out, const char *fmt, const char *label, bool escape)
{
	char text[160];
	size_t n = 0;
	for (const char *p = label; *p && n + 6 < sizeof(text); p++) {
		if (escape && (*p == '#' || *p == ';'))
			n += (size_t)snprintf(text + n, sizeof(text) - n, "#%d;", *p);
		else
			text[n++] = *p;
	}
	text[n] = '\0';
	fprintf(out, fmt, text);
}

static void title_of(const struct trace *t, char *out, size_t len)
{
	const struct negotiated *n = &t->conns[0].negotiated;
	const char *version = registry_name(REG_PROTOCOL_VERSION, n->version);
	const char *suite = registry_name(REG_CIPHER_SUITE, n->cipher_suite);
	snprintf(out, len, "%s: %s%s%s", t->scenario, version ? version : "no version agreed",
		 suite ? ", " : "", suite ? suite : "");
}

static int export_dialect(const struct dialect *d, const struct trace *t, FILE *out)
{
	struct sequence_item *items;
	size_t count = layout_sequence(t, &(struct layout_options){ 0 }, &items);
	char title[200];
	title_of(t, title, sizeof(title));
	fprintf(out, d->header, title);
	const char *section = NULL;
	for (size_t i = 0; i < count; i++) {
		if (!section || strcmp(section, items[i].section) != 0) {
			section = items[i].section;
			fprintf(out, d->section, section);
		}
		print_label(out, d->arrow[items[i].dir], items[i].label, d->escape_mermaid);
	}
	print_label(out, d->note, "{Name}: handshake traffic keys, [Name]: application traffic keys",
		    d->escape_mermaid);
	print_label(out, d->note, "TCP is modeled around the real TLS bytes", d->escape_mermaid);
	fputs(d->footer, out);
	free(items);
	return ferror(out) ? -1 : 0;
}

int export_mermaid(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	return export_dialect(&mermaid, t, out);
}

int export_plantuml(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	return export_dialect(&plantuml, t, out);
}

int export_markdown(const struct trace *t, const struct export_options *opts, FILE *out)
{
	char title[200];
	title_of(t, title, sizeof(title));
	fprintf(out, "## %s\n\n```\n", title);
	if (export_text(t, opts, out) != 0)
		return -1;
	fputs("```\n\n| # | from | message |\n|---|---|---|\n", out);
	struct sequence_item *items;
	size_t count = layout_sequence(t, &(struct layout_options){ 0 }, &items);
	for (size_t i = 0; i < count; i++) {
		/* Markdown tables take '|' as a cell border. */
		char label[160];
		size_t n = 0;
		for (const char *p = items[i].label; *p && n + 3 < sizeof(label); p++) {
			if (*p == '|')
				label[n++] = '\\';
			label[n++] = *p;
		}
		label[n] = '\0';
		fprintf(out, "| %zu | %s | `%s` |\n", i + 1,
			items[i].dir == DIR_CLIENT_TO_SERVER ? "client" : "server", label);
	}
	math_markdown(t, items, count, out);
	free(items);
	return ferror(out) ? -1 : 0;
}
