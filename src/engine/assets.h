/*
 * The test PKI from assets/, compiled into the binary (the Makefile generates
 * the definitions) so that tlsviz runs from anywhere, installed or not.
 */
#ifndef TLSVIZ_ENGINE_ASSETS_H
#define TLSVIZ_ENGINE_ASSETS_H

#include <stddef.h>

struct asset {
	const unsigned char *bytes;
	size_t len;
};

extern const struct asset asset_ca_pem;
extern const struct asset asset_server_rsa_pem;
extern const struct asset asset_server_rsa_key_pem;
extern const struct asset asset_server_ecdsa_pem;
extern const struct asset asset_server_ecdsa_key_pem;
extern const struct asset asset_client_pem;
extern const struct asset asset_client_key_pem;
extern const struct asset asset_untrusted_pem;
extern const struct asset asset_untrusted_key_pem;

#endif
