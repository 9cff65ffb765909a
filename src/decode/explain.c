/*
 * What each message and field is for, written for a student: one or two
 * sentences each, true to the RFCs. Tables, looked up by name or type.
 */
#include <string.h>

#include "decode/decode.h"
#include "decode/internal.h"

static const struct {
	const char *name;
	const char *text;
} field_texts[] = {
	{ "msg_type", "Which handshake message this is." },
	{ "length", "How many bytes follow: TLS prefixes every variable-length field with its "
		    "length." },
	{ "legacy_version",
	  "The version field of older TLS. TLS 1.3 freezes it at TLS 1.2 (0x0303) so that old "
	  "middleboxes are not confused; the real version is negotiated in supported_versions." },
	{ "random", "32 fresh random bytes from this peer. Both randoms go into the key "
		    "derivation, so keys are new for every connection even with the same secret." },
	{ "legacy_session_id",
	  "A session ID for TLS 1.2 resumption. TLS 1.3 clients send a random one so the "
	  "handshake looks like a TLS 1.2 resumption to middleboxes." },
	{ "legacy_session_id_echo", "The server repeats the client's session ID here." },
	{ "cipher_suites", "The cipher suites the client can use, most preferred first. Each "
			   "names the record encryption and hash (and in TLS 1.2 also the key "
			   "exchange and signature)." },
	{ "cipher_suite", "The one cipher suite the server picked from the client's list." },
	{ "legacy_compression_methods",
	  "Compression is no longer used (it leaked secrets in the CRIME attack): only 'null'." },
	{ "legacy_compression_method", "Always 'null': TLS no longer compresses." },
	{ "extensions", "Optional features and parameters, each a type and its data. Most of "
			"TLS 1.3's negotiation happens here." },
	{ "extension_type", "Which extension this is (IANA registry number)." },
	{ "extension_data", "The extension's contents; their meaning depends on the type." },
	{ "server_name", "Server Name Indication: the host name the client wants, so a server "
			 "with many sites picks the right certificate. It travels in clear." },
	{ "server_name_list", "The names the client asks for (in practice, one host name)." },
	{ "host_name", "The DNS name of the server the client wants to reach." },
	{ "name_type", "The kind of name that follows; only host_name is defined." },
	{ "supported_groups", "The key-exchange groups (elliptic curves or finite fields) the "
			      "client supports, most preferred first." },
	{ "named_group_list", "The groups, most preferred first." },
	{ "ec_point_formats", "How elliptic-curve points may be encoded; today always "
			      "uncompressed." },
	{ "signature_algorithms", "The signature schemes the client accepts in the server's "
				  "CertificateVerify (or ServerKeyExchange)." },
	{ "signature_algorithms_cert", "The signature schemes the client accepts in "
				       "certificates." },
	{ "supported_signature_algorithms", "Signature schemes, most preferred first." },
	{ "application_layer_protocol_negotiation",
	  "ALPN: which application protocol (such as HTTP/1.1 or HTTP/2) runs inside TLS, agreed "
	  "during the handshake." },
	{ "protocol_name_list", "The application protocols offered (or the one chosen)." },
	{ "encrypt_then_mac", "TLS 1.2 CBC suites: compute the MAC over the ciphertext, which "
			      "closes padding-oracle attacks (RFC 7366)." },
	{ "extended_master_secret",
	  "TLS 1.2: derive the master secret from a hash of the whole handshake, so that two "
	  "connections cannot end up with the same secret (RFC 7627)." },
	{ "session_ticket", "TLS 1.2 resumption by ticket: the client asks for (or presents) an "
			    "encrypted ticket holding the session state (RFC 5077)." },
	{ "record_size_limit", "The largest record this peer wants to receive (RFC 8449)." },
	{ "pre_shared_key", "TLS 1.3 resumption: the tickets (PSK identities) the client offers, "
			    "each proven by a binder, or the one the server accepts." },
	{ "identities", "The PSK identities offered, such as session tickets." },
	{ "obfuscated_ticket_age",
	  "How long the client has held the ticket, plus a secret offset so eavesdroppers cannot "
	  "link connections." },
	{ "PskIdentity", "One PSK the client offers: the ticket the server gave, and its age." },
	{ "identity", "The ticket as the server issued it: opaque to the client, only the server "
		      "can read it." },
	{ "binders", "HMACs over the ClientHello that prove the client really holds each PSK." },
	{ "PskBinderEntry", "HMAC, under a key derived from the PSK (binder_key), of the "
			    "ClientHello up to the binders; tlsviz recomputes and checks it." },
	{ "selected_identity", "Which of the client's PSK identities the server accepted." },
	{ "early_data", "0-RTT: the client sends application data in its first flight, before "
			"the handshake completes; it can be replayed by an attacker." },
	{ "max_early_data_size", "How much 0-RTT data the server will accept with this ticket." },
	{ "supported_versions", "TLS 1.3's real version negotiation: the client lists the "
				"versions it supports, the server names the one it chose." },
	{ "versions", "The protocol versions the client supports, most preferred first." },
	{ "selected_version", "The version the server chose: this is what is really spoken." },
	{ "cookie", "A value the server asks the client to echo in its next ClientHello, for "
		    "example to prove the client's address is real." },
	{ "psk_key_exchange_modes", "Whether a resumed session may use the PSK alone (psk_ke) or "
				    "must also do a fresh (EC)DHE exchange (psk_dhe_ke), which "
				    "gives forward secrecy." },
	{ "ke_modes", "The PSK key-exchange modes the client allows." },
	{ "certificate_authorities", "The certificate authorities this peer trusts, to help the "
				     "other pick a certificate." },
	{ "post_handshake_auth", "The client is willing to authenticate with a certificate later, "
				 "after the handshake." },
	{ "key_share", "TLS 1.3: the (EC)DHE public keys. The client guesses which groups the "
		       "server will take and sends a key for each, saving a round trip." },
	{ "client_shares", "The client's public keys, one per group it guessed." },
	{ "KeyShareEntry", "One public key for one group." },
	{ "group", "The group (curve or finite field) this key belongs to." },
	{ "key_exchange", "The public key. Combined with the other side's private key it gives "
			  "the shared secret; an eavesdropper seeing both public keys cannot." },
	{ "selected_group", "HelloRetryRequest: the group the server wants a key share for." },
	{ "renegotiation_info", "Binds a renegotiation to the connection it renegotiates "
				"(RFC 5746); empty on a first handshake." },
	{ "padding", "Zero bytes that bring the ClientHello to a size some servers need "
		     "(RFC 7685)." },
	{ "status_request", "OCSP stapling: the client asks the server to include a fresh "
			    "revocation status of its certificate." },
	{ "max_fragment_length", "A smaller maximum record size for constrained clients." },
	{ "certificate_request_context", "TLS 1.3: ties a Certificate to the CertificateRequest "
					 "it answers; empty in the handshake." },
	{ "certificate_list", "The certificate chain: the peer's own certificate first, then the "
			      "certificates that sign it, up to (not usually including) a root." },
	{ "cert_data", "One certificate, in DER (binary X.509)." },
	{ "ASN.1Cert", "One certificate, in DER (binary X.509)." },
	{ "CertificateEntry", "A certificate with its own extensions (TLS 1.3)." },
	{ "subject", "Who the certificate belongs to." },
	{ "issuer", "Who signed it: the certificate authority vouching for the subject." },
	{ "not_before", "The certificate is not valid before this time." },
	{ "not_after", "The certificate is not valid after this time." },
	{ "subject_public_key", "The key whose private half proves the subject's identity." },
	{ "signature_algorithm", "How the issuer signed the certificate." },
	{ "subject_alt_names", "The host names the certificate is valid for; the client checks "
			       "the name it connected to against these." },
	{ "algorithm", "The signature scheme used for the signature that follows." },
	{ "signature", "A signature made with the private key of the certificate, proving the "
		       "signer holds it." },
	{ "ServerECDHParams", "The server's ephemeral elliptic-curve key, signed so the client "
			      "knows it comes from the certificate's owner." },
	{ "ServerDHParams", "The server's ephemeral finite-field Diffie-Hellman parameters and "
			    "public value, signed." },
	{ "curve_type", "How the curve is given; only named_curve is allowed today." },
	{ "namedcurve", "The elliptic curve of the key exchange." },
	{ "point", "The server's ephemeral public key (a point on the curve)." },
	{ "dh_p", "The prime modulus of the finite-field group." },
	{ "dh_g", "The generator of the group." },
	{ "dh_Ys", "The server's ephemeral public value g^x mod p." },
	{ "dh_Yc", "The client's ephemeral public value g^y mod p." },
	{ "ecdh_Yc", "The client's ephemeral public key; with the server's it gives the "
		     "premaster secret." },
	{ "EncryptedPreMasterSecret",
	  "The premaster secret, encrypted to the server's RSA key. Whoever gets that key later "
	  "can decrypt it from a recording: there is no forward secrecy." },
	{ "verify_data", "A MAC over the whole handshake transcript with a key from the new "
			 "secrets: it proves both sides saw the same handshake and hold the same "
			 "keys." },
	{ "request_update", "Whether the peer should also update its sending keys." },
	{ "ticket_lifetime", "How many seconds the ticket may be used." },
	{ "ticket_lifetime_hint", "How many seconds the client may keep the ticket." },
	{ "ticket_age_add", "A random value added to the ticket's age to hide it on the wire." },
	{ "ticket_nonce", "Makes each ticket's PSK different when several are issued." },
	{ "ticket", "The ticket: opaque to the client, encrypted by the server, presented to "
		    "resume." },
	{ "certificate_types", "The kinds of client certificate the server accepts." },
	{ "type", "The record's content type: which protocol its contents belong to." },
	{ "opaque_type", "The outer content type of a protected record. TLS 1.3 always says "
			 "application_data here and hides the real type inside." },
	{ "legacy_record_version",
	  "The record's version field; frozen in TLS 1.3 (0x0303, or 0x0301 in a first "
	  "ClientHello) and ignored." },
	{ "fragment", "The record's contents, in clear." },
	{ "encrypted_record", "The protected contents as they crossed the wire: unreadable "
			      "without the traffic key." },
	{ "explicit_nonce", "TLS 1.2 AES-GCM and CCM: the per-record part of the nonce, sent in "
			    "clear." },
	{ "iv", "CBC: the random initial vector of this record, sent in clear." },
	{ "mac", "CBC suites: the HMAC that proves the record was not changed. With "
		 "encrypt_then_mac it covers the ciphertext and travels in clear after it." },
	{ "content", "The decrypted contents of the record." },
	{ "inner_content_type", "TLS 1.3 hides the real content type inside the encryption; the "
				"outer type always says application_data." },
	{ "zeros", "Padding: zero bytes that hide the true length of the content." },
	{ "padding", "CBC: bytes that fill the last 16-byte block; each holds the padding length." },
	{ "authentication_tag", "The AEAD tag: any change to the record makes it fail, and the "
				"receiver then aborts with bad_record_mac." },
	{ "level", "warning, or fatal: a fatal alert ends the connection." },
	{ "description", "What the alert reports." },
	{ "data", "Application bytes: here, a small HTTP/1.1 exchange." },
	{ "source_port", "The sending program's port (modeled)." },
	{ "destination_port", "The receiving program's port; 443 is HTTPS (modeled)." },
	{ "sequence_number", "The position of this segment's first byte in the sender's byte "
			     "stream (starting from a random initial number)." },
	{ "acknowledgment_number", "The next byte the sender expects from the other side: "
				   "everything before it has arrived." },
	{ "data_offset", "The TCP header's length in 32-bit words." },
	{ "flags", "SYN opens, FIN closes, ACK says the acknowledgment number is valid, PSH asks "
		   "the receiver to pass the data on now." },
	{ "window", "How many more bytes the sender of this segment can receive." },
	{ "checksum", "Detects corrupted segments (left zero: this TCP is modeled)." },
	{ "urgent_pointer", "Unused." },
	{ "options", "TCP options; the SYNs carry the maximum segment size." },
	{ "maximum_segment_size", "The largest payload this side will accept in one segment." },
	{ "payload", "The TLS bytes this segment carries: real bytes, from the real peers." },
	{ "hash", "The hash of the first ClientHello, standing in for it in the transcript after "
		  "a HelloRetryRequest." },
	{ "kind", "The option's type: 2 is the maximum segment size." },
	{ "altered_in_transit", "A man in the middle changed this byte on its way. The record "
				"no longer authenticates, so the receiver rejects it and alerts." },
	{ "option_length", "The option's length in bytes, its kind and length included." },
	/* RFC 8879, 3 and 4: certificate compression. */
	{ "algorithms", "The compression algorithms this peer can decompress a certificate "
			"with, most preferred first." },
	{ "uncompressed_length", "The length of the Certificate message once decompressed: "
				 "the receiver rejects one that decompresses to another length." },
	{ "compressed_certificate_message", "The Certificate message, compressed; it is "
					    "decompressed and processed as if it had been sent "
					    "as it is." },
	/* TCP options of captured segments: RFC 9293, 3.2; RFC 7323, 2, 3; RFC 2018, 2, 3. */
	{ "no_operation", "Padding between options, so the next starts on a word boundary." },
	{ "end_of_option_list", "Marks the end of the options." },
	{ "window_scale", "Sent only in a SYN: this side's window field counts in units of 2 to "
			  "the shift count, for windows past 64 KB." },
	{ "shift_count", "The power of two this side's windows are multiplied by." },
	{ "sack_permitted", "Sent only in a SYN: this side understands selective "
			    "acknowledgments." },
	{ "sack", "Selective acknowledgment: blocks of bytes that arrived beyond the "
		  "acknowledgment number, so only the missing ones are sent again." },
	{ "left_edge", "The first sequence number of a block that arrived." },
	{ "right_edge", "The sequence number just after that block." },
	{ "timestamps", "The sender's clock (TSval) and the last one it received (TSecr): round "
			"trip measurement and protection against old, wrapped sequence numbers." },
	{ "TSval", "The sender's timestamp clock when it sent this segment." },
	{ "TSecr", "The TSval of the most recent segment this sender received." },
	{ "ProtocolName", "One application protocol, by its registered name." },
	{ "ec_point_format_list", "The point formats, most preferred first." },
	{ "TCP segment", "A TCP segment (modeled: a socketpair carries no TCP). TCP carries TLS as "
			 "a byte stream; sequence and acknowledgment numbers count those bytes." },
	{ "TLSPlaintext", "A TLS record in clear: a content type, a version and a length, then "
			  "up to 16 KB of one protocol's messages." },
	{ "TLSCiphertext", "A protected TLS record: the header travels in clear, the contents are "
			   "encrypted and authenticated." },
};

