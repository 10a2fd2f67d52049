// PostgresRoster against the C++ ranking: the same generated roster loaded into PostgreSQL 15 and into a
// MediatorIndex must give identical shortlists (names, scores to the bit, total_matched) for varied
// queries. Skipped where the PostgreSQL server is not installed.
#include "bench/postgres_roster.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/sample/sample_roster.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/vocabularies.h"
#include "services/matching/shortlist_ranking.h"
#include "services/search/mediator_index.h"
#include "tests/testing/status_matchers.h"

namespace wps::bench {
namespace {

using matching::RankingQuery;
using roster::v1::Mediator;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

constexpr int kRecords = 2000;
constexpr uint64_t kSeed = 20270301;

int32_t Day2027(int day_of_year) {
  int32_t day = 0;
  search::ParseDay("2027-01-01", &day);
  return day + day_of_year;
}

// Generated records, every 40th soft-deleted, plus twins that tie on everything but the network and
// veterans past the 30-year cap, so the tie-breaks of the rule are exercised.
std::vector<Mediator> Roster() {
  sample::SampleRosterGenerator generator(kSeed);
  std::vector<Mediator> roster;
  for (int i = 0; i < kRecords; ++i) {
    Mediator m = generator.Next();
    if (i % 40 == 7) m.mutable_delete_time()->set_seconds(1800000000);
    roster.push_back(std::move(m));
  }
  Mediator twin = roster[0];
  twin.clear_delete_time();
  twin.set_years_experience(35);
  twin.clear_unavailable_periods();
  twin.set_availability(roster::v1::AVAILABLE);
  for (const char* network : {"wmc", "mwmn", "nordic"}) {
    twin.set_name(absl::StrCat("networks/", network, "/mediators/zz-twin"));
    twin.set_network(network);
    roster.push_back(twin);
  }
  twin.set_name("networks/nordic/mediators/zz-veteran");
  twin.set_network("nordic");
  twin.set_years_experience(40);
  roster.push_back(twin);
  return roster;
}

// The codes the roster uses, to draw queries from.
struct Vocabulary {
  std::vector<std::string> countries, languages, nationalities, networks;
  std::vector<std::string> expertise, roles;
};

Vocabulary VocabularyOf(const std::vector<Mediator>& roster) {
  std::set<std::string> countries, languages, nationalities, networks;
  for (const Mediator& m : roster) {
    for (const std::string& region : m.regions()) {
      if (vocab::IsCountryCode(region)) countries.insert(region);
    }
    for (const auto& skill : m.languages()) languages.insert(skill.code());
    for (const std::string& code : m.nationalities()) nationalities.insert(code);
    networks.insert(m.network());
  }
  Vocabulary v;
  v.countries.assign(countries.begin(), countries.end());
  v.languages.assign(languages.begin(), languages.end());
  v.nationalities.assign(nationalities.begin(), nationalities.end());
  v.networks.assign(networks.begin(), networks.end());
  for (absl::string_view term : vocab::ExpertiseTerms()) v.expertise.emplace_back(term);
  for (absl::string_view term : vocab::RoleTerms()) v.roles.emplace_back(term);
  return v;
}

// Up to `max` distinct values of `pool`.
std::vector<std::string> Draw(std::mt19937_64& random, const std::vector<std::string>& pool, int max) {
  const int n = std::uniform_int_distribution<int>(0, max)(random);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const std::string& value = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(random)];
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
  return out;
}

bool Chance(std::mt19937_64& random, double p) { return std::bernoulli_distribution(p)(random); }

RankingQuery RandomQuery(std::mt19937_64& random, const Vocabulary& v) {
  RankingQuery q;
  q.process_countries = Draw(random, v.countries, 3);
  if (Chance(random, 0.3)) {
    for (const std::string& code : Draw(random, v.languages, 2)) {
      q.required_languages.emplace_back(code, std::uniform_int_distribution<int>(1, 7)(random));
    }
  }
  q.preferred_languages = Draw(random, v.languages, 3);
  if (Chance(random, 0.25)) q.required_expertise = Draw(random, v.expertise, 2);
  q.preferred_expertise = Draw(random, v.expertise, 4);
  if (Chance(random, 0.3)) q.role = v.roles[random() % v.roles.size()];
  if (Chance(random, 0.3)) q.exclude_nationalities = Draw(random, v.nationalities, 3);
  if (Chance(random, 0.3)) {
    const int start = std::uniform_int_distribution<int>(0, 364)(random);
    q.window = std::make_pair(Day2027(start), Day2027(start + std::uniform_int_distribution<int>(0, 90)(random)));
  }
  if (Chance(random, 0.3)) q.max_per_network = std::uniform_int_distribution<int>(1, 3)(random);
  if (Chance(random, 0.2)) q.networks = Draw(random, v.networks, 3);
  const int counts[] = {1, 5, 10, 25, 100};
  q.count = counts[random() % std::size(counts)];
  if (Chance(random, 0.3)) {
    const double values[] = {0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 1, 1.0 / 3, 2.5};
    q.weights = {values[random() % 10], values[random() % 10], values[random() % 10], values[random() % 10]};
  }
  return q;
}

// Hand-picked queries: broad, selective, empty, tie-heavy, and weights that put scores on exact halves
// of the sixth decimal (where half-to-even and half-away-from-zero differ).
std::vector<std::pair<std::string, RankingQuery>> NamedQueries(const Vocabulary& v) {
  std::vector<std::pair<std::string, RankingQuery>> queries;
  queries.emplace_back("broad default", RankingQuery{});
  RankingQuery q;
  q.count = 100;
  queries.emplace_back("broad 100", q);
  q = RankingQuery{};
  q.process_countries = {"SD"};
  q.preferred_languages = {"ar", "en"};
  q.preferred_expertise = {"ceasefire-security-arrangements", "power-sharing"};
  q.count = 20;
  queries.emplace_back("Sudan process", q);
  q.max_per_network = 1;
  queries.emplace_back("Sudan process, 1 per network", q);
  q.max_per_network = 2;
  q.count = 100;
  queries.emplace_back("Sudan process, 2 per network", q);
  q = RankingQuery{};
  q.process_countries = {"NO", "CO", "PH"};
  q.preferred_languages = {"es", "en", "tl", "no"};
  q.preferred_expertise = {"gender-inclusion", "process-design", "dialogue-facilitation"};
  q.count = 100;
  queries.emplace_back("three continents", q);
  q = RankingQuery{};
  q.weights = {0, 0, 0, 0};
  q.count = 100;
  queries.emplace_back("all weights zero: years, id, network decide", q);
  q.weights = {0, 0, 0, 4.5e-5};
  queries.emplace_back("experience only, halves of 1e-6", q);
  q.weights = {1.5e-6, 3e-6, 4.5e-6, 0};
  q.preferred_languages = {"en", "fr"};
  q.process_countries = {"KE"};
  q.preferred_expertise = {"land", "elections", "ddr"};
  queries.emplace_back("tiny weights, halves of 1e-6", q);
  q = RankingQuery{};
  q.required_languages = {{"ar", 5}};
  q.role = "mediator";
  q.count = 25;
  queries.emplace_back("Arabic C1 mediators", q);
  q = RankingQuery{};
  q.required_expertise = {"power-sharing", "constitution-making"};
  q.exclude_nationalities = {"NO", "SE", "KE"};
  q.networks = {"nordic", "femwise-africa", "mwmn"};
  queries.emplace_back("required expertise, exclusions, networks", q);
  q = RankingQuery{};
  q.window = std::make_pair(Day2027(60), Day2027(150));
  q.process_countries = {"YE"};
  q.count = 100;
  queries.emplace_back("spring 2027 window", q);
  q = RankingQuery{};
  q.count = 0;
  q.process_countries = {"SD"};
  queries.emplace_back("count 0: total only", q);
  q = RankingQuery{};
  q.required_languages = {{"is", 7}, {"zu", 7}};
  queries.emplace_back("nobody matches", q);
  q = RankingQuery{};
  q.networks = {v.networks.front()};
  q.max_per_network = 3;
  queries.emplace_back("one network, max 3", q);
  return queries;
}

std::string Describe(const RankingQuery& q) {
  std::vector<std::string> required;
  for (const auto& [code, level] : q.required_languages) required.push_back(absl::StrCat(code, ">=", level));
  return absl::StrFormat(
      "countries=[%s] required_languages=[%s] preferred_languages=[%s] required_expertise=[%s] "
      "preferred_expertise=[%s] role=%s exclude=[%s] window=%s max_per_network=%d networks=[%s] count=%d "
      "weights=%.17g/%.17g/%.17g/%.17g",
      absl::StrJoin(q.process_countries, ","), absl::StrJoin(required, ","),
      absl::StrJoin(q.preferred_languages, ","), absl::StrJoin(q.required_expertise, ","),
      absl::StrJoin(q.preferred_expertise, ","), q.role, absl::StrJoin(q.exclude_nationalities, ","),
      q.window ? absl::StrCat(q.window->first, "..", q.window->second) : "-", q.max_per_network,
      absl::StrJoin(q.networks, ","), q.count, q.weights.language, q.weights.region, q.weights.expertise,
      q.weights.experience);
}

std::vector<std::pair<std::string, double>> CandidatesOf(const matching::Ranking& ranking) {
  std::vector<std::pair<std::string, double>> out;
  for (const matching::RankedCandidate& c : ranking.candidates) out.emplace_back(c.name, c.score);
  return out;
}

class PostgresRosterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<PostgresRoster>> started = PostgresRoster::Start();
    if (!started.ok()) {
      start_status_ = new absl::Status(started.status());
      return;
    }
    roster_ = started->release();
    records_ = new std::vector<Mediator>(Roster());
    load_status_ = new absl::Status(roster_->Load(*records_));
    index_ = new search::MediatorIndex();
    index_->Write([](search::MediatorIndex& index) {
      for (const Mediator& m : *records_) index.Upsert(m, 1);
    });
  }

  static void TearDownTestSuite() {
    delete roster_;  // stops the cluster
    delete index_;
    delete records_;
    delete load_status_;
    delete start_status_;
    roster_ = nullptr;
    index_ = nullptr;
    records_ = nullptr;
    load_status_ = nullptr;
    start_status_ = nullptr;
  }

  void SetUp() override {
    if (start_status_ != nullptr && start_status_->code() == absl::StatusCode::kFailedPrecondition) {
      GTEST_SKIP() << *start_status_;
    }
    ASSERT_EQ(start_status_, nullptr) << *start_status_;
    ASSERT_OK(*load_status_);
  }

  // Both sides' answers for `query`, compared in full.
  void ExpectSameShortlist(const std::string& label, const RankingQuery& query) {
    SCOPED_TRACE(absl::StrCat(label, ": ", Describe(query)));
    const matching::Ranking expected =
        index_->Read([&](const search::MediatorIndex& index) { return matching::RankCandidates(index, query); });
    ASSERT_OK_AND_ASSIGN(const PostgresShortlist actual, roster_->Shortlist(query));
    EXPECT_EQ(actual.total_matched, static_cast<int64_t>(expected.total_matched));
    const auto expected_candidates = CandidatesOf(expected);
    ASSERT_EQ(actual.candidates.size(), expected_candidates.size());
    for (size_t i = 0; i < expected_candidates.size(); ++i) {
      EXPECT_EQ(actual.candidates[i].first, expected_candidates[i].first) << "position " << i;
      EXPECT_EQ(actual.candidates[i].second, expected_candidates[i].second)
          << absl::StrFormat("position %d: %.17g vs %.17g", i, actual.candidates[i].second,
                             expected_candidates[i].second);
    }
  }

  static PostgresRoster* roster_;
  static search::MediatorIndex* index_;
  static std::vector<Mediator>* records_;
  static absl::Status* load_status_;
  static absl::Status* start_status_;
};

