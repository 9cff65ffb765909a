/*
 * What a UDP flow carries (the file reader's): DTLS, which becomes a
 * connection like TLS's (the trace reads its records), or QUIC, whose
 * packets are read by their headers: tlsviz neither draws nor decrypts QUIC,
 * and this names what its packets are and why reading stops there.
 */
#ifndef TLSVIZ_OPEN_DATAGRAM_H
#define TLSVIZ_OPEN_DATAGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/capture.h"

/* One UDP payload of a flow, in capture order: <offset, len> in the flow's bytes. */
struct datagram {
	enum direction dir;
	size_t offset, len;
};

/* What datagram_read() found. */
struct datagram_summary {
	bool dtls, quic;
	/* DTLS: the first ClientHello's sender and random (has_random), for key log lines */
	enum direction client;
	bool has_random;
	uint8_t client_random[32];
	char text[512]; /* QUIC: one line, the version, what was read, why it stops there */
};

/*
 * Reads the `count` datagrams of a flow whose payloads lie in `bytes`
 * (borrowed) into `out`; out->dtls and out->quic are both false when the
 * flow carries neither.
 */
void datagram_read(const struct datagram *d, size_t count, const uint8_t *bytes,
		   struct datagram_summary *out);

#endif
