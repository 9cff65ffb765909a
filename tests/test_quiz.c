/*
 * Quizzes: a lesson's choices come in an order of their own each run (the
 * same under --seed), the shipped questions test understanding, and the drill
 * asks what the protocol really allows.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mix.h"
#include "decode/decode.h"
#include "engine/engine.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"
#include "suites.h"

/* A lesson with one question of `n` choices, the right one written first. */
static void one_question(struct lesson *l, size_t n)
{
	static char *names[] = { "right", "b", "c", "d", "e", "f" };
	memset(l, 0, sizeof(*l));
	l->quizzes = calloc(1, sizeof(*l->quizzes));
	l->quiz_count = 1;
	l->quizzes[0].choice_count = n;
	for (size_t k = 0; k < n; k++)
		l->quizzes[0].choices[k] = names[k];
}

/* Over 1,000 seeds the right choice lands in every position about equally often. */
START_TEST(shuffle_is_uniform_and_repeats)
{
	for (size_t n = 2; n <= QUIZ_CHOICES_MAX; n++) {
		struct lesson l;
		one_question(&l, n);
		const struct lesson_quiz *q = &l.quizzes[0];
		unsigned at[QUIZ_CHOICES_MAX] = { 0 };
		for (uint64_t seed = 1; seed <= 1000; seed++) {
			lesson_shuffle(&l, seed);
			size_t right = lesson_quiz_right(q);
			ck_assert_str_eq(lesson_quiz_choice(q, right), "right");
			at[right]++;
			/* Every choice is shown once. */
			for (size_t i = 0; i < n; i++)
				for (size_t k = i + 1; k < n; k++)
					ck_assert_uint_ne(q->order[i], q->order[k]);
			/* The same seed, the same order. */
			size_t again[QUIZ_CHOICES_MAX];
			memcpy(again, q->order, sizeof(again));
			lesson_shuffle(&l, seed);
			ck_assert_mem_eq(again, q->order, sizeof(again));
		}
		/* 1000/n expected; a fair shuffle stays inside 30% of it (over 4 sigma). */
		for (size_t k = 0; k < n; k++) {
			ck_assert_msg(at[k] * n >= 700 && at[k] * n <= 1300,
				      "%zu choices: the right one came %u times in position %zu", n,
				      at[k], k + 1);
		}
		free(l.quizzes);
	}
}
END_TEST

/* The scenarios the drill is tried on: all this build runs (the bulk one is tls13 again). */
static bool drilled(const struct scenario *s)
{
	return !engine_unavailable_reason(s) && strcmp(s->name, "tls13-bulk") != 0;
}

static bool is_first_hello(const struct trace *t, size_t step)
{
	const struct step *s = &t->steps[step];
	for (size_t i = t->conns[s->conn].first_step; i < step; i++)
		if (t->steps[i].kind == STEP_MESSAGE && t->steps[i].conn == s->conn)
			return false;
	return true;
}

static bool named(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(name, *names))
			return true;
	return false;
}

static const char *const only_tls13[] = { "EncryptedExtensions", "HelloRetryRequest",
					  "KeyUpdate", "EndOfEarlyData", NULL };
static const char *const only_tls12[] = { "ServerKeyExchange", "ServerHelloDone",
					  "ClientKeyExchange", "ChangeCipherSpec", "HelloRequest",
					  NULL };
static const char *const tcp_names[] = { "SYN", "SYN ACK", "ACK", "FIN ACK", "RST", NULL };
/* What each side can send, whatever the version: a distractor from the other side is a giveaway. */
static const char *const client_never[] = { "ServerHello", "HelloRetryRequest",
					    "EncryptedExtensions", "CertificateRequest",
					    "ServerKeyExchange", "ServerHelloDone", "NewSessionTicket",
					    "HelloRequest", NULL };
static const char *const server_never[] = { "ClientHello", "ClientKeyExchange",
					    "EndOfEarlyData", NULL };
/* RFC 8446, 2.2 and 4.3.2; RFC 5246, 7.3: a resuming server does not authenticate again. */
static const char *const resumed_server_never[] = { "Certificate", "CertificateRequest",
						    "CertificateVerify", "ServerKeyExchange",
						    "ServerHelloDone", NULL };

