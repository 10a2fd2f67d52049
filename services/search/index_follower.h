// Keeps a MediatorIndex current with the store: at start it loads the index snapshot (index_snapshot.h)
// and applies the feed's changes since, or, without a usable snapshot, builds the index from every
// mediator record; then it applies the change feed on a background thread ("wps-index").
//
// With a snapshot path, the follower saves a snapshot after a full build, after every
// `snapshot_every_changes` mediator changes, and when it is destroyed (at shutdown), each time written
// from its own thread while the index is not being written, then synced on another while it goes on
// applying changes (a sync of a million records' snapshot takes about a second).
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
#include <string>
#include <utility>
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
  bool from_snapshot = false;
  uint64_t replayed_changes = 0;  // mediator changes applied after the snapshot's cursor
};

struct IndexFollowerOptions {
  // Where the index snapshot is kept (Store's data dir / kIndexSnapshotFile); empty: no snapshot, the
  // index is built from every record at each start.
  std::string snapshot_path;
  uint64_t snapshot_every_changes = 200000;
};

class IndexFollower {
 public:
  // Indexes every mediator record of `store` (which must outlive the follower), then starts following
  // the feed. The store's read errors as is (DATA_LOSS for a record that does not parse).
  // A snapshot that cannot be used (another store, corrupt, another format) is logged and replaced by a
  // full build.
  static absl::StatusOr<std::unique_ptr<IndexFollower>> Start(storage::Store& store,
                                                               IndexFollowerOptions options = {});

  // Stops the thread, then saves a snapshot if the index changed since the last one.
  ~IndexFollower();

  // Waits until the index holds every change committed before the call. DEADLINE_EXCEEDED when
  // `deadline` passes first; UNAVAILABLE when following failed (the store could not be read).
  absl::Status AwaitCurrent(absl::Time deadline) const;

  // For erasure: returns once the index holds every mediator change committed before the call and a
  // snapshot of it has replaced the file on disk (so no erased record stays in it); at once when
  // there is no snapshot path. DEADLINE_EXCEEDED when `deadline` passes first; UNAVAILABLE when
  // following failed.
  absl::Status RewriteSnapshot(absl::Time deadline);

  MediatorIndex& index() { return *index_; }
  const MediatorIndex& index() const { return *index_; }
  // The feed cursor the index has applied.
  uint64_t applied_cursor() const;
  // The feed entries after this cursor are still to be read (the feed must keep them):
  // applied_cursor() while a mediator change waits, storage::kWholeFeed when the index holds them all.
  uint64_t oldest_cursor_needed() const;
  const IndexBuildStats& build_stats() const { return build_stats_; }

 private:
  IndexFollower(storage::Store& store, IndexFollowerOptions options)
      : store_(store), options_(std::move(options)), index_(std::make_unique<MediatorIndex>()) {}
  // Loads the snapshot and catches up with the feed; false (index reset) when there is no usable one.
  bool LoadSnapshot();
  absl::Status Build();
  void Follow();
  // Applies up to a page of changes after applied_cursor(); returns how many were mediator changes.
  absl::StatusOr<size_t> ApplyNextPage();
  // Saves a snapshot at applied_cursor() if there are changes since the last one: written under the
  // index's read lock, synced and renamed on snapshot_commit_; logs failures.
  void SaveSnapshotIfChanged();
  void JoinSnapshotCommit();
  // On the follower's thread: serves RewriteSnapshot's request once the index has applied its
  // cursor.
  void RewriteSnapshotIfRequested();

  storage::Store& store_;
  const IndexFollowerOptions options_;
  std::unique_ptr<MediatorIndex> index_;
  IndexBuildStats build_stats_;
  // Touched by the follower's thread only (and by the constructor and destructor around it).
  uint64_t changes_since_snapshot_ = 0;
  bool snapshot_stale_ = false;
  mutable absl::Mutex mu_;
  uint64_t applied_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  // RewriteSnapshot: the cursor a snapshot must hold, and the cursor of the last one rewritten for
  // it.
  uint64_t rewrite_wanted_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t rewritten_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  // Syncs and renames the last snapshot written (SaveSnapshotIfChanged); joined before the next.
  std::thread snapshot_commit_;
  // Whether snapshot_commit_'s last commit failed (read after joining it).
  std::atomic<bool> last_commit_failed_{false};
};

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_INDEX_FOLLOWER_H_
