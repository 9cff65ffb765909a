/*
 * tlsviz as a package and its diagrams for slides: the licence, the man
 * page, --help, bash completion, make install and uninstall, the build's
 * flags, the route without network; then the Mermaid, PlantUML and Markdown
 * exports of every scenario, rendered by PlantUML itself.
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
#include "suites.h"

#define SOURCE TLSVIZ_SOURCE_DIR

/* The binary under test (make check sets TLSVIZ). */
static const char *binary(void)
{
	const char *path = getenv("TLSVIZ");
	ck_assert_msg(path && *path, "TLSVIZ names the tlsviz binary to test (make check sets it)");
	return path;
}

/* Runs `command` with sh, its standard output (and error, if it says 2>&1) into `out`. */
static int shell(const char *command, struct buf *out)
{
	FILE *p = popen(command, "r");
	ck_assert_ptr_nonnull(p);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_append(out, chunk, n);
	buf_append(out, "", 1);
	out->len--;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Like shell(), the command built with printf. */
static int shellf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int shellf(struct buf *out, const char *fmt, ...)
{
	struct buf command = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&command, fmt, ap);
	va_end(ap);
	buf_append(&command, "", 1);
	int status = shell((const char *)command.data, out);
	buf_release(&command);
	return status;
}

/* Fails unless every line of `text` fits `width` columns. */
static void expect_width(const char *what, const char *text, size_t width)
{
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		char *copy = strndup(line, n);
		ck_assert_msg(text_width(copy) <= width, "%s: a line of %zu columns: %s", what,
			      text_width(copy), copy);
		free(copy);
		line += n + (line[n] == '\n');
	}
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
	ck_assert_int_eq(shell("groff -ww -z -man " SOURCE "/tlsviz.1 2>&1", &out), 0);
	ck_assert_msg(out.len == 0, "groff: %s", (char *)out.data);
	ck_assert_int_eq(shell("MANWIDTH=80 man --warnings -l " SOURCE "/tlsviz.1 2>&1 >/dev/null",
			       &out),
			 0);
	ck_assert_msg(out.len == 0, "man: %s", (char *)out.data);
	ck_assert_int_eq(shell("MANWIDTH=80 MAN_KEEP_FORMATTING= man -l " SOURCE "/tlsviz.1 "
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
	ck_assert_int_eq(shell("MANWIDTH=200 man -l " SOURCE "/tlsviz.1 2>/dev/null",
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
		{ "--scenario = tls12-r", "tls12-resume-id tls12-resume-ticket tls12-rsa " },
		{ "--compare tls12-ecdhe,tls13-0", "tls12-ecdhe,tls13-0rtt " },
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
	ck_assert_int_eq(shell("ls " SOURCE "/lessons/*.lesson | wc -l", &lessons), 0);
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
				      " WOLFSSL_SRC=%s/src tlsviz",
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
	suite_add_tcase(s, tc);
	return s;
}
