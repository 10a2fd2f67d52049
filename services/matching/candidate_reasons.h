// Human-readable reasons a candidate is on a shortlist, in the order a mediation unit reads them:
// languages, region, expertise, role, experience, availability. Pure logic.
//
// Thread safety: safe to call concurrently.
#ifndef WPS_SERVICES_MATCHING_CANDIDATE_REASONS_H_
#define WPS_SERVICES_MATCHING_CANDIDATE_REASONS_H_

#include <string>
#include <vector>

#include "services/matching/shortlist_ranking.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::matching {

// e.g. {"speaks Arabic (C2)", "works on Sudan", "expertise: ceasefire-security-arrangements",
// "role: mediator", "27 years of experience"}. Lists what the request asked for and she has: required
// and preferred languages (preferred ones at B2 or above), the best region match, required and preferred
// expertise, the role, her years, and "available throughout the window" when a window was given.
std::vector<std::string> CandidateReasons(const RankingQuery& query, const roster::v1::Mediator& mediator);

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_CANDIDATE_REASONS_H_
