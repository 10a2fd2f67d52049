#include "clients/sample/sample_roster.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/sample/sample_roster_data.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_csv.h"
#include "services/roster/mediator_validation.h"

namespace wps::sample {
namespace {

using roster::v1::Mediator;
using roster::v1::Network;
using ::testing::AllOf;
using ::testing::Ge;
using ::testing::IsEmpty;
using ::testing::Le;
using ::testing::UnorderedElementsAre;

constexpr int kRecords = 20000;

std::string Describe(const std::vector<common::FieldViolation>& violations) {
  std::string text;
  for (const auto& v : violations) absl::StrAppend(&text, v.field, ": ", v.description, "\n");
  return text;
}

const Network* NetworkById(const std::string& id) {
  for (const Network& network : GlobalAllianceNetworks()) {
    if (network.name() == "networks/" + id) return &network;
  }
  return nullptr;
}

std::vector<Mediator> Generate(uint64_t seed, int count) {
  SampleRosterGenerator generator(seed);
  std::vector<Mediator> records;
  records.reserve(count);
  for (int i = 0; i < count; ++i) records.push_back(generator.Next());
  return records;
}

class SampleRosterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { records_ = new std::vector<Mediator>(Generate(42, kRecords)); }
  static void TearDownTestSuite() { delete records_; }
  static const std::vector<Mediator>& records() { return *records_; }

  // Share of records for which `predicate` holds.
  template <typename Predicate>
  static double Share(Predicate predicate) {
    int hits = 0;
    for (const Mediator& m : records()) hits += predicate(m) ? 1 : 0;
    return static_cast<double>(hits) / records().size();
  }

 private:
  static std::vector<Mediator>* records_;
};
std::vector<Mediator>* SampleRosterTest::records_ = nullptr;

TEST(GlobalAllianceNetworksTest, SixNetworksWithValidChapters) {
  std::vector<std::string> names;
  for (const Network& network : GlobalAllianceNetworks()) {
    names.push_back(network.name());
    std::vector<common::FieldViolation> violations;
    roster::ValidateNetwork(network, "", violations);
    EXPECT_THAT(violations, IsEmpty()) << Describe(violations);
    EXPECT_FALSE(network.display_name().empty());
    EXPECT_GE(network.chapters_size(), 5);
  }
  EXPECT_THAT(names, UnorderedElementsAre("networks/nordic", "networks/femwise-africa",
                                          "networks/mwmn", "networks/wmc",
                                          "networks/arab-women-mediators", "networks/sean-wpnm"));
  EXPECT_THAT(NetworkById("nordic")->chapters(),
              UnorderedElementsAre("NO", "SE", "DK", "FI", "IS"));
}

TEST(SampleRosterDataTest, EveryCountryAndLanguageIsInTheVocabulary) {
  for (const internal::Country& country : internal::kCountries) {
    EXPECT_TRUE(vocab::IsCountryCode(country.code)) << country.code;
    for (const char* list : {country.mother, country.official, country.foreign}) {
      for (absl::string_view code : absl::StrSplit(list, ',', absl::SkipEmpty())) {
        EXPECT_TRUE(vocab::IsLanguageCode(code)) << country.code << ": " << code;
      }
    }
  }
}

TEST(AsciiSlugTest, FoldsDiacriticsAndSeparators) {
  EXPECT_EQ(AsciiSlug("Sigurðardóttir"), "sigurdardottir");
  EXPECT_EQ(AsciiSlug("Bjørnstad"), "bjornstad");
  EXPECT_EQ(AsciiSlug("Åse"), "ase");
  EXPECT_EQ(AsciiSlug("Þórdís"), "thordis");
  EXPECT_EQ(AsciiSlug("Nilüfer Yılmaz"), "nilufer-yilmaz");
  EXPECT_EQ(AsciiSlug("Nguyễn Thị Đặng"), "nguyen-thi-dang");
  EXPECT_EQ(AsciiSlug("O'Brien"), "o-brien");
  EXPECT_EQ(AsciiSlug("  El Amrani -- "), "el-amrani");
  EXPECT_EQ(AsciiSlug("Kovačević"), "kovacevic");
  EXPECT_EQ(AsciiSlug("Sæther"), "saether");
}

TEST(SampleRosterGeneratorTest, SameSeedSameRecords) {
  const std::vector<Mediator> first = Generate(7, 500);
  const std::vector<Mediator> second = Generate(7, 500);
  for (int i = 0; i < 500; ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(first[i], second[i])) << i;
  }
  const std::vector<Mediator> other = Generate(8, 500);
  int same_names = 0;
  for (int i = 0; i < 500; ++i) same_names += first[i].name() == other[i].name() ? 1 : 0;
  EXPECT_LT(same_names, 5);
}

TEST_F(SampleRosterTest, IdsAreUniqueValidSlugsOfTheName) {
  std::set<std::string> names;
  for (const Mediator& m : records()) {
    const std::string prefix = absl::StrCat("networks/", m.network(), "/mediators/");
    ASSERT_TRUE(absl::StartsWith(m.name(), prefix)) << m.name();
    const std::string id = m.name().substr(prefix.size());
    EXPECT_TRUE(vocab::IsResourceId(id)) << id;
    EXPECT_TRUE(absl::StartsWith(
        id, absl::StrCat(AsciiSlug(m.given_name()), "-", AsciiSlug(m.family_name()), "-")))
        << id;
    EXPECT_TRUE(names.insert(id).second) << "duplicate id " << id;
  }
}

