/*
 * tlsviz as a package and its diagrams for slides: the licence, the man
 * page, --help, bash completion, make install and uninstall, the build's
 * flags, the route without network, the test PKI as OpenSSL sees it; then
 * the Mermaid, PlantUML and Markdown exports of every scenario, rendered by
 * PlantUML itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "engine/engine.h"
#include "export/export.h"
#include "layout/layout.h"
#include "suites.h"

#define SOURCE TLSVIZ_SOURCE_DIR

/* The binary under test (make check sets TLSVIZ). */
static const char *binary(void)
{
	const char *path = getenv("TLSVIZ");
	ck_assert_msg(path && *path, "TLSVIZ names the tlsviz binary to test (make check sets it)");
	return path;
}

/* Like shell_output(), the command built with printf. */
static int shellf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int shellf(struct buf *out, const char *fmt, ...)
{
	struct buf command = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&command, fmt, ap);
	va_end(ap);
	buf_append(&command, "", 1);
	int status = shell_output((const char *)command.data, out);
	buf_release(&command);
	return status;
}

/*
 * Fails unless every line of `text` fits `width` columns; with `fenced_free`,
 * lines inside ``` fences are not measured (commands that must paste whole).
 */
static void expect_width_of(const char *what, const char *text, size_t width, bool fenced_free)
{
	bool fenced = false;
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		char *copy = strndup(line, n);
		if (strncmp(copy, "```", 3) == 0)
			fenced = !fenced;
		else if (!(fenced_free && fenced))
			ck_assert_msg(text_width(copy) <= width, "%s: a line of %zu columns: %s",
				      what, text_width(copy), copy);
		free(copy);
		line += n + (line[n] == '\n');
	}
}

static void expect_width(const char *what, const char *text, size_t width)
{
	expect_width_of(what, text, width, false);
}

START_TEST(help_fits_80_columns_and_version_names_the_licence)
{
	struct buf out = BUF_INIT;
	ck_assert_int_eq(shellf(&out, "%s --help", binary()), 0);
	expect_width("--help", (char *)out.data, 80);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "%s --version", binary()), 0);
	ck_assert_ptr_nonnull(strstr((char *)out.data, "GPL-2.0-or-later"));
	expect_width("--version", (char *)out.data, 80);
	buf_release(&out);

	struct buf licence = BUF_INIT;
	ck_assert(read_whole_file(SOURCE "/LICENSE", &licence));
	ck_assert_ptr_nonnull(strstr((char *)licence.data, "GNU GENERAL PUBLIC LICENSE"));
	ck_assert_ptr_nonnull(strstr((char *)licence.data, "Version 2, June 1991"));
	buf_release(&licence);
}
END_TEST

START_TEST(man_page_renders_without_warnings)
{
	struct buf out = BUF_INIT;
	ck_assert_int_eq(shell_output("groff -ww -z -man " SOURCE "/tlsviz.1 2>&1", &out), 0);
	ck_assert_msg(out.len == 0, "groff: %s", (char *)out.data);
	ck_assert_int_eq(shell_output("MANWIDTH=80 man --warnings -l " SOURCE "/tlsviz.1 2>&1 >/dev/null",
			       &out),
			 0);
	ck_assert_msg(out.len == 0, "man: %s", (char *)out.data);
	ck_assert_int_eq(shell_output("MANWIDTH=80 MAN_KEEP_FORMATTING= man -l " SOURCE "/tlsviz.1 "
			       "2>/dev/null",
			       &out),
			 0);
	expect_width("man tlsviz", (char *)out.data, 80);
	static const char *const sections[] = { "SYNOPSIS", "OPTIONS", "EXPORT FORMATS",
						"EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES",
						"WOLFSSL_SRC", "NO_COLOR" };
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		ck_assert_msg(strstr((char *)out.data, sections[i]), "no %s in the man page",
			      sections[i]);
	buf_release(&out);
}
END_TEST

