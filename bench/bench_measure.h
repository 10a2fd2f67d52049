// What the benchmarks measure besides time: the allocator's heap in use, a process's memory from
// /proc, and elapsed microseconds.
//
// Thread safety: each function is safe to call from any thread.
#ifndef WPS_BENCH_BENCH_MEASURE_H_
#define WPS_BENCH_BENCH_MEASURE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tests/testing/measure.h"

namespace wps::bench {

// Bytes the allocator (jemalloc, as in wpsd) has handed out and not taken back; 0 when unknown.
double HeapBytesInUse();

// StatusMiB and Percentile, shared with the tests.
using ::wps::testing::Percentile;
using ::wps::testing::StatusMiB;

// Microseconds since `start`.
double Micros(absl::Time start);

}  // namespace wps::bench

#endif  // WPS_BENCH_BENCH_MEASURE_H_
