#include "clients/wpsctl/resource_names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using ::wps::testing::StatusIs;

TEST(NetworkNameTest, FullOrShort) {
  EXPECT_EQ(*NetworkName("networks/nordic"), "networks/nordic");
  EXPECT_EQ(*NetworkName("femwise-africa"), "networks/femwise-africa");
  EXPECT_THAT(NetworkName("Nordic"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(NetworkName("networks/nordic/mediators/x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(NetworkName(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(NetworkName("-"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(NetworkNameOrAllTest, DashMeansEveryNetwork) {
  EXPECT_EQ(*NetworkNameOrAll("-"), "networks/-");
  EXPECT_EQ(*NetworkNameOrAll("networks/-"), "networks/-");
  EXPECT_EQ(*NetworkNameOrAll("wmc"), "networks/wmc");
}

TEST(MediatorNameTest, FullOrShort) {
  EXPECT_EQ(*MediatorName("networks/nordic/mediators/ingrid-hansen-1a3f"),
            "networks/nordic/mediators/ingrid-hansen-1a3f");
  EXPECT_EQ(*MediatorName("nordic/ingrid-hansen-1a3f"),
            "networks/nordic/mediators/ingrid-hansen-1a3f");
  EXPECT_THAT(MediatorName("ingrid-hansen"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(MediatorName("networks/nordic/people/x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(MediatorName("nordic/Ingrid"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ProcessNameTest, FullOrShort) {
  EXPECT_EQ(*ProcessName("processes/sudan-jeddah"), "processes/sudan-jeddah");
  EXPECT_EQ(*ProcessName("sudan-jeddah"), "processes/sudan-jeddah");
  EXPECT_THAT(ProcessName("Sudan"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ProcessName("processes/a/rounds/b"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ProcessName(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ShortlistNameTest, FullOrShort) {
  EXPECT_EQ(*ShortlistName("shortlists/0k2x5f7q1c8-a3zd"), "shortlists/0k2x5f7q1c8-a3zd");
  EXPECT_EQ(*ShortlistName("0k2x5f7q1c8-a3zd"), "shortlists/0k2x5f7q1c8-a3zd");
  EXPECT_THAT(ShortlistName("processes/x"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(NetworkIdOfTest, FromAnyName) {
  EXPECT_EQ(NetworkIdOf("networks/nordic/mediators/x"), "nordic");
  EXPECT_EQ(NetworkIdOf("networks/wmc"), "wmc");
  EXPECT_EQ(NetworkIdOf("processes/p"), "");
}

}  // namespace
}  // namespace wps::wpsctl
