/*
 * What the JSON exporters share: strings escaped (invalid UTF-8 replaced) and
 * bytes in hex, and the math's objects (export/math_json.c).
 */
#ifndef TLSVIZ_EXPORT_JSON_H
#define TLSVIZ_EXPORT_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/trace.h"

void json_string(FILE *out, const char *s);
void json_hex(FILE *out, const uint8_t *bytes, size_t len);

/*
 * The "crypto" object of an event: the values computed at message `message`
 * (its step), or for protected record `record` its key, IV, sequence number,
 * nonce, additional data and tag too; MATH_NONE for neither (a TCP segment).
 */
void json_event_crypto(FILE *out, const struct trace *t, size_t message, size_t record);
/* The top-level "key_schedule": every value of the schedule, in derivation order. */
void json_key_schedule(FILE *out, const struct trace *t);

#endif
