#include "trace/math.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/reader.h"
#include "crypto/kdf.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "trace/trace.h"

enum {
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_NEW_SESSION_TICKET = 4,
	HS_CERTIFICATE = 11,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_VERIFY = 15,
	HS_CLIENT_KEY_EXCHANGE = 16,
	HS_FINISHED = 20,
	HS_KEY_UPDATE = 24,
	HS_MESSAGE_HASH = 254,
};

#define CBC_BLOCK 16
#define EXPLICIT_NONCE_LEN 8

/* Where new values go, and the connection and message they belong to. */
struct sink {
	struct math_list *into;
	unsigned conn;
	size_t message;
};

/* The walk over one connection's messages: the transcript as the schedule hashes it. */
struct walk {
	struct trace *t;
	struct sink out; /* into t->math */
	unsigned conn;
	bool tls13;
	enum prf_hash hash;
	size_t hash_len;
	const struct suite_params *suite;
	struct buf transcript;
	struct crypto_prefix_hash prefix; /* hashes of the transcript's prefixes */
	char first[32]; /* the first message hashed: ClientHello, or message_hash after a retry */
	size_t before;  /* the transcript's length before the current message */
	size_t message; /* the current message */
	bool key_block; /* TLS 1.2: the key block is shown (at the first ChangeCipherSpec) */
	unsigned tickets; /* NewSessionTickets seen in this connection */
	/* The randoms of the latest hellos: a renegotiation's are its own (RFC 5746). */
	uint8_t client_random[32], server_random[32];
	bool premaster; /* TLS 1.2: this handshake has a pre_master_secret (else it resumes) */
};

static const char *const python_hash[] = {
	[PRF_SHA256] = "sha256", [PRF_SHA384] = "sha384", [PRF_SHA1] = "sha1"
};
static const char *const openssl_hash[] = {
	[PRF_SHA256] = "SHA256", [PRF_SHA384] = "SHA384", [PRF_SHA1] = "SHA1"
};

/* Bytes in hex, NUL-terminated like buf_printf's (a 4 MB answer is millions of digits). */
static void hex_digits(struct buf *b, const uint8_t *bytes, size_t len, const char *digits)
{
	buf_reserve(b, 2 * len + 1);
	char *to = (char *)b->data + b->len;
	for (size_t i = 0; i < len; i++) {
		*to++ = digits[bytes[i] >> 4];
		*to++ = digits[bytes[i] & 15];
	}
	*to = '\0';
	b->len += 2 * len;
}

static void hex(struct buf *b, const uint8_t *bytes, size_t len)
{
	hex_digits(b, bytes, len, "0123456789abcdef");
}

/* basenc --base16 reads upper case only. */
static void hex_upper(struct buf *b, const uint8_t *bytes, size_t len)
{
	hex_digits(b, bytes, len, "0123456789ABCDEF");
}

/* The command's text, handed over to the value; `b` is empty again. */
static char *take(struct buf *b)
{
	char *s = b->len ? (char *)b->data : NULL;
	if (!s)
		buf_release(b);
	*b = (struct buf)BUF_INIT;
	return s;
}

static struct math_value *add_value(const struct sink *out, size_t record, const char *name,
				    const uint8_t *bytes, size_t len)
{
	struct math_list *l = out->into;
	/* Each value has its own allocation: the pointers the walk keeps stay valid. */
	ARRAY_GROW(l->values, l->count, l->cap);
	struct math_value *v = xcalloc(1, sizeof(*v));
	l->values[l->count++] = v;
	v->conn = out->conn;
	v->message = out->message;
	v->record = record;
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->bytes = xmalloc(len ? len : 1);
	if (len) /* an empty value may have no bytes at all */
		memcpy(v->bytes, bytes, len);
	v->len = len;
	return v;
}

static void set_inputs(struct math_value *v, size_t count, ...)
{
	va_list ap;
	va_start(ap, count);
	v->input_count = 0; /* they replace any set before */
	for (size_t i = 0; i < count && i < MATH_INPUTS_MAX; i++)
		snprintf(v->inputs[v->input_count++], sizeof(v->inputs[0]), "%s",
			 va_arg(ap, const char *));
	va_end(ap);
}

static void set_operation(struct math_value *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_operation(struct math_value *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->operation, sizeof(v->operation), fmt, ap);
	va_end(ap);
}

/* The latest value called `name` in connection `conn` (any connection when conn is -1u). */
static const struct math_value *find_value(const struct trace *t, unsigned conn, const char *name)
{
	for (size_t i = t->math.count; i-- > 0;)
		if ((conn == -1u || t->math.values[i]->conn == conn) &&
		    !strcmp(t->math.values[i]->name, name))
			return t->math.values[i];
	return NULL;
}

/* ---- commands ---------------------------------------------------------------------------- */

static char *command_hash(enum prf_hash h, const uint8_t *data, size_t len)
{
	struct buf c = BUF_INIT;
	buf_printf(&c, "python3 -c \"import hashlib; print(hashlib.%s(bytes.fromhex('",
		   python_hash[h]);
	hex(&c, data, len);
	buf_puts(&c, "')).hexdigest())\"");
	return take(&c);
}

static char *command_hmac(enum prf_hash h, const uint8_t *key, size_t key_len,
			  const uint8_t *data, size_t len)
{
	struct buf c = BUF_INIT;
	buf_puts(&c, "python3 -c \"import hmac; print(hmac.new(bytes.fromhex('");
	hex(&c, key, key_len);
	buf_puts(&c, "'), bytes.fromhex('");
	hex(&c, data, len);
	buf_printf(&c, "'), '%s').hexdigest())\"", python_hash[h]);
	return take(&c);
}

static char *command_extract(enum prf_hash h, const uint8_t *salt, const uint8_t *ikm,
			     size_t ikm_len, size_t len)
{
	struct buf c = BUF_INIT;
	buf_printf(&c, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt mode:EXTRACT_ONLY "
		       "-kdfopt hexsalt:", len, openssl_hash[h]);
	hex(&c, salt, len);
	buf_puts(&c, " -kdfopt hexkey:");
	hex(&c, ikm, ikm_len);
	buf_puts(&c, " HKDF");
	return take(&c);
}

/*
 * RFC 8446, 7.1:
 * struct {
 *     uint16 length = Length;
 *     opaque label<7..255> = "tls13 " + Label;
 *     opaque context<0..255> = Context;
 * } HkdfLabel;
 */
static void hkdf_label(struct buf *out, const char *label, const uint8_t *context,
		       size_t context_len, size_t length)
{
	uint8_t head[3] = { (uint8_t)(length >> 8), (uint8_t)length,
			    (uint8_t)(6 + strlen(label)) };
	buf_append(out, head, 3);
	buf_append(out, "tls13 ", 6);
	buf_append(out, label, strlen(label));
	uint8_t n = (uint8_t)context_len;
	buf_append(out, &n, 1);
	buf_append(out, context, context_len);
}

static char *command_expand(enum prf_hash h, const uint8_t *secret, size_t secret_len,
			    const char *label, const uint8_t *context, size_t context_len,
			    size_t length)
{
	struct buf info = BUF_INIT, c = BUF_INIT;
	hkdf_label(&info, label, context, context_len, length);
	buf_printf(&c, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt mode:EXPAND_ONLY "
		       "-kdfopt hexkey:", length, openssl_hash[h]);
	hex(&c, secret, secret_len);
	buf_puts(&c, " -kdfopt hexinfo:");
	hex(&c, info.data, info.len);
	buf_puts(&c, " HKDF");
	buf_release(&info);
	return take(&c);
}

/* OpenSSL's TLS1-PRF takes the label and the seed as one seed, in that order. */
static char *command_prf(enum prf_hash h, const uint8_t *secret, size_t secret_len,
			 const char *label, const uint8_t *seed, size_t seed_len, size_t length)
{
	struct buf c = BUF_INIT;
	buf_printf(&c, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt hexsecret:", length,
		   openssl_hash[h]);
	hex(&c, secret, secret_len);
	buf_printf(&c, " -kdfopt 'seed:%s' -kdfopt hexseed:", label);
	hex(&c, seed, seed_len);
	buf_puts(&c, " TLS1-PRF");
	return take(&c);
}

/* printf %s HEX | basenc -d --base16: the bytes themselves, for a program that reads bytes. */
static void bytes_in(struct buf *c, const uint8_t *bytes, size_t len)
{
	buf_printf(c, "printf %%s ");
	hex_upper(c, bytes, len);
	buf_puts(c, " | basenc -d --base16");
}

/* ---- values ------------------------------------------------------------------------------ */

/*
 * A value of the schedule that tlsviz computed (`mine`) and that the trace
 * holds too (`theirs`, when not NULL): they must agree, or the math is wrong.
 */
static struct math_value *schedule_value(struct walk *w, const char *name, const uint8_t *mine,
					 size_t len, const struct derived_secret *theirs)
{
	if (theirs && (theirs->len != len || memcmp(theirs->bytes, mine, len) != 0))
		trace_error(w->t, "the math of %s differs from the key schedule's", name);
	return add_value(&w->out, MATH_NONE, name, mine, len);
}

/* The empty hash Hash(""), the context of "derived" and "res binder" (shown once a connection). */
static const struct math_value *empty_hash(struct walk *w)
{
	const struct math_value *v = find_value(w->t, w->conn, "Hash(\"\")");
	if (v)
		return v;
	uint8_t out[HASH_MAX];
	if (crypto_hash(w->hash, NULL, 0, out) != 0)
		return NULL;
	struct math_value *e = add_value(&w->out, MATH_NONE, "Hash(\"\")", out, w->hash_len);
	set_operation(e, "%s of the empty string", openssl_hash[w->hash]);
	e->command = command_hash(w->hash, NULL, 0);
	return e;
}

/* How the message is named in a transcript: "server Finished", "ServerHello". */
static void message_label(const struct message *m, char *out, size_t len)
{
	const char *name = message_name(m);
	bool sided = m->type == HS_CERTIFICATE || m->type == HS_CERTIFICATE_VERIFY ||
		     m->type == HS_FINISHED;
	snprintf(out, len, "%s%s", sided ? (m->dir == DIR_CLIENT_TO_SERVER ? "client " : "server ")
					 : "",
		 name);
}

/*
 * Transcript-Hash over the first `len` bytes of the transcript, which end
 * with message `last` (RFC 8446, 4.4.1; RFC 5246, 7.4.9): named by the first
 * and last message hashed, or `as` (NULL for that).
 */
static const struct math_value *transcript_value(struct walk *w, size_t len, const char *last,
						 const char *as)
{
	uint8_t out[HASH_MAX];
	char name[80];
	if (as)
		snprintf(name, sizeof(name), "%s", as);
	else
		snprintf(name, sizeof(name), "Transcript-Hash(%s...%s)", w->first, last);
	if (crypto_prefix_hash(&w->prefix, w->hash, w->transcript.data, len, out) != 0)
		return NULL;
	const struct math_value *same = find_value(w->t, w->conn, name);
	if (same && same->len == w->hash_len && !memcmp(same->bytes, out, w->hash_len))
		return same;
	struct math_value *v = add_value(&w->out, MATH_NONE, name, out, w->hash_len);
	set_operation(v, "%s of the handshake messages %s to %s, headers included "
			 "(%zu bytes, in the command)",
		      openssl_hash[w->hash], w->first, last, len);
	v->command = command_hash(w->hash, w->transcript.data, len);
	return v;
}

