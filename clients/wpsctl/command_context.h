// What every wpsctl command gets (the stubs, connection settings, output format and streams) and the
// exit codes they share.
#ifndef WPS_CLIENTS_WPSCTL_COMMAND_CONTEXT_H_
#define WPS_CLIENTS_WPSCTL_COMMAND_CONTEXT_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clients/wpsctl/connection.h"
#include "clients/wpsctl/output_format.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "wps/admin/v1/admin_service.grpc.pb.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::wpsctl {

// Success.
inline constexpr int kExitOk = 0;
// The server refused or failed the request; for import, some rows failed (the others were kept).
inline constexpr int kExitFailure = 1;
// Bad usage (arguments, flags, unreadable input files), or for import, the server was unreachable
// or the import as a whole failed.
inline constexpr int kExitUsage = 2;

struct CommandContext {
  // All over the same channel; null for commands that need no server (gen-sample).
  roster::v1::RosterService::StubInterface* stub = nullptr;
  matching::v1::MatchingService::StubInterface* matching = nullptr;
  balance::v1::BalanceService::StubInterface* balance = nullptr;
  sync::v1::SyncService::StubInterface* sync = nullptr;
  audit::v1::AuditService::StubInterface* audit = nullptr;
  admin::v1::AdminService::StubInterface* admin = nullptr;
  std::shared_ptr<grpc::Channel> channel;
  ConnectionOptions connection;
  OutputFormat output = OutputFormat::kTable;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

// Prints "wpsctl: REASON" and a pointer to --help on ctx.err; returns kExitUsage.
int UsageError(const CommandContext& ctx, absl::string_view reason);
// As UsageError for a local failure (unreadable file...): prints "wpsctl: MESSAGE"; returns
// kExitUsage.
int LocalError(const CommandContext& ctx, const absl::Status& status);
// Prints FormatRpcError(status) on ctx.err; returns kExitFailure.
int RpcError(const CommandContext& ctx, const grpc::Status& status);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_COMMAND_CONTEXT_H_
