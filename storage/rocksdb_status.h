// Conversion of rocksdb::Status to absl::Status. Internal to storage/: no rocksdb type leaves it.
#ifndef WPS_STORAGE_ROCKSDB_STATUS_H_
#define WPS_STORAGE_ROCKSDB_STATUS_H_

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace wps::storage {

// OK for OK; otherwise a status whose code says what the caller can do about it and whose message
// names `context`: NOT_FOUND, DATA_LOSS (corruption), RESOURCE_EXHAUSTED (disk full),
// UNAVAILABLE (busy, timed out, I/O error), INTERNAL (anything else).
absl::Status FromRocksDb(const rocksdb::Status& status, absl::string_view context);

// As FromRocksDb, for DB::Open of `data_dir`: a held lock becomes FAILED_PRECONDITION saying that
// another process uses the directory.
absl::Status FromRocksDbOpen(const rocksdb::Status& status, absl::string_view data_dir);

}  // namespace wps::storage

#endif  // WPS_STORAGE_ROCKSDB_STATUS_H_
