// The erasure ledger of a backup directory: which mediator records were purged, and when, so that
// restoring a backup taken before a purge erases the record again (see backup.h).
//
// A text file `erasures` in the backup directory, one `UNIX_MICROS NAME` line per purge, appended
// and synced before the purge erases anything: a purge that fails half-way is still re-applied by a
// restore, which is what its caller asked for. It holds resource names, never record contents.
//
// Thread safety: Record may be called concurrently (appends are serialized by the file system's
// O_APPEND writes of one line each).
#ifndef WPS_STORAGE_ERASURE_LEDGER_H_
#define WPS_STORAGE_ERASURE_LEDGER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace wps::storage {

struct Erasure {
  absl::Time time;
  std::string name;
};

class ErasureLedger {
 public:
  // The ledger of `backup_dir` (created, with the directory, on the first Record).
  explicit ErasureLedger(std::string backup_dir);

  // Appends one erasure and syncs it. UNAVAILABLE when the directory or file cannot be written.
  absl::Status Record(absl::string_view name, absl::Time time) const;

  // The erasures recorded at or after `since`, oldest first; none when there is no ledger.
  // DATA_LOSS naming the line when a line cannot be read (a torn last line is skipped).
  absl::StatusOr<std::vector<Erasure>> ErasuresSince(absl::Time since) const;

  const std::string& path() const { return path_; }

 private:
  std::string backup_dir_;
  std::string path_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_ERASURE_LEDGER_H_
