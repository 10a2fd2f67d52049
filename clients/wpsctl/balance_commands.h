// wpsctl's BalanceService commands that read and create: balance (one round), balance trend (table
// or SVG chart), balance report (across processes), balance rounds, balance round create. Each
// prints its result in ctx.output on ctx.out and returns an exit code of command_context.h:
// kExitUsage for a bad argument or flag (checked before any call) or an unwritable chart file,
// kExitFailure when the server refuses or fails a call.
#ifndef WPS_CLIENTS_WPSCTL_BALANCE_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_BALANCE_COMMANDS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

// Calls the unary BalanceService `method` with a fresh context (token, deadline). Shared by the
// balance command files.
template <typename Method, typename Request, typename Response>
grpc::Status CallBalance(const CommandContext& ctx, Method method, const Request& request,
                         Response& response) {
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  return (ctx.balance->*method)(&context, request, &response);
}

// The display name of `process` (processes/ID), to head tables and charts; empty when it cannot be
// read (the callers then show the name): the figures matter, not the heading.
std::string ProcessDisplayName(const CommandContext& ctx, const std::string& process);

// The --round value for GetBalance: "r3" or "processes/P/rounds/r3" of `process`; empty stays
// empty (the latest round). INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> RoundArgument(absl::string_view round, absl::string_view process);

struct ShowBalanceOptions {
  std::string process;  // processes/ID or ID
  std::string round;    // empty: the latest round
};
// GetBalance, printed with FormatBalance.
int ShowBalance(const CommandContext& ctx, const ShowBalanceOptions& options);

struct CreateRoundOptions {
  std::string process;     // processes/ID or ID
  std::string id;          // empty: the server assigns one
  std::string start_date;  // YYYY-MM-DD, required
  std::string display_name;
  std::string location;
};
int CreateRound(const CommandContext& ctx, const CreateRoundOptions& options);
// Every round of `process`, in round order.
int ListRounds(const CommandContext& ctx, absl::string_view process);

struct ReportOptions {
  std::string countries;  // comma-separated ISO 3166-1 alpha-2 ("SD,YE"); empty: all
  std::string from_date;  // YYYY-MM-DD or empty
  std::string to_date;
};
int ShowBalanceReport(const CommandContext& ctx, const ReportOptions& options);

struct TrendOptions {
  std::string process;
  // Empty: print the trend in ctx.output. Else write RenderTrendSvg there ("-": ctx.out) and,
  // for a file, say so in one line on ctx.out.
  std::string chart_file;
};
int ShowBalanceTrend(const CommandContext& ctx, const TrendOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BALANCE_COMMANDS_H_
