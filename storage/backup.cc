// Backups through RocksDB's BackupEngine: storage/backup.h and Store::CreateBackup's engine side.
#include "storage/backup.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"
#include "storage/erasure_ledger.h"
#include "storage/mediator_erasure.h"
#include "storage/mediator_store.h"
#include "storage/proto_rows.h"
#include "storage/rocksdb_internal.h"
#include "storage/rocksdb_status.h"
#include "storage/store.h"

namespace wps::storage {
namespace {

namespace fs = std::filesystem;

constexpr char kMetadataVersion[] = "wps1";
// Progress reports come every this many bytes copied.
constexpr uint64_t kProgressStepBytes = 1 << 20;

// What a backup's app metadata records: "wps1 FEED_ID FEED_HEAD START_UNIX_MICROS".
std::string EncodeMetadata(const Backup& begun) {
  return absl::StrCat(kMetadataVersion, " ", begun.feed_id, " ", begun.feed_head, " ",
                      absl::ToUnixMicros(begun.create_time));
}

Backup BackupOf(const rocksdb::BackupInfo& info) {
  Backup backup;
  backup.id = info.backup_id;
  backup.size_bytes = info.size;
  backup.file_count = info.number_files;
  backup.create_time = absl::FromUnixSeconds(info.timestamp);
  std::vector<absl::string_view> fields = absl::StrSplit(info.app_metadata, ' ');
  int64_t micros = 0;
  if (fields.size() == 4 && fields[0] == kMetadataVersion &&
      absl::SimpleAtoi(fields[2], &backup.feed_head) && absl::SimpleAtoi(fields[3], &micros)) {
    backup.feed_id = std::string(fields[1]);
    backup.create_time = absl::FromUnixMicros(micros);
  }
  return backup;
}

rocksdb::BackupEngineOptions EngineOptions(const std::string& backup_dir) {
  rocksdb::BackupEngineOptions options(backup_dir);
  options.callback_trigger_interval_size = kProgressStepBytes;
  // One copying thread: the server goes on serving meanwhile.
  options.max_background_operations = 1;
  return options;
}

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngine>> OpenEngine(const std::string& backup_dir) {
  rocksdb::BackupEngine* engine = nullptr;
  WPS_RETURN_IF_ERROR(FromRocksDb(
      rocksdb::BackupEngine::Open(rocksdb::Env::Default(), EngineOptions(backup_dir), &engine),
      absl::StrCat("opening backup directory ", backup_dir)));
  return std::unique_ptr<rocksdb::BackupEngine>(engine);
}

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenReadOnlyEngine(
    const std::string& backup_dir) {
  rocksdb::BackupEngineReadOnly* engine = nullptr;
  WPS_RETURN_IF_ERROR(FromRocksDb(rocksdb::BackupEngineReadOnly::Open(
                                      rocksdb::Env::Default(), EngineOptions(backup_dir), &engine),
                                  absl::StrCat("opening backup directory ", backup_dir)));
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(engine);
}

bool HoldsBackups(const std::string& backup_dir) {
  std::error_code error;
  return fs::is_directory(fs::path(backup_dir) / "meta", error);
}

absl::StatusOr<Backup> FindBackup(const std::string& backup_dir, std::optional<uint32_t> id) {
  WPS_ASSIGN_OR_RETURN(std::vector<Backup> backups, ListBackups(backup_dir));
  if (backups.empty())
    return absl::NotFoundError(absl::StrCat("there is no backup in ", backup_dir));
  if (!id) return backups.back();
  for (const Backup& backup : backups) {
    if (backup.id == *id) return backup;
  }
  return absl::NotFoundError(absl::StrCat("there is no backup ", *id, " in ", backup_dir));
}

absl::Status CheckEmptyOrAbsent(const std::string& data_dir) {
  std::error_code error;
  if (!fs::exists(data_dir, error)) return absl::OkStatus();
  if (!fs::is_directory(data_dir, error)) {
    return absl::FailedPreconditionError(absl::StrCat(data_dir, " is not a directory"));
  }
  if (!fs::is_empty(data_dir, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", data_dir,
                     " is not empty: restore into a new or empty directory (and stop wpsd first)"));
  }
  return absl::OkStatus();
}

// Total size of the regular files under `dir` (0 when it does not exist).
uint64_t DirectoryBytes(const std::string& dir) {
  std::error_code error;
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error)) total += it->file_size(error);
  }
  return total;
}

