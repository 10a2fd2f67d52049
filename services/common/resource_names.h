// Resource names of API.md (AIP-122): networks/{network}, networks/{network}/mediators/{mediator},
// processes/{process}, shortlists/{shortlist}. Ids match [a-z0-9][a-z0-9-]{0,62}.
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_COMMON_RESOURCE_NAMES_H_
#define WPS_SERVICES_COMMON_RESOURCE_NAMES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace wps::names {

// "networks/{network}"
std::string NetworkName(absl::string_view network_id);
// "networks/{network}/mediators/{mediator}"
std::string MediatorName(absl::string_view network_id, absl::string_view mediator_id);
// "networks/{network}/mediators/": the key prefix of a network's mediators.
std::string MediatorPrefix(absl::string_view network_id);

struct MediatorNameParts {
  std::string network_id;
  std::string mediator_id;
};

// The network id of "networks/{network}". INVALID_ARGUMENT otherwise; the message names `field`.
absl::StatusOr<std::string> ParseNetworkName(absl::string_view name, absl::string_view field);
// The ids of "networks/{network}/mediators/{mediator}". INVALID_ARGUMENT otherwise, naming `field`.
absl::StatusOr<MediatorNameParts> ParseMediatorName(absl::string_view name, absl::string_view field);

// "processes/{process}"
std::string ProcessName(absl::string_view process_id);
// "shortlists/{shortlist}"
std::string ShortlistName(absl::string_view shortlist_id);
// The process id of "processes/{process}". INVALID_ARGUMENT otherwise, naming `field`.
absl::StatusOr<std::string> ParseProcessName(absl::string_view name, absl::string_view field);
// The shortlist id of "shortlists/{shortlist}". INVALID_ARGUMENT otherwise, naming `field`.
absl::StatusOr<std::string> ParseShortlistName(absl::string_view name, absl::string_view field);

// A fresh random id for a record created without one: "m" followed by 15 lower-case base32 characters.
std::string NewRandomId();

// A fresh id that sorts in creation order, for records listed oldest first (shortlists): 11 base-36
// digits of the microseconds since the Unix epoch, "-", and 4 random base-36 characters
// ("0hok8vnkv9z-a3zd"). Ids made by one process strictly increase, even within a microsecond or when
// the clock steps back; across processes they follow the clocks, the random tail telling apart ids of
// the same microsecond.
std::string NewTimeOrderedId();

}  // namespace wps::names

#endif  // WPS_SERVICES_COMMON_RESOURCE_NAMES_H_
