// Delegations at negotiation rounds in the store, keyed by resource name
// (processes/{process}/rounds/{round}/delegations/{delegation}), so that the delegations of one round
// are one key-prefix scan, in id order.
//
// A delegation is written whole (Put replaces it). The store keeps what it is given; validation (and
// checking that the round exists) is the caller's. It maintains the output-only fields: etag (the row
// version) and update_time. Delegations are not erased.
//
// Thread safety: safe for concurrent use; every write is one atomic, durable (WAL-synced) Store
// transaction.
#ifndef WPS_STORAGE_DELEGATION_STORE_H_
#define WPS_STORAGE_DELEGATION_STORE_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/store.h"
#include "wps/balance/v1/resources.pb.h"

namespace wps::storage {

class DelegationStore {
 public:
  using Delegation = ::wps::balance::v1::Delegation;

  explicit DelegationStore(Store& store) : store_(store) {}

  // Writes `delegation` under delegation.name, creating it or replacing the stored one, and returns it
  // as stored: etag set to the new row version, update_time to the commit time. ABORTED when
  // `expected_etag` is set and the stored etag differs from it or nothing is stored under the name
  // (an etag can only come from a stored version).
  absl::StatusOr<Delegation> Put(const Delegation& delegation, absl::string_view expected_etag);

  // NOT_FOUND when absent.
  absl::StatusOr<Delegation> Get(absl::string_view name) const;

  // Visits the delegations of `round` ("processes/{p}/rounds/{r}") whose names sort after
  // `start_after`, in name (= id) order, until `visit` returns false.
  absl::Status ScanRound(absl::string_view round, absl::string_view start_after,
                         absl::FunctionRef<bool(Delegation&& delegation)> visit) const;

  // Visits every delegation of every round, in name order, until `visit` returns false.
  absl::Status ScanAll(absl::FunctionRef<bool(Delegation&& delegation)> visit) const;

  // Parses a row of the delegations table (as a feed Change carries it) and sets its etag. DATA_LOSS
  // when it does not parse.
  static absl::StatusOr<Delegation> Decode(absl::string_view key, const VersionedValue& row);

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_DELEGATION_STORE_H_
