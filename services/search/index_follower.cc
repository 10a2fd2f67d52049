#include "services/search/index_follower.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "services/search/index_snapshot.h"
#include "storage/mediator_store.h"

namespace wps::search {
namespace {

using ::wps::roster::v1::Mediator;

constexpr size_t kFeedPageSize = 2000;
// How long the thread blocks on the feed before looking at the stop flag again.
constexpr absl::Duration kPollInterval = absl::Milliseconds(200);

void ApplyChange(const storage::Change& change, MediatorIndex& index, absl::Status& status) {
  if (change.table != storage::Table::kMediators) return;
  if (change.kind == storage::ChangeKind::kErase) {
    index.Erase(change.key, change.cursor);
    return;
  }
  absl::StatusOr<Mediator> mediator =
      storage::MediatorStore::Decode(change.key, storage::VersionedValue{change.value, change.cursor});
  if (!mediator.ok()) {
    status.Update(mediator.status());
    return;
  }
  index.Upsert(*mediator, change.cursor);
}

}  // namespace

absl::StatusOr<std::unique_ptr<IndexFollower>> IndexFollower::Start(storage::Store& store,
                                                                     IndexFollowerOptions options) {
  std::unique_ptr<IndexFollower> follower(new IndexFollower(store, std::move(options)));
  if (!follower->LoadSnapshot()) WPS_RETURN_IF_ERROR(follower->Build());
  follower->thread_ = std::thread([raw = follower.get()] { raw->Follow(); });
  return follower;
}

IndexFollower::~IndexFollower() {
  stopping_ = true;
  if (!thread_.joinable()) {  // Start failed: nothing worth saving
    JoinSnapshotCommit();
    return;
  }
  thread_.join();
  bool following = false;
  {
    absl::MutexLock lock(&mu_);
    following = failure_.ok();
  }
  if (following) SaveSnapshotIfChanged();
  JoinSnapshotCommit();
}

bool IndexFollower::LoadSnapshot() {
  if (options_.snapshot_path.empty()) return false;
  const absl::Time start = absl::Now();
  const uint64_t head = store_.FeedHead();
  absl::StatusOr<uint64_t> cursor = LoadIndexSnapshot(options_.snapshot_path, store_.Identity(), head, *index_);
  absl::Status status = cursor.status();
  uint64_t replayed = 0;
  if (status.ok()) {
    {
      absl::MutexLock lock(&mu_);
      applied_ = *cursor;
    }
    while (status.ok() && applied_cursor() < head) {
      absl::StatusOr<size_t> applied = ApplyNextPage();
      status = applied.status();
      replayed += applied.value_or(0);
    }
  }
  if (!status.ok()) {
    if (!absl::IsNotFound(status)) LogWarning("search index snapshot not used, rebuilding: " + status.ToString());
    index_ = std::make_unique<MediatorIndex>();
    absl::MutexLock lock(&mu_);
    applied_ = 0;
    return false;
  }
  const uint64_t records = index_->Read([](const MediatorIndex& index) { return index.live().cardinality(); });
  build_stats_ = IndexBuildStats{records, absl::Now() - start, /*from_snapshot=*/true, replayed};
  changes_since_snapshot_ = replayed;
  return true;
}

void IndexFollower::SaveSnapshotIfChanged() {
  if (options_.snapshot_path.empty() || (!snapshot_stale_ && changes_since_snapshot_ == 0)) return;
  JoinSnapshotCommit();  // one file at a time
  const absl::Time start = absl::Now();
  const uint64_t cursor = applied_cursor();
  const std::string identity = store_.Identity();
  absl::StatusOr<std::unique_ptr<SnapshotWriter>> written = index_->Read([&](const MediatorIndex& index) {
    return WriteIndexSnapshot(index, cursor, identity, options_.snapshot_path);
  });
  if (!written.ok()) {
    LogWarning("could not save the search index snapshot: " + written.status().ToString());
    return;
  }
  snapshot_stale_ = false;
  changes_since_snapshot_ = 0;
  // Syncing a file of a few hundred megabytes takes a second or so: done beside the follower, which
  // meanwhile keeps applying changes (searches and shortlists wait for those).
  snapshot_commit_ = std::thread([this, writer = *std::move(written), cursor, start]() {
    const absl::Status committed = writer->Commit();
    last_commit_failed_ = !committed.ok();
    if (!committed.ok()) {
      LogWarning("could not save the search index snapshot: " + committed.ToString());
      return;
    }
    LogInfo(absl::StrCat("search index snapshot saved at cursor ", cursor, " in ",
                         absl::FormatDuration(absl::Now() - start)));
  });
}

void IndexFollower::JoinSnapshotCommit() {
  if (snapshot_commit_.joinable()) snapshot_commit_.join();
}

namespace {

// Records read, parsed and folded on the scanning thread, ready for the index.
struct PreparedRecord {
  Mediator mediator;
  uint64_t version = 0;
  MediatorIndex::ResolvedRecord resolved;
};
using PreparedBatch = std::vector<PreparedRecord>;

constexpr size_t kBuildBatch = 512;
constexpr size_t kBuildQueueDepth = 8;

// A bounded hand-off from the scanning thread to the indexing one.
class BatchQueue {
 public:
  // Blocks while the queue is full. False once the consumer has stopped.
  bool Push(PreparedBatch batch) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BatchQueue::HasRoomOrStopped));
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    return true;
  }
  // Blocks until a batch or the end; false at the end.
  bool Pop(PreparedBatch& batch) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BatchQueue::HasBatchOrClosed));
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    return true;
  }
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }
  void Stop() {
    absl::MutexLock lock(&mu_);
    stopped_ = true;
  }

 private:
  bool HasRoomOrStopped() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopped_ || batches_.size() < kBuildQueueDepth;
  }
  bool HasBatchOrClosed() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return closed_ || !batches_.empty(); }

  absl::Mutex mu_;
  std::deque<PreparedBatch> batches_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
};

