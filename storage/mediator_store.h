// Mediator records in the store, keyed by resource name (networks/{network}/mediators/{mediator}).
//
// The store keeps what it is given; validation is the caller's. It maintains the output-only fields:
// etag (the row version), create_time, update_time and delete_time. A soft-deleted record stays in the
// store with delete_time set until it is undeleted. Every write also records, in the share history,
// which partner networks the record's consent covers, so that a partner that was ever sent a record is
// told when it leaves its view (and one that never was learns nothing of it).
//
// Thread safety: safe for concurrent use; every write is one atomic, durable Store transaction.
#ifndef WPS_STORAGE_MEDIATOR_STORE_H_
#define WPS_STORAGE_MEDIATOR_STORE_H_

#include "absl/strings/string_view.h"
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "storage/store.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::storage {

class MediatorStore {
 public:
  using Mediator = ::wps::roster::v1::Mediator;

  explicit MediatorStore(Store& store) : store_(store) {}

  // Writes a new record under mediator.name. ALREADY_EXISTS when the name is taken, by a deleted record
  // too.
  absl::StatusOr<Mediator> Create(const Mediator& mediator);

  // NOT_FOUND when absent, or when deleted unless `include_deleted`.
  absl::StatusOr<Mediator> Get(absl::string_view name, bool include_deleted = false) const;

  // Get for each of `names` (deleted records included), in order, in one batched lookup.
  std::vector<absl::StatusOr<Mediator>> GetMany(absl::Span<const std::string> names) const;

  // Applies `mutate` to the live record and writes the result. NOT_FOUND when absent or deleted;
  // ABORTED when `expected_etag` is set and differs from the stored etag; `mutate`'s error as is.
  absl::StatusOr<Mediator> Update(absl::string_view name, absl::string_view expected_etag,
                                  absl::FunctionRef<absl::Status(Mediator&)> mutate);

  // Sets delete_time. NOT_FOUND when absent or already deleted; ABORTED on an etag mismatch.
  absl::StatusOr<Mediator> SoftDelete(absl::string_view name, absl::string_view expected_etag);

  // Erases the record (live or soft-deleted) for good; its share history stays, so that partners
  // that may hold a copy are sent a DELETE. NOT_FOUND when absent; ABORTED on an etag mismatch.
  absl::Status Purge(absl::string_view name, absl::string_view expected_etag);

  // Clears delete_time. NOT_FOUND when absent; FAILED_PRECONDITION when not deleted.
  absl::StatusOr<Mediator> Undelete(absl::string_view name);

  enum class UpsertOutcome { kCreated, kUpdated, kUnchanged };
  // For each record of `records`, calls merge(stored record or nullptr, record), which turns `record`
  // into what is to be written, and writes it under the record's original name; a deleted record is
  // revived. A result equal to the stored record is not rewritten. All in one transaction: either every
  // record is written or none. The records are consumed (left in an unspecified state). Returns one
  // outcome per record, in order.
  absl::StatusOr<std::vector<UpsertOutcome>> UpsertAll(
      absl::Span<Mediator> records,
      absl::FunctionRef<void(const Mediator* stored, Mediator& record)> merge);

  // Visits, in name order, records whose name starts with `prefix` and sorts after `start_after`,
  // skipping deleted ones unless `include_deleted`, until `visit` returns false.
  absl::Status Scan(absl::string_view prefix, absl::string_view start_after, bool include_deleted,
                    absl::FunctionRef<bool(Mediator&& mediator)> visit) const;

  // True when the consent of the record `name` has covered `network` in any version ever written here
  // (share_all included), even if it no longer does or the record is deleted: a partner network that
  // may hold a copy. False for a record never shared, or absent.
  absl::StatusOr<bool> WasEverSharedWith(absl::string_view name, absl::string_view network) const;

  // Records the share history of every stored record once, for a store written before the history
  // existed (a marker row says it is done); later writes keep it. Returns how many records it
  // recorded (0 when already done). Errors of the store as they are.
  absl::StatusOr<int64_t> BackfillShareHistory();

  // Parses a row of the mediators table (as a feed Change carries it) and sets its etag.
  static absl::StatusOr<Mediator> Decode(absl::string_view key, const VersionedValue& row);

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_MEDIATOR_STORE_H_
