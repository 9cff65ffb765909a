/* make bench: the capture of many connections that --open is timed on (bench_capture.c). */
#ifndef TLSVIZ_TESTS_BENCH_CAPTURE_H
#define TLSVIZ_TESTS_BENCH_CAPTURE_H

#include <stddef.h>

struct bench_capture_size {
	size_t connections, records;
};

/*
 * Writes a pcap of at least `records` TLS records, copies of a few
 * scenarios' connections, to `pcap_path` and the key log that opens them
 * all to `keys_path`; says in `size` what it holds. Returns 0, or 1 after
 * saying why on stderr.
 */
int bench_capture(const char *pcap_path, const char *keys_path, size_t records,
		  struct bench_capture_size *size);

#endif
