#include "tests/testing/measure.h"

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace wps::testing {

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

double Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

}  // namespace wps::testing
