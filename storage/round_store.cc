#include "storage/round_store.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {

using Round = RoundStore::Round;

absl::StatusOr<Round> RoundStore::Create(const Round& round) {
  Round written = round;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    WPS_RETURN_IF_ERROR(CheckAbsent(txn, Table::kRounds, round.name()));
    *written.mutable_create_time() = ToTimestamp(txn.now());
    txn.Put(Table::kRounds, written.name(), written.SerializeAsString());
    return absl::OkStatus();
  }));
  return written;
}

absl::StatusOr<Round> RoundStore::Get(absl::string_view name) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kRounds, name));
  return Decode(name, row);
}

absl::Status RoundStore::ScanProcess(absl::string_view process, absl::string_view start_after,
                                     absl::FunctionRef<bool(Round&& round)> visit) const {
  // The trailing "/rounds/" keeps processes/p from matching the rounds of processes/p-2.
  const std::string prefix = absl::StrCat(process, "/rounds/");
  return ScanRows<Round>(store_, Table::kRounds, prefix, start_after, Decode, visit);
}

absl::Status RoundStore::ScanAll(absl::FunctionRef<bool(Round&& round)> visit) const {
  return ScanRows<Round>(store_, Table::kRounds, "", "", Decode, visit);
}

absl::StatusOr<Round> RoundStore::Decode(absl::string_view key, const VersionedValue& row) {
  return ParseRow<Round>(key, row);
}

}  // namespace wps::storage
