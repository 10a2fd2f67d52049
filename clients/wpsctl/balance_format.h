// How wpsctl prints BalanceService results (a round's balance, the trend across rounds, the report
// across processes, rounds): aligned tables for people, proto-JSON and CSV for programs. Pure
// functions returning the text to print; thread-safe.
//
// A share the server leaves unset (its denominator is 0: no members, or none in a decision-making
// role) is "n/a" in tables, with a note under the table saying why, and an empty field in CSV; it
// is never shown as 0.
#ifndef WPS_CLIENTS_WPSCTL_BALANCE_FORMAT_H_
#define WPS_CLIENTS_WPSCTL_BALANCE_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "clients/wpsctl/output_format.h"
#include "wps/balance/v1/resources.pb.h"

namespace wps::wpsctl {

// "16.7%": a share in [0, 1] as a percentage with one decimal.
std::string PercentText(double share);
// "30%", "33.3%": a target, without a trailing ".0".
std::string TargetText(double target);
// "below target", "women only in non-decision roles", "fell since previous round", "no members",
// "all undisclosed"; "flag N" for a value this client does not know.
std::string BalanceFlagText(balance::v1::BalanceFlag flag);
// "party", "civil society"...: lower case, words spaced; "-" for KIND_UNSPECIFIED.
std::string DelegationKindText(balance::v1::Delegation::Kind kind);
// "head", "technical expert"...: lower case, words spaced; "-" for ROLE_UNSPECIFIED.
std::string MemberRoleText(balance::v1::Member::Role role);
// The last segment of a resource name ("processes/p/rounds/r3" -> "r3"); `name` when it has no "/".
std::string LastSegment(absl::string_view name);
// A round's title in tables and charts: its display name, else its id ("-" when it has neither).
std::string RoundTitle(const balance::v1::Balance& point);
// The "processes/{p}" prefix of a round or delegation name; empty when `name` has none.
std::string ProcessOfName(absl::string_view name);

// A delegation that sat in some round of a trend.
struct TrendDelegation {
  std::string id;
  // Its display name at the latest round it sat in, else its id.
  std::string title;
  // For each point of the trend, its index in that point's delegations; -1 where it did not sit.
  std::vector<int> index_in_point;
};
// The delegations of every round of `trend`, in id order.
std::vector<TrendDelegation> TrendDelegations(const balance::v1::BalanceTrend& trend);

// The balance of one round. `process_title` (the process's display name; may be empty) heads the
// table. Table: a heading line (process, round, start date, target), one row per delegation and an
// "overall" row (DELEGATION, KIND, MEMBERS, WOMEN, MEN, OTHER, UNDISCLOSED, WOMEN %, DECISION %,
// TARGET, MET, FLAGS), notes explaining the columns and any "n/a", then the by-role table (ROLE,
// DECISION-MAKING, MEMBERS, WOMEN, WOMEN %). Without delegations the tables give way to a sentence.
// CSV: BalanceCsvHeader() then BalanceCsvLines(). JSON: the Balance's proto-JSON.
std::string FormatBalance(const balance::v1::Balance& balance, absl::string_view process_title,
                          OutputFormat format);

// "round,round_start_date,delegation,display_name,kind,members,women,men,other,undisclosed,
// women_share,women_decision_share,target,meets_target,flags" (no line end).
std::string BalanceCsvHeader();
// One line per delegation, then the overall line (empty delegation, display_name "overall"):
// shares with 6 decimals (empty when unset), kind as the lower-case enum name ("civil_society",
// empty for overall), meets_target "true"/"false", flags as lower-case enum names joined by ';'.
std::string BalanceCsvLines(const balance::v1::Balance& balance);

// The trend of a process. Table: one row per round (ROUND, START), one column per delegation that
// sat in any round (its display name, else its id; in id order) holding its women's share, and
// OVERALL; "-" where the delegation did not sit in that round, "n/a" where it had no members.
// CSV: BalanceCsvHeader() then each round's BalanceCsvLines(). JSON: the trend's proto-JSON.
std::string FormatTrend(const balance::v1::BalanceTrend& trend, absl::string_view process_title,
                        OutputFormat format);

// The report across processes. Table: one row per process (PROCESS, COUNTRIES, ROUND, START,
// NEGOTIATORS, MEDIATORS, SIGNATORIES, ALL MEMBERS as "women/members share", "none" when there are
// no members of that kind; TARGET; BELOW TARGET: delegations below it), then the totals and the
// processes without women mediators or signatories. CSV: the rows only, one line each
// (process,display_name,countries,round,round_start_date,{negotiators,mediators,signatories,
// overall}_{women,members,share},target,delegations_below_target). JSON: the report's proto-JSON.
std::string FormatBalanceReport(const balance::v1::BalanceReport& report, OutputFormat format);

// Rounds. Table: NAME, DISPLAY NAME, START, LOCATION. CSV: "name,display_name,start_date,location".
// JSON: an array (FormatRound: the object).
std::string FormatRounds(absl::Span<const balance::v1::Round> rounds, OutputFormat format);
std::string FormatRound(const balance::v1::Round& round, OutputFormat format);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BALANCE_FORMAT_H_
