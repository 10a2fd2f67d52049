// Resource names as wpsctl accepts them on the command line: the full AIP-122 name or a short form.
// Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_RESOURCE_NAMES_H_
#define WPS_CLIENTS_WPSCTL_RESOURCE_NAMES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace wps::wpsctl {

// "networks/nordic" for "networks/nordic" or "nordic". INVALID_ARGUMENT for anything else (an id
// that is not [a-z0-9][a-z0-9-]{0,62}, extra segments).
absl::StatusOr<std::string> NetworkName(absl::string_view arg);

// As NetworkName, but also accepts "-" or "networks/-" (every network) and returns "networks/-".
absl::StatusOr<std::string> NetworkNameOrAll(absl::string_view arg);

// "networks/nordic/mediators/x" for "networks/nordic/mediators/x" or the short "nordic/x".
// INVALID_ARGUMENT for anything else.
absl::StatusOr<std::string> MediatorName(absl::string_view arg);

// "processes/sudan" for "processes/sudan" or "sudan". INVALID_ARGUMENT for anything else.
absl::StatusOr<std::string> ProcessName(absl::string_view arg);

// "shortlists/0k2x5f7q1c8-a3zd" for "shortlists/0k2x5f7q1c8-a3zd" or "0k2x5f7q1c8-a3zd".
// INVALID_ARGUMENT for anything else.
absl::StatusOr<std::string> ShortlistName(absl::string_view arg);

// The id of the network `name` ("networks/nordic/mediators/x" -> "nordic"); empty when `name` does
// not start with "networks/".
std::string NetworkIdOf(absl::string_view name);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_RESOURCE_NAMES_H_
