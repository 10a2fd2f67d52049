// The erasure ledger of a backup directory: which mediator records were purged, and when, so that
// restoring a backup taken before a purge erases the record again (see backup.h).
//
// A text file `erasures` in the backup directory, one `UNIX_MICROS NAME CHECK` line per purge
// (CHECK: FNV-1a of the rest, so a line torn by a crash is never read as another name), appended
// and synced before the purge erases anything: a purge that fails half-way is still re-applied by a
// restore, which is what its caller asked for. It holds resource names, never record contents, and
// keeps only what the directory's backups may still need (DropBefore).
//
// Thread safety: Record may be called concurrently (appends are serialized by the file system's
// O_APPEND writes of one line each); DropBefore not concurrently with Record.
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

  // The erasures recorded at or after `since`, oldest first; none when there is no ledger. Lines
  // that do not read back whole (torn by a crash) are skipped. UNAVAILABLE when the file cannot be
  // read.
  absl::StatusOr<std::vector<Erasure>> ErasuresSince(absl::Time since) const;

  // Rewrites the ledger (atomically) without the erasures recorded before `time`: no backup left in
  // the directory began before it, so none can hold their records. UNAVAILABLE on an I/O error (the
  // ledger is then left as it was).
  absl::Status DropBefore(absl::Time time) const;

  const std::string& path() const { return path_; }

 private:
  std::string backup_dir_;
  std::string path_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_ERASURE_LEDGER_H_
