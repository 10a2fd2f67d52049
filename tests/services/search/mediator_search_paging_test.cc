// MediatorSearch facet counts and total_size against a brute-force evaluation over a random roster,
// paging order and tokens, and paging while another thread writes.
#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/vocabularies.h"
#include "services/search/mediator_search.h"
#include "services/search/text_folding.h"
#include "tests/services/search/search_fixture.h"

namespace wps::search {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::wps::testing::StatusIs;

const std::vector<std::string> kNetworkIds = {"nordic", "femwise-africa", "arab-women-mediators"};
const std::vector<std::string> kGivenNames = {"Amina", "Ingrid", "Layla", "Sofia", "Mai", "Olga",
                                              "Zainab", "Élodie", "Grace", "Hanna", "Fatou", "Nadia"};
const std::vector<std::string> kFamilyNames = {"Bello", "Lund", "Haddad", "Restrepo", "Nguyen", "Shevchenko",
                                               "Osman", "Dupré", "Mwangi", "Aalto", "Diallo", "Karimi"};
// Some share their first letters with given names, so that one query word finds names and bios.
const std::vector<std::string> kBioWords = {"ceasefire", "dialogue", "elections",     "land",       "justice",
                                            "women",     "youth",    "climate",       "négociation", "refugees",
                                            "amicable",  "integral", "mainstreaming", "grassroots", "hands-on"};
const std::vector<std::string> kLanguageCodes = {"ar", "en", "fr", "es", "sw", "ha", "ru"};
const std::vector<std::string> kRegionCodes = {"SD", "EG", "KE", "NG", "CO", "UA", "YE", "LY",
                                               "015", "014", "002", "419", "145"};
const std::vector<std::string> kExpertiseTerms = {"ceasefire-security-arrangements", "power-sharing", "elections",
                                                  "land", "transitional-justice", "crsv", "ddr",
                                                  "gender-inclusion"};
const std::vector<std::string> kRoleTerms = {"mediator",       "facilitator", "adviser",        "gender-adviser",
                                             "process-designer", "trainer",   "technical-expert"};
const std::vector<std::string> kFacets = {"languages", "countries_or_regions", "expertise",
                                          "roles",     "networks",             "availability"};

// A few distinct elements of `from`, at least `min` and at most `max`.
std::vector<std::string> Pick(std::mt19937& rng, const std::vector<std::string>& from, int min, int max) {
  std::vector<std::string> pool = from;
  std::shuffle(pool.begin(), pool.end(), rng);
  pool.resize(std::uniform_int_distribution<int>(min, max)(rng));
  return pool;
}

rv1::Mediator RandomRecord(std::mt19937& rng, int i) {
  const std::string network = kNetworkIds[rng() % kNetworkIds.size()];
  rv1::Mediator m = Person(kGivenNames[rng() % kGivenNames.size()], kFamilyNames[rng() % kFamilyNames.size()],
                           absl::StrJoin(Pick(rng, kBioWords, 0, 3), " "));
  // Ids in an order unrelated to creation, so that records of one network interleave.
  const std::string letters = {static_cast<char>('a' + rng() % 26), static_cast<char>('a' + rng() % 26)};
  m.set_name(absl::StrCat("networks/", network, "/mediators/", letters, "-", i));
  for (const std::string& code : Pick(rng, kLanguageCodes, 1, 3)) {
    AddLanguage(m, code, static_cast<type::LanguageLevel>(1 + rng() % 7));
  }
  for (const std::string& code : Pick(rng, kRegionCodes, 0, 2)) m.add_regions(code);
  for (const std::string& term : Pick(rng, kExpertiseTerms, 0, 3)) m.add_expertise(term);
  for (const std::string& term : Pick(rng, kRoleTerms, 1, 2)) m.add_roles(term);
  m.set_availability(static_cast<rv1::Availability>(1 + rng() % 3));
  m.set_years_experience(static_cast<int>(rng() % 40));
  m.set_network(network);
  m.set_origin_network(network);
  roster::Roster::FillDerivedFields(m);
  return m;
}

// SearchMediatorsRequest semantics evaluated record by record, without the index.
class BruteForce {
 public:
  explicit BruteForce(const rv1::SearchMediatorsRequest& request) : request_(request) {
    words_ = FoldedWords(request.query());
  }

