#include "clients/wpsctl/json_input.h"
#include "clients/wpsctl/matching_commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using matching::v1::PeaceProcess;
using matching::v1::ShortlistRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

TEST(ShortlistRequestFromJsonTest, CanonicalProtoJson) {
  ASSERT_OK_AND_ASSIGN(ShortlistRequest request, ShortlistRequestFromJson(R"({
    "process": "processes/sudan", "processCountries": ["SD"],
    "required_languages": [{"code": "ar", "min_level": "LANGUAGE_LEVEL_C1"}],
    "preferredExpertise": ["power-sharing"], "maxPerNetwork": 2, "count": 5,
    "window": {"start": "2027-01-01", "end": "2027-03-31"},
    "weights": {"language": 0.5, "region": 0.2, "expertise": 0.2, "experience": 0.1}})"));
  EXPECT_EQ(request.process(), "processes/sudan");
  EXPECT_THAT(request.process_countries(), ElementsAre("SD"));
  ASSERT_EQ(request.required_languages_size(), 1);
  EXPECT_EQ(request.required_languages(0).min_level(), wps::type::LANGUAGE_LEVEL_C1);
  EXPECT_THAT(request.preferred_expertise(), ElementsAre("power-sharing"));
  EXPECT_EQ(request.max_per_network(), 2);
  EXPECT_EQ(request.count(), 5);
  EXPECT_EQ(request.window().end(), "2027-03-31");
  EXPECT_DOUBLE_EQ(request.weights().language(), 0.5);
}

TEST(ShortlistRequestFromJsonTest, ShortLevelsOfApiMd) {
  ASSERT_OK_AND_ASSIGN(ShortlistRequest request, ShortlistRequestFromJson(R"({
    "requiredLanguages": [{"code": "ar", "minLevel": "c2"},
                          {"code": "en", "min_level": "native"}]})"));
  ASSERT_EQ(request.required_languages_size(), 2);
  EXPECT_EQ(request.required_languages(0).min_level(), wps::type::LANGUAGE_LEVEL_C2);
  EXPECT_EQ(request.required_languages(1).min_level(), wps::type::LANGUAGE_LEVEL_NATIVE);
}

TEST(ShortlistRequestFromJsonTest, ErrorsNameTheMessage) {
  EXPECT_THAT(ShortlistRequestFromJson(R"({"count": "many"})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a ShortlistRequest in proto-JSON")));
  EXPECT_THAT(
      ShortlistRequestFromJson(R"({"requiredLanguages": [{"code": "ar", "minLevel": "Z9"}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ShortlistRequestFromJson("{"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PeaceProcessFromJsonTest, StageAndTrackShortForms) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess process, PeaceProcessFromJson(R"({
    "displayName": "Sudan talks", "countries": ["SD"], "working_languages": ["ar", "en"],
    "parties": [{"displayName": "SAF", "nationalities": ["SD"]}],
    "stage": "pre_negotiation", "track": "1.5", "targetWomenShare": 0.4})"));
  EXPECT_EQ(process.display_name(), "Sudan talks");
  EXPECT_THAT(process.working_languages(), ElementsAre("ar", "en"));
  EXPECT_EQ(process.parties(0).nationalities(0), "SD");
  EXPECT_EQ(process.stage(), PeaceProcess::PRE_NEGOTIATION);
  EXPECT_EQ(process.track(), PeaceProcess::TRACK_1_5);
  EXPECT_DOUBLE_EQ(process.target_women_share(), 0.4);
  ASSERT_OK_AND_ASSIGN(process,
                       PeaceProcessFromJson(R"({"stage": "NEGOTIATION", "track": "TRACK_2"})"));
  EXPECT_EQ(process.stage(), PeaceProcess::NEGOTIATION);
  EXPECT_EQ(process.track(), PeaceProcess::TRACK_2);
  EXPECT_THAT(PeaceProcessFromJson(R"({"stage": "signed"})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a PeaceProcess")));
}

TEST(UpdateMaskFromFlagTest, TrimsAndSnakeCases) {
  EXPECT_THAT(UpdateMaskFromFlag(" stage, expertiseNeeded,,parties ").paths(),
              ElementsAre("stage", "expertise_needed", "parties"));
  EXPECT_TRUE(UpdateMaskFromFlag("").paths().empty());
}

}  // namespace
}  // namespace wps::wpsctl
