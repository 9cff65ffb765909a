/*
 * The viewer as a person uses it: tmux runs tlsviz in a terminal of a given
 * size, send-keys types, capture-pane reads the screen. Every wait is bounded.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "engine/engine.h"
#include "suites.h"

#define WAIT_MS 8000

struct session {
	char socket[64];
	char exit_file[64];
	char *modes; /* stty -a after tlsviz ended (owned) */
};

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	struct buf command = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	char part[1024];
	vsnprintf(part, sizeof(part), fmt, ap);
	va_end(ap);
	buf_printf(&command, "%s", part);
	int status = system((char *)command.data);
	buf_release(&command);
	return status;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

static void start_in(struct session *s, const char *locale, int width, int height,
		     const char *args)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_msg(bin != NULL, "TLSVIZ must name the binary under test");
	ck_assert_msg(run("command -v tmux >/dev/null 2>&1") == 0, "tmux is missing (make deps)");
	s->modes = NULL;
	snprintf(s->socket, sizeof(s->socket), "tlsviz-test-%d", (int)getpid());
	snprintf(s->exit_file, sizeof(s->exit_file), "/tmp/tlsviz-test-exit-%d", (int)getpid());
	unlink(s->exit_file);
	char pid_path[96];
	snprintf(pid_path, sizeof(pid_path), "%s.pid", s->exit_file);
	unlink(pid_path);
	/*
	 * The shell ignores SIGINT so that it outlives a Ctrl-C and reports how
	 * tlsviz ended, then records the terminal's modes as tlsviz left them.
	 */
	/* remain-on-exit keeps the pane, and what tlsviz said, after it ends. */
	char config[96];
	snprintf(config, sizeof(config), "%s.conf", s->exit_file);
	FILE *f = fopen(config, "w");
	ck_assert_ptr_nonnull(f);
	fputs("set -g remain-on-exit on\n", f);
	fclose(f);
	/* tlsviz is exec'd by a shell that writes its pid first, for the signal tests. */
	ck_assert_int_eq(run("tmux -u -L %s -f %s new-session -d -s ui -x %d -y %d "
			     "\"trap '' INT; ulimit -c 0; LANG=%s sh -c 'echo \\$\\$ > %s.pid; "
			     "exec \\\"\\$0\\\" \\\"\\$@\\\"' %s %s; echo \\$? > %s.tmp; "
			     "stty -a > %s.stty; mv %s.tmp %s\"",
			     s->socket, config, width, height, locale, s->exit_file, bin, args,
			     s->exit_file, s->exit_file, s->exit_file, s->exit_file),
			 0);
}

