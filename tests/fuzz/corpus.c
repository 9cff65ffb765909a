/*
 * Writes the fuzz targets' seed corpora (make fuzz-corpus), cut from real
 * runs: every scenario but the bulk ones, seeded so that the same tree
 * writes the same files. DIR/<target>/ gets, per target:
 *   record      the first bytes of each capture, in fuzz_record.c's chunks
 *   handshake   every distinct handshake message, after its context byte
 *   extensions  every distinct extension list, after its context byte
 *   trace       each whole capture, as a synthetic capture (fuzz.h); static RSA
 *               also as an eavesdropper holding the server's key sees it
 *   lesson      the lesson files given on the command line
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/aes.h>

#include "crypto/crypto.h"
#include "decode/internal.h"
#include "engine/engine.h"
#include "export/export.h"
#include "fuzz.h"

#define RECORD_SEED_MAX 3072 /* the hellos and the first encrypted records */

/* What was written to one target's folder: the hashes of its files, to skip repeats. */
struct folder {
	const char *name;
	uint64_t hashes[1024];
	size_t count;
};

static uint64_t fnv1a(const uint8_t *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

/* Writes <bytes, len> as DIR/<folder>/<name>, unless the folder already holds the same. */
static int write_seed(const char *dir, struct folder *f, const char *name, const uint8_t *bytes,
		      size_t len)
{
	uint64_t h = fnv1a(bytes, len);
	for (size_t i = 0; i < f->count; i++)
		if (f->hashes[i] == h)
			return 0;
	if (f->count == sizeof(f->hashes) / sizeof(f->hashes[0])) {
		fprintf(stderr, "tlsviz: too many seeds for %s\n", f->name);
		return -1;
	}
	f->hashes[f->count++] = h;
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, f->name);
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "tlsviz: cannot create %s\n", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s/%s", dir, f->name, name);
	FILE *out = fopen(path, "wb");
	if (!out || fwrite(bytes, 1, len, out) != len || fclose(out) != 0) {
		fprintf(stderr, "tlsviz: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static struct folder record_seeds = { .name = "record" },
		     handshake_seeds = { .name = "handshake" },
		     extension_seeds = { .name = "extensions" }, trace_seeds = { .name = "trace" },
		     lesson_seeds = { .name = "lesson" }, open_seeds = { .name = "open" };

/* The runs whose exports seed fuzz_open.c: one of each version, and a resumption. */
static const char *const open_scenarios[] = { "tls13", "tls12-ecdhe", "tls13-resume" };

/*
 * fuzz_open.c's inputs: a selector byte (0 a capture file, 1 a key log, 2
 * pcapng blocks), then what `export` writes of `t`.
 */
static int write_open_seed(const char *dir, const char *scenario, const struct trace *t,
			   uint8_t selector,
			   int (*export)(const struct trace *, const struct export_options *, FILE *))
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	if (!f)
		return -1;
	fputc(selector, f);
	int status = export(t, &(struct export_options){ 0 }, f);
	if (fclose(f) != 0)
		status = -1;
	char name[96];
	snprintf(name, sizeof(name), "%s-%u", scenario, selector);
	if (status == 0)
		status = write_seed(dir, &open_seeds, name, (const uint8_t *)data, len);
	free(data);
	return status;
}

/* fuzz_record.c's chunks: a header of direction bit and 7-bit length. */
static int write_record_seed(const char *dir, const char *name, const struct capture *c)
{
	struct buf seed = BUF_INIT;
	for (size_t k = 0; k < c->chunk_count && seed.len < RECORD_SEED_MAX; k++) {
		const struct chunk *ch = &c->chunks[k];
		if (ch->conn != 0)
			break;
		for (size_t at = 0; at < ch->len && seed.len < RECORD_SEED_MAX; at += 127) {
			size_t n = ch->len - at < 127 ? ch->len - at : 127;
			uint8_t head = (uint8_t)(n | (ch->dir == DIR_SERVER_TO_CLIENT ? 0x80 : 0));
			buf_append(&seed, &head, 1);
			buf_append(&seed, ch->bytes + at, n);
		}
	}
	int status = write_seed(dir, &record_seeds, name, seed.data, seed.len);
	buf_release(&seed);
	return status;
}

/* fuzz_handshake.c's context byte for what connection `n` negotiated. */
static uint8_t handshake_context(const struct negotiated *n)
{
	if (n->version == 0x0304)
		return 0;
	switch (cipher_suite_key_exchange(n->cipher_suite)) {
	case KX_ECDHE:
		return 1;
	case KX_RSA:
		return 2;
	case KX_DHE:
		return 3;
	default:
		return 5;
	}
}

/* Where a message's extensions are, as fuzz_extensions.c's context byte; -1 for none. */
static int extension_context(const struct message *m, const struct field *tree)
{
	static const struct {
		uint8_t type;
		enum ext_context where;
	} places[] = {
		{ 1, EXT_CLIENT_HELLO },       { 2, EXT_SERVER_HELLO },
		{ 8, EXT_ENCRYPTED_EXTENSIONS }, { 13, EXT_CERTIFICATE_REQUEST },
		{ 11, EXT_CERTIFICATE },       { 4, EXT_NEW_SESSION_TICKET },
	};
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		if (places[i].type == m->type)
			return m->type == 2 && !strcmp(tree->name, "HelloRetryRequest")
				       ? EXT_HELLO_RETRY_REQUEST
				       : (int)places[i].where;
	return -1;
}

static int write_message_seeds(const char *dir, const char *scenario, const struct trace *t)
{
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		if (m->kind != MESSAGE_HANDSHAKE)
			continue;
		char name[96];
		struct buf seed = BUF_INIT;
		uint8_t context = handshake_context(&t->conns[m->conn].negotiated);
		buf_append(&seed, &context, 1);
		buf_append(&seed, m->bytes.data, m->bytes.len);
		snprintf(name, sizeof(name), "%s-%zu", scenario, i);
		int status = write_seed(dir, &handshake_seeds, name, seed.data, seed.len);
		buf_release(&seed);

		struct field *tree = decode_message(t, m);
		const struct field *list = field_find(tree, "extensions");
		int where = extension_context(m, tree);
		if (status == 0 && list && where >= 0 &&
		    list->offset + list->length <= m->bytes.len) {
			uint8_t head = (uint8_t)where;
			buf_append(&seed, &head, 1);
			buf_append(&seed, m->bytes.data + list->offset, list->length);
			status = write_seed(dir, &extension_seeds, name, seed.data, seed.len);
			buf_release(&seed);
		}
		field_free(tree);
		if (status != 0)
			return -1;
	}
	return 0;
}

/*
 * Static RSA seen by an eavesdropper who stole the server's key: the capture
 * without the premaster secret, which the trace then opens from the
 * ClientKeyExchange with the key.
 */
static int write_eavesdropper_seed(const char *dir, const char *scenario,
				   const struct capture *c, const char *outcome)
{
	struct capture view = *c;
	view.secrets = xcalloc(c->secret_count + 1, sizeof(*view.secrets));
	view.secret_count = 0;
	for (size_t i = 0; i < c->secret_count; i++)
		if (strcmp(c->secrets[i].label, "premaster secret") != 0)
			view.secrets[view.secret_count++] = c->secrets[i];
	struct buf seed = BUF_INIT;
	char name[96];
	snprintf(name, sizeof(name), "%s-server-key", scenario);
	int status = synthetic_write(&view, outcome, &seed);
	if (status == 0)
		status = write_seed(dir, &trace_seeds, name, seed.data, seed.len);
	buf_release(&seed);
	free(view.secrets);
	return status;
}

/* A pcap record of raw IPv4 (LINKTYPE_RAW) carrying UDP `payload` from port `from` to `to`. */
static void udp_frame(struct buf *pcap, uint32_t second, uint16_t from, uint16_t to,
		      const uint8_t *payload, size_t len)
{
	size_t total = 20 + 8 + len;
	const uint32_t record[4] = { second, 0, (uint32_t)total, (uint32_t)total };
	buf_append(pcap, record, sizeof(record));
	const uint8_t ip[20] = { 0x45, 0, (uint8_t)(total >> 8), (uint8_t)total, 0, 0, 0, 0, 64, 17,
				 0, 0, 10, 0, 0, from == 443 || from == 4433 ? 2 : 1, 10, 0, 0,
				 from == 443 || from == 4433 ? 1 : 2 };
	const uint8_t udp[8] = { (uint8_t)(from >> 8), (uint8_t)from, (uint8_t)(to >> 8),
				 (uint8_t)to, (uint8_t)((len + 8) >> 8), (uint8_t)(len + 8), 0, 0 };
	buf_append(pcap, ip, sizeof(ip));
	buf_append(pcap, udp, sizeof(udp));
	buf_append(pcap, payload, len);
}

/* A DTLS 1.2 record (RFC 6347, 4.1) of `type` at `epoch` around <body, len>, onto `out`. */
static void dtls_record(struct buf *out, uint8_t type, uint16_t epoch, uint16_t seq,
			const uint8_t *body, size_t len)
{
	const uint8_t header[13] = { type, 0xfe, 0xfd, (uint8_t)(epoch >> 8), (uint8_t)epoch, 0, 0,
				     0, 0, (uint8_t)(seq >> 8), (uint8_t)seq, (uint8_t)(len >> 8),
				     (uint8_t)len };
	buf_append(out, header, sizeof(header));
	buf_append(out, body, len);
}

/*
 * fuzz_open.c's UDP seed: a capture file (selector 0) with a DTLS flow made
 * of run `t`'s plaintext handshake messages, each in a datagram of its own
 * with DTLS's handshake header (4.2.2), a ChangeCipherSpec and a record of
 * the next epoch; and a QUIC flow of coalesced long-header packets and a
 * short-header one (RFC 9000, 17). What src/open/datagram.c reads.
 */
static int write_udp_seed(const char *dir, const struct trace *t)
{
	struct buf pcap = BUF_INIT;
	buf_append(&pcap, "\x00", 1);
	const uint32_t header[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 101 };
	buf_append(&pcap, header, sizeof(header));
	uint16_t message_seq[2] = { 0, 0 }, record_seq = 0;
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		if (m->conn != 0 || m->kind != MESSAGE_HANDSHAKE ||
		    m->protection != PROTECTION_PLAINTEXT || m->bytes.len < 4)
			continue;
		size_t body = m->bytes.len - 4;
		uint16_t seq = message_seq[m->dir]++;
		const uint8_t fragment[12] = { m->bytes.data[0], m->bytes.data[1], m->bytes.data[2],
					       m->bytes.data[3], (uint8_t)(seq >> 8), (uint8_t)seq, 0,
					       0, 0, m->bytes.data[1], m->bytes.data[2],
					       m->bytes.data[3] };
		struct buf record = BUF_INIT, datagram = BUF_INIT;
		buf_append(&record, fragment, sizeof(fragment));
		buf_append(&record, m->bytes.data + 4, body);
		if ((m->type == 1 || m->type == 2) && body >= 2)
			record.data[12] = 0xfe, record.data[13] = 0xfd; /* DTLS 1.2's version */
		dtls_record(&datagram, 22, 0, record_seq++, record.data, record.len);
		bool client = m->dir == DIR_CLIENT_TO_SERVER;
		udp_frame(&pcap, (uint32_t)i, client ? 50000 : 4433, client ? 4433 : 50000,
			  datagram.data, datagram.len);
		buf_release(&record);
		buf_release(&datagram);
	}
	struct buf last = BUF_INIT;
	dtls_record(&last, 20, 0, record_seq++, (const uint8_t *)"\x01", 1);
	dtls_record(&last, 22, 1, 0, (const uint8_t *)"0123456789abcdef", 16);
	udp_frame(&pcap, 100, 50000, 4433, last.data, last.len);
	buf_release(&last);
	static const uint8_t initial[] = { 0xc3, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0,
					   0x40, 4, 9, 9, 9, 9, 0xe3, 0, 0, 0, 1, 0, 0, 2, 9, 9 };
	udp_frame(&pcap, 101, 50001, 443, initial, sizeof(initial));
	udp_frame(&pcap, 102, 443, 50001, initial, 22);
	udp_frame(&pcap, 103, 50001, 443, (const uint8_t *)"\x41\x01\x02\x03", 4);
	int status = write_seed(dir, &open_seeds, "udp-0", pcap.data, pcap.len);
	buf_release(&pcap);
	return status;
}

