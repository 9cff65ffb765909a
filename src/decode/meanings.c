/*
 * What each code means, as itself: a cipher suite by its parts, a signature
 * scheme by its algorithm, hash and key, a group, an alert, a PSK mode.
 * Appended to a field's explanation (explain.c) where the field holds one.
 */
#include <stddef.h>

#include "base/buf.h"
#include "decode/internal.h"

#define COUNT(t) (sizeof(t) / sizeof(t[0]))

/*
 * The parts of a cipher suite's name. TLS 1.2 (RFC 5246, A.5): key
 * exchange, authentication, record protection, and the MAC and PRF hash.
 * TLS 1.3 (RFC 8446, B.4): only the AEAD and the hash.
 */
enum kx_part { KX_PART_NONE, KX_PART_RSA, KX_PART_DHE, KX_PART_ECDHE };
enum auth_part { AUTH_PART_NONE, AUTH_PART_RSA_DECRYPT, AUTH_PART_RSA, AUTH_PART_ECDSA };
enum cipher_part {
	AES_128_GCM,
	AES_256_GCM,
	AES_128_CBC,
	AES_256_CBC,
	CHACHA20_POLY1305,
	AES_128_CCM,
	AES_128_CCM_8,
};
enum hash_part {
	HMAC_SHA1_PRF_SHA256, /* CBC _SHA suites: TLS 1.2 keeps its SHA-256 PRF (RFC 5246, 5) */
	HMAC_SHA256_PRF_SHA256,
	HMAC_SHA384_PRF_SHA384,
	AEAD_PRF_SHA256, /* AEAD: no MAC of its own */
	AEAD_PRF_SHA384,
	HKDF_SHA256, /* TLS 1.3 */
	HKDF_SHA384,
};

static const char *const kx_texts[] = {
	[KX_PART_RSA] = "key exchange RSA: the client encrypts the premaster secret to the "
			"server's certificate key (no forward secrecy)",
	[KX_PART_DHE] = "key exchange DHE: ephemeral finite-field Diffie-Hellman, forward secret",
	[KX_PART_ECDHE] = "key exchange ECDHE: ephemeral elliptic-curve Diffie-Hellman, forward "
			  "secret",
};

static const char *const auth_texts[] = {
	[AUTH_PART_RSA_DECRYPT] = "authentication implicit: only the key's owner can decrypt "
				  "that secret",
	[AUTH_PART_RSA] = "authentication RSA: the server's RSA certificate key signs the key "
			  "exchange",
	[AUTH_PART_ECDSA] = "authentication ECDSA: the server's ECDSA certificate key signs the "
			    "key exchange",
};

static const char *const cipher_texts[] = {
	[AES_128_GCM] = "AES-128 in GCM mode, an AEAD (encryption and integrity in one)",
	[AES_256_GCM] = "AES-256 in GCM mode, an AEAD",
	[AES_128_CBC] = "AES-128 in CBC mode",
	[AES_256_CBC] = "AES-256 in CBC mode",
	[CHACHA20_POLY1305] = "ChaCha20 with Poly1305, an AEAD fast without AES hardware",
	[AES_128_CCM] = "AES-128 in CCM mode, an AEAD with a 16-byte tag",
	[AES_128_CCM_8] = "AES-128 in CCM mode, an AEAD with a short 8-byte tag",
};

static const char *const hash_texts[] = {
	[HMAC_SHA1_PRF_SHA256] = "HMAC-SHA1 for the record MAC and, in TLS 1.2 and DTLS 1.2, "
				 "SHA-256 for the PRF",
	[HMAC_SHA256_PRF_SHA256] = "HMAC-SHA256 for the record MAC and SHA-256 for the PRF",
	[HMAC_SHA384_PRF_SHA384] = "HMAC-SHA384 for the record MAC and SHA-384 for the PRF",
	[AEAD_PRF_SHA256] = "SHA-256 for the PRF (the AEAD needs no MAC)",
	[AEAD_PRF_SHA384] = "SHA-384 for the PRF (the AEAD needs no MAC)",
	[HKDF_SHA256] = "SHA-256 for HKDF and the transcript hash",
	[HKDF_SHA384] = "SHA-384 for HKDF and the transcript hash",
};

