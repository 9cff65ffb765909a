/*
 * libFuzzer target for the file reader (make fuzz-open). The first input
 * byte picks what the rest is fed to:
 *   0  a capture file: libpcap, the link layers, IP, TCP reassembly, TLS
 *      detection, then each connection's trace and its decoded messages,
 *      records (QUIC's packets among them) and segments;
 *   1  a key log (the NSS format);
 *   2  pcapng blocks: the Decryption Secrets Blocks and the interfaces.
 * Nothing may crash, leak, hang or read out of bounds (ASan, UBSan).
 */
#include <stddef.h>
#include <stdint.h>

#include "decode/decode.h"
#include "open/open.h"
#include "trace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void open_file(const uint8_t *data, size_t size)
{
	struct opened o;
	char why[300];
	if (open_capture(data, size, NULL, &o, why, sizeof(why)) != 0) {
		open_release(&o);
		return;
	}
	for (size_t i = 0; i < o.count; i++) {
		if (!o.conns[i].tls)
			continue;
		struct trace t;
		trace_build(&t, &o.conns[i].capture, "fuzz", "", "");
		for (size_t m = 0; m < t.message_count; m++)
			field_free(decode_message(&t, &t.messages[m]));
		for (size_t r = 0; r < t.record_count; r++)
			field_free(decode_record(&t, &t.records[r]));
		for (size_t s = 0; s < t.tcp.count; s++)
			field_free(decode_segment(&t, &t.tcp.segments[s]));
		trace_release(&t);
	}
	open_release(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct keylog k = { 0 };
	struct buf copy = BUF_INIT;
	switch (data[0] % 3) {
	case 0:
		open_file(data + 1, size - 1);
		break;
	case 1:
		keylog_parse(&k, (const char *)data + 1, size - 1, false);
		break;
	case 2:
		dsb_read(data + 1, size - 1, &k);
		pcapng_uniform_snaplen(data + 1, size - 1, &copy);
		break;
	}
	keylog_release(&k);
	buf_release(&copy);
	return 0;
}
