/*
 * The drill: before each step, "what does the client (or server) send next?"
 * The choices are the right message and others that the RFC's handshake lets
 * that sender send at that point (its optional messages included: RFC 8446,
 * 2 and A.1-A.2; RFC 5246, 7.3; RFC 5077, 3.1), so a student must know which
 * branch this connection took. The feedback says why this one comes next.
 */
#include <stdio.h>
#include <string.h>

#include "base/mix.h"
#include "base/reader.h"
#include "decode/decode.h"
#include "lesson/quiz.h"

#define V12 0x0303
#define V13 0x0304
#define ANY (-1)
/* What the connection did before the step, as a rule's condition needs it: its `when`. */
enum {
	FULL = 1 << 0,            /* a full handshake, not a resumption */
	RESUMED = 1 << 1,         /* a resumption of the session of the connection before */
	CERT_REQUESTED = 1 << 2,  /* the server sent a CertificateRequest */
	NO_CERT_REQUEST = 1 << 3, /* it did not */
	EARLY_ACCEPTED = 1 << 4,  /* TLS 1.3: the server's EncryptedExtensions carried early_data */
	NO_EARLY_DATA = 1 << 5,   /* it did not, or has not been sent */
	CLIENT_CERT_SENT = 1 << 6, /* the client's Certificate holds a certificate */
};
#define ALWAYS 0

