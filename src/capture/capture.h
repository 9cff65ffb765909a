/*
 * The capture: an append-only log of what the two peers wrote and of the
 * secrets their key schedules produced. The engine appends; the trace stage
 * reads. The capture owns every byte it holds.
 */
#ifndef TLSVIZ_CAPTURE_CAPTURE_H
#define TLSVIZ_CAPTURE_CAPTURE_H

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
	uint8_t *bytes;     /* as the peer wrote them; owned by the capture */
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
	/*
	 * The server's private key (DER), as an eavesdropper who later stole it
	 * would hold it: with static RSA it opens the premaster from the wire.
	 */
	uint8_t *server_key;
	size_t server_key_len;
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
void capture_release(struct capture *c);

static inline enum direction direction_flip(enum direction d)
{
	return d == DIR_CLIENT_TO_SERVER ? DIR_SERVER_TO_CLIENT : DIR_CLIENT_TO_SERVER;
}

#endif