/*
 * One QUIC version 1 Initial packet (RFC 9000, 17.2.2) from `dcid` and
 * `scid` (8 bytes each) around the frames <plain, len>, packet number `pn`
 * in one byte, protected as RFC 9001, 5.3 and 5.4 say, onto `out`.
 */
static int quic_initial(struct buf *out, const struct quic_keys *k, const uint8_t dcid[8],
			const uint8_t scid[8], uint8_t pn, const uint8_t *plain, size_t len)
{
	size_t length = 1 + len + 16; /* packet number, payload, tag */
	uint8_t header[1 + 4 + 1 + 8 + 1 + 8 + 1 + 2 + 1] = { 0xc0, 0, 0, 0, 1, 8 };
	memcpy(header + 6, dcid, 8);
	header[14] = 8;
	memcpy(header + 15, scid, 8);
	header[23] = 0; /* no token */
	header[24] = (uint8_t)(0x40 | length >> 8), header[25] = (uint8_t)length;
	header[26] = pn;
	uint8_t nonce[12], tag[16], mask[5];
	memcpy(nonce, k->aead.iv, 12);
	nonce[11] ^= pn;
	uint8_t *cipher = xmalloc(len);
	Aes aes;
	int status = wc_AesInit(&aes, NULL, INVALID_DEVID) == 0 &&
				     wc_AesGcmSetKey(&aes, k->aead.key, 16) == 0 &&
				     wc_AesGcmEncrypt(&aes, cipher, plain, (word32)len, nonce, 12, tag,
						      16, header, sizeof(header)) == 0
			     ? 0
			     : -1;
	wc_AesFree(&aes);
	size_t start = out->len;
	buf_append(out, header, sizeof(header));
	buf_append(out, cipher, len);
	buf_append(out, tag, sizeof(tag));
	free(cipher);
	/* The sample starts 4 bytes after the packet number's first (RFC 9001, 5.4.2). */
	if (status == 0 && crypto_quic_mask(k, out->data + start + 26 + 4, mask) == 0) {
		out->data[start] ^= mask[0] & 0x0f;
		out->data[start + 26] ^= mask[1];
		return 0;
	}
	return -1;
}

