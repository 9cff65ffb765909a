#include "crypto/crypto.h"
#include "crypto/kdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/chacha.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>
#include <wolfssl/wolfcrypt/dh.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/kdf.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#define RECORD_HEADER_LEN 5
#define TLS12_EXPLICIT_NONCE_LEN 8
#define CBC_BLOCK 16

#define AEAD(code, tls13, cipher, key, tag, hash) \
	{ code, tls13, cipher, key, tag, hash, PRF_SHA256, false }
#define RSA_AEAD(code, cipher, key, tag, hash) { code, false, cipher, key, tag, hash, PRF_SHA256, true }
#define CBC(code, key, hash, mac, rsa) { code, false, CIPHER_AES_CBC, key, 0, hash, mac, rsa }

static const struct suite_params suites[] = {
	AEAD(0x1301, true, CIPHER_AES_GCM, 16, 16, PRF_SHA256), /* TLS_AES_128_GCM_SHA256 */
	AEAD(0x1302, true, CIPHER_AES_GCM, 32, 16, PRF_SHA384), /* TLS_AES_256_GCM_SHA384 */
	AEAD(0x1303, true, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256),
	AEAD(0x1304, true, CIPHER_AES_CCM, 16, 16, PRF_SHA256), /* TLS_AES_128_CCM_SHA256 */
	AEAD(0x1305, true, CIPHER_AES_CCM, 16, 8, PRF_SHA256),  /* TLS_AES_128_CCM_8_SHA256 */
	RSA_AEAD(0x009c, CIPHER_AES_GCM, 16, 16, PRF_SHA256),   /* TLS_RSA_WITH_AES_128_GCM */
	RSA_AEAD(0x009d, CIPHER_AES_GCM, 32, 16, PRF_SHA384),   /* TLS_RSA_WITH_AES_256_GCM */
	AEAD(0x009e, false, CIPHER_AES_GCM, 16, 16, PRF_SHA256), /* DHE_RSA_WITH_AES_128_GCM */
	AEAD(0x009f, false, CIPHER_AES_GCM, 32, 16, PRF_SHA384), /* DHE_RSA_WITH_AES_256_GCM */
	AEAD(0xc02b, false, CIPHER_AES_GCM, 16, 16, PRF_SHA256), /* ECDHE_ECDSA_WITH_AES_128_GCM */
	AEAD(0xc02c, false, CIPHER_AES_GCM, 32, 16, PRF_SHA384), /* ECDHE_ECDSA_WITH_AES_256_GCM */
	AEAD(0xc02f, false, CIPHER_AES_GCM, 16, 16, PRF_SHA256), /* ECDHE_RSA_WITH_AES_128_GCM */
	AEAD(0xc030, false, CIPHER_AES_GCM, 32, 16, PRF_SHA384), /* ECDHE_RSA_WITH_AES_256_GCM */
	AEAD(0xc0ac, false, CIPHER_AES_CCM, 16, 16, PRF_SHA256), /* ECDHE_ECDSA_WITH_AES_128_CCM */
	AEAD(0xc0ae, false, CIPHER_AES_CCM, 16, 8, PRF_SHA256),  /* ECDHE_ECDSA_WITH_AES_128_CCM_8 */
	AEAD(0xcca8, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* ECDHE_RSA_CHACHA20 */
	AEAD(0xcca9, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* ECDHE_ECDSA_CHACHA20 */
	AEAD(0xccaa, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* DHE_RSA_CHACHA20 */
	/*
	 * PSK suites (RFC 7905, RFC 5487, RFC 6655): met in capture files, opened
	 * with the key log's master secret (tlsviz runs none of them itself).
	 */
	AEAD(0xccab, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* PSK_CHACHA20 */
	AEAD(0xccac, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* ECDHE_PSK_CHACHA20 */
	AEAD(0xccad, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* DHE_PSK_CHACHA20 */
	AEAD(0xccae, false, CIPHER_CHACHA20_POLY1305, 32, 16, PRF_SHA256), /* RSA_PSK_CHACHA20 */
	AEAD(0x00a9, false, CIPHER_AES_GCM, 32, 16, PRF_SHA384), /* PSK_WITH_AES_256_GCM_SHA384 */
	AEAD(0xc0a4, false, CIPHER_AES_CCM, 16, 16, PRF_SHA256), /* PSK_WITH_AES_128_CCM */
	CBC(0x002f, 16, PRF_SHA256, PRF_SHA1, true),    /* TLS_RSA_WITH_AES_128_CBC_SHA */
	CBC(0x0035, 32, PRF_SHA256, PRF_SHA1, true),    /* TLS_RSA_WITH_AES_256_CBC_SHA */
	CBC(0x003c, 16, PRF_SHA256, PRF_SHA256, true),  /* TLS_RSA_WITH_AES_128_CBC_SHA256 */
	CBC(0x003d, 32, PRF_SHA256, PRF_SHA256, true),  /* TLS_RSA_WITH_AES_256_CBC_SHA256 */
	CBC(0x0033, 16, PRF_SHA256, PRF_SHA1, false),   /* TLS_DHE_RSA_WITH_AES_128_CBC_SHA */
	CBC(0x0039, 32, PRF_SHA256, PRF_SHA1, false),   /* TLS_DHE_RSA_WITH_AES_256_CBC_SHA */
	CBC(0x0038, 32, PRF_SHA256, PRF_SHA1, false),   /* TLS_DHE_DSS_WITH_AES_256_CBC_SHA */
	CBC(0x0067, 16, PRF_SHA256, PRF_SHA256, false), /* TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 */
	CBC(0xc009, 16, PRF_SHA256, PRF_SHA1, false),   /* ECDHE_ECDSA_WITH_AES_128_CBC_SHA */
	CBC(0xc00a, 32, PRF_SHA256, PRF_SHA1, false),   /* ECDHE_ECDSA_WITH_AES_256_CBC_SHA */
	CBC(0xc013, 16, PRF_SHA256, PRF_SHA1, false),   /* ECDHE_RSA_WITH_AES_128_CBC_SHA */
	CBC(0xc014, 32, PRF_SHA256, PRF_SHA1, false),   /* ECDHE_RSA_WITH_AES_256_CBC_SHA */
	CBC(0xc023, 16, PRF_SHA256, PRF_SHA256, false), /* ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 */
	CBC(0xc024, 32, PRF_SHA384, PRF_SHA384, false), /* ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 */
	CBC(0xc027, 16, PRF_SHA256, PRF_SHA256, false), /* ECDHE_RSA_WITH_AES_128_CBC_SHA256 */
	CBC(0xc028, 32, PRF_SHA384, PRF_SHA384, false), /* ECDHE_RSA_WITH_AES_256_CBC_SHA384 */
};

const struct suite_params *crypto_suite(uint16_t code)
{
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		if (suites[i].code == code)
			return &suites[i];
	return NULL;
}

int crypto_tls13_keys(const struct suite_params *suite, const uint8_t *secret, size_t secret_len,
		      struct record_keys *out)
{
	memset(out, 0, sizeof(*out));
	out->suite = suite;
	out->iv_len = 12;
	(void)secret_len;
	if (crypto_expand_label(suite->hash, secret, "key", NULL, 0, out->key, suite->key_len) != 0 ||
	    crypto_expand_label(suite->hash, secret, "iv", NULL, 0, out->iv, out->iv_len) != 0)
		return -1;
	return 0;
}

static int key_block(const struct suite_params *suite, const uint8_t master[48],
		     const uint8_t client_random[32], const uint8_t server_random[32],
		     bool encrypt_then_mac, bool implicit_iv, struct record_keys *client,
		     struct record_keys *server);

int crypto_tls12_keys(const struct suite_params *suite, const uint8_t master[48],
		      const uint8_t client_random[32], const uint8_t server_random[32],
		      bool encrypt_then_mac, struct record_keys *client, struct record_keys *server)
{
	return key_block(suite, master, client_random, server_random, encrypt_then_mac, false,
			 client, server);
}

int crypto_tls10_keys(const struct suite_params *suite, const uint8_t master[48],
		      const uint8_t client_random[32], const uint8_t server_random[32],
		      bool encrypt_then_mac, struct record_keys *client, struct record_keys *server)
{
	if (suite->cipher != CIPHER_AES_CBC)
		return -1; /* TLS 1.0 has no AEAD suites */
	return key_block(suite, master, client_random, server_random, encrypt_then_mac, true,
			 client, server);
}

static int key_block(const struct suite_params *suite, const uint8_t master[48],
		     const uint8_t client_random[32], const uint8_t server_random[32],
		     bool encrypt_then_mac, bool implicit_iv, struct record_keys *client,
		     struct record_keys *server)
{
	/*
	 * key_block = PRF(master_secret, "key expansion", server_random + client_random),
	 * cut into client and server MAC keys (CBC only), write keys, then IVs.
	 */
	uint8_t seed[64], block[2 * 48 + 2 * 32 + 2 * 16];
	memcpy(seed, server_random, 32);
	memcpy(seed + 32, client_random, 32);
	bool cbc = suite->cipher == CIPHER_AES_CBC;
	size_t mac_len = cbc ? crypto_hash_len(suite->mac) : 0;
	size_t iv_len = cbc ? 0 : suite->cipher == CIPHER_CHACHA20_POLY1305 ? 12 : 4;
	size_t cbc_iv_len = implicit_iv ? CBC_BLOCK : 0;
	size_t block_len = 2 * mac_len + 2 * suite->key_len + 2 * iv_len + 2 * cbc_iv_len;
	if (crypto_prf12(suite->hash, master, 48, "key expansion", seed, sizeof(seed), block,
			 block_len) != 0)
		return -1;
	struct record_keys *sides[2] = { client, server };
	for (size_t i = 0; i < 2; i++) {
		struct record_keys *k = sides[i];
		memset(k, 0, sizeof(*k));
		k->suite = suite;
		k->iv_len = iv_len;
		k->mac_key_len = mac_len;
		k->encrypt_then_mac = cbc && encrypt_then_mac;
		memcpy(k->mac_key, block + i * mac_len, mac_len);
		memcpy(k->key, block + 2 * mac_len + i * suite->key_len, suite->key_len);
		memcpy(k->iv, block + 2 * mac_len + 2 * suite->key_len + i * iv_len, iv_len);
		k->implicit_iv = implicit_iv;
		memcpy(k->cbc_iv, block + 2 * mac_len + 2 * suite->key_len + i * cbc_iv_len,
		       cbc_iv_len);
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

static int aead_open(const struct record_keys *k, const uint8_t nonce[12], const uint8_t *aad,
		     size_t aad_len, const uint8_t *cipher, size_t cipher_len, const uint8_t *tag,
		     uint8_t *out)
{
	const struct suite_params *s = k->suite;
	if (s->cipher == CIPHER_CHACHA20_POLY1305)
		return wc_ChaCha20Poly1305_Decrypt(k->key, nonce, aad, (word32)aad_len, cipher,
						   (word32)cipher_len, tag, out) == 0 ? 0 : -1;
	Aes aes;
	if (wc_AesInit(&aes, NULL, INVALID_DEVID) != 0)
		return -1;
	int ret;
	if (s->cipher == CIPHER_AES_CCM) {
		ret = wc_AesCcmSetKey(&aes, k->key, (word32)s->key_len);
		if (ret == 0)
			ret = wc_AesCcmDecrypt(&aes, out, cipher, (word32)cipher_len, nonce, 12, tag,
					       (word32)s->tag_len, aad, (word32)aad_len);
	} else {
		ret = wc_AesGcmSetKey(&aes, k->key, (word32)s->key_len);
		if (ret == 0)
			ret = wc_AesGcmDecrypt(&aes, out, cipher, (word32)cipher_len, nonce, 12, tag,
					       (word32)s->tag_len, aad, (word32)aad_len);
	}
	wc_AesFree(&aes);
	return ret == 0 ? 0 : -1;
}

/* RFC 5246, 6.2.3.1: seq_num + type + version + length, the prefix of the MAC and the AAD. */
static void sequence_header(const struct record_keys *k, const uint8_t *record, size_t length,
			    uint8_t out[13])
{
	for (int i = 0; i < 8; i++)
		out[i] = (uint8_t)(k->seq >> (56 - 8 * i));
	memcpy(out + 8, record, 3);
	out[11] = (uint8_t)(length >> 8);
	out[12] = (uint8_t)length;
}

static int open_aead(struct record_keys *k, const uint8_t *record, size_t len, struct buf *plain,
		     struct record_layout *l)
{
	const struct suite_params *s = k->suite;
	size_t at = RECORD_HEADER_LEN;
	uint8_t nonce[12], aad[13];
	size_t aad_len;
	if (!s->tls13 && k->iv_len == 4) {
		/* RFC 5288, 6646: the nonce is the 4-byte salt and the record's explicit 8 bytes. */
		if (len < at + TLS12_EXPLICIT_NONCE_LEN + s->tag_len)
			return -1;
		memcpy(nonce, k->iv, 4);
		memcpy(nonce + 4, record + at, TLS12_EXPLICIT_NONCE_LEN);
		l->nonce_at = at;
		l->nonce_len = TLS12_EXPLICIT_NONCE_LEN;
		at += TLS12_EXPLICIT_NONCE_LEN;
	} else {
		xor_nonce(k, nonce); /* RFC 8446, 5.3; RFC 7905 */
	}
	if (len < at + s->tag_len)
		return -1;
	size_t cipher_len = len - at - s->tag_len;
	if (s->tls13) {
		/* RFC 8446, 5.2: the additional data is the record header itself. */
		memcpy(aad, record, RECORD_HEADER_LEN);
		aad_len = RECORD_HEADER_LEN;
	} else {
		sequence_header(k, record, cipher_len, aad);
		aad_len = 13;
	}
	uint8_t *out = xmalloc(cipher_len);
	int ret = aead_open(k, nonce, aad, aad_len, record + at, cipher_len,
			    record + at + cipher_len, out);
	l->content_at = at;
	l->tag_at = at + cipher_len;
	l->tag_len = s->tag_len;
	size_t content_len = cipher_len;
	if (ret == 0 && s->tls13) {
		/* TLSInnerPlaintext: the content, its real type, then zeros. */
		while (content_len > 0 && out[content_len - 1] == 0)
			content_len--;
		if (content_len == 0) {
			ret = -1;
		} else {
			content_len--;
			l->inner_type = out[content_len];
			l->type_at = at + content_len;
			l->padding_at = l->type_at + 1;
			l->padding_len = cipher_len - content_len - 1;
		}
	}
	if (ret == 0) {
		l->content_len = content_len;
		buf_append(plain, out, content_len);
	}
	free(out);
	return ret;
}

/*
 * RFC 5246, 6.2.3.2 (MAC then encrypt) and RFC 7366 (encrypt then MAC):
 *   IV | E(content | MAC | padding | padding_length)    or
 *   IV | E(content | padding | padding_length) | MAC
 */
static int open_cbc(struct record_keys *k, const uint8_t *record, size_t len, struct buf *plain,
		    struct record_layout *l)
{
	const struct suite_params *s = k->suite;
	size_t mac_len = k->mac_key_len;
	size_t at = RECORD_HEADER_LEN + (k->implicit_iv ? 0 : CBC_BLOCK);
	size_t cipher_len = len - at - (k->encrypt_then_mac ? mac_len : 0);
	uint8_t header[13], mac[48];
	/*
	 * At least one block of ciphertext (and the MAC after it with
	 * encrypt_then_mac); a MAC inside the encryption is checked with the
	 * padding below. A short message (ServerHelloDone, 4 bytes) with a
	 * 20-byte MAC fits in two blocks.
	 */
	if (len < at + (k->encrypt_then_mac ? mac_len : 0) + CBC_BLOCK || cipher_len % CBC_BLOCK)
		return -1;
	l->nonce_at = k->implicit_iv ? 0 : RECORD_HEADER_LEN;
	l->nonce_len = k->implicit_iv ? 0 : CBC_BLOCK;
	const uint8_t *iv = k->implicit_iv ? k->cbc_iv : record + RECORD_HEADER_LEN;
	if (k->encrypt_then_mac) {
		/* The MAC covers the IV and the ciphertext, and is checked before decrypting. */
		struct buf macced = BUF_INIT;
		sequence_header(k, record, len - RECORD_HEADER_LEN - mac_len, header);
		buf_append(&macced, header, 13);
		buf_append(&macced, record + RECORD_HEADER_LEN, len - RECORD_HEADER_LEN - mac_len);
		int ret = crypto_hmac(s->mac, k->mac_key, mac_len, macced.data, macced.len, mac);
		buf_release(&macced);
		if (ret != 0 || memcmp(mac, record + len - mac_len, mac_len) != 0)
			return -1;
	}
	Aes aes;
	uint8_t *out = xmalloc(cipher_len);
	int ret = -1;
	if (wc_AesInit(&aes, NULL, INVALID_DEVID) == 0) {
		if (wc_AesSetKey(&aes, k->key, (word32)s->key_len, iv, AES_DECRYPTION) == 0 &&
		    wc_AesCbcDecrypt(&aes, out, record + at, (word32)cipher_len) == 0)
			ret = 0;
		wc_AesFree(&aes);
	}
	size_t pad = ret == 0 ? (size_t)out[cipher_len - 1] + 1 : 0;
	size_t tail = pad + (k->encrypt_then_mac ? 0 : mac_len);
	if (ret == 0 && tail > cipher_len)
		ret = -1;
	for (size_t i = 0; ret == 0 && i < pad; i++)
		if (out[cipher_len - 1 - i] != pad - 1)
			ret = -1;
	size_t content_len = ret == 0 ? cipher_len - tail : 0;
	if (ret == 0 && !k->encrypt_then_mac) {
		sequence_header(k, record, content_len, header);
		struct buf macced = BUF_INIT;
		buf_append(&macced, header, 13);
		buf_append(&macced, out, content_len);
		if (crypto_hmac(s->mac, k->mac_key, mac_len, macced.data, macced.len, mac) != 0 ||
		    memcmp(mac, out + content_len, mac_len) != 0)
			ret = -1;
		buf_release(&macced);
	}
	if (ret == 0) {
		l->content_at = at;
		l->content_len = content_len;
		l->mac_len = mac_len;
		l->mac_at = k->encrypt_then_mac ? len - mac_len : at + content_len;
		l->padding_len = pad;
		l->padding_at = at + cipher_len - pad;
		buf_append(plain, out, content_len);
		if (k->implicit_iv) /* the next record's IV: this one's last ciphertext block */
			memcpy(k->cbc_iv, record + at + cipher_len - CBC_BLOCK, CBC_BLOCK);
	}
	free(out);
	return ret;
}

int crypto_open_record(struct record_keys *k, const uint8_t *record, size_t len,
		       struct buf *plain, struct record_layout *layout)
{
	memset(layout, 0, sizeof(*layout));
	if (len < RECORD_HEADER_LEN)
		return -1;
	int ret = k->suite->cipher == CIPHER_AES_CBC ? open_cbc(k, record, len, plain, layout)
						     : open_aead(k, record, len, plain, layout);
	if (ret == 0)
		k->seq++;
	return ret;
}

/* ---- QUIC (RFC 9001, 5; RFC 9369, 3.3) ---- */

/* The IETF drafts 29 to 34 (0xff00001d to 0xff000022) have version 1's packets and labels. */
static bool quic_draft(uint32_t version)
{
	return version >= 0xff00001d && version <= 0xff000022;
}

bool crypto_quic_version_known(uint32_t version)
{
	return version == QUIC_VERSION_1 || version == QUIC_VERSION_2 || quic_draft(version);
}

/* The labels of version 2 begin "quicv2 " where version 1's begin "quic " (RFC 9369, 3.3.2). */
static const char *quic_label(uint32_t version, const char *what, char out[16])
{
	snprintf(out, 16, "%s %s", version == QUIC_VERSION_2 ? "quicv2" : "quic", what);
	return out;
}

int crypto_quic_initial_secrets(uint32_t version, const uint8_t *dcid, size_t dcid_len,
				uint8_t initial[32], uint8_t client[32], uint8_t server[32])
{
	/* RFC 9001, 5.2 and RFC 9369, 3.3.1 */
	static const uint8_t salt_v1[20] = { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
					     0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a };
	static const uint8_t salt_v2[20] = { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
					     0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9 };
	/* A client's first Destination Connection ID is at least 8 bytes (RFC 9000, 7.2). */
	if (!crypto_quic_version_known(version) || dcid_len == 0)
		return -1;
	/* draft-ietf-quic-tls-29, 5.2 (drafts 30 to 32 keep it; 33 and 34 have version 1's) */
	static const uint8_t salt_draft29[20] = { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2,
						  0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61,
						  0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 };
	const uint8_t *salt = version == QUIC_VERSION_2 ? salt_v2
			      : quic_draft(version) && version <= 0xff000020 ? salt_draft29
									      : salt_v1;
	if (crypto_hkdf_extract(PRF_SHA256, salt, sizeof(salt_v1), dcid, dcid_len, initial) != 0 ||
	    crypto_expand_label(PRF_SHA256, initial, "client in", NULL, 0, client, 32) != 0 ||
	    crypto_expand_label(PRF_SHA256, initial, "server in", NULL, 0, server, 32) != 0)
		return -1;
	return 0;
}

int crypto_quic_keys(const struct suite_params *suite, uint32_t version, const uint8_t *secret,
		     struct quic_keys *out)
{
	char label[16];
	memset(out, 0, sizeof(*out));
	out->aead.suite = suite;
	out->aead.iv_len = 12;
	if (!suite->tls13 ||
	    crypto_expand_label(suite->hash, secret, quic_label(version, "key", label), NULL, 0,
				out->aead.key, suite->key_len) != 0 ||
	    crypto_expand_label(suite->hash, secret, quic_label(version, "iv", label), NULL, 0,
				out->aead.iv, 12) != 0 ||
	    crypto_expand_label(suite->hash, secret, quic_label(version, "hp", label), NULL, 0,
				out->hp, suite->key_len) != 0)
		return -1;
	return 0;
}

int crypto_quic_next_secret(const struct suite_params *suite, uint32_t version,
			    const uint8_t *secret, uint8_t *out)
{
	char label[16];
	size_t len = crypto_hash_len(suite->hash);
	return crypto_expand_label(suite->hash, secret, quic_label(version, "ku", label), NULL, 0, out,
				   len);
}

int crypto_quic_mask(const struct quic_keys *k, const uint8_t sample[16], uint8_t mask[5])
{
	const struct suite_params *s = k->aead.suite;
	if (s->cipher == CIPHER_CHACHA20_POLY1305) {
		/* 5.4.4: the sample's first 4 bytes are the block counter (little-endian), the rest the nonce. */
		static const uint8_t zeros[5];
		ChaCha chacha;
		word32 counter = (word32)sample[0] | (word32)sample[1] << 8 |
				 (word32)sample[2] << 16 | (word32)sample[3] << 24;
		return wc_Chacha_SetKey(&chacha, k->hp, 32) == 0 &&
			       wc_Chacha_SetIV(&chacha, sample + 4, counter) == 0 &&
			       wc_Chacha_Process(&chacha, mask, zeros, 5) == 0
		       ? 0
		       : -1;
	}
	/* 5.4.3: AES-ECB of the sample; one CBC block from a zero IV is the same. */
	static const uint8_t zero_iv[16];
	uint8_t block[16];
	Aes aes;
	if (wc_AesInit(&aes, NULL, INVALID_DEVID) != 0)
		return -1;
	int ret = wc_AesSetKey(&aes, k->hp, (word32)s->key_len, zero_iv, AES_ENCRYPTION);
	if (ret == 0)
		ret = wc_AesCbcEncrypt(&aes, block, sample, 16);
	wc_AesFree(&aes);
	if (ret != 0)
		return -1;
	memcpy(mask, block, 5);
	return 0;
}

int crypto_quic_open(const struct quic_keys *k, uint64_t packet_number, const uint8_t *header,
		     size_t header_len, const uint8_t *payload, size_t payload_len, struct buf *plain)
{
	struct record_keys nonce_keys = k->aead;
	size_t tag_len = k->aead.suite->tag_len;
	uint8_t nonce[12];
	if (payload_len < tag_len)
		return -1;
	nonce_keys.seq = packet_number;
	xor_nonce(&nonce_keys, nonce);
	size_t cipher_len = payload_len - tag_len;
	uint8_t *out = xmalloc(cipher_len ? cipher_len : 1);
	int ret = aead_open(&k->aead, nonce, header, header_len, payload, cipher_len,
			    payload + cipher_len, out);
	if (ret == 0)
		buf_append(plain, out, cipher_len);
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
#ifdef WC_RNG_SEED_CB
	/*
	 * wolfSSL_Init installs the entropy source; a capture opened from a file
	 * never starts the engine that calls it. (The engine sets its own
	 * source during a run, and this default back after it.)
	 */
	static bool seeded;
	if (!seeded) {
		wc_SetSeed_Cb(wc_GenerateSeed);
		seeded = true;
	}
#endif
	if (wc_InitRsaKey(&key, NULL) != 0)
		return -1;
#ifdef WC_RNG_SEED_CB
	/*
	 * Such builds give the RNG no entropy source until one is installed:
	 * wolfSSL_Init does, but a trace may be built without any run.
	 */
	wc_SetSeed_Cb(wc_GenerateSeed);
#endif
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

uint16_t crypto_ffdhe_group(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len)
{
	/* wolfCrypt numbers the named groups as TLS does (WC_FFDHE_2048 is 0x0100). */
	static const int groups[] = { WC_FFDHE_2048, WC_FFDHE_3072, WC_FFDHE_4096 };
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		byte named_p[512], named_g[8];
		word32 named_p_len = sizeof(named_p), named_g_len = sizeof(named_g);
		if (wc_DhCopyNamedKey(groups[i], named_p, &named_p_len, named_g, &named_g_len, NULL,
				      NULL) != 0)
			continue; /* not in this build */
		if (named_p_len == p_len && named_g_len == g_len && memcmp(named_p, p, p_len) == 0 &&
		    memcmp(named_g, g, g_len) == 0)
			return (uint16_t)groups[i];
	}
	return 0;
}

int crypto_ffdhe_prime(uint16_t group, uint8_t *p, size_t cap)
{
	byte g[8];
	word32 p_len = (word32)cap, g_len = sizeof(g);
	if (wc_DhCopyNamedKey(group, p, &p_len, g, &g_len, NULL, NULL) != 0)
		return -1;
	return (int)p_len;
}
