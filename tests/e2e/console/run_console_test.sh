#!/usr/bin/env bash
# The web console end to end: a real wpsd on 127.0.0.1 (tokens, --http_listen) with the sample roster,
# processes and delegations loaded through wpsctl, then console_test.mjs in Debian's headless Chromium
# (/usr/bin/chromium) driven by Playwright (playwright-core from the npm registry, installed here on
# first use). Screenshots of each page go to $WPS_ARTIFACTS (default build/test-artifacts/console).
#
#   tests/e2e/console/run_console_test.sh BIN_DIR
set -euo pipefail
readonly BIN_DIR="$(cd "$1" && pwd)"
readonly HERE="$(cd "$(dirname "$0")" && pwd)"
readonly ARTIFACTS="${WPS_ARTIFACTS:-$BIN_DIR/../test-artifacts/console}"
readonly CHROMIUM="${WPS_CHROMIUM:-/usr/bin/chromium}"

for tool in node npm sha256sum "$CHROMIUM"; do
  command -v "$tool" > /dev/null || { echo "missing $tool: run cmake/install_deps.sh as root" >&2; exit 1; }
done
# playwright-core as package-lock.json pins it (1.61: the last that runs on Debian 12's Node 18).
wanted="$(cd "$HERE" && node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")"
have="$(cd "$HERE" && node -p "require('./node_modules/playwright-core/package.json').version" 2> /dev/null || true)"
if [ "$wanted" != "$have" ]; then
  # npm trusts Node's own CA list; add the system's, so that a site's own CA (a proxy's) is trusted too.
  (cd "$HERE" && NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" \
    npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d)"
wpsd_pid=""
cleanup() {
  if [ -n "$wpsd_pid" ] && kill -0 "$wpsd_pid" 2> /dev/null; then
    kill "$wpsd_pid"
    wait "$wpsd_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

token() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
export WPS_ADMIN_TOKEN="$(token)" WPS_COORDINATOR_TOKEN="$(token)" WPS_UNIT_TOKEN="$(token)"
cat > "$work/tokens" <<TOKENS
$(hash "$WPS_ADMIN_TOKEN") admin - console-admin
$(hash "$WPS_COORDINATOR_TOKEN") coordinator nordic kari-nordmann
$(hash "$WPS_UNIT_TOKEN") mediation-unit - un-msu
TOKENS

"$BIN_DIR/wpsd" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 --data_dir="$work/data" \
  --tokens_file="$work/tokens" --ready_file="$work/ready" > "$work/wpsd.log" 2>&1 &
wpsd_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/ready" ] && break
  kill -0 "$wpsd_pid" 2> /dev/null || { cat "$work/wpsd.log"; exit 1; }
  sleep 0.1
done
[ -s "$work/ready" ] || { echo "wpsd not ready in 30 s"; cat "$work/wpsd.log"; exit 1; }
grpc_address="$(head -n 1 "$work/ready")"
http_url="$(grep -o 'web console and JSON API on http://[^ ]*' "$work/wpsd.log" | sed 's/.* on //')"
[ -n "$http_url" ] || { echo "wpsd did not report its web console"; cat "$work/wpsd.log"; exit 1; }

wpsctl() { "$BIN_DIR/wpsctl" --server="$grpc_address" --token="$WPS_ADMIN_TOKEN" "$@"; }
wpsctl network create-sample > /dev/null
wpsctl gen-sample --count 150 --seed 1325 --out "$work/sample.csv" > /dev/null
wpsctl import "$work/sample.csv" > /dev/null 2>&1
wpsctl balance create-sample --out="$work/delegations.csv" > /dev/null

mkdir -p "$ARTIFACTS"
WPS_URL="$http_url" WPS_ARTIFACTS="$ARTIFACTS" WPS_CHROMIUM="$CHROMIUM" node "$HERE/console_test.mjs"