/* Every option and format that --help names is in the man page. */
START_TEST(man_page_documents_every_option_and_format)
{
	struct buf help = BUF_INIT, page = BUF_INIT, words = BUF_INIT;
	ck_assert_int_eq(shellf(&help, "%s --help", binary()), 0);
	ck_assert_int_eq(shell_output("MANWIDTH=200 man -l " SOURCE "/tlsviz.1 2>/dev/null",
			       &page),
			 0);
	ck_assert_int_eq(shellf(&words,
				"%s --help | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' "
				"| sort -u; %s --help | sed -n 's/^Formats: //p' | tr -d ','",
				binary(), binary()),
			 0);
	unsigned checked = 0;
	for (char *w = strtok((char *)words.data, " \n"); w; w = strtok(NULL, " \n")) {
		/* An entry of the man page starts with the option or format ("-s, --scenario"). */
		struct buf first = BUF_INIT, second = BUF_INIT;
		buf_printf(&first, "\n       %s", w);
		buf_append(&first, "", 1);
		buf_printf(&second, ", %s", w);
		buf_append(&second, "", 1);
		ck_assert_msg(strstr((char *)page.data, (char *)first.data) ||
				      strstr((char *)page.data, (char *)second.data),
			      "the man page has no entry for %s", w);
		buf_release(&first);
		buf_release(&second);
		checked++;
	}
	ck_assert_uint_ge(checked, 20);
	buf_release(&help);
	buf_release(&page);
	buf_release(&words);
}
END_TEST

/*
 * What bash completes for `words` (the last one being completed), for the
 * program `program`.
 */
static void complete(const char *program, const char *words, struct buf *out)
{
	out->len = 0;
	ck_assert_int_eq(shellf(out,
				"bash -c 'source " SOURCE "/src/completion/tlsviz.bash; "
				"COMP_WORDS=(%s %s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
				"_tlsviz; printf \"%%s \" \"${COMPREPLY[@]}\"'",
				program, words),
			 0);
}

START_TEST(completion_offers_options_scenarios_lessons_formats)
{
	static const struct {
		const char *words, *expected;
	} cases[] = {
		{ "-s tls13-r", "tls13-resume " },
		{ "--scenario = tls12-res", "tls12-resume-id tls12-resume-ticket " },
		{ "--compare tls12-ecdhe,tls13-k", "tls12-ecdhe,tls13-keyupdate " },
		{ "--lesson zero", "zero-rtt " },
		{ "-e merm", "mermaid " },
		{ "--export pl", "plantuml " },
		{ "--comp", "--compare " },
		{ "--seed \"\"", " " },
	};
	/* A copy of the program with the lessons beside it, as in a checkout. */
	char dir[] = "/tmp/tlsviz-complete.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf out = BUF_INIT, program = BUF_INIT;
	ck_assert_int_eq(shellf(&out, "cp %s %s/tlsviz && ln -s " SOURCE "/lessons %s/lessons",
				binary(), dir, dir),
			 0);
	buf_printf(&program, "%s/tlsviz", dir);
	buf_append(&program, "", 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		complete((char *)program.data, cases[i].words, &out);
		ck_assert_msg(strcmp((char *)out.data, cases[i].expected) == 0,
			      "tlsviz %s<Tab>: '%s', not '%s'", cases[i].words, (char *)out.data,
			      cases[i].expected);
	}
	/* Every available scenario, and only those. */
	complete((char *)program.data, "-s \"\"", &out);
	for (size_t i = 0; i < scenario_count; i++) {
		struct buf name = BUF_INIT;
		buf_printf(&name, " %s ", scenarios[i].name);
		buf_append(&name, "", 1);
		struct buf padded = BUF_INIT;
		buf_printf(&padded, " %s", (char *)out.data);
		buf_append(&padded, "", 1);
		bool offered = strstr((char *)padded.data, (char *)name.data) != NULL;
		ck_assert_msg(offered == !engine_unavailable_reason(&scenarios[i]), "%s %s offered",
			      scenarios[i].name, offered ? "is" : "is not");
		buf_release(&name);
		buf_release(&padded);
	}
	/* A lesson by its path. */
	complete((char *)program.data, "--lesson " SOURCE "/lessons/zero", &out);
	ck_assert_str_eq((char *)out.data, SOURCE "/lessons/zero-rtt.lesson ");
	/* --open's files, and no guess at a connection's number. */
	static const char *const files[] = { "--open", "--keylog", "--rsa-key" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct buf words = BUF_INIT;
		buf_printf(&words, "%s " SOURCE "/tlsviz.", files[i]);
		buf_append(&words, "", 1);
		complete((char *)program.data, (char *)words.data, &out);
		ck_assert_msg(strcmp((char *)out.data, SOURCE "/tlsviz.1 ") == 0, "%s<Tab>: '%s'",
			      (char *)words.data, (char *)out.data);
		buf_release(&words);
	}
	complete((char *)program.data, "--open x.pcap --connection \"\"", &out);
	ck_assert_str_eq((char *)out.data, " ");
	ck_assert_int_eq(shellf(&out, "rm -r %s", dir), 0);
	buf_release(&out);
	buf_release(&program);
}
END_TEST

