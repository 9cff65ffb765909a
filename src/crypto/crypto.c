#include "crypto/crypto.h"

#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/kdf.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#define RECORD_HEADER_LEN 5
#define TAG_LEN 16
#define TLS12_EXPLICIT_NONCE_LEN 8

static const struct suite_params suites[] = {
	{ 0x1301, true, AEAD_AES_128_GCM, PRF_SHA256, false },       /* TLS_AES_128_GCM_SHA256 */
	{ 0x1302, true, AEAD_AES_256_GCM, PRF_SHA384, false },       /* TLS_AES_256_GCM_SHA384 */
	{ 0x1303, true, AEAD_CHACHA20_POLY1305, PRF_SHA256, false }, /* TLS_CHACHA20_POLY1305_SHA256 */
	{ 0x009c, false, AEAD_AES_128_GCM, PRF_SHA256, true }, /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
	{ 0x009d, false, AEAD_AES_256_GCM, PRF_SHA384, true }, /* TLS_RSA_WITH_AES_256_GCM_SHA384 */
	{ 0xc02b, false, AEAD_AES_128_GCM, PRF_SHA256, false },      /* ECDHE_ECDSA_WITH_AES_128_GCM */
	{ 0xc02c, false, AEAD_AES_256_GCM, PRF_SHA384, false },      /* ECDHE_ECDSA_WITH_AES_256_GCM */
	{ 0xc02f, false, AEAD_AES_128_GCM, PRF_SHA256, false },      /* ECDHE_RSA_WITH_AES_128_GCM */
	{ 0xc030, false, AEAD_AES_256_GCM, PRF_SHA384, false },      /* ECDHE_RSA_WITH_AES_256_GCM */
	{ 0xcca8, false, AEAD_CHACHA20_POLY1305, PRF_SHA256, false }, /* ECDHE_RSA_WITH_CHACHA20 */
	{ 0xcca9, false, AEAD_CHACHA20_POLY1305, PRF_SHA256, false }, /* ECDHE_ECDSA_WITH_CHACHA20 */
};

const struct suite_params *crypto_suite(uint16_t code)
{
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		if (suites[i].code == code)
			return &suites[i];
	return NULL;
}

static size_t aead_key_len(enum aead a)
{
	return a == AEAD_AES_128_GCM ? 16 : 32;
}

int crypto_tls13_keys(const struct suite_params *suite, const uint8_t *secret, size_t secret_len,
		      struct record_keys *out)
{
	static const uint8_t protocol[] = "tls13 ";
	int digest = suite->hash == PRF_SHA384 ? WC_SHA384 : WC_SHA256;
	memset(out, 0, sizeof(*out));
	out->suite = suite;
	out->key_len = aead_key_len(suite->aead);
	out->iv_len = 12;
	if (wc_Tls13_HKDF_Expand_Label(out->key, (word32)out->key_len, secret, (word32)secret_len,
				       protocol, 6, (const byte *)"key", 3, NULL, 0, digest) != 0 ||
	    wc_Tls13_HKDF_Expand_Label(out->iv, (word32)out->iv_len, secret, (word32)secret_len,
				       protocol, 6, (const byte *)"iv", 2, NULL, 0, digest) != 0)
		return -1;
	return 0;
}

int crypto_tls12_keys(const struct suite_params *suite, const uint8_t master[48],
		      const uint8_t client_random[32], const uint8_t server_random[32],
		      struct record_keys *client, struct record_keys *server)
{
	/*
	 * key_block = PRF(master_secret, "key expansion", server_random + client_random),
	 * cut into client_write_key, server_write_key, client_write_IV, server_write_IV
	 * (AEAD suites have no MAC keys).
	 */
	uint8_t seed[64], block[2 * 32 + 2 * 12];
	memcpy(seed, server_random, 32);
	memcpy(seed + 32, client_random, 32);
	size_t key_len = aead_key_len(suite->aead);
	size_t iv_len = suite->aead == AEAD_CHACHA20_POLY1305 ? 12 : 4;
	size_t block_len = 2 * key_len + 2 * iv_len;
	static const char label[] = "key expansion";
	if (wc_PRF_TLS(block, (word32)block_len, master, 48, (const byte *)label,
		       (word32)strlen(label), seed, sizeof(seed), 1,
		       suite->hash == PRF_SHA384 ? sha384_mac : sha256_mac, NULL,
		       INVALID_DEVID) != 0)
		return -1;
	struct record_keys *sides[2] = { client, server };
	for (int i = 0; i < 2; i++) {
		memset(sides[i], 0, sizeof(*sides[i]));
		sides[i]->suite = suite;
		sides[i]->key_len = key_len;
		sides[i]->iv_len = iv_len;
		memcpy(sides[i]->key, block + (size_t)i * key_len, key_len);
		memcpy(sides[i]->iv, block + 2 * key_len + (size_t)i * iv_len, iv_len);
	}
	return 0;
}

