// Resource names of API.md (AIP-122): networks/{network}, networks/{network}/mediators/{mediator}.
// Ids match [a-z0-9][a-z0-9-]{0,62}.
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

// A fresh random id for a record created without one: "m" followed by 15 lower-case base32 characters.
std::string NewRandomId();

}  // namespace wps::names

#endif  // WPS_SERVICES_COMMON_RESOURCE_NAMES_H_
