// The answers of GetBalance, GetBalanceTrend and GetBalanceReport, computed from the catalog's
// BalanceModel. Pure logic: no storage, no gRPC, no locking (the caller holds the catalog's read lock).
//
// "Previous round" (FELL_SINCE_PREVIOUS_ROUND): for a delegation, the latest earlier round (in round
// order) where a delegation with the same id sat with at least one member, so that its share was
// defined; rounds where it was absent or empty are passed over. For a round's overall, the latest
// earlier round whose overall share was defined.
//
// Thread safety: every function is safe to call concurrently on a model nobody writes meanwhile.
#ifndef WPS_SERVICES_BALANCE_BALANCE_VIEWS_H_
#define WPS_SERVICES_BALANCE_BALANCE_VIEWS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/balance/balance_model.h"
#include "wps/balance/v1/resources.pb.h"

namespace wps::balance {

// The index in process.rounds of the round with id `round_id`; nullopt when it has none.
std::optional<size_t> FindRoundIndex(const ProcessEntry& process, absl::string_view round_id);

// The balance of process.rounds[round_index] of the process named `process_name`: its delegations in
// id order, the overall figures of all of them, and by_role of all of them. round_index must be valid.
v1::Balance BuildBalance(absl::string_view process_name, const ProcessEntry& process,
                         size_t round_index);

// One point per round of the process, in round order; no points when it has no rounds.
v1::BalanceTrend BuildTrend(absl::string_view process_name, const ProcessEntry& process);

// What a report covers.
struct ReportQuery {
  // ISO 3166-1 alpha-2 codes; a process counts when any of its countries is listed. Empty: all.
  std::vector<std::string> countries;
  // "YYYY-MM-DD", inclusive; empty: open.
  std::string from_date;
  std::string to_date;
};

// The report over the known processes of `processes`, each counted once at its latest round starting
// inside the query's dates; a process without such a round is left out (no row, not in the totals).
// The totals pool the rows' counts (women over members across processes, not an average of shares).
// Rows, and the lists of processes without women mediators or signatories, are in process name order.
v1::BalanceReport BuildReport(const BalanceModel::ProcessMap& processes, const ReportQuery& query);

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_VIEWS_H_