/* What a sender may send next, by what it and its peer sent last ("" for nothing yet). */
static const struct {
	uint16_t version;
	enum direction sender;
	const char *own;  /* the sender's last message: names separated by '|', NULL for any */
	const char *peer; /* the peer's last message, the same way */
	int finished;     /* the sender has sent its Finished (1), not yet (0), or ANY */
	int peer_finished;
	const char *allowed[8];
	unsigned when; /* the facts above that must all hold (ALWAYS: none) */
} rules[] = {
	/* TLS 1.3 client (RFC 8446, A.1). Alert: either side, at any point (6). */
	{ V13, DIR_CLIENT_TO_SERVER, "", NULL, 0, ANY, { "ClientHello" }, ALWAYS },
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello", "HelloRetryRequest", 0, ANY,
	  { "ClientHello", "Alert" }, ALWAYS },
	/* 2.3: early data right behind the ClientHello. */
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello", "", 0, ANY,
	  { "ApplicationData", "Alert" }, ALWAYS },
	/* A.1 WAIT_FINISHED: [EndOfEarlyData] [Certificate [CertificateVerify]] Finished.
	 * 4.5: EndOfEarlyData first, and only, if the server's EncryptedExtensions had early_data. */
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello|ApplicationData", "Finished", 0, ANY,
	  { "EndOfEarlyData", "Alert" }, EARLY_ACCEPTED },
	/* 4.4.2 and 4.3.2: a client Certificate if and only if the server sent a CertificateRequest. */
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello|ApplicationData", "Finished", 0, ANY,
	  { "Certificate", "Alert" }, NO_EARLY_DATA | CERT_REQUESTED },
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello|ApplicationData", "Finished", 0, ANY,
	  { "Finished", "Alert" }, NO_EARLY_DATA | NO_CERT_REQUEST },
	/* 4.4.2 and 4.3.2, after EndOfEarlyData (4.5) as well. */
	{ V13, DIR_CLIENT_TO_SERVER, "EndOfEarlyData", NULL, 0, ANY,
	  { "Certificate", "Alert" }, CERT_REQUESTED },
	{ V13, DIR_CLIENT_TO_SERVER, "EndOfEarlyData", NULL, 0, ANY,
	  { "Finished", "Alert" }, NO_CERT_REQUEST },
	/* 4.4.3: a CertificateVerify after a certificate, none after an empty Certificate. */
	{ V13, DIR_CLIENT_TO_SERVER, "Certificate", NULL, 0, ANY,
	  { "CertificateVerify", "Alert" }, CLIENT_CERT_SENT },
	{ V13, DIR_CLIENT_TO_SERVER, "Certificate", NULL, 0, ANY, { "Finished", "Alert" }, ALWAYS },
	{ V13, DIR_CLIENT_TO_SERVER, "CertificateVerify", NULL, 0, ANY,
	  { "Finished", "Alert" }, ALWAYS },
	/* 4.6.3: KeyUpdate after the sender's Finished. */
	{ V13, DIR_CLIENT_TO_SERVER, NULL, NULL, 1, ANY,
	  { "ApplicationData", "KeyUpdate", "Alert" }, ALWAYS },
	/* TLS 1.3 server (A.2). */
	{ V13, DIR_SERVER_TO_CLIENT, "", NULL, 0, ANY,
	  { "ServerHello", "HelloRetryRequest", "Alert" }, ALWAYS },
	/* 4.1.4: never a second HelloRetryRequest. */
	{ V13, DIR_SERVER_TO_CLIENT, "HelloRetryRequest", NULL, 0, ANY,
	  { "ServerHello", "Alert" }, ALWAYS },
	{ V13, DIR_SERVER_TO_CLIENT, "ServerHello", NULL, 0, ANY,
	  { "EncryptedExtensions", "Alert" }, ALWAYS },
	/* A.2 WAIT_FLIGHT2: [CertificateRequest] Certificate CertificateVerify, or a PSK's Finished:
	 * a server authenticated by a PSK sends no CertificateRequest, no Certificate (2.2, 4.3.2). */
	{ V13, DIR_SERVER_TO_CLIENT, "EncryptedExtensions", NULL, 0, ANY, { "Finished", "Alert" },
	  RESUMED },
	{ V13, DIR_SERVER_TO_CLIENT, "EncryptedExtensions", NULL, 0, ANY,
	  { "CertificateRequest", "Certificate", "Finished", "Alert" }, ALWAYS },
	{ V13, DIR_SERVER_TO_CLIENT, "CertificateRequest", NULL, 0, ANY,
	  { "Certificate", "Alert" }, ALWAYS },
	{ V13, DIR_SERVER_TO_CLIENT, "Certificate", NULL, 0, ANY,
	  { "CertificateVerify", "Alert" }, ALWAYS },
	{ V13, DIR_SERVER_TO_CLIENT, "CertificateVerify", NULL, 0, ANY,
	  { "Finished", "Alert" }, ALWAYS },
	/* 4.6.1: tickets once the client's Finished is in; 0.5-RTT data before it (2). */
	{ V13, DIR_SERVER_TO_CLIENT, NULL, NULL, 1, 0,
	  { "ApplicationData", "KeyUpdate", "Alert" }, ALWAYS },
	{ V13, DIR_SERVER_TO_CLIENT, NULL, NULL, 1, 1,
	  { "NewSessionTicket", "ApplicationData", "KeyUpdate", "Alert" }, ALWAYS },

	/* TLS 1.2 client (RFC 5246, 7.3, figures 1 and 2). */
	{ V12, DIR_CLIENT_TO_SERVER, "", NULL, 0, ANY, { "ClientHello" }, ALWAYS },
	/* 7.4.6: the client's Certificate first if, and only if, the server asked for it (an
	 * empty one if it has none). */
	{ V12, DIR_CLIENT_TO_SERVER, "ClientHello", "ServerHelloDone", 0, ANY,
	  { "Certificate", "Alert" }, CERT_REQUESTED },
	{ V12, DIR_CLIENT_TO_SERVER, "ClientHello", "ServerHelloDone", 0, ANY,
	  { "ClientKeyExchange", "Alert" }, NO_CERT_REQUEST },
	{ V12, DIR_CLIENT_TO_SERVER, "Certificate", NULL, 0, ANY,
	  { "ClientKeyExchange", "Alert" }, ALWAYS },
	/* 7.4.8: CertificateVerify only after a client certificate (one with signing
	 * capability), so only after a CertificateRequest and a Certificate that is not empty. */
	{ V12, DIR_CLIENT_TO_SERVER, "ClientKeyExchange", NULL, 0, ANY,
	  { "CertificateVerify", "ChangeCipherSpec", "Alert" }, CERT_REQUESTED | CLIENT_CERT_SENT },
	{ V12, DIR_CLIENT_TO_SERVER, "ClientKeyExchange", NULL, 0, ANY,
	  { "ChangeCipherSpec", "Alert" }, ALWAYS },
	{ V12, DIR_CLIENT_TO_SERVER, "CertificateVerify", NULL, 0, ANY,
	  { "ChangeCipherSpec", "Alert" }, ALWAYS },
	{ V12, DIR_CLIENT_TO_SERVER, "ChangeCipherSpec", NULL, 0, ANY,
	  { "Finished", "Alert" }, ALWAYS },
	/* The abbreviated handshake: the server switched first. */
	{ V12, DIR_CLIENT_TO_SERVER, "ClientHello", "Finished", 0, ANY,
	  { "ChangeCipherSpec", "Alert" }, ALWAYS },
	/* 7.4.1.2: a client may renegotiate with a new ClientHello. */
	{ V12, DIR_CLIENT_TO_SERVER, NULL, NULL, 1, ANY,
	  { "ApplicationData", "ClientHello", "Alert" }, ALWAYS },
	/* TLS 1.2 server. */
	{ V12, DIR_SERVER_TO_CLIENT, "", NULL, 0, ANY, { "ServerHello", "Alert" }, ALWAYS },
	/* Resumption: [NewSessionTicket], ChangeCipherSpec (7.3; RFC 5077, 3.1). */
	{ V12, DIR_SERVER_TO_CLIENT, "ServerHello", NULL, 0, ANY,
	  { "NewSessionTicket", "ChangeCipherSpec", "Alert" }, RESUMED },
	/* Certificate*, ServerKeyExchange*; only a non-anonymous server, after its Certificate,
	 * may send a CertificateRequest (7.4.4). */
	{ V12, DIR_SERVER_TO_CLIENT, "ServerHello", NULL, 0, ANY,
	  { "Certificate", "ServerKeyExchange", "ServerHelloDone", "Alert" }, FULL },
	{ V12, DIR_SERVER_TO_CLIENT, "Certificate", NULL, 0, ANY,
	  { "ServerKeyExchange", "CertificateRequest", "ServerHelloDone", "Alert" }, ALWAYS },
	{ V12, DIR_SERVER_TO_CLIENT, "ServerKeyExchange", NULL, 0, ANY,
	  { "CertificateRequest", "ServerHelloDone", "Alert" }, ALWAYS },
	{ V12, DIR_SERVER_TO_CLIENT, "CertificateRequest", NULL, 0, ANY,
	  { "ServerHelloDone", "Alert" }, ALWAYS },
	{ V12, DIR_SERVER_TO_CLIENT, "ServerHelloDone", NULL, 0, ANY,
	  { "NewSessionTicket", "ChangeCipherSpec", "Alert" }, ALWAYS },
	{ V12, DIR_SERVER_TO_CLIENT, "NewSessionTicket", NULL, 0, ANY,
	  { "ChangeCipherSpec", "Alert" }, ALWAYS },
	{ V12, DIR_SERVER_TO_CLIENT, "ChangeCipherSpec", NULL, 0, ANY,
	  { "Finished", "Alert" }, ALWAYS },
	/* 7.4.1.1: a server may ask for renegotiation with HelloRequest. */
	{ V12, DIR_SERVER_TO_CLIENT, NULL, NULL, 1, ANY,
	  { "ApplicationData", "HelloRequest", "Alert" }, ALWAYS },
};

