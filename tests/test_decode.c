/*
 * Decoders: hand-made malformed messages that must stop with a specific
 * error, every truncation of every message of every scenario, and the tree
 * invariants (offsets inside the parent, inside the message).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "decode/decode.h"
#include "decode/internal.h"
#include "decode/names.h"
#include "engine/engine.h"
#include "suites.h"

/* Builds bytes from a list of ints (-1 ends it). */
static void bytes_of(struct buf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (int v = va_arg(ap, int); v >= 0; v = va_arg(ap, int)) {
		uint8_t byte = (uint8_t)v;
		buf_append(b, &byte, 1);
	}
	va_end(ap);
}

const char *first_error(const struct field *f)
{
	if (f->error)
		return f->value;
	for (size_t i = 0; i < f->count; i++) {
		const char *e = first_error(f->children[i]);
		if (*e)
			return e;
	}
	return "";
}

/* Every node lies inside its parent and inside the message (error nodes are points). */
static void check_ranges(const struct field *f, size_t from, size_t to)
{
	ck_assert_msg(f->offset >= from && f->offset + f->length <= to,
		      "%s [%zu+%zu] outside [%zu, %zu)", f->name, f->offset, f->length, from, to);
	for (size_t i = 0; i < f->count; i++)
		check_ranges(f->children[i], f->offset, f->error ? to : f->offset + f->length);
}

static const struct decode_context tls13 = { .version = 0x0304, .cipher_suite = 0x1301 };
static const struct decode_context tls12_ecdhe = { .version = 0x0303, .cipher_suite = 0xc02f };

struct error_case {
	const char *what;
	const struct decode_context *ctx;
	int bytes[64];
	const char *error; /* a part of the first error; "" for none */
	const char *root;  /* the root's name */
};

#define END -1

static const struct error_case error_cases[] = {
	{ "header longer than the message", &tls13, { 14, 0, 0, 9, END },
	  "truncated: the body needs 9 bytes, 0 left", "ServerHelloDone" },
	{ "header cut short", &tls13, { 1, 0, END }, "truncated: length needs 3 bytes, 1 left",
	  "ClientHello" },
	{ "ServerHelloDone with a body", &tls12_ecdhe, { 14, 0, 0, 1, 7, END },
	  "1 bytes left over at the end of ServerHelloDone", "ServerHelloDone" },
	{ "cipher_suites longer than the body", &tls13,
	  { 1, 0, 0, 0x27, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0x13, 1, END },
	  "truncated: cipher_suites (100 bytes) needs 100 bytes, 2 left", "ClientHello" },
	{ "extension data beyond the list", &tls13,
	  { 8, 0, 0, 6, 0, 4, 0, 0x2b, 0, 9, END },
	  "truncated: extension_data (9 bytes) needs 9 bytes, 0 left", "EncryptedExtensions" },
	{ "supported_versions with a stray byte", &tls13,
	  { 8, 0, 0, 9, 0, 7, 0, 0x2b, 0, 3, 3, 4, 9, END },
	  "1 bytes left over at the end of supported_versions", "EncryptedExtensions" },
	{ "explicit curve in ServerKeyExchange", &tls12_ecdhe, { 12, 0, 0, 1, 1, END },
	  "only named curves are allowed", "ServerKeyExchange" },
	{ "certificate that is not DER", &tls12_ecdhe, { 11, 0, 0, 9, 0, 0, 6, 0, 0, 3, 1, 2, 3, END },
	  "not a certificate wolfCrypt can read", "Certificate" },
	{ "alert-sized KeyUpdate", &tls13, { 24, 0, 0, 0, END },
	  "truncated: request_update needs 1 bytes, 0 left", "KeyUpdate" },
	{ "a well-formed KeyUpdate", &tls13, { 24, 0, 0, 1, 1, END }, "", "KeyUpdate" },
	{ "unknown handshake type", &tls13, { 99, 0, 0, 2, 0xab, 0xcd, END }, "", "Handshake" },
};