static const struct suite {
	uint16_t code;
	enum kx_part kx; /* KX_PART_NONE: a TLS 1.3 suite */
	enum auth_part auth;
	enum cipher_part cipher;
	enum hash_part hash;
} suites[] = {
	/* RFC 5246, A.5 */
	{ 0x002f, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_128_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0x0035, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_256_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0x003c, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_128_CBC, HMAC_SHA256_PRF_SHA256 },
	{ 0x003d, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_256_CBC, HMAC_SHA256_PRF_SHA256 },
	{ 0x0033, KX_PART_DHE, AUTH_PART_RSA, AES_128_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0x0039, KX_PART_DHE, AUTH_PART_RSA, AES_256_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0x0067, KX_PART_DHE, AUTH_PART_RSA, AES_128_CBC, HMAC_SHA256_PRF_SHA256 },
	{ 0x006b, KX_PART_DHE, AUTH_PART_RSA, AES_256_CBC, HMAC_SHA256_PRF_SHA256 },
	/* RFC 5288, 3 */
	{ 0x009c, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_128_GCM, AEAD_PRF_SHA256 },
	{ 0x009d, KX_PART_RSA, AUTH_PART_RSA_DECRYPT, AES_256_GCM, AEAD_PRF_SHA384 },
	{ 0x009e, KX_PART_DHE, AUTH_PART_RSA, AES_128_GCM, AEAD_PRF_SHA256 },
	{ 0x009f, KX_PART_DHE, AUTH_PART_RSA, AES_256_GCM, AEAD_PRF_SHA384 },
	/* RFC 8422, 6 (with TLS 1.2's SHA-256 PRF) */
	{ 0xc009, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_128_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0xc00a, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_256_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0xc013, KX_PART_ECDHE, AUTH_PART_RSA, AES_128_CBC, HMAC_SHA1_PRF_SHA256 },
	{ 0xc014, KX_PART_ECDHE, AUTH_PART_RSA, AES_256_CBC, HMAC_SHA1_PRF_SHA256 },
	/* RFC 5289, 3.1 and 3.2 */
	{ 0xc023, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_128_CBC, HMAC_SHA256_PRF_SHA256 },
	{ 0xc024, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_256_CBC, HMAC_SHA384_PRF_SHA384 },
	{ 0xc027, KX_PART_ECDHE, AUTH_PART_RSA, AES_128_CBC, HMAC_SHA256_PRF_SHA256 },
	{ 0xc028, KX_PART_ECDHE, AUTH_PART_RSA, AES_256_CBC, HMAC_SHA384_PRF_SHA384 },
	{ 0xc02b, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_128_GCM, AEAD_PRF_SHA256 },
	{ 0xc02c, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_256_GCM, AEAD_PRF_SHA384 },
	{ 0xc02f, KX_PART_ECDHE, AUTH_PART_RSA, AES_128_GCM, AEAD_PRF_SHA256 },
	{ 0xc030, KX_PART_ECDHE, AUTH_PART_RSA, AES_256_GCM, AEAD_PRF_SHA384 },
	/* RFC 7251, 2 */
	{ 0xc0ac, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_128_CCM, AEAD_PRF_SHA256 },
	{ 0xc0ae, KX_PART_ECDHE, AUTH_PART_ECDSA, AES_128_CCM_8, AEAD_PRF_SHA256 },
	/* RFC 7905, 2 */
	{ 0xcca8, KX_PART_ECDHE, AUTH_PART_RSA, CHACHA20_POLY1305, AEAD_PRF_SHA256 },
	{ 0xcca9, KX_PART_ECDHE, AUTH_PART_ECDSA, CHACHA20_POLY1305, AEAD_PRF_SHA256 },
	{ 0xccaa, KX_PART_DHE, AUTH_PART_RSA, CHACHA20_POLY1305, AEAD_PRF_SHA256 },
	/* RFC 8446, B.4 */
	{ 0x1301, KX_PART_NONE, AUTH_PART_NONE, AES_128_GCM, HKDF_SHA256 },
	{ 0x1302, KX_PART_NONE, AUTH_PART_NONE, AES_256_GCM, HKDF_SHA384 },
	{ 0x1303, KX_PART_NONE, AUTH_PART_NONE, CHACHA20_POLY1305, HKDF_SHA256 },
	{ 0x1304, KX_PART_NONE, AUTH_PART_NONE, AES_128_CCM, HKDF_SHA256 },
	{ 0x1305, KX_PART_NONE, AUTH_PART_NONE, AES_128_CCM_8, HKDF_SHA256 },
};

