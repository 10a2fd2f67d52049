#include "clients/wpsctl/network_commands.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "clients/sample/sample_roster.h"
#include "clients/wpsctl/resource_names.h"

namespace wps::wpsctl {

using roster::v1::Network;

int CreateNetwork(const CommandContext& ctx, const CreateNetworkOptions& options) {
  absl::StatusOr<std::string> name = NetworkName(options.id);
  if (!name.ok()) return UsageError(ctx, name.status().message());
  if (options.display_name.empty()) return UsageError(ctx, "network create needs --display_name");
  roster::v1::CreateNetworkRequest request;
  request.set_network_id(NetworkIdOf(*name));
  request.mutable_network()->set_display_name(options.display_name);
  for (absl::string_view code : absl::StrSplit(options.chapters, ',', absl::SkipWhitespace())) {
    request.mutable_network()->add_chapters(
        absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code)));
  }
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  Network response;
  const grpc::Status status = ctx.stub->CreateNetwork(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatNetwork(response, ctx.output);
  return kExitOk;
}

int CreateSampleNetworks(const CommandContext& ctx) {
  std::vector<Network> networks;
  for (const Network& sample : sample::GlobalAllianceNetworks()) {
    roster::v1::CreateNetworkRequest request;
    request.set_network_id(NetworkIdOf(sample.name()));
    *request.mutable_network() = sample;
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    Network response;
    grpc::Status status = ctx.stub->CreateNetwork(&context, request, &response);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      grpc::ClientContext get_context;
      PrepareContext(ctx.connection, /*unary=*/true, get_context);
      roster::v1::GetNetworkRequest get;
      get.set_name(sample.name());
      status = ctx.stub->GetNetwork(&get_context, get, &response);
    }
    if (!status.ok()) return RpcError(ctx, status);
    networks.push_back(std::move(response));
  }
  *ctx.out << FormatNetworks(networks, ctx.output);
  return kExitOk;
}

int GetNetwork(const CommandContext& ctx, absl::string_view name) {
  absl::StatusOr<std::string> full_name = NetworkName(name);
  if (!full_name.ok()) return UsageError(ctx, full_name.status().message());
  roster::v1::GetNetworkRequest request;
  request.set_name(*full_name);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  Network response;
  const grpc::Status status = ctx.stub->GetNetwork(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatNetwork(response, ctx.output);
  return kExitOk;
}

int ListNetworks(const CommandContext& ctx) {
  roster::v1::ListNetworksRequest request;
  std::vector<Network> networks;
  do {
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    roster::v1::ListNetworksResponse response;
    const grpc::Status status = ctx.stub->ListNetworks(&context, request, &response);
    if (!status.ok()) return RpcError(ctx, status);
    for (Network& network : *response.mutable_networks()) networks.push_back(std::move(network));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  *ctx.out << FormatNetworks(networks, ctx.output);
  return kExitOk;
}

}  // namespace wps::wpsctl