/* What each entry of a list is, by the list's name. */
static const struct {
	const char *list;
	const char *item;
} item_texts[] = {
	{ "cipher_suites", "One cipher suite the client can use." },
	{ "named_group_list", "One key-exchange group the client supports." },
	{ "supported_signature_algorithms", "One signature scheme this peer accepts." },
	{ "versions", "One protocol version the client supports." },
	{ "ke_modes", "One PSK key-exchange mode the client allows." },
	{ "ec_point_format_list", "One point encoding this peer accepts." },
	{ "legacy_compression_methods", "One compression method; only null remains." },
	{ "certificate_types", "One kind of client certificate the server accepts." },
};

const char *item_explanation(const char *list)
{
	for (size_t i = 0; i < sizeof(item_texts) / sizeof(item_texts[0]); i++)
		if (strcmp(item_texts[i].list, list) == 0)
			return item_texts[i].item;
	return NULL;
}

const char *field_explanation(const char *name)
{
	for (size_t i = 0; i < sizeof(field_texts) / sizeof(field_texts[0]); i++)
		if (strcmp(field_texts[i].name, name) == 0)
			return field_texts[i].text;
	return NULL;
}

static const struct {
	uint8_t type;
	const char *text;
} handshake_texts[] = {
	{ 1, "The client opens the handshake: its random, the versions, cipher suites and "
	     "groups it supports, and (in TLS 1.3) its key shares." },
	{ 2, "The server picks the version and cipher suite and sends its random; in TLS 1.3 "
	     "also its key share, after which everything is encrypted." },
	{ 4, "A ticket the client can present later to resume without a full handshake." },
	{ 5, "The client's end of its 0-RTT data." },
	{ 8, "TLS 1.3: the server's extensions that need no key exchange, the first encrypted "
	     "message." },
	{ 11, "The certificate chain that ties a public key to a name." },
	{ 12, "TLS 1.2: the server's ephemeral key-exchange parameters, signed with its "
	      "certificate's key." },
	{ 13, "The server asks the client to authenticate with a certificate too." },
	{ 14, "TLS 1.2: the server has said all it has to say in this flight." },
	{ 15, "A signature over the handshake transcript with the certificate's private key: "
	      "proof the peer owns the certificate." },
	{ 16, "TLS 1.2: the client's part of the key exchange; after it both sides can compute "
	      "the premaster secret." },
	{ 20, "A MAC over the whole handshake: both sides check they saw the same messages and "
	      "derived the same keys." },
	{ 24, "TLS 1.3: the sender switches to new traffic keys." },
	{ 254, "The hash of the first ClientHello, replacing it in the transcript." },
};

