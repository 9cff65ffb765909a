/*
 * The timeline (--rtt): when each step would arrive on a network whose round
 * trip takes rtt_ms. It is causal, not the capture's order: a peer's write
 * leaves as soon as the peer had read what the write depends on (the capture
 * records how many of the other direction's bytes it had read), and no
 * earlier than the peer's write before it. Every byte then takes half a
 * round trip to arrive. Processing takes no time.
 *
 * TCP: the client's SYN leaves at 0, the SYN-ACK reaches it at one round
 * trip, when its first write may leave (with the ACK). A receiver
 * acknowledges data when it arrives. The teardown starts when the last
 * write of the connection has arrived; the next connection opens when the
 * last ACK of the one before has left. All of it is counted in ticks of half
 * a round trip, so the order of events is the same for every round trip time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "trace/timeline.h"

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

void timeline_time_chunks(struct trace *t)
{
	const struct capture *c = &t->capture;
	size_t n = c->chunk_count;
	free(t->sent_ticks);
	t->sent_ticks = xcalloc(n, sizeof(*t->sent_ticks));
	/* Each chunk's end offset in its direction's stream of its connection. */
	size_t *end = xcalloc(n, sizeof(*end));
	size_t offset[CONNECTION_MAX][2] = { { 0 } };
	uint64_t last[CONNECTION_MAX][2] = { { 0 } };
	for (size_t i = 0; i < n; i++) {
		const struct chunk *ch = &c->chunks[i];
		unsigned conn = ch->conn < CONNECTION_MAX ? ch->conn : CONNECTION_MAX - 1;
		end[i] = offset[conn][ch->dir] += ch->len;
		/* The client may write once the SYN-ACK is in; the server once the ACK is. */
		uint64_t at = ch->dir == DIR_CLIENT_TO_SERVER ? 2 : 3;
		if (last[conn][ch->dir] > at)
			at = last[conn][ch->dir];
		/* The other direction's chunk holding the last byte this peer had read. */
		if (ch->consumed) {
			for (size_t j = 0; j < i; j++) {
				const struct chunk *other = &c->chunks[j];
				if (other->conn != ch->conn || other->dir == ch->dir ||
				    end[j] < ch->consumed)
					continue;
				if (t->sent_ticks[j] + 1 > at)
					at = t->sent_ticks[j] + 1;
				break;
			}
		}
		t->sent_ticks[i] = last[conn][ch->dir] = at;
	}
	free(end);
}

/* Whether the sorted <ticks, n> holds `tick`. */
static bool holds_tick(const uint64_t *ticks, size_t n, uint64_t tick)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ticks[mid] < tick)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ticks[lo] == tick;
}

/* A segment to send: a chunk's data, or the pure ACK its arrival causes. */
struct planned {
	uint64_t tick;
	bool ack;
	size_t chunk;
};

static int planned_order(const void *a, const void *b)
{
	const struct planned *x = a, *y = b;
	if (x->tick != y->tick)
		return x->tick < y->tick ? -1 : 1;
	if (x->ack != y->ack)
		return x->ack ? 1 : -1;
	return (x->chunk > y->chunk) - (x->chunk < y->chunk);
}

