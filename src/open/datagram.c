#include "open/datagram.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/reader.h"

/* The summary's line from `text` (released), cut to fit. */
static void set_text(struct datagram_summary *out, struct buf *text)
{
	buf_append(text, "", 1);
	snprintf(out->text, sizeof(out->text), "%s", (const char *)text->data);
	buf_release(text);
}

/* ---- DTLS (RFC 6347, 4.1 and 4.2.2) ---- */

/*
 * The first ClientHello: who sent it, and its random. A DTLS record is
 * type, version, epoch, sequence_number<6>, length; a handshake fragment
 * msg_type, length<3>, message_seq, fragment_offset<3>, fragment_length<3>.
 */
static void find_client_hello(const struct datagram *d, size_t count, const uint8_t *bytes,
			      struct datagram_summary *out)
{
	for (size_t i = 0; i < count; i++) {
		struct reader r = reader_init(bytes + d[i].offset, d[i].len, 0);
		uint8_t type, msg_type;
		uint16_t version, epoch, len, seq;
		uint32_t length, offset, fragment_len;
		const uint8_t *record_seq, *body;
		struct reader fragment;
		while (reader_u8(&r, &type) && reader_u16(&r, &version) && reader_u16(&r, &epoch) &&
		       reader_bytes(&r, 6, &record_seq) && reader_u16(&r, &len) &&
		       reader_sub(&r, len, &fragment)) {
			if (type != 22 || epoch != 0 || !reader_u8(&fragment, &msg_type) ||
			    msg_type != 1 || !reader_u24(&fragment, &length) ||
			    !reader_u16(&fragment, &seq) || !reader_u24(&fragment, &offset) ||
			    !reader_u24(&fragment, &fragment_len) || offset != 0 ||
			    !reader_bytes(&fragment, 2 + 32, &body))
				continue;
			out->client = d[i].dir;
			out->has_random = true;
			memcpy(out->client_random, body + 2, 32); /* after client_version */
			return;
		}
	}
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
	/*
	 * A DTLS record: a content type, then version 0xfe.. (or OpenSSL's early
	 * 0x0100), or DTLS 1.3's unified header (RFC 9147, 4: 001CSLEE) after one.
	 */
	if (d[0].len >= 3 && b[0] >= 20 && b[0] <= 25 && (b[1] == 0xfe || (b[1] == 1 && b[2] == 0))) {
		out->dtls = true;
		find_client_hello(d, count, bytes, out);
		return;
	}
	/* A QUIC long header with the fixed bit (RFC 9000, 17.2). */
	if ((b[0] & 0xc0) == 0xc0) {
		out->quic = true;
		read_quic(d, count, bytes, out);
	}
}
