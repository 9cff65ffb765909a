#include "crypto/kdf.h"

#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/hmac.h>
#include <wolfssl/wolfcrypt/kdf.h>

#include "base/buf.h"

static int hash_type(enum prf_hash h)
{
	return h == PRF_SHA384 ? WC_SHA384 : h == PRF_SHA1 ? WC_SHA : WC_SHA256;
}

/* The wc_Hash* type of a hash other than PRF_MD5_SHA1. */
static enum wc_HashType hash_kind(enum prf_hash h)
{
	return h == PRF_SHA384 ? WC_HASH_TYPE_SHA384
	       : h == PRF_SHA1 ? WC_HASH_TYPE_SHA
			       : WC_HASH_TYPE_SHA256;
}

size_t crypto_hash_len(enum prf_hash h)
{
	return h == PRF_SHA384 ? 48 : h == PRF_SHA1 ? 20 : h == PRF_MD5_SHA1 ? 36 : 32;
}

int crypto_hash(enum prf_hash h, const uint8_t *data, size_t len, uint8_t *out)
{
	if (h == PRF_MD5_SHA1)
		return wc_Hash(WC_HASH_TYPE_MD5, data, (word32)len, out, 16) == 0 &&
				       wc_Hash(WC_HASH_TYPE_SHA, data, (word32)len, out + 16, 20) == 0
			       ? 0
			       : -1;
	return wc_Hash(hash_kind(h), data, (word32)len, out, (word32)crypto_hash_len(h)) == 0
		       ? 0
		       : -1;
}

/* wolfCrypt's hash of the bytes so far, without ending it (it takes more bytes after). */
static int peek_hash(enum prf_hash h, wc_HashAlg *state, uint8_t *out)
{
	switch (h) {
	case PRF_SHA384:
		return wc_Sha384GetHash(&state->sha384, out);
	case PRF_SHA1:
		return wc_ShaGetHash(&state->sha, out);
	default:
		return wc_Sha256GetHash(&state->sha256, out);
	}
}

void crypto_prefix_hash_reset(struct crypto_prefix_hash *p)
{
	if (p->state) {
		wc_HashFree(p->state, hash_kind(p->hash));
		free(p->state);
	}
	p->state = NULL;
	p->absorbed = 0;
}

int crypto_prefix_hash(struct crypto_prefix_hash *p, enum prf_hash h, const uint8_t *data,
		       size_t len, uint8_t *out)
{
	if (h == PRF_MD5_SHA1 || len < p->absorbed)
		return crypto_hash(h, data, len, out); /* no running state for these */
	if (p->state && p->hash != h)
		crypto_prefix_hash_reset(p);
	if (!p->state) {
		p->state = xmalloc(sizeof(wc_HashAlg));
		p->hash = h;
		if (wc_HashInit(p->state, hash_kind(h)) != 0) {
			free(p->state);
			p->state = NULL;
			return -1;
		}
	}
	if (len > p->absorbed &&
	    wc_HashUpdate(p->state, hash_kind(h), data + p->absorbed, (word32)(len - p->absorbed)) != 0) {
		crypto_prefix_hash_reset(p);
		return -1;
	}
	p->absorbed = len;
	return peek_hash(h, p->state, out) == 0 ? 0 : -1;
}

int crypto_hmac(enum prf_hash h, const uint8_t *key, size_t key_len, const uint8_t *data,
		size_t len, uint8_t *out)
{
	Hmac hmac;
	if (wc_HmacInit(&hmac, NULL, INVALID_DEVID) != 0)
		return -1;
	int ret = wc_HmacSetKey(&hmac, hash_type(h), key, (word32)key_len);
	if (ret == 0)
		ret = wc_HmacUpdate(&hmac, data, (word32)len);
	if (ret == 0)
		ret = wc_HmacFinal(&hmac, out);
	wc_HmacFree(&hmac);
	return ret == 0 ? 0 : -1;
}

int crypto_hkdf_extract(enum prf_hash h, const uint8_t *salt, size_t salt_len,
			const uint8_t *ikm, size_t ikm_len, uint8_t *out)
{
	static const uint8_t zeros[HASH_MAX];
	size_t len = crypto_hash_len(h);
	uint8_t ikm_copy[1024]; /* up to an ffdhe8192 shared secret */
	if (ikm_len == 0) {
		ikm = zeros;
		ikm_len = len;
	}
	if (salt_len == 0) {
		salt = zeros;
		salt_len = len;
	}
	if (ikm_len > sizeof(ikm_copy))
		return -1;
	memcpy(ikm_copy, ikm, ikm_len); /* wolfCrypt takes a non-const input */
	return wc_HKDF_Extract(hash_type(h), salt, (word32)salt_len, ikm_copy, (word32)ikm_len,
			       out) == 0 ? 0 : -1;
}