/* Codes in the cipher suite list that are signals, not suites. */
static const struct meaning {
	uint16_t code;
	const char *text;
} signals[] = {
	/* RFC 5746, 3.3 */
	{ 0x00ff, "Not a cipher suite: a signal that the client supports secure renegotiation "
		  "(RFC 5746), the same as an empty renegotiation_info extension." },
	/* RFC 7507, 1 */
	{ 0x5600, "Not a cipher suite: the client signals that it is retrying with a lower "
		  "version than it supports, so a server that supports a higher one aborts (RFC "
		  "7507)." },
};

static bool suite_meaning(uint16_t code, struct buf *out)
{
	for (size_t i = 0; i < COUNT(signals); i++)
		if (signals[i].code == code) {
			buf_printf(out, "%s", signals[i].text);
			return true;
		}
	for (size_t i = 0; i < COUNT(suites); i++) {
		const struct suite *s = &suites[i];
		if (s->code != code)
			continue;
		if (s->kx == KX_PART_NONE)
			/* Records' cipher, or QUIC packets' (RFC 9001, 5.3): "the data" is true of both. */
			buf_printf(out, "A TLS 1.3 suite names only two things: the cipher that "
					"protects the data, %s, and the hash, %s; the key exchange "
					"(key_share) and the signature (signature_algorithms) are "
					"negotiated apart (RFC 8446, B.4).",
				   cipher_texts[s->cipher], hash_texts[s->hash]);
		else
			/* Also met in TLS 1.0 and 1.1 and in DTLS, whose suites are TLS's (RFC 6347, 4.1.2). */
			buf_printf(out, "A suite of TLS 1.2 and earlier (and of DTLS), by its parts: %s; "
					"%s; record protection %s; %s.",
				   kx_texts[s->kx], auth_texts[s->auth], cipher_texts[s->cipher],
				   hash_texts[s->hash]);
		return true;
	}
	return false;
}

/*
 * RFC 8446, 4.2.3. `tls13` says whether TLS 1.3 allows the scheme in
 * CertificateVerify; the others "refer solely to signatures which appear in
 * certificates".
 */
