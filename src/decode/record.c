/* Decoders for the layers around the handshake: TCP segments, records, alerts, CCS, data. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "decode/internal.h"


void set_text_preview(struct field *f, const uint8_t *bytes, size_t len)
{
	struct buf b = BUF_INIT;
	buf_append(&b, "\"", 1);
	size_t shown = len < 60 ? len : 60;
	for (size_t i = 0; i < shown; i++) {
		uint8_t c = bytes[i];
		if (c == '\r')
			buf_printf(&b, "\\r");
		else if (c == '\n')
			buf_printf(&b, "\\n");
		else if (c == '"' || c == '\\')
			buf_printf(&b, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			buf_append(&b, &c, 1);
		else
			buf_printf(&b, "\\x%02x", c);
	}
	buf_printf(&b, "\"%s (%zu bytes)", shown < len ? "..." : "", len);
	buf_append(&b, "", 1);
	field_set_value(f, "%s", (char *)b.data);
	buf_release(&b);
}

/* struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec; */
static void change_cipher_spec(struct reader *r, struct field *root)
{
	uint32_t type;
	if (d_uint(r, root, "type", 1, &type) && type == 1)
		field_set_value(root->children[root->count - 1], "change_cipher_spec (1)");
}

/* struct { AlertLevel level; AlertDescription description; } Alert; */
static void alert(struct reader *r, struct field *root)
{
	uint32_t description;
	if (d_enum(r, root, "level", 1, REG_ALERT_LEVEL, NULL) &&
	    d_enum(r, root, "description", 1, REG_ALERT_DESCRIPTION, &description)) {
		const char *name = registry_name(REG_ALERT_DESCRIPTION, (uint16_t)description);
		field_set_value(root, "%s", name ? name : "unknown");
		root->code = (long)description;
	}
}

void decode_context_of(const struct trace *t, unsigned conn, enum direction dir,
		       enum protection protection, struct decode_context *out)
{
	const struct negotiated *n = &t->conns[conn].negotiated;
	*out = (struct decode_context){
		.version = n->version,
		.cipher_suite = n->cipher_suite,
		.sender = dir == DIR_CLIENT_TO_SERVER ? SENDER_CLIENT : SENDER_SERVER,
		.sealing = protection == PROTECTION_PLAINTEXT ? SEALING_CLEAR
			   : protection == PROTECTION_EARLY   ? SEALING_EARLY
							      : SEALING_PROTECTED,
		.resumed = n->resumed,
		.extended_master_secret = n->extended_master_secret,
	};
	/* No ServerHello: the version the connection's ClientHello hoped for. */
	if (!out->version)
		out->version = n->offered_version;
	/* QUIC's datagrams carry packets, not DTLS records: its messages are TLS 1.3's. */
	out->quic = t->capture.quic;
	out->dtls = t->capture.datagrams && !t->capture.quic;
	out->version = tls_version_of(out->version);
}

