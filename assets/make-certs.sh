#!/bin/sh
# Regenerates the test PKI that tlsviz's scenarios use: a test root CA and two
# server certificates (RSA-2048 and ECDSA P-256) for www.example.com, valid from
# 2025 to 2049 so that runs with a fixed clock (--seed) and real runs both verify.
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

issue() { # issue NAME KEYFILE
    openssl req -new -key "$2" -subj "/O=tlsviz/CN=www.example.com" -out "$work/$1.csr"
    openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca-key.pem $dates \
        -extensions server_ext -in "$work/$1.csr" -out "$work/$1.pem" -notext
    openssl x509 -in "$work/$1.pem" -out "$1.pem"
}
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-rsa-key.pem
issue server-rsa server-rsa-key.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server-ecdsa-key.pem
issue server-ecdsa server-ecdsa-key.pem
