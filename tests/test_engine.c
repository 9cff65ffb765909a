/* The engine: every scenario runs to the end, negotiates what it says, and never hangs. */
#include <inttypes.h>
#include <string.h>

#include "base/buf.h"
#include "crypto/crypto.h"
#include "decode/decode.h"
#include "engine/engine.h"
#include "suites.h"
#include "trace/trace.h"

/* Runs `name` and builds its trace; the scenario must be available in this build. */
static enum outcome run(const char *name, const struct engine_options *opts, struct trace *t,
			struct engine_result *result)
{
	const struct scenario *s = scenario_find(name);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(engine_run(s, opts, result), 0);
	trace_build(t, &result->capture, s->name, outcome_name(result->outcome), result->detail);
	return result->outcome;
}

struct expectation {
	const char *scenario;
	const char *wolfssl_version, *wolfssl_suite;
	uint16_t version, suite, group;
};

static const struct expectation expectations[] = {
	{ "tls13", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls13-chacha", "TLSv1.3", "TLS13-CHACHA20-POLY1305-SHA256", 0x0304, 0x1303, 0x001d },
	{ "tls13-ccm", "TLSv1.3", "TLS13-AES128-CCM-SHA256", 0x0304, 0x1304, 0x0017 },
	{ "tls13-hrr", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x0017 },
	{ "tls13-bulk", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls13-p256", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x0017 },
	{ "tls13-ffdhe", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x0100 },
	{ "tls13-mtls", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls13-keyupdate", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls13-resume", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls13-0rtt", "TLSv1.3", "TLS13-AES128-GCM-SHA256", 0x0304, 0x1301, 0x001d },
	{ "tls12-resume-id", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", 0x0303, 0xc02f, 0 },
	{ "tls12-resume-ticket", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", 0x0303, 0xc02f, 0 },
	{ "tls12-ecdsa", "TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256", 0x0303, 0xc02b, 0x0017 },
	{ "tls12-mtls", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", 0x0303, 0xc02f, 0x0017 },
	{ "tls12-cbc", "TLSv1.2", "ECDHE-RSA-AES128-SHA256", 0x0303, 0xc027, 0x0017 },
	{ "tls12-dhe", "TLSv1.2", "DHE-RSA-AES128-GCM-SHA256", 0x0303, 0x009e, 0x0100 },
	{ "tls12-ecdhe", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", 0x0303, 0xc02f, 0x0017 },
	{ "tls12-rsa", "TLSv1.2", "AES128-GCM-SHA256", 0x0303, 0x009c, 0 },
};

START_TEST(scenario_completes_and_negotiates)
{
	const struct expectation *e = &expectations[_i];
	const struct scenario *s = scenario_find(e->scenario);
	if (engine_unavailable_reason(s)) {
		/* Only static RSA and 0-RTT may be missing, and only from a system build. */
		ck_assert(s->needs & (NEED_STATIC_RSA | NEED_EARLY_DATA));
		ck_assert(!engine_seed_supported());
		return;
	}
	struct engine_result r;
	struct trace t;
	ck_assert_int_eq(run(e->scenario, &(struct engine_options){ .capture = true }, &t, &r),
			 OUTCOME_COMPLETE);
	ck_assert_str_eq(r.version, e->wolfssl_version);
	ck_assert_str_eq(r.cipher_suite, e->wolfssl_suite);
	/* The trace reads the same from the wire. */
	ck_assert_str_eq(t.error, "");
	/* A resumption scenario's second connection resumes; the last one is checked here. */
	ck_assert_uint_eq(t.conn_count, s->resume ? 2 : 1);
	const struct negotiated *n = trace_final(&t);
	ck_assert_uint_eq(n->version, e->version);
	ck_assert_uint_eq(n->cipher_suite, e->suite);
	ck_assert_uint_eq(n->group, e->group);
	ck_assert(n->resumed == (s->resume != RESUME_NONE));
	ck_assert(n->binder_verified == (s->resume && e->version == 0x0304));
	ck_assert(n->early_data == s->early_data);
	ck_assert(!t.conns[0].negotiated.resumed);
	/* The key schedule was recomputed, agrees with wolfSSL, and both Finished verify. */
	for (size_t c = 0; c < t.conn_count; c++)
		ck_assert(t.conns[c].finished_verified[0] && t.conns[c].finished_verified[1]);
	/*
	 * The timeline: TCP takes one round trip; then a full TLS 1.3 handshake one
	 * more (two after a HelloRetryRequest), TLS 1.2 two, an abbreviated 1.2
	 * handshake or a 1.3 resumption one, 0-RTT none.
	 */
	for (unsigned rtt = 20; rtt <= 200; rtt *= 10) {
		trace_set_rtt(&t, rtt);
		for (size_t c = 0; c < t.conn_count; c++) {
			const struct negotiated *cn = &t.conns[c].negotiated;
			unsigned tls = cn->early_data ? 0
				       : cn->version == 0x0304 ? 1 + cn->hello_retry
				       : cn->resumed	       ? 1
							       : 2;
			ck_assert(t.conns[c].client_data);
			ck_assert_msg(t.conns[c].client_data_us == (uint64_t)(1 + tls) * rtt * 1000,
				      "%s connection %zu: client data at %" PRIu64 " us, rtt %u ms",
				      e->scenario, c, t.conns[c].client_data_us, rtt);
		}
	}
	int matched = 0;
	for (size_t i = 0; i < t.secret_count; i++) {
		ck_assert_int_ne(t.secrets[i].against_wolfssl, CHECK_MISMATCH);
		/* Every connection's master secret, resumed or not, is checked against wolfSSL's. */
		if (!strcmp(t.secrets[i].name, "master_secret"))
			ck_assert_msg(t.secrets[i].against_wolfssl == CHECK_MATCH,
				      "%s: the master secret of connection %u was not checked",
				      e->scenario, t.secrets[i].conn);
		matched += t.secrets[i].against_wolfssl == CHECK_MATCH;
	}
	ck_assert_int_ge(matched, e->version == 0x0304 ? 5 : 1);
	/* Each connection's decrypted application data is the scenario's request and response. */
	struct buf answer = BUF_INIT;
	scenario_response(s, &answer);
	for (unsigned c = 0; c < t.conn_count; c++) {
		struct buf sent[2] = { BUF_INIT, BUF_INIT };
		for (size_t i = 0; i < t.message_count; i++) {
			const struct message *m = &t.messages[i];
			if (m->kind != MESSAGE_APPLICATION_DATA || m->conn != c)
				continue;
			/* 0-RTT: the resumed connection's request goes under the early keys. */
			bool early = s->early_data && c == 1 && m->dir == DIR_CLIENT_TO_SERVER;
			ck_assert_uint_eq(m->protection, early ? PROTECTION_EARLY : PROTECTION_APPLICATION);
			buf_append(&sent[m->dir], m->bytes.data, m->bytes.len);
		}
		ck_assert_uint_eq(sent[0].len, strlen(s->request));
		ck_assert(memcmp(sent[0].data, s->request, sent[0].len) == 0);
		ck_assert_uint_eq(sent[1].len, answer.len);
		ck_assert(memcmp(sent[1].data, answer.data, answer.len) == 0);
		buf_release(&sent[0]);
		buf_release(&sent[1]);
	}
	buf_release(&answer);
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

START_TEST(every_scenario_is_expected)
{
	/* Each scenario that completes has its negotiation checked above. */
	size_t n = sizeof(expectations) / sizeof(expectations[0]), complete = 0;
	for (size_t i = 0; i < scenario_count; i++)
		complete += !scenarios[i].expect_failure;
	ck_assert_uint_eq(n, complete);
	for (size_t i = 0; i < n; i++)
		ck_assert(!scenario_find(expectations[i].scenario)->expect_failure);
}
END_TEST

/* Every scenario ends as designed, and its trace holds together even when it fails. */
START_TEST(every_scenario_ends_as_designed)
{
	const struct scenario *s = &scenarios[_i];
	if (engine_unavailable_reason(s))
		return;
	struct engine_result r;
	struct trace t;
	enum outcome o = run(s->name, &(struct engine_options){ .capture = true }, &t, &r);
	int alert = trace_failure_alert(&t);
	ck_assert_msg(scenario_as_designed(s, o, alert), "%s: %s, alert %d: %s", s->name,
		      outcome_name(o), alert, r.detail);
	ck_assert_msg(t.error[0] == '\0', "%s: %s", s->name, t.error);
	/* A tampered scenario shows the altered message, with both versions of its bytes. */
	bool altered = false;
	for (size_t i = 0; i < t.message_count; i++)
		altered |= t.messages[i].altered;
	ck_assert_int_eq(altered, s->tamper != TAMPER_NONE);
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

struct expected_message {
	enum direction dir;
	enum message_kind kind;
	uint8_t type;
	enum protection protection;
};

#define C DIR_CLIENT_TO_SERVER
#define S DIR_SERVER_TO_CLIENT

static void check_messages(const char *name, const struct expected_message *want, size_t count)
{
	if (engine_unavailable_reason(scenario_find(name)))
		return;
	struct engine_result r;
	struct trace t;
	ck_assert_int_eq(run(name, &(struct engine_options){ .capture = true }, &t, &r),
			 OUTCOME_COMPLETE);
	ck_assert_uint_eq(t.message_count, count);
	for (size_t i = 0; i < count; i++) {
		const struct message *m = &t.messages[i];
		ck_assert_msg(m->dir == want[i].dir && m->kind == want[i].kind &&
				      m->type == want[i].type && m->protection == want[i].protection,
			      "%s: message %zu is kind %d type %u dir %d protection %d", name, i,
			      m->kind, m->type, m->dir, m->protection);
	}
	trace_release(&t);
	engine_result_release(&r);
}

START_TEST(tls12_rsa_is_the_classic_flow)
{
	static const struct expected_message want[] = {
		{ C, MESSAGE_HANDSHAKE, 1, PROTECTION_PLAINTEXT },  /* ClientHello */
		{ S, MESSAGE_HANDSHAKE, 2, PROTECTION_PLAINTEXT },  /* ServerHello */
		{ S, MESSAGE_HANDSHAKE, 11, PROTECTION_PLAINTEXT }, /* Certificate */
		{ S, MESSAGE_HANDSHAKE, 14, PROTECTION_PLAINTEXT }, /* ServerHelloDone */
		{ C, MESSAGE_HANDSHAKE, 16, PROTECTION_PLAINTEXT }, /* ClientKeyExchange */
		{ C, MESSAGE_CHANGE_CIPHER_SPEC, 0, PROTECTION_PLAINTEXT },
		{ C, MESSAGE_HANDSHAKE, 20, PROTECTION_APPLICATION }, /* Finished */
		{ S, MESSAGE_CHANGE_CIPHER_SPEC, 0, PROTECTION_PLAINTEXT },
		{ S, MESSAGE_HANDSHAKE, 20, PROTECTION_APPLICATION },
		{ C, MESSAGE_APPLICATION_DATA, 0, PROTECTION_APPLICATION },
		{ S, MESSAGE_APPLICATION_DATA, 0, PROTECTION_APPLICATION },
		{ C, MESSAGE_ALERT, 0, PROTECTION_APPLICATION }, /* close_notify */
		{ S, MESSAGE_ALERT, 0, PROTECTION_APPLICATION },
	};
	check_messages("tls12-rsa", want, sizeof(want) / sizeof(want[0]));
}
END_TEST

START_TEST(tls13_handshake_is_decrypted)
{
	static const struct expected_message want[] = {
		{ C, MESSAGE_HANDSHAKE, 1, PROTECTION_PLAINTEXT },
		{ S, MESSAGE_HANDSHAKE, 2, PROTECTION_PLAINTEXT },
		{ S, MESSAGE_HANDSHAKE, 8, PROTECTION_HANDSHAKE },  /* EncryptedExtensions */
		{ S, MESSAGE_HANDSHAKE, 11, PROTECTION_HANDSHAKE }, /* Certificate */
		{ S, MESSAGE_HANDSHAKE, 15, PROTECTION_HANDSHAKE }, /* CertificateVerify */
		{ S, MESSAGE_HANDSHAKE, 20, PROTECTION_HANDSHAKE }, /* Finished */
		{ C, MESSAGE_HANDSHAKE, 20, PROTECTION_HANDSHAKE },
		{ S, MESSAGE_HANDSHAKE, 4, PROTECTION_APPLICATION }, /* NewSessionTicket */
		{ C, MESSAGE_APPLICATION_DATA, 0, PROTECTION_APPLICATION },
		{ S, MESSAGE_APPLICATION_DATA, 0, PROTECTION_APPLICATION },
		{ C, MESSAGE_ALERT, 0, PROTECTION_APPLICATION },
		{ S, MESSAGE_ALERT, 0, PROTECTION_APPLICATION },
	};
	check_messages("tls13", want, sizeof(want) / sizeof(want[0]));
}
END_TEST

/*
 * Static RSA has no forward secrecy: whoever holds the server's key opens the
 * premaster from a recording. Check that the key really does.
 */
START_TEST(server_key_opens_the_recorded_premaster)
{
	const struct scenario *s = scenario_find("tls12-rsa");
	if (engine_unavailable_reason(s))
		return;
	struct engine_result r;
	struct trace t;
	ck_assert_int_eq(run("tls12-rsa", &(struct engine_options){ .capture = true }, &t, &r),
			 OUTCOME_COMPLETE);
	const struct message *cke = NULL;
	for (size_t i = 0; i < t.message_count; i++)
		if (t.messages[i].kind == MESSAGE_HANDSHAKE && t.messages[i].type == 16)
			cke = &t.messages[i];
	ck_assert_ptr_nonnull(cke);
	const uint8_t *encrypted = cke->bytes.data + 4 + 2; /* header, then a 2-byte length */
	size_t len = cke->bytes.len - 6;
	uint8_t premaster[512];
	int n = crypto_rsa_decrypt(t.capture.server_key, t.capture.server_key_len, encrypted, len,
				   premaster, sizeof(premaster));
	ck_assert_int_eq(n, 48);
	const struct derived_secret *kept = NULL;
	for (size_t i = 0; i < t.secret_count; i++)
		if (strcmp(t.secrets[i].name, "pre_master_secret") == 0)
			kept = &t.secrets[i];
	ck_assert_ptr_nonnull(kept);
	ck_assert_uint_eq(kept->len, 48);
	ck_assert(memcmp(kept->bytes, premaster, 48) == 0);
	ck_assert_uint_eq(premaster[0], 3); /* client_version: 3.3, TLS 1.2 */
	ck_assert_uint_eq(premaster[1], 3);
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

START_TEST(same_seed_same_bytes)
{
	const struct scenario *s = scenario_find("tls13");
	struct engine_options opts = { .capture = true, .seeded = true, .seed = 7 };
	struct engine_result a, b;
	if (!engine_seed_supported()) {
		ck_assert_int_eq(engine_run(s, &opts, &a), -1);
		engine_result_release(&a);
		return;
	}
	ck_assert_int_eq(engine_run(s, &opts, &a), 0);
	ck_assert_int_eq(engine_run(s, &opts, &b), 0);
	ck_assert_uint_eq(a.capture.chunk_count, b.capture.chunk_count);
	for (size_t i = 0; i < a.capture.chunk_count; i++) {
		ck_assert_uint_eq(a.capture.chunks[i].len, b.capture.chunks[i].len);
		ck_assert(memcmp(a.capture.chunks[i].bytes, b.capture.chunks[i].bytes,
				 a.capture.chunks[i].len) == 0);
	}
	ck_assert_uint_eq(a.capture.tcp_isn[0][0], b.capture.tcp_isn[0][0]);
	engine_result_release(&b);
	/* Another seed, other bytes (the ClientHello random differs). */
	opts.seed = 8;
	ck_assert_int_eq(engine_run(s, &opts, &b), 0);
	ck_assert(memcmp(a.capture.chunks[0].bytes, b.capture.chunks[0].bytes,
			 a.capture.chunks[0].len) != 0);
	engine_result_release(&a);
	engine_result_release(&b);
}
END_TEST

/* Swallows everything the server writes: the client then waits for a ServerHello for ever. */
static bool drop_server(void *ctx, enum direction dir, uint8_t *bytes, size_t len)
{
	(void)ctx;
	(void)bytes;
	(void)len;
	return dir == DIR_CLIENT_TO_SERVER;
}

START_TEST(silent_peer_is_a_stall_not_a_hang)
{
	struct engine_result r;
	struct trace t;
	struct engine_options opts = { .capture = true, .tamper = drop_server };
	ck_assert_int_eq(run("tls13", &opts, &t, &r), OUTCOME_STALLED);
	ck_assert_ptr_nonnull(strstr(r.detail, "client stalled waiting in the handshake"));
	ck_assert_ptr_nonnull(strstr(r.detail, "server stalled"));
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

/* Flips one byte of the server's first encrypted record (its EncryptedExtensions). */
static bool flip_encrypted(void *ctx, enum direction dir, uint8_t *bytes, size_t len)
{
	int *flipped = ctx;
	for (size_t i = 0; !*flipped && dir == DIR_SERVER_TO_CLIENT && i + 5 < len; i++) {
		if (bytes[i] == CONTENT_APPLICATION_DATA && bytes[i + 1] == 3 && bytes[i + 2] == 3) {
			bytes[i + 10] ^= 0x01;
			*flipped = 1;
		}
	}
	return true;
}

START_TEST(tampered_record_fails_with_an_alert)
{
	int flipped = 0;
	struct engine_result r;
	struct trace t;
	struct engine_options opts = { .capture = true, .tamper = flip_encrypted,
				       .tamper_ctx = &flipped };
	ck_assert_int_eq(run("tls13", &opts, &t, &r), OUTCOME_FAILED);
	ck_assert_int_eq(flipped, 1);
	ck_assert_ptr_nonnull(strstr(r.detail, "client"));
	/* The client's last word is a bad_record_mac alert (RFC 8446, 5.2). */
	const struct message *last = &t.messages[t.message_count - 1];
	ck_assert_uint_eq(last->dir, DIR_CLIENT_TO_SERVER);
	ck_assert_uint_eq(last->kind, MESSAGE_ALERT);
	ck_assert_uint_eq(last->type, 20);
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

/* What each tampering shows: the altered message, its changed bytes and what they set off. */
static const struct {
	const char *scenario;
	const char *message;  /* the altered one */
	bool in_message;      /* plaintext: the change shows in the message's own tree */
	const char *explains; /* in the explanation of its altered_in_transit */
	uint16_t negotiated_suite;
} tamperings[] = {
	/* RFC 5246, 7.4.3 and 7.2.2: a signature that does not verify. */
	{ "tamper-signature", "ServerKeyExchange", true, "server's signature", 0xc02f },
	/* RFC 5246, 7.4.9: the Finished check; the server settled for AES-CBC. */
	{ "tamper-downgrade", "ClientHello", true, "the Finished check fails", 0xc027 },
	/* A protected record fails its own check, before its contents are read. */
	{ "tamper-record", "EncryptedExtensions", false, "bad_record_mac", 0x1301 },
	{ "tamper-record-tls12", "Finished", false, "bad_record_mac", 0xc02f },
};

static const struct field *find_altered(const struct field *f)
{
	return field_find(f, "altered_in_transit");
}

START_TEST(tampering_shows_what_it_sets_off)
{
	struct engine_result r;
	struct trace t;
	run(tamperings[_i].scenario, &(struct engine_options){ .capture = true }, &t, &r);
	ck_assert_uint_eq(t.conns[0].negotiated.cipher_suite, tamperings[_i].negotiated_suite);
	const struct message *m = NULL;
	for (size_t i = 0; i < t.message_count && !m; i++)
		if (t.messages[i].altered)
			m = &t.messages[i];
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(message_name(m), tamperings[_i].message);
	struct field *tree = decode_message(&t, m);
	struct field *record = decode_record(&t, &t.records[m->first_record]);
	const struct field *in_message = find_altered(tree), *in_record = find_altered(record);
	ck_assert_ptr_nonnull(in_record);
	ck_assert_int_eq(in_message != NULL, tamperings[_i].in_message);
	const struct field *shown = in_message ? in_message : in_record;
	ck_assert_msg(strstr(shown->explain, tamperings[_i].explains), "%s: %s",
		      tamperings[_i].scenario, shown->explain);
	/* A plaintext record carries no MAC: its explanation never blames one. */
	if (in_message) {
		ck_assert_ptr_null(strstr(shown->explain, "MAC"));
		ck_assert_str_eq(in_message->explain, in_record->explain);
	}
	field_free(tree);
	field_free(record);
	trace_release(&t);
	engine_result_release(&r);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("scenarios");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, scenario_completes_and_negotiates, 0,
			    sizeof(expectations) / sizeof(expectations[0]));
	tcase_add_test(tc, every_scenario_is_expected);
	tcase_add_loop_test(tc, every_scenario_ends_as_designed, 0, (int)scenario_count);
	tcase_add_test(tc, tls12_rsa_is_the_classic_flow);
	tcase_add_test(tc, tls13_handshake_is_decrypted);
	tcase_add_test(tc, server_key_opens_the_recorded_premaster);
	tcase_add_test(tc, same_seed_same_bytes);
	tcase_add_test(tc, silent_peer_is_a_stall_not_a_hang);
	tcase_add_test(tc, tampered_record_fails_with_an_alert);
	tcase_add_loop_test(tc, tampering_shows_what_it_sets_off, 0,
			    (int)(sizeof(tamperings) / sizeof(tamperings[0])));
	suite_add_tcase(s, tc);
	return s;
}
