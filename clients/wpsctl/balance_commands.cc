#include "clients/wpsctl/balance_commands.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/wpsctl/balance_chart.h"
#include "clients/wpsctl/balance_format.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_validation.h"

namespace wps::wpsctl {
namespace {

using balance::v1::BalanceService;

// Checks a date flag; the message names it.
absl::Status CheckDateFlag(absl::string_view flag, absl::string_view date) {
  if (date.empty() || roster::IsIsoDate(date)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, ": '", date, "' is not a date (YYYY-MM-DD)"));
}

// Prints the process's display name heading a table only: JSON and CSV carry names.
std::string TitleFor(const CommandContext& ctx, const std::string& process) {
  return ctx.output == OutputFormat::kTable ? ProcessDisplayName(ctx, process) : "";
}

}  // namespace

std::string ProcessDisplayName(const CommandContext& ctx, const std::string& process) {
  if (ctx.matching == nullptr) return "";
  matching::v1::GetProcessRequest request;
  request.set_name(process);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  matching::v1::PeaceProcess response;
  if (!ctx.matching->GetProcess(&context, request, &response).ok()) return "";
  return response.display_name();
}

absl::StatusOr<std::string> RoundArgument(absl::string_view round, absl::string_view process) {
  if (round.empty()) return std::string();
  absl::string_view id = round;
  if (absl::StrContains(round, '/')) {
    if (!absl::ConsumePrefix(&id, absl::StrCat(process, "/rounds/"))) id = "";
  }
  if (!vocab::IsResourceId(id)) {
    return absl::InvalidArgumentError(absl::StrCat("--round: '", round, "' is not a round of ",
                                                   process, " (expected ID or ", process,
                                                   "/rounds/ID)"));
  }
  return std::string(round);
}

int ShowBalance(const CommandContext& ctx, const ShowBalanceOptions& options) {
  absl::StatusOr<std::string> process = ProcessName(options.process);
  if (!process.ok()) return UsageError(ctx, process.status().message());
  absl::StatusOr<std::string> round = RoundArgument(options.round, *process);
  if (!round.ok()) return UsageError(ctx, round.status().message());
  balance::v1::GetBalanceRequest request;
  request.set_process(*process);
  request.set_round(*round);
  balance::v1::Balance response;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::GetBalance, request, response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatBalance(response, TitleFor(ctx, *process), ctx.output);
  return kExitOk;
}

int CreateRound(const CommandContext& ctx, const CreateRoundOptions& options) {
  absl::StatusOr<std::string> process = ProcessName(options.process);
  if (!process.ok()) return UsageError(ctx, process.status().message());
  if (options.start_date.empty()) {
    return UsageError(ctx, "balance round create needs --start YYYY-MM-DD");
  }
  if (absl::Status date = CheckDateFlag("start", options.start_date); !date.ok()) {
    return UsageError(ctx, date.message());
  }
  if (!options.id.empty() && !vocab::IsResourceId(options.id)) {
    return UsageError(
        ctx, absl::StrCat("--id: '", options.id, "' is not an id ([a-z0-9][a-z0-9-]{0,62})"));
  }
  balance::v1::CreateRoundRequest request;
  request.set_parent(*process);
  request.set_round_id(options.id);
  request.mutable_round()->set_start_date(options.start_date);
  request.mutable_round()->set_display_name(options.display_name);
  request.mutable_round()->set_location(options.location);
  balance::v1::Round response;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::CreateRound, request, response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatRound(response, ctx.output);
  return kExitOk;
}

int ListRounds(const CommandContext& ctx, absl::string_view process) {
  absl::StatusOr<std::string> name = ProcessName(process);
  if (!name.ok()) return UsageError(ctx, name.status().message());
  balance::v1::ListRoundsRequest request;
  request.set_parent(*name);
  std::vector<balance::v1::Round> rounds;
  do {
    balance::v1::ListRoundsResponse response;
    const grpc::Status status =
        CallBalance(ctx, &BalanceService::StubInterface::ListRounds, request, response);
    if (!status.ok()) return RpcError(ctx, status);
    for (auto& round : *response.mutable_rounds()) rounds.push_back(std::move(round));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  *ctx.out << FormatRounds(rounds, ctx.output);
  return kExitOk;
}

int ShowBalanceReport(const CommandContext& ctx, const ReportOptions& options) {
  for (const auto& [flag, date] :
       {std::pair<absl::string_view, absl::string_view>{"from", options.from_date},
        {"to", options.to_date}}) {
    if (absl::Status status = CheckDateFlag(flag, date); !status.ok()) {
      return UsageError(ctx, status.message());
    }
  }
  balance::v1::GetBalanceReportRequest request;
  for (absl::string_view code : absl::StrSplit(options.countries, ',', absl::SkipWhitespace())) {
    request.add_countries(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code)));
  }
  request.set_from_date(options.from_date);
  request.set_to_date(options.to_date);
  balance::v1::BalanceReport response;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::GetBalanceReport, request, response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatBalanceReport(response, ctx.output);
  return kExitOk;
}

int ShowBalanceTrend(const CommandContext& ctx, const TrendOptions& options) {
  absl::StatusOr<std::string> process = ProcessName(options.process);
  if (!process.ok()) return UsageError(ctx, process.status().message());
  balance::v1::GetBalanceTrendRequest request;
  request.set_process(*process);
  balance::v1::BalanceTrend trend;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::GetBalanceTrend, request, trend);
  if (!status.ok()) return RpcError(ctx, status);
  if (options.chart_file.empty()) {
    *ctx.out << FormatTrend(trend, TitleFor(ctx, *process), ctx.output);
    return kExitOk;
  }
  TrendChartOptions chart;
  chart.title = ProcessDisplayName(ctx, *process);
  absl::StatusOr<OutputTarget> output = OutputTarget::Open(options.chart_file, *ctx.out);
  if (!output.ok()) return LocalError(ctx, output.status());
  output->stream() << RenderTrendSvg(trend, chart);
  if (absl::Status closed = output->Close(); !closed.ok()) return LocalError(ctx, closed);
  if (options.chart_file != "-") {
    *ctx.out << "wrote " << options.chart_file << ": women's share at " << trend.points_size()
             << (trend.points_size() == 1 ? " round" : " rounds") << ", "
             << TrendDelegations(trend).size() << " delegations and overall\n";
  }
  return kExitOk;
}

}  // namespace wps::wpsctl