/*
 * The variables of the running build, so that make install copies this
 * build's binary instead of building another.
 */
#ifndef TLSVIZ_MAKE_VARS
#define TLSVIZ_MAKE_VARS ""
#endif
#define MAKE "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C " SOURCE " " TLSVIZ_MAKE_VARS

START_TEST(install_and_uninstall_put_and_remove_the_same_files)
{
	char dir[] = "/tmp/tlsviz-install.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf out = BUF_INIT;
	ck_assert_msg(shellf(&out, MAKE " install DESTDIR=%s PREFIX=/usr 2>&1", dir) == 0, "%s",
		      (char *)out.data);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "cd %s && find . -type f | sort", dir), 0);
	struct buf lessons = BUF_INIT;
	ck_assert_int_eq(shell_output("ls " SOURCE "/lessons/*.lesson | wc -l", &lessons), 0);
	static const char *const files[] = {
		"./usr/bin/tlsviz\n",
		"./usr/share/man/man1/tlsviz.1\n",
		"./usr/share/bash-completion/completions/tlsviz\n",
		"./usr/share/doc/tlsviz/LICENSE\n",
		"./usr/share/tlsviz/lessons/tls12-rsa.lesson\n",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ck_assert_msg(strstr((char *)out.data, files[i]), "not installed: %s", files[i]);
	size_t count = 0;
	for (const char *p = (char *)out.data; (p = strchr(p, '\n')); p++)
		count++;
	ck_assert_uint_eq(count, 4 + strtoul((char *)lessons.data, NULL, 10));

	/* The installed program finds the installed lessons. */
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "%s/usr/bin/tlsviz --list", dir), 0);
	ck_assert_ptr_nonnull(strstr((char *)out.data, "/share/tlsviz/lessons:\n"));

	out.len = 0;
	ck_assert_msg(shellf(&out, MAKE " uninstall DESTDIR=%s PREFIX=/usr 2>&1", dir) == 0, "%s",
		      (char *)out.data);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "cd %s && find . -type f; find . -name '*tlsviz*'", dir), 0);
	ck_assert_msg(out.len == 0, "left after uninstall:\n%s", (char *)out.data);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "rm -r %s", dir), 0);
	buf_release(&out);
	buf_release(&lessons);
}
END_TEST

/*
 * Fails unless every command of `commands` (lines joined where they end in a
 * backslash) that contains `marker` also contains each of `flags`.
 */
static void expect_flags(const char *commands, const char *marker, const char *const *flags,
			 unsigned min_lines)
{
	unsigned lines = 0;
	for (const char *line = commands; *line;) {
		size_t n = 0;
		while (line[n] && line[n] != '\n')
			n += line[n] == '\\' && line[n + 1] == '\n' ? 2 : 1;
		char *copy = strndup(line, n);
		if (strstr(copy, marker)) {
			lines++;
			for (size_t i = 0; flags[i]; i++)
				ck_assert_msg(strstr(copy, flags[i]), "no %s in: %s", flags[i], copy);
		}
		free(copy);
		line += n + (line[n] == '\n');
	}
	ck_assert_uint_ge(lines, min_lines);
}

