#include "export/secrets.h"

#include <string.h>

const char *keylog_label(const char *name)
{
	static const struct {
		const char *name;
		const char *label;
	} labels[] = {
		{ "client_early_traffic_secret", "CLIENT_EARLY_TRAFFIC_SECRET" },
		{ "early_exporter_master_secret", "EARLY_EXPORTER_SECRET" },
		{ "client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET" },
		{ "server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET" },
		{ "client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0" },
		{ "server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0" },
		{ "exporter_master_secret", "EXPORTER_SECRET" },
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].name, name) == 0)
			return labels[i].label;
	return NULL;
}
