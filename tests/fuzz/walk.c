#include "decode/decode.h"
#include "fuzz.h"
#include "lesson/quiz.h"

/* What the viewer asks of a decoded tree, then frees it. */
static void check_tree(struct field *tree)
{
	(void)field_has_error(tree);
	field_free(tree);
}

void walk_trace(struct trace *t, unsigned what)
{
	bool handshakes = what & WALK_HANDSHAKES;
	char text[160];
	for (size_t i = 0; i < t->message_count; i++) {
		if (handshakes || t->messages[i].kind != MESSAGE_HANDSHAKE)
			check_tree(decode_message(t, &t->messages[i]));
		(void)message_name(&t->messages[i]);
	}
	for (size_t i = 0; i < t->record_count; i++)
		check_tree(decode_record(t, &t->records[i]));
	/* One segment of each role and flags: the others decode alike, and there are many. */
	uint32_t kinds[64];
	size_t kind_count = 0;
	for (size_t i = 0; i < t->tcp.count; i++) {
		const struct segment *s = &t->tcp.segments[i];
		uint32_t kind = (uint32_t)s->role << 8 | s->flags;
		size_t k = 0;
		while (k < kind_count && kinds[k] != kind)
			k++;
		if (k < kind_count || kind_count == sizeof(kinds) / sizeof(kinds[0]))
			continue;
		kinds[kind_count++] = kind;
		check_tree(decode_segment(t, s));
	}
	(void)trace_failure_alert(t);
	(void)trace_final(t);
	if (!(what & WALK_VIEWER))
		return;
	/* The drill's question before every step, with TCP and without (the viewer's d). */
	uint64_t seed = quiz_run_seed(t);
	for (size_t s = 0; s < t->step_count; s++) {
		struct drill_question q;
		(void)drill_question(t, s, s % 2 == 0, seed + s, &q);
	}
	/* The default round trip time, then the others the viewer's keys reach. */
	const unsigned rtts[] = { RTT_DEFAULT_MS, rtt_scaled(RTT_DEFAULT_MS, false),
				  rtt_scaled(1, false), rtt_scaled(RTT_MAX_MS, true) };
	for (size_t k = 0; k < sizeof(rtts) / sizeof(rtts[0]); k++) {
		trace_set_rtt(t, rtts[k]);
		for (unsigned c = 0; c < t->conn_count; c++) {
			trace_client_data_summary(t, c, text, sizeof(text));
			trace_client_data_brief(t, c, text, sizeof(text));
		}
		for (size_t s = 0; s < t->step_count; s++) {
			format_time_us(t->arrival_us[s], text, sizeof(text));
			(void)trace_step_connection(t, s);
		}
	}
}
