/*
 * The TLS working group's "Example Handshake Traces for TLS 1.3" (the draft
 * that became RFC 8448), in tests/vectors/. The document is read as it is:
 * each step ("{server}  derive secret ...") with its labelled values. Every
 * derivation is recomputed from its own inputs with tlsviz's key schedule,
 * every transcript hash from the messages constructed so far, every shared
 * secret from the private keys, every protected record decrypted with the
 * keys derived before it, and every message decoded. Then QUIC's packet
 * protection against RFC 9001's and RFC 9369's appendices.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "crypto/crypto.h"
#include "crypto/kdf.h"
#include "decode/decode.h"
#include "trace/quic.h"
#include "suites.h"

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/curve25519.h>

#define VECTORS TLSVIZ_SOURCE_DIR "/tests/vectors/tls13-example-traces.txt"

/* Only the published traces need X25519 from raw keys: the product takes wolfSSL's. */
/* RFC 7748, 5: X25519 clamps the scalar; wolfCrypt wants it clamped already. */
static void clamp(const uint8_t priv[32], uint8_t out[32])
{
	memcpy(out, priv, 32);
	out[0] &= 248;
	out[31] &= 127;
	out[31] |= 64;
}

/* The X25519 public key of a private key. */
static int x25519_public(const uint8_t priv[32], uint8_t pub[32])
{
	uint8_t k[32];
	clamp(priv, k);
	return wc_curve25519_make_pub(32, pub, 32, k) == 0 ? 0 : -1;
}

/* X25519(private, public). */
static int x25519(const uint8_t priv[32], const uint8_t pub[32], uint8_t out[32])
{
	curve25519_key private_key, public_key;
	word32 out_len = 32;
	int ret = -1;
	if (wc_curve25519_init(&private_key) != 0)
		return -1;
	if (wc_curve25519_init(&public_key) == 0) {
		uint8_t derived_pub[32], k[32];
		clamp(priv, k);
		/* The private key alone is enough: its public half is computed from it. */
		if (wc_curve25519_make_pub(32, derived_pub, 32, k) == 0 &&
		    wc_curve25519_import_private_raw_ex(k, 32, derived_pub, 32, &private_key,
							EC25519_LITTLE_ENDIAN) == 0 &&
		    wc_curve25519_import_public_ex(pub, 32, &public_key, EC25519_LITTLE_ENDIAN) ==
			    0 &&
		    wc_curve25519_shared_secret_ex(&private_key, &public_key, out, &out_len,
						   EC25519_LITTLE_ENDIAN) == 0)
			ret = 0;
		wc_curve25519_free(&public_key);
	}
	wc_curve25519_free(&private_key);
	return ret;
}

struct value {
	char label[48];
	struct buf bytes;
	bool present; /* "salt:  0 (all zero octets)" has a label but no octets */
};

struct trace_step_doc {
	int section;
	bool client;
	char action[160];
	struct value values[12];
	size_t count;
};

struct document {
	struct trace_step_doc *steps;
	size_t count, cap;
};

/* Whether a line holds nothing but hex byte pairs. */
static bool hex_line(const char *s)
{
	bool any = false;
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
			return false;
		any = true;
		s++;
	}
	return any;
}

static void append_hex(struct buf *b, const char *s, size_t want)
{
	while (*s && b->len < want) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		unsigned v;
		if (sscanf(s, "%2x", &v) != 1)
			return;
		uint8_t octet = (uint8_t)v;
		buf_append(b, &octet, 1);
		s += 2;
	}
}