static const struct scheme {
	uint16_t code;
	bool tls13;
	const char *text;
} schemes[] = {
	{ 0x0401, false, "RSASSA-PKCS1-v1_5 with SHA-256." },
	{ 0x0501, false, "RSASSA-PKCS1-v1_5 with SHA-384." },
	{ 0x0601, false, "RSASSA-PKCS1-v1_5 with SHA-512." },
	{ 0x0403, true, "ECDSA with SHA-256; in TLS 1.3 on the P-256 curve (secp256r1) only." },
	{ 0x0503, true, "ECDSA with SHA-384; in TLS 1.3 on the P-384 curve (secp384r1) only." },
	{ 0x0603, true, "ECDSA with SHA-512; in TLS 1.3 on the P-521 curve (secp521r1) only." },
	{ 0x0804, true, "RSASSA-PSS with SHA-256, by an ordinary RSA key (a certificate of type "
			"rsaEncryption: rsae)." },
	{ 0x0805, true, "RSASSA-PSS with SHA-384, by an ordinary RSA key (a certificate of type "
			"rsaEncryption: rsae)." },
	{ 0x0806, true, "RSASSA-PSS with SHA-512, by an ordinary RSA key (a certificate of type "
			"rsaEncryption: rsae)." },
	{ 0x0809, true, "RSASSA-PSS with SHA-256, by an RSA key that its certificate restricts to "
			"PSS (public key type RSASSA-PSS: pss)." },
	{ 0x080a, true, "RSASSA-PSS with SHA-384, by an RSA key that its certificate restricts to "
			"PSS (public key type RSASSA-PSS: pss)." },
	{ 0x080b, true, "RSASSA-PSS with SHA-512, by an RSA key that its certificate restricts to "
			"PSS (public key type RSASSA-PSS: pss)." },
	{ 0x0807, true, "EdDSA on edwards25519 (Ed25519, RFC 8032); the hash is part of the "
			"algorithm." },
	{ 0x0808, true, "EdDSA on edwards448 (Ed448, RFC 8032); the hash is part of the "
			"algorithm." },
	{ 0x0201, false, "RSASSA-PKCS1-v1_5 with SHA-1, a legacy scheme: SHA-1 is no longer safe "
			 "for signatures." },
	{ 0x0203, false, "ECDSA with SHA-1, a legacy scheme: SHA-1 is no longer safe for "
			 "signatures." },
	/* RFC 8734, 2 */
	{ 0x081a, true, "ECDSA on the brainpoolP256r1 curve with SHA-256 (RFC 8734)." },
	{ 0x081b, true, "ECDSA on the brainpoolP384r1 curve with SHA-384 (RFC 8734)." },
	{ 0x081c, true, "ECDSA on the brainpoolP512r1 curve with SHA-512 (RFC 8734)." },
	/* RFC 5246, 7.4.1.4.1: hash and signature pairs that TLS 1.3 keeps only as reserved codes. */
	{ 0x0101, false, "TLS 1.2's RSA with MD5 pair; TLS 1.3 defines no such scheme." },
	{ 0x0202, false, "TLS 1.2's DSA with SHA-1 pair; TLS 1.3 defines no such scheme." },
	{ 0x0301, false, "TLS 1.2's RSA (PKCS#1 v1.5) with SHA-224 pair; TLS 1.3 defines no such "
			 "scheme." },
	{ 0x0303, false, "TLS 1.2's ECDSA with SHA-224 pair; TLS 1.3 defines no such scheme." },
};

bool scheme_signs_tls13_handshakes(uint16_t code)
{
	for (size_t i = 0; i < COUNT(schemes); i++)
		if (schemes[i].code == code)
			return schemes[i].tls13;
	return false;
}

/* RFC 8446, 4.2.7; RFC 7748; RFC 8422, 5.1.1; RFC 7919, A. */
static const struct meaning groups[] = {
	{ 0x001d, "X25519: Diffie-Hellman on Curve25519 (RFC 7748)." },
	{ 0x001e, "X448: Diffie-Hellman on Curve448 (RFC 7748)." },
	{ 0x0017, "secp256r1: the NIST P-256 elliptic curve." },
	{ 0x0018, "secp384r1: the NIST P-384 elliptic curve." },
	{ 0x0019, "secp521r1: the NIST P-521 elliptic curve." },
	{ 0x0015, "secp224r1: the NIST P-224 curve, which TLS 1.3 does not define." },
	{ 0x0016, "secp256k1: a Koblitz curve, which TLS 1.3 does not define." },
	{ 0x001a, "brainpoolP256r1 (RFC 7027), defined for TLS 1.2 only." },
	{ 0x001b, "brainpoolP384r1 (RFC 7027), defined for TLS 1.2 only." },
	{ 0x001c, "brainpoolP512r1 (RFC 7027), defined for TLS 1.2 only." },
	{ 0x0100, "ffdhe2048: the 2048-bit finite-field group of RFC 7919 (A.1)." },
	{ 0x0101, "ffdhe3072: the 3072-bit finite-field group of RFC 7919 (A.2)." },
	{ 0x0102, "ffdhe4096: the 4096-bit finite-field group of RFC 7919 (A.3)." },
	{ 0x0103, "ffdhe6144: the 6144-bit finite-field group of RFC 7919 (A.4)." },
	{ 0x0104, "ffdhe8192: the 8192-bit finite-field group of RFC 7919 (A.5)." },
};

