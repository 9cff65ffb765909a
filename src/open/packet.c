/*
 * One captured frame, peeled down to its TCP or UDP header: the link layer
 * (the file's link type), VLAN tags, IPv4 or IPv6 with its extension
 * headers. Every byte is read through the bounds-checked reader; a frame
 * that is cut short or is not IP is simply not a packet.
 */
#include "open/packet.h"

#include <string.h>

#include "base/reader.h"

/* libpcap's DLT_ values (pcap/dlt.h) as its pcap_datalink() reports them. */
enum link_type {
	LINK_NULL = 0,   /* BSD loopback: a 4-byte address family in the host's byte order */
	LINK_ETHERNET = 1,
	LINK_RAW = 12,   /* raw IP (DLT_RAW; LINKTYPE_RAW 101 is mapped to it) */
	LINK_RAW_101 = 101,
	LINK_LOOP = 108, /* OpenBSD loopback: the family in network byte order */
	LINK_SLL = 113,  /* Linux cooked capture, version 1 */
	LINK_IPV4 = 228,
	LINK_IPV6 = 229,
	LINK_SLL2 = 276, /* Linux cooked capture, version 2 */
};

enum ethertype {
	ETHERTYPE_IPV4 = 0x0800,
	ETHERTYPE_VLAN = 0x8100,
	ETHERTYPE_QINQ = 0x88a8,
	ETHERTYPE_IPV6 = 0x86dd,
};

enum ip_protocol {
	IP_HOP_BY_HOP = 0,
	IP_TCP = 6,
	IP_UDP = 17,
	IP_ROUTING = 43,
	IP_FRAGMENT = 44,
	IP_AH = 51,
	IP_DESTINATION_OPTIONS = 60,
};

bool packet_link_supported(int link_type)
{
	static const int known[] = { LINK_NULL, LINK_ETHERNET, LINK_RAW, LINK_RAW_101, LINK_LOOP,
				     LINK_SLL, LINK_IPV4, LINK_IPV6, LINK_SLL2 };
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] == link_type)
			return true;
	return false;
}

static bool skip(struct reader *r, size_t n)
{
	const uint8_t *ignored;
	return reader_bytes(r, n, &ignored);
}

/* Ethernet II (IEEE 802.3): destination, source, ethertype; 802.1Q/802.1ad tags before it. */
static bool ethernet(struct reader *r, uint16_t *ethertype)
{
	if (!skip(r, 12) || !reader_u16(r, ethertype))
		return false;
	/* Each VLAN tag: 2 bytes of priority and VLAN id, then the next ethertype. */
	for (int tags = 0; (*ethertype == ETHERTYPE_VLAN || *ethertype == ETHERTYPE_QINQ) && tags < 8;
	     tags++)
		if (!skip(r, 2) || !reader_u16(r, ethertype))
			return false;
	return true;
}

/*
 * Moves `r` to the network layer of a frame of `link_type`; `*ethertype`
 * names it, or 0 when the link layer does not say (then the IP version
 * nibble does).
 */
static bool link_layer(int link_type, struct reader *r, uint16_t *ethertype)
{
	*ethertype = 0;
	switch (link_type) {
	case LINK_ETHERNET:
		return ethernet(r, ethertype);
	case LINK_SLL: /* packet type, ARPHRD type, address length, 8 address bytes, protocol */
		return skip(r, 14) && reader_u16(r, ethertype);
	case LINK_SLL2: /* protocol, reserved, interface index, ARPHRD, type, length, 8 bytes */
		return reader_u16(r, ethertype) && skip(r, 18);
	case LINK_NULL:
	case LINK_LOOP: /* the family's value differs between systems: the IP header says */
		return skip(r, 4);
	default: /* raw IP */
		return true;
	}
}

/*
 * IPv6 (RFC 8200): a 40-byte header, then extension headers, each naming
 * the next; hop-by-hop, routing and destination options are
 * <next header, length in 8-byte units after the first 8>, AH (RFC 4302) in
 * 4-byte units after the first 8. A fragment is not reassembled.
 */
static bool ipv6(struct reader *r, struct packet *p, struct reader *payload)
{
	uint32_t first;
	uint16_t length;
	uint8_t next, hops;
	const uint8_t *src, *dst;
	p->ip_header = r->bytes + r->pos;
	if (!reader_u32(r, &first) || !reader_u16(r, &length) || !reader_u8(r, &next) ||
	    !reader_u8(r, &hops) || !reader_bytes(r, 16, &src) || !reader_bytes(r, 16, &dst))
		return false;
	p->ip_version = 6;
	memcpy(p->source, src, 16);
	memcpy(p->destination, dst, 16);
	struct reader body;
	if (!reader_sub(r, length <= reader_remaining(r) ? length : reader_remaining(r), &body))
		return false;
	for (int n = 0; n < 16; n++) {
		uint8_t following, units;
		switch (next) {
		case IP_HOP_BY_HOP:
		case IP_ROUTING:
		case IP_DESTINATION_OPTIONS:
			if (!reader_u8(&body, &following) || !reader_u8(&body, &units) ||
			    !skip(&body, 6 + (size_t)units * 8))
				return false;
			next = following;
			break;
		case IP_AH:
			if (!reader_u8(&body, &following) || !reader_u8(&body, &units) ||
			    !skip(&body, (size_t)units * 4 + 6))
				return false;
			next = following;
			break;
		case IP_FRAGMENT:
			p->fragment = true;
			return false;
		default:
			p->protocol = next;
			p->ip_header_len = (size_t)(body.bytes + body.pos - p->ip_header);
			p->ip_length = 40 + (size_t)length;
			*payload = body;
			return true;
		}
	}
	return false;
}

