// Store::Health for the RocksDB store: database properties and the data dir's free space.
#include <optional>
#include <string>

#include "storage/disk_guard.h"
#include "storage/rocksdb_internal.h"

namespace wps::storage {
namespace {

// A property of the whole database.
uint64_t DatabaseProperty(rocksdb::DB& db, const std::string& name) {
  uint64_t value = 0;
  return db.GetIntProperty(name, &value) ? value : 0;
}

// A property of each column family, added up.
uint64_t SummedProperty(rocksdb::DB& db, const std::string& name) {
  uint64_t value = 0;
  return db.GetAggregatedIntProperty(name, &value) ? value : 0;
}

}  // namespace

StoreHealth ReadStoreHealth(rocksdb::DB& db, const std::string& data_dir) {
  StoreHealth health;
  health.background_errors = DatabaseProperty(db, rocksdb::DB::Properties::kBackgroundErrors);
  health.writes_stopped = DatabaseProperty(db, rocksdb::DB::Properties::kIsWriteStopped) != 0;
  health.writes_delayed =
      DatabaseProperty(db, rocksdb::DB::Properties::kActualDelayedWriteRate) != 0;
  health.pending_compaction_bytes =
      SummedProperty(db, rocksdb::DB::Properties::kEstimatePendingCompactionBytes);
  health.live_sst_bytes = SummedProperty(db, rocksdb::DB::Properties::kLiveSstFilesSize);
  if (const std::optional<DiskState> disk = DiskStateOf(data_dir))
    health.free_disk_bytes = disk->free_bytes;
  return health;
}

}  // namespace wps::storage
