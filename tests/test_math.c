/*
 * The math of a trace, checked by other implementations: every command of
 * every value is run as a student would paste it (bash, with the system's
 * openssl and python3, not the test's own PATH) and must print that value.
 * Then each scenario must show what the key schedule and the record layer
 * compute, by name.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "export/export.h"
#include "suites.h"

#define SEPARATOR "@@tlsviz-math-value@@"

/* Hex digits of `s`, lower case, without the colons, spaces and newlines around them. */
static void normalise(const char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++)
		if (isxdigit((unsigned char)s[i]))
			buf_printf(out, "%c", tolower((unsigned char)s[i]));
		else if (s[i] != ':' && !isspace((unsigned char)s[i]))
			buf_printf(out, "?");
}

/*
 * Runs every command of `t` in one bash (each in a subshell, its output
 * followed by a separator) and compares each output with its value. Returns
 * how many differ (the first in `why`); `*ran` says how many ran.
 */
static size_t run_commands(const struct trace *t, size_t *ran, char *why, size_t why_len)
{
	char path[] = "/tmp/tlsviz-math-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *script = fdopen(fd, "w");
	ck_assert_ptr_nonnull(script);
	size_t count = 0;
	struct math_view all;
	math_view_of(t, MATH_NONE, &all);
	for (size_t i = 0; i < all.count; i++) {
		if (!all.values[i]->command)
			continue;
		/* On lines of their own: a command may end with a here-document. */
		fprintf(script, "(\n%s\n) 2>&1\necho '%s'\n", all.values[i]->command, SEPARATOR);
		count++;
	}
	ck_assert_int_eq(fclose(script), 0);
	char command[128];
	snprintf(command, sizeof(command), "env -i PATH=/usr/bin:/bin bash %s", path);
	struct buf out = BUF_INIT;
	int status = shell_output(command, &out);
	unlink(path);
	ck_assert_int_eq(status, 0);
	const char *at = (const char *)out.data;
	size_t wrong = 0;
	why[0] = 0;
	for (size_t i = 0; i < all.count; i++) {
		const struct math_value *v = all.values[i];
		if (!v->command)
			continue;
		const char *end = strstr(at, SEPARATOR);
		ck_assert_msg(end != NULL, "%s: %s printed nothing", t->scenario, v->name);
		struct buf got = BUF_INIT, want = BUF_INIT;
		if (v->prints) {
			/* A check: it prints its verdict, then a newline. */
			buf_append(&got, at, (size_t)(end - at));
			buf_printf(&want, "%s\n", v->prints);
		} else {
			normalise(at, (size_t)(end - at), &got);
			for (size_t j = 0; j < v->len; j++)
				buf_printf(&want, "%02x", v->bytes[j]);
		}
		buf_append(&got, "", 1);
		buf_append(&want, "", 1);
		if (strcmp((char *)got.data, (char *)want.data) != 0 && !wrong++)
			snprintf(why, why_len, "%s: the command of %s printed %.*s, not its value %s",
				 t->scenario, v->name, (int)(end - at), at, (char *)want.data);
		buf_release(&got);
		buf_release(&want);
		at = end + strlen(SEPARATOR) + 1;
	}
	buf_release(&out);
	math_view_release(&all);
	*ran = count;
	return wrong;
}

static const struct math_value *named(const struct math_view *all, unsigned conn,
				      const char *name)
{
	for (size_t i = 0; i < all->count; i++)
		if (all->values[i]->conn == conn && !strcmp(all->values[i]->name, name))
			return all->values[i];
	return NULL;
}

/* Names each scenario must show with a command, in connection `conn`. */
struct expected {
	const char *scenario;
	unsigned conn;
	const char *names[32];
};

static const struct expected expected[] = {
	{ "tls13", 0,
	  { "early_secret", "Hash(\"\")", "early_secret derived", "handshake_secret",
	    "Transcript-Hash(ClientHello...ServerHello)", "client_handshake_traffic_secret",
	    "server_handshake_traffic_secret", "client_handshake_write_key",
	    "client_handshake_write_iv", "server_finished_key",
	    "Transcript-Hash(ClientHello...server CertificateVerify)", "server verify_data",
	    "handshake_secret derived", "master_secret", "client_application_traffic_secret_0",
	    "exporter_master_secret", "client verify_data", "resumption_master_secret",
	    "ticket_psk", "nonce", "additional_data", "TLSInnerPlaintext", "tag",
	    "server CertificateVerify content", "server CertificateVerify signature" } },
	{ "tls13-chacha", 0, { "nonce", "tag", "TLSInnerPlaintext" } },
	{ "tls13-ccm", 0, { "nonce", "tag", "TLSInnerPlaintext" } },
	{ "tls13-ffdhe", 0,
	  { "ecdhe_shared_secret", "handshake_secret" } },
	{ "tls13-hrr", 0,
	  { "Hash(ClientHello1)", "message_hash", "Transcript-Hash(message_hash...ServerHello)",
	    "handshake_secret", "server verify_data", "client verify_data" } },
	{ "tls13-resume", 1,
	  { "early_secret", "binder_key", "binder finished_key",
	    "Transcript-Hash(Truncate(ClientHello))", "binder", "handshake_secret",
	    "client verify_data" } },
	{ "tls12-ecdhe", 0,
	  { "ServerKeyExchange signed_params", "ServerKeyExchange signature", "session_hash",
	    "master_secret", "key_block", "client_write_key", "server_write_IV",
	    "client verify_data", "server verify_data", "nonce", "additional_data", "tag",
	    "plaintext", "pre_master_secret" } },
	{ "tls12-rsa", 0,
	  { "pre_master_secret", "master_secret", "key_block", "client_write_key",
	    "client verify_data", "server verify_data", "nonce", "plaintext" } },
	{ "tls12-cbc", 0,
	  { "master_secret", "key_block", "client_write_MAC_key", "server_write_key",
	    "client verify_data", "plaintext", "MAC input", "MAC" } },
};

