#include "export/export.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

/* Name, description, writer, binary, secret. */
static const struct exporter exporters[] = {
	{ "text", "the sequence diagram as text", export_text, false, false },
	{ "json", "the whole trace: events, bytes, field trees, secrets", export_json, false,
	  false },
	{ "pcap", "a capture for Wireshark: modeled TCP/IPv4 around the real TLS bytes",
	  export_pcap, true, false },
	{ "pcapng", "the same capture with its key log inside: Wireshark decrypts it unaided",
	  export_pcapng, true, true },
	{ "keylog", "the secrets in NSS key-log format, for Wireshark to decrypt the pcap",
	  export_keylog, false, true },
	{ "md", "Markdown: the diagram and a table of the steps", export_markdown, false, false },
	{ "mermaid", "a Mermaid sequence diagram", export_mermaid, false, false },
	{ "plantuml", "a PlantUML sequence diagram", export_plantuml, false, false },
};

const struct exporter *exporter_find(const char *name)
{
	for (size_t i = 0; i < sizeof(exporters) / sizeof(exporters[0]); i++)
		if (strcmp(exporters[i].name, name) == 0)
			return &exporters[i];
	return NULL;
}

const char *exporter_names(void)
{
	static char names[256];
	if (names[0])
		return names;
	size_t used = 0;
	for (size_t i = 0; i < sizeof(exporters) / sizeof(exporters[0]); i++)
		used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s", i ? ", " : "",
					 exporters[i].name);
	return names;
}

/* A failure to report: "cannot write WHERE: REASON". */
static enum export_status fail(enum export_status status, const char *where, const char *reason,
			       char *why, size_t why_len)
{
	snprintf(why, why_len, "cannot write %s: %s", where, reason);
	return status;
}

/* A failure with errno's reason, or the exporter's when errno says nothing. */
static enum export_status fail_errno(enum export_status status, const char *where, int err,
				     char *why, size_t why_len)
{
	return fail(status, where, err ? strerror(err) : "the exporter failed", why, why_len);
}

/*
 * A place that cannot take a file is the user's to fix (exit 2); a disk that
 * fails or fills up is tlsviz failing to write (exit 1).
 */
static enum export_status open_failure(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EIO ? EXPORT_WRITE_FAILED
							     : EXPORT_BAD_DESTINATION;
}

/*
 * The temporary file of an export under way, for the signal handler to
 * remove. Its name is prepared before the file exists; `pending` is set once
 * the file exists and cleared once it is renamed or removed, each time with
 * the fatal signals held, so the handler never acts on half of a change.
 */
static char pending_path[PATH_MAX];
static volatile sig_atomic_t pending;

/* The signals that end tlsviz while it writes: Ctrl-C, kill, a closed terminal. */
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define FATAL_SIGNALS (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Removes the temporary file, then dies by the signal (only async-signal-safe calls). */
static void on_fatal_signal(int sig)
{
	if (pending)
		unlink(pending_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void fatal_signal_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < FATAL_SIGNALS; i++)
		sigaddset(set, fatal_signals[i]);
}

/* Holds the fatal signals back; release_signals(old) delivers what arrived meanwhile. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;
	fatal_signal_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/*
 * Installs on_fatal_signal for each fatal signal whose action is to die;
 * `saved` keeps the actions for restore_signals(). A signal that is ignored
 * or has a handler of its own (the viewer's notes it and lets the export
 * finish) is left alone: the file is then renamed or removed as usual.
 */
static void catch_signals(struct sigaction saved[FATAL_SIGNALS])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	fatal_signal_set(&sa.sa_mask);
	for (size_t i = 0; i < FATAL_SIGNALS; i++) {
		sigaction(fatal_signals[i], NULL, &saved[i]);
		if (!(saved[i].sa_flags & SA_SIGINFO) && saved[i].sa_handler == SIG_DFL)
			sigaction(fatal_signals[i], &sa, NULL);
	}
}

static void restore_signals(const struct sigaction saved[FATAL_SIGNALS])
{
	for (size_t i = 0; i < FATAL_SIGNALS; i++)
		sigaction(fatal_signals[i], &saved[i], NULL);
}

