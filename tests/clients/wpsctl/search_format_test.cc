// The search output of output_format.h: facet lines, the summary, and the three formats.
#include <string>

#include "clients/wpsctl/output_format.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/roster/mediator_csv.h"

namespace wps::wpsctl {
namespace {

using roster::v1::SearchMediatorsResponse;
using ::testing::HasSubstr;
using ::testing::StartsWith;

SearchMediatorsResponse TwoOfFortyTwo() {
  SearchMediatorsResponse response;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        mediators {
          name: "networks/arab-women-mediators/mediators/amal-haddad"
          given_name: "Amal"
          family_name: "Haddad"
          languages { code: "ar" level: LANGUAGE_LEVEL_NATIVE }
          regions: "SD"
          expertise: "ddr"
          availability: AVAILABLE
        }
        mediators {
          name: "networks/femwise-africa/mediators/awut-deng"
          display_name: "Awut Deng"
          network: "femwise-africa"
          languages { code: "ar" level: LANGUAGE_LEVEL_C1 }
          languages { code: "en" level: LANGUAGE_LEVEL_NATIVE }
          regions: "SS"
          regions: "014"
          availability: LIMITED
        }
        facet_counts {
          facet: "languages"
          values { value: "ar" count: 42 }
          values { value: "en" count: 30 }
        }
        facet_counts { facet: "roles" }
        total_size: 42
      )pb",
      &response));
  return response;
}

TEST(FacetLinesTest, OneLinePerFacetByCount) {
  EXPECT_EQ(FacetLines(TwoOfFortyTwo().facet_counts()),
            "languages: ar 42, en 30\n"
            "roles: none\n");
  EXPECT_EQ(FacetLines({}), "");
}

TEST(FacetLinesTest, TenValuesThenHowManyMoreAndAvailabilityInLowerCase) {
  SearchMediatorsResponse response;
  roster::v1::FacetCount* languages = response.add_facet_counts();
  languages->set_facet("languages");
  for (int i = 0; i < 12; ++i) {
    roster::v1::FacetValue* value = languages->add_values();
    value->set_value(std::string(1, static_cast<char>('a' + i)) + "x");
    value->set_count(100 - i);
  }
  roster::v1::FacetCount* availability = response.add_facet_counts();
  availability->set_facet("availability");
  availability->add_values()->set_value("AVAILABLE");
  availability->mutable_values(0)->set_count(7);
  EXPECT_EQ(FacetLines(response.facet_counts()),
            "languages: ax 100, bx 99, cx 98, dx 97, ex 96, fx 95, gx 94, hx 93, ix 92, jx 91 "
            "(+2 more)\n"
            "availability: available 7\n");
}

TEST(SearchSummaryTest, SaysHowToSeeTheRest) {
  EXPECT_EQ(SearchSummary(2, 2), "2 matches\n");
  EXPECT_EQ(SearchSummary(1, 1), "1 match\n");
  EXPECT_EQ(SearchSummary(0, 0), "0 matches\n");
  EXPECT_EQ(SearchSummary(20, 1234), "1234 matches, 20 shown (--limit=0 for all)\n");
}

TEST(FormatSearchResultsTest, TableThenFacetsThenSummary) {
  EXPECT_EQ(
      FormatSearchResults(TwoOfFortyTwo(), OutputFormat::kTable),
      "NAME                                                 DISPLAY NAME  NETWORK               "
      "LANGUAGES        REGIONS  EXPERTISE  AVAILABILITY\n"
      "networks/arab-women-mediators/mediators/amal-haddad  Amal Haddad   arab-women-mediators  "
      "ar:native        SD       ddr        available\n"
      "networks/femwise-africa/mediators/awut-deng          Awut Deng     femwise-africa        "
      "ar:C1 en:native  SS 014   -          limited\n"
      "\n"
      "languages: ar 42, en 30\n"
      "roles: none\n"
      "42 matches, 2 shown (--limit=0 for all)\n");
}

TEST(FormatSearchResultsTest, NoMatchesLeavesOutTheTable) {
  SearchMediatorsResponse none;
  none.add_facet_counts()->set_facet("languages");
  EXPECT_EQ(FormatSearchResults(none, OutputFormat::kTable), "languages: none\n0 matches\n");
}

TEST(FormatSearchResultsTest, JsonIsOneObjectThatParsesBack) {
  const SearchMediatorsResponse response = TwoOfFortyTwo();
  const std::string json = FormatSearchResults(response, OutputFormat::kJson);
  EXPECT_THAT(json, StartsWith("{"));
  EXPECT_THAT(json, HasSubstr("\"facetCounts\""));
  EXPECT_THAT(json, HasSubstr("\"totalSize\": \"42\""));
  SearchMediatorsResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, response));
}

TEST(FormatSearchResultsTest, CsvIsTheRecordsOnly) {
  const SearchMediatorsResponse response = TwoOfFortyTwo();
  EXPECT_EQ(FormatSearchResults(response, OutputFormat::kCsv),
            std::string(roster::kMediatorCsvHeader) + "\n" +
                roster::MediatorToCsvLine(response.mediators(0)) +
                roster::MediatorToCsvLine(response.mediators(1)));
}

}  // namespace
}  // namespace wps::wpsctl
