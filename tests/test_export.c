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
			/* Well-formed UTF-8 only: the shortest form of a scalar value. */
			int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
			if (n < 0 || c >= 0xf8)
				return NULL;
			uint32_t cp = c & (0x3f >> n);
			for (int i = 1; i <= n; i++) {
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					return NULL;
				cp = cp << 6 | ((unsigned char)p[i] & 0x3f);
			}
			static const uint32_t least[] = { 0, 0x80, 0x800, 0x10000 };
			if (cp < least[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
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
	ck_assert(json_valid("\"\xf0\x9f\x94\x92 \xed\x9f\xbf\""));
	ck_assert(!json_valid("\"\xc0\xaf\""));             /* overlong '/' */
	ck_assert(!json_valid("\"\xe0\x80\xaf\""));         /* overlong '/' */
	ck_assert(!json_valid("\"\xed\xa0\x80\""));         /* a surrogate */
	ck_assert(!json_valid("\"\xf4\x90\x80\x80\""));     /* past U+10FFFF */
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
	/*
	 * Overlong forms, a surrogate, past U+10FFFF, truncated sequences: each
	 * byte of them becomes U+FFFD; the well-formed four-byte one stays.
	 */
	trace_build(&t, &c, "hostile \"scenario\"\n\xff", "failed",
		    "detail \x02 \xe2\x82\xac \xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf \xed\xa0\x80 "
		    "\xed\xbf\xbf \xf4\x90\x80\x80 \xf5\x80\x80\x80 \xe2\x82 \xf0\x9f\x94\x92");
	struct buf json = BUF_INIT;
	export_to("json", &t, &json);
	ck_assert_msg(json_valid((char *)json.data), "invalid JSON:\n%s", (char *)json.data);
	ck_assert_ptr_nonnull(strstr((char *)json.data, "\\ufffd"));
	ck_assert_ptr_nonnull(strstr((char *)json.data, "\xe2\x82\xac")); /* valid UTF-8 kept */
	static const char detail[] =
		"\"detail \\u0002 \xe2\x82\xac \\ufffd\\ufffd \\ufffd\\ufffd\\ufffd "
		"\\ufffd\\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd "
		"\\ufffd\\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd\\ufffd \\ufffd\\ufffd "
		"\xf0\x9f\x94\x92\"";
	ck_assert_msg(strstr((char *)json.data, detail), "%s", (char *)json.data);
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
		"\"schema_version\": 1",
		"\"rtt_us\": 50000",
		"\"name\": \"source_port\", \"value\": \"49152\", \"number\": 49152",
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
		ck_assert_uint_eq(incl, 14 + 20 + (s->mss ? 28u : 20u) + s->len);
		ck_assert_uint_eq((uint32_t)tcp[4] << 24 | tcp[5] << 16 | tcp[6] << 8 | tcp[7], s->seq);
		/* The checksum the trace (so the JSON and the viewer) shows is the capture's. */
		ck_assert_uint_eq((uint32_t)tcp[16] << 8 | tcp[17], s->checksum);
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

/* The classic pcap's frames: their timestamps in microseconds since the epoch, and TCP flags. */
struct frame_times {
	uint64_t us[256];
	uint8_t flags[256];
	uint16_t port[256]; /* the client's port: which connection */
	size_t count;
};

static void pcap_times(const struct buf *pcap, struct frame_times *out)
{
	out->count = 0;
	for (size_t at = 24; at < pcap->len && out->count < 256; out->count++) {
		const uint8_t *rec = pcap->data + at;
		const uint8_t *tcp = rec + 16 + 14 + 20;
		out->us[out->count] = (uint64_t)le32_at(rec) * 1000000 + le32_at(rec + 4);
		out->flags[out->count] = tcp[13];
		bool to_server = tcp[2] == 0x01 && tcp[3] == 0xbb;
		const uint8_t *client_port = to_server ? tcp : tcp + 2;
		out->port[out->count] = (uint16_t)(client_port[0] << 8 | client_port[1]);
		at += 16 + le32_at(rec + 8);
	}
}

START_TEST(pcap_times_follow_the_timeline)
{
	struct trace t;
	scenario_trace("tls13-resume", &t);
	trace_set_rtt(&t, 80);
	struct buf pcap = BUF_INIT;
	export_to("pcap", &t, &pcap);
	struct frame_times f;
	pcap_times(&pcap, &f);
	ck_assert_uint_eq(f.count, t.tcp.count);
	size_t syns = 0;
	for (size_t i = 0; i < f.count; i++) {
		if (i)
			ck_assert_msg(f.us[i] >= f.us[i - 1], "frame %zu goes back in time", i + 1);
		if (f.flags[i] != TCP_SYN)
			continue;
		/* SYN, SYN-ACK, ACK: Wireshark's initial round trip is the SYN to the ACK. */
		ck_assert_uint_eq(f.flags[i + 2], TCP_ACK);
		ck_assert_uint_eq(f.us[i + 2] - f.us[i], 80000);
		/* A frame is stamped when it arrives: the diagram's time, from the run's start. */
		const struct connection *c = &t.conns[syns];
		ck_assert_uint_eq(f.us[i] - f.us[0], c->start_us);
		ck_assert_uint_eq(f.us[i + 1] - f.us[0], c->start_us + t.arrival_us[c->first_step + 1] -
								 t.arrival_us[0]);
		/* The second connection opens once the first has closed. */
		if (syns++)
			ck_assert_uint_ne(f.port[i - 1], f.port[i]);
	}
	ck_assert_uint_eq(syns, 2);
	ck_assert_uint_gt(t.conns[1].start_us, 0);
	buf_release(&pcap);
	trace_release(&t);
}
END_TEST

/*
 * The pcapng: a section header, an interface, the key log in a Decryption
 * Secrets Block before any packet, then the pcap's frames with its
 * timestamps; a comment on exactly the frames a man in the middle changed.
 */
START_TEST(pcapng_holds_the_pcap_and_its_keys)
{
	struct trace t;
	scenario_trace("tamper-record", &t);
	struct buf pcap = BUF_INIT, ng = BUF_INIT, keys = BUF_INIT;
	export_to("pcap", &t, &pcap);
	export_to("pcapng", &t, &ng);
	export_to("keylog", &t, &keys);
	uint32_t expected_types[] = { 0x0a0d0d0a, 1, 0xa };
	size_t at = 0, blocks = 0, frames = 0, pcap_at = 24, comments = 0;
	while (at < ng.len) {
		const uint8_t *b = ng.data + at;
		uint32_t type = le32_at(b), total = le32_at(b + 4);
		ck_assert_uint_eq(total % 4, 0);
		ck_assert_uint_eq(le32_at(b + total - 4), total);
		if (blocks < 3) {
			ck_assert_uint_eq(type, expected_types[blocks]);
		} else {
			ck_assert_uint_eq(type, 6);
		}
		if (type == 0xa) {
			ck_assert_uint_eq(le32_at(b + 8), 0x544c534b); /* TLS key log */
			ck_assert_uint_eq(le32_at(b + 12), keys.len);
			ck_assert(memcmp(b + 16, keys.data, keys.len) == 0);
		}
		if (type == 6) {
			const uint8_t *rec = pcap.data + pcap_at;
			uint32_t len = le32_at(b + 20);
			uint64_t us = (uint64_t)le32_at(b + 12) << 32 | le32_at(b + 16);
			ck_assert_uint_eq(us, (uint64_t)le32_at(rec) * 1000000 + le32_at(rec + 4));
			ck_assert_uint_eq(len, le32_at(rec + 8));
			ck_assert(memcmp(b + 28, rec + 16, len) == 0);
			pcap_at += 16 + len;
			/* Options follow the padded packet; the only one written is a comment. */
			size_t options = 28 + (len + 3) / 4 * 4;
			const struct segment *seg = &t.tcp.segments[frames];
			bool altered = memcmp(t.stream[seg->dir].data + seg->stream_offset,
					      trace_delivered(&t, seg->dir) + seg->stream_offset,
					      seg->len) != 0;
			ck_assert_int_eq(options < total - 4, altered);
			if (altered) {
				ck_assert_uint_eq(b[options] | b[options + 1] << 8, 1);
				uint16_t comment_len = (uint16_t)(b[options + 2] | b[options + 3] << 8);
				char comment[512];
				snprintf(comment, sizeof(comment), "%.*s", comment_len, b + options + 4);
				ck_assert_msg(strstr(comment, "sent as 0x") && strstr(comment, "arrived as 0x"),
					      "%s", comment);
				comments++;
			}
			frames++;
		}
		at += total;
		blocks++;
	}
	ck_assert_uint_eq(at, ng.len);
	ck_assert_uint_eq(frames, t.tcp.count);
	ck_assert_uint_eq(comments, 1);
	buf_release(&pcap);
	buf_release(&ng);
	buf_release(&keys);
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

/* What the shell command `command` prints (NUL-terminated); fails the test unless it exits 0. */
static void command_output(const char *command, struct buf *out)
{
	ck_assert_int_eq(shell_output(command, out), 0);
}

/* The handshake types tshark decrypts in a capture, flattened: "1 2 8 ..." (options: tshark's). */
static void tshark_handshakes(const char *capture, const char *options, struct buf *seen)
{
	struct buf command = BUF_INIT, out = BUF_INIT;
	buf_printf(&command,
		   "tshark -n -r %s %s -Y tls.handshake -T fields -e tls.handshake.type "
		   "-E occurrence=a -E separator=, 2>/dev/null",
		   capture, options);
	command_output((char *)command.data, &out);
	for (char *tok = strtok((char *)out.data, ",\n"); tok; tok = strtok(NULL, ",\n"))
		buf_printf(seen, "%s ", tok);
	buf_append(seen, "", 1);
	buf_release(&command);
	buf_release(&out);
}

/*
 * Wireshark decrypts the same handshake messages tlsviz decoded: from the
 * pcap with the key log beside it, and from the pcapng alone.
 */
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
	char *pcapng = export_file("pcapng", &t);
	struct buf option = BUF_INIT, seen = BUF_INIT, seen_ng = BUF_INIT, expected = BUF_INIT;
	buf_printf(&option, "-o tls.keylog_file:%s", keys);
	tshark_handshakes(pcap, (char *)option.data, &seen);
	tshark_handshakes(pcapng, "", &seen_ng);
	/*
	 * The capture holds the bytes as they arrived: like the receiver,
	 * Wireshark cannot open a protected record altered in transit, nor
	 * (its record sequence lost) the ones after it in that direction.
	 */
	bool lost[CONNECTION_MAX][2] = { { false } };
	for (size_t i = 0; i < t.message_count; i++) {
		const struct message *m = &t.messages[i];
		lost[m->conn][m->dir] |= m->altered && m->protection != PROTECTION_PLAINTEXT;
		if (m->kind == MESSAGE_HANDSHAKE && !lost[m->conn][m->dir])
			buf_printf(&expected, "%u ", m->type);
	}
	buf_append(&expected, "", 1);
	ck_assert_str_eq((char *)seen.data, (char *)expected.data);
	ck_assert_str_eq((char *)seen_ng.data, (char *)expected.data);
	unlink(pcap);
	unlink(keys);
	unlink(pcapng);
	free(pcap);
	free(keys);
	free(pcapng);
	buf_release(&option);
	buf_release(&seen);
	buf_release(&seen_ng);
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

/*
 * Wireshark's TCP analysis finds nothing a real exchange would not have
 * (no segment acknowledged before it arrived, none out of order), measures
 * the initial round trip the timeline was given, and capinfos finds the
 * frames in time order.
 */
START_TEST(wireshark_finds_the_tcp_sound)
{
	if (system("command -v tshark >/dev/null 2>&1 && command -v capinfos >/dev/null") != 0) {
		fprintf(stderr, "note: tshark or capinfos is missing: no TCP analysis\n");
		return;
	}
	const struct scenario *s = &scenarios[_i];
	if (engine_unavailable_reason(s))
		return;
	struct trace t;
	scenario_trace(s->name, &t);
	trace_set_rtt(&t, 120);
	char *pcap = export_file("pcap", &t);
	struct buf command = BUF_INIT, flagged = BUF_INIT, rtt = BUF_INIT, order = BUF_INIT;
	buf_printf(&command, "tshark -n -r %s -Y tcp.analysis.flags 2>/dev/null", pcap);
	command_output((char *)command.data, &flagged);
	ck_assert_msg(flagged.len == 0, "%s: tshark flags:\n%s", s->name, (char *)flagged.data);
	command.len = 0;
	buf_printf(&command,
		   "tshark -n -r %s -Y tcp.analysis.initial_rtt -T fields "
		   "-e tcp.analysis.initial_rtt 2>/dev/null | sort -u",
		   pcap);
	command_output((char *)command.data, &rtt);
	ck_assert_str_eq((char *)rtt.data, "0.120000000\n");
	command.len = 0;
	buf_printf(&command, "capinfos -o %s", pcap);
	command_output((char *)command.data, &order);
	ck_assert_msg(strstr((char *)order.data, "Strict time order:   True"), "%s", order.data);
	unlink(pcap);
	free(pcap);
	buf_release(&command);
	buf_release(&flagged);
	buf_release(&rtt);
	buf_release(&order);
	trace_release(&t);
}
END_TEST

/*
 * Every scenario's JSON against the schema in the repository, with Debian's
 * python3-jsonschema (the system's Python, whatever else is on PATH); and
 * what a schema cannot say: each explain names an explanation, and each TCP
 * event's checksum is the one in its header (the capture's).
 */
START_TEST(json_matches_its_schema)
{
	static const char check[] =
		"import json, sys, jsonschema\n"
		"schema = json.load(open(sys.argv[1]))\n"
		"doc = json.load(open(sys.argv[2]))\n"
		"jsonschema.Draft202012Validator.check_schema(schema)\n"
		"jsonschema.Draft202012Validator(schema).validate(doc)\n"
		"def walk(f):\n"
		"    assert f.get('explain', 0) < len(doc['explanations']), f\n"
		"    for c in f['children']: walk(c)\n"
		"for e in doc['events']:\n"
		"    walk(e['fields'])\n"
		"    if 'tcp' in e:\n"
		"        assert int(e['tcp']['header'][32:36], 16) == e['tcp']['checksum'], e\n";
	if (system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") != 0) {
		fprintf(stderr, "note: python3-jsonschema is missing: no JSON Schema check\n");
		return;
	}
	const struct scenario *s = &scenarios[_i];
	if (engine_unavailable_reason(s))
		return;
	struct trace t;
	scenario_trace(s->name, &t);
	char *json = export_file("json", &t);
	struct buf command = BUF_INIT, out = BUF_INIT;
	buf_printf(&command, "/usr/bin/python3 -c \"%s\" %s/src/export/trace.schema.json %s 2>&1",
		   check, TLSVIZ_SOURCE_DIR, json);
	ck_assert_msg(shell_output((char *)command.data, &out) == 0, "%s: %s", s->name,
		      (char *)out.data);
	unlink(json);
	free(json);
	buf_release(&command);
	buf_release(&out);
	trace_release(&t);
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
	tcase_add_test(tc, pcap_times_follow_the_timeline);
	tcase_add_test(tc, pcapng_holds_the_pcap_and_its_keys);
	tcase_add_test(tc, keylog_has_the_secrets_wireshark_needs);
	tcase_add_loop_test(tc, tshark_decrypts_what_tlsviz_decoded, 0, (int)scenario_count);
	tcase_add_loop_test(tc, wireshark_finds_the_tcp_sound, 0, (int)scenario_count);
	suite_add_tcase(s, tc);
	TCase *writing = tcase_create("writing");
	tcase_add_test(writing, failed_export_leaves_the_old_file);
	tcase_add_test(writing, signal_the_caller_handles_lets_the_export_finish);
	suite_add_tcase(s, writing);
	/* The bulk scenario's JSON takes the validator seconds. */
	TCase *schema = tcase_create("schema");
	tcase_set_timeout(schema, 300);
	tcase_add_loop_test(schema, json_matches_its_schema, 0, (int)scenario_count);
	suite_add_tcase(s, schema);
	return s;
}
