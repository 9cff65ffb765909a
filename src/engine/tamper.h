/*
 * The man in the middle of the tampering scenarios: it sees each write
 * between the peers (an engine_tamper_fn) and, once, flips one bit of the
 * record the scenario names or strikes a cipher suite from the ClientHello.
 */
#ifndef TLSVIZ_ENGINE_TAMPER_H
#define TLSVIZ_ENGINE_TAMPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/capture.h"
#include "engine/scenario.h"

struct tamper_state {
	enum tamper what;
	bool done;
	bool change_cipher_spec_seen[2]; /* per direction: what follows is encrypted */
};

/* Alters the bytes in place as `ctx` (a struct tamper_state) says; always delivers them. */
bool tamper_in_transit(void *ctx, enum direction dir, uint8_t *bytes, size_t len);

#endif
