/*
 * The captured secrets under their RFC names (RFC 8446, 7.1; RFC 5246, 8.1)
 * and their NSS key-log labels, for the JSON and key-log exporters.
 */
#ifndef TLSVIZ_EXPORT_SECRETS_H
#define TLSVIZ_EXPORT_SECRETS_H

#include <stddef.h>
#include <stdint.h>

#include "trace/trace.h"

struct named_secret {
	const char *name;         /* "client_handshake_traffic_secret" */
	const char *keylog_label; /* "CLIENT_HANDSHAKE_TRAFFIC_SECRET", or NULL */
	const uint8_t *bytes;     /* borrowed from the trace */
	size_t len;
};

struct secret_list {
	struct named_secret items[16];
	size_t count;
};

/* The secrets of `t` in key-schedule order; entries borrow from `t`. */
void secrets_collect(const struct trace *t, struct secret_list *out);

#endif