START_TEST(malformed_messages_stop_with_the_right_error)
{
	const struct error_case *c = &error_cases[_i];
	struct buf b = BUF_INIT;
	for (size_t i = 0; c->bytes[i] != END; i++) {
		uint8_t byte = (uint8_t)c->bytes[i];
		buf_append(&b, &byte, 1);
	}
	struct field *f = decode_handshake(c->ctx, b.data, b.len);
	const char *error = first_error(f);
	if (*c->error)
		ck_assert_msg(strstr(error, c->error), "%s: got error '%s'", c->what, error);
	else
		ck_assert_msg(*error == '\0', "%s: unexpected error '%s'", c->what, error);
	ck_assert_str_eq(f->name, c->root);
	check_ranges(f, 0, b.len);
	field_free(f);
	buf_release(&b);
}
END_TEST

START_TEST(hello_retry_request_is_recognised)
{
	static const uint8_t retry[32] = {
		0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
		0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
		0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
	};
	struct buf b = BUF_INIT;
	bytes_of(&b, 2, 0, 0, 52, 3, 3, END); /* ServerHello, 52 bytes, legacy_version */
	buf_append(&b, retry, sizeof(retry));
	bytes_of(&b, 0, 0x13, 0x01, 0, /* no session id, TLS_AES_128_GCM_SHA256, null */
		 0, 12,                   /* extensions */
		 0, 0x33, 0, 2, 0, 0x1d,  /* key_share: selected_group x25519 */
		 0, 0x2b, 0, 2, 3, 4,     /* supported_versions: TLS 1.3 */
		 END);
	struct field *f = decode_handshake(&tls13, b.data, b.len);
	ck_assert_str_eq(first_error(f), "");
	ck_assert_str_eq(f->name, "HelloRetryRequest");
	const struct field *group = field_find(f, "selected_group");
	ck_assert_ptr_nonnull(group);
	ck_assert_int_eq(group->code, 0x001d);
	check_ranges(f, 0, b.len);
	field_free(f);
	buf_release(&b);
}
END_TEST

START_TEST(grease_and_unknown_extensions_keep_their_bytes)
{
	struct buf b = BUF_INIT;
	/* EncryptedExtensions: GREASE 0x0a0a with one byte, then type 0x4444 with two. */
	bytes_of(&b, 8, 0, 0, 13, 0, 11, 0x0a, 0x0a, 0, 1, 0x5a, 0x44, 0x44, 0, 2, 1, 2, END);
	struct field *f = decode_handshake(&tls13, b.data, b.len);
	ck_assert_str_eq(first_error(f), "");
	const struct field *list = field_find(f, "extensions");
	ck_assert_uint_eq(list->count, 3); /* length, then the two extensions */
	ck_assert_str_eq(list->children[1]->name, "GREASE");
	ck_assert_int_eq(list->children[1]->code, 0x0a0a);
	ck_assert_str_eq(list->children[2]->name, "unknown");
	const struct field *bytes = field_find(list->children[2], "bytes");
	ck_assert_str_eq(bytes->value, "01 02");
	ck_assert_uint_eq(bytes->offset, 15);
	field_free(f);
	buf_release(&b);
}
END_TEST

/* Every node says what it is for, in words for a student. */
static void check_explained(const struct field *f, const char *where)
{
	ck_assert_msg(f->explain || f->error, "%s: field %s has no explanation", where, f->name);
	for (size_t i = 0; i < f->count; i++)
		check_explained(f->children[i], where);
}

