/*
 * make bench:
 *
 * - The JSON export of tls13-bulk against tshark -T json on the same run's
 *   pcap and key log, each a whole process (start-up included), run in turn
 *   so that the machine's noise falls on both alike: the medians of time
 *   and peak memory, and their ratios. The targets: tlsviz at least 20 times
 *   faster (ratio <= 0.05) in at most a tenth of tshark's memory.
 * - What capturing costs. For each scenario, runs the same connection
 *   (handshake, one request and response, close) bare, with no taps and no
 *   capture, and captured, with every byte and secret recorded and the trace
 *   built, alternating the two. Prints the medians and their ratio; the
 *   target is ratio <= 1.10.
 * - The viewer on the bulk scenario.
 * - --open on a capture of many connections (at least 10,000 TLS records,
 *   built from tlsviz's own exports) against tshark decoding the same file
 *   with the same key log, whole processes in turn, for the export to text
 *   and to JSON: targets 20 times faster in a fifth of the memory. And the
 *   viewer on that capture: the time to its connection list (the file read,
 *   every connection built, the list drawn), target under a second.
 *
 * TLSVIZ names the tlsviz binary (make bench sets it).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/text.h"
#include "bench_capture.h"
#include "engine/engine.h"
#include "export/opened.h"
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

/* What one whole process cost. */
struct process_cost {
	double wall_ms, cpu_ms, peak_mb;
};

#define PROCESS_TIMEOUT_MS 300000.0 /* a run that takes longer is killed */

static double timeval_ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

/*
 * Runs argv (its output thrown away) and waits for it, at most
 * PROCESS_TIMEOUT_MS; fills `cost`. Returns 0 when it exited with status 0.
 */
static int run_process(char *const argv[], struct process_cost *cost)
{
	double start = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	int status = 0;
	struct rusage usage;
	pid_t done;
	while ((done = wait4(pid, &status, WNOHANG, &usage)) == 0) {
		if (now_ms() - start > PROCESS_TIMEOUT_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 200000 }, NULL);
	}
	cost->wall_ms = now_ms() - start;
	if (done != pid)
		return -1;
	cost->cpu_ms = timeval_ms(usage.ru_utime) + timeval_ms(usage.ru_stime);
	cost->peak_mb = (double)usage.ru_maxrss / 1024; /* Linux counts kilobytes */
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

#define JSON_ROUNDS 7

/* The medians of whole processes, ours and theirs, run in turn. */
struct comparison {
	struct process_cost ours, theirs;
};

/*
 * Runs `ours` and `theirs` in turn, once each unmeasured, then `rounds`
 * times each (at most JSON_ROUNDS); fills `c` with the medians. Returns 0
 * when every run exited with status 0.
 */
static int compare_processes(char *const ours[], char *const theirs[], int rounds,
			     struct comparison *c)
{
	struct process_cost a, b;
	double wall[2][JSON_ROUNDS], cpu[2][JSON_ROUNDS], peak[2][JSON_ROUNDS];
	int status = run_process(ours, &a) || run_process(theirs, &b); /* the warm-up */
	for (int k = 0; k < rounds && !status; k++) {
		status = run_process(ours, &a) || run_process(theirs, &b);
		wall[0][k] = a.wall_ms, cpu[0][k] = a.cpu_ms, peak[0][k] = a.peak_mb;
		wall[1][k] = b.wall_ms, cpu[1][k] = b.cpu_ms, peak[1][k] = b.peak_mb;
	}
	if (status)
		return -1;
	struct process_cost *medians[2] = { &c->ours, &c->theirs };
	for (int i = 0; i < 2; i++)
		*medians[i] = (struct process_cost){ median(wall[i], (size_t)rounds),
						     median(cpu[i], (size_t)rounds),
						     median(peak[i], (size_t)rounds) };
	return 0;
}

/* Two lines: the times and their ratios, then the peak memory and its ratio, with targets. */
static void print_comparison(const char *what, const struct comparison *c, double time_target,
			     double memory_target)
{
	printf("bench %s tlsviz_ms=%.0f tshark_ms=%.0f ratio=%.3f (target <= %.3f) "
	       "tlsviz_cpu_ms=%.0f tshark_cpu_ms=%.0f cpu_ratio=%.3f\n",
	       what, c->ours.wall_ms, c->theirs.wall_ms, c->ours.wall_ms / c->theirs.wall_ms,
	       time_target, c->ours.cpu_ms, c->theirs.cpu_ms, c->ours.cpu_ms / c->theirs.cpu_ms);
	printf("bench %s tlsviz_peak_mb=%.1f tshark_peak_mb=%.1f memory_ratio=%.3f "
	       "(target <= %.3f)\n",
	       what, c->ours.peak_mb, c->theirs.peak_mb, c->ours.peak_mb / c->theirs.peak_mb,
	       memory_target);
	fflush(stdout);
}

static bool have_tshark(const char *what)
{
	if (system("command -v tshark >/dev/null 2>&1") == 0)
		return true;
	printf("bench %s: tshark is not installed; the comparison is skipped\n", what);
	return false;
}

