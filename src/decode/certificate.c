/* A certificate's summary as fields, under the node of its DER bytes. */
#include "crypto/x509.h"
#include "decode/internal.h"

void decode_certificate_summary(struct field *parent, const uint8_t *der, size_t len,
				size_t offset)
{
	struct cert_summary s;
	char why[160];
	if (crypto_cert_summary(der, len, &s, why, sizeof(why)) != 0) {
		field_error(parent, offset, "%s", why);
		return;
	}
	/* The summary reads the whole DER: each line points at all of it. */
	const struct {
		const char *name;
		const char *value;
	} lines[] = {
		{ "subject", s.subject },
		{ "issuer", s.issuer },
		{ "not_before", s.not_before },
		{ "not_after", s.not_after },
		{ "subject_public_key", s.public_key },
		{ "signature_algorithm", s.signature },
		{ "subject_alt_names", s.alt_names[0] ? s.alt_names : "(none)" },
	};
	field_set_value(parent, "%s", s.subject);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		field_set_value(field_add(parent, lines[i].name, offset, len), "%s", lines[i].value);
}
