/* One frame of a capture file down to its transport header (the file reader's). */
#ifndef TLSVIZ_OPEN_PACKET_H
#define TLSVIZ_OPEN_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct packet {
	int ip_version; /* 4 or 6 */
	uint8_t source[16], destination[16]; /* IPv4 in the first 4 bytes */
	uint8_t protocol; /* 6 TCP, 17 UDP */
	bool fragment;    /* an IP fragment: not reassembled */
	/*
	 * The IP header as captured, extension headers or options included
	 * (borrowed from the frame), and the packet's length as that header
	 * declares it (the frame may hold less: a snapshot length cut it).
	 */
	const uint8_t *ip_header;
	size_t ip_header_len;
	size_t ip_length;
	uint16_t source_port, destination_port;
	/* TCP only */
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t window;
	/* The TCP header, options included, or the UDP header: borrowed from the frame */
	const uint8_t *header;
	size_t header_len;
	const uint8_t *payload; /* borrowed from the frame */
	size_t payload_len;
};

/* Whether frames of libpcap link type `link_type` can be read. */
bool packet_link_supported(int link_type);
/*
 * Parses a frame of `link_type` (borrowed; `p` borrows from it); false when
 * it is not a whole TCP or UDP packet over IPv4 or IPv6 (p->fragment says
 * when it was an IP fragment).
 */
bool packet_parse(int link_type, const uint8_t *frame, size_t len, struct packet *p);

/* The TCP options tlsviz shows (RFC 9293 MSS, RFC 7323 window scale and timestamps, RFC 2018 SACK). */
struct tcp_options {
	bool has_mss;
	uint16_t mss;
	bool has_window_scale;
	uint8_t window_scale;
	bool sack_permitted;
	unsigned sack_blocks;
	struct {
		uint32_t left, right;
	} sack[4];
	bool has_timestamps;
	uint32_t timestamp, timestamp_echo;
};

/* The options of a TCP header <header, header_len> (borrowed). */
void packet_tcp_options(const uint8_t *header, size_t header_len, struct tcp_options *o);

#endif
