#include "clients/wpsctl/balance_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/sample/sample_balance.h"
#include "clients/wpsctl/balance_commands.h"
#include "clients/wpsctl/balance_csv.h"
#include "clients/wpsctl/balance_format.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/import_report.h"
#include "clients/wpsctl/rpc_errors.h"
#include "google/protobuf/struct.pb.h"

namespace wps::wpsctl {
namespace {

using balance::v1::BalanceService;
using roster::v1::ImportError;

// What the import did so far.
struct ImportState {
  int64_t rounds_created = 0;
  int64_t written = 0;
  std::vector<ImportError> errors;
  // The delegations with bad rows, then those the server did not take, in file order.
  std::vector<const SheetDelegation*> not_written;
};

// Why the delegations of a round cannot be written: the column at fault and the message.
struct RoundProblem {
  std::string field;
  std::string message;
};
// By round name (processes/p/rounds/r).
using RoundProblems = std::map<std::string, RoundProblem>;

// A failure no row can be blamed for: every later call would fail the same way.
bool FailsWholeImport(const grpc::Status& status) {
  return IsConnectionError(status) || status.error_code() == grpc::StatusCode::UNAUTHENTICATED ||
         status.error_code() == grpc::StatusCode::PERMISSION_DENIED ||
         status.error_code() == grpc::StatusCode::UNIMPLEMENTED;
}

std::string StatusText(const grpc::Status& status) {
  return absl::StrCat(GrpcCodeName(status.error_code()), ": ", status.error_message());
}

// The ids of the rounds of `process`. NOT_FOUND when the process does not exist.
grpc::Status ExistingRounds(const CommandContext& ctx, const std::string& process,
                            std::set<std::string>& ids) {
  balance::v1::ListRoundsRequest request;
  request.set_parent(process);
  request.set_page_size(1000);
  do {
    balance::v1::ListRoundsResponse response;
    const grpc::Status status =
        CallBalance(ctx, &BalanceService::StubInterface::ListRounds, request, response);
    if (!status.ok()) return status;
    for (const auto& round : response.rounds()) ids.insert(LastSegment(round.name()));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

// Creates `round` from what the file says about it. OK when it was created (or another client
// just did); a problem of the round or, returned, a status that fails the whole import.
grpc::Status CreateMissingRound(const CommandContext& ctx, const SheetRound& round,
                                RoundProblems& problems, ImportState& state) {
  const std::string name = absl::StrCat(round.process, "/rounds/", round.round_id);
  if (round.start_date.empty()) {
    problems[name] = {
        "round", absl::StrCat("round ", round.round_id, " of ", round.process,
                              " does not exist: create it first ('wpsctl balance round create ",
                              LastSegment(round.process), " --id=", round.round_id,
                              " --start=YYYY-MM-DD') or give its date in a round_start_date "
                              "column")};
    return grpc::Status::OK;
  }
  balance::v1::CreateRoundRequest request;
  request.set_parent(round.process);
  request.set_round_id(round.round_id);
  request.mutable_round()->set_start_date(round.start_date);
  request.mutable_round()->set_display_name(round.display_name);
  balance::v1::Round response;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::CreateRound, request, response);
  if (status.ok()) {
    ++state.rounds_created;
  } else if (FailsWholeImport(status)) {
    return status;
  } else if (status.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
    problems[name] = {"round_start_date",
                      absl::StrCat("cannot create round ", name, ": ", StatusText(status))};
  }
  return grpc::Status::OK;
}

// Makes the rounds of the sheet exist where it can; `problems` gets those that do not.
grpc::Status PrepareRounds(const CommandContext& ctx, const BalanceSheet& sheet,
                           RoundProblems& problems, ImportState& state) {
  std::map<std::string, std::set<std::string>> existing;  // by process
  std::set<std::string> missing_processes;
  for (const SheetRound& round : sheet.rounds) {
    const std::string name = absl::StrCat(round.process, "/rounds/", round.round_id);
    if (existing.count(round.process) == 0 && missing_processes.count(round.process) == 0) {
      const grpc::Status status = ExistingRounds(ctx, round.process, existing[round.process]);
      if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
        existing.erase(round.process);
        missing_processes.insert(round.process);
      } else if (!status.ok()) {
        return status;
      }
    }
    if (missing_processes.count(round.process) > 0) {
      problems[name] = {"process", absl::StrCat("process ", round.process,
                                                " does not exist: create it first ('wpsctl "
                                                "process create --id=",
                                                LastSegment(round.process), " --file=...')")};
      continue;
    }
    if (existing[round.process].count(round.round_id) > 0) continue;
    const grpc::Status status = CreateMissingRound(ctx, round, problems, state);
    if (!status.ok()) return status;
  }
  return grpc::Status::OK;
}

// Writes one delegation. Returns a status that fails the whole import; anything else the server
// says is reported on the delegation's rows.
grpc::Status WriteDelegation(const CommandContext& ctx, const SheetDelegation& d,
                             ImportState& state) {
  balance::v1::PutDelegationRequest request;
  request.set_round(d.RoundName());
  *request.mutable_delegation() = d.delegation;
  balance::v1::Delegation response;
  const grpc::Status status =
      CallBalance(ctx, &BalanceService::StubInterface::PutDelegation, request, response);
  if (status.ok()) {
    ++state.written;
    return status;
  }
  if (FailsWholeImport(status)) return status;
  for (ImportError& error :
       DelegationWriteErrors(d, StatusText(status), BadRequestViolations(status))) {
    state.errors.push_back(std::move(error));
  }
  state.not_written.push_back(&d);
  return grpc::Status::OK;
}

grpc::Status WriteSheet(const CommandContext& ctx, const BalanceSheet& sheet, ImportState& state) {
  RoundProblems problems;
  if (grpc::Status status = PrepareRounds(ctx, sheet, problems, state); !status.ok()) {
    return status;
  }
  for (const SheetDelegation& d : sheet.delegations) {
    const auto problem = problems.find(d.RoundName());
    if (problem != problems.end()) {
      ImportError& error = state.errors.emplace_back();
      error.set_row(d.rows.front());
      error.set_field(problem->second.field);
      error.set_message(problem->second.message);
      state.not_written.push_back(&d);
      continue;
    }
    if (grpc::Status status = WriteDelegation(ctx, d, state); !status.ok()) return status;
  }
  return grpc::Status::OK;
}

std::string SummaryLine(const BalanceSheet& sheet, const ImportState& state) {
  return absl::StrCat("rows ", sheet.rows, ", delegations written ", state.written,
                      ", not written ", state.not_written.size(), ", rounds created ",
                      state.rounds_created);
}

std::string SummaryJson(const BalanceSheet& sheet, const ImportState& state) {
  google::protobuf::Struct summary;
  auto& fields = *summary.mutable_fields();
  fields["rows"].set_number_value(static_cast<double>(sheet.rows));
  fields["delegationsWritten"].set_number_value(static_cast<double>(state.written));
  fields["delegationsNotWritten"].set_number_value(static_cast<double>(state.not_written.size()));
  fields["roundsCreated"].set_number_value(static_cast<double>(state.rounds_created));
  auto* not_written = fields["notWritten"].mutable_list_value();
  for (const SheetDelegation* d : state.not_written) {
    not_written->add_values()->set_string_value(d->Name());
  }
  auto* errors = fields["errors"].mutable_list_value();
  for (const ImportError& error : state.errors) {
    auto& entry = *errors->add_values()->mutable_struct_value()->mutable_fields();
    entry["row"].set_number_value(static_cast<double>(error.row()));
    entry["field"].set_string_value(error.field());
    entry["message"].set_string_value(error.message());
  }
  return MessageJson(summary);
}

// Prints the errors, what was not written and the summary; writes the errors file.
int Report(const CommandContext& ctx, const BalanceSheet& sheet, ImportState& state,
           const std::string& errors_file) {
  std::stable_sort(state.errors.begin(), state.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row() < b.row(); });
  for (const ImportError& error : state.errors) *ctx.err << FormatImportError(error) << "\n";
  for (const SheetDelegation* d : state.not_written) {
    *ctx.err << "not written: " << d->Name() << " (rows " << RowRanges(d->rows) << ")\n";
  }
  *ctx.out << (ctx.output == OutputFormat::kJson ? SummaryJson(sheet, state)
                                                 : SummaryLine(sheet, state) + "\n");
  if (!errors_file.empty()) {
    absl::StatusOr<OutputTarget> errors = OutputTarget::Open(errors_file, *ctx.err);
    if (!errors.ok()) return LocalError(ctx, errors.status());
    errors->stream() << ImportErrorsCsv(state.errors);
    if (absl::Status closed = errors->Close(); !closed.ok()) return LocalError(ctx, closed);
  }
  return state.errors.empty() && state.not_written.empty() ? kExitOk : kExitFailure;
}

std::string EnumWord(const std::string& enum_name) { return absl::AsciiStrToLower(enum_name); }

}  // namespace

