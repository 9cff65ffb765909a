/*
 * tlsviz --open FILE: a capture someone else made, on the command line.
 * The file reader turns it into one capture per TLS connection; each is
 * built into a trace like a live run's, then exported or shown. What the
 * reader could not follow (streams without TLS, key log lines no
 * connection uses, connections no line opens, where a damaged file
 * stopped) is said on stderr, one line each.
 */
#include "main_open.h"

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "export/opened.h"
#include "open/open.h"
#include "ui/ui.h"

enum { EXIT_OK = 0, EXIT_TOOL_FAILED = 1, EXIT_USAGE = 2 };

/* Key log lines no connection's client random matched, and lines that were not key log lines. */
static void report_key_log(const struct keylog *k)
{
	unsigned unmatched = 0, offered = 0;
	const struct keylog_entry *first = NULL;
	for (size_t i = 0; i < k->count; i++) {
		offered += k->entries[i].offered_quic;
		if (!k->entries[i].matched && !k->entries[i].offered_quic && !unmatched++)
			first = &k->entries[i];
	}
	if (offered)
		fprintf(stderr, "tlsviz: key log: %u of %zu secrets match no TCP or DTLS connection "
			"and are offered to the QUIC connections, whose ClientHellos travel in "
			"protected Initial packets\n", offered, k->count);
	if (first)
		fprintf(stderr, "tlsviz: key log: %u of %zu secrets match no connection (the first: "
			"%s%.0u%s %s for client random %02x %02x %02x %02x ...)\n",
			unmatched, k->count, first->line ? "line " : "", first->line,
			first->line ? "," : "from the file's Decryption Secrets Block,", first->label,
			first->client_random[0], first->client_random[1], first->client_random[2],
			first->client_random[3]);
	if (k->bad_lines)
		fprintf(stderr, "tlsviz: key log: %u lines are not NSS key log lines (the first: "
			"line %u)\n", k->bad_lines, k->first_bad_line);
}

/*
 * The connections an export writes, one after the other (JSON: as the
 * elements of one array): `traces`, or else every TLS connection of
 * `file`, built one at a time as it is written. export_write's exporter
 * writes them all at once.
 */
static struct {
	const struct exporter *e;
	const struct trace *traces;
	struct opened *file;
	size_t count;
} chosen_export;

/* Where write_one writes, and how many it has written. */
struct chosen_write {
	const struct export_options *opts;
	FILE *out;
	bool array;
	size_t written;
};

static int write_one(const struct trace *t, void *context)
{
	struct chosen_write *w = context;
	if (w->written++)
		fputs(w->array ? ",\n" : "\n", w->out);
	return chosen_export.e->write(t, w->opts, w->out);
}

static int write_chosen(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)t;
	bool json = !strcmp(chosen_export.e->name, "json"), array = json && chosen_export.count > 1;
	/* One thread writes: stdio need not lock the stream for each character. */
	__fsetlocking(out, FSETLOCKING_BYCALLER);
	if (array)
		fputs("[\n", out);
	struct chosen_write w = { opts, out, array, 0 };
	int status = 0;
	if (chosen_export.file)
		status = opened_traces_each(chosen_export.file, stderr, write_one, &w);
	for (size_t i = 0; i < chosen_export.count && !chosen_export.file && !status; i++)
		status = write_one(&chosen_export.traces[i], &w);
	if (status)
		return -1;
	if (array)
		fputs("]\n", out);
	return ferror(out) ? -1 : 0;
}

/* Exports `count` traces, or (traces NULL) the `count` TLS connections of `file`. */
static int export_traces(const struct open_request *r, const struct exporter *e,
			 const struct trace *traces, struct opened *file, size_t count)
{
	char why[512];
	bool markdown = export_path_is_markdown(r->output);
	if (!strcmp(e->name, "mermaid") && count > 1 && !markdown) {
		fprintf(stderr, "tlsviz: a Mermaid diagram holds one connection and %s has %zu with "
				"TLS: choose one with --connection N, or write Markdown (-o NAME.md), "
				"a diagram per connection\n",
			r->path, count);
		return EXIT_USAGE;
	}
	chosen_export.e = e;
	chosen_export.traces = traces;
	chosen_export.file = traces ? NULL : file;
	chosen_export.count = count;
	const struct exporter all = { e->name, e->description, write_chosen, e->binary, e->secret };
	enum export_status st = export_write(&all, traces,
					     &(struct export_options){ .ascii = r->ascii,
								       .markdown = markdown },
					     r->output, why, sizeof(why));
	if (st == EXPORT_OK)
		return EXIT_OK;
	fprintf(stderr, "tlsviz: %s\n", why);
	/* A path that cannot be written is bad input; a write that fails is tlsviz failing. */
	return st == EXPORT_BAD_DESTINATION ? EXIT_USAGE : EXIT_TOOL_FAILED;
}