TEST_F(SampleRosterTest, EveryRecordPassesValidationForItsNetwork) {
  for (const Mediator& m : records()) {
    const Network* network = NetworkById(m.network());
    ASSERT_NE(network, nullptr) << m.network();
    std::vector<common::FieldViolation> violations;
    roster::ValidateMediator(m, network, "", violations);
    ASSERT_THAT(violations, IsEmpty()) << Describe(violations) << m.DebugString();
  }
}

TEST_F(SampleRosterTest, CarriesEveryCsvColumnAndSurvivesCsv) {
  for (int i = 0; i < 2000; ++i) {
    const Mediator& m = records()[i];
    EXPECT_FALSE(m.given_name().empty());
    EXPECT_FALSE(m.family_name().empty());
    EXPECT_FALSE(m.chapter().empty());
    EXPECT_GE(m.nationalities_size(), 1);
    EXPECT_GE(m.languages_size(), 1);
    EXPECT_GE(m.regions_size(), 1);
    EXPECT_FALSE(m.bio().empty());
    EXPECT_TRUE(absl::EndsWith(m.contact().email(), "@example.org")) << m.contact().email();
    EXPECT_TRUE(absl::StartsWith(m.contact().phone(), "+")) << m.contact().phone();
    EXPECT_TRUE(m.display_name().empty());
    EXPECT_FALSE(m.consent().contact_release());

    std::string line = roster::MediatorToCsvLine(m);
    roster::CsvReader reader;
    std::vector<roster::CsvRecord> parsed;
    ASSERT_TRUE(reader.Feed(line, parsed).ok());
    ASSERT_TRUE(reader.Finish(parsed).ok());
    ASSERT_EQ(parsed.size(), 1u);
    std::vector<common::FieldViolation> violations;
    const Mediator back = roster::MediatorFromCsvFields(parsed[0].fields, violations);
    EXPECT_THAT(violations, IsEmpty()) << Describe(violations);
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(m, back))
        << m.DebugString() << "\n"
        << back.DebugString();
  }
}

TEST_F(SampleRosterTest, AllSixNetworksAndManyChapters) {
  std::map<std::string, int> per_network;
  std::set<std::string> chapters;
  for (const Mediator& m : records()) {
    ++per_network[m.network()];
    chapters.insert(m.chapter());
  }
  EXPECT_EQ(per_network.size(), 6u);
  for (const auto& [network, count] : per_network) {
    EXPECT_GT(count, kRecords / 10) << network;
  }
  EXPECT_GT(chapters.size(), 60u);
}

TEST_F(SampleRosterTest, AvailabilityConsentAndRolesFollowTheIntendedShares) {
  using roster::v1::AVAILABLE;
  using roster::v1::UNAVAILABLE;
  EXPECT_THAT(Share([](const Mediator& m) { return m.availability() == AVAILABLE; }),
              AllOf(Ge(0.67), Le(0.73)));
  EXPECT_THAT(Share([](const Mediator& m) { return m.availability() == UNAVAILABLE; }),
              AllOf(Ge(0.04), Le(0.06)));
  EXPECT_THAT(Share([](const Mediator& m) { return m.consent().share_all(); }),
              AllOf(Ge(0.37), Le(0.43)));
  EXPECT_THAT(Share([](const Mediator& m) { return m.consent().share_with_size() > 0; }),
              AllOf(Ge(0.30), Le(0.38)));
  EXPECT_THAT(Share([](const Mediator& m) {
                return !m.consent().share_all() && m.consent().share_with_size() == 0;
              }),
              AllOf(Ge(0.22), Le(0.32)));
  EXPECT_THAT(Share([](const Mediator& m) { return m.unavailable_periods_size() > 0; }),
              AllOf(Ge(0.05), Le(0.35)));
  // "mediator" is the most common role.
  std::map<std::string, int> roles;
  for (const Mediator& m : records()) {
    for (const std::string& role : m.roles()) ++roles[role];
  }
  for (const auto& [role, count] : roles) EXPECT_LE(count, roles["mediator"]) << role;
}

TEST_F(SampleRosterTest, ListsHaveTheIntendedSizes) {
  int native = 0;
  int multi_lingual = 0;
  int long_careers = 0;
  for (const Mediator& m : records()) {
    EXPECT_THAT(m.expertise_size(), AllOf(Ge(1), Le(5)));
    EXPECT_THAT(m.roles_size(), AllOf(Ge(1), Le(3)));
    EXPECT_THAT(m.years_experience(), AllOf(Ge(2), Le(35)));
    EXPECT_THAT(m.nationalities_size(), AllOf(Ge(1), Le(2)));
    long_careers += m.years_experience() > 25 ? 1 : 0;
    native += m.languages(0).level() == wps::type::LANGUAGE_LEVEL_NATIVE ? 1 : 0;
    multi_lingual += m.languages_size() >= 2 ? 1 : 0;
    for (const auto& period : m.unavailable_periods()) {
      EXPECT_TRUE(absl::StartsWith(period.start(), "2027-")) << period.start();
      EXPECT_LE(period.start(), period.end());
    }
  }
  EXPECT_EQ(native, kRecords);
  EXPECT_GT(multi_lingual, kRecords * 8 / 10);
  // Skewed: careers over 25 years are a minority.
  EXPECT_LT(long_careers, kRecords / 4);
  EXPECT_GT(long_careers, kRecords / 20);
}

TEST_F(SampleRosterTest, NordicNamesKeepTheirLetters) {
  bool icelandic = false;
  for (const Mediator& m : records()) {
    if (m.chapter() == "IS" && absl::StrContains(m.family_name(), "dóttir")) icelandic = true;
  }
  EXPECT_TRUE(icelandic);
}

}  // namespace
}  // namespace wps::sample
