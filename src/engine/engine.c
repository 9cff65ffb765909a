/*
 * The engine: two wolfSSL peers in one thread over a socketpair.
 *
 * Each peer is a small state machine (handshake, exchange, close) stepped in
 * turns by the pump. Every step either moves bytes, changes phase, or
 * reports that it would block; a round of steps in which neither peer moves is
 * a stall, and the run ends there instead of waiting for ever.
 */
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/curve25519.h>
#include <wolfssl/wolfcrypt/dh.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/rsa.h>
#include <wolfssl/wolfcrypt/kdf.h>
#include <wolfssl/wolfcrypt/random.h>

#include "base/buf.h"
#include "base/mix.h"
#include "engine/assets.h"
#include "engine/tamper.h"

#if defined(WC_RNG_SEED_CB) && defined(TIME_OVERRIDES)
#define ENGINE_CAN_SEED 1
#else
#define ENGINE_CAN_SEED 0
#endif

/* The fixed clock of a seeded run: 2026-01-01 00:00:00 UTC, inside the test PKI's validity. */
#define SEEDED_UNIX_TIME 1767225600
/* Virtual time between two writes of a seeded run. */
#define SEEDED_TICK_NS 100000u

/* Rounds in a row without progress from either peer before the run is declared stalled. */
#define STALL_ROUNDS 3
/* The most 0-RTT data the server takes (its tickets say so), and the client expects. */
#define EARLY_DATA_MAX 16384
/* A hard ceiling on rounds, whatever happens: no run may loop for ever. */
#define MAX_ROUNDS 1000000

enum phase {
	PHASE_HANDSHAKE,
	PHASE_EXCHANGE,
	PHASE_KEY_UPDATE, /* client, TLS 1.3: send a KeyUpdate that asks for one back */
	PHASE_CLOSE,      /* send close_notify (client) or wait for the peer's (server) */
	PHASE_CLOSE_WAIT, /* client: close_notify sent, waiting for the server's */
	PHASE_DONE,
	PHASE_FAILED,
};

struct peer {
	const char *name;
	bool is_client;
	WOLFSSL *ssl;
	int fd;
	enum direction dir; /* direction of this peer's writes */
	enum phase phase;
	const char *out; /* application data to send: request or response */
	size_t out_len, out_sent;
	size_t write_size; /* the most one write may carry, 0 for no limit */
	bool key_update;   /* client: update the keys after the exchange */
	struct buf answer; /* the server's answer, built from the scenario (owned) */
	size_t in_expected, in_received;
	size_t consumed;  /* bytes read from the socket: what the peer's next write may depend on */
	bool early_data;  /* TLS 1.3 0-RTT: the client writes its request, the server reads it, early */
};

/* The run in progress: wolfSSL's HKDF callbacks carry no context of ours. */
struct run {
	const struct engine_options *opts;
	struct capture *capture;
	struct timespec start;
	uint64_t rng_counter;
	bool progress;
};
static struct run *current_run;

const char *outcome_name(enum outcome o)
{
	switch (o) {
	case OUTCOME_COMPLETE:
		return "complete";
	case OUTCOME_FAILED:
		return "failed";
	case OUTCOME_STALLED:
		return "stalled";
	}
	return "?";
}

const char *engine_wolfssl_description(void)
{
#ifdef WOLFSSL_STATIC_RSA
	const char *static_rsa = "yes";
#else
	const char *static_rsa = "no";
#endif
#ifdef TLSVIZ_WRAP_KEYGEN
	const char *private_keys = "both sides'";
#else
	const char *private_keys = "the server's (a shared wolfSSL)";
#endif
	static char text[160];
	snprintf(text, sizeof(text),
		 "wolfSSL %s; static RSA: %s; --seed: %s;\nephemeral private keys shown: %s",
		 wolfSSL_lib_version(), static_rsa, ENGINE_CAN_SEED ? "yes" : "no", private_keys);
	return text;
}


bool scenario_as_designed(const struct scenario *s, enum outcome o, int alert)
{
	if (!s->expect_failure)
		return o == OUTCOME_COMPLETE;
	return o != OUTCOME_COMPLETE && alert == s->expect_alert;
}

void scenario_outcome_detail(const struct scenario *s, const struct engine_result *r, char *out,
			     size_t len)
{
	if (s->expect_failure && r->outcome != OUTCOME_COMPLETE)
		snprintf(out, len, "as designed, %s (wolfSSL: %s)", s->description, r->detail);
	else
		snprintf(out, len, "%s", r->detail);
}

bool engine_seed_supported(void)
{
	return ENGINE_CAN_SEED;
}

const char *engine_unavailable_reason(const struct scenario *s)
{
#ifndef WOLFSSL_STATIC_RSA
	if (s->needs & NEED_STATIC_RSA)
		return "this wolfSSL build lacks static RSA key exchange (WOLFSSL_STATIC_RSA); "
		       "build with the bundled wolfSSL (plain make)";
#endif
#ifndef WOLFSSL_EARLY_DATA
	if (s->needs & NEED_EARLY_DATA)
		return "this wolfSSL build lacks TLS 1.3 early data (WOLFSSL_EARLY_DATA); "
		       "build with the bundled wolfSSL (plain make)";
#endif
	(void)s;
	return NULL;
}

