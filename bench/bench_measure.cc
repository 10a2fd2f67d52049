#include "bench/bench_measure.h"

#include <jemalloc/jemalloc.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"

namespace wps::bench {

double HeapBytesInUse() {
  uint64_t epoch = 1;
  size_t size = sizeof(epoch);
  mallctl("epoch", &epoch, &size, &epoch, size);  // refreshes the statistics
  size_t allocated = 0;
  size = sizeof(allocated);
  if (mallctl("stats.allocated", &allocated, &size, nullptr, 0) != 0) return 0;
  return static_cast<double>(allocated);
}

double Micros(absl::Time start) { return absl::ToDoubleMicroseconds(absl::Now() - start); }

}  // namespace wps::bench