struct field *decode_message(const struct trace *t, const struct message *m)
{
	struct decode_context ctx;
	decode_context_of(t, m->conn, m->dir, m->protection, &ctx);
	if (m->kind == MESSAGE_HANDSHAKE) {
		struct field *root = decode_handshake(&ctx, m->bytes.data, m->bytes.len);
		/* A DTLS message put together from fragments: its header is the one-fragment form. */
		for (size_t i = 0; m->fragments > 1 && i < root->count; i++) {
			struct field *f = root->children[i];
			if (strcmp(f->name, "fragment_length") == 0 && f->value)
				field_set_value(f, "%s: the whole body, put together from %u "
						"fragments", f->value, m->fragments);
		}
		decode_message_alterations(t, m, root);
		return root;
	}
	/* A Retry or Version Negotiation is its packet: the record it is, decoded. */
	if (m->kind == MESSAGE_QUIC_PACKET)
		return decode_record(t, &t->records[m->first_record]);
	struct field *root = field_root(message_name(m), 0, m->bytes.len);
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	switch (m->kind) {
	case MESSAGE_CHANGE_CIPHER_SPEC:
		change_cipher_spec(&r, root);
		break;
	case MESSAGE_ALERT:
		alert(&r, root);
		break;
	case MESSAGE_QUIC_FRAME:
		decode_quic_frame(t, m, &r, root);
		break;
	case MESSAGE_APPLICATION_DATA: {
		struct field *data;
		if (d_opaque(&r, root, "data", m->bytes.len, &data))
			set_text_preview(data, m->bytes.data, m->bytes.len);
		break;
	}
	default:
		field_error(root, 0, "not decrypted: %s",
			    t->unopened[0] ? t->unopened
			    : t->error[0]  ? t->error
					   : "no key opens this record");
	}
	if (!r.failed)
		d_trailing(&r, root, root->name);
	explain_tree(root, &ctx, m->bytes.data, m->bytes.len);
	decode_message_alterations(t, m, root);
	return root;
}

/* The protected payload of a record: how its bytes divide, and what opened from them. */
static void protected_payload(const struct trace *t, const struct record *rec, struct reader *r,
			      struct field *root)
{
	size_t at = reader_offset(r), len = reader_remaining(r);
	const uint8_t *wire = trace_record_bytes(t, rec);
	struct field *enc = field_add(root, "encrypted_record", at, len);
	field_set_hex(enc, wire + at, len, 16);
	if (!rec->decrypted) {
		field_error(enc, at, "not decrypted: no key opens this record");
		return;
	}
	/* Each part where the opened record says it lies: ciphers keep plaintext in place. */
	const struct record_layout *l = &rec->layout;
	bool cbc = l->mac_len != 0;
	if (l->nonce_len)
		field_set_hex(field_add(enc, cbc ? "iv" : "explicit_nonce", l->nonce_at, l->nonce_len),
			      wire + l->nonce_at, l->nonce_len, 0);
	set_text_preview(field_add(enc, "content", l->content_at, l->content_len), rec->plain.data,
			 rec->plain.len);
	if (l->type_at) {
		const char *inner = registry_name(REG_CONTENT_TYPE, l->inner_type);
		struct field *type = field_add(enc, "inner_content_type", l->type_at, 1);
		field_set_value(type, "%s (%u)", inner ? inner : "unknown", l->inner_type);
		type->code = l->inner_type;
	}
	struct field *parts[3] = { NULL, NULL, NULL };
	size_t n = 0;
	if (cbc && l->mac_at < l->padding_at)
		parts[n++] = field_add(enc, "mac", l->mac_at, l->mac_len);
	if (l->padding_len)
		parts[n++] = field_add(enc, cbc ? "padding" : "zeros", l->padding_at, l->padding_len);
	if (cbc && l->mac_at > l->padding_at)
		parts[n++] = field_add(enc, "mac", l->mac_at, l->mac_len);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(parts[i]->name, "mac") == 0)
			field_set_hex(parts[i], wire + l->mac_at, l->mac_len, 0);
		else
			field_set_value(parts[i], "%zu bytes of padding", l->padding_len);
	}
	if (l->tag_len)
		field_set_hex(field_add(enc, "authentication_tag", l->tag_at, l->tag_len),
			      wire + l->tag_at, l->tag_len, 0);
}

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion legacy_record_version;
 *     uint16 length;
 *     opaque fragment[TLSPlaintext.length];     (or the encrypted_record of TLSCiphertext)
 * } TLSPlaintext;
 */
/*
 * A protected DTLS record: tlsviz reads its header, not its content. RFC
 * 9147, 4: a DTLS 1.3 record in the unified header begins 001CSLEE (C: a
 * connection ID follows, whose length the handshake negotiated; S: a 16-bit
 * sequence number, else 8; L: a length follows; EE: the epoch's low bits),
 * and its sequence number is encrypted too (4.2.3).
 */
