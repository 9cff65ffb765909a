/*
 * The record splitter: the bytes of both directions, without secrets, cut
 * into records and messages and each decoded (make fuzz).
 *
 * Input: chunks of <header> <bytes>, where the header's top bit is the
 * direction (1: server to client) and its low 7 bits the length. Small
 * chunks split records and handshake messages across writes.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture c;
	size_t sent[2] = { 0, 0 };
	capture_init(&c);
	for (size_t at = 0; at < size;) {
		enum direction dir = data[at] & 0x80 ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
		size_t len = data[at++] & 0x7f;
		if (len > size - at)
			len = size - at;
		if (len)
			capture_chunk(&c, dir, (uint64_t)c.chunk_count * 1000000, data + at, len,
				      sent[!dir]);
		sent[dir] += len;
		at += len;
	}
	struct trace t;
	trace_build(&t, &c, "fuzz", "complete", "");
	/* The drill and the timeline are the trace target's: its captures have secrets too. */
	walk_trace(&t, WALK_HANDSHAKES);
	trace_release(&t);
	return 0;
}
