#include "crypto/x509.h"

#include <stdio.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/rsa.h>

/* An ASN.1 UTCTime or GeneralizedTime (tag, length, digits) as "YYYY-MM-DD hh:mm:ss UTC". */
static void format_time(const byte *t, int len, char *out, size_t out_len)
{
	snprintf(out, out_len, "(unreadable)");
	if (!t || len < 2 || t[1] + 2 > len)
		return;
	const char *s = (const char *)t + 2;
	int n = t[1];
	if (t[0] == ASN_UTC_TIME && n >= 13) {
		int yy = (s[0] - '0') * 10 + (s[1] - '0');
		/* RFC 5280, 4.1.2.5.1: YY >= 50 means 19YY. */
		snprintf(out, out_len, "%d-%.2s-%.2s %.2s:%.2s:%.2s UTC", yy >= 50 ? 1900 + yy : 2000 + yy,
			 s + 2, s + 4, s + 6, s + 8, s + 10);
	} else if (t[0] == ASN_GENERALIZED_TIME && n >= 15) {
		snprintf(out, out_len, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", s, s + 4, s + 6, s + 8,
			 s + 10, s + 12);
	}
}

static const char *signature_name(word32 oid)
{
	static const struct {
		word32 oid;
		const char *name;
	} names[] = {
		{ CTC_SHAwRSA, "sha1WithRSAEncryption" },
		{ CTC_SHA256wRSA, "sha256WithRSAEncryption" },
		{ CTC_SHA384wRSA, "sha384WithRSAEncryption" },
		{ CTC_SHA512wRSA, "sha512WithRSAEncryption" },
		{ CTC_RSASSAPSS, "rsassaPss" },
		{ CTC_SHA256wECDSA, "ecdsa-with-SHA256" },
		{ CTC_SHA384wECDSA, "ecdsa-with-SHA384" },
		{ CTC_ED25519, "Ed25519" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].oid == oid)
			return names[i].name;
	return NULL;
}

static void describe_key(DecodedCert *cert, char *out, size_t out_len)
{
	word32 idx = 0;
	if (cert->keyOID == RSAk) {
		RsaKey key;
		if (wc_InitRsaKey(&key, NULL) == 0) {
			if (wc_RsaPublicKeyDecode(cert->publicKey, &idx, &key, cert->pubKeySize) == 0)
				snprintf(out, out_len, "RSA %d bits", wc_RsaEncryptSize(&key) * 8);
			wc_FreeRsaKey(&key);
			return;
		}
	} else if (cert->keyOID == ECDSAk) {
		ecc_key key;
		if (wc_ecc_init(&key) == 0) {
			if (wc_EccPublicKeyDecode(cert->publicKey, &idx, &key, cert->pubKeySize) == 0) {
				const char *curve = wc_ecc_get_name(wc_ecc_get_curve_id(key.idx));
				snprintf(out, out_len, "EC %s (%d bits)", curve ? curve : "?",
					 wc_ecc_size(&key) * 8);
			}
			wc_ecc_free(&key);
			return;
		}
	} else if (cert->keyOID == ED25519k) {
		snprintf(out, out_len, "Ed25519 (256 bits)");
		return;
	}
	snprintf(out, out_len, "key algorithm %u", cert->keyOID);
}

int crypto_cert_summary(const uint8_t *der, size_t len, struct cert_summary *out, char *why,
			size_t why_len)
{
	memset(out, 0, sizeof(*out));
	DecodedCert cert;
	wc_InitDecodedCert(&cert, der, (word32)len, NULL);
	int ret = wc_ParseCert(&cert, CERT_TYPE, NO_VERIFY, NULL);
	if (ret != 0) {
		snprintf(why, why_len, "not a certificate wolfCrypt can read (%s)",
			 wc_GetErrorString(ret));
		wc_FreeDecodedCert(&cert);
		return -1;
	}
	snprintf(out->subject, sizeof(out->subject), "%s", cert.subject);
	snprintf(out->issuer, sizeof(out->issuer), "%s", cert.issuer);
	format_time(cert.beforeDate, cert.beforeDateLen, out->not_before, sizeof(out->not_before));
	format_time(cert.afterDate, cert.afterDateLen, out->not_after, sizeof(out->not_after));
	describe_key(&cert, out->public_key, sizeof(out->public_key));
	const char *sig = signature_name(cert.signatureOID);
	if (sig)
		snprintf(out->signature, sizeof(out->signature), "%s", sig);
	else
		snprintf(out->signature, sizeof(out->signature), "algorithm %u", cert.signatureOID);
	size_t used = 0;
	for (DNS_entry *e = cert.altNames; e && used < sizeof(out->alt_names); e = e->next) {
		const char *kind = e->type == ASN_DNS_TYPE ? "DNS" : "other";
		int n = snprintf(out->alt_names + used, sizeof(out->alt_names) - used, "%s%s:%.*s",
				 used ? ", " : "", kind, e->len, e->name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	wc_FreeDecodedCert(&cert);
	return 0;
}
