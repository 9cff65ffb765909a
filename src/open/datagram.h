/*
 * What a UDP flow carries, read as far as it can be without keys (the file
 * reader's): DTLS records and the handshake messages in them up to the
 * ChangeCipherSpec, or QUIC packets by their headers. tlsviz draws neither:
 * this names what they hold and where, and why, reading stops.
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
	bool has_random; /* a DTLS ClientHello's random, for matching key log lines */
	uint8_t client_random[32];
	char text[512]; /* one line: the version, what was read, where it stops and why */
};

/*
 * Reads the `count` datagrams of a flow whose payloads lie in `bytes`
 * (borrowed) into `out`; out->dtls and out->quic are both false when the
 * flow carries neither.
 */
void datagram_read(const struct datagram *d, size_t count, const uint8_t *bytes,
		   struct datagram_summary *out);

#endif
