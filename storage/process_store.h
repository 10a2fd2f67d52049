// Peace-process records in the store, keyed by resource name (processes/{process}).
//
// The store keeps what it is given; validation is the caller's. It maintains the output-only
// fields: etag (the row version), create_time and update_time. Processes are not deleted.
//
// Thread safety: safe for concurrent use; every write is one atomic, durable Store transaction.
#ifndef WPS_STORAGE_PROCESS_STORE_H_
#define WPS_STORAGE_PROCESS_STORE_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/store.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::storage {

class ProcessStore {
 public:
  using PeaceProcess = ::wps::matching::v1::PeaceProcess;

  explicit ProcessStore(Store& store) : store_(store) {}

  // Writes a new record under process.name, setting etag, create_time and update_time (whatever the
  // argument held in them). ALREADY_EXISTS when the name is taken.
  absl::StatusOr<PeaceProcess> Create(const PeaceProcess& process);

  // NOT_FOUND when absent.
  absl::StatusOr<PeaceProcess> Get(absl::string_view name) const;

  // Applies `mutate` to the stored record and writes the result; the name and create_time are kept
  // whatever `mutate` does to them. NOT_FOUND when absent; ABORTED when `expected_etag` is set and
  // differs from the stored etag; `mutate`'s error as is (nothing is written then).
  absl::StatusOr<PeaceProcess> Update(absl::string_view name, absl::string_view expected_etag,
                                      absl::FunctionRef<absl::Status(PeaceProcess&)> mutate);

  // Visits records sorting after `start_after`, in name order, until `visit` returns false.
  absl::Status Scan(absl::string_view start_after,
                    absl::FunctionRef<bool(PeaceProcess&& process)> visit) const;

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_PROCESS_STORE_H_