static void dtls_protected(const struct trace *t, struct reader *r, const struct record *rec,
			   struct field *root)
{
	uint8_t first = rec->type;
	if (rec->unified) {
		struct field *hdr;
		uint32_t len = 0;
		if (!d_uint(r, root, "unified_hdr", 1, NULL))
			return;
		hdr = root->children[root->count - 1];
		field_set_value(hdr, "001CSLEE: C=%u, S=%u, L=%u, epoch %u (its low 2 bits)",
				first >> 4 & 1, first >> 3 & 1, first >> 2 & 1, first & 3);
		if (first & 0x10) {
			d_opaque(r, root, "connection_id_and_rest", reader_remaining(r), NULL);
			return;
		}
		d_uint(r, root, "encrypted_sequence_number", first & 0x08 ? 2 : 1, NULL);
		if ((first & 0x04) && !d_uint(r, root, "length", 2, &len))
			return;
	}
	struct field *enc;
	size_t at = reader_offset(r);
	if (d_opaque(r, root, "encrypted_record", reader_remaining(r), &enc))
		field_error(enc, at, "not decrypted: %s",
			    t->unopened[0] ? t->unopened : "no key opens this record");
}

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion version;
 *     uint16 epoch;
 *     uint48 sequence_number;
 *     uint16 length;
 *     opaque fragment[DTLSPlaintext.length];
 * } DTLSPlaintext;                              (RFC 6347, 4.1)
 */
static void dtls_record(const struct trace *t, struct reader *r, const struct record *rec,
			struct field *root)
{
	uint32_t type, len;
	struct reader body;
	if (rec->unified) {
		dtls_protected(t, r, rec, root);
		return;
	}
	if (!d_enum(r, root, "type", 1, REG_CONTENT_TYPE, &type) ||
	    !d_enum(r, root, "version", 2, REG_PROTOCOL_VERSION, NULL) ||
	    !d_uint(r, root, "epoch", 2, NULL) || !d_uint(r, root, "sequence_number", 6, NULL))
		return;
	if (rec->connection_id) { /* RFC 9146, 4: cid<negotiated length>, length, enc_content */
		root->code = (long)type;
		d_opaque(r, root, "connection_id_and_rest", reader_remaining(r), NULL);
		return;
	}
	if (!d_uint(r, root, "length", 2, &len) || !reader_sub(r, len, &body))
		return;
	root->code = (long)type;
	if (rec->decrypted)
		protected_payload(t, rec, &body, root);
	else if (rec->epoch)
		dtls_protected(t, &body, rec, root);
	else
		d_opaque(&body, root, "fragment", len, NULL);
}

struct field *decode_record(const struct trace *t, const struct record *rec)
{
	const uint8_t *wire = trace_record_bytes(t, rec);
	if (rec->quic) {
		/* A capture file's packet: no tamper scenario alters QUIC, so nothing to mark. */
		struct field *packet = decode_quic_packet(t, rec);
		struct decode_context quic;
		decode_context_of(t, rec->conn, rec->dir, rec->protection, &quic);
		explain_tree(packet, &quic, wire, rec->len);
		return packet;
	}
	bool is_protected = rec->protection != PROTECTION_PLAINTEXT;
	static const char *const names[2][2] = { { "TLSPlaintext", "TLSCiphertext" },
						 { "DTLSPlaintext", "DTLSCiphertext" } };
	struct field *root = field_root(names[rec->dtls][is_protected], 0, rec->len);
	struct reader r = reader_init(wire, rec->len, 0);
	uint32_t type, len;
	struct reader body;
	struct decode_context ctx;
	decode_context_of(t, rec->conn, rec->dir, rec->protection, &ctx);
	/*
	 * RFC 8446 (5.1, 5.2) calls the outer type of a protected record
	 * opaque_type and the version legacy_record_version; RFC 5246 (6.2.1)
	 * type and version.
	 */
	bool tls13 = ctx.version == 0x0304;
	if (rec->dtls) {
		dtls_record(t, &r, rec, root);
	} else if (d_enum(&r, root, tls13 && is_protected ? "opaque_type" : "type", 1,
			  REG_CONTENT_TYPE, &type) &&
		   d_enum(&r, root, tls13 ? "legacy_record_version" : "version", 2,
			  REG_PROTOCOL_VERSION, NULL) &&
		   d_uint(&r, root, "length", 2, &len) && reader_sub(&r, len, &body)) {
		root->code = (long)type;
		if (is_protected)
			protected_payload(t, rec, &body, root);
		else
			d_opaque(&body, root, "fragment", len, NULL);
	}
	explain_tree(root, &ctx, wire, rec->len);
	decode_record_alterations(t, rec, root);
	return root;
}

