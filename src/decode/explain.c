/*
 * Choosing what a field means where it stands: the entries of texts.c
 * matched against the node's message, path, version, sender, protection and
 * value, the most specific one winning, and the meaning of the node's code
 * (a cipher suite, a signature scheme) appended from meanings.c.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mix.h"
#include "decode/decode.h"
#include "decode/internal.h"

static enum era era_of(uint16_t version)
{
	return version == 0x0304 ? ERA_TLS13 : version == 0x0303 ? ERA_TLS12 : ERA_ANY;
}

/* The node's "length" child's value, or NULL: a vector says how long it is there. */
static const char *vector_length(const struct field *f)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->children[i]->name, "length") == 0)
			return f->children[i]->value;
	/* An extension: its extension_data is the vector. */
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->children[i]->name, "extension_data") == 0)
			return vector_length(f->children[i]);
	return NULL;
}

static bool is_empty(const struct explain_site *s)
{
	const char *len = vector_length(s->node);
	return len && strcmp(len, "0") == 0;
}

static bool is_not_empty(const struct explain_site *s)
{
	const char *len = vector_length(s->node);
	return len && strcmp(len, "0") != 0;
}

static bool is_echoed(const struct explain_site *s)
{
	return is_not_empty(s) && s->ctx->resumed;
}

static bool is_new(const struct explain_site *s)
{
	return is_not_empty(s) && !s->ctx->resumed;
}

/* RFC 8446, 4.1.3: "DOWNGRD" then 01 (TLS 1.2) or 00 (TLS 1.1 and below). */
static bool has_sentinel(const struct explain_site *s)
{
	static const uint8_t sentinel[7] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44 };
	const struct field *f = s->node;
	if (f->length != 32 || f->offset > s->len || s->len - f->offset < 32)
		return false;
	const uint8_t *last = s->bytes + f->offset + 24;
	return memcmp(last, sentinel, sizeof(sentinel)) == 0 && last[7] <= 1;
}

static bool has_no_sentinel(const struct explain_site *s)
{
	return s->node->length == 32 && !has_sentinel(s);
}

static bool is_cert_only(const struct explain_site *s)
{
	return s->node->code != FIELD_NO_CODE && !scheme_signs_tls13_handshakes((uint16_t)s->node->code);
}

static bool is_handshake_ok(const struct explain_site *s)
{
	return s->node->code != FIELD_NO_CODE && scheme_signs_tls13_handshakes((uint16_t)s->node->code);
}

static bool is_named_group(const struct explain_site *s)
{
	return s->node->code != FIELD_NO_CODE;
}

/* A CBC record's parts, siblings of the node: +1 when the MAC follows the padding (EtM). */
static int mac_side(const struct explain_site *s)
{
	const struct field *mac = NULL, *padding = NULL;
	for (size_t i = 0; s->parent && i < s->parent->count; i++) {
		const struct field *part = s->parent->children[i];
		if (strcmp(part->name, "mac") == 0)
			mac = part;
		else if (strcmp(part->name, "padding") == 0)
			padding = part;
	}
	if (!mac || !padding || (s->node != mac && s->node != padding))
		return 0;
	return mac->offset > padding->offset ? 1 : -1;
}

static bool is_etm(const struct explain_site *s)
{
	return mac_side(s) > 0;
}

static bool is_mte(const struct explain_site *s)
{
	return mac_side(s) < 0;
}

static bool has_ems(const struct explain_site *s)
{
	return s->ctx->extended_master_secret;
}

static bool has_no_ems(const struct explain_site *s)
{
	return !s->ctx->extended_master_secret;
}

static bool is_captured(const struct explain_site *s)
{
	return s->ctx->captured;
}

static bool is_modeled(const struct explain_site *s)
{
	return !s->ctx->captured;
}

/* A DTLS record of type tls12_cid: its real type travels encrypted (RFC 9146, 4). */
static bool is_connection_id(const struct explain_site *s)
{
	return s->node->code == 25;
}

