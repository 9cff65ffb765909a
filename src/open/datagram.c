#include "open/datagram.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/reader.h"
#include "decode/names.h"

#define NAMES_MAX 24 /* messages named; more are counted */

/* The messages read so far, each with its sender: "client ClientHello, server ...". */
struct reading {
	struct datagram_summary *out;
	struct buf names;
	size_t named;
	unsigned more;   /* messages past NAMES_MAX */
	int last_sender; /* -1 before the first */
};

/* Adds message `name` sent by `dir`, naming the sender when it changes. */
static void add_name(struct reading *r, enum direction dir, const char *name)
{
	if (r->named == NAMES_MAX) {
		r->more++;
		return;
	}
	const char *sender = dir == DIR_CLIENT_TO_SERVER ? "client " : "server ";
	buf_printf(&r->names, "%s%s%s", r->named ? ", " : "",
		   (int)dir == r->last_sender ? "" : sender, name);
	r->last_sender = (int)dir;
	r->named++;
}

/* The summary's line from `text` (released), cut to fit. */
static void set_text(struct datagram_summary *out, struct buf *text)
{
	buf_append(text, "", 1);
	snprintf(out->text, sizeof(out->text), "%s", (const char *)text->data);
	buf_release(text);
}

/* ---- DTLS (RFC 6347, 4.1 and 4.2.2; RFC 9147, 4) ---- */

static const char *dtls_version(uint16_t v)
{
	switch (v) {
	case 0xfeff:
		return "DTLS 1.0";
	case 0xfefd:
		return "DTLS 1.2";
	case 0xfefc:
		return "DTLS 1.3";
	case 0x0100:
		return "OpenSSL's pre-standard DTLS 1.0 (0x0100)";
	}
	return NULL;
}

struct dtls_state {
	uint32_t next_seq[2]; /* the message_seq each side's next new message has */
	bool seen_seq[2];
	bool ccs[2];          /* each side's ChangeCipherSpec, named once */
	unsigned protected_records[2];
	bool unified; /* DTLS 1.3 ciphertext, in its unified header */
	uint16_t client_version, server_version;
};

/*
 * The handshake fragments of one epoch-0 record: a message is named once,
 * the first time its message_seq appears (its other fragments and any
 * retransmission carry the same message_seq).
 */
static void dtls_handshake(struct reading *rd, struct dtls_state *st, enum direction dir,
			   struct reader r)
{
	uint8_t type;
	uint32_t length, offset, fragment_len;
	uint16_t seq;
	const uint8_t *body;
	while (reader_u8(&r, &type) && reader_u24(&r, &length) && reader_u16(&r, &seq) &&
	       reader_u24(&r, &offset) && reader_u24(&r, &fragment_len) &&
	       reader_bytes(&r, fragment_len, &body)) {
		if (st->seen_seq[dir] && seq < st->next_seq[dir])
			continue;
		st->seen_seq[dir] = true;
		st->next_seq[dir] = (uint32_t)seq + 1;
		const char *name = registry_name(REG_HANDSHAKE_TYPE, type);
		add_name(rd, dir, name ? name : "an unknown handshake message");
		/* client_version or server_version, then the random (RFC 6347, 4.2.1). */
		if (offset == 0 && fragment_len >= 34 && (type == 1 || type == 2)) {
			uint16_t version = (uint16_t)(body[0] << 8 | body[1]);
			if (type == 1) {
				st->client_version = version;
				memcpy(rd->out->client_random, body + 2, 32);
				rd->out->has_random = true;
			} else {
				st->server_version = version;
			}
		}
	}
}