/*
 * TCP options (RFC 9293, 3.2): <kind, length, data>, kinds 0 and 1 a single
 * byte. Named as their RFCs name them: MSS (RFC 9293, 3.7.1), window scale
 * and timestamps (RFC 7323, 2.2 and 3.2), SACK (RFC 2018, 2 and 3).
 */
static void decode_tcp_options(struct reader *r, struct field *options)
{
	static const struct {
		uint8_t kind;
		const char *name;
	} kinds[] = {
		{ 0, "end_of_option_list" }, { 1, "no_operation" }, { 2, "maximum_segment_size" },
		{ 3, "window_scale" },       { 4, "sack_permitted" }, { 5, "sack" },
		{ 8, "timestamps" },
	};
	uint32_t kind, len, a, b;
	while (reader_remaining(r)) {
		size_t at = reader_offset(r);
		struct reader peek = *r;
		uint8_t k;
		if (!reader_u8(&peek, &k))
			return;
		const char *name = "option";
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (kinds[i].kind == k)
				name = kinds[i].name;
		struct field *o = field_add(options, name, at, 1);
		if (!d_uint(r, o, "kind", 1, &kind))
			return;
		if (kind <= 1) {
			field_set_value(o, "%s", kind ? "padding" : "the options end here");
			if (kind == 0)
				return;
			continue;
		}
		struct reader body;
		if (!d_uint(r, o, "option_length", 1, &len) || len < 2 ||
		    !reader_sub(r, len - 2, &body)) {
			field_error(o, at, "the option runs past the header");
			return;
		}
		o->length = len;
		if (kind == 2 && d_uint(&body, o, "maximum_segment_size", 2, &a))
			field_set_value(o, "%u bytes", a);
		else if (kind == 3 && d_uint(&body, o, "shift_count", 1, &a))
			field_set_value(o, "windows count in units of %u bytes",
					1u << (a < 14 ? a : 14));
		else if (kind == 8 && d_uint(&body, o, "TSval", 4, &a) &&
			 d_uint(&body, o, "TSecr", 4, &b))
			field_set_value(o, "TSval %u, TSecr %u", a, b);
		else if (kind == 5) {
			unsigned blocks = 0;
			while (reader_remaining(&body) >= 8 && d_uint(&body, o, "left_edge", 4, &a) &&
			       d_uint(&body, o, "right_edge", 4, &b))
				blocks++;
			if (reader_remaining(&body))
				d_trailing(&body, o, "sack");
			field_set_value(o, "%u block%s received beyond the acknowledged bytes",
					blocks, blocks == 1 ? "" : "s");
		} else if (reader_remaining(&body))
			d_opaque(&body, o, "data", reader_remaining(&body), NULL);
	}
}

/* A segment: a modeled one from the header tlsviz would have put on the wire, or as captured. */
/*
 * A DTLS or QUIC connection's datagram, as captured (RFC 768): source port,
 * destination port, length and checksum, then what it carries.
 */
