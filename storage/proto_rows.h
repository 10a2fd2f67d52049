// What the record stores (networks, processes, shortlists) share: rows that hold one serialized
// protobuf message each, keyed by the record's resource name.
//
// Header-only templates; every function is safe for concurrent use as far as the Store is.
#ifndef WPS_STORAGE_PROTO_ROWS_H_
#define WPS_STORAGE_PROTO_ROWS_H_

#include <string>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"
#include "storage/store.h"

namespace wps::storage {

// `time` as a protobuf Timestamp, to the microsecond (the store's clock resolution).
inline google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

// The time `timestamp` names, to the microsecond. `timestamp` must lie in Timestamp's valid range.
inline absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(timestamp));
}

// OK when `key` has no row in `table` as `txn` sees it; ALREADY_EXISTS naming `key` when it has
// one; the read error as is.
inline absl::Status CheckAbsent(const WriteTransaction& txn, Table table, absl::string_view key) {
  absl::StatusOr<VersionedValue> existing = txn.Get(table, key);
  if (existing.ok()) return absl::AlreadyExistsError(absl::StrCat(key, " already exists"));
  if (absl::IsNotFound(existing.status())) return absl::OkStatus();
  return existing.status();
}

// The message stored in `row`. DATA_LOSS naming `key` when the row does not parse.
template <typename Message>
absl::StatusOr<Message> ParseRow(absl::string_view key, const VersionedValue& row) {
  Message message;
  if (!message.ParseFromString(row.value)) {
    return absl::DataLossError(
        absl::StrCat("stored ", Message::descriptor()->full_name(), " ", key, " does not parse"));
  }
  return message;
}

// ParseRow for a message with an etag field, which is the row version rather than stored bytes.
template <typename Message>
absl::StatusOr<Message> ParseRowWithEtag(absl::string_view key, const VersionedValue& row) {
  absl::StatusOr<Message> message = ParseRow<Message>(key, row);
  if (message.ok()) message->set_etag(std::to_string(row.version));
  return message;
}

// Stages `record` under its name with update_time set to the transaction time, and returns it as it
// will be read back: etag set to the row version. The etag is not part of the stored bytes.
template <typename Message>
Message StageWithEtag(WriteTransaction& txn, Table table, Message record) {
  *record.mutable_update_time() = ToTimestamp(txn.now());
  record.clear_etag();
  const uint64_t version = txn.Put(table, record.name(), record.SerializeAsString());
  record.set_etag(std::to_string(version));
  return record;
}

// Visits, in key order, the rows of `table` under `prefix` that sort after `start_after`, each
// turned into a Message by `decode` (ParseRow or ParseRowWithEtag), until `visit` returns false. A
// row that does not decode ends the scan with decode's error; a scan error is returned as is.
template <typename Message>
absl::Status ScanRows(
    const Store& store, Table table, absl::string_view prefix, absl::string_view start_after,
    absl::FunctionRef<absl::StatusOr<Message>(absl::string_view key, const VersionedValue& row)>
        decode,
    absl::FunctionRef<bool(Message&& message)> visit) {
  absl::Status decode_status;
  absl::Status scan_status =
      store.Scan(table, prefix, start_after, [&](absl::string_view key, const VersionedValue& row) {
        absl::StatusOr<Message> message = decode(key, row);
        if (!message.ok()) {
          decode_status = message.status();
          return false;
        }
        return visit(*std::move(message));
      });
  if (!scan_status.ok()) return scan_status;
  return decode_status;
}

}  // namespace wps::storage

#endif  // WPS_STORAGE_PROTO_ROWS_H_
