#include "services/search/index_follower.h"

#include <pthread.h>

#include <utility>

#include "base/log.h"
#include "base/status_macros.h"
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

absl::StatusOr<std::unique_ptr<IndexFollower>> IndexFollower::Start(storage::Store& store) {
  std::unique_ptr<IndexFollower> follower(new IndexFollower(store));
  WPS_RETURN_IF_ERROR(follower->Build());
  follower->thread_ = std::thread([raw = follower.get()] { raw->Follow(); });
  return follower;
}

IndexFollower::~IndexFollower() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::Status IndexFollower::Build() {
  const absl::Time start = absl::Now();
  // Changes committed after this cursor are applied by Follow(); applying one the scan already saw is
  // harmless (versions only move forward).
  const uint64_t head = store_.FeedHead();
  absl::Status decode_status;
  uint64_t records = 0;
  WPS_RETURN_IF_ERROR(index_.Write([&](MediatorIndex& index) {
    absl::Status status = store_.Scan(
        storage::Table::kMediators, "", "",
        [&](absl::string_view key, const storage::VersionedValue& row) {
          absl::StatusOr<Mediator> mediator = storage::MediatorStore::Decode(key, row);
          if (!mediator.ok()) {
            decode_status = mediator.status();
            return false;
          }
          records += mediator->has_delete_time() ? 0 : 1;
          index.Upsert(*mediator, row.version);
          return true;
        });
    index.Compact();
    return status;
  }));
  WPS_RETURN_IF_ERROR(decode_status);
  absl::MutexLock lock(&mu_);
  applied_ = head;
  build_stats_ = IndexBuildStats{records, absl::Now() - start};
  return absl::OkStatus();
}

void IndexFollower::Follow() {
  pthread_setname_np(pthread_self(), "wps-index");
  while (!stopping_) {
    const uint64_t applied = applied_cursor();
    if (store_.WaitForChangeAfter(applied, absl::Now() + kPollInterval) <= applied) continue;
    absl::Status status = ApplyNextPage();
    if (!status.ok()) {
      LogError("search index stopped following the change feed: " + status.ToString());
      absl::MutexLock lock(&mu_);
      failure_ = status;
      return;
    }
  }
}

absl::Status IndexFollower::ApplyNextPage() {
  const uint64_t applied = applied_cursor();
  WPS_ASSIGN_OR_RETURN(storage::FeedPage page, store_.ReadSince(applied, kFeedPageSize));
  absl::Status status;
  index_.Write([&](MediatorIndex& index) {
    for (const storage::Change& change : page.changes) ApplyChange(change, index, status);
  });
  WPS_RETURN_IF_ERROR(status);
  absl::MutexLock lock(&mu_);
  applied_ = page.next_cursor;
  return absl::OkStatus();
}

uint64_t IndexFollower::applied_cursor() const {
  absl::MutexLock lock(&mu_);
  return applied_;
}

absl::Status IndexFollower::AwaitCurrent(absl::Time deadline) const {
  const uint64_t head = store_.FeedHead();
  absl::MutexLock lock(&mu_);
  auto caught_up = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return applied_ >= head || !failure_.ok(); };
  if (!mu_.AwaitWithDeadline(absl::Condition(&caught_up), deadline)) {
    return absl::DeadlineExceededError("the search index is still catching up with recent writes");
  }
  if (!failure_.ok()) return absl::UnavailableError("the search index is not following the roster");
  return absl::OkStatus();
}

}  // namespace wps::search
