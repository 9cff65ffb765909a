/*
 * The math of a trace: every value the key schedule and the record layer
 * computed, as inputs -> operation -> output, each with a shell command that
 * recomputes it from the values before it (OpenSSL 3's command line or
 * python3's standard library, run by bash). The key schedule's values are
 * built once by trace_build from the finished trace (the transcript, the
 * recomputed secrets); each opened record's (its nonce, ciphertext,
 * plaintext and tag, with commands as long as the record's hex) are
 * computed when they are asked for: a bulk transfer's would be many times
 * its size, and an export needs one record's at a time.
 */
#ifndef TLSVIZ_TRACE_MATH_H
#define TLSVIZ_TRACE_MATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trace;

#define MATH_NONE ((size_t)-1)
#define MATH_INPUTS_MAX 4

struct math_value {
	unsigned conn;
	size_t message; /* the message whose step computes it */
	size_t record;  /* the protected record it belongs to, or MATH_NONE (the key schedule) */
	char name[80];  /* as the RFC names it */
	uint8_t *bytes; /* owned */
	size_t len;
	char operation[240]; /* how it is computed, in the RFC's notation */
	char inputs[MATH_INPUTS_MAX][80]; /* names of values it is computed from */
	size_t input_count;
	/*
	 * Owned. A bash command that prints the value in hex (any case, colons
	 * allowed), or NULL when no stock command computes it; `why` says then why.
	 */
	char *command;
	char why[160];
	/* What the command prints when that is not the value (a signature check); NULL else. */
	const char *prints;
};

/* Values, each its own allocation, owned by the list. */
struct math_list {
	struct math_value **values;
	size_t count, cap;
};

/* Where the walk met a record: at message `message`, after the schedule's first `known` values. */
struct math_mark {
	size_t message; /* MATH_NONE: the record has no values */
	size_t known;
};

/*
 * Values in the order the run computed them: the schedule's borrowed from
 * the trace, the records' computed for the view and owned by `computed`.
 */
struct math_view {
	const struct math_value **values;
	size_t count, cap;
	struct math_list computed;
};

/* A protected record's parts, as the record layer used them. */
struct record_math {
	const uint8_t *key;
	size_t key_len;
	const uint8_t *iv; /* the static (or, TLS 1.2, implicit) IV; CBC: the record's own IV */
	size_t iv_len;
	uint64_t sequence_number;
	uint8_t nonce[12]; /* AEAD only */
	size_t nonce_len;
	uint8_t additional_data[13]; /* AEAD: the AAD; CBC: the MAC's header */
	size_t additional_data_len;
	const uint8_t *tag; /* AEAD tag or CBC MAC, borrowed from the record */
	size_t tag_len;
};

/*
 * Builds t->math, the key schedule's values, and t->math_marks from the
 * rest of the trace; a failure is the trace's error.
 */
void math_build(struct trace *t);
/*
 * Why connection `conn`'s math is not written down ("TLS 1.0 and 1.1 are
 * decrypted, their math is not written down"), or NULL when it is.
 */
const char *math_unwritten(const struct trace *t, unsigned conn);
void math_release(struct trace *t);
void math_list_release(struct math_list *l);

/* Appends the values of record `index` to `out` (none when it was not opened). */
void math_record_values(const struct trace *t, size_t index, struct math_list *out);
/*
 * The values of message `message`'s step (its own and its records'), or of
 * the whole trace for MATH_NONE, into `out`; release it with math_view_release().
 */
void math_view_of(const struct trace *t, size_t message, struct math_view *out);
void math_view_release(struct math_view *v);

/* The parts of record `index`, false when it was not opened. */
bool math_record_parts(const struct trace *t, size_t index, struct record_math *out);

#endif
