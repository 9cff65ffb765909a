/*
 * The key-log exporter: the NSS key-log format that Wireshark reads to
 * decrypt a capture. Each line is LABEL <client_random> <secret>, in hex.
 * A scenario's lines are the key schedule's secrets; a capture file's
 * connection gives back the key log lines it was opened with.
 */
#include <string.h>

#include "export/export.h"
#include "export/secrets.h"
#include "open/open.h"

static void hex(FILE *out, const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fprintf(out, "%02x", bytes[i]);
}

/* The random of message `m` when it is a ClientHello, else NULL. */
static const uint8_t *hello_random(const struct message *m)
{
	/* RFC 5246, 7.4.1.2: msg_type, length (DTLS: and 8 bytes more), client_version, random. */
	size_t header = message_header_len(m);
	bool hello = m->kind == MESSAGE_HANDSHAKE && m->type == 1 &&
		     m->dir == DIR_CLIENT_TO_SERVER && m->bytes.len >= header + 2 + 32;
	return hello ? m->bytes.data + header + 2 : NULL;
}

/* Whether one of the trace's ClientHellos (a renegotiation's too) carries `random`. */
static bool carried_random(const struct trace *t, const uint8_t random[32])
{
	for (size_t i = 0; i < t->message_count; i++) {
		const uint8_t *r = hello_random(&t->messages[i]);
		if (r && !memcmp(r, random, 32))
			return true;
	}
	return false;
}

/*
 * The client random a derived secret is keyed by: that of the last
 * ClientHello of its connection up to the message that derived it (a
 * renegotiation's handshake has its own), else the connection's.
 */
static const uint8_t *secret_random(const struct trace *t, const struct derived_secret *s)
{
	for (size_t i = s->message < t->message_count ? s->message + 1 : t->message_count; i-- > 0;) {
		const uint8_t *r = hello_random(&t->messages[i]);
		if (r && t->messages[i].conn == s->conn)
			return r;
	}
	return t->conns[s->conn].negotiated.client_random;
}

/*
 * A capture file's connection: the key log lines (from --keylog or the
 * file's Decryption Secrets Blocks) whose client random one of its
 * ClientHellos carries, in the order they were read. Returns how many.
 */
static size_t opened_lines(const struct trace *t, FILE *out)
{
	size_t written = 0;
	for (size_t i = 0; i < t->capture.secret_count; i++) {
		const struct secret *s = &t->capture.secrets[i];
		const char *label = keylog_nss_label(s->label);
		if (!s->has_random || !label || !carried_random(t, s->client_random))
			continue;
		fprintf(out, "%s ", label);
		hex(out, s->client_random, sizeof(s->client_random));
		fputc(' ', out);
		hex(out, s->bytes, s->len);
		fputc('\n', out);
		written++;
	}
	return written;
}

int export_keylog(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	fprintf(out, "# tlsviz %s: NSS key log (for Wireshark: tls.keylog_file)\n", t->scenario);
	/*
	 * A capture file's connection gives back its key log lines; one opened
	 * with a server's RSA key instead, the master secrets tlsviz derived.
	 */
	if (t->capture.from_file && opened_lines(t, out))
		return ferror(out) ? -1 : 0;
	for (size_t i = 0; i < t->secret_count; i++) {
		const struct derived_secret *s = &t->secrets[i];
		const struct negotiated *n = &t->conns[s->conn].negotiated;
		/* TLS 1.2 logs the master secret under the client random. */
		bool tls12_master = n->version != 0x0304 &&
				    strcmp(s->name, "master_secret") == 0;
		const char *label = tls12_master ? "CLIENT_RANDOM" : keylog_label(s->name);
		if (!label)
			continue;
		fprintf(out, "%s ", label);
		hex(out, secret_random(t, s), 32);
		fputc(' ', out);
		hex(out, s->bytes, s->len);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
