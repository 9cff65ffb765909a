/*
 * The lesson parser and its binder (make fuzz). The input is a lesson file;
 * it is bound to the trace of the scenario it names (the first trace when it
 * names none we have), built once from a real, seeded run of every scenario,
 * its quizzes' choices read; and it is listed in a lessons folder of its own,
 * as --list and the viewer's chooser read one.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "engine/engine.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void __llvm_profile_reset_counters(void) __attribute__((weak));

static struct trace traces[64];
static size_t trace_count;
static int fd = -1;
static char path[64];
static char folder[] = "/tmp/tlsviz-fuzz-lessons-XXXXXX";

/* The lessons folder goes when the fuzzer exits (libFuzzer ends with exit()). */
static void remove_folder(void)
{
	char link[96];
	snprintf(link, sizeof(link), "%s/fuzz.lesson", folder);
	unlink(link);
	rmdir(folder);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < scenario_count && trace_count < 64; i++) {
		const struct scenario *s = &scenarios[i];
		struct engine_result r;
		if (s->bulk_bytes || engine_unavailable_reason(s))
			continue;
		const struct engine_options opts = { .capture = true, .seeded = true, .seed = 1 };
		if (engine_run(s, &opts, &r) == 0)
			trace_build(&traces[trace_count++], &r.capture, s->name,
				    outcome_name(r.outcome), r.detail);
		engine_result_release(&r);
	}
	/* The lesson is read from a file: one in memory, rewritten for each input. */
	fd = memfd_create("lesson", 0);
	if (fd < 0 || trace_count == 0) {
		fprintf(stderr, "tlsviz: fuzz_lesson cannot set up\n");
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	/* A folder holding only this lesson (a link to it), for lesson_list. */
	char link[96];
	if (!mkdtemp(folder) ||
	    snprintf(link, sizeof(link), "%s/fuzz.lesson", folder) >= (int)sizeof(link) ||
	    symlink(path, link) != 0) {
		fprintf(stderr, "tlsviz: fuzz_lesson cannot make its lessons folder\n");
		exit(1);
	}
	atexit(remove_folder);
	/* Coverage builds (make fuzz-coverage) count what the inputs reach, not these runs. */
	if (__llvm_profile_reset_counters)
		__llvm_profile_reset_counters();
	return 0;
}

static const struct trace *trace_for(const struct lesson *l)
{
	for (size_t i = 0; l->scenario && i < trace_count; i++)
		if (!strcmp(traces[i].scenario, l->scenario))
			return &traces[i];
	return &traces[0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[512];
	struct lesson l;
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	struct lesson_entry *entries;
	size_t listed = lesson_list(folder, &entries);
	lesson_list_release(entries, listed);
	/* --lesson NAME: by path, and the input's first line as a name. */
	char found[256], name[65];
	(void)lesson_find(path, found, sizeof(found), why, sizeof(why));
	size_t name_len = 0;
	while (name_len < size && name_len < sizeof(name) - 1 && data[name_len] != '\n')
		name_len++;
	memcpy(name, data, name_len);
	name[name_len] = '\0';
	(void)lesson_find(name, found, sizeof(found), why, sizeof(why));
	if (lesson_load(path, &l, why, sizeof(why)) == 0) {
		const struct trace *t = trace_for(&l);
		if (lesson_bind(&l, t, why, sizeof(why)) == 0) {
			for (size_t s = 0; s < t->step_count; s++) {
				const struct lesson_quiz *q = lesson_quiz_after(&l, s);
				for (size_t k = 0; q && k < q->choice_count; k++)
					(void)lesson_quiz_choice(q, k);
				if (q)
					(void)lesson_quiz_right(q);
				(void)lesson_step_note(&l, s);
				lesson_step_name(t, &t->steps[s], why, sizeof(why));
			}
			for (size_t n = 0; n < l.count; n++)
				if (l.notes[n].field)
					(void)lesson_field_note(&l, l.notes[n].step_index,
								l.notes[n].field);
		}
	}
	lesson_release(&l);
	return 0;
}