/* Why each alert is sent, for the alerts the scenarios show. */
static const struct {
	uint8_t description;
	const char *text;
} alert_texts[] = {
	{ 0, "close_notify: the sender will send nothing more; it protects against an attacker "
	     "cutting the connection short." },
	{ 20, "bad_record_mac: a record did not authenticate. Someone changed it on its way (or "
	      "the keys differ), so the receiver refuses it and ends the connection." },
	{ 40, "handshake_failure: the peers could not agree, here on a cipher suite both support." },
	{ 42, "bad_certificate: the certificate is not acceptable, here because it does not name "
	      "the host the client wanted to reach." },
	{ 48, "unknown_ca: the certificate chain leads to a CA the client does not trust, so "
	      "nothing proves who the server is." },
	{ 50, "decode_error: a message could not be parsed." },
	{ 51, "decrypt_error: a signature or Finished check failed." },
	{ 70, "protocol_version: the peers share no version of TLS they are both willing to "
	      "speak." },
	{ 116, "certificate_required: the server demanded a client certificate and got none." },
	{ 120, "no_application_protocol: the client's ALPN protocols are none the server "
	       "speaks." },
};

const char *message_name(const struct message *m)
{
	switch (m->kind) {
	case MESSAGE_HANDSHAKE:
		/* RFC 8446, 4.1.3: a ServerHello carrying this random is a HelloRetryRequest. */
		if (m->type == 2 && m->bytes.len >= 38) {
			static const uint8_t hrr[8] = { 0xcf, 0x21, 0xad, 0x74,
							0xe5, 0x9a, 0x61, 0x11 };
			if (memcmp(m->bytes.data + 6, hrr, sizeof(hrr)) == 0)
				return "HelloRetryRequest";
		}
		return registry_name(REG_HANDSHAKE_TYPE, m->type) ? registry_name(REG_HANDSHAKE_TYPE,
										  m->type)
								  : "Handshake";
	case MESSAGE_CHANGE_CIPHER_SPEC:
		return "ChangeCipherSpec";
	case MESSAGE_ALERT:
		return "Alert";
	case MESSAGE_APPLICATION_DATA:
		return "ApplicationData";
	case MESSAGE_UNREADABLE:
		break;
	}
	return "unreadable record";
}

