#include "trace/trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/reader.h"
#include "crypto/crypto.h"
#include "crypto/kdf.h"
#include "trace/quic.h"
#include "trace/timeline.h"

#define MAX_RECORD_LEN (16384 + 256) /* TLSCiphertext.length may not exceed 2^14 + 256 */

enum handshake_type {
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_HELLO_VERIFY_REQUEST = 3,
	HS_NEW_SESSION_TICKET = 4,
	HS_END_OF_EARLY_DATA = 5,
	HS_ENCRYPTED_EXTENSIONS = 8,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CLIENT_KEY_EXCHANGE = 16,
	HS_FINISHED = 20,
	HS_KEY_UPDATE = 24,
	HS_MESSAGE_HASH = 254,
};

enum extension_type {
	EXT_ENCRYPT_THEN_MAC = 22,
	EXT_EXTENDED_MASTER_SECRET = 23,
	EXT_PRE_SHARED_KEY = 41,
	EXT_EARLY_DATA = 42,
	EXT_SUPPORTED_VERSIONS = 43,
	EXT_KEY_SHARE = 51,
};

const uint8_t hello_retry_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* What one connection leaves for the next to resume. */
struct session {
	enum prf_hash hash;
	uint16_t cipher_suite;
	uint8_t psk[HASH_MAX]; /* TLS 1.3: from the resumption secret and the ticket's nonce */
	size_t psk_len;
	uint8_t master[48]; /* TLS 1.2: the master secret */
	bool have_master;
};

/* A DTLS handshake message being put together from its fragments (RFC 6347, 4.2.3). */
struct dtls_message {
	bool started;      /* a message was seen: next_seq is the next new one's */
	uint16_t next_seq;
	bool open;         /* fragments of message next_seq have come */
	uint8_t type;
	uint32_t length;
	uint8_t *body;     /* length bytes */
	uint8_t *have;     /* per body byte: whether a fragment brought it */
	size_t received;   /* bytes of body brought */
	unsigned fragments;
	size_t first_record;
};

/* The largest DTLS handshake message put together: a certificate chain's size. */
#define DTLS_MESSAGE_MAX ((uint32_t)1 << 20)

/* QUIC's packet number spaces (RFC 9000, 12.3): 0-RTT and 1-RTT packets share the last. */
enum quic_space { SPACE_INITIAL, SPACE_HANDSHAKE, SPACE_APPLICATION, SPACES };

/* One packet number space's CRYPTO stream in one direction (RFC 9000, 19.6). */
struct crypto_stream {
	struct buf data;    /* its bytes from offset 0, holes zero */
	struct buf have;    /* per byte of data: whether a frame brought it */
	size_t contiguous;  /* the bytes from 0 that every one came */
	size_t parsed;      /* of those, cut into messages */
	size_t first_record; /* the packet that brought the message at `parsed` its first byte */
};

/* The largest CRYPTO stream put together: a certificate chain's size. */
#define CRYPTO_STREAM_MAX ((size_t)1 << 20)

struct quic_state {
	uint32_t version;
	bool initial_keys;   /* derived from the client's first Destination Connection ID */
	bool retried;        /* a Retry came: the next client Initial's ID gives new ones */
	struct quic_keys keys[2][PROTECTION_APPLICATION + 1]; /* per direction and protection */
	bool have[2][PROTECTION_APPLICATION + 1];
	/* 1-RTT: the current secret and key phase (RFC 9001, 6), the next keys once derived */
	uint8_t secret[2][HASH_MAX];
	bool phase[2];
	bool any_pn[2][SPACES];
	uint64_t largest_pn[2][SPACES];
	struct crypto_stream crypto[2][SPACES];
	/* a short header's Destination Connection ID: the ID its receiver chose (its Source ID) */
	uint8_t short_dcid_len[2];
	bool short_dcid_known[2];
};

/* The state of one build: where each direction's parsing is, and its keys. */
struct builder {
	struct trace *t;
	unsigned conn;          /* the connection being built */
	struct negotiated *n;   /* its parameters */
	struct session session; /* from the connection before */
	size_t parsed[2];     /* stream bytes already split into records (all connections) */
	struct buf pending[2]; /* handshake bytes not yet a whole message */
	size_t pending_first_record[2];
	struct record_keys keys[2];
	enum protection level[2]; /* what protects the next record of each direction */
	size_t chunk; /* the chunk being processed */
	struct chunk_segments *segments; /* per chunk: its TCP segments */
	struct buf transcript; /* the handshake messages the key schedule hashes */
	struct crypto_prefix_hash transcript_hash; /* of transcript's prefixes, as it grows */
	enum prf_hash hash;
	struct tls13_schedule schedule;
	uint8_t master[48]; /* TLS 1.2 */
	bool have_master;
	uint8_t application_secret[2][HASH_MAX]; /* TLS 1.3: each direction's, as it is now */
	unsigned generation[2];                   /* how many KeyUpdates each direction made */
	bool client_ems; /* the ClientHello offered extended_master_secret */
	bool client_etm; /* the ClientHello offered encrypt_then_mac */
	/* TLS 1.3 0-RTT: the client's handshake secret waits for its EndOfEarlyData. */
	uint8_t client_handshake_secret[HASH_MAX];
	bool client_handshake_deferred;
	/*
	 * A capture file's connection: its secrets come from a key log, so the
	 * schedule may start at the traffic secrets (tls13_from_key_log) or the
	 * master secret; `no_keys` when the version is one tlsviz does not open.
	 */
	bool from_file;
	bool from_key_log;
	bool no_keys;
	bool key_exchange_seen;
	bool gap[2]; /* bytes are missing: the direction is parsed no further */
	struct suite_params tls11_suite; /* TLS 1.1: the suite, with TLS 1.0/1.1's PRF */
	struct dtls_message dtls[2]; /* DTLS: the message each direction is reassembling */
	struct quic_state *quic;     /* QUIC: its keys and CRYPTO streams (NULL otherwise) */
};