/* The transcript up to and including the current message. */
static const struct math_value *transcript_now(struct walk *w, const char *as)
{
	char last[48];
	message_label(&w->t->messages[w->message], last, sizeof(last));
	return transcript_value(w, w->transcript.len, last, as);
}

/* The transcript before the current message: its last message is the one before. */
static const struct math_value *transcript_before(struct walk *w)
{
	const struct trace *t = w->t;
	for (size_t i = w->message; i-- > 0;) {
		const struct message *m = &t->messages[i];
		if (m->conn != w->conn || m->kind != MESSAGE_HANDSHAKE)
			continue;
		if (w->tls13 && (m->type == HS_NEW_SESSION_TICKET || m->type == HS_KEY_UPDATE))
			continue;
		char last[48];
		message_label(m, last, sizeof(last));
		return transcript_value(w, w->before, last, NULL);
	}
	return NULL;
}

/* HKDF-Expand-Label(secret, label, context, length), named `name`. */
static struct math_value *expand_value(struct walk *w, const char *name,
				       const struct math_value *secret, const char *label,
				       const struct math_value *context, size_t length,
				       const struct derived_secret *theirs)
{
	uint8_t out[HASH_MAX];
	const uint8_t *ctx = context ? context->bytes : NULL;
	size_t ctx_len = context ? context->len : 0;
	if (!secret || length > sizeof(out) ||
	    crypto_expand_label(w->hash, secret->bytes, label, ctx, ctx_len, out, length) != 0) {
		trace_error(w->t, "the math cannot derive %s", name);
		return NULL;
	}
	struct math_value *v = schedule_value(w, name, out, length, theirs);
	set_operation(v, "HKDF-Expand-Label(%s, \"%s\", %s, %zu): HKDF-Expand with info "
			 "HkdfLabel = length %zu, \"tls13 %s\", context",
		      secret->name, label, context ? context->name : "\"\"", length, length, label);
	if (context)
		set_inputs(v, 2, secret->name, context->name);
	else
		set_inputs(v, 1, secret->name);
	v->command = command_expand(w->hash, secret->bytes, secret->len, label, ctx, ctx_len,
				    length);
	return v;
}

/* HKDF-Extract(salt, IKM); a missing salt or IKM is Hash.length zeros (RFC 8446, 7.1). */
static struct math_value *extract_value(struct walk *w, const char *name,
					const struct math_value *salt, const struct math_value *ikm,
					const struct derived_secret *theirs)
{
	uint8_t zeros[HASH_MAX] = { 0 }, out[HASH_MAX];
	const uint8_t *s = salt ? salt->bytes : zeros, *k = ikm ? ikm->bytes : zeros;
	size_t k_len = ikm ? ikm->len : w->hash_len;
	if (crypto_hkdf_extract(w->hash, s, w->hash_len, k, k_len, out) != 0) {
		trace_error(w->t, "the math cannot derive %s", name);
		return NULL;
	}
	struct math_value *v = schedule_value(w, name, out, w->hash_len, theirs);
	set_operation(v, "HKDF-Extract(salt = %s, IKM = %s)", salt ? salt->name : "0 (zeros)",
		      ikm ? ikm->name : "0 (zeros)");
	if (salt && ikm)
		set_inputs(v, 2, salt->name, ikm->name);
	else if (salt || ikm)
		set_inputs(v, 1, salt ? salt->name : ikm->name);
	v->command = command_extract(w->hash, s, k, k_len, w->hash_len);
	return v;
}

/* A value taken as it is: from the wire, or from wolfSSL as an input of the schedule. */
static struct math_value *given_value(const struct sink *out, size_t record, const char *name,
				      const uint8_t *bytes, size_t len, const char *why)
{
	struct math_value *v = add_value(out, record, name, bytes, len);
	snprintf(v->why, sizeof(v->why), "%s", why);
	return v;
}

/* ---- key exchange ------------------------------------------------------------------------- */

#define EXT_KEY_SHARE 51

/*
 * How OpenSSL reads a group's raw keys: the DER around a private key
 * (X25519: PKCS#8, RFC 8410, 7; NIST curves: SEC1 ECPrivateKey, RFC 5915, 3)
 * and the SubjectPublicKeyInfo around a public key (RFC 8410, 4; RFC 5480,
 * 2), in upper case for basenc. The raw public key ends the SPKI.
 */
struct group_der {
	uint16_t group;
	bool x25519; /* RFC 7748's function, else ECDH on a NIST curve */
	size_t private_len, public_len;
	const char *private_prefix, *private_suffix, *public_prefix;
};

static const struct group_der group_ders[] = {
	/* secp256r1: OID 1.2.840.10045.3.1.7 */
	{ 0x0017, false, 32, 65, "30310201010420", "A00A06082A8648CE3D030107",
	  "3059301306072A8648CE3D020106082A8648CE3D030107034200" },
	/* secp384r1: OID 1.3.132.0.34 */
	{ 0x0018, false, 48, 97, "303E0201010430", "A00706052B81040022",
	  "3076301006072A8648CE3D020106052B81040022036200" },
	/* x25519: OID 1.3.101.110 */
	{ 0x001d, true, 32, 32, "302E020100300506032B656E04220420", "",
	  "302A300506032B656E032100" },
};

static const struct group_der *group_der(uint16_t group)
{
	for (size_t i = 0; i < sizeof(group_ders) / sizeof(group_ders[0]); i++)
		if (group_ders[i].group == group)
			return &group_ders[i];
	return NULL;
}

/*
 * The extensions of a hello (RFC 8446, 4.1.2 and 4.1.3), in `extensions`
 * (at their length): past version, random, session id and, for a
 * ClientHello, the suites and compression methods, or for a ServerHello the
 * suite and method.
 */
static bool hello_extensions(const struct message *m, struct reader *extensions)
{
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip;
	uint8_t len8;
	uint16_t len16;
	if (!reader_bytes(&r, HANDSHAKE_HEADER_LEN + 2 + 32, &skip) || !reader_u8(&r, &len8) ||
	    !reader_bytes(&r, len8, &skip))
		return false;
	if (m->type == HS_CLIENT_HELLO) {
		if (!reader_u16(&r, &len16) || !reader_bytes(&r, len16, &skip) ||
		    !reader_u8(&r, &len8) || !reader_bytes(&r, len8, &skip))
			return false;
	} else if (!reader_bytes(&r, 3, &skip)) {
		return false;
	}
	*extensions = r;
	return true;
}

/* The key_exchange of `group` in a hello's key_share (RFC 8446, 4.2.8). */
static bool key_share(const struct message *m, uint16_t group, const uint8_t **key,
		      uint16_t *key_len)
{
	struct reader ext, body;
	uint16_t list_len, g;
	if (!hello_extensions(m, &ext) || !find_extension(ext, EXT_KEY_SHARE, &body))
		return false;
	/* client_shares<0..2^16-1> in a ClientHello; one KeyShareEntry in a ServerHello */
	if (m->type == HS_CLIENT_HELLO && !reader_u16(&body, &list_len))
		return false;
	while (reader_u16(&body, &g) && reader_u16(&body, key_len) &&
	       reader_bytes(&body, *key_len, key))
		if (g == group)
			return true;
	return false;
}

/* The last handshake message of `type` from `dir` in this connection, up to the current one. */
static const struct message *last_message(const struct walk *w, uint8_t type)
{
	for (size_t i = w->message + 1; i-- > 0;) {
		const struct message *m = &w->t->messages[i];
		if (m->conn == w->conn && m->kind == MESSAGE_HANDSHAKE && m->type == type)
			return m;
	}
	return NULL;
}

/* What the (EC)DHE shared secret is computed from. */
struct kx_inputs {
	/* Public keys as sent; for TLS 1.2 DHE also dh_p and dh_g (else NULL). */
	const uint8_t *client, *server, *p, *g;
	size_t client_len, server_len, p_len, g_len;
	/* The ephemeral private keys, when tlsviz kept them (else NULL). */
	const uint8_t *client_private, *server_private;
	size_t client_private_len, server_private_len;
	/* Finite-field DH: the prime (dh_p, or the RFC 7919 group's, held here); else NULL. */
	const uint8_t *prime;
	size_t prime_len;
	uint8_t group_prime[SECRET_MAX];
};

/*
 * Each side's ephemeral public key, as sent: TLS 1.3 key_share entries;
 * TLS 1.2 the ServerKeyExchange's point or dh_Ys and the ClientKeyExchange's
 * (RFC 8422, 5.4 and 5.7; RFC 5246, 7.4.3 and 7.4.7.2). For DHE also dh_p
 * and dh_g.
 */
static bool public_keys(const struct walk *w, struct kx_inputs *kx)
{
	uint16_t group = w->t->conns[w->conn].negotiated.group, len16;
	if (w->tls13) {
		const struct message *ch = last_message(w, HS_CLIENT_HELLO);
		const struct message *sh = last_message(w, HS_SERVER_HELLO);
		uint16_t cl, sl;
		if (!ch || !sh || !key_share(ch, group, &kx->client, &cl) ||
		    !key_share(sh, group, &kx->server, &sl))
			return false;
		kx->client_len = cl;
		kx->server_len = sl;
		return true;
	}
	const struct message *ske = last_message(w, HS_SERVER_KEY_EXCHANGE);
	const struct message *cke = last_message(w, HS_CLIENT_KEY_EXCHANGE);
	if (!ske || !cke)
		return false;
	struct reader s = reader_init(ske->bytes.data, ske->bytes.len, 0);
	struct reader c = reader_init(cke->bytes.data, cke->bytes.len, 0);
	const uint8_t *skip;
	uint8_t curve_type, len8;
	if (!reader_bytes(&s, HANDSHAKE_HEADER_LEN, &skip) ||
	    !reader_bytes(&c, HANDSHAKE_HEADER_LEN, &skip))
		return false;
	struct reader params = s;
	if (reader_u8(&params, &curve_type) && curve_type == 3) {
		uint8_t client8;
		if (!reader_bytes(&params, 2, &skip) || !reader_u8(&params, &len8) ||
		    !reader_bytes(&params, len8, &kx->server) || !reader_u8(&c, &client8) ||
		    !reader_bytes(&c, client8, &kx->client))
			return false;
		kx->server_len = len8;
		kx->client_len = client8;
		return true;
	}
	uint16_t g_len;
	if (!reader_u16(&s, &len16) || !reader_bytes(&s, len16, &kx->p) ||
	    !reader_u16(&s, &g_len) || !reader_bytes(&s, g_len, &kx->g))
		return false;
	kx->p_len = len16;
	kx->g_len = g_len;
	if (!reader_u16(&s, &len16) || !reader_bytes(&s, len16, &kx->server))
		return false;
	kx->server_len = len16;
	if (!reader_u16(&c, &len16) || !reader_bytes(&c, len16, &kx->client))
		return false;
	kx->client_len = len16;
	return true;
}

/* The private key of <public_key, len> in the run's key pairs, or NULL. */
static const uint8_t *private_key(const struct walk *w, const uint8_t *public_key, size_t len,
				  size_t *private_len)
{
	const struct key_pair *k = capture_find_key_pair(&w->t->capture, public_key, len);
	if (!k)
		return NULL;
	*private_len = k->private_len;
	return k->private_key;
}

