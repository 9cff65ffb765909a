/*
 * The JSON exporter: the whole trace, every event with its bytes and field
 * tree, and the secrets. Strings are escaped and invalid UTF-8 is replaced,
 * so the output is valid JSON whatever the peers sent.
 */
#include <inttypes.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/names.h"
#include "export/export.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_sequence(const unsigned char *s)
{
	size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (s[0] >= 0xf8)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p == '"' || *p == '\\') {
			fprintf(out, "\\%c", *p++);
		} else if (*p == '\n') {
			fputs("\\n", out);
			p++;
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p++);
		} else if (*p < 0x80) {
			fputc(*p++, out);
		} else {
			size_t n = utf8_sequence(p);
			if (n) {
				fwrite(p, 1, n, out);
				p += n;
			} else {
				fputs("\\ufffd", out);
				p++;
			}
		}
	}
	fputc('"', out);
}

static void json_hex(FILE *out, const uint8_t *bytes, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++)
		fprintf(out, "%02x", bytes[i]);
	fputc('"', out);
}

static void indent(FILE *out, int depth)
{
	fprintf(out, "\n%*s", depth * 2, "");
}

static void json_field(FILE *out, const struct field *f, int depth)
{
	fputc('{', out);
	indent(out, depth + 1);
	fputs("\"name\": ", out);
	json_string(out, f->name);
	fputs(", \"value\": ", out);
	if (f->value)
		json_string(out, f->value);
	else
		fputs("null", out);
	if (f->code != FIELD_NO_CODE)
		fprintf(out, ", \"code\": %ld", f->code);
	fprintf(out, ", \"offset\": %zu, \"length\": %zu", f->offset, f->length);
	if (f->error)
		fputs(", \"error\": true", out);
	if (f->explain) {
		fputs(", \"explain\": ", out);
		json_string(out, f->explain);
	}
	fputs(",", out);
	indent(out, depth + 1);
	fputs("\"children\": [", out);
	for (size_t i = 0; i < f->count; i++) {
		fputs(i ? ", " : "", out);
		json_field(out, f->children[i], depth + 1);
	}
	fputs("]", out);
	indent(out, depth);
	fputc('}', out);
}

static const char *direction_name(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? "client->server" : "server->client";
}

static const char *protection_name(enum protection p)
{
	static const char *const names[] = {
		[PROTECTION_PLAINTEXT] = "plaintext",
		[PROTECTION_EARLY] = "early",
		[PROTECTION_HANDSHAKE] = "handshake",
		[PROTECTION_APPLICATION] = "application",
	};
	return names[p];
}

static const char *message_layer(const struct message *m)
{
	static const char *const layers[] = {
		[MESSAGE_HANDSHAKE] = "handshake",
		[MESSAGE_CHANGE_CIPHER_SPEC] = "change_cipher_spec",
		[MESSAGE_ALERT] = "alert",
		[MESSAGE_APPLICATION_DATA] = "application_data",
		[MESSAGE_UNREADABLE] = "record",
	};
	return layers[m->kind];
}

struct event_writer {
	FILE *out;
	size_t index;
};

/* One event object; `fields` is freed here. */
static void write_event(struct event_writer *w, const char *layer, unsigned conn,
			enum direction dir, const char *name, enum protection protection,
			uint64_t time_ns, uint64_t arrives_us, const uint8_t *bytes, size_t len,
			struct field *fields)
{
	FILE *out = w->out;
	fputs(w->index ? ",\n    {" : "\n    {", out);
	fprintf(out,
		"\"index\": %zu, \"connection\": %u, \"layer\": \"%s\", \"direction\": \"%s\", "
		"\"name\": ",
		w->index++, conn, layer, direction_name(dir));
	json_string(out, name);
	fprintf(out,
		", \"protection\": \"%s\", \"time_ns\": %" PRIu64 ", \"arrives_us\": %" PRIu64
		",\n      \"bytes\": ",
		protection_name(protection), time_ns, arrives_us);
	json_hex(out, bytes, len);
	fputs(",\n      \"fields\": ", out);
	json_field(out, fields, 3);
	fputs("}", out);
	field_free(fields);
}

static void write_segment(struct event_writer *w, const struct trace *t, size_t step)
{
	const struct segment *s = &t->tcp.segments[t->steps[step].index];
	uint8_t header[TCP_MAX_HEADER];
	size_t header_len = tcp_header(s, header);
	struct buf bytes = BUF_INIT;
	buf_append(&bytes, header, header_len);
	buf_append(&bytes, t->stream[s->dir].data + s->stream_offset, s->len);
	char flags[32];
	tcp_flags_name(s->flags, flags, sizeof(flags));
	write_event(w, "tcp", s->conn, s->dir, flags, PROTECTION_PLAINTEXT, s->time_ns,
		    t->arrival_us[step], bytes.data, bytes.len, decode_segment(t, s));
	buf_release(&bytes);
}

static void write_record(struct event_writer *w, const struct trace *t, size_t index)
{
	const struct record *r = &t->records[index];
	const char *type = registry_name(REG_CONTENT_TYPE, r->type);
	char name[64];
	snprintf(name, sizeof(name), "%s record", type ? type : "unknown");
	/* A record arrives with the write that completed it. */
	write_event(w, "record", r->conn, r->dir, name, r->protection,
		    t->capture.chunks[r->chunk].time_ns, trace_chunk_arrival_us(t, r->chunk),
		    trace_record_bytes(t, r), r->len, decode_record(t, r));
}

