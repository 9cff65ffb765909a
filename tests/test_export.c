/*
 * Exporters: JSON that is valid whatever the bytes, with the structure the
 * issue promises; pcap frames with correct lengths and checksums; key logs.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "export/export.h"
#include "suites.h"

/* A strict JSON validator (RFC 8259): returns the end of the value at p, or NULL. */
static const char *json_value(const char *p);

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return p;
}

static const char *json_string_end(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
				continue;
			}
			if (!*p || !strchr("\"\\/bfnrt", *p))
				return NULL;
		} else if (c >= 0x80) {
			/* Well-formed UTF-8 only. */
			int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;
			if (n < 0 || c > 0xf4)
				return NULL;
			for (int i = 1; i <= n; i++)
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					return NULL;
			p += n;
		}
		p++;
	}
	return p + 1;
}

static const char *json_value(const char *p)
{
	p = skip_ws(p);
	if (*p == '"')
		return json_string_end(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		p = skip_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = json_string_end(skip_ws(p));
				if (!p || *(p = skip_ws(p)) != ':')
					return NULL;
				p++;
			}
			if (!(p = json_value(p)))
				return NULL;
			p = skip_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	const char *start = p;
	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > start ? p : NULL;
}

static bool json_valid(const char *text)
{
	const char *end = json_value(text);
	return end && *skip_ws(end) == '\0';
}

/* Writes `t` with the exporter `name` into a NUL-terminated buffer. */
static void export_to(const char *name, const struct trace *t, struct buf *out)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(exporter_find(name)->write(t, &(struct export_options){ 0 }, f), 0);
	fclose(f);
	buf_append(out, data, len);
	buf_append(out, "", 1);
	out->len--;
	free(data);
}

START_TEST(validator_rejects_broken_json)
{
	ck_assert(json_valid("{\"a\": [1, true, null, \"x\\n\"]}"));
	ck_assert(!json_valid("{\"a\": [1,]}"));
	ck_assert(!json_valid("\"\x01\""));
	ck_assert(!json_valid("\"\xff\""));
	ck_assert(!json_valid("{\"a\" 1}"));
}
END_TEST

START_TEST(json_is_valid_for_hostile_bytes)
{
	/* A client that "sends application data" in clear: quotes, controls, bad UTF-8. */
	static const uint8_t payload[] = "\"}\\\x01\x7f\xc3\x28\xff\xe2\x82\xac end";
	struct buf record = BUF_INIT;
	uint8_t header[5] = { 23, 3, 3, 0, sizeof(payload) };
	buf_append(&record, header, 5);
	buf_append(&record, payload, sizeof(payload));
	struct capture c;
	capture_init(&c);
	capture_chunk(&c, DIR_CLIENT_TO_SERVER, 0, record.data, record.len, 0);
	struct trace t;
	trace_build(&t, &c, "hostile \"scenario\"\n\xff", "failed", "detail \x02 \xe2\x82\xac");
	struct buf json = BUF_INIT;
	export_to("json", &t, &json);
	ck_assert_msg(json_valid((char *)json.data), "invalid JSON:\n%s", (char *)json.data);
	ck_assert_ptr_nonnull(strstr((char *)json.data, "\\ufffd"));
	ck_assert_ptr_nonnull(strstr((char *)json.data, "\xe2\x82\xac")); /* valid UTF-8 kept */
	buf_release(&json);
	buf_release(&record);
	trace_release(&t);
}
END_TEST

START_TEST(json_has_the_promised_structure)
{
	struct trace t;
	scenario_trace("tls13", &t);
	struct buf json = BUF_INIT;
	export_to("json", &t, &json);
	const char *text = (const char *)json.data;
	ck_assert(json_valid(text));
	static const char *const needles[] = {
		"\"scenario\": \"tls13\"",
		"\"layer\": \"tcp\"",
		"\"layer\": \"record\"",
		"\"layer\": \"handshake\"",
		"\"layer\": \"alert\"",
		"\"layer\": \"application_data\"",
		"\"direction\": \"client->server\"",
		"\"direction\": \"server->client\"",
		"\"protection\": \"handshake\"",
		"\"protection\": \"application\"",
		"\"name\": \"cipher_suites\"",
		"\"name\": \"TLS_AES_128_GCM_SHA256\", \"value\": \"TLS_AES_128_GCM_SHA256 (0x1301)\", "
		"\"code\": 4865",
		"\"name\": \"extensions\"",
		"\"name\": \"key_share\", \"value\": null, \"code\": 51",
		"\"name\": \"server_name\", \"value\": null, \"code\": 0",
		"\"name\": \"client_handshake_traffic_secret\"",
		"\"name\": \"server_application_traffic_secret_0\"",
	};
	for (size_t i = 0; i < sizeof(needles) / sizeof(needles[0]); i++)
		ck_assert_msg(strstr(text, needles[i]), "missing: %s", needles[i]);
	buf_release(&json);
	trace_release(&t);
}
END_TEST

