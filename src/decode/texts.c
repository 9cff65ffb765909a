/*
 * What each message and field is for, by context, written for a student.
 * Each entry: message, path, version, sender, protection, value case, the
 * table that explains the value's code, the text; and beside it the RFC
 * section it is checked against. ANY leaves a context open: those entries
 * are the fallbacks that stay true in every context they cover.
 */
#include "decode/internal.h"

#define ANY 0
#define TLS12 ERA_TLS12
#define TLS13 ERA_TLS13
#define DTLS ERA_DTLS
#define QUIC ERA_QUIC
#define CLIENT SENDER_CLIENT
#define SERVER SENDER_SERVER
#define CLEAR SEALING_CLEAR
#define SEALED SEALING_PROTECTED
#define EARLY SEALING_EARLY
#define NO_CODES MEANING_NONE

const struct explain_entry explain_entries[] = {
	/* ---- Messages (the root of a message's tree) ---- */
	/* RFC 8446, 4.1.2 */
	{ "ClientHello", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The client opens the handshake: its random, the cipher suites (AEAD and hash) and groups "
	  "it supports, the versions in supported_versions, and key shares for the groups it "
	  "guesses the server will choose." },
	/* RFC 5246, 7.4.1.2 */
	{ "ClientHello", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The client opens the handshake: the highest version it supports, its random, the cipher "
	  "suites and compression methods it supports, and its extensions." },
	/* RFC 8446, 4.1.2; RFC 5246, 7.4.1.2 */
	{ "ClientHello", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client opens the handshake: its random and the versions, cipher suites and "
	  "extensions it supports." },
	/* RFC 8446, 4.1.3 */
	{ "ServerHello", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The server picks the cipher suite and, in supported_versions, TLS 1.3, and sends its "
	  "random and (unless it resumes with a PSK alone) its key share: from the next message "
	  "on, the handshake is encrypted." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The server picks the version, the cipher suite and the compression method from the "
	  "client's offer, and sends its random and a session ID (which may be empty)." },
	/* RFC 8446, 4.1.3; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's answer to the ClientHello: the version and cipher suite it picked, and its "
	  "random." },
	/* RFC 8446, 4.1.4: key_share and cookie are each present only when needed. */
	{ "HelloRetryRequest", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A ServerHello with a fixed random: the server cannot go on with this ClientHello "
	  "(typically, no key share it can use) and asks for a second one, changed as its "
	  "extensions say: a group to send a key share for, a cookie to echo, or both." },
	/* RFC 8446, 4.6.1 */
	{ "NewSessionTicket", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "Sent by the server after the handshake, under the application keys: a ticket, and the "
	  "nonce from which both sides derive its PSK from the resumption secret, to resume "
	  "later without a full handshake." },
	/* RFC 5077, 3.3 (the ticket is opaque to the client) and 4 (the recommended form) */
	{ "NewSessionTicket", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The server's session ticket, sent before its ChangeCipherSpec: the session's state, "
	  "opaque to the client, which presents it to resume without a full handshake." },
	/* RFC 8446, 4.6.1; RFC 5077, 3.3 */
	{ "NewSessionTicket", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A ticket the client can present later to resume without a full handshake." },
	/* RFC 8446, 4.5 */
	{ "EndOfEarlyData", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: the end of the client's 0-RTT data, the last message under the early traffic "
	  "keys; the client's next messages use the handshake keys." },
	/* RFC 8446, 4.3.1 */
	{ "EncryptedExtensions", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: the server's answers to the client's extensions that are not needed to derive "
	  "keys (such as ALPN), the first message under the handshake keys." },
	/* RFC 8446, 4.4.2 */
	{ "Certificate", "", TLS13, SERVER, ANY, ANY, NO_CODES,
	  "The server's certificate chain, which ties its public key to its name; in TLS 1.3 it is "
	  "encrypted under the handshake keys." },
	/* RFC 8446, 4.4.2 */
	{ "Certificate", "", TLS13, CLIENT, ANY, ANY, NO_CODES,
	  "The client's certificate chain, sent because the server asked for one in "
	  "CertificateRequest; encrypted under the handshake keys." },
	/* RFC 5246, 7.4.2 */
	{ "Certificate", "", TLS12, SERVER, ANY, ANY, NO_CODES,
	  "The server's certificate chain, which ties its public key to its name; in TLS 1.2 it "
	  "travels in clear." },
	/* RFC 5246, 7.4.6 */
	{ "Certificate", "", TLS12, CLIENT, ANY, ANY, NO_CODES,
	  "The client's certificate chain, answering the server's CertificateRequest; in TLS 1.2 "
	  "it travels in clear." },
	/* RFC 8446, 4.4.2; RFC 5246, 7.4.2 */
	{ "Certificate", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A certificate chain, which ties a public key to a name." },
	/* RFC 5246, 7.4.3; RFC 8422, 5.4 */
	{ "ServerKeyExchange", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the server's ephemeral key-exchange parameters, signed with its certificate's "
	  "private key over both randoms and the parameters." },
	/* RFC 8446, 4.3.2 */
	{ "CertificateRequest", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The server asks the client for a certificate; its extensions say which signature "
	  "schemes (and CAs) it accepts." },
	/* RFC 5246, 7.4.4 */
	{ "CertificateRequest", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The server asks the client for a certificate: the certificate types, signature "
	  "algorithms and CAs it accepts." },
	/* RFC 8446, 4.3.2; RFC 5246, 7.4.4 */
	{ "CertificateRequest", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server asks the client to authenticate with a certificate too." },
	/* RFC 5246, 7.4.5 */
	{ "ServerHelloDone", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the server has sent its whole first flight; it is the client's turn." },
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "", TLS13, SERVER, ANY, ANY, NO_CODES,
	  "The server signs the transcript of the handshake so far with its certificate's private "
	  "key: proof that it holds the key of the certificate it sent." },
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "", TLS13, CLIENT, ANY, ANY, NO_CODES,
	  "The client signs the transcript of the handshake so far with its certificate's private "
	  "key: proof that it holds the key of the certificate it sent." },
	/* RFC 5246, 7.4.8 */
	{ "CertificateVerify", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The client signs every handshake message so far with its certificate's private key: "
	  "proof that it holds the key of the certificate it sent." },
	/* RFC 8446, 4.4.3; RFC 5246, 7.4.8 */
	{ "CertificateVerify", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A signature over the handshake so far with the certificate's private key: proof the "
	  "sender holds it." },
	/* RFC 5246, 7.4.7 */
	{ "ClientKeyExchange", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the client's part of the key exchange; after it both sides can compute the "
	  "premaster secret, and from it the master secret." },
	/* RFC 8446, 4.4.4 */
	{ "Finished", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "An HMAC, keyed with the sender's finished_key, over the transcript hash of every "
	  "handshake message before it: each side checks that both saw the same handshake." },
	/* RFC 5246, 7.4.9 */
	{ "Finished", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The first message under the new keys: verify_data, computed from the master secret and "
	  "the hash of every handshake message before it, proves that both sides saw the same "
	  "handshake and hold the same keys." },
	/* RFC 8446, 4.4.4; RFC 5246, 7.4.9 */
	{ "Finished", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A MAC over every handshake message before it: both sides check that they saw the same "
	  "handshake and derived the same keys." },
	/* RFC 8446, 4.6.3 */
	{ "KeyUpdate", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: the sender moves to the next generation of its traffic keys; its records after "
	  "this one use them." },
	/* RFC 8446, 4.4.1 */
	{ "MessageHash", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The hash of the first ClientHello, standing in for it in the transcript after a "
	  "HelloRetryRequest." },
	/* RFC 8446, 4 */
	{ "Handshake", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A handshake message of a type tlsviz does not know." },
	/* RFC 5246, 7.1 */
	{ "ChangeCipherSpec", "", TLS12, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: from its next record on, the sender protects its records with the keys just "
	  "negotiated." },
	/* RFC 8446, 5 and D.4 */
	{ "ChangeCipherSpec", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: it changes nothing; it is sent only so that middleboxes see a familiar "
	  "handshake (middlebox compatibility mode), and the receiver drops it." },
	/* RFC 5246, 7.1; RFC 8446, 5 */
	{ "ChangeCipherSpec", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the sender switches to the new keys. In TLS 1.3 it means nothing and is only "
	  "sent for middleboxes." },
	/* RFC 8446, 6; RFC 5246, 7.2 */
	{ "Alert", "", ANY, ANY, ANY, ANY, MEANING_ALERT,
	  "An alert: a level and a description of what happened." },
	/*
	 * RFC 8446, 2.3, 4.2.10, 7.1 (c e traffic: the PSK's early secret and the
	 * ClientHello), 8 (anti-replay limits replays, it cannot rule them out)
	 * and E.5
	 */
	{ "ApplicationData", "", ANY, ANY, EARLY, ANY, NO_CODES,
	  "0-RTT data, sent before the handshake completes under keys from the PSK and the "
	  "ClientHello alone: not forward secret, and an attacker can replay it (the server's "
	  "anti-replay checks only limit that)." },
	/* RFC 8446, 5.2; RFC 5246, 6.2.3 */
	{ "ApplicationData", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The application's own bytes, encrypted and authenticated by the record layer." },
	/* RFC 8446, 5.2 */
	{ "unreadable record", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A protected record tlsviz shows as ciphertext: it holds no keys for it, or does not "
	  "decrypt this version (the reason is below)." },

	/* ---- The handshake header (RFC 8446, 4; RFC 5246, 7.4) ---- */
	/* RFC 8446, 4; RFC 5246, 7.4 */
	{ NULL, "/msg_type", ANY, ANY, ANY, ANY, NO_CODES, "Which handshake message this is." },
	/* RFC 8446, 4; RFC 5246, 7.4 */
	{ NULL, "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the message body that follows, in 3 bytes." },
	/* RFC 8446, 3.4: every variable-length vector starts with its length. */
	{ NULL, "length", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many bytes follow: TLS prefixes every variable-length field with its length." },

	/* ---- ClientHello ---- */
	/* RFC 8446, 4.1.2 and D.5 */
	{ "ClientHello", "legacy_version", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The version field of older TLS, where it held the highest version the client supports. "
	  "TLS 1.3 freezes it at TLS 1.2 (0x0303), because some servers refused a version they did "
	  "not know; the versions the client really offers are in supported_versions." },
	/* RFC 5246, 7.4.1.2 */
	{ "ClientHello", "client_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The highest TLS version the client supports: the server answers with this one or a "
	  "lower one it supports." },
	/* RFC 8446, 4.1.2 */
	{ "ClientHello", "random", TLS13, ANY, ANY, ANY, NO_CODES,
	  "32 random bytes chosen by the client for this connection. They enter the transcript, "
	  "and so every key: keys are new for every connection." },
	/* RFC 5246, 7.4.1.2 and 8.1; RFC 7627, 4 */
	{ "ClientHello", "random", TLS12, ANY, ANY, VALUE_EMS, NO_CODES,
	  "32 random bytes chosen by the client for this connection. With extended_master_secret, "
	  "negotiated here, they go into the key block but not into the master secret, which "
	  "comes from the session hash." },
	/* RFC 5246, 7.4.1.2, 6.3 and 8.1 */
	{ "ClientHello", "random", TLS12, ANY, ANY, ANY, NO_CODES,
	  "32 random bytes chosen by the client for this connection. Both randoms go into the "
	  "master secret (unless extended_master_secret is negotiated) and into the key block, so "
	  "keys are new for every connection." },
	/* RFC 8446, 4.1.2 and D.4 */
	{ "ClientHello", "legacy_session_id", TLS13, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: the client does not use middlebox compatibility mode. TLS 1.3 does not "
	  "resume by session ID; a client sends one only in that mode (a random value, so the "
	  "handshake looks like a TLS 1.2 resumption) or when it has one from a TLS 1.2 server." },
	/* RFC 8446, 4.1.2 and D.4 */
	{ "ClientHello", "legacy_session_id", TLS13, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "Not empty: the client sends a session ID although TLS 1.3 does not resume by "
	  "one, as in middlebox compatibility mode, so that the handshake looks like a TLS 1.2 "
	  "resumption to middleboxes. The server must echo it." },
	/* RFC 8446, 4.1.2 */
	{ "ClientHello", "legacy_session_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "A TLS 1.2 session ID, or in TLS 1.3 a value only for middlebox compatibility." },
	/* RFC 5246, 7.4.1.2 */
	{ "ClientHello", "session_id", TLS12, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: the client offers no session to resume by ID (it may still resume one "
	  "with a session ticket, in its own extension)." },
	/* RFC 5246, 7.4.1.2 */
	{ "ClientHello", "session_id", TLS12, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "The ID of an earlier session that the client wants to resume; if the server "
	  "still holds that session, it echoes the ID and the handshake is abbreviated." },
	/* RFC 5246, 7.4.1.2 */
	{ "ClientHello", "session_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "The ID of a session the client wants to resume; empty for a new session." },
	/* RFC 8446, 4.1.2 and B.4 */
	{ "ClientHello", "cipher_suites", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The cipher suites the client supports, most preferred first. A TLS 1.3 suite names "
	  "only the record protection (an AEAD) and the hash." },
	/* RFC 5246, 7.4.1.2 and A.5 */
	{ "ClientHello", "cipher_suites", ANY, ANY, ANY, ANY, NO_CODES,
	  "The cipher suites the client supports, most preferred first. A TLS 1.2 suite names the "
	  "key exchange, the authentication, the record protection and the hash." },
	/* RFC 8446, 4.1.2; RFC 5246, 7.4.1.2 */
	{ "ClientHello", "cipher_suites/*", ANY, ANY, ANY, ANY, MEANING_CIPHER_SUITE,
	  "One cipher suite the client offers." },
	/* RFC 8446, 4.1.2 */
	{ "ClientHello", "legacy_compression_methods", ANY, ANY, ANY, ANY, NO_CODES,
	  "A TLS 1.3 client sends exactly one method, null: TLS 1.3 has no compression." },
	/* RFC 5246, 7.4.1.2; RFC 3749 (DEFLATE); RFC 7457, 2.6 (CRIME) */
	{ "ClientHello", "compression_methods", ANY, ANY, ANY, ANY, NO_CODES,
	  "The compression methods the client supports. Only null (none) is in use: compressing "
	  "before encrypting leaks secrets (the CRIME attack)." },
	/* RFC 5246, 6.2.2 */
	{ NULL, "compression_methods/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One compression method; null means none." },
	/* RFC 8446, 4.1.2 */
	{ NULL, "legacy_compression_methods/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One compression method; null means none, the only one TLS 1.3 allows." },

	/* ---- ServerHello and HelloRetryRequest ---- */
	/* RFC 8446, 4.1.3 */
	{ NULL, "/legacy_version", TLS13, SERVER, ANY, ANY, NO_CODES,
	  "Frozen at TLS 1.2 (0x0303) for old middleboxes; the version the server really chose is "
	  "in supported_versions." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "server_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The version the server chose: the highest both support, never above the client's "
	  "client_version." },
	/* RFC 8446, 4.1.3 */
	{ "ServerHello", "random", TLS13, ANY, ANY, ANY, NO_CODES,
	  "32 random bytes chosen by the server; they enter the transcript, and so every key. A "
	  "TLS 1.3 server that negotiates TLS 1.2 or below must end its random with the downgrade "
	  "sentinel \"DOWNGRD\"; this one chose TLS 1.3, so its random carries none." },
	/* RFC 8446, 4.1.3; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "random", TLS12, ANY, ANY, VALUE_NO_SENTINEL, NO_CODES,
	  "32 random bytes chosen by the server. Their last 8 are not the downgrade sentinel "
	  "44 4f 57 4e 47 52 44 01 (\"DOWNGRD\" 01), which a server that supports TLS 1.3 must "
	  "put there when it negotiates TLS 1.2, so that a TLS 1.3 client detects a downgrade: "
	  "this server does not offer TLS 1.3." },
	/* RFC 8446, 4.1.3 */
	{ "ServerHello", "random", TLS12, ANY, ANY, VALUE_SENTINEL, NO_CODES,
	  "32 random bytes chosen by the server, whose last 8 are the downgrade sentinel "
	  "\"DOWNGRD\": the server supports TLS 1.3 but negotiated an older version. A client "
	  "that supports TLS 1.3 must abort, since an attacker may have removed TLS 1.3 from its "
	  "offer." },
	/* RFC 8446, 4.1.3; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "random", ANY, ANY, ANY, ANY, NO_CODES,
	  "32 random bytes chosen by the server; with the client's they make the keys new for "
	  "every connection." },
	/* RFC 8446, 4.1.3 */
	{ "HelloRetryRequest", "random", ANY, ANY, ANY, ANY, NO_CODES,
	  "Not random: the fixed value SHA-256(\"HelloRetryRequest\"), which marks this "
	  "ServerHello as a HelloRetryRequest." },
	/* RFC 8446, 4.1.3 */
	{ NULL, "legacy_session_id_echo", ANY, SERVER, ANY, VALUE_EMPTY, NO_CODES,
	  "The client's legacy_session_id, echoed: empty, as the client's was." },
	/* RFC 8446, 4.1.3 */
	{ NULL, "legacy_session_id_echo", ANY, SERVER, ANY, ANY, NO_CODES,
	  "The client's legacy_session_id, echoed byte for byte; a client aborts the handshake "
	  "if it differs." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "session_id", TLS12, ANY, ANY, VALUE_ECHOED, NO_CODES,
	  "The ID the client offered, echoed: the server found that session and resumes it, so "
	  "an abbreviated handshake follows, with no certificate and no key exchange." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "session_id", TLS12, ANY, ANY, VALUE_NEW, NO_CODES,
	  "A new ID for this new session: the client did not offer one the server could resume. "
	  "The client may offer it in a later ClientHello to resume this session." },
	/* RFC 5246, 7.4.1.3; RFC 5077, 3.4 */
	{ "ServerHello", "session_id", TLS12, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: the server gives this session no ID, so it cannot be resumed by ID (a session "
	  "ticket can resume a session without one)." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "session_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client's ID, echoed when the server resumes that session; otherwise a new ID for "
	  "this session, or empty." },
	/* RFC 8446, 4.1.3; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "cipher_suite", ANY, ANY, ANY, ANY, MEANING_CIPHER_SUITE,
	  "The cipher suite the server picked from the client's list." },
	/* RFC 8446, 4.1.4 */
	{ "HelloRetryRequest", "cipher_suite", ANY, ANY, ANY, ANY, MEANING_CIPHER_SUITE,
	  "The cipher suite the server will use; its ServerHello must name the same." },
	/* RFC 8446, 4.1.3 */
	{ NULL, "legacy_compression_method", ANY, SERVER, ANY, ANY, NO_CODES,
	  "Always 0 (null): TLS 1.3 has no compression." },
	/* RFC 5246, 7.4.1.3 */
	{ "ServerHello", "compression_method", ANY, ANY, ANY, ANY, NO_CODES,
	  "The compression method the server picked from the client's list: null, none." },

	/* ---- Extensions in general (RFC 8446, 4.2) ---- */
	/* RFC 8446, 4.2 */
	{ NULL, "extensions", TLS13, ANY, ANY, ANY, NO_CODES,
	  "Optional features and parameters, each a type and its data. Most of TLS 1.3's "
	  "negotiation happens here." },
	/* RFC 8446, 4.2 */
	{ NULL, "extensions", ANY, ANY, ANY, ANY, NO_CODES,
	  "Optional features and parameters, each a type and its data." },
	/* RFC 8446, 4.2 */
	{ NULL, "extension_type", ANY, ANY, ANY, ANY, NO_CODES,
	  "Which extension this is, by its number in the IANA registry." },
	/* RFC 8446, 4.2 */
	{ NULL, "extension_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "The extension's contents; their syntax depends on the extension and on the message it "
	  "is in." },
	/* RFC 8446, 4.2: an extension tlsviz cannot decode. */
	{ NULL, "extension_data/bytes", ANY, ANY, ANY, ANY, NO_CODES,
	  "The extension's bytes, as they are: tlsviz does not decode this extension." },
	/* RFC 8701, 2: a value that must be ignored, sent to keep peers tolerant. */
	{ NULL, "extensions/GREASE", ANY, ANY, ANY, ANY, NO_CODES,
	  "GREASE: a reserved value a peer sends so that the other keeps ignoring types it does "
	  "not know (RFC 8701)." },
	/* RFC 8446, 4.2 and 9.3 */
	{ NULL, "extensions/unknown", ANY, ANY, ANY, ANY, NO_CODES,
	  "An extension tlsviz does not know. A server ignores one it does not know in a "
	  "ClientHello; a client aborts on one it did not ask for." },

	/* ---- server_name (RFC 6066, 3) ---- */
	/* RFC 6066, 3 */
	{ "ClientHello", "extensions/server_name", ANY, ANY, ANY, ANY, NO_CODES,
	  "Server Name Indication: the host name the client wants, so that a server with many "
	  "sites picks the right certificate. It travels in clear, in TLS 1.3 too." },
	/* RFC 6066, 3; RFC 8446, 4.2 */
	{ "EncryptedExtensions", "extensions/server_name", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: the server says that it used the name the client asked for. In TLS 1.3 this "
	  "answer travels encrypted, in EncryptedExtensions." },
	/* RFC 6066, 3 */
	{ "ServerHello", "extensions/server_name", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: the server says that it used the name the client asked for. In TLS 1.2 this "
	  "answer travels in clear, in the ServerHello." },
	/* RFC 6066, 3 */
	{ NULL, "extensions/server_name", ANY, ANY, ANY, ANY, NO_CODES,
	  "Server Name Indication: the host name the client wants to reach." },
	/* RFC 6066, 3 */
	{ NULL, "server_name_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The names the client asks for: at most one of each type, in practice one host name." },
	/* RFC 6066, 3 */
	{ NULL, "server_name_list/host_name", ANY, ANY, ANY, ANY, NO_CODES,
	  "The DNS name of the server the client wants to reach, in ASCII." },
	/* RFC 6066, 3 */
	{ NULL, "server_name_list/name_type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The kind of name that follows; host_name is the only one defined." },

	/* ---- supported_groups (RFC 8446, 4.2.7; RFC 8422, 5.1.1; RFC 7919, 2) ---- */
	/* RFC 8446, 4.2.7; RFC 8422, 5.1.1; RFC 7919, 2 */
	{ NULL, "extensions/supported_groups", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The key-exchange groups (elliptic curves or finite fields) the client supports, most "
	  "preferred first; its key_share holds keys for some of them." },
	/* RFC 8446, 4.2.7; RFC 8422, 5.1.1; RFC 7919, 2 */
	{ NULL, "extensions/supported_groups", ANY, ANY, ANY, ANY, NO_CODES,
	  "The key-exchange groups (elliptic curves or finite fields) the client supports, most "
	  "preferred first." },
	/* RFC 8446, 4.2.7; RFC 8422, 5.1.1; RFC 7919, 2 */
	{ NULL, "named_group_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The groups, most preferred first." },
	/* RFC 8446, 4.2.7; RFC 8422, 5.1.1; RFC 7919, 2 */
	{ NULL, "named_group_list/*", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "One key-exchange group the client supports." },

	/* ---- ec_point_formats (RFC 8422, 5.1.2) ---- */
	/* RFC 8422, 5.1.2 */
	{ NULL, "extensions/ec_point_formats", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2 elliptic curves: the point encodings this peer can read; uncompressed is the "
	  "only one still allowed." },
	/* RFC 8422, 5.1.2 */
	{ NULL, "ec_point_format_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The point formats, most preferred first." },
	/* RFC 8422, 5.1.2 */
	{ NULL, "ec_point_format_list/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One point encoding this peer can read." },

	/* ---- signature_algorithms (RFC 8446, 4.2.3; RFC 5246, 7.4.1.4.1) ---- */
	/* RFC 8446, 4.2.3; RFC 5246, 7.4.1.4.1 */
	{ "ClientHello", "extensions/signature_algorithms", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The signature schemes the client accepts in the server's CertificateVerify; without a "
	  "signature_algorithms_cert extension they also apply to the signatures in the server's "
	  "certificates." },
	/* RFC 8446, 4.2.3; RFC 5246, 7.4.1.4.1 */
	{ "ClientHello", "extensions/signature_algorithms", ANY, ANY, ANY, ANY, NO_CODES,
	  "The signature and hash algorithms the client accepts in the server's "
	  "ServerKeyExchange and certificates." },
	/* RFC 8446, 4.3.2 */
	{ "CertificateRequest", "extensions/signature_algorithms", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's list: the signature schemes it accepts in the client's CertificateVerify "
	  "(and, without signature_algorithms_cert, in the client's certificates)." },
	/* RFC 8446, 4.2.3 */
	{ NULL, "extensions/signature_algorithms", ANY, ANY, ANY, ANY, NO_CODES,
	  "The signature schemes this peer accepts." },
	/* RFC 8446, 4.2.3 */
	{ NULL, "extensions/signature_algorithms_cert", ANY, ANY, ANY, ANY, NO_CODES,
	  "The signature schemes this peer accepts in certificates, when they differ from those "
	  "of signature_algorithms." },
	/* RFC 8446, 4.2.3; RFC 5246, 7.4.1.4.1 */
	{ NULL, "supported_signature_algorithms", ANY, ANY, ANY, ANY, NO_CODES,
	  "Signature schemes, most preferred first." },
	/* RFC 8446, 4.2.3 */
	{ "ClientHello", "supported_signature_algorithms/*", TLS13, ANY, ANY, VALUE_HANDSHAKE_OK,
	  MEANING_SIGNATURE_SCHEME,
	  "One scheme the client accepts, for the server's CertificateVerify and certificates." },
	/* RFC 8446, 4.2.3 */
	{ "ClientHello", "supported_signature_algorithms/*", TLS13, ANY, ANY, VALUE_CERT_ONLY,
	  MEANING_SIGNATURE_SCHEME,
	  "In TLS 1.3 it may appear only for the signatures in certificates (or for TLS 1.2, if "
	  "the client offers that too): no TLS 1.3 CertificateVerify may use it." },
	/* RFC 5246, 7.4.1.4.1 */
	{ "ClientHello", "supported_signature_algorithms/*", ANY, ANY, ANY, ANY,
	  MEANING_SIGNATURE_SCHEME,
	  "One signature and hash algorithm the client accepts from the server." },
	/* RFC 8446, 4.3.2 and 4.2.3 */
	{ "CertificateRequest", "supported_signature_algorithms/*", TLS13, ANY, ANY,
	  VALUE_HANDSHAKE_OK, MEANING_SIGNATURE_SCHEME,
	  "One scheme the server accepts, for the client's CertificateVerify and certificates." },
	/* RFC 8446, 4.3.2 and 4.2.3 */
	{ "CertificateRequest", "supported_signature_algorithms/*", TLS13, ANY, ANY,
	  VALUE_CERT_ONLY, MEANING_SIGNATURE_SCHEME,
	  "Listed for the signatures in certificates only: TLS 1.3 does not allow it in the "
	  "client's CertificateVerify." },
	/* RFC 5246, 7.4.4 */
	{ "CertificateRequest", "supported_signature_algorithms/*", ANY, ANY, ANY, ANY,
	  MEANING_SIGNATURE_SCHEME,
	  "One signature and hash algorithm the server accepts in the client's CertificateVerify "
	  "and certificates." },
	/* RFC 8446, 4.2.3; RFC 5246, 7.4.1.4.1 */
	{ NULL, "supported_signature_algorithms/*", ANY, ANY, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "One signature scheme of this list." },

	/* ---- application_layer_protocol_negotiation (RFC 7301, 3.1) ---- */
	/* RFC 7301, 3.1 */
	{ "ClientHello", "extensions/application_layer_protocol_negotiation", ANY, ANY, ANY, ANY,
	  NO_CODES,
	  "ALPN: the application protocols the client can speak inside TLS, most preferred first, "
	  "such as http/1.1 or h2." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ "EncryptedExtensions", "extensions/application_layer_protocol_negotiation", ANY, ANY,
	  ANY, ANY, NO_CODES,
	  "ALPN: the one protocol the server chose from the client's list; in TLS 1.3 the answer "
	  "travels encrypted." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ "ServerHello", "extensions/application_layer_protocol_negotiation", ANY, ANY, ANY, ANY,
	  NO_CODES,
	  "ALPN: the one protocol the server chose from the client's list; in TLS 1.2 the answer "
	  "travels in clear." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ NULL, "extensions/application_layer_protocol_negotiation", ANY, ANY, ANY, ANY, NO_CODES,
	  "ALPN: which application protocol runs inside TLS." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ NULL, "protocol_name_list", ANY, CLIENT, ANY, ANY, NO_CODES,
	  "The protocols the client offers, most preferred first." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ NULL, "protocol_name_list", ANY, SERVER, ANY, ANY, NO_CODES,
	  "Exactly one protocol: the server's choice." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ NULL, "protocol_name_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The application protocols offered, or the one chosen." },
	/* RFC 7301, 3.1; RFC 8446, 4.3.1 */
	{ NULL, "ProtocolName", ANY, ANY, ANY, ANY, NO_CODES,
	  "One application protocol, by its registered name." },

	/* ---- encrypt_then_mac (RFC 7366) ---- */
	/* RFC 7366 */
	{ "ClientHello", "extensions/encrypt_then_mac", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The client offers to MAC CBC records over their ciphertext. It matters only for a "
	  "TLS 1.2 CBC suite: TLS 1.3 has only AEADs, so a server that picks TLS 1.3 ignores "
	  "it." },
	/* RFC 7366 */
	{ "ClientHello", "extensions/encrypt_then_mac", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client asks that CBC records be MAC'd after encryption, over the ciphertext, which "
	  "closes padding-oracle attacks. Only CBC suites use it." },
	/* RFC 7366, 2 */
	{ "ServerHello", "extensions/encrypt_then_mac", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server agrees: with a CBC suite, each record's MAC is computed over its ciphertext "
	  "and checked before decryption." },
	/* RFC 7366, 2 */
	{ NULL, "extensions/encrypt_then_mac", ANY, ANY, ANY, ANY, NO_CODES,
	  "encrypt_then_mac: CBC records are MAC'd over their ciphertext." },

	/* ---- extended_master_secret (RFC 7627, 3-5) ---- */
	/* RFC 7627, 3-5 */
	{ "ClientHello", "extensions/extended_master_secret", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the client asks that the master secret come from session_hash, the hash of the "
	  "handshake messages from ClientHello up to and including ClientKeyExchange, instead of "
	  "from the randoms, so that no attacker can give two connections the same master "
	  "secret." },
	/* RFC 7627, 3-5 */
	{ "ServerHello", "extensions/extended_master_secret", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server agrees: the master secret comes from session_hash, the hash of the "
	  "handshake messages from ClientHello up to and including ClientKeyExchange; the randoms "
	  "still go into the key block." },
	/* RFC 7627, 3-5 */
	{ NULL, "extensions/extended_master_secret", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: the master secret comes from a hash of the handshake up to ClientKeyExchange." },

	/* ---- session_ticket (RFC 5077, 3.2) ---- */
	/* RFC 5077, 3.2 */
	{ "ClientHello", "extensions/session_ticket", ANY, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: the client supports session tickets and has none to present, so it asks for "
	  "one." },
	/* RFC 5077, 3.2 */
	{ "ClientHello", "extensions/session_ticket", ANY, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "The ticket the server gave earlier: the client presents it to resume that session." },
	/* RFC 5077, 3.2 */
	{ "ServerHello", "extensions/session_ticket", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: the server will send a NewSessionTicket in this handshake." },
	/* RFC 5077, 3.2 */
	{ NULL, "extensions/session_ticket", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2 session tickets: the session's state, kept by the client in a ticket that is "
	  "opaque to it." },
	/* RFC 5077, 3.2 */
	{ NULL, "session_ticket/extension_data/ticket", ANY, ANY, ANY, ANY, NO_CODES,
	  "The ticket as the server issued it: opaque to the client." },

	/* ---- record_size_limit (RFC 8449, 4) ---- */
	/* RFC 8449, 4 */
	{ NULL, "extensions/record_size_limit", ANY, ANY, ANY, ANY, NO_CODES,
	  "The largest record plaintext this peer is willing to receive." },
	/* RFC 8449, 4 */
	{ NULL, "record_size_limit/extension_data/record_size_limit", ANY, ANY, ANY, ANY,
	  NO_CODES, "The limit, in bytes." },

	/* ---- pre_shared_key (RFC 8446, 4.2.11) ---- */
	/* RFC 8446, 4.2.11 */
	{ "ClientHello", "extensions/pre_shared_key", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3 resumption: the PSKs (here tickets) the client offers, each proven by a binder. "
	  "It must be the last extension of the ClientHello." },
	/* RFC 8446, 4.2.11 */
	{ "ServerHello", "extensions/pre_shared_key", ANY, ANY, ANY, ANY, NO_CODES,
	  "The PSK the server accepted: which of the client's identities it resumes." },
	/* RFC 8446, 4.2.11 */
	{ NULL, "extensions/pre_shared_key", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3 resumption by pre-shared key." },
	/* RFC 8446, 4.2.11 */
	{ NULL, "identities", ANY, ANY, ANY, ANY, NO_CODES,
	  "The PSK identities offered, here tickets from earlier connections." },
	/* RFC 8446, 4.2.11 */
	{ NULL, "PskIdentity", ANY, ANY, ANY, ANY, NO_CODES,
	  "One PSK the client offers: the ticket the server gave, and its obfuscated age." },
	/* RFC 8446, 4.2.11 and 4.6.1 */
	{ NULL, "PskIdentity/identity", ANY, ANY, ANY, ANY, NO_CODES,
	  "The ticket exactly as the server issued it: an opaque label for the PSK, which may be a "
	  "key into the server's database or the session state encrypted under a key only the "
	  "server knows." },
	/* RFC 8446, 4.2.11.1 */
	{ NULL, "obfuscated_ticket_age", ANY, ANY, ANY, ANY, NO_CODES,
	  "How long the client has held the ticket, in milliseconds, plus the ticket's "
	  "ticket_age_add (modulo 2^32), so that an eavesdropper cannot link this connection to "
	  "the one that issued the ticket." },
	/* RFC 8446, 4.2.11.2 */
	{ NULL, "binders", ANY, ANY, ANY, ANY, NO_CODES,
	  "One binder per identity: each proves that the client holds that PSK and binds it to "
	  "this ClientHello." },
	/* RFC 8446, 4.2.11.2 and 7.1 */
	{ NULL, "PskBinderEntry", ANY, ANY, ANY, ANY, NO_CODES,
	  "An HMAC keyed with the finished key derived from this PSK's binder_key, over the "
	  "transcript hash of the ClientHello cut just before the binders; tlsviz recomputes and "
	  "checks it." },
	/* RFC 8446, 4.2.11 */
	{ NULL, "selected_identity", ANY, ANY, ANY, ANY, NO_CODES,
	  "Which of the client's PSK identities the server accepted, counted from 0." },

	/* ---- early_data (RFC 8446, 4.2.10) ---- */
	/* RFC 8446, 4.2.10 */
	{ "ClientHello", "extensions/early_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client sends 0-RTT application data right after this ClientHello, under keys from "
	  "the PSK alone: not forward secret, and open to replay." },
	/* RFC 8446, 4.2.10 */
	{ "EncryptedExtensions", "extensions/early_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: the server accepted the client's 0-RTT data." },
	/* RFC 8446, 4.2.10 */
	{ "NewSessionTicket", "extensions/early_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "This ticket may be used for 0-RTT data, up to max_early_data_size bytes." },
	/* RFC 8446, 4.2.10 */
	{ NULL, "extensions/early_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "0-RTT: application data in the client's first flight." },
	/* RFC 8446, 4.2.10 and 4.6.1 */
	{ NULL, "max_early_data_size", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many bytes of 0-RTT data the server will accept with this ticket." },

	/* ---- supported_versions (RFC 8446, 4.2.1) ---- */
	/* RFC 8446, 4.2.1 */
	{ "ClientHello", "extensions/supported_versions", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3's real version negotiation: the versions the client supports, most preferred "
	  "first." },
	/* RFC 8446, 4.2.1 */
	{ NULL, "extensions/supported_versions", ANY, SERVER, ANY, ANY, NO_CODES,
	  "TLS 1.3's real version negotiation: the version the server selected." },
	/* RFC 8446, 4.2.1 */
	{ NULL, "extensions/supported_versions", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3's real version negotiation." },
	/* RFC 8446, 4.2.1 */
	{ NULL, "versions", ANY, ANY, ANY, ANY, NO_CODES,
	  "The protocol versions the client supports, most preferred first." },
	/* RFC 8446, 4.2.1 */
	{ NULL, "versions/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One protocol version the client supports." },
	/* RFC 8446, 4.2.1 */
	{ NULL, "selected_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The version the server chose: what this connection speaks, whatever legacy_version "
	  "says." },

	/* ---- cookie (RFC 8446, 4.2.2) ---- */
	/* RFC 8446, 4.2.2 */
	{ NULL, "extensions/cookie", ANY, ANY, ANY, ANY, NO_CODES,
	  "A value the server asks the client to echo in its second ClientHello, for example to "
	  "check that the client's address is real." },
	/* RFC 8446, 4.2.2 */
	{ NULL, "cookie/extension_data/cookie", ANY, ANY, ANY, ANY, NO_CODES,
	  "The cookie's bytes, opaque to the client." },

	/* ---- psk_key_exchange_modes (RFC 8446, 4.2.9) ---- */
	/* RFC 8446, 4.2.9 */
	{ NULL, "extensions/psk_key_exchange_modes", ANY, ANY, ANY, ANY, NO_CODES,
	  "The PSK key-exchange modes the client supports, for resuming with a PSK; the server "
	  "picks one of them and may not pick another." },
	/* RFC 8446, 4.2.9: a list of the modes supported; it states no order of preference. */
	{ NULL, "ke_modes", ANY, ANY, ANY, ANY, NO_CODES,
	  "The modes the client supports." },
	/* RFC 8446, 4.2.9 */
	{ NULL, "ke_modes/*", ANY, ANY, ANY, ANY, MEANING_PSK_MODE,
	  "One mode the client supports." },

	/* ---- certificate_authorities (RFC 8446, 4.2.4) ---- */
	/* RFC 8446, 4.2.4 */
	{ NULL, "extensions/certificate_authorities", ANY, ANY, ANY, ANY, NO_CODES,
	  "The certificate authorities this peer trusts, to help the other pick a certificate." },
	/* RFC 8446, 4.2.4 */
	{ NULL, "authorities", ANY, ANY, ANY, ANY, NO_CODES, "The authorities' names." },
	/* RFC 8446, 4.2.4 */
	{ NULL, "DistinguishedName", ANY, ANY, ANY, ANY, NO_CODES,
	  "One authority's name, in DER." },

	/* ---- post_handshake_auth (RFC 8446, 4.2.6) ---- */
	/* RFC 8446, 4.2.6 */
	{ NULL, "extensions/post_handshake_auth", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client is willing to authenticate with a certificate after the handshake, if the "
	  "server asks." },

	/* ---- key_share (RFC 8446, 4.2.8) ---- */
	/* RFC 8446, 4.2.8 */
	{ "ClientHello", "extensions/key_share", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: the client's (EC)DHE public keys, one for each group it guesses the server "
	  "will choose, so that a right guess saves a round trip." },
	/* RFC 8446, 4.2.8 */
	{ "ServerHello", "extensions/key_share", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's (EC)DHE public key, in one of the groups the client sent a key for; with "
	  "it both sides compute the shared secret." },
	/* RFC 8446, 4.2.8 */
	{ "HelloRetryRequest", "extensions/key_share", ANY, ANY, ANY, ANY, NO_CODES,
	  "The group the server wants a key share for in the client's second ClientHello." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "extensions/key_share", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: (EC)DHE public keys." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "client_shares", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client's public keys, one per group it guessed (it may send none and wait for a "
	  "HelloRetryRequest)." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "client_shares/KeyShareEntry", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "One public key for one group." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "KeyShareEntry", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "The server's public key, in a group the client sent a key for." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "KeyShareEntry/group", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "The group this key belongs to." },
	/* RFC 8446, 4.2.8.1 and 4.2.8.2 */
	{ NULL, "KeyShareEntry/key_exchange", ANY, ANY, ANY, ANY, NO_CODES,
	  "The public key. With its own private key each side computes the shared secret; an "
	  "eavesdropper who sees both public keys cannot." },
	/* RFC 8446, 4.2.8 */
	{ NULL, "selected_group", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "The group the server asks the client to send a key share for." },

	/* ---- Others seen in hellos ---- */
	/* RFC 5746, 3.2 */
	{ NULL, "extensions/renegotiation_info", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2: binds a renegotiation to the connection it renegotiates; empty on a first "
	  "handshake." },
	/* RFC 5746, 3.2 */
	{ NULL, "renegotiated_connection", ANY, ANY, ANY, ANY, NO_CODES,
	  "The previous handshake's verify_data; empty on a first handshake." },
	/* RFC 7685, 1 and 3: a work-around for servers that mishandle some ClientHello lengths. */
	{ NULL, "extensions/padding", ANY, ANY, ANY, ANY, NO_CODES,
	  "The padding extension: it lengthens the ClientHello, so that it avoids the lengths "
	  "that some faulty servers mishandle." },
	/* RFC 7685, 3 */
	{ NULL, "padding/extension_data/zeros", ANY, ANY, ANY, ANY, NO_CODES,
	  "Zero bytes, only there for the length." },
	/* RFC 6066, 8 */
	{ NULL, "extensions/status_request", ANY, ANY, ANY, ANY, NO_CODES,
	  "OCSP stapling: the client asks the server to send a fresh revocation status of its "
	  "certificate." },
	/* RFC 6066, 8 */
	{ NULL, "status_type", ANY, ANY, ANY, ANY, NO_CODES, "The kind of status: OCSP." },
	/* RFC 6066, 8: an empty list means the responders are implicitly known to the server. */
	{ NULL, "responder_id_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The OCSP responders the client trusts; empty: the server already knows which." },
	/* RFC 6066, 8 */
	{ NULL, "request_extensions", ANY, ANY, ANY, ANY, NO_CODES,
	  "Extensions for the OCSP request." },
	/* RFC 6066, 8 */
	{ NULL, "response", ANY, ANY, ANY, ANY, NO_CODES, "The OCSP response, in DER." },
	/* RFC 6066, 4 */
	{ NULL, "extensions/max_fragment_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "A smaller maximum record size, for constrained clients." },
	/* RFC 6066, 4: values 1 to 4 stand for 2^9, 2^10, 2^11 and 2^12 bytes. */
	{ NULL, "max_fragment_length/extension_data/max_fragment_length", ANY, ANY, ANY, ANY,
	  NO_CODES, "The largest record fragment asked for: 1 to 4 stand for 2^9 to 2^12 bytes." },

	/* ---- Certificate (RFC 8446, 4.4.2; RFC 5246, 7.4.2) ---- */
	/* RFC 8446, 4.4.2; RFC 5246, 7.4.2 */
	{ "Certificate", "certificate_request_context", ANY, SERVER, ANY, ANY, NO_CODES,
	  "Empty: it ties a Certificate to a CertificateRequest after the handshake, and the "
	  "server's Certificate in the handshake answers none." },
	/* RFC 8446, 4.3.2 and 4.4.2 */
	{ "Certificate", "certificate_request_context", ANY, CLIENT, ANY, ANY, NO_CODES,
	  "The context of the CertificateRequest this Certificate answers, copied; empty in the "
	  "handshake." },
	/* RFC 8446, 4.3.2 and 4.4.2 */
	{ "Certificate", "certificate_request_context", ANY, ANY, ANY, ANY, NO_CODES,
	  "Ties a Certificate to the CertificateRequest it answers; empty in the handshake." },
	/* RFC 8446, 4.3.2 */
	{ "CertificateRequest", "certificate_request_context", ANY, ANY, ANY, ANY, NO_CODES,
	  "An identifier the client copies into its Certificate; empty for a request made during "
	  "the handshake." },
	/* RFC 8446, 4.4.2; RFC 5246, 7.4.2 */
	{ NULL, "certificate_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "The chain: the sender's own certificate first, then each certificate that certifies the "
	  "one before it; the root may be left out." },
	/* RFC 8446, 4.4.2 */
	{ NULL, "cert_data", ANY, ANY, ANY, ANY, NO_CODES, "One certificate, in DER (binary X.509)." },
	/* RFC 5246, 7.4.2 */
	{ NULL, "ASN.1Cert", ANY, ANY, ANY, ANY, NO_CODES, "One certificate, in DER (binary X.509)." },
	/* RFC 8446, 4.4.2 */
	{ NULL, "CertificateEntry", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.3: one certificate with its own extensions." },
	/* RFC 8446, 4.4.2 */
	{ NULL, "CertificateEntry/extensions", ANY, ANY, ANY, ANY, NO_CODES,
	  "Extensions of this certificate entry, such as a stapled OCSP response; often none." },
	/* RFC 5280, 4.1.2.6 */
	{ NULL, "subject", ANY, ANY, ANY, ANY, NO_CODES, "Who the certificate belongs to." },
	/* RFC 5280, 4.1.2.4 */
	{ NULL, "issuer", ANY, ANY, ANY, ANY, NO_CODES,
	  "Who signed it: the certificate authority vouching for the subject." },
	/* RFC 5280, 4.1.2.5 */
	{ NULL, "not_before", ANY, ANY, ANY, ANY, NO_CODES,
	  "The certificate is not valid before this time." },
	/* RFC 5280, 4.1.2.5 */
	{ NULL, "not_after", ANY, ANY, ANY, ANY, NO_CODES,
	  "The certificate is not valid after this time." },
	/* RFC 5280, 4.1.2.7 */
	{ NULL, "subject_public_key", ANY, ANY, ANY, ANY, NO_CODES,
	  "The subject's public key; whoever proves they hold its private half is the subject." },
	/* RFC 5280, 4.1.1.2 */
	{ NULL, "signature_algorithm", ANY, ANY, ANY, ANY, NO_CODES,
	  "How the issuer signed this certificate." },
	/* RFC 5280, 4.2.1.6; RFC 6125, 6.4 */
	{ NULL, "subject_alt_names", ANY, ANY, ANY, ANY, NO_CODES,
	  "The host names the certificate is valid for; the client checks the name it wanted "
	  "against these." },
	/* RFC 5246, 7.4.4 */
	{ NULL, "certificate_types", ANY, ANY, ANY, ANY, NO_CODES,
	  "The kinds of client certificate key the server accepts." },
	/* RFC 5246, 7.4.4 */
	{ NULL, "certificate_types/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One kind of client certificate key the server accepts." },
	/* RFC 5246, 7.4.4 */
	{ "CertificateRequest", "certificate_authorities", ANY, ANY, ANY, ANY, NO_CODES,
	  "The names of the CAs the server trusts for client certificates; empty: any." },

	/* ---- Signatures ---- */
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "algorithm", TLS13, SERVER, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "The signature scheme of the signature below, one the client listed in "
	  "signature_algorithms." },
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "algorithm", TLS13, CLIENT, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "The signature scheme of the signature below, one the server listed in its "
	  "CertificateRequest." },
	/* RFC 5246, 7.4.8 */
	{ "CertificateVerify", "algorithm", TLS12, ANY, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "The signature and hash algorithm of the signature below, one the server listed in its "
	  "CertificateRequest." },
	/* RFC 5246, 7.4.3 */
	{ "ServerKeyExchange", "algorithm", ANY, ANY, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "The signature and hash algorithm of the signature below, one the client listed in "
	  "signature_algorithms." },
	/* RFC 5246, 7.4.3 */
	{ NULL, "algorithm", ANY, ANY, ANY, ANY, MEANING_SIGNATURE_SCHEME,
	  "The signature scheme of the signature that follows." },
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "signature", TLS13, SERVER, ANY, ANY, NO_CODES,
	  "The signature with the certificate's private key over 64 spaces, the context string "
	  "\"TLS 1.3, server CertificateVerify\", a zero byte and the transcript hash so far." },
	/* RFC 8446, 4.4.3 */
	{ "CertificateVerify", "signature", TLS13, CLIENT, ANY, ANY, NO_CODES,
	  "The signature with the certificate's private key over 64 spaces, the context string "
	  "\"TLS 1.3, client CertificateVerify\", a zero byte and the transcript hash so far." },
	/* RFC 5246, 7.4.8 */
	{ "CertificateVerify", "signature", TLS12, ANY, ANY, ANY, NO_CODES,
	  "The signature with the client certificate's private key over every handshake message "
	  "so far." },
	/* RFC 5246, 7.4.3 */
	{ "ServerKeyExchange", "signature", ANY, ANY, ANY, ANY, NO_CODES,
	  "The signature with the certificate's private key over both randoms and the parameters "
	  "above: the client knows they come from the certificate's owner, for this connection." },
	/* RFC 5246, 7.4.3 */
	{ NULL, "signature", ANY, ANY, ANY, ANY, NO_CODES,
	  "A signature with the certificate's private key, proving the signer holds it." },

	/* ---- ServerKeyExchange (RFC 8422, 5.4; RFC 5246, 7.4.3) ---- */
	/* RFC 8422, 5.4; RFC 5246, 7.4.3 */
	{ NULL, "ServerECDHParams", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's ephemeral elliptic-curve key exchange: its curve and public key." },
	/* RFC 8422, 5.4; RFC 5246, 7.4.3 */
	{ NULL, "curve_type", ANY, ANY, ANY, ANY, NO_CODES,
	  "How the curve is given; only named_curve is allowed today." },
	/* RFC 8422, 5.4; RFC 5246, 7.4.3 */
	{ NULL, "namedcurve", ANY, ANY, ANY, ANY, MEANING_NAMED_GROUP,
	  "The curve of the key exchange, one the client listed in supported_groups." },
	/* RFC 8422, 5.4; RFC 5246, 7.4.3 */
	{ NULL, "ServerECDHParams/point", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's ephemeral public key, a point on the curve, made for this connection." },
	/* RFC 8422, 5.4; RFC 5246, 7.4.3 */
	{ NULL, "ServerDHParams", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's ephemeral finite-field Diffie-Hellman group (p and g) and public value." },
	/* RFC 7919, 3 and A */
	{ NULL, "ServerDHParams/dh_p", ANY, ANY, ANY, VALUE_NAMED_GROUP, MEANING_NAMED_GROUP,
	  "The prime modulus p. This run's p and g are those of a named group of RFC 7919 (whose "
	  "primes are known to be safe), here" },
	/* RFC 7919, 3 and A */
	{ NULL, "ServerDHParams/dh_p", ANY, ANY, ANY, ANY, NO_CODES,
	  "The prime modulus p of the group, chosen by the server; it is not one of the RFC 7919 "
	  "groups tlsviz recognises (ffdhe2048, ffdhe3072, ffdhe4096)." },
	/* RFC 5246, 7.4.3 */
	{ NULL, "dh_g", ANY, ANY, ANY, ANY, NO_CODES, "The generator g of the group." },
	/* RFC 5246, 7.4.3 */
	{ NULL, "dh_Ys", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's ephemeral public value g^x mod p." },

	/* ---- ClientKeyExchange (RFC 5246, 7.4.7; RFC 8422, 5.7) ---- */
	/* RFC 5246, 7.4.7; RFC 8422, 5.7 */
	{ NULL, "dh_Yc", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client's ephemeral public value g^y mod p; with the server's it gives the "
	  "premaster secret." },
	/* RFC 5246, 7.4.7; RFC 8422, 5.7 */
	{ NULL, "ecdh_Yc", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client's ephemeral public key, on the server's curve; with the server's it gives "
	  "the premaster secret." },
	/* RFC 5246, 7.4.7.1 */
	{ NULL, "EncryptedPreMasterSecret", ANY, ANY, ANY, ANY, NO_CODES,
	  "The premaster secret (the client's version and 46 random bytes), encrypted to the "
	  "server's RSA key. Whoever gets that key later can decrypt it from a recording: there "
	  "is no forward secrecy." },

	/* ---- Finished, KeyUpdate, tickets ---- */
	/* RFC 8446, 4.4.4 */
	{ "Finished", "verify_data", TLS13, ANY, ANY, ANY, NO_CODES,
	  "HMAC(finished_key, transcript hash of every handshake message before this one): the "
	  "receiver computes it too and ends the handshake with decrypt_error if it differs." },
	/* RFC 5246, 7.4.9 */
	{ "Finished", "verify_data", TLS12, ANY, ANY, ANY, NO_CODES,
	  "PRF(master_secret, \"client finished\" or \"server finished\", hash of every handshake "
	  "message before this one), 12 bytes: the receiver computes it too and ends the "
	  "handshake with decrypt_error if it differs." },
	/* RFC 5246, 7.4.9 */
	{ NULL, "verify_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "A MAC over the handshake so far with a key from the new secrets." },
	/* RFC 8446, 4.6.3 */
	{ NULL, "request_update", ANY, ANY, ANY, ANY, NO_CODES,
	  "Whether the receiver should update its own sending keys too." },
	/* RFC 8446, 4.6.1 */
	{ NULL, "ticket_lifetime", ANY, ANY, ANY, ANY, NO_CODES,
	  "For how many seconds, at most 7 days, the client may use the ticket." },
	/* RFC 5077, 3.3 */
	{ NULL, "ticket_lifetime_hint", ANY, ANY, ANY, ANY, NO_CODES,
	  "For how many seconds the server suggests the client keep the ticket; 0: unspecified." },
	/* RFC 8446, 4.6.1 */
	{ NULL, "ticket_age_add", ANY, ANY, ANY, ANY, NO_CODES,
	  "A random value the client adds to the ticket's age when it presents it, to hide the "
	  "age on the wire." },
	/* RFC 8446, 4.6.1 */
	{ NULL, "ticket_nonce", ANY, ANY, ANY, ANY, NO_CODES,
	  "Unique per ticket on this connection: each ticket's PSK is derived from the resumption "
	  "secret with it, so several tickets give different PSKs." },
	/* RFC 8446, 4.6.1 */
	{ "NewSessionTicket", "ticket", TLS13, ANY, ANY, ANY, NO_CODES,
	  "An opaque label for the PSK: a key into the server's database, or the state encrypted "
	  "under a key only the server knows. The client presents it to resume." },
	/* RFC 5077, 3.3 and 4 */
	{ "NewSessionTicket", "ticket", TLS12, ANY, ANY, ANY, NO_CODES,
	  "Opaque to the client, which presents it to resume. In the form RFC 5077 recommends, it "
	  "is the session's state, master secret included, encrypted and MAC'd under keys only "
	  "the server knows." },
	/* RFC 5077, 3.3 and 4 */
	{ NULL, "ticket", ANY, ANY, ANY, ANY, NO_CODES,
	  "The ticket: opaque to the client, which presents it to resume." },
	/* RFC 8446, 4.4.1 */
	{ "MessageHash", "hash", ANY, ANY, ANY, ANY, NO_CODES,
	  "The hash of the first ClientHello." },
	/* RFC 8446, 4 */
	{ "Handshake", "body", ANY, ANY, ANY, ANY, NO_CODES, "The message body, as bytes." },

	/* ---- Alert, ChangeCipherSpec, application data ---- */
	/* RFC 8446, 6 */
	{ "Alert", "level", TLS13, ANY, ANY, ANY, NO_CODES,
	  "warning or fatal. In TLS 1.3 the description implies the level and this field may be "
	  "ignored: every error alert is fatal and ends the connection, while close_notify closes "
	  "it in order, at level warning." },
	/* RFC 5246, 7.2 */
	{ "Alert", "level", ANY, ANY, ANY, ANY, NO_CODES,
	  "warning, or fatal: a fatal alert ends the connection at once. close_notify is sent at "
	  "level warning." },
	/* RFC 5246, 7.2 */
	{ "Alert", "description", ANY, ANY, ANY, ANY, MEANING_ALERT, "What the alert reports." },
	/* RFC 5246, 7.1 */
	{ "ChangeCipherSpec", "type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The ChangeCipherSpec message itself: one byte of value 1. (The record's content type "
	  "is in the record header.)" },
	/* RFC 8446, 5.2; RFC 5246, 6.2 (tls13-bulk's response is 4 MB: not "small") */
	{ "ApplicationData", "data", ANY, ANY, ANY, ANY, NO_CODES,
	  "The application's bytes; tlsviz's scenarios send an HTTP/1.1 request and its "
	  "response." },

	/* ---- DTLS (RFC 6347; RFC 9147): where it differs from the TLS it adapts ---- */
	/* RFC 768; RFC 6347, 4.1.1 */
	{ "UDP datagram", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "One UDP datagram: no connection, no order, no retransmission. DTLS puts whole records "
	  "in it and retransmits its own handshake messages; lost application data is not "
	  "resent." },
	/* RFC 768 */
	{ "UDP datagram", "source_port", ANY, ANY, ANY, ANY, NO_CODES,
	  "The sender's port." },
	/* RFC 768 */
	{ "UDP datagram", "destination_port", ANY, ANY, ANY, ANY, NO_CODES,
	  "The receiver's port." },
	/* RFC 768 */
	{ "UDP datagram", "length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The datagram's length in bytes, its 8-byte header included." },
	/* RFC 768; RFC 8200, 8.1 */
	{ "UDP datagram", "checksum", ANY, ANY, ANY, ANY, NO_CODES,
	  "Over a pseudo-header (the IP addresses, the protocol, the UDP length), the header and "
	  "the data; over IPv4, 0 means none was computed; over IPv6 one is required." },
	/* RFC 6347, 4.1.1 */
	{ "UDP datagram", "payload", ANY, ANY, ANY, ANY, NO_CODES,
	  "The DTLS records the datagram carries, each whole." },
	/* RFC 6347, 4.1 */
	{ "DTLSPlaintext", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A DTLS record in clear: a content type, a version, an epoch, a sequence number and a "
	  "length, then one protocol's messages. It travels in one UDP datagram: a record never "
	  "spans two." },
	/* RFC 6347, 4.1 and 4.1.2 */
	{ "DTLSCiphertext", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A protected DTLS record: its header travels in clear; its fragment is encrypted and "
	  "authenticated with the keys of its epoch, as a TLS 1.2 record's is." },
	/* RFC 9147, 4 */
	{ "DTLSCiphertext", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "A protected DTLS 1.3 record in the unified header, whose first byte says what follows; "
	  "tlsviz does not decrypt DTLS 1.3." },
	/* RFC 6347, 4.1 */
	{ "DTLSPlaintext", "/type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's content type: which protocol its contents belong to." },
	/* RFC 6347, 4.1 */
	{ "DTLSCiphertext", "/type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's content type; DTLS 1.2 leaves it in clear on protected records too." },
	/* RFC 9146, 4 */
	{ "DTLSCiphertext", "/type", ANY, ANY, ANY, VALUE_CONNECTION_ID, NO_CODES,
	  "tls12_cid: the record carries a connection ID, and its real content type travels "
	  "encrypted with its content." },
	/* RFC 6347, 4.1; RFC 9147, 4 */
	{ "DTLSPlaintext", "/version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's protocol version as DTLS numbers them: 0xfefd is DTLS 1.2, 0xfeff DTLS "
	  "1.0, the 1's complements of 1.2 and 1.0, which keep DTLS records apart from TLS "
	  "records. DTLS 1.3 freezes it at 0xfefd (an initial ClientHello may say 0xfeff)." },
	/* RFC 6347, 4.1; RFC 9147, 4 */
	{ "DTLSCiphertext", "/version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's protocol version as DTLS numbers them: 0xfefd is DTLS 1.2, 0xfeff DTLS "
	  "1.0, the 1's complements of 1.2 and 1.0, which keep DTLS records apart from TLS "
	  "records. DTLS 1.3 freezes it at 0xfefd (an initial ClientHello may say 0xfeff)." },
	/* RFC 6347, 4.1; RFC 9147, 6.1 */
	{ NULL, "epoch", DTLS, ANY, ANY, ANY, NO_CODES,
	  "Which keys protect the record, counted from 0 for records in clear; the receiver needs "
	  "it since datagrams may arrive out of order. DTLS 1.2 adds one at each "
	  "ChangeCipherSpec; DTLS 1.3 uses 1 for early data, 2 for the handshake, 3 for "
	  "application data and one more per KeyUpdate." },
	/* RFC 6347, 4.1 and 4.1.2.6 */
	{ NULL, "/sequence_number", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The record's number within its epoch, on the wire because datagrams can be lost or "
	  "reordered (TLS leaves it implicit); the receiver can use it to discard replayed "
	  "records." },
	/* RFC 6347, 4.1; RFC 5246, 6.2.1 */
	{ "DTLSPlaintext", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the fragment that follows: at most 16 KB (2^14 bytes)." },
	/* RFC 6347, 4.1; RFC 5246, 6.2.3; RFC 9147, 4 */
	{ "DTLSCiphertext", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the protected fragment that follows: at most 16 KB plus what the "
	  "protection adds." },
	/* RFC 9147, 4 */
	{ "DTLSCiphertext", "unified_hdr", ANY, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.3's unified header, 001CSLEE: C says a connection ID follows, S a 16-bit "
	  "sequence number (else 8 bits), L a length; EE are the low 2 bits of the epoch." },
	/* RFC 9147, 4.2.3 and 11 */
	{ "DTLSCiphertext", "encrypted_sequence_number", ANY, ANY, ANY, ANY, NO_CODES,
	  "The low bits of the record's sequence number, encrypted so that an observer cannot use "
	  "them to link records, for example across a change of connection ID." },
	/* RFC 9147, 4; RFC 9146 */
	{ "DTLSCiphertext", "connection_id_and_rest", ANY, ANY, ANY, ANY, NO_CODES,
	  "A connection ID, whose length the handshake negotiated and the header does not say, "
	  "then the rest of the record: tlsviz cannot tell where the ID ends." },
	/* RFC 6347, 4.2.2 */
	{ NULL, "/message_seq", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The message's number in the handshake, each side counting its own from 0: the "
	  "receiver puts messages in order and recognizes retransmissions by it." },
	/* RFC 6347, 4.2.3 and 4.2.6; RFC 9147, 5.2 */
	{ NULL, "/fragment_offset", DTLS, ANY, ANY, ANY, NO_CODES,
	  "Where this fragment's bytes begin in the message body. tlsviz shows each message "
	  "whole, put together from its fragments, with the header it has as one fragment "
	  "(offset 0, fragment_length its length): the form DTLS 1.2's Finished messages hash "
	  "(DTLS 1.3 hashes it with TLS's 4-byte header). The records hold the fragments as they "
	  "were sent." },
	/* RFC 6347, 4.2.3 */
	{ NULL, "/fragment_length", DTLS, ANY, ANY, ANY, NO_CODES,
	  "How many bytes of the body this fragment carries: a message too large for one "
	  "datagram is sent in several fragments, each in its own record." },
	/* RFC 6347, 4.2.1 and 4.2.6 */
	{ "HelloVerifyRequest", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server asks the client to prove it can receive at its address before the server "
	  "keeps any state or sends anything large: the client must send its ClientHello again, "
	  "with this cookie. Neither this message nor the first ClientHello enters the handshake "
	  "hash." },
	/* RFC 6347, 4.2.1 */
	{ "HelloVerifyRequest", "server_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "A version for the packet format, not the server's choice: a DTLS 1.2 server should "
	  "send DTLS 1.0 (0xfeff) here whatever it will negotiate." },
	/* RFC 6347, 4.2.1 */
	{ "HelloVerifyRequest", "cookie", ANY, ANY, ANY, ANY, NO_CODES,
	  "A value the server can check later without having stored it, such as a MAC of the "
	  "client's address and hello under a secret of the server's; at most 255 bytes." },
	/* RFC 6347, 4.2.1 */
	{ "ClientHello", "cookie", ANY, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: the client has no cookie yet. A server that wants proof of the client's address "
	  "answers with a HelloVerifyRequest carrying one." },
	/* RFC 6347, 4.2.1 */
	{ "ClientHello", "cookie", ANY, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "The cookie of the server's HelloVerifyRequest, sent back: the client receives at its "
	  "address, so the server now goes on with the handshake." },
	/* RFC 9147, 5.3 */
	{ "ClientHello", "legacy_cookie", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty in DTLS 1.3, which carries a cookie in an extension instead." },
	/* RFC 9147, 5.3 */
	{ "ClientHello", "legacy_version", DTLS, ANY, ANY, ANY, NO_CODES,
	  "Frozen in DTLS 1.3 at DTLS 1.2's number (0xfefd); the versions the client really "
	  "offers are in supported_versions." },
	/* RFC 6347, 4.2.1 */
	{ "ClientHello", "client_version", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The highest DTLS version the client supports (0xfefd is DTLS 1.2, 0xfeff DTLS 1.0): "
	  "the server answers with this one or a lower one it supports." },
	/* RFC 9147, 5.4 */
	{ NULL, "/legacy_version", DTLS, SERVER, ANY, ANY, NO_CODES,
	  "Frozen in DTLS 1.3 at DTLS 1.2's number (0xfefd); the version the server really chose "
	  "is in supported_versions." },
	/* RFC 6347, 4.2.1; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "server_version", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The DTLS version the server chose: the highest both support, never above the "
	  "client's client_version." },
	/* RFC 6347, 4.2.1; RFC 5246, 7.4.1.3 */
	{ "ServerHello", "random", DTLS, ANY, ANY, VALUE_NO_SENTINEL, NO_CODES,
	  "32 random bytes chosen by the server for this connection; with the client's, they go "
	  "into the keys." },
	/* RFC 9147, 5.3; RFC 8446, 4.1.3 */
	{ "ServerHello", "random", DTLS, ANY, ANY, VALUE_SENTINEL, NO_CODES,
	  "32 random bytes chosen by the server, ending in the downgrade sentinel \"DOWNGRD\" "
	  "and 01 or 00: the server supports DTLS 1.3 but negotiated an older version, and a "
	  "DTLS 1.3 client must abort." },
	/* RFC 6347, 4.2.4 (Figure 1) */
	{ "ServerHelloDone", "", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2: the server's flight that began with its ServerHello is complete; it is the "
	  "client's turn." },
	/* RFC 6347, 4.2.2 */
	{ NULL, "/length", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The length of the whole message body, in 3 bytes; each fragment's share of it is in "
	  "fragment_length." },
	/* RFC 9147, 5.3 */
	{ "ClientHello", "legacy_session_id", DTLS, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: DTLS 1.3 does not resume by session ID and has no middlebox compatibility "
	  "mode." },
	/* RFC 9147, 5.3 */
	{ "ClientHello", "legacy_session_id", DTLS, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "A session ID an earlier DTLS 1.2 server set, which a DTLS 1.3 client sends when it "
	  "has one; DTLS 1.3 has no middlebox compatibility mode." },
	/* RFC 9147, 5 */
	{ NULL, "legacy_session_id_echo", DTLS, SERVER, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty: a DTLS 1.3 server does not echo the client's legacy_session_id." },
	/* RFC 9147, 5 */
	{ NULL, "legacy_session_id_echo", DTLS, SERVER, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "Not empty, although a DTLS 1.3 server does not echo the client's "
	  "legacy_session_id." },
	/* RFC 6347, 4.2.3; RFC 5246, 7.4.2 */
	{ "Certificate", "", DTLS, SERVER, ANY, ANY, NO_CODES,
	  "The server's certificate chain, which ties its public key to its name; in DTLS 1.2 it "
	  "travels in clear, in as many fragments as it needs." },
	/* RFC 6347, 4.2.3; RFC 5246, 7.4.6 */
	{ "Certificate", "", DTLS, CLIENT, ANY, ANY, NO_CODES,
	  "The client's certificate chain, answering the server's CertificateRequest; in DTLS "
	  "1.2 it travels in clear." },
	/* RFC 6347, 4.2; RFC 5246, 7.4.3; RFC 8422, 5.4 */
	{ "ServerKeyExchange", "", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2, as TLS 1.2: the server's ephemeral key-exchange parameters, signed with its "
	  "certificate's private key over both randoms and the parameters." },
	/* RFC 6347, 4.2; RFC 5246, 7.4.7 */
	{ "ClientKeyExchange", "", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2, as TLS 1.2: the client's part of the key exchange; after it both sides can "
	  "compute the premaster secret, and from it the master secret." },
	/* RFC 8422, 5.1.2 */
	{ NULL, "extensions/ec_point_formats", DTLS, ANY, ANY, ANY, NO_CODES,
	  "Elliptic curves in DTLS 1.2, as in TLS 1.2: the point encodings this peer can read; "
	  "uncompressed is the only one still allowed." },
	/* RFC 5746, 3.2 */
	{ NULL, "extensions/renegotiation_info", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2, as TLS 1.2: binds a renegotiation to the connection it renegotiates; empty "
	  "on a first handshake." },
	/* RFC 7627, 3-5; RFC 6347, 4.2.6 */
	{ "ClientHello", "extensions/extended_master_secret", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2, as TLS 1.2: the client asks that the master secret come from session_hash, "
	  "the hash of the handshake messages from the ClientHello the server answers (after a "
	  "HelloVerifyRequest, the one with the cookie) up to and including ClientKeyExchange, "
	  "instead of from the randoms, so that no attacker can give two connections the same "
	  "master secret." },
	/* RFC 7627, 3-5; RFC 6347, 4.2.6 */
	{ "ServerHello", "extensions/extended_master_secret", DTLS, ANY, ANY, ANY, NO_CODES,
	  "The server agrees: the master secret comes from session_hash, the hash of the "
	  "handshake messages from the ClientHello it answers up to and including "
	  "ClientKeyExchange (never a HelloVerifyRequest); the randoms still go into the key "
	  "block." },
	/* RFC 6347, 4.1; RFC 5246, 7.1 */
	{ "ChangeCipherSpec", "", DTLS, ANY, ANY, ANY, NO_CODES,
	  "DTLS 1.2: from its next record on, the sender protects its records with the keys just "
	  "negotiated, in the next epoch, whose sequence numbers start again at 0." },

	/* ---- Records (RFC 8446, 5; RFC 5246, 6.2) ---- */
	/* RFC 8446, 5; RFC 5246, 6.2 */
	{ "TLSPlaintext", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A TLS record in clear: a content type, a version and a length, then up to 16 KB of "
	  "one protocol's messages; anyone on the path can read it." },
	/* RFC 8446, 5.2 */
	{ "TLSCiphertext", "", TLS13, ANY, ANY, ANY, NO_CODES,
	  "A protected TLS 1.3 record: the 5-byte header travels in clear and is authenticated; "
	  "the content, its real type and any padding are encrypted." },
	/* RFC 5246, 6.2.3 */
	{ "TLSCiphertext", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A protected TLS 1.2 record: the header travels in clear; the fragment is encrypted and "
	  "authenticated." },
	/* RFC 8446, 5.1; RFC 5246, 6.2.1 */
	{ "TLSPlaintext", "type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's content type: which protocol its contents belong to." },
	/* RFC 5246, 6.2.3 */
	{ "TLSCiphertext", "type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's content type; TLS 1.2 leaves it in clear on protected records too." },
	/* RFC 8446, 5.2 */
	{ NULL, "opaque_type", ANY, ANY, ANY, ANY, NO_CODES,
	  "Always application_data on a protected TLS 1.3 record; the real type is hidden inside "
	  "the encryption." },
	/* RFC 8446, 5.1 */
	{ NULL, "legacy_record_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "Frozen in TLS 1.3: 0x0303 on every record, except that an initial ClientHello MAY say "
	  "0x0301 for old servers; the receiver ignores it." },
	/* RFC 5246, 6.2.1 and E.1 */
	{ NULL, "/version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's protocol version, 0x0303 for TLS 1.2; once the version is agreed, the "
	  "receiver checks it on every record. A first ClientHello's record may carry a lower "
	  "0x03xx for old servers." },
	/* RFC 8446, 5.1 and 5.2; RFC 5246, 6.2.1 */
	{ "TLSPlaintext", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the fragment that follows: at most 16 KB (2^14 bytes)." },
	/* RFC 8446, 5.1 and 5.2; RFC 5246, 6.2.1 */
	{ "TLSCiphertext", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the protected fragment that follows: at most 16 KB plus what the "
	  "protection adds." },
	/* RFC 8446, 5.1 and 5.2; RFC 5246, 6.2.1 */
	{ NULL, "fragment", ANY, ANY, ANY, ANY, NO_CODES,
	  "The record's contents, in clear." },
	/* RFC 8446, 5.2 */
	{ NULL, "encrypted_record", TLS13, ANY, ANY, ANY, NO_CODES,
	  "The encrypted content, with its real type and padding, then the AEAD tag: unreadable "
	  "without the sender's traffic key." },
	/* RFC 5246, 6.2.3 */
	{ NULL, "encrypted_record", ANY, ANY, ANY, ANY, NO_CODES,
	  "The protected fragment as it crossed the wire: unreadable without the sender's write "
	  "key." },
	/* RFC 5288, 3 */
	{ NULL, "explicit_nonce", ANY, ANY, ANY, ANY, NO_CODES,
	  "TLS 1.2 AES-GCM and AES-CCM: the 8-byte per-record part of the nonce, in clear; the "
	  "other 4 bytes come from the key block." },
	/* RFC 5246, 6.2.3.2 */
	{ NULL, "iv", ANY, ANY, ANY, ANY, NO_CODES,
	  "CBC: this record's initialization vector, in clear; TLS 1.2 sends a fresh "
	  "unpredictable one with every record." },
	/* RFC 8446, 5.2; RFC 5246, 6.2.3 */
	{ NULL, "encrypted_record/content", ANY, ANY, ANY, ANY, NO_CODES,
	  "The content, as decrypted with the sender's key." },
	/* RFC 8446, 5.2 and 5.4 */
	{ NULL, "inner_content_type", ANY, ANY, ANY, ANY, NO_CODES,
	  "The real content type, inside the encryption after the content; the outer type always "
	  "says application_data." },
	/* RFC 8446, 5.4 */
	{ NULL, "encrypted_record/zeros", ANY, ANY, ANY, ANY, NO_CODES,
	  "Padding: zero bytes after the real type that hide the content's true length." },
	/* RFC 5246, 6.2.3.2; RFC 7366, 3 */
	{ NULL, "encrypted_record/padding", ANY, ANY, ANY, VALUE_ETM, NO_CODES,
	  "CBC padding: 1 to 256 bytes, each holding the padding length (the last is the "
	  "padding_length byte), so that the content fills whole cipher blocks; with "
	  "encrypt_then_mac the MAC is outside the encryption and not counted." },
	/* RFC 5246, 6.2.3.2 */
	{ NULL, "encrypted_record/padding", ANY, ANY, ANY, ANY, NO_CODES,
	  "CBC padding: 1 to 256 bytes, each holding the padding length (the last is the "
	  "padding_length byte), so that content plus MAC fill whole cipher blocks." },
	/* RFC 7366, 3 */
	{ NULL, "encrypted_record/mac", ANY, ANY, ANY, VALUE_ETM, NO_CODES,
	  "encrypt_then_mac: the HMAC over the sequence number, the header, the IV and the "
	  "ciphertext, in clear after it; the receiver checks it before decrypting, which closes "
	  "padding-oracle attacks." },
	/* RFC 5246, 6.2.3.1 */
	{ NULL, "encrypted_record/mac", ANY, ANY, ANY, ANY, NO_CODES,
	  "The HMAC over the sequence number, the header and the content, encrypted with them: it "
	  "proves the record was not changed." },
	/* RFC 8446, 5.2; RFC 5246, 6.2.3.3 */
	{ NULL, "authentication_tag", ANY, ANY, ANY, ANY, NO_CODES,
	  "The AEAD tag over the content and the record header: a record changed in any bit fails "
	  "to open, and the receiver ends the connection with bad_record_mac." },
	/* RFC 8446, 5.2; RFC 5246, 6.2.3.3 */
	{ "TLSCiphertext", "altered_in_transit", ANY, ANY, ANY, ANY, NO_CODES,
	  "A man in the middle changed this byte on its way. The record no longer authenticates, "
	  "so the receiver rejects it with bad_record_mac." },
	/* RFC 5246, 7.4.9; RFC 8446, 4.4.3-4.4.4 */
	{ "TLSPlaintext", "altered_in_transit", ANY, ANY, ANY, ANY, NO_CODES,
	  "A man in the middle changed this byte on its way. No MAC protects a record in clear: "
	  "the change is caught later, by a signature or by the Finished check over the "
	  "transcript." },

	/* ---- TCP (modeled; RFC 9293, 3.1) ---- */
	/* RFC 9293, 3.1 */
	{ "TCP segment", "", ANY, ANY, ANY, VALUE_MODELED, NO_CODES,
	  "Modeled: a socketpair carries no TCP. TCP carries TLS as a byte stream; sequence and "
	  "acknowledgment numbers count those bytes." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "source_port", ANY, ANY, ANY, VALUE_MODELED, NO_CODES,
	  "The sending program's port (modeled)." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "destination_port", ANY, ANY, ANY, VALUE_MODELED, NO_CODES,
	  "The receiving program's port; 443 is HTTPS (modeled)." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "sequence_number", ANY, ANY, ANY, ANY, NO_CODES,
	  "The position of this segment's first byte in the sender's byte stream (counted from a "
	  "random initial number; a SYN or FIN counts as one)." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "acknowledgment_number", ANY, ANY, ANY, ANY, NO_CODES,
	  "The next byte the sender expects from the other side: everything before it has "
	  "arrived." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "data_offset", ANY, ANY, ANY, ANY, NO_CODES,
	  "The TCP header's length in 32-bit words." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "flags", ANY, ANY, ANY, ANY, NO_CODES,
	  "SYN opens, FIN closes, RST aborts, ACK says the acknowledgment number is valid, PSH "
	  "asks the receiver to pass the data on now." },
	/* RFC 9293, 3.1; RFC 7323, 2.2: after the SYNs, in units of 2^window_scale bytes */
	{ "TCP segment", "window", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many more bytes the sender of this segment can receive (after the SYNs, in units "
	  "of 2^window_scale bytes)." },
	/* RFC 9293, 3.1: over a pseudo-header of the IP addresses, the header and the data */
	{ "TCP segment", "checksum", ANY, ANY, ANY, ANY, NO_CODES,
	  "Detects corrupted segments: the sum of the addresses, the header and the payload." },
	/* RFC 9293, 3.1: interpreted only when the URG flag is set (the model never sets it). */
	{ "TCP segment", "urgent_pointer", ANY, ANY, ANY, ANY, NO_CODES,
	  "Meaningful only when the URG flag is set; otherwise unused." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "options", ANY, ANY, ANY, VALUE_MODELED, NO_CODES,
	  "TCP options; the SYNs carry the maximum segment size and the window scale." },
	/* RFC 9293, 3.1; RFC 7323, 2.2 */
	{ "TCP segment", "options/kind", ANY, ANY, ANY, ANY, NO_CODES,
	  "The option's type: 2 is the maximum segment size, 3 the window scale." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "options/no_operation", ANY, ANY, ANY, ANY, NO_CODES,
	  "Padding between options (kind 1)." },
	/* RFC 7323, 2.2-2.3 */
	{ "TCP segment", "window_scale", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many bits to shift every later window this side advertises (RFC 7323)." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "option_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The option's length in bytes, its kind and length included." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "maximum_segment_size", ANY, ANY, ANY, ANY, NO_CODES,
	  "The largest payload this side will accept in one segment." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "payload", ANY, ANY, ANY, VALUE_MODELED, NO_CODES,
	  "The TLS bytes this segment carries: real bytes, from the real peers." },

	/* ---- A TCP segment of a capture file (--open): as it was recorded ---- */
	/* RFC 9293, 3.1 */
	{ "TCP segment", "", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "A TCP segment as the capture file recorded it. TCP carries TLS as a byte stream; "
	  "sequence and acknowledgment numbers count those bytes." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "source_port", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "The sending program's port." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "destination_port", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "The receiving program's port." },
	/* RFC 9293, 3.1; checksum offload leaves it to the network card */
	{ "TCP segment", "checksum", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "Detects corrupted segments (as captured; a capture taken on the sending host often "
	  "shows it unfilled, left to the network card)." },
	/* RFC 9293, 3.1 and 3.2; RFC 7323, 2 and 3; RFC 2018, 2 */
	{ "TCP segment", "options", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "TCP options: the SYNs agree on the segment size, window scaling, SACK and timestamps; "
	  "later segments carry timestamps and SACK blocks." },
	/* RFC 9293, 3.1 */
	{ "TCP segment", "payload", ANY, ANY, ANY, VALUE_CAPTURED, NO_CODES,
	  "The bytes this segment carries, as captured." },
	/* RFC 9293, 3.2 */
	{ "TCP segment", "kind", ANY, ANY, ANY, ANY, NO_CODES,
	  "The option's type: which option this is." },
	/* RFC 9293, 3.2 */
	{ "TCP segment", "options/end_of_option_list", ANY, ANY, ANY, ANY, NO_CODES,
	  "Marks the end of the options (kind 0)." },
	/* RFC 9293, 3.2 */
	{ "TCP segment", "options/option", ANY, ANY, ANY, ANY, NO_CODES,
	  "An option of a kind tlsviz does not name: its kind, length and data." },
	/* RFC 9293, 3.2 */
	{ "TCP segment", "options/option/data", ANY, ANY, ANY, ANY, NO_CODES,
	  "The option's data." },
	/* RFC 7323, 2.2 */
	{ "TCP segment", "shift_count", ANY, ANY, ANY, ANY, NO_CODES,
	  "The power of two this side's windows are multiplied by, after the SYNs." },
	/* RFC 2018, 2 */
	{ "TCP segment", "options/sack_permitted", ANY, ANY, ANY, ANY, NO_CODES,
	  "Sent only in a SYN: this side understands selective acknowledgments." },
	/* RFC 2018, 3 */
	{ "TCP segment", "options/sack", ANY, ANY, ANY, ANY, NO_CODES,
	  "Selective acknowledgment: blocks of bytes that arrived beyond the acknowledgment "
	  "number, so only the missing ones are sent again." },
	/* RFC 2018, 3 */
	{ "TCP segment", "left_edge", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first sequence number of a block that arrived." },
	/* RFC 2018, 3 */
	{ "TCP segment", "right_edge", ANY, ANY, ANY, ANY, NO_CODES,
	  "The sequence number just after that block." },
	/* RFC 7323, 3.2 */
	{ "TCP segment", "options/timestamps", ANY, ANY, ANY, ANY, NO_CODES,
	  "The sender's clock (TSval) and the last one it received (TSecr): round trip "
	  "measurement and protection against old, wrapped sequence numbers." },
	/* RFC 7323, 3.2 */
	{ "TCP segment", "TSval", ANY, ANY, ANY, ANY, NO_CODES,
	  "The sender's timestamp clock when it sent this segment." },
	/* RFC 7323, 3.2 */
	{ "TCP segment", "TSecr", ANY, ANY, ANY, ANY, NO_CODES,
	  "The TSval of the most recent segment this sender received (0 in a first SYN)." },

	/* ---- Certificate compression (RFC 8879), seen in captures of browsers ---- */
	/* RFC 8879, 3 */
	{ NULL, "extensions/compress_certificate", ANY, ANY, ANY, ANY, NO_CODES,
	  "The compression algorithms this peer can decompress a certificate with, most "
	  "preferred first." },
	/* RFC 8879, 3 */
	{ NULL, "compress_certificate/extension_data/algorithms", ANY, ANY, ANY, ANY, NO_CODES,
	  "The algorithms, most preferred first." },
	/* RFC 8879, 3 */
	{ NULL, "compress_certificate/extension_data/algorithms/*", ANY, ANY, ANY, ANY, NO_CODES,
	  "One algorithm this peer can decompress a certificate with." },
	/* RFC 8879, 4 */
	{ "CompressedCertificate", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A Certificate message, compressed: the receiver decompresses it and processes it as "
	  "the Certificate it holds." },
	/* RFC 8879, 4 */
	{ "CompressedCertificate", "algorithm", ANY, ANY, ANY, ANY, NO_CODES,
	  "How the Certificate message was compressed." },
	/* RFC 8879, 4 */
	{ "CompressedCertificate", "uncompressed_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the Certificate message once decompressed: the receiver rejects one "
	  "that decompresses to another length." },
	/* RFC 8879, 4 */
	{ "CompressedCertificate", "compressed_certificate_message", ANY, ANY, ANY, ANY, NO_CODES,
	  "The Certificate message, compressed." },

	/* ---- QUIC (RFC 9000; RFC 9001): its packets, and TLS 1.3 where QUIC changes it ---- */
	/* RFC 768; RFC 9000, 12.2 and 13.3 */
	{ "UDP datagram", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "One UDP datagram: no connection, no order, no retransmission. QUIC puts one or more "
	  "whole packets in it, and sends what a lost packet carried again, where needed, in new "
	  "frames of new packets." },
	/* RFC 9000, 12.2 */
	{ "UDP datagram", "/payload", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The QUIC packets the datagram carries: one, or several coalesced, each whole." },
	/* RFC 9000, 17.2.2 and 14.1; RFC 9001, 5.2; RFC 9369, 3.3.1 */
	{ "Initial packet", "", ANY, CLIENT, ANY, ANY, NO_CODES,
	  "A client's Initial packet: its CRYPTO frames carry the ClientHello, its ACK frames "
	  "acknowledge the server's Initial packets. Its keys come from the Destination Connection "
	  "ID of the client's first Initial (or of its first one after a Retry) and a salt fixed "
	  "by the QUIC version: they protect against attackers who cannot see the packets, not "
	  "against those who can. The client must pad every datagram that carries one to at least "
	  "1200 bytes." },
	/* RFC 9000, 17.2.2; RFC 9001, 5.2 */
	{ "Initial packet", "", ANY, SERVER, ANY, ANY, NO_CODES,
	  "The server's Initial packet: its CRYPTO frames carry the ServerHello (or a "
	  "HelloRetryRequest), its ACK frames acknowledge the client's Initial packets. Its keys "
	  "come from the Destination Connection ID of the client's first Initial (or of its first "
	  "one after a Retry), so anyone who saw that packet can remove its protection." },
	/* RFC 9000, 17.2.2; RFC 9001, 5.2 */
	{ "Initial packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "An Initial packet: the first packets of the handshake, with the hellos in CRYPTO "
	  "frames, under keys anyone can derive from the Destination Connection ID of the client's "
	  "first Initial (or of its first one after a Retry)." },
	/* RFC 9000, 17.2.3 and 12.4; RFC 9001, 5.6 and 9.2 */
	{ "0-RTT packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A 0-RTT packet: application data the client sends before the handshake completes, "
	  "resuming an earlier connection, under keys from the PSK alone (client_early_traffic_"
	  "secret). It is not forward secret and can be replayed; it never carries CRYPTO or "
	  "ACK frames." },
	/* RFC 9000, 17.2.4; RFC 9001, 4.1.4 */
	{ "Handshake packet", "", ANY, SERVER, ANY, ANY, NO_CODES,
	  "The server's Handshake packet: its CRYPTO frames carry the rest of the server's "
	  "handshake, from EncryptedExtensions to Finished, under the server's handshake keys, "
	  "derived once the hellos were exchanged." },
	/* RFC 9000, 17.2.4; RFC 9001, 4.1.4; RFC 8446, 4.4.2 and 4.4.3 */
	{ "Handshake packet", "", ANY, CLIENT, ANY, ANY, NO_CODES,
	  "The client's Handshake packet: its CRYPTO frames carry the client's Finished (after its "
	  "Certificate, and a CertificateVerify if that Certificate is not empty, when the server "
	  "asked for one), its ACK frames acknowledge the server's Handshake packets; under the "
	  "client's handshake keys." },
	/* RFC 9000, 17.2.4 */
	{ "Handshake packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A Handshake packet: the handshake after the hellos, in CRYPTO frames, under the "
	  "handshake keys." },
	/* RFC 9000, 17.2.5 and 8.1.2; RFC 9001, 5.8 */
	{ "Retry packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server asks the client to prove its address: to go on, the client must send its "
	  "Initial again, with this token, to the Source Connection ID of this Retry. A Retry has "
	  "no packet protection, only an integrity tag." },
	/* RFC 9000, 17.3.1 and 5.1; RFC 9001, 5.4 */
	{ "1-RTT packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "A 1-RTT packet, with the short header: application data and the rest of the connection, "
	  "once the 1-RTT keys are ready, under those keys. Besides the first byte's top bits, "
	  "only the Destination Connection ID is in clear, and its length is not on the wire: the "
	  "receiver knows the length of the IDs it issued." },
	/* RFC 9000, 17.2.1 and 6 */
	{ "Version Negotiation packet", "", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server does not support the version of the client's packet: it lists the versions "
	  "it does support. The packet has no protection at all, and its version is 0." },

	/* RFC 9000, 17.2 and 17.3.1; RFC 9001, 5.4 */
	{ NULL, "/first_byte", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The packet's first byte: its high bits in clear (the header form, the fixed bit, then a "
	  "long header's type or a short header's spin bit), its low bits (4 in a long header, 5 "
	  "in a short one) masked by header protection, which only the keys remove." },
	/* RFC 9000, 17.2.5 */
	{ "Retry packet", "/first_byte", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first byte: a long header of type Retry. A Retry has no header protection." },
	/* RFC 9000, 17.2.1 */
	{ "Version Negotiation packet", "/first_byte", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first byte: only its top bit is defined, 1 for a long header; no header "
	  "protection." },
	/* RFC 9000, 17.2 and 17.3 */
	{ NULL, "first_byte/header_form", QUIC, ANY, ANY, ANY, NO_CODES,
	  "1: a long header, used until the 1-RTT keys are ready (Initial, 0-RTT, Handshake, "
	  "Retry, Version Negotiation); 0: the short header of 1-RTT packets." },
	/* RFC 9000, 17.2; RFC 9287, 3 */
	{ NULL, "first_byte/fixed_bit", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Set to 1; a packet with 0 here is discarded, unless its receiver advertised "
	  "grease_quic_bit (RFC 9287), which lets the peer send either value." },
	/* RFC 9000, 17.2; RFC 9369, 3.2 */
	{ NULL, "first_byte/long_packet_type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The packet's type: in QUIC version 1, 0 is Initial, 1 0-RTT, 2 Handshake and 3 Retry "
	  "(version 2 numbers them otherwise)." },
	/* RFC 9000, 17.2 and 17.3.1 */
	{ NULL, "first_byte/reserved_bits", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Two reserved bits, under header protection: the sender sets them to 0, and any other "
	  "value in a packet that opens (both protections removed) is a PROTOCOL_VIOLATION." },
	/* RFC 9000, 17.2 and 17.3.1 */
	{ NULL, "first_byte/packet_number_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The packet number's length on the wire minus one: 0 to 3 stand for 1 to 4 bytes. It "
	  "is under header protection, like the number itself." },
	/* RFC 9001, 5.4.1 */
	{ NULL, "first_byte/protected_bits", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Masked by header protection: without the header protection key of this packet's keys, "
	  "which tlsviz could not use, these bits cannot be read, and neither can the packet "
	  "number." },
	/* RFC 9000, 17.4 */
	{ NULL, "first_byte/spin_bit", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The latency spin bit, optional: when both sides take part, its value flips once per "
	  "round trip, so that an observer on the path can measure the round trip time. A side "
	  "that does not take part sets it as it likes." },
	/* RFC 9001, 6; RFC 9000, 17.3.1 */
	{ NULL, "first_byte/key_phase", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Which 1-RTT keys protect the packet: 0 with the first ones, flipped at each key update. "
	  "QUIC updates its keys this way, not with TLS's KeyUpdate message. Under header "
	  "protection." },
	/* RFC 9000, 17.2.5 */
	{ "Retry packet", "first_byte/unused", ANY, ANY, ANY, ANY, NO_CODES,
	  "Unused: the server sets these 4 bits to any value, and the client ignores them." },
	/* RFC 9000, 17.2.1 */
	{ "Version Negotiation packet", "first_byte/unused", ANY, ANY, ANY, ANY, NO_CODES,
	  "Unused: the server sets these 7 bits to any value, and the client ignores them." },
	/* RFC 9000, 15 and 17.2; RFC 9369, 3.1 */
	{ NULL, "/version", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The QUIC version of the packet, which says how the rest of it is read, down to the salt "
	  "of the Initial keys: 1 is RFC 9000's, 0x6b3343cf is version 2 (RFC 9369)." },
	/* RFC 9000, 17.2.1 */
	{ "Version Negotiation packet", "/version", ANY, ANY, ANY, ANY, NO_CODES,
	  "0: a Version Negotiation packet, which belongs to no version." },
	/* RFC 9000, 17.2 */
	{ NULL, "/destination_connection_id_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The length of the Destination Connection ID that follows, in bytes (at most 20 in "
	  "QUIC version 1)." },
	/* RFC 9000, 5.1 and 7.2; RFC 9001, 5.2 */
	{ NULL, "/destination_connection_id", QUIC, CLIENT, ANY, ANY, NO_CODES,
	  "A connection ID the server chose for itself, by which it finds the connection even when "
	  "addresses change (empty if it goes by addresses alone); until the client first hears "
	  "from the server, a random one of at least 8 bytes, from which the Initial keys are "
	  "derived." },
	/* RFC 9000, 5.1 and 7.2 */
	{ NULL, "/destination_connection_id", QUIC, SERVER, ANY, ANY, NO_CODES,
	  "A connection ID the client chose for itself, by which it finds the connection even when "
	  "addresses change (empty if it goes by addresses alone)." },
	/* RFC 9000, 5.1 */
	{ NULL, "/destination_connection_id", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The connection ID the receiver chose for itself, by which it finds the connection even "
	  "when addresses change (empty if it goes by addresses alone)." },
	/* RFC 9000, 17.2.1 */
	{ "Version Negotiation packet", "/destination_connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "The Source Connection ID of the client's packet, copied." },
	/* RFC 9000, 17.2 */
	{ NULL, "/source_connection_id_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The length of the Source Connection ID that follows, in bytes." },
	/* RFC 9000, 7.2 */
	{ NULL, "/source_connection_id", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The connection ID the sender chose for itself: the other side puts it in the "
	  "Destination Connection ID of the packets it sends back." },
	/* RFC 9000, 17.2.1 */
	{ "Version Negotiation packet", "/source_connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "The Destination Connection ID of the client's packet, copied." },
	/* RFC 9000, 17.2.2 */
	{ "Initial packet", "/token_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the token that follows; 0 when there is none." },
	/* RFC 9000, 17.2.2 and 8.1 */
	{ "Initial packet", "/token", ANY, CLIENT, ANY, ANY, NO_CODES,
	  "A token from the server's Retry, or from a NEW_TOKEN frame of an earlier connection, "
	  "that proves the client's address; empty when the client has none." },
	/* RFC 9000, 17.2.2 */
	{ "Initial packet", "/token", ANY, SERVER, ANY, ANY, NO_CODES,
	  "A server's Initial must carry no token: its token_length must be 0." },
	/* RFC 9000, 17.2.2 */
	{ "Initial packet", "/token", ANY, ANY, ANY, ANY, NO_CODES,
	  "An address validation token; only a client's Initial carries one." },
	/* RFC 9000, 17.2 and 12.2 */
	{ "Initial packet", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the rest of the packet, its packet number and protected payload: a "
	  "packet coalesced after it in the datagram begins where they end." },
	/* RFC 9000, 17.2 and 12.2 */
	{ "0-RTT packet", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the rest of the packet, its packet number and protected payload: a "
	  "packet coalesced after it in the datagram begins where they end." },
	/* RFC 9000, 17.2 and 12.2 */
	{ "Handshake packet", "/length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the rest of the packet, its packet number and protected payload: a "
	  "packet coalesced after it in the datagram begins where they end." },
	/* RFC 9000, 12.3 and 17.1; RFC 9001, 5.3 */
	{ NULL, "/packet_number", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The packet's number in its number space, increasing from packet to packet; sent as "
	  "its low bytes only, from which the receiver rebuilds it. With the IV it makes the "
	  "AEAD nonce; on the wire it is masked by header protection." },
	/* RFC 9001, 5.3; RFC 9000, 12.4 */
	{ NULL, "/payload", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The packet's frames, decrypted with the sender's keys for this packet type." },
	/* RFC 9001, 5.3 and 5.5 */
	{ NULL, "/authentication_tag", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The AEAD tag over the header and the encrypted frames: a packet changed in any bit "
	  "fails to open, and its receiver drops it." },
	/* RFC 9001, 5.3 and 5.4 */
	{ NULL, "/protected_payload", QUIC, ANY, ANY, VALUE_PN_MASKED, NO_CODES,
	  "The packet number, then the encrypted frames and their AEAD tag, under the sender's "
	  "keys for this packet type: tlsviz could not remove the protection (the reason is "
	  "below)." },
	/* RFC 9001, 5.3 */
	{ NULL, "/protected_payload", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The encrypted frames and their AEAD tag, under the sender's keys for this packet "
	  "type: tlsviz could not decrypt them (the reason is below)." },
	/* RFC 9000, 17.2.1, 6.2 and 6.3 */
	{ "Version Negotiation packet", "/supported_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "One QUIC version the server supports, or a reserved one (0x?a?a?a?a) sent as grease. A "
	  "client that supports none of them abandons the connection attempt." },
	/* RFC 9000, 17.2.5 and 8.1.2 */
	{ "Retry packet", "/retry_token", ANY, ANY, ANY, ANY, NO_CODES,
	  "The token the client must put in every Initial it sends from now on, to prove that it "
	  "receives at its address; opaque to the client." },
	/* RFC 9001, 5.8; RFC 9369, 3.3.3 */
	{ "Retry packet", "/retry_integrity_tag", ANY, ANY, ANY, ANY, NO_CODES,
	  "An AEAD tag over the Retry and the Destination Connection ID of the client's Initial, "
	  "with a key fixed by the version (RFC 9001's for version 1, RFC 9369's for 2): the "
	  "client discards a Retry that was corrupted, and only someone who saw that Initial can "
	  "make a valid one." },

	/* ---- QUIC frames (RFC 9000, 19; RFC 9221, 4) ---- */
	/* RFC 9000, 12.4 */
	{ NULL, "type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The frame type, a variable-length integer: what the frame is, and so which fields "
	  "follow." },
	/* RFC 9000, 19.3 */
	{ NULL, "ACK/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x02: ACK; 0x03: ACK with ECN counts at the end." },
	/* RFC 9000, 19.8 */
	{ NULL, "STREAM/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x08 to 0x0f: STREAM with three flag bits: OFF (0x04) an offset follows, LEN (0x02) a "
	  "length follows, FIN (0x01) the frame ends the stream." },
	/* RFC 9000, 19.11 */
	{ NULL, "MAX_STREAMS/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x12: a limit on bidirectional streams; 0x13: on unidirectional ones." },
	/* RFC 9000, 19.14 */
	{ NULL, "STREAMS_BLOCKED/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x16: blocked on bidirectional streams; 0x17: on unidirectional ones." },
	/* RFC 9000, 19.19 */
	{ NULL, "CONNECTION_CLOSE/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x1c: a code of QUIC's own (a QUIC error, a TLS alert, or NO_ERROR); 0x1d: an error "
	  "code of the application." },
	/* RFC 9221, 4 */
	{ NULL, "DATAGRAM/type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "0x30: the data runs to the end of the packet; 0x31: a length comes first." },
	/* RFC 9000, 19.1 and 14.1 */
	{ NULL, "payload/PADDING", QUIC, ANY, ANY, ANY, NO_CODES,
	  "PADDING frames, one zero byte each, shown here as one run: they carry nothing and make "
	  "the packet larger, for example to bring a client's Initial datagram to 1200 bytes." },
	/* RFC 9000, 19.2 */
	{ NULL, "payload/PING", QUIC, ANY, ANY, ANY, NO_CODES,
	  "PING: no content, but the receiver must acknowledge the packet: it checks that the "
	  "peer is still there, or keeps the connection alive." },
	/* RFC 9000, 19.3 and 13.3 */
	{ NULL, "payload/ACK", QUIC, ANY, ANY, ANY, NO_CODES,
	  "ACK: packets of this number space the sender received, as ranges counted down from the "
	  "largest. QUIC never sends a lost packet again whole: what it carried is sent again, "
	  "where needed, in new frames." },
	/* RFC 9000, 19.3 */
	{ NULL, "ACK/largest_acknowledged", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The largest packet number the sender acknowledges." },
	/* RFC 9000, 19.3, 13.2.5 and 18.2; RFC 9002, 5.3 */
	{ NULL, "ACK/ack_delay", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How long the sender chose to wait, after the largest acknowledged packet arrived, "
	  "before sending this ACK: microseconds divided by 2^ack_delay_exponent (by 8, unless its "
	  "transport parameters say otherwise). The peer can subtract it from the round trip it "
	  "measures." },
	/* RFC 9000, 19.3 */
	{ NULL, "ACK/ack_range_count", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many ack_range fields follow the first range." },
	/* RFC 9000, 19.3 */
	{ NULL, "ACK/first_ack_range", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many packets just below largest_acknowledged are acknowledged too, in one run." },
	/* RFC 9000, 19.3.1 */
	{ NULL, "ACK/ack_range", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Another run of acknowledged packets, below the previous one, with packets missing in "
	  "between." },
	/* RFC 9000, 19.3.1 */
	{ NULL, "ack_range/gap", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many packets between the previous run and this one go unacknowledged, minus one." },
	/* RFC 9000, 19.3.1 */
	{ NULL, "ack_range/ack_range_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many packets this run holds, minus one." },
	/* RFC 9000, 19.3.2 and 13.4 */
	{ NULL, "ACK/ecn_counts", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many packets of this number space arrived with each ECN codepoint, so that the "
	  "peer learns of congestion the network marked." },
	/* RFC 9000, 19.3.2 */
	{ NULL, "ecn_counts/ect0_count", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Packets received with the ECT(0) codepoint." },
	/* RFC 9000, 19.3.2 */
	{ NULL, "ecn_counts/ect1_count", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Packets received with the ECT(1) codepoint." },
	/* RFC 9000, 19.3.2 */
	{ NULL, "ecn_counts/ecn_ce_count", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Packets received marked CE, Congestion Experienced: a router on the path signalled "
	  "congestion." },
	/* RFC 9000, 2.1 */
	{ NULL, "stream_id", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The stream: its lowest bit says who opened it (0 the client, 1 the server), the next "
	  "one whether it is bidirectional (0) or unidirectional (1)." },
	/* RFC 9000, 19.4, 19.5 and 20.2 */
	{ NULL, "application_protocol_error_code", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Why, as an error code of the application protocol (HTTP/3 has its own, for "
	  "example)." },
	/* RFC 9000, 19.4 */
	{ NULL, "payload/RESET_STREAM", QUIC, ANY, ANY, ANY, NO_CODES,
	  "RESET_STREAM: the sender abandons sending on this stream." },
	/* RFC 9000, 19.4 and 4.5 */
	{ NULL, "RESET_STREAM/final_size", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many bytes the sender had sent on the stream, which both sides count against flow "
	  "control." },
	/* RFC 9000, 19.5 */
	{ NULL, "payload/STOP_SENDING", QUIC, ANY, ANY, ANY, NO_CODES,
	  "STOP_SENDING: the sender will discard what arrives on this stream, and asks the peer "
	  "to stop sending on it." },
	/* RFC 9000, 19.6; RFC 9001, 4 */
	{ NULL, "payload/CRYPTO", QUIC, ANY, ANY, ANY, NO_CODES,
	  "CRYPTO: bytes of the TLS handshake, at their offset in this encryption level's stream "
	  "of handshake bytes. QUIC carries TLS's messages this way, not in TLS records." },
	/* RFC 9000, 19.6 */
	{ NULL, "CRYPTO/offset", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Where these bytes begin in the handshake bytes of this encryption level; each level "
	  "counts from 0." },
	/* RFC 9000, 19.6 */
	{ NULL, "CRYPTO/length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many bytes of handshake data follow." },
	/* RFC 9000, 19.6; RFC 9001, 4.1.3 */
	{ NULL, "CRYPTO/crypto_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The handshake bytes: pieces of TLS messages, which the receiver puts back in order by "
	  "the offsets of every CRYPTO frame of this level." },
	/* RFC 9000, 19.7 and 8.1.3 */
	{ NULL, "payload/NEW_TOKEN", QUIC, ANY, ANY, ANY, NO_CODES,
	  "NEW_TOKEN, which only a server may send: a token the client can put in the Initial of a "
	  "later connection, to prove its address without a Retry." },
	/* RFC 9000, 19.7 */
	{ NULL, "NEW_TOKEN/token_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The token's length in bytes." },
	/* RFC 9000, 19.7 */
	{ NULL, "NEW_TOKEN/token", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The token, opaque to the client." },
	/* RFC 9000, 19.8; RFC 9001, 4 */
	{ NULL, "payload/STREAM", QUIC, ANY, ANY, ANY, NO_CODES,
	  "STREAM: the application's bytes on one stream, at their offset in it. QUIC carries "
	  "application data in streams, not in TLS records." },
	/* RFC 9000, 19.8 */
	{ NULL, "STREAM/offset", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Where these bytes begin in the stream (with no offset field, at 0)." },
	/* RFC 9000, 19.8 */
	{ NULL, "STREAM/length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "How many bytes of stream data follow (with no length field, they run to the end of "
	  "the packet)." },
	/* RFC 9000, 19.8 */
	{ NULL, "STREAM/stream_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The stream's bytes, as the application sent them." },
	/* RFC 9000, 19.9 and 4.1 */
	{ NULL, "payload/MAX_DATA", QUIC, ANY, ANY, ANY, NO_CODES,
	  "MAX_DATA: how many bytes in all, over every stream, the sender is now willing to "
	  "receive: flow control of the whole connection." },
	/* RFC 9000, 19.9 */
	{ NULL, "MAX_DATA/maximum_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The new limit, in bytes from the start of the connection." },
	/* RFC 9000, 19.12 */
	{ NULL, "payload/DATA_BLOCKED", QUIC, ANY, ANY, ANY, NO_CODES,
	  "DATA_BLOCKED: the sender has data to send, but the connection's flow control limit "
	  "stops it." },
	/* RFC 9000, 19.12 */
	{ NULL, "DATA_BLOCKED/maximum_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The connection's limit at which the sender is blocked." },
	/* RFC 9000, 19.10 */
	{ NULL, "payload/MAX_STREAM_DATA", QUIC, ANY, ANY, ANY, NO_CODES,
	  "MAX_STREAM_DATA: how many bytes of one stream the sender is now willing to "
	  "receive." },
	/* RFC 9000, 19.10 */
	{ NULL, "MAX_STREAM_DATA/maximum_stream_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The stream's new limit, in bytes from its start." },
	/* RFC 9000, 19.13 */
	{ NULL, "payload/STREAM_DATA_BLOCKED", QUIC, ANY, ANY, ANY, NO_CODES,
	  "STREAM_DATA_BLOCKED: the sender has more to send on this stream, but the stream's "
	  "flow control limit stops it." },
	/* RFC 9000, 19.13 */
	{ NULL, "STREAM_DATA_BLOCKED/maximum_stream_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The stream's limit at which the sender is blocked." },
	/* RFC 9000, 19.11 */
	{ NULL, "payload/MAX_STREAMS", QUIC, ANY, ANY, ANY, NO_CODES,
	  "MAX_STREAMS: how many streams of one kind the peer may open, over the whole "
	  "connection." },
	/* RFC 9000, 19.11 */
	{ NULL, "MAX_STREAMS/maximum_streams", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The new total of streams of that kind the peer may have opened." },
	/* RFC 9000, 19.14 */
	{ NULL, "payload/STREAMS_BLOCKED", QUIC, ANY, ANY, ANY, NO_CODES,
	  "STREAMS_BLOCKED: the sender wants to open a stream, but the peer's limit on streams "
	  "of that kind stops it." },
	/* RFC 9000, 19.14 */
	{ NULL, "STREAMS_BLOCKED/maximum_streams", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The limit on streams at which the sender is blocked." },
	/* RFC 9000, 19.15, 5.1 and 9.5 */
	{ NULL, "payload/NEW_CONNECTION_ID", QUIC, ANY, ANY, ANY, NO_CODES,
	  "NEW_CONNECTION_ID: one more connection ID by which the peer may reach the sender, so "
	  "that it can change IDs (and paths) without observers linking the old and the new." },
	/* RFC 9000, 19.15 and 5.1.1 */
	{ NULL, "NEW_CONNECTION_ID/sequence_number", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The ID's number: each side numbers the connection IDs it issues, the one of the "
	  "handshake being 0." },
	/* RFC 9000, 19.15 and 5.1.2 */
	{ NULL, "NEW_CONNECTION_ID/retire_prior_to", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The peer must retire every connection ID of the sender's numbered below this." },
	/* RFC 9000, 19.15 */
	{ NULL, "NEW_CONNECTION_ID/length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The connection ID's length, 1 to 20 bytes." },
	/* RFC 9000, 19.15 */
	{ NULL, "NEW_CONNECTION_ID/connection_id", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The new connection ID." },
	/* RFC 9000, 10.3 and 10.3.1 */
	{ NULL, "stateless_reset_token", QUIC, ANY, ANY, ANY, NO_CODES,
	  "16 bytes tied to this connection ID: a datagram ending with them is a stateless reset, "
	  "by which the side that issued them ends the connection after losing its state." },
	/* RFC 9000, 19.16 */
	{ NULL, "payload/RETIRE_CONNECTION_ID", QUIC, ANY, ANY, ANY, NO_CODES,
	  "RETIRE_CONNECTION_ID: the sender will no longer use this connection ID of the "
	  "peer's." },
	/* RFC 9000, 19.16 */
	{ NULL, "RETIRE_CONNECTION_ID/sequence_number", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The sequence number of the connection ID retired." },
	/* RFC 9000, 19.17 and 8.2 */
	{ NULL, "payload/PATH_CHALLENGE", QUIC, ANY, ANY, ANY, NO_CODES,
	  "PATH_CHALLENGE: 8 unpredictable bytes the peer must send back in a PATH_RESPONSE, "
	  "proving that it receives on this path." },
	/* RFC 9000, 19.17 */
	{ NULL, "PATH_CHALLENGE/data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The 8 bytes to send back." },
	/* RFC 9000, 19.18 and 8.2 */
	{ NULL, "payload/PATH_RESPONSE", QUIC, ANY, ANY, ANY, NO_CODES,
	  "PATH_RESPONSE: the bytes of a PATH_CHALLENGE, sent back." },
	/* RFC 9000, 19.18 */
	{ NULL, "PATH_RESPONSE/data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The 8 bytes of the PATH_CHALLENGE it answers." },
	/*
	 * The frames the diagram draws as steps of their own (the message's
	 * root; the frame itself is its child). RFC 9001, 4.1.2 and 4.9.2
	 */
	{ "HANDSHAKE_DONE", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The server confirms the handshake to the client: the server's side was confirmed when "
	  "its handshake completed, the client's is when this frame arrives. Each side then "
	  "discards its Handshake keys." },
	/* RFC 9000, 10.2 and 10.2.1 */
	{ "CONNECTION_CLOSE", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The sender ends the connection at once: its error code says why (NO_ERROR for a normal "
	  "close). From now on it sends nothing but this frame again, in answer to what still "
	  "arrives." },
	/* RFC 9000, 19.19 and 10.2 */
	{ NULL, "CONNECTION_CLOSE", QUIC, ANY, ANY, ANY, NO_CODES,
	  "CONNECTION_CLOSE: the sender closes the connection at once, with an error code and, if "
	  "it likes, a reason in words." },
	/* RFC 9000, 19.19 and 20.1; RFC 9001, 4.8 */
	{ NULL, "CONNECTION_CLOSE/error_code", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Why: in a frame of type 0x1c an error of QUIC (NO_ERROR for a normal close), where "
	  "0x0100 plus a TLS alert's number means that TLS failed with that alert; in type 0x1d "
	  "the application's own code." },
	/* RFC 9000, 19.19 */
	{ NULL, "CONNECTION_CLOSE/frame_type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The type of the frame that caused the error; 0 when that is not known." },
	/* RFC 9000, 19.19 */
	{ NULL, "reason_phrase_length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The reason phrase's length in bytes; 0 for none." },
	/* RFC 9000, 19.19 */
	{ NULL, "reason_phrase", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The reason, in words for people (UTF-8)." },
	/* RFC 9000, 19.20; RFC 9001, 4.1.2 and 4.9.2 */
	{ NULL, "HANDSHAKE_DONE", QUIC, ANY, ANY, ANY, NO_CODES,
	  "HANDSHAKE_DONE, which only the server may send, once its handshake is complete: it "
	  "confirms the handshake to the client, which must then discard its Handshake keys." },
	/* RFC 9221, 4, 5.1 and 5.2 */
	{ NULL, "payload/DATAGRAM", QUIC, ANY, ANY, ANY, NO_CODES,
	  "DATAGRAM: application data outside any stream; acknowledged, but QUIC does not send it "
	  "again if it is lost." },
	/* RFC 9221, 4 */
	{ NULL, "DATAGRAM/length", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The length of the datagram data that follows." },
	/* RFC 9221, 4 */
	{ NULL, "DATAGRAM/datagram_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The application's bytes." },
	/* RFC 9000, 12.4 */
	{ NULL, "payload/frame", QUIC, ANY, ANY, ANY, NO_CODES,
	  "A frame cut short before its type could be read." },
	/* RFC 9000, 12.4 */
	{ NULL, "payload/unknown", QUIC, ANY, ANY, ANY, NO_CODES,
	  "A frame of a type tlsviz does not know (an extension's, or an error): frames carry no "
	  "length, so nothing after it can be read." },

	/* draft-vvv-tls-alps, 3 and 4: seen in captures of Chrome, over TLS and QUIC */
	{ NULL, "extensions/application_settings", ANY, ANY, ANY, ANY, NO_CODES,
	  "Application-Layer Protocol Settings (ALPS, a draft, not an RFC): in a ClientHello, the "
	  "application protocols for which the client supports ALPS; in EncryptedExtensions, the "
	  "sender's settings for the protocol ALPN chose, sent in the TLS handshake instead of "
	  "after it." },

	/* ---- quic_transport_parameters (RFC 9001, 8.2; RFC 9000, 7.4 and 18) ---- */
	/* RFC 9001, 8.2; RFC 9000, 7.4 */
	{ "ClientHello", "extensions/quic_transport_parameters", ANY, ANY, ANY, ANY, NO_CODES,
	  "The client's QUIC transport parameters: its limits on data, streams and idle time, "
	  "and its connection ID. TLS carries them so that the handshake authenticates them." },
	/* RFC 9001, 8.2; RFC 9000, 7.4 */
	{ "EncryptedExtensions", "extensions/quic_transport_parameters", ANY, ANY, ANY, ANY,
	  NO_CODES,
	  "The server's QUIC transport parameters, encrypted under the handshake keys and "
	  "authenticated by the handshake." },
	/* RFC 9001, 8.2 */
	{ NULL, "extensions/quic_transport_parameters", ANY, ANY, ANY, ANY, NO_CODES,
	  "QUIC's transport parameters, which TLS carries so that the handshake authenticates "
	  "them." },
	/* draft-ietf-quic-tls-32, 8.2; RFC 9001, 8.2 */
	{ NULL, "extensions/quic_transport_parameters_draft", ANY, ANY, ANY, ANY, NO_CODES,
	  "QUIC's transport parameters at the code point of the drafts (0xffa5, up to "
	  "draft-ietf-quic-tls-32); RFC 9001 gives them 57." },
	/* RFC 9000, 18 */
	{ NULL, "parameter_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "Which transport parameter this is, a variable-length integer." },
	/* RFC 9000, 18 */
	{ NULL, "parameter_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the value that follows, in bytes." },
	/* RFC 9000, 18 */
	{ NULL, "parameter_value", ANY, ANY, ANY, ANY, NO_CODES,
	  "The parameter's value; an integer's is itself a variable-length integer." },
	/* RFC 9000, 18.2 and 7.3 */
	{ NULL, "extension_data/original_destination_connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "Sent only by a server: the Destination Connection ID of the client's first Initial, "
	  "which the client checks, so that nobody changed it unseen." },
	/* RFC 9000, 18.2 and 10.1 */
	{ NULL, "extension_data/max_idle_timeout", ANY, ANY, ANY, ANY, NO_CODES,
	  "In milliseconds, how long this side lets the connection sit idle; 0 means no limit from "
	  "it. The connection closes silently once idle longer than the smaller of the two sides' "
	  "non-zero values (and at least three probe timeouts)." },
	/* RFC 9000, 18.2 and 10.3 */
	{ NULL, "extension_data/stateless_reset_token", ANY, ANY, ANY, ANY, NO_CODES,
	  "Sent only by a server: the stateless reset token of the connection ID it chose in the "
	  "handshake." },
	/* RFC 9000, 18.2 */
	{ NULL, "extension_data/max_udp_payload_size", ANY, ANY, ANY, ANY, NO_CODES,
	  "The largest UDP payload this side is willing to receive: at least 1200; 65527 when "
	  "absent." },
	/* RFC 9000, 18.2 and 4.1 */
	{ NULL, "extension_data/initial_max_data", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many bytes in all, over every stream, this side is willing to receive at first: "
	  "the connection's first flow control limit, which MAX_DATA frames raise." },
	/* RFC 9000, 18.2 */
	{ NULL, "extension_data/initial_max_stream_data_bidi_local", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first flow control limit, in bytes, of each bidirectional stream this side opens, "
	  "on what it receives there." },
	/* RFC 9000, 18.2 */
	{ NULL, "extension_data/initial_max_stream_data_bidi_remote", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first flow control limit, in bytes, of each bidirectional stream the peer opens, "
	  "on what this side receives there." },
	/* RFC 9000, 18.2 */
	{ NULL, "extension_data/initial_max_stream_data_uni", ANY, ANY, ANY, ANY, NO_CODES,
	  "The first flow control limit, in bytes, of each unidirectional stream the peer "
	  "opens." },
	/* RFC 9000, 18.2 and 4.6 */
	{ NULL, "extension_data/initial_max_streams_bidi", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many bidirectional streams the peer may open at first; MAX_STREAMS frames raise "
	  "it." },
	/* RFC 9000, 18.2 and 4.6 */
	{ NULL, "extension_data/initial_max_streams_uni", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many unidirectional streams the peer may open at first; MAX_STREAMS frames raise "
	  "it." },
	/* RFC 9000, 18.2 and 19.3 */
	{ NULL, "extension_data/ack_delay_exponent", ANY, ANY, ANY, ANY, NO_CODES,
	  "The power of two by which this side divides the delay, in microseconds, that its ACK "
	  "frames report: 3 (a factor of 8) when absent, at most 20." },
	/* RFC 9000, 18.2 and 13.2.1 */
	{ NULL, "extension_data/max_ack_delay", ANY, ANY, ANY, ANY, NO_CODES,
	  "In milliseconds: the longest this side will delay acknowledging 0-RTT and 1-RTT packets "
	  "(Initial and Handshake ones it acknowledges at once); 25 when absent." },
	/* RFC 9000, 18.2 and 9 */
	{ NULL, "extension_data/disable_active_migration", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: this side does not support active migration, so the peer must not send from a "
	  "new address of its own to the address this side used in the handshake." },
	/* RFC 9000, 18.2 and 9.6 */
	{ NULL, "extension_data/preferred_address", ANY, ANY, ANY, ANY, NO_CODES,
	  "Sent only by a server: another address the client may move the connection to once the "
	  "handshake is confirmed, with a connection ID for it." },
	/* RFC 9000, 18.2 */
	{ NULL, "extension_data/active_connection_id_limit", ANY, ANY, ANY, ANY, NO_CODES,
	  "How many of the peer's connection IDs this side is willing to store: at least 2; 2 "
	  "when absent." },
	/* RFC 9000, 18.2 and 7.3 */
	{ NULL, "extension_data/initial_source_connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "The Source Connection ID this side put in its first Initial packet, repeated here so "
	  "that the handshake authenticates it." },
	/* RFC 9000, 18.2 and 7.3 */
	{ NULL, "extension_data/retry_source_connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "Sent only by a server, after a Retry: that Retry's Source Connection ID, authenticated "
	  "here." },
	/* RFC 9368, 3 and 4 */
	{ NULL, "extension_data/version_information", ANY, ANY, ANY, ANY, NO_CODES,
	  "The version this side chose, then the versions it offers (a client, those its first "
	  "flight is compatible with; a server, those its whole deployment supports), "
	  "authenticated by the handshake so that an attacker cannot steer the two sides to "
	  "another version unseen." },
	/* RFC 9221, 3 */
	{ NULL, "extension_data/max_datagram_frame_size", ANY, ANY, ANY, ANY, NO_CODES,
	  "This side accepts DATAGRAM frames up to this many bytes (the whole frame); 0 means "
	  "none at all." },
	/* RFC 9287, 3 */
	{ NULL, "extension_data/grease_quic_bit", ANY, ANY, ANY, ANY, NO_CODES,
	  "Empty: this side accepts packets whose fixed_bit is 0, so its peer may set that bit "
	  "at random, and middleboxes cannot come to rely on it." },
	/* RFC 9000, 18.1 */
	{ NULL, "extension_data/reserved", ANY, ANY, ANY, ANY, NO_CODES,
	  "A reserved ID (31 times N plus 27) with no meaning, sent so that peers keep ignoring "
	  "parameters they do not know." },
	/* RFC 9000, 18 */
	{ NULL, "extension_data/parameter", ANY, ANY, ANY, ANY, NO_CODES,
	  "A transport parameter cut short before its ID could be read." },
	/* RFC 9000, 7.4.2 */
	{ NULL, "extension_data/unknown", ANY, ANY, ANY, ANY, NO_CODES,
	  "A transport parameter tlsviz does not know; a receiver ignores one it does not "
	  "support." },
	/* RFC 9000, 18.2 */
	{ NULL, "parameter_value/ipv4_address", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's preferred IPv4 address; 0.0.0.0 (port 0) when it offers only IPv6." },
	/* RFC 9000, 18.2 */
	{ NULL, "parameter_value/ipv4_port", ANY, ANY, ANY, ANY, NO_CODES,
	  "Its port." },
	/* RFC 9000, 18.2 */
	{ NULL, "parameter_value/ipv6_address", ANY, ANY, ANY, ANY, NO_CODES,
	  "The server's preferred IPv6 address; :: (port 0) when it offers only IPv4." },
	/* RFC 9000, 18.2 */
	{ NULL, "parameter_value/ipv6_port", ANY, ANY, ANY, ANY, NO_CODES,
	  "Its port." },
	/* RFC 9000, 18.2 */
	{ NULL, "parameter_value/connection_id_length", ANY, ANY, ANY, ANY, NO_CODES,
	  "The length of the connection ID that follows." },
	/* RFC 9000, 18.2 and 9.6 */
	{ NULL, "parameter_value/connection_id", ANY, ANY, ANY, ANY, NO_CODES,
	  "A connection ID for the preferred address, sequence number 1." },
	/* RFC 9368, 3 */
	{ NULL, "parameter_value/chosen_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "The version the sender chose for this connection." },
	/* RFC 9368, 3 */
	{ NULL, "parameter_value/available_version", ANY, ANY, ANY, ANY, NO_CODES,
	  "One version the sender offers (a client, one its first flight is compatible with; a "
	  "server, one its whole deployment supports), or a reserved 0x?a?a?a?a one, as grease." },

	/* ---- TLS 1.3 in QUIC: where RFC 9001 changes what TLS 1.3 says ---- */
	/* RFC 9001, 4 and 8.2 */
	{ "ClientHello", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The client opens the handshake, in CRYPTO frames of its Initial packets: its random, "
	  "cipher suites, groups and key shares as in TLS 1.3, and its QUIC transport parameters "
	  "in quic_transport_parameters." },
	/* RFC 9001, 4.1.4 and 8.2 */
	{ "EncryptedExtensions", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The server's answers to the client's extensions, its QUIC transport parameters among "
	  "them: the first message of its Handshake packets, under the handshake keys." },
	/* RFC 9001, 8.3 */
	{ "EndOfEarlyData", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "A QUIC client must not send it: each packet's type says which keys protect it, so the "
	  "end of the 0-RTT data needs no message." },
	/* RFC 9001, 6 */
	{ "KeyUpdate", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Forbidden in QUIC, which updates its 1-RTT keys by flipping the key_phase bit of the "
	  "short header instead; receiving this message is connection error 0x010a "
	  "(unexpected_message)." },
	/* RFC 9001, 8.4 */
	{ "ChangeCipherSpec", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "QUIC has no way to carry a ChangeCipherSpec, and no middlebox compatibility mode "
	  "that would send one." },
	/* RFC 9001, 8.4 */
	{ "ChangeCipherSpec", "type", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The message's one byte, of value 1; QUIC has no way to carry this message." },
	/* RFC 9001, 4; RFC 9221, 4 */
	{ "ApplicationData", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The application's bytes, which QUIC carries in STREAM frames (or DATAGRAM frames) under "
	  "its packet protection, not in TLS records." },
	/* RFC 9001, 4.6 and 9.2; RFC 8446, 8 */
	{ "ApplicationData", "", QUIC, ANY, EARLY, ANY, NO_CODES,
	  "0-RTT data: application bytes the client sent in 0-RTT packets before the handshake "
	  "completed, under keys from the PSK and the ClientHello. They are not forward secret "
	  "and can be replayed: TLS's anti-replay checks are imperfect, so the application "
	  "protocol must guard against replay." },
	/* RFC 9000, 2 and 19.8; RFC 9221, 4 */
	{ "ApplicationData", "data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The application's bytes, as this packet's STREAM (and DATAGRAM) frames carried them." },
	/* RFC 9001, 5 */
	{ "unreadable record", "", QUIC, ANY, ANY, ANY, NO_CODES,
	  "A protected QUIC packet tlsviz shows as ciphertext: it holds no keys for it, or it did "
	  "not open with them (the reason is below)." },
	/* RFC 9001, 4.8 */
	{ "Alert", "", QUIC, ANY, ANY, ANY, MEANING_ALERT,
	  "A TLS alert. QUIC sends none as a message: TLS's error closes the connection with a "
	  "CONNECTION_CLOSE frame of type 0x1c whose error code is 0x0100 plus the alert's "
	  "description." },
	/* RFC 9001, 4.8 */
	{ "Alert", "level", QUIC, ANY, ANY, ANY, NO_CODES,
	  "QUIC can only convey fatal alerts: a QUIC endpoint treats every TLS alert as fatal, "
	  "whatever its level." },
	/* RFC 9001, 8.4 */
	{ "ClientHello", "legacy_session_id", QUIC, ANY, ANY, VALUE_EMPTY, NO_CODES,
	  "Empty, as QUIC requires: a QUIC client must not ask for TLS 1.3's middlebox "
	  "compatibility mode, and TLS 1.3 does not resume by session ID." },
	/* RFC 9001, 8.4 */
	{ "ClientHello", "legacy_session_id", QUIC, ANY, ANY, VALUE_NOT_EMPTY, NO_CODES,
	  "Not empty, although a QUIC client must not ask for middlebox compatibility mode: a "
	  "server should close the connection with PROTOCOL_VIOLATION." },
	/* RFC 9001, 8.4 */
	{ "ClientHello", "legacy_session_id", QUIC, ANY, ANY, ANY, NO_CODES,
	  "A QUIC client must not ask for middlebox compatibility mode, so this should be empty." },
	/* RFC 9001, 5.2, 5.3 and 5.4.3 */
	{ "ClientHello", "cipher_suites", QUIC, ANY, ANY, ANY, NO_CODES,
	  "The cipher suites the client supports, most preferred first. A TLS 1.3 suite names an "
	  "AEAD and a hash; QUIC protects its packets with them (Initial packets always with "
	  "AES-128-GCM and SHA-256), and its headers with the AEAD's cipher. Every TLS 1.3 suite "
	  "but TLS_AES_128_CCM_8_SHA256 may be used." },
	/* RFC 9001, 4.6.1 */
	{ "NewSessionTicket", "extensions/early_data", QUIC, ANY, ANY, ANY, NO_CODES,
	  "This ticket may be used for 0-RTT data; how much the client may send is set by the "
	  "flow control limits of the transport parameters it remembers, not by this "
	  "extension." },
	/* RFC 9001, 4.6.1 */
	{ NULL, "max_early_data_size", QUIC, ANY, ANY, ANY, NO_CODES,
	  "Must be 0xffffffff in QUIC, where the flow control limits of the remembered transport "
	  "parameters bound the 0-RTT data instead; a client treats any other value as a "
	  "PROTOCOL_VIOLATION." },
};

const size_t explain_entry_count = sizeof(explain_entries) / sizeof(explain_entries[0]);
