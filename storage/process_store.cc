#include "storage/process_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {

using PeaceProcess = ProcessStore::PeaceProcess;

absl::StatusOr<PeaceProcess> ProcessStore::Create(const PeaceProcess& process) {
  PeaceProcess written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_RETURN_IF_ERROR(CheckAbsent(txn, Table::kProcesses, process.name()));
    PeaceProcess record = process;
    *record.mutable_create_time() = ToTimestamp(txn.now());
    written = StageWithEtag(txn, Table::kProcesses, std::move(record));
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<PeaceProcess> ProcessStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kProcesses, name));
  return ParseRowWithEtag<PeaceProcess>(name, row);
}

absl::StatusOr<PeaceProcess> ProcessStore::Update(
    absl::string_view name, absl::string_view expected_etag,
    absl::FunctionRef<absl::Status(PeaceProcess&)> mutate) {
  PeaceProcess written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_ASSIGN_OR_RETURN(VersionedValue row, txn.Get(Table::kProcesses, name));
    WPS_ASSIGN_OR_RETURN(PeaceProcess record, ParseRowWithEtag<PeaceProcess>(name, row));
    if (!expected_etag.empty() && expected_etag != record.etag()) {
      return absl::AbortedError(absl::StrCat(name, " has changed (etag ", record.etag(),
                                             ", request gave ", expected_etag, "); read it again"));
    }
    const PeaceProcess stored = record;
    WPS_RETURN_IF_ERROR(mutate(record));
    // The name is the row key and the create time the store's: a mutation of them must not move the
    // record over another one or rewrite its history.
    record.set_name(stored.name());
    *record.mutable_create_time() = stored.create_time();
    written = StageWithEtag(txn, Table::kProcesses, std::move(record));
    return absl::OkStatus();
  }));
  return written;
}

absl::Status ProcessStore::Scan(absl::string_view start_after,
                                absl::FunctionRef<bool(PeaceProcess&& process)> visit) const {
  return ScanRows<PeaceProcess>(store_, Table::kProcesses, "processes/", start_after,
                                ParseRowWithEtag<PeaceProcess>, visit);
}

}  // namespace wps::storage