static uint32_t le32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

START_TEST(pcap_frames_match_the_segments)
{
	struct trace t;
	scenario_trace("tls12-ecdhe", &t);
	struct buf pcap = BUF_INIT;
	export_to("pcap", &t, &pcap);
	ck_assert_uint_eq(le32_at(pcap.data), 0xa1b2c3d4u);
	ck_assert_uint_eq(le32_at(pcap.data + 20), 1); /* Ethernet */
	size_t at = 24, frames = 0, payload = 0;
	while (at < pcap.len) {
		uint32_t incl = le32_at(pcap.data + at + 8);
		const uint8_t *frame = pcap.data + at + 16;
		const uint8_t *ip = frame + 14;
		const uint8_t *tcp = ip + 20;
		/* The IPv4 header sums to 0xffff with its checksum in place. */
		uint32_t sum = 0;
		for (int i = 0; i < 20; i += 2)
			sum += (uint32_t)ip[i] << 8 | ip[i + 1];
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		ck_assert_uint_eq(sum, 0xffff);
		const struct segment *s = &t.tcp.segments[frames];
		ck_assert_uint_eq(incl, 14 + 20 + (s->mss ? 24u : 20u) + s->len);
		ck_assert_uint_eq((uint32_t)tcp[4] << 24 | tcp[5] << 16 | tcp[6] << 8 | tcp[7], s->seq);
		payload += s->len;
		at += 16 + incl;
		frames++;
	}
	ck_assert_uint_eq(at, pcap.len);
	ck_assert_uint_eq(frames, t.tcp.count);
	ck_assert_uint_eq(payload, t.stream[0].len + t.stream[1].len);
	buf_release(&pcap);
	trace_release(&t);
}
END_TEST

START_TEST(keylog_has_the_secrets_wireshark_needs)
{
	struct trace t13, t12;
	scenario_trace("tls13", &t13);
	scenario_trace("tls12-ecdhe", &t12);
	struct buf a = BUF_INIT, b = BUF_INIT;
	export_to("keylog", &t13, &a);
	export_to("keylog", &t12, &b);
	static const char *const labels[] = {
		"\nCLIENT_HANDSHAKE_TRAFFIC_SECRET ", "\nSERVER_HANDSHAKE_TRAFFIC_SECRET ",
		"\nCLIENT_TRAFFIC_SECRET_0 ", "\nSERVER_TRAFFIC_SECRET_0 ",
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		ck_assert_msg(strstr((char *)a.data, labels[i]), "missing %s", labels[i] + 1);
	/* CLIENT_RANDOM <64 hex digits> <96 hex digits> */
	const char *line = strstr((char *)b.data, "\nCLIENT_RANDOM ");
	ck_assert_ptr_nonnull(line);
	ck_assert_uint_eq(strcspn(line + 15, " "), 64);
	ck_assert_uint_eq(strcspn(line + 15 + 65, "\n"), 96);
	buf_release(&a);
	buf_release(&b);
	trace_release(&t13);
	trace_release(&t12);
}
END_TEST

/* Writes `t` with the exporter `name` to a temporary file; returns its path (to free). */
static char *export_file(const char *name, const struct trace *t)
{
	char *path = xstrdup("/tmp/tlsviz-test-export.XXXXXX");
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_int_eq(exporter_find(name)->write(t, &(struct export_options){ 0 }, f), 0);
	fclose(f);
	return path;
}

START_TEST(tshark_decrypts_what_tlsviz_decoded)
{
	/* make check installs tshark (src/build/deps.sh): a cross-check is never skipped. */
	ck_assert_msg(system("command -v tshark >/dev/null 2>&1") == 0,
		      "tshark is not installed (make deps-check installs it)");
	const struct scenario *s = &scenarios[_i];
	if (engine_unavailable_reason(s))
		return;
	struct trace t;
	scenario_trace(s->name, &t);
	char *pcap = export_file("pcap", &t), *keys = export_file("keylog", &t);
	struct buf command = BUF_INIT;
	buf_printf(&command,
		   "tshark -n -r %s -o tls.keylog_file:%s -Y tls.handshake -T fields "
		   "-e tls.handshake.type -E occurrence=a -E separator=, 2>/dev/null",
		   pcap, keys);
	FILE *p = popen((char *)command.data, "r");
	ck_assert_ptr_nonnull(p);
	/* What tshark saw, flattened: one handshake type per entry, in order. */
	struct buf seen = BUF_INIT, expected = BUF_INIT;
	char line[512];
	while (fgets(line, sizeof(line), p))
		for (char *tok = strtok(line, ",\n"); tok; tok = strtok(NULL, ",\n"))
			buf_printf(&seen, "%s ", tok);
	ck_assert_int_eq(pclose(p), 0);
	for (size_t i = 0; i < t.message_count; i++)
		if (t.messages[i].kind == MESSAGE_HANDSHAKE)
			buf_printf(&expected, "%u ", t.messages[i].type);
	buf_append(&seen, "", 1);
	buf_append(&expected, "", 1);
	ck_assert_str_eq((char *)seen.data, (char *)expected.data);
	unlink(pcap);
	unlink(keys);
	free(pcap);
	free(keys);
	buf_release(&command);
	buf_release(&seen);
	buf_release(&expected);
	trace_release(&t);
}
END_TEST

/*
 * export_write() with writers that misbehave halfway: one that fails, one
 * during which a signal arrives that the caller handles (as the viewer does).
 */
static volatile sig_atomic_t caller_saw_signal;

static void caller_handler(int sig)
{
	caller_saw_signal = sig;
}

static int write_then_fail(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)t;
	(void)opts;
	fputs("the first half\n", out);
	return -1;
}