/* Why this message comes next: by version, sender, message and the sender's message before. */
static const struct {
	uint16_t version;
	enum direction sender;
	const char *message;
	const char *own; /* the sender's message before it ('|'-separated), NULL for any */
	const char *why;
} reasons[] = {
	{ V13, DIR_CLIENT_TO_SERVER, "ClientHello", NULL,
	  "TLS 1.3: the server asked for another key share with its HelloRetryRequest, so the "
	  "client sends its ClientHello again, with a key share for the group the server named "
	  "(RFC 8446, 4.1.2 and 4.1.4)." },
	{ V13, DIR_CLIENT_TO_SERVER, "ApplicationData", "ClientHello",
	  "TLS 1.3 0-RTT: the client's ticket allows early data, so it sends its request right "
	  "after the ClientHello, under the early traffic keys, before any answer (RFC 8446, 2.3 "
	  "and 4.2.10)." },
	{ V13, DIR_CLIENT_TO_SERVER, "EndOfEarlyData", NULL,
	  "TLS 1.3: the server accepted the early data (its EncryptedExtensions carried "
	  "early_data), so after the server's Finished the client ends the 0-RTT data with "
	  "EndOfEarlyData (RFC 8446, 4.5)." },
	{ V13, DIR_CLIENT_TO_SERVER, "Certificate", NULL,
	  "TLS 1.3: the server sent a CertificateRequest, so the client answers with a "
	  "Certificate (an empty one if it has none) before its Finished (RFC 8446, 4.4.2)." },
	{ V13, DIR_CLIENT_TO_SERVER, "CertificateVerify", NULL,
	  "TLS 1.3: the client sent a certificate, so it signs the transcript so far with its "
	  "private key to prove it holds it (RFC 8446, 4.4.3)." },
	{ V13, DIR_CLIENT_TO_SERVER, "Finished", NULL,
	  "TLS 1.3: the server's flight has checked out, and the client ends its handshake with "
	  "Finished, a MAC over the whole transcript (RFC 8446, 4.4.4). A Certificate would come "
	  "first only after a CertificateRequest." },
	{ V13, DIR_CLIENT_TO_SERVER, "KeyUpdate", NULL,
	  "TLS 1.3: after its Finished either side may move to new traffic keys; KeyUpdate says "
	  "that what it sends next uses them (RFC 8446, 4.6.3)." },
	{ V13, DIR_CLIENT_TO_SERVER, "ApplicationData", NULL,
	  "TLS 1.3: the client's handshake is done, and its data travels under the application "
	  "traffic keys (RFC 8446, 7.1)." },
	{ V13, DIR_SERVER_TO_CLIENT, "ServerHello", NULL,
	  "TLS 1.3: the server accepts one of the client's key shares and a cipher suite, so it "
	  "answers with ServerHello and its own key share; everything after it is encrypted "
	  "(RFC 8446, 4.1.3)." },
	{ V13, DIR_SERVER_TO_CLIENT, "HelloRetryRequest", NULL,
	  "TLS 1.3: none of the client's key shares is for a group the server accepts, so it "
	  "asks for another ClientHello (RFC 8446, 4.1.4)." },
	{ V13, DIR_SERVER_TO_CLIENT, "EncryptedExtensions", NULL,
	  "TLS 1.3: right after ServerHello the server sends the extensions not needed to set up "
	  "the keys, already under the handshake traffic keys (RFC 8446, 4.3.1)." },
	{ V13, DIR_SERVER_TO_CLIENT, "CertificateRequest", NULL,
	  "TLS 1.3: this server wants the client to authenticate too, and asks before its own "
	  "Certificate (RFC 8446, 4.3.2)." },
	{ V13, DIR_SERVER_TO_CLIENT, "Certificate", NULL,
	  "TLS 1.3: no PSK was agreed, so the server authenticates with its certificate chain "
	  "(RFC 8446, 4.4.2)." },
	{ V13, DIR_SERVER_TO_CLIENT, "CertificateVerify", NULL,
	  "TLS 1.3: the server signs the transcript with its certificate's private key, proving "
	  "that it holds it (RFC 8446, 4.4.3)." },
	{ V13, DIR_SERVER_TO_CLIENT, "Finished", "EncryptedExtensions",
	  "TLS 1.3 resumption: the PSK from the ticket authenticates the server, so no "
	  "Certificate or CertificateVerify: Finished follows EncryptedExtensions (RFC 8446, "
	  "2.2)." },
	{ V13, DIR_SERVER_TO_CLIENT, "Finished", NULL,
	  "TLS 1.3: the server ends its flight with Finished, a MAC over the transcript with its "
	  "finished key (RFC 8446, 4.4.4)." },
	{ V13, DIR_SERVER_TO_CLIENT, "NewSessionTicket", NULL,
	  "TLS 1.3: once it has the client's Finished, the server may send tickets for a later "
	  "resumption (RFC 8446, 4.6.1)." },
	{ V13, DIR_SERVER_TO_CLIENT, "KeyUpdate", NULL,
	  "TLS 1.3: after its Finished either side may move to new traffic keys, and a KeyUpdate "
	  "with update_requested asks the peer to do the same (RFC 8446, 4.6.3)." },
	{ V13, DIR_SERVER_TO_CLIENT, "ApplicationData", NULL,
	  "TLS 1.3: the server's data, under its application traffic keys (RFC 8446, 7.1)." },

	{ V12, DIR_CLIENT_TO_SERVER, "Certificate", NULL,
	  "TLS 1.2: the server sent a CertificateRequest, so the client's first answer to "
	  "ServerHelloDone is its Certificate (RFC 5246, 7.4.6)." },
	{ V12, DIR_CLIENT_TO_SERVER, "ClientKeyExchange", NULL,
	  "TLS 1.2: the server is done, and the client sends its part of the key exchange: the "
	  "premaster secret encrypted to the server's RSA key, or its (EC)DHE public value "
	  "(RFC 5246, 7.4.7). A Certificate comes first only after a CertificateRequest." },
	{ V12, DIR_CLIENT_TO_SERVER, "CertificateVerify", NULL,
	  "TLS 1.2: the client sent a certificate, so right after ClientKeyExchange it signs the "
	  "handshake messages so far with its key (RFC 5246, 7.4.8)." },
	{ V12, DIR_CLIENT_TO_SERVER, "ChangeCipherSpec", "ClientHello",
	  "TLS 1.2 resumption: the server has switched to the resumed session's new keys and "
	  "sent its Finished; the client does the same (RFC 5246, 7.3)." },
	{ V12, DIR_CLIENT_TO_SERVER, "ChangeCipherSpec", NULL,
	  "TLS 1.2: with the key exchange sent, both sides can compute the master secret; "
	  "ChangeCipherSpec says the client's next records use the new keys (RFC 5246, 7.1)." },
	{ V12, DIR_CLIENT_TO_SERVER, "Finished", NULL,
	  "TLS 1.2: the first message under the new keys is Finished, computed from the master "
	  "secret and a hash of the handshake so far (RFC 5246, 7.4.9)." },
	{ V12, DIR_CLIENT_TO_SERVER, "ApplicationData", NULL,
	  "TLS 1.2: the server's Finished has verified, and the client sends its data under the "
	  "negotiated keys (RFC 5246, 7.3)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ServerHello", NULL,
	  "TLS 1.2: the server picks the version and the cipher suite from the client's offer "
	  "and answers with ServerHello (RFC 5246, 7.4.1.3)." },
	{ V12, DIR_SERVER_TO_CLIENT, "Certificate", NULL,
	  "TLS 1.2: the cipher suite authenticates the server with a certificate, which follows "
	  "ServerHello (RFC 5246, 7.4.2)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ServerKeyExchange", NULL,
	  "TLS 1.2: the cipher suite uses an ephemeral (EC)DHE key exchange, so the server sends "
	  "its parameters, signed with its certificate's key (RFC 5246, 7.4.3)." },
	{ V12, DIR_SERVER_TO_CLIENT, "CertificateRequest", NULL,
	  "TLS 1.2: the server wants the client to authenticate, and asks before ServerHelloDone "
	  "(RFC 5246, 7.4.4)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ServerHelloDone", NULL,
	  "TLS 1.2: the server has sent its part of the key exchange and waits for the client's "
	  "(RFC 5246, 7.4.5). With static RSA no ServerKeyExchange comes: the certificate's key "
	  "is the key exchange." },
	{ V12, DIR_SERVER_TO_CLIENT, "NewSessionTicket", NULL,
	  "TLS 1.2 with session tickets: the server issues the ticket after the client's Finished "
	  "and before its own ChangeCipherSpec (RFC 5077, 3.3)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ChangeCipherSpec", "ServerHello",
	  "TLS 1.2 resumption: the server resumes the session the client named (by its ID or its "
	  "ticket), so it skips the key exchange and switches to new keys at once (RFC 5246, "
	  "7.3)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ChangeCipherSpec", NULL,
	  "TLS 1.2: the client's Finished has verified, so the server switches its sending keys "
	  "too (RFC 5246, 7.1)." },
	{ V12, DIR_SERVER_TO_CLIENT, "Finished", NULL,
	  "TLS 1.2: the server's first message under its new keys proves that it saw the same "
	  "handshake as the client (RFC 5246, 7.4.9)." },
	{ V12, DIR_SERVER_TO_CLIENT, "ApplicationData", NULL,
	  "TLS 1.2: the server's answer, under the negotiated keys (RFC 5246, 7.3)." },
};