  // Whether `m` passes every filter but `skip` (an index into kFacets, or -1) and the query.
  bool Matches(const rv1::Mediator& m, int skip = -1) const {
    return MatchesText(m) && (skip == 0 || MatchesLanguages(m)) &&
           (skip == 1 || AnyShared(request_.countries_or_regions(), RegionsWithin(m))) &&
           (skip == 2 || AnyShared(request_.expertise(), m.expertise())) &&
           (skip == 3 || AnyShared(request_.roles(), m.roles())) &&
           (skip == 4 || AnyShared(NetworkIds(), std::vector<std::string>{m.network()})) &&
           (skip == 5 || MatchesAvailability(m));
  }

  // 2 when the names match every query word, 0 when some word is found only in the bio. The tests keep
  // query words under 4 letters, where the index matches no skeletons.
  int Tier(const rv1::Mediator& m) const {
    const std::vector<std::string> names =
        FoldedWords(absl::StrCat(m.given_name(), " ", m.family_name(), " ", m.display_name()));
    for (const std::string& word : words_) {
      if (!AnyStartsWith(names, word)) return 0;
    }
    return 2;
  }

  // The values `m` has in facet `f` (an index into kFacets).
  static std::set<std::string> FacetValues(const rv1::Mediator& m, int f) {
    switch (f) {
      case 0: {
        std::set<std::string> codes;
        for (const auto& skill : m.languages()) codes.insert(skill.code());
        return codes;
      }
      case 1: return RegionsWithin(m);
      case 2: return {m.expertise().begin(), m.expertise().end()};
      case 3: return {m.roles().begin(), m.roles().end()};
      case 4: return {m.network()};
      default: return {rv1::Availability_Name(m.availability())};
    }
  }

 private:
  static bool AnyStartsWith(const std::vector<std::string>& words, const std::string& prefix) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return absl::StartsWith(w, prefix); });
  }

  bool MatchesText(const rv1::Mediator& m) const {
    const std::vector<std::string> names =
        FoldedWords(absl::StrCat(m.given_name(), " ", m.family_name(), " ", m.display_name()));
    const std::vector<std::string> bio = FoldedWords(m.bio());
    return std::all_of(words_.begin(), words_.end(), [&](const std::string& word) {
      return AnyStartsWith(names, word) || AnyStartsWith(bio, word);
    });
  }

  bool MatchesLanguages(const rv1::Mediator& m) const {
    for (const auto& requirement : request_.languages()) {
      const bool spoken = std::any_of(m.languages().begin(), m.languages().end(), [&](const auto& skill) {
        return skill.code() == requirement.code() && skill.level() >= requirement.min_level();
      });
      if (!spoken) return false;
    }
    return true;
  }

  bool MatchesAvailability(const rv1::Mediator& m) const {
    if (request_.availability().empty()) return true;
    return std::find(request_.availability().begin(), request_.availability().end(), m.availability()) !=
           request_.availability().end();
  }

  std::vector<std::string> NetworkIds() const {
    std::vector<std::string> ids;
    for (absl::string_view network : request_.networks()) {
      absl::ConsumePrefix(&network, "networks/");
      ids.emplace_back(network);
    }
    return ids;
  }

  // Her regions and every area containing one of them.
  static std::set<std::string> RegionsWithin(const rv1::Mediator& m) {
    std::set<std::string> codes;
    for (const std::string& region : m.regions()) {
      for (const std::string& code : vocab::ContainingAreas(region)) codes.insert(code);
    }
    return codes;
  }

  // True when `wanted` is empty (no filter) or shares a value with `has`.
  template <typename Wanted, typename Has>
  static bool AnyShared(const Wanted& wanted, const Has& has) {
    if (wanted.empty()) return true;
    for (const auto& value : wanted) {
      if (std::find(has.begin(), has.end(), value) != has.end()) return true;
    }
    return false;
  }

  const rv1::SearchMediatorsRequest& request_;
  std::vector<std::string> words_;
};

using FacetRows = std::vector<std::pair<std::string, int64_t>>;

FacetRows RowsOf(const rv1::FacetCount& count) {
  FacetRows rows;
  for (const rv1::FacetValue& value : count.values()) rows.emplace_back(value.value(), value.count());
  return rows;
}

