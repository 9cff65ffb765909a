#include "trace/tcp.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

const uint8_t tcp_client_ip[4] = { 192, 0, 2, 1 };
const uint8_t tcp_server_ip[4] = { 198, 51, 100, 1 };

void tcp_init(struct tcp_model *m, uint16_t mss, const uint32_t isn[2])
{
	memset(m, 0, sizeof(*m));
	m->mss = mss;
	m->next_seq[0] = isn[0];
	m->next_seq[1] = isn[1];
}

void tcp_next_connection(struct tcp_model *m, const uint32_t isn[2])
{
	m->conn++;
	m->next_seq[0] = isn[0];
	m->next_seq[1] = isn[1];
	m->landed = m->count;
	m->tick = 0;
}

/* The sequence number that follows segment `s`: SYN and FIN take one each (RFC 9293, 3.4). */
static uint32_t seq_after(const struct segment *s)
{
	return s->seq + (uint32_t)s->len + ((s->flags & (TCP_SYN | TCP_FIN)) ? 1u : 0u);
}

/*
 * Appends one segment leaving at `tick`. Its acknowledgement covers what has
 * reached its sender by then: every segment of the other side sent before
 * `tick`, since each takes one tick to arrive.
 */
static void emit(struct tcp_model *m, enum segment_role role, enum direction dir, uint8_t flags,
		 size_t len, uint64_t tick)
{
	if (tick < m->tick)
		abort(); /* out of order: the model would acknowledge the future */
	m->tick = tick;
	for (; m->landed < m->count && m->segments[m->landed].tick < tick; m->landed++) {
		const struct segment *in = &m->segments[m->landed];
		m->received[direction_flip(in->dir)] = seq_after(in);
	}
	ARRAY_GROW(m->segments, m->count, m->cap);
	struct segment *s = &m->segments[m->count++];
	memset(s, 0, sizeof(*s));
	s->conn = m->conn;
	s->dir = dir;
	s->role = role;
	s->flags = flags;
	s->seq = m->next_seq[dir];
	s->ack = (flags & TCP_ACK) ? m->received[dir] : 0;
	s->window = TCP_WINDOW;
	s->mss = (flags & TCP_SYN) ? m->mss : 0;
	s->window_scale = (flags & TCP_SYN) ? TCP_WINDOW_SCALE : 0;
	s->stream_offset = m->stream_len[dir];
	s->len = len;
	s->tick = tick;
	s->chunk = SEGMENT_NO_CHUNK;
	m->next_seq[dir] = seq_after(s);
	m->stream_len[dir] += len;
}

void tcp_open(struct tcp_model *m)
{
	emit(m, SEGMENT_OPEN, DIR_CLIENT_TO_SERVER, TCP_SYN, 0, 0);
	emit(m, SEGMENT_OPEN, DIR_SERVER_TO_CLIENT, TCP_SYN | TCP_ACK, 0, 1);
	emit(m, SEGMENT_OPEN, DIR_CLIENT_TO_SERVER, TCP_ACK, 0, 2);
}

void tcp_write(struct tcp_model *m, enum direction dir, size_t len, uint64_t tick)
{
	while (len > 0) {
		size_t n = len < m->mss ? len : m->mss;
		len -= n;
		emit(m, SEGMENT_DATA, dir, TCP_ACK | (len == 0 ? TCP_PSH : 0), n, tick);
	}
}

void tcp_ack(struct tcp_model *m, enum direction dir, uint64_t tick)
{
	emit(m, SEGMENT_ACK, dir, TCP_ACK, 0, tick);
}

void tcp_close(struct tcp_model *m, uint64_t tick)
{
	emit(m, SEGMENT_CLOSE, DIR_CLIENT_TO_SERVER, TCP_FIN | TCP_ACK, 0, tick);
	emit(m, SEGMENT_CLOSE, DIR_SERVER_TO_CLIENT, TCP_ACK, 0, tick + 1);
	emit(m, SEGMENT_CLOSE, DIR_SERVER_TO_CLIENT, TCP_FIN | TCP_ACK, 0, tick + 1);
	emit(m, SEGMENT_CLOSE, DIR_CLIENT_TO_SERVER, TCP_ACK, 0, tick + 2);
}

const char *tcp_flags_name(uint8_t flags, char *out, size_t out_len)
{
	static const struct {
		uint8_t flag;
		const char *name;
	} names[] = { { TCP_SYN, "SYN" }, { TCP_FIN, "FIN" }, { TCP_RST, "RST" },
		      { TCP_PSH, "PSH" }, { TCP_ACK, "ACK" } };
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].flag))
			continue;
		int n = snprintf(out + used, out_len - used, "%s%s", used ? " " : "", names[i].name);
		if (n < 0 || (size_t)n >= out_len - used)
			break;
		used += (size_t)n;
	}
	return out;
}

static uint8_t *put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
	return put16(put16(p, (uint16_t)(v >> 16)), (uint16_t)v);
}

size_t tcp_header(const struct segment *s, uint8_t out[TCP_MAX_HEADER])
{
	if (s->header) {
		memcpy(out, s->header, s->header_len);
		return s->header_len;
	}
	bool client = s->dir == DIR_CLIENT_TO_SERVER;
	size_t len = s->mss ? 28 : 20;
	uint8_t *p = out;
	uint16_t client_port = (uint16_t)(TCP_CLIENT_PORT + s->conn);
	p = put16(p, client ? client_port : TCP_SERVER_PORT);
	p = put16(p, client ? TCP_SERVER_PORT : client_port);
	p = put32(p, s->seq);
	p = put32(p, s->ack);
	*p++ = (uint8_t)((len / 4) << 4);
	*p++ = s->flags;
	p = put16(p, s->window);
	p = put16(p, s->checksum);
	p = put16(p, 0); /* urgent pointer */
	if (s->mss) {
		*p++ = 2; /* kind: maximum segment size (RFC 9293, 3.2) */
		*p++ = 4;
		p = put16(p, s->mss);
		*p++ = 1; /* no-operation: aligns the header to 32 bits */
		*p++ = 3; /* kind: window scale (RFC 7323, 2.2) */
		*p++ = 3;
		*p = s->window_scale;
	}
	return len;
}

uint32_t inet_sum(uint32_t sum, const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)bytes[i] << 8 | bytes[i + 1];
	if (len % 2)
		sum += (uint32_t)bytes[len - 1] << 8;
	return sum;
}

uint16_t inet_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void tcp_set_checksum(struct segment *s, const uint8_t *payload)
{
	bool client = s->dir == DIR_CLIENT_TO_SERVER;
	uint8_t header[TCP_MAX_HEADER];
	s->checksum = 0;
	size_t header_len = tcp_header(s, header);
	/* RFC 9293, 3.1: the checksum covers a pseudo-header, the header and the payload. */
	uint8_t pseudo[12];
	memcpy(pseudo, client ? tcp_client_ip : tcp_server_ip, 4);
	memcpy(pseudo + 4, client ? tcp_server_ip : tcp_client_ip, 4);
	pseudo[8] = 0;
	pseudo[9] = 6; /* TCP */
	pseudo[10] = (uint8_t)((header_len + s->len) >> 8);
	pseudo[11] = (uint8_t)(header_len + s->len);
	uint32_t sum = inet_sum(0, pseudo, sizeof(pseudo));
	sum = inet_sum(sum, header, header_len);
	/* Summed in parts, which is right as long as every part but the last is of even length. */
	s->checksum = inet_fold(inet_sum(sum, payload, s->len));
}

void tcp_release(struct tcp_model *m)
{
	free(m->segments);
	memset(m, 0, sizeof(*m));
}
