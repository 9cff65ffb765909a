#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "engine/engine.h"
#include "suites.h"

void scenario_trace(const char *name, struct trace *t)
{
	const struct scenario *s = scenario_find(name);
	ck_assert_ptr_nonnull(s);
	struct engine_result r;
	ck_assert_int_eq(engine_run(s, &(struct engine_options){ .capture = true }, &r), 0);
	trace_build(t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
	engine_result_release(&r);
}

bool read_whole_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (f) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(out, chunk, n);
		fclose(f);
	}
	buf_append(out, "", 1);
	out->len--;
	return f != NULL;
}

int shell_output(const char *command, struct buf *out)
{
	FILE *p = popen(command, "r");
	ck_assert_ptr_nonnull(p);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_append(out, chunk, n);
	buf_append(out, "", 1);
	out->len--;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
	SRunner *runner = srunner_create(base_suite());
	srunner_add_suite(runner, tcp_suite());
	srunner_add_suite(runner, trace_suite());
	srunner_add_suite(runner, decode_suite());
	srunner_add_suite(runner, vectors_suite());
	srunner_add_suite(runner, engine_suite());
	srunner_add_suite(runner, export_suite());
	srunner_add_suite(runner, math_suite());
	srunner_add_suite(runner, cli_suite());
	srunner_add_suite(runner, lesson_suite());
	srunner_add_suite(runner, quiz_suite());
	srunner_add_suite(runner, ui_suite());
	srunner_add_suite(runner, tmux_suite());
	srunner_add_suite(runner, package_suite());
	srunner_add_suite(runner, open_suite());
	srunner_add_suite(runner, quic_decode_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
