#include "services/common/resource_names.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/field_violations.h"
#include "services/common/vocabularies.h"

namespace wps::names {
namespace {

absl::Status BadName(absl::string_view name, absl::string_view field, absl::string_view shape) {
  return common::InvalidArgumentWithViolations(
      {common::FieldViolation{std::string(field),
                              absl::StrCat("'", name, "' is not a resource name of the form ", shape)}});
}

}  // namespace

std::string NetworkName(absl::string_view network_id) { return absl::StrCat("networks/", network_id); }

std::string MediatorName(absl::string_view network_id, absl::string_view mediator_id) {
  return absl::StrCat("networks/", network_id, "/mediators/", mediator_id);
}

std::string MediatorPrefix(absl::string_view network_id) {
  return absl::StrCat("networks/", network_id, "/mediators/");
}

absl::StatusOr<std::string> ParseNetworkName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "networks" || !vocab::IsResourceId(parts[1])) {
    return BadName(name, field, "networks/{network}");
  }
  return std::string(parts[1]);
}

absl::StatusOr<MediatorNameParts> ParseMediatorName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "networks" || parts[2] != "mediators" ||
      !vocab::IsResourceId(parts[1]) || !vocab::IsResourceId(parts[3])) {
    return BadName(name, field, "networks/{network}/mediators/{mediator}");
  }
  return MediatorNameParts{std::string(parts[1]), std::string(parts[3])};
}

std::string ProcessName(absl::string_view process_id) { return absl::StrCat("processes/", process_id); }

std::string ShortlistName(absl::string_view shortlist_id) {
  return absl::StrCat("shortlists/", shortlist_id);
}

absl::StatusOr<std::string> ParseProcessName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "processes" || !vocab::IsResourceId(parts[1])) {
    return BadName(name, field, "processes/{process}");
  }
  return std::string(parts[1]);
}

absl::StatusOr<std::string> ParseShortlistName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "shortlists" || !vocab::IsResourceId(parts[1])) {
    return BadName(name, field, "shortlists/{shortlist}");
  }
  return std::string(parts[1]);
}

std::string NewRandomId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  thread_local std::mt19937_64 random(std::random_device{}());
  std::string id = "m";
  uint64_t bits = random();
  for (int i = 0; i < 15; ++i, bits >>= 5) id.push_back(kAlphabet[bits & 31]);
  return id;
}

std::string NewTimeOrderedId() {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";  // ASCII order = value order
  static constexpr int kTimeDigits = 11;  // 36^11 microseconds: past the year 6000
  static std::atomic<int64_t> last_micros{0};
  const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  // One past the last id's time when the clock has not moved on, so that this process's ids increase.
  int64_t last = last_micros.load();
  int64_t micros = 0;
  do {
    micros = std::max(now, last + 1);
  } while (!last_micros.compare_exchange_weak(last, micros));

  std::string id(kTimeDigits, '0');
  auto value = static_cast<uint64_t>(std::max<int64_t>(micros, 0));
  for (int i = kTimeDigits - 1; i >= 0 && value > 0; --i, value /= 36) id[i] = kDigits[value % 36];
  id.push_back('-');
  thread_local std::mt19937_64 random(std::random_device{}());
  uint64_t bits = random();
  for (int i = 0; i < 4; ++i, bits /= 36) id.push_back(kDigits[bits % 36]);
  return id;
}

}  // namespace wps::names