/* The records of one DTLS datagram. */
static void dtls_datagram(struct reading *rd, struct dtls_state *st, enum direction dir,
			  struct reader r)
{
	while (reader_remaining(&r)) {
		const uint8_t *first = NULL;
		struct reader peek = r;
		if (!reader_bytes(&peek, 1, &first))
			return;
		/* RFC 9147, 4: 001CSLEE, a DTLS 1.3 ciphertext record; its header's
		 * length is optional and its connection ID's is negotiated: the rest
		 * of the datagram is counted as one record. */
		if ((*first & 0xe0) == 0x20) {
			st->unified = true;
			st->protected_records[dir]++;
			return;
		}
		uint8_t type;
		uint16_t version, epoch, len;
		const uint8_t *seq;
		struct reader fragment;
		if (!reader_u8(&r, &type) || !reader_u16(&r, &version) || !reader_u16(&r, &epoch) ||
		    !reader_bytes(&r, 6, &seq) || !reader_u16(&r, &len) ||
		    !reader_sub(&r, len, &fragment))
			return;
		if (epoch > 0) {
			st->protected_records[dir]++;
			continue;
		}
		if (type == 22) {
			dtls_handshake(rd, st, dir, fragment);
		} else if (type == 20 && !st->ccs[dir]) {
			st->ccs[dir] = true;
			add_name(rd, dir, "ChangeCipherSpec");
		} else if (type == 21) {
			uint8_t level, description;
			const char *name = NULL;
			if (reader_u8(&fragment, &level) && reader_u8(&fragment, &description))
				name = registry_name(REG_ALERT_DESCRIPTION, description);
			char alert[64];
			snprintf(alert, sizeof(alert), "Alert: %s", name ? name : "unknown");
			add_name(rd, dir, alert);
		}
	}
}

static void read_dtls(const struct datagram *d, size_t count, const uint8_t *bytes,
		      struct reading *rd)
{
	struct dtls_state st;
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < count; i++)
		dtls_datagram(rd, &st, d[i].dir, reader_init(bytes + d[i].offset, d[i].len, 0));
	const char *version = st.unified ? "DTLS 1.3" : dtls_version(st.server_version);
	if (!version)
		version = dtls_version(st.client_version);
	struct buf text = BUF_INIT;
	buf_printf(&text, "%s over UDP, %zu datagram%s: ", version ? version : "DTLS", count,
		   count == 1 ? "" : "s");
	if (rd->named)
		buf_append(&text, rd->names.data, rd->names.len);
	else
		buf_puts(&text, "no handshake");
	if (rd->more)
		buf_printf(&text, " and %u more", rd->more);
	unsigned sealed = st.protected_records[0] + st.protected_records[1];
	if (sealed)
		buf_printf(&text, "; then %u protected record%s (%u from the client, %u from the "
			   "server)", sealed, sealed == 1 ? "" : "s", st.protected_records[0],
			   st.protected_records[1]);
	buf_printf(&text, ": tlsviz reads DTLS this far, and neither draws nor decrypts it");
	set_text(rd->out, &text);
}

/* ---- QUIC (RFC 9000, 17; RFC 9369, 3.2) ---- */

enum quic_type { QUIC_INITIAL, QUIC_0RTT, QUIC_HANDSHAKE, QUIC_RETRY, QUIC_1RTT, QUIC_TYPES };

static const char *const quic_type_names[QUIC_TYPES] = { "Initial", "0-RTT", "Handshake",
							  "Retry", "1-RTT" };

/* A variable-length integer (RFC 9000, 16): the two high bits of its first byte give its size. */
static bool quic_varint(struct reader *r, uint64_t *out)
{
	uint8_t first;
	if (!reader_u8(r, &first))
		return false;
	size_t more = ((size_t)1 << (first >> 6)) - 1;
	uint64_t v = first & 0x3f;
	for (size_t i = 0; i < more; i++) {
		uint8_t b;
		if (!reader_u8(r, &b))
			return false;
		v = v << 8 | b;
	}
	*out = v;
	return true;
}

/* Skips a field of a variable-length integer's length (a token, a packet's rest); false when cut. */
static bool quic_skip_sized(struct reader *r)
{
	uint64_t len;
	const uint8_t *skip;
	return quic_varint(r, &len) && len <= reader_remaining(r) &&
	       reader_bytes(r, (size_t)len, &skip);
}

/* A long header's packet type: version 2 numbers them differently (RFC 9369, 3.2). */
static enum quic_type quic_long_type(uint32_t version, uint8_t first)
{
	static const enum quic_type v1[4] = { QUIC_INITIAL, QUIC_0RTT, QUIC_HANDSHAKE, QUIC_RETRY };
	static const enum quic_type v2[4] = { QUIC_RETRY, QUIC_INITIAL, QUIC_0RTT, QUIC_HANDSHAKE };
	unsigned bits = first >> 4 & 3;
	return version == 0x6b3343cf ? v2[bits] : v1[bits];
}

