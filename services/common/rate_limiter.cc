#include "services/common/rate_limiter.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace wps::common {
namespace {

class RateLimitedResolver : public CallerResolver {
 public:
  RateLimitedResolver(std::unique_ptr<CallerResolver> resolver, double per_second, std::string local_network)
      : resolver_(std::move(resolver)), limiter_(per_second, 2 * per_second), local_network_(std::move(local_network)) {}

  absl::StatusOr<Caller> Resolve(const grpc::ServerContextBase& context) const override {
    absl::StatusOr<Caller> caller = resolver_->Resolve(context);
    if (!caller.ok() || IsOwnNode(*caller, local_network_) || limiter_.Admit(caller->principal)) return caller;
    return absl::ResourceExhaustedError(absl::StrCat("rate limit: ", limiter_.per_second(),
                                                     " requests a second for each principal; retry shortly"));
  }
  absl::StatusOr<Caller> Identify(const grpc::ServerContextBase& context) const override {
    return resolver_->Identify(context);
  }

 private:
  const std::unique_ptr<CallerResolver> resolver_;
  mutable RateLimiter limiter_;
  const std::string local_network_;
};

}  // namespace

RateLimiter::RateLimiter(double per_second, double burst, std::function<absl::Time()> now)
    : per_second_(per_second), burst_(std::max(1.0, burst)), now_(std::move(now)) {}

bool RateLimiter::Admit(absl::string_view principal) {
  const absl::Time now = now_();
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = buckets_.try_emplace(std::string(principal), Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.refilled));
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.refilled = now;
  }
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

std::unique_ptr<CallerResolver> WithRateLimit(std::unique_ptr<CallerResolver> resolver, double per_second,
                                              std::string local_network) {
  return std::make_unique<RateLimitedResolver>(std::move(resolver), per_second, std::move(local_network));
}

absl::StatusOr<double> ParseRateLimit(absl::string_view text) {
  if (text == "off") return 0.0;
  absl::string_view number = text;
  absl::ConsumeSuffix(&number, "/s");
  double rate = 0;
  if (!absl::SimpleAtod(number, &rate) || !(rate > 0) || rate > 1e9) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--rate_limit=", text, " is not a rate: requests a second per principal (\"200/s\"), or \"off\""));
  }
  return rate;
}

}  // namespace wps::common
