/*
 * The key-log exporter: the NSS key-log format that Wireshark reads to
 * decrypt a capture. Each line is LABEL <client_random> <secret>, in hex.
 */
#include <string.h>

#include "export/export.h"
#include "export/secrets.h"

static void hex(FILE *out, const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fprintf(out, "%02x", bytes[i]);
}

int export_keylog(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	fprintf(out, "# tlsviz %s: NSS key log (for Wireshark: tls.keylog_file)\n", t->scenario);
	for (size_t i = 0; i < t->secret_count; i++) {
		const struct derived_secret *s = &t->secrets[i];
		/* Each line is keyed by the client random of its connection. */
		const struct negotiated *n = &t->conns[s->conn].negotiated;
		/* TLS 1.2 logs the master secret under the client random. */
		bool tls12_master = n->version != 0x0304 &&
				    strcmp(s->name, "master_secret") == 0;
		const char *label = tls12_master ? "CLIENT_RANDOM" : keylog_label(s->name);
		if (!label)
			continue;
		fprintf(out, "%s ", label);
		hex(out, n->client_random, sizeof(n->client_random));
		fputc(' ', out);
		hex(out, s->bytes, s->len);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
