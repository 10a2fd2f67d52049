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

namespace wps::bench {

// Bytes the allocator (jemalloc, as in wpsd) has handed out and not taken back; 0 when unknown.
double HeapBytesInUse();

// A field of a /proc/PID/status file ("VmRSS", "VmHWM") in MiB; 0 when unknown.
double StatusMiB(const std::string& path, absl::string_view field);

// Microseconds since `start`.
double Micros(absl::Time start);

// Latency percentiles of `micros` (sorted in place): p in [0, 100]; 0 when empty.
double Percentile(std::vector<double>& micros, double p);

}  // namespace wps::bench

#endif  // WPS_BENCH_BENCH_MEASURE_H_