static void load(struct document *d)
{
	FILE *f = fopen(VECTORS, "r");
	ck_assert_msg(f != NULL, "cannot open %s", VECTORS);
	char line[512];
	int section = 0;
	struct value *open = NULL; /* a value still collecting its octets */
	size_t want = 0;
	memset(d, 0, sizeof(*d));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		int n;
		if (open && open->bytes.len < want) {
			if (hex_line(line))
				append_hex(&open->bytes, line, want);
			continue; /* blank lines and page headers fall between the octets */
		}
		open = NULL;
		if (sscanf(line, "%d.  ", &n) == 1 && isdigit((unsigned char)line[0])) {
			section = n;
			continue;
		}
		if (strncmp(line, "   {client}  ", 13) == 0 || strncmp(line, "   {server}  ", 13) == 0) {
			ARRAY_GROW(d->steps, d->count, d->cap);
			struct trace_step_doc *s = &d->steps[d->count++];
			memset(s, 0, sizeof(*s));
			s->section = section;
			s->client = line[4] == 'c';
			snprintf(s->action, sizeof(s->action), "%.150s", line + 13);
			continue;
		}
		if (d->count == 0 || strncmp(line, "      ", 6) != 0 || line[6] == ' ')
			continue;
		struct trace_step_doc *s = &d->steps[d->count - 1];
		char *colon = strstr(line, ":  ");
		if (!colon || s->count == sizeof(s->values) / sizeof(s->values[0]))
			continue;
		struct value *v = &s->values[s->count++];
		memset(v, 0, sizeof(*v));
		char *paren = strstr(line, " (");
		size_t label_end = paren && paren < colon ? (size_t)(paren - line) : (size_t)(colon - line);
		snprintf(v->label, sizeof(v->label), "%.*s", (int)(label_end - 6), line + 6);
		if (paren && sscanf(paren, " (%d octets)", &n) == 1) {
			v->present = true;
			want = (size_t)n;
			open = v;
			append_hex(&v->bytes, colon + 3, want);
		}
	}
	fclose(f);
}

static void release(struct document *d)
{
	for (size_t i = 0; i < d->count; i++)
		for (size_t j = 0; j < d->steps[i].count; j++)
			buf_release(&d->steps[i].values[j].bytes);
	free(d->steps);
}

static const struct value *get(const struct trace_step_doc *s, const char *label)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->values[i].label, label) == 0)
			return &s->values[i];
	return NULL;
}

static bool has(const struct trace_step_doc *s, const char *text)
{
	return strstr(s->action, text) != NULL;
}

/* The state a reader of one section keeps: transcript, keys, ephemeral keys. */
struct reading {
	struct buf transcript;
	struct record_keys write_keys[2]; /* [client?] */
	bool keyed[2];
	bool prefix_pending; /* a ClientHello shown without its binders: the record has it all */
	uint8_t client_private[32], server_public[32];
	bool have_client_private, have_server_public;
	int checks;
};

static void transcript_hash(const struct reading *r, uint8_t *out)
{
	ck_assert_int_eq(crypto_hash(PRF_SHA256, r->transcript.data, r->transcript.len, out), 0);
}

#define CHECK_EQ(r, a, b, len, what)                                                        \
	do {                                                                                \
		ck_assert_msg(memcmp((a), (b), (len)) == 0, "section %d, %s: %s differs",   \
			      s->section, s->action, (what));                               \
		(r)->checks++;                                                              \
	} while (0)

/* A handshake message joins the transcript, and must decode without an error. */
static void add_message(struct reading *r, const struct trace_step_doc *s, const struct buf *msg)
{
	buf_append(&r->transcript, msg->data, msg->len);
	const struct decode_context dctx = { .version = 0x0304, .cipher_suite = 0x1301 };
	struct field *f = decode_handshake(&dctx, msg->data, msg->len);
	const struct field *error = field_find(f, "error");
	ck_assert_msg(!error, "section %d: %s does not decode: %s at %zu", s->section, s->action,
		      error ? error->value : "", error ? error->offset : 0);
	r->checks++;
	field_free(f);
}

static const struct suite_params *aes128gcm(void)
{
	return crypto_suite(0x1301);
}

