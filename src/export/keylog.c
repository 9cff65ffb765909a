/*
 * The key-log exporter: the NSS key-log format that Wireshark reads to
 * decrypt a capture. Each line is LABEL <client_random> <secret>, in hex.
 */
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
	struct secret_list secrets;
	secrets_collect(t, &secrets);
	fprintf(out, "# tlsviz %s: NSS key log (for Wireshark: tls.keylog_file)\n", t->scenario);
	for (size_t i = 0; i < secrets.count; i++) {
		const struct named_secret *s = &secrets.items[i];
		if (!s->keylog_label)
			continue;
		fprintf(out, "%s ", s->keylog_label);
		hex(out, t->negotiated.client_random, sizeof(t->negotiated.client_random));
		fputc(' ', out);
		hex(out, s->bytes, s->len);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