#if ENGINE_CAN_SEED
/* wolfCrypt's entropy source during a seeded run: the seed's stream, in call order. */
static int seeded_entropy(OS_Seed *os, byte *out, word32 len)
{
	(void)os;
	for (word32 i = 0; i < len; i += 8) {
		uint64_t state = current_run->opts->seed * 0x100000001b3u + current_run->rng_counter++;
		uint64_t v = splitmix64(&state);
		for (word32 j = 0; j < 8 && i + j < len; j++)
			out[i + j] = (byte)(v >> (8 * j));
	}
	return 0;
}

static time_t seeded_clock(time_t *t)
{
	if (t)
		*t = SEEDED_UNIX_TIME;
	return SEEDED_UNIX_TIME;
}
#endif

static uint64_t run_time_ns(const struct run *run)
{
	if (run->opts->seeded)
		return (uint64_t)(run->capture->chunk_count + 1) * SEEDED_TICK_NS;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.tv_sec - run->start.tv_sec) * 1000000000u +
	       (uint64_t)(now.tv_nsec - run->start.tv_nsec);
}

static int io_send(WOLFSSL *ssl, char *data, int len, void *ctx)
{
	struct peer *p = ctx;
	const struct engine_options *opts = current_run->opts;
	(void)ssl;
	/* The capture keeps the write as the peer made it, whatever the tamper does to it. */
	uint8_t *original = NULL;
	bool deliver = true;
	if (opts->tamper) {
		original = memcpy(xmalloc((size_t)len), data, (size_t)len);
		deliver = opts->tamper(opts->tamper_ctx, p->dir, (uint8_t *)data, (size_t)len);
	}
	ssize_t n = deliver ? send(p->fd, data, (size_t)len, MSG_NOSIGNAL) : len;
	if (n < 0) {
		free(original);
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return WOLFSSL_CBIO_ERR_WANT_WRITE;
		if (errno == EINTR)
			return WOLFSSL_CBIO_ERR_ISR;
		return errno == EPIPE ? WOLFSSL_CBIO_ERR_CONN_CLOSE : WOLFSSL_CBIO_ERR_GENERAL;
	}
	if (opts->capture) {
		capture_chunk(current_run->capture, p->dir, run_time_ns(current_run),
			      original ? original : (const uint8_t *)data, (size_t)n, p->consumed);
		if (original && deliver)
			capture_delivered(current_run->capture, (const uint8_t *)data);
	}
	free(original);
	current_run->progress = true;
	return (int)n;
}

static int io_recv(WOLFSSL *ssl, char *data, int len, void *ctx)
{
	struct peer *p = ctx;
	(void)ssl;
	ssize_t n = recv(p->fd, data, (size_t)len, 0);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return WOLFSSL_CBIO_ERR_WANT_READ;
		if (errno == EINTR)
			return WOLFSSL_CBIO_ERR_ISR;
		return WOLFSSL_CBIO_ERR_GENERAL;
	}
	if (n == 0)
		return WOLFSSL_CBIO_ERR_CONN_CLOSE;
	p->consumed += (size_t)n;
	current_run->progress = true;
	return (int)n;
}

/*
 * TLS 1.3 taps, installed on the client's context only (both peers derive
 * the same values). wolfSSL hands over each derivation; we compute it with
 * wolfCrypt exactly as wolfSSL would have, and keep the output.
 */
static int tap_expand_label(byte *okm, word32 okm_len, const byte *prk, word32 prk_len,
			    const byte *protocol, word32 protocol_len, const byte *label,
			    word32 label_len, const byte *info, word32 info_len, int digest, int side)
{
	(void)side;
	int ret = wc_Tls13_HKDF_Expand_Label(okm, okm_len, prk, prk_len, protocol, protocol_len,
					     label, label_len, info, info_len, digest);
	if (ret == 0 && current_run->opts->capture && okm_len <= SECRET_MAX)
		capture_secret(current_run->capture, (const char *)label, label_len, okm, okm_len);
	return ret;
}

static int tap_extract(byte *prk, const byte *salt, word32 salt_len, byte *ikm, word32 ikm_len,
		       int digest, void *ctx)
{
	(void)ctx;
	/*
	 * RFC 8446, 7.1: three extracts. wolfSSL gives the first no salt and the
	 * PSK (or nothing) and gets the early secret; the second the (EC)DHE
	 * shared secret and gets the handshake secret; the third no input (zeros)
	 * and gets the master secret. A resuming client computes the early secret
	 * more than once (for the binder, then for the handshake).
	 */
	const char *input = "handshake ikm", *output = "handshake secret";
	if (salt_len == 0) {
		input = "early ikm";
		output = "early secret";
	} else if (ikm_len == 0) {
		input = NULL;
		output = "master secret";
	}
	bool keep = current_run->opts->capture;
	if (keep && input && ikm_len <= SECRET_MAX)
		capture_secret(current_run->capture, input, strlen(input), ikm, ikm_len);
	/* prk and ikm may be the same buffer: the input was copied above before this writes. */
	int ret = wc_Tls13_HKDF_Extract(prk, salt, (int)salt_len, ikm, (int)ikm_len, digest);
	int len = wc_HashGetDigestSize((enum wc_HashType)digest);
	if (ret == 0 && keep && len > 0)
		capture_secret(current_run->capture, output, strlen(output), prk, (size_t)len);
	return ret;
}

/*
 * The server's (EC)DHE shared secret: wolfSSL hands over its ephemeral
 * private key and the client's public point; we compute what it would have and
 * keep it (it is TLS 1.2's premaster secret), and the private key, so that a
 * student can compute the shared secret too. Installed on the server only.
 */