/* IPv4 (RFC 791): header length in words, total length, fragment bits, protocol, addresses. */
static bool ipv4(struct reader *r, struct packet *p, struct reader *payload)
{
	uint8_t version_ihl, tos, ttl, protocol;
	uint16_t total, id, fragment, checksum;
	const uint8_t *src, *dst;
	p->ip_header = r->bytes + r->pos;
	if (!reader_u8(r, &version_ihl) || !reader_u8(r, &tos) || !reader_u16(r, &total) ||
	    !reader_u16(r, &id) || !reader_u16(r, &fragment) || !reader_u8(r, &ttl) ||
	    !reader_u8(r, &protocol) || !reader_u16(r, &checksum) || !reader_bytes(r, 4, &src) ||
	    !reader_bytes(r, 4, &dst))
		return false;
	size_t header = (size_t)(version_ihl & 0x0f) * 4;
	if (header < 20 || total < header || !skip(r, header - 20))
		return false;
	p->ip_version = 4;
	p->ip_header_len = header;
	p->ip_length = total;
	memcpy(p->source, src, 4);
	memcpy(p->destination, dst, 4);
	p->protocol = protocol;
	/* More fragments, or an offset: a piece of a datagram (not reassembled). */
	if (fragment & 0x3fff) {
		p->fragment = true;
		return false;
	}
	/* The link layer may pad a short frame: the IP total length says where it ends. */
	size_t body = total - header;
	return reader_sub(r, body <= reader_remaining(r) ? body : reader_remaining(r), payload);
}

/*
 * TCP (RFC 9293, 3.1): ports, sequence and acknowledgment numbers, data
 * offset, flags, window, checksum, urgent pointer, options to the data
 * offset, then the payload.
 */
static bool tcp(struct reader *r, struct packet *p)
{
	const uint8_t *header;
	struct reader peek = *r;
	uint8_t offset, flags;
	uint16_t checksum, urgent;
	if (!reader_u16(r, &p->source_port) || !reader_u16(r, &p->destination_port) ||
	    !reader_u32(r, &p->seq) || !reader_u32(r, &p->ack) || !reader_u8(r, &offset) ||
	    !reader_u8(r, &flags) || !reader_u16(r, &p->window) || !reader_u16(r, &checksum) ||
	    !reader_u16(r, &urgent))
		return false;
	size_t header_len = (size_t)(offset >> 4) * 4;
	if (header_len < 20 || !reader_bytes(&peek, header_len, &header) || !skip(r, header_len - 20))
		return false;
	p->flags = flags;
	p->header = header;
	p->header_len = header_len;
	p->payload_len = reader_remaining(r);
	return reader_bytes(r, p->payload_len, &p->payload);
}

/* UDP (RFC 768): ports, length, checksum, then the datagram. */
static bool udp(struct reader *r, struct packet *p)
{
	uint16_t length, checksum;
	struct reader header = *r;
	if (!reader_bytes(&header, 8, &p->header) || !reader_u16(r, &p->source_port) ||
	    !reader_u16(r, &p->destination_port) || !reader_u16(r, &length) ||
	    !reader_u16(r, &checksum))
		return false;
	p->header_len = 8;
	p->payload_len = reader_remaining(r);
	return reader_bytes(r, p->payload_len, &p->payload);
}

bool packet_parse(int link_type, const uint8_t *frame, size_t len, struct packet *p)
{
	memset(p, 0, sizeof(*p));
	struct reader r = reader_init(frame, len, 0), payload;
	uint16_t ethertype;
	if (!link_layer(link_type, &r, &ethertype))
		return false;
	bool ok;
	if (ethertype == ETHERTYPE_IPV4)
		ok = ipv4(&r, p, &payload);
	else if (ethertype == ETHERTYPE_IPV6)
		ok = ipv6(&r, p, &payload);
	else if (ethertype != 0 || reader_remaining(&r) == 0)
		return false;
	else if (r.bytes[r.pos] >> 4 == 4)
		ok = ipv4(&r, p, &payload);
	else if (r.bytes[r.pos] >> 4 == 6)
		ok = ipv6(&r, p, &payload);
	else
		return false;
	if (!ok)
		return false;
	if (p->protocol == IP_TCP)
		return tcp(&payload, p);
	if (p->protocol == IP_UDP)
		return udp(&payload, p);
	return false;
}

/*
 * TCP options (RFC 9293, 3.2; RFC 7323; RFC 2018): kind, length, data;
 * kinds 0 (end) and 1 (no-operation) are a single byte.
 */
void packet_tcp_options(const uint8_t *header, size_t header_len, struct tcp_options *o)
{
	memset(o, 0, sizeof(*o));
	if (header_len <= 20)
		return;
	struct reader r = reader_init(header + 20, header_len - 20, 20);
	uint8_t kind, len;
	while (reader_u8(&r, &kind) && kind != 0) {
		if (kind == 1)
			continue;
		struct reader body;
		if (!reader_u8(&r, &len) || len < 2 || !reader_sub(&r, len - 2u, &body))
			return;
		uint32_t value;
		switch (kind) {
		case 2:
			o->has_mss = reader_u16(&body, &o->mss);
			break;
		case 3:
			o->has_window_scale = reader_u8(&body, &o->window_scale);
			break;
		case 4:
			o->sack_permitted = true;
			break;
		case 5:
			while (o->sack_blocks < 4 && reader_u32(&body, &value) &&
			       reader_u32(&body, &o->sack[o->sack_blocks].right)) {
				o->sack[o->sack_blocks].left = value;
				o->sack_blocks++;
			}
			break;
		case 8:
			o->has_timestamps = reader_u32(&body, &o->timestamp) &&
					    reader_u32(&body, &o->timestamp_echo);
			break;
		}
	}
}
