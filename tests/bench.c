/*
 * make bench: what capturing costs. For each scenario, runs the same
 * connection (handshake, one request and response, close) bare, with no taps
 * and no capture, and captured, with every byte and secret recorded and the
 * trace built, alternating the two so that the machine's noise falls on both
 * alike. Prints the medians and their ratio; the target is ratio <= 1.10.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/text.h"
#include "engine/engine.h"
#include "trace/trace.h"
#include "ui/screen.h"
#include "ui/view.h"

#define WARMUP 10
#define ROUNDS 200

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), compare);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One connection; returns its time in milliseconds, or a negative number when it failed. */
static double timed_run(const struct scenario *s, bool capture)
{
	struct engine_options opts = { .capture = capture };
	struct engine_result r;
	double start = now_ms();
	int status = engine_run(s, &opts, &r);
	bool ok = status == 0 && r.outcome == OUTCOME_COMPLETE;
	if (ok && capture) {
		struct trace t;
		trace_build(&t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
		ok = t.error[0] == '\0';
		trace_release(&t);
	}
	double elapsed = now_ms() - start;
	engine_result_release(&r);
	return ok ? elapsed : -1;
}

/*
 * The viewer on the bulk scenario (thousands of records): the time to the
 * first full frame (run, trace, layout, decode, draw), and the time each
 * "next" key takes to redraw, over every step.
 */
static int bench_viewer(const char *name)
{
	const struct scenario *s = scenario_find(name);
	struct view v;
	struct screen screen;
	memset(&v, 0, sizeof(v));
	memset(&screen, 0, sizeof(screen));
	double start = now_ms();
	if (view_open(&v, s) != 0) {
		fprintf(stderr, "tlsviz: bench: %s\n", v.message);
		return 1;
	}
	screen_draw(&screen, &v, 160, 48);
	double first = now_ms() - start;
	size_t keys = v.step_count - 1;
	double *key_ms = malloc(keys * sizeof(double)), worst = 0;
	for (size_t i = 0; i < keys; i++) {
		double t0 = now_ms();
		view_act(&v, ACTION_NEXT);
		screen_draw(&screen, &v, 160, 48);
		key_ms[i] = now_ms() - t0;
		worst = key_ms[i] > worst ? key_ms[i] : worst;
	}
	double t0 = now_ms();
	view_act(&v, ACTION_TCP); /* lays out every segment again */
	screen_draw(&screen, &v, 160, 48);
	double toggle = now_ms() - t0;
	printf("bench viewer %s records=%zu steps=%zu first_screen_ms=%.1f key_median_ms=%.3f "
	       "key_max_ms=%.3f tcp_toggle_ms=%.1f\n",
	       name, v.trace.record_count, keys + 1, first, median(key_ms, keys), worst, toggle);
	free(key_ms);
	screen_release(&screen);
	view_release(&v);
	return 0;
}

/*
 * Wrapping a 4 MB paragraph (the hand-out's 64 columns), ASCII and CJK: the
 * time must grow with the text, not with its square (it took 21.7 s once).
 */
static void bench_wrap(void)
{
	static const char *const words[] = { "word ", "\u6f22\u5b57\u6f22 " };
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t size = 4u << 20, word = strlen(words[w]);
		char *text = malloc(size + 1);
		for (size_t at = 0; at + word <= size; at += word)
			memcpy(text + at, words[w], word);
		text[size - size % word] = '\0';
		double start = now_ms();
		size_t lines = 0;
		for (const char *p = text; *p; lines++) {
			p += wrap_cut(p, 64);
			while (*p == ' ')
				p++;
		}
		printf("bench wrap %s bytes=%zu lines=%zu ms=%.1f\n", w ? "cjk" : "ascii",
		       size - size % word, lines, now_ms() - start);
		free(text);
	}
}

int main(void)
{
	bench_wrap();
	static double bare[ROUNDS], captured[ROUNDS];
	for (size_t i = 0; i < scenario_count; i++) {
		const struct scenario *s = &scenarios[i];
		if (s->bulk_bytes || s->expect_failure)
			continue; /* the benchmark is about complete handshakes */
		if (engine_unavailable_reason(s)) {
			printf("bench %s unavailable in this build\n", s->name);
			continue;
		}
		for (int k = 0; k < WARMUP; k++)
			if (timed_run(s, k % 2) < 0)
				goto failed;
		for (int k = 0; k < ROUNDS; k++) {
			bare[k] = timed_run(s, false);
			captured[k] = timed_run(s, true);
			if (bare[k] < 0 || captured[k] < 0)
				goto failed;
		}
		double b = median(bare, ROUNDS), c = median(captured, ROUNDS);
		printf("bench %s bare_ms=%.3f captured_ms=%.3f ratio=%.3f\n", s->name, b, c, c / b);
		fflush(stdout);
		continue;
failed:
		fprintf(stderr, "tlsviz: bench: scenario %s did not complete\n", s->name);
		return 1;
	}
	return bench_viewer("tls13-bulk");
}
