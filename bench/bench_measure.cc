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

double StatusMiB(const std::string& path, absl::string_view field) {
  std::ifstream status(path);
  std::string line;
  while (std::getline(status, line)) {
    if (!absl::StartsWith(line, field)) continue;
    std::string digits;
    for (char c : line) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    int64_t kib = 0;
    if (absl::SimpleAtoi(digits, &kib)) return kib / 1024.0;
  }
  return 0;
}

double Micros(absl::Time start) { return absl::ToDoubleMicroseconds(absl::Now() - start); }

double Percentile(std::vector<double>& micros, double p) {
  if (micros.empty()) return 0;
  std::sort(micros.begin(), micros.end());
  const size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(micros.size() - 1) + 0.5);
  return micros[std::min(rank, micros.size() - 1)];
}

}  // namespace wps::bench
