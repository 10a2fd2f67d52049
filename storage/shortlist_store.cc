#include "storage/shortlist_store.h"

#include <vector>

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

absl::StatusOr<int> ShortlistStore::ScrubCandidate(absl::string_view name) {
  std::vector<Shortlist> naming_her;
  WPS_RETURN_IF_ERROR(Scan("", [&](Shortlist&& shortlist) {
    bool names_her = false;
    for (matching::v1::Candidate& candidate : *shortlist.mutable_candidates()) {
      if (candidate.mediator().name() != name) continue;
      candidate.clear_mediator();
      candidate.mutable_mediator()->set_name(std::string(name));
      candidate.clear_reasons();
      names_her = true;
    }
    if (names_her) naming_her.push_back(std::move(shortlist));
    return true;
  }));
  if (naming_her.empty()) return 0;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    for (Shortlist& shortlist : naming_her) {
      txn.Put(Table::kShortlists, shortlist.name(), shortlist.SerializeAsString());
    }
    return absl::OkStatus();
  }));
  WPS_RETURN_IF_ERROR(store_.DropOldValues(Table::kShortlists, naming_her.front().name(),
                                           naming_her.back().name()));
  return static_cast<int>(naming_her.size());
}

absl::Status ShortlistStore::Scan(absl::string_view start_after,
                                  absl::FunctionRef<bool(Shortlist&& shortlist)> visit) const {
  return ScanRows<Shortlist>(store_, Table::kShortlists, "shortlists/", start_after,
                             ParseRow<Shortlist>, visit);
}

}  // namespace wps::storage
