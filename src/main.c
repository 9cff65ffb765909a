/* tlsviz: the command line. README.md and tlsviz.1 document the contract. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "export/export.h"
#include "lesson/lesson.h"
#include "main_open.h"

#ifndef TLSVIZ_LESSONS_DIR
#define TLSVIZ_LESSONS_DIR "/usr/local/share/tlsviz/lessons"
#endif
#include "trace/trace.h"
#include "ui/ui.h"

#define TLSVIZ_VERSION "0.1.0"

enum exit_status {
	EXIT_OK = 0,
	EXIT_TOOL_FAILED = 1,
	EXIT_USAGE = 2,
};

struct options {
	const char *scenario;
	bool scenario_given;
	const char *lesson; /* a lesson's name or path */
	bool quiz;
	const char *format; /* NULL: no export asked for */
	const char *output;
	bool ascii;
	bool list;
	bool help;
	bool version;
	bool seeded;
	uint64_t seed;
	unsigned rtt_ms;
	const char *compare; /* "A,B": two scenarios side by side */
	struct open_request open; /* --open FILE and its options; open.path NULL when not asked */
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tlsviz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

static void print_help(void)
{
	printf("tlsviz: watch a real TLS handshake, message by message and byte by byte.\n"
	       "\n"
	       "Usage: tlsviz [options]\n"
	       "\n"
	       "  -s, --scenario NAME   the scenario to run (default: %s; see --list)\n"
	       "      --lesson NAME     a lesson from lessons/ (or a .lesson file): the viewer\n"
	       "                        narrates it; with --export text, a hand-out\n"
	       "      --quiz            the lesson's questions, or with a scenario: before each\n"
	       "                        step, what comes next?\n"
	       "      --list            the scenarios (and whether this build can run them)\n"
	       "                        and the lessons\n"
	       "  -e, --export FORMAT   write FORMAT instead of opening the viewer\n"
	       "  -o, --output FILE     write the export to FILE instead of standard output\n"
	       "      --ascii           draw with ASCII only, no box-drawing characters\n"
	       "      --seed N          fixed randomness and clock: the same N, the same bytes\n"
	       "      --rtt MS          the modeled network round trip in milliseconds (default\n"
	       "                        %d): each step shows when it arrives\n"
	       "      --compare A,B     two scenarios side by side, aligned by round trip (in\n"
	       "                        the viewer, or with --export text)\n"
	       "      --open FILE       a capture someone else made (pcap, pcapng), with\n"
	       "                        --keylog FILE (NSS key log), --rsa-key FILE (PEM) and\n"
	       "                        --connection N (one of its connections; default all);\n"
	       "                        with --list, its connections\n"
	       "  -h, --help            this help\n"
	       "  -V, --version         the version of tlsviz and of its wolfSSL\n"
	       "\n"
	       "Formats: %s\n"
	       "(with --open, pcap and pcapng need --connection N when the capture holds more)\n"
	       "\n"
	       "Exit status: 0 success (also a scenario that fails as designed), 1 tlsviz\n"
	       "failed, 2 bad usage or bad input. See man tlsviz.\n",
	       DEFAULT_SCENARIO, RTT_DEFAULT_MS, exporter_names());
}

/* The longest scenario name, for columns. */
static int scenario_name_width(void)
{
	int width = 0;
	for (size_t i = 0; i < scenario_count; i++)
		if ((int)strlen(scenarios[i].name) > width)
			width = (int)strlen(scenarios[i].name);
	return width;
}

static void print_list(void)
{
	int width = scenario_name_width();
	printf("Scenarios (name, availability, description):\n");
	for (size_t i = 0; i < scenario_count; i++) {
		const struct scenario *s = &scenarios[i];
		const char *why = engine_unavailable_reason(s);
		printf("%-*s %-12s %s\n", width, s->name, why ? "unavailable" : "available",
		       s->description);
		if (why)
			printf("%-*s %-12s (%s)\n", width, "", "", why);
	}
}

