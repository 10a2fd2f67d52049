#!/usr/bin/env bash
# Builds wpsd and wpsctl, starts wpsd in the background on ./data with a sample roster of the six
# Global Alliance networks, and prints how to query it. Run as root the first time on a fresh Debian 12
# machine: it installs the Debian packages it needs (cmake/install_deps.sh).
#
#   ./run.sh                 # gRPC on port 50051, the web console on http://127.0.0.1:8080/, 300 sample mediators
#   SAMPLE_COUNT=5000 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
readonly ADDRESS="${WPS_LISTEN:-127.0.0.1:50051}"
readonly HTTP_ADDRESS="${WPS_HTTP_LISTEN:-127.0.0.1:8080}"
readonly SAMPLE_COUNT="${SAMPLE_COUNT:-300}"
readonly SAMPLE_SEED=1325
readonly PID_FILE=build/wpsd.pid
readonly READY_FILE=build/wpsd.ready
readonly LOG_FILE=build/wpsd.log

bash cmake/install_deps.sh
cmake -S . -B build -G Ninja > build-configure.log 2>&1 || { cat build-configure.log; exit 1; }
rm -f build-configure.log
cmake --build build --target wpsd wpsctl

wpsctl() { build/bin/wpsctl --server="$ADDRESS" "$@"; }

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "wpsd is already running (pid $(cat "$PID_FILE")); stop it with: kill $(cat "$PID_FILE")"
else
  rm -f "$READY_FILE"
  nohup build/bin/wpsd --listen="$ADDRESS" --http_listen="$HTTP_ADDRESS" --data_dir=./data --ready_file="$READY_FILE" \
    > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 300); do
    [ -s "$READY_FILE" ] && break
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "wpsd did not start:"; cat "$LOG_FILE"; rm -f "$PID_FILE"; exit 1
    fi
    sleep 0.1
  done
  [ -s "$READY_FILE" ] || { echo "wpsd did not become ready in 30 s; see $LOG_FILE"; exit 1; }
fi

echo "Loading the sample roster ($SAMPLE_COUNT fictional mediators, six networks)..."
wpsctl network create-sample
wpsctl gen-sample --count "$SAMPLE_COUNT" --seed "$SAMPLE_SEED" --out build/sample-roster.csv
wpsctl import build/sample-roster.csv

# A sample peace process and a shortlist request for it.
cat > build/sample-process.json <<'JSON'
{"displayName": "Sudan talks (sample)", "countries": ["SD"], "workingLanguages": ["ar", "en"],
 "expertiseNeeded": ["ceasefire-security-arrangements", "power-sharing"],
 "parties": [{"displayName": "Party A", "nationalities": ["SD"]}], "stage": "negotiation"}
JSON
cat > build/sample-shortlist.json <<'JSON'
{"process": "processes/sudan-sample", "requiredLanguages": [{"code": "ar", "minLevel": "B2"}],
 "maxPerNetwork": 3, "count": 10}
JSON
wpsctl process get sudan-sample >/dev/null 2>&1 ||
  wpsctl process create --file=build/sample-process.json --id=sudan-sample >/dev/null

# Gender balance of negotiating delegations: three fictional processes (sudan-sample among them)
# with 3-5 rounds each. Creates what is missing and rewrites the same delegations on a re-run; the
# spreadsheet it imports is saved to show the `wpsctl balance import` format.
echo "Loading the sample delegations (3 processes, 3-5 rounds each)..."
wpsctl balance create-sample --out=build/sample-delegations.csv

first=$(wpsctl list networks/nordic --limit 1 --output=csv | sed -n 2p | cut -d, -f1)
cat <<TXT

wpsd is running (pid $(cat "$PID_FILE")) on $ADDRESS with its data in ./data; log: $LOG_FILE
Open the web console in a browser on this machine: http://$HTTP_ADDRESS/
or read the JSON API: curl 'http://$HTTP_ADDRESS/v1/networks/nordic/mediators?pageSize=5'
Query it with wpsctl:
  build/bin/wpsctl network list
  build/bin/wpsctl list networks/nordic --limit 10
  build/bin/wpsctl get networks/nordic/mediators/${first:-ID}
  build/bin/wpsctl get networks/nordic/mediators/${first:-ID} --output=json
  build/bin/wpsctl export --network femwise-africa > femwise-africa.csv
  build/bin/wpsctl search amina --facets=networks,languages
  build/bin/wpsctl search --language=ar:C1 --region=015 --expertise=power-sharing
  build/bin/wpsctl shortlist --file=build/sample-shortlist.json
  build/bin/wpsctl balance sudan-sample
  build/bin/wpsctl balance sudan-sample --round=r3
  build/bin/wpsctl balance trend sudan-sample
  build/bin/wpsctl balance trend colombia-sample --chart=colombia-balance.svg
  build/bin/wpsctl balance report --countries=SD,YE
  build/bin/wpsctl balance import build/sample-delegations.csv
  build/bin/wpsctl --help
Stop it with: kill \$(cat $PID_FILE)
TXT
