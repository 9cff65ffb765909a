/*
 * The NSS key log format (as written by SSLKEYLOGFILE in browsers, curl,
 * OpenSSL and wolfSSL): one secret per line,
 *
 *   LABEL <client_random, 64 hex digits> <secret, hex>
 *
 * '#' starts a comment line. The client random names the connection (its
 * ClientHello's random); the label says which secret it is.
 */
#include "open/open.h"

#include <stdlib.h>
#include <string.h>

#include "base/reader.h"

/*
 * NSS labels and the capture labels the trace knows them by (the HKDF labels
 * of RFC 8446, 7.1; "master secret" of RFC 5246, 8.1).
 */
static const struct {
	const char *nss;
	const char *capture;
} labels[] = {
	{ "CLIENT_RANDOM", "master secret" },
	{ "CLIENT_EARLY_TRAFFIC_SECRET", "c e traffic" },
	{ "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "c hs traffic" },
	{ "SERVER_HANDSHAKE_TRAFFIC_SECRET", "s hs traffic" },
	{ "CLIENT_TRAFFIC_SECRET_0", "c ap traffic" },
	{ "SERVER_TRAFFIC_SECRET_0", "s ap traffic" },
	{ "EXPORTER_SECRET", "exp master" },
	{ "EARLY_EXPORTER_SECRET", "e exp master" },
};

const char *keylog_capture_label(const char *nss_label)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].nss, nss_label) == 0)
			return labels[i].capture;
	return NULL;
}

const char *keylog_nss_label(const char *capture_label)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].capture, capture_label) == 0)
			return labels[i].nss;
	return NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the hex word <text, len> into at most `max` bytes; its length, or 0 when it is not hex. */
static size_t parse_hex(const char *text, size_t len, uint8_t *out, size_t max)
{
	if (len == 0 || len % 2 || len / 2 > max)
		return 0;
	for (size_t i = 0; i < len; i += 2) {
		int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return len / 2;
}

/* The next space-separated word of <*text, *len>: its start and length, the rest left. */
static size_t next_word(const char **text, size_t *len, const char **word)
{
	while (*len && (**text == ' ' || **text == '\t')) {
		(*text)++;
		(*len)--;
	}
	*word = *text;
	size_t n = 0;
	while (n < *len && (*text)[n] != ' ' && (*text)[n] != '\t')
		n++;
	*text += n;
	*len -= n;
	return n;
}

/* One line, without its newline: a secret added to `k`, or false when it is not one. */
static bool parse_line(struct keylog *k, const char *line, size_t len, unsigned number)
{
	const char *label, *random, *secret, *extra;
	size_t label_len = next_word(&line, &len, &label);
	size_t random_len = next_word(&line, &len, &random);
	size_t secret_len = next_word(&line, &len, &secret);
	struct keylog_entry e;
	memset(&e, 0, sizeof(e));
	if (label_len == 0 || label_len >= sizeof(e.label) || next_word(&line, &len, &extra) != 0)
		return false;
	memcpy(e.label, label, label_len);
	if (!keylog_capture_label(e.label) ||
	    parse_hex(random, random_len, e.client_random, 32) != 32 ||
	    !(e.secret_len = parse_hex(secret, secret_len, e.secret, SECRET_MAX)))
		return false;
	/* RFC 5246, 8.1: a master secret is always 48 bytes. */
	if (!strcmp(e.label, "CLIENT_RANDOM") && e.secret_len != 48)
		return false;
	e.line = number;
	ARRAY_GROW(k->entries, k->count, k->cap);
	k->entries[k->count++] = e;
	return true;
}

void keylog_parse(struct keylog *k, const char *text, size_t len, bool from_dsb)
{
	unsigned number = 0;
	while (len) {
		const char *end = memchr(text, '\n', len);
		size_t line_len = end ? (size_t)(end - text) : len;
		size_t used = end ? line_len + 1 : line_len;
		number++;
		while (line_len && (text[line_len - 1] == '\r' || text[line_len - 1] == ' '))
			line_len--;
		/* A line may end in a backslash (Wireshark's own test captures' DSBs do; it reads them). */
		if (line_len && text[line_len - 1] == '\\')
			line_len--;
		size_t lead = 0;
		while (lead < line_len && (text[lead] == ' ' || text[lead] == '\t'))
			lead++;
		bool blank = lead == line_len || text[lead] == '#';
		if (!blank && !parse_line(k, text, line_len, from_dsb ? 0 : number)) {
			if (!k->bad_lines)
				k->first_bad_line = number;
			k->bad_lines++;
		}
		text += used;
		len -= used;
	}
}

void keylog_release(struct keylog *k)
{
	free(k->entries);
	memset(k, 0, sizeof(*k));
}

