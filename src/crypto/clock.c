/*
 * The clock of the bundled wolfSSL. It is built with TIME_OVERRIDES so that a
 * seeded run can fix the time (the engine installs its clock with
 * wc_SetTimeCb); without one, wolfCrypt calls these: the real clock.
 */
#include <time.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/types.h>

#ifdef TIME_OVERRIDES
time_t XTIME(time_t *t);
struct tm *XGMTIME(const time_t *t, struct tm *tmp);

time_t XTIME(time_t *t)
{
	return time(t);
}

struct tm *XGMTIME(const time_t *t, struct tm *tmp)
{
	return gmtime_r(t, tmp);
}
#else
/* ISO C forbids an empty translation unit. */
typedef int tlsviz_clock_unused;
#endif
