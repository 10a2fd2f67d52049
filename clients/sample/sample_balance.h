// Fictional negotiating delegations for the gender-balance demo: three sample peace processes with
// 3 to 5 rounds each and 4 or 5 delegations of mixed kinds per round, drawn so that the first
// `wpsctl balance` a newcomer types shows what the feature is for: delegations below the 30%
// target, women's share falling since the previous round, women seated only as advisers and
// experts, a mediation team without women mediators, a delegation recorded without members yet,
// and one whose members' genders are withheld (undisclosed, names left out).
//
// People are fictional combinations of common names; the processes' countries are real but the
// delegations, rounds and figures are invented. Deterministic and immutable; thread-safe.
#ifndef WPS_CLIENTS_SAMPLE_SAMPLE_BALANCE_H_
#define WPS_CLIENTS_SAMPLE_SAMPLE_BALANCE_H_

#include <string>
#include <vector>

#include "wps/balance/v1/resources.pb.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::sample {

// processes/sudan-sample (the process run.sh creates, with the same fields), processes/yemen-sample
// and processes/colombia-sample: name, display name, countries, working languages, expertise
// needed, stage; no target (the default 30% applies).
const std::vector<matching::v1::PeaceProcess>& SampleBalanceProcesses();

// One seat at one round: a row of the `wpsctl balance import` spreadsheet.
struct SampleSeat {
  std::string process_id;
  std::string round_id;
  std::string round_display_name;
  std::string round_start_date;  // YYYY-MM-DD
  std::string delegation_id;
  std::string delegation_display_name;
  balance::v1::Delegation::Kind kind = balance::v1::Delegation::KIND_UNSPECIFIED;
  // Empty for an undisclosed member and for a delegation's member-less row.
  std::string member;
  // Both unspecified for a delegation's member-less row (a delegation with no members).
  balance::v1::Member::Gender gender = balance::v1::Member::GENDER_UNSPECIFIED;
  balance::v1::Member::Role role = balance::v1::Member::ROLE_UNSPECIFIED;
};

// Every seat of every round of the sample processes, by process, round (in date order) and
// delegation, each delegation's seats by role (head first).
const std::vector<SampleSeat>& SampleBalanceSeats();

}  // namespace wps::sample

#endif  // WPS_CLIENTS_SAMPLE_SAMPLE_BALANCE_H_
