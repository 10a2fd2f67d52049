// Network records in the store, keyed by resource name (networks/{network}). Networks are created and
// read, never deleted: mediator records name them.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_STORAGE_NETWORK_STORE_H_
#define WPS_STORAGE_NETWORK_STORE_H_

#include "absl/strings/string_view.h"

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "storage/store.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::storage {

class NetworkStore {
 public:
  using Network = ::wps::roster::v1::Network;

  explicit NetworkStore(Store& store) : store_(store) {}

  // Writes a new record under network.name, setting create_time. ALREADY_EXISTS when taken.
  absl::StatusOr<Network> Create(const Network& network);
  // NOT_FOUND when absent.
  absl::StatusOr<Network> Get(absl::string_view name) const;
  // Visits networks sorting after `start_after`, in name order, until `visit` returns false.
  absl::Status Scan(absl::string_view start_after, absl::FunctionRef<bool(Network&& network)> visit) const;

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_NETWORK_STORE_H_
