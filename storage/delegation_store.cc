#include "storage/delegation_store.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {

using Delegation = DelegationStore::Delegation;

namespace {

// OK when `expected_etag` is empty or names the version stored at `name`; ABORTED otherwise.
absl::Status CheckEtag(const WriteTransaction& txn, absl::string_view name,
                       absl::string_view expected_etag) {
  if (expected_etag.empty()) return absl::OkStatus();
  absl::StatusOr<VersionedValue> stored = txn.Get(Table::kDelegations, name);
  if (absl::IsNotFound(stored.status())) {
    return absl::AbortedError(absl::StrCat(name, " does not exist, but the request gave etag ",
                                           expected_etag, "; send no etag to create it"));
  }
  WPS_RETURN_IF_ERROR(stored.status());
  if (std::to_string(stored->version) != expected_etag) {
    return absl::AbortedError(absl::StrCat(name, " has changed (etag ", stored->version,
                                           ", request gave ", expected_etag, "); read it again"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Delegation> DelegationStore::Put(const Delegation& delegation,
                                                absl::string_view expected_etag) {
  Delegation written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_RETURN_IF_ERROR(CheckEtag(txn, delegation.name(), expected_etag));
    written = StageWithEtag(txn, Table::kDelegations, delegation);
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Delegation> DelegationStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kDelegations, name));
  return Decode(name, row);
}

absl::Status DelegationStore::ScanRound(absl::string_view round, absl::string_view start_after,
                                        absl::FunctionRef<bool(Delegation&& delegation)> visit) const {
  // The trailing "/delegations/" keeps rounds/r from matching the delegations of rounds/r-2.
  const std::string prefix = absl::StrCat(round, "/delegations/");
  return ScanRows<Delegation>(store_, Table::kDelegations, prefix, start_after, Decode, visit);
}

absl::Status DelegationStore::ScanAll(absl::FunctionRef<bool(Delegation&& delegation)> visit) const {
  return ScanRows<Delegation>(store_, Table::kDelegations, "", "", Decode, visit);
}

absl::StatusOr<Delegation> DelegationStore::Decode(absl::string_view key, const VersionedValue& row) {
  return ParseRowWithEtag<Delegation>(key, row);
}

}  // namespace wps::storage