static int tap_ecc_shared_secret(WOLFSSL *ssl, ecc_key *own, unsigned char *peer_der,
				 word32 *peer_len, unsigned char *out, word32 *out_len, int side,
				 void *ctx)
{
	(void)ssl;
	(void)ctx;
	if (side != WOLFSSL_SERVER_END)
		return NOT_COMPILED_IN;
	ecc_key peer;
	WC_RNG rng;
	int ret = wc_ecc_init(&peer);
	if (ret != 0)
		return ret;
	ret = wc_InitRng(&rng);
	if (ret == 0) {
		ret = wc_ecc_import_x963_ex(peer_der, *peer_len, &peer, wc_ecc_get_curve_id(own->idx));
		/* Timing-resistant ECC blinds with an RNG of the caller's. */
		if (ret == 0)
			ret = wc_ecc_set_rng(own, &rng);
		if (ret == 0)
			ret = wc_ecc_shared_secret(own, &peer, out, out_len);
		wc_FreeRng(&rng);
	}
	wc_ecc_free(&peer);
	if (ret == 0 && *out_len <= SECRET_MAX)
		capture_secret(current_run->capture, "premaster secret", 16, out, *out_len);
	uint8_t priv[SECRET_MAX];
	word32 priv_len = sizeof(priv);
	if (ret == 0 && wc_ecc_export_private_only(own, priv, &priv_len) == 0)
		capture_secret(current_run->capture, "server ephemeral private", 24, priv, priv_len);
	return ret;
}

#ifdef TLSVIZ_WRAP_KEYGEN
/*
 * Every ephemeral key pair either peer makes. wolfSSL hands its callbacks
 * neither the client's private keys nor, in TLS 1.3, anyone's X25519 key, so
 * a build linked with the bundled (static) wolfSSL wraps its key generators
 * at link time (the Makefile's -Wl,--wrap: its calls to f reach __wrap_f,
 * and __real_f is wolfSSL's own; the names are the linker's). A shared
 * libwolfssl resolves its own calls inside itself: that build keeps only
 * what the server's callbacks give.
 */
int __real_wc_curve25519_make_key(WC_RNG *rng, int keysize, curve25519_key *key);
int __wrap_wc_curve25519_make_key(WC_RNG *rng, int keysize, curve25519_key *key);
int __real_wc_ecc_make_key_ex(WC_RNG *rng, int keysize, ecc_key *key, int curve_id);
int __wrap_wc_ecc_make_key_ex(WC_RNG *rng, int keysize, ecc_key *key, int curve_id);
int __real_wc_DhGenerateKeyPair(DhKey *key, WC_RNG *rng, byte *priv, word32 *priv_len,
				byte *pub, word32 *pub_len);
int __wrap_wc_DhGenerateKeyPair(DhKey *key, WC_RNG *rng, byte *priv, word32 *priv_len,
				byte *pub, word32 *pub_len);

static bool keeping_key_pairs(void)
{
	return current_run && current_run->opts->capture;
}

/* X25519 (RFC 7748, 5): both keys as the 32-byte little-endian strings the wire and OpenSSL use. */
int __wrap_wc_curve25519_make_key(WC_RNG *rng, int keysize, curve25519_key *key)
{
	int ret = __real_wc_curve25519_make_key(rng, keysize, key);
	uint8_t pub[CURVE25519_KEYSIZE], priv[CURVE25519_KEYSIZE];
	word32 pub_len = sizeof(pub), priv_len = sizeof(priv);
	if (ret == 0 && keeping_key_pairs() &&
	    wc_curve25519_export_public_ex(key, pub, &pub_len, EC25519_LITTLE_ENDIAN) == 0 &&
	    wc_curve25519_export_private_raw_ex(key, priv, &priv_len, EC25519_LITTLE_ENDIAN) == 0)
		capture_key_pair(current_run->capture, pub, pub_len, priv, priv_len);
	return ret;
}

/* NIST curves: the uncompressed point (RFC 8446, 4.2.8.2) and the private scalar, big-endian. */
int __wrap_wc_ecc_make_key_ex(WC_RNG *rng, int keysize, ecc_key *key, int curve_id)
{
	int ret = __real_wc_ecc_make_key_ex(rng, keysize, key, curve_id);
	uint8_t pub[2 * MAX_ECC_BYTES + 1], priv[MAX_ECC_BYTES];
	word32 pub_len = sizeof(pub), priv_len = sizeof(priv);
	if (ret == 0 && keeping_key_pairs() && wc_ecc_export_x963(key, pub, &pub_len) == 0 &&
	    wc_ecc_export_private_only(key, priv, &priv_len) == 0)
		capture_key_pair(current_run->capture, pub, pub_len, priv, priv_len);
	return ret;
}

/* Finite-field DH: g^x mod p and x, big-endian, as wolfSSL wrote them. */
int __wrap_wc_DhGenerateKeyPair(DhKey *key, WC_RNG *rng, byte *priv, word32 *priv_len,
				byte *pub, word32 *pub_len)
{
	int ret = __real_wc_DhGenerateKeyPair(key, rng, priv, priv_len, pub, pub_len);
	if (ret == 0 && keeping_key_pairs() && *pub_len <= SECRET_MAX && *priv_len <= SECRET_MAX)
		capture_key_pair(current_run->capture, pub, *pub_len, priv, *priv_len);
	return ret;
}
#endif