static void write_events(FILE *out, const struct trace *t)
{
	struct event_writer w = { out, 0 };
	size_t records_written = 0;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind == STEP_SEGMENT) {
			write_segment(&w, t, i);
			continue;
		}
		/* Each record comes just before the first message it completes. */
		const struct message *m = &t->messages[s->index];
		while (records_written <= m->last_record)
			write_record(&w, t, records_written++);
		write_event(&w, message_layer(m), m->conn, m->dir, message_name(m), m->protection,
			    t->capture.chunks[m->chunk].time_ns, t->arrival_us[i], m->bytes.data,
			    m->bytes.len, decode_message(t, m));
	}
	while (records_written < t->record_count)
		write_record(&w, t, records_written++);
}

static void write_named_code(FILE *out, const char *key, enum registry reg, uint16_t code,
			     bool last)
{
	const char *name = registry_name(reg, code);
	fprintf(out, "    \"%s\": ", key);
	if (code) {
		fputs("{\"name\": ", out);
		json_string(out, name ? name : "unknown");
		fprintf(out, ", \"code\": %u}", code);
	} else {
		fputs("null", out);
	}
	fputs(last ? "\n" : ",\n", out);
}

int export_json(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	fputs("{\n  \"scenario\": ", out);
	json_string(out, t->scenario);
	fputs(",\n  \"outcome\": ", out);
	json_string(out, t->outcome);
	fputs(",\n  \"detail\": ", out);
	json_string(out, t->detail);
	fputs(",\n  \"error\": ", out);
	json_string(out, t->error);
	if (t->capture.from_file) {
		fputs(",\n  \"tcp\": \"captured: the segments of the capture file\"", out);
		fputs(",\n  \"unopened\": ", out);
		json_string(out, t->unopened);
		fprintf(out, ",\n  \"timeline\": \"captured: arrives_us is when a step was captured, "
			"from the connection's first packet\",\n  \"rtt_ms\": %u", t->rtt_ms);
	} else {
		fputs(",\n  \"tcp\": \"modeled: a socketpair carries no TCP; the TLS bytes are "
		      "real\"", out);
		fprintf(out,
			",\n  \"timeline\": \"modeled: arrives_us is when a step reaches the other "
			"peer on a network of this round trip, from its connection's SYN\",\n  "
			"\"rtt_ms\": %u",
			t->rtt_ms);
	}
	fputs(",\n  \"connections\": [", out);
	for (size_t i = 0; i < t->conn_count; i++) {
		const struct connection *c = &t->conns[i];
		const struct negotiated *n = &c->negotiated;
		fprintf(out, "%s\n    {\n", i ? "," : "");
		write_named_code(out, "version", REG_PROTOCOL_VERSION, n->version, false);
		write_named_code(out, "cipher_suite", REG_CIPHER_SUITE, n->cipher_suite, false);
		write_named_code(out, "group", REG_NAMED_GROUP, n->group, false);
		fprintf(out,
			"    \"hello_retry\": %s, \"resumed\": %s, \"binder_verified\": %s, "
			"\"early_data\": %s,\n"
			"    \"finished_verified\": {\"client\": %s, \"server\": %s},\n"
			"    \"client_data_us\": ",
			n->hello_retry ? "true" : "false", n->resumed ? "true" : "false",
			n->binder_verified ? "true" : "false", n->early_data ? "true" : "false",
			c->finished_verified[0] ? "true" : "false",
			c->finished_verified[1] ? "true" : "false");
		/* When the client could first send application data; null when it never did. */
		if (c->client_data)
			fprintf(out, "%" PRIu64 "\n    }", c->client_data_us);
		else
			fputs("null\n    }", out);
	}
	fputs("\n  ],\n  \"events\": [", out);
	write_events(out, t);
	fputs("\n  ],\n  \"secrets\": [", out);
	static const char *const checks[] = {
		[CHECK_UNCHECKED] = "not exposed by wolfSSL",
		[CHECK_INPUT] = "taken from wolfSSL as the input",
		[CHECK_MATCH] = "equal",
		[CHECK_MISMATCH] = "DIFFERENT",
	};
	for (size_t i = 0; i < t->secret_count; i++) {
		const struct derived_secret *s = &t->secrets[i];
		fprintf(out, "%s{\"connection\": %u, \"name\": ", i ? ",\n    " : "\n    ", s->conn);
		json_string(out, s->name);
		fputs(", \"value\": ", out);
		json_hex(out, s->bytes, s->len);
		/* A capture file's inputs come from its key log, and nothing is wolfSSL's. */
		fprintf(out, ", \"wolfssl\": \"%s\"}",
			!t->capture.from_file		       ? checks[s->against_wolfssl]
			: s->against_wolfssl == CHECK_INPUT ? "taken from the key log as the input"
							    : "derived from the key log's secrets");
	}
	fputs("\n  ]\n}\n", out);
	return ferror(out) ? -1 : 0;
}