/* A CRYPTO frame (RFC 9000, 19.6) of <data, len> at `offset` (both under 2^14), onto `out`. */
static void crypto_frame(struct buf *out, size_t offset, const uint8_t *data, size_t len)
{
	const uint8_t head[5] = { 0x06, (uint8_t)(0x40 | offset >> 8), (uint8_t)offset,
				  (uint8_t)(0x40 | len >> 8), (uint8_t)len };
	buf_append(out, head, sizeof(head));
	buf_append(out, data, len);
}

/*
 * fuzz_open.c's QUIC seed: run `t`'s ClientHello and ServerHello in real
 * Initial packets (keys from the client's Destination Connection ID, RFC
 * 9001, 5.2), the ClientHello in two CRYPTO frames sent second half first
 * and padded to 1200 bytes, the ServerHello after an ACK frame: what the
 * trace opens with no key log.
 */
static int write_quic_seed(const char *dir, const struct trace *t)
{
	const struct message *hello[2] = { NULL, NULL };
	for (size_t i = 0; i < t->message_count; i++) {
		const struct message *m = &t->messages[i];
		if (m->kind == MESSAGE_HANDSHAKE && m->conn == 0 && (m->type == 1 || m->type == 2) &&
		    !hello[m->type - 1])
			hello[m->type - 1] = m;
	}
	if (!hello[0] || !hello[1] || hello[0]->bytes.len > 1100 || hello[1]->bytes.len > 1100)
		return 0;
	static const uint8_t dcid[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08 };
	static const uint8_t client_id[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	static const uint8_t server_id[8] = { 2, 2, 2, 2, 2, 2, 2, 2 };
	uint8_t initial[32], secret[2][32];
	struct quic_keys keys[2];
	const struct suite_params *suite = crypto_suite(0x1301);
	if (crypto_quic_initial_secrets(QUIC_VERSION_1, dcid, 8, initial, secret[0], secret[1]) ||
	    crypto_quic_keys(suite, QUIC_VERSION_1, secret[0], &keys[0]) ||
	    crypto_quic_keys(suite, QUIC_VERSION_1, secret[1], &keys[1]))
		return -1;
	struct buf frames = BUF_INIT, datagram = BUF_INIT, pcap = BUF_INIT;
	const struct buf *ch = &hello[0]->bytes;
	size_t half = ch->len / 2;
	crypto_frame(&frames, half, ch->data + half, ch->len - half);
	crypto_frame(&frames, 0, ch->data, half);
	while (frames.len < 1200 - 27 - 16)
		buf_append(&frames, "", 1); /* PADDING frames (19.1) */
	int status = quic_initial(&datagram, &keys[0], dcid, client_id, 0, frames.data, frames.len);
	buf_append(&pcap, "\x00", 1);
	const uint32_t header[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 101 };
	buf_append(&pcap, header, sizeof(header));
	udp_frame(&pcap, 1, 50002, 443, datagram.data, datagram.len);
	frames.len = datagram.len = 0;
	buf_append(&frames, "\x02\x00\x00\x00\x00", 5); /* ACK of packet 0 (19.3) */
	crypto_frame(&frames, 0, hello[1]->bytes.data, hello[1]->bytes.len);
	if (status == 0)
		status = quic_initial(&datagram, &keys[1], client_id, server_id, 0, frames.data,
				      frames.len);
	udp_frame(&pcap, 2, 443, 50002, datagram.data, datagram.len);
	if (status == 0)
		status = write_seed(dir, &open_seeds, "quic-0", pcap.data, pcap.len);
	buf_release(&frames);
	buf_release(&datagram);
	buf_release(&pcap);
	return status;
}

static int write_run_seeds(const char *dir, const struct scenario *s)
{
	struct engine_result r;
	const struct engine_options opts = { .capture = true, .seeded = true, .seed = 1 };
	if (engine_run(s, &opts, &r) != 0) {
		fprintf(stderr, "tlsviz: %s: %s\n", s->name, r.detail);
		engine_result_release(&r);
		return -1;
	}
	struct buf synthetic = BUF_INIT;
	int status = 0;
	/* The synthetic form alters at most one byte a write: a run that alters more has none. */
	if (synthetic_write(&r.capture, outcome_name(r.outcome), &synthetic) != 0)
		fprintf(stderr, "fuzz-corpus: %s: no synthetic form, so no trace seed\n", s->name);
	else
		status = write_seed(dir, &trace_seeds, s->name, synthetic.data, synthetic.len);
	if (status == 0)
		status = write_record_seed(dir, s->name, &r.capture);
	buf_release(&synthetic);
	if (status == 0 && s->needs & NEED_STATIC_RSA)
		status = write_eavesdropper_seed(dir, s->name, &r.capture,
						 outcome_name(r.outcome));
	struct trace t;
	trace_build(&t, &r.capture, s->name, outcome_name(r.outcome), r.detail);
	if (status == 0)
		status = write_message_seeds(dir, s->name, &t);
	for (size_t i = 0; i < sizeof(open_scenarios) / sizeof(open_scenarios[0]); i++) {
		if (status != 0 || strcmp(s->name, open_scenarios[i]) != 0)
			continue;
		status = write_open_seed(dir, s->name, &t, 0, export_pcap);
		if (status == 0)
			status = write_open_seed(dir, s->name, &t, 1, export_keylog);
		if (status == 0)
			status = write_open_seed(dir, s->name, &t, 2, export_pcapng);
	}
	if (status == 0 && !strcmp(s->name, "tls12-ecdhe"))
		status = write_udp_seed(dir, &t);
	if (status == 0 && !strcmp(s->name, "tls13"))
		status = write_quic_seed(dir, &t);
	trace_release(&t);
	engine_result_release(&r);
	return status;
}

static int write_lesson_seed(const char *dir, const char *path)
{
	struct buf text = BUF_INIT;
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;
	if (!f) {
		fprintf(stderr, "tlsviz: cannot read %s\n", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&text, chunk, n);
	fclose(f);
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int status = write_seed(dir, &lesson_seeds, name, text.data, text.len);
	buf_release(&text);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "tlsviz: usage: fuzz-corpus DIR [LESSON...]\n");
		return 2;
	}
	if (!engine_seed_supported()) {
		fprintf(stderr,
			"tlsviz: this wolfSSL cannot make seeded runs: use the bundled one\n");
		return 2;
	}
	for (size_t i = 0; i < scenario_count; i++)
		if (!scenarios[i].bulk_bytes && !engine_unavailable_reason(&scenarios[i]) &&
		    write_run_seeds(argv[1], &scenarios[i]) != 0)
			return 1;
	for (int i = 2; i < argc; i++)
		if (write_lesson_seed(argv[1], argv[i]) != 0)
			return 1;
	return 0;
}