/* RFC 8446, 4.2.9. */
static const struct meaning psk_modes[] = {
	{ 0, "psk_ke: the PSK alone, without a fresh (EC)DHE exchange, so not forward secret "
	     "against a later theft of the PSK." },
	{ 1, "psk_dhe_ke: the PSK plus a fresh (EC)DHE exchange, forward secret." },
};

/*
 * Why each alert is sent: RFC 8446, 6.1 (close_notify, user_canceled) and
 * 6.2 (the errors), the same in RFC 5246, 7.2; RFC 7301, 3.2; RFC 7507.
 */
static const struct meaning alerts[] = {
	{ 0, "close_notify: the sender will send nothing more on this connection, so that a cut "
	    "connection cannot pass for a finished one." },
	{ 10, "unexpected_message: a message arrived that is not allowed at that point." },
	{ 20, "bad_record_mac: a record did not authenticate: it was changed on its way, or the "
	     "keys differ. The receiver refuses it and ends the connection." },
	{ 22, "record_overflow: a record was longer than allowed." },
	{ 40, "handshake_failure: the sender could not agree on security parameters from the "
	     "options offered, for example no cipher suite both support." },
	{ 42, "bad_certificate: a certificate was corrupt or did not pass the receiver's checks." },
	{ 43, "unsupported_certificate: a certificate of a type the sender does not support." },
	{ 44, "certificate_revoked: a certificate was revoked by its signer." },
	{ 45, "certificate_expired: a certificate has expired or is not yet valid." },
	{ 46, "certificate_unknown: a certificate was unacceptable for another reason." },
	{ 47, "illegal_parameter: a field was out of range or inconsistent with others." },
	{ 48, "unknown_ca: the certificate chain leads to no CA the sender trusts, so nothing "
	     "proves who the peer is." },
	{ 49, "access_denied: the certificate was valid, but the sender refuses to go on." },
	{ 50, "decode_error: a message could not be parsed." },
	{ 51, "decrypt_error: a handshake check failed: a signature, a Finished or a PSK binder." },
	{ 70, "protocol_version: the peer offered no version the sender is willing to speak." },
	{ 71, "insufficient_security: the peer's parameters are weaker than the sender requires." },
	{ 80, "internal_error: the sender failed for a reason of its own." },
	{ 86, "inappropriate_fallback: a client retried with a lower version than both support "
	     "(RFC 7507)." },
	{ 90, "user_canceled: the sender gives up the handshake for a reason of its own." },
	{ 109, "missing_extension: a required extension was absent." },
	{ 110, "unsupported_extension: an extension appeared where it is not allowed." },
	{ 112, "unrecognized_name: the server has no host of the name asked for (RFC 6066, 3)." },
	{ 115, "unknown_psk_identity: the server knows none of the PSKs offered." },
	{ 116, "certificate_required: the server needed a client certificate and got none." },
	{ 120, "no_application_protocol: the server speaks none of the client's ALPN protocols "
	      "(RFC 7301, 3.2)." },
};

static const char *find(const struct meaning *table, size_t count, uint16_t code)
{
	for (size_t i = 0; i < count; i++)
		if (table[i].code == code)
			return table[i].text;
	return NULL;
}

const char *alert_meaning(uint8_t description)
{
	return find(alerts, COUNT(alerts), description);
}

bool meaning_append(enum meaning_table table, uint16_t code, struct buf *out)
{
	const char *text = NULL;
	switch (table) {
	case MEANING_CIPHER_SUITE:
		return suite_meaning(code, out);
	case MEANING_SIGNATURE_SCHEME:
		for (size_t i = 0; i < COUNT(schemes) && !text; i++)
			if (schemes[i].code == code)
				text = schemes[i].text;
		break;
	case MEANING_NAMED_GROUP:
		text = find(groups, COUNT(groups), code);
		break;
	case MEANING_ALERT:
		text = code < 256 ? alert_meaning((uint8_t)code) : NULL;
		break;
	case MEANING_PSK_MODE:
		text = find(psk_modes, COUNT(psk_modes), code);
		break;
	case MEANING_NONE:
		break;
	}
	if (text)
		buf_printf(out, "%s", text);
	return text != NULL;
}
