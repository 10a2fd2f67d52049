#include "storage/shortlist_store.h"

#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {

using Shortlist = ShortlistStore::Shortlist;

absl::StatusOr<Shortlist> ShortlistStore::Create(Shortlist shortlist) {
  WPS_RETURN_IF_ERROR(store_.Write(
      [&](WriteTransaction& txn) -> absl::Status {
        WPS_RETURN_IF_ERROR(CheckAbsent(txn, Table::kShortlists, shortlist.name()));
        *shortlist.mutable_create_time() = ToTimestamp(txn.now());
        txn.Put(Table::kShortlists, shortlist.name(), shortlist.SerializeAsString());
        return absl::OkStatus();
      },
      Durability::kProcessCrashSafe));
  return shortlist;
}

absl::StatusOr<Shortlist> ShortlistStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kShortlists, name));
  return ParseRow<Shortlist>(name, row);
}

absl::Status ShortlistStore::Scan(absl::string_view start_after,
                                  absl::FunctionRef<bool(Shortlist&& shortlist)> visit) const {
  return ScanRows<Shortlist>(store_, Table::kShortlists, "shortlists/", start_after,
                             ParseRow<Shortlist>, visit);
}

}  // namespace wps::storage
