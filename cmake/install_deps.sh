#!/usr/bin/env bash
# Installs every Debian package that building, testing and running WPS Roster needs; with the argument
# "sanitizers", also clang and its sanitizer and libFuzzer runtimes (tests/run_sanitized.sh).
# Idempotent: packages already present are skipped, and apt is not touched when nothing is missing.
set -euo pipefail

readonly PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config ca-certificates unzip
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev libabsl-dev libicu-dev libjemalloc-dev libroaring-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpq-dev zlib1g-dev libssl-dev openssl prometheus-cpp-dev libcpp-httplib-dev python3 python3-yaml
  libgoogle-common-protos-java golang-github-gogo-googleapis-dev
  chromium nodejs npm
)
readonly SANITIZER_PACKAGES=(clang libclang-rt-14-dev)

packages=("${PACKAGES[@]}")
if [ "${1:-}" = "sanitizers" ]; then
  packages+=("${SANITIZER_PACKAGES[@]}")
fi

# The console's browser test needs node and npm; a machine that has them from elsewhere (NodeSource's
# nodejs bundles npm, and conflicts with Debian's npm) keeps them.
provided_by_command() {
  case "$1" in
    nodejs) command -v node > /dev/null ;;
    npm) command -v npm > /dev/null ;;
    *) return 1 ;;
  esac
}

missing=()
for pkg in "${packages[@]}"; do
  if provided_by_command "$pkg"; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install_deps: missing packages (${missing[*]}); run as root or install them with apt-get" >&2
  exit 1
fi

echo "install_deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
