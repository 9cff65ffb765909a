/* The TCP model: sequence and acknowledgement arithmetic, MSS segmentation, teardown. */
#include "suites.h"
#include "trace/tcp.h"

static const uint32_t isn[2] = { 1000, 5000 };

START_TEST(three_way_handshake)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m, 0);
	ck_assert_uint_eq(m.count, 3);
	const struct segment *syn = &m.segments[0], *syn_ack = &m.segments[1], *ack = &m.segments[2];
	ck_assert_uint_eq(syn->flags, TCP_SYN);
	ck_assert_uint_eq(syn->seq, 1000);
	ck_assert_uint_eq(syn->mss, 1460);
	ck_assert_uint_eq(syn_ack->flags, TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(syn_ack->seq, 5000);
	ck_assert_uint_eq(syn_ack->ack, 1001); /* the SYN takes one sequence number */
	ck_assert_uint_eq(syn_ack->mss, 1460);
	ck_assert_uint_eq(ack->flags, TCP_ACK);
	ck_assert_uint_eq(ack->seq, 1001);
	ck_assert_uint_eq(ack->ack, 5001);
	ck_assert_uint_eq(ack->mss, 0);
	tcp_release(&m);
}
END_TEST

START_TEST(writes_are_cut_at_the_mss)
{
	struct tcp_model m;
	tcp_init(&m, 1000, isn);
	tcp_open(&m, 0);
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 2500, 7);
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
	tcp_ack(&m, DIR_CLIENT_TO_SERVER, 8);
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
	tcp_open(&m, 0);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 100, 0);
	ck_assert_uint_eq(m.segments[3].seq, 0xfffffff1u);
	tcp_ack(&m, DIR_SERVER_TO_CLIENT, 0);
	ck_assert_uint_eq(m.segments[4].ack, (uint32_t)(0xfffffff1u + 100));
	tcp_release(&m);
}
END_TEST

START_TEST(teardown_after_data)
{
	struct tcp_model m;
	tcp_init(&m, 1460, isn);
	tcp_open(&m, 0);
	tcp_write(&m, DIR_CLIENT_TO_SERVER, 10, 0);
	tcp_write(&m, DIR_SERVER_TO_CLIENT, 20, 0);
	tcp_close(&m, 0);
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

Suite *tcp_suite(void)
{
	Suite *s = suite_create("tcp");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, three_way_handshake);
	tcase_add_test(tc, writes_are_cut_at_the_mss);
	tcase_add_test(tc, sequence_numbers_wrap);
	tcase_add_test(tc, teardown_after_data);
	suite_add_tcase(s, tc);
	return s;
}
