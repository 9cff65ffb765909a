/*
 * The connections of a capture file, one line each for the list the viewer
 * and the command line show: server name, version, suite, outcome, and
 * which earlier connection's session a connection resumes.
 */
#include <stdio.h>
#include <string.h>

#include "base/reader.h"
#include "decode/names.h"
#include "layout/layout.h"

enum {
	EXT_SERVER_NAME = 0,
	EXT_SESSION_TICKET = 35,
	EXT_PRE_SHARED_KEY = 41,
};

/* The first handshake message of `type` in the trace, or NULL. */
static const struct message *first_message(const struct trace *t, uint8_t type)
{
	for (size_t i = 0; i < t->message_count; i++)
		if (t->messages[i].kind == MESSAGE_HANDSHAKE && t->messages[i].type == type)
			return &t->messages[i];
	return NULL;
}

/*
 * A ClientHello's body up to its extensions: legacy_version, random,
 * legacy_session_id, (DTLS: cookie), cipher_suites, legacy_compression_methods.
 * `r` is left at the extensions' length; `session_id` holds the session id.
 */
static bool client_hello_start(const struct message *m, struct reader *r, struct reader *session_id)
{
	*r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip;
	uint8_t len8;
	uint16_t len16;
	return reader_bytes(r, message_header_len(m) + 2 + 32, &skip) && reader_u8(r, &len8) &&
	       reader_sub(r, len8, session_id) &&
	       (!m->dtls || (reader_u8(r, &len8) && reader_bytes(r, len8, &skip))) &&
	       reader_u16(r, &len16) && reader_bytes(r, len16, &skip) && reader_u8(r, &len8) &&
	       reader_bytes(r, len8, &skip);
}

/*
 * RFC 6066, 3: struct { NameType name_type; opaque HostName<1..2^16-1>; }
 * ServerName, in a ServerNameList<1..2^16-1>.
 */
static void server_name(const struct trace *t, char *out, size_t len)
{
	const struct message *hello = first_message(t, 1);
	struct reader r, session_id, body, list;
	uint16_t list_len, name_len;
	uint8_t name_type;
	const uint8_t *name;
	snprintf(out, len, "-");
	if (!hello || !client_hello_start(hello, &r, &session_id) ||
	    !find_extension(r, EXT_SERVER_NAME, &body) || !reader_u16(&body, &list_len) ||
	    !reader_sub(&body, list_len, &list) || !reader_u8(&list, &name_type) ||
	    name_type != 0 || !reader_u16(&list, &name_len) || !reader_bytes(&list, name_len, &name))
		return;
	size_t n = 0;
	for (size_t i = 0; i < name_len && n + 1 < len && i < 60; i++)
		out[n++] = name[i] > 0x20 && name[i] < 0x7f ? (char)name[i] : '?';
	out[n] = 0;
}

void layout_connection_summary(const struct trace *t, char *out, size_t len)
{
	const struct negotiated *n = &t->conns[0].negotiated;
	char sni[64], version[16], suite[16];
	server_name(t, sni, sizeof(sni));
	const char *v = registry_name(REG_PROTOCOL_VERSION, n->version);
	const char *s = registry_name(REG_CIPHER_SUITE, n->cipher_suite);
	snprintf(version, sizeof(version), "0x%04x", n->version);
	snprintf(suite, sizeof(suite), "0x%04x", n->cipher_suite);
	if (!n->version)
		snprintf(out, len, "%s, %sno ServerHello, %s", sni, t->capture.quic ? "QUIC, " : "",
			 t->outcome);
	else
		snprintf(out, len, "%s, %s%s, %s, %s%s", sni, t->capture.quic ? "QUIC, " : "",
			 v ? v : version, s ? s : suite, t->outcome, n->resumed ? ", resumed" : "");
}

/* Whether <bytes, len> is one of the sessions `earlier` handed out. */
static bool issued(const struct trace *earlier, const uint8_t *bytes, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < earlier->message_count; i++) {
		const struct message *m = &earlier->messages[i];
		struct reader r = reader_init(m->bytes.data, m->bytes.len, 0), id;
		const uint8_t *skip, *ticket;
		uint8_t id_len, nonce_len;
		uint16_t ticket_len;
		if (m->kind != MESSAGE_HANDSHAKE)
			continue;
		/* ServerHello: legacy_version, random, then the session id it assigns. */
		if (m->type == 2 && reader_bytes(&r, message_header_len(m) + 34, &skip) &&
		    reader_u8(&r, &id_len) && reader_sub(&r, id_len, &id) && id_len == len &&
		    !memcmp(id.bytes + id.pos, bytes, len))
			return true;
		if (m->type != 4 || !reader_bytes(&r, message_header_len(m), &skip))
			continue;
		/*
		 * NewSessionTicket: RFC 5077, 3.3 <lifetime_hint, ticket>; RFC 8446,
		 * 4.6.1 <lifetime, age_add, nonce, ticket, extensions>.
		 */
		bool tls13 = earlier->conns[0].negotiated.version == 0x0304;
		if (!reader_bytes(&r, tls13 ? 8 : 4, &skip) ||
		    (tls13 && (!reader_u8(&r, &nonce_len) || !reader_bytes(&r, nonce_len, &skip))) ||
		    !reader_u16(&r, &ticket_len) || !reader_bytes(&r, ticket_len, &ticket))
			continue;
		if (ticket_len == len && !memcmp(ticket, bytes, len))
			return true;
	}
	return false;
}

bool layout_resumes(const struct trace *later, const struct trace *earlier)
{
	const struct message *hello = first_message(later, 1);
	struct reader r, session_id, body, identities;
	uint16_t len;
	if (!later->conns[0].negotiated.resumed || !hello ||
	    !client_hello_start(hello, &r, &session_id))
		return false;
	/* TLS 1.2: the session id (RFC 5246, 7.4.1.2) or the session ticket (RFC 5077, 3.2). */
	if (issued(earlier, session_id.bytes + session_id.pos, reader_remaining(&session_id)))
		return true;
	if (find_extension(r, EXT_SESSION_TICKET, &body) &&
	    issued(earlier, body.bytes + body.pos, reader_remaining(&body)))
		return true;
	/* TLS 1.3 (RFC 8446, 4.2.11): each PskIdentity is <identity<1..2^16-1>, age>. */
	if (!find_extension(r, EXT_PRE_SHARED_KEY, &body) || !reader_u16(&body, &len) ||
	    !reader_sub(&body, len, &identities))
		return false;
	const uint8_t *identity, *age;
	while (reader_u16(&identities, &len) && reader_bytes(&identities, len, &identity) &&
	       reader_bytes(&identities, 4, &age))
		if (issued(earlier, identity, len))
			return true;
	return false;
}