/* What the connection of `step` did before it, read from the messages themselves. */
struct before {
	bool cert_requested; /* the server sent a CertificateRequest */
	bool early_accepted; /* the server's EncryptedExtensions carried early_data */
	bool client_sent[2]; /* the client sent [0] EndOfEarlyData, [1] Certificate */
	bool client_cert_empty; /* its Certificate holds no certificate */
	char client_last[48];   /* the client's last message, or "" */
};

static struct before before_step(const struct trace *t, size_t step)
{
	struct before b = { 0 };
	unsigned conn = t->steps[step].conn;
	for (size_t i = t->conns[conn].first_step; i < step; i++) {
		const struct step *s = &t->steps[i];
		if (s->kind != STEP_MESSAGE || s->conn != conn)
			continue;
		const struct message *m = &t->messages[s->index];
		const char *name = message_name(m);
		bool server = m->dir == DIR_SERVER_TO_CLIENT;
		if (!server)
			snprintf(b.client_last, sizeof(b.client_last), "%s", name);
		b.cert_requested |= server && !strcmp(name, "CertificateRequest");
		if (server && !strcmp(name, "EncryptedExtensions")) {
			struct field *tree = decode_message(t, m);
			b.early_accepted |= field_find(tree, "early_data") != NULL;
			field_free(tree);
		}
		b.client_sent[0] |= !server && !strcmp(name, "EndOfEarlyData");
		if (!server && !strcmp(name, "Certificate")) {
			b.client_sent[1] = true;
			struct field *tree = decode_message(t, m);
			ck_assert_ptr_nonnull(field_find(tree, "certificate_list"));
			b.client_cert_empty = !field_find(tree, "cert_data") &&
					      !field_find(tree, "ASN.1Cert");
			field_free(tree);
		}
	}
	return b;
}

/*
 * Every message of every scenario is asked (but a connection's first
 * ClientHello, which has no alternative), with the right answer among
 * messages of its version and its sender, and a reason for this version.
 */