/* TCP: what each side may send while the connection opens or closes (RFC 9293, 3.5-3.6). */
static const struct {
	const char *segment;
	const char *allowed[4];
	const char *why;
} tcp_rules[] = {
	{ "SYN ACK", { "SYN ACK", "RST" },
	  "TCP's three-way handshake: the server acknowledges the client's SYN and sends its own "
	  "(RFC 9293, 3.5)." },
	{ "ACK", { "ACK", "FIN ACK", "RST" },
	  "The segment acknowledges what the peer sent (its SYN or FIN), and carries nothing else "
	  "(RFC 9293, 3.5 and 3.6)." },
	{ "FIN ACK", { "FIN ACK", "ACK", "RST" },
	  "This side has nothing more to send and closes its direction of the connection "
	  "(RFC 9293, 3.6)." },
};

/* Whether `name` is one of the '|'-separated `names` (NULL matches everything). */
static bool one_of(const char *names, const char *name)
{
	if (!names)
		return true;
	size_t n = strlen(name);
	for (const char *p = names;; p++) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return true;
		if (!end)
			return false;
		p = end;
	}
}

/* What connection `conn` runs: what it negotiated, else what its ClientHello offers. */
static uint16_t connection_version(const struct trace *t, unsigned conn)
{
	const struct negotiated *n = &t->conns[conn].negotiated;
	if (n->version)
		return n->version;
	return n->offered_version == V13 ? V13 : V12;
}

