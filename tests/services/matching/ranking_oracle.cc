#include "tests/services/matching/ranking_oracle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/vocabularies.h"

namespace wps::matching::oracle {
namespace {

using ::wps::roster::v1::Mediator;
using Strings = google::protobuf::RepeatedPtrField<std::string>;

// ---------------------------------------------------------------------------------------------------
// The rule.

bool Contains(const Strings& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool SpeaksAtLeast(const Mediator& m, const std::string& code, int level) {
  for (const auto& skill : m.languages()) {
    if (skill.code() == code && skill.level() >= level) return true;
  }
  return false;
}

// Dates are ISO YYYY-MM-DD, so they compare as strings; both periods are closed.
bool Overlaps(const wps::type::DateRange& period, const wps::type::DateRange& window) {
  return period.start() <= window.end() && period.end() >= window.start();
}

std::string NetworkIdOf(const std::string& entry) {
  return absl::StartsWith(entry, "networks/") ? entry.substr(9) : entry;
}

std::string IdOf(const Mediator& m) { return m.name().substr(m.name().rfind('/') + 1); }

// Step 1.
bool PassesHardFilters(const Mediator& m, const v1::ShortlistRequest& r) {
  if (m.has_delete_time()) return false;
  if (m.availability() == roster::v1::UNAVAILABLE) return false;
  for (const auto& required : r.required_languages()) {
    if (!SpeaksAtLeast(m, required.code(), required.min_level())) return false;
  }
  for (const std::string& term : r.required_expertise()) {
    if (!Contains(m.expertise(), term)) return false;
  }
  if (!r.role().empty() && !Contains(m.roles(), r.role())) return false;
  for (const std::string& nationality : m.nationalities()) {
    if (Contains(r.exclude_nationalities(), nationality)) return false;
  }
  if (r.has_window()) {
    for (const auto& period : m.unavailable_periods()) {
      if (Overlaps(period, r.window())) return false;
    }
  }
  if (r.networks_size() > 0) {
    bool listed = false;
    for (const std::string& entry : r.networks())
      listed = listed || NetworkIdOf(entry) == m.network();
    if (!listed) return false;
  }
  return true;
}

double LanguageComponent(const Mediator& m, const v1::ShortlistRequest& r) {
  if (r.preferred_languages().empty()) return 0;
  int spoken = 0;
  for (const std::string& code : r.preferred_languages()) {
    if (SpeaksAtLeast(m, code, wps::type::LANGUAGE_LEVEL_B2)) ++spoken;
  }
  return static_cast<double>(spoken) / static_cast<double>(r.preferred_languages_size());
}

// The value of her region `e` for process country `p`. P's sub-region is the region containing P,
// P's region the one containing that; an area "contains E" when it appears on E's containment
// chain.
double RegionValue(const std::string& e, const std::string& p) {
  if (e == p) return 1;
  const std::vector<std::string> p_chain = vocab::ContainmentChain(p);
  const std::vector<std::string> e_chain = vocab::ContainmentChain(e);
  auto is_or_contains_e = [&](size_t level) {
    return p_chain.size() > level && (p_chain[level] == e || Contains(e_chain, p_chain[level]));
  };
  if (is_or_contains_e(1)) return 0.5;
  if (is_or_contains_e(2)) return 0.25;
  return 0;
}

double RegionComponent(const Mediator& m, const v1::ShortlistRequest& r) {
  double best = 0;
  for (const std::string& e : m.regions()) {
    for (const std::string& p : r.process_countries()) best = std::max(best, RegionValue(e, p));
  }
  return best;
}

double ExpertiseComponent(const Mediator& m, const v1::ShortlistRequest& r) {
  if (r.preferred_expertise().empty()) return 0;
  int held = 0;
  for (const std::string& term : r.preferred_expertise()) {
    if (Contains(m.expertise(), term)) ++held;
  }
  return static_cast<double>(held) / static_cast<double>(r.preferred_expertise_size());
}

double ExperienceComponent(const Mediator& m) {
  return static_cast<double>(std::min(m.years_experience(), 30)) / 30;
}

struct Scored {
  OracleCandidate candidate;
  std::string id, network;
};

Scored ScoreOf(const Mediator& m, const v1::ShortlistRequest& r) {
  double w_language = 0.3, w_region = 0.3, w_expertise = 0.3, w_experience = 0.1;
  if (r.has_weights()) {
    w_language = r.weights().language();
    w_region = r.weights().region();
    w_expertise = r.weights().expertise();
    w_experience = r.weights().experience();
  }
  Scored s;
  OracleCandidate& c = s.candidate;
  c.name = m.name();
  c.years = m.years_experience();
  c.language = LanguageComponent(m, r);
  c.region = RegionComponent(m, r);
  c.expertise = ExpertiseComponent(m, r);
  c.experience = ExperienceComponent(m);
  const double sum = w_language * c.language + w_region * c.region + w_expertise * c.expertise +
                     w_experience * c.experience;
  c.score = RoundTo6Decimals(sum);
  s.id = IdOf(m);
  s.network = m.network();
  return s;
}

bool RanksBefore(const Scored& a, const Scored& b) {
  if (a.candidate.score != b.candidate.score) return a.candidate.score > b.candidate.score;
  if (a.candidate.years != b.candidate.years) return a.candidate.years > b.candidate.years;
  if (a.id != b.id) return a.id < b.id;
  return a.network < b.network;
}

// ---------------------------------------------------------------------------------------------------
// Random inputs.

const std::vector<std::string> kNetworkPool = {"nordic", "femwise-africa", "mediterranean",
                                               "arab-women"};
const std::vector<std::string> kLanguages = {"ar", "en", "fr", "sw", "am"};
// Her regions: countries of Northern, Eastern and Western Africa and of Northern and Western
// Europe, the areas above them, and two groupings that ICU gives no container (419, 202).
const std::vector<std::string> kRegions = {"SD",  "EG",  "LY",  "KE",  "ET",  "NG",  "FR",
                                           "NO",  "SE",  "SS",  "015", "002", "014", "150",
                                           "001", "154", "419", "202", "AQ"};
// Process countries: the same countries, plus two whose chains reach places nobody lists (MX -> 013
// -> 019, AQ -> QO -> 009).
const std::vector<std::string> kCountries = {"SD", "EG", "LY", "KE", "ET", "NG",
                                             "FR", "NO", "SE", "SS", "MX", "AQ"};
const std::vector<std::string> kExpertise = {"ceasefire-security-arrangements",
                                             "power-sharing",
                                             "transitional-justice",
                                             "crsv",
                                             "humanitarian-access",
                                             "gender-inclusion"};
const std::vector<std::string> kRoles = {"mediator", "facilitator", "adviser"};
const std::vector<std::string> kNationalities = {"SD", "KE", "NO", "FR", "EG", "SE"};
const std::vector<std::string> kGivenNames = {"Amira", "Ingrid", "Fatima",
                                              "Aisha", "Sofia",  "Leila"};
// Days after 2027-01-01 that every period and window starts or ends on: month edges (30 = Jan 31,
// 31 = Feb 1, 58 = Feb 28, 59 = Mar 1), eight days in a row (every day of the week, so that windows
// end just before or on a period's week edge), far days for periods over a year, and days around
// 1970-01-01 (-20819), where day numbers turn negative.
const std::vector<int> kDayOffsets = {-20826, -20820, -20819, -20813, -400, -30, 0,  9,  10,
                                      11,     12,     13,     14,     15,   16,  30, 31, 45,
                                      58,     59,     60,     61,     90,   365, 800};

int Uniform(std::mt19937_64& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}

bool Chance(std::mt19937_64& rng, double p) { return std::bernoulli_distribution(p)(rng); }

template <typename T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& values) {
  return values[static_cast<size_t>(Uniform(rng, 0, static_cast<int>(values.size()) - 1))];
}

std::vector<std::string> Subset(std::mt19937_64& rng, std::vector<std::string> pool, int max_size) {
  std::shuffle(pool.begin(), pool.end(), rng);
  pool.resize(
      static_cast<size_t>(Uniform(rng, 0, std::min<int>(max_size, static_cast<int>(pool.size())))));
  return pool;
}

template <typename Field>
void Assign(const std::vector<std::string>& values, Field* field) {
  for (const std::string& v : values) *field->Add() = v;
}

std::string DayText(int offset) {
  return absl::FormatCivilTime(absl::CivilDay(2027, 1, 1) + offset);
}

void RandomDateRange(std::mt19937_64& rng, wps::type::DateRange* range) {
  int a = Pick(rng, kDayOffsets), b = Pick(rng, kDayOffsets);
  if (a > b) std::swap(a, b);
  range->set_start(DayText(a));
  range->set_end(DayText(b));
}

roster::v1::Availability RandomAvailability(std::mt19937_64& rng) {
  const int draw = Uniform(rng, 0, 19);
  if (draw < 11) return roster::v1::AVAILABLE;
  if (draw < 15) return roster::v1::LIMITED;
  if (draw < 19) return roster::v1::UNAVAILABLE;
  return roster::v1::AVAILABILITY_UNSPECIFIED;
}

int RandomYears(std::mt19937_64& rng) {
  static const std::vector<int> kCommon = {5, 10, 29, 30, 31, 35, 40};
  return Chance(rng, 0.5) ? Pick(rng, kCommon) : Uniform(rng, 0, 40);
}

// Mostly plain weights; some with six decimals (0.123457), whose sums land on or next to a tie at
// the seventh decimal; some dyadic (0.03125), whose sums can be exact ties.
double RandomWeight(std::mt19937_64& rng) {
  static const std::vector<double> kWeights = {0, 0, 0.1, 0.25, 0.3, 0.5, 1, 2};
  static const std::vector<double> kDyadic = {0.0078125, 0.015625, 0.03125, 0.0625};
  const int draw = Uniform(rng, 0, 19);
  if (draw < 3) return Uniform(rng, 0, 1000) / 1000.0;
  if (draw < 7) return Uniform(rng, 0, 999999) / 1e6;
  if (draw < 9) return Pick(rng, kDyadic);
  return Pick(rng, kWeights);
}

void RandomNetworkFilter(std::mt19937_64& rng, const std::vector<std::string>& networks,
                         v1::ShortlistRequest& r) {
  std::vector<std::string> chosen = Subset(rng, networks, 2);
  if (chosen.empty() || Chance(rng, 0.15)) chosen.push_back("nobody");
  for (const std::string& id : chosen) {
    r.add_networks(Chance(rng, 0.5) ? id : "networks/" + id);
    if (Chance(rng, 0.1))
      r.add_networks("networks/" + id);  // the same network twice, both spellings
  }
}

int RandomCount(std::mt19937_64& rng) {
  const int draw = Uniform(rng, 0, 9);
  if (draw == 0) return 0;  // the default, 10
  if (draw < 7) return Uniform(rng, 1, 15);
  return Uniform(rng, 1, 100);
}

}  // namespace

double RoundTo6Decimals(double value) {
  if (!std::isfinite(value)) return value;
  const double scaled =
      std::fabs(value) * 1e6;  // in binary64, as the reading documented in the header
  const double whole = std::floor(scaled);
  const double fraction = scaled - whole;                      // exact
  const double rounded = fraction >= 0.5 ? whole + 1 : whole;  // a half goes away from zero
  return std::copysign(rounded / 1e6, value);
}

OracleRanking BruteForceRanking(const std::vector<Mediator>& roster,
                                const v1::ShortlistRequest& request) {
  std::vector<Scored> kept;
  for (const Mediator& m : roster) {
    if (PassesHardFilters(m, request)) kept.push_back(ScoreOf(m, request));
  }
  std::sort(kept.begin(), kept.end(), RanksBefore);
  OracleRanking ranking;
  ranking.total_matched = kept.size();
  const int count = request.count() == 0 ? 10 : request.count();
  std::map<std::string, int> taken_in_network;
  for (const Scored& s : kept) {
    if (static_cast<int>(ranking.candidates.size()) >= count) break;
    if (request.max_per_network() > 0 && taken_in_network[s.network] >= request.max_per_network())
      continue;
    ++taken_in_network[s.network];
    ranking.candidates.push_back(s.candidate);
  }
  return ranking;
}

std::string Describe(const OracleRanking& ranking) {
  std::string out = absl::StrCat("  total_matched ", ranking.total_matched, "\n");
  char line[512];
  for (size_t i = 0; i < ranking.candidates.size(); ++i) {
    const OracleCandidate& c = ranking.candidates[i];
    std::snprintf(
        line, sizeof(line), "  %2zu %-45s score %.17g (L %.17g R %.17g X %.17g E %.17g) years %d\n",
        i, c.name.c_str(), c.score, c.language, c.region, c.expertise, c.experience, c.years);
    out += line;
  }
  return out;
}

std::string CompareRankings(const OracleRanking& expected, const OracleRanking& actual) {
  std::string first;
  if (expected.total_matched != actual.total_matched) {
    first = absl::StrCat("total_matched: expected ", expected.total_matched, ", got ",
                         actual.total_matched);
  } else {
    const size_t n = std::min(expected.candidates.size(), actual.candidates.size());
    for (size_t i = 0; i < n && first.empty(); ++i) {
      if (!(expected.candidates[i] == actual.candidates[i])) {
        first = absl::StrCat("candidate ", i, ": expected ", expected.candidates[i].name, ", got ",
                             actual.candidates[i].name, " (or the same name with other figures)");
      }
    }
    if (first.empty() && expected.candidates.size() != actual.candidates.size()) {
      first = absl::StrCat("expected ", expected.candidates.size(), " candidates, got ",
                           actual.candidates.size());
    }
  }
  if (first.empty()) return "";
  return absl::StrCat(first, "\nexpected (brute force):\n", Describe(expected), "actual:\n",
                      Describe(actual));
}

std::vector<std::string> RandomNetworks(std::mt19937_64& rng) {
  std::vector<std::string> networks = kNetworkPool;
  std::shuffle(networks.begin(), networks.end(), rng);
  networks.resize(Chance(rng, 0.5) ? 3 : 4);
  return networks;
}

Mediator RandomRecord(std::mt19937_64& rng, const std::string& network, const std::string& id) {
  Mediator m;
  m.set_name(absl::StrCat("networks/", network, "/mediators/", id));
  m.set_network(network);
  m.set_given_name(Pick(rng, kGivenNames));
  m.set_family_name("Tester");
  Assign(Subset(rng, kNationalities, 2), m.mutable_nationalities());
  for (const std::string& code : Subset(rng, kLanguages, 3)) {
    auto* skill = m.add_languages();
    skill->set_code(code);
    skill->set_level(static_cast<wps::type::LanguageLevel>(Uniform(rng, 1, 7)));
  }
  Assign(Subset(rng, kRegions, 3), m.mutable_regions());
  Assign(Subset(rng, kExpertise, 4), m.mutable_expertise());
  Assign(Subset(rng, kRoles, 2), m.mutable_roles());
  m.set_years_experience(RandomYears(rng));
  m.set_availability(RandomAvailability(rng));
  static const std::vector<int> kPeriodCounts = {0, 0, 0, 1, 1, 2};
  for (int i = Pick(rng, kPeriodCounts); i > 0; --i)
    RandomDateRange(rng, m.add_unavailable_periods());
  m.mutable_contact()->set_email(absl::StrCat(id, "@", network, ".example.org"));
  m.mutable_consent()->set_contact_release(Chance(rng, 0.5));
  return m;
}

std::vector<Mediator> RandomRoster(std::mt19937_64& rng, int size,
                                   const std::vector<std::string>& networks) {
  std::vector<Mediator> roster;
  std::set<std::string> names;
  const int ids = std::max(3, size / 2);
  while (static_cast<int>(roster.size()) < size) {
    const std::string& network = Pick(rng, networks);
    const std::string id = absl::StrCat("m", Uniform(rng, 0, ids - 1));
    if (!names.insert(absl::StrCat(network, "/", id)).second) continue;
    roster.push_back(RandomRecord(rng, network, id));
    if (Chance(rng, 0.1)) roster.back().mutable_delete_time()->set_seconds(1800000000);
  }
  return roster;
}

v1::ShortlistRequest RandomRequest(std::mt19937_64& rng, const std::vector<std::string>& networks) {
  v1::ShortlistRequest r;
  Assign(Subset(rng, kCountries, 3), r.mutable_process_countries());
  if (Chance(rng, 0.3)) {
    for (const std::string& code : Subset(rng, kLanguages, 2)) {
      auto* required = r.add_required_languages();
      required->set_code(code);
      required->set_min_level(static_cast<wps::type::LanguageLevel>(Uniform(rng, 0, 7)));
    }
  }
  Assign(Subset(rng, kLanguages, 4), r.mutable_preferred_languages());
  if (Chance(rng, 0.25)) Assign(Subset(rng, kExpertise, 2), r.mutable_required_expertise());
  Assign(Subset(rng, kExpertise, 4), r.mutable_preferred_expertise());
  if (Chance(rng, 0.3)) r.set_role(Pick(rng, kRoles));
  if (Chance(rng, 0.3)) Assign(Subset(rng, kNationalities, 2), r.mutable_exclude_nationalities());
  if (Chance(rng, 0.4)) RandomDateRange(rng, r.mutable_window());
  r.set_max_per_network(Chance(rng, 0.5) ? 0 : Uniform(rng, 1, 3));
  if (Chance(rng, 0.25)) RandomNetworkFilter(rng, networks, r);
  r.set_count(RandomCount(rng));
  if (Chance(rng, 0.5)) {
    auto* w = r.mutable_weights();  // set, even when all four stay 0
    if (!Chance(rng, 0.1)) {
      w->set_language(RandomWeight(rng));
      w->set_region(RandomWeight(rng));
      w->set_expertise(RandomWeight(rng));
      w->set_experience(RandomWeight(rng));
    }
  }
  return r;
}

}  // namespace wps::matching::oracle
