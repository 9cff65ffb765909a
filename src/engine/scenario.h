/*
 * The scenario table: what each run negotiates. Plain data, free of wolfSSL
 * types, so the CLI, the UI and the exporters can list scenarios; the engine
 * maps it onto wolfSSL.
 */
#ifndef TLSVIZ_ENGINE_SCENARIO_H
#define TLSVIZ_ENGINE_SCENARIO_H

#include <stddef.h>

enum tls_version {
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
	CERT_RSA_2048,  /* assets/server-rsa.pem */
	CERT_ECDSA_P256, /* assets/server-ecdsa.pem */
};

/* What a scenario needs from the wolfSSL build, beyond a plain TLS 1.2/1.3 library. */
enum build_need {
	NEED_STATIC_RSA = 1 << 0,
};

struct scenario {
	const char *name;
	const char *description; /* one line, for --list */
	enum tls_version version;
	const char *cipher_list;   /* wolfSSL's names, ':'-separated */
	enum named_group group;        /* the client's key share (TLS 1.3) or only group (TLS 1.2) */
	enum named_group server_group; /* the only group the server accepts, or GROUP_DEFAULT */
	enum server_cert cert;
	const char *server_name; /* SNI, and the name the client checks in the certificate */
	const char *alpn;        /* protocol the client offers and the server accepts */
	const char *request;     /* what the client sends once the handshake is done */
	const char *response;    /* what the server answers */
	size_t bulk_bytes;       /* > 0: the answer is a body of this many bytes instead */
	size_t write_size;       /* > 0: the server writes at most this much at a time */
	unsigned needs;          /* enum build_need bits */
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
