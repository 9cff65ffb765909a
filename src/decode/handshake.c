/*
 * Handshake message decoders, one per HandshakeType, each written like the
 * RFC's struct above it (RFC 8446 for TLS 1.3, RFC 5246 and RFC 8422 for
 * TLS 1.2). They are keyed by type in `decoders` below.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "crypto/crypto.h"
#include "decode/internal.h"

typedef void (*body_decoder)(const struct decode_context *ctx, struct reader *r,
			     struct field *msg);

/* Random random: 32 bytes; in TLS 1.3 a HelloRetryRequest is marked by a fixed value. */
static bool d_random(struct reader *r, struct field *msg, bool *is_retry)
{
	struct field *f;
	if (!d_opaque(r, msg, "random", 32, &f))
		return false;
	const uint8_t *p = r->bytes + (r->pos - 32);
	bool retry = memcmp(p, hello_retry_random, 32) == 0;
	if (retry)
		field_set_value(f, "SHA-256(\"HelloRetryRequest\"): this is a HelloRetryRequest");
	if (is_retry)
		*is_retry = retry;
	return true;
}

/*
 * RFC 8446, 4.1.2 (RFC 5246, 7.4.1.2 names the fields client_version,
 * session_id and compression_methods: see hello_names):
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id<0..32>;
 *     CipherSuite cipher_suites<2..2^16-2>;
 *     opaque legacy_compression_methods<1..2^8-1>;
 *     Extension extensions<8..2^16-1>;
 * } ClientHello;
 */
static void client_hello(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	if (!d_enum(r, msg, "legacy_version", 2, REG_PROTOCOL_VERSION, NULL) ||
	    !d_random(r, msg, NULL) || !d_opaque_vector(r, msg, "legacy_session_id", 1, NULL) ||
	    /* DTLS: opaque cookie<0..2^8-1> (RFC 6347, 4.2.1), legacy_cookie<0> (RFC 9147, 5.3) */
	    (ctx->dtls && !d_opaque_vector(r, msg, "legacy_cookie", 1, NULL)) ||
	    !d_enum_list(r, msg, "cipher_suites", 2, 2, REG_CIPHER_SUITE) ||
	    !d_enum_list(r, msg, "legacy_compression_methods", 1, 1, REG_COMPRESSION_METHOD))
		return;
	if (reader_remaining(r)) /* TLS 1.2 allows a ClientHello without extensions */
		decode_extensions(r, msg, EXT_CLIENT_HELLO);
}

/*
 * RFC 6347, 4.2.1 (DTLS 1.2; DTLS 1.3 has no such message, RFC 9147, 5.1):
 * struct {
 *     ProtocolVersion server_version;
 *     opaque cookie<0..2^8-1>;
 * } HelloVerifyRequest;
 */
static void hello_verify_request(const struct decode_context *ctx, struct reader *r,
				 struct field *msg)
{
	(void)ctx;
	if (d_enum(r, msg, "server_version", 2, REG_PROTOCOL_VERSION, NULL))
		d_opaque_vector(r, msg, "cookie", 1, NULL);
}

/*
 * RFC 8446, 4.1.3 (RFC 5246, 7.4.1.3 names the fields server_version,
 * session_id and compression_method: see hello_names):
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;
 */
static void server_hello(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	(void)ctx;
	bool retry = false;
	if (!d_enum(r, msg, "legacy_version", 2, REG_PROTOCOL_VERSION, NULL) ||
	    !d_random(r, msg, &retry) ||
	    !d_opaque_vector(r, msg, "legacy_session_id_echo", 1, NULL) ||
	    !d_enum(r, msg, "cipher_suite", 2, REG_CIPHER_SUITE, NULL) ||
	    !d_enum(r, msg, "legacy_compression_method", 1, REG_COMPRESSION_METHOD, NULL))
		return;
	if (retry) {
		field_rename(msg, "HelloRetryRequest");
	}
	if (reader_remaining(r))
		decode_extensions(r, msg, retry ? EXT_HELLO_RETRY_REQUEST : EXT_SERVER_HELLO);
}

