/*
 * What the fuzz targets (fuzz_*.c) and their corpus generator (corpus.c) share.
 *
 * The synthetic capture: a capture (chunks of both directions, secrets, the
 * server's key, a second connection) as a flat byte string a fuzzer can
 * mutate. Each item is a header byte and what it announces; the two low bits
 * of the header say what it is, the rest of the header its options:
 *
 *   header  bits 1..0  bits 7..2        then
 *   chunk       0      b2: direction    u16 length, bytes
 *                      b3: tampered     ... u16 position, u8 mask: the byte at
 *                                       position % length arrived XORed with mask
 *   secret      1      label index      u16 length, bytes (the first SECRET_MAX kept)
 *   control     2      b2 = 0           the next connection begins
 *                      b2 = 1           u16 length, the server's private key (DER)
 *   outcome     3      outcome index    (complete, failed, stalled)
 *
 * A length past the end takes what is left, so every input is a capture and
 * a mutation changes one item, not the framing of everything after it.
 * Labels are an index into a table (a flipped bit names another real label).
 * Chunks are 1 ms apart; each writer had read all the other side had sent.
 */
#ifndef TLSVIZ_TESTS_FUZZ_FUZZ_H
#define TLSVIZ_TESTS_FUZZ_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "capture/capture.h"
#include "trace/trace.h"

/* Reads <data, size> into `c` (initialised here); returns the outcome it names. Borrowed. */
const char *synthetic_read(const uint8_t *data, size_t size, struct capture *c);
/*
 * Appends the encoding of `c` with outcome `outcome` to `out`. Returns 0, or
 * -1 when it holds what the format cannot say (a label outside the table, a
 * tampered chunk that differs in more than one byte).
 */
int synthetic_write(const struct capture *c, const char *outcome, struct buf *out)
	__attribute__((warn_unused_result));

/* What walk_trace() asks of a trace besides its records, other messages and segments. */
enum walk {
	WALK_HANDSHAKES = 1, /* decode the handshake messages too (fuzz_handshake.c has them) */
	WALK_VIEWER = 2,     /* the drill's question before every step, the timeline at a
			      * few round trip times */
};

/*
 * What a viewer or exporter asks of a trace: every record and message decoded,
 * one TCP segment of each kind, names, and what `what` adds (enum walk;
 * walk.c).
 */
void walk_trace(struct trace *t, unsigned what);

#endif
