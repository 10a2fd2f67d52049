#include "storage/mediator_store.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {
namespace {

using Mediator = ::wps::roster::v1::Mediator;

absl::StatusOr<Mediator> ReadLive(const WriteTransaction& txn, absl::string_view name,
                                  absl::string_view expected_etag) {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, txn.Get(Table::kMediators, name));
  WPS_ASSIGN_OR_RETURN(Mediator stored, MediatorStore::Decode(name, row));
  if (stored.has_delete_time()) {
    return absl::NotFoundError(absl::StrCat(name, " is deleted; UndeleteMediator restores it"));
  }
  if (!expected_etag.empty() && expected_etag != stored.etag()) {
    return absl::AbortedError(absl::StrCat(name, " has changed (etag ", stored.etag(),
                                           ", request gave ", expected_etag, "); read it again"));
  }
  return stored;
}

// The share history row: "*" once the record was shared with every network, else the ids of the
// networks it was shared with, sorted and comma-separated.
constexpr char kSharedWithAll[] = "*";
// A row of the share history table that is no record name: the history covers every record.
constexpr char kShareHistoryBackfilled[] = "~backfilled";

// Adds the networks `record`'s consent covers to its share history, within `txn`.
absl::Status RecordShareHistory(WriteTransaction& txn, const Mediator& record) {
  const roster::v1::Consent& consent = record.consent();
  if (!consent.share_all() && consent.share_with().empty()) return absl::OkStatus();
  absl::StatusOr<VersionedValue> row = txn.Get(Table::kShareHistory, record.name());
  if (!row.ok() && !absl::IsNotFound(row.status())) return row.status();
  const std::string before = row.ok() ? row->value : "";
  if (before == kSharedWithAll) return absl::OkStatus();
  std::string after = kSharedWithAll;
  if (!consent.share_all()) {
    std::set<std::string> networks = absl::StrSplit(before, ',', absl::SkipEmpty());
    networks.insert(consent.share_with().begin(), consent.share_with().end());
    after = absl::StrJoin(networks, ",");
  }
  if (after != before) txn.Put(Table::kShareHistory, record.name(), std::move(after));
  return absl::OkStatus();
}

// Writes `record` under its name within `txn`, and what its consent covers into its share history;
// returns it as stored, etag included.
absl::StatusOr<Mediator> Stage(WriteTransaction& txn, Mediator record) {
  WPS_RETURN_IF_ERROR(RecordShareHistory(txn, record));
  return StageWithEtag(txn, Table::kMediators, std::move(record));
}

// True when `a` and `b` differ only in what every write changes (etag, update time).
bool SameContent(Mediator a, Mediator b) {
  for (Mediator* m : {&a, &b}) {
    m->clear_etag();
    m->clear_update_time();
  }
  // Serializations of equal messages without map fields are equal; far cheaper than reflection.
  return a.SerializeAsString() == b.SerializeAsString();
}

}  // namespace

absl::StatusOr<int64_t> MediatorStore::BackfillShareHistory() {
  if (store_.Get(Table::kShareHistory, kShareHistoryBackfilled).ok()) return 0;
  constexpr size_t kBatch = 4000;
  std::vector<Mediator> batch;
  int64_t recorded = 0;
  absl::Status written;
  auto write_batch = [&] {
    written = store_.Write([&](WriteTransaction& txn) -> absl::Status {
      for (const Mediator& record : batch) WPS_RETURN_IF_ERROR(RecordShareHistory(txn, record));
      return absl::OkStatus();
    });
    recorded += static_cast<int64_t>(batch.size());
    batch.clear();
    return written.ok();
  };
  WPS_RETURN_IF_ERROR(Scan("", "", /*include_deleted=*/true, [&](Mediator&& record) {
    if (!record.consent().share_all() && record.consent().share_with().empty()) return true;
    batch.push_back(std::move(record));
    return batch.size() < kBatch || write_batch();
  }));
  if (written.ok() && !batch.empty()) write_batch();
  WPS_RETURN_IF_ERROR(written);
  WPS_RETURN_IF_ERROR(store_.Write([](WriteTransaction& txn) {
    txn.Put(Table::kShareHistory, kShareHistoryBackfilled, "1");
    return absl::OkStatus();
  }));
  return recorded;
}

absl::StatusOr<bool> MediatorStore::WasEverSharedWith(absl::string_view name, absl::string_view network) const {
  absl::StatusOr<VersionedValue> row = store_.Get(Table::kShareHistory, name);
  if (absl::IsNotFound(row.status())) return false;
  WPS_RETURN_IF_ERROR(row.status());
  if (row->value == kSharedWithAll) return true;
  for (absl::string_view shared : absl::StrSplit(row->value, ',', absl::SkipEmpty())) {
    if (shared == network) return true;
  }
  return false;
}

absl::StatusOr<Mediator> MediatorStore::Decode(absl::string_view key, const VersionedValue& row) {
  return ParseRowWithEtag<Mediator>(key, row);
}

absl::StatusOr<Mediator> MediatorStore::Create(const Mediator& mediator) {
  Mediator written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_RETURN_IF_ERROR(CheckAbsent(txn, Table::kMediators, mediator.name()));
    Mediator record = mediator;
    *record.mutable_create_time() = ToTimestamp(txn.now());
    record.clear_delete_time();
    WPS_ASSIGN_OR_RETURN(written, Stage(txn, std::move(record)));
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Mediator> MediatorStore::Get(absl::string_view name, bool include_deleted) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kMediators, name));
  WPS_ASSIGN_OR_RETURN(Mediator mediator, Decode(name, row));
  if (mediator.has_delete_time() && !include_deleted) {
    return absl::NotFoundError(absl::StrCat(name, " is deleted; UndeleteMediator restores it"));
  }
  return mediator;
}

