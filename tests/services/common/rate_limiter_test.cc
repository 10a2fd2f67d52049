#include "services/common/rate_limiter.h"

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::common {
namespace {

using ::wps::testing::StatusIs;

class FakeClock {
 public:
  absl::Time Now() const { return now_; }
  void Advance(absl::Duration by) { now_ += by; }

 private:
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
};

TEST(RateLimiterTest, ABurstThenTheRateForEachPrincipalApart) {
  FakeClock clock;
  RateLimiter limiter(/*per_second=*/10, /*burst=*/20, [&] { return clock.Now(); });
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.Admit("astrid")) << i;
  EXPECT_FALSE(limiter.Admit("astrid"));
  EXPECT_TRUE(limiter.Admit("amina"));  // another principal has a bucket of her own
  clock.Advance(absl::Milliseconds(100));  // one request's worth
  EXPECT_TRUE(limiter.Admit("astrid"));
  EXPECT_FALSE(limiter.Admit("astrid"));
  clock.Advance(absl::Hours(1));  // refills up to the burst, no further
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.Admit("astrid")) << i;
  EXPECT_FALSE(limiter.Admit("astrid"));
}

TEST(RateLimiterTest, ParsesRatesAndOff) {
  EXPECT_EQ(*ParseRateLimit("200/s"), 200);
  EXPECT_EQ(*ParseRateLimit("2.5"), 2.5);
  EXPECT_EQ(*ParseRateLimit("off"), 0);
  for (const char* bad : {"", "0", "-3/s", "fast", "10/m", "nan"}) {
    EXPECT_THAT(ParseRateLimit(bad), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace wps::common