/* The server's finite-field DH shared secret (TLS 1.2 DHE's premaster), likewise. */
static int tap_dh_agree(WOLFSSL *ssl, DhKey *key, const unsigned char *priv, unsigned int priv_len,
			const unsigned char *peer, unsigned int peer_len, unsigned char *out,
			word32 *out_len, void *ctx)
{
	(void)ssl;
	(void)ctx;
	int ret = wc_DhAgree(key, out, out_len, priv, priv_len, peer, peer_len);
	if (ret == 0 && *out_len <= SECRET_MAX)
		capture_secret(current_run->capture, "premaster secret", 16, out, *out_len);
	if (ret == 0 && priv_len <= SECRET_MAX)
		capture_secret(current_run->capture, "server ephemeral private", 24, priv, priv_len);
	return ret;
}

/*
 * The server's RSA decryption of a static-RSA ClientKeyExchange, done here
 * as wolfSSL would do it, keeping the premaster secret it opens.
 */
static int tap_rsa_decrypt(WOLFSSL *ssl, unsigned char *in, unsigned int in_len,
			   unsigned char **out, const unsigned char *key_der, unsigned int key_len,
			   void *ctx)
{
	(void)ssl;
	(void)ctx;
	RsaKey key;
	WC_RNG rng;
	word32 idx = 0;
	int ret = wc_InitRsaKey(&key, NULL);
	if (ret != 0)
		return ret;
	ret = wc_InitRng(&rng);
	if (ret == 0) {
		ret = wc_RsaPrivateKeyDecode(key_der, &idx, &key, key_len);
		if (ret == 0)
			ret = wc_RsaSetRNG(&key, &rng); /* RSA blinding */
		if (ret == 0)
			ret = wc_RsaPrivateDecryptInline(in, in_len, out, &key);
		wc_FreeRng(&rng);
	}
	wc_FreeRsaKey(&key);
	if (ret > 0 && ret <= SECRET_MAX)
		capture_secret(current_run->capture, "premaster secret", 16, *out, (size_t)ret);
	return ret;
}

/* TLS 1.2: the master secret, read once the client's handshake is done. */
static void capture_tls12_secrets(struct run *run, WOLFSSL *ssl)
{
	/* The randoms travel in the hellos: the trace takes them from the wire. */
	unsigned char bytes[SECRET_MAX];
	/*
	 * The connection's own session: wolfSSL_get_session() hands a client a
	 * reference into its session cache, which a ticket-resumed session is
	 * not found in.
	 */
	WOLFSSL_SESSION *session = wolfSSL_get1_session(ssl);
	int len = wolfSSL_SESSION_get_master_key(session, bytes, 48);
	wolfSSL_SESSION_free(session);
	if (len > 0)
		capture_secret(run->capture, "master secret", 13, bytes, (size_t)len);
}

static void fail(struct peer *p, int ret, struct engine_result *out)
{
	int err = wolfSSL_get_error(p->ssl, ret);
	char reason[WOLFSSL_MAX_ERROR_SZ];
	wolfSSL_ERR_error_string_n((unsigned long)err, reason, sizeof(reason));
	p->phase = PHASE_FAILED;
	current_run->progress = true;
	if (out->detail[0] == '\0')
		snprintf(out->detail, sizeof(out->detail), "%s: %s (wolfSSL error %d)", p->name,
			 reason, err);
}

/* Whether a wolfSSL call that returned `ret` only has to wait for the peer. */
static bool would_block(struct peer *p, int ret)
{
	int err = wolfSSL_get_error(p->ssl, ret);
	return err == WOLFSSL_ERROR_WANT_READ || err == WOLFSSL_ERROR_WANT_WRITE;
}

static void set_phase(struct peer *p, enum phase phase)
{
	p->phase = phase;
	current_run->progress = true;
}

/* Sends what is left of the peer's application data; true when all of it is out. */
static bool send_data(struct peer *p, struct engine_result *out)
{
	while (p->out_sent < p->out_len) {
		size_t n = p->out_len - p->out_sent;
		if (p->write_size && n > p->write_size)
			n = p->write_size;
		int ret = wolfSSL_write(p->ssl, p->out + p->out_sent, (int)n);
		if (ret <= 0) {
			if (!would_block(p, ret))
				fail(p, ret, out);
			return false;
		}
		p->out_sent += (size_t)ret;
	}
	return true;
}

/* Reads the application data the peer expects; true when all of it is in. */
static bool receive_data(struct peer *p, struct engine_result *out)
{
	char scratch[4096];
	while (p->in_received < p->in_expected) {
		int ret = wolfSSL_read(p->ssl, scratch, (int)sizeof(scratch));
		if (ret <= 0) {
			if (!would_block(p, ret))
				fail(p, ret, out);
			return false;
		}
		p->in_received += (size_t)ret;
	}
	return true;
}

/*
 * TLS 1.3 0-RTT, in the handshake: the client sends its request right after
 * its ClientHello; the server reads it before the client's Finished. True
 * when the early part is over and the handshake goes on as usual.
 */
static bool early_data(struct peer *p, struct engine_result *out)
{
#ifdef WOLFSSL_EARLY_DATA
	int n = 0, ret;
	if (p->is_client) {
		ret = wolfSSL_write_early_data(p->ssl, p->out, (int)p->out_len, &n);
		if (ret > 0) {
			p->out_sent = (size_t)ret;
			p->early_data = false;
			current_run->progress = true;
		} else if (!would_block(p, ret)) {
			fail(p, ret, out);
		}
		return false;
	}
	char scratch[4096];
	ret = wolfSSL_read_early_data(p->ssl, scratch, (int)sizeof(scratch), &n);
	if (ret > 0) {
		p->in_received += (size_t)n;
		current_run->progress = true;
		return false;
	}
	if (ret < 0 && !would_block(p, ret))
		fail(p, ret, out);
	if (ret < 0)
		return false;
	/* 0: no more early data. */
	p->early_data = false;
	return true;
#else
	(void)out;
	p->early_data = false;
	return true;
#endif
}

