/*
 * The TCP model: sequence and acknowledgement arithmetic on the timeline, MSS
 * segmentation, teardown, checksums.
 */
#include <signal.h>
#include <string.h>

#include "suites.h"
#include "trace/tcp.h"

static const uint32_t isn[2] = { 1000, 5000 };

START_TEST(three_way_handshake)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m);
	ck_assert_uint_eq(m.count, 3);
	const struct segment *syn = &m.segments[0], *syn_ack = &m.segments[1], *ack = &m.segments[2];
	ck_assert_uint_eq(syn->flags, TCP_SYN);
	ck_assert_uint_eq(syn->seq, 1000);
	ck_assert_uint_eq(syn->mss, 1460);
	ck_assert_uint_eq(syn->window_scale, TCP_WINDOW_SCALE);
	ck_assert_uint_eq(syn_ack->flags, TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(syn_ack->seq, 5000);
	ck_assert_uint_eq(syn_ack->ack, 1001); /* the SYN takes one sequence number */
	ck_assert_uint_eq(syn_ack->mss, 1460);
	ck_assert_uint_eq(ack->flags, TCP_ACK);
	ck_assert_uint_eq(ack->seq, 1001);
	ck_assert_uint_eq(ack->ack, 5001);
	ck_assert_uint_eq(ack->mss, 0);
	ck_assert_uint_eq(ack->window_scale, 0);
	/* One tick (half a round trip) each way. */
	ck_assert_uint_eq(syn->tick, 0);
	ck_assert_uint_eq(syn_ack->tick, 1);
	ck_assert_uint_eq(ack->tick, 2);
	tcp_release(&m);
}
END_TEST

START_TEST(writes_are_cut_at_the_mss)
{
	struct tcp_model m;
	tcp_init(&m, 1000, isn);
	tcp_open(&m);
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 2500, 3);
	ck_assert_uint_eq(m.count, 6);
	size_t expected_len[] = { 1000, 1000, 500 };
	for (int i = 0; i < 3; i++) {
		const struct segment *s = &m.segments[3 + i];
		ck_assert_uint_eq(s->dir, DIR_SERVER_TO_CLIENT);
		ck_assert_uint_eq(s->len, expected_len[i]);
		ck_assert_uint_eq(s->seq, 5001 + 1000 * (uint32_t)i);
		ck_assert_uint_eq(s->ack, 1001);
		ck_assert_uint_eq(s->stream_offset, 1000 * (size_t)i);
		ck_assert_uint_eq(s->role, SEGMENT_DATA);
		/* PSH marks the end of the write only. */
		ck_assert_uint_eq(s->flags, i == 2 ? (TCP_ACK | TCP_PSH) : TCP_ACK);
	}
	tcp_ack(&m, DIR_CLIENT_TO_SERVER, 4);
	ck_assert_uint_eq(m.segments[6].ack, 5001 + 2500);
	ck_assert_uint_eq(m.segments[6].seq, 1001);
	ck_assert_uint_eq(m.segments[6].len, 0);
	tcp_release(&m);
}
END_TEST

START_TEST(sequence_numbers_wrap)
{
	const uint32_t high[2] = { 0xfffffff0u, 10 };
	struct tcp_model m;
	tcp_init(&m, 1460, high);
	tcp_open(&m);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 100, 2);
	ck_assert_uint_eq(m.segments[3].seq, 0xfffffff1u);
	tcp_ack(&m, DIR_SERVER_TO_CLIENT, 3);
	ck_assert_uint_eq(m.segments[4].ack, (uint32_t)(0xfffffff1u + 100));
	tcp_release(&m);
}
END_TEST

START_TEST(teardown_after_data)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 10, 2);
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 20, 3);
	tcp_close(&m, 4);
	ck_assert_uint_eq(m.count, 9);
	const struct segment *fin1 = &m.segments[5], *ack1 = &m.segments[6];
	const struct segment *fin2 = &m.segments[7], *ack2 = &m.segments[8];
	ck_assert_uint_eq(fin1->flags, TCP_FIN | TCP_ACK);
	ck_assert_uint_eq(fin1->seq, 1011);
	ck_assert_uint_eq(fin1->ack, 5021);
	ck_assert_uint_eq(ack1->ack, 1012); /* the FIN takes one sequence number */
	ck_assert_uint_eq(fin2->flags, TCP_FIN | TCP_ACK);
	ck_assert_uint_eq(fin2->seq, 5021);
	ck_assert_uint_eq(ack2->seq, 1012);
	ck_assert_uint_eq(ack2->ack, 5022);
	for (int i = 5; i < 9; i++)
		ck_assert_uint_eq(m.segments[i].role, SEGMENT_CLOSE);
	char name[32];
	ck_assert_str_eq(tcp_flags_name(fin1->flags, name, sizeof(name)), "FIN ACK");
	ck_assert_str_eq(tcp_flags_name(TCP_SYN | TCP_ACK, name, sizeof(name)), "SYN ACK");
	tcp_release(&m);
}
END_TEST

START_TEST(acks_cover_only_what_has_arrived)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 100, 2);
	/* Leaving at the same tick, the server's data cannot have seen the client's yet. */
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 50, 2);
	ck_assert_uint_eq(m.segments[4].ack, 1001);
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 60, 3);
	ck_assert_uint_eq(m.segments[5].ack, 1101);
	tcp_ack(&m, DIR_CLIENT_TO_SERVER, 3);
	ck_assert_uint_eq(m.segments[6].ack, 5051); /* the 60 bytes are still on their way */
	tcp_release(&m);
}
END_TEST

START_TEST(a_segment_before_the_last_aborts)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 100, 5);
	tcp_ack(&m, DIR_SERVER_TO_CLIENT, 9);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 100, 8); /* after everything before it has landed */
}
END_TEST

START_TEST(checksums_verify)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m);
	static const uint8_t payload[] = "an odd-length payload";
	tcp_write(&m, DIR_SERVER_TO_CLIENT, sizeof(payload) - 1, 3);
	for (size_t i = 0; i < m.count; i++) {
		struct segment *s = &m.segments[i];
		tcp_set_checksum(s, payload);
		uint8_t header[TCP_MAX_HEADER];
		size_t len = tcp_header(s, header);
		bool client = s->dir == DIR_CLIENT_TO_SERVER;
		uint8_t pseudo[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, (uint8_t)(len + s->len) };
		memcpy(pseudo, client ? tcp_client_ip : tcp_server_ip, 4);
		memcpy(pseudo + 4, client ? tcp_server_ip : tcp_client_ip, 4);
		/* With the checksum in place, the whole sums to zero (RFC 1071). */
		uint32_t sum = inet_sum(inet_sum(0, pseudo, 12), header, len);
		ck_assert_uint_eq(inet_fold(inet_sum(sum, payload, s->len)), 0);
		ck_assert_uint_ne(s->checksum, 0);
	}
	tcp_release(&m);
}
END_TEST

Suite *tcp_suite(void)
{
	Suite *s = suite_create("tcp");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, three_way_handshake);
	tcase_add_test(tc, writes_are_cut_at_the_mss);
	tcase_add_test(tc, sequence_numbers_wrap);
	tcase_add_test(tc, teardown_after_data);
	tcase_add_test(tc, acks_cover_only_what_has_arrived);
	tcase_add_test_raise_signal(tc, a_segment_before_the_last_aborts, SIGABRT);
	tcase_add_test(tc, checksums_verify);
	suite_add_tcase(s, tc);
	return s;
}