class MediatorSearchPagingTest : public SearchFixture {
 protected:
  // Writes `count` random records in one transaction and keeps them in records_.
  void WriteRandomRoster(uint32_t seed, int count) {
    std::mt19937 rng(seed);
    std::vector<rv1::Mediator> batch;
    for (int i = 0; i < count; ++i) batch.push_back(RandomRecord(rng, i));
    records_ = batch;
    ASSERT_OK(roster_->mediators()
                  .UpsertAll(absl::MakeSpan(batch), [](const rv1::Mediator*, rv1::Mediator&) {})
                  .status());
  }

  rv1::SearchMediatorsRequest RandomRequest(std::mt19937& rng) {
    rv1::SearchMediatorsRequest request;
    auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    const int filter_percent = 35;
    if (chance(50)) {
      // One or two prefixes of at most 3 letters, from a name or a bio word.
      for (int i = 0, n = 1 + rng() % 2; i < n; ++i) {
        const std::vector<std::string>& source = chance(50) ? kGivenNames : kBioWords;
        const std::vector<std::string> words = FoldedWords(source[rng() % source.size()]);
        absl::StrAppend(request.mutable_query(), " ", words[0].substr(0, 1 + rng() % 3));
      }
    }
    if (chance(filter_percent)) {
      for (const std::string& code : Pick(rng, kLanguageCodes, 1, 2)) {
        auto* requirement = request.add_languages();
        requirement->set_code(code);
        requirement->set_min_level(static_cast<type::LanguageLevel>(rng() % 8));
      }
    }
    if (chance(filter_percent)) {
      for (const std::string& code : Pick(rng, kRegionCodes, 1, 2)) request.add_countries_or_regions(code);
    }
    if (chance(filter_percent)) {
      for (const std::string& term : Pick(rng, kExpertiseTerms, 1, 3)) request.add_expertise(term);
    }
    if (chance(filter_percent)) {
      for (const std::string& term : Pick(rng, kRoleTerms, 1, 3)) request.add_roles(term);
    }
    if (chance(filter_percent)) {
      for (const std::string& id : Pick(rng, kNetworkIds, 1, 2)) {
        request.add_networks(chance(50) ? id : absl::StrCat("networks/", id));
      }
    }
    if (chance(filter_percent)) request.add_availability(static_cast<rv1::Availability>(1 + rng() % 3));
    for (const std::string& facet : Pick(rng, kFacets, 0, 6)) request.add_facets(facet);
    return request;
  }

