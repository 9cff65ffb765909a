/* The Check suites of tlsviz, one per module; test_main.c runs them all. */
#ifndef TLSVIZ_TESTS_SUITES_H
#define TLSVIZ_TESTS_SUITES_H

#include <check.h>

#include "trace/trace.h"

/* Runs scenario `name` with capture on and builds its trace into `t` (test_main.c). */
void scenario_trace(const char *name, struct trace *t);
/*
 * Appends the file at `path` to `out`, NUL-terminated (the NUL not counted
 * in out->len); false when it cannot be opened (then `out` is just "").
 */
bool read_whole_file(const char *path, struct buf *out);
/*
 * Runs `command` with sh and appends what it prints to `out`, NUL-terminated
 * (the NUL not counted); returns its exit status (-1: it did not exit).
 */
int shell_output(const char *command, struct buf *out);

struct field;
struct explain_site;
/*
 * Rebuilds where each node of `f` stands, as explain_tree() does, and checks
 * that one entry alone is the best for it (test_decode.c); `path` is f's.
 */
void check_unique(const struct field *f, const struct field *parent, struct buf *path,
		  struct explain_site *site, const char *where);
/* The first error node's value in `f`'s tree, or "" when it has none (test_decode.c). */
const char *first_error(const struct field *f);

Suite *base_suite(void);
Suite *tcp_suite(void);
Suite *trace_suite(void);
Suite *decode_suite(void);
Suite *vectors_suite(void);
Suite *engine_suite(void);
Suite *export_suite(void);
Suite *math_suite(void);
Suite *cli_suite(void);
Suite *lesson_suite(void);
Suite *quiz_suite(void);
Suite *ui_suite(void);
Suite *tmux_suite(void);
Suite *package_suite(void);
Suite *open_suite(void);
Suite *quic_decode_suite(void);

#endif
