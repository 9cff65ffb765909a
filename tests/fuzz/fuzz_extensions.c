/*
 * The extension decoders (make fuzz). The first input byte picks the message
 * the extensions are in (their syntax depends on it, RFC 8446, 4.2; its low six
 * bits), the version (its top bit) and the sender (the next) that their
 * explanations depend on; the rest is an extension list with its length, as in
 * a hello.
 */
#include <stddef.h>
#include <stdint.h>

#include "decode/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	enum ext_context where = (enum ext_context)((data[0] & 0x3f) % (EXT_NEW_SESSION_TICKET + 1));
	const struct decode_context ctx = {
		.version = data[0] & 0x80 ? 0x0304 : 0x0303,
		.sender = data[0] & 0x40 ? SENDER_SERVER : SENDER_CLIENT,
	};
	struct reader r = reader_init(data + 1, size - 1, 0);
	struct field *root = field_root("Handshake", 0, size - 1);
	decode_extensions(&r, root, where);
	explain_tree(root, &ctx, data + 1, size - 1);
	field_free(root);
	return 0;
}
