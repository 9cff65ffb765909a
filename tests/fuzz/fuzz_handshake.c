/*
 * The handshake message decoders (make fuzz). The first input byte picks
 * what the connection negotiated, which some messages depend on (TLS 1.3 or
 * 1.2; the key exchange of ServerKeyExchange and ClientKeyExchange); the rest
 * is one handshake message, header included.
 */
#include <stddef.h>
#include <stdint.h>

#include "decode/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct decode_context contexts[] = {
		{ 0x0304, 0x1301 }, /* TLS 1.3 */
		{ 0x0303, 0xc02f }, /* TLS 1.2 ECDHE */
		{ 0x0303, 0x009c }, /* TLS 1.2 static RSA */
		{ 0x0303, 0x009e }, /* TLS 1.2 DHE */
		{ 0x0303, 0x0000 }, /* TLS 1.2, a suite without key exchange */
		{ 0x0000, 0x0000 }, /* before the ServerHello */
	};
	if (size == 0)
		return 0;
	size_t pick = data[0] % (sizeof(contexts) / sizeof(contexts[0]));
	field_free(decode_handshake(&contexts[pick], data + 1, size - 1));
	return 0;
}