// Reports the growth of `dir` towards `total` every 200 ms until destroyed.
class DirectoryGrowthReporter {
 public:
  DirectoryGrowthReporter(std::string dir, uint64_t total, const CopyProgress& progress)
      : dir_(std::move(dir)), total_(total), progress_(progress) {
    if (progress_) thread_ = std::thread([this] { Run(); });
  }
  ~DirectoryGrowthReporter() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  // Reports the copy complete.
  void Finish() {
    if (progress_) progress_(total_, total_);
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!changed_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; })) {
      progress_(std::min(DirectoryBytes(dir_), total_), total_);
    }
  }
  const std::string dir_;
  const uint64_t total_;
  const CopyProgress& progress_;
  std::mutex mu_;
  std::condition_variable changed_;
  bool done_ = false;
  std::thread thread_;
};

// Erases again, in the restored `store`, every record the ledger of `backup_dir` says was purged
// after it was created. Compared with each record's own creation rather than with the backup's
// time, so that a purge that raced the backup is not missed, and a record created again under the
// same name after its purge is kept.
absl::StatusOr<int> ReapplyErasures(Store& store, const std::string& backup_dir) {
  WPS_ASSIGN_OR_RETURN(std::vector<Erasure> erasures,
                       ErasureLedger(backup_dir).ErasuresSince(absl::InfinitePast()));
  int erased = 0;
  for (const Erasure& erasure : erasures) {
    absl::StatusOr<MediatorStore::Mediator> held =
        MediatorStore(store).Get(erasure.name, /*include_deleted=*/true);
    if (absl::IsNotFound(held.status())) continue;
    WPS_RETURN_IF_ERROR(held.status());
    if (FromTimestamp(held->create_time()) > erasure.time) continue;
    absl::StatusOr<int> done = EraseMediator(store, erasure.name, "");
    if (done.ok()) ++erased;
    if (!done.ok() && !absl::IsNotFound(done.status())) return done.status();
  }
  return erased;
}

// "DIR.restoring" beside `data_dir` (a trailing slash on it is ignored).
std::string StagingDirFor(const std::string& data_dir) {
  fs::path dir = fs::path(data_dir).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  return dir.string() + ".restoring";
}

absl::Status RenameInto(const std::string& staging, const std::string& data_dir) {
  std::error_code error;
  if (fs::exists(data_dir, error) && !fs::remove(data_dir, error)) {  // empty, checked before
    return absl::UnavailableError(
        absl::StrCat("removing the empty ", data_dir, ": ", error.message()));
  }
  fs::rename(staging, data_dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("renaming ", staging, " to ", data_dir, ": ", error.message()));
  }
  return absl::OkStatus();
}

// Keeps of the erasure ledger only what the remaining backups may need: erasures since an hour
// before the oldest began (an erasure commits within moments of its ledger line), or none when no
// backup is left.
absl::Status TrimErasureLedger(const std::string& backup_dir) {
  WPS_ASSIGN_OR_RETURN(std::vector<Backup> left, ListBackups(backup_dir));
  const absl::Time keep_from =
      left.empty() ? absl::InfiniteFuture() : left.front().create_time - absl::Hours(1);
  return ErasureLedger(backup_dir).DropBefore(keep_from);
}

}  // namespace

