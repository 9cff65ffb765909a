/*
 * The curses side: set the terminal up, paint the screen model, read keys and
 * the mouse, and give the terminal back as it was, whatever happens.
 */
#include "ui/ui.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ui/screen.h"
#include "ui/view.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

/* Last: its macros (lines, columns...) would rename the project headers' fields. */
#include <term.h>

/* How often the loop wakes without a key, to notice a signal. */
#define TICK_MS 200

/* Reads that return nothing this often in a row, each in much less than a tick: a dead tty. */
#define HUNG_UP_READS 20
#define KEY_ESC 27
#define NO_KEY (-2) /* read_key() dropped what came: nothing to do */

static volatile sig_atomic_t stop_signal;
static bool curses_on;

/*
 * What a fatal signal's handler writes and sets to give the terminal back:
 * it cannot call endwin() (not async-signal-safe), so the modes from before
 * curses and the bytes that leave its screen modes are kept ready.
 */
static struct termios shell_modes;
static bool have_shell_modes;
static char leave_bytes[256];
static size_t leave_len;

static const int fatal_signals[] = { SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* Gives the terminal back with async-signal-safe calls, then dies by `sig` (reset by SA_RESETHAND). */
static void on_fatal_signal(int sig)
{
	if (curses_on) {
		ssize_t ignored = write(STDOUT_FILENO, leave_bytes, leave_len);
		(void)ignored;
		if (have_shell_modes)
			tcsetattr(STDIN_FILENO, TCSANOW, &shell_modes);
	}
	raise(sig); /* blocked while the handler runs: delivered, by default, on return */
}

/* Appends `seq` to what a fatal signal writes (NULL: the terminal has no such string). */
static void keep_leave_bytes(const char *seq)
{
	if (!seq || seq == (char *)-1)
		return;
	size_t n = strlen(seq);
	if (leave_len + n <= sizeof(leave_bytes)) {
		memcpy(leave_bytes + leave_len, seq, n);
		leave_len += n;
	}
}

/* Restores the terminal; safe to call twice, and from atexit. */
static void restore_terminal(void)
{
	if (curses_on) {
		curses_on = false;
		endwin();
	}
}

enum color_pair {
	PAIR_CLIENT = 1,
	PAIR_SERVER,
	PAIR_TCP,
	PAIR_PROTECTED,
	PAIR_ALERT,
	PAIR_FOCUS,
	PAIR_MARKED,
};

static void init_colors(void)
{
	start_color();
	use_default_colors();
	init_pair(PAIR_CLIENT, COLOR_CYAN, -1);
	init_pair(PAIR_SERVER, COLOR_GREEN, -1);
	init_pair(PAIR_TCP, COLOR_YELLOW, -1);
	init_pair(PAIR_PROTECTED, COLOR_MAGENTA, -1);
	init_pair(PAIR_ALERT, COLOR_RED, -1);
	init_pair(PAIR_FOCUS, COLOR_BLUE, -1);
	init_pair(PAIR_MARKED, COLOR_BLACK, COLOR_YELLOW);
}

/*
 * The attributes of each style: marks and weights carry the meaning, colour
 * adds to it. Nothing is dim: a washed-out projector loses dim text first.
 * The high-contrast theme (for projectors) drops colour and makes all text
 * bold, the marked styles reversed.
 */
static attr_t style_attr(int style, bool color, bool contrast)
{
	static const struct {
		attr_t attr, contrast;
		short pair;
	} styles[STYLE_COUNT] = {
		[STYLE_PLAIN] = { A_NORMAL, A_BOLD, 0 },
		[STYLE_TITLE] = { A_BOLD, A_BOLD | A_UNDERLINE, 0 },
		[STYLE_LANE] = { A_NORMAL, A_BOLD, 0 },
		[STYLE_CLIENT] = { A_NORMAL, A_BOLD, PAIR_CLIENT },
		[STYLE_SERVER] = { A_NORMAL, A_BOLD, PAIR_SERVER },
		[STYLE_TCP] = { A_NORMAL, A_BOLD, PAIR_TCP },
		[STYLE_PROTECTED] = { A_BOLD, A_BOLD, PAIR_PROTECTED },
		[STYLE_ALERT] = { A_BOLD, A_BOLD | A_UNDERLINE, PAIR_ALERT },
		[STYLE_BRACKET] = { A_NORMAL, A_BOLD, 0 },
		[STYLE_NOTE] = { A_NORMAL, A_BOLD, 0 },
		[STYLE_FRAME] = { A_NORMAL, A_BOLD, 0 },
		[STYLE_FOCUS] = { A_BOLD, A_BOLD | A_UNDERLINE, PAIR_FOCUS },
		[STYLE_CURRENT] = { A_REVERSE | A_BOLD, A_REVERSE | A_BOLD, 0 },
		[STYLE_SELECTED] = { A_REVERSE, A_REVERSE | A_BOLD, 0 },
		[STYLE_MARKED] = { A_REVERSE | A_UNDERLINE, A_REVERSE | A_BOLD | A_UNDERLINE,
				   PAIR_MARKED },
		[STYLE_STATUS] = { A_REVERSE, A_REVERSE | A_BOLD, 0 },
		[STYLE_DIALOG] = { A_BOLD, A_BOLD, 0 },
	};
	if (contrast)
		return styles[style].contrast;
	attr_t a = styles[style].attr;
	if (color && styles[style].pair)
		a |= COLOR_PAIR(styles[style].pair);
	return a;
}

/* Paints the screen model, a run of same-styled cells at a time. */
static void paint(const struct screen *s, bool color)
{
	char run[4096];
	erase();
	for (int y = 0; y < s->height; y++) {
		int x = 0;
		while (x < s->width) {
			int style = s->cells[(size_t)y * (size_t)s->width + (size_t)x].style, start = x;
			size_t used = 0, last = 0; /* where the run's last character starts */
			while (x < s->width && s->cells[(size_t)y * (size_t)s->width + (size_t)x].style ==
						       style) {
				const char *t = s->cells[(size_t)y * (size_t)s->width + (size_t)x].text;
				size_t n = strlen(t);
				if (used + n >= sizeof(run))
					break;
				if (n)
					last = used;
				memcpy(run + used, t, n);
				used += n;
				x++;
			}
			run[used] = '\0';
			attrset(style_attr(style, color, s->contrast));
			/* The bottom-right cell cannot be written without scrolling: stop short. */
			if (y == s->height - 1 && x == s->width && used)
				run[last] = '\0';
			mvaddstr(y, start, run);
		}
	}
	attrset(A_NORMAL);
	if (s->cursor_x >= 0) {
		curs_set(1);
		move(s->cursor_y, s->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* A mouse event: a click selects, the wheel steps (diagram) or moves (other panes). */
static int mouse(struct view *v, const struct screen *s)
{
	MEVENT e;
	if (getmouse(&e) != OK || v->dialog != DIALOG_NONE || s->too_small)
		return 0;
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct rect *r = &s->panes[p];
		if (e.x < r->x || e.x >= r->x + r->w || e.y < r->y || e.y >= r->y + r->h)
			continue;
		if (e.bstate & BUTTON4_PRESSED) {
			v->focus = (enum pane)p;
			return view_act(v, ACTION_UP);
		}
		if (e.bstate & (BUTTON5_PRESSED | REPORT_MOUSE_POSITION)) {
			v->focus = (enum pane)p;
			return view_act(v, ACTION_DOWN);
		}
		if (e.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED))
			return view_click(v, (enum pane)p, v->scroll[p] + (size_t)(e.y - r->y));
	}
	return 0;
}

/* Whether the viewer has a terminal; says what to do instead when not. */
static bool have_terminal(void)
{
	if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
		return true;
	fprintf(stderr, "tlsviz: the viewer needs a terminal; to print the diagram instead, "
			"use tlsviz --export text\n");
	return false;
}

/*
 * Takes the terminal: curses, keys, mouse, colours (unless `no_color`), and
 * the signals that must give it back. NULL, having said why, when the
 * terminal type is unusable.
 */
static SCREEN *terminal_begin(bool no_color, bool *color)
{
	/* A type terminfo lacks, and one that cannot move the cursor (dumb), are refused alike. */
	have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
	int err = 0;
	bool usable = setupterm(NULL, STDOUT_FILENO, &err) == OK;
	if (usable) {
		const char *cup = tigetstr("cup");
		usable = cup && cup != (char *)-1;
		del_curterm(cur_term);
	}
	SCREEN *term = usable ? newterm(NULL, stdout, stdin) : NULL;
	if (!term) {
		fprintf(stderr, "tlsviz: the terminal type '%s' is unusable here; to print the "
				"diagram instead, use tlsviz --export text\n",
			getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	curses_on = true;
	atexit(restore_terminal);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* The others end the process at once: the handler gives the terminal back first. */
	leave_len = 0;
	static const char *const leave_caps[] = { "sgr0", "cnorm", "rmkx", "rmcup" };
	for (size_t i = 0; i < sizeof(leave_caps) / sizeof(leave_caps[0]); i++)
		keep_leave_bytes(tigetstr(leave_caps[i]));
	/* An xterm-like mouse (ncurses turned it on with ESC [ ? 1000 h) is turned off. */
	const char *kmous = tigetstr("kmous");
	if (kmous && kmous != (char *)-1 && !strncmp(kmous, "\033[", 2))
		keep_leave_bytes("\033[?1000l\033[?1006l");
	struct sigaction fatal;
	memset(&fatal, 0, sizeof(fatal));
	fatal.sa_handler = on_fatal_signal;
	fatal.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &fatal, NULL);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(TICK_MS);
	/*
	 * Under TERM=linux, ncurses loads libgpm here, which keeps 10 bytes and is
	 * unloaded again when no gpm runs: LeakSanitizer's stack then ends in an
	 * unknown module that tests/lsan.supp cannot name, so the sanitizer build
	 * ignores what this one call allocates.
	 */
#ifdef __SANITIZE_ADDRESS__
	__lsan_disable();
#endif
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
#ifdef __SANITIZE_ADDRESS__
	__lsan_enable();
#endif
	mouseinterval(0);
	const char *no_color_env = getenv("NO_COLOR");
	*color = !no_color && !(no_color_env && *no_color_env) && has_colors();
	if (*color)
		init_colors();
	return term;
}

/* Gives the terminal back. */
static void terminal_end(SCREEN *term)
{
	restore_terminal();
	delscreen(term);
}

/* After a signal (or a hang-up taken for one), leaves as the signal would have. */
static void reraise_signal(void)
{
	if (stop_signal) {
		/* The terminal is already ours again; a hang-up's SIGHUP may have been blocked. */
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, (int)stop_signal);
		signal((int)stop_signal, SIG_DFL);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise((int)stop_signal);
	}
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Whether the terminal has gone (a hang-up that sent no SIGHUP, or one that
 * was blocked): poll says so, or reads keep returning nothing at once
 * instead of after a tick. `quick` counts those reads.
 */
static bool terminal_gone(long waited_ms, unsigned *quick)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	*quick = waited_ms < TICK_MS / 2 ? *quick + 1 : 0;
	return *quick >= HUNG_UP_READS;
}

/*
 * The next key. A sequence curses does not know (Alt-a, Home under some
 * TERMs) arrives as Esc and the rest at once: it is dropped, not taken for
 * Esc and keys. ERR when no key came within a tick.
 */
static int read_key(void)
{
	int ch = getch();
	if (ch != KEY_ESC)
		return ch;
	timeout(0);
	int next = getch();
	if (next == '[' || next == 'O') {
		/* CSI: parameter and intermediate bytes, then a final byte; SS3: one final byte. */
		bool csi = next == '[';
		for (int n = 0; n < 32; n++) {
			int c = getch();
			if (c == ERR || !csi || (c >= 0x40 && c <= 0x7e))
				break;
		}
	}
	timeout(TICK_MS);
	return next == ERR ? KEY_ESC : NO_KEY;
}

/*
 * The loop of a screen: draw it when asked, wait (a tick at a time, to
 * notice signals) for a key, hand the key over; until a key says QUIT.
 */
struct screen_loop {
	void (*draw)(void *ctx, struct screen *s);
	int (*key)(void *ctx, const struct screen *s, int ch); /* HANDLED, REDRAW, QUIT bits */
	void *ctx;
	bool color;
};

static void run_loop(const struct screen_loop *l)
{
	struct screen s;
	memset(&s, 0, sizeof(s));
	int flags = REDRAW;
	unsigned quick = 0;
	while (!stop_signal) {
		if (flags & REDRAW) {
			l->draw(l->ctx, &s);
			paint(&s, l->color);
		}
		long asked = now_ms();
		int ch = read_key();
		flags = 0;
		if (ch == ERR && terminal_gone(now_ms() - asked, &quick))
			stop_signal = SIGHUP; /* leave as the hang-up's signal would have made us */
		if (ch == ERR || ch == NO_KEY)
			continue;
		quick = 0;
		/* Enter comes as '\r' with nonl(). */
		flags = ch == KEY_RESIZE ? REDRAW : l->key(l->ctx, &s, ch == '\r' ? '\n' : ch);
		if (flags & QUIT)
			break;
	}
	screen_release(&s);
}

static void draw_compare(void *ctx, struct screen *s)
{
	compare_view_fit(ctx, COLS > 0 ? (size_t)COLS : 0);
	screen_draw_compare(s, ctx, COLS, LINES);
}

static int compare_key(void *ctx, const struct screen *s, int ch)
{
	(void)s;
	if (ch == KEY_MOUSE)
		return 0;
	/* The rows of diagram: the top row names the runs, the bottom one is the status. */
	return compare_view_act(ctx, action_for_key(ch), LINES > 2 ? (size_t)LINES - 2 : 1);
}

int ui_compare(struct trace *a, struct trace *b, const struct ui_options *opts)
{
	if (!have_terminal())
		return 2;
	setlocale(LC_ALL, "");
	bool ascii = opts->ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	struct compare_view c;
	compare_view_open(&c, a, b, ascii);
	bool color;
	SCREEN *term = terminal_begin(opts->ascii, &color);
	if (!term) {
		compare_view_release(&c);
		return 2;
	}
	run_loop(&(struct screen_loop){ draw_compare, compare_key, &c, color });
	terminal_end(term);
	compare_view_release(&c);
	reraise_signal();
	return 0;
}

static void draw_view(void *ctx, struct screen *s)
{
	screen_draw(s, ctx, COLS, LINES);
}

static int view_key(void *ctx, const struct screen *s, int ch)
{
	struct view *v = ctx;
	if (ch == KEY_MOUSE)
		return mouse(v, s);
	/* A prompt takes the characters typed; otherwise a key is an action. */
	if (v->dialog == DIALOG_EXPORT || v->dialog == DIALOG_SEARCH || v->dialog == DIALOG_GOTO ||
	    v->dialog == DIALOG_QUIZ || v->dialog == DIALOG_OPEN)
		return view_type(v, ch);
	return view_act(v, action_for_key(ch));
}

static int show_view(struct view *v, const struct ui_options *opts);

int ui_run(const struct ui_options *opts)
{
	if (!have_terminal())
		return 2;
	setlocale(LC_ALL, "");
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	struct view v;
	memset(&v, 0, sizeof(v));
	v.ascii = opts->ascii || !utf8;
	v.run_options = (struct engine_options){ .seeded = opts->seeded, .seed = opts->seed };
	v.rtt_ms = opts->rtt_ms;
	v.lesson = opts->lesson;
	v.quiz_mode = !opts->quiz ? QUIZ_OFF : opts->lesson ? QUIZ_LESSON : QUIZ_DRILL;
	if (view_open(&v, opts->scenario) != 0) {
		fprintf(stderr, "tlsviz: %s\n", v.message);
		view_release(&v);
		return 1;
	}

	return show_view(&v, opts);
}

/* Runs the viewer on `v`, ready with its trace, until the user quits; releases it. */
static int show_view(struct view *v, const struct ui_options *opts)
{
	SCREEN *term = terminal_begin(opts->ascii, &v->color);
	if (!term) {
		view_release(v);
		return 2;
	}

	run_loop(&(struct screen_loop){ draw_view, view_key, v, v->color });
	terminal_end(term);
	view_release(v);
	reraise_signal();
	return 0;
}

int ui_open(const struct ui_options *opts, const struct opened_traces *traces, size_t first)
{
	if (!have_terminal())
		return 2;
	setlocale(LC_ALL, "");
	struct view v;
	memset(&v, 0, sizeof(v));
	v.ascii = opts->ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	v.opened = traces;
	view_show_opened(&v, first < traces->count ? first : 0);
	if (first >= traces->count)
		v.dialog = DIALOG_SCENARIOS;
	return show_view(&v, opts);
}
