/*
 * The trace: a run's connections as the layers above it see them (one, or
 * two when the second resumes the first's session). Built once from a
 * capture (a pure function of it), immutable afterwards; the layout, the UI
 * and every exporter borrow from it.
 *
 *   chunks ──► per-direction byte streams ──► TLS records ──► messages
 *                         └──► modeled TCP segments
 *
 * The key schedule is recomputed here from the wire (the transcript) and the
 * captured (EC)DHE shared secret or RSA key, compared with what wolfSSL
 * derived, and proven: both Finished messages verify and every protected
 * record opens. A mismatch or a record that does not open is an error of the
 * trace, never silently shown as something else.
 */
#ifndef TLSVIZ_TRACE_TRACE_H
#define TLSVIZ_TRACE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/reader.h"
#include "capture/capture.h"
#include "crypto/crypto.h"
#include "trace/math.h"
#include "trace/tcp.h"

enum content_type {
	CONTENT_CHANGE_CIPHER_SPEC = 20,
	CONTENT_ALERT = 21,
	CONTENT_HANDSHAKE = 22,
	CONTENT_APPLICATION_DATA = 23,
	CONTENT_TLS12_CID = 25, /* DTLS 1.2 with a connection ID (RFC 9146, 4) */
};

enum protection {
	PROTECTION_PLAINTEXT,
	PROTECTION_INITIAL,     /* QUIC's Initial packets: keys from a connection ID on the wire */
	PROTECTION_EARLY,       /* TLS 1.3 0-RTT: client_early_traffic_secret's keys */
	PROTECTION_HANDSHAKE,   /* TLS 1.3 handshake traffic keys */
	PROTECTION_APPLICATION, /* TLS 1.3 application traffic keys; TLS 1.2 after ChangeCipherSpec */
};

/* RFC 8446, 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
extern const uint8_t hello_retry_random[32];

#define RECORD_HEADER_LEN 5
#define HANDSHAKE_HEADER_LEN 4
/*
 * DTLS (RFC 6347, 4.1 and 4.2.2): a record header adds epoch and
 * sequence_number, a handshake header message_seq, fragment_offset and
 * fragment_length. A reassembled DTLS message is held with the header it
 * would have as one fragment, the form its transcript hashes (4.2.6).
 */
#define DTLS_RECORD_HEADER_LEN 13
#define DTLS_HANDSHAKE_HEADER_LEN 12

struct record {
	unsigned conn; /* which connection of the run */
	enum direction dir;
	uint8_t type; /* outer content type, as on the wire */
	uint16_t version;
	size_t stream_offset; /* of the header in dir's stream */
	size_t len;           /* header included */
	enum protection protection;
	bool decrypted;     /* protected and opened */
	uint8_t inner_type; /* the real content type: outer type, or TLS 1.3's inner one */
	struct buf plain;   /* content: the fragment, or the opened plaintext without type and padding */
	struct record_layout layout; /* where an opened record's parts lie in its bytes */
	struct record_keys opened_with; /* an opened record's keys, its sequence number included */
	size_t chunk;       /* index of the chunk that completed it */
	bool altered;       /* a man in the middle changed it on its way (see delivered) */
	/*
	 * DTLS (RFC 6347, 4.1): its header is 13 bytes, with the epoch and
	 * sequence_number; a DTLS 1.3 record in the unified header (RFC 9147,
	 * 4) is `unified`, its header's layout its first byte's.
	 */
	bool dtls, unified;
	/* DTLS 1.2 with a connection ID (RFC 9146, tls12_cid): its length is the handshake's */
	bool connection_id;
	uint16_t epoch;
	uint64_t sequence_number; /* DTLS's; QUIC's packet number, once its protection is removed */
	/*
	 * QUIC (RFC 9000, 17): the record is one packet of a datagram, `type`
	 * its packet type (enum quic_packet), `plain` its frames once opened.
	 * Header protection (RFC 9001, 5.4) masks the first byte's low bits
	 * and the packet number: `quic_first` is the first byte unmasked, the
	 * packet number's quic_pn_len bytes lie at quic_pn_at of the record
	 * (for a short header, 1 + the Destination Connection ID's length), and
	 * `quic_unmasked` says whether the mask was removed (no keys: not).
	 */
	bool quic, quic_unmasked;
	uint32_t quic_version;
	uint8_t quic_first;
	uint8_t quic_pn_len;
	size_t quic_pn_at;
};

