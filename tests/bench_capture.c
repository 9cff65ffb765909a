/*
 * make bench: a capture of many connections for timing --open against
 * tshark. Runs a few scenarios, then writes their pcap frames again and
 * again, each copy a connection of its own (its own client port, later
 * timestamps), until the file holds at least the records asked for; the
 * key log beside it opens them all.
 */
#include "bench_capture.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "export/export.h"
#include "open/packet.h"

static const char *const mix[] = { "tls13", "tls12-ecdhe", "tls13-resume", "tls12-resume-ticket",
				   "tls13-hrr", "tls12-rsa" };
#define MIX_COUNT (sizeof(mix) / sizeof(mix[0]))

struct sample {
	struct buf pcap; /* the scenario's own export */
	size_t records;
	size_t connections; /* two for a resumption */
};

static int write_to(const struct trace *t,
		    int (*write)(const struct trace *, const struct export_options *, FILE *),
		    struct buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int status = f && write(t, &(struct export_options){ 0 }, f) == 0 ? 0 : -1;
	if (f && fclose(f) != 0)
		status = -1;
	buf_append(out, text, len);
	free(text);
	return status;
}

/* Copies the frames of `pcap` into `d` as connection `n`: client ports moved, times after `*at`. */
static void copy_frames(const struct buf *pcap, pcap_dumper_t *d, unsigned n, uint64_t *at_us)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_fopen_offline(fmemopen(pcap->data, pcap->len, "rb"), errbuf);
	struct pcap_pkthdr *h;
	const u_char *bytes;
	uint64_t first = 0, last = 0;
	bool started = false;
	while (p && pcap_next_ex(p, &h, &bytes) == 1) {
		struct packet pk;
		if (!packet_parse(DLT_EN10MB, bytes, h->caplen, &pk))
			continue;
		uint8_t *frame = malloc(h->caplen);
		memcpy(frame, bytes, h->caplen);
		/* The client's port: the TCP source from the client (192.0.2.1), else the destination. */
		size_t at = (size_t)(pk.header - bytes) + (pk.source[0] == 192 ? 0 : 2);
		/* A resumption's second connection keeps its own port: 2 a copy. */
		unsigned second = (unsigned)(frame[at] << 8 | frame[at + 1]) - 49152u;
		uint16_t port = (uint16_t)(1024 + (2 * n + (second & 1)) % 64000);
		frame[at] = (uint8_t)(port >> 8);
		frame[at + 1] = (uint8_t)port;
		uint64_t us = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
		if (!started) {
			first = us;
			started = true;
		}
		last = *at_us + (us - first);
		struct pcap_pkthdr out = *h;
		out.ts.tv_sec = (time_t)(last / 1000000u);
		out.ts.tv_usec = (suseconds_t)(last % 1000000u);
		pcap_dump((u_char *)d, &out, frame);
		free(frame);
	}
	*at_us = last + 1000;
	if (p)
		pcap_close(p);
}

int bench_capture(const char *pcap_path, const char *keys_path, size_t wanted,
		  struct bench_capture_size *size)
{
	size_t records = 0;
	struct sample samples[MIX_COUNT];
	FILE *keys = fopen(keys_path, "w");
	if (!keys) {
		fprintf(stderr, "tlsviz: bench: cannot write %s\n", keys_path);
		return 1;
	}
	for (size_t i = 0; i < MIX_COUNT; i++) {
		const struct scenario *s = scenario_find(mix[i]);
		struct engine_result r;
		struct buf log = BUF_INIT;
		if (!s || engine_unavailable_reason(s) ||
		    engine_run(s, &(struct engine_options){ .capture = true }, &r) != 0) {
			fprintf(stderr, "tlsviz: bench: scenario %s cannot run\n", mix[i]);
			return 1;
		}
		struct trace t;
		trace_build(&t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
		engine_result_release(&r);
		samples[i].pcap = (struct buf)BUF_INIT;
		samples[i].records = t.record_count;
		samples[i].connections = t.conn_count;
		if (write_to(&t, export_pcap, &samples[i].pcap) != 0 ||
		    write_to(&t, export_keylog, &log) != 0 || fwrite(log.data, 1, log.len, keys) != log.len) {
			fprintf(stderr, "tlsviz: bench: cannot export %s\n", mix[i]);
			return 1;
		}
		buf_release(&log);
		trace_release(&t);
	}
	if (fclose(keys) != 0) {
		fprintf(stderr, "tlsviz: bench: cannot write %s\n", keys_path);
		return 1;
	}
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	pcap_dumper_t *d = pcap_dump_open(dead, pcap_path);
	if (!d) {
		fprintf(stderr, "tlsviz: bench: %s\n", pcap_geterr(dead));
		return 1;
	}
	uint64_t at_us = 1700000000ull * 1000000u;
	unsigned copies = 0;
	size_t connections = 0;
	while (records < wanted) {
		const struct sample *s = &samples[copies % MIX_COUNT];
		copy_frames(&s->pcap, d, copies++, &at_us);
		records += s->records;
		connections += s->connections;
	}
	pcap_dump_close(d);
	pcap_close(dead);
	for (size_t i = 0; i < MIX_COUNT; i++)
		buf_release(&samples[i].pcap);
	size->connections = connections;
	size->records = records;
	return 0;
}