  // The names matching `request`, in the documented order (tier, then name).
  std::vector<std::string> ExpectedNames(const rv1::SearchMediatorsRequest& request) const {
    BruteForce brute(request);
    std::vector<std::pair<int, std::string>> keyed;
    for (const rv1::Mediator& m : records_) {
      if (brute.Matches(m)) keyed.emplace_back(-brute.Tier(m), m.name());
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> names;
    for (const auto& [tier, name] : keyed) names.push_back(name);
    return names;
  }

  FacetRows ExpectedFacet(const rv1::SearchMediatorsRequest& request, int f) const {
    BruteForce brute(request);
    std::map<std::string, int64_t> counts;
    for (const rv1::Mediator& m : records_) {
      if (!brute.Matches(m, f)) continue;
      for (const std::string& value : BruteForce::FacetValues(m, f)) ++counts[value];
    }
    FacetRows rows(counts.begin(), counts.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return rows;
  }

  // Every name of `request`'s results, paging by `page_size`; checks total_size on every page.
  std::vector<std::string> PageThrough(rv1::SearchMediatorsRequest request, int page_size, int64_t total) {
    std::vector<std::string> names;
    request.set_page_size(page_size);
    for (int pages = 0; pages < 2000; ++pages) {
      absl::StatusOr<rv1::SearchMediatorsResponse> page = Search(request);
      EXPECT_OK(page.status());
      if (!page.ok()) break;
      EXPECT_EQ(page->total_size(), total);
      EXPECT_LE(page->mediators_size(), page_size);
      for (const rv1::Mediator& m : page->mediators()) names.push_back(m.name());
      if (page->next_page_token().empty()) break;
      EXPECT_EQ(page->mediators_size(), page_size);
      request.set_page_token(page->next_page_token());
    }
    return names;
  }

  std::vector<rv1::Mediator> records_;
};

TEST_F(MediatorSearchPagingTest, FacetCountsAndTotalsMatchABruteForceCount) {
  WriteRandomRoster(20261107, 300);
  std::mt19937 rng(42);
  int narrowed = 0, mixed_tiers = 0;  // how many rounds test something beyond "all" or "none"
  for (int round = 0; round < 80; ++round) {
    const rv1::SearchMediatorsRequest request = RandomRequest(rng);
    SCOPED_TRACE(request.ShortDebugString());
    ASSERT_OK_AND_ASSIGN(rv1::SearchMediatorsResponse response, Search(request));
    const std::vector<std::string> expected = ExpectedNames(request);
    EXPECT_EQ(response.total_size(), static_cast<int64_t>(expected.size()));
    narrowed += !expected.empty() && expected.size() < records_.size();
    BruteForce brute(request);
    std::set<int> tiers;
    for (const rv1::Mediator& m : records_) {
      if (brute.Matches(m)) tiers.insert(brute.Tier(m));
    }
    mixed_tiers += tiers.size() > 1;

    std::vector<std::string> facets_asked;
    for (const std::string& facet : request.facets()) facets_asked.push_back(facet);
    std::vector<std::string> facets_returned;
    for (const rv1::FacetCount& count : response.facet_counts()) {
      facets_returned.push_back(count.facet());
      const auto f = std::find(kFacets.begin(), kFacets.end(), count.facet()) - kFacets.begin();
      ASSERT_LT(f, static_cast<long>(kFacets.size())) << count.facet();
      EXPECT_THAT(RowsOf(count), ElementsAreArray(ExpectedFacet(request, static_cast<int>(f)))) << count.facet();
    }
    EXPECT_EQ(facets_returned, facets_asked);

    const int page_size = 1 + static_cast<int>(rng() % 40);
    EXPECT_THAT(PageThrough(request, page_size, response.total_size()), ElementsAreArray(expected))
        << "page size " << page_size;
  }
  RecordProperty("narrowed_rounds", narrowed);
  RecordProperty("two_tier_rounds", mixed_tiers);
  EXPECT_GE(narrowed, 30);
  EXPECT_GE(mixed_tiers, 3);
}

TEST_F(MediatorSearchPagingTest, FacetCountsLeaveOutTheirOwnFilterOnly) {
  WriteRandomRoster(7, 200);
  rv1::SearchMediatorsRequest request;
  request.add_expertise("land");
  request.add_availability(rv1::AVAILABLE);
  for (const std::string& facet : kFacets) request.add_facets(facet);
  ASSERT_OK_AND_ASSIGN(rv1::SearchMediatorsResponse response, Search(request));
  ASSERT_EQ(response.facet_counts_size(), 6);
  // The expertise facet ignores the expertise filter: it counts more than "land" alone.
  const FacetRows expertise = RowsOf(response.facet_counts(2));
  EXPECT_GT(expertise.size(), 1u);
  // The networks facet applies it: one network per record, so its counts add up to total_size.
  int64_t networks_sum = 0;
  for (const auto& [value, count] : RowsOf(response.facet_counts(4))) networks_sum += count;
  EXPECT_EQ(networks_sum, response.total_size());
  for (const rv1::FacetCount& count : response.facet_counts()) {
    const FacetRows rows = RowsOf(count);
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    })) << count.facet();
    for (const auto& [value, n] : rows) EXPECT_GT(n, 0) << count.facet() << " " << value;
  }
}

class MediatorSearchOrderTest : public SearchFixture {
 protected:
  void SetUp() override {
    SearchFixture::SetUp();
    MustCreate("moh-b", Person("Amal", "Mohammed"));
    MustCreate("moh-a", Person("Sara", "Mohammed"));
    MustCreate("moh-c", Person("Fatima", "Mohammed"), "femwise-africa");
    MustCreate("muh-b", Person("Nadia", "Muhammad"));
    MustCreate("muh-a", Person("فاطمة", "محمد"), "arab-women-mediators");
    MustCreate("bio-b", Person("Grace", "Mwangi", "Worked with Mohammed on dialogue."));
    MustCreate("bio-a", Person("Hanna", "Aalto", "Co-mediated with Amal Mohammed."), "femwise-africa");
    MustCreate("other", Person("Olga", "Shevchenko", "Nothing to see."));
  }

  // The documented order for "mohammed": names by prefix, then names by skeleton, then the bio; each
  // by name.
  const std::vector<std::string> kMohammedOrder = {
      "moh-c", "moh-a", "moh-b",  // femwise-africa, then nordic
      "muh-a", "muh-b",           // arab-women-mediators, then nordic
      "bio-a", "bio-b",
  };

