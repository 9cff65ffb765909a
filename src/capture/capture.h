/*
 * The capture: an append-only log of what the two peers wrote and of the
 * secrets their key schedules produced. The engine appends; the trace stage
 * reads. The capture owns every byte it holds.
 */
#ifndef TLSVIZ_CAPTURE_CAPTURE_H
#define TLSVIZ_CAPTURE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum direction {
	DIR_CLIENT_TO_SERVER = 0,
	DIR_SERVER_TO_CLIENT = 1,
};

/*
 * A run holds one connection, or two when the second resumes the first's
 * session. Each is its own TCP connection; the capture numbers them.
 */
#define CONNECTION_MAX 2

/* One write as it left a peer. */
struct chunk {
	unsigned conn;      /* which connection of the run */
	enum direction dir;
	uint64_t time_ns;   /* since the start of the run */
	uint8_t *bytes;     /* as the peer wrote them; owned by the capture (a capture
			     * file's are freed once its trace holds them: NULL then) */
	uint8_t *delivered; /* NULL, or what reached the other peer after tampering (owned) */
	size_t len;
	/*
	 * How many bytes of the other direction (in this connection) the writer
	 * had read when it wrote this: what the write can depend on. The
	 * timeline (--rtt) is built on it.
	 */
	size_t consumed;
};

#define SECRET_LABEL_MAX 32
#define SECRET_MAX 512 /* a finite-field DH premaster of up to 4096 bits */

/*
 * One named secret. TLS 1.3 secrets carry the HKDF label that produced them
 * ("c hs traffic", ...); TLS 1.2 records "master secret".
 */
struct secret {
	unsigned conn;
	char label[SECRET_LABEL_MAX];
	uint8_t bytes[SECRET_MAX];
	size_t len;
	/* A key log's secret names the handshake it belongs to by its client random. */
	bool has_random;
	uint8_t client_random[32];
};

/*
 * An ephemeral (EC)DH key pair one of the peers generated, as wolfSSL made it
 * (the engine's wrapped key generators): its public key as it goes on the
 * wire (X25519 little-endian, an EC point uncompressed, a DH value big-endian)
 * and its private key in the form that group's tools read.
 */
struct key_pair {
	uint8_t public_key[SECRET_MAX];
	size_t public_len;
	uint8_t private_key[SECRET_MAX];
	size_t private_len;
};

/*
 * A TCP segment as a capture file recorded it (the file reader's; a live run
 * has none: its TCP is modeled). Its new in-order payload, if any, is chunk
 * `chunk`; its header is the captured one, options and all.
 */
#define CAPTURED_HEADER_MAX 60 /* the largest TCP header: data offset 15 words */
#define CAPTURED_NO_CHUNK ((size_t)-1)

enum captured_note {
	CAPTURED_IN_ORDER,
	CAPTURED_RETRANSMISSION, /* every payload byte was seen before */
	CAPTURED_OUT_OF_ORDER,   /* its bytes came before the ones preceding them */
	CAPTURED_PREAMBLE,       /* plaintext before TLS began (STARTTLS) */
	CAPTURED_AFTER_GAP,      /* bytes before it never appeared in the capture */
};

struct captured_segment {
	enum direction dir;
	uint64_t time_ns; /* since the connection's first packet */
	uint8_t header[CAPTURED_HEADER_MAX];
	uint8_t header_len;
	size_t payload_len;   /* as it was on the wire */
	size_t stream_offset; /* where its payload lies in dir's TLS stream (may be past it) */
	size_t chunk;         /* the chunk its new bytes made, or CAPTURED_NO_CHUNK */
	enum captured_note note;
	uint32_t gap; /* CAPTURED_AFTER_GAP: how many bytes are missing before it */
	/*
	 * For re-exporting the packet as captured: its IP header, options or
	 * extension headers included (owned), and the IP packet's length as
	 * that header declares it (more than was captured when a snapshot
	 * length cut it short).
	 */
	uint8_t *ip_header;
	size_t ip_header_len;
	size_t ip_length;
	/*
	 * Its payload as captured (owned), or NULL when those bytes are the
	 * ones it added to dir's TLS stream at stream_offset (an in-order segment
	 * after any preamble): a retransmission, an overlapping or out-of-order
	 * segment and the plaintext before TLS keep their own.
	 */
	uint8_t *payload;
};

