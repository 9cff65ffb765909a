/*
 * Helpers shared by the decoders: each reads one field through the reader,
 * adds its node, and on a short read adds the error node and returns false,
 * so a decoder is a straight list of reads that stops at the first failure.
 */
#ifndef TLSVIZ_DECODE_INTERNAL_H
#define TLSVIZ_DECODE_INTERNAL_H

#include <stdbool.h>

#include "base/reader.h"
#include "decode/decode.h"
#include "decode/names.h"

/* Where extensions appear: their syntax depends on it (RFC 8446, 4.2). */
enum ext_context {
	EXT_CLIENT_HELLO,
	EXT_SERVER_HELLO,
	EXT_HELLO_RETRY_REQUEST,
	EXT_ENCRYPTED_EXTENSIONS,
	EXT_CERTIFICATE_REQUEST,
	EXT_CERTIFICATE,
	EXT_NEW_SESSION_TICKET,
};

bool d_uint(struct reader *r, struct field *parent, const char *name, size_t size, uint32_t *out);
/* An enumerated value: the node's value is its registry name, its code the number. */
bool d_enum(struct reader *r, struct field *parent, const char *name, size_t size,
	    enum registry reg, uint32_t *out);
/* `len` bytes shown as hex (shortened past 32 bytes). */
bool d_opaque(struct reader *r, struct field *parent, const char *name, size_t len,
	      struct field **node);
/*
 * A vector with a `prefix`-byte length (RFC 8446, 3.4): a node spanning
 * prefix and body, a "length" child, and a sub-reader over the body.
 */
bool d_vector(struct reader *r, struct field *parent, const char *name, size_t prefix,
	      struct reader *body, struct field **node);
/* A vector of opaque bytes, shown as hex. */
bool d_opaque_vector(struct reader *r, struct field *parent, const char *name, size_t prefix,
		     struct field **node);
/* A vector of `size`-byte enumerated values. */
bool d_enum_list(struct reader *r, struct field *parent, const char *name, size_t prefix,
		 size_t size, enum registry reg);
/* An error node for bytes left over after a structure that should have used them. */
void d_trailing(struct reader *r, struct field *parent, const char *what);
/* The explanation of a field name, or NULL. */
const char *field_explanation(const char *name);
/* What an entry of the list called `list` is, or NULL. */
const char *item_explanation(const char *list);
/* Fills in explanations of a whole tree from field_explanation(). */
void explain_tree(struct field *f);

/*
 * Each byte a man in the middle changed, as an "altered_in_transit" child of
 * `root` (at its offset in the record, or in the message when the message
 * travelled in plaintext), with what the change sets off (altered.c).
 */
void decode_record_alterations(const struct trace *t, const struct record *rec,
			       struct field *root);
void decode_message_alterations(const struct trace *t, const struct message *m,
				struct field *root);

void decode_extensions(struct reader *r, struct field *parent, enum ext_context where);
void decode_certificate_summary(struct field *parent, const uint8_t *der, size_t len,
				size_t offset);

#endif
