// A deliberately plain evaluation of the shortlist ranking rule of API.md ("Shortlist ranking
// (v1)") over a vector of records, and random rosters and requests over small vocabularies, for
// property tests that hold the real ranking (score classes over the index) against it.
//
// The oracle shares no code with services/matching: it loops over every record, applies the filters
// of step 1 as written, computes each component from the record and the request, and sorts. Its
// only dependency on the project is vocab::ContainmentChain, the ICU containment the rule names.
//
// Thread safety: the functions keep no state; a generator's std::mt19937_64 belongs to its caller.
#ifndef WPS_TESTS_SERVICES_MATCHING_RANKING_ORACLE_H_
#define WPS_TESTS_SERVICES_MATCHING_RANKING_ORACLE_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "wps/matching/v1/resources.pb.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::matching::oracle {

struct OracleCandidate {
  std::string name;
  double score = 0;
  double language = 0, region = 0, expertise = 0, experience = 0;
  int years = 0;  // for messages; not compared

  bool operator==(const OracleCandidate& other) const {
    return name == other.name && score == other.score && language == other.language &&
           region == other.region && expertise == other.expertise && experience == other.experience;
  }
};

struct OracleRanking {
  std::vector<OracleCandidate> candidates;  // best first
  uint64_t total_matched = 0;
};

// `value` rounded to 6 decimals, half away from zero, read as binary64 arithmetic: value * 1e6 as a
// double, rounded half away from zero to an integer, divided by 1e6. API.md does not say whether
// the half is judged on that product or on the exact binary value of `value` (or on the decimal the
// weights were written as); the readings differ when the sum lies within an ulp or so of a tie at
// the seventh decimal. This one is what C's round(x * 1e6) / 1e6 and its equivalents in other
// languages give.
double RoundTo6Decimals(double value);

// The ranking rule applied literally to `roster` for `request`, which must be valid (ToRankingQuery
// accepts it) and already filled from its process. Count 0 means 10; an unset `weights` means
// 0.3/0.3/0.3/0.1; `networks` entries may be ids or "networks/{id}". Records are identified by name
// (networks/{network}/mediators/{id}); their network is mediator.network().
OracleRanking BruteForceRanking(const std::vector<roster::v1::Mediator>& roster,
                                const v1::ShortlistRequest& request);

// Empty when `expected` and `actual` agree on total_matched and on every candidate (name, score and
// components, exactly); otherwise what differs first, then both lists.
std::string CompareRankings(const OracleRanking& expected, const OracleRanking& actual);

// One line per candidate: position, name, score and components to 17 digits, years.
std::string Describe(const OracleRanking& ranking);

// --- Random inputs, over vocabularies small enough that ties and collisions are frequent ---

// 3 or 4 network ids.
std::vector<std::string> RandomNetworks(std::mt19937_64& rng);

// A valid record (ValidateMediator accepts it, given networks without chapters) named
// networks/{network}/mediators/{id}: 0-3 languages A1..NATIVE, 0-3 regions among countries and M49
// areas of a few (sub-)regions, 0-4 of 6 expertise terms, 0-2 of 3 roles, 0-2 nationalities, years
// 0..40, any availability, 0-2 unavailable periods (some over two years), contact details and a
// random contact_release. Never deleted.
roster::v1::Mediator RandomRecord(std::mt19937_64& rng, const std::string& network,
                                  const std::string& id);

// `size` records with distinct names over `networks`, ids drawn from a pool about half the size so
// that the same id recurs in several networks; about one in ten has delete_time set.
std::vector<roster::v1::Mediator> RandomRoster(std::mt19937_64& rng, int size,
                                               const std::vector<std::string>& networks);

// A valid request without `process`: empty and non-empty preference lists, required languages with
// min levels (UNSPECIFIED included), required expertise, role, excluded nationalities, windows
// whose ends fall on the same few days as the periods of RandomRecord, max_per_network 0..3,
// network filters spelled as ids or names (an unknown network now and then), count 0..100, default,
// zero and custom weights.
v1::ShortlistRequest RandomRequest(std::mt19937_64& rng, const std::vector<std::string>& networks);

}  // namespace wps::matching::oracle

#endif  // WPS_TESTS_SERVICES_MATCHING_RANKING_ORACLE_H_