static int write_through_a_signal(const struct trace *t, const struct export_options *opts,
				  FILE *out)
{
	(void)t;
	(void)opts;
	fputs("the first half\n", out);
	raise(SIGTERM);
	fputs("the second half\n", out);
	return 0;
}

/* How many entries `dir` holds: what an export made or left there. */
static int entries_in(const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, NULL);
	ck_assert_int_ge(n, 2);
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return n - 2; /* . and .. */
}

START_TEST(failed_export_leaves_the_old_file)
{
	char dir[] = "/tmp/tlsviz-test-writer.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf path = BUF_INIT, got = BUF_INIT;
	buf_printf(&path, "%s/out.txt", dir);
	FILE *f = fopen((char *)path.data, "w");
	ck_assert_ptr_nonnull(f);
	fputs("the old contents\n", f);
	ck_assert_int_eq(fclose(f), 0);
	const struct exporter failing = { "failing", "", write_then_fail, false, false };
	char why[256];
	ck_assert_int_eq(export_write(&failing, NULL, &(struct export_options){ 0 },
				      (char *)path.data, why, sizeof(why)),
			 EXPORT_WRITE_FAILED);
	ck_assert_msg(strstr(why, "the exporter failed") != NULL, "%s", why);
	read_whole_file((char *)path.data, &got);
	ck_assert_str_eq((char *)got.data, "the old contents\n");
	ck_assert_int_eq(entries_in(dir), 1);
	unlink((char *)path.data);
	rmdir(dir);
	buf_release(&path);
	buf_release(&got);
}
END_TEST

/* A signal the caller handles is its own: the export finishes whole, and is renamed. */
START_TEST(signal_the_caller_handles_lets_the_export_finish)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = caller_handler;
	ck_assert_int_eq(sigaction(SIGTERM, &sa, NULL), 0);
	char dir[] = "/tmp/tlsviz-test-writer.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf path = BUF_INIT, got = BUF_INIT;
	buf_printf(&path, "%s/out.txt", dir);
	const struct exporter signalled = { "signalled", "", write_through_a_signal, false, false };
	char why[256];
	ck_assert_int_eq(export_write(&signalled, NULL, &(struct export_options){ 0 },
				      (char *)path.data, why, sizeof(why)),
			 EXPORT_OK);
	ck_assert_int_eq(caller_saw_signal, SIGTERM);
	read_whole_file((char *)path.data, &got);
	ck_assert_str_eq((char *)got.data, "the first half\nthe second half\n");
	ck_assert_int_eq(entries_in(dir), 1);
	/* And the caller's handler is still in place. */
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler == caller_handler);
	unlink((char *)path.data);
	rmdir(dir);
	buf_release(&path);
	buf_release(&got);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("formats");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, validator_rejects_broken_json);
	tcase_add_test(tc, json_is_valid_for_hostile_bytes);
	tcase_add_test(tc, json_has_the_promised_structure);
	tcase_add_test(tc, pcap_frames_match_the_segments);
	tcase_add_test(tc, keylog_has_the_secrets_wireshark_needs);
	tcase_add_loop_test(tc, tshark_decrypts_what_tlsviz_decoded, 0, (int)scenario_count);
	suite_add_tcase(s, tc);
	TCase *writing = tcase_create("writing");
	tcase_add_test(writing, failed_export_leaves_the_old_file);
	tcase_add_test(writing, signal_the_caller_handles_lets_the_export_finish);
	suite_add_tcase(s, writing);
	return s;
}
