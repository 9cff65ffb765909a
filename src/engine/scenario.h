/*
 * The scenario table: what each run negotiates. Plain data, free of wolfSSL
 * types, so the CLI, the UI and the exporters can list scenarios; the engine
 * maps it onto wolfSSL.
 */
#ifndef TLSVIZ_ENGINE_SCENARIO_H
#define TLSVIZ_ENGINE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

enum tls_version {
	TLS_SAME, /* for the server: the client's version */
	TLS_V1_2,
	TLS_V1_3,
};

enum named_group {
	GROUP_DEFAULT, /* whatever wolfSSL offers or accepts by default */
	GROUP_X25519,
	GROUP_SECP256R1,
	GROUP_FFDHE2048,
};

enum server_cert {
	CERT_RSA_2048,   /* assets/server-rsa.pem */
	CERT_ECDSA_P256, /* assets/server-ecdsa.pem */
	CERT_UNTRUSTED,  /* assets/untrusted.pem: issued by a CA no client trusts */
};

/* What the hand between the peers does to the bytes (engine_tamper_fn). */
enum tamper {
	TAMPER_NONE,
	TAMPER_RECORD,       /* one bit of the server's first encrypted TLS 1.3 record */
	TAMPER_RECORD_TLS12, /* one bit of the record of the client's TLS 1.2 Finished */
	TAMPER_CIPHER_LIST,  /* the client's first cipher suite struck from its ClientHello */
	TAMPER_SIGNATURE,    /* one bit of the ServerKeyExchange signature */
};

/* How a second connection resumes the first one's session. */
enum resumption {
	RESUME_NONE,       /* one connection */
	RESUME_SESSION_ID, /* TLS 1.2: the server's session cache, by session ID */
	RESUME_TICKET,     /* a session ticket (TLS 1.2, RFC 5077) or a PSK from one (TLS 1.3) */
};

/* What a scenario needs from the wolfSSL build, beyond a plain TLS 1.2/1.3 library. */
enum build_need {
	NEED_STATIC_RSA = 1 << 0,
	NEED_EARLY_DATA = 1 << 1,
};

struct scenario {
	const char *name;
	const char *description; /* one line, for --list */
	enum tls_version version;        /* the client's, and the server's unless said below */
	enum tls_version server_version; /* TLS_SAME, or the only version the server speaks */
	const char *cipher_list;   /* wolfSSL's names, ':'-separated */
	const char *server_cipher_list; /* NULL: the same as the client's */
	enum named_group group;        /* the client's key share (TLS 1.3) or only group (TLS 1.2) */
	enum named_group server_group; /* the only group the server accepts, or GROUP_DEFAULT */
	enum server_cert cert;
	const char *server_name; /* SNI, and the name the client checks in the certificate */
	const char *alpn;        /* protocol the client offers and the server accepts */
	const char *server_alpn; /* NULL: the same as the client's */
	const char *check_name;  /* NULL: the client checks server_name in the certificate */
	bool client_cert;        /* the client has a certificate to present */
	bool require_client_cert; /* the server asks for one and refuses to go on without it */
	enum tamper tamper;
	bool no_extended_master_secret; /* TLS 1.2: the client does not offer RFC 7627's */
	bool key_update;          /* TLS 1.3: the client updates its keys after the exchange */
	enum resumption resume;   /* a second connection resumes the first's session */
	bool early_data;          /* TLS 1.3: the resumed connection sends its request as 0-RTT data */
	const char *request;     /* what the client sends once the handshake is done */
	const char *response;    /* what the server answers */
	size_t bulk_bytes;       /* > 0: the answer is a body of this many bytes instead */
	size_t write_size;       /* > 0: the server writes at most this much at a time */
	unsigned needs;          /* enum build_need bits */
	/* How the run ends as designed: complete, or failed with this alert (-1: none sent). */
	bool expect_failure;
	int expect_alert;
};

#define DEFAULT_SCENARIO "tls13"

extern const struct scenario scenarios[];
extern const size_t scenario_count;

/* The scenario called `name`, or NULL. */
const struct scenario *scenario_find(const char *name);

const char *tls_version_name(enum tls_version v);

#include "base/buf.h"
/* Appends the server's answer in `s` to `out`: the response, or a bulk body with its header. */
void scenario_response(const struct scenario *s, struct buf *out);

#endif
