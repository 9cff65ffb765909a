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

enum cipher {
	CIPHER_AES_GCM,
	CIPHER_AES_CCM,
	CIPHER_CHACHA20_POLY1305,
	CIPHER_AES_CBC, /* TLS 1.2, with an HMAC */
};

/* A hash: of the PRF and transcript (SHA-256, SHA-384), or of a CBC suite's HMAC (also SHA-1). */
enum prf_hash {
	PRF_SHA256,
	PRF_SHA384,
	PRF_SHA1,
	/*
	 * TLS 1.0 and 1.1 (RFC 4346, 5 and 7.4.9): the PRF is P_MD5 XOR P_SHA-1
	 * over the secret's two halves; the transcript hash is MD5 || SHA-1.
	 */
	PRF_MD5_SHA1,
};

/* How a cipher suite protects records; the registry names live in decode/. */
struct suite_params {
	uint16_t code;
	bool tls13;
	enum cipher cipher;
	size_t key_len;     /* 16 or 32 */
	size_t tag_len;     /* AEAD tag: 16, or 8 for the _8 suites; 0 for CBC */
	enum prf_hash hash; /* of the PRF (TLS 1.2) or HKDF (TLS 1.3) */
	enum prf_hash mac;  /* CBC suites: the HMAC's hash */
	bool rsa_key_transport; /* TLS 1.2 static RSA: the client encrypts the premaster */
};

/* The parameters of suite `code`, or NULL when tlsviz cannot decrypt it. */
const struct suite_params *crypto_suite(uint16_t code);

/* One direction's record protection: keys, IV and the next sequence number. */
struct record_keys {
	const struct suite_params *suite;
	uint8_t key[32];
	uint8_t iv[12];
	size_t iv_len; /* 12; 4 for TLS 1.2 GCM and CCM (the rest is explicit per record); 0 for CBC */
	uint8_t mac_key[48];
	size_t mac_key_len;
	bool encrypt_then_mac; /* RFC 7366, negotiated for CBC */
	uint64_t seq;
	/*
	 * TLS 1.0 CBC (RFC 2246, 6.2.3.2): no IV travels; each record's is the
	 * last ciphertext block of the one before, the first from the key block.
	 */
	bool implicit_iv;
	uint8_t cbc_iv[16];
};

/*
 * How an opened record's bytes divide: ranges within the record, header
 * included. Lengths are 0 for parts a record does not have.
 */
struct record_layout {
	size_t nonce_at, nonce_len;     /* explicit nonce (TLS 1.2 AEAD) or CBC IV */
	size_t content_at, content_len; /* where the plaintext content sits */
	size_t type_at;                 /* TLS 1.3 inner content type (1 byte), 0 when none */
	uint8_t inner_type;
	size_t padding_at, padding_len; /* TLS 1.3 zeros, or CBC padding with its length byte */
	size_t mac_at, mac_len;         /* CBC's HMAC */
	size_t tag_at, tag_len;         /* the AEAD tag */
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
		      bool encrypt_then_mac, struct record_keys *client, struct record_keys *server)
	__attribute__((warn_unused_result));
/* TLS 1.0 (RFC 2246, 6.3): the same, with the CBC IVs the key block ends with. */
int crypto_tls10_keys(const struct suite_params *suite, const uint8_t master[48],
		      const uint8_t client_random[32], const uint8_t server_random[32],
		      bool encrypt_then_mac, struct record_keys *client, struct record_keys *server)
	__attribute__((warn_unused_result));

/*
 * Opens one protected record: <record, len> is the whole record, header
 * included. Appends the content to `plain` (without TLS 1.3's inner type and
 * padding, CBC's MAC and padding), describes the bytes in `layout`, and
 * advances the sequence number. Returns 0, or -1 when the record does not
 * authenticate under these keys.
 */
int crypto_open_record(struct record_keys *keys, const uint8_t *record, size_t len,
		       struct buf *plain, struct record_layout *layout)
	__attribute__((warn_unused_result));

/* ---- QUIC packet protection (RFC 9001, 5) ---- */

/* QUIC version 2 (RFC 9369): its own salt and labels. */
#define QUIC_VERSION_1 0x00000001u
#define QUIC_VERSION_2 0x6b3343cfu

/* One packet number space's keys in one direction: the AEAD's and header protection's. */
struct quic_keys {
	struct record_keys aead; /* suite, key, 12-byte IV; seq unused */
	uint8_t hp[32];
};

/* Whether tlsviz knows version `version`'s Initial salt and labels (1, 2, drafts 29 to 34). */
bool crypto_quic_version_known(uint32_t version);
/*
 * RFC 9001, 5.2 (RFC 9369, 3.3.1): initial_secret = HKDF-Extract(salt,
 * the client's first Destination Connection ID), and from it the client's
 * and the server's Initial secrets ("client in", "server in"), SHA-256,
 * 32 bytes each. 0, or -1 for a version whose salt tlsviz does not know.
 */
int crypto_quic_initial_secrets(uint32_t version, const uint8_t *dcid, size_t dcid_len,
				uint8_t initial[32], uint8_t client[32], uint8_t server[32])
	__attribute__((warn_unused_result));
/* RFC 9001, 5.1: the packet protection key and IV and the header protection key of a secret. */
int crypto_quic_keys(const struct suite_params *suite, uint32_t version, const uint8_t *secret,
		     struct quic_keys *out) __attribute__((warn_unused_result));
/* RFC 9001, 6.1: the secret of the next key phase, "quic ku" ("quicv2 ku" in version 2). */
int crypto_quic_next_secret(const struct suite_params *suite, uint32_t version,
			    const uint8_t *secret, uint8_t *out) __attribute__((warn_unused_result));
/* RFC 9001, 5.4.3 and 5.4.4: the five bytes of mask a 16-byte sample of ciphertext gives. */
int crypto_quic_mask(const struct quic_keys *k, const uint8_t sample[16], uint8_t mask[5])
	__attribute__((warn_unused_result));
/*
 * RFC 9001, 5.3: opens a packet's payload (its tag included) with the
 * nonce IV XOR packet number and the unprotected header as additional
 * data; appends the frames to `plain`. 0, or -1 when it does not authenticate.
 */
int crypto_quic_open(const struct quic_keys *k, uint64_t packet_number, const uint8_t *header,
		     size_t header_len, const uint8_t *payload, size_t payload_len,
		     struct buf *plain) __attribute__((warn_unused_result));

/*
 * The RFC 7919 group whose prime and generator are <p, p_len> and <g, g_len>
 * (0x0100 ffdhe2048, 0x0101 ffdhe3072, 0x0102 ffdhe4096), or 0 when they are
 * not one of them.
 */
uint16_t crypto_ffdhe_group(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len);
/* The prime of RFC 7919 group `group` in <p, cap>: its length, or -1 (not in this build). */
int crypto_ffdhe_prime(uint16_t group, uint8_t *p, size_t cap) __attribute__((warn_unused_result));

/*
 * RSAES-PKCS1-v1_5 decryption with a DER private key: how a server (or
 * anyone holding its key) opens a TLS 1.2 EncryptedPreMasterSecret.
 * Returns the plaintext length, or -1.
 */
int crypto_rsa_decrypt(const uint8_t *key_der, size_t key_len, const uint8_t *in, size_t in_len,
		       uint8_t *out, size_t out_cap) __attribute__((warn_unused_result));

#endif