/* A private key as the DER file OpenSSL reads: a process substitution's command. */
static void private_der_in(struct buf *c, const struct group_der *der, const uint8_t *priv,
			   size_t len)
{
	buf_printf(c, "printf %%s %s", der->private_prefix);
	hex_upper(c, priv, len);
	buf_printf(c, "%s | basenc -d --base16", der->private_suffix);
}

/* `x` as a Python integer literal. */
static void python_int(struct buf *c, const uint8_t *x, size_t len)
{
	buf_puts(c, "0x");
	hex(c, x, len);
}

/*
 * A side's ephemeral public key (`who` "client" or "server"): computed from
 * its private key when tlsviz kept that, with a command that recomputes the
 * bytes sent; else as sent.
 */
static void public_key_value(struct walk *w, const struct kx_inputs *kx, bool client)
{
	const char *who = client ? "client" : "server";
	const uint8_t *pub = client ? kx->client : kx->server;
	size_t pub_len = client ? kx->client_len : kx->server_len;
	const uint8_t *priv = client ? kx->client_private : kx->server_private;
	size_t priv_len = client ? kx->client_private_len : kx->server_private_len;
	char name[48], private_name[48];
	snprintf(name, sizeof(name), "%s ephemeral public key", who);
	snprintf(private_name, sizeof(private_name), "%s ephemeral private key", who);
	const char *from = w->tls13 ? (client ? "from the ClientHello's key_share"
					      : "from the ServerHello's key_share")
				    : (client ? "from the ClientKeyExchange"
					      : "from the ServerKeyExchange");
	struct math_value *v = given_value(&w->out, MATH_NONE, name, pub, pub_len, from);
	if (!priv)
		return;
	const struct group_der *der = group_der(w->t->conns[w->conn].negotiated.group);
	struct buf c = BUF_INIT;
	if (der && priv_len == der->private_len && pub_len == der->public_len) {
		if (der->x25519)
			set_operation(v, "X25519(%s, 9): the private key times the base point "
					 "u = 9, little-endian (RFC 7748, 5 and 6.1); %s",
				      private_name, from);
		else
			set_operation(v, "%s times the curve's base point G, uncompressed: 04, x, "
					 "y (%s); %s",
				      private_name, w->tls13 ? "RFC 8446, 4.2.8.2" : "RFC 8422, 5.4",
				      from);
		buf_puts(&c, "openssl pkey -inform DER -in <(");
		private_der_in(&c, der, priv, priv_len);
		buf_printf(&c, ") -pubout -outform DER | tail -c %zu | basenc --base16 -w0",
			   pub_len);
	} else if (kx->prime) {
		/* RFC 7919's groups have g = 2; TLS 1.2 DHE sends its own dh_g (RFC 5246, 7.4.3). */
		set_operation(v, "g ^ %s mod p, in as many bytes as were sent (%s); %s",
			      private_name,
			      kx->p ? "dh_g and dh_p from the ServerKeyExchange"
				    : "g = 2 and RFC 7919's p; RFC 8446, 4.2.8.1 pads to p's length",
			      from);
		buf_printf(&c, "python3 -c \"print(pow(");
		if (kx->g)
			python_int(&c, kx->g, kx->g_len);
		else
			buf_printf(&c, "2");
		buf_printf(&c, ", ");
		python_int(&c, priv, priv_len);
		buf_printf(&c, ", ");
		python_int(&c, kx->prime, kx->prime_len);
		buf_printf(&c, ").to_bytes(%zu, 'big').hex())\"", pub_len);
	} else {
		return;
	}
	set_inputs(v, 1, private_name);
	v->why[0] = 0;
	v->command = take(&c);
}

/*
 * The inputs of the (EC)DHE shared secret, shown before it: each side's
 * ephemeral private key, when tlsviz kept it (the engine wraps wolfSSL's key
 * generators; a build on a shared wolfSSL has only the server's, from its
 * shared-secret callback), and both public keys from the wire.
 */
static void key_exchange_inputs(struct walk *w, struct kx_inputs *kx)
{
	memset(kx, 0, sizeof(*kx));
	if (!public_keys(w, kx)) {
		kx->client = NULL;
		return;
	}
	const struct capture *cap = &w->t->capture;
	kx->client_private = private_key(w, kx->client, kx->client_len, &kx->client_private_len);
	kx->server_private = private_key(w, kx->server, kx->server_len, &kx->server_private_len);
	const struct secret *callback = capture_find_secret(cap, w->conn, "server ephemeral private");
	bool server_pair = kx->server_private != NULL;
	if (!server_pair && callback) {
		kx->server_private = callback->bytes;
		kx->server_private_len = callback->len;
	}
	int p_len;
	if (kx->p) {
		kx->prime = kx->p;
		kx->prime_len = kx->p_len;
	} else if (w->tls13 &&
		   (p_len = crypto_ffdhe_prime(w->t->conns[w->conn].negotiated.group,
					       kx->group_prime, sizeof(kx->group_prime))) > 0) {
		kx->prime = kx->group_prime;
		kx->prime_len = (size_t)p_len;
	}
	/* RFC 8446, 4.2.8 and RFC 8422, 5.10: a fresh random key per handshake (ephemeral). */
	const char *random = "chosen at random by wolfSSL for this handshake; tlsviz kept it";
	const char *kept = server_pair ? random
				       : "chosen at random by wolfSSL; captured from its "
					 "shared-secret callback";
	if (kx->client_private)
		given_value(&w->out, MATH_NONE, "client ephemeral private key", kx->client_private,
			    kx->client_private_len, random);
	if (kx->server_private)
		given_value(&w->out, MATH_NONE, "server ephemeral private key", kx->server_private,
			    kx->server_private_len, kept);
	public_key_value(w, kx, true);
	public_key_value(w, kx, false);
}

/*
 * The shared secret `v` from its inputs: a command from one side's private
 * key and the other's public key (the server's private key when both are kept).
 */
static void key_exchange_command(struct walk *w, struct math_value *v,
				 const struct kx_inputs *kx)
{
	if (!kx->client)
		return;
	bool server = kx->server_private != NULL;
	const uint8_t *priv = server ? kx->server_private : kx->client_private;
	size_t priv_len = server ? kx->server_private_len : kx->client_private_len;
	if (!priv) {
		set_inputs(v, 2, "client ephemeral public key", "server ephemeral public key");
		snprintf(v->why, sizeof(v->why), "%s",
			 "wolfSSL computes it from ephemeral private keys that this build cannot "
			 "keep (a shared wolfSSL), so tlsviz takes its result");
		return;
	}
	const char *own = server ? "server ephemeral private key" : "client ephemeral private key";
	const char *peer = server ? "client ephemeral public key" : "server ephemeral public key";
	const uint8_t *peer_key = server ? kx->client : kx->server;
	size_t peer_len = server ? kx->client_len : kx->server_len;
	set_inputs(v, 2, own, peer);
	const struct group_der *der = group_der(w->t->conns[w->conn].negotiated.group);
	struct buf c = BUF_INIT;
	if (der && priv_len == der->private_len && peer_len == der->public_len) {
		const char *rfc = w->tls13 ? "RFC 8446, 7.4.2" : "RFC 8422, 5.10";
		if (der->x25519)
			set_operation(v, "X25519(%s, %s) (RFC 7748, 5 and 6.1; %s)", own, peer, rfc);
		else
			set_operation(v, "ECDH: the x coordinate of %s times %s (%s)", own, peer, rfc);
		buf_puts(&c, "openssl pkeyutl -derive -keyform DER -inkey <(");
		private_der_in(&c, der, priv, priv_len);
		buf_printf(&c, ") -peerform DER -peerkey <(printf %%s %s", der->public_prefix);
		hex_upper(&c, peer_key, peer_len);
		buf_puts(&c, " | basenc -d --base16) | basenc --base16 -w0");
	} else if (kx->prime) {
		/*
		 * RFC 5246, 8.1.2: TLS 1.2 strips Z's leading zero bytes; RFC 8446,
		 * 7.4.1: TLS 1.3 pads it to the prime's length (its dh_p: RFC 7919's).
		 */
		set_operation(v, "finite-field DH: %s ^ %s mod %s, %s", peer, own,
			      kx->p ? "dh_p" : "the group's prime (RFC 7919)",
			      kx->p ? "leading zeros stripped (RFC 5246, 8.1.2)"
				    : "padded to its length (RFC 8446, 7.4.1)");
		buf_printf(&c, "python3 -c \"z = pow(");
		python_int(&c, peer_key, peer_len);
		buf_printf(&c, ", ");
		python_int(&c, priv, priv_len);
		buf_printf(&c, ", ");
		python_int(&c, kx->prime, kx->prime_len);
		if (kx->p)
			buf_puts(&c, "); print(z.to_bytes((z.bit_length() + 7) // 8, 'big').hex())\"");
		else
			buf_printf(&c, "); print(z.to_bytes(%zu, 'big').hex())\"", kx->prime_len);
	} else {
		snprintf(v->why, sizeof(v->why), "tlsviz has no command for group 0x%04x",
			 w->t->conns[w->conn].negotiated.group);
		return;
	}
	v->why[0] = 0;
	v->command = take(&c);
}

/* ---- TLS 1.3 ------------------------------------------------------------------------------ */

/*
 * Derive-Secret(Secret, Label, Messages) =
 *     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 */
struct derive_rule {
	const char *name, *from, *label;
	bool transcript; /* the context is the transcript so far; else the empty hash */
};

static const struct derive_rule derive_rules[] = {
	{ "binder_key", "early_secret", "res binder", false },
	{ "client_early_traffic_secret", "early_secret", "c e traffic", true },
	{ "client_handshake_traffic_secret", "handshake_secret", "c hs traffic", true },
	{ "server_handshake_traffic_secret", "handshake_secret", "s hs traffic", true },
	{ "client_application_traffic_secret_0", "master_secret", "c ap traffic", true },
	{ "server_application_traffic_secret_0", "master_secret", "s ap traffic", true },
	{ "exporter_master_secret", "master_secret", "exp master", true },
	{ "resumption_master_secret", "master_secret", "res master", true },
};

/* The ticket_nonce of a NewSessionTicket (RFC 8446, 4.6.1), in <nonce, nonce_len>. */
static bool ticket_nonce(const struct message *m, const uint8_t **nonce, uint8_t *nonce_len)
{
	/* ticket_lifetime (4), ticket_age_add (4), then opaque ticket_nonce<0..255> */
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip;
	return reader_bytes(&r, HANDSHAKE_HEADER_LEN + 8, &skip) && reader_u8(&r, nonce_len) &&
	       reader_bytes(&r, *nonce_len, nonce);
}

/*
 * "client_handshake_write_key" -> "client_handshake_traffic_secret";
 * "server_application_write_iv_2" -> "server_application_traffic_secret_2".
 */
static bool traffic_secret_of(const char *name, char *secret, size_t len, const char **label)
{
	const char *at = strstr(name, "_write_");
	if (!at)
		return false;
	const char *what = at + 7;
	bool key = !strncmp(what, "key", 3);
	if (!key && strncmp(what, "iv", 2))
		return false;
	*label = key ? "key" : "iv";
	const char *suffix = what + (key ? 3 : 2);
	int side_phase = (int)(at - name);
	bool application = strstr(name, "_application_") != NULL;
	snprintf(secret, len, "%.*s_traffic_secret%s%s", side_phase, name,
		 application ? (*suffix ? "" : "_0") : "", application ? suffix : "");
	return true;
}

