/*
 * The file reader's driver: libpcap reads the frames, packet.c peels them,
 * and each TCP flow is reassembled here per direction by sequence number.
 * Once the file is read, each flow whose streams carry TLS becomes a
 * capture of its own, with its captured segments, its in-order bytes as
 * chunks and the key log lines that match its client random.
 *
 * Reassembly: a direction's next expected sequence number starts after its
 * SYN (or at its first payload when the capture began later). A segment
 * wholly before it is a retransmission; one that starts at or before it
 * adds its new bytes; one after it waits, out of order, until the bytes
 * before it arrive. Bytes that never arrive are a gap: the segment after
 * the gap says so, and the trace parses that direction no further.
 */
#include "open/open.h"

#include <errno.h>
#include <stdarg.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mix.h"
#include "base/reader.h"
#include "open/datagram.h"
#include "open/packet.h"

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10
#define TLS_SEARCH_MAX 65536 /* how far into a stream a STARTTLS preamble may reach */
#define MAX_TLS_RECORD (16384 + 2048)
#define PENDING_MAX 4096 /* segments waiting for the bytes before them, per direction */
#define DATAGRAMS_MAX 4096 /* a UDP flow's datagrams kept: DTLS is read from them */
#define DATAGRAM_BYTES_MAX ((size_t)4 << 20)

/* A segment that came before the bytes preceding it: its payload waits here. */
struct pending {
	uint32_t seq;
	uint8_t *bytes; /* owned */
	size_t len;
	size_t segment; /* index in the flow's segments */
	int64_t distance; /* from the next expected sequence number, for sorting */
};

struct flow_direction {
	bool have_next;
	uint32_t next; /* the next sequence number expected */
	bool have_isn;
	uint32_t isn;
	struct buf stream; /* the in-order bytes */
	struct pending *pending;
	size_t pending_count, pending_cap;
	uint32_t base; /* the sequence number of stream byte 0 */
	bool have_base;
};

/* What the reader knows of a segment beyond what the capture keeps. */
struct segment_span {
	size_t new_from, new_to; /* the in-order bytes it added to its direction's stream */
	bool has_seq;
	uint32_t seq;
};

struct flow {
	uint8_t key[38];
	size_t conn; /* index in opened->conns */
	uint64_t first_ns;
	struct flow_direction dir[2];
	struct segment_span *spans; /* parallel to the capture's segments */
	size_t span_cap;
	bool closed;  /* a FIN or RST was seen: a new SYN starts a new connection */
	bool retired; /* a new connection took its ports */
	/* UDP: the first datagrams, their payloads one after the other in `payloads` */
	struct datagram *datagrams;
	size_t datagram_count, datagram_cap;
	unsigned datagrams_dropped; /* past DATAGRAMS_MAX or DATAGRAM_BYTES_MAX */
	struct buf payloads;
};

struct reader_state {
	struct opened *out;
	struct flow *flows;
	size_t flow_count, flow_cap;
	size_t *table; /* open addressing: flow index + 1, 0 empty */
	size_t table_cap;
};

/* The key of a flow: version, then the two endpoints in a fixed order. */
static void flow_key(const struct packet *p, uint8_t key[38], bool *reversed)
{
	uint8_t a[18], b[18];
	memcpy(a, p->source, 16);
	a[16] = (uint8_t)(p->source_port >> 8);
	a[17] = (uint8_t)p->source_port;
	memcpy(b, p->destination, 16);
	b[16] = (uint8_t)(p->destination_port >> 8);
	b[17] = (uint8_t)p->destination_port;
	*reversed = memcmp(a, b, 18) > 0;
	key[0] = (uint8_t)p->ip_version;
	key[1] = p->protocol;
	memcpy(key + 2, *reversed ? b : a, 18);
	memcpy(key + 20, *reversed ? a : b, 18);
}

static size_t key_hash(const uint8_t key[38])
{
	return (size_t)mix_bytes(key, 38);
}

static void table_insert(struct reader_state *s, size_t flow)
{
	size_t mask = s->table_cap - 1, at = key_hash(s->flows[flow].key) & mask;
	while (s->table[at])
		at = (at + 1) & mask;
	s->table[at] = flow + 1;
}

