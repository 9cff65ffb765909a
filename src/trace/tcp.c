#include "trace/tcp.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

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
}

/*
 * Appends one segment. SYN and FIN occupy one sequence number each, payload
 * one per byte (RFC 9293, 3.4); the acknowledgement always covers all the
 * other direction has sent, since the model delivers every segment in order.
 */
static void emit(struct tcp_model *m, enum segment_role role, enum direction dir, uint8_t flags,
		 size_t len, uint64_t time_ns)
{
	ARRAY_GROW(m->segments, m->count, m->cap);
	struct segment *s = &m->segments[m->count++];
	memset(s, 0, sizeof(*s));
	s->conn = m->conn;
	s->dir = dir;
	s->role = role;
	s->flags = flags;
	s->seq = m->next_seq[dir];
	s->ack = (flags & TCP_ACK) ? m->next_seq[direction_flip(dir)] : 0;
	s->window = TCP_WINDOW;
	s->mss = (flags & TCP_SYN) ? m->mss : 0;
	s->stream_offset = m->stream_len[dir];
	s->len = len;
	s->time_ns = time_ns;
	s->chunk = SEGMENT_NO_CHUNK;
	m->next_seq[dir] += (uint32_t)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1u : 0u);
	m->stream_len[dir] += len;
}

void tcp_open(struct tcp_model *m, uint64_t time_ns)
{
	emit(m, SEGMENT_OPEN, DIR_CLIENT_TO_SERVER, TCP_SYN, 0, time_ns);
	emit(m, SEGMENT_OPEN, DIR_SERVER_TO_CLIENT, TCP_SYN | TCP_ACK, 0, time_ns);
	emit(m, SEGMENT_OPEN, DIR_CLIENT_TO_SERVER, TCP_ACK, 0, time_ns);
}

void tcp_write(struct tcp_model *m, enum direction dir, size_t len, uint64_t time_ns)
{
	while (len > 0) {
		size_t n = len < m->mss ? len : m->mss;
		len -= n;
		emit(m, SEGMENT_DATA, dir, TCP_ACK | (len == 0 ? TCP_PSH : 0), n, time_ns);
	}
}

void tcp_ack(struct tcp_model *m, enum direction dir, uint64_t time_ns)
{
	emit(m, SEGMENT_ACK, dir, TCP_ACK, 0, time_ns);
}

void tcp_close(struct tcp_model *m, uint64_t time_ns)
{
	emit(m, SEGMENT_CLOSE, DIR_CLIENT_TO_SERVER, TCP_FIN | TCP_ACK, 0, time_ns);
	emit(m, SEGMENT_CLOSE, DIR_SERVER_TO_CLIENT, TCP_ACK, 0, time_ns);
	emit(m, SEGMENT_CLOSE, DIR_SERVER_TO_CLIENT, TCP_FIN | TCP_ACK, 0, time_ns);
	emit(m, SEGMENT_CLOSE, DIR_CLIENT_TO_SERVER, TCP_ACK, 0, time_ns);
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
	size_t len = s->mss ? 24 : 20;
	uint8_t *p = out;
	uint16_t client_port = (uint16_t)(TCP_CLIENT_PORT + s->conn);
	p = put16(p, client ? client_port : TCP_SERVER_PORT);
	p = put16(p, client ? TCP_SERVER_PORT : client_port);
	p = put32(p, s->seq);
	p = put32(p, s->ack);
	*p++ = (uint8_t)((len / 4) << 4);
	*p++ = s->flags;
	p = put16(p, s->window);
	p = put16(p, 0); /* checksum */
	p = put16(p, 0); /* urgent pointer */
	if (s->mss) {
		*p++ = 2; /* kind: maximum segment size */
		*p++ = 4;
		put16(p, s->mss);
	}
	return len;
}

void tcp_release(struct tcp_model *m)
{
	free(m->segments);
	memset(m, 0, sizeof(*m));
}
