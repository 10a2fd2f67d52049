// Backups of this server's store, for administrators (wps.admin.v1.AdminService's logic): who may,
// one at a time, and their proto forms. The copying itself is storage's (storage/backup.h).
//
// Thread safety: safe for concurrent use; a second backup or prune while one runs is refused
// ABORTED rather than queued (an administrator retrying a slow backup should not start a second
// copy).
#ifndef WPS_SERVICES_ADMIN_BACKUP_MANAGER_H_
#define WPS_SERVICES_ADMIN_BACKUP_MANAGER_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/caller.h"
#include "storage/store.h"
#include "wps/admin/v1/admin_service.pb.h"

namespace wps::admin {

class BackupManager {
 public:
  // Backs up `store` (which must outlive this) into `backup_dir`.
  BackupManager(storage::Store& store, std::string backup_dir);

  // Takes a backup, then deletes all but request.keep_last backups when it is set. Returns the last
  // progress message (the backup, how many were pruned); `progress` gets the copying's progress.
  // PERMISSION_DENIED unless an administrator; INVALID_ARGUMENT for keep_last < 0; ABORTED while
  // another backup or prune runs; Store::CreateBackup's errors.
  absl::StatusOr<v1::CreateBackupProgress> CreateBackup(
      const common::Caller& caller, const v1::CreateBackupRequest& request,
      const std::function<void(uint64_t copied_bytes, uint64_t total_bytes)>& progress);

  // PERMISSION_DENIED unless an administrator; I/O errors as they are.
  absl::StatusOr<v1::ListBackupsResponse> ListBackups(const common::Caller& caller) const;

  // PERMISSION_DENIED unless an administrator; NOT_FOUND for no such backup; ABORTED while a backup
  // or prune runs.
  absl::StatusOr<v1::DeleteBackupResponse> DeleteBackup(const common::Caller& caller,
                                                        const v1::DeleteBackupRequest& request);

  // PERMISSION_DENIED unless an administrator; INVALID_ARGUMENT for keep_last < 1; ABORTED while a
  // backup or prune runs.
  absl::StatusOr<v1::PruneBackupsResponse> PruneBackups(const common::Caller& caller,
                                                        const v1::PruneBackupsRequest& request);

  // When the newest backup began: the one this process last took, or at first the newest in the
  // directory (read once); nullopt when there is none (for metrics).
  std::optional<absl::Time> last_success() const;

  const std::string& backup_dir() const { return backup_dir_; }

 private:
  // After a delete or prune: the newest backup is read from the directory again.
  void ForgetNewest();

  storage::Store& store_;
  const std::string backup_dir_;
  // Held for the whole of a backup, delete or prune.
  std::mutex busy_;
  mutable absl::Mutex last_success_mu_;
  mutable std::optional<absl::Time> last_success_ ABSL_GUARDED_BY(last_success_mu_);
  mutable bool read_directory_ ABSL_GUARDED_BY(last_success_mu_) = false;
};

// The proto form of a backup.
v1::Backup ToProto(const storage::Backup& backup);

}  // namespace wps::admin

#endif  // WPS_SERVICES_ADMIN_BACKUP_MANAGER_H_