absl::StatusOr<Backup> BackupDatabase(rocksdb::DB& db, const std::string& backup_dir,
                                      const Backup& begun, uint64_t expected_bytes,
                                      const CopyProgress& progress) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngine> engine, OpenEngine(backup_dir));
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = true;
  uint64_t copied = 0;
  if (progress) {
    options.progress_callback = [&] {
      copied += kProgressStepBytes;
      progress(std::min(copied, expected_bytes), expected_bytes);
    };
  }
  rocksdb::BackupID id = 0;
  WPS_RETURN_IF_ERROR(
      FromRocksDb(engine->CreateNewBackupWithMetadata(options, &db, EncodeMetadata(begun), &id),
                  absl::StrCat("backing up into ", backup_dir)));
  const rocksdb::IOStatus verified = engine->VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!verified.ok()) {
    const rocksdb::IOStatus deleted = engine->DeleteBackup(id);
    return absl::DataLossError(absl::StrCat(
        "backup ", id, " in ", backup_dir, " failed verification (", verified.ToString(), ") and ",
        deleted.ok() ? "was deleted" : "could not be deleted: " + deleted.ToString()));
  }
  if (progress) progress(expected_bytes, expected_bytes);
  rocksdb::BackupInfo info;
  WPS_RETURN_IF_ERROR(FromRocksDb(engine->GetBackupInfo(id, &info), "reading the new backup"));
  return BackupOf(info);
}

absl::StatusOr<std::vector<Backup>> ListBackups(const std::string& backup_dir) {
  std::vector<Backup> backups;
  if (!HoldsBackups(backup_dir)) return backups;
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                       OpenReadOnlyEngine(backup_dir));
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  for (const rocksdb::BackupInfo& info : infos) backups.push_back(BackupOf(info));
  return backups;
}

absl::Status DeleteBackup(const std::string& backup_dir, uint32_t id) {
  WPS_RETURN_IF_ERROR(FindBackup(backup_dir, id).status());
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngine> engine, OpenEngine(backup_dir));
  WPS_RETURN_IF_ERROR(FromRocksDb(engine->DeleteBackup(id), absl::StrCat("deleting backup ", id)));
  return TrimErasureLedger(backup_dir);
}

absl::StatusOr<int> PruneBackups(const std::string& backup_dir, int keep_last) {
  if (keep_last < 1) return absl::InvalidArgumentError("keep_last: keep at least 1 backup");
  WPS_ASSIGN_OR_RETURN(std::vector<Backup> before, ListBackups(backup_dir));
  if (before.size() <= static_cast<size_t>(keep_last)) return 0;
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngine> engine, OpenEngine(backup_dir));
  WPS_RETURN_IF_ERROR(FromRocksDb(engine->PurgeOldBackups(static_cast<uint32_t>(keep_last)),
                                  absl::StrCat("pruning backups in ", backup_dir)));
  WPS_RETURN_IF_ERROR(TrimErasureLedger(backup_dir));
  return static_cast<int>(before.size()) - keep_last;
}

absl::StatusOr<RestoreOutcome> RestoreBackup(const std::string& backup_dir,
                                             const std::string& data_dir,
                                             std::optional<uint32_t> id,
                                             const CopyProgress& progress) {
  WPS_RETURN_IF_ERROR(CheckEmptyOrAbsent(data_dir));
  RestoreOutcome outcome;
  WPS_ASSIGN_OR_RETURN(outcome.backup, FindBackup(backup_dir, id));
  const std::string staging = StagingDirFor(data_dir);
  std::error_code error;
  fs::remove_all(staging, error);
  {
    WPS_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                         OpenReadOnlyEngine(backup_dir));
    DirectoryGrowthReporter reporter(staging, outcome.backup.size_bytes, progress);
    WPS_RETURN_IF_ERROR(
        FromRocksDb(engine->RestoreDBFromBackup(outcome.backup.id, staging, staging),
                    absl::StrCat("restoring backup ", outcome.backup.id)));
    reporter.Finish();
  }
  {
    StoreOptions options;
    options.data_dir = staging;
    options.continue_restored_feed = true;
    WPS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(options));
    WPS_ASSIGN_OR_RETURN(outcome.erasures_reapplied, ReapplyErasures(*store, backup_dir));
  }
  WPS_RETURN_IF_ERROR(RenameInto(staging, data_dir));
  return outcome;
}

}  // namespace wps::storage
