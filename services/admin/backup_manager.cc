#include "services/admin/backup_manager.h"

#include <utility>

#include "base/status_macros.h"
#include "services/common/access_policy.h"
#include "storage/backup.h"
#include "storage/proto_rows.h"

namespace wps::admin {
namespace {

absl::Status Busy() {
  return absl::AbortedError(
      "another backup, delete or prune of this server is running; try again when it ends");
}

}  // namespace

v1::Backup ToProto(const storage::Backup& backup) {
  v1::Backup out;
  out.set_id(backup.id);
  *out.mutable_create_time() = storage::ToTimestamp(backup.create_time);
  out.set_size_bytes(backup.size_bytes);
  out.set_file_count(backup.file_count);
  out.set_feed_head(backup.feed_head);
  return out;
}

BackupManager::BackupManager(storage::Store& store, std::string backup_dir)
    : store_(store), backup_dir_(std::move(backup_dir)) {}

absl::StatusOr<v1::CreateBackupProgress> BackupManager::CreateBackup(
    const common::Caller& caller, const v1::CreateBackupRequest& request,
    const std::function<void(uint64_t copied_bytes, uint64_t total_bytes)>& progress) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kManageBackups));
  if (request.keep_last() < 0) return absl::InvalidArgumentError("keep_last: 0 (keep all) or more");
  std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
  if (!busy.owns_lock()) return Busy();
  WPS_ASSIGN_OR_RETURN(const storage::Backup backup, store_.CreateBackup(backup_dir_, progress));
  {
    absl::MutexLock lock(&last_success_mu_);
    last_success_ = backup.create_time;
    read_directory_ = true;
  }
  v1::CreateBackupProgress last;
  *last.mutable_backup() = ToProto(backup);
  last.set_copied_bytes(backup.size_bytes);
  last.set_total_bytes(backup.size_bytes);
  if (request.keep_last() > 0) {
    // The backup is taken and verified: a failed prune is reported with it, not instead of it.
    absl::StatusOr<int> pruned = storage::PruneBackups(backup_dir_, request.keep_last());
    if (pruned.ok()) {
      last.set_pruned(*pruned);
    } else {
      last.set_prune_error(pruned.status().ToString());
    }
  }
  return last;
}

absl::StatusOr<v1::ListBackupsResponse> BackupManager::ListBackups(
    const common::Caller& caller) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kManageBackups));
  WPS_ASSIGN_OR_RETURN(const std::vector<storage::Backup> backups,
                       storage::ListBackups(backup_dir_));
  v1::ListBackupsResponse response;
  for (const storage::Backup& backup : backups) *response.add_backups() = ToProto(backup);
  response.set_backup_dir(backup_dir_);
  return response;
}

absl::StatusOr<v1::DeleteBackupResponse> BackupManager::DeleteBackup(
    const common::Caller& caller, const v1::DeleteBackupRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kManageBackups));
  std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
  if (!busy.owns_lock()) return Busy();
  WPS_RETURN_IF_ERROR(storage::DeleteBackup(backup_dir_, request.id()));
  ForgetNewest();
  return v1::DeleteBackupResponse();
}

absl::StatusOr<v1::PruneBackupsResponse> BackupManager::PruneBackups(
    const common::Caller& caller, const v1::PruneBackupsRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kManageBackups));
  std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
  if (!busy.owns_lock()) return Busy();
  v1::PruneBackupsResponse response;
  WPS_ASSIGN_OR_RETURN(const int deleted, storage::PruneBackups(backup_dir_, request.keep_last()));
  ForgetNewest();
  response.set_deleted(deleted);
  return response;
}

void BackupManager::ForgetNewest() {
  absl::MutexLock lock(&last_success_mu_);
  last_success_.reset();
  read_directory_ = false;
}

std::optional<absl::Time> BackupManager::last_success() const {
  absl::MutexLock lock(&last_success_mu_);
  if (!read_directory_) {
    read_directory_ = true;
    absl::StatusOr<std::vector<storage::Backup>> backups = storage::ListBackups(backup_dir_);
    if (backups.ok() && !backups->empty()) last_success_ = backups->back().create_time;
  }
  return last_success_;
}

}  // namespace wps::admin