/*
 * Whether Certificate message `m` carries a certificate: its certificate_list
 * (after TLS 1.3's certificate_request_context) is not empty (RFC 8446, 4.4.2;
 * RFC 5246, 7.4.2 and 7.4.6).
 */
static bool holds_certificate(const struct message *m, uint16_t version)
{
	struct reader r = reader_init(m->bytes.data, m->bytes.len, 0);
	const uint8_t *skip;
	uint8_t context_len = 0;
	uint32_t list_len;
	return reader_bytes(&r, 4, &skip) && (version != V13 || reader_u8(&r, &context_len)) &&
	       reader_bytes(&r, context_len, &skip) && reader_u24(&r, &list_len) && list_len > 0;
}

struct history {
	char last[2][48]; /* by direction: the last message sent in this connection, or "" */
	bool finished[2];
	unsigned facts; /* what the connection did so far: the `when` of the rules */
};

static void read_history(const struct trace *t, size_t step, struct history *h)
{
	memset(h, 0, sizeof(*h));
	unsigned conn = t->steps[step].conn;
	const struct negotiated *n = &t->conns[conn].negotiated;
	bool requested = false, early = false, client_cert = false;
	uint16_t version = connection_version(t, conn);
	const struct message *last[2] = { NULL, NULL };
	for (size_t i = t->conns[conn].first_step; i < step; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind != STEP_MESSAGE || s->conn != conn)
			continue;
		const struct message *m = &t->messages[s->index];
		last[m->dir] = m;
		bool handshake = m->kind == MESSAGE_HANDSHAKE;
		h->finished[m->dir] |= handshake && m->type == 20;
		requested |= handshake && m->type == 13 && m->dir == DIR_SERVER_TO_CLIENT;
		/* n->early_data is what the connection's one EncryptedExtensions said (4.2.10). */
		early |= handshake && m->type == 8 && n->early_data;
		client_cert |= handshake && m->type == 11 && m->dir == DIR_CLIENT_TO_SERVER &&
			       holds_certificate(m, version);
	}
	h->facts = (n->resumed ? RESUMED : FULL) | (requested ? CERT_REQUESTED : NO_CERT_REQUEST) |
		   (early ? EARLY_ACCEPTED : NO_EARLY_DATA) | (client_cert ? CLIENT_CERT_SENT : 0);
	for (int dir = 0; dir < 2; dir++)
		if (last[dir])
			snprintf(h->last[dir], sizeof(h->last[0]), "%s", message_name(last[dir]));
}

