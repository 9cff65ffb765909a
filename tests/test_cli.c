/*
 * The command line as users and scripts meet it: errors, exit statuses,
 * files written whole or not at all, and the diagrams against golden files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "suites.h"

extern char **environ;

struct result {
	int status;
	struct buf out, err; /* NUL-terminated */
};

static void read_file(const char *path, struct buf *b)
{
	ck_assert_msg(read_whole_file(path, b), "cannot open %s", path);
}

/*
 * Starts tlsviz with the NULL-terminated `args`, its standard output on
 * `out_fd` and its errors on `err_fd`, with the signals a shell would give
 * it: none blocked, SIGPIPE and the fatal ones at their default actions.
 */
static pid_t spawn_tlsviz(const char *const *args, int out_fd, int err_fd)
{
	const char *bin = getenv("TLSVIZ");
	ck_assert_msg(bin != NULL, "TLSVIZ must name the binary under test");
	char *argv[32];
	size_t n = 0;
	argv[n++] = (char *)bin;
	for (; args[n - 1]; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
	posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	ck_assert_int_eq(posix_spawn(&pid, bin, &actions, &attr, argv, environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	return pid;
}

/*
 * Runs tlsviz with `args` to its end, capturing its errors, and its output
 * too when `out_fd` is -1 (else the output goes to `out_fd`).
 */
static struct result tlsviz_to(const char *const *args, int out_fd)
{
	char out_path[] = "/tmp/tlsviz-test-out.XXXXXX", err_path[] = "/tmp/tlsviz-test-err.XXXXXX";
	int captured = mkstemp(out_path), err_fd = mkstemp(err_path);
	ck_assert(captured >= 0 && err_fd >= 0);
	pid_t pid = spawn_tlsviz(args, out_fd >= 0 ? out_fd : captured, err_fd);
	int wstatus;
	pid_t waited = waitpid(pid, &wstatus, 0);
	struct result r = { .status = WEXITSTATUS(wstatus) };
	read_file(out_path, &r.out);
	read_file(err_path, &r.err);
	close(captured);
	close(err_fd);
	unlink(out_path);
	unlink(err_path);
	ck_assert_int_eq(waited, pid);
	ck_assert_msg(WIFEXITED(wstatus), "%s: killed by signal %d", args[0], WTERMSIG(wstatus));
	return r;
}

/* Runs tlsviz with the NULL-terminated `args`, capturing both output streams. */
static struct result tlsviz(const char *const *args)
{
	return tlsviz_to(args, -1);
}

static void result_release(struct result *r)
{
	buf_release(&r->out);
	buf_release(&r->err);
}

/* Bad usage: exit status 2, nothing on stdout, one line on stderr that starts "tlsviz: ". */
static void expect_usage_error(const char *const *args, const char *needle)
{
	struct result r = tlsviz(args);
	const char *err = (const char *)r.err.data;
	ck_assert_msg(r.status == 2, "%s: exit status %d, stderr: %s", args[0], r.status, err);
	ck_assert_uint_eq(r.out.len, 0);
	ck_assert_msg(strncmp(err, "tlsviz: ", 8) == 0, "stderr: %s", err);
	ck_assert_msg(strchr(err, '\n') == err + r.err.len - 1, "not one line: %s", err);
	ck_assert_msg(strstr(err, needle) != NULL, "'%s' not in: %s", needle, err);
	result_release(&r);
}

START_TEST(unknown_option)
{
	expect_usage_error((const char *[]){ "--frobnicate", NULL }, "unknown option '--frobnicate'");
	expect_usage_error((const char *[]){ "-z", NULL }, "unknown option '-z'");
}
END_TEST

START_TEST(unknown_scenario)
{
	expect_usage_error((const char *[]){ "-s", "tls14", NULL }, "unknown scenario 'tls14'");
	expect_usage_error((const char *[]){ "--scenario=nope", "--export", "text", NULL },
			   "unknown scenario 'nope'");
}
END_TEST

START_TEST(missing_arguments)
{
	expect_usage_error((const char *[]){ "--export", "text", "-o", NULL }, "-o needs an argument");
	expect_usage_error((const char *[]){ "--scenario", NULL }, "--scenario needs an argument");
	expect_usage_error((const char *[]){ "--seed", NULL }, "--seed needs an argument");
}
END_TEST

START_TEST(bad_values)
{
	expect_usage_error((const char *[]){ "--seed", "x1", NULL }, "--seed needs a whole number");
	expect_usage_error((const char *[]){ "--seed", "-1", NULL }, "--seed needs a whole number");
	expect_usage_error((const char *[]){ "--export", "gif", NULL }, "unknown export format 'gif'");
	expect_usage_error((const char *[]){ "stray", NULL }, "unexpected argument 'stray'");
	expect_usage_error((const char *[]){ "-o", "x.txt", NULL }, "needs --export");
	expect_usage_error((const char *[]){ "--rtt", "0", NULL }, "--rtt needs a round trip");
	expect_usage_error((const char *[]){ "--rtt", "10001", NULL }, "from 1 to 10000");
	expect_usage_error((const char *[]){ "--rtt", "5ms", NULL }, "not '5ms'");
	/* What stands alone takes nothing it would ignore. */
	expect_usage_error((const char *[]){ "--help", "extra", NULL }, "unexpected argument 'extra'");
	expect_usage_error((const char *[]){ "--list", "--export", "text", NULL },
			   "--list takes no other options; leave out '--export'");
	expect_usage_error((const char *[]){ "-V", "-s", "tls13", NULL }, "leave out '-s'");
	expect_usage_error((const char *[]){ "--ascii", "-h", NULL }, "--help takes no other options");
}
END_TEST

/* A lesson given by path, with a mistake: the exact line, and nothing on stdout. */
START_TEST(lesson_errors_are_exact)
{
	const char *path = "/tmp/tlsviz-test-cli.lesson";
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("title: t\nscenario: tls12-ecdhe\n\nstep ServerHelo:\n  x\n", f);
	ck_assert_int_eq(fclose(f), 0);
	expect_usage_error((const char *[]){ "--lesson", path, "--export", "text", NULL },
			   "tlsviz-test-cli.lesson:4: unknown message 'ServerHelo' (did you mean "
			   "'ServerHello'?)");
	expect_usage_error((const char *[]){ "--lesson", "no-such-lesson", NULL }, "no-such-lesson");
	unlink(path);
}
END_TEST

START_TEST(bad_comparisons)
{
	expect_usage_error((const char *[]){ "--compare", "tls13", NULL },
			   "--compare needs two scenarios as A,B");
	expect_usage_error((const char *[]){ "--compare", "tls13,", NULL }, "not 'tls13,'");
	expect_usage_error((const char *[]){ "--compare", "a,b,c", NULL }, "not 'a,b,c'");
	expect_usage_error((const char *[]){ "--compare", "tls13,tls14", "-e", "text", NULL },
			   "unknown scenario 'tls14'");
	/* A long name is an unknown scenario, whatever its length, not a malformed pair. */
	char long_pair[160];
	memset(long_pair, 'a', 100);
	snprintf(long_pair + 100, sizeof(long_pair) - 100, ",tls13");
	expect_usage_error((const char *[]){ "--compare", long_pair, NULL }, "unknown scenario 'aaaa");
	expect_usage_error((const char *[]){ "--compare", "tls13,tls12-ecdhe", "-e", "json", NULL },
			   "as text only");
	expect_usage_error((const char *[]){ "--compare", "tls13,tls12-ecdhe", "-s", "tls13", NULL },
			   "leave out -s");
	expect_usage_error((const char *[]){ "--compare", "tls13,tls12-ecdhe", "--quiz", NULL },
			   "leave out -s, --lesson and --quiz");
}
END_TEST

/*
 * The entries of `dir`, sorted, one per line (NUL-terminated), for "nothing
 * was left behind" checks.
 */
static void list_dir(const char *dir, struct buf *out)
{
	struct dirent **entries;
	int n = scandir(dir, &entries, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	out->len = 0;
	buf_append(out, "", 1);
	out->len = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(entries[i]->d_name, ".") && strcmp(entries[i]->d_name, ".."))
			buf_printf(out, "%s\n", entries[i]->d_name);
		free(entries[i]);
	}
	free(entries);
}

START_TEST(unwritable_output_leaves_nothing)
{
	char dir[] = "/tmp/tlsviz-test-dir.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/missing/diagram.txt", dir);
	expect_usage_error((const char *[]){ "--export", "text", "-o", (char *)path.data, NULL },
			   "cannot write");
	expect_usage_error((const char *[]){ "--export", "text", "-o", "", NULL },
			   "cannot write '': a file needs a name");
	/* A directory in the way is refused, and nothing is made beside it. */
	path.len = 0;
	buf_printf(&path, "%s/taken", dir);
	ck_assert_int_eq(mkdir((char *)path.data, 0755), 0);
	expect_usage_error((const char *[]){ "--export", "text", "-o", (char *)path.data, NULL },
			   "cannot write");
	struct buf listing = BUF_INIT;
	list_dir(dir, &listing);
	ck_assert_str_eq((char *)listing.data, "taken\n");
	rmdir((char *)path.data);
	rmdir(dir);
	buf_release(&path);
	buf_release(&listing);
}
END_TEST

/*
 * A device or pipe as the output (/dev/null, a FIFO) is written into, never
 * replaced by a renamed file: a FIFO is used here, so that a regression
 * cannot take this machine's /dev/null away.
 */
START_TEST(output_to_a_pipe_stays_a_pipe)
{
	char dir[] = "/tmp/tlsviz-test-fifo.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf fifo = BUF_INIT, copy = BUF_INIT;
	buf_printf(&fifo, "%s/pipe", dir);
	buf_printf(&copy, "%s/copy", dir);
	ck_assert_int_eq(mkfifo((char *)fifo.data, 0600), 0);
	/* A reader on the other end, for as long as the writer takes. */
	char command[256];
	snprintf(command, sizeof(command), "timeout 60 cat %s > %s &", (char *)fifo.data,
		 (char *)copy.data);
	ck_assert_int_eq(system(command), 0);
	struct result r = tlsviz((const char *[]){ "--export", "text", "-o", (char *)fifo.data,
						    NULL });
	ck_assert_msg(r.status == 0, "%s", (char *)r.err.data);
	struct stat st;
	ck_assert_int_eq(stat((char *)fifo.data, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* The reader got the diagram (it ends once the writer has closed). */
	struct buf got = BUF_INIT;
	for (int waited = 0; waited < 100; waited++) {
		got.len = 0;
		read_whole_file((char *)copy.data, &got);
		if (strstr((char *)got.data, "TCP is modeled"))
			break;
		usleep(50000);
	}
	ck_assert_msg(strstr((char *)got.data, "TCP is modeled") != NULL,
		      "the pipe's reader got %zu bytes", got.len);
	unlink((char *)fifo.data);
	unlink((char *)copy.data);
	rmdir(dir);
	result_release(&r);
	buf_release(&got);
	buf_release(&fifo);
	buf_release(&copy);
}
END_TEST

START_TEST(output_file_matches_stdout)
{
	char path[] = "/tmp/tlsviz-test-export.XXXXXX";
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	close(fd);
	struct result to_file = tlsviz((const char *[]){ "--export", "text", "-s", "tls12-ecdhe",
							 "--ascii", "-o", path, NULL });
	ck_assert_int_eq(to_file.status, 0);
	ck_assert_uint_eq(to_file.out.len, 0);
	struct buf written = BUF_INIT;
	read_file(path, &written);
	ck_assert_ptr_nonnull(strstr((char *)written.data, "4. ClientHello"));
	for (size_t i = 0; i < written.len; i++)
		ck_assert_msg(written.data[i] < 0x80, "non-ASCII byte with --ascii");
	unlink(path);
	buf_release(&written);
	result_release(&to_file);
}
END_TEST

/* A fresh directory for one test's files; remove_dir() takes it and what is in it away. */
static void make_dir(char *dir)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(const char *dir)
{
	struct buf listing = BUF_INIT, path = BUF_INIT;
	list_dir(dir, &listing);
	for (char *name = strtok((char *)listing.data, "\n"); name; name = strtok(NULL, "\n")) {
		path.len = 0;
		buf_printf(&path, "%s/%s", dir, name);
		unlink((char *)path.data);
	}
	rmdir(dir);
	buf_release(&listing);
	buf_release(&path);
}

static void write_text(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(close(fd), 0);
}

/* Exports the default diagram as text to `path`, which must succeed. */
static void export_text_to(const char *path)
{
	struct result r = tlsviz((const char *[]){ "--export", "text", "-o", path, NULL });
	ck_assert_msg(r.status == 0, "exit status %d: %s", r.status, (char *)r.err.data);
	ck_assert_uint_eq(r.out.len, 0);
	result_release(&r);
}

static bool file_has(const char *path, const char *needle)
{
	struct buf b = BUF_INIT;
	read_whole_file(path, &b);
	bool found = strstr((char *)b.data, needle) != NULL;
	buf_release(&b);
	return found;
}

/* -o through a symbolic link writes the file it points to; the link stays a link. */
START_TEST(output_through_a_link_keeps_the_link)
{
	char dir[] = "/tmp/tlsviz-test-link.XXXXXX";
	make_dir(dir);
	struct buf entries = BUF_INIT;
	char target[64], link[64], dangling[64];
	snprintf(target, sizeof(target), "%s/target", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	snprintf(dangling, sizeof(dangling), "%s/dangling", dir);
	write_text(target, "old\n", 0640);
	ck_assert_int_eq(symlink("target", link), 0);
	export_text_to(link);
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
	ck_assert(file_has(target, "4. ClientHello"));
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	/* A link to nothing is refused, and stays as it was. */
	ck_assert_int_eq(symlink("nothing", dangling), 0);
	expect_usage_error((const char *[]){ "--export", "text", "-o", dangling, NULL },
			   "symbolic link to a file that does not exist");
	ck_assert_int_eq(lstat(dangling, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	list_dir(dir, &entries);
	ck_assert_str_eq((char *)entries.data, "dangling\nlink\ntarget\n");
	buf_release(&entries);
	remove_dir(dir);
}
END_TEST

/*
 * -o /dev/stdout, with standard output redirected to a file: written into
 * that file, after what it held, and /dev/stdout stays a link. A link to
 * /proc/self/fd/1 in a temporary folder stands for /dev/stdout, so that a
 * regression replaces it and not this machine's.
 */
START_TEST(output_to_own_stdout_is_written_into)
{
	char dir[] = "/tmp/tlsviz-test-stdout.XXXXXX";
	make_dir(dir);
	char stdout_link[64], redirected[64];
	snprintf(stdout_link, sizeof(stdout_link), "%s/stdout", dir);
	snprintf(redirected, sizeof(redirected), "%s/redirected", dir);
	ck_assert_int_eq(symlink("/proc/self/fd/1", stdout_link), 0);
	int fd = open(redirected, O_WRONLY | O_CREAT | O_APPEND, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "before\n", 7), 7);
	struct result r = tlsviz_to((const char *[]){ "-e", "text", "-o", stdout_link, NULL }, fd);
	close(fd);
	ck_assert_msg(r.status == 0, "%s", (char *)r.err.data);
	struct stat st;
	ck_assert_int_eq(lstat(stdout_link, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the link to /proc/self/fd/1 was replaced");
	struct buf got = BUF_INIT;
	read_file(redirected, &got);
	ck_assert_msg(strncmp((char *)got.data, "before\n", 7) == 0, "got: %.40s", got.data);
	ck_assert_ptr_nonnull(strstr((char *)got.data, "4. ClientHello"));
	buf_release(&got);
	result_release(&r);
	remove_dir(dir);
}
END_TEST

/* An existing file keeps its mode and its hard links; a new key log is private. */
START_TEST(export_keeps_mode_and_links)
{
	char dir[] = "/tmp/tlsviz-test-mode.XXXXXX";
	make_dir(dir);
	struct buf entries = BUF_INIT;
	char file[64], other[64], keys[64];
	snprintf(file, sizeof(file), "%s/file", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	snprintf(keys, sizeof(keys), "%s/new.keys", dir);
	/* Longer than the diagram, so that what is copied into it must also cut it short. */
	struct buf old = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_printf(&old, "OLD CONTENTS\n");
	write_text(file, (char *)old.data, 0600);
	buf_release(&old);
	ck_assert_int_eq(link(file, other), 0);
	export_text_to(file);
	struct stat st, st_other;
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_int_eq(stat(other, &st_other), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	ck_assert_msg(st.st_ino == st_other.st_ino && st.st_nlink == 2, "the hard link broke");
	ck_assert(file_has(other, "4. ClientHello"));
	ck_assert(!file_has(other, "OLD CONTENTS"));

	struct result r = tlsviz((const char *[]){ "--export", "keylog", "-o", keys, NULL });
	ck_assert_msg(r.status == 0, "%s", (char *)r.err.data);
	result_release(&r);
	ck_assert_int_eq(stat(keys, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	list_dir(dir, &entries);
	ck_assert_str_eq((char *)entries.data, "file\nnew.keys\nother\n");
	buf_release(&entries);
	remove_dir(dir);
}
END_TEST

/* A name of 250 bytes (NAME_MAX is 255) can be written: the temporary name is short. */
START_TEST(long_file_name_can_be_written)
{
	char dir[] = "/tmp/tlsviz-test-long.XXXXXX";
	make_dir(dir);
	struct buf entries = BUF_INIT;
	char name[251], path[320];
	memset(name, 'a', 250);
	name[250] = '\0';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	export_text_to(path);
	ck_assert(file_has(path, "4. ClientHello"));
	list_dir(dir, &entries);
	ck_assert_uint_eq(entries.len, 251);
	buf_release(&entries);
	remove_dir(dir);
}
END_TEST

static const int interrupting_signals[] = { SIGINT, SIGTERM, SIGHUP };

/*
 * A bulk export (about 45 MB of JSON) is interrupted once its temporary file
 * exists: tlsviz dies by the signal and leaves nothing behind. When the
 * export happens to end before the signal, it is tried again.
 */
START_TEST(interrupted_export_leaves_nothing)
{
	int sig = interrupting_signals[_i];
	const struct scenario *bulk = scenario_find("tls13-bulk");
	ck_assert_ptr_nonnull(bulk);
	if (engine_unavailable_reason(bulk)) {
		fprintf(stderr, "skipped: tls13-bulk: %s\n", engine_unavailable_reason(bulk));
		return;
	}
	char dir[] = "/tmp/tlsviz-test-signal.XXXXXX";
	make_dir(dir);
	struct buf entries = BUF_INIT;
	char out[64];
	snprintf(out, sizeof(out), "%s/x.json", dir);
	int null_fd = open("/dev/null", O_WRONLY);
	ck_assert_int_ge(null_fd, 0);
	bool interrupted = false;
	for (int attempt = 0; attempt < 5 && !interrupted; attempt++) {
		unlink(out);
		pid_t pid = spawn_tlsviz((const char *[]){ "-e", "json", "-s", "tls13-bulk", "-o",
							   out, NULL },
					 null_fd, null_fd);
		/* Until the temporary file appears (the run before it takes about a second). */
		for (int waited = 0; waited < 60000; waited++) {
			list_dir(dir, &entries);
			if (entries.len || waitpid(pid, NULL, WNOHANG) != 0)
				break;
			usleep(500);
		}
		ck_assert_int_eq(kill(pid, sig), 0);
		int wstatus;
		ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
		list_dir(dir, &entries);
		if (WIFSIGNALED(wstatus)) {
			ck_assert_int_eq(WTERMSIG(wstatus), sig);
			/* Killed after its rename, x.json is whole; never anything else. */
			ck_assert_msg(!entries.len || !strcmp((char *)entries.data, "x.json\n"),
				      "left: %s", (char *)entries.data);
			interrupted = !entries.len;
		} else {
			ck_assert_msg(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0,
				      "status %d", wstatus);
		}
	}
	close(null_fd);
	ck_assert_msg(interrupted, "no export was interrupted in 5 tries");
	buf_release(&entries);
	remove_dir(dir);
}
END_TEST

/* A failed write exits 1 with one line on stderr that starts "tlsviz: " and names why. */
static void expect_write_failure(const char *const *args, int out_fd, const char *needle)
{
	struct result r = tlsviz_to(args, out_fd);
	const char *err = (const char *)r.err.data;
	ck_assert_msg(r.status == 1, "%s: exit status %d, stderr: %s", args[0], r.status, err);
	ck_assert_msg(strncmp(err, "tlsviz: ", 8) == 0, "stderr: %s", err);
	ck_assert_msg(strchr(err, '\n') == err + r.err.len - 1, "not one line: %s", err);
	ck_assert_msg(strstr(err, needle) != NULL, "'%s' not in: %s", needle, err);
	result_release(&r);
}

/* A full disk (/dev/full, opened as standard output, never a file to replace). */
START_TEST(full_disk_exits_1)
{
	int full = open("/dev/full", O_WRONLY);
	if (full < 0) {
		fprintf(stderr, "skipped: no /dev/full: %s\n", strerror(errno));
		return;
	}
	const char *const *commands[] = {
		(const char *[]){ "--list", NULL },
		(const char *[]){ "--help", NULL },
		(const char *[]){ "--version", NULL },
		(const char *[]){ "--export", "text", NULL },
		(const char *[]){ "--export", "json", "-o", "-", NULL },
	};
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		expect_write_failure(commands[i], full, "cannot write to standard output: No space");
	close(full);
}
END_TEST

/* A closed pipe: EPIPE is a failed write, reported, not a silent death by SIGPIPE. */
START_TEST(closed_pipe_exits_1)
{
	int pipe_fds[2];
	ck_assert_int_eq(pipe(pipe_fds), 0);
	close(pipe_fds[0]);
	expect_write_failure((const char *[]){ "--list", NULL }, pipe_fds[1], "Broken pipe");
	expect_write_failure((const char *[]){ "--export", "json", NULL }, pipe_fds[1],
			     "cannot write to standard output: Broken pipe");
	close(pipe_fds[1]);

	/* -o a FIFO whose reader leaves after one byte, with 148 KB still to come. */
	char dir[] = "/tmp/tlsviz-test-epipe.XXXXXX";
	make_dir(dir);
	char fifo[64], command[160];
	snprintf(fifo, sizeof(fifo), "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	snprintf(command, sizeof(command), "timeout 60 head -c 1 %s > /dev/null &", fifo);
	ck_assert_int_eq(system(command), 0);
	struct result r = tlsviz((const char *[]){ "--export", "json", "-o", fifo, NULL });
	ck_assert_msg(r.status == 1, "exit status %d: %s", r.status, (char *)r.err.data);
	ck_assert_ptr_nonnull(strstr((char *)r.err.data, "Broken pipe"));
	result_release(&r);
	struct stat st;
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	remove_dir(dir);
}
END_TEST

/* A binary format is not dumped onto a terminal (a pseudo-terminal stands for one). */
START_TEST(binary_export_refuses_a_terminal)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	int terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(terminal, 0);
	struct result r = tlsviz_to((const char *[]){ "--export", "pcap", NULL }, terminal);
	const char *err = (const char *)r.err.data;
	ck_assert_msg(r.status == 2, "exit status %d, stderr: %s", r.status, err);
	ck_assert_msg(strncmp(err, "tlsviz: ", 8) == 0, "stderr: %s", err);
	ck_assert_msg(strchr(err, '\n') == err + r.err.len - 1, "not one line: %s", err);
	ck_assert_ptr_nonnull(strstr(err, "terminal"));
	ck_assert_ptr_nonnull(strstr(err, "-o FILE"));
	result_release(&r);
	/* Text is for terminals. */
	r = tlsviz_to((const char *[]){ "--export", "keylog", NULL }, terminal);
	ck_assert_msg(r.status == 0, "%s", (char *)r.err.data);
	result_release(&r);
	close(terminal);
	close(master);
}
END_TEST

START_TEST(list_shows_every_scenario)
{
	struct result r = tlsviz((const char *[]){ "--list", NULL });
	ck_assert_int_eq(r.status, 0);
	int width = 0;
	for (size_t i = 0; i < scenario_count; i++)
		if ((int)strlen(scenarios[i].name) > width)
			width = (int)strlen(scenarios[i].name);
	for (size_t i = 0; i < scenario_count; i++) {
		const char *why = engine_unavailable_reason(&scenarios[i]);
		char line[256];
		snprintf(line, sizeof(line), "%-*s %-12s %s", width, scenarios[i].name,
			 why ? "unavailable" : "available", scenarios[i].description);
		ck_assert_msg(strstr((char *)r.out.data, line), "missing: %s", line);
		if (why)
			ck_assert_ptr_nonnull(strstr((char *)r.out.data, why));
	}
	result_release(&r);
}
END_TEST

/*
 * The labels each diagram must show, in this order (a label may be preceded
 * by its arrow's number). Checked in every build; the bundled one also
 * compares whole diagrams with the golden files.
 */
static const char *const tls12_rsa_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. ServerHello", "Certificate",
	"ServerHelloDone", "6. ClientKeyExchange", "ChangeCipherSpec", "[Finished]",
	"7. ChangeCipherSpec", "[Finished]", "8. [ApplicationData]", "9. [ApplicationData]",
	"10. [Alert: close_notify]", "11. [Alert: close_notify]", "12. FIN ACK", "13. ACK",
	"FIN ACK", "14. ACK", NULL,
};
static const char *const tls12_ecdhe_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. ServerHello", "Certificate",
	"ServerKeyExchange", "ServerHelloDone", "6. ClientKeyExchange", "ChangeCipherSpec",
	"[Finished]", "7. ChangeCipherSpec", "[Finished]", "8. [ApplicationData]",
	"9. [ApplicationData]", "10. [Alert: close_notify]", "11. [Alert: close_notify]",
	"12. FIN ACK", "13. ACK", "FIN ACK", "14. ACK", NULL,
};
static const char *const tls13_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. ServerHello",
	"{EncryptedExtensions}", "{Certificate}", "{CertificateVerify}", "{Finished}",
	"6. {Finished}", "7. [ApplicationData]", "8. [NewSessionTicket]", "[ApplicationData]",
	"9. [Alert: close_notify]", "10. [Alert: close_notify]", "11. FIN ACK", "12. ACK",
	"FIN ACK", "13. ACK", "{Name}  protected with handshake traffic keys", NULL,
};

static const char *const tls13_hrr_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. HelloRetryRequest", "6. ClientHello",
	"7. ServerHello", "{EncryptedExtensions}", "{Certificate}", "{CertificateVerify}",
	"{Finished}", "8. {Finished}", "9. [ApplicationData]", "10. [NewSessionTicket]", NULL,
};

static const char *const tls13_mtls_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. ServerHello", "{EncryptedExtensions}", "{CertificateRequest}", "{Certificate}", "{CertificateVerify}", "{Finished}", "6. {Certificate}", "{CertificateVerify}", "{Finished}", "7. [ApplicationData]", "8. [NewSessionTicket]", "[ApplicationData]", "9. [Alert: close_notify]", "10. [Alert: close_notify]", "11. FIN ACK", "12. ACK", "FIN ACK", "13. ACK", NULL,
};
static const char *const tls12_mtls_labels[] = {
	"1. SYN", "2. SYN ACK", "3. ACK", "4. ClientHello", "5. ServerHello", "Certificate", "ServerKeyExchange", "CertificateRequest", "ServerHelloDone", "6. Certificate", "ClientKeyExchange", "CertificateVerify", "ChangeCipherSpec", "[Finished]", "7. ChangeCipherSpec", "[Finished]", "8. [ApplicationData]", "9. [ApplicationData]", "10. [Alert: close_notify]", "11. [Alert: close_notify]", "12. FIN ACK", "13. ACK", "FIN ACK", "14. ACK", NULL,
};
static const char *const fail_unknown_ca_labels[] = {
	"4. ClientHello", "5. ServerHello", "{EncryptedExtensions}", "{Certificate}", "{CertificateVerify} (unread)", "{Finished} (unread)", "6. {Alert: unknown_ca}", "7. FIN ACK", "8. ACK", "FIN ACK", "9. ACK", NULL,
};
static const char *const fail_hostname_labels[] = {
	"4. ClientHello", "5. ServerHello", "{EncryptedExtensions}", "{Certificate}", "{CertificateVerify} (unread)", "{Finished} (unread)", "6. {Alert: bad_certificate}", "7. FIN ACK", NULL,
};
static const char *const fail_version_labels[] = {
	"4. ClientHello", "5. Alert: protocol_version", "6. FIN ACK", "7. ACK", "FIN ACK", "8. ACK", NULL,
};
static const char *const fail_no_shared_cipher_labels[] = {
	"4. ClientHello", "5. Alert: handshake_failure", "6. FIN ACK", NULL,
};
static const char *const fail_alpn_labels[] = {
	"4. ClientHello", "5. Alert: no_application_protocol", "6. FIN ACK", NULL,
};
static const char *const fail_mtls_no_cert_labels[] = {
	"5. ServerHello", "{EncryptedExtensions}", "{CertificateRequest}", "{Certificate}", "{CertificateVerify}", "{Finished}", "6. {Certificate}", "{Finished} (unread)", "7. [ApplicationData] (unread)", "8. [Alert: certificate_required]", NULL,
};
static const char *const tamper_record_labels[] = {
	"5. ServerHello", "{EncryptedExtensions} (altered!)", "{Certificate} (unread)", "{CertificateVerify} (unread)", "{Finished} (unread)", "6. {Alert: bad_record_mac}", "7. FIN ACK", NULL,
};
static const char *const tamper_record_tls12_labels[] = {
	"5. ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "6. ClientKeyExchange", "ChangeCipherSpec", "[Finished] (altered!)", "7. Alert: bad_record_mac", "8. FIN ACK", NULL,
};
static const char *const tamper_downgrade_labels[] = {
	"4. ClientHello (altered!)", "5. ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone", "6. ClientKeyExchange", "ChangeCipherSpec", "[Finished]", "7. Alert: decrypt_error", "8. FIN ACK", NULL,
};
static const char *const tamper_signature_labels[] = {
	"4. ClientHello", "5. ServerHello", "Certificate", "ServerKeyExchange (altered!)", "ServerHelloDone", "6. FIN ACK", "7. ACK", "FIN ACK", "8. ACK", NULL,
};

static const char *const tls13_keyupdate_labels[] = {
	"4. ClientHello", "5. ServerHello", "6. {Finished}", "7. [ApplicationData]",
	"8. [NewSessionTicket]", "[ApplicationData]", "9. [KeyUpdate]", "10. [Alert: close_notify]",
	"11. [KeyUpdate]", "[Alert: close_notify]", "12. FIN ACK", NULL,
};

/* Resumption: a full handshake, then a second connection without certificates. */
static const char *const tls13_resume_labels[] = {
	"4. ClientHello", "5. ServerHello", "{Certificate}", "{Finished}", "6. {Finished}",
	"7. [ApplicationData]", "8. [NewSessionTicket]", "[ApplicationData]", "13. ACK", "14. SYN",
	"17. ClientHello", "18. ServerHello", "{EncryptedExtensions}", "{Finished}",
	"19. {Finished}", "20. [ApplicationData]", "21. [NewSessionTicket]", "[ApplicationData]",
	"26. ACK", NULL,
};
static const char *const tls13_0rtt_labels[] = {
	"8. [NewSessionTicket]", "14. SYN", "17. ClientHello", "(ApplicationData)",
	"18. ServerHello", "{EncryptedExtensions}", "{Finished}", "19. (EndOfEarlyData)",
	"{Finished}", "20. [NewSessionTicket]", "21. [ApplicationData]", "26. ACK", NULL,
};
static const char *const tls12_resume_id_labels[] = {
	"4. ClientHello", "5. ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone",
	"6. ClientKeyExchange", "14. ACK", "15. SYN", "18. ClientHello", "19. ServerHello",
	"ChangeCipherSpec", "[Finished]", "20. ChangeCipherSpec", "[Finished]",
	"21. [ApplicationData]", "22. [ApplicationData]", "27. ACK", NULL,
};
static const char *const tls12_resume_ticket_labels[] = {
	"5. ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone",
	"6. ClientKeyExchange", "ChangeCipherSpec", "[Finished]", "7. NewSessionTicket",
	"ChangeCipherSpec", "[Finished]", "15. SYN", "18. ClientHello", "19. ServerHello",
	"ChangeCipherSpec", "[Finished]", "20. ChangeCipherSpec", "[Finished]", "27. ACK", NULL,
};

static const struct {
	const char *scenario;
	const char *const *labels;
} diagrams[] = {
	{ "tls13-resume", tls13_resume_labels },
	{ "tls13-0rtt", tls13_0rtt_labels },
	{ "tls12-resume-id", tls12_resume_id_labels },
	{ "tls12-resume-ticket", tls12_resume_ticket_labels },
	{ "tls13", tls13_labels },
	{ "tls13-chacha", tls13_labels },
	{ "tls13-ccm", tls13_labels },
	{ "tls13-hrr", tls13_hrr_labels },
	{ "tls13-bulk", tls13_labels },
	{ "tls13-p256", tls13_labels },
	{ "tls13-ffdhe", tls13_labels },
	{ "tls13-mtls", tls13_mtls_labels },
	{ "tls13-keyupdate", tls13_keyupdate_labels },
	{ "tls12-ecdsa", tls12_ecdhe_labels },
	{ "tls12-mtls", tls12_mtls_labels },
	{ "fail-unknown-ca", fail_unknown_ca_labels },
	{ "fail-hostname", fail_hostname_labels },
	{ "fail-version", fail_version_labels },
	{ "fail-no-shared-cipher", fail_no_shared_cipher_labels },
	{ "fail-alpn", fail_alpn_labels },
	{ "fail-mtls-no-cert", fail_mtls_no_cert_labels },
	{ "tamper-record", tamper_record_labels },
	{ "tamper-record-tls12", tamper_record_tls12_labels },
	{ "tamper-downgrade", tamper_downgrade_labels },
	{ "tamper-signature", tamper_signature_labels },
	{ "tls12-ecdhe", tls12_ecdhe_labels },
	{ "tls12-cbc", tls12_ecdhe_labels },
	{ "tls12-dhe", tls12_ecdhe_labels },
	{ "tls12-rsa", tls12_rsa_labels },
};

/* The label text of a diagram line: what stands between the two lifelines, trimmed. */
static void line_label(const char *line, size_t len, char *out, size_t out_len)
{
	const char *bar = "│";
	const char *first = strstr(line, bar);
	out[0] = '\0';
	if (!first || (size_t)(first - line) >= len)
		return;
	const char *from = first + strlen(bar);
	const char *to = strstr(from, bar);
	if (!to || (size_t)(to - line) > len)
		return;
	while (from < to && *from == ' ')
		from++;
	while (to > from && to[-1] == ' ')
		to--;
	snprintf(out, out_len, "%.*s", (int)(to - from), from);
}

START_TEST(every_scenario_has_its_flow)
{
	size_t n = sizeof(diagrams) / sizeof(diagrams[0]);
	ck_assert_uint_eq(n, scenario_count);
	for (size_t i = 0; i < n; i++)
		ck_assert_ptr_nonnull(scenario_find(diagrams[i].scenario));
}
END_TEST

START_TEST(diagram_shows_the_flow_in_order)
{
	const char *name = diagrams[_i].scenario;
	if (engine_unavailable_reason(scenario_find(name))) {
		expect_usage_error((const char *[]){ "-s", name, NULL }, "is unavailable");
		return;
	}
	struct result r = tlsviz((const char *[]){ "--export", "text", "-s", name, NULL });
	ck_assert_msg(r.status == 0, "%s: %s", name, (char *)r.err.data);
	const char *const *want = diagrams[_i].labels;
	const char *text = (const char *)r.out.data;
	for (const char *line = text; *line && *want;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char label[128];
		line_label(line, len, label, sizeof(label));
		if (strcmp(label, *want) == 0 || strncmp(line, *want, strlen(*want)) == 0)
			want++;
		line = end ? end + 1 : line + len;
	}
	ck_assert_msg(*want == NULL, "%s: '%s' missing or out of order in:\n%s", name, *want, text);
	ck_assert_ptr_nonnull(strstr(text, "TCP is modeled"));
	result_release(&r);
}
END_TEST

/* Fails unless the output in `r` is byte for byte the golden file at `path`. */
static void expect_golden(const char *path, const struct result *r, const char *made_by)
{
	struct buf golden = BUF_INIT;
	read_file(path, &golden);
	ck_assert_msg(r->out.len == golden.len && memcmp(r->out.data, golden.data, golden.len) == 0,
		      "%s differs from the output of %s (make golden updates it)", path, made_by);
	buf_release(&golden);
}

/* Golden files of the timeline and the comparison: a file, and the arguments that write it. */
static const struct {
	const char *file;
	const char *const args[8];
} timeline_goldens[] = {
	{ "rtt-200-tls12-rsa.txt", { "-s", "tls12-rsa", "--rtt", "200", "-e", "text", NULL } },
	{ "compare-tls12-ecdhe-tls13.txt", { "--compare", "tls12-ecdhe,tls13", "-e", "text", NULL } },
	{ "compare-tls13-resume-tls13-0rtt.txt",
	  { "--compare", "tls13-resume,tls13-0rtt", "-e", "text", NULL } },
	{ "compare-tls12-resume-id-tls12-ecdhe.ascii.txt",
	  { "--compare", "tls12-resume-id,tls12-ecdhe", "--rtt", "80", "-e", "text", "--ascii",
	    NULL } },
};

START_TEST(timeline_matches_golden_file)
{
	const char *const *extra = timeline_goldens[_i].args;
	const char *args[12] = { "--seed", "1" };
	size_t n = 2;
	for (size_t i = 0; extra[i]; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	struct result r = tlsviz(args);
	if (!engine_seed_supported()) {
		ck_assert_int_eq(r.status, 2); /* no --seed, or no 0-RTT, in this build */
		result_release(&r);
		return;
	}
	ck_assert_msg(r.status == 0, "%s: %s", timeline_goldens[_i].file, (char *)r.err.data);
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/tests/golden/%s", TLSVIZ_SOURCE_DIR, timeline_goldens[_i].file);
	if (getenv("TLSVIZ_UPDATE_GOLDEN")) {
		FILE *f = fopen((char *)path.data, "w");
		ck_assert_ptr_nonnull(f);
		fwrite(r.out.data, 1, r.out.len, f);
		ck_assert_int_eq(fclose(f), 0);
	}
	expect_golden((char *)path.data, &r, "tlsviz");
	result_release(&r);
	buf_release(&path);
}
END_TEST

/* The golden files of each scenario: the diagram, in Unicode and ASCII, and the JSON. */
static const struct {
	const char *suffix;
	const char *const args[4];
} goldens[] = {
	{ ".txt", { "--export", "text", NULL } },
	{ ".ascii.txt", { "--export", "text", "--ascii", NULL } },
	{ ".json", { "--export", "json", NULL } },
	{ ".md", { "--export", "md", NULL } },
	{ ".mermaid", { "--export", "mermaid", NULL } },
	{ ".puml", { "--export", "plantuml", NULL } },
};

#define GOLDEN_KINDS (sizeof(goldens) / sizeof(goldens[0]))

START_TEST(export_matches_golden_file)
{
	const char *name = diagrams[_i / GOLDEN_KINDS].scenario;
	const char *suffix = goldens[_i % GOLDEN_KINDS].suffix;
	if (scenario_find(name)->bulk_bytes)
		return; /* megabytes of golden files would say no more than the others */
	const char *const *extra = goldens[_i % GOLDEN_KINDS].args;
	if (!engine_seed_supported()) {
		bool unavailable = engine_unavailable_reason(scenario_find(name)) != NULL;
		expect_usage_error((const char *[]){ "--seed", "1", "-s", name, NULL },
				   unavailable ? "is unavailable" : "--seed needs the bundled wolfSSL");
		return;
	}
	const char *args[10] = { "--seed", "1", "-s", name };
	size_t n = 4;
	for (size_t i = 0; extra[i]; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	struct result r = tlsviz(args);
	ck_assert_int_eq(r.status, 0);
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/tests/golden/%s%s", TLSVIZ_SOURCE_DIR, name, suffix);
	expect_golden((char *)path.data, &r, "--seed 1");
	/* And again: the same seed gives the same bytes. */
	struct result again = tlsviz(args);
	ck_assert(again.out.len == r.out.len && memcmp(again.out.data, r.out.data, r.out.len) == 0);
	result_release(&again);
	result_release(&r);
	buf_release(&path);
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, unknown_option);
	tcase_add_test(errors, unknown_scenario);
	tcase_add_test(errors, missing_arguments);
	tcase_add_test(errors, bad_values);
	tcase_add_test(errors, bad_comparisons);
	tcase_add_test(errors, lesson_errors_are_exact);
	tcase_add_test(errors, unwritable_output_leaves_nothing);
	suite_add_tcase(s, errors);
	TCase *output = tcase_create("output");
	tcase_set_timeout(output, 60);
	size_t n = sizeof(diagrams) / sizeof(diagrams[0]);
	tcase_add_test(output, output_file_matches_stdout);
	tcase_add_test(output, output_to_a_pipe_stays_a_pipe);
	tcase_add_test(output, list_shows_every_scenario);
	tcase_add_test(output, every_scenario_has_its_flow);
	tcase_add_loop_test(output, diagram_shows_the_flow_in_order, 0, (int)n);
	tcase_add_loop_test(output, export_matches_golden_file, 0, (int)(GOLDEN_KINDS * n));
	suite_add_tcase(s, output);
	TCase *safety = tcase_create("safety");
	tcase_set_timeout(safety, 60);
	tcase_add_test(safety, output_through_a_link_keeps_the_link);
	tcase_add_test(safety, output_to_own_stdout_is_written_into);
	tcase_add_test(safety, export_keeps_mode_and_links);
	tcase_add_test(safety, long_file_name_can_be_written);
	tcase_add_loop_test(safety, interrupted_export_leaves_nothing, 0,
			    (int)(sizeof(interrupting_signals) / sizeof(interrupting_signals[0])));
	tcase_add_test(safety, full_disk_exits_1);
	tcase_add_test(safety, closed_pipe_exits_1);
	tcase_add_test(safety, binary_export_refuses_a_terminal);
	suite_add_tcase(s, safety);
	TCase *timeline = tcase_create("timeline");
	tcase_set_timeout(timeline, 60);
	tcase_add_loop_test(timeline, timeline_matches_golden_file, 0,
			    (int)(sizeof(timeline_goldens) / sizeof(timeline_goldens[0])));
	suite_add_tcase(s, timeline);
	return s;
}