void trace_error(struct trace *t, const char *fmt, ...)
{
	if (t->error[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->error, sizeof(t->error), fmt, ap);
	va_end(ap);
}

/* A capture file's records that stay ciphertext, and why (the first reason wins). */
static void seal(struct builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seal(struct builder *b, const char *fmt, ...)
{
	if (b->t->unopened[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->t->unopened, sizeof(b->t->unopened), fmt, ap);
	va_end(ap);
}

/* "3d a2 5f 1c ...": the start of the client random, as the key log's reader looks for it. */
static const char *random_text(const struct builder *b, char out[32])
{
	const uint8_t *r = b->n->client_random;
	snprintf(out, 32, "%02x %02x %02x %02x %02x %02x ...", r[0], r[1], r[2], r[3], r[4], r[5]);
	return out;
}

/*
 * The parameters of the negotiated TLS 1.0, 1.1 or 1.2 suite. A capture
 * file's TLS 1.1 (RFC 4346) protects its records as TLS 1.2 does with CBC
 * (an explicit IV per record, HMAC), TLS 1.0 (RFC 2246) with implicit IVs;
 * both derive their keys with the PRF of RFC 4346, 5.
 */
static const struct suite_params *tls12_suite(struct builder *b)
{
	const struct suite_params *suite = crypto_suite(b->n->cipher_suite);
	/* DTLS 1.0 is TLS 1.1's (RFC 4347, 1) */
	if (!suite || (b->n->version != 0x0301 && b->n->version != 0x0302 &&
		       b->n->version != 0xfeff))
		return suite;
	b->tls11_suite = *suite;
	b->tls11_suite.hash = PRF_MD5_SHA1;
	return &b->tls11_suite;
}

/* Protects `dir` from now on at `level` with no keys: its records are shown as ciphertext. */
static void no_keys_for(struct builder *b, enum direction dir, enum protection level)
{
	b->level[dir] = level;
	memset(&b->keys[dir], 0, sizeof(b->keys[dir]));
}

/* A key log secret of this connection under `label` whose length is `len`, or NULL. */
static const struct secret *key_log_secret(const struct builder *b, const char *label, size_t len)
{
	const struct secret *s = capture_find_keyed(&b->t->capture, b->conn, label,
						    b->n->client_random);
	return s && s->len == len ? s : NULL;
}

static const char *direction_text(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? "client->server" : "server->client";
}

size_t message_header_len(const struct message *m)
{
	return m->dtls ? DTLS_HANDSHAKE_HEADER_LEN : HANDSHAKE_HEADER_LEN;
}

const uint8_t *trace_record_bytes(const struct trace *t, const struct record *r)
{
	return t->stream[r->dir].data + r->stream_offset;
}

void trace_ports(const struct trace *t, unsigned conn, uint16_t ports[2])
{
	ports[0] = (uint16_t)(TCP_CLIENT_PORT + conn);
	ports[1] = TCP_SERVER_PORT;
	for (size_t i = 0; t->capture.from_file && i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		if (s->dir != DIR_CLIENT_TO_SERVER || s->header_len < 4)
			continue;
		ports[0] = (uint16_t)(s->header[0] << 8 | s->header[1]);
		ports[1] = (uint16_t)(s->header[2] << 8 | s->header[3]);
		return;
	}
}

const uint8_t *trace_delivered(const struct trace *t, enum direction dir)
{
	return t->delivered[dir].len ? t->delivered[dir].data : t->stream[dir].data;
}

const uint8_t *trace_record_delivered(const struct trace *t, const struct record *r)
{
	return trace_delivered(t, r->dir) + r->stream_offset;
}

int trace_failure_alert(const struct trace *t)
{
	for (size_t i = 0; i < t->message_count; i++)
		if (t->messages[i].kind == MESSAGE_ALERT && t->messages[i].type != 0)
			return t->messages[i].type;
	return -1;
}

const struct connection *trace_step_connection(const struct trace *t, size_t step)
{
	size_t i = 0;
	while (i + 1 < t->conn_count && step >= t->conns[i + 1].first_step)
		i++;
	return &t->conns[i];
}

const struct negotiated *trace_final(const struct trace *t)
{
	return &t->conns[t->conn_count ? t->conn_count - 1 : 0].negotiated;
}

static void add_step(struct trace *t, enum step_kind kind, size_t index, unsigned conn)
{
	ARRAY_GROW(t->steps, t->step_count, t->step_cap);
	t->steps[t->step_count++] = (struct step){ kind, index, conn };
}

static struct message *add_message(struct builder *b, enum direction dir, enum message_kind kind,
				   size_t first_record, size_t last_record)
{
	struct trace *t = b->t;
	ARRAY_GROW(t->messages, t->message_count, t->message_cap);
	struct message *m = &t->messages[t->message_count];
	memset(m, 0, sizeof(*m));
	m->conn = b->conn;
	m->dir = dir;
	m->kind = kind;
	m->protection = t->records[last_record].protection;
	m->first_record = first_record;
	m->last_record = last_record;
	m->chunk = b->chunk;
	for (size_t i = first_record; i <= last_record; i++)
		m->altered |= t->records[i].altered;
	add_step(t, STEP_MESSAGE, t->message_count++, b->conn);
	return m;
}

/*
 * Keeps a recomputed secret and compares it with wolfSSL's value captured
 * under `label` (NULL when wolfSSL does not give it away).
 */
static struct derived_secret *add_secret(struct builder *b, const char *name, const uint8_t *bytes,
					 size_t len, const char *label)
{
	struct trace *t = b->t;
	ARRAY_GROW(t->secrets, t->secret_count, t->secret_cap);
	struct derived_secret *d = &t->secrets[t->secret_count++];
	memset(d, 0, sizeof(*d));
	d->conn = b->conn;
	d->message = t->message_count ? t->message_count - 1 : 0;
	snprintf(d->name, sizeof(d->name), "%s", name);
	memcpy(d->bytes, bytes, len);
	d->len = len;
	int held = label ? capture_holds(&t->capture, b->conn, label, bytes, len) : -1;
	/*
	 * "key", "iv" and "finished" hold every value wolfSSL derived under them:
	 * one missing may just not be derived yet (a handshake that failed first).
	 */
	bool several = label && (!strcmp(label, "key") || !strcmp(label, "iv") ||
				 !strcmp(label, "finished"));
	if (held < 0 || (held == 0 && several))
		return d;
	d->against_wolfssl = held ? CHECK_MATCH : CHECK_MISMATCH;
	if (!held)
		trace_error(t, "the recomputed %s differs from wolfSSL's", name);
	return d;
}

/* Empties the transcript: a new handshake begins, or it begins again. */
static void transcript_restart(struct builder *b)
{
	b->transcript.len = 0;
	crypto_prefix_hash_reset(&b->transcript_hash);
}

static bool transcript_hash(struct builder *b, uint8_t *out)
{
	if (crypto_prefix_hash(&b->transcript_hash, b->hash, b->transcript.data, b->transcript.len,
			       out) == 0)
		return true;
	trace_error(b->t, "could not hash the transcript");
	return false;
}

static void quic_secret(struct builder *b, enum direction dir, const struct suite_params *suite,
			const uint8_t *secret, enum protection level);

/*
 * Protects `dir` from now on with the keys of a TLS 1.3 traffic secret, and
 * keeps the key and IV (RFC 8446, 7.3) with the secret they come from.
 */
static void use_tls13_secret(struct builder *b, enum direction dir, const uint8_t *secret,
			     enum protection level)
{
	const struct suite_params *suite = crypto_suite(b->n->cipher_suite);
	b->level[dir] = level;
	memset(&b->keys[dir], 0, sizeof(b->keys[dir]));
	if (b->quic) {
		quic_secret(b, dir, suite, secret, level);
		return;
	}
	/* A suite tlsviz cannot decrypt has no keys (the ServerHello reported it). */
	if (!suite || crypto_tls13_keys(suite, secret, b->schedule.len, &b->keys[dir]) != 0) {
		trace_error(b->t, "could not derive the traffic keys");
		return;
	}
	char name[48], suffix[16] = "";
	const char *side = dir == DIR_CLIENT_TO_SERVER ? "client" : "server";
	const char *phase = level == PROTECTION_EARLY	   ? "early"
			    : level == PROTECTION_HANDSHAKE ? "handshake"
							    : "application";
	if (level == PROTECTION_APPLICATION) {
		memcpy(b->application_secret[dir], secret, b->schedule.len);
		if (b->generation[dir])
			snprintf(suffix, sizeof(suffix), "_%u", b->generation[dir]);
	}
	snprintf(name, sizeof(name), "%s_%s_write_key%s", side, phase, suffix);
	add_secret(b, name, b->keys[dir].key, suite->key_len, "key");
	snprintf(name, sizeof(name), "%s_%s_write_iv%s", side, phase, suffix);
	add_secret(b, name, b->keys[dir].iv, b->keys[dir].iv_len, "iv");
	if (level == PROTECTION_HANDSHAKE) {
		/* finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) */
		uint8_t finished_key[HASH_MAX];
		snprintf(name, sizeof(name), "%s_finished_key", side);
		if (crypto_expand_label(b->hash, secret, "finished", NULL, 0, finished_key,
					b->schedule.len) == 0)
			add_secret(b, name, finished_key, b->schedule.len, "finished");
	}
}

static bool master_from_key_log(struct builder *b);

/* TLS 1.2, at a ChangeCipherSpec from `dir`: its records are protected from now on. */
static void use_tls12_keys(struct builder *b, enum direction dir)
{
	struct record_keys keys[2];
	const struct suite_params *suite = tls12_suite(b);
	if (!b->have_master && b->session.have_master && !b->key_exchange_seen) {
		/*
		 * RFC 5246, 7.3: a ChangeCipherSpec with no key exchange before it is
		 * an abbreviated handshake; the session's master secret, new keys.
		 */
		memcpy(b->master, b->session.master, 48);
		b->have_master = true;
		b->n->resumed = true;
		add_secret(b, "master_secret", b->master, 48, "master secret");
	}
	/* An abbreviated handshake in a capture file: the key log has its master secret. */
	if (b->from_file && !b->no_keys && suite && !b->have_master && !b->key_exchange_seen &&
	    master_from_key_log(b))
		b->n->resumed = true;
	b->level[dir] = PROTECTION_APPLICATION;
	memset(&b->keys[dir], 0, sizeof(b->keys[dir]));
	/* RFC 5246, 7.3: a ChangeCipherSpec before any key exchange ends an abbreviated handshake. */
	if (b->from_file && !b->key_exchange_seen)
		b->n->resumed = true;
	if (b->from_file && (b->no_keys || !suite || !b->have_master)) {
		char random[32];
		if (!b->have_master)
			seal(b, "no key log line CLIENT_RANDOM for client random %s",
			     random_text(b, random));
		return;
	}
	if (!suite)
		trace_error(b->t, "cipher suite 0x%04x cannot be decrypted by tlsviz",
			    b->n->cipher_suite);
	else if (!b->have_master && !b->session.have_master)
		trace_error(b->t, "no master secret before the ChangeCipherSpec");
	else if ((b->n->version == 0x0301 ? crypto_tls10_keys : crypto_tls12_keys)(
			 suite, b->master, b->n->client_random, b->n->server_random,
			 b->n->encrypt_then_mac, &keys[0], &keys[1]) != 0)
		trace_error(b->t, "could not derive the TLS 1.2 key block");
	else
		b->keys[dir] = keys[dir];
}

/* The client's handshake keys, once its early data (if any) is over. */
static void client_handshake_keys(struct builder *b)
{
	b->client_handshake_deferred = false;
	use_tls13_secret(b, DIR_CLIENT_TO_SERVER, b->client_handshake_secret, PROTECTION_HANDSHAKE);
}

/* TLS 1.3: both directions move to the handshake traffic secrets of the schedule. */
static void use_handshake_secrets(struct builder *b)
{
	struct tls13_schedule *s = &b->schedule;
	memcpy(b->client_handshake_secret, s->client_handshake_traffic_secret, s->len);
	/*
	 * RFC 8446, 4.5: a client sending early data keeps its early keys until
	 * EndOfEarlyData; QUIC has none (RFC 9001, 8.3): its packet types say the keys.
	 */
	if (b->level[DIR_CLIENT_TO_SERVER] == PROTECTION_EARLY && !b->quic)
		b->client_handshake_deferred = true;
	else
		client_handshake_keys(b);
	use_tls13_secret(b, DIR_SERVER_TO_CLIENT, s->server_handshake_traffic_secret,
			 PROTECTION_HANDSHAKE);
}

/*
 * TLS 1.3 from a key log: the (EC)DHE shared secret is never logged, so the
 * schedule starts at the handshake traffic secrets; what comes before them
 * (early, handshake secret) cannot be shown. Without them, every protected
 * record stays ciphertext.
 */
static void tls13_from_key_log(struct builder *b)
{
	struct tls13_schedule *s = &b->schedule;
	size_t len = crypto_hash_len(b->hash);
	const struct secret *client = key_log_secret(b, "c hs traffic", len);
	const struct secret *server = key_log_secret(b, "s hs traffic", len);
	if (!client || !server) {
		char random[32];
		seal(b, "no key log line %s for client random %s",
		     client ? "SERVER_HANDSHAKE_TRAFFIC_SECRET" : "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
		     random_text(b, random));
		if (b->level[DIR_CLIENT_TO_SERVER] != PROTECTION_EARLY)
			no_keys_for(b, DIR_CLIENT_TO_SERVER, PROTECTION_HANDSHAKE);
		no_keys_for(b, DIR_SERVER_TO_CLIENT, PROTECTION_HANDSHAKE);
		return;
	}
	b->from_key_log = true;
	s->len = len;
	memcpy(s->client_handshake_traffic_secret, client->bytes, len);
	memcpy(s->server_handshake_traffic_secret, server->bytes, len);
	add_secret(b, "client_handshake_traffic_secret", client->bytes, len, NULL)->against_wolfssl =
		CHECK_INPUT;
	add_secret(b, "server_handshake_traffic_secret", server->bytes, len, NULL)->against_wolfssl =
		CHECK_INPUT;
	use_handshake_secrets(b);
}

/*
 * TLS 1.3 after the ServerHello (RFC 8446, 7.1): early secret from the PSK
 * (or zeros), handshake secret from the (EC)DHE shared secret, and the
 * handshake traffic secrets from Hash(ClientHello...ServerHello).
 */
static void tls13_handshake_keys(struct builder *b)
{
	const struct capture *c = &b->t->capture;
	const struct secret *shared = capture_find_secret(c, b->conn, "handshake ikm");
	const uint8_t *psk = b->n->resumed ? b->session.psk : NULL;
	uint8_t hello_hash[HASH_MAX];
	struct tls13_schedule *s = &b->schedule;
	if (b->no_keys) {
		no_keys_for(b, DIR_CLIENT_TO_SERVER, PROTECTION_HANDSHAKE);
		no_keys_for(b, DIR_SERVER_TO_CLIENT, PROTECTION_HANDSHAKE);
		return;
	}
	if (!shared && b->from_file) {
		tls13_from_key_log(b);
		return;
	}
	if (!shared) {
		trace_error(b->t, "the (EC)DHE shared secret was not captured");
		return;
	}
	if (b->n->resumed && b->session.hash != b->hash) {
		trace_error(b->t, "the resumed suite's hash differs from the ticket's");
		return;
	}
	if (!transcript_hash(b, hello_hash) ||
	    tls13_handshake_secrets(s, b->hash, psk, psk ? b->session.psk_len : 0, shared->bytes,
				    shared->len, hello_hash) != 0) {
		trace_error(b->t, "could not compute the TLS 1.3 handshake secrets");
		return;
	}
	add_secret(b, "ecdhe_shared_secret", shared->bytes, shared->len, NULL)->against_wolfssl =
		CHECK_INPUT;
	if (!b->n->resumed) /* a resumed one was shown with the PSK's binder */
		add_secret(b, "early_secret", s->early_secret, s->len, "early secret");
	add_secret(b, "handshake_secret", s->handshake_secret, s->len, "handshake secret");
	add_secret(b, "client_handshake_traffic_secret", s->client_handshake_traffic_secret, s->len,
		   "c hs traffic");
	add_secret(b, "server_handshake_traffic_secret", s->server_handshake_traffic_secret, s->len,
		   "s hs traffic");
	use_handshake_secrets(b);
}

bool find_extension(struct reader r, uint16_t wanted, struct reader *body)
{
	uint16_t len, type, ext_len;
	struct reader list;
	if (!reader_u16(&r, &len) || !reader_sub(&r, len, &list))
		return false;
	while (reader_u16(&list, &type) && reader_u16(&list, &ext_len) &&
	       reader_sub(&list, ext_len, body))
		if (type == wanted)
			return true;
	return false;
}

static bool has_extension(struct reader r, uint16_t wanted)
{
	struct reader body;
	return find_extension(r, wanted, &body);
}

/*
 * The highest version up to TLS 1.3 that a ClientHello's supported_versions
 * offers (RFC 8446, 4.2.1; GREASE values and drafts are above it), else its
 * legacy_version; r is at its extensions.
 */
static uint16_t offered_version(struct reader r, uint16_t legacy_version)
{
	struct reader body, list;
	uint8_t len;
	uint16_t version, best = 0;
	if (find_extension(r, EXT_SUPPORTED_VERSIONS, &body) && reader_u8(&body, &len) &&
	    reader_sub(&body, len, &list))
		while (reader_u16(&list, &version))
			if (version <= 0x0304 && version > best)
				best = version;
	return best ? best : legacy_version;
}

/*
 * A capture file's ClientHello offering a PSK: the ticket it comes from is
 * not in the file, so the binder cannot be checked. Its 0-RTT data opens
 * with the key log's client_early_traffic_secret, under the suite the
 * ticket was issued for: the first TLS 1.3 suite the client offers whose
 * hash is as long as the secret (the ticket's suite is not on the wire).
 */
static void early_from_key_log(struct builder *b, const struct message *m, bool early_data)
{
	if (!early_data)
		return;
	const struct secret *secret = capture_find_keyed(&b->t->capture, b->conn, "c e traffic",
							 b->n->client_random);
	char random[32];
	struct reader r = reader_init(m->bytes.data + HANDSHAKE_HEADER_LEN,
				      m->bytes.len - HANDSHAKE_HEADER_LEN, 0);
	uint16_t version, suites_len, suite;
	uint8_t len8;
	const uint8_t *skip;
	struct reader suites;
	if (secret && reader_u16(&r, &version) && reader_bytes(&r, 32, &skip) &&
	    reader_u8(&r, &len8) && reader_bytes(&r, len8, &skip) && reader_u16(&r, &suites_len) &&
	    reader_sub(&r, suites_len, &suites))
		while (reader_u16(&suites, &suite)) {
			const struct suite_params *p = crypto_suite(suite);
			if (!p || !p->tls13 || crypto_hash_len(p->hash) != secret->len)
				continue;
			b->n->cipher_suite = suite;
			b->hash = p->hash;
			b->schedule.len = secret->len;
			add_secret(b, "client_early_traffic_secret", secret->bytes, secret->len,
				   NULL)->against_wolfssl = CHECK_INPUT;
			use_tls13_secret(b, DIR_CLIENT_TO_SERVER, secret->bytes, PROTECTION_EARLY);
			return;
		}
	seal(b, "no key log line CLIENT_EARLY_TRAFFIC_SECRET for client random %s",
	     random_text(b, random));
	no_keys_for(b, DIR_CLIENT_TO_SERVER, PROTECTION_EARLY);
}

/*
 * RFC 8446, 4.2.11: a ClientHello offering a PSK from the connection
 * before. The PSK (from the ticket) gives the early secret; its binder, an
 * HMAC over the ClientHello up to the binders, proves the client holds it;
 * with early_data, the client's 0-RTT records are protected from here on.
 *
 * struct {
 *     PskIdentity identities<7..2^16-1>;
 *     PskBinderEntry binders<33..2^16-1>;
 * } OfferedPsks;
 */
static void on_client_psk(struct builder *b, const struct message *m, struct reader psk_ext,
			  bool early_data)
{
	struct trace *t = b->t;
	const struct session *session = &b->session;
	uint16_t identities_len, binders_len;
	uint8_t binder_len;
	const uint8_t *skip, *binder;
	if (!session->psk_len && b->from_file) {
		early_from_key_log(b, m, early_data);
		return;
	}
	if (!session->psk_len) {
		trace_error(t, "the ClientHello offers a PSK, but no ticket came before");
		return;
	}
	if (!reader_u16(&psk_ext, &identities_len) || !reader_bytes(&psk_ext, identities_len, &skip) ||
	    !reader_u16(&psk_ext, &binders_len) || !reader_u8(&psk_ext, &binder_len) ||
	    !reader_bytes(&psk_ext, binder_len, &binder) || m->bytes.len < 2u + binders_len) {
		trace_error(t, "the ClientHello's pre_shared_key is truncated");
		return;
	}
	enum prf_hash h = session->hash;
	size_t len = crypto_hash_len(h);
	uint8_t early[HASH_MAX], empty_hash[HASH_MAX], binder_key[HASH_MAX], finished_key[HASH_MAX];
	uint8_t partial_hash[HASH_MAX], expected[HASH_MAX];
	/* Transcript-Hash(Truncate(ClientHello)): the messages before, and this one up to the binders. */
	struct buf partial = BUF_INIT;
	buf_append(&partial, b->transcript.data, b->transcript.len);
	buf_append(&partial, m->bytes.data, m->bytes.len - 2u - binders_len);
	int failed = crypto_hkdf_extract(h, NULL, 0, session->psk, session->psk_len, early) ||
		     crypto_hash(h, NULL, 0, empty_hash) ||
		     crypto_expand_label(h, early, "res binder", empty_hash, len, binder_key, len) ||
		     crypto_expand_label(h, binder_key, "finished", NULL, 0, finished_key, len) ||
		     crypto_hash(h, partial.data, partial.len, partial_hash) ||
		     crypto_hmac(h, finished_key, len, partial_hash, len, expected);
	buf_release(&partial);
	if (failed) {
		trace_error(t, "could not compute the PSK binder");
		return;
	}
	add_secret(b, "psk", session->psk, session->psk_len, "early ikm");
	add_secret(b, "early_secret", early, len, "early secret");
	add_secret(b, "binder_key", binder_key, len, "res binder");
	if (binder_len != len || memcmp(binder, expected, len) != 0)
		trace_error(t, "the ClientHello's PSK binder does not match the ticket's PSK");
	else
		b->n->binder_verified = true;
	if (!early_data)
		return;
	/* client_early_traffic_secret = Derive-Secret(early_secret, "c e traffic", ClientHello) */
	uint8_t hello_hash[HASH_MAX], secret[HASH_MAX];
	buf_append(&partial, b->transcript.data, b->transcript.len);
	buf_append(&partial, m->bytes.data, m->bytes.len);
	failed = crypto_hash(h, partial.data, partial.len, hello_hash) ||
		 crypto_expand_label(h, early, "c e traffic", hello_hash, len, secret, len);
	buf_release(&partial);
	if (failed) {
		trace_error(t, "could not compute the early traffic secret");
		return;
	}
	add_secret(b, "client_early_traffic_secret", secret, len, "c e traffic");
	/* The early data is protected with the suite the ticket was issued under. */
	b->n->cipher_suite = session->cipher_suite;
	b->hash = h;
	b->schedule.len = len;
	use_tls13_secret(b, DIR_CLIENT_TO_SERVER, secret, PROTECTION_EARLY);
}

/*
 * TLS 1.3 (RFC 8446, 4.6.1): each ticket names a PSK, derived from the
 * resumption secret and the ticket's nonce; the next connection may offer it.
 */
static void on_tls13_ticket(struct builder *b, struct reader *r)
{
	uint8_t nonce_len;
	const uint8_t *skip, *nonce;
	struct session *session = &b->session;
	size_t len = b->schedule.len;
	if (b->from_key_log || b->no_keys)
		return; /* no resumption secret: the ticket's PSK cannot be derived */
	if (!reader_bytes(r, 8, &skip) || !reader_u8(r, &nonce_len) ||
	    !reader_bytes(r, nonce_len, &nonce)) {
		trace_error(b->t, "the NewSessionTicket is truncated");
		return;
	}
	/* PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) */
	if (crypto_expand_label(b->hash, b->schedule.resumption_master_secret, "resumption", nonce,
				nonce_len, session->psk, len) != 0) {
		trace_error(b->t, "could not derive the ticket's PSK");
		return;
	}
	session->psk_len = len;
	session->hash = b->hash;
	session->cipher_suite = b->n->cipher_suite;
	add_secret(b, "ticket_psk", session->psk, len, NULL);
}

/*
 * A capture file may hold versions tlsviz parses but does not decrypt: SSL
 * 3.0 (a MAC and a key derivation of its own, RFC 6101, 5.2.3.1 and 6.2.2)
 * and TLS 1.3's drafts. Their records after the key
 * exchange are shown as ciphertext, and the reason with them.
 */
static bool undecrypted_version(struct builder *b)
{
	static const struct {
		uint16_t version;
		const char *name;
	} versions[] = {
		{ 0x0300, "SSL 3.0" },
	};
	uint16_t v = b->n->version;
	if (v >= 0x0301 && v <= 0x0304)
		return false;
	const char *name = NULL;
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
		if (versions[i].version == v)
			name = versions[i].name;
	b->no_keys = true;
	if (name)
		seal(b, "%s is parsed but not decrypted: tlsviz decrypts TLS 1.0 to 1.3", name);
	else if (v >> 8 == 0x7f)
		seal(b, "TLS 1.3 draft %u is parsed but not decrypted: tlsviz decrypts RFC 8446's "
		     "TLS 1.3", v & 0xff);
	else
		seal(b, "version 0x%04x is parsed but not decrypted", v);
	return true;
}

/*
 * struct {
 *     ProtocolVersion legacy_version;
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;
 *
 * Returns whether it is a HelloRetryRequest.
 */
static bool on_server_hello(struct builder *b, struct reader *r)
{
	struct negotiated *n = b->n;
	const uint8_t *random;
	uint8_t session_id_len, compression;
	struct reader session_id, extensions;
	uint16_t extensions_len;
	if (!reader_u16(r, &n->version) || !reader_bytes(r, 32, &random) ||
	    !reader_u8(r, &session_id_len) || !reader_sub(r, session_id_len, &session_id) ||
	    !reader_u16(r, &n->cipher_suite) || !reader_u8(r, &compression)) {
		trace_error(b->t, "the ServerHello is truncated");
		return false;
	}
	bool retry = memcmp(random, hello_retry_random, 32) == 0;
	if (!retry)
		memcpy(n->server_random, random, 32);
	n->hello_retry |= retry;
	n->extended_master_secret = b->client_ems && has_extension(*r, EXT_EXTENDED_MASTER_SECRET);
	n->encrypt_then_mac = b->client_etm && has_extension(*r, EXT_ENCRYPT_THEN_MAC);
	if (reader_remaining(r) && reader_u16(r, &extensions_len) &&
	    reader_sub(r, extensions_len, &extensions)) {
		uint16_t type, len;
		struct reader body;
		while (reader_u16(&extensions, &type) && reader_u16(&extensions, &len) &&
		       reader_sub(&extensions, len, &body)) {
			/* A HelloRetryRequest's key_share names the group it wants (2 bytes). */
			if (type == EXT_SUPPORTED_VERSIONS && !reader_u16(&body, &n->version))
				trace_error(b->t, "the ServerHello's supported_versions is truncated");
			if (type == EXT_KEY_SHARE && !reader_u16(&body, &n->group))
				trace_error(b->t, "the ServerHello's key_share is truncated");
			/* The server took the PSK: this connection resumes the session. */
			if (type == EXT_PRE_SHARED_KEY && !retry)
				n->resumed = true;
		}
	}
	const struct suite_params *suite = crypto_suite(n->cipher_suite);
	if (b->from_file && !retry && undecrypted_version(b))
		return retry;
	if (!suite && b->from_file) {
		b->no_keys = true;
		seal(b, "cipher suite 0x%04x is not one tlsviz decrypts", n->cipher_suite);
	} else if (!suite) {
		trace_error(b->t, "cipher suite 0x%04x cannot be decrypted by tlsviz",
			    n->cipher_suite);
	} else {
		b->hash = tls12_suite(b)->hash;
	}
	return retry;
}

/*
 * A capture file's TLS 1.2 master secret: from the key log's CLIENT_RANDOM
 * line, or for static RSA from the premaster the server's key opens
 * (tls12_master_secret); false when neither is there.
 */
static bool master_from_key_log(struct builder *b)
{
	const struct secret *master = key_log_secret(b, "master secret", 48);
	if (!master)
		return false;
	memcpy(b->master, master->bytes, 48);
	b->have_master = true;
	add_secret(b, "master_secret", b->master, 48, NULL)->against_wolfssl = CHECK_INPUT;
	return true;
}

/*
 * A capture file without the key log's master secret: whether the server's
 * key (--rsa-key) may open the premaster instead; says why not when not.
 */
static bool rsa_key_may_open(struct builder *b, const struct suite_params *suite)
{
	if (suite->rsa_key_transport && b->t->capture.server_key)
		return true;
	char random[32];
	seal(b, "no key log line CLIENT_RANDOM for client random %s%s", random_text(b, random),
	     suite->rsa_key_transport ? " (nor --rsa-key)" : "");
	return false;
}

/*
 * TLS 1.2 at the ClientKeyExchange (RFC 5246, 8.1; RFC 7627): the premaster
 * secret, opened with the server's key (static RSA) or as the peers computed
 * it ((EC)DHE), then the master secret.
 */
static void tls12_master_secret(struct builder *b, const struct message *m)
{
	struct trace *t = b->t;
	const struct suite_params *suite = tls12_suite(b);
	uint8_t premaster[512];
	size_t premaster_len = 0;
	b->key_exchange_seen = true;
	if (!suite || b->no_keys)
		return;
	if (b->from_file && (master_from_key_log(b) || !rsa_key_may_open(b, suite)))
		return;
	const struct secret *captured = capture_find_secret(&t->capture, b->conn, "premaster secret");
	if (captured) {
		/* As the server computed (or, for static RSA, decrypted) it. */
		memcpy(premaster, captured->bytes, captured->len);
		premaster_len = captured->len;
	} else if (suite->rsa_key_transport) {
		/* opaque EncryptedPreMasterSecret<0..2^16-1>, opened with the server's key. */
		struct reader r = reader_init(m->bytes.data + message_header_len(m),
					      m->bytes.len - message_header_len(m), 0);
		uint16_t len;
		const uint8_t *encrypted;
		int n = -1;
		if (reader_u16(&r, &len) && reader_bytes(&r, len, &encrypted) && t->capture.server_key)
			n = crypto_rsa_decrypt(t->capture.server_key, t->capture.server_key_len,
					       encrypted, len, premaster, sizeof(premaster));
		if (n != 48) {
			trace_error(t, "the server's key does not open the premaster secret");
			return;
		}
		premaster_len = 48;
	} else {
		trace_error(t, "the (EC)DHE premaster secret was not captured");
		return;
	}
	add_secret(b, "pre_master_secret", premaster, premaster_len, NULL)->against_wolfssl =
		captured ? CHECK_INPUT : CHECK_UNCHECKED;

	uint8_t seed[64];
	size_t seed_len;
	const char *label;
	if (b->n->extended_master_secret) {
		/* session_hash: the transcript up to and including the ClientKeyExchange. */
		if (!transcript_hash(b, seed))
			return;
		seed_len = crypto_hash_len(b->hash);
		label = "extended master secret";
	} else {
		memcpy(seed, b->n->client_random, 32);
		memcpy(seed + 32, b->n->server_random, 32);
		seed_len = 64;
		label = "master secret";
	}
	if (crypto_prf12(b->hash, premaster, premaster_len, label, seed, seed_len, b->master, 48) !=
	    0) {
		trace_error(t, "could not compute the master secret");
		return;
	}
	b->have_master = true;
	add_secret(b, "master_secret", b->master, 48, "master secret");
}

/* Checks a Finished against the transcript before it (RFC 8446, 4.4.4; RFC 5246, 7.4.9). */
static void verify_finished(struct builder *b, const struct message *m)
{
	struct trace *t = b->t;
	uint8_t hash[HASH_MAX], expected[HASH_MAX];
	size_t len;
	bool client = m->dir == DIR_CLIENT_TO_SERVER;
	if (!transcript_hash(b, hash))
		return;
	if (b->n->version == 0x0304) {
		const uint8_t *base = client ? b->schedule.client_handshake_traffic_secret
					     : b->schedule.server_handshake_traffic_secret;
		len = b->schedule.len;
		if (tls13_finished(b->hash, base, hash, expected) != 0)
			return;
	} else {
		len = 12;
		if (!b->have_master ||
		    crypto_prf12(b->hash, b->master, 48, client ? "client finished" : "server finished",
				 hash, crypto_hash_len(b->hash), expected, len) != 0)
			return;
	}
	if (m->bytes.len != message_header_len(m) + len ||
	    memcmp(m->bytes.data + message_header_len(m), expected, len) != 0) {
		trace_error(t, "the %s's Finished does not match the transcript", client ? "client" : "server");
		return;
	}
	t->conns[b->conn].finished_verified[m->dir] = true;
}

/*
 * TLS 1.3 from a key log, after `dir`'s Finished: its application traffic
 * secret from the log (the master secret it comes from is not logged, nor the
 * resumption secret after it).
 */
static void application_from_key_log(struct builder *b, enum direction dir)
{
	struct tls13_schedule *s = &b->schedule;
	bool client = dir == DIR_CLIENT_TO_SERVER;
	const struct secret *secret = key_log_secret(b, client ? "c ap traffic" : "s ap traffic",
						    s->len);
	if (!secret) {
		char random[32];
		seal(b, "no key log line %s for client random %s",
		     client ? "CLIENT_TRAFFIC_SECRET_0" : "SERVER_TRAFFIC_SECRET_0",
		     random_text(b, random));
		no_keys_for(b, dir, PROTECTION_APPLICATION);
		return;
	}
	uint8_t *kept = client ? s->client_application_traffic_secret_0
			       : s->server_application_traffic_secret_0;
	memcpy(kept, secret->bytes, s->len);
	add_secret(b, client ? "client_application_traffic_secret_0"
			     : "server_application_traffic_secret_0",
		   kept, s->len, NULL)->against_wolfssl = CHECK_INPUT;
	use_tls13_secret(b, dir, kept, PROTECTION_APPLICATION);
}

/* TLS 1.3 after each Finished: the application secrets, then the resumption secret. */
static void tls13_after_finished(struct builder *b, enum direction dir)
{
	struct tls13_schedule *s = &b->schedule;
	uint8_t hash[HASH_MAX];
	if (b->from_key_log) {
		application_from_key_log(b, dir);
		return;
	}
	if (!transcript_hash(b, hash))
		return;
	if (dir == DIR_SERVER_TO_CLIENT) {
		if (tls13_application_secrets(s, hash) != 0) {
			trace_error(b->t, "could not compute the application secrets");
			return;
		}
		add_secret(b, "master_secret", s->master_secret, s->len, "master secret");
		add_secret(b, "client_application_traffic_secret_0",
			   s->client_application_traffic_secret_0, s->len, "c ap traffic");
		add_secret(b, "server_application_traffic_secret_0",
			   s->server_application_traffic_secret_0, s->len, "s ap traffic");
		add_secret(b, "exporter_master_secret", s->exporter_master_secret, s->len,
			   "exp master");
		use_tls13_secret(b, dir, s->server_application_traffic_secret_0,
				 PROTECTION_APPLICATION);
		return;
	}
	if (tls13_resumption_secret(s, hash) != 0) {
		trace_error(b->t, "could not compute the resumption secret");
		return;
	}
	add_secret(b, "resumption_master_secret", s->resumption_master_secret, s->len,
		   "res master");
	use_tls13_secret(b, dir, s->client_application_traffic_secret_0, PROTECTION_APPLICATION);
}

/*
 * RFC 8446, 7.2: after its KeyUpdate, a side protects its records with
 * application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length).
 */
static void key_update(struct builder *b, enum direction dir)
{
	uint8_t next[HASH_MAX];
	if (b->level[dir] != PROTECTION_APPLICATION ||
	    crypto_expand_label(b->hash, b->application_secret[dir], "traffic upd", NULL, 0, next,
				b->schedule.len) != 0) {
		trace_error(b->t, "a KeyUpdate before the application keys");
		return;
	}
	char name[64];
	b->generation[dir]++;
	snprintf(name, sizeof(name), "%s_application_traffic_secret_%u",
		 dir == DIR_CLIENT_TO_SERVER ? "client" : "server", b->generation[dir]);
	add_secret(b, name, next, b->schedule.len, "traffic upd");
	use_tls13_secret(b, dir, next, PROTECTION_APPLICATION);
}

/* The group of a ServerKeyExchange's (EC)DHE parameters, <r> its body. */
static void server_key_exchange_group(struct builder *b, struct reader r)
{
	/* ECParameters: curve_type 3 (named_curve) then the group (RFC 8422, 5.4). */
	struct reader dh = r;
	uint8_t curve_type;
	if (reader_u8(&r, &curve_type) && curve_type == 3) {
		if (!reader_u16(&r, &b->n->group))
			trace_error(b->t, "the ServerKeyExchange is truncated");
		return;
	}
	/*
	 * struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>; ... } ServerDHParams;
	 * RFC 7919: a server using one of its groups sends that prime and generator.
	 */
	uint16_t p_len, g_len;
	const uint8_t *p, *g;
	if (reader_u16(&dh, &p_len) && reader_bytes(&dh, p_len, &p) && reader_u16(&dh, &g_len) &&
	    reader_bytes(&dh, g_len, &g))
		b->n->group = crypto_ffdhe_group(p, p_len, g, g_len);
}

/*
 * Steps `r`, at a ClientHello's legacy_session_id, over it, DTLS's cookie
 * (`cookie`), the cipher suites and the compression methods: to the
 * extensions. False when the hello ends before them.
 */
static bool skip_to_extensions(struct reader *r, bool cookie)
{
	const uint8_t *skip;
	uint8_t len8;
	uint16_t len16;
	return reader_u8(r, &len8) && reader_bytes(r, len8, &skip) &&
	       (!cookie || (reader_u8(r, &len8) && reader_bytes(r, len8, &skip))) &&
	       reader_u16(r, &len16) && reader_bytes(r, len16, &skip) && reader_u8(r, &len8) &&
	       reader_bytes(r, len8, &skip);
}

/*
 * What the trace itself does with each handshake message: the randoms, the
 * negotiated parameters, the transcript, and the key schedule's steps.
 */
static void on_handshake(struct builder *b, const struct message *m)
{
	struct reader r = reader_init(m->bytes.data + HANDSHAKE_HEADER_LEN,
				      m->bytes.len - HANDSHAKE_HEADER_LEN, HANDSHAKE_HEADER_LEN);
	bool tls13 = b->n->version == 0x0304;
	uint16_t legacy_version;
	const uint8_t *random;
	switch (m->type) {
	case HS_CLIENT_HELLO:
		/* RFC 5746: a ClientHello after TLS 1.2's handshake renegotiates: a new transcript. */
		if (b->from_file && b->n->version == 0x0303 && b->have_master) {
			transcript_restart(b);
			b->key_exchange_seen = false;
			/* The new handshake has a master secret of its own, or resumes this one. */
			memcpy(b->session.master, b->master, 48);
			b->session.have_master = true;
			b->have_master = false;
		}
		if (reader_u16(&r, &legacy_version) && reader_bytes(&r, 32, &random)) {
			memcpy(b->n->client_random, random, 32);
			if (skip_to_extensions(&r, false)) {
				struct reader psk;
				if (!b->n->offered_version)
					b->n->offered_version = offered_version(r, legacy_version);
				b->client_ems = has_extension(r, EXT_EXTENDED_MASTER_SECRET);
				b->client_etm = has_extension(r, EXT_ENCRYPT_THEN_MAC);
				if (find_extension(r, EXT_PRE_SHARED_KEY, &psk))
					on_client_psk(b, m, psk, has_extension(r, EXT_EARLY_DATA));
			}
		}
		break;
	case HS_SERVER_HELLO:
		if (on_server_hello(b, &r)) {
			/* RFC 8446, 4.4.1: ClientHello1 becomes message_hash(Hash(ClientHello1)). */
			uint8_t synthetic[HANDSHAKE_HEADER_LEN + HASH_MAX] = { HS_MESSAGE_HASH, 0, 0 };
			synthetic[3] = (uint8_t)crypto_hash_len(b->hash);
			if (!transcript_hash(b, synthetic + HANDSHAKE_HEADER_LEN))
				return;
			transcript_restart(b);
			buf_append(&b->transcript, synthetic, HANDSHAKE_HEADER_LEN + synthetic[3]);
			break;
		}
		buf_append(&b->transcript, m->bytes.data, m->bytes.len);
		if (b->n->version == 0x0304)
			tls13_handshake_keys(b);
		return;
	case HS_SERVER_KEY_EXCHANGE:
		server_key_exchange_group(b, r);
		break;
	case HS_CLIENT_KEY_EXCHANGE:
		buf_append(&b->transcript, m->bytes.data, m->bytes.len);
		tls12_master_secret(b, m);
		return;
	case HS_FINISHED:
		verify_finished(b, m);
		buf_append(&b->transcript, m->bytes.data, m->bytes.len);
		if (tls13 && b->level[m->dir] == PROTECTION_HANDSHAKE)
			tls13_after_finished(b, m->dir);
		return;
	case HS_KEY_UPDATE:
		if (tls13)
			key_update(b, m->dir);
		return;
	case HS_NEW_SESSION_TICKET:
		/* After the handshake in TLS 1.3: not part of the transcript. */
		if (tls13) {
			on_tls13_ticket(b, &r);
			return;
		}
		break;
	case HS_ENCRYPTED_EXTENSIONS:
		/* RFC 8446, 4.2.10: the server says here whether it took the early data. */
		b->n->early_data = has_extension(r, EXT_EARLY_DATA);
		if (!b->n->early_data && b->client_handshake_deferred)
			client_handshake_keys(b);
		break;
	case HS_END_OF_EARLY_DATA:
		buf_append(&b->transcript, m->bytes.data, m->bytes.len);
		if (b->client_handshake_deferred)
			client_handshake_keys(b);
		return;
	}
	buf_append(&b->transcript, m->bytes.data, m->bytes.len);
}

/* Appends a record's handshake bytes and cuts out every message they complete. */
static void split_handshake(struct builder *b, size_t record_index)
{
	const struct record *rec = &b->t->records[record_index];
	enum direction dir = rec->dir;
	struct buf *pending = &b->pending[dir];
	if (rec->plain.len == 0) {
		/* RFC 8446, 5.1: handshake fragments are never empty. */
		trace_error(b->t, "record %zu (%s) carries an empty handshake fragment", record_index,
			    direction_text(dir));
		return;
	}
	if (pending->len == 0)
		b->pending_first_record[dir] = record_index;
	buf_append(pending, rec->plain.data, rec->plain.len);

	size_t used = 0;
	for (;;) {
		struct reader r = reader_init(pending->data + used, pending->len - used, 0);
		uint8_t type;
		uint32_t len;
		if (!reader_u8(&r, &type) || !reader_u24(&r, &len) || reader_remaining(&r) < len)
			break;
		size_t total = HANDSHAKE_HEADER_LEN + len;
		struct message *m = add_message(b, dir, MESSAGE_HANDSHAKE,
						b->pending_first_record[dir], record_index);
		m->type = type;
		m->protection = rec->protection;
		buf_append(&m->bytes, pending->data + used, total);
		used += total;
		b->pending_first_record[dir] = record_index;
		on_handshake(b, m);
	}
	memmove(pending->data, pending->data + used, pending->len - used);
	pending->len -= used;
}

/* Opens a protected record into rec->plain; false when it does not authenticate. */
static bool open_record(struct builder *b, struct record *rec)
{
	struct record_keys *keys = &b->keys[rec->dir];
	if (!keys->suite ||
	    crypto_open_record(keys, trace_record_bytes(b->t, rec), rec->len, &rec->plain,
			       &rec->layout) != 0)
		return false;
	rec->decrypted = true;
	rec->opened_with = *keys;
	rec->opened_with.seq--; /* the number this record was opened with */
	if (keys->suite->tls13)
		rec->inner_type = rec->layout.inner_type;
	return true;
}

static void record_messages(struct builder *b, size_t index);
static void dtls_fragments(struct builder *b, size_t index);

static void process_record(struct builder *b, size_t index)
{
	struct trace *t = b->t;
	struct record *rec = &t->records[index];
	enum direction dir = rec->dir;
	bool tls13 = b->n->version == 0x0304;
	/* TLS 1.3's middlebox-compatibility ChangeCipherSpec always travels in clear. */
	bool is_protected = b->level[dir] != PROTECTION_PLAINTEXT &&
			    !((tls13 || b->level[dir] == PROTECTION_EARLY) &&
			      rec->type == CONTENT_CHANGE_CIPHER_SPEC);

	rec->inner_type = rec->type;
	if (is_protected) {
		rec->protection = b->level[dir];
		/*
		 * A capture file's 0-RTT ends with an EndOfEarlyData the early keys
		 * may not open (no early secret logged): the handshake keys then may.
		 */
		if (b->from_file && b->level[dir] == PROTECTION_EARLY && b->client_handshake_deferred &&
		    !open_record(b, rec)) {
			client_handshake_keys(b);
			rec->protection = b->level[dir];
		}
		if (!rec->decrypted && !open_record(b, rec)) {
			if (!b->keys[dir].suite && b->from_file) {
				add_message(b, dir, MESSAGE_UNREADABLE, index, index);
				return;
			}
			trace_error(t, "record %zu (%s) does not open with the recomputed keys", index,
				    direction_text(dir));
			add_message(b, dir, MESSAGE_UNREADABLE, index, index);
			return;
		}
	} else {
		buf_append(&rec->plain, trace_record_bytes(t, rec) + RECORD_HEADER_LEN,
			   rec->len - RECORD_HEADER_LEN);
	}
	record_messages(b, index);
}

/* The messages of record `index`, whose content (rec->plain) is in clear or was opened. */
static void record_messages(struct builder *b, size_t index)
{
	struct trace *t = b->t;
	struct record *rec = &t->records[index];
	enum direction dir = rec->dir;
	struct message *m;
	switch (rec->inner_type) {
	case CONTENT_HANDSHAKE:
		if (rec->dtls)
			dtls_fragments(b, index);
		else
			split_handshake(b, index);
		break;
	case CONTENT_CHANGE_CIPHER_SPEC:
		m = add_message(b, dir, MESSAGE_CHANGE_CIPHER_SPEC, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		/* Before the ServerHello it is TLS 1.3's compatibility CCS (RFC 8446, D.4): no keys. */
		if (b->n->version != 0x0304 && b->n->version)
			use_tls12_keys(b, dir);
		break;
	case CONTENT_ALERT:
		m = add_message(b, dir, MESSAGE_ALERT, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		if (rec->plain.len >= 2) {
			m->level = rec->plain.data[0];
			m->type = rec->plain.data[1];
		} else {
			trace_error(t, "record %zu (%s) holds a truncated alert", index,
				    direction_text(dir));
		}
		break;
	case CONTENT_APPLICATION_DATA:
		m = add_message(b, dir, MESSAGE_APPLICATION_DATA, index, index);
		buf_append(&m->bytes, rec->plain.data, rec->plain.len);
		break;
	default:
		/* A capture file may hold what tlsviz does not show (RFC 6520's heartbeats). */
		if (!b->from_file)
			trace_error(t, "record %zu (%s) has unknown content type %u", index,
				    direction_text(dir), rec->inner_type);
		add_message(b, dir, MESSAGE_UNREADABLE, index, index);
	}
}

/* A new record of `dir`: <offset, len> of its stream, header included. */
static struct record *add_record(struct builder *b, enum direction dir, uint8_t type,
				 uint16_t version, size_t offset, size_t len)
{
	struct trace *t = b->t;
	ARRAY_GROW(t->records, t->record_count, t->record_cap);
	struct record *rec = &t->records[t->record_count++];
	memset(rec, 0, sizeof(*rec));
	rec->conn = b->conn;
	rec->dir = dir;
	rec->type = type;
	rec->version = version;
	rec->stream_offset = offset;
	rec->len = len;
	rec->chunk = b->chunk;
	rec->altered = memcmp(trace_record_bytes(t, rec), trace_record_delivered(t, rec),
			      rec->len) != 0;
	return rec;
}

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion legacy_record_version;
 *     uint16 length;
 *     opaque fragment[TLSPlaintext.length];
 * } TLSPlaintext;
 *
 * Cuts every whole record out of what `dir` has sent so far.
 */
static void split_records(struct builder *b, enum direction dir)
{
	struct trace *t = b->t;
	const struct buf *stream = &t->stream[dir];
	while (b->parsed[dir] < stream->len) {
		struct reader r = reader_init(stream->data + b->parsed[dir],
					      stream->len - b->parsed[dir], b->parsed[dir]);
		uint8_t type;
		uint16_t version, len;
		if (!reader_u8(&r, &type) || !reader_u16(&r, &version) || !reader_u16(&r, &len) ||
		    reader_remaining(&r) < len)
			return;
		if (len > MAX_RECORD_LEN) {
			trace_error(t, "a %s record claims %u bytes, more than TLS allows",
				    direction_text(dir), len);
			b->parsed[dir] = stream->len;
			return;
		}
		add_record(b, dir, type, version, b->parsed[dir], RECORD_HEADER_LEN + (size_t)len);
		b->parsed[dir] += RECORD_HEADER_LEN + (size_t)len;
		process_record(b, t->record_count - 1);
	}
}

/* ---- DTLS (RFC 6347; RFC 9147): 1.0 and 1.2 decrypted as TLS 1.1 and 1.2, 1.3 read ---- */

/* The version a DTLS hello's supported_versions names (RFC 9147, 5.3), else `legacy`. */
static uint16_t dtls_hello_version(struct reader extensions, uint16_t legacy, bool client)
{
	struct reader body, list;
	uint8_t len;
	uint16_t version;
	if (!find_extension(extensions, EXT_SUPPORTED_VERSIONS, &body))
		return legacy;
	if (!client)
		return reader_u16(&body, &version) ? version : legacy;
	/* DTLS versions count down: 0xfefc (1.3) is newer than 0xfefd (1.2). */
	uint16_t best = legacy;
	if (reader_u8(&body, &len) && reader_sub(&body, len, &list))
		while (reader_u16(&list, &version))
			if ((version >> 8) == 0xfe && version < best)
				best = version;
	return best;
}

/*
 * What a whole DTLS handshake message tells of the connection: the hellos'
 * versions, randoms and suite, the ServerKeyExchange's group, and for DTLS
 * 1.0 and 1.2 the transcript and TLS 1.1's or 1.2's key schedule.
 */
static void on_dtls_handshake(struct builder *b, const struct message *m)
{
	struct reader r = reader_init(m->bytes.data + DTLS_HANDSHAKE_HEADER_LEN,
				      m->bytes.len - DTLS_HANDSHAKE_HEADER_LEN,
				      DTLS_HANDSHAKE_HEADER_LEN);
	uint16_t version, suite;
	const uint8_t *random, *skip;
	uint8_t len8;
	/* RFC 6347, 4.2.6: neither a HelloVerifyRequest nor the ClientHello before it is hashed. */
	if (m->type == HS_HELLO_VERIFY_REQUEST) {
		transcript_restart(b);
		return;
	}
	if (m->type == HS_FINISHED)
		verify_finished(b, m);
	buf_append(&b->transcript, m->bytes.data, m->bytes.len);
	switch (m->type) {
	case HS_CLIENT_HELLO:
		/* client_version, random, session_id, cookie, cipher_suites, compression_methods */
		if (!reader_u16(&r, &version) || !reader_bytes(&r, 32, &random))
			return;
		memcpy(b->n->client_random, random, 32);
		if (skip_to_extensions(&r, true)) {
			if (!b->n->offered_version)
				b->n->offered_version = dtls_hello_version(r, version, true);
			b->client_ems = has_extension(r, EXT_EXTENDED_MASTER_SECRET);
			b->client_etm = has_extension(r, EXT_ENCRYPT_THEN_MAC);
		} else if (!b->n->offered_version) {
			b->n->offered_version = version;
		}
		return;
	case HS_SERVER_HELLO:
		/* server_version, random, session_id, cipher_suite, compression_method */
		if (!reader_u16(&r, &version) || !reader_bytes(&r, 32, &random))
			return;
		memcpy(b->n->server_random, random, 32);
		b->n->version = version;
		if (!reader_u8(&r, &len8) || !reader_bytes(&r, len8, &skip) ||
		    !reader_u16(&r, &suite) || !reader_u8(&r, &len8))
			return;
		b->n->cipher_suite = suite;
		b->n->version = dtls_hello_version(r, version, false);
		b->n->extended_master_secret = b->client_ems &&
					       has_extension(r, EXT_EXTENDED_MASTER_SECRET);
		b->n->encrypt_then_mac = b->client_etm && has_extension(r, EXT_ENCRYPT_THEN_MAC);
		/* DTLS 1.2 and 1.0 keep TLS 1.2's and 1.1's key schedule (RFC 6347, 4.2; RFC 4347, 4.2). */
		const struct suite_params *params = tls12_suite(b);
		if (b->n->version == 0xfefc) {
			b->no_keys = true;
			seal(b, "DTLS 1.3 is parsed but not decrypted: tlsviz decrypts DTLS 1.0 and 1.2");
		} else if (!params) {
			b->no_keys = true;
			seal(b, "cipher suite 0x%04x is not one tlsviz decrypts", suite);
		} else {
			b->hash = params->hash;
		}
		return;
	case HS_SERVER_KEY_EXCHANGE:
		server_key_exchange_group(b, r);
		return;
	case HS_CLIENT_KEY_EXCHANGE:
		tls12_master_secret(b, m);
		return;
	}
}

/*
 * Opens DTLS record `rec` (epoch 1 and later) as TLS 1.2 opens a record
 * with the same type, version and length: RFC 6347, 4.1.2.1, its MAC and
 * AEAD additional data take the 8 bytes of epoch and sequence_number where
 * TLS has its implicit sequence number.
 */
static bool open_dtls_record(struct builder *b, struct record *rec)
{
	struct record_keys *keys = &b->keys[rec->dir];
	if (!keys->suite || rec->len < DTLS_RECORD_HEADER_LEN)
		return false;
	const uint8_t *wire = trace_record_bytes(b->t, rec);
	size_t body = rec->len - DTLS_RECORD_HEADER_LEN;
	uint8_t *framed = xmalloc(RECORD_HEADER_LEN + body);
	const uint8_t header[RECORD_HEADER_LEN] = { wire[0], wire[1], wire[2], wire[11], wire[12] };
	memcpy(framed, header, sizeof(header));
	memcpy(framed + RECORD_HEADER_LEN, wire + DTLS_RECORD_HEADER_LEN, body);
	keys->seq = (uint64_t)rec->epoch << 48 | rec->sequence_number;
	int failed = crypto_open_record(keys, framed, RECORD_HEADER_LEN + body, &rec->plain,
					&rec->layout);
	free(framed);
	if (failed)
		return false;
	/* The parts lie 8 bytes further on in the DTLS record, behind epoch and sequence_number. */
	const size_t shift = DTLS_RECORD_HEADER_LEN - RECORD_HEADER_LEN;
	struct record_layout *l = &rec->layout;
	size_t *parts[] = { &l->nonce_at, &l->content_at, &l->padding_at, &l->mac_at, &l->tag_at };
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		*parts[i] += shift;
	if (l->type_at)
		l->type_at += shift;
	rec->decrypted = true;
	rec->opened_with = *keys;
	rec->opened_with.seq--;
	return true;
}

static void dtls_message_release(struct dtls_message *d)
{
	free(d->body);
	free(d->have);
	d->body = d->have = NULL;
	d->open = false;
}

/* The message `d` holds is whole: it becomes the trace's, with the header of one fragment. */
static void dtls_message_done(struct builder *b, enum direction dir, size_t record)
{
	struct dtls_message *d = &b->dtls[dir];
	struct message *m = add_message(b, dir, MESSAGE_HANDSHAKE, d->first_record, record);
	m->type = d->type;
	m->dtls = true;
	m->fragments = d->fragments;
	uint8_t header[DTLS_HANDSHAKE_HEADER_LEN] = {
		d->type, (uint8_t)(d->length >> 16), (uint8_t)(d->length >> 8), (uint8_t)d->length,
		(uint8_t)(d->next_seq >> 8), (uint8_t)d->next_seq, 0, 0, 0,
		(uint8_t)(d->length >> 16), (uint8_t)(d->length >> 8), (uint8_t)d->length,
	};
	buf_append(&m->bytes, header, sizeof(header));
	buf_append(&m->bytes, d->body, d->length);
	dtls_message_release(d);
	d->next_seq++;
	on_dtls_handshake(b, m);
}

/*
 * struct {
 *     HandshakeType msg_type;
 *     uint24 length;
 *     uint16 message_seq;
 *     uint24 fragment_offset;
 *     uint24 fragment_length;
 *     select (HandshakeType) { ... } body;
 * } Handshake;                                  (RFC 6347, 4.2.2)
 *
 * The fragments in record `index`: a message is whole when its fragments
 * cover its length (in any order, overlapping or not, 4.2.3), and each
 * message_seq is drawn once: a fragment of a message already whole is a
 * retransmission (4.2.4).
 */
static void dtls_fragments(struct builder *b, size_t index)
{
	struct trace *t = b->t;
	const struct record *rec = &t->records[index];
	enum direction dir = rec->dir;
	struct dtls_message *d = &b->dtls[dir];
	struct reader r = reader_init(rec->plain.data, rec->plain.len, 0);
	while (reader_remaining(&r)) {
		uint8_t type;
		uint32_t length, offset, fragment_len;
		uint16_t seq;
		const uint8_t *bytes;
		if (!reader_u8(&r, &type) || !reader_u24(&r, &length) || !reader_u16(&r, &seq) ||
		    !reader_u24(&r, &offset) || !reader_u24(&r, &fragment_len) ||
		    !reader_bytes(&r, fragment_len, &bytes)) {
			trace_error(t, "record %zu (%s) ends inside a handshake fragment", index,
				    direction_text(dir));
			return;
		}
		if (!d->started) {
			d->started = true;
			d->next_seq = seq; /* a capture may begin after a side's first message */
		}
		if (seq < d->next_seq)
			continue; /* a retransmission of a message already whole */
		if (seq > d->next_seq) {
			if (d->open)
				trace_error(t, "handshake message %u (%s) never got all its fragments",
					    d->next_seq, direction_text(dir));
			dtls_message_release(d);
			d->next_seq = seq;
		}
		if (!d->open) {
			if (length > DTLS_MESSAGE_MAX) {
				trace_error(t, "handshake message %u (%s) claims %u bytes", seq,
					    direction_text(dir), length);
				return;
			}
			*d = (struct dtls_message){ .started = true, .next_seq = seq, .open = true,
						    .type = type, .length = length,
						    .body = xcalloc(length ? length : 1, 1),
						    .have = xcalloc(length ? length : 1, 1),
						    .first_record = index };
		} else if (type != d->type || length != d->length) {
			trace_error(t, "the fragments of handshake message %u (%s) disagree on its type "
				    "or length", seq, direction_text(dir));
			continue;
		}
		if (offset > length || fragment_len > length - offset) {
			trace_error(t, "a fragment of handshake message %u (%s) lies past its end", seq,
				    direction_text(dir));
			continue;
		}
		memcpy(d->body + offset, bytes, fragment_len);
		for (uint32_t i = offset; i < offset + fragment_len; i++) {
			d->received += !d->have[i];
			d->have[i] = 1;
		}
		d->fragments++;
		if (d->received == d->length)
			dtls_message_done(b, dir, index);
	}
}

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion version;
 *     uint16 epoch;
 *     uint48 sequence_number;
 *     uint16 length;
 *     opaque fragment[DTLSPlaintext.length];
 * } DTLSPlaintext;                              (RFC 6347, 4.1)
 *
 * The records of the datagram that begins at `from` in dir's bytes (a
 * record never spans two datagrams, 4.1.1). Records of epoch 1 and later
 * are protected: the first epoch's open with the key log's keys; DTLS 1.3's
 * unified header (RFC 9147, 4) and connection IDs stay ciphertext.
 */
static void split_datagram(struct builder *b, enum direction dir, size_t from)
{
	struct trace *t = b->t;
	const struct buf *stream = &t->stream[dir];
	size_t at = from;
	while (at < stream->len) {
		struct reader r = reader_init(stream->data + at, stream->len - at, at);
		uint8_t type;
		uint16_t version, epoch, len;
		const uint8_t *seq;
		struct record *rec;
		if ((stream->data[at] & 0xe0) == 0x20) {
			/* 001CSLEE: the rest of the datagram, for the length and connection ID are optional. */
			rec = add_record(b, dir, stream->data[at], 0, at, stream->len - at);
			rec->dtls = rec->unified = true;
			rec->epoch = stream->data[at] & 3;
		} else if (reader_u8(&r, &type) && reader_u16(&r, &version) &&
			   reader_u16(&r, &epoch) && reader_bytes(&r, 6, &seq) &&
			   (type == CONTENT_TLS12_CID ||
			    (reader_u16(&r, &len) && reader_remaining(&r) >= len))) {
			/* A connection ID of a length only the handshake says: the rest of the datagram. */
			size_t record_len = type == CONTENT_TLS12_CID ? stream->len - at
								     : DTLS_RECORD_HEADER_LEN + (size_t)len;
			rec = add_record(b, dir, type, version, at, record_len);
			rec->dtls = true;
			rec->connection_id = type == CONTENT_TLS12_CID;
			rec->epoch = epoch;
			for (int i = 0; i < 6; i++)
				rec->sequence_number = rec->sequence_number << 8 | seq[i];
		} else {
			trace_error(t, "a %s datagram ends inside a DTLS record (%zu bytes left)",
				    direction_text(dir), stream->len - at);
			break;
		}
		at += rec->len;
		size_t index = t->record_count - 1;
		rec->inner_type = rec->type;
		if (rec->unified || rec->connection_id || rec->epoch > 0) {
			/* DTLS 1.3: epoch 1 is early data, 2 the handshake's, 3 on the application's. */
			rec->protection = rec->unified && rec->epoch == 1   ? PROTECTION_EARLY
					  : rec->unified && rec->epoch == 2 ? PROTECTION_HANDSHAKE
									    : PROTECTION_APPLICATION;
			if (rec->unified)
				seal(b, "DTLS 1.3 is parsed but not decrypted: tlsviz decrypts DTLS 1.0 "
				     "and 1.2");
			else if (rec->connection_id)
				seal(b, "records with a connection ID (RFC 9146) are not decrypted");
			else if (rec->epoch > 1)
				seal(b, "tlsviz follows a DTLS connection's first epoch of keys only");
			bool openable = !rec->unified && !rec->connection_id && rec->epoch == 1;
			if (openable && open_dtls_record(b, rec)) {
				record_messages(b, index);
				continue;
			}
			if (openable && b->keys[dir].suite)
				trace_error(t, "record %zu (%s) does not open with the recomputed keys",
					    index, direction_text(dir));
			seal(b, "no keys for the %s's records of epoch %u",
			     dir == DIR_CLIENT_TO_SERVER ? "client" : "server", rec->epoch);
			add_message(b, dir, MESSAGE_UNREADABLE, index, index);
			continue;
		}
		buf_append(&rec->plain, stream->data + rec->stream_offset + DTLS_RECORD_HEADER_LEN,
			   rec->len - DTLS_RECORD_HEADER_LEN);
		record_messages(b, index);
	}
	b->parsed[dir] = stream->len;
}

/* ---- QUIC (RFC 9000; RFC 9001): packets opened, CRYPTO frames put together into TLS 1.3 ---- */

/* Keeps one of a QUIC secret's keys as a derived secret: client_handshake_quic_key, ... */
static void add_quic_key(struct builder *b, enum direction dir, enum protection level,
			 const char *what, const uint8_t *bytes, size_t len)
{
	static const char *const phases[] = { [PROTECTION_INITIAL] = "initial",
					      [PROTECTION_EARLY] = "early",
					      [PROTECTION_HANDSHAKE] = "handshake",
					      [PROTECTION_APPLICATION] = "application" };
	char name[48], suffix[16] = "";
	if (level == PROTECTION_APPLICATION && b->generation[dir])
		snprintf(suffix, sizeof(suffix), "_%u", b->generation[dir]);
	snprintf(name, sizeof(name), "%s_%s_quic_%s%s", dir == DIR_CLIENT_TO_SERVER ? "client" : "server",
		 phases[level], what, suffix);
	add_secret(b, name, bytes, len, NULL);
}

/* The packet protection keys of `dir`'s packets at `level` from `secret` (RFC 9001, 5.1). */
static bool quic_keys_from(struct builder *b, enum direction dir, const struct suite_params *suite,
			   const uint8_t *secret, enum protection level)
{
	struct quic_state *q = b->quic;
	q->have[dir][level] = false;
	if (!suite || crypto_quic_keys(suite, q->version, secret, &q->keys[dir][level]) != 0) {
		trace_error(b->t, "could not derive the QUIC packet protection keys");
		return false;
	}
	q->have[dir][level] = true;
	const struct quic_keys *k = &q->keys[dir][level];
	add_quic_key(b, dir, level, "key", k->aead.key, suite->key_len);
	add_quic_key(b, dir, level, "iv", k->aead.iv, 12);
	add_quic_key(b, dir, level, "hp", k->hp, suite->key_len);
	return true;
}

/*
 * QUIC in place of TLS's records (RFC 9001, 4 and 5): each traffic secret
 * protects the packets of its level with keys of QUIC's own labels; the
 * handshake secrets still give the Finished keys.
 */
static void quic_secret(struct builder *b, enum direction dir, const struct suite_params *suite,
			const uint8_t *secret, enum protection level)
{
	struct quic_state *q = b->quic;
	if (!quic_keys_from(b, dir, suite, secret, level))
		return;
	size_t len = crypto_hash_len(suite->hash);
	if (level == PROTECTION_APPLICATION) {
		memcpy(q->secret[dir], secret, len);
		memcpy(b->application_secret[dir], secret, len);
	}
	if (level == PROTECTION_HANDSHAKE) {
		uint8_t finished_key[HASH_MAX];
		if (crypto_expand_label(suite->hash, secret, "finished", NULL, 0, finished_key, len) == 0)
			add_secret(b, dir == DIR_CLIENT_TO_SERVER ? "client_finished_key"
								  : "server_finished_key",
				   finished_key, len, NULL);
	}
}

/*
 * RFC 9001, 5.2: the client's first Initial packet's Destination Connection
 * ID gives both sides' Initial keys (a Retry's new ID, new ones); anyone who
 * sees that packet can derive them: Initial packets are not confidential.
 */
static void quic_initial_keys(struct builder *b, const struct quic_header *h)
{
	struct quic_state *q = b->quic;
	uint8_t initial[32], client[32], server[32];
	q->initial_keys = true;
	q->retried = false;
	if (crypto_quic_initial_secrets(h->version, h->dcid, h->dcid_len, initial, client, server) !=
	    0) {
		seal(b, "QUIC version 0x%08x: tlsviz knows the Initial keys of versions 1 and 2 and "
		     "drafts 29 to 34",
		     h->version);
		return;
	}
	const struct suite_params *suite = crypto_suite(0x1301); /* 5.2: AEAD_AES_128_GCM, SHA-256 */
	add_secret(b, "initial_secret", initial, 32, NULL);
	add_secret(b, "client_initial_secret", client, 32, NULL);
	if (quic_keys_from(b, DIR_CLIENT_TO_SERVER, suite, client, PROTECTION_INITIAL)) {
		add_secret(b, "server_initial_secret", server, 32, NULL);
		quic_keys_from(b, DIR_SERVER_TO_CLIENT, suite, server, PROTECTION_INITIAL);
	}
}

/*
 * RFC 9001, 6: a 1-RTT packet whose Key Phase bit differs from the current
 * one was sent with the next generation of keys, secret_<n+1> =
 * HKDF-Expand-Label(secret_<n>, "quic ku", "", Hash.length); false when it
 * does not open with them either (it may be a late packet of the phase before).
 */
static bool quic_key_update(struct builder *b, enum direction dir, uint64_t pn,
			    const uint8_t *header, size_t header_len, const uint8_t *payload,
			    size_t payload_len, struct buf *plain)
{
	struct quic_state *q = b->quic;
	const struct suite_params *suite = q->keys[dir][PROTECTION_APPLICATION].aead.suite;
	uint8_t next[HASH_MAX];
	struct quic_keys keys;
	size_t len = crypto_hash_len(suite->hash);
	if (crypto_quic_next_secret(suite, q->version, q->secret[dir], next) != 0 ||
	    crypto_quic_keys(suite, q->version, next, &keys) != 0)
		return false;
	/* RFC 9001, 6.1: the header protection key does not change. */
	memcpy(keys.hp, q->keys[dir][PROTECTION_APPLICATION].hp, sizeof(keys.hp));
	if (crypto_quic_open(&keys, pn, header, header_len, payload, payload_len, plain) != 0)
		return false;
	char name[64];
	b->generation[dir]++;
	snprintf(name, sizeof(name), "%s_application_traffic_secret_%u",
		 dir == DIR_CLIENT_TO_SERVER ? "client" : "server", b->generation[dir]);
	add_secret(b, name, next, len, NULL);
	memcpy(q->secret[dir], next, len);
	q->keys[dir][PROTECTION_APPLICATION] = keys;
	add_quic_key(b, dir, PROTECTION_APPLICATION, "key", keys.aead.key, suite->key_len);
	add_quic_key(b, dir, PROTECTION_APPLICATION, "iv", keys.aead.iv, 12);
	q->phase[dir] = !q->phase[dir];
	return true;
}

/*
 * The bytes a CRYPTO frame of packet `index` brings to its space's stream
 * (RFC 9000, 19.6: at their offset, in any order, resent or not), and every
 * handshake message they complete: TLS 1.3's, with its 4-byte header, and no
 * record layer around it (RFC 9001, 4.1.3).
 */
static void quic_crypto(struct builder *b, size_t index, enum quic_space space,
			const struct quic_frame *f)
{
	struct trace *t = b->t;
	enum direction dir = t->records[index].dir;
	struct crypto_stream *cs = &b->quic->crypto[dir][space];
	if (f->offset > CRYPTO_STREAM_MAX || f->data_len > CRYPTO_STREAM_MAX - f->offset) {
		trace_error(t, "a CRYPTO frame of packet %zu (%s) reaches past %zu bytes", index,
			    direction_text(dir), CRYPTO_STREAM_MAX);
		return;
	}
	size_t end = (size_t)f->offset + f->data_len;
	if (end <= cs->contiguous)
		return; /* bytes it had: a retransmission */
	if (cs->data.len == cs->parsed)
		cs->first_record = index; /* the first bytes of the next message, in any order */
	if (end > cs->data.len) {
		size_t grow = end - cs->data.len;
		buf_reserve(&cs->data, grow);
		buf_reserve(&cs->have, grow);
		memset(cs->data.data + cs->data.len, 0, grow);
		memset(cs->have.data + cs->have.len, 0, grow);
		cs->data.len = cs->have.len = end;
	}
	memcpy(cs->data.data + f->offset, f->data, f->data_len);
	memset(cs->have.data + f->offset, 1, f->data_len);
	while (cs->contiguous < cs->data.len && cs->have.data[cs->contiguous])
		cs->contiguous++;
	for (;;) {
		struct reader r = reader_init(cs->data.data + cs->parsed, cs->contiguous - cs->parsed, 0);
		uint8_t type;
		uint32_t len;
		if (!reader_u8(&r, &type) || !reader_u24(&r, &len) || reader_remaining(&r) < len)
			break;
		size_t total = HANDSHAKE_HEADER_LEN + len;
		struct message *m = add_message(b, dir, MESSAGE_HANDSHAKE, cs->first_record, index);
		m->type = type;
		buf_append(&m->bytes, cs->data.data + cs->parsed, total);
		cs->parsed += total;
		cs->first_record = index;
		on_handshake(b, m);
	}
}

/*
 * The frames of packet `index` (RFC 9000, 19): CRYPTO's handshake, STREAM's
 * and DATAGRAM's data, and HANDSHAKE_DONE and CONNECTION_CLOSE as steps.
 */
static void quic_frames(struct builder *b, size_t index, enum quic_space space)
{
	struct trace *t = b->t;
	const struct record *rec = &t->records[index];
	struct reader r = reader_init(rec->plain.data, rec->plain.len, 0);
	struct quic_frame f;
	size_t data = SIZE_MAX; /* the message of the packet's application data, once it has some */
	for (;;) {
		enum quic_frame_result res = quic_next_frame(&r, &f);
		if (res == QUIC_FRAME_END)
			return;
		if (res == QUIC_FRAME_CUT) {
			trace_error(t, "packet %zu (%s) ends inside a frame", index,
				    direction_text(rec->dir));
			return;
		}
		if (res == QUIC_FRAME_UNKNOWN) {
			seal(b, "a frame of type 0x%llx, which RFC 9000 does not define, ends what "
			     "tlsviz reads of packet %zu", (unsigned long long)f.type, index);
			return;
		}
		bool stream = f.type >= QUIC_FRAME_STREAM && f.type <= 0x0f;
		if (f.type == QUIC_FRAME_CRYPTO) {
			quic_crypto(b, index, space, &f);
		} else if (f.type == QUIC_FRAME_HANDSHAKE_DONE ||
			   f.type == QUIC_FRAME_CONNECTION_CLOSE ||
			   f.type == QUIC_FRAME_CONNECTION_CLOSE_APP) {
			/* The handshake confirmed (RFC 9001, 4.1.2), the connection closed: steps of their own. */
			struct message *m = add_message(b, rec->dir, MESSAGE_QUIC_FRAME, index, index);
			m->type = (uint8_t)f.type;
			buf_append(&m->bytes, rec->plain.data + f.at, f.len);
		} else if ((stream || f.type == 0x30 || f.type == 0x31) && f.data_len) {
			if (data == SIZE_MAX) {
				add_message(b, rec->dir, MESSAGE_APPLICATION_DATA, index, index);
				data = t->message_count - 1;
			}
			buf_append(&t->messages[data].bytes, f.data, f.data_len);
		}
	}
}

/* What the packet type `type` is protected with, and its packet number space. */
static enum protection quic_level(enum quic_packet type, enum quic_space *space)
{
	switch (type) {
	case QUIC_PACKET_INITIAL:
		*space = SPACE_INITIAL;
		return PROTECTION_INITIAL;
	case QUIC_PACKET_HANDSHAKE:
		*space = SPACE_HANDSHAKE;
		return PROTECTION_HANDSHAKE;
	case QUIC_PACKET_0RTT:
		*space = SPACE_APPLICATION;
		return PROTECTION_EARLY;
	case QUIC_PACKET_1RTT:
		*space = SPACE_APPLICATION;
		return PROTECTION_APPLICATION;
	default:
		*space = SPACES;
		return PROTECTION_PLAINTEXT;
	}
}

/*
 * Packet `index`, whose header is `h`: its header protection removed (RFC
 * 9001, 5.4: a sample of 16 bytes from 4 past the packet number's start
 * gives the mask of the first byte's low bits and the packet number), the
 * packet number recovered (RFC 9000, 17.1), the payload opened (RFC 9001,
 * 5.3), and its frames read.
 */
static void quic_packet(struct builder *b, size_t index, const struct quic_header *h)
{
	struct trace *t = b->t;
	struct quic_state *q = b->quic;
	struct record *rec = &t->records[index];
	enum direction dir = rec->dir;
	const char *side = dir == DIR_CLIENT_TO_SERVER ? "client" : "server";
	enum quic_space space;
	enum protection level = quic_level(h->type, &space);
	rec->protection = level;
	if (h->long_header && h->type != QUIC_PACKET_VERSION_NEGOTIATION) {
		/* Its Source Connection ID is what the other side's short headers will carry. */
		q->short_dcid_len[!dir] = h->scid_len;
		q->short_dcid_known[!dir] = true;
	}
	if (h->type == QUIC_PACKET_RETRY && dir == DIR_SERVER_TO_CLIENT)
		q->retried = true;
	if (level == PROTECTION_PLAINTEXT) {
		/* A Retry or Version Negotiation: nothing in it is protected, and it is a step. */
		struct message *m = add_message(b, dir, MESSAGE_QUIC_PACKET, index, index);
		m->type = (uint8_t)h->type;
		buf_append(&m->bytes, trace_record_bytes(t, rec), rec->len);
		return;
	}
	/* The client's answer to a Retry: its Initial again, under keys from the Retry's ID. */
	bool after_retry = h->type == QUIC_PACKET_INITIAL && dir == DIR_CLIENT_TO_SERVER &&
			   q->retried;
	if (h->type == QUIC_PACKET_INITIAL && dir == DIR_CLIENT_TO_SERVER &&
	    (!q->initial_keys || q->retried))
		quic_initial_keys(b, h);
	if (!q->have[dir][level]) {
		seal(b, "no keys for the %s's %ss", side, quic_packet_name(h->type));
		add_message(b, dir, MESSAGE_UNREADABLE, index, index);
		return;
	}
	const struct quic_keys *k = &q->keys[dir][level];
	const uint8_t *p = trace_record_bytes(t, rec);
	uint8_t mask[5];
	if (h->pn_at + 4 + 16 > rec->len || crypto_quic_mask(k, p + h->pn_at + 4, mask) != 0) {
		trace_error(t, "packet %zu (%s) is too short for its header protection's sample",
			    index, side);
		add_message(b, dir, MESSAGE_UNREADABLE, index, index);
		return;
	}
	uint8_t first = p[0] ^ (mask[0] & (h->long_header ? 0x0f : 0x1f));
	unsigned pn_len = (first & 3) + 1;
	size_t header_len = h->pn_at + pn_len;
	uint8_t *header = xmalloc(header_len);
	memcpy(header, p, header_len);
	header[0] = first;
	uint64_t truncated = 0;
	for (unsigned i = 0; i < pn_len; i++) {
		header[h->pn_at + i] ^= mask[1 + i];
		truncated = truncated << 8 | header[h->pn_at + i];
	}
	uint64_t pn = quic_packet_number(q->any_pn[dir][space], q->largest_pn[dir][space], truncated,
					 pn_len);
	const uint8_t *payload = p + header_len;
	size_t payload_len = rec->len - header_len;
	bool next_phase = h->type == QUIC_PACKET_1RTT && (bool)(first & 0x04) != q->phase[dir];
	bool opened = next_phase ? quic_key_update(b, dir, pn, header, header_len, payload,
						   payload_len, &rec->plain)
				 : crypto_quic_open(k, pn, header, header_len, payload, payload_len,
						    &rec->plain) == 0;
	free(header);
	if (!opened) {
		trace_error(t, "packet %zu (%s) does not open with the recomputed keys", index, side);
		add_message(b, dir, MESSAGE_UNREADABLE, index, index);
		return;
	}
	k = &q->keys[dir][level];
	rec->decrypted = rec->quic_unmasked = true;
	rec->quic_first = first;
	rec->quic_pn_len = (uint8_t)pn_len;
	rec->sequence_number = pn;
	rec->opened_with = k->aead;
	rec->opened_with.seq = pn;
	size_t tag_len = k->aead.suite->tag_len;
	rec->layout = (struct record_layout){ .content_at = header_len,
					      .content_len = payload_len - tag_len,
					      .tag_at = rec->len - tag_len,
					      .tag_len = tag_len };
	if (!q->any_pn[dir][space] || pn > q->largest_pn[dir][space])
		q->largest_pn[dir][space] = pn;
	q->any_pn[dir][space] = true;
	quic_frames(b, index, space);
	/*
	 * Its ClientHello was sent before (RFC 9000, 17.2.5.2; its bytes are drawn
	 * once): the packet itself is the step that answers the Retry.
	 */
	if (after_retry) {
		struct message *m = add_message(b, dir, MESSAGE_QUIC_PACKET, index, index);
		m->type = QUIC_PACKET_INITIAL;
		buf_append(&m->bytes, trace_record_bytes(t, &t->records[index]), t->records[index].len);
	}
}

/*
 * The packets of the datagram that begins at `from` in dir's bytes: long
 * headers may be coalesced one after another, a short header runs to the
 * datagram's end (RFC 9000, 12.2).
 */
static void split_quic_datagram(struct builder *b, enum direction dir, size_t from)
{
	struct trace *t = b->t;
	struct quic_state *q = b->quic;
	const struct buf *stream = &t->stream[dir];
	size_t at = from;
	while (at < stream->len) {
		const uint8_t *p = stream->data + at;
		size_t left = stream->len - at;
		struct quic_header h;
		bool short_header = !(p[0] & 0x80);
		if (short_header && !q->short_dcid_known[dir]) {
			seal(b, "1-RTT packets from the %s before any long header said the length of "
			     "their connection ID", dir == DIR_CLIENT_TO_SERVER ? "client" : "server");
			struct record *rec = add_record(b, dir, QUIC_PACKET_1RTT, 0, at, left);
			rec->quic = true;
			rec->protection = PROTECTION_APPLICATION;
			add_message(b, dir, MESSAGE_UNREADABLE, t->record_count - 1, t->record_count - 1);
			break;
		}
		if (!quic_header(p, left, q->short_dcid_len[dir], &h)) {
			size_t zeros = 0;
			while (zeros < left && p[zeros] == 0)
				zeros++;
			/* Zeros after the packets pad the datagram (RFC 9000, 12.2 lets them be dropped). */
			if (zeros < left)
				trace_error(t, "a %s datagram ends in %zu bytes that are no QUIC packet",
					    direction_text(dir), left);
			break;
		}
		if (h.long_header && !q->version && h.type != QUIC_PACKET_VERSION_NEGOTIATION)
			q->version = h.version;
		struct record *rec = add_record(b, dir, (uint8_t)h.type, 0, at, h.len);
		rec->quic = true;
		rec->quic_version = h.long_header ? h.version : q->version;
		rec->quic_pn_at = h.pn_at;
		rec->inner_type = rec->type;
		at += h.len;
		quic_packet(b, t->record_count - 1, &h);
	}
	b->parsed[dir] = stream->len;
}

/* What is left of the CRYPTO streams when the capture ends, said; their buffers freed. */
static void quic_release(struct builder *b)
{
	static const char *const spaces[SPACES] = { "Initial", "Handshake", "1-RTT" };
	for (int dir = 0; dir < 2; dir++)
		for (int space = 0; space < SPACES; space++) {
			struct crypto_stream *cs = &b->quic->crypto[dir][space];
			if (cs->data.len > cs->parsed)
				capture_note(&b->t->capture, "the %s's %s CRYPTO stream ends with %zu "
					     "bytes that are no whole handshake message",
					     dir == DIR_CLIENT_TO_SERVER ? "client" : "server",
					     spaces[space], cs->data.len - cs->parsed);
			buf_release(&cs->data);
			buf_release(&cs->have);
		}
	free(b->quic);
	b->quic = NULL;
}

static void add_segment_steps(struct trace *t, size_t first, size_t end)
{
	for (size_t i = first; i < end; i++)
		add_step(t, STEP_SEGMENT, i, t->tcp.segments[i].conn);
}

/* Where the chunks of connection `conn`, starting at chunk `first`, end. */
static size_t connection_end(const struct capture *c, unsigned conn, size_t first)
{
	size_t end = first;
	while (end < c->chunk_count && c->chunks[end].conn == conn)
		end++;
	return end;
}

/*
 * Opens connection `conn`, whose chunks start at `first_chunk`: a fresh key
 * schedule, its TCP modeled on the timeline, and the TCP handshake's steps.
 */
static void begin_connection(struct builder *b, unsigned conn, size_t first_chunk)
{
	struct trace *t = b->t;
	const struct capture *c = &t->capture;
	for (int dir = 0; dir < 2; dir++) {
		b->pending[dir].len = 0;
		b->keys[dir] = (struct record_keys){ 0 };
		b->level[dir] = PROTECTION_PLAINTEXT;
		b->generation[dir] = 0;
	}
	transcript_restart(b);
	b->schedule = (struct tls13_schedule){ 0 };
	b->have_master = b->client_ems = b->client_etm = b->client_handshake_deferred = false;
	b->key_exchange_seen = false;
	b->hash = 0;
	b->conn = conn;
	b->n = &t->conns[conn].negotiated;
	t->conn_count = conn + 1;
	t->conns[conn].first_step = t->step_count;
	if (conn == 0)
		tcp_init(&t->tcp, TCP_DEFAULT_MSS, c->tcp_isn[0]);
	else
		tcp_next_connection(&t->tcp, c->tcp_isn[conn]);
	if (c->from_file)
		return; /* its TCP is the captured one */
	size_t first = t->tcp.count;
	timeline_model_tcp(t, first_chunk, connection_end(c, conn, first_chunk), b->segments);
	add_segment_steps(t, first, first + 3);
}

/* Closes the connection being built: the TCP teardown, and what is left over. */
static void end_connection(struct builder *b)
{
	struct trace *t = b->t;
	if (!t->capture.from_file)
		add_segment_steps(t, t->tcp.count - 4, t->tcp.count);
	for (int dir = 0; dir < 2; dir++) {
		if (b->gap[dir])
			continue; /* the capture said so: the gap is the reason */
		if (b->parsed[dir] < t->stream[dir].len)
			trace_error(t, "the last %zu bytes %s are not a whole record",
				    t->stream[dir].len - b->parsed[dir], direction_text(dir));
		if (b->pending[dir].len)
			trace_error(t, "the last %zu handshake bytes %s are not a whole message",
				    b->pending[dir].len, direction_text(dir));
	}
	/* TLS 1.2: the session the next connection may resume. */
	if (b->have_master) {
		memcpy(b->session.master, b->master, 48);
		b->session.have_master = true;
	}
	const struct connection *conn = &t->conns[b->conn];
	/* Both Finished checked and every record opened: the keys are proven. */
	if (!strcmp(t->outcome, "complete") && b->n->version && !t->error[0] &&
	    !(conn->finished_verified[0] && conn->finished_verified[1]))
		trace_error(t, "a Finished message was not verified");
}

/*
 * Moves chunk `i`'s bytes into its direction's stream (and, for a direction
 * that was tampered with, what arrived into delivered[]), then cuts the
 * records it completes. Nothing reads a chunk's bytes after this.
 */
static void take_chunk(struct builder *b, size_t i, const bool tampered[2])
{
	struct trace *t = b->t;
	struct chunk *ch = &t->capture.chunks[i];
	b->chunk = i;
	buf_append(&t->stream[ch->dir], ch->bytes, ch->len);
	if (tampered[ch->dir])
		buf_append(&t->delivered[ch->dir], ch->delivered ? ch->delivered : ch->bytes,
			   ch->len);
	free(ch->bytes);
	free(ch->delivered);
	ch->bytes = ch->delivered = NULL;
	if (t->capture.quic)
		split_quic_datagram(b, ch->dir, t->stream[ch->dir].len - ch->len);
	else if (t->capture.datagrams)
		split_datagram(b, ch->dir, t->stream[ch->dir].len - ch->len);
	else if (!b->gap[ch->dir])
		split_records(b, ch->dir);
}

/* The role a captured segment plays: what a modeled one of its kind would. */
static enum segment_role captured_role(const struct segment *s, bool *closing, bool *opening)
{
	if (s->flags & (TCP_FIN | TCP_RST))
		*closing = true;
	if (*closing)
		return SEGMENT_CLOSE;
	if (s->flags & TCP_SYN) {
		*opening = s->dir == DIR_SERVER_TO_CLIENT && (s->flags & TCP_ACK);
		return SEGMENT_OPEN;
	}
	if (*opening && s->dir == DIR_CLIENT_TO_SERVER && !s->len) {
		*opening = false; /* the client's ACK of the SYN-ACK ends the handshake */
		return SEGMENT_OPEN;
	}
	*opening = false;
	return s->len ? SEGMENT_DATA : SEGMENT_ACK;
}

/* What a trace's segment borrows of a captured one (TCP's or a datagram's). */
static void take_captured(struct segment *s, const struct captured_segment *cs)
{
	s->dir = cs->dir;
	s->header = cs->header;
	s->header_len = cs->header_len;
	s->ip_header = cs->ip_header;
	s->ip_header_len = cs->ip_header_len;
	s->ip_length = cs->ip_length;
	s->captured_payload = cs->payload;
	s->captured_len = cs->payload_len;
	s->stream_offset = cs->stream_offset;
	s->captured_ns = cs->time_ns;
	s->chunk = cs->chunk == CAPTURED_NO_CHUNK ? SEGMENT_NO_CHUNK : cs->chunk;
	s->note = cs->note;
	s->gap = cs->gap;
}

/*
 * A capture file's DTLS connection: each datagram is a chunk, whose records
 * become messages as they come. The datagrams are kept as the trace's
 * segments, for the exports, but drawn only through what they carry.
 */
static void build_from_datagrams(struct builder *b, const bool tampered[2])
{
	struct trace *t = b->t;
	const struct capture *c = &t->capture;
	b->from_file = true;
	if (c->quic)
		b->quic = xcalloc(1, sizeof(*b->quic));
	begin_connection(b, 0, 0);
	for (size_t i = 0; i < c->segment_count; i++) {
		const struct captured_segment *cs = &c->segments[i];
		ARRAY_GROW(t->tcp.segments, t->tcp.count, t->tcp.cap);
		struct segment *s = &t->tcp.segments[t->tcp.count++];
		memset(s, 0, sizeof(*s));
		take_captured(s, cs);
		s->role = SEGMENT_DATA;
		s->len = cs->payload_len;
		s->checksum = cs->header_len >= 8 ? (uint16_t)(cs->header[6] << 8 | cs->header[7]) : 0;
		if (cs->chunk != CAPTURED_NO_CHUNK && cs->chunk < c->chunk_count)
			take_chunk(b, cs->chunk, tampered);
	}
	for (int dir = 0; dir < 2; dir++) {
		if (b->dtls[dir].open)
			trace_error(t, "the last handshake message (%s) never got all its fragments",
				    direction_text(dir));
		dtls_message_release(&b->dtls[dir]);
	}
	if (b->quic)
		quic_release(b);
	end_connection(b);
}

/*
 * A capture file's connection: its captured segments are the steps of its
 * TCP, in the order they were captured, and the bytes each adds to its
 * direction's stream are split into records as they come. A segment after
 * a gap stops its direction: the bytes after a gap are not guessed at.
 */
static void captured_outcome(struct trace *t);

static void build_from_file(struct builder *b, const bool tampered[2])
{
	struct trace *t = b->t;
	const struct capture *c = &t->capture;
	bool closing = false, opening = false;
	b->from_file = true;
	begin_connection(b, 0, 0);
	for (size_t i = 0; i < c->segment_count; i++) {
		const struct captured_segment *cs = &c->segments[i];
		ARRAY_GROW(t->tcp.segments, t->tcp.count, t->tcp.cap);
		struct segment *s = &t->tcp.segments[t->tcp.count];
		memset(s, 0, sizeof(*s));
		struct reader r = reader_init(cs->header, cs->header_len, 0);
		uint16_t ports[2];
		uint8_t offset;
		if (!reader_u16(&r, &ports[0]) || !reader_u16(&r, &ports[1]) ||
		    !reader_u32(&r, &s->seq) || !reader_u32(&r, &s->ack) ||
		    !reader_u8(&r, &offset) || !reader_u8(&r, &s->flags) ||
		    !reader_u16(&r, &s->window))
			continue; /* the reader keeps only whole headers */
		take_captured(s, cs);
		s->len = cs->note == CAPTURED_PREAMBLE ? 0 : cs->payload_len;
		s->checksum = (uint16_t)(cs->header[16] << 8 | cs->header[17]);
		s->role = captured_role(s, &closing, &opening);
		add_step(t, STEP_SEGMENT, t->tcp.count++, 0);
		if (cs->note == CAPTURED_AFTER_GAP)
			b->gap[cs->dir] = true;
		if (cs->chunk != CAPTURED_NO_CHUNK && cs->chunk < c->chunk_count)
			take_chunk(b, cs->chunk, tampered);
	}
	end_connection(b);
	/* A segment's payload as far as its direction's stream holds it (the exports copy it). */
	for (size_t i = 0; i < t->tcp.count; i++) {
		struct segment *s = &t->tcp.segments[i];
		size_t have = t->stream[s->dir].len;
		if (s->stream_offset > have)
			s->stream_offset = have;
		if (s->len > have - s->stream_offset)
			s->len = have - s->stream_offset;
	}
	captured_outcome(t);
}

/* Whether a QUIC CONNECTION_CLOSE with an error other than NO_ERROR (0, RFC 9000, 20) was sent. */
static bool quic_closed_with_error(const struct trace *t)
{
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
		struct quic_frame f;
		if (m->kind == MESSAGE_QUIC_FRAME && m->type != QUIC_FRAME_HANDSHAKE_DONE &&
		    quic_next_frame(&r, &f) == QUIC_FRAME_READ && f.error_code != 0)
			return true;
	}
	return false;
}

/* What became of a capture file's connection, as far as the capture shows. */
static void captured_outcome(struct trace *t)
{
	const struct connection *conn = &t->conns[0];
	const char *outcome = "incomplete";
	if (conn->finished_verified[0] && conn->finished_verified[1])
		outcome = "complete";
	else if (trace_failure_alert(t) >= 0 || quic_closed_with_error(t))
		outcome = "failed";
	else if (t->unopened[0] && conn->negotiated.version)
		outcome = "unverified";
	snprintf(t->outcome, sizeof(t->outcome), "%s", outcome);
}

/*
 * A peer that sends an alert other than close_notify has ended the
 * connection (RFC 8446, 6.2; RFC 5246, 7.2.2): what it had not read of its
 * peer's bytes by then, it never processes. The capture says how much it had
 * read when it wrote the alert.
 */
static void mark_unread(struct trace *t)
{
	const struct capture *c = &t->capture;
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *alert = &t->messages[i];
		if (alert->kind != MESSAGE_ALERT || alert->type == 0)
			continue;
		enum direction toward = direction_flip(alert->dir);
		/* Where this connection's bytes toward the alerting peer begin in their stream. */
		size_t read_up_to = c->chunks[alert->chunk].consumed;
		for (size_t k = 0; k < c->chunk_count && c->chunks[k].conn < alert->conn; k++)
			if (c->chunks[k].dir == toward)
				read_up_to += c->chunks[k].len;
		for (size_t j = 0; j < t->message_count; j++) {
			struct message *m = &t->messages[j];
			if (m->conn == alert->conn && m->dir == toward &&
			    t->records[m->first_record].stream_offset >= read_up_to)
				m->unread = true;
		}
	}
}

