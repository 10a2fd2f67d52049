#include "services/balance/balance_catalog.h"

#include <pthread.h>

#include <algorithm>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "storage/delegation_store.h"
#include "storage/process_store.h"
#include "storage/proto_rows.h"
#include "storage/round_store.h"

namespace wps::balance {
namespace {

using ::wps::matching::v1::PeaceProcess;

constexpr size_t kFeedPageSize = 2000;
// How long the thread blocks on the feed before looking at the stop flag again.
constexpr absl::Duration kPollInterval = absl::Milliseconds(200);
constexpr storage::Table kFollowedTables[] = {storage::Table::kProcesses, storage::Table::kRounds,
                                              storage::Table::kDelegations};

absl::Status ApplyErase(const storage::Change& change, BalanceModel& model) {
  switch (change.table) {
    case storage::Table::kProcesses:
      return model.EraseProcess(change.key);
    case storage::Table::kRounds:
      return model.EraseRound(change.key);
    case storage::Table::kDelegations:
      return model.EraseDelegation(change.key);
    default:
      return absl::OkStatus();
  }
}

absl::Status ApplyPut(const storage::Change& change, BalanceModel& model) {
  const storage::VersionedValue row{change.value, change.cursor};
  switch (change.table) {
    case storage::Table::kProcesses: {
      WPS_ASSIGN_OR_RETURN(PeaceProcess process, storage::ParseRow<PeaceProcess>(change.key, row));
      return model.ApplyProcess(process);
    }
    case storage::Table::kRounds: {
      WPS_ASSIGN_OR_RETURN(v1::Round round, storage::RoundStore::Decode(change.key, row));
      return model.ApplyRound(round);
    }
    case storage::Table::kDelegations: {
      WPS_ASSIGN_OR_RETURN(v1::Delegation delegation,
                           storage::DelegationStore::Decode(change.key, row));
      return model.ApplyDelegation(delegation, change.cursor);
    }
    default:
      return absl::OkStatus();
  }
}

absl::Status ApplyChange(const storage::Change& change, BalanceModel& model) {
  return change.kind == storage::ChangeKind::kErase ? ApplyErase(change, model)
                                                    : ApplyPut(change, model);
}

}  // namespace

absl::StatusOr<std::unique_ptr<BalanceCatalog>> BalanceCatalog::Start(storage::Store& store) {
  std::unique_ptr<BalanceCatalog> catalog(new BalanceCatalog(store));
  WPS_RETURN_IF_ERROR(catalog->Load());
  catalog->thread_ = std::thread([raw = catalog.get()] { raw->Follow(); });
  return catalog;
}

BalanceCatalog::~BalanceCatalog() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::Status BalanceCatalog::Load() {
  const absl::Time start = absl::Now();
  // Changes committed after this cursor are applied by Follow(); applying one a scan already saw is
  // harmless (the model keeps the newest version). The tables are scanned parents first, so that a
  // child seldom waits for its parent.
  const uint64_t head = store_.FeedHead();
  absl::MutexLock lock(&model_mu_);
  absl::Status apply;
  auto keep_going = [&](absl::Status status) {
    apply.Update(status);
    return apply.ok();
  };
  WPS_RETURN_IF_ERROR(storage::ProcessStore(store_).Scan(
      "", [&](PeaceProcess&& process) { return keep_going(model_.ApplyProcess(process)); }));
  WPS_RETURN_IF_ERROR(apply);
  WPS_RETURN_IF_ERROR(storage::RoundStore(store_).ScanAll(
      [&](v1::Round&& round) { return keep_going(model_.ApplyRound(round)); }));
  WPS_RETURN_IF_ERROR(apply);
  WPS_RETURN_IF_ERROR(storage::DelegationStore(store_).ScanAll([&](v1::Delegation&& delegation) {
    uint64_t version = 0;  // the etag is the row version (DelegationStore::Decode)
    if (!absl::SimpleAtoi(delegation.etag(), &version)) {
      return keep_going(absl::DataLossError(absl::StrCat(delegation.name(), " has no version")));
    }
    return keep_going(model_.ApplyDelegation(delegation, version));
  }));
  WPS_RETURN_IF_ERROR(apply);
  model_.Compact();
  load_stats_ = CatalogLoadStats{model_.processes().size(), model_.round_count(),
                                 model_.delegation_count(), absl::Now() - start};
  absl::MutexLock applied_lock(&mu_);
  applied_ = head;
  return absl::OkStatus();
}

void BalanceCatalog::Follow() {
  pthread_setname_np(pthread_self(), "wps-balance");
  while (!stopping_) {
    const uint64_t applied = applied_cursor();
    if (store_.WaitForTableChangeAfter(kFollowedTables, applied, absl::Now() + kPollInterval) <= applied) {
      continue;
    }
    absl::Status status = ApplyNextPage();
    if (!status.ok()) {
      LogError("balance catalog stopped following the change feed: " + status.ToString());
      absl::MutexLock lock(&mu_);
      failure_ = status;
      return;
    }
  }
}

absl::Status BalanceCatalog::ApplyNextPage() {
  const uint64_t applied = applied_cursor();
  WPS_ASSIGN_OR_RETURN(storage::FeedPage page,
                       store_.ReadTablesSince(kFollowedTables, applied, kFeedPageSize));
  if (!page.changes.empty()) {  // other tables' writes only move the cursor: no lock taken
    absl::MutexLock lock(&model_mu_);
    for (const storage::Change& change : page.changes) {
      WPS_RETURN_IF_ERROR(ApplyChange(change, model_));
    }
  }
  absl::MutexLock lock(&mu_);
  applied_ = page.next_cursor;
  return absl::OkStatus();
}

uint64_t BalanceCatalog::applied_cursor() const {
  absl::MutexLock lock(&mu_);
  return applied_;
}

uint64_t BalanceCatalog::oldest_cursor_needed() const {
  return storage::OldestCursorNeeded(store_, kFollowedTables, applied_cursor());
}

absl::Status BalanceCatalog::AwaitCurrent(absl::Time deadline) const {
  // Only the followed tables matter: mediator imports and stored shortlists must not hold up a read.
  uint64_t head = 0;
  for (storage::Table table : kFollowedTables) head = std::max(head, store_.TableHead(table));
  absl::MutexLock lock(&mu_);
  auto caught_up = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return applied_ >= head || !failure_.ok();
  };
  if (!mu_.AwaitWithDeadline(absl::Condition(&caught_up), deadline)) {
    return absl::DeadlineExceededError("the balance catalog is still catching up with recent writes");
  }
  if (!failure_.ok()) return absl::UnavailableError("the balance catalog is not following the store");
  return absl::OkStatus();
}

size_t BalanceCatalog::MemoryBytes() const {
  absl::ReaderMutexLock lock(&model_mu_);
  return model_.MemoryBytes();
}

}  // namespace wps::balance
