#include "clients/wpsctl/resource_names.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"

namespace wps::wpsctl {
namespace {

constexpr absl::string_view kNetworksPrefix = "networks/";

absl::Status BadName(absl::string_view arg, absl::string_view expected) {
  return absl::InvalidArgumentError(absl::StrCat("'", arg, "' is not a ", expected));
}

}  // namespace

absl::StatusOr<std::string> NetworkName(absl::string_view arg) {
  absl::string_view id = arg;
  absl::ConsumePrefix(&id, kNetworksPrefix);
  if (!vocab::IsResourceId(id)) {
    return BadName(arg, "network (expected networks/ID or ID, e.g. networks/nordic)");
  }
  return names::NetworkName(id);
}

absl::StatusOr<std::string> NetworkNameOrAll(absl::string_view arg) {
  if (arg == "-" || arg == "networks/-") return std::string("networks/-");
  return NetworkName(arg);
}

absl::StatusOr<std::string> MediatorName(absl::string_view arg) {
  const std::vector<absl::string_view> parts = absl::StrSplit(arg, '/');
  absl::string_view network;
  absl::string_view id;
  if (parts.size() == 4 && parts[0] == "networks" && parts[2] == "mediators") {
    network = parts[1];
    id = parts[3];
  } else if (parts.size() == 2) {
    network = parts[0];
    id = parts[1];
  }
  if (!vocab::IsResourceId(network) || !vocab::IsResourceId(id)) {
    return BadName(arg,
                   "mediator name (expected networks/NETWORK/mediators/ID or NETWORK/ID, e.g. "
                   "networks/nordic/mediators/ingrid-hansen-1a3f)");
  }
  return names::MediatorName(network, id);
}

absl::StatusOr<std::string> ProcessName(absl::string_view arg) {
  absl::string_view id = arg;
  absl::ConsumePrefix(&id, "processes/");
  if (!vocab::IsResourceId(id)) {
    return BadName(arg, "process (expected processes/ID or ID, e.g. processes/sudan-jeddah)");
  }
  return names::ProcessName(id);
}

absl::StatusOr<std::string> ShortlistName(absl::string_view arg) {
  absl::string_view id = arg;
  absl::ConsumePrefix(&id, "shortlists/");
  if (!vocab::IsResourceId(id)) {
    return BadName(arg, "shortlist (expected shortlists/ID or ID)");
  }
  return names::ShortlistName(id);
}

std::string NetworkIdOf(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, kNetworksPrefix)) return "";
  return std::string(name.substr(0, name.find('/')));
}

}  // namespace wps::wpsctl