/* The binder of a ClientHello offering a PSK (RFC 8446, 4.2.11.2), shown with binder_key. */
static void binder_values(struct walk *w, const struct math_value *binder_key)
{
	const struct message *m = &w->t->messages[w->message];
	/*
	 * The binders end the ClientHello: binders<2> (binder_len<1> binder), one
	 * binder for the one PSK tlsviz's client offers. Truncate(ClientHello)
	 * ends before the binders' length.
	 */
	size_t len = w->hash_len;
	if (m->bytes.len < HANDSHAKE_HEADER_LEN + 3 + len || !binder_key)
		return;
	const uint8_t *received = m->bytes.data + m->bytes.len - len;
	size_t truncated = w->before + m->bytes.len - 3 - len;
	struct math_value *fk = expand_value(w, "binder finished_key", binder_key, "finished", NULL,
					     len, NULL);
	const struct math_value *hash = transcript_value(w, truncated, "Truncate(ClientHello)",
							 "Transcript-Hash(Truncate(ClientHello))");
	if (!fk || !hash)
		return;
	uint8_t expected[HASH_MAX];
	if (crypto_hmac(w->hash, fk->bytes, len, hash->bytes, len, expected) != 0)
		return;
	struct math_value *v = add_value(&w->out, MATH_NONE, "binder", expected, len);
	bool equal = !memcmp(expected, received, len);
	set_operation(v, "HMAC(binder finished_key, %s); the ClientHello's binder is %s", hash->name,
		      equal ? "equal" : "DIFFERENT");
	set_inputs(v, 2, fk->name, hash->name);
	v->command = command_hmac(w->hash, fk->bytes, len, hash->bytes, len);
}

static void tls13_secret(struct walk *w, const struct derived_secret *d)
{
	struct trace *t = w->t;
	const char *name = d->name;
	size_t len = w->hash_len;
	char from[80];
	const char *label;
	for (size_t i = 0; i < sizeof(derive_rules) / sizeof(derive_rules[0]); i++) {
		const struct derive_rule *rule = &derive_rules[i];
		if (strcmp(rule->name, name) != 0)
			continue;
		const struct math_value *context = rule->transcript ? transcript_now(w, NULL)
								    : empty_hash(w);
		const struct math_value *v = expand_value(w, name, find_value(t, w->conn, rule->from),
							  rule->label, context, len, d);
		if (v && !strcmp(name, "binder_key"))
			binder_values(w, v);
		return;
	}
	if (traffic_secret_of(name, from, sizeof(from), &label)) {
		expand_value(w, name, find_value(t, w->conn, from), label, NULL, d->len, d);
		return;
	}
	if (!strcmp(name, "client_finished_key") || !strcmp(name, "server_finished_key")) {
		snprintf(from, sizeof(from), "%.6s_handshake_traffic_secret", name);
		expand_value(w, name, find_value(t, w->conn, from), "finished", NULL, len, d);
		return;
	}
	unsigned generation;
	char side[8];
	if (sscanf(name, "%7[a-z]_application_traffic_secret_%u", side, &generation) == 2 &&
	    generation > 0) {
		/* RFC 8446, 7.2: application_traffic_secret_N+1 after a KeyUpdate. */
		snprintf(from, sizeof(from), "%s_application_traffic_secret_%u", side, generation - 1);
		expand_value(w, name, find_value(t, w->conn, from), "traffic upd", NULL, len, d);
		return;
	}
	if (!strcmp(name, "ticket_psk")) {
		const uint8_t *nonce;
		uint8_t nonce_len;
		if (!ticket_nonce(&t->messages[w->message], &nonce, &nonce_len))
			return;
		struct math_value *n = given_value(&w->out, MATH_NONE, "ticket_nonce", nonce, nonce_len,
						   "read from the NewSessionTicket");
		expand_value(w, name, find_value(t, w->conn, "resumption_master_secret"),
			     "resumption", n, len, d);
		w->tickets++;
		return;
	}
	if (!strcmp(name, "psk")) {
		struct math_value *v = given_value(&w->out, MATH_NONE, name, d->bytes, d->len,
						   "the ticket_psk of the connection before");
		set_operation(v, "the PSK the ticket names: ticket_psk of the connection before");
		set_inputs(v, 1, "ticket_psk");
		return;
	}
	if (!strcmp(name, "ecdhe_shared_secret")) {
		struct kx_inputs kx;
		key_exchange_inputs(w, &kx);
		struct math_value *v = given_value(
			&w->out, MATH_NONE, name, d->bytes, d->len,
			"the shared secret wolfSSL computed: tlsviz could not read both key "
			"shares to compute it again");
		set_operation(v, "(EC)DHE of one side's ephemeral private key and the other's "
				 "key_share public key (RFC 8446, 7.4)");
		key_exchange_command(w, v, &kx);
		return;
	}
	if (!strcmp(name, "early_secret")) {
		extract_value(w, name, NULL, find_value(t, w->conn, "psk"), d);
		return;
	}
	if (!strcmp(name, "handshake_secret") || !strcmp(name, "master_secret")) {
		bool handshake = name[0] == 'h';
		const char *base = handshake ? "early_secret" : "handshake_secret";
		char derived[48];
		snprintf(derived, sizeof(derived), "%s derived", base);
		const struct math_value *salt = expand_value(w, derived, find_value(t, w->conn, base),
							     "derived", empty_hash(w), len, NULL);
		extract_value(w, name, salt,
			      handshake ? find_value(t, w->conn, "ecdhe_shared_secret") : NULL, d);
		return;
	}
	trace_error(t, "the math does not know how %s is derived", name);
}

/*
 * How a Finished's verify_data compares with the one computed. The trace's
 * bytes are the sender's: a message altered on its way says so.
 */
static const char *verdict(const struct message *m, bool equal)
{
	if (!equal)
		return "the verify_data in the message is DIFFERENT";
	return m->altered ? "equal to the verify_data as sent, which arrived altered"
			  : "the verify_data received is equal";
}

/* Finished (RFC 8446, 4.4.4): HMAC(finished_key, Transcript-Hash(..before it)). */
static void tls13_finished_values(struct walk *w, const struct message *m)
{
	bool client = m->dir == DIR_CLIENT_TO_SERVER;
	const struct math_value *key =
		find_value(w->t, w->conn, client ? "client_finished_key" : "server_finished_key");
	const struct math_value *hash = transcript_before(w);
	uint8_t expected[HASH_MAX];
	if (!key || !hash || crypto_hmac(w->hash, key->bytes, key->len, hash->bytes, hash->len,
					 expected) != 0)
		return;
	struct math_value *v = add_value(&w->out, MATH_NONE, client ? "client verify_data"
							      : "server verify_data",
					 expected, w->hash_len);
	bool equal = m->bytes.len == HANDSHAKE_HEADER_LEN + w->hash_len &&
		     !memcmp(m->bytes.data + HANDSHAKE_HEADER_LEN, expected, w->hash_len);
	set_operation(v, "HMAC(%s, %s); %s", key->name, hash->name, verdict(m, equal));
	set_inputs(v, 2, key->name, hash->name);
	v->command = command_hmac(w->hash, key->bytes, key->len, hash->bytes, hash->len);
}

/* ---- TLS 1.2 ------------------------------------------------------------------------------ */

static void tls12_secret(struct walk *w, const struct derived_secret *d)
{
	struct trace *t = w->t;
	const struct negotiated *n = &t->conns[w->conn].negotiated;
	const struct message *m = &t->messages[w->message];
	if (!strcmp(d->name, "pre_master_secret")) {
		w->premaster = true;
		if (!w->suite->rsa_key_transport || !t->capture.server_key) {
			struct kx_inputs kx;
			key_exchange_inputs(w, &kx);
			struct math_value *v = given_value(
				&w->out, MATH_NONE, d->name, d->bytes, d->len,
				"the premaster secret wolfSSL computed: tlsviz could not read both "
				"public keys to compute it again");
			set_operation(v, "(EC)DHE shared secret (RFC 8422, 5.10; RFC 5246, 8.1.2)");
			key_exchange_command(w, v, &kx);
			return;
		}
		/* opaque EncryptedPreMasterSecret<0..2^16-1> after the handshake header. */
		struct math_value *v = add_value(&w->out, MATH_NONE, d->name, d->bytes, d->len);
		set_operation(v, "RSAES-PKCS1-v1_5 decryption of the ClientKeyExchange's "
				 "EncryptedPreMasterSecret with the server's private key "
				 "(RFC 5246, 7.4.7.1)");
		set_inputs(v, 2, "EncryptedPreMasterSecret", "server private key");
		if (m->bytes.len < HANDSHAKE_HEADER_LEN + 2)
			return;
		struct buf c = BUF_INIT;
		buf_puts(&c, "openssl pkeyutl -decrypt -keyform DER -inkey <(");
		bytes_in(&c, t->capture.server_key, t->capture.server_key_len);
		buf_puts(&c, ") -in <(");
		bytes_in(&c, m->bytes.data + HANDSHAKE_HEADER_LEN + 2,
			 m->bytes.len - HANDSHAKE_HEADER_LEN - 2);
		buf_puts(&c, ") | basenc --base16 -w0");
		v->command = take(&c);
		return;
	}
	if (strcmp(d->name, "master_secret") != 0) {
		trace_error(t, "the math does not know how %s is derived", d->name);
		return;
	}
	const struct math_value *pms = w->premaster ? find_value(t, w->conn, "pre_master_secret")
						    : NULL;
	if (!pms) {
		/* RFC 5246, 7.3: an abbreviated handshake keeps the session's master secret. */
		struct math_value *v = given_value(&w->out, MATH_NONE, d->name, d->bytes, d->len,
						   "the resumed session's, as the connection "
						   "before computed it");
		set_operation(v, "master_secret of the session resumed (RFC 5246, 7.3)");
		set_inputs(v, 1, "master_secret");
		return;
	}
	uint8_t seed[64], out[48];
	size_t seed_len;
	const char *label;
	const struct math_value *hash = NULL;
	if (n->extended_master_secret) {
		/* RFC 7627, 4: session_hash = Hash(handshake messages up to the ClientKeyExchange) */
		hash = transcript_now(w, "session_hash");
		if (!hash)
			return;
		memcpy(seed, hash->bytes, hash->len);
		seed_len = hash->len;
		label = "extended master secret";
	} else {
		memcpy(seed, w->client_random, 32);
		memcpy(seed + 32, w->server_random, 32);
		seed_len = 64;
		label = "master secret";
	}
	if (crypto_prf12(w->hash, pms->bytes, pms->len, label, seed, seed_len, out, 48) != 0)
		return;
	struct math_value *v = schedule_value(w, d->name, out, 48, d);
	if (hash) {
		set_operation(v, "PRF(pre_master_secret, \"%s\", %s)[0..47] "
				 "(RFC 7627, 4)", label, hash->name);
		set_inputs(v, 2, pms->name, hash->name);
	} else {
		set_operation(v, "PRF(pre_master_secret, \"%s\", ClientHello.random + "
				 "ServerHello.random)[0..47] (RFC 5246, 8.1)", label);
		set_inputs(v, 3, pms->name, "ClientHello.random", "ServerHello.random");
	}
	v->command = command_prf(w->hash, pms->bytes, pms->len, label, seed, seed_len, 48);
}