void timeline_model_tcp(struct trace *t, size_t first, size_t end, struct chunk_segments *where)
{
	const struct chunk *chunks = t->capture.chunks;
	const uint64_t *tick = t->sent_ticks;
	size_t n = end - first;
	/* Each direction's send ticks, in order (a peer's writes never go back in time). */
	uint64_t *ticks[2] = { xcalloc(n, sizeof(uint64_t)), xcalloc(n, sizeof(uint64_t)) };
	size_t count[2] = { 0, 0 }, *nth = xcalloc(n, sizeof(size_t));
	/* The teardown starts when the last write has arrived. */
	uint64_t close = 2;
	for (size_t i = first; i < end; i++) {
		enum direction d = chunks[i].dir;
		where[i] = (struct chunk_segments){ 0, 0, SEGMENT_NO_CHUNK };
		if (!chunks[i].len)
			continue; /* nothing to send, nothing to acknowledge */
		nth[i - first] = count[d];
		ticks[d][count[d]++] = tick[i];
		if (tick[i] + 1 > close)
			close = tick[i] + 1;
	}

	struct planned *plan = xcalloc(2 * n, sizeof(*plan));
	size_t planned = 0;
	for (size_t i = first; i < end; i++) {
		enum direction d = chunks[i].dir, receiver = direction_flip(d);
		uint64_t arrives = tick[i] + 1;
		if (!chunks[i].len)
			continue;
		plan[planned++] = (struct planned){ tick[i], false, i };
		/*
		 * The receiver acknowledges as soon as data arrives, once for all
		 * that arrives together, unless a segment it sends then carries the
		 * ACK (its own data, or the client's FIN).
		 */
		size_t k = nth[i - first];
		bool last_to_arrive = k + 1 == count[d] || ticks[d][k + 1] != tick[i];
		bool receiver_sends = holds_tick(ticks[receiver], count[receiver], arrives) ||
				      (receiver == DIR_CLIENT_TO_SERVER && arrives == close);
		if (last_to_arrive && !receiver_sends)
			plan[planned++] = (struct planned){ arrives, true, i };
	}
	qsort(plan, planned, sizeof(*plan), planned_order);

	struct tcp_model *m = &t->tcp;
	tcp_open(m);
	for (size_t p = 0; p < planned; p++) {
		size_t i = plan[p].chunk, at = m->count;
		if (plan[p].ack) {
			where[i].ack = at;
			tcp_ack(m, direction_flip(chunks[i].dir), plan[p].tick);
		} else {
			where[i].first = at;
			tcp_write(m, chunks[i].dir, chunks[i].len, plan[p].tick);
			where[i].end = m->count;
		}
		for (size_t j = at; j < m->count; j++)
			m->segments[j].chunk = i;
	}
	tcp_close(m, close);
	free(plan);
	free(nth);
	free(ticks[0]);
	free(ticks[1]);
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
		t->arrival_us[i] = seg->captured_ns / 1000;
		if (seg->role == SEGMENT_OPEN)
			open_us = t->arrival_us[i];
	}
	/* DTLS has no TCP handshake: its first exchange, the client's first datagram answered. */
	if (t->capture.datagrams) {
		bool sent = false;
		uint64_t first_us = 0;
		for (size_t i = 0; i < t->message_count; i++) {
			const struct message *m = &t->messages[i];
			if (!sent && m->dir == DIR_CLIENT_TO_SERVER) {
				sent = true;
				first_us = t->sent_us[m->chunk];
			} else if (sent && m->dir == DIR_SERVER_TO_CLIENT) {
				open_us = t->sent_us[m->chunk] - first_us;
				break;
			}
		}
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
	/* A capture file says when its bytes were captured, and only that. */
	if (t->capture.from_file)
		return t->sent_us[chunk];
	return t->sent_us[chunk] + (uint64_t)t->rtt_ms * 1000 / 2;
}

uint64_t trace_segment_sent_us(const struct trace *t, const struct segment *s)
{
	if (s->header)
		return s->captured_ns / 1000;
	return s->tick * ((uint64_t)t->rtt_ms * 1000 / 2);
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
	t->sent_us = xcalloc(t->capture.chunk_count, sizeof(*t->sent_us));
	t->arrival_us = xcalloc(t->step_count, sizeof(*t->arrival_us));
	for (size_t i = 0; i < t->capture.chunk_count; i++)
		t->sent_us[i] = t->sent_ticks[i] * half;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		uint64_t sent = s->kind == STEP_MESSAGE
					? t->sent_ticks[t->messages[s->index].chunk]
					: t->tcp.segments[s->index].tick;
		t->arrival_us[i] = (sent + 1) * half;
	}

	/* A connection starts when the one before has closed: its last ACK has left. */
	uint64_t start = 0;
	for (size_t c = 0; c < t->conn_count; c++) {
		t->conns[c].start_us = start * half;
		uint64_t last = 0;
		for (size_t i = 0; i < t->tcp.count; i++)
			if (t->tcp.segments[i].conn == c && t->tcp.segments[i].tick > last)
				last = t->tcp.segments[i].tick;
		start += last;
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
