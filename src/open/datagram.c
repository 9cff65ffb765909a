#include "open/datagram.h"

#include <string.h>

#include "base/reader.h"

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

/* ---- QUIC (RFC 9000, 17.2; RFC 9369, 3.2) ---- */

/*
 * The client: the sender of the first Initial packet (a long header, not
 * Version Negotiation's version 0, of type Initial: 0b00 in version 1,
 * 0b01 in version 2). Its handshake is read by the trace, which opens the packets.
 */
static void find_quic_client(const struct datagram *d, size_t count, const uint8_t *bytes,
			     struct datagram_summary *out)
{
	out->client = d[0].dir;
	for (size_t i = 0; i < count; i++) {
		struct reader r = reader_init(bytes + d[i].offset, d[i].len, 0);
		uint8_t first;
		uint32_t version;
		if (!reader_u8(&r, &first) || (first & 0xc0) != 0xc0 || !reader_u32(&r, &version) ||
		    version == 0)
			continue;
		if ((first >> 4 & 3) == (version == 0x6b3343cf ? 1 : 0)) {
			out->client = d[i].dir;
			return;
		}
	}
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
		find_quic_client(d, count, bytes, out);
	}
}
