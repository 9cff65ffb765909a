/*
 * What a UDP flow carries (the file reader's): DTLS or QUIC, each of which
 * becomes a connection like TLS's (the trace reads its records, or opens
 * QUIC's packets and reads the TLS handshake in their CRYPTO frames).
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
	/*
	 * The client: DTLS's first ClientHello's sender, with its random
	 * (has_random) for key log lines; QUIC's first Initial's sender
	 */
	enum direction client;
	bool has_random;
	uint8_t client_random[32];
};

/*
 * Reads the `count` datagrams of a flow whose payloads lie in `bytes`
 * (borrowed) into `out`; out->dtls and out->quic are both false when the
 * flow carries neither.
 */
void datagram_read(const struct datagram *d, size_t count, const uint8_t *bytes,
		   struct datagram_summary *out);

#endif
