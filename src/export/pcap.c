/*
 * The pcap exporter: a classic libpcap file (Ethernet, IPv4, TCP) whose
 * segments are the trace's modeled TCP around the real TLS bytes. Client and
 * server have addresses of their own (from the documentation ranges of
 * RFC 5737) so Wireshark's flow graph shows two columns; the server listens
 * on 443, so Wireshark dissects the payload as TLS. The frame code is shared
 * with the pcapng exporter (wire.h).
 */
#include <string.h>

#include "base/buf.h"
#include "export/export.h"
#include "export/wire.h"

#define PCAP_MAGIC 0xa1b2c3d4u /* microsecond timestamps */
#define LINKTYPE_ETHERNET 1
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

void wire_frame(struct buf *out, const struct trace *t, const struct segment *s, uint16_t ip_id)
{
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
}

int export_pcap(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	struct buf b = BUF_INIT, frame = BUF_INIT;
	buf_le32(&b, PCAP_MAGIC);
	buf_le16(&b, 2);
	buf_le16(&b, 4);
	buf_le32(&b, 0); /* thiszone */
	buf_le32(&b, 0); /* sigfigs */
	buf_le32(&b, SNAPLEN);
	buf_le32(&b, LINKTYPE_ETHERNET);
	uint16_t ip_id[2] = { 1, 1 };
	for (size_t i = 0; i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		frame.len = 0;
		wire_frame(&frame, t, s, ip_id[s->dir]++);
		uint64_t when = wire_time_ns(t, s);
		buf_le32(&b, (uint32_t)(when / 1000000000u));
		buf_le32(&b, (uint32_t)(when % 1000000000u / 1000u));
		buf_le32(&b, (uint32_t)frame.len);
		buf_le32(&b, (uint32_t)frame.len);
		buf_append(&b, frame.data, frame.len);
	}
	bool ok = fwrite(b.data, 1, b.len, out) == b.len && !ferror(out);
	buf_release(&b);
	buf_release(&frame);
	return ok ? 0 : -1;
}