/* RFC 5246, 6.3: the key block and how it is cut, at the first ChangeCipherSpec. */
static void tls12_key_block(struct walk *w)
{
	struct trace *t = w->t;
	const struct math_value *master = find_value(t, w->conn, "master_secret");
	const struct suite_params *s = w->suite;
	if (!master || w->key_block)
		return;
	w->key_block = true;
	bool cbc = s->cipher == CIPHER_AES_CBC;
	size_t mac_len = cbc ? crypto_hash_len(s->mac) : 0;
	size_t iv_len = cbc ? 0 : s->cipher == CIPHER_CHACHA20_POLY1305 ? 12 : 4;
	size_t total = 2 * mac_len + 2 * s->key_len + 2 * iv_len;
	uint8_t seed[64], block[2 * 48 + 2 * 32 + 2 * 12];
	memcpy(seed, w->server_random, 32);
	memcpy(seed + 32, w->client_random, 32);
	if (crypto_prf12(w->hash, master->bytes, 48, "key expansion", seed, 64, block, total) != 0)
		return;
	struct math_value *v = add_value(&w->out, MATH_NONE, "key_block", block, total);
	set_operation(v, "PRF(master_secret, \"key expansion\", ServerHello.random + "
			 "ClientHello.random), %zu bytes (RFC 5246, 6.3)", total);
	set_inputs(v, 3, master->name, "ServerHello.random", "ClientHello.random");
	v->command = command_prf(w->hash, master->bytes, 48, "key expansion", seed, 64, total);
	/* The order of RFC 5246, 6.3; AEAD suites have no MAC keys (RFC 5288, 3). */
	static const char *const parts[] = { "client_write_MAC_key", "server_write_MAC_key",
					     "client_write_key",     "server_write_key",
					     "client_write_IV",      "server_write_IV" };
	size_t sizes[] = { mac_len, mac_len, s->key_len, s->key_len, iv_len, iv_len };
	size_t at = 0;
	for (size_t i = 0; i < 6; i++) {
		if (!sizes[i])
			continue;
		struct math_value *p = add_value(&w->out, MATH_NONE, parts[i], block + at, sizes[i]);
		set_operation(p, "key_block[%zu..%zu]", at, at + sizes[i] - 1);
		set_inputs(p, 1, "key_block");
		struct buf c = BUF_INIT;
		buf_printf(&c, "printf %%s ");
		hex(&c, block, total);
		buf_printf(&c, " | cut -c %zu-%zu", 2 * at + 1, 2 * (at + sizes[i]));
		p->command = take(&c);
		at += sizes[i];
	}
}

/*
 * Finished (RFC 5246, 7.4.9):
 *     PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]
 */
static void tls12_finished_values(struct walk *w, const struct message *m)
{
	bool client = m->dir == DIR_CLIENT_TO_SERVER;
	const struct math_value *master = find_value(w->t, w->conn, "master_secret");
	const struct math_value *hash = transcript_before(w);
	const char *label = client ? "client finished" : "server finished";
	uint8_t expected[12];
	if (!master || !hash ||
	    crypto_prf12(w->hash, master->bytes, 48, label, hash->bytes, hash->len, expected, 12))
		return;
	struct math_value *v = add_value(&w->out, MATH_NONE, client ? "client verify_data"
							      : "server verify_data",
					 expected, 12);
	bool equal = m->bytes.len == HANDSHAKE_HEADER_LEN + 12 &&
		     !memcmp(m->bytes.data + HANDSHAKE_HEADER_LEN, expected, 12);
	set_operation(v, "PRF(master_secret, \"%s\", %s)[0..11]; %s", label, hash->name,
		      verdict(m, equal));
	set_inputs(v, 2, master->name, hash->name);
	v->command = command_prf(w->hash, master->bytes, 48, label, hash->bytes, hash->len, 12);
}

/* ---- signatures -------------------------------------------------------------------------- */

/* How openssl pkeyutl verifies each SignatureScheme (RFC 8446, 4.2.3). */
struct scheme_rule {
	uint16_t code;
	const char *options;
};

static const struct scheme_rule scheme_rules[] = {
	{ 0x0401, "-digest sha256" }, /* rsa_pkcs1_sha256: PKCS #1 v1.5, openssl's default */
	{ 0x0501, "-digest sha384" },
	{ 0x0601, "-digest sha512" },
	{ 0x0403, "-digest sha256" }, /* ecdsa_secp256r1_sha256: DER-encoded, as TLS sends it */
	{ 0x0503, "-digest sha384" },
	{ 0x0603, "-digest sha512" },
	/* rsa_pss_rsae_*: the salt as long as the digest (RFC 8446, 4.2.3) */
	{ 0x0804, "-digest sha256 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest" },
	{ 0x0805, "-digest sha384 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest" },
	{ 0x0806, "-digest sha512 -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest" },
	{ 0x0807, "" }, /* ed25519 signs the content itself */
};

#define VERIFIED "Signature Verified Successfully"

/*
 * The end-entity certificate of `dir`'s last Certificate before the current
 * message: the first CertificateEntry (RFC 8446, 4.4.2; RFC 5246, 7.4.2).
 */
static bool leaf_certificate(const struct walk *w, enum direction dir, const uint8_t **cert,
			     uint32_t *cert_len)
{
	const struct trace *t = w->t;
	for (size_t i = w->message; i-- > 0;) {
		const struct message *m = &t->messages[i];
		if (m->conn != w->conn || m->dir != dir || m->kind != MESSAGE_HANDSHAKE ||
		    m->type != HS_CERTIFICATE)
			continue;
		struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
		const uint8_t *skip;
		uint8_t context_len = 0;
		uint32_t list_len;
		return reader_bytes(&r, HANDSHAKE_HEADER_LEN, &skip) &&
		       (!w->tls13 || (reader_u8(&r, &context_len) &&
				      reader_bytes(&r, context_len, &skip))) &&
		       reader_u24(&r, &list_len) && reader_u24(&r, cert_len) &&
		       reader_bytes(&r, *cert_len, cert);
	}
	return false;
}

/*
 * The signature over `content` (shown before it as a value), checked by a
 * command against the public key of `dir`'s certificate.
 */
static void signature_value(struct walk *w, const char *name, const char *content_name,
			    const struct buf *content, uint16_t scheme, const uint8_t *sig,
			    size_t sig_len, enum direction dir)
{
	const char *scheme_name = registry_name(REG_SIGNATURE_SCHEME, scheme);
	struct math_value *v = add_value(&w->out, MATH_NONE, name, sig, sig_len);
	set_operation(v, "%s (0x%04x) signature over %s by the certificate's key; the command "
			 "checks it with the public key of the %s's certificate%s",
		      scheme_name ? scheme_name : "unknown scheme", scheme, content_name,
		      dir == DIR_CLIENT_TO_SERVER ? "client" : "server",
		      w->t->messages[w->message].altered
			      ? " (the message as sent: it arrived altered)" : "");
	set_inputs(v, 2, content_name, "certificate public key");
	const struct scheme_rule *rule = NULL;
	for (size_t i = 0; i < sizeof(scheme_rules) / sizeof(scheme_rules[0]); i++)
		if (scheme_rules[i].code == scheme)
			rule = &scheme_rules[i];
	const uint8_t *cert;
	uint32_t cert_len;
	if (!rule || !leaf_certificate(w, dir, &cert, &cert_len)) {
		snprintf(v->why, sizeof(v->why), "tlsviz has no command for scheme 0x%04x", scheme);
		return;
	}
	struct buf c = BUF_INIT;
	buf_puts(&c, "openssl pkeyutl -verify -pubin -inkey <(");
	bytes_in(&c, cert, cert_len);
	buf_printf(&c, " | openssl x509 -inform DER -pubkey -noout) -rawin %s -in <(",
		   rule->options);
	bytes_in(&c, content->data, content->len);
	buf_puts(&c, ") -sigfile <(");
	bytes_in(&c, sig, sig_len);
	buf_puts(&c, ")");
	v->command = take(&c);
	v->prints = VERIFIED;
}

/*
 * RFC 8446, 4.4.3: the signature covers 64 spaces, the context string, a
 * zero byte and Transcript-Hash(Handshake Context, Certificate).
 */
static void certificate_verify_values(struct walk *w, const struct message *m)
{
	bool client = m->dir == DIR_CLIENT_TO_SERVER;
	const char *context = client ? "TLS 1.3, client CertificateVerify"
				     : "TLS 1.3, server CertificateVerify";
	const struct math_value *hash = transcript_before(w);
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip, *sig;
	uint16_t scheme, sig_len;
	if (!hash || !reader_bytes(&r, HANDSHAKE_HEADER_LEN, &skip) || !reader_u16(&r, &scheme) ||
	    !reader_u16(&r, &sig_len) || !reader_bytes(&r, sig_len, &sig))
		return;
	struct buf content = BUF_INIT;
	for (int i = 0; i < 64; i++)
		buf_append(&content, " ", 1);
	buf_append(&content, context, strlen(context) + 1); /* with its 0x00 separator */
	buf_append(&content, hash->bytes, hash->len);
	char name[64];
	snprintf(name, sizeof(name), "%s CertificateVerify content", client ? "client" : "server");
	struct math_value *v = add_value(&w->out, MATH_NONE, name, content.data, content.len);
	set_operation(v, "64 spaces (0x20) + \"%s\" + 0x00 + %s (RFC 8446, 4.4.3)", context,
		      hash->name);
	set_inputs(v, 1, hash->name);
	struct buf c = BUF_INIT;
	buf_printf(&c, "python3 -c \"print((b' ' * 64 + b'%s' + bytes(1)).hex() + '", context);
	hex(&c, hash->bytes, hash->len);
	buf_puts(&c, "')\"");
	v->command = take(&c);
	char sig_name[64];
	snprintf(sig_name, sizeof(sig_name), "%s CertificateVerify signature",
		 client ? "client" : "server");
	signature_value(w, sig_name, name, &content, scheme, sig, sig_len, m->dir);
	buf_release(&content);
}

/*
 * TLS 1.2 (RFC 5246, 7.4.8): the client signs handshake_messages, every
 * handshake message before its CertificateVerify, as they are.
 */
static void tls12_certificate_verify_values(struct walk *w, const struct message *m)
{
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip, *sig;
	uint16_t scheme, sig_len;
	if (!reader_bytes(&r, HANDSHAKE_HEADER_LEN, &skip) || !reader_u16(&r, &scheme) ||
	    !reader_u16(&r, &sig_len) || !reader_bytes(&r, sig_len, &sig))
		return;
	struct buf content = BUF_INIT;
	buf_append(&content, w->transcript.data, w->before);
	const char *name = "client CertificateVerify handshake_messages";
	struct math_value *v = given_value(&w->out, MATH_NONE, name, content.data, content.len,
					   "the handshake messages before the CertificateVerify, "
					   "as they were sent");
	set_operation(v, "every handshake message from ClientHello up to the CertificateVerify, "
			 "headers included (%zu bytes)", content.len);
	signature_value(w, "client CertificateVerify signature", v->name, &content, scheme, sig,
			sig_len, m->dir);
	buf_release(&content);
}