/* A QUIC packet's type (RFC 9000, 17.2 and 17.3): record.type of a QUIC record. */
enum quic_packet {
	QUIC_PACKET_INITIAL,
	QUIC_PACKET_0RTT,
	QUIC_PACKET_HANDSHAKE,
	QUIC_PACKET_RETRY,
	QUIC_PACKET_1RTT,
	QUIC_PACKET_VERSION_NEGOTIATION,
};

enum message_kind {
	MESSAGE_HANDSHAKE,
	MESSAGE_CHANGE_CIPHER_SPEC,
	MESSAGE_ALERT,
	MESSAGE_APPLICATION_DATA,
	MESSAGE_UNREADABLE, /* a protected record that could not be opened */
	/*
	 * QUIC: a frame that is a step of its own, HANDSHAKE_DONE or
	 * CONNECTION_CLOSE (RFC 9000, 19.19 and 19.20): `type` its frame
	 * type, `bytes` the frame.
	 */
	MESSAGE_QUIC_FRAME,
	/*
	 * QUIC: a packet that is a step of its own, a Retry or Version
	 * Negotiation (RFC 9000, 17.2.5 and 17.2.1), or the client's Initial
	 * that answers a Retry (17.2.5.2): `type` its packet type, `bytes` it.
	 */
	MESSAGE_QUIC_PACKET,
};

struct message {
	unsigned conn;
	enum direction dir;
	enum message_kind kind;
	uint8_t type;  /* handshake type, or alert description */
	uint8_t level; /* alert level */
	enum protection protection;
	struct buf bytes; /* handshake header + body; alert; CCS; application plaintext */
	size_t first_record, last_record;
	size_t chunk;
	bool altered; /* one of its records was changed in transit */
	bool unread;  /* its receiver never processed it: it had ended the connection with an alert */
	/* DTLS handshake: bytes has the 12-byte header; the fragments it came in */
	bool dtls;
	unsigned fragments;
};

enum step_kind {
	STEP_SEGMENT,
	STEP_MESSAGE,
};

/* What one press of "next" reveals. */
struct step {
	enum step_kind kind;
	size_t index; /* into segments or messages */
	unsigned conn;
};

/* How a recomputed secret compares with the one wolfSSL derived. */
enum check {
	CHECK_UNCHECKED, /* wolfSSL does not give it away */
	CHECK_INPUT,     /* not derived: taken from wolfSSL as the schedule's input */
	CHECK_MATCH,
	CHECK_MISMATCH,
};

/* A secret of the key schedule, recomputed by tlsviz from the wire and the shared secret. */
struct derived_secret {
	unsigned conn;
	char name[48]; /* as RFC 8446, 7.1 or RFC 5246, 8.1 name it */
	uint8_t bytes[SECRET_MAX];
	size_t len;
	enum check against_wolfssl;
	size_t message; /* the message whose processing derived it */
};

struct negotiated {
	uint8_t client_random[32]; /* from the ClientHello (the last one, after a retry) */
	uint8_t server_random[32]; /* from the ServerHello */
	uint16_t version;      /* 0x0303 TLS 1.2, 0x0304 TLS 1.3; 0 before ServerHello */
	uint16_t offered_version; /* the first ClientHello's highest offer, up to TLS 1.3 */
	uint16_t cipher_suite; /* from ServerHello */
	uint16_t group;        /* key exchange group, 0 when none */
	bool hello_retry;      /* the server asked for another ClientHello */
	bool extended_master_secret; /* TLS 1.2, RFC 7627: both hellos carry the extension */
	bool encrypt_then_mac;       /* TLS 1.2 CBC, RFC 7366: both hellos carry the extension */
	bool resumed;    /* the session of the connection before, not a full handshake */
	bool binder_verified; /* TLS 1.3: the ClientHello's PSK binder checked */
	bool early_data; /* TLS 1.3: the server accepted the client's 0-RTT data */
};

/* One connection of the run: its own TCP connection, hellos and key schedule. */
struct connection {
	struct negotiated negotiated;
	bool finished_verified[2]; /* each side's Finished checked against the transcript */
	size_t first_step;         /* its steps run up to the next connection's first */
	/* The timeline: when the client first sent application data, from the SYN. */
	bool client_data;
	uint64_t client_data_us;
	uint64_t start_us; /* when its SYN left, from the run's first SYN */
};

#define RTT_DEFAULT_MS 50
#define RTT_MAX_MS 10000

