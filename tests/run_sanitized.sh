#!/usr/bin/env bash
# Builds the whole test suite with clang under AddressSanitizer and UndefinedBehaviorSanitizer, with
# the libFuzzer targets, and runs it: every test once, and each fuzz target for WPS_FUZZ_SECONDS (30)
# from its seed corpus. Any sanitizer report or fuzz finding fails the run. CI runs it after test.sh.
# Run as root the first time: it installs clang and its runtime libraries (cmake/install_deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash cmake/install_deps.sh sanitizers
export CC=clang CXX=clang++
# -O1 -g1: what ASan recommends, and a faster build than -O2 with full debug information.
cmake -S . -B build-sanitized -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DWPS_BUILD_BENCH=OFF \
  -DWPS_SANITIZE=address,undefined -DWPS_FUZZ=ON -DWPS_FUZZ_SECONDS="${WPS_FUZZ_SECONDS:-30}"
cmake --build build-sanitized
# Leaks are reported too: a test that leaks fails. The tests' own wpsd and wpsctl processes inherit
# these settings.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-sanitized --output-on-failure --timeout 1800 -j 2 "$@"