START_TEST(build_honours_cppflags_cflags_ldflags)
{
	struct buf out = BUF_INIT;
	/* make -n -B: every command of a full build and test run, none run. */
	ck_assert_int_eq(shellf(&out,
				MAKE " -n -B check CPPFLAGS=-DPROBE_CPP LDFLAGS=-Wl,-z,relro "
				     "CFLAGS='-O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong'"),
			 0);
	const char *compile[] = { "-DPROBE_CPP", "-D_FORTIFY_SOURCE=2",
				  "-fstack-protector-strong", NULL };
	const char *link[] = { "-Wl,-z,relro", NULL };
	expect_flags((char *)out.data, "-c src/", compile, 30);
	expect_flags((char *)out.data, "-c tests/", compile, 5);
	expect_flags((char *)out.data, "/tlsviz build/", link, 1);
	expect_flags((char *)out.data, "/check_tlsviz build/", link, 1);
	/* From the environment too. */
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "CFLAGS=-DPROBE_ENV CPPFLAGS=-DPROBE_ENV_CPP " MAKE
				      " -n -B tlsviz"),
			 0);
	const char *env[] = { "-DPROBE_ENV", "-DPROBE_ENV_CPP", NULL };
	expect_flags((char *)out.data, "-c src/", env, 30);
	buf_release(&out);
}
END_TEST

/* WOLFSSL_SRC=DIR builds from DIR and never fetches: apt-get is not even called. */
START_TEST(wolfssl_src_needs_no_network)
{
	char dir[] = "/tmp/tlsviz-nonet.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf out = BUF_INIT;
	ck_assert_int_eq(shellf(&out,
				"mkdir %s/bin %s/src && printf '#!/bin/sh\\ntouch %s/fetched\\n"
				"exit 1\\n' > %s/bin/apt-get && chmod +x %s/bin/apt-get",
				dir, dir, dir, dir, dir),
			 0);
	out.len = 0;
	int status = shellf(&out, "PATH=%s/bin:$PATH sh " SOURCE "/src/build/wolfssl.sh %s/out "
				  "%s/src 2>&1",
			    dir, dir, dir);
	ck_assert_int_eq(status, 2);
	ck_assert_msg(strstr((char *)out.data, "is not a wolfSSL source tree"), "%s",
		      (char *)out.data);
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/fetched", dir);
	buf_append(&path, "", 1);
	ck_assert_msg(access((char *)path.data, F_OK) != 0, "wolfssl.sh called apt-get");
	/* And make passes the tree to it. */
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n -C " SOURCE
				      " WOLFSSL=bundled WOLFSSL_SRC=%s/src SANITIZE= tlsviz",
				dir),
			 0);
	struct buf expected = BUF_INIT;
	buf_printf(&expected, "sh src/build/wolfssl.sh build/wolfssl-src-src %s/src", dir);
	buf_append(&expected, "", 1);
	ck_assert_msg(strstr((char *)out.data, (char *)expected.data), "%s", (char *)out.data);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "rm -r %s", dir), 0);
	buf_release(&out);
	buf_release(&path);
	buf_release(&expected);
}
END_TEST

/*
 * The test PKI, checked by OpenSSL rather than by the wolfSSL under test:
 * each certificate is issued by the test CA (but untrusted.pem), valid at the
 * seeded clock, pairs with its key, and the server's names www.example.com.
 */
