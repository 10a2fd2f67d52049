// The delegation spreadsheet `wpsctl balance import` reads: RFC 4180 CSV (UTF-8, one header row),
// one row per member of a delegation at a round:
//
//   process,round,delegation,kind,member,gender,role
//   sudan,r3,gov,party,Amna Idris,woman,negotiator
//
// Columns in any order, names case-insensitive; these three may be added:
//   delegation_display_name  the delegation's display name ("Government of Sudan")
//   round_start_date         YYYY-MM-DD: lets the import create the round when it does not exist
//   round_display_name       the display name of a round the import creates
// process, round and delegation are ids ([a-z0-9][a-z0-9-]{0,62}; process may be processes/ID).
// kind, gender and role are the names of the proto enums in any case, '-' or ' ' for '_'
// ("party", "civil-society", "woman", "technical expert"). member is the person's name and may be
// empty. A row whose member, gender and role are all empty names a delegation with no members.
// Values are trimmed. At least one row of each delegation gives its kind. Rows of one delegation
// must agree on kind and display name, rows of one round on its start date and display name (an
// empty cell agrees with anything).
//
// The file is the truth for the delegations it names: each is written whole, members in file
// order, and a delegation with any bad row is not written at all. Pure logic; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_BALANCE_CSV_H_
#define WPS_CLIENTS_WPSCTL_BALANCE_CSV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/field_violations.h"
#include "wps/balance/v1/resources.pb.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::wpsctl {

// The columns every file has, in the order `balance create-sample` writes them.
inline constexpr absl::string_view kBalanceCsvColumns[] = {
    "process", "round", "delegation", "kind", "member", "gender", "role"};
// The columns a file may add.
inline constexpr absl::string_view kBalanceCsvOptionalColumns[] = {
    "delegation_display_name", "round_start_date", "round_display_name"};

// One delegation at one round, as the file gives it.
struct SheetDelegation {
  std::string process;  // "processes/{p}"
  std::string round_id;
  // id, display_name, kind and the members in file order.
  balance::v1::Delegation delegation;
  // The row of each member (member_rows[i] gave delegation.members(i)).
  std::vector<int64_t> member_rows;
  // Every row naming the delegation, in file order.
  std::vector<int64_t> rows;

  // "processes/{p}/rounds/{r}".
  std::string RoundName() const;
  // "processes/{p}/rounds/{r}/delegations/{d}".
  std::string Name() const;
};

// A round the file names, with what its rows say about it.
struct SheetRound {
  std::string process;  // "processes/{p}"
  std::string round_id;
  // Empty when no row gives one.
  std::string start_date;
  std::string display_name;
};

struct BalanceSheet {
  // Data records read (the header not counted).
  int64_t rows = 0;
  // The delegations without a bad row, in order of first appearance.
  std::vector<SheetDelegation> delegations;
  // The delegations with a bad row: none of their rows is written.
  std::vector<SheetDelegation> rejected;
  // The rounds of `delegations`, in order of first appearance.
  std::vector<SheetRound> rounds;
  // Every bad row (a row can have several), by row; field is the column name, empty for the row as
  // a whole (a wrong number of fields).
  std::vector<roster::v1::ImportError> errors;
};

// Reads a whole file. INVALID_ARGUMENT when no row could be read at all: an empty file, a header
// missing a required column or with an unknown or repeated one (the message names it and the
// accepted columns), or malformed CSV (the message names the row). Bad rows are not an error of
// the call: they are in `errors`, and their delegations in `rejected`.
absl::StatusOr<BalanceSheet> ParseBalanceSheet(absl::string_view csv);

// The row errors for a delegation the server refused with `message` and `violations` (the
// google.rpc.BadRequest details, possibly empty; paths with or without "delegation."), by row: a
// violation of members[i] names member_rows[i] and the column of its field (display_name ->
// member); one of the delegation's own fields names its first row and the column (id ->
// delegation, display_name -> delegation_display_name, kind); any other names the first row, field
// "", its path heading the message. Without violations: one error on the first row, field "",
// `message`.
std::vector<roster::v1::ImportError> DelegationWriteErrors(
    const SheetDelegation& delegation, absl::string_view message,
    const std::vector<common::FieldViolation>& violations);

// "2-5, 9": the rows, runs of consecutive rows joined with '-'.
std::string RowRanges(const std::vector<int64_t>& rows);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BALANCE_CSV_H_
