#!/bin/sh
# Regenerates the test PKI that tlsviz's scenarios use: a test root CA, two
# server certificates (RSA-2048 and ECDSA P-256) for www.example.com, a client
# certificate for mutual TLS, and a server certificate from another CA that no
# client trusts; all valid from 2025 to 2049 so that runs with a fixed clock
# (--seed) and real runs both verify.
# The keys are test keys, published on purpose: never use them for anything real.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/index.txt"
echo 1000 > "$work/serial"
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = $work/index.txt
serial = $work/serial
new_certs_dir = $work
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[ any ]
commonName = supplied
organizationName = optional
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ client_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com, DNS:example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
dates="-startdate 20250101000000Z -enddate 20491231235959Z"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca-key.pem
openssl req -new -key ca-key.pem -subj "/O=tlsviz/CN=tlsviz Test Root CA" -out "$work/ca.csr"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile ca-key.pem $dates \
    -extensions ca_ext -in "$work/ca.csr" -out "$work/ca.pem" -notext
openssl x509 -in "$work/ca.pem" -out ca.pem

issue() { # issue NAME KEYFILE SUBJECT EXTENSIONS CA CAKEY
    openssl req -new -key "$2" -subj "$3" -out "$work/$1.csr"
    openssl ca -batch -config "$work/ca.cnf" -cert "$5" -keyfile "$6" $dates \
        -extensions "$4" -in "$work/$1.csr" -out "$work/$1.pem" -notext
    openssl x509 -in "$work/$1.pem" -out "$1.pem"
}
server="/O=tlsviz/CN=www.example.com"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-rsa-key.pem
issue server-rsa server-rsa-key.pem "$server" server_ext ca.pem ca-key.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server-ecdsa-key.pem
issue server-ecdsa server-ecdsa-key.pem "$server" server_ext ca.pem ca-key.pem
# The client's certificate, for mutual TLS.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client-key.pem
issue client client-key.pem "/O=tlsviz/CN=student" client_ext ca.pem ca-key.pem

# A second CA that nobody trusts: its server certificate gets unknown_ca.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/other-ca-key.pem"
openssl req -new -key "$work/other-ca-key.pem" -subj "/O=elsewhere/CN=Untrusted Root CA" \
    -out "$work/other-ca.csr"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$work/other-ca-key.pem" $dates \
    -extensions ca_ext -in "$work/other-ca.csr" -out "$work/other-ca.pem" -notext
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out untrusted-key.pem
issue untrusted untrusted-key.pem "$server" server_ext "$work/other-ca.pem" "$work/other-ca-key.pem"