/*
 * TLS 1.3:                                  TLS 1.2 (RFC 5077):
 * struct {                                  struct {
 *     uint32 ticket_lifetime;                   uint32 ticket_lifetime_hint;
 *     uint32 ticket_age_add;                    opaque ticket<0..2^16-1>;
 *     opaque ticket_nonce<0..255>;          } NewSessionTicket;
 *     opaque ticket<1..2^16-1>;
 *     Extension extensions<0..2^16-2>;
 * } NewSessionTicket;
 */
static void new_session_ticket(const struct decode_context *ctx, struct reader *r,
			       struct field *msg)
{
	if (ctx->version != 0x0304) {
		if (d_uint(r, msg, "ticket_lifetime_hint", 4, NULL))
			d_opaque_vector(r, msg, "ticket", 2, NULL);
		return;
	}
	if (d_uint(r, msg, "ticket_lifetime", 4, NULL) &&
	    d_uint(r, msg, "ticket_age_add", 4, NULL) &&
	    d_opaque_vector(r, msg, "ticket_nonce", 1, NULL) &&
	    d_opaque_vector(r, msg, "ticket", 2, NULL))
		decode_extensions(r, msg, EXT_NEW_SESSION_TICKET);
}

/* struct {} EndOfEarlyData; struct {} ServerHelloDone; */
static void empty(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	(void)ctx;
	(void)r;
	(void)msg;
}

/* struct { Extension extensions<0..2^16-1>; } EncryptedExtensions; */
static void encrypted_extensions(const struct decode_context *ctx, struct reader *r,
				 struct field *msg)
{
	(void)ctx;
	decode_extensions(r, msg, EXT_ENCRYPTED_EXTENSIONS);
}

/*
 * TLS 1.3:                                          TLS 1.2:
 * struct {                                          opaque ASN.1Cert<1..2^24-1>;
 *     opaque certificate_request_context<0..2^8-1>; struct {
 *     CertificateEntry certificate_list<0..2^24-1>;    ASN.1Cert certificate_list<0..2^24-1>;
 * } Certificate;                                    } Certificate;
 * struct {
 *     opaque cert_data<1..2^24-1>;
 *     Extension extensions<0..2^16-1>;
 * } CertificateEntry;
 */
static void certificate(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	bool tls13 = ctx->version == 0x0304;
	struct reader list;
	struct field *list_node;
	if (tls13 && !d_opaque_vector(r, msg, "certificate_request_context", 1, NULL))
		return;
	if (!d_vector(r, msg, "certificate_list", 3, &list, &list_node))
		return;
	size_t n = 0;
	while (reader_remaining(&list)) {
		struct reader der;
		struct field *entry = list_node, *cert;
		if (tls13)
			entry = field_add(list_node, "CertificateEntry", reader_offset(&list),
					  reader_remaining(&list));
		size_t start = reader_offset(&list);
		if (!d_vector(&list, entry, tls13 ? "cert_data" : "ASN.1Cert", 3, &der, &cert))
			return;
		decode_certificate_summary(cert, der.bytes, der.len, der.base);
		if (tls13) {
			decode_extensions(&list, entry, EXT_CERTIFICATE);
			entry->length = reader_offset(&list) - start;
		}
		n++;
	}
	field_set_value(list_node, "%zu %s", n, n == 1 ? "certificate" : "certificates");
}

/*
 * TLS 1.3:                                           TLS 1.2:
 * struct {                                           struct {
 *     opaque certificate_request_context<0..2^8-1>;     ClientCertificateType
 *     Extension extensions<2..2^16-1>;                      certificate_types<1..2^8-1>;
 * } CertificateRequest;                                 SignatureAndHashAlgorithm
 *                                                           supported_signature_algorithms<2^16-1>;
 *                                                       DistinguishedName
 *                                                           certificate_authorities<0..2^16-1>;
 *                                                    } CertificateRequest;
 */
