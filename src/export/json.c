/*
 * The JSON exporter: the whole trace for programs, in the shape that
 * src/export/trace.schema.json describes (schema_version says which). Each
 * byte of the wire is written once, in its direction's stream; events point
 * into the streams, and messages carry their own (decrypted) bytes. Each
 * explanation is written once, at the end, and field nodes name it by its
 * index. Every time is in microseconds. Strings are escaped and invalid
 * UTF-8 is replaced, so the output is valid JSON whatever the peers sent.
 *
 * The output goes through a buffer of its own, formatted by hand: the bulk
 * scenario writes millions of numbers and hex digits, and printf's
 * formatting of each was most of the export's time.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/names.h"
#include "export/export.h"
#include "export/json.h"
#include "layout/layout.h"

#define JSON_SCHEMA_VERSION 1

void json_flush(struct json_out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->file) != o->len)
		o->failed = true;
	o->len = 0;
}

/* Past what the buffer has room for, in pieces. */
static void out_spill(struct json_out *o, const char *s, size_t n)
{
	while (n) {
		if (o->len == sizeof(o->buf))
			json_flush(o);
		size_t room = sizeof(o->buf) - o->len, k = n < room ? n : room;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
	}
}

/* Most writes fit: one comparison and a copy. */
static inline void out_bytes(struct json_out *o, const char *s, size_t n)
{
	if (n <= sizeof(o->buf) - o->len) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
	} else {
		out_spill(o, s, n);
	}
}

static inline void out_char(struct json_out *o, char c)
{
	if (o->len == sizeof(o->buf))
		json_flush(o);
	o->buf[o->len++] = c;
}

/* A string literal (nothing else compiles), its length known at compile time. */
#define OUT(o, literal) out_bytes((o), "" literal, sizeof(literal) - 1)