START_TEST(drill_asks_what_the_rfc_allows)
{
	const struct scenario *sc = &scenarios[_i];
	if (!drilled(sc))
		return;
	struct trace t;
	scenario_trace(sc->name, &t);
	for (size_t step = 0; step < t.step_count; step++) {
		struct drill_question q;
		bool asked = drill_question(&t, step, false, 7, &q);
		const struct step *s = &t.steps[step];
		if (s->kind == STEP_SEGMENT) {
			ck_assert_msg(!asked, "%s: step %zu is TCP, asked without TCP", sc->name, step);
			continue;
		}
		const struct message *m = &t.messages[s->index];
		ck_assert_msg(asked == !is_first_hello(&t, step), "%s: step %zu (%s) %s", sc->name,
			      step, message_name(m), asked ? "asked" : "not asked");
		if (!asked)
			continue;
		ck_assert_str_eq(q.choices[q.answer], message_name(m));
		ck_assert_uint_ge(q.count, 2);
		ck_assert_uint_le(q.count, DRILL_CHOICES_MAX);
		bool client = m->dir == DIR_CLIENT_TO_SERVER;
		ck_assert_str_eq(q.question, client ? "What does the client send next?"
						    : "What does the server send next?");
		bool tls13 = t.conns[m->conn].negotiated.version == 0x0304 ||
			     (!t.conns[m->conn].negotiated.version && sc->version == TLS_V1_3);
		struct before b = before_step(&t, step);
		for (size_t k = 0; k < q.count; k++) {
			for (size_t j = k + 1; j < q.count; j++)
				ck_assert_str_ne(q.choices[k], q.choices[j]);
			const char *c = q.choices[k];
			ck_assert_msg(!named(c, tcp_names), "%s: %s offered", sc->name, c);
			ck_assert_msg(!named(c, tls13 ? only_tls12 : only_tls13),
				      "%s step %zu: %s offered in TLS 1.%d", sc->name, step, c,
				      tls13 ? 3 : 2);
			ck_assert_msg(!named(c, client ? client_never : server_never),
				      "%s step %zu: %s offered as the %s's", sc->name, step, c,
				      client ? "client" : "server");
			ck_assert_msg(client || !t.conns[m->conn].negotiated.resumed ||
				      !named(c, resumed_server_never),
				      "%s step %zu: %s offered by a resuming server", sc->name, step,
				      c);
			/* RFC 8446, 4.4.2 and 4.3.2; RFC 5246, 7.4.6 and 7.4.8: only on request. */
			ck_assert_msg(!client || b.cert_requested ||
				      (strcmp(c, "Certificate") && strcmp(c, "CertificateVerify")),
				      "%s step %zu: the client's %s offered without a "
				      "CertificateRequest", sc->name, step, c);
			/* RFC 8446, 4.5: only after the server's early_data in EncryptedExtensions. */
			ck_assert_msg(b.early_accepted || strcmp(c, "EndOfEarlyData"),
				      "%s step %zu: EndOfEarlyData offered, no early data accepted",
				      sc->name, step);
			/* And the other way: once accepted, EndOfEarlyData before the client's
			 * Certificate or Finished (4.5); once requested, a Certificate before its
			 * Finished or ClientKeyExchange (4.4.2; 7.4.6). */
			bool owes_end = b.early_accepted && !b.client_sent[0];
			bool owes_cert = b.cert_requested && !b.client_sent[1];
			ck_assert_msg(!client || !owes_end ||
				      (strcmp(c, "Certificate") && strcmp(c, "Finished")),
				      "%s step %zu: %s offered before EndOfEarlyData", sc->name, step,
				      c);
			ck_assert_msg(!client || !owes_cert ||
				      (strcmp(c, "Finished") && strcmp(c, "ClientKeyExchange")),
				      "%s step %zu: %s offered before the requested Certificate",
				      sc->name, step, c);
			/* RFC 8446, 4.4.3; RFC 5246, 7.4.8: no CertificateVerify without a
			 * certificate, and in TLS 1.3 always one after a certificate. */
			ck_assert_msg(!client || !b.client_cert_empty || strcmp(c, "CertificateVerify"),
				      "%s step %zu: CertificateVerify offered after an empty "
				      "Certificate", sc->name, step);
			ck_assert_msg(!client || !tls13 || !b.client_sent[1] || b.client_cert_empty ||
				      strcmp(b.client_last, "Certificate") ||
				      strcmp(c, "Finished"),
				      "%s step %zu: Finished offered right after a certificate",
				      sc->name, step);
		}
		/* The feedback says why, for this version (an alert speaks for itself). */
		if (m->kind != MESSAGE_ALERT)
			ck_assert_msg(strstr(q.explain, tls13 ? "TLS 1.3" : "TLS 1.2"),
				      "%s step %zu (%s): %s", sc->name, step, message_name(m),
				      q.explain);
		else
			ck_assert_ptr_nonnull(strstr(q.explain, m->type ? message_explanation(&t, m)
									  : "close_notify"));
	}
	trace_release(&t);
}
END_TEST

/* Asked for, TCP comes in: after a SYN the server can only answer or refuse. */
START_TEST(drill_asks_tcp_when_told)
{
	struct trace t;
	scenario_trace("tls13", &t);
	struct drill_question q;
	ck_assert(!drill_question(&t, 0, true, 1, &q)); /* the SYN has no alternative */
	ck_assert(drill_question(&t, 1, true, 1, &q));
	ck_assert_str_eq(q.question, "What does the server send next?");
	ck_assert_uint_eq(q.count, 2);
	ck_assert_str_eq(q.choices[q.answer], "SYN ACK");
	ck_assert_str_eq(q.choices[1 - q.answer], "RST");
	ck_assert_ptr_nonnull(strstr(q.explain, "RFC 9293"));
	trace_release(&t);
}
END_TEST

/*
 * Students who do not know: one answering at random, one answering 1 every
 * time and one answering the last choice score what chance gives, within
 * four standard deviations, over 200 seeded drills of every scenario.
 */
