/*
 * The timeline inside the trace stage: trace.c builds the trace, timeline.c
 * says when each write leaves and models the TCP around it. The timeline's
 * unit is a tick, half a round trip: the time every byte takes to arrive.
 */
#ifndef TLSVIZ_TRACE_TIMELINE_H
#define TLSVIZ_TRACE_TIMELINE_H

#include "trace/trace.h"

/* Where the segments of one chunk lie in the trace's TCP model. */
struct chunk_segments {
	size_t first, end; /* its data segments */
	size_t ack;        /* the pure ACK its arrival caused, or SEGMENT_NO_CHUNK */
};

/* Fills t->sent_ticks: when each chunk of the capture leaves its peer. */
void timeline_time_chunks(struct trace *t);
/*
 * Appends to t->tcp the segments of the connection whose chunks are
 * [first, end) of the capture, in the order they leave: the handshake, the
 * writes, the receivers' ACKs, the teardown. where[i] says where chunk i's are.
 */
void timeline_model_tcp(struct trace *t, size_t first, size_t end, struct chunk_segments *where);

#endif
