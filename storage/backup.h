// Backups of the store through RocksDB's BackupEngine, and restores from them.
//
// A backup directory holds any number of backups, numbered from 1 up. They are incremental (a table
// file an earlier backup already holds is not copied again) and each is verified against the
// checksums of its files as it is taken. A backup holds every table, the change feed with its
// position and id, and the audit log; files derived from the store (the search index snapshot) are
// rebuilt after a restore instead.
//
// Beside the backups, the directory holds the erasure ledger (see ErasureLedger): a restore erases
// again every record of the backup that the ledger says was purged after it was created, so that a
// restore never brings back a record whose subject had it erased (a record created again under the
// same name after its purge is kept). Deleting and pruning backups trims the ledger to what the
// remaining backups may need.
//
// A restored store continues its backup's feed under a new feed id (Store::FeedAncestors): a
// partner whose cursor lies within what the backup holds resumes where it was; one that had read
// changes the restore lost must resynchronize.
//
// Thread safety: callers serialize the calls that change one backup directory (Store::CreateBackup,
// DeleteBackup, PruneBackups); ListBackups may run beside them.
#ifndef WPS_STORAGE_BACKUP_H_
#define WPS_STORAGE_BACKUP_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace wps::storage {

struct Backup {
  uint32_t id = 0;
  // When the backup began: it holds every write acknowledged before this time.
  absl::Time create_time;
  // Bytes and files that make it up; files are shared with other backups of the directory.
  uint64_t size_bytes = 0;
  uint32_t file_count = 0;
  // The feed id and the feed head when it began (it may hold a few later changes too).
  std::string feed_id;
  uint64_t feed_head = 0;
};

// Reports copying: bytes copied so far and the total expected. The total is the store's size on
// disk for a backup (files that earlier backups hold are not copied, so it may finish early) and
// the backup's size for a restore.
using CopyProgress = std::function<void(uint64_t copied_bytes, uint64_t total_bytes)>;

// The backups in `backup_dir`, oldest first; none when the directory does not exist. I/O errors as
// they are (UNAVAILABLE, INTERNAL).
absl::StatusOr<std::vector<Backup>> ListBackups(const std::string& backup_dir);

// Deletes backup `id` and the files no other backup shares. NOT_FOUND when there is no such backup.
absl::Status DeleteBackup(const std::string& backup_dir, uint32_t id);

// Deletes all but the newest `keep_last` backups (keep_last >= 1) and returns how many it deleted.
// INVALID_ARGUMENT when keep_last < 1.
absl::StatusOr<int> PruneBackups(const std::string& backup_dir, int keep_last);

struct RestoreOutcome {
  Backup backup;
  // Mediators the backup holds whose purge the erasure ledger records after their creation, erased
  // again in the restored store.
  int erasures_reapplied = 0;
};

// Restores backup `id` (the newest when unset) of `backup_dir` into `data_dir`, which must not
// exist or be empty, for a server that is stopped. The backup is copied into a sibling directory
// first, opened once to continue its feed under a new id and to re-apply the erasure ledger, and
// renamed to `data_dir` last: an interrupted restore leaves no data dir behind, only the sibling,
// which the next restore replaces. NOT_FOUND when there is no such backup (or none at all);
// FAILED_PRECONDITION when `data_dir` holds files; DATA_LOSS when the backup's files fail their
// checksums; I/O errors as they are.
absl::StatusOr<RestoreOutcome> RestoreBackup(const std::string& backup_dir,
                                             const std::string& data_dir,
                                             std::optional<uint32_t> id,
                                             const CopyProgress& progress);

}  // namespace wps::storage

#endif  // WPS_STORAGE_BACKUP_H_