static struct field *decode_datagram(const struct segment *s, bool quic)
{
	const char *carried = quic ? "QUIC" : "DTLS";
	struct field *root = field_root("UDP datagram", 0, s->header_len + s->len);
	field_set_value(root, "%zu bytes of %s (captured)", s->len, carried);
	struct reader r = reader_init(s->header, s->header_len, 0);
	const struct decode_context ctx = {
		.sender = s->dir == DIR_CLIENT_TO_SERVER ? SENDER_CLIENT : SENDER_SERVER,
		.captured = true,
		.dtls = !quic,
		.quic = quic,
	};
	if (d_uint(&r, root, "source_port", 2, NULL) && d_uint(&r, root, "destination_port", 2, NULL) &&
	    d_uint(&r, root, "length", 2, NULL) && d_uint(&r, root, "checksum", 2, NULL) && s->len)
		field_set_value(field_add(root, "payload", s->header_len, s->len),
				"%zu bytes of %s", s->len, carried);
	explain_tree(root, &ctx, s->header, s->header_len);
	return root;
}

struct field *decode_segment(const struct trace *t, const struct segment *s)
{
	if (t->capture.datagrams && s->header)
		return decode_datagram(s, t->capture.quic);
	uint8_t header[TCP_MAX_HEADER];
	size_t header_len = tcp_header(s, header);
	char flags[32];
	struct field *root = field_root("TCP segment", 0, header_len + s->len);
	field_set_value(root, "%s (%s)", tcp_flags_name(s->flags, flags, sizeof(flags)),
			s->header ? "captured" : "modeled");
	struct reader r = reader_init(header, header_len, 0);
	uint32_t offset_byte, flag_bits;
	const struct decode_context ctx = {
		.sender = s->dir == DIR_CLIENT_TO_SERVER ? SENDER_CLIENT : SENDER_SERVER,
		.captured = s->header != NULL,
	};
	d_uint(&r, root, "source_port", 2, NULL);
	d_uint(&r, root, "destination_port", 2, NULL);
	d_uint(&r, root, "sequence_number", 4, NULL);
	d_uint(&r, root, "acknowledgment_number", 4, NULL);
	if (d_uint(&r, root, "data_offset", 1, &offset_byte)) {
		/* The top four bits of the byte; the rest are reserved. */
		struct field *f = root->children[root->count - 1];
		field_set_value(f, "%u words (%u bytes)", offset_byte >> 4, (offset_byte >> 4) * 4);
		f->number = offset_byte >> 4;
	}
	if (d_uint(&r, root, "flags", 1, &flag_bits)) {
		struct field *f = root->children[root->count - 1];
		field_set_value(f, "%s (0x%02x)", tcp_flags_name((uint8_t)flag_bits, flags,
								  sizeof(flags)),
				flag_bits);
		f->code = (long)flag_bits;
	}
	d_uint(&r, root, "window", 2, NULL);
	d_uint(&r, root, "checksum", 2, NULL);
	d_uint(&r, root, "urgent_pointer", 2, NULL);
	if (s->header && header_len > 20) {
		decode_tcp_options(&r, field_add(root, "options", 20, header_len - 20));
	} else if (s->mss) {
		struct field *options = field_add(root, "options", 20, header_len - 20);
		d_uint(&r, options, "kind", 1, NULL);
		d_uint(&r, options, "option_length", 1, NULL);
		d_uint(&r, options, "maximum_segment_size", 2, NULL);
		d_uint(&r, options, "no_operation", 1, NULL);
		d_uint(&r, options, "kind", 1, NULL);
		d_uint(&r, options, "option_length", 1, NULL);
		d_uint(&r, options, "window_scale", 1, NULL);
	}
	if (s->len)
		field_set_value(field_add(root, "payload", header_len, s->len),
				"%zu bytes of TLS", s->len);
	explain_tree(root, &ctx, header, header_len);
	return root;
}