START_TEST(test_pki_verifies_with_openssl)
{
	static const struct {
		const char *cert, *key;
		bool trusted;
	} pki[] = {
		{ "server-rsa", "server-rsa-key", true },
		{ "server-ecdsa", "server-ecdsa-key", true },
		{ "client", "client-key", true },
		{ "untrusted", "untrusted-key", false },
	};
	struct buf out = BUF_INIT, cert_key = BUF_INIT, key = BUF_INIT;
	for (size_t i = 0; i < sizeof(pki) / sizeof(pki[0]); i++) {
		/* 1767225600: 2026-01-01, the clock of a --seed run (engine.c). */
		out.len = 0;
		int status = shellf(&out, "openssl verify -attime 1767225600 -CAfile " SOURCE
					  "/assets/ca.pem " SOURCE "/assets/%s.pem 2>&1",
				    pki[i].cert);
		ck_assert_msg((status == 0) == pki[i].trusted, "%s: %s", pki[i].cert,
			      (char *)out.data);
		cert_key.len = key.len = 0;
		ck_assert_int_eq(shellf(&cert_key, "openssl x509 -in " SOURCE "/assets/%s.pem "
						   "-noout -pubkey",
					pki[i].cert),
				 0);
		ck_assert_int_eq(shellf(&key, "openssl pkey -in " SOURCE "/assets/%s.pem -pubout",
					pki[i].key),
				 0);
		ck_assert_msg(cert_key.len > 0 && strcmp((char *)cert_key.data, (char *)key.data) == 0,
			      "%s.pem does not pair with %s.pem", pki[i].cert, pki[i].key);
	}
	out.len = 0;
	ck_assert_int_eq(shell_output("openssl x509 -in " SOURCE "/assets/server-rsa.pem -noout "
			       "-checkhost www.example.com",
			       &out),
			 0);
	ck_assert_ptr_nonnull(strstr((char *)out.data, "does match certificate"));
	buf_release(&out);
	buf_release(&cert_key);
	buf_release(&key);
}
END_TEST

/* Writes `t` with the exporter `name` into `out`, NUL-terminated. */
static void export_with(const char *name, const struct trace *t,
			const struct export_options *opts, struct buf *out)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(exporter_find(name)->write(t, opts, f), 0);
	fclose(f);
	out->len = 0;
	buf_append(out, data, len);
	buf_append(out, "", 1);
	out->len--;
	free(data);
}

static void export_to(const char *name, const struct trace *t, struct buf *out)
{
	export_with(name, t, &(struct export_options){ 0 }, out);
}

/* `text` without its line breaks (real, "\n" and "<br/>"), blanks and escapes, to compare. */
static char *squeeze(const char *text)
{
	static const struct {
		const char *from, *to;
	} undo[] = { { "<br/>", "" }, { "\\n", "" }, { "#35;", "#" }, { "#59;", ";" },
		     { "#lt;", "<" }, { "#gt;", ">" }, { "<U+0027>", "'" },
		     { "~<", "<" } };
	char *out = xcalloc(strlen(text) + 1, 1), *o = out;
	for (const char *p = text; *p;) {
		size_t i = 0;
		for (; i < sizeof(undo) / sizeof(undo[0]); i++)
			if (strncmp(p, undo[i].from, strlen(undo[i].from)) == 0)
				break;
		if (i < sizeof(undo) / sizeof(undo[0])) {
			o = stpcpy(o, undo[i].to);
			p += strlen(undo[i].from);
		} else {
			if (*p != ' ' && *p != '\n')
				*o++ = *p;
			p++;
		}
	}
	return out;
}

