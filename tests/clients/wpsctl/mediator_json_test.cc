#include "clients/wpsctl/mediator_commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

TEST(MediatorFromJsonTest, CanonicalProtoJson) {
  ASSERT_OK_AND_ASSIGN(roster::v1::Mediator m, MediatorFromJson(R"({
    "givenName": "Ingrid", "family_name": "Bjørnstad", "yearsExperience": 20,
    "languages": [{"code": "no", "level": "LANGUAGE_LEVEL_NATIVE"}],
    "availability": "UNAVAILABLE"})"));
  EXPECT_EQ(m.given_name(), "Ingrid");
  EXPECT_EQ(m.family_name(), "Bjørnstad");
  EXPECT_EQ(m.years_experience(), 20);
  EXPECT_EQ(m.languages(0).level(), wps::type::LANGUAGE_LEVEL_NATIVE);
  EXPECT_EQ(m.availability(), roster::v1::UNAVAILABLE);
}

TEST(MediatorFromJsonTest, ShortEnumFormsOfApiMd) {
  ASSERT_OK_AND_ASSIGN(roster::v1::Mediator m, MediatorFromJson(R"({
    "languages": [{"code": "ar", "level": "C2"}, {"code": "en", "level": "native"}],
    "availability": "limited"})"));
  EXPECT_EQ(m.languages(0).level(), wps::type::LANGUAGE_LEVEL_C2);
  EXPECT_EQ(m.languages(1).level(), wps::type::LANGUAGE_LEVEL_NATIVE);
  EXPECT_EQ(m.availability(), roster::v1::LIMITED);
}

TEST(MediatorFromJsonTest, RejectsWhatIsNotAMediator) {
  EXPECT_THAT(MediatorFromJson("{\"languages\": [{\"level\": \"Z9\"}]}"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a Mediator")));
  EXPECT_THAT(MediatorFromJson("{\"colour\": 1}"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(MediatorFromJson("not json"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace wps::wpsctl