/* Runs every available scenario and hands each message to `check`. */
static void for_each_message(void (*check)(const struct trace *, const struct message *))
{
	for (size_t i = 0; i < scenario_count; i++) {
		if (engine_unavailable_reason(&scenarios[i]))
			continue;
		struct engine_result r;
		struct engine_options opts = { .capture = true };
		ck_assert_int_eq(engine_run(&scenarios[i], &opts, &r), 0);
		struct trace t;
		trace_build(&t, &r.capture, scenarios[i].name, outcome_name(r.outcome), r.detail);
		for (size_t m = 0; m < t.message_count; m++)
			check(&t, &t.messages[m]);
		for (size_t k = 0; k < t.record_count; k++) {
			struct field *f = decode_record(&t, &t.records[k]);
			ck_assert_msg(!field_has_error(f), "%s record %zu: %s", t.scenario, k,
				      first_error(f));
			check_ranges(f, 0, t.records[k].len);
			check_explained(f, t.scenario);
			field_free(f);
		}
		for (size_t k = 0; k < t.tcp.count; k++) {
			struct field *f = decode_segment(&t, &t.tcp.segments[k]);
			ck_assert(!field_has_error(f));
			check_explained(f, t.scenario);
			field_free(f);
		}
		trace_release(&t);
		engine_result_release(&r);
	}
}

static void complete_and_in_range(const struct trace *t, const struct message *m)
{
	struct field *f = decode_message(t, m);
	ck_assert_msg(!field_has_error(f), "%s %s: %s", t->scenario, message_name(m),
		      first_error(f));
	ck_assert_uint_eq(f->length, m->bytes.len);
	check_ranges(f, 0, m->bytes.len);
	check_explained(f, t->scenario);
	ck_assert_ptr_nonnull(message_explanation(t, m));
	field_free(f);
}

START_TEST(every_message_decodes_completely)
{
	for_each_message(complete_and_in_range);
}
END_TEST

static void every_truncation(const struct trace *t, const struct message *m)
{
	if (m->kind != MESSAGE_HANDSHAKE)
		return;
	const struct negotiated *n = &t->conns[m->conn].negotiated;
	const struct decode_context ctx = { .version = n->version, .cipher_suite = n->cipher_suite };
	for (size_t len = 0; len < m->bytes.len; len++) {
		/* A copy of exactly `len` bytes, so that a read past it is a real overrun. */
		uint8_t *cut = xmalloc(len);
		memcpy(cut, m->bytes.data, len);
		struct field *f = decode_handshake(&ctx, cut, len);
		ck_assert_msg(field_has_error(f), "%s %s cut at %zu decoded without error",
			      t->scenario, message_name(m), len);
		check_ranges(f, 0, len);
		field_free(f);
		free(cut);
	}
}

START_TEST(every_truncation_of_every_message_is_an_error)
{
	for_each_message(every_truncation);
}
END_TEST

START_TEST(explanation_entries_have_distinct_contexts)
{
	for (size_t i = 0; i < explain_entry_count; i++) {
		const struct explain_entry *a = &explain_entries[i];
		ck_assert_msg(a->text && *a->text, "entry %zu (%s) has no text", i, a->path);
		for (size_t k = i + 1; k < explain_entry_count; k++)
			ck_assert_msg(!explain_same_context(a, &explain_entries[k]),
				      "entries %zu and %zu share a context: %s %s", i, k,
				      a->message ? a->message : "(any message)", a->path);
	}
}
END_TEST

/* One context the issue names and what its explanation must say (seed 1). */
struct context_case {
	const char *scenario;
	unsigned conn;
	const char *message; /* a message's name, or "record" for the first protected record */
	const char *sender;  /* "client" or "server": asserted, to name the context */
	uint16_t version;    /* asserted too */
	const char *path;    /* names from the root, '/'-separated */
	const char *says;
	const char *never; /* NULL, or what it must not say */
};