/* How often `needle` occurs in `text`. */
static unsigned occurrences(const char *text, const char *needle)
{
	unsigned n = 0;
	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/*
 * Mermaid and PlantUML: the text diagram's notes (legend, tampering, outcome)
 * all there, one arrow per numbered flight, title and note lines wrapped, and
 * in PlantUML a page per connection.
 */
START_TEST(slides_carry_the_trace_legend_and_outcome)
{
	const struct scenario *sc = &scenarios[_i];
	if (engine_unavailable_reason(sc))
		return;
	struct trace t;
	scenario_trace(sc->name, &t);
	struct layout notes;
	layout_notes(&notes, &t, false);
	struct sequence_item *items;
	size_t count = layout_sequence(&t, &(struct layout_options){ 0 }, &items);
	struct buf out = BUF_INIT;
	static const char *const formats[] = { "mermaid", "plantuml" };
	for (size_t f = 0; f < 2; f++) {
		export_to(formats[f], &t, &out);
		const char *text = (const char *)out.data;
		char *flat = squeeze(text);
		for (size_t i = 0; i < notes.count; i++) {
			char *note = squeeze(notes.lines[i].spans[0].text);
			ck_assert_msg(strstr(flat, note), "%s %s: no note '%s'", sc->name,
				      formats[f], notes.lines[i].spans[0].text);
			free(note);
		}
		free(flat);
		/* Each flight once, numbered; its messages under it. */
		for (size_t i = 0; i < count; i++) {
			struct buf label = BUF_INIT;
			if (i == 0 || items[i].number != items[i - 1].number)
				buf_printf(&label, ": %u. %s", items[i].number, items[i].label);
			else
				buf_printf(&label, "%s%s", f ? "\\n" : "<br/>", items[i].label);
			buf_append(&label, "", 1);
			char *want = squeeze((char *)label.data);
			char *have = squeeze(text);
			ck_assert_msg(strstr(have, want), "%s %s: no '%s'", sc->name, formats[f],
				      (char *)label.data);
			free(want);
			free(have);
			buf_release(&label);
		}
		unsigned arrows = occurrences(text, f ? "C -> S : " : "C->>S: ") +
				  occurrences(text, f ? "S -> C : " : "S->>C: ");
		ck_assert_uint_eq(arrows, count ? items[count - 1].number : 0);
		ck_assert_uint_eq(occurrences(text, "\nnewpage "), f ? t.conn_count - 1 : 0);
		ck_assert_uint_eq(occurrences(text, "sequenceDiagram\n"), f ? 0 : 1);
		/* Titles and notes wrap: no piece between two breaks is wider than a half slide. */
		for (const char *line = text; *line;) {
			size_t n = strcspn(line, "\n");
			bool wrapped = strncmp(line, "title ", 6) == 0 ||
				       strncmp(line, "    Note over C,S: ", 19) == 0 ||
				       (f && strstr(text, "note over C, S\n") < line);
			if (wrapped)
				for (const char *p = line; p < line + n;) {
					const char *br = strstr(p, f ? "\\n" : "<br/>");
					size_t piece = br && br < line + n ? (size_t)(br - p)
									   : (size_t)(line + n - p);
					ck_assert_msg(piece <= 40 + 19, "%s %s: %.*s", sc->name,
						      formats[f], (int)n, line);
					p += piece + (br && br < line + n ? strlen(f ? "\\n" : "<br/>")
									  : 0);
				}
			line += n + (line[n] == '\n');
		}
	}
	free(items);
	layout_release(&notes);
	buf_release(&out);
	trace_release(&t);
}
END_TEST

/*
 * Mermaid in a Markdown document: a fenced diagram per connection, numbered
 * on from the one before, each with the notes under it (a slide each).
 */
START_TEST(mermaid_in_markdown_has_a_diagram_per_connection)
{
	static const char *const names[] = { "tls13", "tls13-resume", "tls12-resume-id" };
	struct trace t;
	scenario_trace(names[_i], &t);
	struct buf out = BUF_INIT;
	export_with("mermaid", &t, &(struct export_options){ .markdown = true }, &out);
	const char *text = (const char *)out.data;
	unsigned conns = t.conn_count;
	ck_assert_uint_eq(occurrences(text, "```mermaid\nsequenceDiagram\n"), conns);
	ck_assert_uint_eq(occurrences(text, "\n```\n"), conns);
	ck_assert_uint_eq(occurrences(text, "sequenceDiagram"), conns);
	ck_assert_uint_eq(occurrences(text, ": 2nd connection\n"), conns - 1);
	ck_assert_uint_eq(strncmp(text, "```mermaid\n", 11), 0);
	struct layout notes;
	layout_notes(&notes, &t, false);
	char *first = squeeze(notes.lines[0].spans[0].text);
	char *flat = squeeze(text);
	ck_assert_uint_eq(occurrences(flat, first), conns);
	/* The numbers run on: the second diagram's first arrow follows the first's last. */
	struct sequence_item *items;
	size_t count = layout_sequence(&t, &(struct layout_options){ 0 }, &items);
	unsigned arrows = occurrences(text, "C->>S: ") + occurrences(text, "S->>C: ");
	ck_assert_uint_eq(arrows, items[count - 1].number);
	free(items);
	free(first);
	free(flat);
	layout_release(&notes);
	buf_release(&out);
	trace_release(&t);
}
END_TEST

/* Text that is syntax in Mermaid or PlantUML stays text: a failure's reason says anything. */
START_TEST(slides_escape_hostile_text)
{
	/* A client that "sends application data" in clear, and a reason written to hurt. */
	static const uint8_t record[] = { 23, 3, 3, 0, 2, 'h', 'i' };
	struct capture c;
	capture_init(&c);
	capture_chunk(&c, DIR_CLIENT_TO_SERVER, 0, record, sizeof(record), 0);
	struct trace t;
	/* The quote lands at the start of a wrapped note line, where PlantUML sees a comment. */
	trace_build(&t, &c, "hostile", "failed",
		    "01234567890123456789012 'quoted'; #1 <b>end</b>");
	struct buf out = BUF_INIT;
	export_to("plantuml", &t, &out);
	ck_assert_msg(strstr((char *)out.data, "\n<U+0027>quoted'; #1 ~<b>end~</b>\n"), "%s",
		      (char *)out.data);
	export_to("mermaid", &t, &out);
	ck_assert_msg(strstr((char *)out.data, "'quoted'#59; #35;1 #lt;b#gt;end#lt;/b#gt;"), "%s",
		      (char *)out.data);
	buf_release(&out);
	trace_release(&t);
}
END_TEST

/* Markdown: the table numbers its steps as the diagram does, with time and connection. */
START_TEST(markdown_table_numbers_as_the_diagram)
{
	const struct scenario *sc = &scenarios[_i];
	if (engine_unavailable_reason(sc) || sc->bulk_bytes)
		return;
	struct trace t;
	scenario_trace(sc->name, &t);
	struct buf md = BUF_INIT;
	export_to("md", &t, &md);
	char *text = (char *)md.data;
	/* The diagram and the table fit 80 columns; the math's commands stand whole. */
	char *math = strstr(text, "\n## The math\n");
	if (math)
		*math = '\0';
	expect_width(sc->name, text, 80);
	if (math) {
		*math = '\n';
		expect_width_of(sc->name, math, 80, true);
	}
	const char *table = strstr(text, "\n| # | time | connection | from | message |\n");
	ck_assert_ptr_nonnull(table);
	struct sequence_item *items;
	size_t count = layout_sequence(&t, &(struct layout_options){ 0 }, &items);
	const char *row = strchr(strchr(table + 1, '\n') + 1, '\n') + 1;
	for (size_t i = 0; i < count; i++) {
		char time[16];
		format_time_us(items[i].arrival_us, time, sizeof(time));
		struct buf want = BUF_INIT;
		buf_printf(&want, "| %u | %s | %u | %s | `%s` |\n", items[i].number, time,
			   items[i].conn + 1,
			   items[i].dir == DIR_CLIENT_TO_SERVER ? "client" : "server", items[i].label);
		buf_append(&want, "", 1);
		ck_assert_msg(strncmp(row, (char *)want.data, want.len - 1) == 0, "%s: '%.*s', not '%s'",
			      sc->name, (int)strcspn(row, "\n"), row, (char *)want.data);
		/* The diagram in the code block has the same number on the flight's first message. */
		if (i == 0 || items[i].number != items[i - 1].number) {
			struct buf numbered = BUF_INIT;
			buf_printf(&numbered, "%s %u. %s", time, items[i].number, items[i].label);
			buf_append(&numbered, "", 1);
			bool found = false;
			for (const char *p = text; p < table && !found; p = strchr(p, '\n') + 1) {
				/* "100ms │             5. ServerHello │": the time, then the label. */
				size_t n = strcspn(p, "\n");
				char *line = strndup(p, n);
				char *at = strstr(line, (char *)numbered.data + strlen(time) + 1);
				found = strncmp(line + strspn(line, " "), time, strlen(time)) == 0 && at;
				free(line);
			}
			ck_assert_msg(found, "%s: the diagram has no '%s'", sc->name,
				      (char *)numbered.data);
			buf_release(&numbered);
		}
		buf_release(&want);
		row = strchr(row, '\n') + 1;
	}
	/* The table ends the document, or the math follows it. */
	ck_assert_msg(*row == '\0' || strncmp(row, "\n## The math\n", 13) == 0,
		      "%s: after the table: %.60s", sc->name, row);
	free(items);
	buf_release(&md);
	trace_release(&t);
}
END_TEST

/* PlantUML itself reads every scenario's export (one JVM for all of them). */
START_TEST(plantuml_renders_every_scenario)
{
	ck_assert_msg(system("command -v plantuml >/dev/null 2>&1") == 0,
		      "plantuml is not installed (make deps-check installs it)");
	char dir[] = "/tmp/tlsviz-puml.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct buf out = BUF_INIT, files = BUF_INIT;
	unsigned count = 0;
	for (size_t i = 0; i < scenario_count; i++) {
		/* The bulk scenario's 2,048 records are one flight like any other: skipped for time. */
		if (engine_unavailable_reason(&scenarios[i]) || scenarios[i].bulk_bytes)
			continue;
		out.len = 0;
		ck_assert_int_eq(shellf(&out, "%s -s %s -e plantuml -o %s/%s.puml", binary(),
					scenarios[i].name, dir, scenarios[i].name),
				 0);
		buf_printf(&files, " %s/%s.puml", dir, scenarios[i].name);
		count++;
	}
	buf_append(&files, "", 1);
	ck_assert_uint_ge(count, 20);
	out.len = 0;
	int status = shellf(&out, "plantuml -checkonly -failfast2 %s 2>&1", (char *)files.data);
	ck_assert_msg(status == 0, "plantuml -checkonly: %s", (char *)out.data);
	out.len = 0;
	ck_assert_int_eq(shellf(&out, "rm -r %s", dir), 0);
	buf_release(&out);
	buf_release(&files);
}
END_TEST

Suite *package_suite(void)
{
	Suite *s = suite_create("package");
	TCase *tc = tcase_create("package");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, help_fits_80_columns_and_version_names_the_licence);
	tcase_add_test(tc, man_page_renders_without_warnings);
	tcase_add_test(tc, man_page_documents_every_option_and_format);
	tcase_add_test(tc, completion_offers_options_scenarios_lessons_formats);
	tcase_add_test(tc, install_and_uninstall_put_and_remove_the_same_files);
	tcase_add_test(tc, build_honours_cppflags_cflags_ldflags);
	tcase_add_test(tc, wolfssl_src_needs_no_network);
	tcase_add_test(tc, test_pki_verifies_with_openssl);
	suite_add_tcase(s, tc);
	TCase *slides = tcase_create("slides");
	tcase_set_timeout(slides, 120);
	tcase_add_loop_test(slides, slides_carry_the_trace_legend_and_outcome, 0, (int)scenario_count);
	tcase_add_loop_test(slides, markdown_table_numbers_as_the_diagram, 0, (int)scenario_count);
	tcase_add_loop_test(slides, mermaid_in_markdown_has_a_diagram_per_connection, 0, 3);
	tcase_add_test(slides, slides_escape_hostile_text);
	tcase_add_test(slides, plantuml_renders_every_scenario);
	suite_add_tcase(s, slides);
	return s;
}
