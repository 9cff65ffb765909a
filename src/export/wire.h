/*
 * The frames of a trace as they crossed the modeled network, shared by the
 * pcap and pcapng exporters: Ethernet, IPv4 and TCP around the TLS bytes,
 * each stamped when it reached its receiver on the timeline, so that a
 * capture shows the times the diagram shows. A connection of a capture file
 * is written back as it was captured instead: its IP packets, stamped to
 * the nanosecond as the file stamped them.
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
 * Appends to `out` the frame of `s`. A scenario's is Ethernet: its modeled
 * headers, then its payload as it reached the receiver (`ip_id` is the IPv4
 * identification). A capture file's is the IP packet as captured (raw IP,
 * LINKTYPE_RAW): its IP header, TCP header and payload, byte for byte.
 * Returns the packet's length on the wire, which is more than the frame's
 * when the capture's snapshot length cut it.
 */
size_t wire_frame(struct buf *out, const struct trace *t, const struct segment *s, uint16_t ip_id);
/* The link type of the frames wire_frame writes for `t` (LINKTYPE_ETHERNET or LINKTYPE_RAW). */
uint16_t wire_link_type(const struct trace *t);

#endif