static const struct context_case context_cases[] = {
	/* 1: CBC record padding is not the ClientHello's padding extension */
	{ "tls12-cbc", 0, "record", "client", 0x0303, "encrypted_record/padding",
	  "1 to 256 bytes, each holding the padding length", "ClientHello" },
	/* 2: a TLS 1.2 ServerHello's session_id: new, echoed on resumption, or empty */
	{ "tls12-resume-id", 0, "ServerHello", "server", 0x0303, "session_id",
	  "A new ID for this new session", NULL },
	{ "tls12-resume-id", 1, "ServerHello", "server", 0x0303, "session_id",
	  "The ID the client offered, echoed", NULL },
	{ "tls12-resume-ticket", 1, "ServerHello", "server", 0x0303, "session_id",
	  "Empty: the server gives this session no ID", NULL },
	/* 3: what this run's TLS 1.3 client put in legacy_session_id */
	{ "tls13", 0, "ClientHello", "client", 0x0304, "legacy_session_id",
	  "Empty: the client does not use middlebox compatibility mode", NULL },
	{ "tls13-resume", 1, "ClientHello", "client", 0x0304, "legacy_session_id",
	  "Not empty: the client sends a session ID", NULL },
	/* 4: session_hash ends with ClientKeyExchange */
	{ "tls12-ecdhe", 0, "ClientHello", "client", 0x0303, "extensions/extended_master_secret",
	  "from ClientHello up to and including ClientKeyExchange", "whole handshake" },
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "extensions/extended_master_secret",
	  "up to and including ClientKeyExchange", NULL },
	/* 5: the server's empty server_name */
	{ "tls13", 0, "EncryptedExtensions", "server", 0x0304, "extensions/server_name",
	  "used the name the client asked for. In TLS 1.3 this answer travels encrypted", NULL },
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "extensions/server_name",
	  "In TLS 1.2 this answer travels in clear", NULL },
	{ "tls13", 0, "ClientHello", "client", 0x0304, "extensions/server_name",
	  "It travels in clear", NULL },
	/* 6: signature_algorithms in a CertificateRequest is the server's list */
	{ "tls13-mtls", 0, "CertificateRequest", "server", 0x0304,
	  "extensions/signature_algorithms", "in the client's CertificateVerify", NULL },
	/* 7: the ChangeCipherSpec body */
	{ "tls12-ecdhe", 0, "ChangeCipherSpec", "client", 0x0303, "type",
	  "The ChangeCipherSpec message itself", "content type:" },
	/* 8: the alert level, by version */
	{ "tls13", 0, "Alert", "client", 0x0304, "level",
	  "every error alert is fatal and ends the connection, while close_notify", NULL },
	{ "tls12-ecdhe", 0, "Alert", "client", 0x0303, "level", "a fatal alert ends", NULL },
	/* 10: a TLS 1.2 hello's fields are not legacy */
	{ "tls12-ecdhe", 0, "ClientHello", "client", 0x0303, "client_version",
	  "The highest TLS version the client supports", NULL },
	{ "tls12-ecdhe", 0, "ClientHello", "client", 0x0303, "compression_methods",
	  "compression methods the client supports", NULL },
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "server_version",
	  "The version the server chose", NULL },
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "compression_method",
	  "picked from the client's list", NULL },
	{ "tls13", 0, "ServerHello", "server", 0x0304, "legacy_version",
	  "the version the server really chose is in supported_versions", NULL },
	/* 14, 15, 17: PSK binder, modes, ticket */
	{ "tls13-resume", 1, "ClientHello", "client", 0x0304,
	  "extensions/pre_shared_key/extension_data/binders/PskBinderEntry",
	  "finished key derived from this PSK's binder_key, over the transcript hash", NULL },
	{ "tls13", 0, "ClientHello", "client", 0x0304, "extensions/psk_key_exchange_modes",
	  "the server picks one", NULL },
	{ "tls13-resume", 0, "NewSessionTicket", "server", 0x0304, "ticket",
	  "opaque label for the PSK", NULL },
	{ "tls13-resume", 1, "ClientHello", "client", 0x0304,
	  "extensions/pre_shared_key/extension_data/identities/PskIdentity/identity",
	  "a key into the server's database or the session state encrypted", NULL },
	/* 19: what a student expects to learn */
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "random",
	  "not the downgrade sentinel", NULL },
	{ "tls13", 0, "ServerHello", "server", 0x0304, "random", "its random carries none", NULL },
	{ "tls13", 0, "ClientHello", "client", 0x0304,
	  "extensions/signature_algorithms/extension_data/supported_signature_algorithms/"
	  "rsa_pkcs1_sha256",
	  "only for the signatures in certificates", NULL },
	{ "tls13", 0, "ClientHello", "client", 0x0304,
	  "extensions/signature_algorithms/extension_data/supported_signature_algorithms/"
	  "ecdsa_sha1",
	  "SHA-1", NULL },
	{ "tls13", 0, "ClientHello", "client", 0x0304,
	  "extensions/signature_algorithms/extension_data/supported_signature_algorithms/"
	  "rsa_pss_rsae_sha256",
	  "RSASSA-PSS with SHA-256, by an ordinary RSA key", "certificates only" },
	{ "tls13", 0, "CertificateVerify", "server", 0x0304, "algorithm",
	  "RSASSA-PSS with SHA-256", NULL },
	{ "tls12-dhe", 0, "ServerKeyExchange", "server", 0x0303, "ServerDHParams/dh_p",
	  "ffdhe2048", NULL },
	{ "tls12-ecdhe", 0, "ServerHello", "server", 0x0303, "cipher_suite",
	  "key exchange ECDHE", NULL },
	{ "tls13", 0, "ServerHello", "server", 0x0304, "cipher_suite",
	  "names only two things: the cipher", "key exchange ECDHE" },
	/* 16: the record's version field */
	{ "tls13", 0, "record", "server", 0x0304, "legacy_record_version", "MAY say 0x0301", NULL },
	{ "tls12-ecdhe", 0, "record", "client", 0x0303, "version", "checks it", NULL },
};