static void certificate_request(const struct decode_context *ctx, struct reader *r,
				struct field *msg)
{
	if (ctx->version == 0x0304) {
		if (d_opaque_vector(r, msg, "certificate_request_context", 1, NULL))
			decode_extensions(r, msg, EXT_CERTIFICATE_REQUEST);
		return;
	}
	if (d_enum_list(r, msg, "certificate_types", 1, 1, REG_CLIENT_CERTIFICATE_TYPE) &&
	    d_enum_list(r, msg, "supported_signature_algorithms", 2, 2, REG_SIGNATURE_SCHEME))
		d_opaque_vector(r, msg, "certificate_authorities", 2, NULL);
}

/* struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } DigitallySigned */
static bool d_signed(struct reader *r, struct field *msg)
{
	return d_enum(r, msg, "algorithm", 2, REG_SIGNATURE_SCHEME, NULL) &&
	       d_opaque_vector(r, msg, "signature", 2, NULL);
}

/*
 * RFC 8422, 5.4 (ECDHE):                    RFC 5246, 7.4.3 (DHE):
 * struct {                                  struct {
 *     ECCurveType curve_type;                   opaque dh_p<1..2^16-1>;
 *     NamedCurve namedcurve;                    opaque dh_g<1..2^16-1>;
 *     opaque point <1..2^8-1>;                  opaque dh_Ys<1..2^16-1>;
 * } ServerECDHParams;                       } ServerDHParams;
 * followed by the signature over the randoms and the parameters.
 */
static void server_key_exchange(const struct decode_context *ctx, struct reader *r,
				struct field *msg)
{
	enum key_exchange kx = cipher_suite_key_exchange(ctx->cipher_suite);
	if (kx == KX_ECDHE) {
		struct field *params = field_add(msg, "ServerECDHParams", reader_offset(r),
						 reader_remaining(r));
		size_t start = reader_offset(r);
		uint32_t curve_type;
		if (!d_enum(r, params, "curve_type", 1, REG_EC_CURVE_TYPE, &curve_type))
			return;
		if (curve_type != 3) {
			field_error(params, reader_offset(r), "only named curves are allowed (RFC 8422)");
			return;
		}
		if (!d_enum(r, params, "namedcurve", 2, REG_NAMED_GROUP, NULL) ||
		    !d_opaque_vector(r, params, "point", 1, NULL))
			return;
		params->length = reader_offset(r) - start;
	} else if (kx == KX_DHE) {
		struct field *params = field_add(msg, "ServerDHParams", reader_offset(r),
						 reader_remaining(r));
		size_t start = reader_offset(r);
		struct reader p_body, g_body;
		struct field *p_node, *g_node;
		const uint8_t *p, *g;
		size_t p_len, g_len;
		if (!d_vector(r, params, "dh_p", 2, &p_body, &p_node) ||
		    !reader_bytes(&p_body, p_len = reader_remaining(&p_body), &p) ||
		    !d_vector(r, params, "dh_g", 2, &g_body, &g_node) ||
		    !reader_bytes(&g_body, g_len = reader_remaining(&g_body), &g) ||
		    !d_opaque_vector(r, params, "dh_Ys", 2, NULL))
			return;
		field_set_hex(p_node, p, p_len, 32);
		field_set_hex(g_node, g, g_len, 32);
		/* RFC 7919: the prime and generator of one of its groups name that group. */
		uint16_t group = crypto_ffdhe_group(p, p_len, g, g_len);
		if (group)
			p_node->code = group;
		params->length = reader_offset(r) - start;
	} else {
		field_error(msg, reader_offset(r),
			    "the cipher suite (0x%04x) has no ServerKeyExchange tlsviz can read",
			    ctx->cipher_suite);
		return;
	}
	d_signed(r, msg);
}

/* struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify; */
static void certificate_verify(const struct decode_context *ctx, struct reader *r,
			       struct field *msg)
{
	(void)ctx;
	d_signed(r, msg);
}

/*
 * struct {
 *     select (KeyExchangeAlgorithm) {
 *         case rsa:   EncryptedPreMasterSecret;   opaque <0..2^16-1>, RFC 5246
 *         case dhe:   ClientDiffieHellmanPublic;  opaque dh_Yc<1..2^16-1>
 *         case ecdhe: ClientECDiffieHellmanPublic; opaque ecdh_Yc<1..2^8-1>, RFC 8422
 *     } exchange_keys;
 * } ClientKeyExchange;
 */
