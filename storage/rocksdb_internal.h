// Internal to storage/: pieces of the RocksDB store kept out of rocksdb_store.cc — the BackupEngine
// side of Store::CreateBackup, and the database properties behind Store::Health.
#ifndef WPS_STORAGE_ROCKSDB_INTERNAL_H_
#define WPS_STORAGE_ROCKSDB_INTERNAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "storage/backup.h"
#include "storage/store.h"

namespace wps::storage {

// Backs up `db` into `backup_dir` as Store::CreateBackup describes. `begun` holds what the backup
// is known to cover (its feed id, feed head and start time); `expected_bytes` sizes the progress
// reports.
absl::StatusOr<Backup> BackupDatabase(rocksdb::DB& db, const std::string& backup_dir,
                                      const Backup& begun, uint64_t expected_bytes,
                                      const CopyProgress& progress);

// Store::Health of `db`, whose files are in `data_dir`.
StoreHealth ReadStoreHealth(rocksdb::DB& db, const std::string& data_dir);

}  // namespace wps::storage

#endif  // WPS_STORAGE_ROCKSDB_INTERNAL_H_
