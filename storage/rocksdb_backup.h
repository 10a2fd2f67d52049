// Internal to storage/: the BackupEngine side of Store::CreateBackup, for the RocksDB store.
#ifndef WPS_STORAGE_ROCKSDB_BACKUP_H_
#define WPS_STORAGE_ROCKSDB_BACKUP_H_

#include <string>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "storage/backup.h"

namespace wps::storage {

// Backs up `db` into `backup_dir` as Store::CreateBackup describes. `begun` holds what the backup
// is known to cover (its feed id, feed head and start time); `expected_bytes` sizes the progress
// reports.
absl::StatusOr<Backup> BackupDatabase(rocksdb::DB& db, const std::string& backup_dir,
                                      const Backup& begun, uint64_t expected_bytes,
                                      const CopyProgress& progress);

}  // namespace wps::storage

#endif  // WPS_STORAGE_ROCKSDB_BACKUP_H_
