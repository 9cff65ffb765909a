/*
 * The pcap exporter: a classic libpcap file (Ethernet, IPv4, TCP) whose
 * segments are the trace's modeled TCP around the real TLS bytes. Client and
 * server have addresses of their own (from the documentation ranges of
 * RFC 5737) so Wireshark's flow graph shows two columns; the server listens
 * on 443, so Wireshark dissects the payload as TLS. A connection of a
 * capture file is its captured IP packets instead (raw IP), with nanosecond
 * timestamps. The frame code is shared with the pcapng exporter (wire.h).
 */
#include <string.h>

#include "base/buf.h"
#include "export/export.h"
#include "export/wire.h"

#define PCAP_MAGIC 0xa1b2c3d4u      /* microsecond timestamps */
#define PCAP_MAGIC_NANO 0xa1b23c4du /* nanosecond timestamps */
#define LINKTYPE_ETHERNET 1
#define LINKTYPE_RAW 101 /* the frame begins with an IPv4 or IPv6 header */
#define SNAPLEN 262144

static const uint8_t client_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t server_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

uint64_t wire_time_ns(const struct trace *t, const struct segment *s)
{
	/* A capture file's segment: when it was captured. */
	if (s->header)
		return t->capture.start_unix_ns + s->captured_ns;
	uint64_t half_us = (uint64_t)t->rtt_ms * 1000 / 2;
	uint64_t us = t->conns[s->conn].start_us + (s->tick + 1) * half_us;
	return t->capture.start_unix_ns + us * 1000;
}

uint16_t wire_link_type(const struct trace *t)
{
	return t->capture.from_file ? LINKTYPE_RAW : LINKTYPE_ETHERNET;
}

/* A captured segment's IP packet, as far as the capture holds it. */
static size_t captured_frame(struct buf *out, const struct trace *t, const struct segment *s)
{
	size_t start = out->len;
	buf_append(out, s->ip_header, s->ip_header_len);
	buf_append(out, s->header, s->header_len);
	if (s->captured_payload)
		buf_append(out, s->captured_payload, s->captured_len);
	else
		buf_append(out, t->stream[s->dir].data + s->stream_offset, s->len);
	size_t framed = out->len - start;
	return s->ip_length > framed ? s->ip_length : framed;
}

size_t wire_frame(struct buf *out, const struct trace *t, const struct segment *s, uint16_t ip_id)
{
	if (s->ip_header)
		return captured_frame(out, t, s);
	size_t start = out->len;
	bool from_client = s->dir == DIR_CLIENT_TO_SERVER;
	uint8_t tcp[TCP_MAX_HEADER];
	size_t tcp_len = tcp_header(s, tcp);

	uint8_t ip[20] = { 0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0 }; /* DF, TTL 64, TCP */
	uint16_t total = (uint16_t)(20 + tcp_len + s->len);
	ip[2] = (uint8_t)(total >> 8);
	ip[3] = (uint8_t)total;
	ip[4] = (uint8_t)(ip_id >> 8);
	ip[5] = (uint8_t)ip_id;
	memcpy(ip + 12, from_client ? tcp_client_ip : tcp_server_ip, 4);
	memcpy(ip + 16, from_client ? tcp_server_ip : tcp_client_ip, 4);
	uint16_t ip_sum = inet_fold(inet_sum(0, ip, sizeof(ip)));
	ip[10] = (uint8_t)(ip_sum >> 8);
	ip[11] = (uint8_t)ip_sum;

	buf_append(out, from_client ? server_mac : client_mac, 6);
	buf_append(out, from_client ? client_mac : server_mac, 6);
	buf_be16(out, 0x0800); /* IPv4 */
	buf_append(out, ip, sizeof(ip));
	buf_append(out, tcp, tcp_len);
	buf_append(out, trace_delivered(t, s->dir) + s->stream_offset, s->len);
	return out->len - start;
}

int export_pcap(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	struct buf b = BUF_INIT, frame = BUF_INIT;
	/*
	 * A scenario's times are whole microseconds (its goldens keep the
	 * microsecond format); a capture file's keep its nanoseconds.
	 */
	bool nano = t->capture.from_file;
	uint32_t ns_per_unit = nano ? 1u : 1000u;
	buf_le32(&b, nano ? PCAP_MAGIC_NANO : PCAP_MAGIC);
	buf_le16(&b, 2);
	buf_le16(&b, 4);
	buf_le32(&b, 0); /* thiszone */
	buf_le32(&b, 0); /* sigfigs */
	buf_le32(&b, SNAPLEN);
	buf_le32(&b, wire_link_type(t));
	uint16_t ip_id[2] = { 1, 1 };
	for (size_t i = 0; i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		frame.len = 0;
		size_t length = wire_frame(&frame, t, s, ip_id[s->dir]++);
		uint64_t when = wire_time_ns(t, s);
		buf_le32(&b, (uint32_t)(when / 1000000000u));
		buf_le32(&b, (uint32_t)(when % 1000000000u / ns_per_unit));
		buf_le32(&b, (uint32_t)frame.len);
		buf_le32(&b, (uint32_t)length);
		buf_append(&b, frame.data, frame.len);
	}
	bool ok = fwrite(b.data, 1, b.len, out) == b.len && !ferror(out);
	buf_release(&b);
	buf_release(&frame);
	return ok ? 0 : -1;
}
