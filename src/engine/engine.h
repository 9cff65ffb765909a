/*
 * The engine runs a scenario: a wolfSSL client and a wolfSSL server in this
 * process, joined by a non-blocking socketpair and driven from one thread.
 * Each connection does the handshake, one request and response, and a
 * close_notify from both sides. With capture on, every write and every
 * secret lands in the result's capture.
 *
 * The engine is not reentrant: one run at a time per process.
 */
#ifndef TLSVIZ_ENGINE_ENGINE_H
#define TLSVIZ_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/capture.h"
#include "engine/scenario.h"

enum outcome {
	OUTCOME_COMPLETE, /* handshake, exchange and close all done */
	OUTCOME_FAILED,   /* a peer failed (an alert, a verification error...) */
	OUTCOME_STALLED,  /* neither peer progressed nor failed within the bound */
};

/*
 * A hand between the peers: sees each write after it is captured and before
 * it reaches the other peer; may change the bytes in place. Returns false to
 * drop the write altogether (the writer is told it was sent).
 */
typedef bool (*engine_tamper_fn)(void *ctx, enum direction dir, uint8_t *bytes, size_t len);

struct engine_options {
	bool capture;  /* record chunks and secrets (off only for benchmarks) */
	bool seeded;   /* fixed randomness and clock: same seed, same bytes */
	uint64_t seed;
	engine_tamper_fn tamper; /* NULL: the bytes pass untouched */
	void *tamper_ctx;
};

struct engine_result {
	enum outcome outcome;
	char detail[512];       /* what failed or stalled, for people (room for every clause) */
	char version[16];       /* as wolfSSL reports it, e.g. "TLSv1.3" */
	char cipher_suite[64];  /* wolfSSL's name of the negotiated suite */
	char group[32];         /* key exchange group, "" when none (static RSA) */
	struct capture capture; /* owned */
};

/* Why the linked wolfSSL cannot run `s`, or NULL when it can. */
const char *engine_unavailable_reason(const struct scenario *s);
/* The linked wolfSSL and what it can do, for --version (two lines). */
const char *engine_wolfssl_description(void);
/* Whether this build can make runs reproducible (--seed). */
bool engine_seed_supported(void);

/*
 * Runs `s`. Returns 0 when the run happened (its outcome, even a failure,
 * is in `out`), or -1 when the engine could not set up, with the reason in
 * out->detail. Either way `out` must be released with engine_result_release().
 */
int engine_run(const struct scenario *s, const struct engine_options *opts,
	       struct engine_result *out) __attribute__((warn_unused_result));
void engine_result_release(struct engine_result *r);

const char *outcome_name(enum outcome o);

/*
 * Whether a run ended as its scenario says it should: complete, or failed
 * with the expected alert (`alert` is the first alert other than
 * close_notify, -1 for none).
 */
bool scenario_as_designed(const struct scenario *s, enum outcome o, int alert);
/* How a run ended, for people: a failure scenario says why it was meant to fail. */
void scenario_outcome_detail(const struct scenario *s, const struct engine_result *r, char *out,
			     size_t len);

#endif
