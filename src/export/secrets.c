#include "export/secrets.h"

static const struct {
	const char *label; /* as captured */
	const char *name;
	const char *keylog_label;
} known[] = {
	{ "handshake ikm", "ecdhe_shared_secret", NULL },
	{ "c e traffic", "client_early_traffic_secret", "CLIENT_EARLY_TRAFFIC_SECRET" },
	{ "e exp master", "early_exporter_master_secret", "EARLY_EXPORTER_SECRET" },
	{ "c hs traffic", "client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET" },
	{ "s hs traffic", "server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET" },
	{ "c ap traffic", "client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0" },
	{ "s ap traffic", "server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0" },
	{ "exp master", "exporter_master_secret", "EXPORTER_SECRET" },
	{ "res master", "resumption_master_secret", NULL },
	{ "master secret", "master_secret", "CLIENT_RANDOM" },
};

void secrets_collect(const struct trace *t, struct secret_list *out)
{
	out->count = 0;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct secret *s = capture_find_secret(&t->capture, known[i].label);
		if (!s || s->len == 0 || out->count == sizeof(out->items) / sizeof(out->items[0]))
			continue;
		out->items[out->count++] = (struct named_secret){ known[i].name, known[i].keylog_label,
								  s->bytes, s->len };
	}
}