static const struct field *child_named(const struct field *f, const char *name, size_t len)
{
	for (size_t i = 0; i < f->count; i++)
		if (strlen(f->children[i]->name) == len && !strncmp(f->children[i]->name, name, len))
			return f->children[i];
	return NULL;
}

/* The node at '/'-separated `path` below `root`, or NULL. */
static const struct field *node_at(const struct field *root, const char *path)
{
	const struct field *f = root;
	while (f && *path) {
		size_t len = strcspn(path, "/");
		f = child_named(f, path, len);
		path += len + (path[len] == '/');
	}
	return f;
}

/* The run of a scenario with --seed 1, as the exports show it. */
static void run_seeded(const char *name, struct trace *t)
{
	const struct scenario *s = scenario_find(name);
	ck_assert_ptr_nonnull(s);
	struct engine_result r;
	struct engine_options opts = { .capture = true, .seeded = engine_seed_supported(), .seed = 1 };
	ck_assert_int_eq(engine_run(s, &opts, &r), 0);
	char detail[sizeof(r.detail) + 256]; /* as the command line builds it */
	scenario_outcome_detail(s, &r, detail, sizeof(detail));
	trace_build(t, &r.capture, name, outcome_name(r.outcome), detail);
	engine_result_release(&r);
}

START_TEST(explanations_follow_the_context)
{
	const struct context_case *c = &context_cases[_i];
	if (engine_unavailable_reason(scenario_find(c->scenario)))
		return;
	struct trace t;
	run_seeded(c->scenario, &t);
	struct field *tree = NULL;
	enum direction dir = DIR_CLIENT_TO_SERVER;
	for (size_t i = 0; i < t.record_count && !tree && !strcmp(c->message, "record"); i++) {
		const struct record *r = &t.records[i];
		bool sealed = r->protection != PROTECTION_PLAINTEXT;
		bool wanted = !strcmp(c->sender, "client") == (r->dir == DIR_CLIENT_TO_SERVER);
		/* The first protected record, or for the version field the first one at all. */
		if (r->conn == c->conn && wanted && (sealed || strchr(c->path, '/') == NULL)) {
			tree = decode_record(&t, r);
			dir = r->dir;
		}
	}
	for (size_t i = 0; i < t.message_count && !tree; i++) {
		const struct message *m = &t.messages[i];
		if (m->conn == c->conn && !strcmp(message_name(m), c->message)) {
			tree = decode_message(&t, m);
			dir = m->dir;
		}
	}
	ck_assert_msg(tree != NULL, "%s: no %s", c->scenario, c->message);
	ck_assert_str_eq(dir == DIR_CLIENT_TO_SERVER ? "client" : "server", c->sender);
	ck_assert_uint_eq(t.conns[c->conn].negotiated.version, c->version);
	const struct field *f = node_at(tree, c->path);
	ck_assert_msg(f != NULL, "%s %s: no %s", c->scenario, c->message, c->path);
	ck_assert_msg(f->explain && strstr(f->explain, c->says), "%s %s %s: \"%s\"", c->scenario,
		      c->message, c->path, f->explain ? f->explain : "(none)");
	ck_assert_msg(!c->never || !strstr(f->explain, c->never), "%s %s %s says \"%s\"",
		      c->scenario, c->message, c->path, c->never);
	field_free(tree);
	trace_release(&t);
}
END_TEST