/* A QUIC packet's part with no packet_number beside it: header protection hides the number. */
static bool is_pn_masked(const struct explain_site *s)
{
	for (size_t i = 0; s->parent && i < s->parent->count; i++)
		if (strcmp(s->parent->children[i]->name, "packet_number") == 0)
			return false;
	return s->parent != NULL;
}

static bool (*const value_tests[])(const struct explain_site *) = {
	[VALUE_EMPTY] = is_empty,
	[VALUE_NOT_EMPTY] = is_not_empty,
	[VALUE_ECHOED] = is_echoed,
	[VALUE_NEW] = is_new,
	[VALUE_SENTINEL] = has_sentinel,
	[VALUE_NO_SENTINEL] = has_no_sentinel,
	[VALUE_CERT_ONLY] = is_cert_only,
	[VALUE_HANDSHAKE_OK] = is_handshake_ok,
	[VALUE_NAMED_GROUP] = is_named_group,
	[VALUE_ETM] = is_etm,
	[VALUE_MTE] = is_mte,
	[VALUE_EMS] = has_ems,
	[VALUE_NO_EMS] = has_no_ems,
	[VALUE_CAPTURED] = is_captured,
	[VALUE_MODELED] = is_modeled,
	[VALUE_CONNECTION_ID] = is_connection_id,
	[VALUE_PN_MASKED] = is_pn_masked,
};

/* How many '/'-separated names `path` has. */
static size_t segments(const char *path)
{
	size_t n = *path != '\0';
	for (const char *p = path; *p; p++)
		n += *p == '/';
	return n;
}

/* Whether entry path `want` applies to the node at `path` (see struct explain_entry). */
static bool path_applies(const char *want, const char *path)
{
	if (*want == '/')
		return strcmp(want + 1, path) == 0;
	if (*want == '\0' || *path == '\0')
		return *want == *path;
	size_t w = strlen(want), p = strlen(path);
	return p >= w && strcmp(path + p - w, want) == 0 && (p == w || path[p - w - 1] == '/');
}

static bool applies(const struct explain_entry *e, const struct explain_site *s)
{
	const struct decode_context *c = s->ctx;
	/* Early data is protected too: SEALING_PROTECTED covers it, SEALING_EARLY only it. */
	bool sealing = !e->sealing || e->sealing == c->sealing ||
		       (e->sealing == SEALING_PROTECTED && c->sealing == SEALING_EARLY);
	bool era = !e->era || (e->era == ERA_DTLS   ? c->dtls
			       : e->era == ERA_QUIC ? c->quic
						    : e->era == era_of(c->version));
	if (!era || (e->sender && e->sender != c->sender) || !sealing)
		return false;
	if (e->message && strcmp(e->message, s->message) != 0)
		return false;
	if (!path_applies(e->path, s->path))
		return false;
	return e->when == VALUE_ANY || (s->node && value_tests[e->when](s));
}

/* Specificity: the path first (anchored beats floating), then each context a constraint names. */
static unsigned long weight(const struct explain_entry *e)
{
	unsigned long w = (unsigned long)segments(e->path[0] == '/' ? e->path + 1 : e->path);
	w = w * 2 + (e->path[0] == '/' || e->path[0] == '\0');
	/* A DTLS or QUIC entry outweighs one of the TLS era it adapts or carries. */
	unsigned long era = e->era == ERA_DTLS || e->era == ERA_QUIC ? 2 : e->era != 0;
	return w << 6 | (unsigned long)(e->message != NULL) << 5 | (unsigned long)(e->when != 0) << 4 |
	       era << 2 | (unsigned long)(e->sender != 0) << 1 | (unsigned long)(e->sealing != 0);
}

