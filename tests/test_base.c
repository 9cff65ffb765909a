/*
 * The reader: bounds, sticky errors, sub-readers with absolute offsets. Text:
 * display widths, wrapping by columns, escaping.
 */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/mix.h"
#include "base/reader.h"
#include "base/text.h"
#include "suites.h"

static const uint8_t sample[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 };

START_TEST(reads_integers_big_endian)
{
	struct reader r = reader_init(sample, sizeof(sample), 0);
	uint8_t a;
	uint16_t b;
	uint32_t c, d;
	ck_assert(reader_u8(&r, &a));
	ck_assert(reader_u16(&r, &b));
	ck_assert(reader_u24(&r, &c));
	ck_assert(reader_u32(&r, &d) == false); /* only 3 bytes left */
	ck_assert_uint_eq(a, 0x01);
	ck_assert_uint_eq(b, 0x0203);
	ck_assert_uint_eq(c, 0x040506);
}
END_TEST

START_TEST(error_is_sticky)
{
	struct reader r = reader_init(sample, 2, 0);
	uint32_t v;
	uint8_t byte;
	ck_assert(!reader_u24(&r, &v));
	/* One byte would fit, but the reader has already failed. */
	ck_assert(!reader_u8(&r, &byte));
	ck_assert_uint_eq(reader_remaining(&r), 0);
}
END_TEST

START_TEST(sub_reader_keeps_absolute_offsets)
{
	struct reader r = reader_init(sample, sizeof(sample), 100);
	struct reader sub;
	uint8_t skip, inner;
	ck_assert(reader_u8(&r, &skip));
	ck_assert(reader_sub(&r, 3, &sub));
	ck_assert_uint_eq(reader_offset(&sub), 101);
	ck_assert_uint_eq(reader_offset(&r), 104);
	ck_assert(reader_u8(&sub, &inner));
	ck_assert_uint_eq(inner, 0x02);
	const uint8_t *run;
	ck_assert(!reader_bytes(&sub, 3, &run)); /* the sub-reader cannot overrun */
	ck_assert(sub.failed);
	ck_assert(!r.failed);
}
END_TEST

START_TEST(every_truncation_fails_cleanly)
{
	/* A length-prefixed run read from every prefix of its encoding. */
	static const uint8_t encoded[] = { 0x00, 0x03, 0xaa, 0xbb, 0xcc };
	for (size_t len = 0; len <= sizeof(encoded); len++) {
		struct reader r = reader_init(encoded, len, 0);
		uint16_t n;
		struct reader body;
		bool ok = reader_u16(&r, &n) && reader_sub(&r, n, &body);
		ck_assert_int_eq(ok, len == sizeof(encoded));
	}
}
END_TEST