PostgresRoster* PostgresRosterTest::roster_ = nullptr;
search::MediatorIndex* PostgresRosterTest::index_ = nullptr;
std::vector<Mediator>* PostgresRosterTest::records_ = nullptr;
absl::Status* PostgresRosterTest::load_status_ = nullptr;
absl::Status* PostgresRosterTest::start_status_ = nullptr;

TEST_F(PostgresRosterTest, LoadsOnlyLiveRecords) {
  const auto live = std::count_if(records_->begin(), records_->end(),
                                  [](const Mediator& m) { return !m.has_delete_time(); });
  ASSERT_OK_AND_ASSIGN(const std::vector<std::string> rows, roster_->Execute("SELECT count(*) FROM mediators"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], absl::StrCat(live));
  EXPECT_LT(live, static_cast<int64_t>(records_->size()));
}

TEST_F(PostgresRosterTest, NamedQueriesMatchTheCppRanking) {
  const Vocabulary vocabulary = VocabularyOf(*records_);
  for (const auto& [label, query] : NamedQueries(vocabulary)) ExpectSameShortlist(label, query);
}

TEST_F(PostgresRosterTest, RandomQueriesMatchTheCppRanking) {
  const Vocabulary vocabulary = VocabularyOf(*records_);
  std::mt19937_64 random(kSeed);
  for (int i = 0; i < 40; ++i) ExpectSameShortlist(absl::StrCat("random #", i), RandomQuery(random, vocabulary));
}

