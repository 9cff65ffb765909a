/* A certificate summarised for people, through wolfCrypt's certificate parser. */
#ifndef TLSVIZ_CRYPTO_X509_H
#define TLSVIZ_CRYPTO_X509_H

#include <stddef.h>
#include <stdint.h>

struct cert_summary {
	char subject[340];     /* "/O=tlsviz/CN=www.example.com" */
	char issuer[340];
	char not_before[32];   /* "2025-01-01 00:00:00 UTC" */
	char not_after[32];
	char public_key[48];   /* "RSA 2048 bits", "EC P-256 (256 bits)" */
	char signature[48];    /* "sha256WithRSAEncryption" */
	char alt_names[256];   /* "DNS:www.example.com, DNS:example.com" */
};

/* Parses a DER certificate; 0, or -1 with `why` set when wolfCrypt cannot read it. */
int crypto_cert_summary(const uint8_t *der, size_t len, struct cert_summary *out, char *why,
			size_t why_len) __attribute__((warn_unused_result));

#endif