START_TEST(commands_print_their_values)
{
	const struct expected *e = &expected[_i];
	const struct scenario *s = scenario_find(e->scenario);
	ck_assert_ptr_nonnull(s);
	if (engine_unavailable_reason(s)) {
		fprintf(stderr, "skipped: %s: %s\n", s->name, engine_unavailable_reason(s));
		return;
	}
	struct trace t;
	scenario_trace(e->scenario, &t);
	ck_assert_str_eq(t.error, "");
	struct math_view all;
	math_view_of(&t, MATH_NONE, &all);
	for (size_t i = 0; i < sizeof(e->names) / sizeof(e->names[0]) && e->names[i]; i++) {
		const struct math_value *v = named(&all, e->conn, e->names[i]);
		ck_assert_msg(v != NULL, "%s shows no %s", e->scenario, e->names[i]);
		ck_assert_msg(v->command != NULL, "%s: %s has no command", e->scenario, v->name);
	}
	/* A value without a command says why; every Finished is equal to what was received. */
	for (size_t i = 0; i < all.count; i++) {
		const struct math_value *v = all.values[i];
		ck_assert_msg(v->command || v->why[0], "%s: %s has neither", e->scenario, v->name);
		ck_assert_msg(!strstr(v->operation, "DIFFERENT"), "%s: %s", v->name, v->operation);
	}
	/* Every opened record shows its nonce (AEAD) or MAC (CBC) and its plaintext. */
	for (size_t r = 0; r < t.record_count; r++) {
		if (!t.records[r].decrypted)
			continue;
		bool plain = false, check = false;
		for (size_t i = 0; i < all.count; i++) {
			const struct math_value *v = all.values[i];
			if (v->record != r || !v->command)
				continue;
			plain |= strstr(v->name, "laintext") != NULL;
			check |= !strcmp(v->name, "nonce") || !strcmp(v->name, "MAC");
		}
		ck_assert_msg(plain && check, "%s: record %zu lacks its math", e->scenario, r);
	}
	math_view_release(&all);
	size_t ran;
	char why[1024];
	ck_assert_msg(run_commands(&t, &ran, why, sizeof(why)) == 0, "%s", why);
	ck_assert_uint_gt(ran, 20);
	trace_release(&t);
}
END_TEST