/* A TLS 1.3 server that negotiates TLS 1.2 ends its random with "DOWNGRD" 01 (RFC 8446, 4.1.3). */
START_TEST(a_downgrade_sentinel_is_named)
{
	struct buf b = BUF_INIT;
	bytes_of(&b, 2, 0, 0, 38, 3, 3, END); /* ServerHello, 38 bytes, server_version TLS 1.2 */
	for (int i = 0; i < 24; i++)
		bytes_of(&b, 0x11, END);
	bytes_of(&b, 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01, END);
	bytes_of(&b, 0, 0xc0, 0x2f, 0, END); /* no session ID, ECDHE-RSA-AES128-GCM, null */
	const struct decode_context ctx = { .version = 0x0303, .cipher_suite = 0xc02f,
					    .sender = SENDER_SERVER };
	struct field *f = decode_handshake(&ctx, b.data, b.len);
	ck_assert_str_eq(first_error(f), "");
	const struct field *random = node_at(f, "random");
	ck_assert_ptr_nonnull(random);
	ck_assert_ptr_nonnull(strstr(random->explain, "are the downgrade sentinel"));
	ck_assert_ptr_nonnull(node_at(f, "server_version"));
	ck_assert_ptr_nonnull(strstr(node_at(f, "session_id")->explain, "Empty"));
	field_free(f);
	buf_release(&b);
}
END_TEST

/* Statement 18: a header says that no ServerHello was sent, and why. */
static const struct {
	const char *scenario, *says;
} refusal_cases[] = {
	{ "fail-no-shared-cipher", "no ServerHello was sent: the server answered the ClientHello "
				   "with alert handshake_failure, because it could not agree" },
	{ "fail-alpn", "no ServerHello was sent: the server answered the ClientHello with alert "
		       "no_application_protocol, because it speaks none of the application "
		       "protocols" },
	{ "fail-version", "alert protocol_version, because it supports none of the versions" },
};

START_TEST(a_missing_server_hello_is_explained)
{
	if (engine_unavailable_reason(scenario_find(refusal_cases[_i].scenario)))
		return;
	struct trace t;
	run_seeded(refusal_cases[_i].scenario, &t);
	ck_assert_uint_eq(t.conns[0].negotiated.version, 0);
	struct buf b = BUF_INIT;
	explain_no_server_hello(&t, 0, &b);
	ck_assert_msg(strstr((const char *)b.data, refusal_cases[_i].says), "%s: \"%s\"",
		      refusal_cases[_i].scenario, (const char *)b.data);
	buf_release(&b);
	trace_release(&t);
}
END_TEST

/* The engine's account of a failure reaches the trace whole, its last clause included. */
START_TEST(a_failure_detail_is_never_cut)
{
	if (engine_unavailable_reason(scenario_find("tamper-signature")))
		return;
	struct trace t;
	run_seeded("tamper-signature", &t);
	size_t len = strlen(t.detail);
	ck_assert_msg(len > 200, "%zu bytes: \"%s\"", len, t.detail);
	ck_assert_ptr_nonnull(strstr(t.detail, "server stalled waiting in the handshake)"));
	ck_assert_int_eq(t.detail[len - 1], ')');
	trace_release(&t);
}
END_TEST