/* The last '/'-separated name of `path`, and its length: what every entry applying there ends with. */
static const char *last_segment(const char *path, size_t *len)
{
	const char *slash = strrchr(path, '/');
	const char *last = slash ? slash + 1 : path;
	*len = strlen(last);
	return last;
}

/*
 * The entries sorted by the last name of their path, each with its weight:
 * an entry can apply only where the node's path ends with that name, so a
 * node is matched against its own slice of the table, not all of it.
 */
struct indexed_entry {
	const char *last;
	size_t last_len;
	unsigned long weight;
	size_t order; /* in the table */
	const struct explain_entry *entry;
};

static int by_last_segment(const void *a, const void *b)
{
	const struct indexed_entry *x = a, *y = b;
	size_t n = x->last_len < y->last_len ? x->last_len : y->last_len;
	int c = memcmp(x->last, y->last, n);
	if (c == 0)
		c = (x->last_len > y->last_len) - (x->last_len < y->last_len);
	/* Table order within a name, so that ties resolve as they would in a scan. */
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* A run of the sorted entries that share a last name, found by that name's hash. */
struct slice {
	size_t first, count; /* count 0: an empty slot */
	bool looks_at_node;  /* an entry tests the node itself, not only its context */
};

static struct {
	struct indexed_entry *entries; /* sorted by last name, then table order */
	struct slice *slices;          /* open addressing, a power of two */
	size_t slot_mask;
} index_of_entries;

static struct slice *slice_slot(const char *last, size_t len)
{
	size_t at = (size_t)mix_bytes((const uint8_t *)last, len) & index_of_entries.slot_mask;
	for (;; at = (at + 1) & index_of_entries.slot_mask) {
		struct slice *s = &index_of_entries.slices[at];
		const struct indexed_entry *e = &index_of_entries.entries[s->first];
		if (!s->count || (e->last_len == len && memcmp(e->last, last, len) == 0))
			return s;
	}
}

/* Whether a value test reads only the decode context, so that its answer is the context's. */
static bool context_only(enum value_case when)
{
	return when == VALUE_ANY || when == VALUE_EMS || when == VALUE_NO_EMS ||
	       when == VALUE_CAPTURED || when == VALUE_MODELED;
}

/* The index, built on first use from the constant table; it lives as long as the program. */
static void build_index(void)
{
	struct indexed_entry *index = xcalloc(explain_entry_count, sizeof(*index));
	for (size_t i = 0; i < explain_entry_count; i++) {
		const struct explain_entry *e = &explain_entries[i];
		index[i].entry = e;
		index[i].order = i;
		index[i].weight = weight(e);
		index[i].last = last_segment(e->path[0] == '/' ? e->path + 1 : e->path,
					     &index[i].last_len);
	}
	qsort(index, explain_entry_count, sizeof(*index), by_last_segment);
	size_t slots = 16;
	while (slots < 2 * explain_entry_count)
		slots *= 2;
	index_of_entries.entries = index;
	index_of_entries.slices = xcalloc(slots, sizeof(struct slice));
	index_of_entries.slot_mask = slots - 1;
	for (size_t i = 0; i < explain_entry_count; i++) {
		struct slice *s = slice_slot(index[i].last, index[i].last_len);
		if (!s->count)
			s->first = i;
		s->count++;
		s->looks_at_node |= !context_only(index[i].entry->when);
	}
}

/*
 * The choices made for nodes whose slice tests no node: the same message,
 * path and context choose the same entry, so a tree of thousands of nodes
 * (and a capture of thousands of trees) scans the table once per kind of
 * node. At most CHOICES_MAX are kept, for the program's life.
 */
#define CHOICES_MAX 16384

struct choice {
	uint64_t hash; /* 0: an empty slot */
	uint32_t context;
	char *message, *path;
	const struct explain_entry *entry;
};

static struct {
	struct choice slots[2 * CHOICES_MAX]; /* open addressing, never more than half full */
	size_t count;
} choices;

/* Everything of the context that applies() and the context-only tests read. */
static uint32_t context_key(const struct decode_context *c)
{
	return (uint32_t)era_of(c->version) | (uint32_t)c->sender << 4 | (uint32_t)c->sealing << 8 |
	       (uint32_t)c->resumed << 12 | (uint32_t)c->extended_master_secret << 13 |
	       (uint32_t)c->captured << 14 | (uint32_t)c->dtls << 15 | (uint32_t)c->quic << 16;
}

/* The slot of the site's choice: found (its entry set) or empty (its hash 0). */
static struct choice *choice_slot(const struct explain_site *site, uint32_t context, uint64_t hash)
{
	size_t mask = sizeof(choices.slots) / sizeof(choices.slots[0]) - 1;
	for (size_t at = hash & mask;; at = (at + 1) & mask) {
		struct choice *c = &choices.slots[at];
		if (!c->hash || (c->hash == hash && c->context == context &&
				 strcmp(c->path, site->path) == 0 &&
				 strcmp(c->message, site->message) == 0))
			return c;
	}
}

const struct explain_entry *explain_choose(const struct explain_site *site, size_t *ties)
{
	if (!index_of_entries.entries)
		build_index();
	size_t last_len;
	const char *last = last_segment(site->path, &last_len);
	/* An entry can apply only where the node's path ends with the entry's last name. */
	const struct slice *slice = slice_slot(last, last_len);
	struct choice *remembered = NULL;
	uint32_t context = 0;
	uint64_t hash = 0;
	if (!ties && slice->count && !slice->looks_at_node) {
		context = context_key(site->ctx);
		hash = (mix_bytes((const uint8_t *)site->path, strlen(site->path)) ^
			mix_bytes((const uint8_t *)site->message, strlen(site->message)) * 31 ^
			context) | 1;
		remembered = choice_slot(site, context, hash);
		if (remembered->hash)
			return remembered->entry;
		if (choices.count == CHOICES_MAX)
			remembered = NULL;
	}
	const struct indexed_entry *entries = index_of_entries.entries + slice->first;
	const struct explain_entry *best = NULL;
	unsigned long best_weight = 0;
	size_t same = 0;
	for (size_t i = 0; i < slice->count; i++) {
		if (!applies(entries[i].entry, site))
			continue;
		unsigned long w = entries[i].weight;
		if (!best || w > best_weight) {
			best = entries[i].entry;
			best_weight = w;
			same = 0;
		} else if (w == best_weight) {
			same++;
		}
	}
	if (ties)
		*ties = same;
	if (remembered) {
		*remembered = (struct choice){ hash, context, xstrdup(site->message),
					       xstrdup(site->path), best };
		choices.count++;
	}
	return best;
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool explain_same_context(const struct explain_entry *a, const struct explain_entry *b)
{
	return same_string(a->message, b->message) && strcmp(a->path, b->path) == 0 &&
	       a->era == b->era && a->sender == b->sender && a->sealing == b->sealing &&
	       a->when == b->when;
}

/*
 * Explanations are interned for the program's life, each text once: a node
 * borrows its explanation (a tree of thousands of nodes copies none) and
 * equal texts are one pointer (the JSON export numbers them by it).
 */
static struct {
	char **texts; /* by slot, open addressing; NULL when empty */
	size_t count, slots;
} interned;

static uint64_t text_hash(const char *s)
{
	return mix_bytes((const uint8_t *)s, strlen(s));
}

/* The slot of `text` in a table of `slots` (a power of two), or the empty slot where it goes. */
static size_t intern_slot(char **texts, size_t slots, const char *text)
{
	size_t at = text_hash(text) & (slots - 1);
	while (texts[at] && strcmp(texts[at], text) != 0)
		at = (at + 1) & (slots - 1);
	return at;
}

const char *explain_intern(const char *text)
{
	if (2 * (interned.count + 1) > interned.slots) {
		size_t slots = interned.slots ? interned.slots * 2 : 1024;
		char **texts = xcalloc(slots, sizeof(*texts));
		for (size_t i = 0; i < interned.slots; i++)
			if (interned.texts[i])
				texts[intern_slot(texts, slots, interned.texts[i])] = interned.texts[i];
		free(interned.texts);
		interned.texts = texts;
		interned.slots = slots;
	}
	size_t at = intern_slot(interned.texts, interned.slots, text);
	if (!interned.texts[at]) {
		interned.texts[at] = xstrdup(text);
		interned.count++;
	}
	return interned.texts[at];
}

/* The entry's text, then what the node's code means: an owned string. */
static char *compose(const struct explain_entry *e, long code)
{
	struct buf b = BUF_INIT;
	buf_append(&b, e->text, strlen(e->text));
	size_t text_len = b.len;
	buf_append(&b, " ", 1);
	if (code == FIELD_NO_CODE || !meaning_append(e->meaning, (uint16_t)code, &b))
		b.len = text_len;
	buf_append(&b, "", 1);
	return (char *)b.data;
}

/*
 * What an entry says of a node with code `code`, interned: remembered for
 * each entry and code it was asked for, so that most nodes cost a lookup.
 */
static struct {
	struct said {
		const struct explain_entry *entry; /* NULL when empty */
		long code;
		const char *text;
	} *slots;
	size_t count, slot_count;
} said;

static size_t said_slot(const struct said *slots, size_t count,
			const struct explain_entry *e, long code)
{
	uint64_t h = ((uint64_t)(uintptr_t)e ^ (uint64_t)code * 0x9e3779b97f4a7c15u) *
		     0xff51afd7ed558ccdu;
	size_t at = (size_t)(h >> 32) & (count - 1);
	while (slots[at].entry && (slots[at].entry != e || slots[at].code != code))
		at = (at + 1) & (count - 1);
	return at;
}

static const char *explanation_of(const struct explain_entry *e, const struct field *node)
{
	if (!e)
		return NULL;
	/* The code matters only where the entry appends its meaning. */
	long code = e->meaning == MEANING_NONE ? FIELD_NO_CODE : node->code;
	if (2 * (said.count + 1) > said.slot_count) {
		size_t count = said.slot_count ? said.slot_count * 2 : 1024;
		struct said *slots = xcalloc(count, sizeof(*slots));
		for (size_t i = 0; i < said.slot_count; i++)
			if (said.slots[i].entry)
				slots[said_slot(slots, count, said.slots[i].entry,
						said.slots[i].code)] = said.slots[i];
		free(said.slots);
		said.slots = slots;
		said.slot_count = count;
	}
	size_t at = said_slot(said.slots, said.slot_count, e, code);
	if (!said.slots[at].entry) {
		char *text = compose(e, code);
		said.slots[at] = (struct said){ e, code, explain_intern(text) };
		said.count++;
		free(text);
	}
	return said.slots[at].text;
}

static void explain_node(struct field *node, struct field *parent, struct buf *path,
			 const struct explain_site *root)
{
	struct explain_site site = *root;
	site.node = node;
	site.parent = parent;
	site.path = (const char *)path->data;
	if (!node->error)
		node->explain = explanation_of(explain_choose(&site, NULL), node);
	size_t keep = path->len;
	for (size_t i = 0; i < node->count; i++) {
		struct field *child = node->children[i];
		path->len = keep - 1; /* over the terminator */
		if (keep > 1)
			buf_append(path, "/", 1);
		const char *name = child->item ? "*" : child->name;
		buf_append(path, name, strlen(name));
		buf_append(path, "", 1);
		explain_node(child, node, path, root);
	}
	path->len = keep;
	path->data[keep - 1] = '\0';
}

void explain_tree(struct field *tree, const struct decode_context *ctx, const uint8_t *bytes,
		  size_t len)
{
	struct buf path = BUF_INIT;
	buf_append(&path, "", 1);
	const struct explain_site root = { tree->name, NULL, ctx, NULL, NULL, bytes, len };
	explain_node(tree, NULL, &path, &root);
	buf_release(&path);
}

const char *message_name(const struct message *m)
{
	switch (m->kind) {
	case MESSAGE_HANDSHAKE:
		/* RFC 8446, 4.1.3: a ServerHello carrying this random is a HelloRetryRequest. */
		if (m->type == 2 && m->bytes.len >= 38) {
			static const uint8_t hrr[8] = { 0xcf, 0x21, 0xad, 0x74,
							0xe5, 0x9a, 0x61, 0x11 };
			if (memcmp(m->bytes.data + 6, hrr, sizeof(hrr)) == 0)
				return "HelloRetryRequest";
		}
		return registry_name(REG_HANDSHAKE_TYPE, m->type) ? registry_name(REG_HANDSHAKE_TYPE,
										  m->type)
								  : "Handshake";
	case MESSAGE_CHANGE_CIPHER_SPEC:
		return "ChangeCipherSpec";
	case MESSAGE_ALERT:
		return "Alert";
	case MESSAGE_APPLICATION_DATA:
		return "ApplicationData";
	case MESSAGE_QUIC_FRAME:
		return m->type == QUIC_FRAME_HANDSHAKE_DONE ? "HANDSHAKE_DONE" : "CONNECTION_CLOSE";
	case MESSAGE_QUIC_PACKET:
		return quic_packet_name(m->type);
	case MESSAGE_UNREADABLE:
		break;
	}
	return "unreadable record";
}

const char *message_explanation(const struct trace *t, const struct message *m)
{
	/* An alert is for what its description reports. */
	const char *alert = m->kind == MESSAGE_ALERT ? alert_meaning(m->type) : NULL;
	if (alert)
		return alert;
	struct decode_context ctx;
	decode_context_of(t, m->conn, m->dir, m->protection, &ctx);
	const struct field root = { .name = (char *)message_name(m), .code = FIELD_NO_CODE };
	const struct explain_site site = { root.name, "", &ctx, &root, NULL, NULL, 0 };
	const struct explain_entry *e = explain_choose(&site, NULL);
	return e ? e->text : "A message tlsviz does not know.";
}

/*
 * Why a server refuses a ClientHello outright, by the alert it sends
 * instead of a ServerHello (RFC 8446, 6.2; RFC 7301, 3.2).
 */
static const struct {
	uint8_t alert;
	const char *because;
} refusals[] = {
	{ 40, "it could not agree on parameters from the client's offer, such as a cipher suite "
	      "both support" },
	{ 47, "a field of the ClientHello was out of range or inconsistent" },
	{ 50, "it could not parse the ClientHello" },
	{ 70, "it supports none of the versions the client offered" },
	{ 109, "the ClientHello lacked an extension it requires" },
	{ 120, "it speaks none of the application protocols the client offered in ALPN" },
};

void explain_no_server_hello(const struct trace *t, unsigned conn, struct buf *out)
{
	const struct message *alert = NULL;
	for (size_t i = 0; i < t->message_count && !alert; i++)
		if (t->messages[i].conn == conn && t->messages[i].kind == MESSAGE_ALERT)
			alert = &t->messages[i];
	buf_printf(out, "no ServerHello was sent");
	if (!alert)
		return;
	const char *name = registry_name(REG_ALERT_DESCRIPTION, alert->type);
	if (alert->dir == DIR_CLIENT_TO_SERVER) {
		buf_printf(out, ": the client ended the handshake with alert %s", name ? name : "unknown");
		return;
	}
	buf_printf(out, ": the server answered the ClientHello with alert %s", name ? name : "unknown");
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (refusals[i].alert == alert->type)
			buf_printf(out, ", because %s", refusals[i].because);
}