/* Writes `t` with `e` into the open stream `out`, called `where` in messages. */
static enum export_status write_stream(const struct exporter *e, const struct trace *t,
				       const struct export_options *opts, FILE *out,
				       const char *where, char *why, size_t why_len)
{
	/* A binary format would fill a terminal with garbage and control sequences. */
	if (e->binary && isatty(fileno(out)))
		return fail(EXPORT_BAD_DESTINATION, where,
			    "it is a terminal; write binary formats to a file (-o FILE) or a pipe",
			    why, why_len);
	errno = 0;
	if (e->write(t, opts, out) != 0 || fflush(out) != 0 || ferror(out))
		return fail_errno(EXPORT_WRITE_FAILED, where, errno, why, why_len);
	return EXPORT_OK;
}

/* A device or a pipe (/dev/null, a FIFO) is written into: it cannot be replaced. */
static enum export_status write_into(const struct exporter *e, const struct trace *t,
				     const struct export_options *opts, const char *path,
				     char *why, size_t why_len)
{
	int fd = open(path, O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return fail_errno(EXPORT_BAD_DESTINATION, path, errno, why, why_len);
	FILE *out = fdopen(fd, "w");
	if (!out) {
		int err = errno;
		close(fd);
		return fail_errno(EXPORT_WRITE_FAILED, path, err, why, why_len);
	}
	enum export_status status = write_stream(e, t, opts, out, path, why, why_len);
	if (fclose(out) != 0 && status == EXPORT_OK)
		status = fail_errno(EXPORT_WRITE_FAILED, path, errno, why, why_len);
	return status;
}

/*
 * Gives the finished temporary file the mode and owner that `target` will
 * have: an existing file's own (a 0600 file stays 0600), a new key log 0600
 * (it holds the secrets), any other new file what the umask allows.
 */
static bool give_mode(int fd, const struct stat *existing, bool secret)
{
	mode_t mode;
	if (existing) {
		/* Only root can give a file away; anyone else owns the new one, mode kept. */
		if (fchown(fd, existing->st_uid, existing->st_gid) != 0 && errno != EPERM)
			return false;
		mode = existing->st_mode & 07777;
	} else if (secret) {
		mode = 0600;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	return fchmod(fd, mode) == 0;
}

/*
 * Copies the finished export in `from` over the regular file `target`, in
 * place. This is for a file with other hard links: a rename would give this
 * name a new file and leave the other names on the old contents. Nothing can
 * fail half-way on the exporter's account, since the export is already whole;
 * the space is reserved before the first byte of the target changes, so a
 * full disk stops it there; and the fatal signals are held until the copy
 * and the truncation are done. Only an I/O error of the disk itself, in the
 * middle of the copy, could still leave it part new. (Refusing such files
 * would be safer still, but a key log linked into a Wireshark profile is a
 * common setup.) The target keeps its inode, mode and owner.
 */
static bool copy_into(int from, const char *target, int *err)
{
	struct stat st;
	int to = fstat(from, &st) == 0 ? open(target, O_WRONLY | O_NOCTTY) : -1;
	if (to < 0) {
		*err = errno;
		return false;
	}
	sigset_t old;
	hold_signals(&old);
	int reserved = st.st_size > 0 ? posix_fallocate(to, 0, st.st_size) : 0;
	/* A file system that cannot reserve space is written without. */
	bool ok = reserved == 0 || reserved == EINVAL || reserved == EOPNOTSUPP;
	*err = ok ? 0 : reserved;
	char chunk[1 << 16];
	for (off_t at = 0; ok && at < st.st_size;) {
		ssize_t n = pread(from, chunk, sizeof(chunk), at);
		ssize_t written = n > 0 ? pwrite(to, chunk, (size_t)n, at) : -1;
		ok = written > 0;
		at += ok ? written : 0;
		if (!ok)
			*err = n == 0 ? EIO : errno;
	}
	if (ok && (ftruncate(to, st.st_size) != 0 || fsync(to) != 0)) {
		ok = false;
		*err = errno;
	}
	if (close(to) != 0 && ok) {
		ok = false;
		*err = errno;
	}
	release_signals(&old);
	return ok;
}

/*
 * Writes `t` to the regular file `target` (whose last component is not a
 * symbolic link), which exists as `existing` or is new (NULL): into a temporary file
 * beside it, renamed over it once whole, or copied into it when it has other
 * hard links. The temporary name is short, so that any name the target can
 * have (up to NAME_MAX) leaves room for it in the same directory, where the
 * rename is atomic. No temporary file survives, not even a fatal signal.
 */
static enum export_status write_replacing(const struct exporter *e, const struct trace *t,
					  const struct export_options *opts, const char *target,
					  const struct stat *existing, char *why, size_t why_len)
{
	const char *slash = strrchr(target, '/');
	int dir_len = slash ? (int)(slash - target) + 1 : 0;
	if ((size_t)snprintf(pending_path, sizeof(pending_path), "%.*s.tlsviz-XXXXXX", dir_len,
			     target) >= sizeof(pending_path))
		return fail_errno(EXPORT_BAD_DESTINATION, target, ENAMETOOLONG, why, why_len);

	struct sigaction saved[FATAL_SIGNALS];
	catch_signals(saved);
	sigset_t old;
	hold_signals(&old);
	int fd = mkstemp(pending_path);
	int err = errno;
	pending = fd >= 0;
	release_signals(&old);
	if (fd < 0) {
		restore_signals(saved);
		return fail_errno(open_failure(err), target, err, why, why_len);
	}

	bool in_place = existing && existing->st_nlink > 1;
	FILE *out = fdopen(fd, "w");
	errno = 0;
	bool ok = out && e->write(t, opts, out) == 0 && fflush(out) == 0 && fsync(fd) == 0;
	err = ok ? 0 : errno;
	if (ok && in_place) {
		ok = copy_into(fd, target, &err);
	} else if (ok && !give_mode(fd, existing, e->secret)) {
		ok = false;
		err = errno;
	}
	if ((out ? fclose(out) : close(fd)) != 0 && ok) {
		ok = false;
		err = errno;
	}

	hold_signals(&old);
	if (ok && !in_place) {
		ok = rename(pending_path, target) == 0;
		err = ok ? 0 : errno;
		pending = !ok;
	}
	if (pending)
		unlink(pending_path);
	pending = 0;
	release_signals(&old);
	restore_signals(saved);
	return ok ? EXPORT_OK : fail_errno(EXPORT_WRITE_FAILED, target, err, why, why_len);
}

bool export_path_is_markdown(const char *path)
{
	size_t len = path ? strlen(path) : 0;
	return len > 3 && strcasecmp(path + len - 3, ".md") == 0;
}

enum export_status export_write(const struct exporter *e, const struct trace *t,
				const struct export_options *opts, const char *path, char *why,
				size_t why_len)
{
	if (!path || strcmp(path, "-") == 0)
		return write_stream(e, t, opts, stdout, "to standard output", why, why_len);

	if (!*path)
		return fail(EXPORT_BAD_DESTINATION, "''", "a file needs a name", why, why_len);
	struct stat st, link;
	if (stat(path, &st) != 0) {
		int err = errno;
		if (err == ENOENT && lstat(path, &link) == 0)
			return fail(EXPORT_BAD_DESTINATION, path,
				    "it is a symbolic link to a file that does not exist", why,
				    why_len);
		if (err != ENOENT)
			return fail_errno(EXPORT_BAD_DESTINATION, path, err, why, why_len);
		return write_replacing(e, t, opts, path, NULL, why, why_len);
	}
	if (S_ISDIR(st.st_mode))
		return fail(EXPORT_BAD_DESTINATION, path, "it is a directory", why, why_len);

	/*
	 * The file standard output or error already writes, by any name
	 * (/dev/stdout is a link to /proc/self/fd/1): written through that
	 * stream, as without -o, into whatever the shell opened.
	 */
	FILE *const streams[] = { stdout, stderr };
	for (size_t i = 0; i < sizeof(streams) / sizeof(streams[0]); i++) {
		struct stat open_st;
		if (fstat(fileno(streams[i]), &open_st) == 0 && open_st.st_dev == st.st_dev &&
		    open_st.st_ino == st.st_ino)
			return write_stream(e, t, opts, streams[i], path, why, why_len);
	}
	if (!S_ISREG(st.st_mode))
		return write_into(e, t, opts, path, why, why_len);
	if (lstat(path, &link) != 0)
		return fail_errno(EXPORT_BAD_DESTINATION, path, errno, why, why_len);
	if (!S_ISLNK(link.st_mode))
		return write_replacing(e, t, opts, path, &st, why, why_len);

	/* Through a symbolic link: the file it leads to is replaced, the link stays. */
	char *real = realpath(path, NULL);
	struct stat real_st;
	enum export_status status;
	if (!real || stat(real, &real_st) != 0 || real_st.st_dev != st.st_dev ||
	    real_st.st_ino != st.st_ino)
		status = fail(EXPORT_BAD_DESTINATION, path,
			      "its symbolic link cannot be followed to a file", why, why_len);
	else
		status = write_replacing(e, t, opts, real, &st, why, why_len);
	free(real);
	return status;
}