static void check_step(struct reading *r, const struct trace_step_doc *s)
{
	bool repeat = has(s, "(same as");
	uint8_t out[64], hash[HASH_MAX];
	const struct value *prk = get(s, "PRK"), *ctx = get(s, "hash"), *expanded = get(s, "expanded");

	if (has(s, "construct a ") && s->count) {
		const struct value *msg = &s->values[0];
		const uint8_t *m = msg->bytes.data;
		if (msg->bytes.len < 4 || 4 + ((size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3]) !=
						  msg->bytes.len) {
			/* Section 4 shows the ClientHello up to its binders only. */
			r->prefix_pending = true;
			return;
		}
		static const uint8_t retry[8] = { 0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11 };
		if (m[0] == 2 && msg->bytes.len >= 38 && memcmp(m + 6, retry, 8) == 0) {
			/* RFC 8446, 4.4.1: ClientHello1 becomes message_hash(Hash(ClientHello1)). */
			uint8_t synthetic[4 + HASH_MAX] = { 254, 0, 0, 32 };
			transcript_hash(r, synthetic + 4);
			r->transcript.len = 0;
			buf_append(&r->transcript, synthetic, 36);
		}
		add_message(r, s, &msg->bytes);
		return;
	}
	if (has(s, "create an ephemeral x25519 key pair")) {
		const struct value *priv = get(s, "private key"), *pub = get(s, "public key");
		if (!priv || !pub)
			return;
		uint8_t derived[32];
		ck_assert_int_eq(x25519_public(priv->bytes.data, derived), 0);
		CHECK_EQ(r, derived, pub->bytes.data, 32, "public key");
		if (s->client) {
			memcpy(r->client_private, priv->bytes.data, 32);
			r->have_client_private = true;
		} else {
			memcpy(r->server_public, pub->bytes.data, 32);
			r->have_server_public = true;
		}
		return;
	}
	if (has(s, "create an ephemeral P-256 key pair")) {
		r->have_server_public = false; /* the shared secret is no longer X25519 */
		return;
	}
	if (has(s, "extract secret")) {
		const struct value *salt = get(s, "salt"), *ikm = get(s, "IKM"), *secret = get(s, "secret");
		if (!ikm || !secret)
			return; /* a step that only says it repeats another */
		bool salted = salt && salt->present;
		ck_assert_int_eq(crypto_hkdf_extract(PRF_SHA256, salted ? salt->bytes.data : NULL,
						     salted ? salt->bytes.len : 0,
						     ikm->bytes.data, ikm->bytes.len, out),
				 0);
		CHECK_EQ(r, out, secret->bytes.data, 32, "secret");
		if (has(s, "\"handshake\"") && !repeat && r->have_client_private &&
		    r->have_server_public) {
			ck_assert_int_eq(x25519(r->client_private, r->server_public, out), 0);
			CHECK_EQ(r, out, ikm->bytes.data, 32, "(EC)DHE shared secret");
		}
		return;
	}
	if ((has(s, "derive secret") || has(s, "generate resumption secret") ||
	     has(s, "calculate finished")) && prk && expanded) {
		char label[48];
		const char *quote = strstr(s->action, "\"tls13 ");
		ck_assert_ptr_nonnull(quote);
		snprintf(label, sizeof(label), "%.*s", (int)strcspn(quote + 7, "\""), quote + 7);
		ck_assert_int_eq(crypto_expand_label(PRF_SHA256, prk->bytes.data, label,
						     ctx ? ctx->bytes.data : NULL,
						     ctx ? ctx->bytes.len : 0, out, expanded->bytes.len),
				 0);
		CHECK_EQ(r, out, expanded->bytes.data, expanded->bytes.len, label);
		static const char *const transcript_labels[] = {
			"c hs traffic", "s hs traffic", "c ap traffic", "s ap traffic",
			"exp master",   "res master",   "c e traffic",  "e exp master",
		};
		for (size_t i = 0; !repeat && i < sizeof(transcript_labels) / sizeof(char *); i++) {
			if (strcmp(label, transcript_labels[i]) != 0)
				continue;
			transcript_hash(r, hash);
			CHECK_EQ(r, hash, ctx->bytes.data, 32, "transcript hash");
		}
		if (strcmp(label, "derived") == 0) {
			ck_assert_int_eq(crypto_hash(PRF_SHA256, NULL, 0, hash), 0);
			CHECK_EQ(r, hash, ctx->bytes.data, 32, "hash of the empty string");
		}
		const struct value *finished = get(s, "finished");
		if (has(s, "calculate finished") && finished && !repeat) {
			transcript_hash(r, hash);
			ck_assert_int_eq(tls13_finished(PRF_SHA256, prk->bytes.data, hash, out), 0);
			CHECK_EQ(r, out, finished->bytes.data, 32, "verify_data");
		}
		return;
	}
	if (has(s, "traffic keys") && prk) {
		struct record_keys keys;
		ck_assert_int_eq(crypto_tls13_keys(aes128gcm(), prk->bytes.data, 32, &keys), 0);
		const struct value *key = get(s, "key expanded"), *iv = get(s, "iv expanded");
		ck_assert(key && iv);
		CHECK_EQ(r, keys.key, key->bytes.data, 16, "key");
		CHECK_EQ(r, keys.iv, iv->bytes.data, 12, "iv");
		/* A peer's read keys are the other peer's write keys. */
		bool writer = has(s, "write") ? s->client : !s->client;
		r->write_keys[writer] = keys;
		r->keyed[writer] = true;
		return;
	}
	if (has(s, "send ") && has(s, "record")) {
		const struct value *payload = get(s, "payload"), *record = get(s, "complete record");
		if (!payload || !record)
			return;
		if (record->bytes.data[0] != 23) {
			CHECK_EQ(r, record->bytes.data + 5, payload->bytes.data, payload->bytes.len,
				 "plaintext record");
			if (r->prefix_pending && record->bytes.data[0] == 22) {
				add_message(r, s, &payload->bytes);
				r->prefix_pending = false;
			}
			return;
		}
		ck_assert_msg(r->keyed[s->client], "section %d: %s before any key", s->section,
			      s->action);
		struct buf plain = BUF_INIT;
		struct record_layout layout;
		ck_assert_msg(crypto_open_record(&r->write_keys[s->client], record->bytes.data,
						 record->bytes.len, &plain, &layout) == 0,
			      "section %d: %s does not decrypt", s->section, s->action);
		ck_assert_uint_eq(plain.len, payload->bytes.len);
		CHECK_EQ(r, plain.data, payload->bytes.data, payload->bytes.len, "decrypted record");
		buf_release(&plain);
	}
}

