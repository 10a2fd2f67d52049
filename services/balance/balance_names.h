// Resource names of the balance service (API.md, AIP-122): processes/{process}/rounds/{round} and
// processes/{process}/rounds/{round}/delegations/{delegation}. Ids match [a-z0-9][a-z0-9-]{0,62}.
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_BALANCE_BALANCE_NAMES_H_
#define WPS_SERVICES_BALANCE_BALANCE_NAMES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace wps::balance {

// "processes/{process}/rounds/{round}" from the process's name and the round id.
std::string RoundName(absl::string_view process_name, absl::string_view round_id);
// "processes/{p}/rounds/{r}/delegations/{delegation}" from the round's name and the delegation id.
std::string DelegationName(absl::string_view round_name, absl::string_view delegation_id);

struct RoundNameParts {
  std::string process_id;
  std::string round_id;
  // "processes/{process}".
  std::string process_name() const;
};

struct DelegationNameParts {
  std::string process_id;
  std::string round_id;
  std::string delegation_id;
  // "processes/{process}/rounds/{round}".
  std::string round_name() const;
};

// The ids of "processes/{process}/rounds/{round}". INVALID_ARGUMENT with a violation on `field`
// otherwise.
absl::StatusOr<RoundNameParts> ParseRoundName(absl::string_view name, absl::string_view field);

// The ids of "processes/{p}/rounds/{r}/delegations/{d}". INVALID_ARGUMENT with a violation on `field`
// otherwise.
absl::StatusOr<DelegationNameParts> ParseDelegationName(absl::string_view name,
                                                        absl::string_view field);

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_NAMES_H_
