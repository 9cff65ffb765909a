#include "capture/capture.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void capture_init(struct capture *c)
{
	memset(c, 0, sizeof(*c));
}

void capture_next_connection(struct capture *c)
{
	if (c->conn + 1 >= CONNECTION_MAX)
		abort();
	c->conn++;
}

void capture_chunk(struct capture *c, enum direction dir, uint64_t time_ns, const uint8_t *bytes,
		   size_t len, size_t consumed)
{
	ARRAY_GROW(c->chunks, c->chunk_count, c->chunk_cap);
	struct chunk *ch = &c->chunks[c->chunk_count++];
	ch->conn = c->conn;
	ch->dir = dir;
	ch->time_ns = time_ns;
	ch->bytes = memcpy(xmalloc(len), bytes, len);
	ch->delivered = NULL;
	ch->len = len;
	ch->consumed = consumed;
}

void capture_delivered(struct capture *c, const uint8_t *delivered)
{
	struct chunk *ch = &c->chunks[c->chunk_count - 1];
	if (memcmp(ch->bytes, delivered, ch->len) == 0)
		return;
	free(ch->delivered);
	ch->delivered = memcpy(xmalloc(ch->len), delivered, ch->len);
}

void capture_secret(struct capture *c, const char *label, size_t label_len, const uint8_t *bytes,
		    size_t len)
{
	if (len > SECRET_MAX)
		abort();
	if (label_len >= SECRET_LABEL_MAX)
		label_len = SECRET_LABEL_MAX - 1;
	for (size_t i = 0; i < c->secret_count; i++) {
		const struct secret *s = &c->secrets[i];
		if (s->conn == c->conn && strlen(s->label) == label_len && memcmp(s->label, label, label_len) == 0 &&
		    s->len == len && memcmp(s->bytes, bytes, len) == 0)
			return;
	}
	ARRAY_GROW(c->secrets, c->secret_count, c->secret_cap);
	struct secret *s = &c->secrets[c->secret_count++];
	memset(s, 0, sizeof(*s));
	s->conn = c->conn;
	memcpy(s->label, label, label_len);
	memcpy(s->bytes, bytes, len);
	s->len = len;
}

void capture_keyed_secret(struct capture *c, const char *label, const uint8_t client_random[32],
			  const uint8_t *bytes, size_t len)
{
	if (len > SECRET_MAX)
		abort();
	if (capture_find_keyed(c, c->conn, label, client_random))
		return; /* the first line for a handshake wins, as in a key log file */
	ARRAY_GROW(c->secrets, c->secret_count, c->secret_cap);
	struct secret *s = &c->secrets[c->secret_count++];
	memset(s, 0, sizeof(*s));
	s->conn = c->conn;
	snprintf(s->label, sizeof(s->label), "%s", label);
	memcpy(s->bytes, bytes, len);
	s->len = len;
	s->has_random = true;
	memcpy(s->client_random, client_random, 32);
}

const struct secret *capture_find_keyed(const struct capture *c, unsigned conn, const char *label,
					const uint8_t client_random[32])
{
	for (size_t i = 0; i < c->secret_count; i++) {
		const struct secret *s = &c->secrets[i];
		if (s->conn == conn && s->has_random && strcmp(s->label, label) == 0 &&
		    memcmp(s->client_random, client_random, 32) == 0)
			return s;
	}
	return NULL;
}

void capture_server_key(struct capture *c, const uint8_t *der, size_t len)
{
	free(c->server_key);
	c->server_key = memcpy(xmalloc(len), der, len);
	c->server_key_len = len;
}

int capture_holds(const struct capture *c, unsigned conn, const char *label, const uint8_t *bytes,
		  size_t len)
{
	int found = -1;
	for (size_t i = 0; i < c->secret_count; i++) {
		const struct secret *s = &c->secrets[i];
		if (s->conn != conn || strcmp(s->label, label) != 0)
			continue;
		if (s->len == len && memcmp(s->bytes, bytes, len) == 0)
			return 1;
		found = 0;
	}
	return found;
}

void capture_key_pair(struct capture *c, const uint8_t *public_key, size_t public_len,
		      const uint8_t *private_key, size_t private_len)
{
	if (public_len > SECRET_MAX || private_len > SECRET_MAX)
		abort();
	ARRAY_GROW(c->key_pairs, c->key_pair_count, c->key_pair_cap);
	struct key_pair *k = &c->key_pairs[c->key_pair_count++];
	memcpy(k->public_key, public_key, public_len);
	k->public_len = public_len;
	memcpy(k->private_key, private_key, private_len);
	k->private_len = private_len;
}

/* <*bytes, *len> without its leading zero bytes. */
static void strip_zeros(const uint8_t **bytes, size_t *len)
{
	while (*len > 0 && (*bytes)[0] == 0) {
		(*bytes)++;
		(*len)--;
	}
}

const struct key_pair *capture_find_key_pair(const struct capture *c, const uint8_t *public_key,
					     size_t len)
{
	strip_zeros(&public_key, &len);
	for (size_t i = 0; i < c->key_pair_count; i++) {
		const uint8_t *mine = c->key_pairs[i].public_key;
		size_t mine_len = c->key_pairs[i].public_len;
		strip_zeros(&mine, &mine_len);
		if (len > 0 && mine_len == len && memcmp(mine, public_key, len) == 0)
			return &c->key_pairs[i];
	}
	return NULL;
}

const struct secret *capture_find_secret(const struct capture *c, unsigned conn,
					 const char *label)
{
	for (size_t i = 0; i < c->secret_count; i++)
		if (c->secrets[i].conn == conn && strcmp(c->secrets[i].label, label) == 0)
			return &c->secrets[i];
	return NULL;
}

void capture_segment(struct capture *c, const struct captured_segment *s)
{
	ARRAY_GROW(c->segments, c->segment_count, c->segment_cap);
	c->segments[c->segment_count++] = *s;
}

void capture_note(struct capture *c, const char *fmt, ...)
{
	size_t used = strlen(c->notes);
	if (used + 3 >= sizeof(c->notes))
		return;
	if (used)
		used += (size_t)snprintf(c->notes + used, sizeof(c->notes) - used, "; ");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->notes + used, sizeof(c->notes) - used, fmt, ap);
	va_end(ap);
}

void capture_release(struct capture *c)
{
	for (size_t i = 0; i < c->chunk_count; i++) {
		free(c->chunks[i].bytes);
		free(c->chunks[i].delivered);
	}
	free(c->chunks);
	free(c->secrets);
	free(c->key_pairs);
	free(c->server_key);
	for (size_t i = 0; i < c->segment_count; i++) {
		free(c->segments[i].ip_header);
		free(c->segments[i].payload);
	}
	free(c->segments);
	memset(c, 0, sizeof(*c));
}
