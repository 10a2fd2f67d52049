#include "clients/wpsctl/command_context.h"

#include "clients/wpsctl/rpc_errors.h"

namespace wps::wpsctl {

int UsageError(const CommandContext& ctx, absl::string_view reason) {
  *ctx.err << "wpsctl: " << reason << "\nRun 'wpsctl --help' for usage.\n";
  return kExitUsage;
}

int LocalError(const CommandContext& ctx, const absl::Status& status) {
  *ctx.err << "wpsctl: " << status.message() << "\n";
  return kExitUsage;
}

int RpcError(const CommandContext& ctx, const grpc::Status& status) {
  *ctx.err << FormatRpcError(status);
  return kExitFailure;
}

}  // namespace wps::wpsctl
