/*
 * The file reader (--open): the key log and DSB parsers; tlsviz's own
 * scenarios through their pcap and key log and back; captures this test
 * builds from them (other link layers, IPv6 with extension headers, VLAN
 * tags, segments out of order, retransmitted or missing, a STARTTLS
 * preamble); every truncation of a capture; and the real captures of
 * ../shared/captures/ against tshark, connection by connection.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "decode/decode.h"
#include "engine/engine.h"
#include "lesson/lesson.h"
#include "export/export.h"
#include "decode/names.h"
#include "open/datagram.h"
#include "open/open.h"
#include "open/packet.h"
#include "suites.h"

#define CAPTURES TLSVIZ_SOURCE_DIR "/../shared/captures"

/* What `write` makes of `t`, in memory. */
static void export_to(const struct trace *t,
		      int (*write)(const struct trace *, const struct export_options *, FILE *),
		      struct buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(write(t, &(struct export_options){ 0 }, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	buf_append(out, text, len);
	free(text);
}

/* Opens <pcap, keys> and builds a trace of each TLS connection into traces[] (count returned). */
static size_t open_traces(const struct buf *pcap, const struct buf *keys, struct opened *o,
			  struct trace *traces, size_t max)
{
	char why[300] = "";
	struct open_options opts = { .keylog_text = keys ? (const char *)keys->data : NULL,
				     .keylog_len = keys ? keys->len : 0 };
	ck_assert_msg(open_capture(pcap->data, pcap->len, &opts, o, why, sizeof(why)) == 0, "%s",
		      why);
	size_t n = 0;
	for (size_t i = 0; i < o->count && n < max; i++)
		if (o->conns[i].tls)
			trace_build(&traces[n++], &o->conns[i].capture, "opened", "", "");
	return n;
}

static void release_traces(struct opened *o, struct trace *traces, size_t n)
{
	for (size_t i = 0; i < n; i++)
		trace_release(&traces[i]);
	open_release(o);
}

/*
 * The messages of connection `conn` of `a` are those of `b`, byte for byte,
 * in order in each direction (a capture orders the two directions by when
 * their segments arrived, the run by when they were written).
 */
static void assert_same_messages(const struct trace *a, unsigned conn, const struct trace *b,
				 const char *what)
{
	size_t total = 0;
	for (int dir = 0; dir < 2; dir++) {
		size_t j = 0;
		for (size_t i = 0; i < a->message_count; i++) {
			const struct message *m = &a->messages[i];
			if (m->conn != conn || m->dir != (enum direction)dir)
				continue;
			while (j < b->message_count && b->messages[j].dir != (enum direction)dir)
				j++;
			ck_assert_msg(j < b->message_count, "%s: message %zu of %s is missing", what,
				      i, dir ? "the server" : "the client");
			const struct message *n = &b->messages[j++];
			total++;
			ck_assert_msg(m->kind == n->kind && m->type == n->type &&
					      m->protection == n->protection,
				      "%s: message %zu differs (kind %d/%d, type %u/%u)", what, j - 1,
				      m->kind, n->kind, m->type, n->type);
			ck_assert_msg(m->bytes.len == n->bytes.len &&
					      (m->bytes.len == 0 ||
					       !memcmp(m->bytes.data, n->bytes.data, m->bytes.len)),
				      "%s: message %zu has other bytes", what, j - 1);
		}
	}
	ck_assert_msg(total == b->message_count, "%s: %zu messages more", what,
		      b->message_count - total);
}

/*
 * Every secret the opened trace holds equals the original's of the same
 * name; returns how many there were.
 */
static size_t assert_same_secrets(const struct trace *a, unsigned conn, const struct trace *b,
				  const char *what)
{
	size_t same = 0;
	for (size_t i = 0; i < b->secret_count; i++) {
		const struct derived_secret *s = &b->secrets[i];
		for (size_t k = 0; k < a->secret_count; k++) {
			const struct derived_secret *o = &a->secrets[k];
			if (o->conn != conn || strcmp(o->name, s->name) != 0)
				continue;
			ck_assert_msg(o->len == s->len && !memcmp(o->bytes, s->bytes, s->len),
				      "%s: %s differs", what, s->name);
			same++;
			break;
		}
	}
	return same;
}

START_TEST(key_log_lines)
{
	static const char text[] =
		"# a comment, then a blank line\n"
		"\n"
		"CLIENT_RANDOM 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
		"000102030405060708090a0b0c0d0e0f\r\n"
		"CLIENT_HANDSHAKE_TRAFFIC_SECRET "
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF aabb\n"
		"CLIENT_RANDOM 00 11\n"                  /* the random is too short */
		"CLIENT_RANDOM "
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 0011\n" /* not 48 */
		"SOMETHING_ELSE "
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 0011\n"
		"SERVER_TRAFFIC_SECRET_0 "
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g 0011\n" /* not hex */
		"EXPORTER_SECRET 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00 x";
	struct keylog k = { 0 };
	keylog_parse(&k, text, strlen(text), false);
	ck_assert_uint_eq(k.count, 2);
	ck_assert_str_eq(k.entries[0].label, "CLIENT_RANDOM");
	ck_assert_uint_eq(k.entries[0].secret_len, 48);
	ck_assert_uint_eq(k.entries[0].line, 3);
	ck_assert_uint_eq(k.entries[0].client_random[31], 0x1f);
	ck_assert_uint_eq(k.entries[1].client_random[0], 0xff);
	ck_assert_uint_eq(k.entries[1].secret_len, 2);
	ck_assert_uint_eq(k.bad_lines, 5);
	ck_assert_uint_eq(k.first_bad_line, 5);
	ck_assert_str_eq(keylog_capture_label("CLIENT_EARLY_TRAFFIC_SECRET"), "c e traffic");
	ck_assert_ptr_null(keylog_capture_label("RSA"));
	keylog_release(&k);
}
END_TEST

/*
 * A pcapng section written here block by block (Section Header, Decryption
 * Secrets, an unknown block) in either byte order: the DSB's key log is found.
 */
static void put32(struct buf *b, uint32_t v, bool little)
{
	uint8_t p[4];
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (little ? 8 * i : 24 - 8 * i));
	buf_append(b, p, 4);
}

static void pcapng_block(struct buf *b, uint32_t type, const void *body, size_t len, bool little)
{
	size_t padded = (len + 3) & ~(size_t)3;
	put32(b, type, little);
	put32(b, (uint32_t)(12 + padded), little);
	buf_append(b, body, len);
	buf_append(b, "\0\0\0", padded - len);
	put32(b, (uint32_t)(12 + padded), little);
}

START_TEST(decryption_secrets_block)
{
	static const char line[] =
		"CLIENT_RANDOM 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
		"000102030405060708090a0b0c0d0e0f\n";
	for (int little = 0; little < 2; little++) {
		struct buf file = BUF_INIT, shb = BUF_INIT, dsb = BUF_INIT;
		put32(&shb, 0x1A2B3C4D, little);
		buf_append(&shb, little ? "\x01\0\0\0" : "\0\x01\0\0", 4); /* version 1.0 */
		buf_append(&shb, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);   /* section length: unknown */
		pcapng_block(&file, 0x0A0D0D0A, shb.data, shb.len, little);
		pcapng_block(&file, 0x00000BAD, "ignored", 7, little);
		put32(&dsb, 0x544c534b, little);
		put32(&dsb, (uint32_t)strlen(line), little);
		buf_append(&dsb, line, strlen(line));
		pcapng_block(&file, 0x0000000A, dsb.data, dsb.len, little);
		struct keylog k = { 0 };
		dsb_read(file.data, file.len, &k);
		ck_assert_uint_eq(k.count, 1);
		ck_assert_uint_eq(k.entries[0].line, 0);
		/* Every truncation reads what is whole, and never past the end. */
		for (size_t cut = 0; cut < file.len; cut++) {
			struct keylog partial = { 0 };
			dsb_read(file.data, cut, &partial);
			ck_assert_uint_eq(partial.count, 0);
			keylog_release(&partial);
		}
		keylog_release(&k);
		buf_release(&file);
		buf_release(&shb);
		buf_release(&dsb);
	}
	/* Not pcapng: no blocks at all. */
	struct keylog k = { 0 };
	dsb_read((const uint8_t *)"\xd4\xc3\xb2\xa1 pcap", 9, &k);
	ck_assert_uint_eq(k.count, 0);
}
END_TEST

START_TEST(pem_keys)
{
	struct buf pem = BUF_INIT, der = BUF_INIT;
	ck_assert(read_whole_file(TLSVIZ_SOURCE_DIR "/assets/server-rsa-key.pem", &pem));
	ck_assert(open_pem_key((const char *)pem.data, pem.len, &der));
	/* DER: a SEQUENCE with a two-byte length. */
	ck_assert_uint_eq(der.data[0], 0x30);
	ck_assert_uint_eq(der.data[1], 0x82);
	ck_assert_uint_eq(der.len, 4 + ((size_t)der.data[2] << 8 | der.data[3]));
	der.len = 0;
	ck_assert(!open_pem_key("no key here", 11, &der));
	ck_assert(!open_pem_key("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END", 45, &der));
	buf_release(&pem);
	buf_release(&der);
}
END_TEST

START_TEST(endpoints)
{
	struct opened_connection c;
	memset(&c, 0, sizeof(c));
	char text[64];
	c.ip_version = 6;
	c.address[0][15] = 1;
	c.port[0] = 443;
	open_endpoint_text(&c, 0, text, sizeof(text));
	ck_assert_str_eq(text, "[::1]:443");
	static const uint8_t doc[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
	memcpy(c.address[1], doc, 16);
	c.port[1] = 8443;
	open_endpoint_text(&c, 1, text, sizeof(text));
	ck_assert_str_eq(text, "[2001:db8::1:0:0:1]:8443");
	c.ip_version = 4;
	memcpy(c.address[0], "\xc0\x00\x02\x01", 4);
	open_endpoint_text(&c, 0, text, sizeof(text));
	ck_assert_str_eq(text, "192.0.2.1:443");
}
END_TEST

/* Whether scenario `name` is one the round trip covers (the bulk ones are long). */
static bool round_trip_scenario(const struct scenario *s)
{
	size_t len = strlen(s->name);
	return !engine_unavailable_reason(s) && !(len > 5 && !strcmp(s->name + len - 5, "-bulk"));
}

/*
 * A tampered connection's capture holds the bytes as they arrived: the
 * altered record does not open from it, for tlsviz as for Wireshark. True
 * (and checked) when connection `conn` of `t` was tampered with.
 */
static bool tampered_round_trip(const struct trace *t, unsigned conn, const struct trace *opened,
				const char *what)
{
	const struct message *altered = NULL;
	for (size_t i = 0; i < t->message_count && !altered; i++)
		if (t->messages[i].conn == conn && t->messages[i].altered)
			altered = &t->messages[i];
	if (!altered)
		return false;
	bool unread = false;
	for (size_t i = 0; i < opened->message_count; i++)
		unread |= opened->messages[i].dir == altered->dir &&
			  (opened->messages[i].kind == MESSAGE_UNREADABLE ||
			   opened->messages[i].kind == altered->kind);
	ck_assert_msg(unread, "%s: the altered %s is missing", what, message_name(altered));
	return true;
}

/*
 * Every scenario through its own pcap and key log: each connection opens
 * to the same messages, byte for byte, and the same secrets.
 */
START_TEST(scenarios_round_trip)
{
	for (size_t i = 0; i < scenario_count; i++) {
		const struct scenario *s = &scenarios[i];
		if (!round_trip_scenario(s))
			continue;
		struct trace t;
		scenario_trace(s->name, &t);
		struct buf pcap = BUF_INIT, keys = BUF_INIT;
		export_to(&t, export_pcap, &pcap);
		export_to(&t, export_keylog, &keys);
		struct opened o;
		struct trace opened[CONNECTION_MAX];
		size_t n = open_traces(&pcap, &keys, &o, opened, CONNECTION_MAX);
		ck_assert_msg(n == t.conn_count, "%s: %zu connections, not %zu", s->name, n,
			      t.conn_count);
		size_t secrets = 0;
		for (size_t c = 0; c < n; c++) {
			bool tampered = tampered_round_trip(&t, (unsigned)c, &opened[c], s->name);
			if (!tampered)
				assert_same_messages(&t, (unsigned)c, &opened[c], s->name);
			secrets += assert_same_secrets(&t, (unsigned)c, &opened[c], s->name);
			if (!t.error[0] && !tampered)
				ck_assert_msg(!opened[c].error[0], "%s: %s", s->name, opened[c].error);
			ck_assert_msg(!opened[c].unopened[0] || t.error[0], "%s: %s", s->name,
				      opened[c].unopened);
			ck_assert(opened[c].capture.from_file);
		}
		/* A handshake that got as far as keys has them back from the key log. */
		if (t.conns[0].negotiated.version && t.secret_count)
			ck_assert_msg(secrets > 0, "%s: no secret came back", s->name);
		release_traces(&o, opened, n);
		buf_release(&pcap);
		buf_release(&keys);
		trace_release(&t);
	}
}
END_TEST

/*
 * Captures built here: the frames of a scenario's own pcap, reordered,
 * repeated, dropped or shifted, written again with libpcap under another
 * link layer or IP version.
 */
struct frame {
	bool from_client;
	bool udp; /* tcp[] holds a UDP header */
	uint8_t tcp[CAPTURED_HEADER_MAX];
	size_t tcp_len;
	uint8_t payload[2048];
	size_t len;
	uint64_t time_ns;
};

struct frames {
	struct frame *items;
	size_t count, cap;
};

static void frames_read(const struct buf *pcap, struct frames *f)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	FILE *file = fmemopen(pcap->data, pcap->len, "rb");
	pcap_t *p = pcap_fopen_offline(file, errbuf);
	ck_assert_ptr_nonnull(p);
	struct pcap_pkthdr *h;
	const u_char *bytes;
	while (pcap_next_ex(p, &h, &bytes) == 1) {
		struct packet pk;
		ck_assert(packet_parse(DLT_EN10MB, bytes, h->caplen, &pk));
		ck_assert_uint_le(pk.payload_len, sizeof(f->items[0].payload));
		ARRAY_GROW(f->items, f->count, f->cap);
		struct frame *fr = &f->items[f->count++];
		memset(fr, 0, sizeof(*fr));
		fr->from_client = pk.source[0] == 192; /* the exporter's client is 192.0.2.1 */
		memcpy(fr->tcp, pk.header, pk.header_len);
		fr->tcp_len = pk.header_len;
		memcpy(fr->payload, pk.payload, pk.payload_len);
		fr->len = pk.payload_len;
		fr->time_ns = (uint64_t)h->ts.tv_sec * 1000000000u + (uint64_t)h->ts.tv_usec * 1000u;
	}
	pcap_close(p);
}

enum encapsulation {
	ENCAP_ETHERNET,
	ENCAP_VLAN,         /* Ethernet with an 802.1Q tag and an 802.1ad tag outside it */
	ENCAP_SLL,
	ENCAP_SLL2,
	ENCAP_NULL,
	ENCAP_RAW,
	ENCAP_IPV6_OPTIONS, /* Ethernet, IPv6 with hop-by-hop and destination options headers */
};

static const int encapsulation_link[] = {
	[ENCAP_ETHERNET] = DLT_EN10MB, [ENCAP_VLAN] = DLT_EN10MB,      [ENCAP_SLL] = DLT_LINUX_SLL,
	[ENCAP_SLL2] = DLT_LINUX_SLL2, [ENCAP_NULL] = DLT_NULL,        [ENCAP_RAW] = DLT_RAW,
	[ENCAP_IPV6_OPTIONS] = DLT_EN10MB,
};

/* One frame of `fr` under encapsulation `e`: link layer, IP header(s), TCP header, payload. */
static void frame_bytes(const struct frame *fr, enum encapsulation e, struct buf *out)
{
	static const uint8_t mac[2][6] = { { 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 2 } };
	bool v6 = e == ENCAP_IPV6_OPTIONS;
	uint16_t ethertype = v6 ? 0x86dd : 0x0800;
	int from = fr->from_client ? 0 : 1;
	switch (e) {
	case ENCAP_ETHERNET:
	case ENCAP_IPV6_OPTIONS:
	case ENCAP_VLAN:
		buf_append(out, mac[!from], 6);
		buf_append(out, mac[from], 6);
		if (e == ENCAP_VLAN) {
			buf_be16(out, 0x88a8);
			buf_be16(out, 100);
			buf_be16(out, 0x8100);
			buf_be16(out, 7);
		}
		buf_be16(out, ethertype);
		break;
	case ENCAP_SLL: /* packet type, ARPHRD_ETHER, address length, address (8), protocol */
		buf_be16(out, from ? 0 : 4);
		buf_be16(out, 1);
		buf_be16(out, 6);
		buf_append(out, mac[from], 6);
		buf_append(out, "\0\0", 2);
		buf_be16(out, ethertype);
		break;
	case ENCAP_SLL2: /* protocol, reserved, interface, ARPHRD_ETHER, type, length, address */
		buf_be16(out, ethertype);
		buf_be16(out, 0);
		buf_append(out, "\0\0\0\x02", 4);
		buf_be16(out, 1);
		buf_append(out, from ? "\0" : "\x04", 1);
		buf_append(out, "\x06", 1);
		buf_append(out, mac[from], 6);
		buf_append(out, "\0\0", 2);
		break;
	case ENCAP_NULL: /* AF_INET in the writer's byte order */
		buf_append(out, "\x02\0\0\0", 4);
		break;
	case ENCAP_RAW:
		break;
	}
	size_t l4 = fr->tcp_len + fr->len;
	if (v6) {
		static const uint8_t addr[2][16] = {
			{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
			{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },
		};
		buf_append(out, "\x60\0\0\0", 4);
		buf_be16(out, (uint16_t)(l4 + 16));
		buf_append(out, "\0\x40", 2); /* next: hop-by-hop options; hop limit 64 */
		buf_append(out, addr[from], 16);
		buf_append(out, addr[!from], 16);
		/* Hop-by-hop (next: destination options), then destination options (next: TCP). */
		buf_append(out, "\x3c\0\x01\x04\0\0\0\0", 8);
		buf_append(out, fr->udp ? "\x11\0\x01\x04\0\0\0\0" : "\x06\0\x01\x04\0\0\0\0", 8);
	} else {
		static const uint8_t addr[2][4] = { { 192, 0, 2, 1 }, { 198, 51, 100, 1 } };
		/* IHL 6: a 4-byte IP option (no-operations) the reader must step over. */
		buf_append(out, "\x46\0", 2);
		buf_be16(out, (uint16_t)(24 + l4));
		buf_append(out, fr->udp ? "\0\x01\x40\0\x40\x11\0\0" : "\0\x01\x40\0\x40\x06\0\0", 8);
		buf_append(out, addr[from], 4);
		buf_append(out, addr[!from], 4);
		buf_append(out, "\x01\x01\x01\0", 4);
	}
	buf_append(out, fr->tcp, fr->tcp_len);
	buf_append(out, fr->payload, fr->len);
}

static void frames_write(const struct frames *f, enum encapsulation e, struct buf *out)
{
	pcap_t *dead = pcap_open_dead_with_tstamp_precision(encapsulation_link[e], 262144,
							    PCAP_TSTAMP_PRECISION_NANO);
	char *text = NULL;
	size_t len = 0;
	FILE *file = open_memstream(&text, &len);
	pcap_dumper_t *d = pcap_dump_fopen(dead, file);
	ck_assert_ptr_nonnull(d);
	for (size_t i = 0; i < f->count; i++) {
		struct buf bytes = BUF_INIT;
		frame_bytes(&f->items[i], e, &bytes);
		struct pcap_pkthdr h = { .caplen = (bpf_u_int32)bytes.len,
					 .len = (bpf_u_int32)bytes.len };
		h.ts.tv_sec = (time_t)(f->items[i].time_ns / 1000000000u);
		h.ts.tv_usec = (suseconds_t)(f->items[i].time_ns % 1000000000u);
		pcap_dump((u_char *)d, &h, bytes.data);
		buf_release(&bytes);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	buf_append(out, text, len);
	free(text);
}

/* A scenario's trace, its frames and key log. */
struct sample {
	struct trace t;
	struct frames frames;
	struct buf keys;
};

static void sample_init(struct sample *s, const char *scenario)
{
	memset(s, 0, sizeof(*s));
	scenario_trace(scenario, &s->t);
	struct buf pcap = BUF_INIT;
	export_to(&s->t, export_pcap, &pcap);
	export_to(&s->t, export_keylog, &s->keys);
	frames_read(&pcap, &s->frames);
	buf_release(&pcap);
}

static void sample_release(struct sample *s)
{
	trace_release(&s->t);
	free(s->frames.items);
	buf_release(&s->keys);
}

/* The index of the `nth` frame with payload from the server (or the client), or -1. */
static long data_frame(const struct frames *f, bool from_client, int nth)
{
	for (size_t i = 0; i < f->count; i++)
		if (f->items[i].len && f->items[i].from_client == from_client && nth-- == 0)
			return (long)i;
	return -1;
}

/* Opens `f` under `e` into one connection's trace; the reader's connection too. */
static void open_frames(const struct frames *f, enum encapsulation e, const struct buf *keys,
			struct opened *o, struct trace *t)
{
	struct buf pcap = BUF_INIT;
	frames_write(f, e, &pcap);
	ck_assert_uint_eq(open_traces(&pcap, keys, o, t, 1), 1);
	buf_release(&pcap);
}

START_TEST(link_layers_and_ip)
{
	struct sample s;
	sample_init(&s, "tls13");
	for (enum encapsulation e = ENCAP_ETHERNET; e <= ENCAP_IPV6_OPTIONS; e++) {
		struct opened o;
		struct trace t;
		open_frames(&s.frames, e, &s.keys, &o, &t);
		char what[32];
		snprintf(what, sizeof(what), "encapsulation %d", e);
		assert_same_messages(&s.t, 0, &t, what);
		ck_assert_int_eq(o.conns[0].ip_version, e == ENCAP_IPV6_OPTIONS ? 6 : 4);
		ck_assert_str_eq(t.outcome, "complete");
		/* The captured TCP: every frame a segment, with its options (the SYNs' MSS). */
		ck_assert_uint_eq(t.tcp.count, s.frames.count);
		ck_assert_ptr_nonnull(t.tcp.segments[0].header);
		ck_assert_uint_eq(t.tcp.segments[0].role, SEGMENT_OPEN);
		ck_assert_uint_eq(t.tcp.segments[t.tcp.count - 1].role, SEGMENT_CLOSE);
		struct field *syn = decode_segment(&t, &t.tcp.segments[0]);
		const struct field *mss = field_find(syn, "maximum_segment_size");
		ck_assert_ptr_nonnull(mss);
		ck_assert_str_eq(mss->value, "1460 bytes");
		ck_assert_str_eq(syn->value, "SYN (captured)");
		ck_assert_ptr_nonnull(strstr(syn->explain, "as the capture file recorded it"));
		field_free(syn);
		release_traces(&o, &t, 1);
	}
	sample_release(&s);
}
END_TEST

START_TEST(segments_out_of_order_and_retransmitted)
{
	struct sample s;
	sample_init(&s, "tls13-bulk");
	struct frames *f = &s.frames;
	/*
	 * Of two segments in a row from one side (a write longer than the MSS),
	 * the second arrives first; the server's first data segment is sent twice.
	 */
	long a = -1, b, r = data_frame(f, false, 0);
	for (size_t i = (size_t)r + 1; r >= 0 && a < 0 && i + 1 < f->count; i++)
		if (f->items[i].len && f->items[i + 1].len &&
		    f->items[i].from_client == f->items[i + 1].from_client)
			a = (long)i;
	b = a + 1;
	ck_assert(a >= 0 && r >= 0 && r < a);
	struct frame swap = f->items[a];
	f->items[a] = f->items[b];
	f->items[b] = swap;
	ARRAY_GROW(f->items, f->count, f->cap);
	memmove(&f->items[r + 1], &f->items[r], (f->count - (size_t)r) * sizeof(*f->items));
	f->count++;
	struct opened o;
	struct trace t;
	open_frames(f, ENCAP_ETHERNET, &s.keys, &o, &t);
	assert_same_messages(&s.t, 0, &t, "reordered");
	ck_assert_str_eq(t.outcome, "complete");
	unsigned out_of_order = 0, retransmitted = 0;
	for (size_t i = 0; i < t.tcp.count; i++) {
		out_of_order += t.tcp.segments[i].note == CAPTURED_OUT_OF_ORDER;
		retransmitted += t.tcp.segments[i].note == CAPTURED_RETRANSMISSION;
	}
	ck_assert_uint_eq(out_of_order, 1);
	ck_assert_uint_eq(retransmitted, 1);
	release_traces(&o, &t, 1);
	sample_release(&s);
}
END_TEST

/* A server segment that never made it into the capture: a gap, shown, never bridged. */
START_TEST(a_gap_is_shown)
{
	struct sample s;
	sample_init(&s, "tls13");
	struct frames *f = &s.frames;
	long lost = data_frame(f, false, 0);
	ck_assert(lost >= 0 && data_frame(f, false, 1) >= 0);
	size_t missing = f->items[lost].len;
	memmove(&f->items[lost], &f->items[lost + 1], (f->count - (size_t)lost - 1) * sizeof(*f->items));
	f->count--;
	struct opened o;
	struct trace t;
	open_frames(f, ENCAP_ETHERNET, &s.keys, &o, &t);
	ck_assert_ptr_nonnull(strstr(t.capture.notes, "never appeared in the capture (a gap)"));
	const struct segment *after = NULL;
	for (size_t i = 0; i < t.tcp.count; i++)
		if (t.tcp.segments[i].note == CAPTURED_AFTER_GAP)
			after = &t.tcp.segments[i];
	ck_assert_ptr_nonnull(after);
	ck_assert_uint_eq(after->gap, missing);
	/* Nothing of the server's is guessed at after the gap; the client's is all there. */
	for (size_t i = 0; i < t.message_count; i++)
		ck_assert(t.messages[i].dir == DIR_CLIENT_TO_SERVER);
	ck_assert_uint_gt(t.message_count, 0);
	ck_assert_str_ne(t.outcome, "complete");
	release_traces(&o, &t, 1);
	sample_release(&s);
}
END_TEST

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void set32(uint8_t *p, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		p[k] = (uint8_t)(v >> (24 - 8 * k));
}

/* Plaintext before TLS in both directions (as SMTP's STARTTLS has): TLS is found after it. */
START_TEST(starttls_preamble)
{
	static const char *const lines[2] = { "EHLO client.example\r\nSTARTTLS\r\n",
					      "220 server.example ESMTP\r\n220 Go ahead\r\n" };
	struct sample s;
	sample_init(&s, "tls13");
	struct frames *f = &s.frames;
	size_t shift[2] = { strlen(lines[0]), strlen(lines[1]) };
	/* After the three-way handshake, every sequence number moves past the preamble; so do ACKs. */
	ck_assert(f->items[2].from_client && !f->items[2].len);
	for (size_t i = 3; i < f->count; i++) {
		struct frame *fr = &f->items[i];
		int from = fr->from_client ? 0 : 1;
		set32(fr->tcp + 4, get32(fr->tcp + 4) + (uint32_t)shift[from]);
		set32(fr->tcp + 8, get32(fr->tcp + 8) + (uint32_t)shift[!from]);
	}
	/* The preamble: the server's greeting, then the client's request, both PSH ACK. */
	const struct frame ack = f->items[2];
	ARRAY_GROW(f->items, f->count + 1, f->cap);
	memmove(&f->items[5], &f->items[3], (f->count - 3) * sizeof(*f->items));
	f->count += 2;
	for (int k = 0; k < 2; k++) {
		struct frame *fr = &f->items[3 + k];
		bool client = k == 1;
		memset(fr, 0, sizeof(*fr));
		fr->from_client = client;
		fr->time_ns = ack.time_ns + (uint64_t)k + 1;
		memcpy(fr->tcp, ack.tcp + (client ? 0 : 2), 2); /* ports, the server's reversed */
		memcpy(fr->tcp + 2, ack.tcp + (client ? 2 : 0), 2);
		set32(fr->tcp + 4, client ? get32(ack.tcp + 4) : get32(ack.tcp + 8));
		set32(fr->tcp + 8, client ? get32(ack.tcp + 8) + (uint32_t)shift[1]
					  : get32(ack.tcp + 4));
		fr->tcp[12] = 0x50; /* 5 words */
		fr->tcp[13] = 0x18; /* PSH ACK */
		fr->tcp[14] = 0xff;
		fr->tcp_len = 20;
		fr->len = strlen(lines[client ? 0 : 1]);
		memcpy(fr->payload, lines[client ? 0 : 1], fr->len);
	}
	struct opened o;
	struct trace t;
	open_frames(f, ENCAP_ETHERNET, &s.keys, &o, &t);
	ck_assert_uint_eq(o.conns[0].preamble[0], shift[0]);
	ck_assert_uint_eq(o.conns[0].preamble[1], shift[1]);
	ck_assert_ptr_nonnull(strstr(t.capture.notes, "STARTTLS"));
	assert_same_messages(&s.t, 0, &t, "STARTTLS");
	release_traces(&o, &t, 1);
	sample_release(&s);
}
END_TEST

/* A TCP stream that carries no TLS is listed with what it carries, and skipped. */
START_TEST(a_stream_without_tls)
{
	struct sample s;
	sample_init(&s, "tls13");
	struct frames *f = &s.frames;
	for (size_t i = 0; i < f->count; i++)
		if (f->items[i].len)
			memset(f->items[i].payload, 'A', f->items[i].len);
	struct buf pcap = BUF_INIT;
	frames_write(f, ENCAP_ETHERNET, &pcap);
	struct opened o;
	char why[300];
	ck_assert_int_eq(open_capture(pcap.data, pcap.len, NULL, &o, why, sizeof(why)), 0);
	ck_assert_uint_eq(o.count, 1);
	ck_assert(!o.conns[0].tls);
	ck_assert_str_eq(o.conns[0].why_skipped, "no TLS records (it begins \"AAAAAAAAAAAAAAAAAAAA\")");
	open_release(&o);
	buf_release(&pcap);
	sample_release(&s);
}
END_TEST

/* Where each record (packet or block) of a capture file ends, for the truncations. */
static size_t record_ends(const struct buf *file, size_t *ends, size_t max)
{
	size_t n = 0, at;
	bool pcapng = file->len >= 4 && !memcmp(file->data, "\x0a\x0d\x0d\x0a", 4);
	bool little = pcapng ? file->data[8] == 0x4d : file->data[0] == 0xd4;
	for (at = pcapng ? 0 : 24; at + (pcapng ? 8 : 16) <= file->len && n < max;) {
		const uint8_t *p = file->data + at + (pcapng ? 4 : 8);
		uint32_t v = little ? (uint32_t)p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24
				    : (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
		at += pcapng ? v : 16 + v;
		ends[n++] = at;
	}
	return n;
}

/*
 * Every truncation of a capture opens to what it holds: the packets before
 * the cut, and an error saying where reading stopped, unless the cut falls
 * between two packets.
 */
static void truncations(const struct buf *file, const struct buf *keys)
{
	size_t ends[4096];
	size_t n = record_ends(file, ends + 1, 4095) + 1, next = 0;
	ends[0] = file->len >= 4 && !memcmp(file->data, "\x0a\x0d\x0d\x0a", 4) ? 0 : 24;
	unsigned last_packets = 0;
	for (size_t cut = 0; cut <= file->len; cut++) {
		struct opened o;
		char why[300] = "";
		struct open_options opts = { .keylog_text = (const char *)keys->data,
					     .keylog_len = keys->len };
		while (next < n && ends[next] < cut)
			next++;
		bool boundary = next < n && ends[next] == cut;
		if (open_capture(file->data, cut, &opts, &o, why, sizeof(why)) != 0) {
			/* Only a file whose header is cut short cannot be opened at all. */
			/* libpcap needs the file's header (pcapng: its first interface) whole. */
			ck_assert_msg(cut < ends[ends[0] ? 0 : 2], "cut %zu: %s", cut, why);
			ck_assert_ptr_nonnull(strstr(why, "not a pcap or pcapng capture"));
			open_release(&o);
			continue;
		}
		ck_assert_msg(boundary || cut == file->len || o.error[0], "cut %zu: no error", cut);
		if (o.error[0])
			ck_assert_ptr_nonnull(strstr(o.error, "reading stopped after packet"));
		ck_assert_uint_ge(o.packets, last_packets);
		last_packets = o.packets;
		for (size_t i = 0; i < o.count; i++)
			if (o.conns[i].tls) {
				struct trace t;
				trace_build(&t, &o.conns[i].capture, "cut", "", "");
				trace_release(&t);
			}
		open_release(&o);
	}
	ck_assert_uint_gt(last_packets, 0);
}

START_TEST(every_truncation)
{
	struct trace t;
	scenario_trace("tls13", &t);
	struct buf pcap = BUF_INIT, keys = BUF_INIT;
	export_to(&t, export_pcap, &pcap);
	export_to(&t, export_keylog, &keys);
	truncations(&pcap, &keys);
	buf_release(&pcap);
	buf_release(&keys);
	trace_release(&t);
	struct buf shared = BUF_INIT, none = BUF_INIT;
	if (!read_whole_file(CAPTURES "/ws-tls12-dsb.pcapng", &shared)) {
		printf("open: %s not found: its truncations are not checked\n", CAPTURES);
	} else {
		truncations(&shared, &none);
	}
	buf_release(&shared);
}
END_TEST

/* Not a capture, an empty file, a link type tlsviz does not read: one reason each. */
START_TEST(not_a_capture)
{
	struct opened o;
	char why[300];
	ck_assert_int_eq(open_capture((const uint8_t *)"hello", 5, NULL, &o, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "not a pcap or pcapng capture"));
	open_release(&o);
	ck_assert_int_eq(open_capture(NULL, 0, NULL, &o, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "empty"));
	open_release(&o);
	/* IEEE 802.11 (105): a header of 24 bytes and more, not one tlsviz peels. */
	pcap_t *dead = pcap_open_dead(105, 65535);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	pcap_dump_close(pcap_dump_fopen(dead, f));
	pcap_close(dead);
	ck_assert_int_eq(open_capture((uint8_t *)text, len, NULL, &o, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "link type"));
	open_release(&o);
	free(text);
}
END_TEST

/*
 * The real captures of ../shared/captures/ (MANIFEST.md: each file, its key
 * material and the tshark options that decrypt it), against tshark: per
 * connection, the handshake messages in order. Where tlsviz says why it
 * does not decrypt (SSL 3.0, TLS 1.0/1.1, a draft), its messages are the
 * part of tshark's it can read, in tshark's order.
 */
struct manifest_row {
	char file[128];
	char options[256];
};

static size_t manifest_rows(struct manifest_row *rows, size_t max)
{
	struct buf text = BUF_INIT;
	size_t n = 0;
	if (!read_whole_file(CAPTURES "/MANIFEST.md", &text)) {
		buf_release(&text);
		return 0;
	}
	for (char *line = (char *)text.data; line && *line && n < max;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		/* | # | `file` (sha) | keys | ... | `tshark options` | */
		char *file = strstr(line, "| `");
		char *last = strrchr(line, '|');
		char *options = NULL;
		if (file && last && last > line) {
			*last = 0;
			options = strrchr(line, '|');
		}
		if (!strncmp(line, "| ", 2) && file && options && file < options) {
			char *close = strchr(file + 3, '`');
			if (close && close - (file + 3) < (long)sizeof(rows[n].file)) {
				snprintf(rows[n].file, sizeof(rows[n].file), "%.*s",
					 (int)(close - (file + 3)), file + 3);
				char *o = strchr(options, '`');
				char *oe = o ? strchr(o + 1, '`') : NULL;
				snprintf(rows[n].options, sizeof(rows[n].options), "%.*s",
					 o && oe ? (int)(oe - o - 1) : 0, o ? o + 1 : "");
				n++;
			}
		}
		line = end ? end + 1 : NULL;
	}
	buf_release(&text);
	return n;
}

/* The value after `key` in tshark options, up to a space: its last comma-separated part. */
static bool option_file(const char *options, const char *key, char *out, size_t len)
{
	const char *at = strstr(options, key);
	if (!at)
		return false;
	at += strlen(key);
	size_t n = strcspn(at, " ");
	const char *comma = at;
	for (const char *p = at; p < at + n; p++)
		if (*p == ',')
			comma = p + 1;
	snprintf(out, len, "%s/%.*s", CAPTURES, (int)(at + n - comma), comma);
	return true;
}

struct tshark_connection {
	unsigned ports[2];
	uint8_t types[256];
	size_t count;
};

/* tshark's handshake types of each TCP connection of `file`, by its ports. */
static size_t tshark_handshakes(const struct manifest_row *row, struct tshark_connection *out,
				size_t max)
{
	char command[1024];
	snprintf(command, sizeof(command),
		 "cd '%s' && tshark -r '%s' %s -T fields -e tcp.srcport -e tcp.dstport "
		 "-e tls.handshake.type -Y tls 2>/dev/null",
		 CAPTURES, row->file, row->options);
	FILE *p = popen(command, "r");
	ck_assert_ptr_nonnull(p);
	char line[4096];
	size_t n = 0;
	while (fgets(line, sizeof(line), p)) {
		unsigned a, b;
		int used = 0;
		if (sscanf(line, "%u\t%u%n", &a, &b, &used) != 2)
			continue; /* not TCP: DTLS, QUIC */
		size_t c = 0;
		while (c < n && !((out[c].ports[0] == a && out[c].ports[1] == b) ||
				  (out[c].ports[0] == b && out[c].ports[1] == a)))
			c++;
		if (c == n && n < max)
			out[n++] = (struct tshark_connection){ { a, b }, { 0 }, 0 };
		if (c == n)
			continue;
		for (char *t = line + used; *t && *t != '\n';) {
			char *end;
			long v = strtol(t + (*t == '\t' || *t == ','), &end, 10);
			if (end == t + (*t == '\t' || *t == ','))
				break;
			if (out[c].count < sizeof(out[c].types))
				out[c].types[out[c].count++] = (uint8_t)v;
			t = end;
		}
	}
	ck_assert_int_eq(pclose(p), 0);
	return n;
}

/* Whether <a, na> appears within <b, nb> in order (a subsequence of it). */
static bool subsequence(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	size_t i = 0;
	for (size_t j = 0; j < nb && i < na; j++)
		i += a[i] == b[j];
	return i == na;
}

static void compare_with_tshark(const struct manifest_row *row)
{
	char path[512], keylog[512], rsa[512];
	snprintf(path, sizeof(path), "%s/%s", CAPTURES, row->file);
	struct buf file = BUF_INIT, keys = BUF_INIT, pem = BUF_INIT, der = BUF_INIT;
	ck_assert_msg(read_whole_file(path, &file), "%s", path);
	if (option_file(row->options, "tls.keylog_file:", keylog, sizeof(keylog)))
		ck_assert(read_whole_file(keylog, &keys));
	if (option_file(row->options, "keys_list:", rsa, sizeof(rsa))) {
		ck_assert(read_whole_file(rsa, &pem));
		ck_assert(open_pem_key((const char *)pem.data, pem.len, &der));
	}
	struct tshark_connection theirs[128];
	size_t their_count = tshark_handshakes(row, theirs, 128);
	struct opened o;
	char why[300];
	struct open_options opts = { .keylog_text = (const char *)keys.data, .keylog_len = keys.len,
				     .rsa_key_der = der.len ? der.data : NULL,
				     .rsa_key_len = der.len };
	ck_assert_msg(open_capture(file.data, file.len, &opts, &o, why, sizeof(why)) == 0, "%s: %s",
		      row->file, why);
	ck_assert_msg(!o.error[0], "%s: %s", row->file, o.error);
	for (size_t i = 0; i < o.count; i++) {
		struct opened_connection *c = &o.conns[i];
		const struct tshark_connection *their = NULL;
		for (size_t k = 0; k < their_count; k++)
			if ((theirs[k].ports[0] == c->port[0] && theirs[k].ports[1] == c->port[1]) ||
			    (theirs[k].ports[1] == c->port[0] && theirs[k].ports[0] == c->port[1]))
				their = &theirs[k];
		if (c->udp && c->tls)
			continue; /* DTLS, which tshark dissects apart: dtls_captures_match_tshark */
		if (!c->tls) {
			/* What tshark reads as TLS over TCP, tlsviz reads too, but SSL 2.0. */
			ck_assert_msg(c->why_skipped[0], "%s: connection %u", row->file, c->number);
			ck_assert_msg(c->udp || !their || !their->count ||
					      strstr(c->why_skipped, "SSL 2.0"),
				      "%s: connection %u: %s", row->file, c->number, c->why_skipped);
			continue;
		}
		struct trace t;
		trace_build(&t, &c->capture, "shared", "", "");
		uint8_t ours[256];
		size_t count = 0;
		for (size_t m = 0; m < t.message_count && count < sizeof(ours); m++)
			if (t.messages[m].kind == MESSAGE_HANDSHAKE)
				ours[count++] = t.messages[m].type;
		ck_assert_msg(their, "%s: connection %u is not tshark's", row->file, c->number);
		ck_assert_msg(!t.error[0], "%s: connection %u: %s", row->file, c->number, t.error);
		if (t.unopened[0])
			ck_assert_msg(subsequence(ours, count, their->types, their->count),
				      "%s: connection %u: not within tshark's (%s)", row->file,
				      c->number, t.unopened);
		else
			ck_assert_msg(count == their->count && !memcmp(ours, their->types, count),
				      "%s: connection %u: %zu handshake messages, tshark %zu", row->file,
				      c->number, count, their->count);
		/* Every captured segment decodes, its options too (MSS, SACK, timestamps...). */
		for (size_t k = 0; k < t.tcp.count; k++) {
			struct field *f = decode_segment(&t, &t.tcp.segments[k]);
			ck_assert_msg(!field_has_error(f), "%s: connection %u: segment %zu", row->file,
				      c->number, k);
			field_free(f);
		}
		/* Where tshark decrypted both Finished messages, tlsviz verified both. */
		unsigned finished = 0;
		for (size_t k = 0; k < their->count; k++)
			finished += their->types[k] == 20;
		if (finished >= 2 && !t.unopened[0])
			ck_assert_msg(t.conns[0].finished_verified[0] && t.conns[0].finished_verified[1],
				      "%s: connection %u: a Finished is not verified", row->file,
				      c->number);
		trace_release(&t);
	}
	open_release(&o);
	buf_release(&file);
	buf_release(&keys);
	buf_release(&pem);
	buf_release(&der);
}

START_TEST(shared_captures_match_tshark)
{
	static struct manifest_row rows[200];
	size_t n = manifest_rows(rows, 200);
	if (!n) {
		printf("open: %s/MANIFEST.md not found: the real captures are not checked\n",
		       CAPTURES);
		return;
	}
	if (system("tshark --version >/dev/null 2>&1") != 0) {
		printf("open: tshark not found: the real captures are not checked against it\n");
		return;
	}
	unsigned checked = 0;
	for (size_t i = 0; i < n; i++) {
		/* PSK suites without a key log need tshark's own PSK option: not tlsviz's. */
		if (strstr(rows[i].options, "psk:"))
			continue;
		compare_with_tshark(&rows[i]);
		checked++;
	}
	ck_assert_uint_gt(checked, 20);
}
END_TEST

/* Runs `tlsviz ARGS` (a shell's words), keeping what it writes; its exit status. */
static int cli(const char *args, struct buf *out, struct buf *err)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_msg(bin != NULL, "TLSVIZ must name the binary under test");
	char out_path[] = "/tmp/tlsviz-open-out.XXXXXX", err_path[] = "/tmp/tlsviz-open-err.XXXXXX";
	int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
	ck_assert(out_fd >= 0 && err_fd >= 0);
	close(out_fd);
	close(err_fd);
	struct buf command = BUF_INIT;
	buf_printf(&command, "%s %s >%s 2>%s", bin, args, out_path, err_path);
	int status = system((const char *)command.data);
	buf_release(&command);
	ck_assert(read_whole_file(out_path, out) && read_whole_file(err_path, err));
	unlink(out_path);
	unlink(err_path);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* A scenario's pcap and key log written to files named after `stem`; `len` cuts the pcap. */
static void write_sample(const char *scenario, const char *stem, size_t cut)
{
	struct trace t;
	scenario_trace(scenario, &t);
	struct buf pcap = BUF_INIT, keys = BUF_INIT;
	export_to(&t, export_pcap, &pcap);
	export_to(&t, export_keylog, &keys);
	char path[256];
	snprintf(path, sizeof(path), "%s.pcap", stem);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(pcap.data, 1, cut && cut < pcap.len ? cut : pcap.len, f);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(path, sizeof(path), "%s.keys", stem);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(keys.data, 1, keys.len, f);
	fputs("CLIENT_RANDOM 00000000000000000000000000000000000000000000000000000000000000ff "
	      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	      "000102030405060708090a0b0c0d0e0f\nnot a key log line\n",
	      f);
	ck_assert_int_eq(fclose(f), 0);
	buf_release(&pcap);
	buf_release(&keys);
	trace_release(&t);
}

START_TEST(command_line)
{
	char stem[64], args[512];
	snprintf(stem, sizeof(stem), "/tmp/tlsviz-open-%d", (int)getpid());
	write_sample("tls13-resume", stem, 0);
	struct buf out = BUF_INIT, err = BUF_INIT;
	/* Both connections, as one JSON array; the key log's strangers are reported. */
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys --export json", stem, stem);
	ck_assert_int_eq(cli(args, &out, &err), 0);
	ck_assert_msg(out.data[0] == '[' && strstr((char *)out.data, "\"scenario\": \"connection 2\""),
		      "%.200s", out.data);
	ck_assert_ptr_nonnull(strstr((char *)err.data, "tlsviz: key log: 1 of "));
	ck_assert_ptr_nonnull(strstr((char *)err.data, "lines are not NSS key log lines (the first"));
	out.len = err.len = 0;
	/* The list of its connections. */
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys --list", stem, stem);
	ck_assert_int_eq(cli(args, &out, &err), 0);
	ck_assert_msg(strstr((char *)out.data, "  1  192.0.2.1:49152 -> 198.51.100.1:443  "
					       "www.example.com, TLS 1.3, TLS_AES_128_GCM_SHA256, "
					       "complete\n  2 (resumes 1)  192.0.2.1:49153"),
		      "%s", out.data);
	out.len = err.len = 0;
	/* One of them, as text: the diagram of the resumed connection. */
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys --connection 2 --export text",
		 stem, stem);
	ck_assert_int_eq(cli(args, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr((char *)out.data, "connection 2: TLS 1.3"));
	ck_assert_ptr_nonnull(strstr((char *)out.data, "TCP as captured"));
	out.len = err.len = 0;
	/* Mermaid in Markdown: a diagram per connection. */
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys --export mermaid -o %s.md",
		 stem, stem, stem);
	ck_assert_int_eq(cli(args, &out, &err), 0);
	snprintf(args, sizeof(args), "%s.md", stem);
	ck_assert(read_whole_file(args, &out));
	ck_assert_msg(!strncmp((char *)out.data, "```mermaid\nsequenceDiagram\n", 27) &&
			      strstr((char *)out.data, "```\n\n```mermaid\nsequenceDiagram\n"),
		      "%s", out.data);
	unlink(args);
	out.len = err.len = 0;
	/* Without the key log: ciphertext, and why. */
	snprintf(args, sizeof(args), "--open %s.pcap --connection 1 --export text", stem);
	ck_assert_int_eq(cli(args, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr((char *)err.data, "ciphertext only: no key log line "
						       "CLIENT_HANDSHAKE_TRAFFIC_SECRET for client random"));
	ck_assert_ptr_nonnull(strstr((char *)out.data, "Ciphertext only: no key log line"));
	out.len = err.len = 0;
	/* Mistakes: one line each, exit 2. */
	static const struct {
		const char *args;
		const char *says;
	} mistakes[] = {
		{ "--open %s.pcap --connection 9 --export text", "holds 2 connections" },
		{ "--open %s.pcap --export pcap", "--export pcap writes one connection" },
		{ "--open %s.pcap --export mermaid", "write Markdown (-o NAME.md), a diagram per" },
		{ "--open %s.keys", "not a pcap or pcapng capture" },
		{ "--open %s.missing", "cannot open" },
		{ "--open /dev/zero%.0s", "cannot read /dev/zero: it is not a file" },
		{ "--open %s.pcap --keylog /tmp", "the key log: cannot read /tmp: it is a directory" },
		{ "--open %s.pcap --rsa-key %s.keys --export text", "no PEM private key" },
		{ "--keylog %s.keys", "go with --open FILE" },
		{ "--open %s.pcap -s tls13", "leave out -s" },
		{ "--open %s.pcap --connection 0", "--connection needs a connection's number" },
	};
	for (size_t i = 0; i < sizeof(mistakes) / sizeof(mistakes[0]); i++) {
		snprintf(args, sizeof(args), mistakes[i].args, stem, stem);
		ck_assert_msg(cli(args, &out, &err) == 2, "%s", args);
		ck_assert_msg(strstr((char *)err.data, mistakes[i].says) &&
				      !strncmp((char *)err.data, "tlsviz: ", 8),
			      "%s: %s", args, err.data);
		out.len = err.len = 0;
	}
	/* A truncated capture: what it holds, and where it stopped. */
	write_sample("tls13", stem, 3000);
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys --export text", stem, stem);
	ck_assert_int_eq(cli(args, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr((char *)out.data, "ClientHello"));
	ck_assert_ptr_nonnull(strstr((char *)err.data, "reading stopped after packet"));
	for (const char *ext = ".pcap"; ext; ext = strcmp(ext, ".pcap") ? NULL : ".keys") {
		snprintf(args, sizeof(args), "%s%s", stem, ext);
		unlink(args);
	}
	buf_release(&out);
	buf_release(&err);
}
END_TEST

struct screen_step {
	const char *keys; /* tmux send-keys arguments typed first, or NULL */
	const char *shows;
};

/*
 * Runs `tlsviz ARGS` in tmux (`columns` x `rows`) and goes through `steps`:
 * each waits, at most 8 seconds, until the screen shows its text.
 */
static void viewer_steps_at(int columns, int rows, const char *args,
			    const struct screen_step *steps, size_t count)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_msg(bin != NULL, "TLSVIZ must name the binary under test");
	char command[1200], sock[64], path[96];
	snprintf(sock, sizeof(sock), "tlsviz-open-%d", (int)getpid());
	snprintf(path, sizeof(path), "/tmp/tlsviz-open-screen-%d", (int)getpid());
	snprintf(command, sizeof(command),
		 "tmux -L %s -f /dev/null new-session -d -s ui -x %d -y %d "
		 "'LANG=C.UTF-8 %s %s 2>/dev/null'",
		 sock, columns, rows, bin, args);
	ck_assert_int_eq(system(command), 0);
	struct buf screen = BUF_INIT;
	for (size_t i = 0; i < count; i++) {
		if (steps[i].keys) {
			snprintf(command, sizeof(command), "tmux -L %s send-keys -t ui %s", sock,
				 steps[i].keys);
			ck_assert_int_eq(system(command), 0);
		}
		bool seen = false;
		for (int tries = 0; tries < 80 && !seen; tries++) {
			snprintf(command, sizeof(command), "tmux -L %s capture-pane -p -t ui > %s", sock,
				 path);
			screen.len = 0;
			if (system(command) == 0 && read_whole_file(path, &screen))
				seen = strstr((char *)screen.data, steps[i].shows) != NULL;
			if (!seen)
				nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
		}
		unlink(path);
		if (!seen) {
			snprintf(command, sizeof(command), "tmux -L %s kill-server", sock);
			ck_assert_int_eq(system(command), 0);
		}
		ck_assert_msg(seen, "step %zu: no '%s' on the screen:\n%.3000s", i, steps[i].shows,
			      screen.data);
	}
	snprintf(command, sizeof(command), "tmux -L %s kill-server", sock);
	ck_assert_int_eq(system(command), 0);
	buf_release(&screen);
}

static void viewer_steps(const char *args, const struct screen_step *steps, size_t count)
{
	viewer_steps_at(160, 40, args, steps, count);
}

static void remove_sample(const char *stem)
{
	char path[96];
	snprintf(path, sizeof(path), "%s.pcap", stem);
	unlink(path);
	snprintf(path, sizeof(path), "%s.keys", stem);
	unlink(path);
}

/* The viewer on a capture of two connections: their list first; Enter opens one, s lists them. */
START_TEST(viewer_lists_connections)
{
	char stem[64], args[256];
	snprintf(stem, sizeof(stem), "/tmp/tlsviz-open-ui-%d", (int)getpid());
	write_sample("tls12-resume-ticket", stem, 0);
	snprintf(args, sizeof(args), "--open %s.pcap --keylog %s.keys", stem, stem);
	static const struct screen_step steps[] = {
		{ NULL, "Connections of the capture" },
		{ NULL, "2 (resumes 1)  192.0.2.1:49153 -> 198.51.100.1:443  www.example.com, "
			"TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, complete, resumed" },
		{ "Down Enter", "connection 2 | step 1/" },
		{ "s", "Connections of the capture" },
	};
	viewer_steps(args, steps, sizeof(steps) / sizeof(steps[0]));
	remove_sample(stem);
}
END_TEST

/*
 * The viewer at 80x24 on QUIC Initial packets of tlsviz's own making: the
 * ClientHello, under the Initial keys; x shows the packet it came in, its
 * header unmasked; and on to the ServerHello, where the connection is
 * said to be unverified (not failed).
 */
static void temporary(const struct buf *b, const char *suffix, char *path, size_t len);

START_TEST(viewer_steps_through_quic)
{
	struct buf seed = BUF_INIT, pcap = BUF_INIT;
	ck_assert(read_whole_file(TLSVIZ_SOURCE_DIR "/tests/fuzz/corpus/open/quic-0", &seed));
	buf_append(&pcap, seed.data + 1, seed.len - 1);
	char path[96], args[160];
	temporary(&pcap, "-quic.pcap", path, sizeof(path));
	snprintf(args, sizeof(args), "--open %s", path);
	static const struct screen_step steps[] = {
		{ NULL, "step 1/2 client->server ClientHello" },
		{ NULL, "keys: client_initial_secret, from the client's Destination Connection ID" },
		{ NULL, "in CRYPTO frames of its Initial" },
		{ "x", "packet of ClientHello  (client -> server, ciphertext)" },
		{ NULL, "Initial packet" },
		{ "Tab j", "first_byte: 0x" },
		{ "x n", "step 2/2 server->client ServerHello" },
		{ NULL, "QUIC handshake" },
		/* Not "failed": no alert says so; without keys it stays unverified. */
		{ NULL, "unverified: no key log line CLIENT_HANDSHAKE_TRAFFIC_SECRET" },
	};
	viewer_steps_at(80, 24, args, steps, sizeof(steps) / sizeof(steps[0]));
	unlink(path);
	buf_release(&seed);
	buf_release(&pcap);
}
END_TEST

/* The scenario chooser's last entry opens a capture file, with its key log. */
START_TEST(viewer_opens_a_file)
{
	char stem[64], keys[400];
	snprintf(stem, sizeof(stem), "/tmp/tlsviz-open-chooser-%d", (int)getpid());
	write_sample("tls13", stem, 0);
	/* Down past every scenario and lesson, to "open a file...", then the path and the key log's. */
	struct lesson_entry *lessons;
	size_t lesson_count = lesson_list(TLSVIZ_SOURCE_DIR "/lessons", &lessons);
	lesson_list_release(lessons, lesson_count);
	struct buf downs = BUF_INIT;
	for (size_t i = 0; i < scenario_count + lesson_count; i++)
		buf_printf(&downs, " Down");
	snprintf(keys, sizeof(keys), "-l '%s.pcap %s.keys'", stem, stem);
	const struct screen_step steps[] = {
		{ NULL, "step 1/19 client->server SYN" },
		{ "s", "Scenarios, lessons, a capture (Enter runs" },
		{ (const char *)downs.data, "open a file..." },
		{ "Enter", "Open a capture (FILE [KEYLOG]" },
		{ keys, ".keys" },
		{ "Enter", "connection 1 | step 1/" },
		{ NULL, "SYN  (client -> server, captured TCP)" },
	};
	viewer_steps("", steps, sizeof(steps) / sizeof(steps[0]));
	buf_release(&downs);
	remove_sample(stem);
}
END_TEST

/*
 * An opened capture's JSON against the repository's schema, each connection
 * of the array: a scenario's own capture (every segment in order), a shared
 * capture whose segments the reassembly marks (a STARTTLS preamble), a
 * DTLS one (no TCP: its events are the datagrams' records and messages), and
 * a QUIC one beside a TCP connection.
 */
START_TEST(opened_json_matches_the_schema)
{
	static const char check[] =
		"import json, sys, jsonschema\n"
		"schema = json.load(open(sys.argv[1]))\n"
		"docs = json.load(open(sys.argv[2]))\n"
		"docs = docs if isinstance(docs, list) else [docs]\n"
		"notes = set()\n"
		"for doc in docs:\n"
		"    jsonschema.Draft202012Validator(schema).validate(doc)\n"
		"    want = 'none: DTLS' if 'DTLS' in doc['title'] else 'none: QUIC' if 'QUIC' in "
		"doc['title'] else 'captured'\n"
		"    assert doc['tcp'].startswith(want), doc['tcp']\n"
		"    packets = [e['name'] for e in doc['events'] if e['layer'] == 'record']\n"
		"    assert want != 'none: QUIC' or all(n.endswith(' packet') for n in packets), packets\n"
		"    for e in doc['events']:\n"
		"        if 'tcp' in e:\n"
		"            notes.add(e['tcp']['captured'])\n"
		"            assert int(e['tcp']['header'][32:36], 16) == e['tcp']['checksum'], e\n"
		"print(len(docs), ' '.join(sorted(notes)))\n";
	if (system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") != 0) {
		fprintf(stderr, "note: python3-jsonschema is missing: no JSON Schema check\n");
		return;
	}
	char stem[64];
	snprintf(stem, sizeof(stem), "/tmp/tlsviz-open-schema-%d", (int)getpid());
	write_sample("tls13-resume", stem, 0);
	static const struct {
		const char *open, *keylog, *prints;
	} cases[] = {
		{ "%s.pcap", "%s.keys", "2 in_order" },
		{ CAPTURES "/zeek-smtp-starttls.pcap", NULL, "1 before_tls in_order" },
		{ CAPTURES "/hotplace-dtls12.pcapng", CAPTURES "/hotplace-dtls12.keys", "1 " },
		/* QUIC, with a TCP connection beside it, its keys in a key log */
		{ CAPTURES "/hotplace-http3.pcapng", CAPTURES "/hotplace-http3.keys", "2 " },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[256], args[600], json[96];
		snprintf(path, sizeof(path), cases[i].open, stem);
		if (access(path, R_OK) != 0) {
			fprintf(stderr, "note: %s is missing: skipped\n", path);
			continue;
		}
		snprintf(json, sizeof(json), "%s.json", stem);
		int n = snprintf(args, sizeof(args), "--open %s --export json -o %s", path, json);
		if (cases[i].keylog) {
			snprintf(args + n, sizeof(args) - (size_t)n, " --keylog ");
			snprintf(args + strlen(args), sizeof(args) - strlen(args), cases[i].keylog, stem);
		}
		struct buf out = BUF_INIT, err = BUF_INIT, command = BUF_INIT;
		ck_assert_msg(cli(args, &out, &err) == 0, "%s: %s", args, err.data);
		buf_printf(&command,
			   "/usr/bin/python3 -c \"%s\" %s/src/export/trace.schema.json %s 2>&1", check,
			   TLSVIZ_SOURCE_DIR, json);
		out.len = 0;
		ck_assert_msg(shell_output((char *)command.data, &out) == 0, "%s: %s", path,
			      (char *)out.data);
		ck_assert_msg(strstr((char *)out.data, cases[i].prints), "%s: %s", path,
			      (char *)out.data);
		unlink(json);
		buf_release(&out);
		buf_release(&err);
		buf_release(&command);
	}
	remove_sample(stem);
}
END_TEST

/*
 * A connection of a real capture, re-exported as pcap and pcapng, is that
 * connection as captured: tshark reads in each the same frames as in the
 * original (addresses, IPv4 TTL and id, IPv6 flow label, ports, raw
 * sequence numbers, flags, payload and its bytes, time to the nanosecond),
 * decrypts the pcapng's handshake with no key option (its DSB) as it does
 * the original with its keys, and tlsviz opens it to the same messages. Its
 * key log lines are the original key log's own.
 */
#define REEXPORT_FIELDS                                                                       \
	" -T fields -e ip.src -e ipv6.src -e ip.dst -e ipv6.dst -e ip.ttl -e ip.id -e ipv6.flow " \
	"-e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.flags -e tcp.len "    \
	"-e tcp.payload -e frame.time_epoch"

static void tshark_lines(const char *file, const char *options, const char *filter,
			 const char *fields, struct buf *out)
{
	struct buf command = BUF_INIT;
	/* The manifest's options name key files relative to the captures' folder. */
	buf_printf(&command, "cd '%s' && tshark -r '%s' %s %s%s%s %s 2>/dev/null", CAPTURES, file,
		   options,
		   filter ? "-Y '" : "", filter ? filter : "", filter ? "'" : "", fields);
	out->len = 0;
	ck_assert_msg(shell_output((char *)command.data, out) == 0, "%s", (char *)command.data);
	buf_append(out, "", 1);
	buf_release(&command);
}

/* A temporary file holding `b`; its path in `path`. */
static void temporary(const struct buf *b, const char *suffix, char *path, size_t len)
{
	snprintf(path, len, "/tmp/tlsviz-reexport-%d%s", (int)getpid(), suffix);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b->data, 1, b->len, f), b->len);
	ck_assert_int_eq(fclose(f), 0);
}

/* "1568054753.709795" as nanoseconds since the epoch. */
static long long epoch_ns(const char *at)
{
	char *end;
	long long seconds = strtoll(at, &end, 10), fraction = 0;
	int digits = 0;
	if (*end == '.')
		for (end++; *end >= '0' && *end <= '9'; end++, digits++)
			fraction = fraction * 10 + (*end - '0');
	for (; digits < 9; digits++)
		fraction *= 10;
	return seconds * 1000000000LL + fraction;
}

/* The nanoseconds since the epoch of capinfos' "First/Last packet time" line `which`. */
static long long capinfos_time(const char *file, const char *which)
{
	struct buf command = BUF_INIT, out = BUF_INIT;
	buf_printf(&command, "capinfos -a -e -S '%s' 2>/dev/null", file);
	ck_assert_int_eq(shell_output((char *)command.data, &out), 0);
	buf_append(&out, "", 1);
	const char *at = strstr((char *)out.data, which);
	ck_assert_msg(at, "%s: no %s in %s", file, which, (char *)out.data);
	long long ns = epoch_ns(strchr(at, ':') + 1);
	buf_release(&command);
	buf_release(&out);
	return ns;
}

/* The last field of line `line` of tshark's fields (frame.time_epoch), in nanoseconds. */
static long long last_field_ns(const char *line)
{
	const char *tab = NULL;
	for (const char *p = line; *p && *p != '\n'; p++)
		if (*p == '\t')
			tab = p;
	ck_assert_ptr_nonnull(tab);
	return epoch_ns(tab + 1);
}

/* Options without the ones naming key material: what decodes (-d) but does not decrypt. */
static void decode_only(const char *options, char *out, size_t len)
{
	out[0] = 0;
	const char *d = strstr(options, "-d ");
	if (d)
		snprintf(out, len, "%.*s", (int)strcspn(d + 3, " ") + 3, d);
}

static void reexport_matches(const char *file, const char *options, const char *keylog,
			     const char *rsa_key)
{
	char path[512], keylog_path[512], rsa_path[512];
	snprintf(path, sizeof(path), "%s/%s", CAPTURES, file);
	struct buf bytes = BUF_INIT, keys = BUF_INIT, pem = BUF_INIT, der = BUF_INIT;
	if (!read_whole_file(path, &bytes)) {
		fprintf(stderr, "note: %s is missing: skipped\n", path);
		buf_release(&bytes);
		return;
	}
	if (keylog) {
		snprintf(keylog_path, sizeof(keylog_path), "%s/%s", CAPTURES, keylog);
		ck_assert(read_whole_file(keylog_path, &keys));
		buf_append(&keys, "", 1);
		keys.len--;
	}
	if (rsa_key) {
		snprintf(rsa_path, sizeof(rsa_path), "%s/%s", CAPTURES, rsa_key);
		ck_assert(read_whole_file(rsa_path, &pem));
		ck_assert(open_pem_key((const char *)pem.data, pem.len, &der));
	}
	char original_options[1024], decode[256];
	snprintf(original_options, sizeof(original_options), "%s", options);
	decode_only(options, decode, sizeof(decode));
	struct opened o;
	char why[300];
	struct open_options opts = { .keylog_text = keys.len ? (const char *)keys.data : NULL,
				     .keylog_len = keys.len,
				     .rsa_key_der = der.len ? der.data : NULL,
				     .rsa_key_len = der.len };
	ck_assert_msg(open_capture(bytes.data, bytes.len, &opts, &o, why, sizeof(why)) == 0, "%s",
		      why);
	unsigned checked = 0;
	for (size_t i = 0; i < o.count; i++) {
		if (!o.conns[i].tls)
			continue;
		struct trace t;
		trace_build(&t, &o.conns[i].capture, "shared", "", "");
		struct buf pcap = BUF_INIT, pcapng = BUF_INIT, lines = BUF_INIT;
		export_to(&t, export_pcap, &pcap);
		export_to(&t, export_pcapng, &pcapng);
		export_to(&t, export_keylog, &lines);
		char pcap_path[128], pcapng_path[128];
		temporary(&pcap, ".pcap", pcap_path, sizeof(pcap_path));
		temporary(&pcapng, ".pcapng", pcapng_path, sizeof(pcapng_path));

		/* The same frames: the original's of this connection (its tcp.stream). */
		char filter[128];
		struct buf stream = BUF_INIT, theirs = BUF_INIT, ours = BUF_INIT;
		uint16_t ports[2];
		trace_ports(&t, 0, ports);
		snprintf(filter, sizeof(filter), "tcp.srcport==%u && tcp.dstport==%u", ports[0],
			 ports[1]);
		tshark_lines(path, "", filter, "-T fields -e tcp.stream", &stream);
		snprintf(filter, sizeof(filter), "tcp.stream==%ld", strtol((char *)stream.data,
									   NULL, 10));
		tshark_lines(path, "", filter, REEXPORT_FIELDS, &theirs);
		ck_assert_msg(theirs.len > 1, "%s: connection %zu: no frames", file, i + 1);
		const char *exports[] = { pcap_path, pcapng_path };
		for (int e = 0; e < 2; e++) {
			tshark_lines(exports[e], "", NULL, REEXPORT_FIELDS, &ours);
			ck_assert_msg(!strcmp((char *)ours.data, (char *)theirs.data),
				      "%s: connection %zu: the %s's frames differ:\n%s\n--- original:\n%s",
				      file, i + 1, e ? "pcapng" : "pcap", (char *)ours.data,
				      (char *)theirs.data);
			/* capinfos' first and last packet times: the stream's, to the nanosecond. */
			const char *first = (char *)theirs.data, *last = first;
			for (const char *p = first; *p; p++)
				if (*p == '\n' && p[1])
					last = p + 1;
			ck_assert_msg(capinfos_time(exports[e], "First packet time") ==
						      last_field_ns(first) &&
					      capinfos_time(exports[e], "Last packet time") ==
						      last_field_ns(last),
				      "%s: connection %zu: capinfos times differ", file, i + 1);
		}
		/* A file of one connection: capinfos says the same of both (nanoseconds and all). */
		if (o.count == 1) {
			ck_assert_msg(capinfos_time(pcapng_path, "First packet time") ==
						      capinfos_time(path, "First packet time") &&
					      capinfos_time(pcapng_path, "Last packet time") ==
						      capinfos_time(path, "Last packet time"),
				      "%s: capinfos -a -e differ", file);
		}

		/* tshark decrypts the pcapng with its DSB as it does the original with its keys. */
		tshark_lines(path, original_options, filter, "-T fields -e tls.handshake.type",
			     &theirs);
		tshark_lines(pcapng_path, decode, NULL, "-T fields -e tls.handshake.type", &ours);
		ck_assert_msg(!strcmp((char *)ours.data, (char *)theirs.data),
			      "%s: connection %zu: tshark %s: handshake differs:\n%s\n--- original:\n%s",
			      file, i + 1, decode, (char *)ours.data, (char *)theirs.data);

		/* tlsviz opens the pcapng, with no key log, to the same messages. */
		struct opened again;
		struct trace back[1];
		size_t n = open_traces(&pcapng, NULL, &again, back, 1);
		ck_assert_uint_eq(n, 1);
		assert_same_messages(&t, 0, &back[0], file);
		release_traces(&again, back, n);

		/* Its key log lines are the key log's own lines. */
		buf_append(&lines, "", 1);
		for (char *line = (char *)lines.data; keys.len && *line;) {
			size_t len = strcspn(line, "\n");
			char end = line[len];
			line[len] = 0;
			if (*line != '#')
				ck_assert_msg(strstr((char *)keys.data, line), "%s: %s is not the key log's",
					      file, line);
			line[len] = end;
			line += len + (end == '\n');
		}
		unlink(pcap_path);
		unlink(pcapng_path);
		buf_release(&stream);
		buf_release(&theirs);
		buf_release(&ours);
		buf_release(&pcap);
		buf_release(&pcapng);
		buf_release(&lines);
		trace_release(&t);
		checked++;
	}
	ck_assert_uint_gt(checked, 0);
	open_release(&o);
	buf_release(&bytes);
	buf_release(&keys);
	buf_release(&pem);
	buf_release(&der);
}

/* A DTLS 1.2 record of `type` at `epoch` around <body, len> (RFC 6347, 4.1), onto `out`. */
static void dtls_record(struct buf *out, uint8_t type, uint16_t epoch, const uint8_t *body,
			size_t len)
{
	const uint8_t header[13] = { type, 0xfe, 0xfd, (uint8_t)(epoch >> 8), (uint8_t)epoch, 0, 0,
				     0, 0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len };
	buf_append(out, header, sizeof(header));
	buf_append(out, body, len);
}

/* Bytes [from, from + n) of handshake message `type`'s `total`-byte body, as one record (4.2.2). */
static void dtls_fragment(struct buf *out, uint8_t type, uint16_t seq, const uint8_t *body,
			  size_t total, size_t from, size_t n)
{
	struct buf f = BUF_INIT;
	const uint8_t header[12] = { type, (uint8_t)(total >> 16), (uint8_t)(total >> 8),
				     (uint8_t)total, (uint8_t)(seq >> 8), (uint8_t)seq,
				     (uint8_t)(from >> 16), (uint8_t)(from >> 8), (uint8_t)from,
				     (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
	buf_append(&f, header, sizeof(header));
	buf_append(&f, body + from, n);
	dtls_record(out, 22, 0, f.data, f.len);
	buf_release(&f);
}

/* Ends the datagram that began at `*start` in `bytes`, sent by `dir`. */
static void end_datagram(struct datagram *d, size_t *count, const struct buf *bytes,
			 size_t *start, enum direction dir)
{
	d[(*count)++] = (struct datagram){ dir, *start, bytes->len - *start };
	*start = bytes->len;
}

/* The datagrams `d` of <bytes> as UDP frames between ports 50000 and 4433, 1 ms apart. */
static void udp_frames(const struct datagram *d, size_t count, const struct buf *bytes,
		       struct frames *f)
{
	for (size_t i = 0; i < count; i++) {
		ARRAY_GROW(f->items, f->count, f->cap);
		struct frame *fr = &f->items[f->count++];
		memset(fr, 0, sizeof(*fr));
		fr->from_client = d[i].dir == DIR_CLIENT_TO_SERVER;
		fr->udp = true;
		uint16_t ports[2] = { 50000, 4433 }, len = (uint16_t)(8 + d[i].len);
		int from = fr->from_client ? 0 : 1;
		const uint8_t udp[8] = { (uint8_t)(ports[from] >> 8), (uint8_t)ports[from],
					 (uint8_t)(ports[!from] >> 8), (uint8_t)ports[!from],
					 (uint8_t)(len >> 8), (uint8_t)len, 0, 0 };
		memcpy(fr->tcp, udp, 8);
		fr->tcp_len = 8;
		ck_assert_uint_le(d[i].len, sizeof(fr->payload));
		memcpy(fr->payload, bytes->data + d[i].offset, d[i].len);
		fr->len = d[i].len;
		fr->time_ns = 1700000000000000000u + i * 1000000u;
	}
}

/*
 * A DTLS flow is drawn like a TLS connection: each handshake message once,
 * put together from its fragments and whatever was retransmitted, after a
 * HelloVerifyRequest the second ClientHello, then the protected records as
 * ciphertext; a datagram cut short is an error that says where. QUIC is
 * read by its packet headers, coalesced packets each, and only named.
 */
START_TEST(udp_flows_read_as_far_as_they_go)
{
	struct buf b = BUF_INIT;
	struct datagram d[8];
	size_t n = 0, start = 0;
	uint8_t hello[40];
	memset(hello, 0x11, sizeof(hello));
	hello[0] = 0xfe, hello[1] = 0xfd;
	hello[34] = 0, hello[35] = 0; /* session_id, cookie: empty */
	hello[36] = 0, hello[37] = 2; /* one cipher suite, then one compression method */
	hello[38] = 0xc0, hello[39] = 0x2b;
	uint8_t hello_end[2] = { 1, 0 };
	uint8_t client_hello[42];
	memcpy(client_hello, hello, 40);
	memcpy(client_hello + 40, hello_end, 2);
	struct buf first = BUF_INIT;
	dtls_fragment(&first, 1, 0, client_hello, sizeof(client_hello), 25, 17);
	dtls_fragment(&first, 1, 0, client_hello, sizeof(client_hello), 0, 25); /* out of order */
	buf_append(&b, first.data, first.len);
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	buf_append(&b, first.data, first.len); /* its retransmission */
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	buf_release(&first);
	const uint8_t verify[3] = { 0xfe, 0xff, 0 };
	dtls_fragment(&b, 3, 0, verify, sizeof(verify), 0, sizeof(verify));
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	dtls_fragment(&b, 1, 1, client_hello, sizeof(client_hello), 0, sizeof(client_hello));
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	/* server_version, random, session_id (empty), cipher_suite, compression_method */
	uint8_t server_hello[38] = { 0xfe, 0xfd };
	memset(server_hello + 2, 0x22, 32);
	server_hello[34] = 0, server_hello[35] = 0xc0, server_hello[36] = 0x2b;
	dtls_fragment(&b, 2, 1, server_hello, sizeof(server_hello), 0, sizeof(server_hello));
	dtls_record(&b, 20, 0, (const uint8_t *)"\x01", 1);
	dtls_record(&b, 22, 1, hello, 16);
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	/* RFC 9146: a connection ID of a negotiated length before the length: the rest. */
	buf_append(&b, "\x19\xfe\xfd\x00\x01\0\0\0\0\0\x01\xca\xfe\x00\x03xyz", 18);
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	buf_append(&b, "\x16\xfe\xfd\x00\x00", 5); /* cut short */
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	struct datagram_summary out;
	datagram_read(d, n, b.data, &out);
	ck_assert(out.dtls && !out.quic && out.has_random && out.client == DIR_CLIENT_TO_SERVER);
	ck_assert_int_eq(out.client_random[0], 0x11);

	struct frames f = { 0 };
	udp_frames(d, n, &b, &f);
	struct buf pcap = BUF_INIT;
	frames_write(&f, ENCAP_ETHERNET, &pcap);
	struct opened o;
	struct trace t;
	ck_assert_uint_eq(open_traces(&pcap, NULL, &o, &t, 1), 1);
	ck_assert(o.conns[0].udp && o.conns[0].tls && o.conns[0].has_random);
	static const struct {
		enum direction dir;
		enum message_kind kind;
		uint8_t type;
		unsigned fragments;
	} want[] = {
		{ DIR_CLIENT_TO_SERVER, MESSAGE_HANDSHAKE, 1, 2 },
		{ DIR_SERVER_TO_CLIENT, MESSAGE_HANDSHAKE, 3, 1 },
		{ DIR_CLIENT_TO_SERVER, MESSAGE_HANDSHAKE, 1, 1 },
		{ DIR_SERVER_TO_CLIENT, MESSAGE_HANDSHAKE, 2, 1 },
		{ DIR_SERVER_TO_CLIENT, MESSAGE_CHANGE_CIPHER_SPEC, 0, 0 },
		{ DIR_SERVER_TO_CLIENT, MESSAGE_UNREADABLE, 0, 0 },
		{ DIR_SERVER_TO_CLIENT, MESSAGE_UNREADABLE, 0, 0 },
	};
	ck_assert_uint_eq(t.message_count, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < t.message_count; i++) {
		const struct message *m = &t.messages[i];
		ck_assert_msg(m->dir == want[i].dir && m->kind == want[i].kind &&
				      m->fragments == want[i].fragments &&
				      (m->kind != MESSAGE_HANDSHAKE || m->type == want[i].type),
			      "message %zu: kind %d type %u", i, m->kind, m->type);
	}
	/* The first ClientHello, put together: its one-fragment header, then the body. */
	const struct message *m = &t.messages[0];
	ck_assert_uint_eq(m->bytes.len, DTLS_HANDSHAKE_HEADER_LEN + sizeof(client_hello));
	ck_assert(!memcmp(m->bytes.data, "\x01\0\0\x2a\0\0\0\0\0\0\0\x2a", 12));
	ck_assert(!memcmp(m->bytes.data + 12, client_hello, sizeof(client_hello)));
	ck_assert_uint_eq(t.conns[0].negotiated.version, 0xfefd);
	ck_assert_uint_eq(t.conns[0].negotiated.cipher_suite, 0xc02b);
	ck_assert_int_eq(t.conns[0].negotiated.client_random[0], 0x11);
	ck_assert_str_eq(t.outcome, "unverified");
	ck_assert_msg(strstr(t.unopened, "no key log line CLIENT_RANDOM"), "%s", t.unopened);
	ck_assert_str_eq(t.error, "a client->server datagram ends inside a DTLS record (5 bytes left)");
	/* The decoded message names DTLS's fields; the pcap export gives the datagrams back. */
	struct field *tree = decode_message(&t, m);
	const struct field *cookie = field_find(tree, "cookie");
	ck_assert_ptr_nonnull(cookie);
	ck_assert_ptr_nonnull(field_find(tree, "message_seq"));
	ck_assert_msg(strstr(field_find(tree, "fragment_length")->value, "from 2 fragments"), "%s",
		      field_find(tree, "fragment_length")->value);
	/* Explained for DTLS, not with TLS's words (RFC 6347, 4.1 and 4.2.1). */
	ck_assert_msg(!strncmp(cookie->explain, "Empty: the client has no cookie yet", 35), "%s",
		      cookie->explain);
	ck_assert_msg(strstr(field_find(tree, "client_version")->explain, "highest DTLS version"),
		      "%s", field_find(tree, "client_version")->explain);
	field_free(tree);
	tree = decode_record(&t, &t.records[0]);
	ck_assert_str_eq(tree->name, "DTLSPlaintext");
	ck_assert_msg(strstr(field_find(tree, "version")->explain, "0xfefd is DTLS 1.2"), "%s",
		      field_find(tree, "version")->explain);
	ck_assert_ptr_nonnull(field_find(tree, "epoch")->explain);
	ck_assert_uint_eq(field_find(tree, "sequence_number")->number, 0);
	field_free(tree);
	const struct record *cid = &t.records[t.record_count - 1];
	ck_assert(cid->connection_id && cid->len == 18 && cid->epoch == 1);
	tree = decode_record(&t, cid);
	ck_assert_uint_eq(field_find(tree, "sequence_number")->number, 1);
	ck_assert_uint_eq(field_find(tree, "connection_id_and_rest")->length, 7);
	ck_assert_msg(!strncmp(field_find(tree, "type")->explain, "tls12_cid:", 10), "%s",
		      field_find(tree, "type")->explain);
	ck_assert(!field_has_error(tree));
	field_free(tree);
	struct buf again = BUF_INIT;
	export_to(&t, export_pcap, &again);
	char errbuf[PCAP_ERRBUF_SIZE];
	FILE *file = fmemopen(again.data, again.len, "rb");
	pcap_t *p = pcap_fopen_offline(file, errbuf);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pcap_datalink(p), DLT_RAW);
	struct pcap_pkthdr *h;
	const u_char *frame;
	size_t frames = 0;
	while (pcap_next_ex(p, &h, &frame) == 1) {
		struct packet pk;
		ck_assert(packet_parse(DLT_RAW, frame, h->caplen, &pk) && pk.protocol == 17);
		ck_assert_uint_eq(pk.payload_len, f.items[frames].len);
		ck_assert(!memcmp(pk.payload, f.items[frames].payload, pk.payload_len));
		frames++;
	}
	pcap_close(p);
	ck_assert_uint_eq(frames, n);
	buf_release(&again);
	release_traces(&o, &t, 1);
	free(f.items);
	buf_release(&pcap);

	/* QUIC v1: an Initial and a Handshake packet in one datagram, then 1-RTT (RFC 9000, 17). */
	b.len = start = n = 0;
	const uint8_t initial[] = { 0xc3, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x40, 4,
				    9, 9, 9, 9 };
	const uint8_t handshake[] = { 0xe3, 0, 0, 0, 1, 0, 0, 2, 9, 9 };
	buf_append(&b, initial, sizeof(initial));
	buf_append(&b, handshake, sizeof(handshake));
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	buf_append(&b, initial, sizeof(initial));
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	buf_append(&b, "\x41\x01\x02\x03", 4);
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	buf_append(&b, initial, 10); /* cut inside its connection IDs */
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	datagram_read(d, n, b.data, &out);
	ck_assert(out.quic && !out.dtls && out.client == DIR_CLIENT_TO_SERVER);
	/* The client is the first Initial's sender, even after a datagram of the server's. */
	b.len = start = n = 0;
	buf_append(&b, handshake, sizeof(handshake));
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	buf_append(&b, initial, sizeof(initial));
	end_datagram(d, &n, &b, &start, DIR_SERVER_TO_CLIENT);
	datagram_read(d, n, b.data, &out);
	ck_assert(out.quic && out.client == DIR_SERVER_TO_CLIENT);
	/* Neither: plain UDP. */
	b.len = start = n = 0;
	buf_append(&b, "hello", 5);
	end_datagram(d, &n, &b, &start, DIR_CLIENT_TO_SERVER);
	datagram_read(d, n, b.data, &out);
	ck_assert(!out.dtls && !out.quic);
	buf_release(&b);
}
END_TEST

/*
 * Reads shared capture `file` and, unless `keys` is NULL, its key file, both
 * from CAPTURES; false (said on stdout) when the capture is not there.
 */
static bool read_shared(const char *file, const char *keys, struct buf *bytes,
			struct buf *key_bytes)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", CAPTURES, file);
	if (!read_whole_file(path, bytes)) {
		printf("open: %s not found\n", path);
		return false;
	}
	if (keys) {
		snprintf(path, sizeof(path), "%s/%s", CAPTURES, keys);
		ck_assert(read_whole_file(path, key_bytes));
	}
	return true;
}

/*
 * Real DTLS captures: the handshake messages tlsviz draws are the ones tshark
 * dissects, in order (each message once, by its sender and message_seq).
 */
START_TEST(dtls_captures_match_tshark)
{
	if (access(CAPTURES "/MANIFEST.md", R_OK) != 0 ||
	    system("tshark --version >/dev/null 2>&1") != 0) {
		printf("open: %s or tshark not found: DTLS captures are not checked\n", CAPTURES);
		return;
	}
	/* With its key log where it has one: DTLS 1.2 then decrypts, Finished messages and all. */
	static const struct {
		const char *file, *keys;
	} files[] = {
		{ "hotplace-dtls12.pcapng", "hotplace-dtls12.keys" },
		{ "hotplace-dtls12mtu1500.pcapng", "hotplace-dtls12.keys" },
		{ "ws-dtls12-aes128ccm8.pcap", NULL },
		{ "ws-dtls12-aes128ccm8-dsb.pcapng", NULL },
		{ "ws-snakeoil-dtls.pcap", NULL },
		{ "zeek-dtls1_2.pcap", NULL },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char options[600] = "";
		struct buf file = BUF_INIT, keys = BUF_INIT, lines = BUF_INIT;
		if (!read_shared(files[i].file, files[i].keys, &file, &keys))
			continue;
		if (files[i].keys)
			snprintf(options, sizeof(options), "-o tls.keylog_file:%s -d udp.port==%s,dtls",
				 files[i].keys, "9000");
		struct opened o;
		struct trace t;
		ck_assert_uint_eq(open_traces(&file, files[i].keys ? &keys : NULL, &o, &t, 1), 1);
		ck_assert_msg(o.conns[0].udp && o.conns[0].tls, "%s", files[i].file);
		tshark_lines(files[i].file, options, "dtls.handshake",
			     "-T fields -e udp.srcport -e dtls.handshake.type "
			     "-e dtls.handshake.message_seq -e dtls.record.epoch",
			     &lines);
		if (files[i].keys) {
			ck_assert_str_eq(t.outcome, "complete");
			for (size_t m = 0; m < t.message_count; m++)
				ck_assert_msg(t.messages[m].kind != MESSAGE_UNREADABLE, "%s: message %zu",
					      files[i].file, m);
		}
		/* Each message at its first (port, message_seq), in order per side. */
		unsigned seen[2][64] = { { 0 } }, ports[2] = { 0, 0 };
		size_t next[2] = { 0, 0 }, names = 0;
		for (char *line = (char *)lines.data; line && *line;) {
			char *end = strchr(line, '\n');
			if (end)
				*end = '\0';
			char *field[4] = { line, "", "", "" };
			for (int k = 1; k < 4 && (field[k] = strchr(field[k - 1], '\t')); k++)
				*field[k]++ = '\0';
			ck_assert_msg(field[3], "%s: %s", files[i].file, line);
			unsigned port = (unsigned)strtoul(field[0], NULL, 10);
			int side = ports[0] == 0 || ports[0] == port ? 0 : 1;
			ports[side] = port;
			char *types = field[1], *seqs = field[2];
			while (*types && *seqs) {
				unsigned type = (unsigned)strtoul(types, &types, 10);
				unsigned seq = (unsigned)strtoul(seqs, &seqs, 10);
				types += *types == ',', seqs += *seqs == ',';
				if (seq >= 64 || seen[side][seq]++)
					continue;
				/* A Finished tshark opens with a suite tlsviz does not decrypt (CCM_8). */
				if (type == 20 && t.unopened[0])
					continue;
				/* The trace's next handshake message from this side. */
				enum direction dir = side ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
				while (next[side] < t.message_count &&
				       (t.messages[next[side]].dir != dir ||
					t.messages[next[side]].kind != MESSAGE_HANDSHAKE))
					next[side]++;
				ck_assert_msg(next[side] < t.message_count, "%s: no message %u (type %u)",
					      files[i].file, seq, type);
				ck_assert_uint_eq(t.messages[next[side]].type, type);
				next[side]++;
				names++;
			}
			line = end ? end + 1 : NULL;
		}
		ck_assert_msg(!t.error[0], "%s: %s", files[i].file, t.error);
		ck_assert_uint_ge(names, 5);
		release_traces(&o, &t, 1);
		buf_release(&file);
		buf_release(&keys);
		buf_release(&lines);
	}
}
END_TEST

/*
 * Real QUIC captures: per connection, the TLS handshake messages its CRYPTO
 * frames carry are tshark's, in order, and every packet tshark opens (whose
 * packet number it can read) tlsviz opens too.
 */
START_TEST(quic_captures_match_tshark)
{
	if (access(CAPTURES "/MANIFEST.md", R_OK) != 0 ||
	    system("tshark --version >/dev/null 2>&1") != 0) {
		printf("open: %s or tshark not found: QUIC captures are not checked\n", CAPTURES);
		return;
	}
	/* Keys from a key log, or from the file's Decryption Secrets Block. */
	static const struct {
		const char *file, *keys;
		unsigned complete; /* connections whose both Finished tshark opens too */
		unsigned retries;  /* Retry packets (tshark -Y quic.long.packet_type==3) */
	} files[] = {
		{ "hotplace-http3.pcapng", "hotplace-http3.keys", 1, 0 },
		{ "ws-quic_follow_multistream.pcapng", NULL, 1, 0 },
		{ "ws-quic-fragmented-handshakes.pcapng", NULL, 1, 1 },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char options[300] = "";
		struct buf file = BUF_INIT, keys = BUF_INIT, lines = BUF_INIT;
		if (!read_shared(files[i].file, files[i].keys, &file, &keys))
			continue;
		if (files[i].keys)
			snprintf(options, sizeof(options), "-o tls.keylog_file:%s", files[i].keys);
		static struct trace t[32];
		struct opened o;
		size_t n = open_traces(&file, files[i].keys ? &keys : NULL, &o, t, 32);
		tshark_lines(files[i].file, options, "quic",
			     "-T fields -e udp.srcport -e udp.dstport -e tls.handshake.type "
			     "-e quic.packet_number",
			     &lines);
		unsigned quic = 0, complete = 0, retries = 0;
		for (size_t k = 0, c = 0; k < o.count && c < n; k++) {
			if (!o.conns[k].tls)
				continue;
			const struct trace *tr = &t[c++];
			if (!o.conns[k].quic)
				continue;
			quic++;
			ck_assert_msg(!tr->error[0], "%s: connection %u: %s", files[i].file,
				      o.conns[k].number, tr->error);
			complete += !strcmp(tr->outcome, "complete");
			unsigned port = o.conns[k].port[0];
			/* tshark's, for the datagrams to or from this connection's client port */
			uint8_t theirs[256];
			size_t count = 0, opened = 0;
			struct buf copy = BUF_INIT;
			buf_append(&copy, lines.data, lines.len);
			for (char *line = (char *)copy.data; line && *line;) {
				char *end = strchr(line, '\n');
				if (end)
					*end = '\0';
				char *field[4] = { line, "", "", "" };
				for (int f = 1; f < 4 && (field[f] = strchr(field[f - 1], '\t')); f++)
					*field[f]++ = '\0';
				ck_assert_msg(field[3], "%s: %s", files[i].file, line);
				if ((unsigned)strtoul(field[0], NULL, 10) == port ||
				    (unsigned)strtoul(field[1], NULL, 10) == port) {
					for (char *types = field[2]; *types && count < sizeof(theirs);) {
						theirs[count++] = (uint8_t)strtoul(types, &types, 10);
						types += *types == ',';
					}
					for (char *pn = field[3]; *pn; pn++)
						opened += *pn == ',' || pn == field[3];
				}
				line = end ? end + 1 : NULL;
			}
			buf_release(&copy);
			uint8_t ours[256];
			size_t ours_count = 0, ours_opened = 0;
			for (size_t m = 0; m < tr->message_count && ours_count < sizeof(ours); m++)
				if (tr->messages[m].kind == MESSAGE_HANDSHAKE)
					ours[ours_count++] = tr->messages[m].type;
			for (size_t r = 0; r < tr->record_count; r++)
				ours_opened += tr->records[r].decrypted;
			ck_assert_msg(ours_count == count && !memcmp(ours, theirs, count),
				      "%s: connection %u: %zu handshake messages, tshark %zu",
				      files[i].file, o.conns[k].number, ours_count, count);
			ck_assert_msg(ours_opened >= opened, "%s: connection %u: %zu packets opened, "
				      "tshark %zu", files[i].file, o.conns[k].number, ours_opened,
				      opened);
			/* A complete handshake is confirmed by the server's HANDSHAKE_DONE (RFC 9001, 4.1.2). */
			bool done = false;
			for (size_t m = 0; m < tr->message_count; m++) {
				const struct message *msg = &tr->messages[m];
				if (msg->kind != MESSAGE_QUIC_FRAME && msg->kind != MESSAGE_QUIC_PACKET)
					continue;
				retries += msg->kind == MESSAGE_QUIC_PACKET &&
					   msg->type == QUIC_PACKET_RETRY;
				done |= msg->kind == MESSAGE_QUIC_FRAME && msg->type == 0x1e &&
					msg->dir == DIR_SERVER_TO_CLIENT;
				struct field *tree = decode_message(tr, msg);
				ck_assert_msg(!field_has_error(tree) && tree->explain, "%s: %s",
					      files[i].file, tree->name);
				field_free(tree);
			}
			ck_assert(done || strcmp(tr->outcome, "complete") != 0);
		}
		ck_assert_uint_gt(quic, 0);
		ck_assert_uint_eq(complete, files[i].complete);
		ck_assert_uint_eq(retries, files[i].retries);
		release_traces(&o, t, n);
		buf_release(&file);
		buf_release(&keys);
		buf_release(&lines);
	}
}
END_TEST

/*
 * QUIC Initial packets of tlsviz's own making (tests/fuzz/corpus.c seals a
 * run's hellos as RFC 9001, 5 says): they open with no key log at all, the
 * ClientHello put together from two CRYPTO frames sent out of order; a byte
 * changed in a packet makes it one that does not open.
 */
START_TEST(quic_initial_packets_open_without_keys)
{
	struct buf seed = BUF_INIT, pcap = BUF_INIT;
	ck_assert(read_whole_file(TLSVIZ_SOURCE_DIR "/tests/fuzz/corpus/open/quic-0", &seed));
	buf_append(&pcap, seed.data + 1, seed.len - 1); /* its first byte picks the fuzz target's reader */
	for (int altered = 0; altered < 2; altered++) {
		if (altered)
			pcap.data[pcap.len - 40] ^= 0x01; /* inside the server's Initial */
		struct opened o;
		struct trace t;
		ck_assert_uint_eq(open_traces(&pcap, NULL, &o, &t, 1), 1);
		ck_assert(o.conns[0].udp && o.conns[0].quic);
		ck_assert_uint_eq(t.record_count, 2);
		ck_assert_uint_eq(t.records[0].len, 1200);
		for (size_t r = 0; r < t.record_count; r++) {
			const struct record *rec = &t.records[r];
			ck_assert(rec->quic && rec->type == QUIC_PACKET_INITIAL &&
				  rec->protection == PROTECTION_INITIAL);
			ck_assert(rec->decrypted == (!altered || r == 0));
			if (!rec->decrypted)
				continue;
			ck_assert(rec->quic_unmasked && rec->sequence_number == 0 && rec->quic_pn_len == 1);
			struct field *tree = decode_record(&t, rec);
			ck_assert_msg(!field_has_error(tree), "packet %zu", r);
			field_free(tree);
		}
		if (altered) {
			ck_assert_msg(strstr(t.error, "does not open"), "%s", t.error);
			ck_assert_uint_eq(t.message_count, 2); /* the ClientHello, the packet unread */
			ck_assert_uint_eq(t.messages[1].kind, MESSAGE_UNREADABLE);
			release_traces(&o, &t, 1);
			continue;
		}
		ck_assert_msg(!t.error[0], "%s", t.error);
		ck_assert_uint_eq(t.message_count, 2);
		ck_assert(t.messages[0].kind == MESSAGE_HANDSHAKE && t.messages[0].type == 1 &&
			  t.messages[0].dir == DIR_CLIENT_TO_SERVER);
		ck_assert(t.messages[1].kind == MESSAGE_HANDSHAKE && t.messages[1].type == 2 &&
			  t.messages[1].dir == DIR_SERVER_TO_CLIENT);
		ck_assert_uint_eq(t.messages[0].protection, PROTECTION_INITIAL);
		ck_assert_str_eq(t.outcome, "unverified");
		ck_assert_msg(strstr(t.unopened, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"), "%s", t.unopened);
		bool initial_secret = false;
		for (size_t i = 0; i < t.secret_count; i++)
			initial_secret |= !strcmp(t.secrets[i].name, "client_initial_secret");
		ck_assert(initial_secret);
		release_traces(&o, &t, 1);
	}
	buf_release(&seed);
	buf_release(&pcap);
}
END_TEST

START_TEST(reexport_is_the_capture)
{
	if (access(CAPTURES "/MANIFEST.md", R_OK) != 0) {
		printf("open: %s not found: re-exports of real captures are not checked\n",
		       CAPTURES);
		return;
	}
	if (system("tshark --version >/dev/null 2>&1 && capinfos -v >/dev/null 2>&1") != 0) {
		printf("open: tshark or capinfos not found: re-exports are not checked\n");
		return;
	}
	static const struct {
		const char *file, *options, *keylog, *rsa_key;
	} cases[] = {
		/* IPv6 on loopback (NULL link), static RSA: the DSB holds derived master secrets. */
		{ "wolfssl-sniffer-ipv6.pcap",
		  "-o tls.keys_list:any,11111,data,wolfssl-server-key.pem -d tcp.port==11111,tls",
		  NULL, "wolfssl-server-key.pem" },
		/* Retransmissions; three connections. */
		{ "wolfssl-sniffer-static-rsa.pcap",
		  "-o tls.keys_list:any,11111,data,wolfssl-server-key.pem -d tcp.port==11111,tls",
		  NULL, "wolfssl-server-key.pem" },
		/* Raw IPv4, keys in the file's DSB. */
		{ "ws-tls12-dsb.pcapng", "", NULL, NULL },
		/* A DSB, nanosecond times, retransmitted and out-of-order segments. */
		{ "ws-http2_follow_multistream.pcapng", "", NULL, NULL },
		/* IPv6, nanosecond times, a key log. */
		{ "hotplace-tlsserver-mldsa.pcapng",
		  "-o tls.keylog_file:hotplace-tlsserver-mldsa.keys -d tcp.port==9000,tls",
		  "hotplace-tlsserver-mldsa.keys", NULL },
		/* 0-RTT: CLIENT_EARLY_TRAFFIC_SECRET. */
		{ "ws-tls13-rfc8446.pcap", "-o tls.keylog_file:ws-tls13-rfc8446.keys",
		  "ws-tls13-rfc8446.keys", NULL },
		/* A STARTTLS preamble (SMTP), no keys. */
		{ "zeek-smtp-starttls.pcap", "", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		reexport_matches(cases[i].file, cases[i].options, cases[i].keylog, cases[i].rsa_key);
}
END_TEST

Suite *open_suite(void)
{
	Suite *s = suite_create("open");
	TCase *tc = tcase_create("reader");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, key_log_lines);
	tcase_add_test(tc, decryption_secrets_block);
	tcase_add_test(tc, pem_keys);
	tcase_add_test(tc, endpoints);
	tcase_add_test(tc, not_a_capture);
	tcase_add_test(tc, scenarios_round_trip);
	tcase_add_test(tc, link_layers_and_ip);
	tcase_add_test(tc, segments_out_of_order_and_retransmitted);
	tcase_add_test(tc, a_gap_is_shown);
	tcase_add_test(tc, starttls_preamble);
	tcase_add_test(tc, a_stream_without_tls);
	tcase_add_test(tc, every_truncation);
	tcase_add_test(tc, shared_captures_match_tshark);
	tcase_add_test(tc, command_line);
	tcase_add_test(tc, viewer_lists_connections);
	tcase_add_test(tc, viewer_opens_a_file);
	tcase_add_test(tc, opened_json_matches_the_schema);
	tcase_add_test(tc, reexport_is_the_capture);
	tcase_add_test(tc, udp_flows_read_as_far_as_they_go);
	tcase_add_test(tc, dtls_captures_match_tshark);
	tcase_add_test(tc, quic_captures_match_tshark);
	tcase_add_test(tc, quic_initial_packets_open_without_keys);
	tcase_add_test(tc, viewer_steps_through_quic);
	suite_add_tcase(s, tc);
	return s;
}
