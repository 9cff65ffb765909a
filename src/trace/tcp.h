/*
 * The TCP model. A socketpair carries no TCP, so tlsviz draws the TCP a real
 * connection would have carried around the same bytes: the three-way
 * handshake with MSS and window scale options, each write cut into segments
 * of at most the MSS with its sequence and acknowledgement numbers, the
 * receiver's ACKs, and the FIN teardown. Everything here is modeled; the
 * payload is real.
 *
 * Time is the timeline's (timeline.c), counted in ticks of half a round trip
 * from the connection's SYN: a segment that leaves at tick T reaches the
 * other peer at T + 1, so the ACK it carries covers what the other side sent
 * up to T - 1, never more.
 */
#ifndef TLSVIZ_TRACE_TCP_H
#define TLSVIZ_TRACE_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "capture/capture.h"

#define TCP_DEFAULT_MSS 1460
#define TCP_WINDOW 65535
/*
 * RFC 7323: the window field counts in units of 2^7 bytes after the SYNs, as
 * Linux advertises; a 65535 field is then about 8 MB, room for the largest
 * flight a scenario sends at once (a 64 KB window could not hold it).
 */
#define TCP_WINDOW_SCALE 7
#define TCP_CLIENT_PORT 49152
#define TCP_SERVER_PORT 443
/*
 * A modeled header is 20 bytes, and a SYN's options: MSS (4), NOP, window
 * scale (3); a captured one up to 60.
 */
#define TCP_MAX_HEADER CAPTURED_HEADER_MAX

enum tcp_flag {
	TCP_FIN = 0x01,
	TCP_SYN = 0x02,
	TCP_RST = 0x04,
	TCP_PSH = 0x08,
	TCP_ACK = 0x10,
};

/* Which part of the connection's life a segment belongs to. */
enum segment_role {
	SEGMENT_OPEN,  /* the three-way handshake */
	SEGMENT_DATA,  /* carries payload */
	SEGMENT_ACK,   /* a pure acknowledgement of payload */
	SEGMENT_CLOSE, /* the teardown */
};

struct segment {
	unsigned conn; /* connection of the run: its client port is TCP_CLIENT_PORT + conn */
	enum direction dir;
	enum segment_role role;
	uint8_t flags;
	uint32_t seq;
	uint32_t ack; /* meaningful when flags has TCP_ACK */
	uint16_t window;
	uint16_t mss;         /* MSS option, 0 when absent (only SYNs carry it) */
	uint8_t window_scale; /* its shift count; a SYN with an MSS carries it too */
	uint16_t checksum;    /* as on the wire (tcp_set_checksum, or as captured) */
	size_t stream_offset; /* payload: bytes [stream_offset, +len) of dir's stream */
	size_t len;
	uint64_t tick; /* when it leaves its sender, in half round trips from the SYN */
	size_t chunk; /* the write it carries or acknowledges; SEGMENT_NO_CHUNK for SYN and FIN */
	/*
	 * A segment of a capture file: its header as captured (borrowed), NULL
	 * when modeled; when it was captured, from the connection's first
	 * packet (its tick is 0).
	 */
	const uint8_t *header;
	size_t header_len;
	/*
	 * A captured segment's IP header and the IP packet's declared length;
	 * its payload as captured when it is not <stream_offset, len> of dir's
	 * stream (a retransmission, an out-of-order segment, a preamble), else
	 * NULL. All borrowed from the trace's capture.
	 */
	const uint8_t *ip_header;
	size_t ip_header_len, ip_length;
	const uint8_t *captured_payload;
	size_t captured_len;
	uint64_t captured_ns;
	enum captured_note note;
	uint32_t gap; /* CAPTURED_AFTER_GAP: bytes missing before it */
};

#define SEGMENT_NO_CHUNK ((size_t)-1)

struct tcp_model {
	uint16_t mss;
	unsigned conn; /* the connection now being modeled */
	uint32_t next_seq[2]; /* next sequence number each direction will send */
	uint32_t received[2]; /* per sender: the other direction's next sequence number it has */
	size_t stream_len[2]; /* payload bytes each direction has sent */
	size_t landed; /* the segments before this index have reached their receivers */
	uint64_t tick; /* when the connection's latest segment left */
	struct segment *segments;
	size_t count, cap;
};

/* Starts a model whose directions begin at the given initial sequence numbers. */
void tcp_init(struct tcp_model *m, uint16_t mss, const uint32_t isn[2]);
/* Starts the run's next connection at the given initial sequence numbers. */
void tcp_next_connection(struct tcp_model *m, const uint32_t isn[2]);
/*
 * The segments of a connection are appended in the order they leave, each
 * call at a tick no earlier than the one before (a programmer error aborts).
 */
/* SYN at tick 0, SYN-ACK at 1, ACK at 2. */
void tcp_open(struct tcp_model *m);
/* One write of `len` bytes in direction `dir`: segments of at most the MSS, the last with PSH. */
void tcp_write(struct tcp_model *m, enum direction dir, size_t len, uint64_t tick);
/* A pure ACK sent in direction `dir` for everything that has reached its sender. */
void tcp_ack(struct tcp_model *m, enum direction dir, uint64_t tick);
/* The teardown, the client closing first: FIN at `tick`, ACK and FIN at +1, ACK at +2. */
void tcp_close(struct tcp_model *m, uint64_t tick);
/* A short name of the segment's control flags, as in "SYN ACK" or "FIN ACK". */
const char *tcp_flags_name(uint8_t flags, char *out, size_t out_len);
/*
 * The segment's TCP header as it is on the wire (RFC 9293, 3.1); a captured
 * segment's is its captured header. Returns its length.
 */
size_t tcp_header(const struct segment *s, uint8_t out[TCP_MAX_HEADER]);
/*
 * The modeled hosts' IPv4 addresses (documentation ranges of RFC 5737), which
 * the checksum covers.
 */
extern const uint8_t tcp_client_ip[4], tcp_server_ip[4];
/* Sets s->checksum for the payload <payload, s->len>, as it reached the receiver (borrowed). */
void tcp_set_checksum(struct segment *s, const uint8_t *payload);
/* The Internet checksum (RFC 1071): sums 16-bit words into `sum`; fold gives the checksum. */
uint32_t inet_sum(uint32_t sum, const uint8_t *bytes, size_t len);
uint16_t inet_fold(uint32_t sum);
void tcp_release(struct tcp_model *m);

#endif
