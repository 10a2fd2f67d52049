#include "clients/wpsctl/sync_commands.h"

#include "absl/time/clock.h"
#include "clients/wpsctl/sync_format.h"

namespace wps::wpsctl {

int ShowSyncStatus(const CommandContext& ctx) {
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  sync::v1::SyncStatus status;
  const grpc::Status called = ctx.sync->GetSyncStatus(&context, sync::v1::GetSyncStatusRequest(), &status);
  if (!called.ok()) return RpcError(ctx, called);
  *ctx.out << FormatSyncStatus(status, ctx.output, absl::Now());
  return kExitOk;
}

}  // namespace wps::wpsctl