/* The packets of one datagram, coalesced long-header packets one by one (RFC 9000, 12.2). */
static void quic_datagram(struct reader r, unsigned counts[2][QUIC_TYPES], enum direction dir,
			  uint32_t *version_out)
{
	uint8_t first;
	while (reader_u8(&r, &first)) {
		if (!(first & 0x80)) {
			/* A short header: 1-RTT, to the end of the datagram (17.3). */
			if (first & 0x40)
				counts[dir][QUIC_1RTT]++;
			return;
		}
		uint32_t version;
		uint8_t id_len;
		const uint8_t *id;
		if (!reader_u32(&r, &version) || !reader_u8(&r, &id_len) ||
		    !reader_bytes(&r, id_len, &id) || !reader_u8(&r, &id_len) ||
		    !reader_bytes(&r, id_len, &id) || version == 0)
			return; /* cut short, or a Version Negotiation packet (17.2.1) */
		if (!*version_out)
			*version_out = version;
		enum quic_type type = quic_long_type(version, first);
		counts[dir][type]++;
		if (type == QUIC_RETRY)
			return; /* no Length: the rest of the datagram (17.2.5) */
		/* An Initial's token, then every long header's Length and what it counts. */
		if ((type == QUIC_INITIAL && !quic_skip_sized(&r)) || !quic_skip_sized(&r))
			return;
	}
}

static void read_quic(const struct datagram *d, size_t count, const uint8_t *bytes,
		      struct datagram_summary *out)
{
	unsigned counts[2][QUIC_TYPES];
	memset(counts, 0, sizeof(counts));
	uint32_t version = 0;
	for (size_t i = 0; i < count; i++)
		quic_datagram(reader_init(bytes + d[i].offset, d[i].len, 0), counts, d[i].dir,
			      &version);
	struct buf text = BUF_INIT;
	if (version == 1)
		buf_printf(&text, "QUIC version 1");
	else if (version == 0x6b3343cf)
		buf_printf(&text, "QUIC version 2");
	else if ((version >> 8) == 0xff0000)
		buf_printf(&text, "QUIC draft-%u", version & 0xff);
	else
		buf_printf(&text, "QUIC version 0x%08x", version);
	buf_printf(&text, " over UDP, %zu datagram%s:", count, count == 1 ? "" : "s");
	for (int dir = 0; dir < 2; dir++) {
		bool any = false;
		for (int t = 0; t < QUIC_TYPES; t++) {
			if (!counts[dir][t])
				continue;
			buf_printf(&text, "%s %u %s", any ? "," : dir ? "; server" : " client",
				   counts[dir][t], quic_type_names[t]);
			any = true;
		}
	}
	buf_printf(&text, " packets: QUIC carries TLS 1.3's handshake in CRYPTO frames inside "
		   "packets protected from the first (Initial keys come from the client's first "
		   "Destination Connection ID, RFC 9001, 5.2); tlsviz reads their headers, and "
		   "neither draws nor decrypts them");
	set_text(out, &text);
}

void datagram_read(const struct datagram *d, size_t count, const uint8_t *bytes,
		   struct datagram_summary *out)
{
	memset(out, 0, sizeof(*out));
	if (!count || !d[0].len)
		return;
	const uint8_t *b = bytes + d[0].offset;
	/* A DTLS record: a content type, then version 0xfe.. (or OpenSSL's early 0x0100). */
	if (d[0].len >= 3 && b[0] >= 20 && b[0] <= 25 && (b[1] == 0xfe || (b[1] == 1 && b[2] == 0))) {
		struct reading rd = { .out = out, .names = BUF_INIT, .last_sender = -1 };
		out->dtls = true;
		read_dtls(d, count, bytes, &rd);
		buf_release(&rd.names);
		return;
	}
	/* A QUIC long header with the fixed bit (RFC 9000, 17.2). */
	if ((b[0] & 0xc0) == 0xc0) {
		out->quic = true;
		read_quic(d, count, bytes, out);
	}
}
