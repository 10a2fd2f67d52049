// wpsctl balance import and balance create-sample: delegation spreadsheets (balance_csv.h) written
// to the BalanceService, one PutDelegation per delegation, creating the rounds the file dates.
//
// What happens to each delegation of the file:
// - a bad row (balance_csv.h) keeps its whole delegation out;
// - its process must exist (else its rows are reported);
// - its round must exist, or the file gives the round's round_start_date, and the import creates it
//   (with round_display_name); a missing round without a date is reported, pointing at
//   'wpsctl balance round create';
// - then the delegation is replaced whole; if the server refuses it, its field violations are
//   reported on the rows and columns they come from.
// Return exit codes of command_context.h, as `wpsctl import`: kExitOk when every delegation was
// written, kExitFailure when some were not (the others were), kExitUsage for an unreadable or
// malformed file or header, or when the import fails as a whole (server unreachable, refused).
#ifndef WPS_CLIENTS_WPSCTL_BALANCE_IMPORT_H_
#define WPS_CLIENTS_WPSCTL_BALANCE_IMPORT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

struct BalanceImportOptions {
  std::string file;         // the CSV file; "-" for standard input
  std::string errors_file;  // when set, the row errors as CSV (row,field,message)
};
// Prints each row error ("row 7, gender: ...") and each delegation not written (with its rows) on
// ctx.err, then the summary ("rows 48, delegations written 7, not written 1, rounds created 2";
// with --output=json an object of those counts and the errors) on ctx.out.
int ImportBalance(const CommandContext& ctx, const BalanceImportOptions& options);

// As ImportBalance for a spreadsheet in memory; `source` names it in messages.
int ImportBalanceCsv(const CommandContext& ctx, absl::string_view csv, absl::string_view source,
                     const std::string& errors_file);

// The spreadsheet of the sample delegations (sample::SampleBalanceSeats()), every column included.
std::string SampleBalanceCsv();

// Creates the sample processes that do not exist (sample::SampleBalanceProcesses()), saves the
// sample spreadsheet to `out_file` when it is not empty, and imports it as ImportBalanceCsv does.
// Running it again creates nothing and rewrites the same delegations (new etags, same figures).
// Prints "sample processes: created N, existing N" then the import's report.
int CreateSampleBalance(const CommandContext& ctx, const std::string& out_file);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BALANCE_IMPORT_H_
