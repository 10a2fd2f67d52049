#include "services/common/page_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"
#include "tests/testing/status_matchers.h"

namespace wps::common {
namespace {

using ::testing::ElementsAre;
using ::wps::testing::StatusIs;

TEST(PageTokenTest, RoundTripsTheLastKey) {
  const uint64_t fingerprint = RequestFingerprint({"mediators", "networks/nordic/", "0"});
  const std::string token = EncodePageToken("networks/nordic/mediators/ingrid", fingerprint);
  ASSERT_OK_AND_ASSIGN(std::string key, DecodePageToken(token, fingerprint));
  EXPECT_EQ(key, "networks/nordic/mediators/ingrid");
}

TEST(PageTokenTest, RejectsTokenOfOtherParameters) {
  const std::string token = EncodePageToken("k", RequestFingerprint({"a", "0"}));
  absl::StatusOr<std::string> decoded = DecodePageToken(token, RequestFingerprint({"a", "1"}));
  EXPECT_THAT(decoded, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_EQ(ViolationsOf(decoded.status()).size(), 1u);
  EXPECT_EQ(ViolationsOf(decoded.status())[0].field, "page_token");
}

TEST(PageTokenTest, RejectsGarbage) {
  EXPECT_THAT(DecodePageToken("not a token", 1), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodePageToken("", 1), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, FingerprintSeparatesParameters) {
  EXPECT_NE(RequestFingerprint({"ab", "c"}), RequestFingerprint({"a", "bc"}));
  EXPECT_EQ(RequestFingerprint({"ab", "c"}), RequestFingerprint({"ab", "c"}));
}

TEST(PageTokenTest, EffectivePageSize) {
  EXPECT_EQ(*EffectivePageSize(0, 50, 1000), 50);
  EXPECT_EQ(*EffectivePageSize(10, 50, 1000), 10);
  EXPECT_EQ(*EffectivePageSize(5000, 50, 1000), 1000);
  EXPECT_THAT(EffectivePageSize(-1, 50, 1000), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace wps::common
