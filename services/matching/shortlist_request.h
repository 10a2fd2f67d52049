// Shortlist requests: filling them from their peace process, validating them, and turning them into the
// RankingQuery the ranking rule reads. Pure logic.
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_MATCHING_SHORTLIST_REQUEST_H_
#define WPS_SERVICES_MATCHING_SHORTLIST_REQUEST_H_

#include "absl/status/statusor.h"
#include "services/matching/shortlist_ranking.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::matching {

inline constexpr int kDefaultShortlistCount = 10;
inline constexpr int kMaxShortlistCount = 100;

// Fills the fields `request` leaves empty from `process`: process_countries from its countries,
// preferred_languages from its working languages, preferred_expertise from its expertise needed, and
// exclude_nationalities from its parties' nationalities (each once, in order of first appearance).
void FillFromProcess(const v1::PeaceProcess& process, v1::ShortlistRequest& request);

// The ranking query of a request. INVALID_ARGUMENT with a field violation per bad field: codes and
// terms outside their vocabularies or listed twice, a malformed or reversed window, a negative
// max_per_network, a count outside [0, 100] (0 means 10), negative or non-finite weights, malformed
// network names, a process name that is not processes/{id}.
absl::StatusOr<RankingQuery> ToRankingQuery(const v1::ShortlistRequest& request);

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_SHORTLIST_REQUEST_H_