struct trace {
	char scenario[32];
	char outcome[16];  /* the engine's: "complete", "failed", "stalled" */
	char *detail;      /* owned: the engine's account of a failure, whole */
	char error[200];   /* the trace's own: a record that did not open, bytes left over */
	/*
	 * A capture file's connection: why records stay ciphertext ("no key log
	 * line for client random 3d a2 ..."); "" when every record opened.
	 */
	char unopened[200];
	/*
	 * Owned. Its chunks' bytes move into stream[] and delivered[] as the
	 * trace is built (the chunks keep their lengths, their bytes are NULL).
	 */
	struct capture capture;
	struct buf stream[2];    /* each direction's bytes, in order, as written */
	/* The same as they arrived, for a direction that was tampered with; else empty. */
	struct buf delivered[2];
	struct connection conns[CONNECTION_MAX];
	size_t conn_count;
	struct record *records;
	size_t record_count, record_cap;
	struct message *messages;
	size_t message_count, message_cap;
	struct tcp_model tcp; /* its segments are the trace's segments */
	struct step *steps;
	size_t step_count, step_cap;
	struct derived_secret *secrets; /* in the order the key schedule derives them */
	size_t secret_count, secret_cap;
	struct math_list math; /* the key schedule's values, with their commands (trace/math.h) */
	struct math_mark *math_marks; /* per record: where the math met it */
	/*
	 * The modeled timeline: the network delays every byte by half the round
	 * trip time; a peer writes as soon as it has read what the write depends
	 * on (the capture says how much it had read). Times are from each
	 * connection's SYN.
	 */
	unsigned rtt_ms;
	uint64_t *sent_ticks; /* per chunk: when it left, in half round trips (any rtt_ms) */
	uint64_t *sent_us;    /* per chunk: when it left its peer */
	uint64_t *arrival_us; /* per step: when it reached the other peer */
};

/*
 * Builds the trace of `capture`, which it takes over (the caller's copy is
 * left empty). `scenario`, `outcome` and `detail` are copied.
 */
void trace_build(struct trace *t, struct capture *capture, const char *scenario,
		 const char *outcome, const char *detail);
void trace_release(struct trace *t);

/* The length of message m's handshake header: 4, or DTLS's 12. */
size_t message_header_len(const struct message *m);
/* The wire bytes of a record, borrowed from the trace. */
const uint8_t *trace_record_bytes(const struct trace *t, const struct record *r);
/* When segment `s` left its sender (a captured one: when it was captured), in microseconds. */
uint64_t trace_segment_sent_us(const struct trace *t, const struct segment *s);
/*
 * Connection `conn`'s client and server ports: the modeled ones, or a
 * capture file's as its first client segment has them.
 */
void trace_ports(const struct trace *t, unsigned conn, uint16_t ports[2]);
/* Direction `dir`'s bytes as they arrived (borrowed; stream[dir]'s length). */
const uint8_t *trace_delivered(const struct trace *t, enum direction dir);
/* The same record as the other peer received it. */
const uint8_t *trace_record_delivered(const struct trace *t, const struct record *r);
/*
 * The alert that ended a failed connection: the first one other than
 * close_notify, as its description code; -1 when no such alert was sent.
 */
int trace_failure_alert(const struct trace *t);
/* The connection step `step` belongs to (the last one past the end). */
const struct connection *trace_step_connection(const struct trace *t, size_t step);
/* Models the timeline for a round trip time of `rtt_ms` (trace_build uses RTT_DEFAULT_MS). */
void trace_set_rtt(struct trace *t, unsigned rtt_ms);
/*
 * When the client of connection `conn` could first send application data:
 * "could send application data after 2 round trips (1 TCP + 1 TLS), 100ms",
 * or "never sent application data".
 */
void trace_client_data_summary(const struct trace *t, unsigned conn, char *out, size_t len);
/* The same in whole round trips (TCP's included), or -1 when it never did. */
int trace_client_data_trips(const struct trace *t, unsigned conn);
/* The same for a status line: "after 2 RTT" or "never". */
void trace_client_data_brief(const struct trace *t, unsigned conn, char *out, size_t len);
/* When the write of capture chunk `chunk` reached the other peer, on the timeline. */
uint64_t trace_chunk_arrival_us(const struct trace *t, size_t chunk);
/* The round trip time doubled (a slower network) or halved, within 1 to RTT_MAX_MS. */
unsigned rtt_scaled(unsigned rtt_ms, bool slower);
/* A time of the timeline in at most 5 columns: "150ms", "1.25s", "125s". */
void format_time_us(uint64_t us, char *out, size_t len);
/* Records the first error of the trace (later ones are consequences): for trace/math.c. */
void trace_error(struct trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Finds extension `wanted` in a list (reader at its length): its body in `body`. */
bool find_extension(struct reader r, uint16_t wanted, struct reader *body);
/* What the last connection negotiated: the run's outcome, for summaries. */
const struct negotiated *trace_final(const struct trace *t);

#endif