int crypto_expand_label(enum prf_hash h, const uint8_t *secret, const char *label,
			const uint8_t *context, size_t context_len, uint8_t *out, size_t out_len)
{
	static const uint8_t protocol[] = "tls13 ";
	return wc_Tls13_HKDF_Expand_Label(out, (word32)out_len, secret, (word32)crypto_hash_len(h),
					  protocol, 6, (const byte *)label, (word32)strlen(label),
					  context, (word32)context_len, hash_type(h)) == 0 ? 0 : -1;
}

int crypto_prf12(enum prf_hash h, const uint8_t *secret, size_t secret_len, const char *label,
		 const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
{
	if (h == PRF_MD5_SHA1)
		return wc_PRF_TLSv1(out, (word32)out_len, secret, (word32)secret_len,
				    (const byte *)label, (word32)strlen(label), seed, (word32)seed_len,
				    NULL, INVALID_DEVID) == 0
			       ? 0
			       : -1;
	return wc_PRF_TLS(out, (word32)out_len, secret, (word32)secret_len, (const byte *)label,
			  (word32)strlen(label), seed, (word32)seed_len, 1,
			  h == PRF_SHA384 ? sha384_mac : sha256_mac, NULL, INVALID_DEVID) == 0
		       ? 0
		       : -1;
}

/* Derive-Secret(secret, label, transcript hash) = HKDF-Expand-Label(.., Hash.length). */
static int derive_secret(const struct tls13_schedule *s, const uint8_t *secret, const char *label,
			 const uint8_t *hash, uint8_t *out)
{
	return crypto_expand_label(s->hash, secret, label, hash, s->len, out, s->len);
}

/* Derive-Secret(secret, "derived", "") as the salt of the next extract. */
static int derived(const struct tls13_schedule *s, const uint8_t *secret, uint8_t *out)
{
	uint8_t empty_hash[HASH_MAX];
	if (crypto_hash(s->hash, NULL, 0, empty_hash) != 0)
		return -1;
	return derive_secret(s, secret, "derived", empty_hash, out);
}

int tls13_handshake_secrets(struct tls13_schedule *s, enum prf_hash h, const uint8_t *psk,
			    size_t psk_len, const uint8_t *shared, size_t shared_len,
			    const uint8_t *hello_hash)
{
	memset(s, 0, sizeof(*s));
	s->hash = h;
	s->len = crypto_hash_len(h);
	uint8_t salt[HASH_MAX];
	if (crypto_hkdf_extract(h, NULL, 0, psk, psk ? psk_len : 0, s->early_secret) != 0 ||
	    derived(s, s->early_secret, salt) != 0 ||
	    crypto_hkdf_extract(h, salt, s->len, shared, shared_len, s->handshake_secret) != 0 ||
	    derive_secret(s, s->handshake_secret, "c hs traffic", hello_hash,
			  s->client_handshake_traffic_secret) != 0 ||
	    derive_secret(s, s->handshake_secret, "s hs traffic", hello_hash,
			  s->server_handshake_traffic_secret) != 0)
		return -1;
	return 0;
}

int tls13_application_secrets(struct tls13_schedule *s, const uint8_t *server_finished_hash)
{
	uint8_t salt[HASH_MAX];
	if (derived(s, s->handshake_secret, salt) != 0 ||
	    crypto_hkdf_extract(s->hash, salt, s->len, NULL, 0, s->master_secret) != 0 ||
	    derive_secret(s, s->master_secret, "c ap traffic", server_finished_hash,
			  s->client_application_traffic_secret_0) != 0 ||
	    derive_secret(s, s->master_secret, "s ap traffic", server_finished_hash,
			  s->server_application_traffic_secret_0) != 0 ||
	    derive_secret(s, s->master_secret, "exp master", server_finished_hash,
			  s->exporter_master_secret) != 0)
		return -1;
	return 0;
}

int tls13_resumption_secret(struct tls13_schedule *s, const uint8_t *client_finished_hash)
{
	return derive_secret(s, s->master_secret, "res master", client_finished_hash,
			     s->resumption_master_secret);
}

int tls13_finished(enum prf_hash h, const uint8_t *base_key, const uint8_t *transcript_hash,
		   uint8_t *out)
{
	uint8_t key[HASH_MAX];
	size_t len = crypto_hash_len(h);
	if (crypto_expand_label(h, base_key, "finished", NULL, 0, key, len) != 0)
		return -1;
	return crypto_hmac(h, key, len, transcript_hash, len, out);
}
