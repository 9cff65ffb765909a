/*
 * The pcap exporter: a classic libpcap file (Ethernet, IPv4, TCP) whose
 * segments are the trace's modeled TCP around the real TLS bytes. Client and
 * server have addresses of their own (from the documentation ranges of
 * RFC 5737) so Wireshark's flow graph shows two columns; the server listens
 * on 443, so Wireshark dissects the payload as TLS.
 */
#include <string.h>

#include "base/buf.h"
#include "export/export.h"

#define PCAP_MAGIC 0xa1b2c3d4u
#define LINKTYPE_ETHERNET 1
#define SNAPLEN 262144

static const uint8_t client_ip[4] = { 192, 0, 2, 1 };
static const uint8_t server_ip[4] = { 198, 51, 100, 1 };
static const uint8_t client_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t server_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/* pcap's own headers are in the writer's byte order: little-endian here, always. */
static void le32(struct buf *b, uint32_t v)
{
	uint8_t p[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	buf_append(b, p, 4);
}

static void le16(struct buf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	buf_append(b, p, 2);
}

static void be16(struct buf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	buf_append(b, p, 2);
}

/* The Internet checksum (RFC 1071) of <bytes, len>, continuing from `sum`. */
static uint32_t checksum_add(uint32_t sum, const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)bytes[i] << 8 | bytes[i + 1];
	if (len % 2)
		sum += (uint32_t)bytes[len - 1] << 8;
	return sum;
}

static uint16_t checksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* One frame: Ethernet, IPv4 and TCP headers, then the segment's payload. */
static void frame(struct buf *out, const struct trace *t, const struct segment *s,
		  uint16_t ip_id)
{
	bool from_client = s->dir == DIR_CLIENT_TO_SERVER;
	const uint8_t *src = from_client ? client_ip : server_ip;
	const uint8_t *dst = from_client ? server_ip : client_ip;
	const uint8_t *payload = t->stream[s->dir].data + s->stream_offset;
	uint8_t tcp[TCP_MAX_HEADER];
	size_t tcp_len = tcp_header(s, tcp);

	/* RFC 9293, 3.1: the checksum covers a pseudo-header, the header and the payload. */
	uint8_t pseudo[12];
	memcpy(pseudo, src, 4);
	memcpy(pseudo + 4, dst, 4);
	pseudo[8] = 0;
	pseudo[9] = 6;
	pseudo[10] = (uint8_t)((tcp_len + s->len) >> 8);
	pseudo[11] = (uint8_t)(tcp_len + s->len);
	uint32_t sum = checksum_add(0, pseudo, sizeof(pseudo));
	sum = checksum_add(sum, tcp, tcp_len);
	sum = checksum_add(sum, payload, s->len);
	uint16_t tcp_sum = checksum_fold(sum);
	tcp[16] = (uint8_t)(tcp_sum >> 8);
	tcp[17] = (uint8_t)tcp_sum;

	uint8_t ip[20] = { 0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0 };
	uint16_t total = (uint16_t)(20 + tcp_len + s->len);
	ip[2] = (uint8_t)(total >> 8);
	ip[3] = (uint8_t)total;
	ip[4] = (uint8_t)(ip_id >> 8);
	ip[5] = (uint8_t)ip_id;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	uint16_t ip_sum = checksum_fold(checksum_add(0, ip, sizeof(ip)));
	ip[10] = (uint8_t)(ip_sum >> 8);
	ip[11] = (uint8_t)ip_sum;

	size_t frame_len = 14 + total;
	uint64_t when = t->capture.start_unix_ns + s->time_ns;
	le32(out, (uint32_t)(when / 1000000000u));
	le32(out, (uint32_t)(when % 1000000000u / 1000u));
	le32(out, (uint32_t)frame_len);
	le32(out, (uint32_t)frame_len);
	buf_append(out, from_client ? server_mac : client_mac, 6);
	buf_append(out, from_client ? client_mac : server_mac, 6);
	be16(out, 0x0800);
	buf_append(out, ip, sizeof(ip));
	buf_append(out, tcp, tcp_len);
	buf_append(out, payload, s->len);
}

int export_pcap(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	struct buf b = BUF_INIT;
	le32(&b, PCAP_MAGIC);
	le16(&b, 2);
	le16(&b, 4);
	le32(&b, 0); /* thiszone */
	le32(&b, 0); /* sigfigs */
	le32(&b, SNAPLEN);
	le32(&b, LINKTYPE_ETHERNET);
	uint16_t ip_id[2] = { 1, 1 };
	for (size_t i = 0; i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		frame(&b, t, s, ip_id[s->dir]++);
	}
	bool ok = fwrite(b.data, 1, b.len, out) == b.len && !ferror(out);
	buf_release(&b);
	return ok ? 0 : -1;
}