  std::vector<std::string> PagedIds(const std::string& query, int page_size) {
    rv1::SearchMediatorsRequest request;
    request.set_query(query);
    return SearchAllIds(request, page_size);
  }
};

TEST_F(MediatorSearchOrderTest, PagesFollowTierThenNameWithEachRecordOnce) {
  for (int page_size : {1, 2, 3, 7, 50}) {
    EXPECT_THAT(PagedIds("mohammed", page_size), ElementsAreArray(kMohammedOrder)) << page_size;
  }
  // Many unrelated records make the result sparse, which pages by sorting instead of walking names.
  for (int i = 0; i < 150; ++i) MustCreate(absl::StrCat("filler-", i), Person("Olga", absl::StrCat("Filler", i)));
  for (int page_size : {1, 2, 3, 7, 50}) {
    EXPECT_THAT(PagedIds("mohammed", page_size), ElementsAreArray(kMohammedOrder)) << page_size;
  }
  EXPECT_EQ(PagedIds("", 13).size(), 158u);
  const std::vector<std::string> everyone = PagedIds("", 13);
  EXPECT_EQ(std::set<std::string>(everyone.begin(), everyone.end()).size(), everyone.size());
}

TEST_F(MediatorSearchOrderTest, APageTokenOnlyFitsItsOwnRequest) {
  rv1::SearchMediatorsRequest request;
  request.set_query("mohammed");
  request.set_page_size(2);
  ASSERT_OK_AND_ASSIGN(rv1::SearchMediatorsResponse first, Search(request));
  ASSERT_FALSE(first.next_page_token().empty());
  EXPECT_EQ(first.total_size(), 7);

  rv1::SearchMediatorsRequest same = request;
  same.set_page_token(first.next_page_token());
  same.set_page_size(3);  // the page size may change
  ASSERT_OK_AND_ASSIGN(rv1::SearchMediatorsResponse second, Search(same));
  EXPECT_THAT(IdsOf(second), ElementsAre("moh-b", "muh-a", "muh-b"));

  std::vector<rv1::SearchMediatorsRequest> others(4, same);
  others[0].add_expertise("land");
  others[1].set_query("mohamme");
  others[2].add_networks("nordic");
  others[3].add_availability(rv1::AVAILABLE);
  for (const rv1::SearchMediatorsRequest& other : others) {
    EXPECT_THAT(Search(other), StatusIs(absl::StatusCode::kInvalidArgument)) << other.ShortDebugString();
  }
}

// Records that stay unchanged while another thread creates, updates and deletes others.
class MediatorSearchConcurrencyTest : public MediatorSearchPagingTest {
 protected:
  // Write `i` of the writer thread: creates a record (a trainer half the time, its name anywhere in the
  // order), or changes the role and bio of a record of `churn`, or deletes or undeletes one.
  void WriteOne(std::mt19937& rng, int i, const std::vector<std::string>& churn) {
    const std::string& target = churn[rng() % churn.size()];
    if (i % 3 == 0) {
      rv1::Mediator m = RandomRecord(rng, 10000 + i);
      m.clear_roles();
      m.add_roles(i % 2 ? "trainer" : "adviser");
      const std::string network = m.network(), id = IdOf(m.name());
      m.clear_name();
      m.clear_network();
      m.clear_origin_network();
      EXPECT_OK(Create(id, m, network).status());
    } else if (i % 3 == 1) {
      rv1::UpdateMediatorRequest request;
      request.mutable_mediator()->set_name(target);
      request.mutable_mediator()->add_roles(rng() % 2 ? "trainer" : "facilitator");
      request.mutable_mediator()->set_bio(absl::StrCat("revision ", i));
      request.mutable_update_mask()->add_paths("roles");
      request.mutable_update_mask()->add_paths("bio");
      const absl::Status status = roster_->UpdateMediator(caller_, request).status();
      EXPECT_TRUE(status.ok() || absl::IsNotFound(status)) << status;  // NOT_FOUND: deleted
    } else {
      rv1::DeleteMediatorRequest remove;
      remove.set_name(target);
      if (!roster_->DeleteMediator(caller_, remove).ok()) {
        rv1::UndeleteMediatorRequest restore;
        restore.set_name(target);
        EXPECT_OK(roster_->UndeleteMediator(caller_, restore).status());
      }
    }
  }
};

