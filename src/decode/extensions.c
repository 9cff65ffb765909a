/*
 * Extension decoders, one per ExtensionType, keyed by type in `decoders`.
 *
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data<0..2^16-1>;
 * } Extension;
 *
 * Several extensions say different things in different messages (RFC 8446,
 * 4.2): the decoders are told where they stand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "decode/internal.h"

typedef void (*extension_decoder)(struct reader *r, struct field *ext, enum ext_context where);

/* Nothing inside: the extension's presence is the message (RFC 7366, 7627, 8446). */
static void empty(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)r;
	(void)ext;
	(void)where;
}

/* The rest of the extension as bytes, under `name`. */
static void rest(struct reader *r, struct field *ext, const char *name)
{
	d_opaque(r, ext, name, reader_remaining(r), NULL);
}

/*
 * struct {
 *     NameType name_type;
 *     select (name_type) { case host_name: HostName; } name;
 * } ServerName;                      opaque HostName<1..2^16-1>;
 * struct { ServerName server_name_list<1..2^16-1> } ServerNameList;   (RFC 6066, 3)
 * The server answers with an empty extension.
 */
static void server_name(struct reader *r, struct field *ext, enum ext_context where)
{
	if (where != EXT_CLIENT_HELLO)
		return;
	struct reader list, name;
	struct field *list_node, *host;
	if (!d_vector(r, ext, "server_name_list", 2, &list, &list_node))
		return;
	while (reader_remaining(&list)) {
		if (!d_enum(&list, list_node, "name_type", 1, REG_SERVER_NAME_TYPE, NULL) ||
		    !d_vector(&list, list_node, "host_name", 2, &name, &host))
			return;
		field_set_value(host, "\"%.*s\"", (int)name.len, (const char *)name.bytes);
	}
}

/* enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength;  (RFC 6066, 4) */
static void max_fragment_length(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	uint32_t v;
	if (d_uint(r, ext, "max_fragment_length", 1, &v) && v >= 1 && v <= 4)
		field_set_value(ext->children[ext->count - 1], "2^%u bytes (%u)", 8 + v, v);
}

/*
 * struct {
 *     CertificateStatusType status_type;
 *     select (status_type) { case ocsp: OCSPStatusRequest; } request;
 * } CertificateStatusRequest;          (RFC 6066, 8)
 * struct { ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions; }
 * In a TLS 1.3 CertificateEntry it carries the OCSP response itself.
 */
static void status_request(struct reader *r, struct field *ext, enum ext_context where)
{
	if (where == EXT_CLIENT_HELLO) {
		if (d_enum(r, ext, "status_type", 1, REG_CERTIFICATE_STATUS_TYPE, NULL) &&
		    d_opaque_vector(r, ext, "responder_id_list", 2, NULL))
			d_opaque_vector(r, ext, "request_extensions", 2, NULL);
	} else if (where == EXT_CERTIFICATE) {
		if (d_enum(r, ext, "status_type", 1, REG_CERTIFICATE_STATUS_TYPE, NULL))
			d_opaque_vector(r, ext, "response", 3, NULL);
	}
}

/* struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList; */
static void supported_groups(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_enum_list(r, ext, "named_group_list", 2, 2, REG_NAMED_GROUP);
}

/* struct { ECPointFormat ec_point_format_list<1..2^8-1> } ECPointFormatList; (RFC 8422) */
static void ec_point_formats(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_enum_list(r, ext, "ec_point_format_list", 1, 1, REG_EC_POINT_FORMAT);
}

/* struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList; */
static void signature_algorithms(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_enum_list(r, ext, "supported_signature_algorithms", 2, 2, REG_SIGNATURE_SCHEME);
}

/*
 * opaque ProtocolName<1..2^8-1>;
 * struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList;  (RFC 7301)
 */
static void alpn(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	struct reader list, name;
	struct field *list_node, *protocol;
	if (!d_vector(r, ext, "protocol_name_list", 2, &list, &list_node))
		return;
	while (reader_remaining(&list)) {
		if (!d_vector(&list, list_node, "ProtocolName", 1, &name, &protocol))
			return;
		field_set_value(protocol, "\"%.*s\"", (int)name.len, (const char *)name.bytes);
	}
}