static void step(struct peer *p, struct engine_result *out)
{
	int ret;
	switch (p->phase) {
	case PHASE_HANDSHAKE:
		if (p->early_data && !early_data(p, out))
			break;
		ret = p->is_client ? wolfSSL_connect(p->ssl) : wolfSSL_accept(p->ssl);
		if (ret == WOLFSSL_SUCCESS) {
			if (p->is_client && current_run->opts->capture &&
			    wolfSSL_version(p->ssl) != TLS1_3_VERSION)
				capture_tls12_secrets(current_run, p->ssl);
			set_phase(p, PHASE_EXCHANGE);
		} else if (!would_block(p, ret)) {
			fail(p, ret, out);
		}
		break;
	case PHASE_EXCHANGE:
		/* The client speaks first; the server answers once the request is in. */
		if (p->is_client ? send_data(p, out) && receive_data(p, out)
				 : receive_data(p, out) && send_data(p, out))
			set_phase(p, p->is_client && p->key_update ? PHASE_KEY_UPDATE : PHASE_CLOSE);
		break;
	case PHASE_KEY_UPDATE:
		ret = wolfSSL_update_keys(p->ssl);
		if (ret == WOLFSSL_SUCCESS)
			set_phase(p, PHASE_CLOSE);
		else if (!would_block(p, ret))
			fail(p, ret, out);
		break;
	case PHASE_CLOSE:
		if (p->is_client) {
			ret = wolfSSL_shutdown(p->ssl);
			if (ret == WOLFSSL_SHUTDOWN_NOT_DONE)
				set_phase(p, PHASE_CLOSE_WAIT);
			else if (ret == WOLFSSL_SUCCESS)
				set_phase(p, PHASE_DONE);
			else if (!would_block(p, ret))
				fail(p, ret, out);
			break;
		}
		/* Server: wait for the client's close_notify, then answer with ours. */
		char scratch[64];
		ret = wolfSSL_read(p->ssl, scratch, (int)sizeof(scratch));
		if (ret > 0) {
			snprintf(out->detail, sizeof(out->detail),
				 "server: unexpected data after the response");
			set_phase(p, PHASE_FAILED);
		} else if (wolfSSL_get_error(p->ssl, ret) == WOLFSSL_ERROR_ZERO_RETURN) {
			ret = wolfSSL_shutdown(p->ssl);
			if (ret == WOLFSSL_SUCCESS)
				set_phase(p, PHASE_DONE);
			else if (!would_block(p, ret))
				fail(p, ret, out);
		} else if (!would_block(p, ret)) {
			fail(p, ret, out);
		}
		break;
	case PHASE_CLOSE_WAIT:
		/* Not done yet: something else came first (a KeyUpdate); keep reading. */
		ret = wolfSSL_shutdown(p->ssl);
		if (ret == WOLFSSL_SUCCESS)
			set_phase(p, PHASE_DONE);
		else if (ret != WOLFSSL_SHUTDOWN_NOT_DONE && !would_block(p, ret))
			fail(p, ret, out);
		break;
	case PHASE_DONE:
	case PHASE_FAILED:
		break;
	}
}

static bool peer_finished(const struct peer *p)
{
	return p->phase == PHASE_DONE || p->phase == PHASE_FAILED;
}

static const char *phase_name(enum phase phase)
{
	static const char *const names[] = {
		[PHASE_HANDSHAKE] = "the handshake",
		[PHASE_EXCHANGE] = "the data exchange",
		[PHASE_KEY_UPDATE] = "the key update",
		[PHASE_CLOSE] = "the close",
		[PHASE_CLOSE_WAIT] = "the peer's close_notify",
		[PHASE_DONE] = "nothing",
		[PHASE_FAILED] = "nothing",
	};
	return names[phase];
}

static void pump(struct peer *client, struct peer *server, struct engine_result *out)
{
	int idle = 0;
	for (int round = 0; round < MAX_ROUNDS && idle < STALL_ROUNDS; round++) {
		if (peer_finished(client) && peer_finished(server))
			break;
		current_run->progress = false;
		step(client, out);
		step(server, out);
		idle = current_run->progress ? 0 : idle + 1;
	}

	bool failed = client->phase == PHASE_FAILED || server->phase == PHASE_FAILED;
	if (!failed && client->phase == PHASE_DONE && server->phase == PHASE_DONE) {
		out->outcome = OUTCOME_COMPLETE;
		return;
	}
	out->outcome = failed ? OUTCOME_FAILED : OUTCOME_STALLED;
	for (struct peer *p = client; p; p = p == client ? server : NULL) {
		if (peer_finished(p))
			continue;
		size_t used = strlen(out->detail);
		snprintf(out->detail + used, sizeof(out->detail) - used,
			 "%s%s stalled waiting in %s", used ? "; " : "", p->name,
			 phase_name(p->phase));
	}
}

