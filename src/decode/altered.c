/*
 * What a man in the middle changed: each altered byte as a field of the
 * record or message that carried it, with what its change sets off. That
 * depends on what was altered: a protected record fails its own check; in a
 * plaintext record nothing checks the byte where it is, and what fails later
 * is a signature, the Finished check or the keys.
 */
#include <string.h>

#include "decode/internal.h"

#define CONTENT_HANDSHAKE 22
#define ANY (-1)

/* RFC 5246, 7.4.9: verify_data is computed over every handshake message. */
static const char finished_text[] =
	"A man in the middle changed this byte on its way. Nothing in a plaintext record "
	"protects it, and the receiver reads the message as it arrived. But each Finished "
	"covers a hash of every handshake message (RFC 5246, 7.4.9): the two sides hashed "
	"different bytes, so the Finished check fails, with alert decrypt_error.";

static const struct {
	uint16_t version; /* 0x0303, 0x0304, or 0 for either */
	int handshake_type; /* of the altered message, or ANY (also for other content) */
	int ems;           /* TLS 1.2: extended_master_secret negotiated (1) or not (0), or ANY */
	const char *text;
} plaintext_texts[] = {
	/* RFC 5246, 7.4.3: the signature covers both randoms and the server's parameters. */
	{ 0x0303, 12, ANY,
	  "A man in the middle changed this byte on its way. Nothing in a plaintext record "
	  "protects it: what catches the change is the server's signature over both randoms "
	  "and these parameters (RFC 5246, 7.4.3). It no longer verifies, and the client must "
	  "stop; the alert for that is decrypt_error (7.2.2)." },
	/* RFC 5246, 7.4.8: CertificateVerify signs every handshake message before it. */
	{ 0x0303, 15, ANY,
	  "A man in the middle changed this byte on its way. Nothing in a plaintext record "
	  "protects it: what catches the change is the client's signature over the handshake "
	  "so far (RFC 5246, 7.4.8). It no longer verifies, and the alert for that is "
	  "decrypt_error (7.2.2)." },
	/* Sent after ClientKeyExchange: outside the session hash, inside the Finished hash. */
	{ 0x0303, 4, ANY, finished_text },
	/* RFC 7627, 4: session_hash runs from ClientHello to ClientKeyExchange. */
	{ 0x0303, ANY, 1,
	  "A man in the middle changed this byte on its way. Nothing in a plaintext record "
	  "protects it, but the two sides now hash different handshakes, and with "
	  "extended_master_secret that hash goes into the master secret (RFC 7627, 4): their "
	  "keys differ, and the first protected record fails its record check "
	  "(bad_record_mac) before the Finished inside it is read." },
	{ 0x0303, ANY, 0, finished_text },
	/* RFC 8446, 7.1: the handshake traffic secrets hash ClientHello...ServerHello. */
	{ 0x0304, ANY, ANY,
	  "A man in the middle changed this byte on its way. Nothing in a plaintext record "
	  "protects it, but TLS 1.3 derives the handshake keys from a hash of the hellos "
	  "(RFC 8446, 7.1): the two sides now hold different keys, and the first encrypted "
	  "record fails its check (bad_record_mac). Had the keys matched, the Finished check "
	  "(4.4.4) would fail." },
};

static const char protected_text[] =
	"A man in the middle changed this byte on its way. The record's MAC or AEAD tag no "
	"longer matches, so the receiver rejects the whole record with alert bad_record_mac "
	"before reading what it carries (RFC 5246, 6.2.3; RFC 8446, 5.2).";

static const char other_plaintext_text[] =
	"A man in the middle changed this byte on its way. Nothing in a plaintext record "
	"protects it: the receiver acts on the bytes as they arrived.";

/* Why the altered bytes of `rec` matter: by its protection, version and message. */
static const char *why_altered(const struct trace *t, const struct record *rec)
{
	if (rec->protection != PROTECTION_PLAINTEXT)
		return protected_text;
	if (rec->type != CONTENT_HANDSHAKE || rec->plain.len == 0)
		return other_plaintext_text;
	const struct negotiated *n = &t->conns[rec->conn].negotiated;
	int type = rec->plain.data[0];
	for (size_t i = 0; i < sizeof(plaintext_texts) / sizeof(plaintext_texts[0]); i++) {
		if ((plaintext_texts[i].version && plaintext_texts[i].version != n->version) ||
		    (plaintext_texts[i].handshake_type != ANY &&
		     plaintext_texts[i].handshake_type != type) ||
		    (plaintext_texts[i].ems != ANY &&
		     plaintext_texts[i].ems != (int)n->extended_master_secret))
			continue;
		return plaintext_texts[i].text;
	}
	return other_plaintext_text;
}

static void add_change(struct field *parent, size_t offset, uint8_t sent, uint8_t arrived,
		       const char *why)
{
	struct field *f = field_add(parent, "altered_in_transit", offset, 1);
	field_set_value(f, "sent 0x%02x, arrived 0x%02x", sent, arrived);
	f->explain = explain_intern(why);
}

void decode_record_alterations(const struct trace *t, const struct record *rec,
			       struct field *root)
{
	if (!rec->altered)
		return;
	const uint8_t *wire = trace_record_bytes(t, rec), *arrived = trace_record_delivered(t, rec);
	const char *why = why_altered(t, rec);
	for (size_t i = 0; i < rec->len; i++)
		if (wire[i] != arrived[i])
			add_change(root, i, wire[i], arrived[i], why);
}

void decode_message_alterations(const struct trace *t, const struct message *m,
				struct field *root)
{
	/*
	 * A protected message's change shows on its record: the message itself never
	 * opened. An empty message has no byte to have changed.
	 */
	if (!m->altered || m->protection != PROTECTION_PLAINTEXT || m->bytes.len == 0)
		return;
	for (size_t r = m->first_record; r <= m->last_record; r++) {
		const struct record *rec = &t->records[r];
		if (!rec->altered || rec->plain.len < m->bytes.len)
			continue;
		/* Where the message lies in the record's fragment (plaintext: the fragment itself). */
		size_t at = 0;
		while (at + m->bytes.len <= rec->plain.len &&
		       memcmp(rec->plain.data + at, m->bytes.data, m->bytes.len) != 0)
			at++;
		if (at + m->bytes.len > rec->plain.len)
			continue;
		size_t from = RECORD_HEADER_LEN + at;
		const uint8_t *wire = trace_record_bytes(t, rec);
		const uint8_t *arrived = trace_record_delivered(t, rec);
		const char *why = why_altered(t, rec);
		for (size_t i = 0; i < m->bytes.len; i++)
			if (wire[from + i] != arrived[from + i])
				add_change(root, i, wire[from + i], arrived[from + i], why);
	}
}