TEST_F(MediatorSearchConcurrencyTest, PagingWhileWritingReturnsEveryStableRecordOnce) {
  // 1400 records without the "trainer" role, 40 trainers and 20 churned trainers, in one transaction.
  // Trainers are sparse among all slots (paged by sorting); everyone is dense (paged by walking names).
  // The writer touches only the churned records and those it creates; records_ holds the others.
  std::mt19937 rng(99);
  std::vector<rv1::Mediator> batch;
  std::vector<std::string> churn;
  for (int i = 0; i < 1460; ++i) {
    rv1::Mediator m = RandomRecord(rng, i);
    m.clear_roles();
    m.add_roles(i < 1400 ? "mediator" : "trainer");
    if (i >= 1440) {
      churn.push_back(m.name());
    } else {
      records_.push_back(m);
    }
    batch.push_back(std::move(m));
  }
  ASSERT_OK(roster_->mediators().UpsertAll(absl::MakeSpan(batch), [](const rv1::Mediator*, rv1::Mediator&) {}).status());

  // Three kinds of pass: trainers (sparse), everyone (dense), and a query whose results span two tiers
  // ("gra": Grace by name, "grassroots" in bios). The churned records' updates keep their names and give
  // them bios without "gra", so none of them can move into a tier the reader has yet to reach.
  std::vector<rv1::SearchMediatorsRequest> passes(3);
  passes[0].add_roles("trainer");
  passes[0].set_page_size(3);
  passes[1].set_page_size(60);
  passes[2].set_query("gra");
  passes[2].set_page_size(5);
  for (const rv1::SearchMediatorsRequest& pass : passes) {
    const std::vector<std::string> untouched = ExpectedNames(pass);
    EXPECT_GE(untouched.size(), 30u) << pass.ShortDebugString();
  }

  // The reader waits for at least one write between two pages (unless the writer is done), so that
  // every page sees a roster changed since the previous one.
  constexpr int kMaxWrites = 800;
  constexpr int kRounds = 2;
  absl::Mutex mu;
  int writes = 0;
  bool writer_done = false, reader_done = false;
  std::thread writer([&] {
    std::mt19937 wrng(1234);
    for (int i = 0; i < kMaxWrites; ++i) {
      {
        absl::MutexLock lock(&mu);
        if (reader_done) break;
      }
      WriteOne(wrng, i, churn);
      absl::MutexLock lock(&mu);
      ++writes;
    }
    absl::MutexLock lock(&mu);
    writer_done = true;
  });
  auto await_a_write = [&](int seen) {
    absl::MutexLock lock(&mu);
    auto written = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return writes > seen || writer_done; };
    mu.Await(absl::Condition(&written));
    return writes;
  };

  int seen_writes = 0, pages_read = 0;
  for (int round = 0; round < kRounds; ++round) {
    for (rv1::SearchMediatorsRequest request : passes) {
      std::vector<std::string> names;
      for (int pages = 0; pages < 1000; ++pages) {
        seen_writes = await_a_write(seen_writes);
        absl::StatusOr<rv1::SearchMediatorsResponse> page = Search(request);
        ASSERT_OK(page.status());
        ++pages_read;
        for (const rv1::Mediator& m : page->mediators()) names.push_back(m.name());
        if (page->next_page_token().empty()) break;
        request.set_page_token(page->next_page_token());
      }
      request.clear_page_token();
      SCOPED_TRACE(absl::StrCat(request.ShortDebugString(), " after ", seen_writes, " writes"));
      std::map<std::string, int> seen;
      for (const std::string& name : names) ++seen[name];
      for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << name;
      // The untouched records come once each, in the documented order.
      const std::vector<std::string> expected = ExpectedNames(request);
      const std::set<std::string> untouched(expected.begin(), expected.end());
      std::vector<std::string> returned_untouched;
      for (const std::string& name : names) {
        if (untouched.count(name)) returned_untouched.push_back(name);
      }
      EXPECT_EQ(returned_untouched, expected);
    }
  }
  {
    absl::MutexLock lock(&mu);
    reader_done = true;
  }
  writer.join();
  RecordProperty("pages_read", pages_read);
  RecordProperty("writes_seen", seen_writes);
  EXPECT_GE(seen_writes, std::min(kMaxWrites, pages_read - 1));
}

}  // namespace
}  // namespace wps::search
