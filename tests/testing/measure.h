// Figures that tests and benchmarks read off a run: a process's memory from /proc, latency
// percentiles.
//
// Thread safety: each function is safe to call from any thread.
#ifndef WPS_TESTS_TESTING_MEASURE_H_
#define WPS_TESTS_TESTING_MEASURE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace wps::testing {

// A field of a /proc/PID/status file ("VmRSS", "VmHWM") in MiB; 0 when unknown.
double StatusMiB(const std::string& path, absl::string_view field);

// The p-th percentile (p in [0, 100]) of `values`, which it sorts in place; 0 when empty.
double Percentile(std::vector<double>& values, double p);

}  // namespace wps::testing

#endif  // WPS_TESTS_TESTING_MEASURE_H_
