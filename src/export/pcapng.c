/*
 * The pcapng exporter: the pcap exporter's frames in a pcapng file whose
 * key log travels inside it, in a Decryption Secrets Block written before
 * the first packet, so that Wireshark, tshark and termshark decrypt it with
 * no option. A segment that a man in the middle changed carries a comment
 * saying which bytes and how. Block layouts: the pcapng specification
 * (draft-ietf-opsawg-pcapng), sections 4.1 to 4.3 and 4.7.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "export/export.h"
#include "export/wire.h"

enum {
	BLOCK_SECTION_HEADER = 0x0a0d0d0a,
	BLOCK_INTERFACE = 0x00000001,
	BLOCK_ENHANCED_PACKET = 0x00000006,
	BLOCK_DECRYPTION_SECRETS = 0x0000000a,
	BYTE_ORDER_MAGIC = 0x1a2b3c4d,
	SECRETS_TLS_KEY_LOG = 0x544c534b, /* "TLSK": an NSS key log */
	OPTION_END = 0,
	OPTION_COMMENT = 1,
	OPTION_SHB_USER_APPLICATION = 4,
	OPTION_IF_DESCRIPTION = 3,
	OPTION_IF_TSRESOL = 9,
};

/* Pads `b` with zeros to a multiple of 32 bits, as every pcapng field is. */
static void pad32(struct buf *b)
{
	static const uint8_t zeros[3];
	buf_append(b, zeros, (4 - b->len % 4) % 4);
}

static void option(struct buf *b, uint16_t code, const void *value, size_t len)
{
	buf_le16(b, code);
	buf_le16(b, (uint16_t)len);
	buf_append(b, value, len);
	pad32(b);
}

/*
 *   block type | total length | body (padded) | total length
 * `body` is the block's fields and options, without the end-of-options mark.
 */
static void block(struct buf *out, uint32_t type, const struct buf *body, bool options)
{
	size_t total = 12 + body->len + (options ? 4 : 0);
	buf_le32(out, type);
	buf_le32(out, (uint32_t)total);
	buf_append(out, body->data, body->len);
	if (options)
		buf_le32(out, OPTION_END); /* code 0, length 0 */
	buf_le32(out, (uint32_t)total);
}

/* The key log, as the keylog exporter writes it; false when it could not be written. */
static bool key_log(const struct trace *t, struct buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return false;
	bool ok = export_keylog(t, &(struct export_options){ 0 }, f) == 0;
	ok = fclose(f) == 0 && ok;
	if (ok)
		buf_append(out, text, len);
	free(text);
	return ok;
}

/* The index of the record of direction `dir` holding byte `at` of its stream, or -1. */
static long record_at(const struct trace *t, enum direction dir, size_t at)
{
	for (size_t i = 0; i < t->record_count; i++) {
		const struct record *r = &t->records[i];
		if (r->dir == dir && at >= r->stream_offset && at < r->stream_offset + r->len)
			return (long)i;
	}
	return -1;
}

/* The first message that record `index` carries part of, or NULL. */
static const struct message *message_of(const struct trace *t, size_t index)
{
	for (size_t i = 0; i < t->message_count; i++)
		if (t->messages[i].first_record <= index && index <= t->messages[i].last_record)
			return &t->messages[i];
	return NULL;
}

/*
 * The comment on a segment whose payload a man in the middle changed: each
 * changed byte (the first 8), as sent and as it arrived, and the record the
 * first belongs to. Nothing when the segment arrived as it was sent.
 */
