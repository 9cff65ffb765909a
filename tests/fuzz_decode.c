/*
 * libFuzzer target for the record splitter and the decoders (make fuzz).
 * The first input byte picks what the rest is fed to:
 *   0, 1, 2  a handshake message, as TLS 1.3, TLS 1.2 ECDHE, TLS 1.2 RSA;
 *   3        a capture: chunks of <direction bit | length (7 bits)> <bytes>,
 *            split into records and messages, each then decoded.
 * Nothing may crash, leak or read out of bounds (ASan, UBSan).
 */
#include <stddef.h>
#include <stdint.h>

#include "decode/decode.h"
#include "trace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode_trace(const uint8_t *data, size_t size)
{
	struct capture c;
	capture_init(&c);
	for (size_t at = 0; at < size;) {
		enum direction dir = data[at] & 0x80 ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
		size_t len = data[at++] & 0x7f;
		if (len > size - at)
			len = size - at;
		if (len)
			capture_chunk(&c, dir, at, data + at, len, 0);
		at += len;
	}
	struct trace t;
	trace_build(&t, &c, "fuzz", "complete", "");
	for (size_t i = 0; i < t.message_count; i++)
		field_free(decode_message(&t, &t.messages[i]));
	for (size_t i = 0; i < t.record_count; i++)
		field_free(decode_record(&t, &t.records[i]));
	for (size_t i = 0; i < t.tcp.count; i++)
		field_free(decode_segment(&t, &t.tcp.segments[i]));
	trace_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct decode_context contexts[] = {
		{ .version = 0x0304, .cipher_suite = 0x1301 },
		{ .version = 0x0303, .cipher_suite = 0xc02f },
		{ .version = 0x0303, .cipher_suite = 0x009c },
	};
	if (size == 0)
		return 0;
	if (data[0] < 3)
		field_free(decode_handshake(&contexts[data[0]], data + 1, size - 1));
	else
		decode_trace(data + 1, size - 1);
	return 0;
}