/* RFC 5077: the ticket itself (empty when the client asks for a new one). */
static void session_ticket(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	if (reader_remaining(r))
		rest(r, ext, "ticket");
}

/*
 * RFC 8879, 3: the algorithms a peer can decompress certificates with.
 * struct {
 *     CertificateCompressionAlgorithm algorithms<2..2^8-2>;
 * } CertificateCompressionAlgorithms;
 */
static void compress_certificate(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_enum_list(r, ext, "algorithms", 1, 2, REG_CERTIFICATE_COMPRESSION);
}

/* uint16 RecordSizeLimit; (RFC 8449) */
static void record_size_limit(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_uint(r, ext, "record_size_limit", 2, NULL);
}

/*
 * struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 * opaque PskBinderEntry<32..255>;
 * struct {
 *     select (Handshake.msg_type) {
 *         case client_hello: PskIdentity identities<7..2^16-1>;
 *                            PskBinderEntry binders<33..2^16-1>;
 *         case server_hello: uint16 selected_identity;
 *     };
 * } PreSharedKeyExtension;
 */
static void pre_shared_key(struct reader *r, struct field *ext, enum ext_context where)
{
	if (where != EXT_CLIENT_HELLO) {
		d_uint(r, ext, "selected_identity", 2, NULL);
		return;
	}
	struct reader ids, binders;
	struct field *ids_node, *binders_node;
	if (!d_vector(r, ext, "identities", 2, &ids, &ids_node))
		return;
	while (reader_remaining(&ids)) {
		struct field *id = field_add(ids_node, "PskIdentity", reader_offset(&ids),
					     reader_remaining(&ids));
		size_t start = reader_offset(&ids);
		if (!d_opaque_vector(&ids, id, "identity", 2, NULL) ||
		    !d_uint(&ids, id, "obfuscated_ticket_age", 4, NULL))
			return;
		id->length = reader_offset(&ids) - start;
	}
	if (!d_vector(r, ext, "binders", 2, &binders, &binders_node))
		return;
	while (reader_remaining(&binders))
		if (!d_opaque_vector(&binders, binders_node, "PskBinderEntry", 1, NULL))
			return;
}

/* Empty in ClientHello and EncryptedExtensions; uint32 max_early_data_size in a ticket. */
static void early_data(struct reader *r, struct field *ext, enum ext_context where)
{
	if (where == EXT_NEW_SESSION_TICKET)
		d_uint(r, ext, "max_early_data_size", 4, NULL);
}

/*
 * struct {
 *     select (Handshake.msg_type) {
 *         case client_hello: ProtocolVersion versions<2..254>;
 *         case server_hello: ProtocolVersion selected_version;  (and HelloRetryRequest)
 *     };
 * } SupportedVersions;
 */
static void supported_versions(struct reader *r, struct field *ext, enum ext_context where)
{
	if (where == EXT_CLIENT_HELLO)
		d_enum_list(r, ext, "versions", 1, 2, REG_PROTOCOL_VERSION);
	else
		d_enum(r, ext, "selected_version", 2, REG_PROTOCOL_VERSION, NULL);
}

/* struct { opaque cookie<1..2^16-1>; } Cookie; */
static void cookie(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_opaque_vector(r, ext, "cookie", 2, NULL);
}

/* struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes; */
static void psk_key_exchange_modes(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_enum_list(r, ext, "ke_modes", 1, 1, REG_PSK_KEY_EXCHANGE_MODE);
}

/*
 * opaque DistinguishedName<1..2^16-1>;
 * struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension;
 */
static void certificate_authorities(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	struct reader list;
	struct field *list_node;
	if (!d_vector(r, ext, "authorities", 2, &list, &list_node))
		return;
	while (reader_remaining(&list))
		if (!d_opaque_vector(&list, list_node, "DistinguishedName", 2, NULL))
			return;
}

/*
 * struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
 * ClientHello: KeyShareEntry client_shares<0..2^16-1>;
 * ServerHello: KeyShareEntry server_share;
 * HelloRetryRequest: NamedGroup selected_group;
 */
