#!/usr/bin/env bash
# deploy/local-federation.sh end to end: start the three networks on free loopback ports, wait until
# each holds every partner's records shared with it (wpsctl sync status), check that a second start is
# refused, and stop them all. Usage: local_federation_test.sh BIN_DIR
set -euo pipefail
readonly BIN_DIR=$1
readonly SCRIPT="$(cd "$(dirname "$0")/../.." && pwd)/deploy/local-federation.sh"
dir=$(mktemp -d)
fed() { WPS_BIN=$BIN_DIR "$SCRIPT" "$@" --dir="$dir"; }
cleanup() { fed stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

# Three consecutive free ports on 127.0.0.1.
base=$(python3 - <<'PY'
import socket
for start in range(42000, 60000, 7):
    socks = []
    try:
        for port in range(start, start + 3):
            s = socket.socket(); s.bind(("127.0.0.1", port)); socks.append(s)
        print(start); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
PY
)

fed start --base_port="$base" --samples=20 > "$dir/start.log"
grep -q "nordic" "$dir/start.log"
if fed start --base_port="$base" > "$dir/again.log" 2>&1; then
  echo "FAIL: a second start over running nodes was not refused"; exit 1
fi

# Each node pulls from two partners; wait (bounded) until every peer row shows connected with records.
for attempt in $(seq 1 60); do
  status=$(fed status 2>&1 || true)
  connected=$(grep -c "connected" <<<"$status" || true)
  if [ "$connected" -ge 6 ]; then break; fi
  sleep 0.5
done
echo "$status"
[ "$connected" -ge 6 ] || { echo "FAIL: not every partner connected"; exit 1; }
fed stop
for network in nordic femwise-africa mwmn; do
  if [ -f "$dir/$network/wpsd.pid" ] && kill -0 "$(cat "$dir/$network/wpsd.pid")" 2>/dev/null; then
    echo "FAIL: $network still runs after stop"; exit 1
  fi
done
echo "PASS"
