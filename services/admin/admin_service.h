// wps.admin.v1.AdminService over gRPC: decode, resolve the caller, call BackupManager, map the
// status.
//
// Thread safety: handlers run concurrently on gRPC's threads; BackupManager is thread-safe.
#ifndef WPS_SERVICES_ADMIN_ADMIN_SERVICE_H_
#define WPS_SERVICES_ADMIN_ADMIN_SERVICE_H_

#include "services/admin/backup_manager.h"
#include "services/common/caller.h"
#include "wps/admin/v1/admin_service.grpc.pb.h"

namespace wps::admin {

class AdminService final : public v1::AdminService::Service {
 public:
  // `backups` and `callers` must outlive the service.
  AdminService(BackupManager& backups, const common::CallerResolver& callers)
      : backups_(backups), callers_(callers) {}

  grpc::Status CreateBackup(grpc::ServerContext* context, const v1::CreateBackupRequest* request,
                            grpc::ServerWriter<v1::CreateBackupProgress>* writer) override;
  grpc::Status ListBackups(grpc::ServerContext* context, const v1::ListBackupsRequest* request,
                           v1::ListBackupsResponse* response) override;
  grpc::Status DeleteBackup(grpc::ServerContext* context, const v1::DeleteBackupRequest* request,
                            v1::DeleteBackupResponse* response) override;
  grpc::Status PruneBackups(grpc::ServerContext* context, const v1::PruneBackupsRequest* request,
                            v1::PruneBackupsResponse* response) override;

 private:
  BackupManager& backups_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::admin

#endif  // WPS_SERVICES_ADMIN_ADMIN_SERVICE_H_