static int check_section(const struct document *d, int section)
{
	struct reading r;
	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < d->count; i++)
		if (d->steps[i].section == section)
			check_step(&r, &d->steps[i]);
	buf_release(&r.transcript);
	return r.checks;
}

START_TEST(example_traces_match)
{
	/* 3: simple 1-RTT, 4: resumed 0-RTT, 5: HelloRetryRequest, 6: client auth, 7: compat. */
	static const int sections[] = { 3, 4, 5, 6, 7 };
	struct document d;
	load(&d);
	ck_assert_uint_gt(d.count, 100);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		int checks = check_section(&d, sections[i]);
		/* Each section has dozens of derivations; a handful would mean the reading broke. */
		ck_assert_msg(checks > 40, "section %d: only %d checks", sections[i], checks);
		printf("vectors: section %d of the example traces: %d values recomputed and equal\n",
		       sections[i], checks);
	}
	release(&d);
}
END_TEST

/*
 * The document's handshake as the engine would capture it: each record as a
 * write of its side, the (EC)DHE shared secret as the HKDF tap sees it. The
 * trace built from it opens every record and verifies both Finished.
 */
static void document_trace(const struct document *d, int section, struct trace *t)
{
	struct capture c;
	capture_init(&c);
	uint64_t time_ns = 0;
	for (size_t i = 0; i < d->count; i++) {
		const struct trace_step_doc *s = &d->steps[i];
		const struct value *v;
		if (s->section != section)
			continue;
		if (has(s, "send ") && has(s, "record") && (v = get(s, "complete record")))
			capture_chunk(&c, s->client ? DIR_CLIENT_TO_SERVER : DIR_SERVER_TO_CLIENT,
				      time_ns += 1000, v->bytes.data, v->bytes.len, 0);
		if (has(s, "extract secret \"handshake\"") && (v = get(s, "IKM")))
			capture_secret(&c, "handshake ikm", 13, v->bytes.data, v->bytes.len);
	}
	trace_build(t, &c, "rfc8448", "complete", "");
}

/* Whether the math of `t` holds a value of exactly these bytes. */
static bool in_math(const struct trace *t, const struct buf *bytes)
{
	struct math_view all;
	math_view_of(t, MATH_NONE, &all);
	bool found = false;
	for (size_t i = 0; i < all.count && !found; i++)
		found = all.values[i]->len == bytes->len &&
			!memcmp(all.values[i]->bytes, bytes->data, bytes->len);
	math_view_release(&all);
	return found;
}

/*
 * The math view of a trace built from the example handshakes: every secret,
 * key, IV, finished key, verify_data and transcript hash the document
 * derives is a value of the math, with the same bytes.
 */