/* tlsviz's JSON export of tls13-bulk against tshark's JSON of its pcap and key log. */
static int bench_json(const char *tlsviz)
{
	if (!have_tshark("json"))
		return 0;
	char dir[] = "/tmp/tlsviz-bench-XXXXXX";
	if (!mkdtemp(dir)) {
		fprintf(stderr, "tlsviz: bench: cannot make a temporary directory\n");
		return 1;
	}
	char pcap[64], keys[64], keylog_option[96];
	snprintf(pcap, sizeof(pcap), "%s/bulk.pcap", dir);
	snprintf(keys, sizeof(keys), "%s/bulk.keys", dir);
	snprintf(keylog_option, sizeof(keylog_option), "tls.keylog_file:%s", keys);
	char *const export_pcap[] = { (char *)tlsviz, "-s", "tls13-bulk", "--seed", "1",
				      "-e", "pcap", "-o", pcap, NULL };
	char *const export_keys[] = { (char *)tlsviz, "-s", "tls13-bulk", "--seed", "1",
				      "-e", "keylog", "-o", keys, NULL };
	char *const ours[] = { (char *)tlsviz, "-s", "tls13-bulk", "--seed", "1",
			       "-e", "json", "-o", "/dev/null", NULL };
	char *const theirs[] = { "tshark", "-r", pcap, "-o", keylog_option, "-T", "json", NULL };
	struct process_cost a;
	struct comparison c;
	int status = run_process(export_pcap, &a) || run_process(export_keys, &a) ||
		     compare_processes(ours, theirs, JSON_ROUNDS, &c);
	unlink(pcap);
	unlink(keys);
	rmdir(dir);
	if (status) {
		fprintf(stderr, "tlsviz: bench: the JSON comparison did not run (%s, tshark)\n",
			tlsviz);
		return 1;
	}
	print_comparison("json tls13-bulk", &c, 0.05, 0.10);
	return 0;
}

#define OPEN_RECORDS 10000
#define OPEN_ROUNDS 5

/*
 * The viewer on capture file `pcap`: from reading it to its connection list
 * drawn (every connection built, the first laid out), as ui_open shows it.
 */
static int bench_open_viewer(const char *pcap, const char *keys)
{
	double start = now_ms();
	struct opened file;
	char why[400];
	if (open_capture_file(pcap, &(struct open_options){ .keylog_path = keys }, &file, why,
			      sizeof(why)) != 0) {
		fprintf(stderr, "tlsviz: bench: %s\n", why);
		open_release(&file);
		return 1;
	}
	struct opened_traces o;
	opened_traces_build(&file, &o, NULL);
	struct view v;
	struct screen screen;
	memset(&v, 0, sizeof(v));
	memset(&screen, 0, sizeof(screen));
	v.opened = &o;
	view_show_opened(&v, 0);
	v.dialog = DIALOG_SCENARIOS;
	screen_draw(&screen, &v, 80, 24);
	double list = now_ms() - start;
	printf("bench open viewer connections=%zu list_ms=%.0f (target < 1000)\n", o.count, list);
	fflush(stdout);
	screen_release(&screen);
	view_release(&v);
	opened_traces_release(&o);
	open_release(&file);
	return 0;
}

/* --open on a capture of many connections, exported to text and JSON, against tshark -T json. */
static int bench_open(const char *tlsviz)
{
	char dir[] = "/tmp/tlsviz-bench-XXXXXX";
	if (!mkdtemp(dir)) {
		fprintf(stderr, "tlsviz: bench: cannot make a temporary directory\n");
		return 1;
	}
	char pcap[64], keys[64], keylog_option[96];
	snprintf(pcap, sizeof(pcap), "%s/open.pcap", dir);
	snprintf(keys, sizeof(keys), "%s/open.keys", dir);
	snprintf(keylog_option, sizeof(keylog_option), "tls.keylog_file:%s", keys);
	struct bench_capture_size size;
	int status = bench_capture(pcap, keys, OPEN_RECORDS, &size);
	char *const theirs[] = { "tshark", "-r", pcap, "-o", keylog_option, "-T", "json", NULL };
	static const char *const formats[] = { "text", "json" };
	for (size_t i = 0; i < 2 && !status && have_tshark("open"); i++) {
		char *const ours[] = { (char *)tlsviz, "--open", pcap, "--keylog", keys, "--export",
				       (char *)formats[i], "-o", "/dev/null", NULL };
		struct comparison c;
		status = compare_processes(ours, theirs, OPEN_ROUNDS, &c);
		if (status) {
			fprintf(stderr, "tlsviz: bench: the --open comparison did not run (%s, "
				"tshark)\n", tlsviz);
			break;
		}
		char what[128];
		snprintf(what, sizeof(what), "open --export %s connections=%zu records=%zu",
			 formats[i], size.connections, size.records);
		print_comparison(what, &c, 0.05, 0.20);
	}
	if (!status)
		status = bench_open_viewer(pcap, keys);
	unlink(pcap);
	unlink(keys);
	rmdir(dir);
	return status;
}

int main(void)
{
	bench_wrap();
	const char *tlsviz = getenv("TLSVIZ") ? getenv("TLSVIZ") : "./tlsviz";
	if (bench_json(tlsviz) != 0)
		return 1;
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
	return bench_viewer("tls13-bulk") || bench_open(tlsviz);
}
