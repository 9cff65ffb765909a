/*
 * What the JSON exporters share: a buffered writer of their own (printf's
 * formatting of each number and hex digit was most of the export's time),
 * strings escaped (invalid UTF-8 replaced), bytes in hex, and the math's
 * objects (export/math_json.c).
 */
#ifndef TLSVIZ_EXPORT_JSON_H
#define TLSVIZ_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/trace.h"

/* Output to `file` through `buf`; `failed` is sticky: the first failed write sets it. */
struct json_out {
	FILE *file;
	bool failed;
	size_t len;
	char buf[1 << 16];
};

/* Writes what `o` holds to its file. */
void json_flush(struct json_out *o);
/* `s` as it is (JSON syntax, never data). */
void json_text(struct json_out *o, const char *s);
/* A JSON string: escaped, and each byte that is not well-formed UTF-8 as U+FFFD. */
void json_string(struct json_out *o, const char *s);
/* "<hex>", two digits a byte. */
void json_hex(struct json_out *o, const uint8_t *bytes, size_t len);
void json_u64(struct json_out *o, uint64_t v);

/*
 * The "crypto" object of an event: the values computed at message `message`
 * (its step), or for protected record `record` its key, IV, sequence number,
 * nonce, additional data and tag too; MATH_NONE for neither (a TCP segment).
 */
void json_event_crypto(struct json_out *o, const struct trace *t, size_t message,
		       size_t record);
/* The top-level "key_schedule": every value of the schedule, in derivation order. */
void json_key_schedule(struct json_out *o, const struct trace *t);

#endif
