/*
 * Field trees: what a decoder makes of a message. Each node names a field as
 * the RFCs do, says what it holds in words, and points at its bytes:
 * `offset` and `length` are absolute within the bytes that were decoded, so a
 * hex view can highlight exactly them.
 *
 * A tree owns its nodes and their strings, all in one arena that its root
 * holds; explanations are borrowed, interned for the program's life
 * (explain_intern).
 */
#ifndef TLSVIZ_DECODE_FIELD_H
#define TLSVIZ_DECODE_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define FIELD_NO_CODE (-1L)

struct field {
	char *name;          /* as in the RFC: "legacy_version", "cipher_suites" */
	char *value;         /* decoded, for people; NULL when the children say it all */
	long code;           /* the number of an enumerated value, or FIELD_NO_CODE */
	bool is_number;      /* an integer on the wire (a length, a port, a count): */
	uint64_t number;     /* its value, for programs (the JSON export) */
	size_t offset;       /* of the first byte */
	size_t length;       /* bytes covered */
	/* What it is for here, one to three sentences (interned); NULL when obvious. */
	const char *explain;
	bool error;          /* decoding stopped here: value says why */
	bool item;           /* an entry of a list, named after its value ("x25519") */
	struct field **children;
	size_t count, cap;
	struct arena *arena; /* the tree's: its root's, where every node and string lives */
};

/* A new root, the owner of its tree; free it with field_free(). */
struct field *field_root(const char *name, size_t offset, size_t length);
/* Names `f` anew (a copy of `name`). */
void field_rename(struct field *f, const char *name);
/* Appends a child and returns it (owned by `parent`). */
struct field *field_add(struct field *parent, const char *name, size_t offset, size_t length);
void field_set_value(struct field *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The value as a decimal number. */
void field_set_uint(struct field *f, uint64_t v);
/* The value as hex: "0a 1b 2c" (shortened with "..." past `max` bytes, 0 for all). */
void field_set_hex(struct field *f, const uint8_t *bytes, size_t len, size_t max);
/* Appends an error node at `offset`: decoding stopped there. */
struct field *field_error(struct field *parent, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first node named `name` in a depth-first walk, or NULL. Borrowed. */
const struct field *field_find(const struct field *root, const char *name);
/* Whether the tree holds an error node. */
bool field_has_error(const struct field *root);
/* Frees the tree of root `f` (a root: its nodes are not freed one by one). */
void field_free(struct field *f);

/*
 * The one copy of explanation `text` (copied the first time), which lives
 * as long as the program: equal texts are one pointer.
 */
const char *explain_intern(const char *text);

#endif