START_TEST(guessing_scores_chance)
{
	double expected = 0, variance = 0;
	unsigned random_right = 0, first_right = 0, last_right = 0, asked = 0;
	unsigned position[DRILL_CHOICES_MAX + 1][DRILL_CHOICES_MAX] = { { 0 } };
	uint64_t student = 42;
	for (size_t i = 0; i < scenario_count; i++) {
		if (!drilled(&scenarios[i]))
			continue;
		struct trace t;
		scenario_trace(scenarios[i].name, &t);
		for (uint64_t seed = 1; seed <= 200; seed++) {
			for (size_t step = 0; step < t.step_count; step++) {
				struct drill_question q;
				/* As the viewer does: each run's drill is its own. */
				if (!drill_question(&t, step, false, seed ^ quiz_run_seed(&t), &q))
					continue;
				double p = 1.0 / (double)q.count;
				expected += p;
				variance += p * (1 - p);
				asked++;
				random_right += splitmix64(&student) % q.count == q.answer;
				first_right += q.answer == 0;
				last_right += q.answer == q.count - 1;
				position[q.count][q.answer]++;
			}
		}
		trace_release(&t);
	}
	double bound = 4 * sqrt(variance);
	ck_assert_uint_gt(asked, 1000);
	ck_assert_msg(fabs(random_right - expected) <= bound, "random: %u of %u, chance %.0f",
		      random_right, asked, expected);
	ck_assert_msg(fabs(first_right - expected) <= bound, "always 1: %u of %u, chance %.0f",
		      first_right, asked, expected);
	ck_assert_msg(fabs(last_right - expected) <= bound, "always last: %u of %u, chance %.0f",
		      last_right, asked, expected);
	/* And for each number of choices, the right one is as often in each place. */
	for (size_t n = 2; n <= DRILL_CHOICES_MAX; n++) {
		unsigned total = 0;
		for (size_t k = 0; k < n; k++)
			total += position[n][k];
		for (size_t k = 0; total >= 400 && k < n; k++)
			ck_assert_msg(fabs(position[n][k] - total / (double)n) <=
					      4 * sqrt(total * (1.0 / n) * (1 - 1.0 / n)),
				      "%zu choices: %u of %u in position %zu", n, position[n][k],
				      total, k + 1);
	}
}
END_TEST