/* The pid of the tlsviz a session runs (bounded wait for the shell to write it). */
static pid_t tlsviz_pid(const struct session *s)
{
	char path[96];
	snprintf(path, sizeof(path), "%s.pid", s->exit_file);
	int pid = 0;
	for (long waited = 0; waited <= WAIT_MS && pid <= 0; waited += 50) {
		FILE *f = fopen(path, "r");
		if (f) {
			if (fscanf(f, "%d", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		if (pid <= 0)
			sleep_ms(50);
	}
	ck_assert_int_gt(pid, 0);
	return (pid_t)pid;
}

/* In a UTF-8 locale, the viewer draws with box-drawing characters. */
static void start(struct session *s, int width, int height, const char *args)
{
	start_in(s, "C.UTF-8", width, height, args);
}

static char *capture_with(struct session *s, const char *flags)
{
	struct buf out = BUF_INIT;
	char command[256];
	snprintf(command, sizeof(command), "tmux -u -L %s capture-pane -p %s -t ui 2>/dev/null",
		 s->socket, flags);
	shell_output(command, &out); /* a session that has just ended prints nothing */
	return (char *)out.data;
}

static char *capture(struct session *s)
{
	return capture_with(s, "");
}

/* A failed check ends the session first: no tmux server (and tlsviz in it) outlives a test. */
static void end_session(struct session *s)
{
	run("tmux -L %s kill-server 2>/dev/null", s->socket);
	/* Gone before the next session takes the same socket name (bounded). */
	for (long waited = 0; waited <= WAIT_MS; waited += 50) {
		if (run("tmux -L %s list-sessions >/dev/null 2>&1", s->socket) != 0)
			break;
		sleep_ms(50);
	}
}

/*
 * Waits (bounded) until the screen shows `text`; fails with the screen
 * otherwise. Lines a narrow terminal wrapped are joined, and what scrolled
 * off the top counts (a message printed before tmux gave the pane its size).
 */
static void expect(struct session *s, const char *text)
{
	char *screen = NULL;
	for (long waited = 0; waited <= WAIT_MS; waited += 50) {
		free(screen);
		screen = capture_with(s, "-J -S -");
		if (strstr(screen, text)) {
			free(screen);
			return;
		}
		sleep_ms(50);
	}
	end_session(s);
	/* Check carries messages of limited size: the top of the screen says enough. */
	ck_abort_msg("the screen never showed \"%s\":\n%.1500s", text, screen);
}

/* Waits (bounded) until `text` is gone from the screen. */
static void expect_gone(struct session *s, const char *text)
{
	for (long waited = 0; waited <= WAIT_MS; waited += 50) {
		char *screen = capture(s);
		bool gone = strstr(screen, text) == NULL;
		free(screen);
		if (gone)
			return;
		sleep_ms(50);
	}
	end_session(s);
	ck_abort_msg("\"%s\" stayed on the screen", text);
}

/* Types the space-separated keys of `k` (tmux key names, or single characters). */
static void keys(struct session *s, const char *k)
{
	char copy[256];
	snprintf(copy, sizeof(copy), "%s", k);
	for (char *key = strtok(copy, " "); key; key = strtok(NULL, " "))
		ck_assert_int_eq(run("tmux -L %s send-keys -t ui '%s'", s->socket, key), 0);
}

static char *slurp(const char *path)
{
	struct buf out = BUF_INIT;
	read_whole_file(path, &out);
	return (char *)out.data;
}

/*
 * Waits for tlsviz to leave and returns its exit status; keeps the terminal
 * modes it left in s->modes, and cleans everything else up.
 */
static int finish(struct session *s)
{
	int status = -1;
	for (long waited = 0; waited <= WAIT_MS && status < 0; waited += 50) {
		FILE *f = fopen(s->exit_file, "r");
		if (f) {
			if (fscanf(f, "%d", &status) != 1)
				status = -1;
			fclose(f);
		}
		if (status < 0)
			sleep_ms(50);
	}
	end_session(s);
	char path[96];
	snprintf(path, sizeof(path), "%s.stty", s->exit_file);
	free(s->modes);
	s->modes = slurp(path);
	unlink(path);
	snprintf(path, sizeof(path), "%s.tmp", s->exit_file);
	unlink(path);
	snprintf(path, sizeof(path), "%s.pid", s->exit_file);
	unlink(path);
	/* The server may read its configuration late: it goes only when the server has gone. */
	snprintf(path, sizeof(path), "%s.conf", s->exit_file);
	unlink(path);
	unlink(s->exit_file);
	return status;
}

static void forget_modes(struct session *s)
{
	free(s->modes);
	s->modes = NULL;
}

static const char *seed_args(void)
{
	return engine_seed_supported() ? "--seed 1" : "";
}

START_TEST(step_through_a_handshake)
{
	struct session s;
	char args[64];
	snprintf(args, sizeof(args), "%s", seed_args());
	start(&s, 120, 40, args);
	expect(&s, "step 1/19");
	expect(&s, "SYN  (client -> server, modeled TCP)");
	keys(&s, "n n n n");
	expect(&s, "step 5/19");
	expect(&s, "ServerHello  (server -> client)");
	keys(&s, "p");
	expect(&s, "ClientHello  (client -> server)");
	keys(&s, "Tab j j j");
	expect(&s, "legacy_version: TLS 1.2 (0x0303)");
	expect(&s, "What is this?");
	expect(&s, "legacy_version: The version field of older TLS");
	keys(&s, "G");
	expect(&s, "step 19/19");
	expect(&s, "13. ACK");
	/* The timeline: the last ACK at 5.5 round trips; then on a slower and a faster network. */
	expect(&s, "275ms │ 13. ACK");
	keys(&s, "+");
	expect(&s, "round trip 100 ms: client data after 2 RTT");
	expect(&s, "550ms │ 13. ACK");
	keys(&s, "- -");
	expect(&s, "round trip 25 ms");
	expect(&s, "138ms │ 13. ACK");
	keys(&s, "g");
	expect(&s, "step 1/19");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

START_TEST(fields_ciphertext_help_and_scenarios)
{
	struct session s;
	start(&s, 160, 48, seed_args());
	expect(&s, "step 1/");
	keys(&s, "n n n n n"); /* EncryptedExtensions, the first protected message */
	expect(&s, "{EncryptedExtensions}  (server -> client)");
	keys(&s, "Tab Enter");
	expect(&s, "▸ EncryptedExtensions");
	keys(&s, "Enter x");
	expect(&s, "record of {EncryptedExtensions}  (server -> client, ciphertext)");
	expect(&s, "authentication_tag");
	keys(&s, "x");
	expect(&s, "decrypted message (plaintext)");
	keys(&s, "?");
	expect(&s, "Keys (any key closes)");
	expect(&s, "n, Space, Right");
	keys(&s, "Escape");
	expect_gone(&s, "Keys (any key closes)");
	keys(&s, "s");
	expect(&s, "Scenarios, lessons, a capture (Enter runs, Esc closes)");
	/* Down to tls12-rsa, from tls13 (the first), and run it. */
	for (const struct scenario *sc = scenarios; strcmp(sc->name, "tls12-rsa") != 0; sc++)
		keys(&s, "j");
	keys(&s, "Enter");
	if (engine_unavailable_reason(scenario_find("tls12-rsa"))) {
		expect(&s, "tls12-rsa is unavailable");
		keys(&s, "Escape");
		expect_gone(&s, "Scenarios, lessons, a capture (Enter runs, Esc closes)");
	} else {
		expect(&s, "tls12-rsa: nothing negotiated yet");
		expect(&s, "step 1/20 client->server SYN");
		keys(&s, "G");
		expect(&s, "step 20/20");
		keys(&s, "r");
		expect(&s, "ran tls12-rsa again");
	}
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

START_TEST(resize_below_the_minimum_and_back)
{
	struct session s;
	start(&s, 100, 30, seed_args());
	expect(&s, "step 1/");
	keys(&s, "n n");
	run("tmux -L %s resize-window -t ui -x 60 -y 15", s.socket);
	expect(&s, "terminal too small (needs 80x24)");
	run("tmux -L %s resize-window -t ui -x 100 -y 30", s.socket);
	expect(&s, "step 3/");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* --ascii, and a locale that is not UTF-8 by itself, draw with ASCII only. */
START_TEST(ascii_without_asking_or_by_option)
{
	struct session s;
	char args[64];
	snprintf(args, sizeof(args), "%s %s", _i ? "--ascii" : "", seed_args());
	start_in(&s, _i ? "C.UTF-8" : "C", 100, 30, args);
	expect(&s, "step 1/");
	expect(&s, "+-----+----+");
	char *screen = capture(&s);
	ck_assert_ptr_null(strstr(screen, "│"));
	free(screen);
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* Colour, unless NO_COLOR says no; the screen says the same either way. */
START_TEST(no_color_turns_colour_off)
{
	struct session s;
	char args[64];
	snprintf(args, sizeof(args), "%s", seed_args());
	for (int no_color = 0; no_color < 2; no_color++) {
		start_in(&s, no_color ? "C.UTF-8 NO_COLOR=1" : "C.UTF-8", 100, 30, args);
		expect(&s, "step 1/");
		keys(&s, "n n n n");
		expect(&s, "step 5/");
		/* capture-pane -e keeps the escape sequences: SGR 3x sets a foreground colour. */
		char *screen = capture_with(&s, "-e");
		bool coloured = strstr(screen, "\033[36m") || strstr(screen, "\033[32m") ||
				strstr(screen, ";36m") || strstr(screen, ";32m");
		free(screen);
		ck_assert_msg(coloured == !no_color, "NO_COLOR=%d, colour seen: %d", no_color,
			      coloured);
		keys(&s, "q");
		ck_assert_int_eq(finish(&s), 0);
		forget_modes(&s);
	}
}
END_TEST

/* SGR sequences that set a foreground colour or dim the text. */
static bool colour_or_dim(const char *screen)
{
	return strstr(screen, "\033[36m") || strstr(screen, "\033[32m") || strstr(screen, ";36m") ||
	       strstr(screen, ";32m") || strstr(screen, "\033[2m") || strstr(screen, ";2m") ||
	       strstr(screen, "\033[2;");
}

/*
 * Nothing is dim (a projector loses it first); c switches to high contrast,
 * with no colour at all, and back.
 */
START_TEST(contrast_for_a_projector)
{
	struct session s;
	start(&s, 80, 24, seed_args());
	expect(&s, "step 1/");
	keys(&s, "n n n n");
	expect(&s, "step 5/");
	char *screen = capture_with(&s, "-e");
	ck_assert_msg(!strstr(screen, "\033[2m") && !strstr(screen, ";2m") &&
			      !strstr(screen, "\033[2;"),
		      "dim text on the screen");
	ck_assert_msg(colour_or_dim(screen), "no colour before c");
	free(screen);
	keys(&s, "c");
	expect(&s, "high contrast");
	screen = capture_with(&s, "-e");
	ck_assert_msg(!colour_or_dim(screen), "colour or dim in high contrast");
	free(screen);
	keys(&s, "c");
	expect(&s, "normal contrast");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* An unknown terminal type, and one that cannot place the cursor (dumb), are refused alike. */
START_TEST(unusable_term_is_a_clear_error)
{
	static const char *const terms[] = { "tlsviz-no-such-terminal", "dumb" };
	struct session s;
	char args[160], err_path[96], locale[96], want[160];
	snprintf(err_path, sizeof(err_path), "/tmp/tlsviz-test-term-%d", (int)getpid());
	snprintf(args, sizeof(args), "%s 2>%s", seed_args(), err_path);
	snprintf(locale, sizeof(locale), "C.UTF-8 TERM=%s", terms[_i]);
	start_in(&s, locale, 100, 30, args);
	ck_assert_int_eq(finish(&s), 2);
	forget_modes(&s);
	char *err = slurp(err_path);
	unlink(err_path);
	snprintf(want, sizeof(want),
		 "tlsviz: the terminal type '%s' is unusable here; to print the diagram instead, "
		 "use tlsviz --export text\n", terms[_i]);
	ck_assert_str_eq(err, want);
	free(err);
}
END_TEST

/*
 * The Linux console's terminal type: ncurses tries gpm for the mouse (and,
 * with no gpm, leaves 10 bytes the sanitizer build must not count).
 */
START_TEST(linux_console_starts_and_quits)
{
	struct session s;
	start_in(&s, "C.UTF-8 TERM=linux", 100, 30, seed_args());
	expect(&s, "step 1/");
	keys(&s, "n");
	expect(&s, "step 2/");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* Every fatal signal gives the terminal back, then tlsviz dies by that signal. */
START_TEST(fatal_signals_restore_the_terminal)
{
	static const int signals[] = { SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
	int sig = signals[_i];
	struct session s;
	start(&s, 100, 30, seed_args());
	pid_t pid = tlsviz_pid(&s);
	expect(&s, "step 1/");
	if (sig == SIGQUIT)
		keys(&s, "C-\\"); /* Ctrl-\ */
	else
		ck_assert_int_eq(kill(pid, sig), 0);
	int status = finish(&s);
	ck_assert_int_eq(status, 128 + sig);
	ck_assert_msg(s.modes && strstr(s.modes, " icanon") && strstr(s.modes, " echo "),
		      "after signal %d, modes: %s", sig, s.modes ? s.modes : "(none)");
	forget_modes(&s);
}
END_TEST

/* Whether `pid` has ended (a zombie waiting for its reaper has ended too). */
static bool process_gone(pid_t pid)
{
	if (kill(pid, 0) != 0)
		return true;
	char path[64], stat[256] = "";
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	size_t n = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	stat[n] = '\0';
	const char *end = strrchr(stat, ')');
	return !end || end[1] == '\0' || end[2] == 'Z' || end[2] == 'X';
}

/*
 * The terminal goes away while no SIGHUP reaches tlsviz: its parent ignored
 * HUP (the brief's reproducer; tlsviz catches HUP itself), or HUP is blocked
 * (it is never delivered: only the read that reports the hang-up can tell).
 * Either way tlsviz ends within a bound instead of polling a dead terminal.
 */
START_TEST(hang_up_ends_the_viewer)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_ptr_nonnull(bin);
	struct session s = { .modes = NULL };
	snprintf(s.socket, sizeof(s.socket), "tlsviz-test-%d", (int)getpid());
	snprintf(s.exit_file, sizeof(s.exit_file), "/tmp/tlsviz-test-exit-%d", (int)getpid());
	char wrapper[96], pid_path[96];
	snprintf(wrapper, sizeof(wrapper), "/tmp/tlsviz-test-nohup-%d", (int)getpid());
	snprintf(pid_path, sizeof(pid_path), "%s.pid", s.exit_file);
	unlink(pid_path);
	FILE *f = fopen(wrapper, "w");
	ck_assert_ptr_nonnull(f);
	fputs("use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)); exec @ARGV;\n", f);
	fclose(f);
	if (_i == 0)
		ck_assert_int_eq(run("tmux -u -L %s new-session -d -s ui -x 100 -y 30 "
				     "\"sh -c \\\"trap '' HUP; echo \\\\\\$\\\\\\$ > %s; "
				     "LANG=C.UTF-8 exec %s %s\\\"\"",
				     s.socket, pid_path, bin, seed_args()),
				 0);
	else
		ck_assert_int_eq(run("tmux -u -L %s new-session -d -s ui -x 100 -y 30 "
				     "\"echo \\$\\$ > %s; LANG=C.UTF-8 exec perl %s %s %s\"",
				     s.socket, pid_path, wrapper, bin, seed_args()),
				 0);
	pid_t pid = tlsviz_pid(&s);
	expect(&s, "step 1/");
	end_session(&s);
	bool gone = false;
	for (long waited = 0; waited <= WAIT_MS && !gone; waited += 50) {
		gone = process_gone(pid);
		if (!gone)
			sleep_ms(50);
	}
	if (!gone)
		kill(pid, SIGKILL);
	unlink(wrapper);
	unlink(pid_path);
	ck_assert_msg(gone, "tlsviz (pid %d) still runs after its terminal went away",
		      (int)pid);
}
END_TEST

START_TEST(signal_restores_the_terminal)
{
	struct session s;
	start(&s, 100, 30, seed_args());
	expect(&s, "step 1/");
	keys(&s, "C-c");
	/* SIGINT: tlsviz ends as the signal says (128 + 2), the terminal cooked again. */
	int status = finish(&s);
	ck_assert_int_eq(status, 130);
	ck_assert_msg(strstr(s.modes, " icanon") && strstr(s.modes, " echo "), "modes: %s",
		      s.modes);
	forget_modes(&s);
}
END_TEST

START_TEST(lesson_narrates_the_steps)
{
	struct session s;
	char args[512];
	snprintf(args, sizeof(args), "--lesson %s/lessons/tls12-rsa.lesson %s", TLSVIZ_SOURCE_DIR,
		 seed_args());
	if (engine_unavailable_reason(scenario_find("tls12-rsa"))) {
		start(&s, 120, 40, args);
		expect(&s, "scenario 'tls12-rsa' is unavailable"); /* said, then it leaves */
		ck_assert_int_eq(finish(&s), 2);
		forget_modes(&s);
		return;
	}
	start(&s, 120, 40, args);
	expect(&s, "Lesson: The classic TLS 1.2 handshake");
	expect(&s, "This is the handshake most diagrams of TLS show");
	keys(&s, "n n n");
	expect(&s, "The client opens the handshake");
	keys(&s, "Tab j j j j");
	expect(&s, "Both randoms feed the key block");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/*
 * A narration longer than its pane (the key schedule's, at 80x24, with this
 * run's values) says so, and l shows it whole.
 */
START_TEST(long_narration_reads_whole)
{
	if (engine_unavailable_reason(scenario_find("tls13")))
		return;
	struct session s;
	char args[512];
	snprintf(args, sizeof(args), "--lesson %s/lessons/key-schedule.lesson %s",
		 TLSVIZ_SOURCE_DIR, seed_args());
	start(&s, 80, 24, args);
	expect(&s, "more rows (l: read it all)");
	keys(&s, "l");
	expect(&s, "Lesson (any key closes)");
	expect(&s, "run the lesson again and they change;"); /* its last paragraph */
	keys(&s, "x");
	expect_gone(&s, "Lesson (any key closes)");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

START_TEST(quiz_flow)
{
	struct session s;
	char args[64];
	snprintf(args, sizeof(args), "--quiz %s", seed_args());
	start(&s, 120, 40, args);
	expect(&s, "step 1/19");
	/* TCP is not asked (t would add it), nor the first ClientHello. */
	keys(&s, "n n n");
	expect(&s, "step 4/19");
	keys(&s, "n");
	expect(&s, "What does the server send next?");
	expect(&s, "Quiz (answer with a number; Esc: later)");
	expect(&s, "step 4/19"); /* the next step stays hidden while the student answers */
	keys(&s, "1");
	expect(&s, "of 1 so far)"); /* right or not, one question was asked */
	keys(&s, "Space");
	expect(&s, "step 5/19");
	/* A click on a blank row of the diagram (X10 mouse: press, release at 10,30) and G. */
	run("tmux -L %s send-keys -t ui -H 1b 5b 4d 20 2b 3f 1b 5b 4d 23 2b 3f", s.socket);
	keys(&s, "G");
	expect(&s, "send next?");
	expect(&s, "step 5/19");
	keys(&s, "Escape");
	expect_gone(&s, "send next?");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* Every row tmux shows is within the terminal's width (by display width): nothing pushed right. */
static void expect_rows_fit(struct session *s, size_t width)
{
	char *screen = capture(s);
	for (char *line = strtok(screen, "\n"); line; line = strtok(NULL, "\n"))
		if (text_width(line) > width) {
			end_session(s);
			ck_abort_msg("a row is %zu columns: %s", text_width(line), line);
		}
	free(screen);
}

/* A lesson in CJK and emoji: the narration and the quiz dialog keep their columns on screen. */
START_TEST(wide_characters_on_screen)
{
	char path[96];
	snprintf(path, sizeof(path), "/tmp/tlsviz-test-wide-%d.lesson", (int)getpid());
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("title: \u6f22\u5b57\nscenario: tls13\nintro:\n   ", f);
	for (int i = 0; i < 40; i++)
		fputs(" \u6f22\u5b57\u6f22\u5b57\U0001f600", f);
	fputs("\nquiz after SYN:\n    ? \u6b21\u306f? \U0001f600\n    + SYN ACK \u6f22\u5b57\n"
	      "    - ACK \U0001f600\U0001f600\n    = \u8aac\u660e.\n", f);
	fclose(f);
	struct session s;
	char args[256];
	snprintf(args, sizeof(args), "--lesson %s --quiz %s", path, seed_args());
	start(&s, 100, 30, args);
	expect(&s, "\u6f22\u5b57\u6f22\u5b57\U0001f600 \u6f22");
	expect_rows_fit(&s, 100);
	keys(&s, "n");
	expect(&s, "SYN ACK \u6f22\u5b57");
	expect_rows_fit(&s, 100);
	/* Esc and a key at once would be Alt and that key: the dialog goes first. */
	keys(&s, "Escape");
	expect_gone(&s, "SYN ACK \u6f22\u5b57");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
	unlink(path);
}
END_TEST

/* --compare: both diagrams side by side, a round trip at a time, with the timeline. */
/* m: the math of the selected step at 80x24, scrolled a page at a time, then closed. */
START_TEST(math_of_a_step_scrolls)
{
	struct session s;
	start(&s, 80, 24, seed_args());
	expect(&s, "step 1/19");
	keys(&s, "n n n n m");
	expect(&s, "Math of this step, lines 1-");
	expect(&s, "Commands are cut to fit: e and a .md name export them whole.");
	if (strstr(engine_wolfssl_description(), "both sides'")) {
		/* Both private keys come first, each public key computed from its own. */
		expect(&s, "client ephemeral private key");
		keys(&s, "PgDn");
		expect(&s, "lines 11-");
		expect(&s, "ecdhe_shared_secret");
		keys(&s, "PgDn PgDn");
	} else {
		expect(&s, "ecdhe_shared_secret");
	}
	expect(&s, "HKDF-Extract(salt = 0 (zeros), IKM = 0 (zeros))");
	keys(&s, "g PgDn");
	expect(&s, "lines 11-");
	keys(&s, "G");
	expect(&s, "server_handshake_write_iv");
	expect_gone(&s, "lines 11-");
	keys(&s, "g");
	expect(&s, "lines 1-");
	keys(&s, "Escape");
	expect_gone(&s, "Math of this step");
	expect(&s, "step 5/19");
	/* A TCP segment computes nothing, and says so. */
	keys(&s, "g m");
	expect(&s, "A TCP segment: nothing is computed at this step.");
	keys(&s, "m q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

START_TEST(compare_steps_by_round_trip)
{
	struct session s;
	char args[512];
	snprintf(args, sizeof(args), "--compare tls12-ecdhe,tls13 --rtt 40 %s", seed_args());
	start(&s, 120, 40, args);
	expect(&s, "tls12-ecdhe beside tls13, aligned by round trip (40 ms)");
	expect(&s, "round trip 1/");
	expect(&s, "client data: tls12-ecdhe after 3 RTT, tls13 after 2 RTT");
	keys(&s, "n n");
	expect(&s, "round trip 3/");
	expect(&s, "round trip 3 (80ms-120ms)");
	keys(&s, "?");
	expect(&s, "next round trip");
	keys(&s, "p");
	expect(&s, "round trip 2/");
	keys(&s, "+");
	expect(&s, "aligned by round trip (80 ms)");
	expect(&s, "round trip 1/");
	/* Esc, a key with Alt and a sequence curses does not know are no reason to leave. */
	keys(&s, "n");
	expect(&s, "round trip 2/");
	keys(&s, "Escape M-a");
	run("tmux -L %s send-keys -t ui -H 1b 5b 39 39 7e", s.socket); /* ESC [ 9 9 ~ */
	keys(&s, "n");
	expect(&s, "round trip 3/");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/* A comparison wider than the terminal says how wide it must be. */
/* The scenarios a class steps through, at the sizes it projects them at. */
static const char *const classroom[] = {
	"tls12-rsa", "tls13", "tls13-hrr", "tls13-resume", "tls13-0rtt", "fail-hostname",
	"tamper-record",
};

/*
 * The help's box is whole: its rows between the corners start and end with
 * the border at the same columns, so nothing behind it shows through.
 */
static void expect_whole_box(struct session *s, const char *what)
{
	char *screen = capture(s);
	char *top = strstr(screen, "┌─[");
	ck_assert_msg(top, "%s: no box:\n%s", what, screen);
	char *row = top;
	while (row > screen && row[-1] != '\n')
		row--;
	/* Columns, not bytes: the row up to the corner, by display width. */
	char prefix[512];
	snprintf(prefix, sizeof(prefix), "%.*s", (int)(top - row), row);
	size_t left = text_width(prefix);
	size_t rows = 0;
	for (char *line = strtok(row, "\n"); line; line = strtok(NULL, "\n")) {
		/* The character at column `left`: the box's left border, row after row. */
		size_t col = 0;
		const char *p = line, *at = NULL;
		while (*p && col <= left) {
			int w;
			size_t n = text_char(p, strlen(p), &w);
			if (col == left)
				at = p;
			col += w > 0 ? (size_t)w : 1;
			p += n;
		}
		ck_assert_msg(at && (!strncmp(at, "│", 3) || !strncmp(at, "┌", 3) ||
				     !strncmp(at, "└", 3)),
			      "%s: row %zu does not start with the border: %s", what, rows, line);
		rows++;
		if (!strncmp(at, "└", 3))
			break;
	}
	ck_assert_uint_gt(rows, 3);
	free(screen);
}

/*
 * Every step of each classroom scenario, at 80x24 and 120x35, as a class
 * sees it: every row within the screen, the status line's news whole (the
 * step first), nothing negotiated shown before the first ServerHello,
 * "Finished verified" only after two Finished messages, a failure's banner
 * on its last step; the help's box whole on top of it all.
 */
START_TEST(classroom_steps_every_scenario)
{
	const char *name = classroom[_i / 2];
	int width = _i % 2 ? 120 : 80, height = _i % 2 ? 35 : 24;
	if (engine_unavailable_reason(scenario_find(name)))
		return;
	struct session s;
	char args[256];
	snprintf(args, sizeof(args), "-s %s %s", name, seed_args());
	start(&s, width, height, args);
	expect(&s, "step 1/");
	char *screen = capture(&s);
	const char *at = strstr(screen, "step 1/");
	ck_assert_ptr_nonnull(at);
	unsigned count = (unsigned)strtoul(at + 7, NULL, 10);
	free(screen);
	ck_assert_uint_gt(count, 5);
	bool hello = false;
	unsigned finished = 0;
	for (unsigned i = 1; i <= count; i++) {
		char want[64];
		snprintf(want, sizeof(want), "step %u/%u ", i, count);
		if (i > 1)
			keys(&s, "n");
		expect(&s, want);
		expect_rows_fit(&s, (size_t)width);
		screen = capture_with(&s, "-J");
		const char *status = strstr(screen, want);
		hello |= strstr(status, "server->client ServerHello") ||
			 strstr(status, "server->client HelloRetryRequest");
		finished += strstr(status, "Finished}") || strstr(status, "Finished]");
		if (!hello)
			ck_assert_msg(strstr(status, "nothing negotiated yet"), "%s %s: %s", name,
				      want, status);
		if (strstr(status, "Finished verified"))
			ck_assert_msg(finished >= 2, "%s %s: %s", name, want, status);
		if (i == count && strstr(name, "fail") == name)
			ck_assert_msg(strstr(status, "sent alert") ||
					      strstr(status, "no alert crossed the wire"),
				      "%s: no banner: %s", name, status);
		if (i < count)
			ck_assert_msg(!strstr(status, "as designed"), "%s %s spoils the end: %s",
				      name, want, status);
		free(screen);
	}
	keys(&s, "?");
	expect(&s, "[ Keys");
	expect_whole_box(&s, name);
	keys(&s, "Escape");
	expect_gone(&s, "[ Keys");
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

/*
 * At 80 columns, too narrow for the two side by side, the comparison stacks
 * them a round trip at a time, each line tagged with its run; the top row
 * says which tag is which scenario, also after scrolling, and the row below
 * names the lifelines. Wider, the top row names the left and right columns.
 */
START_TEST(compare_stacks_at_80_columns)
{
	struct session s;
	char args[512];
	snprintf(args, sizeof(args), "--compare tls12-ecdhe,tls13 %s", seed_args());
	start(&s, 80, 24, args);
	expect(&s, "A = tls12-ecdhe, B = tls13 (one after the other");
	keys(&s, "n n n");
	expect(&s, "round trip 4/");
	char *screen = capture(&s);
	ck_assert_msg(strncmp(screen, "A = tls12-ecdhe, B = tls13", 26) == 0, "%s", screen);
	ck_assert_ptr_nonnull(strstr(screen, "\nA "));
	ck_assert_ptr_nonnull(strstr(screen, "\nB "));
	ck_assert_ptr_null(strstr(screen, "too small"));
	/* Scrolled past the boxes, the second row still names the lifelines. */
	const char *second = strchr(screen, '\n') + 1;
	ck_assert_msg(strncmp(second, "  │  Client  │", strlen("  │  Client  │")) == 0, "%s", screen);
	free(screen);
	expect_rows_fit(&s, 80);
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
	start(&s, 100, 24, args);
	expect(&s, "right: tls13");
	keys(&s, "PgDn PgDn");
	screen = capture(&s);
	ck_assert_msg(strncmp(screen, "left: tls12-ecdhe", 17) == 0 && strstr(screen, "right: tls13"),
		      "%s", screen);
	second = strchr(screen, '\n') + 1;
	ck_assert_msg(strncmp(second, "│  Client  │", strlen("│  Client  │")) == 0 &&
			      strstr(second, "Server  │      │  Client"),
		      "%s", screen);
	free(screen);
	keys(&s, "q");
	ck_assert_int_eq(finish(&s), 0);
	forget_modes(&s);
}
END_TEST

START_TEST(no_terminal_is_a_clear_error)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_ptr_nonnull(bin);
	char command[512];
	snprintf(command, sizeof(command), "%s > /dev/null 2>/tmp/tlsviz-test-notty-%d; echo $?",
		 bin, (int)getpid());
	FILE *p = popen(command, "r");
	int status = -1;
	ck_assert_int_eq(fscanf(p, "%d", &status), 1);
	pclose(p);
	ck_assert_int_eq(status, 2);
	char path[64], err[512] = "";
	snprintf(path, sizeof(path), "/tmp/tlsviz-test-notty-%d", (int)getpid());
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(err, sizeof(err), f));
	fclose(f);
	unlink(path);
	ck_assert_ptr_nonnull(strstr(err, "tlsviz: the viewer needs a terminal"));
	ck_assert_ptr_nonnull(strstr(err, "--export text"));
}
END_TEST

Suite *tmux_suite(void)
{
	Suite *s = suite_create("tmux");
	TCase *tc = tcase_create("viewer");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, step_through_a_handshake);
	tcase_add_test(tc, fields_ciphertext_help_and_scenarios);
	tcase_add_test(tc, resize_below_the_minimum_and_back);
	tcase_add_loop_test(tc, ascii_without_asking_or_by_option, 0, 2);
	tcase_add_test(tc, no_color_turns_colour_off);
	tcase_add_test(tc, contrast_for_a_projector);
	tcase_add_loop_test(tc, unusable_term_is_a_clear_error, 0, 2);
	tcase_add_test(tc, signal_restores_the_terminal);
	tcase_add_loop_test(tc, fatal_signals_restore_the_terminal, 0, 6);
	tcase_add_test(tc, linux_console_starts_and_quits);
	tcase_add_test(tc, wide_characters_on_screen);
	tcase_add_loop_test(tc, hang_up_ends_the_viewer, 0, 2);
	tcase_add_test(tc, lesson_narrates_the_steps);
	tcase_add_test(tc, long_narration_reads_whole);
	tcase_add_test(tc, quiz_flow);
	tcase_add_test(tc, no_terminal_is_a_clear_error);
	tcase_add_test(tc, math_of_a_step_scrolls);
	tcase_add_test(tc, compare_steps_by_round_trip);
	tcase_add_test(tc, compare_stacks_at_80_columns);
	tcase_add_loop_test(tc, classroom_steps_every_scenario, 0,
			    (int)(sizeof(classroom) / sizeof(classroom[0]) * 2));
	suite_add_tcase(s, tc);
	return s;
}