/* The lessons of the lessons folder, with their scenario and title. */
static void print_lessons(void)
{
	char folder[4096];
	if (lesson_folder(folder, sizeof(folder)) != 0) {
		printf("\nLessons: none found (they live in lessons/ beside tlsviz, or in %s)\n",
		       TLSVIZ_LESSONS_DIR);
		return;
	}
	struct lesson_entry *entries;
	size_t n = lesson_list(folder, &entries);
	printf("\nLessons (name, scenario, title) in %s:\n", folder);
	for (size_t i = 0; i < n; i++) {
		if (entries[i].broken)
			printf("%-22s (broken: %s)\n", entries[i].name, entries[i].broken);
		else
			printf("%-22s %-*s %s\n", entries[i].name, scenario_name_width(),
			       entries[i].scenario, entries[i].title);
	}
	lesson_list_release(entries, n);
}

static bool parse_seed(const char *text, uint64_t *out)
{
	if (*text < '0' || *text > '9')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* --rtt: whole milliseconds from 1 to RTT_MAX_MS. */
static bool parse_rtt(const char *text, unsigned *out)
{
	uint64_t v;
	if (!parse_seed(text, &v) || v < 1 || v > RTT_MAX_MS)
		return false;
	*out = (unsigned)v;
	return true;
}

/* Parses argv into `o`; returns -1 to go on, or the exit status to leave with. */
static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_LIST = 256, OPT_ASCII, OPT_SEED, OPT_LESSON, OPT_QUIZ, OPT_RTT, OPT_COMPARE,
	       OPT_OPEN, OPT_KEYLOG, OPT_RSA_KEY, OPT_CONNECTION };
	static const struct option longopts[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "export", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "lesson", required_argument, NULL, OPT_LESSON },
		{ "quiz", no_argument, NULL, OPT_QUIZ },
		{ "rtt", required_argument, NULL, OPT_RTT },
		{ "compare", required_argument, NULL, OPT_COMPARE },
		{ "open", required_argument, NULL, OPT_OPEN },
		{ "keylog", required_argument, NULL, OPT_KEYLOG },
		{ "rsa-key", required_argument, NULL, OPT_RSA_KEY },
		{ "connection", required_argument, NULL, OPT_CONNECTION },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	/*
	 * --help, --version and --list stand alone: an option beside them would
	 * be ignored. `alone` is the first of them given, `beside` the first
	 * other option, as typed.
	 */
	const char *alone = NULL;
	/* --open FILE --list lists the file's connections: --open's options go with it. */
	char beside[64] = "", beside_open_list[64] = "";
	int c, index = -1;
	while ((c = getopt_long(argc, argv, ":s:e:o:hV", longopts, &index)) != -1) {
		const char *name = NULL; /* the option's long name; NULL for an error */
		for (size_t k = 0; !name && longopts[k].name; k++)
			if (longopts[k].val == c)
				name = longopts[k].name;
		bool of_open = c == OPT_OPEN || c == OPT_KEYLOG || c == OPT_RSA_KEY ||
			       c == OPT_CONNECTION;
		if ((c == 'h' || c == 'V' || c == OPT_LIST) && !alone) {
			alone = name;
			name = NULL; /* not beside itself */
		}
		char typed[64] = "";
		if (name && index >= 0)
			snprintf(typed, sizeof(typed), "--%s", name);
		else if (name)
			snprintf(typed, sizeof(typed), "-%c", c);
		bool other = typed[0] && (!alone || strcmp(name, alone));
		if (other && !beside[0])
			snprintf(beside, sizeof(beside), "%s", typed);
		if (other && !of_open && !beside_open_list[0])
			snprintf(beside_open_list, sizeof(beside_open_list), "%s", typed);
		index = -1; /* getopt_long sets it for long options only */
		switch (c) {
		case 's':
			o->scenario = optarg;
			o->scenario_given = true;
			break;
		case OPT_LESSON:
			o->lesson = optarg;
			break;
		case OPT_QUIZ:
			o->quiz = true;
			break;
		case 'e':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_LIST:
			o->list = true;
			break;
		case OPT_ASCII:
			o->ascii = true;
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &o->seed))
				return usage_error("--seed needs a whole number from 0 to %" PRIu64
						   ", not '%s'",
						   UINT64_MAX, optarg);
			o->seeded = true;
			break;
		case OPT_RTT:
			if (!parse_rtt(optarg, &o->rtt_ms))
				return usage_error("--rtt needs a round trip in whole milliseconds from 1 "
						   "to %d, not '%s'",
						   RTT_MAX_MS, optarg);
			break;
		case OPT_COMPARE:
			o->compare = optarg;
			break;
		case OPT_OPEN:
			o->open.path = optarg;
			break;
		case OPT_KEYLOG:
			o->open.keylog = optarg;
			break;
		case OPT_RSA_KEY:
			o->open.rsa_key = optarg;
			break;
		case OPT_CONNECTION: {
			uint64_t n;
			if (!parse_seed(optarg, &n) || n < 1 || n > 1000000)
				return usage_error("--connection needs a connection's number (1, 2, ...), "
						   "not '%s'", optarg);
			o->open.connection = (unsigned)n;
			break;
		}
		case 'h':
			o->help = true;
			break;
		case 'V':
			o->version = true;
			break;
		case ':':
			return usage_error("%s needs an argument (see tlsviz --help)", argv[optind - 1]);
		default:
			if (optopt)
				return usage_error("unknown option '-%c' (see tlsviz --help)", optopt);
			return usage_error("unknown option '%s' (see tlsviz --help)", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s' (see tlsviz --help)", argv[optind]);
	const char *extra = alone && !strcmp(alone, "list") && o->open.path ? beside_open_list
									    : beside;
	if (alone && extra[0])
		return usage_error("--%s takes no other options; leave out '%s'", alone, extra);
	if (o->output && !o->format)
		return usage_error("-o needs --export FORMAT to say what to write");
	if (o->quiz && o->format)
		return usage_error("--quiz is asked in the viewer; leave out --export (the hand-out, "
				   "--lesson NAME --export text, prints the questions and the answers)");
	if (o->lesson && o->scenario_given)
		return usage_error("--lesson runs the scenario its file names; leave out -s");
	if (o->compare && (o->scenario_given || o->lesson || o->quiz))
		return usage_error("--compare names its two scenarios; leave out -s, --lesson and "
				   "--quiz");
	if ((o->open.keylog || o->open.rsa_key || o->open.connection) && !o->open.path)
		return usage_error("--keylog, --rsa-key and --connection go with --open FILE");
	if (o->open.path && (o->scenario_given || o->lesson || o->quiz || o->compare || o->seeded))
		return usage_error("--open shows the capture's own connections; leave out -s, "
				   "--lesson, --quiz, --compare and --seed");
	if (o->compare && o->format && strcmp(o->format, "text") != 0)
		return usage_error("--compare draws the two diagrams as text only; use --export text "
				   "or the viewer");
	return -1;
}

