#!/usr/bin/env bash
# A three-network federation (nordic, femwise-africa, mwmn) on one machine, for demos and end-to-end
# tests: a test CA, one wpsd per network with mutual TLS, each pulling from the other two, and a few
# generated (fictional) mediators per network. Loopback only; NOT for production (test CA, keys and
# tokens unencrypted on disk).
#
#   deploy/local-federation.sh start  [--dir=DIR] [--base_port=N] [--samples=N] [--host=127.0.0.1]
#   deploy/local-federation.sh status [--dir=DIR]
#   deploy/local-federation.sh stop   [--dir=DIR]
#
# Run `deploy/local-federation.sh --help` for details. Binaries come from ${WPS_BIN:-build/bin}.
set -euo pipefail

readonly NETWORKS=(nordic femwise-africa mwmn)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly BIN="${WPS_BIN:-$ROOT/build/bin}"
readonly SAMPLE_SEED=1325
# Seconds wpsd drains calls on SIGTERM; `stop` waits this long plus the index snapshot's save.
readonly GRACE_SECONDS=5
readonly STOP_WAIT_SECONDS=30
readonly READY_WAIT_SECONDS=60
# Everything written under DIR (keys, tokens, data) is for this user only.
umask 077

dir="$ROOT/build/federation"
base_port=50061
samples=8
host=127.0.0.1

