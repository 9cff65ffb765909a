/*
 * Helpers shared by the decoders: each reads one field through the reader,
 * adds its node, and on a short read adds the error node and returns false,
 * so a decoder is a straight list of reads that stops at the first failure.
 */
#ifndef TLSVIZ_DECODE_INTERNAL_H
#define TLSVIZ_DECODE_INTERNAL_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/reader.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "trace/quic.h"

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

/* A `size`-byte integer (at most 8; `out`, when not NULL, gets its low 32 bits). */
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
/*
 * A QUIC variable-length integer (RFC 9000, 16): 1, 2, 4 or 8 bytes, the
 * first byte's top two bits saying which; the node spans them all.
 */
bool d_varint(struct reader *r, struct field *parent, const char *name, uint64_t *out);
/* Application bytes as a quoted, escaped preview for the value column ("\"GET /\" (5 bytes)"). */
void set_text_preview(struct field *f, const uint8_t *bytes, size_t len);
/* An error node for bytes left over after a structure that should have used them. */
void d_trailing(struct reader *r, struct field *parent, const char *what);
/*
 * Explanations, chosen by context (explain.c, with the table in texts.c).
 * An entry says where it applies: the message (the tree's root name), the
 * field's path below the root, the version, the sender, the protection and
 * what the value holds; each of them may be left open (0 or NULL). For a
 * node the most specific entry that applies wins: the longest path, then a
 * named message, a value case, a version, a sender, a protection. No two
 * entries share a context, so the winner is unique.
 */
enum era {
	ERA_ANY,
	ERA_TLS12, /* TLS 1.2, and DTLS 1.2, which adapts it (RFC 6347, 1) */
	ERA_TLS13, /* TLS 1.3, and DTLS 1.3 (RFC 9147, 1) */
	ERA_DTLS,  /* any DTLS: where it differs, more specific than the TLS era it adapts */
	ERA_QUIC,  /* TLS 1.3 in QUIC (RFC 9001) and QUIC's packets: more specific than TLS 1.3 */
};

/* What the value holds, for entries that say what this run did. */
enum value_case {
	VALUE_ANY,
	VALUE_EMPTY,        /* a vector (or an extension's data) of length 0 */
	VALUE_NOT_EMPTY,
	VALUE_ECHOED,       /* not empty, and the connection resumed the session it names */
	VALUE_NEW,          /* not empty, on a connection that did not resume */
	VALUE_SENTINEL,     /* a random ending in RFC 8446's downgrade sentinel */
	VALUE_NO_SENTINEL,  /* a random that does not */
	VALUE_CERT_ONLY,    /* a signature scheme TLS 1.3 allows only in certificates */
	VALUE_HANDSHAKE_OK, /* a signature scheme TLS 1.3 allows in CertificateVerify */
	VALUE_NAMED_GROUP,  /* a DH prime that is one of RFC 7919's groups (its code) */
	VALUE_ETM,          /* CBC padding or MAC of a record with encrypt_then_mac */
	VALUE_MTE,          /* the same, MAC-then-encrypt (RFC 5246) */
	VALUE_EMS,          /* on a TLS 1.2 connection with extended_master_secret (RFC 7627) */
	VALUE_NO_EMS,       /* on one without */
	VALUE_CAPTURED,     /* a TCP segment of a capture file (--open) */
	VALUE_MODELED,      /* a TCP segment tlsviz modeled around a run */
	VALUE_CONNECTION_ID, /* a DTLS record's type tls12_cid (RFC 9146) */
	/* A QUIC packet's node beside which no packet_number was read: header protection is on. */
	VALUE_PN_MASKED,
};

/* Which table says what a node's code means, appended to the entry's text. */
enum meaning_table {
	MEANING_NONE,
	MEANING_CIPHER_SUITE,
	MEANING_SIGNATURE_SCHEME,
	MEANING_NAMED_GROUP,
	MEANING_ALERT,
	MEANING_PSK_MODE,
};

struct explain_entry {
	const char *message; /* NULL: any */
	/*
	 * '/'-separated names from below the root down to the field, matched
	 * as a suffix of the field's path; "*" stands for an entry of a list,
	 * a leading '/' anchors the path at the root, "" is the root itself.
	 */
	const char *path;
	enum era era;
	enum sender sender;
	enum sealing sealing;
	enum value_case when;
	enum meaning_table meaning;
	const char *text;
};

extern const struct explain_entry explain_entries[];
extern const size_t explain_entry_count;

/* Where a node stands, for choosing its explanation. Everything borrowed. */
struct explain_site {
	const char *message; /* the root's name */
	const char *path;    /* as in explain_entry, without the leading '/' */
	const struct decode_context *ctx;
	const struct field *node, *parent; /* parent NULL for the root */
	const uint8_t *bytes;              /* what the tree was decoded from */
	size_t len;
};

/*
 * The entry for `site`, or NULL when none applies; *ties (when not NULL)
 * counts the other entries as specific as the winner (0 when the table is
 * right).
 */
const struct explain_entry *explain_choose(const struct explain_site *site, size_t *ties);
/* Whether two entries apply to exactly the same context. */
bool explain_same_context(const struct explain_entry *a, const struct explain_entry *b);
/*
 * Explains every node of `tree` (its root names the message) for `ctx`;
 * <bytes, len> are what it was decoded from.
 */
void explain_tree(struct field *tree, const struct decode_context *ctx, const uint8_t *bytes,
		  size_t len);

/* Appends what `code` means in `table` (meanings.c); false when the table does not know it. */
bool meaning_append(enum meaning_table table, uint16_t code, struct buf *out);
/* Why an alert of this description is sent, or NULL. Static text. */
const char *alert_meaning(uint8_t description);
/* Whether TLS 1.3 allows signature scheme `code` in CertificateVerify (RFC 8446, 4.2.3). */
bool scheme_signs_tls13_handshakes(uint16_t code);

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
/*
 * QUIC (quic.c). A packet of a QUIC connection (rec->quic): its header, and
 * its frames once opened; the caller explains it. Offsets from the record's
 * first byte; the tree is the caller's.
 */
struct field *decode_quic_packet(const struct trace *t, const struct record *rec);
/* A QUIC frame drawn as a step (MESSAGE_QUIC_FRAME): its fields under `root`. */
void decode_quic_frame(const struct trace *t, const struct message *m, struct reader *r,
		       struct field *root);
/* The body of quic_transport_parameters (RFC 9000, 18), in ClientHello or EncryptedExtensions. */
void decode_transport_parameters(struct reader *r, struct field *ext, enum ext_context where);
void decode_certificate_summary(struct field *parent, const uint8_t *der, size_t len,
				size_t offset);

#endif