/*
 * RFC 5246, 7.4.3; RFC 8422, 5.4: the server signs
 * ClientHello.random + ServerHello.random + ServerECDHParams (or ServerDHParams).
 */
static void server_key_exchange_values(struct walk *w, const struct message *m)
{
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip, *sig;
	uint8_t curve_type, point_len;
	uint16_t group, len, scheme, sig_len;
	if (!reader_bytes(&r, HANDSHAKE_HEADER_LEN, &skip))
		return;
	struct reader params = r;
	if (reader_u8(&params, &curve_type) && curve_type == 3) {
		/* named_curve: curve_type, NamedCurve, ECPoint public<1..2^8-1> */
		if (!reader_u16(&params, &group) || !reader_u8(&params, &point_len) ||
		    !reader_bytes(&params, point_len, &skip))
			return;
	} else {
		/* ServerDHParams: dh_p, dh_g, dh_Ys, each opaque <1..2^16-1> */
		params = r;
		for (int i = 0; i < 3; i++)
			if (!reader_u16(&params, &len) || !reader_bytes(&params, len, &skip))
				return;
	}
	size_t params_at = HANDSHAKE_HEADER_LEN,
	       params_len = m->bytes.len - HANDSHAKE_HEADER_LEN - reader_remaining(&params);
	if (!reader_u16(&params, &scheme) || !reader_u16(&params, &sig_len) ||
	    !reader_bytes(&params, sig_len, &sig))
		return;
	struct buf content = BUF_INIT;
	buf_append(&content, w->client_random, 32);
	buf_append(&content, w->server_random, 32);
	buf_append(&content, m->bytes.data + params_at, params_len);
	struct math_value *v = add_value(&w->out, MATH_NONE, "ServerKeyExchange signed_params",
					 content.data, content.len);
	set_operation(v, "ClientHello.random + ServerHello.random + the server's %s params "
			 "(%zu bytes, RFC 5246, 7.4.3)", curve_type == 3 ? "ECDH" : "DH", params_len);
	set_inputs(v, 3, "ClientHello.random", "ServerHello.random", "ServerKeyExchange params");
	struct buf c = BUF_INIT;
	buf_puts(&c, "echo ");
	hex(&c, content.data, content.len);
	v->command = take(&c);
	signature_value(w, "ServerKeyExchange signature", v->name, &content, scheme, sig, sig_len,
			DIR_SERVER_TO_CLIENT);
	buf_release(&content);
}

/* ---- records ------------------------------------------------------------------------------ */

bool math_record_parts(const struct trace *t, size_t index, struct record_math *out)
{
	const struct record *r = &t->records[index];
	const struct record_keys *k = &r->opened_with;
	const uint8_t *bytes = trace_record_bytes(t, r);
	memset(out, 0, sizeof(*out));
	if (!r->decrypted || !k->suite)
		return false;
	const struct suite_params *s = k->suite;
	out->key = k->key;
	out->key_len = s->key_len;
	out->sequence_number = k->seq;
	uint8_t *h = out->additional_data;
	for (int i = 0; i < 8; i++)
		h[i] = (uint8_t)(k->seq >> (56 - 8 * i));
	memcpy(h + 8, bytes, 3);
	if (s->cipher == CIPHER_AES_CBC) {
		/* RFC 5246, 6.2.3.2 / RFC 7366: the MAC covers seq_num, type, version, length, ... */
		size_t length = k->encrypt_then_mac ? r->len - RECORD_HEADER_LEN - k->mac_key_len
						    : r->layout.content_len;
		h[11] = (uint8_t)(length >> 8);
		h[12] = (uint8_t)length;
		out->additional_data_len = 13;
		out->iv = bytes + RECORD_HEADER_LEN;
		out->iv_len = CBC_BLOCK;
		out->tag = k->encrypt_then_mac ? bytes + r->len - k->mac_key_len : NULL;
		out->tag_len = k->mac_key_len;
		return true;
	}
	out->iv = k->iv;
	out->iv_len = k->iv_len;
	out->nonce_len = 12;
	if (k->iv_len == 4) {
		/* RFC 5288, 3: salt (the implicit IV) + the record's explicit nonce. */
		memcpy(out->nonce, k->iv, 4);
		memcpy(out->nonce + 4, bytes + RECORD_HEADER_LEN, EXPLICIT_NONCE_LEN);
	} else {
		/* RFC 8446, 5.3: the IV XOR the sequence number, padded to iv_length. */
		memcpy(out->nonce, k->iv, 12);
		for (int i = 0; i < 8; i++)
			out->nonce[11 - i] ^= (uint8_t)(k->seq >> (8 * i));
	}
	if (s->tls13) {
		memcpy(h, bytes, RECORD_HEADER_LEN); /* RFC 8446, 5.2: the record header */
		out->additional_data_len = RECORD_HEADER_LEN;
	} else {
		size_t length = r->layout.tag_at - r->layout.content_at; /* RFC 5246, 6.2.3.3 */
		h[11] = (uint8_t)(length >> 8);
		h[12] = (uint8_t)length;
		out->additional_data_len = 13;
	}
	out->tag = bytes + r->layout.tag_at;
	out->tag_len = r->layout.tag_len;
	return true;
}

/*
 * The name of the value of this connection among the schedule's first
 * `known` equal to <bytes, len> whose name contains `part`.
 */
static const char *named_like(const struct trace *t, size_t known, unsigned conn,
			      const char *part, const uint8_t *bytes, size_t len)
{
	for (size_t i = known; i-- > 0;) {
		const struct math_value *v = t->math.values[i];
		if (v->conn == conn && v->len == len &&
		    strstr(v->name, part) && !memcmp(v->bytes, bytes, len))
			return v->name;
	}
	return part;
}

static const char *openssl_ctr(const struct suite_params *s)
{
	if (s->cipher == CIPHER_CHACHA20_POLY1305)
		return "chacha20";
	return s->key_len == 32 ? "aes-256-ctr" : "aes-128-ctr";
}

/*
 * Each AEAD encrypts with a counter (stream) mode, which openssl enc has:
 * GCM's first block of data uses counter 2 after the 12-byte nonce (NIST SP
 * 800-38D, 7.1), CCM's A_1 = flags 2 | nonce | counter 1 (RFC 3610, 2.3),
 * ChaCha20-Poly1305 block counter 1 (RFC 8439, 2.8; openssl's IV is the
 * little-endian counter then the nonce).
 */
static void counter_iv(const struct suite_params *s, const uint8_t nonce[12], struct buf *c)
{
	if (s->cipher == CIPHER_CHACHA20_POLY1305) {
		buf_puts(c, "01000000");
		hex(c, nonce, 12);
	} else if (s->cipher == CIPHER_AES_CCM) {
		buf_puts(c, "02");
		hex(c, nonce, 12);
		buf_puts(c, "000001");
	} else {
		hex(c, nonce, 12);
		buf_puts(c, "00000002");
	}
}

/*
 * GCM's tag (NIST SP 800-38D, 7.1) in python3, with AES from openssl enc in
 * ECB mode on single blocks: GHASH over the additional data and the
 * ciphertext, each zero-padded, then their lengths in bits, under
 * H = AES(K, 0^128); XORed with AES(K, nonce || 0^31 || 1).
 */
static void gcm_tag_command(struct buf *c, const struct record_math *p, const uint8_t *cipher,
			    size_t cipher_len)
{
	buf_puts(c, "python3 - <<'EOF'\nimport subprocess\nkey, nonce = '");
	hex(c, p->key, p->key_len);
	buf_puts(c, "', '");
	hex(c, p->nonce, 12);
	buf_puts(c, "'\naad, ct = bytes.fromhex('");
	hex(c, p->additional_data, p->additional_data_len);
	buf_puts(c, "'), bytes.fromhex('");
	hex(c, cipher, cipher_len);
	/* Formatted only where a number goes: the script is long, and there is one a record. */
	buf_printf(c, "')\n"
		      "def aes(block):  # one AES block: openssl enc, ECB mode\n"
		      "    return int.from_bytes(subprocess.run(['openssl', 'enc', '-aes-%zu-ecb', ",
		   p->key_len * 8);
	buf_puts(c, "'-nopad', '-K', key], input=block, capture_output=True, check=True).stdout, "
		    "'big')\n"
		    "def times(x, y):  # multiplication in GF(2^128), NIST SP 800-38D, 6.3\n"
		    "    z = 0\n"
		    "    for i in range(127, -1, -1):\n"
		    "        z ^= x if y >> i & 1 else 0\n"
		    "        x = x >> 1 ^ (0xe1 << 120 if x & 1 else 0)\n"
		    "    return z\n"
		    "h, g = aes(bytes(16)), 0\n"
		    "for data in (aad, ct):\n"
		    "    data += bytes(-len(data) % 16)\n"
		    "    for i in range(0, len(data), 16):\n"
		    "        g = times(g ^ int.from_bytes(data[i:i + 16], 'big'), h)\n"
		    "g = times(g ^ (len(aad) * 8 << 64 | len(ct) * 8), h)\n"
		    "print((g ^ aes(bytes.fromhex(nonce + '00000001'))).to_bytes(16, 'big').hex())\n"
		    "EOF");
}

/*
 * ChaCha20-Poly1305's tag (RFC 8439, 2.8) in python3: the one-time key is
 * the ChaCha20 block of counter 0 (openssl enc -chacha20), then Poly1305
 * over the additional data, the ciphertext, each zero-padded, and their
 * lengths (RFC 8439, 2.5).
 */
static void poly1305_tag_command(struct buf *c, const struct record_math *p,
				 const uint8_t *cipher, size_t cipher_len)
{
	buf_puts(c, "python3 - <<'EOF'\nimport subprocess\nkey, nonce = '");
	hex(c, p->key, p->key_len);
	buf_puts(c, "', '");
	hex(c, p->nonce, 12);
	buf_puts(c, "'\naad, ct = bytes.fromhex('");
	hex(c, p->additional_data, p->additional_data_len);
	buf_puts(c, "'), bytes.fromhex('");
	hex(c, cipher, cipher_len);
	buf_puts(c, "')\n"
		    "otk = subprocess.run(['openssl', 'enc', '-chacha20', '-K', key, '-iv', "
		    "'00000000' + nonce], input=bytes(32), capture_output=True, check=True).stdout\n"
		    "r = int.from_bytes(otk[:16], 'little') & 0x0ffffffc0ffffffc0ffffffc0fffffff\n"
		    "s = int.from_bytes(otk[16:], 'little')\n"
		    "msg = aad + bytes(-len(aad) % 16) + ct + bytes(-len(ct) % 16)\n"
		    "msg += len(aad).to_bytes(8, 'little') + len(ct).to_bytes(8, 'little')\n"
		    "acc, prime = 0, (1 << 130) - 5\n"
		    "for i in range(0, len(msg), 16):\n"
		    "    acc = (acc + int.from_bytes(msg[i:i + 16] + b'\\x01', 'little')) * r % prime\n"
		    "print(((acc + s) % (1 << 128)).to_bytes(16, 'little').hex())\n"
		    "EOF");
}

/*
 * AES-CCM's tag (RFC 3610, 2.2 and 2.3; L = 3 with TLS's 12-byte nonce):
 * the last block of AES-CBC with a zero IV (openssl enc) over B_0 (flags,
 * nonce, message length), the additional data with its 2-byte length and
 * the plaintext, each zero-padded; XORed with AES(K, A_0) and cut.
 */