int ImportBalance(const CommandContext& ctx, const BalanceImportOptions& options) {
  absl::StatusOr<std::string> csv = ReadFileOrStdin(options.file);
  if (!csv.ok()) return LocalError(ctx, csv.status());
  return ImportBalanceCsv(ctx, *csv, options.file, options.errors_file);
}

int ImportBalanceCsv(const CommandContext& ctx, absl::string_view csv, absl::string_view source,
                     const std::string& errors_file) {
  absl::StatusOr<BalanceSheet> sheet = ParseBalanceSheet(csv);
  if (!sheet.ok()) {
    return LocalError(
        ctx, absl::InvalidArgumentError(absl::StrCat(source, ": ", sheet.status().message())));
  }
  ImportState state;
  for (const SheetDelegation& d : sheet->rejected) state.not_written.push_back(&d);
  state.errors = sheet->errors;
  const grpc::Status status = WriteSheet(ctx, *sheet, state);
  const int code = Report(ctx, *sheet, state, errors_file);
  if (!status.ok()) {
    *ctx.err << FormatRpcError(status);
    return kExitUsage;
  }
  return code;
}

std::string SampleBalanceCsv() {
  std::string out =
      "process,round,round_display_name,round_start_date,delegation,delegation_display_name,kind,"
      "member,gender,role\n";
  for (const sample::SampleSeat& seat : sample::SampleBalanceSeats()) {
    const bool member_less = seat.role == balance::v1::Member::ROLE_UNSPECIFIED;
    absl::StrAppend(
        &out, seat.process_id, ",", seat.round_id, ",", CsvField(seat.round_display_name), ",",
        seat.round_start_date, ",", seat.delegation_id, ",", CsvField(seat.delegation_display_name),
        ",", EnumWord(balance::v1::Delegation::Kind_Name(seat.kind)), ",", CsvField(seat.member),
        ",", member_less ? "" : EnumWord(balance::v1::Member::Gender_Name(seat.gender)), ",",
        member_less ? "" : EnumWord(balance::v1::Member::Role_Name(seat.role)), "\n");
  }
  return out;
}

