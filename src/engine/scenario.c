#include "engine/scenario.h"

#include <string.h>

#define HTTP_REQUEST "GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: tlsviz\r\n\r\n"
#define HTTP_RESPONSE                                                                    \
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 19\r\n"          \
	"Connection: close\r\n\r\nHello from tlsviz!\n"

/* Every scenario is a small web exchange with www.example.com. */
#define WEB_EXCHANGE                                                                     \
	.server_name = "www.example.com", .alpn = "http/1.1", .request = HTTP_REQUEST

const struct scenario scenarios[] = {
	{
		.name = "tls13",
		.description = "TLS 1.3 full handshake: X25519, AES-128-GCM, RSA certificate",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls13-chacha",
		.description = "TLS 1.3 with ChaCha20-Poly1305, the AEAD for machines without AES "
			       "hardware",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-CHACHA20-POLY1305-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls13-ccm",
		.description = "TLS 1.3 with AES-128-CCM, the AEAD of constrained devices; ECDSA "
			       "P-256 certificate",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-CCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_ECDSA_P256,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls13-hrr",
		.description = "TLS 1.3 HelloRetryRequest: the client's X25519 guess is refused, "
			       "the server asks for P-256",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.server_group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls13-bulk",
		.description = "TLS 1.3 with a 4 MB answer in 2,048 records: for measuring the viewer",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.bulk_bytes = 4 << 20,
		.write_size = 2048,
	},
	{
		.name = "tls12-ecdhe",
		.description = "TLS 1.2 with ECDHE key exchange (forward secrecy), RSA certificate",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls12-cbc",
		.description = "TLS 1.2 with AES-CBC and HMAC-SHA256, encrypt_then_mac negotiated",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls12-dhe",
		.description = "TLS 1.2 with finite-field Diffie-Hellman (ffdhe2048), RSA certificate",
		.version = TLS_V1_2,
		.cipher_list = "DHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_DEFAULT,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
	},
	{
		.name = "tls12-rsa",
		.description = "TLS 1.2 with static RSA key exchange: the classic handshake",
		.version = TLS_V1_2,
		.cipher_list = "AES128-GCM-SHA256",
		.group = GROUP_DEFAULT,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.response = HTTP_RESPONSE,
		.needs = NEED_STATIC_RSA,
	},
};

#define BULK_PATTERN "tlsviz moves a lot of bytes so that the viewer can be measured.\n"

void scenario_response(const struct scenario *s, struct buf *out)
{
	if (!s->bulk_bytes) {
		buf_append(out, s->response, strlen(s->response));
		return;
	}
	buf_printf(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
		   s->bulk_bytes);
	for (size_t i = 0; i < s->bulk_bytes; i++)
		buf_append(out, &BULK_PATTERN[i % (sizeof(BULK_PATTERN) - 1)], 1);
}

const size_t scenario_count = sizeof(scenarios) / sizeof(scenarios[0]);

const struct scenario *scenario_find(const char *name)
{
	for (size_t i = 0; i < scenario_count; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			return &scenarios[i];
	return NULL;
}

const char *tls_version_name(enum tls_version v)
{
	return v == TLS_V1_3 ? "TLS 1.3" : "TLS 1.2";
}
