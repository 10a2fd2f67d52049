// wpsctl's network commands: network create, create-sample, get and list. Each prints the network(s) in ctx.output
// on ctx.out and returns an exit code of command_context.h.
#ifndef WPS_CLIENTS_WPSCTL_NETWORK_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_NETWORK_COMMANDS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

struct CreateNetworkOptions {
  std::string id;  // "nordic" (or "networks/nordic")
  std::string display_name;
  std::string chapters;  // comma-separated country codes: "NO,SE,DK"
};
int CreateNetwork(const CommandContext& ctx, const CreateNetworkOptions& options);

// `name` is "networks/N" or "N".
int GetNetwork(const CommandContext& ctx, absl::string_view name);

// Creates the six Global Alliance networks of the sample roster (sample::GlobalAllianceNetworks()),
// leaving any that already exist as they are, and prints all six.
int CreateSampleNetworks(const CommandContext& ctx);

// Pages through every network.
int ListNetworks(const CommandContext& ctx);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_NETWORK_COMMANDS_H_
