#include "services/common/resource_names.h"

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

std::string NewRandomId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  thread_local std::mt19937_64 random(std::random_device{}());
  std::string id = "m";
  uint64_t bits = random();
  for (int i = 0; i < 15; ++i, bits >>= 5) id.push_back(kAlphabet[bits & 31]);
  return id;
}

}  // namespace wps::names
