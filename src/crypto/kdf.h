/*
 * The key derivations of TLS, on wolfCrypt: hashes, HMAC, HKDF with TLS 1.3's
 * labels (RFC 8446, 7.1), the TLS 1.2 PRF (RFC 5246, 5). Every function
 * returns 0, or -1 when wolfCrypt refuses; outputs are caller-owned buffers
 * of at least crypto_hash_len() bytes unless a length is given.
 */
#ifndef TLSVIZ_CRYPTO_KDF_H
#define TLSVIZ_CRYPTO_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"

#define HASH_MAX 48

size_t crypto_hash_len(enum prf_hash h);
int crypto_hash(enum prf_hash h, const uint8_t *data, size_t len, uint8_t *out)
	__attribute__((warn_unused_result));
/*
 * Hashes of the prefixes of a byte string that only grows (a handshake
 * transcript): each hashes only the bytes added since the one before, not
 * the whole string again. Whoever shortens or rewrites the string calls
 * crypto_prefix_hash_reset() first; a prefix shorter than the last one is
 * hashed whole.
 */
struct crypto_prefix_hash {
	enum prf_hash hash;
	size_t absorbed; /* bytes of the string in `state` */
	void *state;     /* wolfCrypt's, owned; NULL until the first hash */
};

#define CRYPTO_PREFIX_HASH_INIT { PRF_SHA256, 0, NULL }

/* The hash `h` of <data, len>, the string's first `len` bytes, into `out`. */
int crypto_prefix_hash(struct crypto_prefix_hash *p, enum prf_hash h, const uint8_t *data,
		       size_t len, uint8_t *out) __attribute__((warn_unused_result));
/* Forgets what was hashed (and frees it): the string is about to change. */
void crypto_prefix_hash_reset(struct crypto_prefix_hash *p);
int crypto_hmac(enum prf_hash h, const uint8_t *key, size_t key_len, const uint8_t *data,
		size_t len, uint8_t *out) __attribute__((warn_unused_result));
/* HKDF-Extract(salt, IKM); an empty salt or IKM means Hash.length zeros (RFC 8446, 7.1). */
int crypto_hkdf_extract(enum prf_hash h, const uint8_t *salt, size_t salt_len,
			const uint8_t *ikm, size_t ikm_len, uint8_t *out)
	__attribute__((warn_unused_result));
/* HKDF-Expand-Label(secret, label, context, length), with the "tls13 " prefix added. */
int crypto_expand_label(enum prf_hash h, const uint8_t *secret, const char *label,
			const uint8_t *context, size_t context_len, uint8_t *out, size_t out_len)
	__attribute__((warn_unused_result));
/* TLS 1.2's PRF(secret, label, seed) with the suite's hash. */
int crypto_prf12(enum prf_hash h, const uint8_t *secret, size_t secret_len, const char *label,
		 const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
	__attribute__((warn_unused_result));

/* The TLS 1.3 key schedule (RFC 8446, 7.1), filled in as the handshake goes. */
struct tls13_schedule {
	enum prf_hash hash;
	size_t len; /* Hash.length */
	uint8_t early_secret[HASH_MAX];
	uint8_t handshake_secret[HASH_MAX];
	uint8_t client_handshake_traffic_secret[HASH_MAX];
	uint8_t server_handshake_traffic_secret[HASH_MAX];
	uint8_t master_secret[HASH_MAX];
	uint8_t client_application_traffic_secret_0[HASH_MAX];
	uint8_t server_application_traffic_secret_0[HASH_MAX];
	uint8_t exporter_master_secret[HASH_MAX];
	uint8_t resumption_master_secret[HASH_MAX];
};

/*
 * From the PSK (NULL for none) and the (EC)DHE shared secret, and the
 * transcript hash of ClientHello...ServerHello: the early, handshake and
 * handshake traffic secrets.
 */
int tls13_handshake_secrets(struct tls13_schedule *s, enum prf_hash h, const uint8_t *psk,
			    size_t psk_len, const uint8_t *shared, size_t shared_len,
			    const uint8_t *hello_hash) __attribute__((warn_unused_result));
/* From the transcript hash of ClientHello...server Finished: master and application secrets. */
int tls13_application_secrets(struct tls13_schedule *s, const uint8_t *server_finished_hash)
	__attribute__((warn_unused_result));
/* From the transcript hash of ClientHello...client Finished: the resumption master secret. */
int tls13_resumption_secret(struct tls13_schedule *s, const uint8_t *client_finished_hash)
	__attribute__((warn_unused_result));
/* verify_data = HMAC(finished_key, transcript hash), finished_key from `base_key`. */
int tls13_finished(enum prf_hash h, const uint8_t *base_key, const uint8_t *transcript_hash,
		   uint8_t *out) __attribute__((warn_unused_result));

#endif
