/*
 * The timeline (--rtt): when each step would arrive on a network whose round
 * trip takes rtt_ms. It is causal, not the capture's order: a peer's write
 * leaves as soon as the peer had read what the write depends on (the capture
 * records how many of the other direction's bytes it had read), and no
 * earlier than the peer's write before it. Every byte then takes half a
 * round trip to arrive. Processing takes no time.
 *
 * TCP: the client's SYN leaves at 0, the SYN-ACK reaches it at one round
 * trip, when its first write may leave (with the ACK). The teardown starts
 * when the last write of the connection has arrived.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "trace/trace.h"

unsigned rtt_scaled(unsigned rtt_ms, bool slower)
{
	if (slower)
		return rtt_ms * 2 < RTT_MAX_MS ? rtt_ms * 2 : RTT_MAX_MS;
	return rtt_ms / 2 > 1 ? rtt_ms / 2 : 1;
}

void format_time_us(uint64_t us, char *out, size_t len)
{
	uint64_t ms = (us + 500) / 1000;
	if (ms < 1000)
		snprintf(out, len, "%ums", (unsigned)ms);
	else if (ms < 10000)
		snprintf(out, len, "%u.%02us", (unsigned)(ms / 1000), (unsigned)(ms % 1000 / 10));
	else if (ms < 100000)
		snprintf(out, len, "%u.%us", (unsigned)(ms / 1000), (unsigned)(ms % 1000 / 100));
	else
		snprintf(out, len, "%us", (unsigned)(ms / 1000));
}

/* When each chunk leaves its peer. */
static void time_chunks(struct trace *t, uint64_t half)
{
	const struct capture *c = &t->capture;
	size_t n = c->chunk_count;
	/* Each chunk's end offset in its direction's stream of its connection. */
	size_t *end = xcalloc(n ? n : 1, sizeof(*end));
	size_t offset[CONNECTION_MAX][2] = { { 0 } };
	uint64_t last[CONNECTION_MAX][2] = { { 0 } };
	for (size_t i = 0; i < n; i++) {
		const struct chunk *ch = &c->chunks[i];
		unsigned conn = ch->conn < CONNECTION_MAX ? ch->conn : CONNECTION_MAX - 1;
		end[i] = offset[conn][ch->dir] += ch->len;
		/* The client may write once the SYN-ACK is in; the server once the ACK is. */
		uint64_t at = ch->dir == DIR_CLIENT_TO_SERVER ? 2 * half : 3 * half;
		if (last[conn][ch->dir] > at)
			at = last[conn][ch->dir];
		/* The other direction's chunk holding the last byte this peer had read. */
		if (ch->consumed) {
			for (size_t j = 0; j < i; j++) {
				const struct chunk *other = &c->chunks[j];
				if (other->conn != ch->conn || other->dir == ch->dir ||
				    end[j] < ch->consumed)
					continue;
				if (trace_chunk_arrival_us(t, j) > at)
					at = trace_chunk_arrival_us(t, j);
				break;
			}
		}
		t->sent_us[i] = last[conn][ch->dir] = at;
	}
	free(end);
}

/* When the teardown of connection `conn` starts: its last write has arrived. */
static uint64_t close_start(const struct trace *t, unsigned conn, uint64_t half)
{
	uint64_t at = 2 * half;
	for (size_t i = 0; i < t->capture.chunk_count; i++)
		if (t->capture.chunks[i].conn == conn && trace_chunk_arrival_us(t, i) > at)
			at = trace_chunk_arrival_us(t, i);
	return at;
}

static uint64_t segment_arrival(const struct trace *t, const struct segment *seg,
				size_t nth_of_role, uint64_t half)
{
	switch (seg->role) {
	case SEGMENT_OPEN: /* SYN, SYN-ACK, ACK: one after the other */
		return (nth_of_role + 1) * half;
	case SEGMENT_DATA:
		return trace_chunk_arrival_us(t, seg->chunk);
	case SEGMENT_ACK: /* sent when the data arrived */
		return trace_chunk_arrival_us(t, seg->chunk) + half;
	case SEGMENT_CLOSE: /* FIN; then the ACK and the peer's FIN together; the last ACK */
		return close_start(t, seg->conn, half) +
		       (nth_of_role == 0 ? 1 : nth_of_role < 3 ? 2 : 3) * half;
	}
	return 0;
}

/*
 * A capture file's timeline is the capture's own: each step when it was
 * captured, from the connection's first packet. The round trip is the
 * one the three-way handshake took (SYN to the client's ACK), at least 1ms.
 */