static int run(const struct options *opts, struct lesson *lesson);
static int compare(const struct options *o);

/*
 * Whether everything written to standard output got there (a full disk, a
 * closed pipe): says so and turns a success into a failure when not. A
 * terminal stays open, for the viewer's restoring of it at exit; a file or a
 * pipe is closed here, where the error of a late write can still be told.
 */
static int finish_output(int status)
{
	errno = 0;
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;
	if (!isatty(fileno(stdout)) && fclose(stdout) != 0 && !failed) {
		failed = true;
		err = errno;
	}
	if (!failed || status != EXIT_OK)
		return status;
	fprintf(stderr, "tlsviz: cannot write to standard output: %s\n",
		err ? strerror(err) : "an earlier write failed");
	return EXIT_TOOL_FAILED;
}

static int tlsviz(int argc, char **argv);

int main(int argc, char **argv)
{
	/* A closed pipe is a failed write, reported (EPIPE), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	return finish_output(tlsviz(argc, argv));
}

static int tlsviz(int argc, char **argv)
{
	struct options o = { .scenario = DEFAULT_SCENARIO, .rtt_ms = RTT_DEFAULT_MS };
	int status = parse_args(argc, argv, &o);
	if (status >= 0)
		return status;
	if (o.help) {
		print_help();
		return EXIT_OK;
	}
	if (o.version) {
		printf("tlsviz %s; %s\n"
		       "Licence: GNU GPL version 2 or later (GPL-2.0-or-later), as wolfSSL's;\n"
		       "see LICENSE. There is no warranty.\n",
		       TLSVIZ_VERSION, engine_wolfssl_description());
		return EXIT_OK;
	}
	if (o.open.path) {
		o.open.format = o.format;
		o.open.output = o.output;
		o.open.ascii = o.ascii;
		o.open.list = o.list;
		return open_main(&o.open);
	}
	if (o.list) {
		print_list();
		print_lessons();
		return EXIT_OK;
	}
	if (o.compare)
		return compare(&o);

	struct lesson lesson;
	memset(&lesson, 0, sizeof(lesson));
	if (o.lesson) {
		char path[4096], why[512];
		if (lesson_find(o.lesson, path, sizeof(path), why, sizeof(why)) != 0 ||
		    lesson_load(path, &lesson, why, sizeof(why)) != 0) {
			lesson_release(&lesson);
			return usage_error("%s", why);
		}
		if (!scenario_find(lesson.scenario)) {
			status = usage_error("%s:%d: unknown scenario '%s' (tlsviz --list shows them)",
					     lesson.path, lesson.scenario_line, lesson.scenario);
			lesson_release(&lesson);
			return status;
		}
		o.scenario = lesson.scenario;
	}
	status = run(&o, o.lesson ? &lesson : NULL);
	lesson_release(&lesson);
	return status;
}

/* The scenario called `name`, checked that this build can run it as `o` asks; NULL after an error. */
static const struct scenario *runnable(const struct options *o, const char *name, int *status)
{
	const struct scenario *s = scenario_find(name);
	const char *why = s ? engine_unavailable_reason(s) : NULL;
	if (!s)
		*status = usage_error("unknown scenario '%s' (tlsviz --list shows them)", name);
	else if (why)
		*status = usage_error("scenario '%s' is unavailable: %s", s->name, why);
	else if (o->seeded && !engine_seed_supported())
		*status = usage_error("--seed needs the bundled wolfSSL (this build links the "
				      "system's, which cannot fix its randomness and clock); build "
				      "with plain make");
	else
		return s;
	return NULL;
}

/* Runs `s` into a trace at the options' round trip; false (having said why) when it could not. */
static bool run_trace(const struct scenario *s, const struct options *o, struct trace *t,
		      enum outcome *outcome)
{
	struct engine_result result;
	struct engine_options eo = { .capture = true, .seeded = o->seeded, .seed = o->seed };
	if (engine_run(s, &eo, &result) != 0) {
		fprintf(stderr, "tlsviz: %s\n", result.detail);
		engine_result_release(&result);
		return false;
	}
	char detail[sizeof(result.detail) + 256];
	scenario_outcome_detail(s, &result, detail, sizeof(detail));
	trace_build(t, &result.capture, s->name, outcome_name(result.outcome), detail);
	trace_set_rtt(t, o->rtt_ms);
	*outcome = result.outcome;
	engine_result_release(&result);
	return true;
}

/* Whether the run went as its scenario says; says so on stderr when not. */
static bool as_designed(const struct scenario *s, const struct trace *t, enum outcome outcome)
{
	if (t->error[0]) {
		fprintf(stderr, "tlsviz: the trace of '%s' is wrong: %s\n", s->name, t->error);
		return false;
	}
	if (!scenario_as_designed(s, outcome, trace_failure_alert(t))) {
		fprintf(stderr, "tlsviz: scenario '%s' %s, not as designed: %s\n", s->name,
			outcome_name(outcome), t->detail[0] ? t->detail : "it completed");
		return false;
	}
	return true;
}

/* The exit status of an export that ended as `st`, having said `reason` when it failed. */
static int exit_status_of(enum export_status st, const char *reason)
{
	if (st == EXPORT_OK)
		return EXIT_OK;
	fprintf(stderr, "tlsviz: %s\n", reason);
	/* A path that cannot be written is bad input; a write that fails is tlsviz failing. */
	return st == EXPORT_BAD_DESTINATION ? EXIT_USAGE : EXIT_TOOL_FAILED;
}

/* --compare A,B: the two runs side by side, in the viewer or as text. */
static int compare(const struct options *o)
{
	const char *comma = strchr(o->compare, ',');
	if (!comma || strchr(comma + 1, ',') || comma == o->compare || !comma[1])
		return usage_error("--compare needs two scenarios as A,B (for example "
				   "tls12-ecdhe,tls13), not '%s'",
				   o->compare);
	/* Split at the comma, each name whole however long: a long one is unknown. */
	char *first = xstrdup(o->compare);
	first[comma - o->compare] = '\0';
	const char *names[2] = { first, first + (comma - o->compare) + 1 };
	const struct scenario *s[2] = { NULL, NULL };
	int status = EXIT_OK;
	for (int k = 0; k < 2 && status == EXIT_OK; k++)
		s[k] = runnable(o, names[k], &status);
	free(first);
	if (status != EXIT_OK)
		return status;

	struct trace t[2];
	enum outcome outcome[2];
	if (!run_trace(s[0], o, &t[0], &outcome[0]))
		return EXIT_TOOL_FAILED;
	if (!run_trace(s[1], o, &t[1], &outcome[1])) {
		trace_release(&t[0]);
		return EXIT_TOOL_FAILED;
	}
	if (!o->format) {
		status = ui_compare(&t[0], &t[1], &(struct ui_options){ .ascii = o->ascii });
	} else {
		char reason[512];
		status = exit_status_of(export_write(exporter_find("text"), &t[0],
						     &(struct export_options){ .ascii = o->ascii,
									       .beside = &t[1] },
						     o->output, reason, sizeof(reason)),
					reason);
	}
	if (status == EXIT_OK && !(as_designed(s[0], &t[0], outcome[0]) &
				   as_designed(s[1], &t[1], outcome[1])))
		status = EXIT_TOOL_FAILED;
	trace_release(&t[0]);
	trace_release(&t[1]);
	return status;
}

/* Runs the scenario of `o` into the viewer or an export; the lesson (or NULL) narrates it. */
static int run(const struct options *o, struct lesson *lesson)
{
	int status = EXIT_OK;
	const struct scenario *s = runnable(o, o->scenario, &status);
	if (!s)
		return status;
	const struct exporter *e = o->format ? exporter_find(o->format) : NULL;
	if (o->format && !e)
		return usage_error("unknown export format '%s' (choose from: %s)", o->format,
				   exporter_names());

	/* The viewer runs the scenario itself; a lesson is checked against a run first. */
	if (!o->format && !lesson)
		return ui_run(&(struct ui_options){ .scenario = s, .ascii = o->ascii,
						    .seeded = o->seeded, .seed = o->seed,
						    .quiz = o->quiz, .rtt_ms = o->rtt_ms });
	struct trace t;
	enum outcome outcome;
	if (!run_trace(s, o, &t, &outcome))
		return EXIT_TOOL_FAILED;

	char reason[512];
	if (lesson && lesson_bind(lesson, &t, reason, sizeof(reason)) != 0) {
		trace_release(&t);
		return usage_error("%s", reason);
	}
	if (!o->format) {
		trace_release(&t);
		return ui_run(&(struct ui_options){ .scenario = s, .ascii = o->ascii,
						    .seeded = o->seeded, .seed = o->seed,
						    .lesson = lesson, .quiz = o->quiz,
						    .rtt_ms = o->rtt_ms });
	}
	status = exit_status_of(export_write(e, &t,
					     &(struct export_options){
						     .ascii = o->ascii, .lesson = lesson,
						     .markdown = export_path_is_markdown(o->output) },
					     o->output, reason, sizeof(reason)),
				reason);
	if (status == EXIT_OK && !as_designed(s, &t, outcome))
		status = EXIT_TOOL_FAILED;
	trace_release(&t);
	return status;
}
