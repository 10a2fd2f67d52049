#!/usr/bin/env bash
# Builds WPS Roster and runs every test (unit, service and end-to-end) on a fresh Debian 12 machine.
# Run as root the first time: it installs the Debian packages it needs (cmake/install_deps.sh).
set -euo pipefail
cd "$(dirname "$0")"

bash cmake/install_deps.sh
cmake -S . -B build -G Ninja -DWPS_BUILD_TESTS=ON -DWPS_BUILD_BENCH=ON
cmake --build build
ctest --test-dir build --output-on-failure --timeout 900 -j 2 "$@"