// Scans every mediator row into `queue`, parsed, folded and resolved to posting ids (the dictionary half
// of the index, which the indexing thread does not touch during the build). Returns the scan's or a
// parse error.
absl::Status ScanInto(const storage::Store& store, MediatorIndex& index, BatchQueue& queue) {
  absl::Status status;
  PreparedBatch batch;
  absl::Status scan = store.Scan(storage::Table::kMediators, "", "",
                                 [&](absl::string_view key, const storage::VersionedValue& row) {
                                   absl::StatusOr<Mediator> mediator = storage::MediatorStore::Decode(key, row);
                                   if (!mediator.ok()) {
                                     status = mediator.status();
                                     return false;
                                   }
                                   MediatorIndex::ResolvedRecord resolved;
                                   if (!mediator->has_delete_time()) {
                                     resolved = index.Resolve(*mediator, FoldRecordText(*mediator));
                                   }
                                   batch.push_back(PreparedRecord{*std::move(mediator), row.version, std::move(resolved)});
                                   if (batch.size() < kBuildBatch) return true;
                                   return queue.Push(std::exchange(batch, {}));
                                 });
  if (!batch.empty()) queue.Push(std::move(batch));
  queue.Close();
  status.Update(scan);
  return status;
}

}  // namespace

absl::Status IndexFollower::Build() {
  const absl::Time start = absl::Now();
  // Changes committed after this cursor are applied by Follow(); applying one the scan already saw is
  // harmless (versions only move forward).
  const uint64_t head = store_.FeedHead();
  // Two threads: this one files records in the bitmaps while a second reads, parses, folds and
  // resolves the next ones (MediatorIndex::Resolve; the split is safe as nothing reads the index yet).
  BatchQueue queue;
  absl::Status scan_status;
  std::thread scanner([&] {
    pthread_setname_np(pthread_self(), "wps-index-scan");
    scan_status = ScanInto(store_, *index_, queue);
  });
  uint64_t records = 0;
  index_->Write([&](MediatorIndex& index) {
    PreparedBatch batch;
    while (queue.Pop(batch)) {
      for (PreparedRecord& record : batch) {
        records += record.mediator.has_delete_time() ? 0 : 1;
        index.UpsertResolved(record.mediator, record.version, std::move(record.resolved));
      }
    }
    index.Compact();
  });
  queue.Stop();
  scanner.join();
  WPS_RETURN_IF_ERROR(scan_status);
  absl::MutexLock lock(&mu_);
  applied_ = head;
  build_stats_ = IndexBuildStats{records, absl::Now() - start};
  snapshot_stale_ = true;
  return absl::OkStatus();
}