/* The per-record nonce: the IV with the sequence number XORed into its last 8 bytes. */
static void xor_nonce(const struct record_keys *k, uint8_t nonce[12])
{
	memcpy(nonce, k->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(k->seq >> (8 * i));
}

static int aead_open(enum aead a, const uint8_t *key, size_t key_len, const uint8_t nonce[12],
		     const uint8_t *aad, size_t aad_len, const uint8_t *cipher, size_t cipher_len,
		     const uint8_t tag[TAG_LEN], uint8_t *out)
{
	if (a == AEAD_CHACHA20_POLY1305)
		return wc_ChaCha20Poly1305_Decrypt(key, nonce, aad, (word32)aad_len, cipher,
						   (word32)cipher_len, tag, out) == 0 ? 0 : -1;
	Aes aes;
	if (wc_AesInit(&aes, NULL, INVALID_DEVID) != 0)
		return -1;
	int ret = wc_AesGcmSetKey(&aes, key, (word32)key_len);
	if (ret == 0)
		ret = wc_AesGcmDecrypt(&aes, out, cipher, (word32)cipher_len, nonce, 12, tag,
				       TAG_LEN, aad, (word32)aad_len);
	wc_AesFree(&aes);
	return ret == 0 ? 0 : -1;
}

int crypto_open_record(struct record_keys *k, const uint8_t *record, size_t len,
		       struct buf *plain)
{
	if (len < RECORD_HEADER_LEN + TAG_LEN)
		return -1;
	const uint8_t *body = record + RECORD_HEADER_LEN;
	size_t body_len = len - RECORD_HEADER_LEN;
	uint8_t nonce[12], aad[13];
	size_t aad_len;

	if (k->suite->tls13) {
		/* RFC 8446, 5.2: the additional data is the record header itself. */
		xor_nonce(k, nonce);
		memcpy(aad, record, RECORD_HEADER_LEN);
		aad_len = RECORD_HEADER_LEN;
	} else {
		if (k->iv_len == 4) {
			/* RFC 5288: the nonce is the 4-byte salt and the record's explicit 8 bytes. */
			if (body_len < TLS12_EXPLICIT_NONCE_LEN + TAG_LEN)
				return -1;
			memcpy(nonce, k->iv, 4);
			memcpy(nonce + 4, body, TLS12_EXPLICIT_NONCE_LEN);
			body += TLS12_EXPLICIT_NONCE_LEN;
			body_len -= TLS12_EXPLICIT_NONCE_LEN;
		} else {
			xor_nonce(k, nonce); /* RFC 7905 */
		}
		/* RFC 5246, 6.2.3.3: seq_num + type + version + plaintext length. */
		size_t plain_len = body_len - TAG_LEN;
		for (int i = 0; i < 8; i++)
			aad[i] = (uint8_t)(k->seq >> (56 - 8 * i));
		memcpy(aad + 8, record, 3);
		aad[11] = (uint8_t)(plain_len >> 8);
		aad[12] = (uint8_t)plain_len;
		aad_len = 13;
	}

	size_t cipher_len = body_len - TAG_LEN;
	uint8_t *out = xmalloc(cipher_len);
	int ret = aead_open(k->suite->aead, k->key, k->key_len, nonce, aad, aad_len, body,
			    cipher_len, body + cipher_len, out);
	if (ret == 0) {
		buf_append(plain, out, cipher_len);
		k->seq++;
	}
	free(out);
	return ret;
}

int crypto_rsa_decrypt(const uint8_t *key_der, size_t key_len, const uint8_t *in, size_t in_len,
		       uint8_t *out, size_t out_cap)
{
	RsaKey key;
	WC_RNG rng;
	word32 idx = 0;
	int ret = -1;
	if (wc_InitRsaKey(&key, NULL) != 0)
		return -1;
	if (wc_InitRng(&rng) == 0) {
		/* RSA blinding needs randomness of its own. */
		if (wc_RsaPrivateKeyDecode(key_der, &idx, &key, (word32)key_len) == 0 &&
		    wc_RsaSetRNG(&key, &rng) == 0)
			ret = wc_RsaPrivateDecrypt(in, (word32)in_len, out, (word32)out_cap, &key);
		wc_FreeRng(&rng);
	}
	wc_FreeRsaKey(&key);
	return ret < 0 ? -1 : ret;
}
