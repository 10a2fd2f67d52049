// Keeps a BalanceModel of every process's rounds and delegations current with the store: loads it from
// the processes, rounds and delegations tables at start, then applies the change feed of those three
// tables on a background thread ("wps-balance"). Following the feed rather than the balance service's
// own writes also catches processes edited through MatchingService (target, countries, names).
//
// Read your writes: AwaitCurrent() returns once every change committed before the call is in the
// model, so a read that calls it first sees every write acknowledged before it arrived.
//
// Thread safety: safe for concurrent use. Readers share a reader lock (Read()); the feed thread takes
// the writer lock for each page of changes it applies.
#ifndef WPS_SERVICES_BALANCE_BALANCE_CATALOG_H_
#define WPS_SERVICES_BALANCE_BALANCE_CATALOG_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/balance/balance_model.h"
#include "storage/store.h"

namespace wps::balance {

struct CatalogLoadStats {
  size_t processes = 0;
  size_t rounds = 0;
  size_t delegations = 0;
  absl::Duration elapsed;
};

class BalanceCatalog {
 public:
  // Loads every process, round and delegation of `store` (which must outlive the catalog), then starts
  // following the feed. The store's read errors as is; DATA_LOSS for a row that does not parse;
  // INVALID_ARGUMENT for a row whose key is not a resource name of its table.
  static absl::StatusOr<std::unique_ptr<BalanceCatalog>> Start(storage::Store& store);

  // Stops the thread.
  ~BalanceCatalog();

  // Waits until the model holds every change committed before the call. DEADLINE_EXCEEDED when
  // `deadline` passes first; UNAVAILABLE when following failed (a row could not be read or parsed).
  absl::Status AwaitCurrent(absl::Time deadline) const;

  // Calls read(const BalanceModel&) under the reader lock and returns its result. `read` must not keep
  // references into the model past its return.
  template <typename Reader>
  auto Read(Reader&& read) const {
    absl::ReaderMutexLock lock(&model_mu_);
    return std::forward<Reader>(read)(model_);
  }

  // The feed cursor the model has applied.
  uint64_t applied_cursor() const;
  // The feed entries after this cursor are still to be read (the feed must keep them):
  // applied_cursor() while a change of its tables waits, storage::kWholeFeed when it holds them all.
  uint64_t oldest_cursor_needed() const;
  const CatalogLoadStats& load_stats() const { return load_stats_; }
  // The model's estimate of its heap bytes (BalanceModel::MemoryBytes).
  size_t MemoryBytes() const;

 private:
  explicit BalanceCatalog(storage::Store& store) : store_(store) {}
  absl::Status Load();
  void Follow();
  absl::Status ApplyNextPage();

  storage::Store& store_;
  mutable absl::Mutex model_mu_;
  BalanceModel model_ ABSL_GUARDED_BY(model_mu_);
  CatalogLoadStats load_stats_;
  mutable absl::Mutex mu_;
  uint64_t applied_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_CATALOG_H_