static void ccm_tag_command(struct buf *c, const struct record_math *p, const uint8_t *plain,
			    size_t plain_len)
{
	buf_puts(c, "python3 - <<'EOF'\nimport subprocess\nkey, nonce = '");
	hex(c, p->key, p->key_len);
	buf_puts(c, "', bytes.fromhex('");
	hex(c, p->nonce, 12);
	buf_puts(c, "')\naad, plain = bytes.fromhex('");
	hex(c, p->additional_data, p->additional_data_len);
	buf_puts(c, "'), bytes.fromhex('");
	hex(c, plain, plain_len);
	buf_printf(c, "')\n"
		      "def cbc(data):  # AES-CBC with a zero IV: openssl enc\n"
		      "    return subprocess.run(['openssl', 'enc', '-aes-%zu-cbc', '-nopad', '-K', key, "
		      "'-iv', '00' * 16], input=data, capture_output=True, check=True).stdout\n"
		      "t = %zu\n"
		      "b0 = bytes([64 | (t - 2) // 2 << 3 | 2]) + nonce + len(plain).to_bytes(3, 'big')\n"
		      "a = len(aad).to_bytes(2, 'big') + aad\n"
		      "mac = cbc(b0 + a + bytes(-len(a) %% 16) + plain + bytes(-len(plain) %% 16))[-16:]\n"
		      "s0 = cbc(bytes([2]) + nonce + bytes(3))\n"
		      "print(bytes(x ^ y for x, y in zip(mac, s0))[:t].hex())\n"
		      "EOF",
		   p->key_len * 8, p->tag_len);
}

/*
 * The values of record `index`, into `out`: its parts, its decryption and
 * its tag. The keys are named after the schedule's first `known` values,
 * those computed before the walk met the record.
 */
static void record_values(const struct trace *t, const struct sink *out, size_t index,
			  size_t known)
{
	const struct record *r = &t->records[index];
	struct record_math p;
	if (!math_record_parts(t, index, &p))
		return;
	const struct suite_params *s = r->opened_with.suite;
	const uint8_t *bytes = trace_record_bytes(t, r);
	char key_name[80], iv_name[80], seq[32];
	snprintf(key_name, sizeof(key_name), "%s",
		 named_like(t, known, out->conn, "write_key", p.key, p.key_len));
	snprintf(seq, sizeof(seq), "sequence_number %llu", (unsigned long long)p.sequence_number);
	struct buf c = BUF_INIT;
	if (s->cipher == CIPHER_AES_CBC) {
		size_t mac_len = r->opened_with.mac_key_len;
		size_t cipher_at = RECORD_HEADER_LEN + CBC_BLOCK;
		size_t cipher_len = r->len - cipher_at - (r->opened_with.encrypt_then_mac ? mac_len : 0);
		given_value(out, index, "IV", p.iv, p.iv_len, "the record's first 16 bytes, as sent");
		given_value(out, index, "ciphertext", bytes + cipher_at, cipher_len, "as on the wire");
		/* content | [MAC] | padding | padding_length, decrypted */
		size_t plain_len = cipher_len;
		uint8_t *plain = xmalloc(plain_len);
		memcpy(plain, r->plain.data, r->plain.len);
		size_t at = r->plain.len;
		uint8_t mac[48];
		struct buf input = BUF_INIT;
		buf_append(&input, p.additional_data, 13);
		if (r->opened_with.encrypt_then_mac)
			buf_append(&input, bytes + RECORD_HEADER_LEN, CBC_BLOCK + cipher_len);
		else
			buf_append(&input, r->plain.data, r->plain.len);
		if (crypto_hmac(s->mac, r->opened_with.mac_key, mac_len, input.data, input.len, mac)) {
			buf_release(&input);
			free(plain);
			return;
		}
		if (!r->opened_with.encrypt_then_mac) {
			memcpy(plain + at, mac, mac_len);
			at += mac_len;
		}
		size_t pad = plain_len - at;
		memset(plain + at, (int)(pad - 1), pad);
		struct math_value *v = add_value(out, index, "plaintext", plain, plain_len);
		set_operation(v, "AES-CBC decryption with %s and the IV: content (%zu bytes)%s, "
				 "then %zu bytes of padding, each %zu (RFC 5246, 6.2.3.2)",
			      key_name, r->plain.len, r->opened_with.encrypt_then_mac ? "" : ", MAC",
			      pad, pad - 1);
		set_inputs(v, 3, key_name, "IV", "ciphertext");
		bytes_in(&c, bytes + cipher_at, cipher_len);
		buf_printf(&c, " | openssl enc -d -%s-cbc -nopad -K ", s->key_len == 32 ? "aes-256"
											: "aes-128");
		hex(&c, p.key, p.key_len);
		buf_puts(&c, " -iv ");
		hex(&c, p.iv, p.iv_len);
		buf_puts(&c, " | basenc --base16 -w0");
		v->command = take(&c);
		free(plain);

		const char *mac_key = named_like(t, known, out->conn, "MAC_key",
						 r->opened_with.mac_key, mac_len);
		v = add_value(out, index, "MAC input", input.data, input.len);
		set_operation(v, "seq_num (%s) + type + version + length%s", seq,
			      r->opened_with.encrypt_then_mac ? " + IV + ciphertext (RFC 7366, 3)"
							      : " + content (RFC 5246, 6.2.3.1)");
		if (r->opened_with.encrypt_then_mac)
			set_inputs(v, 3, "sequence_number", "IV", "ciphertext");
		else
			set_inputs(v, 2, "sequence_number", "plaintext");
		buf_printf(&c, "printf '%%016x%%s%%s\\n' %llu ", (unsigned long long)p.sequence_number);
		hex(&c, p.additional_data + 8, 5);
		buf_puts(&c, " ");
		hex(&c, input.data + 13, input.len - 13);
		v->command = take(&c);
		v = add_value(out, index, "MAC", mac, mac_len);
		bool equal = !r->opened_with.encrypt_then_mac || !memcmp(mac, p.tag, mac_len);
		set_operation(v, "HMAC(%s, MAC input)%s", mac_key,
			      r->opened_with.encrypt_then_mac
				      ? (equal ? "; the record's MAC is equal" : "; DIFFERENT")
				      : "; the decrypted MAC is equal");
		set_inputs(v, 2, mac_key, "MAC input");
		v->command = command_hmac(s->mac, r->opened_with.mac_key, mac_len, input.data,
					  input.len);
		buf_release(&input);
		return;
	}
	snprintf(iv_name, sizeof(iv_name), "%s",
		 named_like(t, known, out->conn, s->tls13 ? "write_iv" : "write_IV", p.iv,
			    p.iv_len));
	struct math_value *v;
	if (p.iv_len == 4) {
		given_value(out, index, "explicit nonce", bytes + RECORD_HEADER_LEN, EXPLICIT_NONCE_LEN,
			    "the record's first 8 bytes, as sent");
		v = add_value(out, index, "nonce", p.nonce, 12);
		set_operation(v, "%s (salt) + explicit nonce (RFC 5288, 3)", iv_name);
		set_inputs(v, 2, iv_name, "explicit nonce");
		buf_puts(&c, "echo ");
		hex(&c, p.nonce, 4);
		hex(&c, p.nonce + 4, 8);
	} else {
		v = add_value(out, index, "nonce", p.nonce, 12);
		set_operation(v, "%s XOR %s, left-padded to 12 bytes (RFC 8446, 5.3)", iv_name, seq);
		set_inputs(v, 2, iv_name, "sequence_number");
		buf_printf(&c, "python3 -c \"print('%%024x' %% (0x");
		hex(&c, p.iv, 12);
		buf_printf(&c, " ^ %llu))\"", (unsigned long long)p.sequence_number);
	}
	v->command = take(&c);
	v = add_value(out, index, "additional_data", p.additional_data, p.additional_data_len);
	if (s->tls13) {
		set_operation(v, "the record header: opaque_type + legacy_record_version + length "
				 "(RFC 8446, 5.2)");
		buf_printf(&c, "printf '%%02x%%04x%%04x\\n' %u 0x%04x %zu", bytes[0], r->version,
			   r->len - RECORD_HEADER_LEN);
	} else {
		set_operation(v, "seq_num (%s) + type + version + length of the plaintext "
				 "(RFC 5246, 6.2.3.3)", seq);
		buf_printf(&c, "printf '%%016x%%02x%%04x%%04x\\n' %llu %u 0x%04x %u",
			   (unsigned long long)p.sequence_number, bytes[0], r->version,
			   (unsigned)(p.additional_data[11] << 8 | p.additional_data[12]));
	}
	if (!s->tls13)
		set_inputs(v, 1, "sequence_number");
	v->command = take(&c);
	size_t cipher_at = r->layout.content_at, cipher_len = r->layout.tag_at - cipher_at;
	given_value(out, index, "ciphertext", bytes + cipher_at, cipher_len, "as on the wire");
	/* TLSInnerPlaintext (RFC 8446, 5.2): content, the real type, zeros; TLS 1.2: the content. */
	struct buf plain = BUF_INIT;
	buf_append(&plain, r->plain.data, r->plain.len);
	if (s->tls13) {
		buf_append(&plain, &r->layout.inner_type, 1);
		for (size_t i = 0; i < r->layout.padding_len; i++)
			buf_append(&plain, "", 1);
	}
	v = add_value(out, index, s->tls13 ? "TLSInnerPlaintext" : "plaintext", plain.data,
		      plain.len);
	if (s->tls13)
		set_operation(v, "decryption of ciphertext with %s and the nonce: content (%zu "
				 "bytes), inner content type %u, %zu zero bytes of padding",
			      key_name, r->plain.len, r->layout.inner_type, r->layout.padding_len);
	else
		set_operation(v, "decryption of ciphertext with %s and the nonce (%zu bytes)",
			      key_name, r->plain.len);
	set_inputs(v, 3, key_name, "nonce", "ciphertext");
	bytes_in(&c, bytes + cipher_at, cipher_len);
	buf_printf(&c, " | openssl enc -d -%s -K ", openssl_ctr(s));
	hex(&c, p.key, p.key_len);
	buf_puts(&c, " -iv ");
	counter_iv(s, p.nonce, &c);
	buf_puts(&c, " | basenc --base16 -w0");
	v->command = take(&c);
	v = add_value(out, index, "tag", p.tag, p.tag_len);
	set_inputs(v, 4, key_name, "nonce", "additional_data", "ciphertext");
	if (s->cipher == CIPHER_AES_GCM) {
		set_operation(v, "GHASH(H = AES(%s, 0), additional_data, ciphertext) XOR AES(%s, "
				 "nonce + 00000001) (NIST SP 800-38D, 7.1): the record's last 16 "
				 "bytes, equal", key_name, key_name);
		gcm_tag_command(&c, &p, bytes + cipher_at, cipher_len);
		v->command = take(&c);
	} else if (s->cipher == CIPHER_CHACHA20_POLY1305) {
		set_operation(v, "Poly1305 with the one-time key ChaCha20(%s, nonce, counter 0), "
				 "over additional_data, ciphertext and their lengths (RFC 8439, 2.8): "
				 "the record's last 16 bytes, equal", key_name);
		poly1305_tag_command(&c, &p, bytes + cipher_at, cipher_len);
		v->command = take(&c);
	} else if (s->cipher == CIPHER_AES_CCM) {
		set_operation(v, "the first %zu bytes of CBC-MAC(%s, B_0 + additional_data + "
				 "plaintext) XOR AES(%s, A_0) (RFC 3610, 2.2 and 2.3): the record's "
				 "last %zu bytes, equal", p.tag_len, key_name, key_name, p.tag_len);
		set_inputs(v, 4, key_name, "nonce", "additional_data",
			   s->tls13 ? "TLSInnerPlaintext" : "plaintext");
		ccm_tag_command(&c, &p, plain.data, plain.len);
		v->command = take(&c);
	} else {
		set_operation(v, "the record's last %zu bytes; they authenticate additional_data "
				 "and ciphertext under %s and the nonce", p.tag_len, key_name);
		snprintf(v->why, sizeof(v->why), "%s",
			 "checked by tlsviz (wolfCrypt): openssl enc has no AEAD mode and tlsviz "
			 "has no command for this cipher's tag");
	}
	buf_release(&plain);
}