/* The slot of the flow with `key`, or of the empty slot it would take. */
static size_t table_find(const struct reader_state *s, const uint8_t key[38])
{
	size_t mask = s->table_cap - 1, at = key_hash(key) & mask;
	while (s->table[at] && memcmp(s->flows[s->table[at] - 1].key, key, 38) != 0)
		at = (at + 1) & mask;
	return at;
}

/* Rebuilds the table with room for `cap` slots, leaving out retired flows. */
static void table_rebuild(struct reader_state *s, size_t cap)
{
	free(s->table);
	s->table_cap = cap;
	s->table = xcalloc(s->table_cap, sizeof(*s->table));
	for (size_t i = 0; i < s->flow_count; i++)
		if (!s->flows[i].retired)
			table_insert(s, i);
}

/* A new connection for packet `p`; `client_is_source` says who opened it. */
static struct flow *new_flow(struct reader_state *s, const struct packet *p, const uint8_t key[38],
			     bool client_is_source, uint64_t time_ns)
{
	struct opened *o = s->out;
	ARRAY_GROW(o->conns, o->count, o->cap);
	struct opened_connection *c = &o->conns[o->count];
	memset(c, 0, sizeof(*c));
	c->number = (unsigned)o->count + 1;
	c->ip_version = p->ip_version;
	c->udp = p->protocol == 17;
	int client = client_is_source ? 0 : 1;
	memcpy(c->address[client], p->source, 16);
	memcpy(c->address[!client], p->destination, 16);
	c->port[client] = p->source_port;
	c->port[!client] = p->destination_port;
	capture_init(&c->capture);
	c->capture.from_file = true;

	ARRAY_GROW(s->flows, s->flow_count, s->flow_cap);
	struct flow *f = &s->flows[s->flow_count];
	memset(f, 0, sizeof(*f));
	memcpy(f->key, key, 38);
	f->conn = o->count++;
	f->first_ns = time_ns;
	c->capture.start_unix_ns = time_ns; /* the exports' timestamps: the capture's own */
	s->flow_count++;
	if (s->flow_count * 2 > s->table_cap)
		table_rebuild(s, s->table_cap * 2);
	else
		table_insert(s, s->flow_count - 1);
	return f;
}

