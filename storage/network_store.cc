#include "storage/network_store.h"

#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {

using Network = ::wps::roster::v1::Network;

absl::StatusOr<Network> NetworkStore::Create(const Network& network) {
  Network written = network;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_RETURN_IF_ERROR(CheckAbsent(txn, Table::kNetworks, network.name()));
    *written.mutable_create_time() = ToTimestamp(txn.now());
    txn.Put(Table::kNetworks, written.name(), written.SerializeAsString());
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Network> NetworkStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kNetworks, name));
  return ParseRow<Network>(name, row);
}

absl::Status NetworkStore::Scan(absl::string_view start_after,
                                absl::FunctionRef<bool(Network&& network)> visit) const {
  return ScanRows<Network>(store_, Table::kNetworks, "networks/", start_after, ParseRow<Network>,
                           visit);
}

}  // namespace wps::storage