void IndexFollower::Follow() {
  pthread_setname_np(pthread_self(), "wps-index");
  if (snapshot_stale_) SaveSnapshotIfChanged();  // after a full build
  while (!stopping_) {
    const uint64_t applied = applied_cursor();
    // Woken by mediator writes only: stored shortlists and balance writes cost this thread nothing.
    constexpr storage::Table kFollowed[] = {storage::Table::kMediators};
    if (store_.WaitForTableChangeAfter(kFollowed, applied, absl::Now() + kPollInterval) > applied) {
      absl::StatusOr<size_t> changes = ApplyNextPage();
      if (!changes.ok()) {
        LogError("search index stopped following the change feed: " + changes.status().ToString());
        absl::MutexLock lock(&mu_);
        failure_ = changes.status();
        return;
      }
      changes_since_snapshot_ += *changes;
      if (changes_since_snapshot_ >= options_.snapshot_every_changes) SaveSnapshotIfChanged();
    }
    RewriteSnapshotIfRequested();
  }
}

void IndexFollower::RewriteSnapshotIfRequested() {
  uint64_t wanted = 0;
  {
    absl::MutexLock lock(&mu_);
    if (rewrite_wanted_ <= rewritten_ || applied_ < rewrite_wanted_) return;
    wanted = applied_;
  }
  snapshot_stale_ = true;
  SaveSnapshotIfChanged();
  JoinSnapshotCommit();  // the old file is replaced once the commit has renamed the new one
  // A snapshot that could not be written or committed must not keep what was erased: the next start
  // builds from the records instead.
  if (snapshot_stale_ || last_commit_failed_) std::remove(options_.snapshot_path.c_str());
  absl::MutexLock lock(&mu_);
  rewritten_ = wanted;
}

absl::Status IndexFollower::RewriteSnapshot(absl::Time deadline) {
  const uint64_t head = store_.TableHead(storage::Table::kMediators);
  absl::MutexLock lock(&mu_);
  if (options_.snapshot_path.empty()) return absl::OkStatus();
  rewrite_wanted_ = std::max(rewrite_wanted_, head);
  auto rewritten = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return rewritten_ >= head || !failure_.ok();
  };
  if (!mu_.AwaitWithDeadline(absl::Condition(&rewritten), deadline)) {
    return absl::DeadlineExceededError("the search index snapshot is still being rewritten");
  }
  if (!failure_.ok()) return absl::UnavailableError("the search index is not following the roster");
  return absl::OkStatus();
}

absl::StatusOr<size_t> IndexFollower::ApplyNextPage() {
  const uint64_t applied = applied_cursor();
  WPS_ASSIGN_OR_RETURN(storage::FeedPage page,
                       store_.ReadTableSince(storage::Table::kMediators, applied, kFeedPageSize));
  absl::Status status;
  if (!page.changes.empty()) {  // other tables' writes (shortlists) only move the cursor: no lock taken
    index_->Write([&](MediatorIndex& index) {
      for (const storage::Change& change : page.changes) ApplyChange(change, index, status);
    });
  }
  WPS_RETURN_IF_ERROR(status);
  absl::MutexLock lock(&mu_);
  applied_ = page.next_cursor;
  return page.changes.size();
}

uint64_t IndexFollower::applied_cursor() const {
  absl::MutexLock lock(&mu_);
  return applied_;
}

uint64_t IndexFollower::oldest_cursor_needed() const {
  constexpr storage::Table kFollowed[] = {storage::Table::kMediators};
  return storage::OldestCursorNeeded(store_, kFollowed, applied_cursor());
}

absl::Status IndexFollower::AwaitCurrent(absl::Time deadline) const {
  // Only mediator changes matter: a stored shortlist (another table) must not hold up the next request.
  const uint64_t head = store_.TableHead(storage::Table::kMediators);
  absl::MutexLock lock(&mu_);
  auto caught_up = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return applied_ >= head || !failure_.ok(); };
  if (!mu_.AwaitWithDeadline(absl::Condition(&caught_up), deadline)) {
    return absl::DeadlineExceededError("the search index is still catching up with recent writes");
  }
  if (!failure_.ok()) return absl::UnavailableError("the search index is not following the roster");
  return absl::OkStatus();
}

}  // namespace wps::search
