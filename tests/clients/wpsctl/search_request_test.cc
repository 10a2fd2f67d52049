#include <string>

#include "clients/wpsctl/search_commands.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using roster::v1::SearchMediatorsRequest;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

SearchMediatorsRequest ParseText(const std::string& text) {
  SearchMediatorsRequest request;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &request)) << text;
  return request;
}

void ExpectRequest(const SearchOptions& options, const std::string& expected_text) {
  ASSERT_OK_AND_ASSIGN(SearchMediatorsRequest request, BuildSearchRequest(options));
  const SearchMediatorsRequest expected = ParseText(expected_text);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(request, expected))
      << "got:\n"
      << request.DebugString() << "want:\n"
      << expected.DebugString();
}

TEST(BuildSearchRequestTest, NoFlagsIsAnEmptyRequest) { ExpectRequest(SearchOptions(), ""); }

TEST(BuildSearchRequestTest, EveryFlagFillsItsField) {
  SearchOptions options;
  options.query = " sigurd  dottir ";
  options.languages = "ar:C1,en";
  options.regions = "sd, 015";
  options.expertise = "DDR,ssr";
  options.roles = "mediator";
  options.networks = "nordic,networks/wmc";
  options.availability = "available,Limited";
  options.facets = "languages,regions,expertise,roles,networks,availability";
  ExpectRequest(options, R"pb(
    query: "sigurd  dottir"
    languages { code: "ar" min_level: LANGUAGE_LEVEL_C1 }
    languages { code: "en" }
    countries_or_regions: "SD"
    countries_or_regions: "015"
    expertise: "ddr"
    expertise: "ssr"
    roles: "mediator"
    networks: "nordic"
    networks: "wmc"
    availability: AVAILABLE
    availability: LIMITED
    facets: "languages"
    facets: "countries_or_regions"
    facets: "expertise"
    facets: "roles"
    facets: "networks"
    facets: "availability"
  )pb");
}

TEST(BuildSearchRequestTest, LevelsInAnySpelling) {
  SearchOptions options;
  options.languages = "AR:c2, fr : native ,de:LANGUAGE_LEVEL_B2,,es:a1";
  ExpectRequest(options, R"pb(
    languages { code: "ar" min_level: LANGUAGE_LEVEL_C2 }
    languages { code: "fr" min_level: LANGUAGE_LEVEL_NATIVE }
    languages { code: "de" min_level: LANGUAGE_LEVEL_B2 }
    languages { code: "es" min_level: LANGUAGE_LEVEL_A1 }
  )pb");
}

TEST(BuildSearchRequestTest, UnknownLevelIsAnErrorNamingFlagAndItem) {
  SearchOptions options;
  options.languages = "en,ar:Z9";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("--language"), HasSubstr("\"Z9\" in \"ar:Z9\""),
                             HasSubstr("A1, A2, B1, B2, C1, C2 or native"))));
  options.languages = "ar:";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not a level")));
  options.languages = ":C1";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("has no language code")));
}

TEST(BuildSearchRequestTest, FacetsBySingularPluralOrFieldNameOnce) {
  SearchOptions options;
  options.facets = "Language, languages,region,countries_or_regions,role,network";
  ExpectRequest(options, R"pb(
    facets: "languages"
    facets: "countries_or_regions"
    facets: "roles"
    facets: "networks"
  )pb");
  options.facets = "languages,colour";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("--facets"), HasSubstr("\"colour\" is not a facet"))));
}

TEST(BuildSearchRequestTest, UnknownAvailabilityIsAnError) {
  SearchOptions options;
  options.availability = "available,busy";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("--availability"), HasSubstr("\"busy\""))));
}

TEST(BuildSearchRequestTest, BadNetworkIsAnError) {
  SearchOptions options;
  options.networks = "nordic,Nordic";
  EXPECT_THAT(BuildSearchRequest(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("--network"), HasSubstr("'Nordic' is not a network"))));
}

TEST(SearchPageSizeTest, AsManyAsTheLimitNeedsUpToTheServerMaximum) {
  SearchOptions options;
  EXPECT_EQ(SearchPageSize(options), kDefaultSearchLimit);
  options.limit = 5;
  EXPECT_EQ(SearchPageSize(options), 5);
  options.limit = 5000;
  EXPECT_EQ(SearchPageSize(options), 1000);
  options.limit = 0;
  EXPECT_EQ(SearchPageSize(options), 1000);
  options.page_size = 7;
  EXPECT_EQ(SearchPageSize(options), 7);
}

}  // namespace
}  // namespace wps::wpsctl
