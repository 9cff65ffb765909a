/*
 * Names from the IANA TLS registries (and the few RFC enums beside them), as
 * tables. registry_name() returns a static string, or NULL for a code the
 * table does not know; GREASE values (RFC 8701) are named "GREASE".
 */
#ifndef TLSVIZ_DECODE_NAMES_H
#define TLSVIZ_DECODE_NAMES_H

#include <stdbool.h>
#include <stdint.h>

enum registry {
	REG_CONTENT_TYPE,
	REG_PROTOCOL_VERSION, /* "TLS 1.2", "TLS 1.3" */
	REG_HANDSHAKE_TYPE,   /* "ClientHello", in the RFCs' spelling */
	REG_ALERT_LEVEL,
	REG_ALERT_DESCRIPTION, /* "close_notify" */
	REG_CIPHER_SUITE,      /* "TLS_AES_128_GCM_SHA256" */
	REG_NAMED_GROUP,       /* "x25519" */
	REG_SIGNATURE_SCHEME,  /* "rsa_pss_rsae_sha256" */
	REG_EXTENSION_TYPE,    /* "server_name", "key_share" */
	REG_EC_POINT_FORMAT,
	REG_PSK_KEY_EXCHANGE_MODE,
	REG_COMPRESSION_METHOD,
	REG_SERVER_NAME_TYPE,
	REG_CERTIFICATE_STATUS_TYPE,
	REG_KEY_UPDATE_REQUEST,
	REG_EC_CURVE_TYPE,
	REG_CLIENT_CERTIFICATE_TYPE,
	REG_CERTIFICATE_COMPRESSION, /* RFC 8879: "zlib", "brotli", "zstd" */
};

const char *registry_name(enum registry reg, uint16_t code);
/* RFC 8701: 0x0a0a, 0x1a1a, ... 0xfafa in two-byte registries. */
bool is_grease(uint16_t code);
/*
 * The TLS version a DTLS version adapts (RFC 6347, 1: DTLS 1.0 is TLS 1.1's,
 * 1.2 TLS 1.2's; RFC 9147, 1: 1.3 TLS 1.3's); any other version, itself.
 */
uint16_t tls_version_of(uint16_t version);

/* How a TLS 1.2 cipher suite exchanges keys; TLS 1.3 suites say KX_TLS13. */
enum key_exchange {
	KX_UNKNOWN,
	KX_RSA,
	KX_DHE,
	KX_ECDHE,
	KX_TLS13,
};
enum key_exchange cipher_suite_key_exchange(uint16_t code);

#endif
