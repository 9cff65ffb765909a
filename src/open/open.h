/*
 * The file reader: a capture someone else made (pcap or pcapng, read with
 * libpcap) and the secrets that open it (an NSS key log, a pcapng Decryption
 * Secrets Block, a server's RSA key), turned into one `struct capture` per
 * TLS connection. Downstream, a capture read from a file is a capture like a
 * live run's, except that its TCP is the captured one.
 *
 *   packets ──► link layer ──► IPv4/IPv6 ──► TCP ──► flows ──► reassembled
 *   (libpcap)   (Ethernet, SLL,   (extension    (per          streams ──► TLS?
 *                SLL2, NULL, raw)  headers)      direction)               └─► captures
 */
#ifndef TLSVIZ_OPEN_OPEN_H
#define TLSVIZ_OPEN_OPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "capture/capture.h"

/* One NSS key log line: LABEL <client_random> <secret>. */
struct keylog_entry {
	char label[40];
	uint8_t client_random[32];
	uint8_t secret[SECRET_MAX];
	size_t secret_len;
	unsigned line;  /* in its file (0 for a DSB's) */
	bool matched;   /* some connection's ClientHello carries its client random */
	bool offered_quic; /* unmatched, offered to QUIC connections (their ClientHellos are protected) */
};

struct keylog {
	struct keylog_entry *entries;
	size_t count, cap;
	unsigned bad_lines; /* lines that are not key log lines (comments and blanks aside) */
	unsigned first_bad_line;
};

/*
 * Adds the lines of the key log text <text, len> (borrowed) to `k`; lines
 * that are not key log lines are counted, not kept. `from_dsb` marks entries
 * of a Decryption Secrets Block (their line is 0).
 */
void keylog_parse(struct keylog *k, const char *text, size_t len, bool from_dsb);
/* The capture label an NSS key log label stands for ("c hs traffic"...), or NULL. */
const char *keylog_capture_label(const char *nss_label);
/* The NSS label a capture label stands for ("CLIENT_HANDSHAKE_TRAFFIC_SECRET"...), or NULL. */
const char *keylog_nss_label(const char *capture_label);
void keylog_release(struct keylog *k);

/*
 * The key logs of every pcapng Decryption Secrets Block in <bytes, len>
 * (borrowed), added to `k`. Blocks of other kinds are skipped; a file that
 * is not pcapng holds none. libpcap does not expose these blocks.
 */
void dsb_read(const uint8_t *bytes, size_t len, struct keylog *k);

/*
 * A pcapng file whose interfaces have different snapshot lengths, which
 * libpcap refuses: a copy in `out` with every interface's set to 0 (no
 * limit). False, and `out` untouched, when the file needs no such copy.
 */
bool pcapng_uniform_snaplen(const uint8_t *bytes, size_t len, struct buf *out);

/* A TCP connection (or a UDP flow) found in the file. */
struct opened_connection {
	unsigned number; /* 1, 2, ... in the order their first packet appears */
	int ip_version;  /* 4 or 6 */
	uint8_t address[2][16]; /* client's, server's (IPv4 in the first 4 bytes) */
	uint16_t port[2];
	bool udp;         /* DTLS or QUIC (a connection, tls too) */
	bool quic;        /* QUIC: its handshake is in protected packets, its key log lines offered */
	bool tls;         /* its streams carry TLS records, or its datagrams DTLS's */
	size_t preamble[2]; /* plaintext bytes before TLS (STARTTLS), per direction */
	bool keyed;       /* a key log line matches its client random */
	uint8_t client_random[32];
	bool has_random;
	struct capture capture; /* TLS connections: ready for trace_build (owned) */
	char why_skipped[512];  /* no TLS: what it carries instead */
};

struct opened {
	struct opened_connection *conns;
	size_t count, cap;
	struct keylog keys;
	unsigned packets;       /* packets read */
	unsigned not_tcp;       /* packets neither TCP nor UDP over IP, or fragments */
	char error[300];        /* where and why reading stopped early; "" when it read to the end */
};

struct open_options {
	const char *keylog_path; /* NULL: none */
	const char *keylog_text; /* or the key log itself, <keylog_text, keylog_len> (borrowed) */
	size_t keylog_len;
	const uint8_t *rsa_key_der; /* borrowed; NULL: none */
	size_t rsa_key_len;
};

/*
 * Reads the capture in <bytes, len> (borrowed; the reader copies what it
 * keeps) into `out`. Returns 0, or -1 with a one-line reason in `why` when
 * nothing can be read at all (not a capture, an unknown link type). A
 * capture that stops early (truncated, corrupt) still returns 0: `out`
 * holds what was read and out->error says where it stopped.
 */
int open_capture(const uint8_t *bytes, size_t len, const struct open_options *o,
		 struct opened *out, char *why, size_t why_len) __attribute__((warn_unused_result));
/* The largest files the reader takes whole. */
#define OPEN_CAPTURE_MAX ((size_t)2 << 30)
#define OPEN_KEYLOG_MAX ((size_t)64 << 20)
#define OPEN_KEY_MAX ((size_t)1 << 20)

/*
 * Appends the whole file (or pipe) at `path`, at most `max` bytes, to `out`;
 * false with a one-line reason in `why` when it cannot be read.
 */
bool open_read_file(const char *path, size_t max, struct buf *out, char *why, size_t why_len);
/* Reads the file at `path` whole and opens it as open_capture() does; the key log too. */
int open_capture_file(const char *path, const struct open_options *o, struct opened *out,
		      char *why, size_t why_len) __attribute__((warn_unused_result));
/*
 * The DER of the first RSA private key in PEM text <pem, len>, appended to
 * `der`; false when there is none or its base64 is broken.
 */
bool open_pem_key(const char *pem, size_t len, struct buf *der);
/* "10.0.0.1:443" or "[2001:db8::1]:443": an endpoint of `c`, 0 client or 1 server. */
void open_endpoint_text(const struct opened_connection *c, int side, char *out, size_t len);
void open_release(struct opened *o);

#endif
