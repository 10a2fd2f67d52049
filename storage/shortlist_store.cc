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

namespace {

// Keeps of `name`'s candidate entries in `shortlist` only her name. True when it held one.
bool Scrub(Shortlist& shortlist, absl::string_view name) {
  bool named = false;
  for (matching::v1::Candidate& candidate : *shortlist.mutable_candidates()) {
    if (candidate.mediator().name() != name) continue;
    candidate.Clear();
    candidate.mutable_mediator()->set_name(std::string(name));
    named = true;
  }
  return named;
}

}  // namespace

absl::StatusOr<int> ShortlistStore::ScrubCandidate(absl::string_view name) {
  std::vector<std::string> naming_her;
  WPS_RETURN_IF_ERROR(Scan("", [&](Shortlist&& shortlist) {
    if (Scrub(shortlist, name)) naming_her.push_back(shortlist.name());
    return true;
  }));
  if (naming_her.empty()) return 0;
  // Read again and rewritten in one transaction: a shortlist written since the scan is not put
  // back.
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    for (const std::string& key : naming_her) {
      WPS_ASSIGN_OR_RETURN(VersionedValue row, txn.Get(Table::kShortlists, key));
      WPS_ASSIGN_OR_RETURN(Shortlist shortlist, ParseRow<Shortlist>(key, row));
      if (Scrub(shortlist, name)) txn.Put(Table::kShortlists, key, shortlist.SerializeAsString());
    }
    return absl::OkStatus();
  }));
  WPS_RETURN_IF_ERROR(
      store_.DropOldValues(Table::kShortlists, naming_her.front(), naming_her.back()));
  return static_cast<int>(naming_her.size());
}

absl::Status ShortlistStore::Scan(absl::string_view start_after,
                                  absl::FunctionRef<bool(Shortlist&& shortlist)> visit) const {
  return ScanRows<Shortlist>(store_, Table::kShortlists, "shortlists/", start_after,
                             ParseRow<Shortlist>, visit);
}

}  // namespace wps::storage