/* When step `s` of a run leaves its sender, in ticks from its connection's SYN. */
static uint64_t step_tick(const struct trace *t, const struct step *s)
{
	return s->kind == STEP_MESSAGE ? t->sent_ticks[t->messages[s->index].chunk]
				       : t->tcp.segments[s->index].tick;
}

/*
 * A run's steps in the order they leave, and so arrive (each takes half a
 * round trip), within each connection. The capture's order is the order in
 * which the two peers ran in one process, where one may write after reading
 * what, on a network, would reach it only later: the client's request sent
 * behind its Finished is written after the server's ticket, yet arrives
 * first. Each peer's own writes keep their order; a tie keeps the capture's.
 */
static void order_steps_by_time(struct trace *t)
{
	for (size_t i = 1; i < t->step_count; i++) {
		struct step s = t->steps[i];
		uint64_t tick = step_tick(t, &s);
		size_t j = i;
		while (j > t->conns[s.conn].first_step && step_tick(t, &t->steps[j - 1]) > tick) {
			t->steps[j] = t->steps[j - 1];
			j--;
		}
		t->steps[j] = s;
	}
}

/*
 * A run's connections: each chunk's bytes with the TCP modeled on the
 * timeline around them, the segments' steps where they leave.
 */
static void build_from_run(struct builder *b, const bool tampered[2])
{
	struct trace *t = b->t;
	struct capture *c = &t->capture;
	timeline_time_chunks(t);
	begin_connection(b, 0, 0);
	size_t i = 0;
	for (; i < c->chunk_count; i++) {
		struct chunk *ch = &c->chunks[i];
		if (ch->conn != b->conn) {
			if (ch->conn != b->conn + 1 || ch->conn >= CONNECTION_MAX) {
				trace_error(t, "chunk %zu belongs to connection %u after %u", i,
					    ch->conn, b->conn);
				break;
			}
			end_connection(b);
			begin_connection(b, ch->conn, i);
		}
		add_segment_steps(t, b->segments[i].first, b->segments[i].end);
		take_chunk(b, i, tampered);
		if (b->segments[i].ack != SEGMENT_NO_CHUNK)
			add_segment_steps(t, b->segments[i].ack, b->segments[i].ack + 1);
	}
	end_connection(b);
	order_steps_by_time(t);
	/* The checksums are of what reached the receiver, as a capture there would show. */
	for (size_t k = 0; k < t->tcp.count; k++) {
		struct segment *s = &t->tcp.segments[k];
		/* A direction that carried no byte has no buffer: its segments carry no payload. */
		const uint8_t *delivered = trace_delivered(t, s->dir);
		tcp_set_checksum(s, delivered ? delivered + s->stream_offset : NULL);
	}
}