struct capture {
	uint64_t start_unix_ns; /* wall-clock time of the run's start, for timestamps in exports */
	unsigned conn; /* the connection being captured now; chunks and secrets get it */
	/* initial sequence number of each direction of each connection, for the TCP model */
	uint32_t tcp_isn[CONNECTION_MAX][2];
	struct chunk *chunks;
	size_t chunk_count, chunk_cap;
	struct secret *secrets;
	size_t secret_count, secret_cap;
	struct key_pair *key_pairs;
	size_t key_pair_count, key_pair_cap;
	bool key_pairs_kept; /* the engine could keep every key pair (else: none, or the file's) */
	/*
	 * The server's private key (DER), as an eavesdropper who later stole it
	 * would hold it: with static RSA it opens the premaster from the wire.
	 */
	uint8_t *server_key;
	size_t server_key_len;
	/*
	 * A capture read from a file holds one connection with its TCP as
	 * captured: the trace shows these segments instead of modeling them.
	 */
	bool from_file;
	/*
	 * A capture file's DTLS connection: each chunk is one UDP datagram's
	 * payload, and its segments are the datagrams (their headers are UDP's).
	 */
	bool datagrams;
	/*
	 * A QUIC connection (RFC 9000) among them: each datagram holds QUIC
	 * packets, and TLS 1.3's handshake travels in their CRYPTO frames.
	 */
	bool quic;
	struct captured_segment *segments;
	size_t segment_count, segment_cap;
	char notes[400]; /* the file reader's: what it could not follow, for whoever reads on */
};

void capture_init(struct capture *c);
/* Starts the next connection (the first is begun by capture_init). */
void capture_next_connection(struct capture *c);
/*
 * Appends a copy of <bytes, len> as a chunk written in direction `dir` by a
 * peer that had read `consumed` bytes of the other direction.
 */
void capture_chunk(struct capture *c, enum direction dir, uint64_t time_ns, const uint8_t *bytes,
		   size_t len, size_t consumed);
/* Records that the last chunk reached the other peer as <delivered, its len> instead. */
void capture_delivered(struct capture *c, const uint8_t *delivered);
/*
 * Records a secret of the current connection under `label` (truncated to
 * SECRET_LABEL_MAX - 1); a secret longer than SECRET_MAX is a programmer
 * error. A label seen before with the same value is not recorded twice.
 */
void capture_secret(struct capture *c, const char *label, size_t label_len, const uint8_t *bytes,
		    size_t len);
/* The same for a key log's secret of the handshake whose ClientHello has `client_random`. */
void capture_keyed_secret(struct capture *c, const char *label, const uint8_t client_random[32],
			  const uint8_t *bytes, size_t len);
/* The key log's secret under `label` for `client_random` in connection `conn`, or NULL. */
const struct secret *capture_find_keyed(const struct capture *c, unsigned conn, const char *label,
					const uint8_t client_random[32]);
/* Records a key pair; longer than SECRET_MAX is a programmer error. */
void capture_key_pair(struct capture *c, const uint8_t *public_key, size_t public_len,
		      const uint8_t *private_key, size_t private_len);
/*
 * The key pair whose public key is <public_key, len> (leading zero bytes
 * aside: a DH value may be sent padded to its prime's length), or NULL.
 */
const struct key_pair *capture_find_key_pair(const struct capture *c, const uint8_t *public_key,
					     size_t len);
/* Keeps a copy of the server's private key (DER). */
void capture_server_key(struct capture *c, const uint8_t *der, size_t len);
/*
 * Whether a secret was recorded in connection `conn` under `label` (some
 * labels, like "key", hold several values): 1 when one of them equals
 * <bytes, len>, 0 when none does, -1 when nothing was recorded under that label.
 */
int capture_holds(const struct capture *c, unsigned conn, const char *label, const uint8_t *bytes,
		  size_t len);
/* The first secret recorded in connection `conn` under `label`, or NULL. Borrowed. */
const struct secret *capture_find_secret(const struct capture *c, unsigned conn,
					 const char *label);
/* Appends a copy of `s` to the captured segments; the capture takes over its ip_header, payload. */
void capture_segment(struct capture *c, const struct captured_segment *s);
/*
 * Appends a note (printf-style) to c->notes, after a "; " when it holds
 * some already; what does not fit is cut.
 */
void capture_note(struct capture *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void capture_release(struct capture *c);

static inline enum direction direction_flip(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
}

#endif
