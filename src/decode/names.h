/*
 * Names from the IANA TLS registries, as tables. Every lookup returns a
 * static string, or NULL for a code the table does not know.
 */
#ifndef TLSVIZ_DECODE_NAMES_H
#define TLSVIZ_DECODE_NAMES_H

#include <stdint.h>

/* HandshakeType, in the RFCs' spelling: "ClientHello", "ServerKeyExchange"... */
const char *handshake_type_name(uint8_t type);
/* AlertDescription: "close_notify", "bad_record_mac"... */
const char *alert_description_name(uint8_t description);
/* "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"... */
const char *cipher_suite_name(uint16_t code);
/* NamedGroup: "x25519", "secp256r1"... */
const char *named_group_name(uint16_t code);
/* ProtocolVersion: "TLS 1.2", "TLS 1.3"... */
const char *protocol_version_name(uint16_t version);

#endif
