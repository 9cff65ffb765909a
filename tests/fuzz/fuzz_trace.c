/*
 * The trace builder (make fuzz): a synthetic capture (fuzz.h), with chunks of
 * both directions, the secrets and the server's key, built into a trace:
 * records opened, both key schedules recomputed, Finished checked, KeyUpdate,
 * tickets and a resumed second connection; then everything decoded.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture c;
	const char *outcome = synthetic_read(data, size, &c);
	struct trace t;
	trace_build(&t, &c, "fuzz", outcome, "");
	walk_trace(&t, WALK_VIEWER);
	trace_release(&t);
	return 0;
}
