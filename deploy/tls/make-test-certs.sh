#!/bin/sh
# A local test certificate authority for a federation on one machine (demos and the end-to-end tests).
# NOT for production: the keys are unencrypted and the CA signs whatever this script asks.
#
#   deploy/tls/make-test-certs.sh OUT_DIR NETWORK [NETWORK...]
#
# Writes, in OUT_DIR:
#   ca.pem, ca.key                  the test CA (wpsd --tls_ca=OUT_DIR/ca.pem)
#   NETWORK.pem, NETWORK.key        per network: one certificate for both its listener and its puller
#                                   (subject CN and first DNS SAN = the network id; SANs also cover
#                                   localhost and 127.0.0.1, so a peer dialled on loopback verifies)
#   other-ca/ca.pem, other-ca/NETWORK.pem, other-ca/NETWORK.key
#                                   the same network ids signed by an unrelated CA, for refusal tests
# Needs openssl (Debian package openssl). Existing files in OUT_DIR are overwritten.
set -eu

usage() { echo "usage: $0 OUT_DIR NETWORK [NETWORK...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
out=$1; shift
for network in "$@"; do
  case $network in
    *[!a-z0-9-]*|-*|"") echo "$0: '$network' is not a network id ([a-z0-9][a-z0-9-]*)" >&2; exit 2 ;;
  esac
done
command -v openssl >/dev/null || { echo "$0: openssl is not installed (apt-get install openssl)" >&2; exit 1; }

# make_ca DIR NAME: a self-signed CA valid for ten years.
make_ca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 -subj "/CN=$2" \
    -keyout "$1/ca.key" -out "$1/ca.pem" 2>/dev/null
}

# make_leaf DIR NETWORK: a key and a certificate signed by DIR's CA, usable as server and client.
make_leaf() {
  dir=$1; network=$2
  ext=$(mktemp)
  cat >"$ext" <<EXT
subjectAltName = DNS:$network, DNS:localhost, IP:127.0.0.1
extendedKeyUsage = serverAuth, clientAuth
keyUsage = digitalSignature, keyEncipherment
basicConstraints = CA:FALSE
EXT
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -subj "/CN=$network" \
    -keyout "$dir/$network.key" -out "$dir/$network.csr" 2>/dev/null
  openssl x509 -req -sha256 -days 825 -in "$dir/$network.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -CAcreateserial -extfile "$ext" -out "$dir/$network.pem" 2>/dev/null
  rm -f "$dir/$network.csr" "$ext"
  chmod 600 "$dir/$network.key"
}

mkdir -p "$out/other-ca"
make_ca "$out" "WPS Roster test CA"
make_ca "$out/other-ca" "Unrelated test CA"
chmod 600 "$out/ca.key" "$out/other-ca/ca.key"
for network in "$@"; do
  make_leaf "$out" "$network"
  make_leaf "$out/other-ca" "$network"
done
echo "test CA and certificates for: $* in $out"
