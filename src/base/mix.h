/* Small, well-mixed pseudo-random numbers, for runs that must repeat under --seed. */
#ifndef TLSVIZ_BASE_MIX_H
#define TLSVIZ_BASE_MIX_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: advances `state` and returns the next number of its stream. */
uint64_t splitmix64(uint64_t *state);
/* FNV-1a of <bytes, len>: the same bytes, the same number. */
uint64_t mix_bytes(const uint8_t *bytes, size_t len);

#endif
