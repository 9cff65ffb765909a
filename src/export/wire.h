/*
 * The frames of a trace as they crossed the modeled network, shared by the
 * pcap and pcapng exporters: Ethernet, IPv4 and TCP around the TLS bytes,
 * each stamped when it reached its receiver on the timeline, so that a
 * capture shows the times the diagram shows.
 */
#ifndef TLSVIZ_EXPORT_WIRE_H
#define TLSVIZ_EXPORT_WIRE_H

#include "base/buf.h"
#include "trace/trace.h"

/*
 * When segment `s` reached its receiver, in nanoseconds since the epoch. The
 * trace's segments are in this order already: each connection's leave one
 * after the other, and each takes the same half round trip to arrive.
 */
uint64_t wire_time_ns(const struct trace *t, const struct segment *s);
/*
 * Appends to `out` the Ethernet frame of `s`: its headers, then its payload
 * as it reached the receiver. `ip_id` is the IPv4 identification.
 */
void wire_frame(struct buf *out, const struct trace *t, const struct segment *s, uint16_t ip_id);

#endif