static void time_captured(struct trace *t)
{
	if (t->arrival_us)
		return;
	const struct capture *c = &t->capture;
	t->sent_us = xcalloc(c->chunk_count ? c->chunk_count : 1, sizeof(*t->sent_us));
	t->arrival_us = xcalloc(t->step_count ? t->step_count : 1, sizeof(*t->arrival_us));
	for (size_t i = 0; i < c->chunk_count; i++)
		t->sent_us[i] = c->chunks[i].time_ns / 1000;
	uint64_t open_us = 0;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind == STEP_MESSAGE) {
			t->arrival_us[i] = t->sent_us[t->messages[s->index].chunk];
			continue;
		}
		const struct segment *seg = &t->tcp.segments[s->index];
		t->arrival_us[i] = seg->time_ns / 1000;
		if (seg->role == SEGMENT_OPEN)
			open_us = t->arrival_us[i];
	}
	t->rtt_ms = open_us >= 2000 ? (unsigned)(open_us / 1000) : 1;
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		struct connection *conn = &t->conns[m->conn];
		if (m->kind == MESSAGE_APPLICATION_DATA && m->dir == DIR_CLIENT_TO_SERVER &&
		    !conn->client_data) {
			conn->client_data = true;
			conn->client_data_us = t->sent_us[m->chunk];
		}
	}
}

uint64_t trace_chunk_arrival_us(const struct trace *t, size_t chunk)
{
	return t->sent_us[chunk] + (uint64_t)t->rtt_ms * 1000 / 2;
}

void trace_set_rtt(struct trace *t, unsigned rtt_ms)
{
	if (t->capture.from_file) {
		time_captured(t);
		return;
	}
	if (t->arrival_us && t->rtt_ms == rtt_ms)
		return; /* already timed so (trace_build times at the default) */
	uint64_t half = (uint64_t)rtt_ms * 1000 / 2;
	t->rtt_ms = rtt_ms;
	free(t->sent_us);
	free(t->arrival_us);
	t->sent_us = xcalloc(t->capture.chunk_count ? t->capture.chunk_count : 1,
			     sizeof(*t->sent_us));
	t->arrival_us = xcalloc(t->step_count ? t->step_count : 1, sizeof(*t->arrival_us));
	time_chunks(t, half);

	size_t nth = 0;
	enum segment_role role = SEGMENT_DATA;
	unsigned role_conn = 0;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind == STEP_MESSAGE) {
			t->arrival_us[i] = trace_chunk_arrival_us(t, t->messages[s->index].chunk);
			continue;
		}
		const struct segment *seg = &t->tcp.segments[s->index];
		nth = seg->role == role && seg->conn == role_conn ? nth + 1 : 0;
		role = seg->role;
		role_conn = seg->conn;
		t->arrival_us[i] = segment_arrival(t, seg, nth, half);
	}

	for (size_t c = 0; c < t->conn_count; c++)
		t->conns[c].client_data = false;
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		struct connection *conn = &t->conns[m->conn];
		if (m->kind != MESSAGE_APPLICATION_DATA || m->dir != DIR_CLIENT_TO_SERVER ||
		    conn->client_data)
			continue;
		conn->client_data = true;
		conn->client_data_us = t->sent_us[m->chunk];
	}
}

int trace_client_data_trips(const struct trace *t, unsigned conn)
{
	const struct connection *c = &t->conns[conn];
	if (!c->client_data || !t->rtt_ms)
		return -1;
	uint64_t rtt_us = (uint64_t)t->rtt_ms * 1000;
	/* Whole round trips: the model only ever waits for whole ones. */
	return (int)((c->client_data_us + rtt_us / 2) / rtt_us);
}

void trace_client_data_brief(const struct trace *t, unsigned conn, char *out, size_t len)
{
	char time[16];
	if (t->capture.from_file && t->conns[conn].client_data) {
		format_time_us(t->conns[conn].client_data_us, time, sizeof(time));
		snprintf(out, len, "at %s", time);
		return;
	}
	int trips = trace_client_data_trips(t, conn);
	if (trips < 0)
		snprintf(out, len, "never");
	else
		snprintf(out, len, "after %d RTT", trips);
}

void trace_client_data_summary(const struct trace *t, unsigned conn, char *out, size_t len)
{
	const struct connection *c = &t->conns[conn];
	int n = trace_client_data_trips(t, conn);
	if (n < 0) {
		snprintf(out, len, "never sent application data");
		return;
	}
	unsigned trips = (unsigned)n;
	char time[16];
	format_time_us(c->client_data_us, time, sizeof(time));
	if (t->capture.from_file) {
		/* A capture's times are its own: no model of round trips to count them in. */
		snprintf(out, len, "first sent application data %s after the connection's first "
			 "packet", time);
		return;
	}
	snprintf(out, len,
		 "could send application data after %u round trip%s (1 TCP + %u TLS), %s", trips,
		 trips == 1 ? "" : "s", trips ? trips - 1 : 0, time);
}