static int load_pem(int (*load)(WOLFSSL_CTX *, const unsigned char *, long, int),
		    WOLFSSL_CTX *ctx, const struct asset *a)
{
	return load(ctx, a->bytes, (long)a->len, WOLFSSL_FILETYPE_PEM) == WOLFSSL_SUCCESS ? 0 : -1;
}

static word16 wolfssl_group(enum named_group g)
{
	static const word16 groups[] = {
		[GROUP_X25519] = WOLFSSL_ECC_X25519,
		[GROUP_SECP256R1] = WOLFSSL_ECC_SECP256R1,
		[GROUP_FFDHE2048] = WOLFSSL_FFDHE_2048,
	};
	return groups[g];
}

/*
 * Makes the two contexts; -1 with out->detail set when wolfSSL refuses the
 * scenario. The secret taps are installed only when capturing, so that a run
 * without capture is plain wolfSSL, the baseline of `make bench`.
 */
static int make_contexts(const struct scenario *s, bool capture, WOLFSSL_CTX **cctx,
			 WOLFSSL_CTX **sctx, struct engine_result *out)
{
	enum tls_version server_version = s->server_version ? s->server_version : s->version;
	*cctx = wolfSSL_CTX_new(s->version == TLS_V1_3 ? wolfTLSv1_3_client_method()
						      : wolfTLSv1_2_client_method());
	*sctx = wolfSSL_CTX_new(server_version == TLS_V1_3 ? wolfTLSv1_3_server_method()
							   : wolfTLSv1_2_server_method());
	if (!*cctx || !*sctx) {
		snprintf(out->detail, sizeof(out->detail), "wolfSSL could not create a context");
		return -1;
	}
	static const struct {
		const struct asset *cert, *key;
	} certs[] = {
		[CERT_RSA_2048] = { &asset_server_rsa_pem, &asset_server_rsa_key_pem },
		[CERT_ECDSA_P256] = { &asset_server_ecdsa_pem, &asset_server_ecdsa_key_pem },
		[CERT_UNTRUSTED] = { &asset_untrusted_pem, &asset_untrusted_key_pem },
	};
	const struct asset *key = certs[s->cert].key;
	bool loaded = load_pem(wolfSSL_CTX_load_verify_buffer, *cctx, &asset_ca_pem) == 0 &&
		      load_pem(wolfSSL_CTX_use_certificate_buffer, *sctx, certs[s->cert].cert) == 0 &&
		      load_pem(wolfSSL_CTX_use_PrivateKey_buffer, *sctx, key) == 0;
	if (s->client_cert)
		loaded = loaded &&
			 load_pem(wolfSSL_CTX_use_certificate_buffer, *cctx, &asset_client_pem) == 0 &&
			 load_pem(wolfSSL_CTX_use_PrivateKey_buffer, *cctx, &asset_client_key_pem) == 0;
	if (s->require_client_cert)
		loaded = loaded && load_pem(wolfSSL_CTX_load_verify_buffer, *sctx, &asset_ca_pem) == 0;
	if (!loaded) {
		snprintf(out->detail, sizeof(out->detail),
			 "wolfSSL could not load the test certificates");
		return -1;
	}
	const char *server_ciphers = s->server_cipher_list ? s->server_cipher_list : s->cipher_list;
	if (wolfSSL_CTX_set_cipher_list(*cctx, s->cipher_list) != WOLFSSL_SUCCESS ||
	    wolfSSL_CTX_set_cipher_list(*sctx, server_ciphers) != WOLFSSL_SUCCESS) {
		snprintf(out->detail, sizeof(out->detail),
			 "this wolfSSL build does not support the cipher suites '%s'",
			 s->cipher_list);
		return -1;
	}
	/*
	 * TLS 1.2 DHE: the server's parameters are its own choice (builds differ:
	 * ffdhe2048 or ffdhe3072); a scenario naming a group gets that one.
	 */
	if (s->version == TLS_V1_2 && s->group == GROUP_FFDHE2048) {
		byte p[256], g[1];
		word32 p_len = sizeof(p), g_len = sizeof(g);
		if (wc_DhCopyNamedKey(WC_FFDHE_2048, p, &p_len, g, &g_len, NULL, NULL) != 0 ||
		    wolfSSL_CTX_SetTmpDH(*sctx, p, (int)p_len, g, (int)g_len) != WOLFSSL_SUCCESS) {
			snprintf(out->detail, sizeof(out->detail),
				 "wolfSSL refused the ffdhe2048 parameters");
			return -1;
		}
	}
	wolfSSL_CTX_set_verify(*cctx, WOLFSSL_VERIFY_PEER, NULL);
	if (s->require_client_cert)
		wolfSSL_CTX_set_verify(*sctx, WOLFSSL_VERIFY_PEER | WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT,
				       NULL);
	if (capture) {
		wolfSSL_CTX_SetHKDFExpandLabelCb(*cctx, tap_expand_label);
		wolfSSL_CTX_SetHKDFExtractCb(*cctx, tap_extract);
		wolfSSL_CTX_SetEccSharedSecretCb(*sctx, tap_ecc_shared_secret);
		wolfSSL_CTX_SetDhAgreeCb(*sctx, tap_dh_agree);
		wolfSSL_CTX_SetRsaDecCb(*sctx, tap_rsa_decrypt);
		/* What a thief of the server's key would hold: the key itself. */
		uint8_t *der = xmalloc(key->len); /* DER is shorter than its PEM */
		int len = wc_KeyPemToDer(key->bytes, (int)key->len, der, (word32)key->len, NULL);
		if (len > 0)
			capture_server_key(&out->capture, der, (size_t)len);
		free(der);
	}
	if (s->resume == RESUME_TICKET && s->version == TLS_V1_2 &&
	    wolfSSL_CTX_UseSessionTicket(*cctx) != WOLFSSL_SUCCESS) {
		snprintf(out->detail, sizeof(out->detail), "this wolfSSL build has no session tickets");
		return -1;
	}
#ifdef WOLFSSL_EARLY_DATA
	/* The server's tickets say how much early data it takes (RFC 8446, 4.6.1). */
	if (s->early_data && wolfSSL_CTX_set_max_early_data(*sctx, EARLY_DATA_MAX) != WOLFSSL_SUCCESS) {
		snprintf(out->detail, sizeof(out->detail), "wolfSSL refused early data");
		return -1;
	}
#endif
	for (WOLFSSL_CTX *ctx = *cctx; ctx; ctx = ctx == *cctx ? *sctx : NULL) {
		wolfSSL_CTX_SetIOSend(ctx, io_send);
		wolfSSL_CTX_SetIORecv(ctx, io_recv);
	}
	return 0;
}