void check_unique(const struct field *f, const struct field *parent, struct buf *path,
		  struct explain_site *site, const char *where)
{
	site->node = f;
	site->parent = parent;
	site->path = (const char *)path->data;
	size_t ties = 0;
	if (!f->error)
		explain_choose(site, &ties);
	ck_assert_msg(ties == 0, "%s: %s /%s: %zu entries tie", where, site->message, site->path,
		      ties);
	size_t keep = path->len;
	for (size_t i = 0; i < f->count; i++) {
		const char *name = f->children[i]->item ? "*" : f->children[i]->name;
		path->len = keep;
		if (keep)
			buf_append(path, "/", 1);
		buf_printf(path, "%s", name);
		check_unique(f->children[i], f, path, site, where);
	}
	path->len = keep;
	if (path->data)
		path->data[keep] = '\0';
}

static void one_winner(const struct trace *t, const struct message *m)
{
	struct field *f = decode_message(t, m);
	struct decode_context ctx;
	decode_context_of(t, m->conn, m->dir, m->protection, &ctx);
	struct explain_site site = { f->name, "", &ctx, NULL, NULL, m->bytes.data, m->bytes.len };
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s", "");
	check_unique(f, NULL, &path, &site, t->scenario);
	buf_release(&path);
	field_free(f);
}

START_TEST(every_field_has_one_best_explanation)
{
	for_each_message(one_winner);
}
END_TEST

START_TEST(registries_name_codes_and_grease)
{
	ck_assert_str_eq(registry_name(REG_CIPHER_SUITE, 0x1301), "TLS_AES_128_GCM_SHA256");
	ck_assert_str_eq(registry_name(REG_NAMED_GROUP, 0x001d), "x25519");
	ck_assert_str_eq(registry_name(REG_SIGNATURE_SCHEME, 0x0804), "rsa_pss_rsae_sha256");
	ck_assert_str_eq(registry_name(REG_EXTENSION_TYPE, 51), "key_share");
	ck_assert_str_eq(registry_name(REG_ALERT_DESCRIPTION, 48), "unknown_ca");
	ck_assert_str_eq(registry_name(REG_CIPHER_SUITE, 0x2a2a), "GREASE");
	ck_assert_ptr_null(registry_name(REG_CIPHER_SUITE, 0x2a2b));
	ck_assert_int_eq(cipher_suite_key_exchange(0x009c), KX_RSA);
	ck_assert_int_eq(cipher_suite_key_exchange(0xc02f), KX_ECDHE);
	ck_assert_int_eq(cipher_suite_key_exchange(0x1301), KX_TLS13);
}
END_TEST

Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *cases = tcase_create("cases");
	tcase_add_loop_test(cases, malformed_messages_stop_with_the_right_error, 0,
			    (int)(sizeof(error_cases) / sizeof(error_cases[0])));
	tcase_add_test(cases, hello_retry_request_is_recognised);
	tcase_add_test(cases, grease_and_unknown_extensions_keep_their_bytes);
	tcase_add_test(cases, registries_name_codes_and_grease);
	tcase_add_test(cases, explanation_entries_have_distinct_contexts);
	tcase_add_test(cases, a_downgrade_sentinel_is_named);
	suite_add_tcase(s, cases);
	TCase *samples = tcase_create("samples");
	tcase_set_timeout(samples, 120);
	tcase_add_test(samples, every_message_decodes_completely);
	tcase_add_test(samples, every_truncation_of_every_message_is_an_error);
	tcase_add_test(samples, every_field_has_one_best_explanation);
	tcase_add_test(samples, a_failure_detail_is_never_cut);
	tcase_add_loop_test(samples, a_missing_server_hello_is_explained, 0,
			    (int)(sizeof(refusal_cases) / sizeof(refusal_cases[0])));
	tcase_add_loop_test(samples, explanations_follow_the_context, 0,
			    (int)(sizeof(context_cases) / sizeof(context_cases[0])));
	suite_add_tcase(s, samples);
	return s;
}
