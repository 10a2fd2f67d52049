#include "services/common/page_token.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"
#include "tests/testing/status_matchers.h"
#include "wps/roster/v1/resources.pb.h"

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

namespace wps::common {
namespace {

// Any message with a name will do as a listed item.
using Keyed = ::wps::roster::v1::Network;

Keyed Named(const std::string& name) {
  Keyed item;
  item.set_name(name);
  return item;
}

// Rows r00..r99, of which the scan keeps every tenth.
absl::Status ScanRows(absl::string_view start_after, const std::function<bool(Keyed&&)>& visit,
                      const std::function<bool(absl::string_view)>& pass_over) {
  for (int i = 0; i < 100; ++i) {
    const std::string key = absl::StrCat("r", i < 10 ? "0" : "", i);
    if (key <= start_after) continue;
    if (!(i % 10 == 0 ? visit(Named(key)) : pass_over(key))) break;
  }
  return absl::OkStatus();
}

TEST(FillFilteredPageTest, WithinItsDeadlineAPageIsFullOrTheLast) {
  google::protobuf::RepeatedPtrField<Keyed> items;
  absl::StatusOr<std::string> token =
      FillFilteredPage(std::string(), 7, 20, absl::InfiniteFuture(), items, ScanRows);
  ASSERT_OK(token.status());
  EXPECT_EQ(items.size(), 10);
  EXPECT_EQ(*token, "");
}

TEST(FillFilteredPageTest, PastItsDeadlineAPageEndsEarlyAndTheTokensGoOnToTheEnd) {
  std::vector<std::string> kept;
  std::string token;
  int pages = 0;
  do {
    google::protobuf::RepeatedPtrField<Keyed> items;
    absl::StatusOr<std::string> next =
        FillFilteredPage(token, 7, 20, absl::InfinitePast(), items, ScanRows);
    ASSERT_OK(next.status());
    for (const Keyed& item : items) kept.push_back(item.name());
    token = *next;
    ASSERT_LT(++pages, 100);
  } while (!token.empty());
  EXPECT_GT(pages, 1);  // every 64 rows looked at end a page
  EXPECT_EQ(kept, (std::vector<std::string>{"r00", "r10", "r20", "r30", "r40", "r50", "r60", "r70",
                                            "r80", "r90"}));
}

}  // namespace
}  // namespace wps::common

namespace wps::common {
namespace {

TEST(SealedPageTokenTest, RoundTripsAndShowsNothingOfTheKey) {
  const std::string key = "networks/nordic/mediators/hidden-person";
  const std::string token = EncodeSealedPageToken(key, 42);
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  EXPECT_EQ(raw.find("hidden-person"), std::string::npos);
  absl::StatusOr<std::string> decoded = DecodeSealedPageToken(token, 42);
  ASSERT_OK(decoded.status());
  EXPECT_EQ(*decoded, key);
  EXPECT_NE(EncodeSealedPageToken(key, 42), token);  // a fresh nonce each time
}

TEST(SealedPageTokenTest, AnAlteredForgedOrForeignTokenIsRefused) {
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodeSealedPageToken("networks/a", 42), &raw));
  raw[raw.size() / 2] ^= 1;
  EXPECT_THAT(DecodeSealedPageToken(absl::WebSafeBase64Escape(raw), 42),
              ::wps::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeSealedPageToken(EncodePageToken("networks/a", 42), 42),
              ::wps::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeSealedPageToken(EncodeSealedPageToken("networks/a", 42), 43),
              ::wps::testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace wps::common
