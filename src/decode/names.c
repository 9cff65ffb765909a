#include "decode/names.h"

#include <stddef.h>

struct name {
	uint16_t code;
	const char *name;
};

#define TABLE(t) { t, sizeof(t) / sizeof(t[0]) }

static const struct name content_types[] = {
	{ 20, "change_cipher_spec" }, { 21, "alert" }, { 22, "handshake" },
	{ 23, "application_data" },   { 24, "heartbeat" },
};

static const struct name protocol_versions[] = {
	{ 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" },
	{ 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
};

static const struct name handshake_types[] = {
	{ 0, "HelloRequest" },         { 1, "ClientHello" },        { 2, "ServerHello" },
	{ 4, "NewSessionTicket" },     { 5, "EndOfEarlyData" },     { 8, "EncryptedExtensions" },
	{ 11, "Certificate" },         { 12, "ServerKeyExchange" }, { 13, "CertificateRequest" },
	{ 14, "ServerHelloDone" },     { 15, "CertificateVerify" }, { 16, "ClientKeyExchange" },
	{ 20, "Finished" },            { 22, "CertificateStatus" }, { 24, "KeyUpdate" },
	{ 254, "MessageHash" },
};

static const struct name alert_levels[] = { { 1, "warning" }, { 2, "fatal" } };

static const struct name alert_descriptions[] = {
	{ 0, "close_notify" },
	{ 10, "unexpected_message" },
	{ 20, "bad_record_mac" },
	{ 22, "record_overflow" },
	{ 40, "handshake_failure" },
	{ 42, "bad_certificate" },
	{ 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" },
	{ 45, "certificate_expired" },
	{ 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },
	{ 48, "unknown_ca" },
	{ 49, "access_denied" },
	{ 50, "decode_error" },
	{ 51, "decrypt_error" },
	{ 70, "protocol_version" },
	{ 71, "insufficient_security" },
	{ 80, "internal_error" },
	{ 86, "inappropriate_fallback" },
	{ 90, "user_canceled" },
	{ 100, "no_renegotiation" },
	{ 109, "missing_extension" },
	{ 110, "unsupported_extension" },
	{ 112, "unrecognized_name" },
	{ 113, "bad_certificate_status_response" },
	{ 115, "unknown_psk_identity" },
	{ 116, "certificate_required" },
	{ 120, "no_application_protocol" },
};

static const struct name cipher_suites[] = {
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0x1304, "TLS_AES_128_CCM_SHA256" },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256" },
	{ 0x5600, "TLS_FALLBACK_SCSV" },
	{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
	{ 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
	{ 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
};

static const struct name named_groups[] = {
	{ 0x0015, "secp224r1" }, { 0x0016, "secp256k1" }, { 0x0017, "secp256r1" },
	{ 0x0018, "secp384r1" }, { 0x0019, "secp521r1" }, { 0x001a, "brainpoolP256r1" },
	{ 0x001b, "brainpoolP384r1" }, { 0x001c, "brainpoolP512r1" },
	{ 0x001d, "x25519" },    { 0x001e, "x448" },      { 0x0100, "ffdhe2048" },
	{ 0x0101, "ffdhe3072" }, { 0x0102, "ffdhe4096" }, { 0x0103, "ffdhe6144" },
	{ 0x0104, "ffdhe8192" },
};

static const struct name signature_schemes[] = {
	{ 0x0201, "rsa_pkcs1_sha1" },
	{ 0x0203, "ecdsa_sha1" },
	{ 0x0401, "rsa_pkcs1_sha256" },
	{ 0x0403, "ecdsa_secp256r1_sha256" },
	{ 0x0420, "rsa_pkcs1_sha256_legacy" },
	{ 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0503, "ecdsa_secp384r1_sha384" },
	{ 0x0601, "rsa_pkcs1_sha512" },
	{ 0x0603, "ecdsa_secp521r1_sha512" },
	{ 0x0804, "rsa_pss_rsae_sha256" },
	{ 0x0805, "rsa_pss_rsae_sha384" },
	{ 0x0806, "rsa_pss_rsae_sha512" },
	{ 0x0807, "ed25519" },
	{ 0x0808, "ed448" },
	{ 0x0809, "rsa_pss_pss_sha256" },
	{ 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" },
	{ 0x081a, "ecdsa_brainpoolP256r1tls13_sha256" },
	{ 0x081b, "ecdsa_brainpoolP384r1tls13_sha384" },
	{ 0x081c, "ecdsa_brainpoolP512r1tls13_sha512" },
	/* TLS 1.2 SignatureAndHashAlgorithm pairs that have no TLS 1.3 scheme. */
	{ 0x0101, "rsa_md5 (TLS 1.2)" },
	{ 0x0202, "dsa_sha1 (TLS 1.2)" },
	{ 0x0301, "rsa_sha224 (TLS 1.2)" },
	{ 0x0303, "ecdsa_sha224 (TLS 1.2)" },
};

static const struct name extension_types[] = {
	{ 0, "server_name" },
	{ 1, "max_fragment_length" },
	{ 5, "status_request" },
	{ 10, "supported_groups" },
	{ 11, "ec_point_formats" },
	{ 13, "signature_algorithms" },
	{ 14, "use_srtp" },
	{ 15, "heartbeat" },
	{ 16, "application_layer_protocol_negotiation" },
	{ 17, "status_request_v2" },
	{ 18, "signed_certificate_timestamp" },
	{ 21, "padding" },
	{ 22, "encrypt_then_mac" },
	{ 23, "extended_master_secret" },
	{ 27, "compress_certificate" },
	{ 28, "record_size_limit" },
	{ 35, "session_ticket" },
	{ 41, "pre_shared_key" },
	{ 42, "early_data" },
	{ 43, "supported_versions" },
	{ 44, "cookie" },
	{ 45, "psk_key_exchange_modes" },
	{ 47, "certificate_authorities" },
	{ 48, "oid_filters" },
	{ 49, "post_handshake_auth" },
	{ 50, "signature_algorithms_cert" },
	{ 51, "key_share" },
	{ 57, "quic_transport_parameters" },
	{ 65037, "encrypted_client_hello" },
	{ 65281, "renegotiation_info" },
};

static const struct name ec_point_formats[] = {
	{ 0, "uncompressed" }, { 1, "ansiX962_compressed_prime" }, { 2, "ansiX962_compressed_char2" },
};
static const struct name psk_modes[] = { { 0, "psk_ke" }, { 1, "psk_dhe_ke" } };
static const struct name compression_methods[] = { { 0, "null" }, { 1, "DEFLATE" } };
static const struct name server_name_types[] = { { 0, "host_name" } };
static const struct name certificate_status_types[] = { { 1, "ocsp" }, { 2, "ocsp_multi" } };
static const struct name key_update_requests[] = { { 0, "update_not_requested" },
						    { 1, "update_requested" } };
static const struct name ec_curve_types[] = { { 1, "explicit_prime" }, { 2, "explicit_char2" },
					       { 3, "named_curve" } };
static const struct name client_certificate_types[] = {
	{ 1, "rsa_sign" }, { 2, "dss_sign" }, { 3, "rsa_fixed_dh" }, { 4, "dss_fixed_dh" },
	{ 64, "ecdsa_sign" },
};

static const struct {
	const struct name *names;
	size_t count;
} registries[] = {
	[REG_CONTENT_TYPE] = TABLE(content_types),
	[REG_PROTOCOL_VERSION] = TABLE(protocol_versions),
	[REG_HANDSHAKE_TYPE] = TABLE(handshake_types),
	[REG_ALERT_LEVEL] = TABLE(alert_levels),
	[REG_ALERT_DESCRIPTION] = TABLE(alert_descriptions),
	[REG_CIPHER_SUITE] = TABLE(cipher_suites),
	[REG_NAMED_GROUP] = TABLE(named_groups),
	[REG_SIGNATURE_SCHEME] = TABLE(signature_schemes),
	[REG_EXTENSION_TYPE] = TABLE(extension_types),
	[REG_EC_POINT_FORMAT] = TABLE(ec_point_formats),
	[REG_PSK_KEY_EXCHANGE_MODE] = TABLE(psk_modes),
	[REG_COMPRESSION_METHOD] = TABLE(compression_methods),
	[REG_SERVER_NAME_TYPE] = TABLE(server_name_types),
	[REG_CERTIFICATE_STATUS_TYPE] = TABLE(certificate_status_types),
	[REG_KEY_UPDATE_REQUEST] = TABLE(key_update_requests),
	[REG_EC_CURVE_TYPE] = TABLE(ec_curve_types),
	[REG_CLIENT_CERTIFICATE_TYPE] = TABLE(client_certificate_types),
};

bool is_grease(uint16_t code)
{
	return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
}

const char *registry_name(enum registry reg, uint16_t code)
{
	for (size_t i = 0; i < registries[reg].count; i++)
		if (registries[reg].names[i].code == code)
			return registries[reg].names[i].name;
	bool two_bytes = reg == REG_CIPHER_SUITE || reg == REG_NAMED_GROUP ||
			 reg == REG_SIGNATURE_SCHEME || reg == REG_EXTENSION_TYPE ||
			 reg == REG_PROTOCOL_VERSION;
	return two_bytes && is_grease(code) ? "GREASE" : NULL;
}

enum key_exchange cipher_suite_key_exchange(uint16_t code)
{
	const char *name = registry_name(REG_CIPHER_SUITE, code);
	if (!name)
		return KX_UNKNOWN;
	static const struct {
		const char *prefix;
		enum key_exchange kx;
	} prefixes[] = {
		{ "TLS_RSA_", KX_RSA },
		{ "TLS_DHE_", KX_DHE },
		{ "TLS_ECDHE_", KX_ECDHE },
		{ "TLS_AES_", KX_TLS13 },
		{ "TLS_CHACHA20_", KX_TLS13 },
	};
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = 0;
		while (prefixes[i].prefix[n] && prefixes[i].prefix[n] == name[n])
			n++;
		if (!prefixes[i].prefix[n])
			return prefixes[i].kx;
	}
	return KX_UNKNOWN;
}