/* A seeded run of `name`: the same seed makes the same keys. */
static void seeded_trace(const char *name, uint64_t seed, struct trace *t)
{
	const struct scenario *s = scenario_find(name);
	ck_assert_ptr_nonnull(s);
	struct engine_result r;
	struct engine_options o = { .capture = true, .seeded = true, .seed = seed };
	ck_assert_int_eq(engine_run(s, &o, &r), 0);
	trace_build(t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
	engine_result_release(&r);
}

/* Key exchanges of every kind: X25519, NIST curves, RFC 7919 groups; TLS 1.3 and 1.2. */
static const char *const key_exchanges[] = {
	"tls13", "tls13-hrr", "tls13-p256", "tls13-ffdhe", "tls12-ecdhe", "tls12-dhe", "tls12-ecdsa",
};

/*
 * Each side's ephemeral private key is shown, each public key is computed
 * from it by a command (run with the others: they must print the key sent),
 * the shared secret too, and a seeded run reproduces the keys.
 */
START_TEST(both_sides_keys_are_shown)
{
	const char *name = key_exchanges[_i];
	const struct scenario *s = scenario_find(name);
	ck_assert_ptr_nonnull(s);
	if (engine_unavailable_reason(s) || !engine_seed_supported()) {
		fprintf(stderr, "skipped: %s: no seeded run with this wolfSSL\n", name);
		return;
	}
	struct trace t, again;
	seeded_trace(name, 7, &t);
	ck_assert_str_eq(t.error, "");
	if (!t.capture.key_pairs_kept) {
		fprintf(stderr, "skipped: %s: a shared wolfSSL keeps its key generators to itself\n",
			name);
		trace_release(&t);
		return;
	}
	seeded_trace(name, 7, &again);
	struct math_view all, all_again;
	math_view_of(&t, MATH_NONE, &all);
	math_view_of(&again, MATH_NONE, &all_again);
	const char *secret = strncmp(name, "tls12", 5) ? "ecdhe_shared_secret" : "pre_master_secret";
	ck_assert_ptr_nonnull(named(&all, 0, secret));
	ck_assert_ptr_nonnull(named(&all, 0, secret)->command);
	for (int side = 0; side < 2; side++) {
		char private_name[48], public_name[48];
		snprintf(private_name, sizeof(private_name), "%s ephemeral private key",
			 side ? "server" : "client");
		snprintf(public_name, sizeof(public_name), "%s ephemeral public key",
			 side ? "server" : "client");
		const struct math_value *priv = named(&all, 0, private_name);
		const struct math_value *pub = named(&all, 0, public_name);
		const struct math_value *same = named(&all_again, 0, private_name);
		ck_assert_msg(priv && pub && same, "%s shows no %s", name, private_name);
		ck_assert_msg(pub->command != NULL, "%s: %s has no command", name, public_name);
		ck_assert_uint_eq(pub->input_count, 1);
		ck_assert_str_eq(pub->inputs[0], private_name);
		ck_assert_uint_eq(priv->len, same->len);
		ck_assert_msg(!memcmp(priv->bytes, same->bytes, priv->len),
			      "%s: seed 7 made two %ss", name, private_name);
	}
	size_t ran;
	char why[1024];
	ck_assert_msg(run_commands(&t, &ran, why, sizeof(why)) == 0, "%s", why);
	math_view_release(&all_again);
	math_view_release(&all);
	trace_release(&again);
	trace_release(&t);
}
END_TEST

/* The comparison above can fail: a value changed after its command was made is caught. */
START_TEST(a_wrong_value_is_caught)
{
	struct trace t;
	scenario_trace("tls13", &t);
	struct math_value *changed = NULL;
	for (size_t i = 0; i < t.math.count && !changed; i++)
		if (!strcmp(t.math.values[i]->name, "master_secret"))
			changed = t.math.values[i];
	ck_assert_ptr_nonnull(changed);
	changed->bytes[0] ^= 1;
	size_t ran;
	char why[1024];
	ck_assert_uint_eq(run_commands(&t, &ran, why, sizeof(why)), 1);
	ck_assert_ptr_nonnull(strstr(why, "the command of master_secret printed"));
	trace_release(&t);
}
END_TEST

/* The JSON carries the math: each event's crypto, a record's parts, the key schedule. */
START_TEST(json_has_the_math)
{
	struct trace t;
	scenario_trace("tls13", &t);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_int_eq(export_json(&t, &(struct export_options){ 0 }, out), 0);
	fclose(out);
	char first[128];
	snprintf(first, sizeof(first),
		 "\"key_schedule\": [\n    {\"connection\": 0, \"name\": \"client ephemeral %s\"",
		 t.capture.key_pairs_kept ? "private key" : "public key");
	ck_assert_ptr_nonnull(strstr(text, first));
	ck_assert_ptr_nonnull(strstr(text, "\"crypto\": {\"key\": \""));
	ck_assert_ptr_nonnull(strstr(text, "\"sequence_number\": 0, \"nonce\": \""));
	ck_assert_ptr_nonnull(strstr(text, "\"name\": \"client_handshake_traffic_secret\", "
					   "\"value\": \""));
	ck_assert_ptr_nonnull(strstr(text, "\"inputs\": [\"handshake_secret\", "
					   "\"Transcript-Hash(ClientHello...ServerHello)\"]"));
	ck_assert_ptr_nonnull(strstr(text, "\"command\": null, \"why\": "));
	free(text);
	trace_release(&t);
}
END_TEST

/* The Markdown export ends with the math of each step, its commands whole (they must paste). */
START_TEST(markdown_has_the_math)
{
	struct trace t;
	scenario_trace("tls13", &t);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_int_eq(export_markdown(&t, &(struct export_options){ 0 }, out), 0);
	fclose(out);
	const char *math = strstr(text, "\n## The math\n");
	ck_assert_ptr_nonnull(math);
	ck_assert_ptr_nonnull(strstr(math, "\n### 5. ServerHello\n\n```\n"));
	struct math_view all;
	math_view_of(&t, MATH_NONE, &all);
	const struct math_value *v = named(&all, 0, "handshake_secret");
	ck_assert_ptr_nonnull(v);
	struct buf line = BUF_INIT;
	buf_printf(&line, "\n  $ %s\n", v->command);
	ck_assert_ptr_nonnull(strstr(math, (const char *)line.data));
	buf_release(&line);
	math_view_release(&all);
	free(text);
	trace_release(&t);
}
END_TEST

Suite *math_suite(void)
{
	Suite *s = suite_create("math");
	TCase *tc = tcase_create("math");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, commands_print_their_values, 0,
			    (int)(sizeof(expected) / sizeof(expected[0])));
	tcase_add_loop_test(tc, both_sides_keys_are_shown, 0,
			    (int)(sizeof(key_exchanges) / sizeof(key_exchanges[0])));
	tcase_add_test(tc, a_wrong_value_is_caught);
	tcase_add_test(tc, json_has_the_math);
	tcase_add_test(tc, markdown_has_the_math);
	suite_add_tcase(s, tc);
	return s;
}