/* The flow of packet `p`, made when it is new; `*dir` is the packet's direction in it. */
static struct flow *find_flow(struct reader_state *s, const struct packet *p, uint64_t time_ns,
			      enum direction *dir)
{
	uint8_t key[38];
	bool reversed;
	flow_key(p, key, &reversed);
	if (!s->table_cap)
		table_rebuild(s, 1024);
	size_t slot = table_find(s, key);
	bool syn_only = p->protocol == 6 && (p->flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN;
	struct flow *f = s->table[slot] ? &s->flows[s->table[slot] - 1] : NULL;
	/* The same ports again after a close, with a new initial sequence number: a new connection. */
	if (f && syn_only && f->closed) {
		const struct opened_connection *c = &s->out->conns[f->conn];
		bool from_client = !memcmp(p->source, c->address[0], 16) &&
				   p->source_port == c->port[0];
		if (!from_client || !f->dir[0].have_isn || f->dir[0].isn != p->seq) {
			f->retired = true;
			table_rebuild(s, s->table_cap);
			f = NULL;
		}
	}
	if (!f) {
		/* Who opened it: the SYN's sender, the receiver of a SYN-ACK, else the first sender. */
		bool synack = p->protocol == 6 && (p->flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) ==
							 (TCP_FLAG_SYN | TCP_FLAG_ACK);
		f = new_flow(s, p, key, !synack, time_ns);
	}
	const struct opened_connection *c = &s->out->conns[f->conn];
	bool from_client = !memcmp(p->source, c->address[0], 16) && p->source_port == c->port[0];
	*dir = from_client ? DIR_CLIENT_TO_SERVER : DIR_SERVER_TO_CLIENT;
	return f;
}

/* Appends what of <seq, bytes, len> lies at or after d->next to the stream; the bytes added. */
static size_t take_in_order(struct flow_direction *d, uint32_t seq, const uint8_t *bytes,
			    size_t len)
{
	int32_t lead = (int32_t)(seq - d->next);
	if (lead > 0 || (int64_t)lead + (int64_t)len <= 0)
		return 0;
	size_t skip = (size_t)-(int64_t)lead;
	buf_append(&d->stream, bytes + skip, len - skip);
	d->next = seq + (uint32_t)len;
	return len - skip;
}

/* Waiting segments in sequence order from d->next (qsort has no context: the key is stored). */
static int by_distance(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	return (x->distance > y->distance) - (x->distance < y->distance);
}

static void sort_pending(struct flow_direction *d)
{
	for (size_t i = 0; i < d->pending_count; i++)
		d->pending[i].distance = (int64_t)(int32_t)(d->pending[i].seq - d->next);
	qsort(d->pending, d->pending_count, sizeof(*d->pending), by_distance);
}

/*
 * Takes the waiting segments the stream has now reached, in order; with
 * `bridge`, also those after a gap (the missing bytes are counted, never
 * made up). Returns the bytes missing.
 */
static size_t drain_pending(struct flow_direction *d, bool bridge)
{
	size_t used = 0, missing = 0;
	sort_pending(d);
	for (; used < d->pending_count; used++) {
		struct pending *p = &d->pending[used];
		int32_t lead = (int32_t)(p->seq - d->next);
		if (lead > 0 && !bridge)
			break;
		if (lead > 0) {
			missing += (uint32_t)lead;
			d->next = p->seq;
		}
		take_in_order(d, p->seq, p->bytes, p->len);
		free(p->bytes);
	}
	memmove(d->pending, d->pending + used, (d->pending_count - used) * sizeof(*d->pending));
	d->pending_count -= used;
	return missing;
}

static void close_gap(struct flow *f, struct opened_connection *c, int dir);

static void tcp_packet(struct reader_state *s, const struct packet *p, uint64_t time_ns)
{
	enum direction dir;
	struct flow *f = find_flow(s, p, time_ns, &dir);
	struct opened_connection *c = &s->out->conns[f->conn];
	struct flow_direction *d = &f->dir[dir];
	struct captured_segment seg;
	memset(&seg, 0, sizeof(seg));
	seg.dir = dir;
	seg.time_ns = time_ns >= f->first_ns ? time_ns - f->first_ns : 0;
	seg.header_len = (uint8_t)(p->header_len <= CAPTURED_HEADER_MAX ? p->header_len
									 : CAPTURED_HEADER_MAX);
	memcpy(seg.header, p->header, seg.header_len);
	seg.payload_len = p->payload_len;
	seg.chunk = CAPTURED_NO_CHUNK;
	seg.ip_header = memcpy(xmalloc(p->ip_header_len), p->ip_header, p->ip_header_len);
	seg.ip_header_len = p->ip_header_len;
	seg.ip_length = p->ip_length;

	if (p->flags & TCP_FLAG_SYN) {
		d->have_isn = true;
		d->isn = p->seq;
		if (!d->have_next) {
			d->have_next = true;
			d->next = p->seq + 1;
		}
	}
	if (p->flags & (TCP_FLAG_FIN | TCP_FLAG_RST))
		f->closed = true;
	uint32_t seq = p->seq + ((p->flags & TCP_FLAG_SYN) ? 1 : 0);
	ARRAY_GROW(f->spans, c->capture.segment_count, f->span_cap);
	struct segment_span *span = &f->spans[c->capture.segment_count];
	memset(span, 0, sizeof(*span));
	span->has_seq = p->payload_len > 0;
	span->seq = seq;
	if (p->payload_len) {
		if (!d->have_next) {
			d->have_next = true;
			d->next = seq;
		}
		if (!d->have_base) {
			d->have_base = true;
			d->base = d->next;
		}
		span->new_from = d->stream.len;
		int32_t lead = (int32_t)(seq - d->next);
		/* Only a segment that starts where the stream ends adds exactly its own bytes. */
		if (lead != 0)
			seg.payload = memcpy(xmalloc(p->payload_len), p->payload, p->payload_len);
		if (lead > 0) {
			seg.note = CAPTURED_OUT_OF_ORDER;
			ARRAY_GROW(d->pending, d->pending_count, d->pending_cap);
			d->pending[d->pending_count++] = (struct pending){
				.seq = seq,
				.bytes = memcpy(xmalloc(p->payload_len), p->payload, p->payload_len),
				.len = p->payload_len,
				.segment = c->capture.segment_count,
			};
		} else if (take_in_order(d, seq, p->payload, p->payload_len) == 0) {
			seg.note = CAPTURED_RETRANSMISSION;
		} else if (d->pending_count) {
			drain_pending(d, false);
		}
		span->new_to = d->stream.len;
	}
	capture_segment(&c->capture, &seg);
	/* Bytes that never come: past a bound, what waits is taken after the gap. */
	if (d->pending_count > PENDING_MAX)
		close_gap(f, c, dir);
}

/*
 * The bytes still waiting in direction `dir` follow a gap (at the end of the
 * file, or when too many wait). They go to the stream after it, credited to
 * the last segment that waited (so each direction's bytes stay in the order
 * of the segments that carry them), and that segment says how many are
 * missing before it.
 */
static void close_gap(struct flow *f, struct opened_connection *c, int dir)
{
	struct flow_direction *d = &f->dir[dir];
	if (!d->pending_count)
		return;
	size_t last = 0;
	for (size_t i = 0; i < d->pending_count; i++)
		if (d->pending[i].segment > last)
			last = d->pending[i].segment;
	struct segment_span *span = &f->spans[last];
	span->new_from = d->stream.len;
	size_t missing = drain_pending(d, true);
	span->new_to = d->stream.len;
	struct captured_segment *seg = &c->capture.segments[last];
	seg->note = CAPTURED_AFTER_GAP;
	seg->gap = (uint32_t)missing;
}

static void close_gaps(struct flow *f, struct opened_connection *c)
{
	for (int dir = 0; dir < 2; dir++)
		close_gap(f, c, dir);
}

/*
 * Where TLS starts in a stream: at 0, or after a line of a plaintext
 * protocol (STARTTLS). A record header is <type, 3, minor, length>; the
 * client's first is a handshake record holding a ClientHello (type 1).
 * Returns the offset, or -1.
 */
static long tls_start(const struct buf *stream, bool client)
{
	size_t limit = stream->len < TLS_SEARCH_MAX ? stream->len : TLS_SEARCH_MAX;
	for (size_t at = 0; at + 6 <= stream->len && at < limit; at++) {
		if (at && stream->data[at - 1] != '\n')
			continue;
		struct reader r = reader_init(stream->data + at, stream->len - at, 0);
		uint8_t type, major, minor, first;
		uint16_t len;
		if (!reader_u8(&r, &type) || !reader_u8(&r, &major) || !reader_u8(&r, &minor) ||
		    !reader_u16(&r, &len) || !reader_u8(&r, &first))
			continue;
		bool plausible = major == 3 && minor <= 4 && len <= MAX_TLS_RECORD && len > 0;
		if (plausible && (client ? type == 22 && first == 1 : type >= 20 && type <= 23))
			return (long)at;
	}
	return -1;
}

/* What a stream that is not TLS carries: its first bytes, printable, for the list. */
static void describe_other(const struct buf *s, char *out, size_t len)
{
	const uint8_t *b = s->data;
	/* SSL 2.0's ClientHello: a 2-byte length with the high bit set, then msg_type 1. */
	if (s->len >= 3 && (b[0] & 0x80) && b[2] == 1) {
		snprintf(out, len, "an SSL 2.0 ClientHello: SSL 2.0 is not decoded by tlsviz");
		return;
	}
	char preview[24];
	size_t n = 0;
	for (size_t i = 0; i < s->len && n + 1 < sizeof(preview) && i < 20; i++)
		preview[n++] = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
	preview[n] = 0;
	if (!s->len)
		snprintf(out, len, "no payload");
	else
		snprintf(out, len, "no TLS records (it begins \"%s\")", preview);
}

/* The random of the first ClientHello in the client's stream from `at`, if whole. */
static bool client_random(const struct buf *stream, size_t at, uint8_t out[32])
{
	struct buf hello = BUF_INIT;
	struct reader r = reader_init(stream->data + at, stream->len - at, 0);
	uint8_t type;
	uint16_t version, len;
	const uint8_t *fragment;
	bool found = false;
	/* A ClientHello may span records: gather handshake fragments until it is whole. */
	while (hello.len < 4 + 2 + 32 && reader_u8(&r, &type) && type == 22 &&
	       reader_u16(&r, &version) && reader_u16(&r, &len) && reader_bytes(&r, len, &fragment))
		buf_append(&hello, fragment, len);
	if (hello.len >= 4 + 2 + 32 && hello.data[0] == 1) {
		memcpy(out, hello.data + 6, 32);
		found = true;
	}
	buf_release(&hello);
	return found;
}

static void swap_directions(struct flow *f, struct opened_connection *c)
{
	struct flow_direction d = f->dir[0];
	f->dir[0] = f->dir[1];
	f->dir[1] = d;
	uint8_t address[16];
	memcpy(address, c->address[0], 16);
	memcpy(c->address[0], c->address[1], 16);
	memcpy(c->address[1], address, 16);
	uint16_t port = c->port[0];
	c->port[0] = c->port[1];
	c->port[1] = port;
	for (size_t i = 0; i < c->capture.segment_count; i++)
		c->capture.segments[i].dir = direction_flip(c->capture.segments[i].dir);
}

/* The key log lines of c's client random become its secrets. */
static void match_keys(struct opened_connection *c, struct keylog *keys)
{
	for (size_t i = 0; c->has_random && i < keys->count; i++) {
		struct keylog_entry *e = &keys->entries[i];
		if (memcmp(e->client_random, c->client_random, 32) != 0)
			continue;
		capture_keyed_secret(&c->capture, keylog_capture_label(e->label), e->client_random,
				     e->secret, e->secret_len);
		e->matched = c->keyed = true;
	}
}

/*
 * A UDP flow: DTLS and QUIC become connections like TLS's, each datagram a
 * chunk (the trace reads DTLS's records, or opens QUIC's packets).
 */
static void finish_datagrams(struct flow *f, struct opened_connection *c, struct keylog *keys)
{
	struct datagram_summary d;
	datagram_read(f->datagrams, f->datagram_count, f->payloads.data, &d);
	if (!d.dtls && !d.quic) {
		snprintf(c->why_skipped, sizeof(c->why_skipped), "UDP, not TLS");
		return;
	}
	struct capture *cap = &c->capture;
	cap->quic = c->quic = d.quic;
	if ((d.has_random || d.quic) && d.client == DIR_SERVER_TO_CLIENT) {
		swap_directions(f, c);
		for (size_t i = 0; i < f->datagram_count; i++)
			f->datagrams[i].dir = direction_flip(f->datagrams[i].dir);
	}
	c->tls = true;
	cap->datagrams = true;
	size_t sent[2] = { 0, 0 };
	for (size_t i = 0; i < f->datagram_count && i < cap->segment_count; i++) {
		const struct datagram *g = &f->datagrams[i];
		struct captured_segment *seg = &cap->segments[i];
		seg->stream_offset = sent[g->dir];
		if (!g->len)
			continue;
		seg->chunk = cap->chunk_count;
		capture_chunk(cap, g->dir, seg->time_ns, f->payloads.data + g->offset, g->len,
			      sent[!g->dir]);
		sent[g->dir] += g->len;
	}
	if (f->datagrams_dropped)
		capture_note(cap, "only its first %zu datagrams are read (%u more were captured)",
		     f->datagram_count, f->datagrams_dropped);
	c->has_random = d.has_random;
	memcpy(c->client_random, d.client_random, 32);
	match_keys(c, keys);
}

/*
 * Turns flow `f` into its connection's capture: the in-order bytes after
 * any preamble become chunks, each segment learns where its payload lies,
 * and the matching key log lines become its secrets.
 */
static void finish_flow(struct flow *f, struct opened_connection *c, struct keylog *keys,
			const struct open_options *o)
{
	close_gaps(f, c);
	long start[2] = { tls_start(&f->dir[0].stream, true), tls_start(&f->dir[1].stream, false) };
	if (start[0] < 0 && tls_start(&f->dir[1].stream, true) >= 0) {
		swap_directions(f, c);
		start[0] = tls_start(&f->dir[0].stream, true);
		start[1] = tls_start(&f->dir[1].stream, false);
	}
	if (c->udp) {
		finish_datagrams(f, c, keys);
		return;
	}
	if (start[0] < 0) {
		describe_other(f->dir[0].stream.len ? &f->dir[0].stream : &f->dir[1].stream,
			       c->why_skipped, sizeof(c->why_skipped));
		return;
	}
	c->tls = true;
	c->preamble[0] = (size_t)start[0];
	/* A server that never answered with TLS: its bytes are all preamble. */
	c->preamble[1] = start[1] < 0 ? f->dir[1].stream.len : (size_t)start[1];
	struct capture *cap = &c->capture;
	if (c->preamble[0] || (start[1] > 0))
		capture_note(cap, "TLS begins after %zu bytes of plaintext from the client and %zu from the "
		     "server (STARTTLS)", c->preamble[0], c->preamble[1]);
	if (!f->dir[0].have_isn)
		capture_note(cap, "the capture begins after the TCP handshake");

	size_t delivered[2] = { 0, 0 };
	for (size_t i = 0; i < cap->segment_count; i++) {
		struct captured_segment *seg = &cap->segments[i];
		const struct segment_span *span = &f->spans[i];
		int dir = seg->dir;
		size_t pre = c->preamble[dir];
		struct flow_direction *d = &f->dir[dir];
		/* The trace's stream starts after the preamble: bytes before it keep their own copy. */
		if (!seg->payload && seg->payload_len && span->new_from < pre)
			seg->payload = memcpy(xmalloc(seg->payload_len), d->stream.data + span->new_from,
					      seg->payload_len);
		if (span->has_seq) {
			size_t at = (uint32_t)(span->seq - d->base);
			if (at + seg->payload_len <= pre)
				seg->note = CAPTURED_PREAMBLE;
			seg->stream_offset = at > pre ? at - pre : 0;
		}
		if (seg->note == CAPTURED_AFTER_GAP)
			capture_note(cap, "%u bytes %s never appeared in the capture (a gap)", seg->gap,
			     dir == DIR_CLIENT_TO_SERVER ? "from the client" : "from the server");
		size_t from = span->new_from > pre ? span->new_from : pre;
		if (span->new_to <= from)
			continue;
		seg->stream_offset = from - pre;
		seg->chunk = cap->chunk_count;
		capture_chunk(cap, seg->dir, seg->time_ns, d->stream.data + from, span->new_to - from,
			      delivered[!dir]);
		delivered[dir] += span->new_to - from;
	}
	c->has_random = client_random(&f->dir[0].stream, c->preamble[0], c->client_random);
	match_keys(c, keys);
	if (o->rsa_key_der)
		capture_server_key(cap, o->rsa_key_der, o->rsa_key_len);
}

/*
 * Key log lines no first ClientHello matched may belong to a later one, a
 * renegotiation's, which travels encrypted: a few such lines are offered to
 * every connection; its trace takes those of the client randoms it meets.
 */
#define UNMATCHED_OFFERED_MAX 64
/*
 * A QUIC connection's ClientHello travels in a protected Initial packet
 * (RFC 9001, 5.2): only the trace, which opens it, learns its random. The
 * lines no TCP or DTLS connection matched are offered to every QUIC
 * connection, up to this many secrets in all.
 */
#define QUIC_OFFERED_MAX 16384

static void offer_unmatched(struct opened *o)
{
	size_t unmatched = 0, quic = 0;
	for (size_t i = 0; i < o->keys.count; i++)
		unmatched += !o->keys.entries[i].matched;
	for (size_t c = 0; c < o->count; c++)
		quic += o->conns[c].quic;
	if (!unmatched)
		return;
	bool to_tls = unmatched <= UNMATCHED_OFFERED_MAX;
	bool to_quic = quic && unmatched * quic <= QUIC_OFFERED_MAX;
	for (size_t c = 0; c < o->count; c++) {
		struct opened_connection *conn = &o->conns[c];
		if (!conn->tls || !(conn->quic ? to_quic : to_tls))
			continue;
		for (size_t i = 0; i < o->keys.count; i++) {
			struct keylog_entry *e = &o->keys.entries[i];
			if (e->matched)
				continue;
			capture_keyed_secret(&conn->capture, keylog_capture_label(e->label),
					     e->client_random, e->secret, e->secret_len);
			e->offered_quic |= conn->quic;
		}
	}
}

static void release_flow(struct flow *f)
{
	for (int dir = 0; dir < 2; dir++) {
		for (size_t i = 0; i < f->dir[dir].pending_count; i++)
			free(f->dir[dir].pending[i].bytes);
		free(f->dir[dir].pending);
		buf_release(&f->dir[dir].stream);
	}
	free(f->datagrams);
	buf_release(&f->payloads);
	free(f->spans);
}

/* A UDP datagram: the flow's first ones are kept, to say what it carries. */
static void udp_packet(struct reader_state *s, const struct packet *p, uint64_t time_ns)
{
	enum direction dir;
	struct flow *f = find_flow(s, p, time_ns, &dir);
	if (f->datagram_count == DATAGRAMS_MAX || f->payloads.len + p->payload_len > DATAGRAM_BYTES_MAX) {
		f->datagrams_dropped++;
		return;
	}
	ARRAY_GROW(f->datagrams, f->datagram_count, f->datagram_cap);
	f->datagrams[f->datagram_count++] = (struct datagram){ dir, f->payloads.len, p->payload_len };
	buf_append(&f->payloads, p->payload, p->payload_len);
	/* Its headers, for a DTLS flow's exports: the datagram as it was captured. */
	struct captured_segment seg;
	memset(&seg, 0, sizeof(seg));
	seg.dir = dir;
	seg.time_ns = time_ns >= f->first_ns ? time_ns - f->first_ns : 0;
	seg.header_len = (uint8_t)p->header_len;
	memcpy(seg.header, p->header, p->header_len);
	seg.payload_len = p->payload_len;
	seg.chunk = CAPTURED_NO_CHUNK;
	seg.ip_header = memcpy(xmalloc(p->ip_header_len), p->ip_header, p->ip_header_len);
	seg.ip_header_len = p->ip_header_len;
	seg.ip_length = p->ip_length;
	capture_segment(&s->out->conns[f->conn].capture, &seg);
}

static int read_capture(const uint8_t *bytes, size_t len, const struct open_options *o,
			struct opened *out, char *why, size_t why_len);

int open_capture(const uint8_t *bytes, size_t len, const struct open_options *o,
		 struct opened *out, char *why, size_t why_len)
{
	memset(out, 0, sizeof(*out));
	struct buf uniform = BUF_INIT;
	if (pcapng_uniform_snaplen(bytes, len, &uniform))
		bytes = uniform.data;
	int status = read_capture(bytes, len, o, out, why, why_len);
	buf_release(&uniform);
	return status;
}

/* open_capture() on bytes libpcap accepts. */
static int read_capture(const uint8_t *bytes, size_t len, const struct open_options *o,
			struct opened *out, char *why, size_t why_len)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	FILE *file = len ? fmemopen((void *)bytes, len, "rb") : NULL;
	pcap_t *pcap = file ? pcap_fopen_offline_with_tstamp_precision(
				      file, PCAP_TSTAMP_PRECISION_NANO, errbuf)
			    : NULL;
	if (!pcap) {
		if (file)
			fclose(file);
		snprintf(why, why_len, "not a pcap or pcapng capture (%s)",
			 errbuf[0] ? errbuf : "the file is empty");
		return -1;
	}
	int link = pcap_datalink(pcap);
	if (!packet_link_supported(link)) {
		snprintf(why, why_len, "link type %s (%d) is not supported (Ethernet, Linux cooked, "
			 "loopback and raw IP are)",
			 pcap_datalink_val_to_name(link) ? pcap_datalink_val_to_name(link) : "?",
			 link);
		pcap_close(pcap);
		return -1;
	}
	if (o && o->keylog_path) {
		struct buf text = BUF_INIT;
		char reason[300];
		if (!open_read_file(o->keylog_path, OPEN_KEYLOG_MAX, &text, reason, sizeof(reason))) {
			snprintf(why, why_len, "the key log: %s", reason);
			buf_release(&text);
			pcap_close(pcap);
			return -1;
		}
		keylog_parse(&out->keys, (const char *)text.data, text.len, false);
		buf_release(&text);
	}
	if (o && o->keylog_text)
		keylog_parse(&out->keys, o->keylog_text, o->keylog_len, false);
	dsb_read(bytes, len, &out->keys);

