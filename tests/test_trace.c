/* The record splitter and handshake reassembly, on hand-made captures. */
#include <string.h>

#include "base/buf.h"
#include "suites.h"
#include "trace/trace.h"

/* Appends a TLS record header and fragment to `b`. */
static void add_record(struct buf *b, uint8_t type, const uint8_t *fragment, size_t len)
{
	uint8_t header[5] = { type, 0x03, 0x03, (uint8_t)(len >> 8), (uint8_t)len };
	buf_append(b, header, sizeof(header));
	buf_append(b, fragment, len);
}

/* Appends a handshake message of `type` with a `len`-byte body of a repeated byte. */
static void add_handshake(struct buf *b, uint8_t type, size_t len)
{
	uint8_t header[4] = { type, (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len };
	buf_append(b, header, sizeof(header));
	for (size_t i = 0; i < len; i++)
		buf_append(b, &type, 1);
}

/* Builds a trace from `stream` cut into chunks at `cuts` (offsets), all client->server. */
static void build(struct trace *t, const struct buf *stream, const size_t *cuts, size_t ncuts)
{
	struct capture c;
	capture_init(&c);
	c.tcp_isn[0][0] = 100;
	c.tcp_isn[0][1] = 200;
	size_t from = 0;
	for (size_t i = 0; i <= ncuts; i++) {
		size_t to = i < ncuts ? cuts[i] : stream->len;
		capture_chunk(&c, DIR_CLIENT_TO_SERVER, i, stream->data + from, to - from, 0);
		from = to;
	}
	trace_build(t, &c, "test", "complete", "");
	ck_assert_uint_eq(c.chunk_count, 0); /* the trace took the capture over */
}

START_TEST(record_split_across_chunks)
{
	struct buf hs = BUF_INIT, stream = BUF_INIT;
	add_handshake(&hs, 11, 40);
	add_record(&stream, 22, hs.data, hs.len);
	size_t cuts[] = { 3, 20 };
	struct trace t;
	build(&t, &stream, cuts, 2);
	ck_assert_str_eq(t.error, "");
	ck_assert_uint_eq(t.record_count, 1);
	ck_assert_uint_eq(t.records[0].len, 5 + 44);
	ck_assert_uint_eq(t.records[0].chunk, 2);
	ck_assert_uint_eq(t.message_count, 1);
	ck_assert_uint_eq(t.messages[0].type, 11);
	ck_assert_uint_eq(t.messages[0].bytes.len, 44);
	ck_assert_uint_eq(t.messages[0].chunk, 2);
	ck_assert_uint_eq(t.messages[0].protection, PROTECTION_PLAINTEXT);
	trace_release(&t);
	buf_release(&hs);
	buf_release(&stream);
}
END_TEST

START_TEST(several_messages_in_one_record)
{
	struct buf hs = BUF_INIT, stream = BUF_INIT;
	add_handshake(&hs, 11, 30);
	add_handshake(&hs, 14, 0);
	add_record(&stream, 22, hs.data, hs.len);
	struct trace t;
	build(&t, &stream, NULL, 0);
	ck_assert_str_eq(t.error, "");
	ck_assert_uint_eq(t.record_count, 1);
	ck_assert_uint_eq(t.message_count, 2);
	ck_assert_uint_eq(t.messages[0].type, 11);
	ck_assert_uint_eq(t.messages[1].type, 14);
	ck_assert_uint_eq(t.messages[1].bytes.len, 4);
	for (int i = 0; i < 2; i++) {
		ck_assert_uint_eq(t.messages[i].first_record, 0);
		ck_assert_uint_eq(t.messages[i].last_record, 0);
	}
	trace_release(&t);
	buf_release(&hs);
	buf_release(&stream);
}
END_TEST

START_TEST(message_across_records)
{
	struct buf hs = BUF_INIT, stream = BUF_INIT;
	add_handshake(&hs, 11, 100); /* 104 bytes in three records */
	add_record(&stream, 22, hs.data, 30);
	add_record(&stream, 22, hs.data + 30, 40);
	add_record(&stream, 22, hs.data + 70, 34);
	add_record(&stream, 21, (const uint8_t[]){ 1, 0 }, 2); /* then a warning close_notify */
	struct trace t;
	build(&t, &stream, NULL, 0);
	ck_assert_str_eq(t.error, "");
	ck_assert_uint_eq(t.record_count, 4);
	ck_assert_uint_eq(t.message_count, 2);
	const struct message *m = &t.messages[0];
	ck_assert_uint_eq(m->kind, MESSAGE_HANDSHAKE);
	ck_assert_uint_eq(m->first_record, 0);
	ck_assert_uint_eq(m->last_record, 2);
	ck_assert_uint_eq(m->bytes.len, 104);
	ck_assert(memcmp(m->bytes.data, hs.data, 104) == 0);
	ck_assert_uint_eq(t.messages[1].kind, MESSAGE_ALERT);
	ck_assert_uint_eq(t.messages[1].level, 1);
	ck_assert_uint_eq(t.messages[1].type, 0);
	trace_release(&t);
	buf_release(&hs);
	buf_release(&stream);
}
END_TEST

START_TEST(steps_follow_the_wire)
{
	struct buf hs = BUF_INIT, stream = BUF_INIT;
	add_handshake(&hs, 11, 10);
	add_record(&stream, 22, hs.data, hs.len);
	struct trace t;
	build(&t, &stream, NULL, 0);
	/* SYN, SYN ACK, ACK, the data segment, the message, the server's ACK, 4 teardown. */
	ck_assert_uint_eq(t.step_count, 10);
	enum step_kind kinds[] = { STEP_SEGMENT, STEP_SEGMENT, STEP_SEGMENT, STEP_SEGMENT,
				   STEP_MESSAGE, STEP_SEGMENT };
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(t.steps[i].kind, kinds[i]);
	const struct segment *data = &t.tcp.segments[t.steps[3].index];
	ck_assert_uint_eq(data->len, stream.len);
	ck_assert_uint_eq(data->seq, 101);
	const struct segment *ack = &t.tcp.segments[t.steps[5].index];
	ck_assert_uint_eq(ack->dir, DIR_SERVER_TO_CLIENT);
	ck_assert_uint_eq(ack->ack, 101 + stream.len);
	trace_release(&t);
	buf_release(&hs);
	buf_release(&stream);
}
END_TEST

START_TEST(every_truncation_is_reported)
{
	struct buf hs = BUF_INIT, stream = BUF_INIT;
	add_handshake(&hs, 11, 20);
	add_handshake(&hs, 14, 0);
	add_record(&stream, 22, hs.data, 10);
	add_record(&stream, 22, hs.data + 10, hs.len - 10);
	for (size_t len = 1; len < stream.len; len++) {
		struct buf cut = BUF_INIT;
		buf_append(&cut, stream.data, len);
		struct trace t;
		build(&t, &cut, NULL, 0);
		/* Either a partial record or a partial message is left over: never silence. */
		ck_assert_msg(t.error[0] != '\0', "no error for a stream cut at %zu", len);
		ck_assert_uint_le(t.message_count, 1);
		trace_release(&t);
		buf_release(&cut);
	}
	buf_release(&hs);
	buf_release(&stream);
}
END_TEST

START_TEST(oversized_record_is_an_error)
{
	uint8_t header[5] = { 22, 3, 3, 0xff, 0xff };
	struct buf stream = BUF_INIT;
	buf_append(&stream, header, 5);
	for (int i = 0; i < 0xffff; i++)
		buf_append(&stream, "", 1);
	struct trace t;
	build(&t, &stream, NULL, 0);
	ck_assert_uint_eq(t.record_count, 0);
	ck_assert_ptr_nonnull(strstr(t.error, "more than TLS allows"));
	trace_release(&t);
	buf_release(&stream);
}
END_TEST

/*
 * The server's flight is two records; the client alerts after reading only
 * the first: the second it never processed, and says so. Its own alert, and
 * what it read, were processed.
 */
START_TEST(messages_after_an_alert_are_unread)
{
	struct buf flight = BUF_INIT, first = BUF_INIT, second = BUF_INIT, alert = BUF_INIT;
	add_handshake(&first, 2, 10);
	add_handshake(&second, 11, 10);
	add_record(&flight, 22, first.data, first.len);
	size_t read_by_client = flight.len;
	add_record(&flight, 22, second.data, second.len);
	static const uint8_t handshake_failure[2] = { 2, 40 };
	add_record(&alert, 21, handshake_failure, sizeof(handshake_failure));
	struct capture c;
	capture_init(&c);
	capture_chunk(&c, DIR_SERVER_TO_CLIENT, 1, flight.data, flight.len, 0);
	capture_chunk(&c, DIR_CLIENT_TO_SERVER, 2, alert.data, alert.len, read_by_client);
	struct trace t;
	trace_build(&t, &c, "test", "failed", "");
	ck_assert_uint_eq(t.message_count, 3);
	ck_assert(!t.messages[0].unread);
	ck_assert(t.messages[1].unread);
	ck_assert(!t.messages[2].unread);
	/* Had it read the whole flight before alerting, nothing would be unread. */
	trace_release(&t);
	capture_init(&c);
	capture_chunk(&c, DIR_SERVER_TO_CLIENT, 1, flight.data, flight.len, 0);
	capture_chunk(&c, DIR_CLIENT_TO_SERVER, 2, alert.data, alert.len, flight.len);
	trace_build(&t, &c, "test", "failed", "");
	for (size_t i = 0; i < t.message_count; i++)
		ck_assert(!t.messages[i].unread);
	trace_release(&t);
	buf_release(&flight);
	buf_release(&first);
	buf_release(&second);
	buf_release(&alert);
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("records");
	tcase_add_test(tc, record_split_across_chunks);
	tcase_add_test(tc, several_messages_in_one_record);
	tcase_add_test(tc, message_across_records);
	tcase_add_test(tc, steps_follow_the_wire);
	tcase_add_test(tc, every_truncation_is_reported);
	tcase_add_test(tc, oversized_record_is_an_error);
	tcase_add_test(tc, messages_after_an_alert_are_unread);
	suite_add_tcase(s, tc);
	return s;
}
