/*
 * The TCP model. A socketpair carries no TCP, so tlsviz draws the TCP a real
 * connection would have carried around the same bytes: the three-way
 * handshake with an MSS option, each write cut into segments of at most the
 * MSS with its sequence and acknowledgement numbers, the receiver's ACKs,
 * and the FIN teardown. Everything here is modeled; the payload is real.
 */
#ifndef TLSVIZ_TRACE_TCP_H
#define TLSVIZ_TRACE_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "capture/capture.h"

#define TCP_DEFAULT_MSS 1460
#define TCP_WINDOW 65535
#define TCP_CLIENT_PORT 49152
#define TCP_SERVER_PORT 443
/* A modeled header is 20 bytes, and 4 for the MSS option of a SYN; a captured one up to 60. */
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
	size_t stream_offset; /* payload: bytes [stream_offset, +len) of dir's stream */
	size_t len;
	uint64_t time_ns;
	size_t chunk; /* the write it carries or acknowledges; SEGMENT_NO_CHUNK for SYN and FIN */
	/* A segment of a capture file: its header as captured (borrowed), NULL when modeled. */
	const uint8_t *header;
	size_t header_len;
	enum captured_note note;
	uint32_t gap; /* CAPTURED_AFTER_GAP: bytes missing before it */
};

#define SEGMENT_NO_CHUNK ((size_t)-1)

struct tcp_model {
	uint16_t mss;
	unsigned conn; /* the connection now being modeled */
	uint32_t next_seq[2]; /* next sequence number each direction will send */
	size_t stream_len[2]; /* payload bytes each direction has sent */
	struct segment *segments;
	size_t count, cap;
};

/* Starts a model whose directions begin at the given initial sequence numbers. */
void tcp_init(struct tcp_model *m, uint16_t mss, const uint32_t isn[2]);
/* Starts the run's next connection at the given initial sequence numbers. */
void tcp_next_connection(struct tcp_model *m, const uint32_t isn[2]);
/* SYN, SYN-ACK, ACK. */
void tcp_open(struct tcp_model *m, uint64_t time_ns);
/* One write of `len` bytes in direction `dir`: segments of at most the MSS, the last with PSH. */
void tcp_write(struct tcp_model *m, enum direction dir, size_t len, uint64_t time_ns);
/* A pure ACK sent in direction `dir` for everything received so far. */
void tcp_ack(struct tcp_model *m, enum direction dir, uint64_t time_ns);
/* The teardown, the client closing first: FIN, ACK, FIN, ACK. */
void tcp_close(struct tcp_model *m, uint64_t time_ns);
/* A short name of the segment's control flags, as in "SYN ACK" or "FIN ACK". */
const char *tcp_flags_name(uint8_t flags, char *out, size_t out_len);
/*
 * The segment's TCP header as it would be on the wire (RFC 9293, 3.1), with
 * the checksum left zero: whoever knows the IP addresses fills it in.
 * Returns its length, 20 or 24; a captured segment's is its captured header.
 */
size_t tcp_header(const struct segment *s, uint8_t out[TCP_MAX_HEADER]);
void tcp_release(struct tcp_model *m);

#endif