START_TEST(example_traces_through_the_math)
{
	/*
	 * 3: simple 1-RTT, 5: HelloRetryRequest, 6: client auth, 7: compatibility
	 * mode (4 resumes 3's ticket: a second connection this capture lacks).
	 */
	static const int sections[] = { 3, 5, 6, 7 };
	static const char *const outputs[] = { "secret", "expanded", "key expanded", "iv expanded",
					       "finished", "hash" };
	struct document d;
	load(&d);
	for (size_t k = 0; k < sizeof(sections) / sizeof(sections[0]); k++) {
		struct trace t;
		document_trace(&d, sections[k], &t);
		ck_assert_msg(!t.error[0], "section %d: %s", sections[k], t.error);
		int checks = 0;
		for (size_t i = 0; i < d.count; i++) {
			const struct trace_step_doc *s = &d.steps[i];
			if (s->section != sections[k] ||
			    !(has(s, "derive ") || has(s, "extract ") || has(s, "calculate finished")))
				continue;
			for (size_t j = 0; j < sizeof(outputs) / sizeof(outputs[0]); j++) {
				const struct value *v = get(s, outputs[j]);
				if (!v || !v->present || v->bytes.len == 0)
					continue;
				ck_assert_msg(in_math(&t, &v->bytes), "section %d: %s's %s is not in the math",
					      sections[k], s->action, outputs[j]);
				checks++;
			}
		}
		ck_assert_msg(checks > 30, "section %d: only %d checks", sections[k], checks);
		printf("vectors: section %d through the math view: %d values equal\n", sections[k],
		       checks);
		trace_release(&t);
	}
	release(&d);
}
END_TEST

/* ---- QUIC packet protection: RFC 9001, Appendix A; RFC 9369, Appendix A ---- */

/* <bytes, len> is the hex string `hex` (no spaces). */
static void assert_hex(const uint8_t *bytes, size_t len, const char *hex, const char *what)
{
	struct buf want = BUF_INIT;
	append_hex(&want, hex, strlen(hex) / 2);
	ck_assert_msg(want.len == len && !memcmp(bytes, want.data, len), "%s", what);
	buf_release(&want);
}

START_TEST(quic_initial_keys)
{
	static const uint8_t dcid[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08 };
	static const struct {
		uint32_t version;
		const char *initial, *client, *server;
		const char *client_keys[3], *server_keys[3]; /* key, iv, hp */
	} cases[] = {
		/* RFC 9001, A.1 */
		{ QUIC_VERSION_1, "7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44",
		  "c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea",
		  "3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b",
		  { "1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c",
		    "9f50449e04a0e810283a1e9933adedd2" },
		  { "cf3a5331653c364c88f0f379b6067e37", "0ac1493ca1905853b0bba03e",
		    "c206b8d9b9f0f37644430b490eeaa314" } },
		/* RFC 9369, A.1: version 2's salt and "quicv2" labels */
		{ QUIC_VERSION_2, "2062e8b3cd8d52092614b8071d0aa1fb7c2e3ac193f78b280e72d8f5751f6aba",
		  "14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b",
		  "0263db1782731bf4588e7e4d93b7463907cb8cd8200b5da55a8bd488eafc37c1",
		  { "8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f",
		    "45b95e15235d6f45a6b19cbcb0294ba9" },
		  { "82db637861d55e1d011f19ea71d5d2a7", "dd13c276499c0249d3310652",
		    "edf6d05c83121201b436e16877593c3a" } },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t initial[32], client[32], server[32];
		ck_assert_int_eq(crypto_quic_initial_secrets(cases[i].version, dcid, sizeof(dcid),
							     initial, client, server),
				 0);
		assert_hex(initial, 32, cases[i].initial, "initial_secret");
		assert_hex(client, 32, cases[i].client, "client_initial_secret");
		assert_hex(server, 32, cases[i].server, "server_initial_secret");
		const uint8_t *secrets[2] = { client, server };
		for (int side = 0; side < 2; side++) {
			const char *const *want = side ? cases[i].server_keys : cases[i].client_keys;
			struct quic_keys k;
			ck_assert_int_eq(crypto_quic_keys(aes128gcm(), cases[i].version, secrets[side],
							  &k),
					 0);
			assert_hex(k.aead.key, 16, want[0], "quic key");
			assert_hex(k.aead.iv, 12, want[1], "quic iv");
			assert_hex(k.hp, 16, want[2], "quic hp");
		}
	}
	/* A version whose salt tlsviz does not know, and an empty ID, have no keys. */
	uint8_t a[32], b[32], c[32];
	ck_assert_int_eq(crypto_quic_initial_secrets(0x1a2a3a4a, dcid, sizeof(dcid), a, b, c), -1);
	ck_assert_int_eq(crypto_quic_initial_secrets(QUIC_VERSION_1, dcid, 0, a, b, c), -1);
}
END_TEST

