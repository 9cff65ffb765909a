#include "engine/scenario.h"

#include <string.h>

#define HTTP_REQUEST "GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: tlsviz\r\n\r\n"
#define HTTP_RESPONSE                                                                    \
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 19\r\n"          \
	"Connection: close\r\n\r\nHello from tlsviz!\n"

/* Every scenario is a small web exchange with www.example.com. */
#define WEB_EXCHANGE                                                                     \
	.server_name = "www.example.com", .alpn = "http/1.1", .request = HTTP_REQUEST,    \
	.response = HTTP_RESPONSE

const struct scenario scenarios[] = {
	{
		.name = "tls13",
		.description = "TLS 1.3 full handshake: X25519, AES-128-GCM, RSA certificate",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
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
	},
	{
		.name = "tls13-p256",
		.description = "TLS 1.3 with a secp256r1 key share and an ECDSA P-256 certificate",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_ECDSA_P256,
		WEB_EXCHANGE,
	},
	{
		.name = "tls13-ffdhe",
		.description = "TLS 1.3 with finite-field Diffie-Hellman: an ffdhe2048 key share",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_FFDHE2048,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
	},
	{
		.name = "tls13-mtls",
		.description = "TLS 1.3 mutual authentication: CertificateRequest, the client's "
			       "Certificate and CertificateVerify",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		.client_cert = true,
		.require_client_cert = true,
		WEB_EXCHANGE,
	},
	{
		.name = "tls13-keyupdate",
		.description = "TLS 1.3 KeyUpdate after the exchange: both sides move to new "
			       "traffic keys, and the close travels under them",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.key_update = true,
	},
	{
		.name = "tls13-resume",
		.description = "TLS 1.3 full handshake, then a second connection resumed with a PSK "
			       "from its ticket: no certificate the second time",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.resume = RESUME_TICKET,
	},
	{
		.name = "tls13-0rtt",
		.description = "TLS 1.3 resumption with the request sent as early data (0-RTT) in "
			       "the client's first flight",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.resume = RESUME_TICKET,
		.early_data = true,
		.needs = NEED_EARLY_DATA,
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
	},
	{
		.name = "tls12-resume-id",
		.description = "TLS 1.2 full handshake, then a second connection resumed by session "
			       "ID: an abbreviated handshake",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.resume = RESUME_SESSION_ID,
	},
	{
		.name = "tls12-resume-ticket",
		.description = "TLS 1.2 with a NewSessionTicket in the full handshake, then a second "
			       "connection resumed by that ticket",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.resume = RESUME_TICKET,
	},
	{
		.name = "tls12-cbc",
		.description = "TLS 1.2 with AES-CBC and HMAC-SHA256, encrypt_then_mac negotiated",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
	},
	{
		.name = "tls12-dhe",
		.description = "TLS 1.2 with finite-field Diffie-Hellman (ffdhe2048), RSA certificate",
		.version = TLS_V1_2,
		.cipher_list = "DHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_FFDHE2048,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
	},
	{
		.name = "tls12-ecdsa",
		.description = "TLS 1.2 ECDHE-ECDSA: an elliptic-curve certificate signs the key "
			       "exchange",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-ECDSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_ECDSA_P256,
		WEB_EXCHANGE,
	},
	{
		.name = "tls12-mtls",
		.description = "TLS 1.2 mutual authentication: the client proves its certificate too",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		.client_cert = true,
		.require_client_cert = true,
		WEB_EXCHANGE,
	},
	{
		.name = "tls12-rsa",
		.description = "TLS 1.2 with static RSA key exchange: the classic handshake",
		.version = TLS_V1_2,
		.cipher_list = "AES128-GCM-SHA256",
		.group = GROUP_DEFAULT,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.needs = NEED_STATIC_RSA,
	},
	{
		.name = "fail-unknown-ca",
		.description = "the client does not trust the CA that issued the server's "
			       "certificate: alert unknown_ca",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_UNTRUSTED,
		WEB_EXCHANGE,
		.expect_failure = true,
		.expect_alert = 48,
	},
	{
		.name = "fail-hostname",
		.description = "the certificate does not name the host the client wanted: alert "
			       "bad_certificate",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.check_name = "bank.example.org",
		.expect_failure = true,
		.expect_alert = 42,
	},
	{
		.name = "fail-version",
		.description = "a TLS 1.2-only client meets a TLS 1.3-only server: alert "
			       "protocol_version",
		.version = TLS_V1_2,
		.server_version = TLS_V1_3,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.server_cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.expect_failure = true,
		.expect_alert = 70,
	},
	{
		.name = "fail-no-shared-cipher",
		.description = "the client and the server have no cipher suite in common: alert "
			       "handshake_failure",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES256-GCM-SHA384",
		.server_cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.expect_failure = true,
		.expect_alert = 40,
	},
	{
		.name = "fail-alpn",
		.description = "the client wants HTTP/1.1, the server only speaks h2: alert "
			       "no_application_protocol",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.server_alpn = "h2",
		.expect_failure = true,
		.expect_alert = 120,
	},
	{
		.name = "fail-mtls-no-cert",
		.description = "a TLS 1.3 server requires a client certificate that never comes: "
			       "alert certificate_required",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		.require_client_cert = true,
		WEB_EXCHANGE,
		.expect_failure = true,
		.expect_alert = 116,
	},
	{
		.name = "tamper-record",
		.description = "one bit of an encrypted TLS 1.3 record is flipped in transit: alert "
			       "bad_record_mac",
		.version = TLS_V1_3,
		.cipher_list = "TLS13-AES128-GCM-SHA256",
		.group = GROUP_X25519,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.tamper = TAMPER_RECORD,
		.expect_failure = true,
		.expect_alert = 20,
	},
	{
		/* The record check comes first: the Finished inside is never read (RFC 5246, 6.2.3.3). */
		.name = "tamper-record-tls12",
		.description = "one bit of the record carrying the client's TLS 1.2 Finished is "
			       "flipped: the record check fails first, alert bad_record_mac",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.tamper = TAMPER_RECORD_TLS12,
		.expect_failure = true,
		.expect_alert = 20,
	},
	{
		/*
		 * What Finished is for (RFC 5246, 7.4.9): the plaintext ClientHello is
		 * changed, so the server's transcript differs from the client's and
		 * the client's Finished does not verify: decrypt_error (7.2.2). The
		 * server prefers AES-GCM; with it struck, it takes AES-CBC. Without
		 * extended_master_secret: with it, the altered ClientHello would enter
		 * the master secret (RFC 7627, 4), the keys would differ and the
		 * Finished record would fail its record check first.
		 */
		.name = "tamper-downgrade",
		.description = "a middlebox strikes the best cipher suite from the ClientHello: "
			       "the Finished check fails, alert decrypt_error",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.tamper = TAMPER_CIPHER_LIST,
		.no_extended_master_secret = true,
		.expect_failure = true,
		.expect_alert = 51,
	},
	{
		/*
		 * The client must not go on: the signature over the randoms and the
		 * parameters fails (RFC 5246, 7.4.3), and decrypt_error is the alert
		 * for a signature that does not verify (7.2.2).
		 */
		.name = "tamper-signature",
		.description = "the ServerKeyExchange signature is altered: RFC 5246 expects alert "
			       "decrypt_error, wolfSSL's client stops without one",
		.version = TLS_V1_2,
		.cipher_list = "ECDHE-RSA-AES128-GCM-SHA256",
		.group = GROUP_SECP256R1,
		.cert = CERT_RSA_2048,
		WEB_EXCHANGE,
		.tamper = TAMPER_SIGNATURE,
		.expect_failure = true,
		.expect_alert = -1,
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
	/* The pattern over and over, a whole copy at a time (byte by byte took a fifth of a run). */
	size_t pattern = sizeof(BULK_PATTERN) - 1;
	for (size_t done = 0; done < s->bulk_bytes; done += pattern)
		buf_append(out, BULK_PATTERN,
			   s->bulk_bytes - done < pattern ? s->bulk_bytes - done : pattern);
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