	struct reader_state s = { .out = out };
	struct pcap_pkthdr *header;
	const u_char *frame;
	int status;
	while ((status = pcap_next_ex(pcap, &header, &frame)) == 1) {
		out->packets++;
		struct packet p;
		uint64_t time_ns = (uint64_t)header->ts.tv_sec * 1000000000u + (uint64_t)header->ts.tv_usec;
		if (!packet_parse(link, frame, header->caplen, &p))
			out->not_tcp++;
		else if (p.protocol == 6)
			tcp_packet(&s, &p, time_ns);
		else
			udp_packet(&s, &p, time_ns);
	}
	if (status == PCAP_ERROR)
		snprintf(out->error, sizeof(out->error), "reading stopped after packet %u (at byte %ld "
			 "of %zu): %s", out->packets, ftell(pcap_file(pcap)), len, pcap_geterr(pcap));
	pcap_close(pcap);
	for (size_t i = 0; i < s.flow_count; i++) {
		finish_flow(&s.flows[i], &out->conns[s.flows[i].conn], &out->keys,
			    o ? o : &(struct open_options){ 0 });
		release_flow(&s.flows[i]);
	}
	offer_unmatched(out);
	free(s.flows);
	free(s.table);
	return 0;
}

bool open_read_file(const char *path, size_t max, struct buf *out, char *why, size_t why_len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		snprintf(why, why_len, "cannot open %s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return false;
	}
	/* A file or a pipe; a device (/dev/zero) or a folder is not a capture or a key log. */
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		snprintf(why, why_len, "cannot read %s: %s", path,
			 S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a file");
		fclose(f);
		return false;
	}
	char chunk[65536];
	size_t n;
	/* Bounded: an endless pipe ends here, not in the memory. */
	while (out->len <= max && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	bool ok = !ferror(f) && out->len <= max;
	if (!ok)
		snprintf(why, why_len, "cannot read %s: %s", path,
			 out->len > max ? "it is larger than tlsviz reads" : strerror(errno));
	fclose(f);
	return ok;
}

int open_capture_file(const char *path, const struct open_options *o, struct opened *out,
		      char *why, size_t why_len)
{
	struct buf bytes = BUF_INIT;
	int status = -1;
	if (!open_read_file(path, OPEN_CAPTURE_MAX, &bytes, why, why_len)) {
		memset(out, 0, sizeof(*out));
	} else {
		char reason[300];
		status = open_capture(bytes.data, bytes.len, o, out, reason, sizeof(reason));
		if (status)
			snprintf(why, why_len, "%s: %s", path, reason);
	}
	buf_release(&bytes);
	return status;
}

void open_endpoint_text(const struct opened_connection *c, int side, char *out, size_t len)
{
	const uint8_t *a = c->address[side];
	if (c->ip_version == 4) {
		snprintf(out, len, "%u.%u.%u.%u:%u", a[0], a[1], a[2], a[3], c->port[side]);
		return;
	}
	/* RFC 5952: lowercase hex groups, the longest run of zero groups as "::". */
	unsigned groups[8];
	int best = -1, best_len = 1;
	for (int i = 0; i < 8; i++)
		groups[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && groups[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	size_t used = (size_t)snprintf(out, len, "[");
	for (int i = 0; i < 8 && used < len; i++) {
		if (i == best) {
			used += (size_t)snprintf(out + used, len - used, "::");
			i += best_len - 1;
			continue;
		}
		bool colon = i > 0 && i != best + best_len;
		used += (size_t)snprintf(out + used, len - used, "%s%x", colon ? ":" : "", groups[i]);
	}
	if (used < len)
		snprintf(out + used, len - used, "]:%u", c->port[side]);
}

/* RFC 7468: base64 between "-----BEGIN ...PRIVATE KEY-----" and its END line. */
bool open_pem_key(const char *pem, size_t len, struct buf *der)
{
	static const char begin[] = "-----BEGIN ";
	const char *at = NULL;
	for (size_t i = 0; i + sizeof(begin) - 1 <= len; i++)
		if (!memcmp(pem + i, begin, sizeof(begin) - 1)) {
			const char *eol = memchr(pem + i, '\n', len - i);
			if (eol && eol - (pem + i) >= 16 && !memcmp(eol - 16 - (eol[-1] == '\r'),
								 "PRIVATE KEY-----", 16)) {
				at = eol + 1;
				break;
			}
		}
	if (!at)
		return false;
	uint32_t acc = 0;
	int bits = 0;
	for (; at < pem + len && *at != '-'; at++) {
		const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *p = *at ? strchr(alphabet, *at) : NULL;
		if (*at == '\n' || *at == '\r' || *at == ' ' || *at == '=')
			continue;
		if (!p)
			return false;
		acc = acc << 6 | (uint32_t)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			uint8_t byte = (uint8_t)(acc >> bits);
			buf_append(der, &byte, 1);
		}
	}
	return at < pem + len && der->len > 0;
}

void open_release(struct opened *o)
{
	for (size_t i = 0; i < o->count; i++)
		capture_release(&o->conns[i].capture);
	free(o->conns);
	keylog_release(&o->keys);
	memset(o, 0, sizeof(*o));
}
