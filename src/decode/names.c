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
	{ 25, "tls12_cid" }, /* RFC 9146, 4: DTLS 1.2 with a connection ID */
};

static const struct name protocol_versions[] = {
	{ 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" },
	{ 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
	/* DTLS (RFC 6347, 4.1; RFC 9147, 5.3): the bitwise complement of 1.x's version. */
	{ 0xfeff, "DTLS 1.0" }, { 0xfefd, "DTLS 1.2" }, { 0xfefc, "DTLS 1.3" },
	/* TLS 1.3's drafts announced themselves as 0x7f00 + the draft's number. */
	{ 0x7f14, "TLS 1.3 draft 20" }, { 0x7f17, "TLS 1.3 draft 23" },
	{ 0x7f1c, "TLS 1.3 draft 28" },
};

static const struct name handshake_types[] = {
	{ 0, "HelloRequest" },         { 1, "ClientHello" },        { 2, "ServerHello" },
	{ 4, "NewSessionTicket" },     { 5, "EndOfEarlyData" },     { 8, "EncryptedExtensions" },
	{ 11, "Certificate" },         { 12, "ServerKeyExchange" }, { 13, "CertificateRequest" },
	{ 14, "ServerHelloDone" },     { 15, "CertificateVerify" }, { 16, "ClientKeyExchange" },
	{ 20, "Finished" },            { 22, "CertificateStatus" }, { 24, "KeyUpdate" },
	{ 254, "MessageHash" },
	{ 3, "HelloVerifyRequest" },   /* DTLS, RFC 6347, 4.2.1 */
	{ 25, "CompressedCertificate" }, /* RFC 8879, 4 */
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
	/* Seen in captures: older and PSK suites (IANA TLS Cipher Suites registry). */
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA" },
	{ 0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA" },
	{ 0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0xc0a4, "TLS_PSK_WITH_AES_128_CCM" },
	{ 0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8" },
	{ 0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	/*
	 * The rest of the IANA TLS Cipher Suites registry, as old ClientHellos offer
	 * them (not 0x0000, TLS_NULL_WITH_NULL_NULL: the trace means "none yet" by 0).
	 */
	{ 0x0001, "TLS_RSA_WITH_NULL_MD5" },
	{ 0x0002, "TLS_RSA_WITH_NULL_SHA" },
	{ 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5" },
	{ 0x0004, "TLS_RSA_WITH_RC4_128_MD5" },
	{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
	{ 0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5" },
	{ 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA" },
	{ 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x0009, "TLS_RSA_WITH_DES_CBC_SHA" },
	{ 0x000b, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x000c, "TLS_DH_DSS_WITH_DES_CBC_SHA" },
	{ 0x000d, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0x000e, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x000f, "TLS_DH_RSA_WITH_DES_CBC_SHA" },
	{ 0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA" },
	{ 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA" },
	{ 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5" },
	{ 0x0018, "TLS_DH_anon_WITH_RC4_128_MD5" },
	{ 0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA" },
	{ 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA" },
	{ 0x001e, "TLS_KRB5_WITH_DES_CBC_SHA" },
	{ 0x001f, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0020, "TLS_KRB5_WITH_RC4_128_SHA" },
	{ 0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA" },
	{ 0x0022, "TLS_KRB5_WITH_DES_CBC_MD5" },
	{ 0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5" },
	{ 0x0024, "TLS_KRB5_WITH_RC4_128_MD5" },
	{ 0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5" },
	{ 0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA" },
	{ 0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA" },
	{ 0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA" },
	{ 0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5" },
	{ 0x002a, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5" },
	{ 0x002b, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5" },
	{ 0x002c, "TLS_PSK_WITH_NULL_SHA" },
	{ 0x002d, "TLS_DHE_PSK_WITH_NULL_SHA" },
	{ 0x002e, "TLS_RSA_PSK_WITH_NULL_SHA" },
	{ 0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA" },
	{ 0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA" },
	{ 0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA" },
	{ 0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA" },
	{ 0x003b, "TLS_RSA_WITH_NULL_SHA256" },
	{ 0x003e, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256" },
	{ 0x003f, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256" },
	{ 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5" },
	{ 0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5" },
	{ 0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA" },
	{ 0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA" },
	{ 0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA" },
	{ 0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA" },
	{ 0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA" },
	{ 0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256" },
	{ 0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256" },
	{ 0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256" },
	{ 0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256" },
	{ 0x0080, "TLS_GOSTR341094_WITH_28147_CNT_IMIT" },
	{ 0x0081, "TLS_GOSTR341001_WITH_28147_CNT_IMIT" },
	{ 0x0082, "TLS_GOSTR341094_WITH_NULL_GOSTR3411" },
	{ 0x0083, "TLS_GOSTR341001_WITH_NULL_GOSTR3411" },
	{ 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x008a, "TLS_PSK_WITH_RC4_128_SHA" },
	{ 0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA" },
	{ 0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA" },
	{ 0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA" },
	{ 0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA" },
	{ 0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA" },
	{ 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA" },
	{ 0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA" },
	{ 0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA" },
	{ 0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA" },
	{ 0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA" },
	{ 0x009b, "TLS_DH_anon_WITH_SEED_CBC_SHA" },
	{ 0x00a0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x00a1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256" },
	{ 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384" },
	{ 0x00a4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256" },
	{ 0x00a5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384" },
	{ 0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256" },
	{ 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384" },
	{ 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0x00b0, "TLS_PSK_WITH_NULL_SHA256" },
	{ 0x00b1, "TLS_PSK_WITH_NULL_SHA384" },
	{ 0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256" },
	{ 0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384" },
	{ 0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256" },
	{ 0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384" },
	{ 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bb, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bc, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c6, "TLS_SM4_GCM_SM3" },
	{ 0x00c7, "TLS_SM4_CCM_SM3" },
	{ 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA" },
	{ 0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA" },
	{ 0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA" },
	{ 0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA" },
	{ 0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA" },
	{ 0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA" },
	{ 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA" },
	{ 0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA" },
	{ 0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA" },
	{ 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA" },
	{ 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA" },
	{ 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA" },
	{ 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA" },
	{ 0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA" },
	{ 0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA" },
	{ 0xc01a, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01b, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01c, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA" },
	{ 0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc01f, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA" },
	{ 0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA" },
	{ 0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA" },
	{ 0xc022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA" },
	{ 0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA" },
	{ 0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA" },
	{ 0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA" },
	{ 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA" },
	{ 0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256" },
	{ 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384" },
	{ 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc03e, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc03f, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05a, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05b, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc07e, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07f, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc09c, "TLS_RSA_WITH_AES_128_CCM" },
	{ 0xc09d, "TLS_RSA_WITH_AES_256_CCM" },
	{ 0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM" },
	{ 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM" },
	{ 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8" },
	{ 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8" },
	{ 0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8" },
	{ 0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8" },
	{ 0xc0a5, "TLS_PSK_WITH_AES_256_CCM" },
	{ 0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM" },
	{ 0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM" },
	{ 0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8" },
	{ 0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8" },
	{ 0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8" },
	{ 0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM" },
	{ 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8" },
	{ 0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256" },
	{ 0xc0b1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384" },
	{ 0xc0b2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256" },
	{ 0xc0b3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384" },
	{ 0xc0b4, "TLS_SHA256_SHA256" },
	{ 0xc0b5, "TLS_SHA384_SHA384" },
	{ 0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8" },
	{ 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256" },
	{ 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256" },
};

static const struct name named_groups[] = {
	{ 0x0015, "secp224r1" }, { 0x0016, "secp256k1" }, { 0x0017, "secp256r1" },
	{ 0x0018, "secp384r1" }, { 0x0019, "secp521r1" }, { 0x001a, "brainpoolP256r1" },
	{ 0x001b, "brainpoolP384r1" }, { 0x001c, "brainpoolP512r1" },
	{ 0x001d, "x25519" },    { 0x001e, "x448" },      { 0x0100, "ffdhe2048" },
	{ 0x0101, "ffdhe3072" }, { 0x0102, "ffdhe4096" }, { 0x0103, "ffdhe6144" },
	{ 0x0104, "ffdhe8192" },
	/* RFC 8422, 5.1.1 (and RFC 4492 before it): curves deprecated, still offered. */
	{ 0x0001, "sect163k1" }, { 0x0002, "sect163r1" }, { 0x0003, "sect163r2" },
	{ 0x0004, "sect193r1" }, { 0x0005, "sect193r2" }, { 0x0006, "sect233k1" },
	{ 0x0007, "sect233r1" }, { 0x0008, "sect239k1" }, { 0x0009, "sect283k1" },
	{ 0x000a, "sect283r1" }, { 0x000b, "sect409k1" }, { 0x000c, "sect409r1" },
	{ 0x000d, "sect571k1" }, { 0x000e, "sect571r1" }, { 0x000f, "secp160k1" },
	{ 0x0010, "secp160r1" }, { 0x0011, "secp160r2" }, { 0x0012, "secp192k1" },
	{ 0x0013, "secp192r1" }, { 0x0014, "secp224k1" },
	{ 0xff01, "arbitrary_explicit_prime_curves" },
	{ 0xff02, "arbitrary_explicit_char2_curves" },
	/*
	 * Post-quantum key agreement (IANA TLS Supported Groups registry;
	 * draft-ietf-tls-mlkem, draft-ietf-tls-ecdhe-mlkem).
	 */
	{ 0x0200, "MLKEM512" },  { 0x0201, "MLKEM768" }, { 0x0202, "MLKEM1024" },
	{ 0x11eb, "SecP256r1MLKEM768" }, { 0x11ec, "X25519MLKEM768" },
	{ 0x11ed, "SecP384r1MLKEM1024" },
	{ 0x6399, "X25519Kyber768Draft00" }, /* its pre-standard predecessor, now obsolete */
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
	/* ML-DSA (FIPS 204) in TLS 1.3: IANA registry, draft-ietf-tls-mldsa. */
	{ 0x0904, "mldsa44" },
	{ 0x0905, "mldsa65" },
	{ 0x0906, "mldsa87" },
	/* TLS 1.2 SignatureAndHashAlgorithm pairs that have no TLS 1.3 scheme. */
	{ 0x0101, "rsa_md5 (TLS 1.2)" },
	{ 0x0202, "dsa_sha1 (TLS 1.2)" },
	{ 0x0301, "rsa_sha224 (TLS 1.2)" },
	{ 0x0303, "ecdsa_sha224 (TLS 1.2)" },
	{ 0x0302, "dsa_sha224 (TLS 1.2)" },
	{ 0x0402, "dsa_sha256 (TLS 1.2)" },
	{ 0x0502, "dsa_sha384 (TLS 1.2)" },
	{ 0x0602, "dsa_sha512 (TLS 1.2)" },
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
	{ 0xffa5, "quic_transport_parameters_draft" }, /* draft-ietf-quic-tls-27 to -34, 8.2 */
	{ 34, "delegated_credential" }, /* RFC 9345 */
	/*
	 * ALPS, draft-vvv-tls-alps: not in the IANA registry; Chrome's code
	 * points, old and new, under the name the draft gives it.
	 */
	{ 13172, "next_protocol_negotiation" }, /* NPN, draft-agl-tls-nextprotoneg: never IANA's */
	{ 17513, "application_settings" },
	{ 17613, "application_settings" },
	{ 65037, "encrypted_client_hello" }, /* 0xfe0d, draft-ietf-tls-esni */
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

/* RFC 8879, 7.3: TLS Certificate Compression Algorithms. */
static const struct name certificate_compressions[] = {
	{ 1, "zlib" }, { 2, "brotli" }, { 3, "zstd" },
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
	[REG_CERTIFICATE_COMPRESSION] = TABLE(certificate_compressions),
};

uint16_t tls_version_of(uint16_t version)
{
	switch (version) {
	case 0xfeff:
		return 0x0302;
	case 0xfefd:
		return 0x0303;
	case 0xfefc:
		return 0x0304;
	}
	return version;
}

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