static void client_key_exchange(const struct decode_context *ctx, struct reader *r,
				struct field *msg)
{
	switch (cipher_suite_key_exchange(ctx->cipher_suite)) {
	case KX_RSA:
		d_opaque_vector(r, msg, "EncryptedPreMasterSecret", 2, NULL);
		break;
	case KX_DHE:
		d_opaque_vector(r, msg, "dh_Yc", 2, NULL);
		break;
	case KX_ECDHE:
		d_opaque_vector(r, msg, "ecdh_Yc", 1, NULL);
		break;
	default:
		field_error(msg, reader_offset(r),
			    "the cipher suite (0x%04x) has no ClientKeyExchange tlsviz can read",
			    ctx->cipher_suite);
	}
}

/* struct { opaque verify_data[Hash.length]; } Finished; (12 bytes in TLS 1.2) */
static void finished(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	(void)ctx;
	d_opaque(r, msg, "verify_data", reader_remaining(r), NULL);
}

/* struct { KeyUpdateRequest request_update; } KeyUpdate; */
static void key_update(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	(void)ctx;
	d_enum(r, msg, "request_update", 1, REG_KEY_UPDATE_REQUEST, NULL);
}

/*
 * RFC 8879, 4: a Certificate message, compressed.
 * struct {
 *     CertificateCompressionAlgorithm algorithm;
 *     uint24 uncompressed_length;
 *     opaque compressed_certificate_message<1..2^24-1>;
 * } CompressedCertificate;
 */
static void compressed_certificate(const struct decode_context *ctx, struct reader *r,
				   struct field *msg)
{
	(void)ctx;
	if (!d_enum(r, msg, "algorithm", 2, REG_CERTIFICATE_COMPRESSION, NULL))
		return;
	if (d_uint(r, msg, "uncompressed_length", 3, NULL))
		d_opaque_vector(r, msg, "compressed_certificate_message", 3, NULL);
}

/* RFC 8446, 4.4.1: the hash of ClientHello1 standing in for it after a HelloRetryRequest. */
static void message_hash(const struct decode_context *ctx, struct reader *r, struct field *msg)
{
	(void)ctx;
	d_opaque(r, msg, "hash", reader_remaining(r), NULL);
}

static const struct {
	uint8_t type;
	body_decoder decode;
} decoders[] = {
	{ 1, client_hello },
	{ 2, server_hello },
	{ 3, hello_verify_request },
	{ 4, new_session_ticket },
	{ 5, empty },
	{ 8, encrypted_extensions },
	{ 11, certificate },
	{ 12, server_key_exchange },
	{ 13, certificate_request },
	{ 14, empty },
	{ 15, certificate_verify },
	{ 16, client_key_exchange },
	{ 20, finished },
	{ 24, key_update },
	{ 25, compressed_certificate },
	{ 254, message_hash },
};

/*
 * The hellos' fields as each version's RFC names them: RFC 8446 renamed
 * them legacy_* when it moved version negotiation into supported_versions.
 */
static const struct {
	uint8_t type;
	const char *tls13, *tls12;
} hello_names[] = {
	{ 1, "legacy_version", "client_version" },                  /* RFC 5246, 7.4.1.2 */
	{ 1, "legacy_session_id", "session_id" },                   /* RFC 5246, 7.4.1.2 */
	{ 1, "legacy_cookie", "cookie" },                           /* RFC 6347, 4.2.1 */
	{ 1, "legacy_compression_methods", "compression_methods" }, /* RFC 5246, 7.4.1.2 */
	{ 2, "legacy_version", "server_version" },                  /* RFC 5246, 7.4.1.3 */
	{ 2, "legacy_session_id_echo", "session_id" },              /* RFC 5246, 7.4.1.3 */
	{ 2, "legacy_compression_method", "compression_method" },   /* RFC 5246, 7.4.1.3 */
};

