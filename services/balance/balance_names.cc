#include "services/balance/balance_names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/field_violations.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"

namespace wps::balance {
namespace {

absl::Status BadName(absl::string_view name, absl::string_view field, absl::string_view shape) {
  return common::InvalidArgumentWithViolations({common::FieldViolation{
      std::string(field), absl::StrCat("'", name, "' is not a resource name of the form ", shape)}});
}

}  // namespace

std::string RoundName(absl::string_view process_name, absl::string_view round_id) {
  return absl::StrCat(process_name, "/rounds/", round_id);
}

std::string DelegationName(absl::string_view round_name, absl::string_view delegation_id) {
  return absl::StrCat(round_name, "/delegations/", delegation_id);
}

std::string RoundNameParts::process_name() const { return names::ProcessName(process_id); }

std::string DelegationNameParts::round_name() const {
  return RoundName(names::ProcessName(process_id), round_id);
}

absl::StatusOr<RoundNameParts> ParseRoundName(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "processes" || parts[2] != "rounds" ||
      !vocab::IsResourceId(parts[1]) || !vocab::IsResourceId(parts[3])) {
    return BadName(name, field, "processes/{process}/rounds/{round}");
  }
  return RoundNameParts{std::string(parts[1]), std::string(parts[3])};
}

absl::StatusOr<DelegationNameParts> ParseDelegationName(absl::string_view name,
                                                        absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 6 || parts[0] != "processes" || parts[2] != "rounds" ||
      parts[4] != "delegations" || !vocab::IsResourceId(parts[1]) ||
      !vocab::IsResourceId(parts[3]) || !vocab::IsResourceId(parts[5])) {
    return BadName(name, field, "processes/{process}/rounds/{round}/delegations/{delegation}");
  }
  return DelegationNameParts{std::string(parts[1]), std::string(parts[3]), std::string(parts[5])};
}

}  // namespace wps::balance