usage() {
  cat <<EOF
usage: $0 start|status|stop [--dir=DIR] [--base_port=N] [--samples=N] [--host=ADDR]

  start    Make a test CA and certificates (deploy/tls/make-test-certs.sh) and an admin token per
           network, start one wpsd per network (${NETWORKS[*]}) on HOST:N, N+1, N+2 with
           mutual TLS, each pulling from the other two, wait until each serves, load N sample
           mediators per network (wpsctl gen-sample, filtered to the node's own network), and print
           how to query each node. Refuses to start over nodes that are still running.
  status   Show \`wpsctl sync status\` of each running node.
  stop     Stop the three nodes (SIGTERM, then wait until they have exited).

Options:
  --dir=DIR        where certificates, tokens, data, logs and pid files go
                   (default: $ROOT/build/federation); kept across stop and start
  --base_port=N    first gRPC port (default 50061); the nodes use N, N+1 and N+2
  --samples=N      generated mediators imported per network at start (default 8; 0 for none)
  --host=ADDR      address to listen on and dial (default 127.0.0.1): loopback only, and one the
                   test certificates name (127.0.0.1 or localhost)
  -h, --help       this help

Environment:
  WPS_BIN          directory holding wpsd and wpsctl (default: $ROOT/build/bin)

Layout of DIR:
  certs/                      test CA (ca.pem) and a certificate and key per network
  NETWORK/tokens              the node's tokens file: SHA-256 hashes only
  NETWORK/admin.token         the node's admin token itself (mode 600), for wpsctl and \`status\`
  NETWORK/data/, NETWORK/data-backups/, NETWORK/wpsd.log, NETWORK/wpsd.pid, NETWORK/ready
EOF
}

die() { echo "local-federation: $*" >&2; exit 1; }
say() { echo "local-federation: $*"; }

# parse_args ARGS...: sets command, dir, base_port, samples, host.
command=""
parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      -h|--help|help) usage; exit 0 ;;
      start|stop|status)
        [ -z "$command" ] || die "one command at a time (got '$command' and '$1')"
        command=$1 ;;
      --dir=*) dir=${1#--dir=} ;;
      --base_port=*) base_port=${1#--base_port=} ;;
      --samples=*) samples=${1#--samples=} ;;
      --host=*) host=${1#--host=} ;;
      *) usage >&2; die "unknown argument '$1'" ;;
    esac
    shift
  done
  [ -n "$command" ] || { usage >&2; exit 2; }
  [ -n "$dir" ] || die "--dir is empty"
  case $base_port in
    ''|*[!0-9]*) die "--base_port must be a number, got '$base_port'" ;;
  esac
  if [ "$base_port" -lt 1024 ] || [ "$base_port" -gt 65533 ]; then
    die "--base_port must be in 1024..65533"
  fi
  case $samples in
    ''|*[!0-9]*) die "--samples must be a number, got '$samples'" ;;
  esac
  # Loopback only: the nodes trust a throw-away CA and hold fictional but realistic personal data.
  # The test certificates name 127.0.0.1 and localhost, so those are the addresses that verify.
  case $host in
    127.0.0.1|localhost) ;;
    *) die "refusing --host=$host: this test federation listens on loopback only (127.0.0.1 or localhost)" ;;
  esac
}

port_of() { echo $((base_port + $1)); }

# alive PID: whether PID runs. An exited process that its parent (init, once this script has gone)
# has not reaped yet is a zombie and still answers kill -0: it counts as exited.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  case $(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) in
    Z|X|'') return 1 ;;
  esac
}

node_dir() { echo "$dir/$1"; }

# node_pid NETWORK: prints the pid of NETWORK's running wpsd, or nothing. Checks that the pid is
# still that wpsd (its command line names the node's data dir), not a recycled pid.
node_pid() {
  local pid_file pid
  pid_file="$(node_dir "$1")/wpsd.pid"
  [ -s "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  case $pid in ''|*[!0-9]*) return 0 ;; esac
  alive "$pid" || return 0
  if [ -r "/proc/$pid/cmdline" ] &&
     ! tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx -- "--data_dir=$(node_dir "$1")/data"; then
    return 0
  fi
  echo "$pid"
}

# wpsctl_as_admin NETWORK ARGS...: wpsctl against NETWORK's running node (the address its ready file
# holds) with the node's admin token, over TLS with the test CA.
wpsctl_as_admin() {
  local network=$1
  shift
  "$BIN/wpsctl" --server="$(cat "$(node_dir "$network")/ready")" --tls_ca="$dir/certs/ca.pem" \
    --token="$(cat "$(node_dir "$network")/admin.token")" "$@"
}

check_binaries() {
  local b
  for b in wpsd wpsctl; do
    [ -x "$BIN/$b" ] || die "$BIN/$b not found: build it (cmake --build build --target wpsd wpsctl) or set WPS_BIN"
  done
}

# make_credentials: the test CA and certificates (kept across restarts), and per network an admin
# token (kept too) whose SHA-256 is the node's tokens file.
make_credentials() {
  local network token
  if [ ! -s "$dir/certs/ca.pem" ]; then
    sh "$ROOT/deploy/tls/make-test-certs.sh" "$dir/certs" "${NETWORKS[@]}" >/dev/null
    say "made a test CA and certificates for ${NETWORKS[*]} in $dir/certs"
  fi
  for network in "${NETWORKS[@]}"; do
    mkdir -p "$(node_dir "$network")"
    if [ ! -s "$(node_dir "$network")/admin.token" ]; then
      token=$(openssl rand -hex 24)
      (umask 077 && printf '%s\n' "$token" >"$(node_dir "$network")/admin.token")
    fi
    token=$(cat "$(node_dir "$network")/admin.token")
    {
      echo "# $network's node: SHA256_HEX ROLE NETWORK PRINCIPAL (written by deploy/local-federation.sh)"
      printf '%s admin - %s-admin\n' "$(printf %s "$token" | sha256sum | cut -d' ' -f1)" "$network"
    } >"$(node_dir "$network")/tokens"
  done
}

# start_node INDEX: starts one wpsd in the background; its pid goes to NETWORK/wpsd.pid.
start_node() {
  local i=$1 network=${NETWORKS[$1]} j ndir
  local -a peers=()
  ndir=$(node_dir "$network")
  for j in "${!NETWORKS[@]}"; do
    [ "$j" = "$i" ] || peers+=("--peer=${NETWORKS[$j]}=$host:$(port_of "$j")")
  done
  rm -f "$ndir/ready"
  nohup "$BIN/wpsd" \
    --listen="$host:$(port_of "$i")" \
    --data_dir="$ndir/data" \
    --network="$network" \
    --tls_cert="$dir/certs/$network.pem" \
    --tls_key="$dir/certs/$network.key" \
    --tls_ca="$dir/certs/ca.pem" \
    --tokens_file="$ndir/tokens" \
    "${peers[@]}" \
    --ready_file="$ndir/ready" \
    --shutdown_grace_seconds="$GRACE_SECONDS" \
    >>"$ndir/wpsd.log" 2>&1 &
  echo $! >"$ndir/wpsd.pid"
}

# wait_ready NETWORK: waits for the node's ready file; on failure shows the log's end.
wait_ready() {
  local network=$1 ndir pid tries=$((READY_WAIT_SECONDS * 10))
  ndir=$(node_dir "$network")
  pid=$(cat "$ndir/wpsd.pid")
  while [ ! -s "$ndir/ready" ]; do
    if ! alive "$pid"; then
      echo "local-federation: wpsd for $network exited; the end of $ndir/wpsd.log:" >&2
      tail -n 8 "$ndir/wpsd.log" >&2
      return 1
    fi
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "local-federation: wpsd for $network not serving after ${READY_WAIT_SECONDS}s; see $ndir/wpsd.log" >&2
      return 1
    fi
    sleep 0.1
  done
  case $(cat "$ndir/ready") in
    127.*|localhost:*|\[::1\]:*) ;;
    *) echo "local-federation: $network serves on $(cat "$ndir/ready"), not loopback" >&2; return 1 ;;
  esac
}

# load_samples: the six sample networks on every node, and on each node only its own network's share
# of one generated roster (a node with --network refuses other networks' records). The generated
# consent varies (all, none, some networks), so partners receive some records, not all.
load_samples() {
  local network csv
  [ "$samples" -gt 0 ] || return 0
  # About a sixth of the generated records belong to each network: ask for enough.
  "$BIN/wpsctl" gen-sample --count=$((samples * 12)) --seed="$SAMPLE_SEED" --out="$dir/sample-roster.csv"
  for network in "${NETWORKS[@]}"; do
    csv="$(node_dir "$network")/sample.csv"
    # Column 2 is `network`; ids (column 1) never hold commas or quotes.
    awk -F, -v network="$network" -v k="$samples" 'NR == 1 || ($2 == network && n++ < k)' \
      "$dir/sample-roster.csv" >"$csv"
    wpsctl_as_admin "$network" network create-sample >/dev/null
    wpsctl_as_admin "$network" import "$csv" >/dev/null
    say "$network: imported $(($(wc -l <"$csv") - 1)) sample mediators from $csv"
  done
}

stop_all() {
  local network pid waited
  for network in "${NETWORKS[@]}"; do
    pid=$(node_pid "$network")
    if [ -z "$pid" ]; then
      say "$network: not running"
    else
      kill -TERM "$pid"
      waited=0
      while alive "$pid"; do
        if [ "$waited" -ge $((STOP_WAIT_SECONDS * 10)) ]; then
          echo "local-federation: $network (pid $pid) still running ${STOP_WAIT_SECONDS}s after SIGTERM; sending SIGKILL" >&2
          kill -KILL "$pid" 2>/dev/null || true
          break
        fi
        sleep 0.1
        waited=$((waited + 1))
      done
      say "$network: stopped (pid $pid)"
    fi
    rm -f "$(node_dir "$network")/wpsd.pid" "$(node_dir "$network")/ready"
  done
}

started=0
on_start_exit() {
  [ "$started" = 1 ] && return 0
  echo "local-federation: start failed; stopping the nodes it started" >&2
  stop_all >&2
}

cmd_start() {
  local network i running=()
  check_binaries
  command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
  for network in "${NETWORKS[@]}"; do
    [ -z "$(node_pid "$network")" ] || running+=("$network")
  done
  [ ${#running[@]} -eq 0 ] || die "already running: ${running[*]} (run: $0 stop --dir=$dir)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  make_credentials
  # Whatever ends the start early (a failed step under set -e, Ctrl-C) stops the nodes it started.
  trap 'on_start_exit' EXIT
  trap 'exit 130' INT TERM
  for i in "${!NETWORKS[@]}"; do
    start_node "$i"
  done
  for network in "${NETWORKS[@]}"; do
    wait_ready "$network"
    say "$network serving on $(cat "$(node_dir "$network")/ready") (pid $(cat "$(node_dir "$network")/wpsd.pid"))"
  done
  load_samples
  started=1
  print_usage_notes
}

print_usage_notes() {
  local network
  echo
  echo "Three wpsd with mutual TLS, each pulling from the other two (data, logs: $dir)."
  echo "Admin tokens (also in $dir/NETWORK/admin.token; the tokens files hold their hashes only):"
  for network in "${NETWORKS[@]}"; do
    printf '  %-15s %s  token %s\n' "$network" "$(cat "$(node_dir "$network")/ready")" \
      "$(cat "$(node_dir "$network")/admin.token")"
  done
  network=${NETWORKS[0]}
  cat <<EOF

Query a node with wpsctl over TLS with its admin token, e.g. $network:
  W="$BIN/wpsctl --server=$(cat "$(node_dir "$network")/ready") --tls_ca=$dir/certs/ca.pem --token=\$(cat $dir/$network/admin.token)"
  \$W sync status                               # partners: connected, records held, lag
  \$W list networks/$network --limit=5           # its own records
  \$W list networks/femwise-africa --limit=5     # replicas pulled from femwise-africa (consented ones)
  \$W search --network=mwmn --limit=5
Each network's certificate ($dir/certs/NETWORK.pem and .key, with --tls_cert/--tls_key) is what
the nodes use to pull from each other; a partner's certificate gives access to sync only.
Status of all three:  $0 status --dir=$dir
Stop them:            $0 stop --dir=$dir
EOF
}

cmd_status() {
  local network pid
  check_binaries
  [ -d "$dir" ] || die "no federation in $dir"
  for network in "${NETWORKS[@]}"; do
    pid=$(node_pid "$network")
    if [ -z "$pid" ] || [ ! -s "$(node_dir "$network")/ready" ]; then
      echo "== $network: not running"
    else
      echo "== $network: pid $pid, serving on $(cat "$(node_dir "$network")/ready")"
      wpsctl_as_admin "$network" sync status || true
    fi
  done
}

main() {
  parse_args "$@"
  # Absolute, so that pid checks compare the same --data_dir the nodes were started with.
  if [ -d "$dir" ]; then dir=$(cd "$dir" && pwd); fi
  case $command in
    start) cmd_start ;;
    status) cmd_status ;;
    stop)
      [ -d "$dir" ] || die "no federation in $dir"
      stop_all ;;
  esac
}

main "$@"
