// Keeps a MediatorIndex current with the store: builds it from every mediator record at start, then
// applies the change feed on a background thread ("wps-index").
//
// Read your writes: AwaitCurrent() returns once every change committed before the call is in the index,
// so a search or shortlist that calls it first sees every write acknowledged before it arrived.
//
// Thread safety: safe for concurrent use. The index itself is read through MediatorIndex::Read().
#ifndef WPS_SERVICES_SEARCH_INDEX_FOLLOWER_H_
#define WPS_SERVICES_SEARCH_INDEX_FOLLOWER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/search/mediator_index.h"
#include "storage/store.h"

namespace wps::search {

struct IndexBuildStats {
  uint64_t records = 0;  // live records indexed
  absl::Duration elapsed;
};

class IndexFollower {
 public:
  // Indexes every mediator record of `store` (which must outlive the follower), then starts following
  // the feed. The store's read errors as is (DATA_LOSS for a record that does not parse).
  static absl::StatusOr<std::unique_ptr<IndexFollower>> Start(storage::Store& store);

  // Stops the thread.
  ~IndexFollower();

  // Waits until the index holds every change committed before the call. DEADLINE_EXCEEDED when
  // `deadline` passes first; UNAVAILABLE when following failed (the store could not be read).
  absl::Status AwaitCurrent(absl::Time deadline) const;

  MediatorIndex& index() { return index_; }
  const MediatorIndex& index() const { return index_; }
  // The feed cursor the index has applied.
  uint64_t applied_cursor() const;
  const IndexBuildStats& build_stats() const { return build_stats_; }

 private:
  explicit IndexFollower(storage::Store& store) : store_(store) {}
  absl::Status Build();
  void Follow();
  absl::Status ApplyNextPage();

  storage::Store& store_;
  MediatorIndex index_;
  IndexBuildStats build_stats_;
  mutable absl::Mutex mu_;
  uint64_t applied_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_INDEX_FOLLOWER_H_