static int make_peer(struct peer *p, WOLFSSL_CTX *ctx, int fd, bool is_client,
		     const struct scenario *s, struct engine_result *out)
{
	p->name = is_client ? "client" : "server";
	p->is_client = is_client;
	p->fd = fd;
	p->dir = is_client ? DIR_CLIENT_TO_SERVER : DIR_SERVER_TO_CLIENT;
	p->phase = PHASE_HANDSHAKE;
	struct buf answer = BUF_INIT;
	scenario_response(s, &answer);
	if (is_client) {
		p->key_update = s->key_update;
		p->out = s->request;
		p->out_len = strlen(s->request);
		p->in_expected = answer.len;
		buf_release(&answer);
	} else {
		p->answer = answer;
		p->out = (const char *)p->answer.data;
		p->out_len = p->answer.len;
		p->write_size = s->write_size;
		p->in_expected = strlen(s->request);
	}
	p->ssl = wolfSSL_new(ctx);
	if (!p->ssl) {
		snprintf(out->detail, sizeof(out->detail), "wolfSSL could not create the %s",
			 p->name);
		return -1;
	}
	wolfSSL_SetIOReadCtx(p->ssl, p);
	wolfSSL_SetIOWriteCtx(p->ssl, p);
	const char *alpn = !is_client && s->server_alpn ? s->server_alpn : s->alpn;
	bool ok = wolfSSL_UseSNI(p->ssl, WOLFSSL_SNI_HOST_NAME, s->server_name,
				 (word16)strlen(s->server_name)) == WOLFSSL_SUCCESS &&
		  wolfSSL_UseALPN(p->ssl, (char *)alpn, (unsigned)strlen(alpn),
				  WOLFSSL_ALPN_FAILED_ON_MISMATCH) == WOLFSSL_SUCCESS;
	if (is_client) {
		const char *check = s->check_name ? s->check_name : s->server_name;
		ok = ok && wolfSSL_check_domain_name(p->ssl, check) == WOLFSSL_SUCCESS;
		if (s->no_extended_master_secret)
			ok = ok && wolfSSL_DisableExtendedMasterSecret(p->ssl) == WOLFSSL_SUCCESS;
		if (s->group != GROUP_DEFAULT)
			ok = ok && (s->version == TLS_V1_3
					    ? wolfSSL_UseKeyShare(p->ssl, wolfssl_group(s->group))
					    : wolfSSL_UseSupportedCurve(p->ssl,
									wolfssl_group(s->group))) ==
					   WOLFSSL_SUCCESS;
	} else if (s->server_group != GROUP_DEFAULT) {
		int only = wolfssl_group(s->server_group);
		ok = ok && wolfSSL_set_groups(p->ssl, &only, 1) == WOLFSSL_SUCCESS;
	}
	if (!ok) {
		snprintf(out->detail, sizeof(out->detail),
			 "wolfSSL refused the %s's options (SNI, ALPN, host name, group or EMS)",
			 p->name);
		return -1;
	}
	return 0;
}

static void draw_isns(struct run *run)
{
	uint32_t isn[2];
	unsigned conn = run->capture->conn;
	if (run->opts->seeded) {
		uint64_t state = run->opts->seed ^ 0x7463707365716e00u ^ conn; /* "tcpseqn" */
		isn[0] = (uint32_t)splitmix64(&state);
		isn[1] = (uint32_t)splitmix64(&state);
	} else if (getentropy(isn, sizeof(isn)) != 0) {
		isn[0] = (uint32_t)run->start.tv_nsec;
		isn[1] = isn[0] * 2654435761u;
	}
	run->capture->tcp_isn[conn][0] = isn[0];
	run->capture->tcp_isn[conn][1] = isn[1];
}

