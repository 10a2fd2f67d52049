// Negotiation rounds of peace processes in the store, keyed by resource name
// (processes/{process}/rounds/{round}), so that the rounds of one process are one key-prefix scan.
//
// The store keeps what it is given; validation (and checking that the process exists) is the
// caller's. It sets create_time. Rounds are written once and never changed or erased.
//
// Thread safety: safe for concurrent use; every write is one atomic, durable (WAL-synced) Store
// transaction.
#ifndef WPS_STORAGE_ROUND_STORE_H_
#define WPS_STORAGE_ROUND_STORE_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/store.h"
#include "wps/balance/v1/resources.pb.h"

namespace wps::storage {

class RoundStore {
 public:
  using Round = ::wps::balance::v1::Round;

  explicit RoundStore(Store& store) : store_(store) {}

  // Writes a new record under round.name with create_time set to the commit time (whatever the
  // argument held). ALREADY_EXISTS when the name is taken.
  absl::StatusOr<Round> Create(const Round& round);

  // NOT_FOUND when absent.
  absl::StatusOr<Round> Get(absl::string_view name) const;

  // Visits the rounds of `process` ("processes/{process}") whose names sort after `start_after`, in
  // name (not round) order, until `visit` returns false.
  absl::Status ScanProcess(absl::string_view process, absl::string_view start_after,
                           absl::FunctionRef<bool(Round&& round)> visit) const;

  // Visits every round of every process, in name order, until `visit` returns false.
  absl::Status ScanAll(absl::FunctionRef<bool(Round&& round)> visit) const;

  // Parses a row of the rounds table (as a feed Change carries it). DATA_LOSS when it does not parse.
  static absl::StatusOr<Round> Decode(absl::string_view key, const VersionedValue& row);

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_ROUND_STORE_H_
