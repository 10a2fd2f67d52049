#include "services/admin/admin_service.h"

#include <mutex>

#include "absl/time/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_handler.h"

namespace wps::admin {
namespace {

// Progress messages go out at most this often; the copying reports every megabyte.
constexpr absl::Duration kProgressInterval = absl::Milliseconds(250);

}  // namespace

grpc::Status AdminService::CreateBackup(grpc::ServerContext* context,
                                        const v1::CreateBackupRequest* request,
                                        grpc::ServerWriter<v1::CreateBackupProgress>* writer) {
  absl::StatusOr<common::Caller> caller = callers_.Resolve(*context);
  if (!caller.ok()) return common::ToGrpcStatus(caller.status());
  // The copying reports from its own thread: one write at a time, and a client that went away only
  // stops the reports (the backup is finished and kept).
  std::mutex writer_mu;
  absl::Time last_report = absl::InfinitePast();
  const auto report = [&](uint64_t copied, uint64_t total) {
    std::lock_guard<std::mutex> lock(writer_mu);
    const absl::Time now = absl::Now();
    if (now - last_report < kProgressInterval || context->IsCancelled()) return;
    last_report = now;
    v1::CreateBackupProgress progress;
    progress.set_copied_bytes(copied);
    progress.set_total_bytes(total);
    writer->Write(progress);
  };
  absl::StatusOr<v1::CreateBackupProgress> last = backups_.CreateBackup(*caller, *request, report);
  if (!last.ok()) return common::ToGrpcStatus(last.status());
  std::lock_guard<std::mutex> lock(writer_mu);
  if (!writer->Write(*last))
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
  return grpc::Status::OK;
}

grpc::Status AdminService::ListBackups(grpc::ServerContext* context, const v1::ListBackupsRequest*,
                                       v1::ListBackupsResponse* response) {
  return common::HandleUnary(callers_, *context, response, [&](const common::Caller& caller) {
    return backups_.ListBackups(caller);
  });
}

grpc::Status AdminService::DeleteBackup(grpc::ServerContext* context,
                                        const v1::DeleteBackupRequest* request,
                                        v1::DeleteBackupResponse* response) {
  return common::HandleUnary(callers_, *context, response, [&](const common::Caller& caller) {
    return backups_.DeleteBackup(caller, *request);
  });
}

grpc::Status AdminService::PruneBackups(grpc::ServerContext* context,
                                        const v1::PruneBackupsRequest* request,
                                        v1::PruneBackupsResponse* response) {
  return common::HandleUnary(callers_, *context, response, [&](const common::Caller& caller) {
    return backups_.PruneBackups(caller, *request);
  });
}

}  // namespace wps::admin
