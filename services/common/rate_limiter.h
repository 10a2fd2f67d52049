// Per-principal request rate limits: a token bucket for each caller, so that one runaway client (a
// script in a loop, a stolen token) cannot take the server from everyone else.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_COMMON_RATE_LIMITER_H_
#define WPS_SERVICES_COMMON_RATE_LIMITER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/caller.h"

namespace wps::common {

class RateLimiter {
 public:
  // Each principal may make `per_second` requests a second on average and `burst` at once. `now`
  // tells the time (absl::Now by default; tests pass their own clock).
  RateLimiter(double per_second, double burst, std::function<absl::Time()> now = absl::Now);

  // True, counting the request, when `principal` has a request left; false when it is over its rate.
  bool Admit(absl::string_view principal);

  double per_second() const { return per_second_; }

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
  };

  const double per_second_;
  const double burst_;
  const std::function<absl::Time()> now_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_;  // guarded by mu_; one per principal seen
};

// `resolver`, answering RESOURCE_EXHAUSTED for a caller over `per_second` requests a second (bursts
// of twice that). This network's own nodes (IsOwnNode for `local_network`: a matching replica storing
// every shortlist it ranks) are not limited.
std::unique_ptr<CallerResolver> WithRateLimit(std::unique_ptr<CallerResolver> resolver, double per_second,
                                              std::string local_network);

// Parses a rate limit setting: "N/s" or "N" (requests a second per principal, N > 0), or "off".
// Returns the rate, 0 for "off". INVALID_ARGUMENT otherwise.
absl::StatusOr<double> ParseRateLimit(absl::string_view text);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_RATE_LIMITER_H_
