#include "storage/network_store.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "google/protobuf/util/time_util.h"

namespace wps::storage {
namespace {

using Network = ::wps::roster::v1::Network;

absl::StatusOr<Network> Decode(absl::string_view key, const VersionedValue& row) {
  Network network;
  if (!network.ParseFromString(row.value)) {
    return absl::DataLossError(absl::StrCat("stored network ", key, " does not parse"));
  }
  return network;
}

}  // namespace

absl::StatusOr<Network> NetworkStore::Create(const Network& network) {
  Network written = network;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    absl::StatusOr<VersionedValue> existing = txn.Get(Table::kNetworks, network.name());
    if (existing.ok()) return absl::AlreadyExistsError(absl::StrCat(network.name(), " already exists"));
    if (!absl::IsNotFound(existing.status())) return existing.status();
    *written.mutable_create_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(txn.now()));
    txn.Put(Table::kNetworks, written.name(), written.SerializeAsString());
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Network> NetworkStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kNetworks, name));
  return Decode(name, row);
}

absl::Status NetworkStore::Scan(absl::string_view start_after,
                                absl::FunctionRef<bool(Network&& network)> visit) const {
  absl::Status decode_status;
  WPS_RETURN_IF_ERROR(store_.Scan(Table::kNetworks, "networks/", start_after,
                                  [&](absl::string_view key, const VersionedValue& row) {
                                    absl::StatusOr<Network> network = Decode(key, row);
                                    if (!network.ok()) {
                                      decode_status = network.status();
                                      return false;
                                    }
                                    return visit(*std::move(network));
                                  }));
  return decode_status;
}

}  // namespace wps::storage