void json_text(struct json_out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

void json_u64(struct json_out *o, uint64_t v)
{
	char digits[20];
	size_t n = 0;
	do {
		digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_bytes(o, digits + sizeof(digits) - n, n);
}

static void out_i64(struct json_out *o, int64_t v)
{
	if (v < 0) {
		out_char(o, '-');
		json_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		json_u64(o, (uint64_t)v);
	}
}

static void out_bool(struct json_out *o, bool v)
{
	if (v)
		OUT(o, "true");
	else
		OUT(o, "false");
}

/* "<hex>", two digits a byte, from a table of every byte's pair. */
void json_hex(struct json_out *o, const uint8_t *bytes, size_t len)
{
	static char pairs[256][2];
	if (!pairs[0][0])
		for (int i = 0; i < 256; i++) {
			pairs[i][0] = "0123456789abcdef"[i >> 4];
			pairs[i][1] = "0123456789abcdef"[i & 15];
		}
	out_char(o, '"');
	while (len) {
		if (sizeof(o->buf) - o->len < 2)
			json_flush(o);
		size_t n = (sizeof(o->buf) - o->len) / 2;
		n = n < len ? n : len;
		char *to = o->buf + o->len;
		for (size_t i = 0; i < n; i++, to += 2)
			memcpy(to, pairs[bytes[i]], 2);
		o->len += 2 * n;
		bytes += n;
		len -= n;
	}
	out_char(o, '"');
}

/*
 * Length of the well-formed UTF-8 sequence at s (Unicode 15, table 3-7), or
 * 0: overlong forms, surrogates (U+D800 to U+DFFF) and code points above
 * U+10FFFF are not well formed.
 */
static size_t utf8_sequence(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char low = 0x80, high = 0xbf; /* the range of the second byte */
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		low = c == 0xe0 ? 0xa0 : 0x80;  /* below: overlong */
		high = c == 0xed ? 0x9f : 0xbf; /* above: surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		low = c == 0xf0 ? 0x90 : 0x80;  /* below: overlong */
		high = c == 0xf4 ? 0x8f : 0xbf; /* above: past U+10FFFF */
	} else {
		return 0;
	}
	if (s[1] < low || s[1] > high)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * Whether any of the eight bytes of `w` may need more than copying: a
 * control, '"', '\\', DEL or a byte of UTF-8 past ASCII. It may say yes
 * for a run that needs nothing (the bytes are then looked at one by one),
 * never no for one that does.
 */
static bool may_need_escape(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t below_space = (w - ones * 0x20) & ~w;
	uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
	uint64_t quote_zero = (quote - ones) & ~quote, backslash_zero = (backslash - ones) & ~backslash;
	uint64_t del_or_high = w | (w + ones);
	return ((below_space | quote_zero | backslash_zero | del_or_high) & highs) != 0;
}

/* A JSON string: escaped, and each byte that is not well-formed UTF-8 as U+FFFD. */
void json_string(struct json_out *o, const char *s)
{
	static const char digits[] = "0123456789abcdef";
	/* The bytes it carries as they are: printable ASCII but '"' and '\\'. */
	static bool verbatim[256];
	if (!verbatim['a'])
		for (int c = 0x20; c < 0x7f; c++)
			verbatim[c] = c != '"' && c != '\\';
	out_char(o, '"');
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	while (p < end) {
		/* What needs no escaping is copied in one piece, found eight bytes at a time. */
		const unsigned char *run = p;
		for (uint64_t w; end - p >= 8 && (memcpy(&w, p, 8), !may_need_escape(w));)
			p += 8;
		while (p < end && verbatim[*p])
			p++;
		out_bytes(o, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		if (*p == '"' || *p == '\\') {
			char escaped[2] = { '\\', (char)*p++ };
			out_bytes(o, escaped, sizeof(escaped));
		} else if (*p == '\n') {
			OUT(o, "\\n");
			p++;
		} else if (*p < 0x80) { /* the other controls, and DEL */
			char u[6] = { '\\', 'u', '0', '0', digits[*p >> 4], digits[*p & 15] };
			out_bytes(o, u, sizeof(u));
			p++;
		} else {
			/* The terminator stops a sequence cut short, so this reads no further. */
			size_t n = utf8_sequence(p);
			if (n) {
				out_bytes(o, (const char *)p, n);
				p += n;
			} else {
				OUT(o, "\\ufffd");
				p++;
			}
		}
	}
	out_char(o, '"');
}

static void out_indent(struct json_out *o, int depth)
{
	static const char spaces[] = "                                ";
	out_char(o, '\n');
	for (int left = depth * 2; left > 0; left -= (int)sizeof(spaces) - 1)
		out_bytes(o, spaces,
			  (size_t)left < sizeof(spaces) - 1 ? (size_t)left : sizeof(spaces) - 1);
}

/*
 * The explanations met so far, each once, in order: a hash table from the
 * text to its index. Explanations are interned (explain_intern), so the
 * pointer is the text; they live as long as the program.
 */
struct explanations {
	const char **texts;
	size_t count, cap;
	size_t *slots; /* index + 1, 0 when empty */
	size_t slot_count;
};

static size_t pointer_slot(const void *p, size_t slots)
{
	return (size_t)(((uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15u) >> 32) & (slots - 1);
}

static size_t explanation_index(struct explanations *e, const char *text)
{
	if (2 * (e->count + 1) > e->slot_count) {
		size_t slots = e->slot_count ? e->slot_count * 2 : 256;
		free(e->slots);
		e->slots = xcalloc(slots, sizeof(*e->slots));
		e->slot_count = slots;
		for (size_t i = 0; i < e->count; i++) {
			size_t at = pointer_slot(e->texts[i], slots);
			while (e->slots[at])
				at = (at + 1) & (slots - 1);
			e->slots[at] = i + 1;
		}
	}
	size_t at = pointer_slot(text, e->slot_count);
	for (; e->slots[at]; at = (at + 1) & (e->slot_count - 1))
		if (e->texts[e->slots[at] - 1] == text)
			return e->slots[at] - 1;
	ARRAY_GROW(e->texts, e->count, e->cap);
	e->texts[e->count] = text;
	e->slots[at] = ++e->count;
	return e->count - 1;
}

static void explanations_release(struct explanations *e)
{
	free(e->texts);
	free(e->slots);
	memset(e, 0, sizeof(*e));
}

struct json_writer {
	struct json_out *out;
	struct explanations explanations;
	size_t index; /* of the next event */
	const struct trace *t;
	size_t message, record; /* what the event is, for its "crypto" (MATH_NONE: not one) */
};

static void write_field(struct json_writer *w, const struct field *f, int depth)
{
	struct json_out *o = w->out;
	out_char(o, '{');
	out_indent(o, depth + 1);
	OUT(o, "\"name\": ");
	json_string(o, f->name);
	OUT(o, ", \"value\": ");
	if (f->value)
		json_string(o, f->value);
	else
		OUT(o, "null");
	if (f->is_number && f->code == FIELD_NO_CODE) { /* an enumerated value has its code */
		OUT(o, ", \"number\": ");
		json_u64(o, f->number);
	}
	if (f->code != FIELD_NO_CODE) {
		OUT(o, ", \"code\": ");
		out_i64(o, f->code);
	}
	OUT(o, ", \"offset\": ");
	json_u64(o, f->offset);
	OUT(o, ", \"length\": ");
	json_u64(o, f->length);
	if (f->error)
		OUT(o, ", \"error\": true");
	if (f->explain) {
		OUT(o, ", \"explain\": ");
		json_u64(o, explanation_index(&w->explanations, f->explain));
	}
	OUT(o, ",");
	out_indent(o, depth + 1);
	OUT(o, "\"children\": [");
	for (size_t i = 0; i < f->count; i++) {
		if (i)
			OUT(o, ", ");
		write_field(w, f->children[i], depth + 1);
	}
	OUT(o, "]");
	out_indent(o, depth);
	out_char(o, '}');
}

static const char *direction_name(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? "client->server" : "server->client";
}

static const char *protection_name(enum protection p)
{
	static const char *const names[] = {
		[PROTECTION_PLAINTEXT] = "plaintext",
		[PROTECTION_INITIAL] = "initial",
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
		[MESSAGE_QUIC_FRAME] = "quic_frame",
		[MESSAGE_QUIC_PACKET] = "quic_packet",
	};
	return layers[m->kind];
}

/* What every event starts with, up to the member of its own layer. */
struct event_head {
	const char *layer;
	unsigned conn;
	enum direction dir;
	const char *name;
	enum protection protection;
	uint64_t sent_us, arrives_us;
};

static void begin_event(struct json_writer *w, const struct event_head *e)
{
	struct json_out *o = w->out;
	json_text(o, w->index ? ",\n    {" : "\n    {");
	OUT(o, "\"index\": ");
	json_u64(o, w->index++);
	OUT(o, ", \"connection\": ");
	json_u64(o, e->conn);
	OUT(o, ", \"layer\": \"");
	json_text(o, e->layer);
	OUT(o, "\", \"direction\": \"");
	json_text(o, direction_name(e->dir));
	OUT(o, "\", \"name\": ");
	json_string(o, e->name);
	OUT(o, ", \"protection\": \"");
	json_text(o, protection_name(e->protection));
	OUT(o, "\", \"sent_us\": ");
	json_u64(o, e->sent_us);
	OUT(o, ", \"arrives_us\": ");
	json_u64(o, e->arrives_us);
	OUT(o, ",\n      ");
}

/*
 * Ends an event with its field tree, which is freed here, and the math of
 * w->message or w->record.
 */
static void end_event(struct json_writer *w, struct field *fields)
{
	OUT(w->out, ",\n      \"fields\": ");
	write_field(w, fields, 3);
	json_event_crypto(w->out, w->t, w->message, w->record);
	out_char(w->out, '}');
	field_free(fields);
}

static void write_segment(struct json_writer *w, const struct trace *t, size_t step)
{
	struct json_out *o = w->out;
	const struct segment *s = &t->tcp.segments[t->steps[step].index];
	uint8_t header[TCP_MAX_HEADER];
	size_t header_len = tcp_header(s, header);
	char flags[32];
	tcp_flags_name(s->flags, flags, sizeof(flags));
	begin_event(w, &(struct event_head){ "tcp", s->conn, s->dir, flags, PROTECTION_PLAINTEXT,
					     trace_segment_sent_us(t, s), t->arrival_us[step] });
	OUT(o, "\"tcp\": {\"seq\": ");
	json_u64(o, s->seq);
	OUT(o, ", \"ack\": ");
	json_u64(o, s->ack);
	OUT(o, ", \"flags\": ");
	json_u64(o, s->flags);
	OUT(o, ", \"window\": ");
	json_u64(o, s->window);
	OUT(o, ", \"checksum\": ");
	json_u64(o, s->checksum);
	OUT(o, ", \"header\": ");
	json_hex(o, header, header_len);
	OUT(o, ", \"payload_offset\": ");
	json_u64(o, s->stream_offset);
	OUT(o, ", \"payload_length\": ");
	json_u64(o, s->len);
	if (s->header) {
		/* What the reassembly made of a captured segment. */
		static const char *const notes[] = {
			[CAPTURED_IN_ORDER] = "in_order",
			[CAPTURED_RETRANSMISSION] = "retransmission",
			[CAPTURED_OUT_OF_ORDER] = "out_of_order",
			[CAPTURED_PREAMBLE] = "before_tls",
			[CAPTURED_AFTER_GAP] = "after_gap",
		};
		OUT(o, ", \"captured\": \"");
		json_text(o, notes[s->note]);
		OUT(o, "\", \"missing_before\": ");
		json_u64(o, s->gap);
	}
	OUT(o, "}");
	w->message = w->record = MATH_NONE;
	end_event(w, decode_segment(t, s));
}

static void write_record(struct json_writer *w, const struct trace *t, size_t index)
{
	struct json_out *o = w->out;
	const struct record *r = &t->records[index];
	const char *type = registry_name(REG_CONTENT_TYPE, r->type);
	struct field *tree = decode_record(t, r);
	char name[64];
	/* A QUIC packet is named as its tree is: "Initial packet", "1-RTT packet"... */
	if (r->quic)
		snprintf(name, sizeof(name), "%s", tree->name);
	else
		snprintf(name, sizeof(name), "%s record", type ? type : "unknown");
	/* A record arrives with the write that completed it. */
	begin_event(w, &(struct event_head){ "record", r->conn, r->dir, name, r->protection,
					     t->sent_us[r->chunk],
					     trace_chunk_arrival_us(t, r->chunk) });
	OUT(o, "\"record\": {\"stream_offset\": ");
	json_u64(o, r->stream_offset);
	OUT(o, ", \"length\": ");
	json_u64(o, r->len);
	OUT(o, ", \"decrypted\": ");
	out_bool(o, r->decrypted);
	OUT(o, ", \"altered\": ");
	out_bool(o, r->altered);
	OUT(o, "}");
	w->message = MATH_NONE;
	w->record = index;
	end_event(w, tree);
}

static void write_message(struct json_writer *w, const struct trace *t, size_t step)
{
	struct json_out *o = w->out;
	const struct message *m = &t->messages[t->steps[step].index];
	begin_event(w, &(struct event_head){ message_layer(m), m->conn, m->dir, message_name(m),
					     m->protection, t->sent_us[m->chunk],
					     t->arrival_us[step] });
	OUT(o, "\"message\": {\"first_record\": ");
	json_u64(o, m->first_record);
	OUT(o, ", \"last_record\": ");
	json_u64(o, m->last_record);
	OUT(o, ", \"altered\": ");
	out_bool(o, m->altered);
	/* Whether its receiver processed it: not when it had already alerted. */
	OUT(o, ", \"processed\": ");
	out_bool(o, !m->unread);
	OUT(o, ", \"length\": ");
	json_u64(o, m->bytes.len);
	OUT(o, ",\n        \"bytes\": ");
	json_hex(o, m->bytes.data, m->bytes.len);
	OUT(o, "}");
	w->message = t->steps[step].index;
	w->record = MATH_NONE;
	end_event(w, decode_message(t, m));
}

static void write_events(struct json_writer *w, const struct trace *t)
{
	size_t records_written = 0;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind == STEP_SEGMENT) {
			write_segment(w, t, i);
			continue;
		}
		/* Each record comes just before the first message it completes. */
		const struct message *m = &t->messages[s->index];
		while (records_written <= m->last_record)
			write_record(w, t, records_written++);
		write_message(w, t, i);
	}
	while (records_written < t->record_count)
		write_record(w, t, records_written++);
}

/* "key": {"name": ..., "code": ...}, or null when the code is 0 (not negotiated). */
static void write_named_code(struct json_out *o, const char *key, enum registry reg,
			     uint16_t code)
{
	const char *name = registry_name(reg, code);
	OUT(o, "      \"");
	json_text(o, key);
	OUT(o, "\": ");
	if (code) {
		OUT(o, "{\"name\": ");
		json_string(o, name ? name : "unknown");
		OUT(o, ", \"code\": ");
		json_u64(o, code);
		OUT(o, "},\n");
	} else {
		OUT(o, "null,\n");
	}
}

static void write_connections(struct json_out *o, const struct trace *t)
{
	OUT(o, ",\n  \"connections\": [");
	for (size_t i = 0; i < t->conn_count; i++) {
		const struct connection *c = &t->conns[i];
		const struct negotiated *n = &c->negotiated;
		json_text(o, i ? ",\n    {\n" : "\n    {\n");
		OUT(o, "      \"index\": ");
		json_u64(o, i);
		uint16_t ports[2];
		trace_ports(t, (unsigned)i, ports);
		OUT(o, ", \"client_port\": ");
		json_u64(o, ports[0]);
		OUT(o, ", \"server_port\": ");
		json_u64(o, ports[1]);
		OUT(o, ", \"starts_us\": ");
		json_u64(o, c->start_us);
		OUT(o, ",\n");
		write_named_code(o, "version", REG_PROTOCOL_VERSION, n->version);
		write_named_code(o, "cipher_suite", REG_CIPHER_SUITE, n->cipher_suite);
		write_named_code(o, "group", REG_NAMED_GROUP, n->group);
		OUT(o, "      \"hello_retry\": ");
		out_bool(o, n->hello_retry);
		OUT(o, ", \"resumed\": ");
		out_bool(o, n->resumed);
		OUT(o, ", \"binder_verified\": ");
		out_bool(o, n->binder_verified);
		OUT(o, ", \"early_data\": ");
		out_bool(o, n->early_data);
		OUT(o, ",\n      \"finished_verified\": {\"client\": ");
		out_bool(o, c->finished_verified[0]);
		OUT(o, ", \"server\": ");
		out_bool(o, c->finished_verified[1]);
		/* When the client could first send application data; null when it never did. */
		OUT(o, "},\n      \"client_data_us\": ");
		if (c->client_data)
			json_u64(o, c->client_data_us);
		else
			OUT(o, "null");
		OUT(o, "\n    }");
	}
	OUT(o, "\n  ]");
}

/* Each direction's bytes once, as sent, and the bytes that arrived otherwise. */
static void write_streams(struct json_out *o, const struct trace *t)
{
	OUT(o, ",\n  \"streams\": [");
	for (int dir = 0; dir < 2; dir++) {
		const struct buf *sent = &t->stream[dir];
		const uint8_t *arrived = trace_delivered(t, (enum direction)dir);
		json_text(o, dir ? ",\n    {\"direction\": \"" : "\n    {\"direction\": \"");
		json_text(o, direction_name((enum direction)dir));
		OUT(o, "\", \"length\": ");
		json_u64(o, sent->len);
		OUT(o, ",\n      \"altered\": [");
		size_t altered = 0;
		for (size_t i = 0; i < sent->len; i++) {
			if (sent->data[i] == arrived[i])
				continue;
			json_text(o, altered++ ? ", {\"offset\": " : "{\"offset\": ");
			json_u64(o, i);
			OUT(o, ", \"sent\": ");
			json_u64(o, sent->data[i]);
			OUT(o, ", \"arrived\": ");
			json_u64(o, arrived[i]);
			out_char(o, '}');
		}
		OUT(o, "],\n      \"bytes\": ");
		json_hex(o, sent->data, sent->len);
		out_char(o, '}');
	}
	OUT(o, "\n  ]");
}

static void write_secrets(struct json_out *o, const struct trace *t)
{
	static const char *const checks[] = {
		[CHECK_UNCHECKED] = "not exposed by wolfSSL",
		[CHECK_INPUT] = "taken from wolfSSL as the input",
		[CHECK_MATCH] = "equal",
		[CHECK_MISMATCH] = "DIFFERENT",
	};
	OUT(o, ",\n  \"secrets\": [");
	for (size_t i = 0; i < t->secret_count; i++) {
		const struct derived_secret *s = &t->secrets[i];
		json_text(o, i ? ",\n    {\"connection\": " : "\n    {\"connection\": ");
		json_u64(o, s->conn);
		OUT(o, ", \"name\": ");
		json_string(o, s->name);
		OUT(o, ", \"value\": ");
		json_hex(o, s->bytes, s->len);
		OUT(o, ", \"wolfssl\": \"");
		/* A capture file's inputs come from its key log, and nothing is wolfSSL's. */
		json_text(o, !t->capture.from_file		    ? checks[s->against_wolfssl]
			     : s->against_wolfssl == CHECK_INPUT ? "taken from the key log as the input"
								 : "derived from the key log's secrets");
		OUT(o, "\"}");
	}
	OUT(o, "\n  ]");
}

int export_json(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	struct json_out *o = xmalloc(sizeof(*o));
	o->file = out;
	o->failed = false;
	o->len = 0;
	OUT(o, "{\n  \"schema_version\": ");
	json_u64(o, JSON_SCHEMA_VERSION);
	OUT(o, ",\n  \"scenario\": ");
	json_string(o, t->scenario);
	/* The text export's title: what was negotiated, or why no ServerHello came. */
	struct buf title = BUF_INIT;
	layout_title(t, &title);
	buf_append(&title, "", 1);
	OUT(o, ",\n  \"title\": ");
	json_string(o, (const char *)title.data);
	buf_release(&title);
	OUT(o, ",\n  \"outcome\": ");
	json_string(o, t->outcome);
	OUT(o, ",\n  \"detail\": ");
	json_string(o, t->detail);
	OUT(o, ",\n  \"error\": ");
	json_string(o, t->error);
	if (t->capture.quic) {
		OUT(o, ",\n  \"tcp\": \"none: QUIC over UDP; the events are the TLS messages and stream "
		       "data its captured packets carried\"");
	} else if (t->capture.datagrams) {
		OUT(o, ",\n  \"tcp\": \"none: DTLS over UDP; the events are what its captured "
		       "datagrams carried\"");
	} else if (t->capture.from_file) {
		OUT(o, ",\n  \"tcp\": \"captured: the segments of the capture file\"");
	}
	if (t->capture.from_file) {
		OUT(o, ",\n  \"unopened\": ");
		json_string(o, t->unopened);
		OUT(o, ",\n  \"timeline\": \"captured, in microseconds: sent_us and arrives_us are "
		       "both when a step was captured, from the connection's first packet; rtt_us is ");
		if (t->capture.datagrams)
			OUT(o, "from the client's first datagram to the server's first answer");
		else
			OUT(o, "the TCP handshake's");
		OUT(o, "\",\n  \"rtt_us\": ");
	} else {
		OUT(o, ",\n  \"tcp\": \"modeled: a socketpair carries no TCP; the TLS bytes are "
		       "real\"");
		OUT(o, ",\n  \"timeline\": \"modeled, in microseconds: sent_us is when a step leaves "
		       "its sender and arrives_us when it reaches the other peer, from its "
		       "connection's SYN, on a network of this round trip\",\n  \"rtt_us\": ");
	}
	json_u64(o, (uint64_t)t->rtt_ms * 1000);
	write_connections(o, t);
	write_streams(o, t);
	struct json_writer w = { .out = o, .t = t };
	OUT(o, ",\n  \"events\": [");
	write_events(&w, t);
	OUT(o, "\n  ]");
	write_secrets(o, t);
	json_key_schedule(o, t);
	OUT(o, ",\n  \"explanations\": [");
	for (size_t i = 0; i < w.explanations.count; i++) {
		json_text(o, i ? ",\n    " : "\n    ");
		json_string(o, w.explanations.texts[i]);
	}
	OUT(o, "\n  ]\n}\n");
	json_flush(o);
	bool failed = o->failed || ferror(out);
	explanations_release(&w.explanations);
	free(o);
	return failed ? -1 : 0;
}
