/*
 * Record protection, recomputed from captured secrets with wolfCrypt: the
 * keys that protect a connection's records and the decryption that proves
 * them. Nothing here trusts wolfSSL's word for a key; a key is right when
 * the record it opens authenticates.
 */
#ifndef TLSVIZ_CRYPTO_CRYPTO_H
#define TLSVIZ_CRYPTO_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum aead {
	AEAD_AES_128_GCM,
	AEAD_AES_256_GCM,
	AEAD_CHACHA20_POLY1305,
};

enum prf_hash {
	PRF_SHA256,
	PRF_SHA384,
};

/* How a cipher suite protects records; the registry names live in decode/. */
struct suite_params {
	uint16_t code;
	bool tls13;
	enum aead aead;
	enum prf_hash hash;
	bool rsa_key_transport; /* TLS 1.2 static RSA: the client encrypts the premaster */
};

/* The parameters of suite `code`, or NULL when tlsviz cannot decrypt it. */
const struct suite_params *crypto_suite(uint16_t code);

/* One direction's record protection: key, IV and the next sequence number. */
struct record_keys {
	const struct suite_params *suite;
	uint8_t key[32];
	size_t key_len;
	uint8_t iv[12];
	size_t iv_len; /* 12, or 4 for TLS 1.2 AES-GCM (the rest is explicit per record) */
	uint64_t seq;
};

/* TLS 1.3: the key and IV of a traffic secret (RFC 8446, 7.3). 0 or -1. */
int crypto_tls13_keys(const struct suite_params *suite, const uint8_t *secret, size_t secret_len,
		      struct record_keys *out) __attribute__((warn_unused_result));

/*
 * TLS 1.2: the key block of RFC 5246, 6.3, from the 48-byte master secret and
 * the two hello randoms; fills the client-write and server-write keys. 0 or -1.
 */
int crypto_tls12_keys(const struct suite_params *suite, const uint8_t master[48],
		      const uint8_t client_random[32], const uint8_t server_random[32],
		      struct record_keys *client, struct record_keys *server)
	__attribute__((warn_unused_result));

/*
 * Opens one protected record: <record, len> is the whole record, header
 * included. Appends the plaintext to `plain` (for TLS 1.3, still ending in
 * the inner content type and padding) and advances the sequence number.
 * Returns 0, or -1 when the record does not authenticate under these keys.
 */
int crypto_open_record(struct record_keys *keys, const uint8_t *record, size_t len,
		       struct buf *plain) __attribute__((warn_unused_result));

/*
 * RSAES-PKCS1-v1_5 decryption with a DER private key: how a server (or
 * anyone holding its key) opens a TLS 1.2 EncryptedPreMasterSecret.
 * Returns the plaintext length, or -1.
 */
int crypto_rsa_decrypt(const uint8_t *key_der, size_t key_len, const uint8_t *in, size_t in_len,
		       uint8_t *out, size_t out_cap) __attribute__((warn_unused_result));

#endif