/* The order of one seeded run's questions, as the viewer and the hand-out show them. */
static void seeded_orders(struct lesson *l, uint64_t seed, size_t *orders)
{
	const struct scenario *s = scenario_find(l->scenario);
	struct engine_result r;
	ck_assert_int_eq(engine_run(s, &(struct engine_options){ .capture = true, .seeded = true,
								.seed = seed },
				    &r),
			 0);
	struct trace t;
	trace_build(&t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
	engine_result_release(&r);
	char why[512];
	ck_assert_msg(lesson_bind(l, &t, why, sizeof(why)) == 0, "%s", why);
	for (size_t i = 0; i < l->quiz_count; i++)
		memcpy(orders + i * QUIZ_CHOICES_MAX, l->quizzes[i].order,
		       sizeof(l->quizzes[i].order));
	trace_release(&t);
}

/* --seed N gives the same order again; other seeds give others. */
START_TEST(seed_repeats_the_order)
{
	if (!engine_seed_supported())
		return;
	struct lesson l;
	char why[512];
	ck_assert_int_eq(lesson_load(TLSVIZ_SOURCE_DIR "/lessons/tls12-rsa.lesson", &l, why,
				     sizeof(why)),
			 0);
	size_t n = l.quiz_count * QUIZ_CHOICES_MAX;
	size_t first[64], again[64], other[64];
	ck_assert_uint_le(n, 64);
	seeded_orders(&l, 1, first);
	seeded_orders(&l, 1, again);
	ck_assert_mem_eq(first, again, n * sizeof(size_t));
	bool differs = false;
	for (uint64_t seed = 2; seed < 8 && !differs; seed++) {
		seeded_orders(&l, seed, other);
		differs = memcmp(first, other, n * sizeof(size_t)) != 0;
	}
	ck_assert(differs);
	lesson_release(&l);
}
END_TEST

/* Whether a choice names messages: then its question asks what comes (or does not come) next. */
static bool about_the_order(const char *choice)
{
	static const char *const messages[] = {
		"ClientHello", "ServerHello", "HelloRetryRequest", "EncryptedExtensions",
		"Certificate", "CertificateRequest", "CertificateVerify", "Finished",
		"NewSessionTicket", "EndOfEarlyData", "KeyUpdate", "ServerKeyExchange",
		"ServerHelloDone", "ClientKeyExchange", "ChangeCipherSpec", "ApplicationData",
		"Alert", NULL,
	};
	size_t n = strcspn(choice, " ,:");
	for (const char *const *m = messages; *m; m++)
		if (strlen(*m) == n && !strncmp(choice, *m, n))
			return true;
	return false;
}

/* Whether the lines above each quiz block of `text` are a comment citing an RFC. */
static bool quizzes_cite_rfcs(const char *text, const char *path)
{
	for (const char *q = strstr(text, "\nquiz after "); q; q = strstr(q + 1, "\nquiz after ")) {
		const char *line = q; /* the start of the comment lines above */
		bool cites = false;
		while (line > text) {
			const char *start = line - 1;
			while (start > text && start[-1] != '\n')
				start--;
			if (*start != '#')
				break;
			cites |= strstr(start, "RFC") != NULL && strstr(start, "RFC") < line;
			line = start;
		}
		if (!cites) {
			fprintf(stderr, "%s: no '# RFC ...' comment above '%.40s'\n", path, q + 1);
			return false;
		}
	}
	return true;
}

/*
 * The shipped lessons' questions test understanding: two or more per lesson,
 * a third or more asking something else than the order of messages, each
 * citing its RFC, and no right answer that stands out by its length.
 */
START_TEST(shipped_quizzes_test_understanding)
{
	const char *folder = TLSVIZ_SOURCE_DIR "/lessons";
	DIR *d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	unsigned questions = 0, about_order = 0, right_longest = 0, lessons = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len < 8 || strcmp(e->d_name + len - 7, ".lesson") != 0)
			continue;
		char path[1024], why[512];
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		struct lesson l;
		ck_assert_msg(lesson_load(path, &l, why, sizeof(why)) == 0, "%s", why);
		lessons++;
		ck_assert_msg(l.quiz_count >= 2, "%s: %zu question(s)", path, l.quiz_count);
		struct buf text = BUF_INIT;
		ck_assert(read_whole_file(path, &text));
		ck_assert(quizzes_cite_rfcs((const char *)text.data, path));
		buf_release(&text);
		for (size_t i = 0; i < l.quiz_count; i++) {
			const struct lesson_quiz *q = &l.quizzes[i];
			size_t right = strlen(q->choices[q->answer]), longest_wrong = 0;
			for (size_t k = 0; k < q->choice_count; k++)
				if (k != q->answer && strlen(q->choices[k]) > longest_wrong)
					longest_wrong = strlen(q->choices[k]);
			/* Comparable: the right one at most a quarter longer than the longest other. */
			ck_assert_msg(right * 4 <= longest_wrong * 5, "%s:%d: the right choice stands "
				      "out: %zu characters, the others at most %zu", path, q->line,
				      right, longest_wrong);
			right_longest += right > longest_wrong;
			about_order += about_the_order(q->choices[q->answer]);
			questions++;
		}
		lesson_release(&l);
	}
	closedir(d);
	ck_assert_uint_ge(lessons, 13);
	ck_assert_msg((questions - about_order) * 3 >= questions,
		      "%u of %u questions ask only for the order of messages", about_order,
		      questions);
	/* The longest choice is the right one no more often than by chance (1 in 3 or 4). */
	ck_assert_msg(right_longest * 5 <= questions * 2, "the right choice is the longest in %u "
		      "of %u questions", right_longest, questions);
}
END_TEST

Suite *quiz_suite(void)
{
	Suite *s = suite_create("quiz");
	TCase *tc = tcase_create("lesson");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, shuffle_is_uniform_and_repeats);
	tcase_add_test(tc, shipped_quizzes_test_understanding);
	tcase_add_test(tc, seed_repeats_the_order);
	suite_add_tcase(s, tc);
	TCase *drill = tcase_create("drill");
	tcase_set_timeout(drill, 300);
	tcase_add_loop_test(drill, drill_asks_what_the_rfc_allows, 0, (int)scenario_count);
	tcase_add_test(drill, drill_asks_tcp_when_told);
	tcase_add_test(drill, guessing_scores_chance);
	suite_add_tcase(s, drill);
	return s;
}
