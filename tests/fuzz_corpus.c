/*
 * Writes the fuzzer's seed corpus: every handshake message of every scenario
 * (prefixed with the mode byte of its version), and each whole capture in the
 * chunk format of fuzz_decode.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "trace/trace.h"

static int write_file(const char *dir, const char *name, size_t n, const struct buf *b)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s-%zu", dir, name, n);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
		fprintf(stderr, "tlsviz: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "tlsviz: usage: fuzz-corpus DIR\n");
		return 2;
	}
	for (size_t i = 0; i < scenario_count; i++) {
		const struct scenario *s = &scenarios[i];
		if (engine_unavailable_reason(s))
			continue;
		struct engine_result r;
		if (engine_run(s, &(struct engine_options){ .capture = true }, &r) != 0)
			return 1;
		struct buf capture = BUF_INIT;
		uint8_t mode = 3;
		buf_append(&capture, &mode, 1);
		for (size_t k = 0; k < r.capture.chunk_count; k++) {
			const struct chunk *ch = &r.capture.chunks[k];
			for (size_t at = 0; at < ch->len; at += 127) {
				size_t n = ch->len - at < 127 ? ch->len - at : 127;
				uint8_t head = (uint8_t)(n | (ch->dir == DIR_SERVER_TO_CLIENT ? 0x80 : 0));
				buf_append(&capture, &head, 1);
				buf_append(&capture, ch->bytes + at, n);
			}
		}
		if (write_file(argv[1], s->name, 0, &capture) != 0)
			return 1;
		buf_release(&capture);
		struct trace t;
		trace_build(&t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
		for (size_t m = 0; m < t.message_count; m++) {
			if (t.messages[m].kind != MESSAGE_HANDSHAKE)
				continue;
			struct buf sample = BUF_INIT;
			mode = t.conns[t.messages[m].conn].negotiated.version == 0x0304 ? 0 : s->needs & NEED_STATIC_RSA ? 2 : 1;
			buf_append(&sample, &mode, 1);
			buf_append(&sample, t.messages[m].bytes.data, t.messages[m].bytes.len);
			if (write_file(argv[1], s->name, m + 1, &sample) != 0)
				return 1;
			buf_release(&sample);
		}
		trace_release(&t);
		engine_result_release(&r);
	}
	return 0;
}