static bool key_share_entry(struct reader *r, struct field *parent)
{
	struct field *entry = field_add(parent, "KeyShareEntry", reader_offset(r),
					 reader_remaining(r));
	size_t start = reader_offset(r);
	uint32_t group;
	if (!d_enum(r, entry, "group", 2, REG_NAMED_GROUP, &group) ||
	    !d_opaque_vector(r, entry, "key_exchange", 2, NULL))
		return false;
	const char *name = registry_name(REG_NAMED_GROUP, (uint16_t)group);
	field_set_value(entry, "%s", name ? name : "unknown group");
	entry->code = (long)group;
	entry->length = reader_offset(r) - start;
	return true;
}

static void key_share(struct reader *r, struct field *ext, enum ext_context where)
{
	struct reader shares;
	struct field *shares_node;
	switch (where) {
	case EXT_CLIENT_HELLO:
		if (!d_vector(r, ext, "client_shares", 2, &shares, &shares_node))
			return;
		while (reader_remaining(&shares))
			if (!key_share_entry(&shares, shares_node))
				return;
		break;
	case EXT_HELLO_RETRY_REQUEST:
		d_enum(r, ext, "selected_group", 2, REG_NAMED_GROUP, NULL);
		break;
	default:
		key_share_entry(r, ext);
	}
}

/* struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo; (RFC 5746) */
static void renegotiation_info(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	d_opaque_vector(r, ext, "renegotiated_connection", 1, NULL);
}

/* RFC 7685: zero bytes that make the ClientHello a given size. */
static void padding(struct reader *r, struct field *ext, enum ext_context where)
{
	(void)where;
	rest(r, ext, "zeros");
}

static const struct {
	uint16_t type;
	extension_decoder decode;
} decoders[] = {
	{ 0, server_name },
	{ 1, max_fragment_length },
	{ 5, status_request },
	{ 10, supported_groups },
	{ 11, ec_point_formats },
	{ 13, signature_algorithms },
	{ 16, alpn },
	{ 21, padding },
	{ 22, empty }, /* encrypt_then_mac */
	{ 23, empty }, /* extended_master_secret */
	{ 27, compress_certificate },
	{ 28, record_size_limit },
	{ 35, session_ticket },
	{ 41, pre_shared_key },
	{ 42, early_data },
	{ 43, supported_versions },
	{ 44, cookie },
	{ 45, psk_key_exchange_modes },
	{ 47, certificate_authorities },
	{ 49, empty }, /* post_handshake_auth */
	{ 50, signature_algorithms }, /* signature_algorithms_cert: the same syntax */
	{ 51, key_share },
	{ 57, decode_transport_parameters },     /* quic_transport_parameters (quic.c) */
	{ 0xffa5, decode_transport_parameters }, /* the same, at the drafts' code point */
	{ 65281, renegotiation_info },
};

/* Extension extensions<0..2^16-1>; */
void decode_extensions(struct reader *r, struct field *parent, enum ext_context where)
{
	struct reader list;
	struct field *list_node;
	if (!d_vector(r, parent, "extensions", 2, &list, &list_node))
		return;
	size_t n = 0;
	while (reader_remaining(&list)) {
		size_t start = reader_offset(&list);
		struct field *ext = field_add(list_node, "extension", start,
					      reader_remaining(&list));
		uint32_t type;
		struct reader data;
		struct field *data_node;
		if (!d_enum(&list, ext, "extension_type", 2, REG_EXTENSION_TYPE, &type))
			return;
		const char *name = registry_name(REG_EXTENSION_TYPE, (uint16_t)type);
		field_rename(ext, name ? name : "unknown");
		ext->code = (long)type;
		if (!d_vector(&list, ext, "extension_data", 2, &data, &data_node))
			return;
		ext->length = reader_offset(&list) - start;
		n++;
		extension_decoder decode = NULL;
		for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
			if (decoders[i].type == type)
				decode = decoders[i].decode;
		if (!decode) {
			/* GREASE and types tlsviz does not know: their bytes, as they are. */
			if (reader_remaining(&data))
				rest(&data, data_node, "bytes");
			continue;
		}
		decode(&data, data_node, where);
		if (!data.failed)
			d_trailing(&data, data_node, ext->name);
	}
	field_set_value(list_node, "%zu %s", n, n == 1 ? "extension" : "extensions");
}