static void stamp_start(struct run *run)
{
	struct timespec now;
	if (run->opts->seeded)
		now = (struct timespec){ .tv_sec = SEEDED_UNIX_TIME };
	else
		clock_gettime(CLOCK_REALTIME, &now);
	run->capture->start_unix_ns = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/*
 * One connection over a fresh socketpair: the handshake, the exchange and
 * the close. `session`, when given, is offered for resumption. Returns 0 when
 * it ran (its outcome in `out`), -1 when it could not be set up; with
 * `keep_session`, the client's session is handed back for the next one.
 */
static int run_connection(const struct scenario *s, WOLFSSL_CTX *cctx, WOLFSSL_CTX *sctx,
			  WOLFSSL_SESSION *session, WOLFSSL_SESSION **keep_session,
			  struct engine_result *out)
{
	int status = -1;
	int fds[2] = { -1, -1 };
	struct peer client = { 0 }, server = { 0 };
	draw_isns(current_run);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0 ||
	    fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0 || fcntl(fds[1], F_SETFL, O_NONBLOCK) != 0) {
		snprintf(out->detail, sizeof(out->detail), "socketpair: %s", strerror(errno));
		goto done;
	}
	if (make_peer(&client, cctx, fds[0], true, s, out) != 0 ||
	    make_peer(&server, sctx, fds[1], false, s, out) != 0)
		goto done;
	if (session && wolfSSL_set_session(client.ssl, session) != WOLFSSL_SUCCESS) {
		snprintf(out->detail, sizeof(out->detail), "wolfSSL refused the saved session");
		goto done;
	}
	client.early_data = server.early_data = session && s->early_data;
#ifdef WOLFSSL_EARLY_DATA
	/*
	 * wolfSSL 5.5.4's client stays in its early-data state after the
	 * handshake and counts the data it receives against this budget; 0 (its
	 * default) would make it reject the server's answer as unexpected.
	 */
	if (client.early_data)
		wolfSSL_set_max_early_data(client.ssl, EARLY_DATA_MAX);
#endif

	pump(&client, &server, out);
	status = 0;
	if (out->outcome != OUTCOME_STALLED || client.phase != PHASE_HANDSHAKE) {
		snprintf(out->version, sizeof(out->version), "%s", wolfSSL_get_version(client.ssl));
		snprintf(out->cipher_suite, sizeof(out->cipher_suite), "%s",
			 wolfSSL_get_cipher_name(client.ssl) ? wolfSSL_get_cipher_name(client.ssl)
							     : "");
		const char *group = wolfSSL_get_curve_name(client.ssl);
		snprintf(out->group, sizeof(out->group), "%s", group ? group : "");
	}
	/* TLS 1.3 tickets arrive after the handshake: the exchange has read them. */
	if (keep_session && out->outcome == OUTCOME_COMPLETE)
		*keep_session = wolfSSL_get1_session(client.ssl);
done:
	wolfSSL_free(client.ssl);
	wolfSSL_free(server.ssl);
	buf_release(&server.answer);
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return status;
}

int engine_run(const struct scenario *s, const struct engine_options *opts,
	       struct engine_result *out)
{
	memset(out, 0, sizeof(*out));
	capture_init(&out->capture);
	const char *why = engine_unavailable_reason(s);
	if (why) {
		snprintf(out->detail, sizeof(out->detail), "scenario '%s' is unavailable: %s",
			 s->name, why);
		return -1;
	}
	if (opts->seeded && !ENGINE_CAN_SEED) {
		snprintf(out->detail, sizeof(out->detail),
			 "this wolfSSL build cannot fix its randomness and clock");
		return -1;
	}

	/* A tampering scenario brings its own man in the middle, unless the caller has one. */
	struct engine_options with_tamper = *opts;
	struct tamper_state tamper = { .what = s->tamper };
	if (s->tamper != TAMPER_NONE && !opts->tamper) {
		with_tamper.tamper = tamper_in_transit;
		with_tamper.tamper_ctx = &tamper;
	}
	struct run run = { .opts = &with_tamper, .capture = &out->capture };
	clock_gettime(CLOCK_MONOTONIC, &run.start);
	current_run = &run;
	stamp_start(&run);
#ifdef TLSVIZ_WRAP_KEYGEN
	out->capture.key_pairs_kept = opts->capture;
#endif

	int status = -1;
	WOLFSSL_CTX *cctx = NULL, *sctx = NULL;
	WOLFSSL_SESSION *session = NULL;
	/* Init and cleanup per run: no session cache or global RNG state leaks between runs. */
	bool initialised = wolfSSL_Init() == WOLFSSL_SUCCESS;
	if (!initialised) {
		snprintf(out->detail, sizeof(out->detail), "wolfSSL could not initialise");
		goto done;
	}
#if ENGINE_CAN_SEED
	/* After wolfSSL_Init, which installs the default entropy source. */
	if (opts->seeded) {
		wc_SetSeed_Cb(seeded_entropy);
		wc_SetTimeCb(seeded_clock);
	}
#endif
	if (make_contexts(s, opts->capture, &cctx, &sctx, out) != 0)
		goto done;
	status = run_connection(s, cctx, sctx, NULL, s->resume ? &session : NULL, out);
	if (status == 0 && s->resume && out->outcome == OUTCOME_COMPLETE) {
		if (!session) {
			snprintf(out->detail, sizeof(out->detail),
				 "the client kept no session to resume");
			out->outcome = OUTCOME_FAILED;
		} else {
			if (opts->capture)
				capture_next_connection(&out->capture);
			status = run_connection(s, cctx, sctx, session, NULL, out);
		}
	}
done:
	wolfSSL_SESSION_free(session);
	wolfSSL_CTX_free(cctx);
	wolfSSL_CTX_free(sctx);
	if (initialised)
		wolfSSL_Cleanup();
#if ENGINE_CAN_SEED
	wc_SetSeed_Cb(wc_GenerateSeed);
	wc_SetTimeCb(NULL);
#endif
	current_run = NULL;
	return status;
}

void engine_result_release(struct engine_result *r)
{
	capture_release(&r->capture);
}