/* The messages the RFC lets `sender` send after history `h` (NULL-terminated), or NULL. */
static const char *const *allowed_messages(const struct history *h, enum direction sender,
					   uint16_t version)
{
	enum direction peer = direction_flip(sender);
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].version != version || rules[i].sender != sender ||
		    !one_of(rules[i].own, h->last[sender]) || !one_of(rules[i].peer, h->last[peer]) ||
		    (rules[i].finished != ANY && rules[i].finished != (int)h->finished[sender]) ||
		    (rules[i].peer_finished != ANY &&
		     rules[i].peer_finished != (int)h->finished[peer]) ||
		    (rules[i].when & ~h->facts) != 0)
			continue;
		return rules[i].allowed;
	}
	return NULL;
}

/* Why the message of `step` comes next, for this version, into <out, len>. */
static void message_reason(const struct trace *t, size_t step, const struct history *h,
			   uint16_t version, char *out, size_t len)
{
	const struct message *m = &t->messages[t->steps[step].index];
	const char *who = m->dir == DIR_CLIENT_TO_SERVER ? "client" : "server";
	/* Closure alerts: RFC 8446, 6.1 and RFC 5246, 7.2.1; error alerts: 6.2 and 7.2.2. */
	const char *rfc = version == V13 ? "RFC 8446, 6." : "RFC 5246, 7.2.";
	if (m->kind == MESSAGE_ALERT && m->type == 0) {
		snprintf(out, len, "The %s is done sending and says so with close_notify, so that an "
			 "attacker cannot cut the data short unnoticed (%s1).", who, rfc);
		return;
	}
	if (m->kind == MESSAGE_ALERT) {
		snprintf(out, len, "The %s cannot go on and says why before it closes (%s2). %s", who,
			 rfc, message_explanation(t, m));
		return;
	}
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (reasons[i].version == version && reasons[i].sender == m->dir &&
		    !strcmp(reasons[i].message, message_name(m)) &&
		    one_of(reasons[i].own, h->last[m->dir])) {
			snprintf(out, len, "%s", reasons[i].why);
			return;
		}
	}
	snprintf(out, len, "%s", message_explanation(t, m));
}

