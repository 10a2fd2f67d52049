#include "services/sync/feed_retention.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/log.h"

namespace wps::sync {

std::unique_ptr<FeedRetention> FeedRetention::Start(storage::Store& store, absl::Duration retention,
                                                    std::function<uint64_t()> oldest_needed) {
  std::unique_ptr<FeedRetention> compactor(new FeedRetention(store, retention, std::move(oldest_needed)));
  compactor->thread_ = std::thread([c = compactor.get()] { c->Run(); });
  return compactor;
}

FeedRetention::FeedRetention(storage::Store& store, absl::Duration retention,
                             std::function<uint64_t()> oldest_needed)
    : store_(store), retention_(retention), oldest_needed_(std::move(oldest_needed)) {}

FeedRetention::~FeedRetention() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void FeedRetention::Run() {
  const absl::Duration period = std::min(retention_ / 4, absl::Minutes(1));
  absl::MutexLock lock(&mu_);
  while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), period)) {
    mu_.Unlock();
    const uint64_t before = store_.FeedCompactedThrough();
    absl::StatusOr<uint64_t> through = store_.CompactFeed(absl::Now() - retention_, oldest_needed_());
    if (!through.ok()) {
      LogError(absl::StrCat("feed retention: ", through.status().ToString()));
    } else if (*through != before) {
      LogInfo(absl::StrCat("feed retention: removed the feed entries up to cursor ", *through));
    }
    mu_.Lock();
  }
}

}  // namespace wps::sync