/* ---- the walk ----------------------------------------------------------------------------- */

/* RFC 8446, 4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by message_hash. */
static void hello_retry(struct walk *w)
{
	uint8_t synthetic[HANDSHAKE_HEADER_LEN + HASH_MAX] = { HS_MESSAGE_HASH, 0, 0,
							       (uint8_t)w->hash_len };
	const struct math_value *hash = transcript_value(w, w->before, "ClientHello1",
							 "Hash(ClientHello1)");
	if (!hash)
		return;
	memcpy(synthetic + HANDSHAKE_HEADER_LEN, hash->bytes, w->hash_len);
	struct math_value *v = add_value(&w->out, MATH_NONE, "message_hash", synthetic,
					 HANDSHAKE_HEADER_LEN + w->hash_len);
	set_operation(v, "handshake type message_hash (254), length %zu, %s: it stands for "
			 "ClientHello1 in the transcript (RFC 8446, 4.4.1)",
		      w->hash_len, hash->name);
	set_inputs(v, 1, hash->name);
	struct buf c = BUF_INIT;
	buf_printf(&c, "echo fe0000%02zx", w->hash_len);
	hex(&c, hash->bytes, hash->len);
	v->command = take(&c);
	/* The HelloRetryRequest itself follows it. */
	struct buf transcript = BUF_INIT;
	buf_append(&transcript, v->bytes, v->len);
	buf_append(&transcript, w->transcript.data + w->before, w->transcript.len - w->before);
	buf_release(&w->transcript);
	crypto_prefix_hash_reset(&w->prefix);
	w->transcript = transcript;
	w->before = v->len;
	snprintf(w->first, sizeof(w->first), "message_hash");
}

static bool is_hello_retry(const struct message *m)
{
	return m->type == HS_SERVER_HELLO && m->bytes.len >= HANDSHAKE_HEADER_LEN + 34 &&
	       !memcmp(m->bytes.data + HANDSHAKE_HEADER_LEN + 2, hello_retry_random, 32);
}

static void walk_message(struct walk *w, size_t index, size_t *next_secret)
{
	struct trace *t = w->t;
	const struct message *m = &t->messages[index];
	w->message = w->out.message = index;
	bool hello = m->kind == MESSAGE_HANDSHAKE && (m->type == HS_CLIENT_HELLO ||
						      m->type == HS_SERVER_HELLO) &&
		     m->bytes.len >= HANDSHAKE_HEADER_LEN + 2 + 32;
	/* TLS 1.2: a ClientHello after a handshake renegotiates: a transcript, keys of its own. */
	if (hello && m->type == HS_CLIENT_HELLO && !w->tls13 && w->transcript.len) {
		w->transcript.len = 0;
		crypto_prefix_hash_reset(&w->prefix);
		w->key_block = false;
	}
	if (hello && m->type == HS_CLIENT_HELLO)
		w->premaster = false;
	if (hello)
		memcpy(m->type == HS_CLIENT_HELLO ? w->client_random : w->server_random,
		       m->bytes.data + HANDSHAKE_HEADER_LEN + 2, 32);
	w->before = w->transcript.len;
	bool hashed = m->kind == MESSAGE_HANDSHAKE &&
		      !(w->tls13 && (m->type == HS_NEW_SESSION_TICKET || m->type == HS_KEY_UPDATE));
	if (m->kind == MESSAGE_HANDSHAKE && m->type == HS_CERTIFICATE_VERIFY)
		(w->tls13 ? certificate_verify_values : tls12_certificate_verify_values)(w, m);
	if (m->kind == MESSAGE_HANDSHAKE && m->type == HS_SERVER_KEY_EXCHANGE && !w->tls13)
		server_key_exchange_values(w, m);
	if (m->kind == MESSAGE_HANDSHAKE && m->type == HS_FINISHED) {
		if (w->tls13)
			tls13_finished_values(w, m);
		else
			tls12_finished_values(w, m);
	}
	if (hashed)
		buf_append(&w->transcript, m->bytes.data, m->bytes.len);
	if (w->tls13 && is_hello_retry(m))
		hello_retry(w);
	while (*next_secret < t->secret_count && t->secrets[*next_secret].message <= index) {
		const struct derived_secret *d = &t->secrets[(*next_secret)++];
		/* A capture file's secret from its key log: where the math starts, not derived. */
		if (t->capture.from_file && d->against_wolfssl == CHECK_INPUT) {
			struct math_value *v = given_value(&w->out, MATH_NONE, d->name, d->bytes, d->len,
							   "read from the key log: the capture holds "
							   "nothing it is derived from");
			set_operation(v, "the key log's line for this connection's client random");
			continue;
		}
		if (w->tls13)
			tls13_secret(w, d);
		else
			tls12_secret(w, d);
	}
	/* After the secrets: an abbreviated handshake takes its master secret here. */
	if (!w->tls13 && m->kind == MESSAGE_CHANGE_CIPHER_SPEC)
		tls12_key_block(w);
	/*
	 * Its records, when it is the first message each of them completes:
	 * their values are computed when asked for (math_record_values), after
	 * the schedule's values so far.
	 */
	for (size_t r = m->first_record; r <= m->last_record; r++) {
		bool earlier = index > 0 && t->messages[index - 1].conn == m->conn &&
			       t->messages[index - 1].last_record >= r;
		if (!earlier && t->records[r].decrypted)
			t->math_marks[r] = (struct math_mark){ index, t->math.count };
	}
}

const char *math_unwritten(const struct trace *t, unsigned conn)
{
	const struct negotiated *n = &t->conns[conn].negotiated;
	/*
	 * The math is TLS 1.2's and 1.3's. A capture file's TLS 1.0 and 1.1
	 * (their PRF of MD5 and SHA-1, TLS 1.0's implicit IVs) are decrypted,
	 * but their math is not written down; nor is QUIC's, whose packets are
	 * protected with keys of their own labels (RFC 9001, 5).
	 */
	if (t->capture.quic)
		return "QUIC's packet protection is not written down here: the keys it derived "
		       "(quic key, quic iv, quic hp) are among the export's secrets";
	if (!crypto_suite(n->cipher_suite))
		return "no math: tlsviz holds no keys for this connection's cipher suite";
	if (n->version != 0x0303 && n->version != 0x0304)
		return "the math view covers TLS 1.2 and 1.3: this connection's is not written down";
	return NULL;
}

void math_build(struct trace *t)
{
	size_t next_secret = 0;
	t->math_marks = xmalloc((t->record_count ? t->record_count : 1) * sizeof(*t->math_marks));
	for (size_t r = 0; r < t->record_count; r++)
		t->math_marks[r] = (struct math_mark){ MATH_NONE, 0 };
	for (unsigned conn = 0; conn < t->conn_count; conn++) {
		const struct negotiated *n = &t->conns[conn].negotiated;
		const struct suite_params *suite = crypto_suite(n->cipher_suite);
		if (math_unwritten(t, conn))
			continue;
		struct walk w = { .t = t, .out = { &t->math, conn, MATH_NONE }, .conn = conn, .tls13 = n->version == 0x0304,
				  .hash = suite->hash, .hash_len = crypto_hash_len(suite->hash),
				  .suite = suite };
		snprintf(w.first, sizeof(w.first), "ClientHello");
		for (size_t i = 0; i < t->message_count; i++)
			if (t->messages[i].conn == conn)
				walk_message(&w, i, &next_secret);
		buf_release(&w.transcript);
		crypto_prefix_hash_reset(&w.prefix);
		while (next_secret < t->secret_count && t->secrets[next_secret].conn == conn)
			next_secret++;
	}
}

void math_list_release(struct math_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->values[i]->bytes);
		free(l->values[i]->command);
		free(l->values[i]);
	}
	free(l->values);
	memset(l, 0, sizeof(*l));
}

void math_release(struct trace *t)
{
	math_list_release(&t->math);
	free(t->math_marks);
	t->math_marks = NULL;
}

void math_record_values(const struct trace *t, size_t index, struct math_list *out)
{
	const struct math_mark *mark = &t->math_marks[index];
	if (mark->message == MATH_NONE)
		return;
	const struct sink sink = { out, t->records[index].conn, mark->message };
	record_values(t, &sink, index, mark->known);
}

/* A record whose values a view holds: where the walk met it. */
struct walked {
	size_t known;
	unsigned conn;
	size_t record;
};

/* The walk's order: after the schedule's first `known` values, a connection's after another's. */
static int walk_order(const void *a, const void *b)
{
	const struct walked *x = a, *y = b;
	if (x->known != y->known)
		return x->known < y->known ? -1 : 1;
	if (x->conn != y->conn)
		return x->conn < y->conn ? -1 : 1;
	return (x->record > y->record) - (x->record < y->record);
}

static void view_add(struct math_view *out, const struct math_value *v)
{
	ARRAY_GROW(out->values, out->count, out->cap);
	out->values[out->count++] = v;
}

void math_view_of(const struct trace *t, size_t message, struct math_view *out)
{
	memset(out, 0, sizeof(*out));
	const struct message *m = message == MATH_NONE ? NULL : &t->messages[message];
	size_t first = m ? m->first_record : 0, end = m ? m->last_record + 1 : t->record_count;
	struct walked *records = xmalloc((end > first ? end - first : 1) * sizeof(*records));
	size_t count = 0;
	for (size_t r = first; r < end; r++)
		if (t->math_marks[r].message != MATH_NONE && (!m || t->records[r].conn == m->conn))
			records[count++] = (struct walked){ t->math_marks[r].known,
							    t->records[r].conn, r };
	qsort(records, count, sizeof(*records), walk_order);
	/* The schedule's values and the records', in the order the walk met them. */
	size_t next = 0;
	for (size_t i = 0; i <= t->math.count; i++) {
		for (; next < count && (i == t->math.count || records[next].known <= i); next++) {
			size_t from = out->computed.count;
			math_record_values(t, records[next].record, &out->computed);
			for (size_t k = from; k < out->computed.count; k++)
				view_add(out, out->computed.values[k]);
		}
		if (i < t->math.count && (!m || t->math.values[i]->message == message))
			view_add(out, t->math.values[i]);
	}
	free(records);
}

void math_view_release(struct math_view *v)
{
	math_list_release(&v->computed);
	free(v->values);
	memset(v, 0, sizeof(*v));
}