/* The choices: the right one and up to three others from `allowed`, in a shuffled order. */
static void pick_choices(struct drill_question *q, const char *right, const char *const *allowed,
			 uint64_t *state)
{
	const char *others[8];
	size_t n = 0;
	for (size_t i = 0; i < 8 && allowed[i]; i++)
		if (strcmp(allowed[i], right) != 0)
			others[n++] = allowed[i];
	/* A partial Fisher-Yates: the first three of `others`, each equally likely. */
	size_t take = n < DRILL_CHOICES_MAX - 1 ? n : DRILL_CHOICES_MAX - 1;
	for (size_t i = 0; i < take; i++) {
		size_t pick = i + (size_t)(splitmix64(state) % (n - i));
		const char *held = others[i];
		others[i] = others[pick];
		others[pick] = held;
	}
	q->count = take + 1;
	q->answer = (size_t)(splitmix64(state) % q->count);
	for (size_t i = 0, from = 0; i < q->count; i++)
		snprintf(q->choices[i], sizeof(q->choices[i]), "%s",
			 i == q->answer ? right : others[from++]);
}

bool drill_question(const struct trace *t, size_t step, bool with_tcp, uint64_t seed,
		    struct drill_question *q)
{
	memset(q, 0, sizeof(*q));
	if (step >= t->step_count)
		return false;
	const struct step *s = &t->steps[step];
	uint64_t state = seed ^ (0x6472696cu + step * 0x9e3779b97f4a7c15u); /* "dril" */
	char right[48];
	lesson_step_name(t, s, right, sizeof(right));
	const char *const *allowed = NULL;
	if (s->kind == STEP_SEGMENT) {
		const struct segment *seg = &t->tcp.segments[s->index];
		if (!with_tcp || (seg->role != SEGMENT_OPEN && seg->role != SEGMENT_CLOSE))
			return false;
		q->sender = seg->dir;
		for (size_t i = 0; i < sizeof(tcp_rules) / sizeof(tcp_rules[0]); i++) {
			if (!strcmp(tcp_rules[i].segment, right)) {
				allowed = tcp_rules[i].allowed;
				snprintf(q->explain, sizeof(q->explain), "%s", tcp_rules[i].why);
			}
		}
	} else {
		uint16_t version = connection_version(t, s->conn);
		struct history h;
		read_history(t, step, &h);
		q->sender = t->messages[s->index].dir;
		allowed = allowed_messages(&h, q->sender, version);
		message_reason(t, step, &h, version, q->explain, sizeof(q->explain));
	}
	/* Only what the rules allow is asked: a right answer outside them, or no choice, is not. */
	bool listed = false;
	size_t n = 0;
	for (; allowed && n < 8 && allowed[n]; n++)
		listed |= !strcmp(allowed[n], right);
	if (!listed || n < 2)
		return false;
	pick_choices(q, right, allowed, &state);
	snprintf(q->question, sizeof(q->question), "What does the %s send next?",
		 q->sender == DIR_CLIENT_TO_SERVER ? "client" : "server");
	return true;
}