static void altered_comment(const struct trace *t, const struct segment *s, struct buf *out)
{
	const uint8_t *sent = t->stream[s->dir].data + s->stream_offset;
	const uint8_t *arrived = trace_delivered(t, s->dir) + s->stream_offset;
	size_t changed = 0, first = 0;
	struct buf bytes = BUF_INIT;
	for (size_t i = 0; i < s->len; i++) {
		if (sent[i] == arrived[i])
			continue;
		if (!changed)
			first = i;
		if (changed++ < 8)
			buf_printf(&bytes,
				   "%sbyte %zu of the TCP payload was sent as 0x%02x and arrived as 0x%02x",
				   changed > 1 ? "; " : "", i, sent[i], arrived[i]);
	}
	if (changed) {
		buf_printf(out,
			   "altered in transit (this frame holds the bytes as they arrived): %s",
			   (char *)bytes.data);
		if (changed > 8)
			buf_printf(out, "; and %zu more bytes", changed - 8);
		long index = record_at(t, s->dir, s->stream_offset + first);
		if (index >= 0) {
			const struct record *r = &t->records[index];
			const char *type = registry_name(REG_CONTENT_TYPE, r->type);
			const struct message *m = message_of(t, (size_t)index);
			buf_printf(out, " (byte %zu of its %zu-byte %s record",
				   s->stream_offset + first - r->stream_offset, r->len,
				   type ? type : "unknown");
			buf_printf(out, m ? ", which carries %s)" : ")", m ? message_name(m) : "");
		}
	}
	buf_release(&bytes);
}

int export_pcapng(const struct trace *t, const struct export_options *opts, FILE *out)
{
	(void)opts;
	struct buf b = BUF_INIT, body = BUF_INIT, frame = BUF_INIT, comment = BUF_INIT;

	/* Section header: byte-order magic, version 1.0, section length unknown (-1). */
	buf_le32(&body, BYTE_ORDER_MAGIC);
	buf_le16(&body, 1);
	buf_le16(&body, 0);
	buf_le32(&body, 0xffffffffu);
	buf_le32(&body, 0xffffffffu);
	option(&body, OPTION_SHB_USER_APPLICATION, "tlsviz", 6);
	block(&b, BLOCK_SECTION_HEADER, &body, true);

	/*
	 * One interface, no snapshot limit: a scenario's is Ethernet with
	 * microsecond timestamps (its goldens keep them); a capture file's
	 * connection is raw IP, stamped to the nanosecond (if_tsresol 9: 10^-9 s).
	 */
	bool nano = t->capture.from_file;
	const char *description =
		nano ? "tlsviz: one connection of a capture file, its IP packets as captured"
		     : "tlsviz: modeled Ethernet, IPv4 and TCP around the real TLS bytes";
	const uint8_t resolution = nano ? 9 : 6;
	uint64_t ns_per_unit = nano ? 1 : 1000;
	body.len = 0;
	buf_le16(&body, wire_link_type(t));
	buf_le16(&body, 0);
	buf_le32(&body, 0);
	option(&body, OPTION_IF_DESCRIPTION, description, strlen(description));
	option(&body, OPTION_IF_TSRESOL, &resolution, 1);
	block(&b, BLOCK_INTERFACE, &body, true);

	/* The key log, before any packet it decrypts. */
	struct buf keys = BUF_INIT;
	bool ok = key_log(t, &keys);
	body.len = 0;
	buf_le32(&body, SECRETS_TLS_KEY_LOG);
	buf_le32(&body, (uint32_t)keys.len);
	buf_append(&body, keys.data, keys.len);
	pad32(&body);
	block(&b, BLOCK_DECRYPTION_SECRETS, &body, false);
	buf_release(&keys);

	uint16_t ip_id[2] = { 1, 1 };
	for (size_t i = 0; i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		frame.len = 0;
		size_t length = wire_frame(&frame, t, s, ip_id[s->dir]++);
		uint64_t when = wire_time_ns(t, s) / ns_per_unit;
		body.len = 0;
		buf_le32(&body, 0); /* interface */
		buf_le32(&body, (uint32_t)(when >> 32));
		buf_le32(&body, (uint32_t)when);
		buf_le32(&body, (uint32_t)frame.len);
		buf_le32(&body, (uint32_t)length);
		buf_append(&body, frame.data, frame.len);
		pad32(&body);
		comment.len = 0;
		altered_comment(t, s, &comment);
		if (comment.len)
			option(&body, OPTION_COMMENT, comment.data, comment.len);
		block(&b, BLOCK_ENHANCED_PACKET, &body, comment.len > 0);
	}
	ok = ok && fwrite(b.data, 1, b.len, out) == b.len && !ferror(out);
	buf_release(&b);
	buf_release(&body);
	buf_release(&frame);
	buf_release(&comment);
	return ok ? 0 : -1;
}
