/*
 * The key schedule's secrets under their RFC names (RFC 8446, 7.1; RFC 5246,
 * 8.1) with their NSS key-log labels, for the JSON and key-log exporters.
 */
#ifndef TLSVIZ_EXPORT_SECRETS_H
#define TLSVIZ_EXPORT_SECRETS_H

#include "trace/trace.h"

/* The NSS key-log label of a secret named as in the trace, or NULL when it has none. */
const char *keylog_label(const char *name);

#endif
