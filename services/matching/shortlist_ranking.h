// The shortlist ranking rule of API.md ("Shortlist ranking (v1)"), evaluated over the mediator
// index.
//
// Hard filters are bitmap intersections. The score takes few distinct values — a share of preferred
// languages, one of four region levels, a share of preferred expertise, capped years — so the
// survivors fall into classes of equal score. The survivors are copied into dense words, the
// preferred languages and expertise counted per record bit-sliced, and the classes taken best
// first: each (languages, region, expertise) group is one mask pass when the walk first reaches it,
// each class a mask of that group by capped years. Records of equal score are ordered by years, id
// and network; networks holding max_per_network candidates are masked out of later classes. The
// walk stops as soon as `count` candidates are placed (or as many as max_per_network allows): a
// broad request over a million records looks at the few classes at the top instead of scoring every
// survivor.
//
// Thread safety: RankCandidates reads the index; call it inside MediatorIndex::Read(). The spare
// thread it may use reads the index under that same Read(), and is done before RankCandidates
// returns.
#ifndef WPS_SERVICES_MATCHING_SHORTLIST_RANKING_H_
#define WPS_SERVICES_MATCHING_SHORTLIST_RANKING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/spare_thread.h"
#include "services/common/access_policy.h"
#include "services/search/mediator_index.h"

namespace wps::matching {

struct ScoreWeights {
  double language = 0.3;
  double region = 0.3;
  double expertise = 0.3;
  double experience = 0.1;
};

// The four components of a score, each in [0, 1].
struct ScoreComponents {
  double language = 0;
  double region = 0;
  double expertise = 0;
  double experience = 0;
};

// A validated request with every list deduplicated: what the ranking rule reads.
struct RankingQuery {
  std::vector<std::string> process_countries;            // ISO 3166-1 alpha-2
  std::vector<std::pair<std::string, int>> required_languages;  // code, minimum LanguageLevel (1..7)
  std::vector<std::string> preferred_languages;
  std::vector<std::string> required_expertise;
  std::vector<std::string> preferred_expertise;
  std::string role;                                      // empty: any
  std::vector<std::string> exclude_nationalities;
  std::optional<std::pair<int32_t, int32_t>> window;     // days since 1970-01-01, both ends included
  int max_per_network = 0;                               // 0: no limit
  std::vector<std::string> networks;                     // network ids; empty: every network
  int count = 10;
  ScoreWeights weights;
  // Which at-risk records may be candidates (the caller's: common::AtRiskScopeOf); all by default.
  common::AtRiskScope at_risk{true, ""};
};

struct RankedCandidate {
  search::DocId doc = 0;
  std::string name;
  double score = 0;
  ScoreComponents components;
};

struct Ranking {
  std::vector<RankedCandidate> candidates;  // best first
  uint64_t total_matched = 0;               // records passing every hard filter
};

// `value` rounded to 6 decimals, half away from zero.
double RoundScore(double value);

// The rounded score: weights.language * language + weights.region * region + weights.expertise *
// expertise + weights.experience * experience, summed in that order.
double Score(const ScoreComponents& components, const ScoreWeights& weights);

// The region component's levels for a process country: the country itself, its sub-region and its
// region on ICU's containment chain (empty strings where the chain is shorter).
struct RegionLevels {
  std::string country, sub_region, region;
};
RegionLevels RegionLevelsOf(absl::string_view country);

// How RankCandidates may use a second thread. With `spare` set, a request with more than
// `split_above` survivors is ranked as two halves of the slots, one on the calling thread and one
// on `spare` when it is idle, and the two lists merged by the rule: every candidate of the whole
// list is among her half's candidates, as a half holds no more records before her, of any network,
// than the whole does.
struct RankingOptions {
  SpareThread* spare = nullptr;
  uint64_t split_above = 20000;
};

// The shortlist for `query`, exactly per the ranking rule.
Ranking RankCandidates(const search::MediatorIndex& index, const RankingQuery& query,
                       const RankingOptions& options = {});

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_SHORTLIST_RANKING_H_