TEST_F(PostgresRosterTest, TiesAreBrokenByYearsThenIdThenNetwork) {
  RankingQuery query;
  query.weights = {0, 0, 0, 0};  // every score 0: the order is the tie-breaks alone
  query.networks = {"mwmn", "nordic", "wmc"};
  query.count = 4;
  ASSERT_OK_AND_ASSIGN(const PostgresShortlist shortlist, roster_->Shortlist(query));
  ASSERT_GE(shortlist.candidates.size(), 4u);
  EXPECT_EQ(shortlist.candidates[0].first, "networks/nordic/mediators/zz-veteran");  // 40 years
  EXPECT_EQ(shortlist.candidates[0].second, 0.0);
}

TEST(PostgresRosterStatementTest, HoldsOnlyTheClausesUsed) {
  RankingQuery query;
  PostgresRoster::Statement broad = PostgresRoster::ShortlistStatement(query);
  EXPECT_THAT(broad.sql, ::testing::Not(HasSubstr("rank_in_network")));
  EXPECT_THAT(broad.sql, ::testing::Not(HasSubstr("daterange")));
  query.max_per_network = 2;
  query.window = std::make_pair(Day2027(0), Day2027(10));
  PostgresRoster::Statement narrow = PostgresRoster::ShortlistStatement(query);
  EXPECT_THAT(narrow.sql, HasSubstr("rank_in_network <="));
  EXPECT_THAT(narrow.sql, HasSubstr("daterange("));
  EXPECT_THAT(narrow.params, ::testing::Contains("2027-01-01"));
}

TEST_F(PostgresRosterTest, LoadRejectsAMalformedNameAndKeepsTheTable) {
  Mediator bad = records_->front();
  bad.clear_delete_time();
  bad.set_name("mediators/nobody");
  EXPECT_THAT(roster_->Load({bad}), StatusIs(absl::StatusCode::kInvalidArgument));
  // The failed load rolled back: the earlier table is intact.
  ExpectSameShortlist("after a failed load", RankingQuery{});
}

TEST(PostgresRosterLifecycleTest, DestructorStopsTheClusterAndRemovesItsDirectory) {
  absl::StatusOr<std::unique_ptr<PostgresRoster>> started = PostgresRoster::Start();
  if (started.status().code() == absl::StatusCode::kFailedPrecondition) GTEST_SKIP() << started.status();
  ASSERT_OK(started.status());
  const std::string dir = (*started)->dir();
  EXPECT_TRUE(std::filesystem::exists(dir + "/data/postmaster.pid"));
  started->reset();
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace wps::bench