int CreateSampleBalance(const CommandContext& ctx, const std::string& out_file) {
  int created = 0;
  int existing = 0;
  for (const matching::v1::PeaceProcess& process : sample::SampleBalanceProcesses()) {
    matching::v1::GetProcessRequest get;
    get.set_name(process.name());
    grpc::ClientContext get_context;
    PrepareContext(ctx.connection, /*unary=*/true, get_context);
    matching::v1::PeaceProcess response;
    grpc::Status status = ctx.matching->GetProcess(&get_context, get, &response);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      matching::v1::CreateProcessRequest request;
      request.set_process_id(LastSegment(process.name()));
      *request.mutable_process() = process;
      request.mutable_process()->clear_name();
      grpc::ClientContext context;
      PrepareContext(ctx.connection, /*unary=*/true, context);
      status = ctx.matching->CreateProcess(&context, request, &response);
      if (status.ok()) ++created;
    } else if (status.ok()) {
      ++existing;
    }
    if (!status.ok() && status.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
      return RpcError(ctx, status);
    }
  }
  const std::string csv = SampleBalanceCsv();
  if (!out_file.empty()) {
    absl::StatusOr<OutputTarget> output = OutputTarget::Open(out_file, *ctx.out);
    if (!output.ok()) return LocalError(ctx, output.status());
    output->stream() << csv;
    if (absl::Status closed = output->Close(); !closed.ok()) return LocalError(ctx, closed);
  }
  if (ctx.output != OutputFormat::kJson) {
    *ctx.out << "sample processes: created " << created << ", existing " << existing << "\n";
  }
  return ImportBalanceCsv(ctx, csv, "sample spreadsheet", "");
}

}  // namespace wps::wpsctl