const char *message_explanation(const struct message *m)
{
	switch (m->kind) {
	case MESSAGE_HANDSHAKE:
		if (strcmp(message_name(m), "HelloRetryRequest") == 0)
			return "The server cannot use any key share the client sent and asks for "
			       "another ClientHello with a key for the group it names.";
		for (size_t i = 0; i < sizeof(handshake_texts) / sizeof(handshake_texts[0]); i++)
			if (handshake_texts[i].type == m->type)
				return handshake_texts[i].text;
		return "A handshake message tlsviz does not know.";
	case MESSAGE_CHANGE_CIPHER_SPEC:
		return "TLS 1.2: from the next record on, this side encrypts with the new keys. In "
		       "TLS 1.3 it only calms middleboxes and means nothing.";
	case MESSAGE_ALERT:
		for (size_t i = 0; i < sizeof(alert_texts) / sizeof(alert_texts[0]); i++)
			if (alert_texts[i].description == m->type)
				return alert_texts[i].text;
		return "An alert: something went wrong and the connection ends.";
	case MESSAGE_APPLICATION_DATA:
		return "The application's own bytes, encrypted and authenticated by the record "
		       "layer.";
	case MESSAGE_UNREADABLE:
		break;
	}
	return "A protected record that could not be decrypted.";
}