absl::StatusOr<Mediator> MediatorStore::Update(absl::string_view name, absl::string_view expected_etag,
                                               absl::FunctionRef<absl::Status(Mediator&)> mutate) {
  Mediator written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_ASSIGN_OR_RETURN(Mediator record, ReadLive(txn, name, expected_etag));
    const Mediator stored = record;
    WPS_RETURN_IF_ERROR(mutate(record));
    // The name is the row key and the times are the store's: a mutation of them must not move the
    // record over another one or rewrite its history.
    record.set_name(stored.name());
    *record.mutable_create_time() = stored.create_time();
    record.clear_delete_time();
    WPS_ASSIGN_OR_RETURN(written, Stage(txn, std::move(record)));
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Mediator> MediatorStore::SoftDelete(absl::string_view name,
                                                   absl::string_view expected_etag) {
  Mediator written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_ASSIGN_OR_RETURN(Mediator record, ReadLive(txn, name, expected_etag));
    *record.mutable_delete_time() = ToTimestamp(txn.now());
    WPS_ASSIGN_OR_RETURN(written, Stage(txn, std::move(record)));
    return absl::OkStatus();
  }));
  return written;
}

absl::Status MediatorStore::Purge(absl::string_view name, absl::string_view expected_etag) {
  return store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_ASSIGN_OR_RETURN(VersionedValue row, txn.Get(Table::kMediators, name));
    WPS_ASSIGN_OR_RETURN(const Mediator stored, Decode(name, row));
    if (!expected_etag.empty() && expected_etag != stored.etag()) {
      return absl::AbortedError(absl::StrCat(name, " has changed (etag ", stored.etag(),
                                             ", request gave ", expected_etag, "); read it again"));
    }
    txn.Erase(Table::kMediators, name);
    return absl::OkStatus();
  });
}

absl::StatusOr<Mediator> MediatorStore::Undelete(absl::string_view name) {
  Mediator written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_ASSIGN_OR_RETURN(VersionedValue row, txn.Get(Table::kMediators, name));
    WPS_ASSIGN_OR_RETURN(Mediator record, Decode(name, row));
    if (!record.has_delete_time()) {
      return absl::FailedPreconditionError(absl::StrCat(name, " is not deleted"));
    }
    record.clear_delete_time();
    WPS_ASSIGN_OR_RETURN(written, Stage(txn, std::move(record)));
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<std::vector<MediatorStore::UpsertOutcome>> MediatorStore::UpsertAll(
    absl::Span<Mediator> incoming, absl::FunctionRef<void(const Mediator* stored, Mediator& record)> merge) {
  std::vector<UpsertOutcome> outcomes;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    outcomes.clear();
    std::vector<std::string> names;
    names.reserve(incoming.size());
    for (const Mediator& record : incoming) names.push_back(record.name());
    std::vector<absl::StatusOr<VersionedValue>> rows = txn.GetMany(Table::kMediators, names);
    absl::flat_hash_set<absl::string_view> seen;
    for (size_t i = 0; i < incoming.size(); ++i) {
      Mediator& record = incoming[i];
      const std::string& name = names[i];  // the row key, whatever merge does to the record
      // A name given twice in the batch sees its earlier staged write, which GetMany predates.
      absl::StatusOr<VersionedValue> row =
          seen.insert(name).second ? std::move(rows[i]) : txn.Get(Table::kMediators, name);
      if (!row.ok() && !absl::IsNotFound(row.status())) return row.status();
      if (!row.ok()) {
        merge(nullptr, record);
        record.set_name(name);
        *record.mutable_create_time() = ToTimestamp(txn.now());
        record.clear_delete_time();
        WPS_RETURN_IF_ERROR(Stage(txn, std::move(record)).status());
        outcomes.push_back(UpsertOutcome::kCreated);
        continue;
      }
      WPS_ASSIGN_OR_RETURN(Mediator stored, Decode(name, *row));
      merge(&stored, record);
      record.set_name(name);
      record.clear_delete_time();
      *record.mutable_create_time() = stored.create_time();
      if (SameContent(record, stored)) {
        outcomes.push_back(UpsertOutcome::kUnchanged);
        continue;
      }
      WPS_RETURN_IF_ERROR(Stage(txn, std::move(record)).status());
      outcomes.push_back(UpsertOutcome::kUpdated);
    }
    return absl::OkStatus();
  }));
  return outcomes;
}

std::vector<absl::StatusOr<MediatorStore::Mediator>> MediatorStore::GetMany(
    absl::Span<const std::string> names) const {
  std::vector<absl::StatusOr<VersionedValue>> rows = store_.GetMany(Table::kMediators, names);
  std::vector<absl::StatusOr<Mediator>> mediators;
  mediators.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    mediators.push_back(rows[i].ok() ? Decode(names[i], *rows[i]) : absl::StatusOr<Mediator>(rows[i].status()));
  }
  return mediators;
}

absl::Status MediatorStore::Scan(absl::string_view prefix, absl::string_view start_after,
                                 bool include_deleted,
                                 absl::FunctionRef<bool(Mediator&& mediator)> visit) const {
  return ScanRows<Mediator>(store_, Table::kMediators, prefix, start_after, &Decode,
                            [&](Mediator&& mediator) {
                              if (mediator.has_delete_time() && !include_deleted) return true;
                              return visit(std::move(mediator));
                            });
}

}  // namespace wps::storage