/*
 * The version a decoded hello is about: a ClientHello's highest offer
 * (supported_versions, else legacy_version), a ServerHello's choice; 0 when
 * the tree does not say.
 */
static uint16_t hello_version(const struct field *msg)
{
	const struct field *versions = field_find(msg, "versions");
	const struct field *selected = field_find(msg, "selected_version");
	const struct field *legacy = field_find(msg, "legacy_version");
	if (!legacy)
		legacy = field_find(msg, "client_version");
	/* DTLS versions count down: each is weighed as the TLS version it adapts. */
	uint16_t best = 0;
	for (size_t i = 0; versions && i < versions->count; i++) {
		const struct field *v = versions->children[i];
		uint16_t version = tls_version_of((uint16_t)v->code);
		if (v->item && !is_grease((uint16_t)v->code) && version > best && version <= 0x0304)
			best = version;
	}
	if (!best && selected && selected->code != FIELD_NO_CODE)
		best = tls_version_of((uint16_t)selected->code);
	if (!best && legacy && legacy->code != FIELD_NO_CODE)
		best = tls_version_of((uint16_t)legacy->code);
	return best;
}

/* Names a TLS 1.2 hello's fields as RFC 5246 does; returns the hello's version. */
static uint16_t name_hello_fields(struct field *msg, uint16_t type)
{
	uint16_t version = strcmp(msg->name, "HelloRetryRequest") == 0 ? 0x0304 : hello_version(msg);
	if (version == 0x0304 || version == 0)
		return version;
	for (size_t i = 0; i < msg->count; i++)
		for (size_t k = 0; k < sizeof(hello_names) / sizeof(hello_names[0]); k++)
			if (hello_names[k].type == type &&
			    strcmp(msg->children[i]->name, hello_names[k].tls13) == 0) {
				field_rename(msg->children[i], hello_names[k].tls12);
			}
	return version;
}

/*
 * struct {
 *     HandshakeType msg_type;
 *     uint24 length;
 *     uint16 message_seq;                       DTLS only (RFC 6347, 4.2.2):
 *     uint24 fragment_offset;                   a DTLS message is shown whole,
 *     uint24 fragment_length;                   with the header of one fragment
 *     select (Handshake.msg_type) { ... };
 * } Handshake;
 */
struct field *decode_handshake(const struct decode_context *ctx, const uint8_t *bytes,
			       size_t len)
{
	const char *name = len ? registry_name(REG_HANDSHAKE_TYPE, bytes[0]) : NULL;
	struct field *msg = field_root(name ? name : "Handshake", 0, len);
	struct reader r = reader_init(bytes, len, 0);
	uint32_t type = 0, body_len;
	struct reader body;
	if (!d_enum(&r, msg, "msg_type", 1, REG_HANDSHAKE_TYPE, &type) ||
	    !d_uint(&r, msg, "length", 3, &body_len) ||
	    (ctx->dtls && (!d_uint(&r, msg, "message_seq", 2, NULL) ||
			   !d_uint(&r, msg, "fragment_offset", 3, NULL) ||
			   !d_uint(&r, msg, "fragment_length", 3, NULL))))
		goto done;
	if (!reader_sub(&r, body_len, &body)) {
		field_error(msg, reader_offset(&r), "truncated: the body needs %u bytes, %zu left",
			    body_len, reader_remaining(&r));
		goto done;
	}
	msg->code = (long)type;
	body_decoder decode = NULL;
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (decoders[i].type == type)
			decode = decoders[i].decode;
	if (decode) {
		decode(ctx, &body, msg);
		if (!body.failed)
			d_trailing(&body, msg, msg->name);
	} else {
		d_opaque(&body, msg, "body", reader_remaining(&body), NULL);
	}
	d_trailing(&r, msg, "the message");
done:;
	struct decode_context here = *ctx;
	if (type == 1 || type == 2) {
		/* A hello is explained for the version it offers or picks, as it is named. */
		uint16_t version = name_hello_fields(msg, (uint16_t)type);
		if (version)
			here.version = version;
	}
	explain_tree(msg, &here, bytes, len);
	return msg;
}
