#include "storage/rocksdb_status.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace wps::storage {

absl::Status FromRocksDb(const rocksdb::Status& status, absl::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(context, ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsNoSpace() || status.IsMemoryLimit()) return absl::ResourceExhaustedError(message);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain() || status.IsIOError()) {
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

absl::Status FromRocksDbOpen(const rocksdb::Status& status, absl::string_view data_dir) {
  const std::string text = status.ToString();
  // Another process's flock: "While lock file: DIR/LOCK: Resource temporarily unavailable"; this
  // process's own second open: "lock hold by current process". Other lock-file errors (a missing parent
  // dir, no permission) fall through with RocksDB's own text.
  if (status.IsIOError() && (absl::StrContains(text, "Resource temporarily unavailable") ||
                             absl::StrContains(text, "lock hold by current process"))) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data dir ", data_dir, " is in use by another process (is another wpsd running on it?)"));
  }
  return FromRocksDb(status, absl::StrCat("opening data dir ", data_dir));
}

}  // namespace wps::storage