void trace_build(struct trace *t, struct capture *capture, const char *scenario,
		 const char *outcome, const char *detail)
{
	memset(t, 0, sizeof(*t));
	t->capture = *capture;
	memset(capture, 0, sizeof(*capture));
	snprintf(t->scenario, sizeof(t->scenario), "%s", scenario);
	snprintf(t->outcome, sizeof(t->outcome), "%s", outcome);
	t->detail = xstrdup(detail);

	struct capture *c = &t->capture;
	struct builder b = { .t = t };
	b.segments = xcalloc(c->chunk_count, sizeof(*b.segments));
	/*
	 * Each direction's bytes in one buffer of the right size, and a second
	 * only where a man in the middle changed them: the bulk scenario's
	 * megabytes are held once, not three times.
	 */
	size_t total[2] = { 0, 0 };
	bool tampered[2] = { false, false };
	for (size_t i = 0; i < c->chunk_count; i++) {
		total[c->chunks[i].dir] += c->chunks[i].len;
		tampered[c->chunks[i].dir] |= c->chunks[i].delivered != NULL;
	}
	for (int dir = 0; dir < 2; dir++) {
		buf_reserve(&t->stream[dir], total[dir]);
		if (tampered[dir])
			buf_reserve(&t->delivered[dir], total[dir]);
	}
	if (c->datagrams) {
		build_from_datagrams(&b, tampered);
		captured_outcome(t);
	} else if (c->from_file) {
		build_from_file(&b, tampered);
	} else {
		build_from_run(&b, tampered);
	}
	for (int dir = 0; dir < 2; dir++)
		buf_release(&b.pending[dir]);
	buf_release(&b.transcript);
	crypto_prefix_hash_reset(&b.transcript_hash);
	mark_unread(t);
	free(b.segments);
	trace_set_rtt(t, RTT_DEFAULT_MS);
	math_build(t);
}

void trace_release(struct trace *t)
{
	for (size_t i = 0; i < t->record_count; i++)
		buf_release(&t->records[i].plain);
	for (size_t i = 0; i < t->message_count; i++)
		buf_release(&t->messages[i].bytes);
	free(t->records);
	free(t->messages);
	free(t->steps);
	free(t->secrets);
	math_release(t);
	free(t->sent_ticks);
	free(t->sent_us);
	free(t->arrival_us);
	tcp_release(&t->tcp);
	for (int dir = 0; dir < 2; dir++) {
		buf_release(&t->stream[dir]);
		buf_release(&t->delivered[dir]);
	}
	capture_release(&t->capture);
	free(t->detail);
	memset(t, 0, sizeof(*t));
}