START_TEST(buf_grows_and_formats)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_append(&b, "ab", 2);
	buf_printf(&b, "%d-%s", 42, "x");
	ck_assert_uint_eq(b.len, 2004);
	ck_assert(memcmp(b.data + 2000, "42-x", 4) == 0);
	buf_release(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

/* format_quick's text, through buf_printf, against the C library's for the same format. */
#define SAME_AS_LIBC(...)                                                                      \
	do {                                                                                   \
		char want[512];                                                                \
		snprintf(want, sizeof(want), __VA_ARGS__);                                     \
		struct buf got = BUF_INIT;                                                     \
		buf_printf(&got, __VA_ARGS__);                                                 \
		ck_assert_uint_eq(got.len, strlen(want));                                      \
		ck_assert_str_eq((const char *)got.data, want);                                \
		buf_release(&got);                                                             \
	} while (0)

START_TEST(quick_formatting_matches_libc)
{
	SAME_AS_LIBC("plain text, no conversion");
	SAME_AS_LIBC("%s (0x%0*x)", "x25519", 4, 0x1d);
	SAME_AS_LIBC("unknown (0x%0*x)", 8, 0xdeadbeefu);
	SAME_AS_LIBC("%u bytes, %zu entries, %lu, %llu", 0u, (size_t)18446744073709551615u,
		     4294967296ul, 18446744073709551615ull);
	SAME_AS_LIBC("%d %d %d %ld %lld", 0, -1, -2147483647 - 1, -9223372036854775807l - 1,
		     9223372036854775807ll);
	SAME_AS_LIBC("%x %02x %04x %lx %zx %8u|%08u", 0u, 7u, 0xabcu, 0xfffffffffful, (size_t)255,
		     42u, 42u);
	SAME_AS_LIBC("%hhu %hu %hhx %hx", 300, 70000, 0x1ff, 0x1ffff);
	SAME_AS_LIBC("100%% %c%c %s", 'o', 'k', "");
	/* What it leaves to vsnprintf gives the same text. */
	SAME_AS_LIBC("%5s|%-4u|%.3s|%+d|%#x|%5d|%e", "ab", 7u, "abcdef", 3, 255u, -12, 1.5);
	/* A format longer than the room first offered. */
	char long_text[100];
	memset(long_text, 'z', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	SAME_AS_LIBC("%s-%u-%s", long_text, 123456789u, long_text);
}
END_TEST

/* The published values: splitmix64 from state 0, FNV-1a 64 of "a". */
START_TEST(mixing_matches_the_reference)
{
	uint64_t state = 0;
	ck_assert_uint_eq(splitmix64(&state), 0xe220a8397b1dcdafu);
	ck_assert_uint_eq(mix_bytes((const uint8_t *)"a", 1), 0xaf63dc4c8601ec8cu);
	ck_assert_uint_eq(mix_bytes(NULL, 0), 0xcbf29ce484222325u);
}
END_TEST

/* Columns, not bytes or code points: wide characters take two, a combining mark none. */
START_TEST(text_width_is_display_width)
{
	ck_assert_uint_eq(text_width("abc"), 3);
	ck_assert_uint_eq(text_width("\u2500\u25b6"), 2);         /* box drawing, the marker */
	ck_assert_uint_eq(text_width("\u6f22\u5b57"), 4);         /* CJK */
	ck_assert_uint_eq(text_width("\U0001f600"), 2);           /* an emoji */
	ck_assert_uint_eq(text_width("e\u0301"), 1);              /* e and a combining acute */
	ck_assert_uint_eq(text_width("a\xff"), 2);                /* invalid: one column ('?') */
	ck_assert_uint_eq(text_fit("\u6f22\u5b57x", 3), 3);        /* never half a character */
	ck_assert_uint_eq(text_fit("\u6f22\u5b57x", 4), 6);
}
END_TEST

START_TEST(wrap_cuts_by_columns_at_characters)
{
	/* ASCII as before: at the last space within the width, or hard at it. */
	ck_assert_uint_eq(wrap_cut("hello world foo", 11), 11);
	ck_assert_uint_eq(wrap_cut("hello world foo", 8), 5);
	ck_assert_uint_eq(wrap_cut("abcdefghij", 4), 4);
	ck_assert_uint_eq(wrap_cut("ab\ncd", 10), 2);
	/* Four CJK characters are eight columns: five columns hold two (six bytes). */
	const char *cjk = "\u6f22\u5b57\u6f22\u5b57";
	ck_assert_uint_eq(wrap_cut(cjk, 5), 6);
	ck_assert_uint_eq(wrap_cut(cjk, 8), 12);
	/* A character wider than the line still makes progress. */
	ck_assert_uint_eq(wrap_cut(cjk, 1), 3);
	/* Emoji and a space: the cut is at the space, never inside the four bytes. */
	ck_assert_uint_eq(wrap_cut("\U0001f600 \U0001f600\U0001f600", 5), 4);
	ck_assert_uint_eq(wrap_cut("\U0001f600\U0001f600\U0001f600", 5), 8);
}
END_TEST

START_TEST(escape_shows_what_a_terminal_would_obey)
{
	struct buf b = BUF_INIT;
	const char in[] = "a\x1b[31mb\xff\xc2\x85\tc\x7f\u6f22\xe6\xbc";
	text_escape(&b, in, sizeof(in) - 1);
	ck_assert_str_eq((char *)b.data, "a\\x1b[31mb\\xff\\u0085 c\\x7f\u6f22\\xe6\\xbc");
	buf_release(&b);
	/* A right-to-left override would show the rest of the line reversed. */
	text_escape(&b, "a\u202eb\u2066c", 9);
	ck_assert_str_eq((char *)b.data, "a\\u202eb\\u2066c");
	buf_release(&b);
	/* Beyond U+10FFFF and UTF-16 surrogates are not UTF-8 (RFC 3629, section 3). */
	text_escape(&b, "\xf4\x90\x80\x80\xed\xa0\x80", 7);
	ck_assert_str_eq((char *)b.data, "\\xf4\\x90\\x80\\x80\\xed\\xa0\\x80");
	buf_release(&b);
}
END_TEST

Suite *base_suite(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase_create("reader");
	tcase_add_test(tc, reads_integers_big_endian);
	tcase_add_test(tc, error_is_sticky);
	tcase_add_test(tc, sub_reader_keeps_absolute_offsets);
	tcase_add_test(tc, every_truncation_fails_cleanly);
	tcase_add_test(tc, buf_grows_and_formats);
	tcase_add_test(tc, quick_formatting_matches_libc);
	tcase_add_test(tc, mixing_matches_the_reference);
	suite_add_tcase(s, tc);
	TCase *text = tcase_create("text");
	tcase_add_test(text, text_width_is_display_width);
	tcase_add_test(text, wrap_cuts_by_columns_at_characters);
	tcase_add_test(text, escape_shows_what_a_terminal_would_obey);
	suite_add_tcase(s, text);
	return s;
}