/*
 * RFC 9001, A.5: a short header packet protected with ChaCha20-Poly1305:
 * header protection removed, the packet number recovered from 3 bytes, the
 * payload (one PING frame) opened; and the key update's next secret (6.1).
 */
START_TEST(quic_chacha20_short_header)
{
	struct buf secret = BUF_INIT, packet = BUF_INIT, plain = BUF_INIT;
	append_hex(&secret, "9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b", 32);
	append_hex(&packet, "4cfe4189655e5cd55c41f69080575d7999c25a5bfb", 21);
	const struct suite_params *suite = crypto_suite(0x1303);
	struct quic_keys k;
	ck_assert_int_eq(crypto_quic_keys(suite, QUIC_VERSION_1, secret.data, &k), 0);
	assert_hex(k.aead.key, 32, "c6d98ff3441c3fe1b2182094f69caa2ed4b716b65488960a7a984979fb23e1c8",
		   "key");
	assert_hex(k.aead.iv, 12, "e0459b3474bdd0e44a41c144", "iv");
	assert_hex(k.hp, 32, "25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4",
		   "hp");
	uint8_t next[32];
	ck_assert_int_eq(crypto_quic_next_secret(suite, QUIC_VERSION_1, secret.data, next), 0);
	assert_hex(next, 32, "1223504755036d556342ee9361d253421a826c9ecdf3c7148684b36b714881f9",
		   "ku");
	uint8_t mask[5], header[4];
	ck_assert_int_eq(crypto_quic_mask(&k, packet.data + 1 + 4, mask), 0);
	assert_hex(mask, 5, "aefefe7d03", "mask");
	memcpy(header, packet.data, 4);
	header[0] ^= mask[0] & 0x1f;
	unsigned pn_len = (header[0] & 3) + 1;
	ck_assert_uint_eq(pn_len, 3);
	uint64_t truncated = 0;
	for (unsigned i = 0; i < pn_len; i++) {
		header[1 + i] ^= mask[1 + i];
		truncated = truncated << 8 | header[1 + i];
	}
	assert_hex(header, 4, "4200bff4", "unprotected header");
	uint64_t pn = quic_packet_number(true, 654360563, truncated, pn_len);
	ck_assert_uint_eq(pn, 654360564);
	ck_assert_int_eq(crypto_quic_open(&k, pn, header, 4, packet.data + 4, packet.len - 4, &plain),
			 0);
	assert_hex(plain.data, plain.len, "01", "PING");
	/* One bit changed in the tag, or the wrong packet number: it does not open. */
	packet.data[20] ^= 1;
	ck_assert_int_eq(crypto_quic_open(&k, pn, header, 4, packet.data + 4, 17, &plain), -1);
	packet.data[20] ^= 1;
	ck_assert_int_eq(crypto_quic_open(&k, pn + 1, header, 4, packet.data + 4, 17, &plain), -1);
	/* RFC 9000, A.3's example: 0x9b32 after 0xa82f30ea is 0xa82f9b32. */
	ck_assert_uint_eq(quic_packet_number(true, 0xa82f30ea, 0x9b32, 2), 0xa82f9b32);
	ck_assert_uint_eq(quic_packet_number(false, 0, 0, 1), 0);
	buf_release(&secret);
	buf_release(&packet);
	buf_release(&plain);
}
END_TEST

Suite *vectors_suite(void)
{
	Suite *s = suite_create("vectors");
	TCase *tc = tcase_create("rfc8448");
	tcase_add_test(tc, example_traces_match);
	tcase_add_test(tc, example_traces_through_the_math);
	suite_add_tcase(s, tc);
	TCase *quic = tcase_create("rfc9001");
	tcase_add_test(quic, quic_initial_keys);
	tcase_add_test(quic, quic_chacha20_short_header);
	suite_add_tcase(s, quic);
	return s;
}
