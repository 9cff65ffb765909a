#include "export/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

static const struct exporter exporters[] = {
	{ "text", "the sequence diagram as text", export_text },
	{ "json", "the whole trace: events, bytes, field trees, secrets", export_json },
	{ "pcap", "a capture for Wireshark: modeled TCP/IPv4 around the real TLS bytes",
	  export_pcap },
	{ "pcapng", "the same capture with its key log inside: Wireshark decrypts it unaided",
	  export_pcapng },
	{ "keylog", "the secrets in NSS key-log format, for Wireshark to decrypt the pcap",
	  export_keylog },
	{ "md", "Markdown: the diagram and a table of the steps", export_markdown },
	{ "mermaid", "a Mermaid sequence diagram", export_mermaid },
	{ "plantuml", "a PlantUML sequence diagram", export_plantuml },
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

int export_write(const struct exporter *e, const struct trace *t,
		 const struct export_options *opts, const char *path, char *why, size_t why_len)
{
	if (!path || strcmp(path, "-") == 0) {
		if (e->write(t, opts, stdout) != 0 || fflush(stdout) != 0) {
			snprintf(why, why_len, "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}

	/*
	 * A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written as it
	 * is: renaming a file over it would replace the device itself.
	 */
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(why, why_len, "cannot write %s: it is a directory", path);
		return -1;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		errno = 0;
		FILE *out = fopen(path, "w");
		int written = out ? e->write(t, opts, out) : -1;
		bool closed = out && fclose(out) == 0;
		if (written != 0 || !closed) {
			snprintf(why, why_len, "cannot write %s: %s", path,
				 errno ? strerror(errno) : "the exporter failed");
			return -1;
		}
		return 0;
	}

	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	char *tmp_path = (char *)tmp.data;
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		snprintf(why, why_len, "cannot write %s: %s", path, strerror(errno));
		buf_release(&tmp);
		return -1;
	}
	/* mkstemp makes the file private; an export is an ordinary file. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *out = fdopen(fd, "w");
	int status = -1;
	errno = 0;
	if (!out) {
		close(fd);
	} else {
		int written = e->write(t, opts, out);
		bool flushed = fflush(out) == 0 && fsync(fileno(out)) == 0;
		bool closed = fclose(out) == 0;
		status = written == 0 && flushed && closed ? 0 : -1;
	}
	if (status == 0 && rename(tmp_path, path) != 0)
		status = -1;
	if (status != 0) {
		snprintf(why, why_len, "cannot write %s: %s", path,
			 errno ? strerror(errno) : "the exporter failed");
		unlink(tmp_path);
	}
	buf_release(&tmp);
	return status;
}
