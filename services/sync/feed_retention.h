// Keeps the change feed to its retention: a background thread that removes feed entries older than
// `retention` (Store::CompactFeed), checking every retention / 4 (at least once a minute), but never
// one that a follower in this process (the search index, the balance catalog) has not applied yet.
// Partners whose cursor falls behind what is kept get RESYNC_REQUIRED and take a snapshot.
//
// Thread safety: the compaction runs on its own thread until destruction.
#ifndef WPS_SERVICES_SYNC_FEED_RETENTION_H_
#define WPS_SERVICES_SYNC_FEED_RETENTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace wps::sync {

// The feed history kept by default: a partner that is offline for up to 30 days resumes where it was.
inline constexpr absl::Duration kDefaultFeedRetention = absl::Hours(30 * 24);

class FeedRetention {
 public:
  // Starts compacting `store`'s feed to `retention` (which must be positive), never past
  // oldest_needed() (the lowest cursor this process's followers have applied; storage::kWholeFeed
  // for none).
  static std::unique_ptr<FeedRetention> Start(storage::Store& store, absl::Duration retention,
                                              std::function<uint64_t()> oldest_needed);
  // Stops the thread; a compaction in progress completes first.
  ~FeedRetention();

 private:
  FeedRetention(storage::Store& store, absl::Duration retention, std::function<uint64_t()> oldest_needed);
  void Run();

  storage::Store& store_;
  const absl::Duration retention_;
  const std::function<uint64_t()> oldest_needed_;
  absl::Mutex mu_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_FEED_RETENTION_H_