/* The index in `o` of connection number `n`, or -1 after saying why there is none. */
static long chosen(const struct open_request *r, const struct opened *file,
		   const struct opened_traces *o)
{
	for (size_t i = 0; i < o->count; i++)
		if (o->numbers[i] == r->connection)
			return (long)i;
	if (r->connection <= file->count)
		fprintf(stderr, "tlsviz: --connection %u: connection %u of %s carries no TLS (%s)\n",
			r->connection, r->connection, r->path,
			file->conns[r->connection - 1].why_skipped);
	else
		fprintf(stderr, "tlsviz: --connection %u: %s holds %zu connection%s\n", r->connection,
			r->path, file->count, file->count == 1 ? "" : "s");
	return -1;
}

/*
 * What --open does with the connections of `file` built all at once: lists
 * them, exports one (or a pcap's one), or shows them.
 */
static int built_main(const struct open_request *r, const struct exporter *e,
		      struct opened *file, bool one_file)
{
	struct opened_traces o;
	opened_traces_build(file, &o, stderr);
	report_key_log(&file->keys);
	long one = r->connection ? chosen(r, file, &o) : -1;
	int status = EXIT_OK;
	if (r->connection && one < 0) {
		status = EXIT_USAGE;
	} else if (!o.count) {
		fprintf(stderr, "tlsviz: %s: no TLS connection in its %u packets\n", r->path,
			file->packets);
		status = EXIT_USAGE;
	} else if (r->list) {
		for (size_t i = 0; i < o.count; i++)
			printf("%s\n", o.lines[i]);
		if (fflush(stdout) != 0)
			status = EXIT_TOOL_FAILED;
	} else if (e && one < 0 && o.count > 1 && one_file) {
		fprintf(stderr, "tlsviz: --export %s writes one connection: add --connection N (the "
			"file holds %zu)\n", e->name, o.count);
		status = EXIT_USAGE;
	} else if (e) {
		status = export_traces(r, e, one >= 0 ? &o.traces[one] : o.traces, file,
				       one >= 0 ? 1 : o.count);
	} else {
		status = ui_open(&(struct ui_options){ .ascii = r->ascii }, &o,
				 one >= 0 ? (size_t)one : o.count == 1 ? 0 : o.count);
	}
	opened_traces_release(&o);
	return status;
}

int open_main(const struct open_request *r)
{
	const struct exporter *e = r->format ? exporter_find(r->format) : NULL;
	if (r->format && !e) {
		fprintf(stderr, "tlsviz: unknown export format '%s' (choose from: %s)\n", r->format,
			exporter_names());
		return EXIT_USAGE;
	}
	struct buf pem = BUF_INIT, der = BUF_INIT;
	char why[400];
	if (r->rsa_key && !open_read_file(r->rsa_key, OPEN_KEY_MAX, &pem, why, sizeof(why))) {
		fprintf(stderr, "tlsviz: --rsa-key: %s\n", why);
		buf_release(&pem);
		return EXIT_USAGE;
	}
	if (r->rsa_key && !open_pem_key((const char *)pem.data, pem.len, &der)) {
		fprintf(stderr, "tlsviz: --rsa-key %s: no PEM private key in it\n", r->rsa_key);
		buf_release(&pem);
		buf_release(&der);
		return EXIT_USAGE;
	}
	buf_release(&pem);
	struct open_options oo = { .keylog_path = r->keylog, .rsa_key_der = der.data,
				   .rsa_key_len = der.len };
	struct opened file;
	int status = open_capture_file(r->path, &oo, &file, why, sizeof(why));
	buf_release(&der);
	if (status != 0) {
		fprintf(stderr, "tlsviz: %s\n", why);
		open_release(&file);
		return EXIT_USAGE;
	}
	size_t tls = 0;
	for (size_t i = 0; i < file.count; i++)
		tls += file.conns[i].tls;
	bool one_file = e && (!strcmp(e->name, "pcap") || !strcmp(e->name, "pcapng"));
	/*
	 * An export of every connection builds and writes one at a time (a
	 * file of thousands needs no more memory than its largest); what could
	 * not be followed is said as each is built, before the key log's
	 * strangers, as built_main says them.
	 */
	if (e && !r->connection && !r->list && tls && !(one_file && tls > 1)) {
		status = export_traces(r, e, NULL, &file, tls);
		report_key_log(&file.keys);
	} else {
		status = built_main(r, e, &file, one_file);
	}
	if (file.error[0]) {
		fprintf(stderr, "tlsviz: %s: %s\n", r->path, file.error);
		if (status == EXIT_OK)
			status = EXIT_USAGE;
	}
	open_release(&file);
	return status;
}
