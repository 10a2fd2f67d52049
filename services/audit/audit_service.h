// wps.audit.v1.AuditService over gRPC: decode, resolve the caller, call AuditLog, map the status.
//
// Thread safety: handlers run concurrently on gRPC's threads; AuditLog is thread-safe.
#ifndef WPS_SERVICES_AUDIT_AUDIT_SERVICE_H_
#define WPS_SERVICES_AUDIT_AUDIT_SERVICE_H_

#include "services/audit/audit_log.h"
#include "services/common/caller.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"

namespace wps::audit {

class AuditService final : public v1::AuditService::Service {
 public:
  // `log` and `callers` must outlive the service.
  AuditService(const AuditLog& log, const common::CallerResolver& callers)
      : log_(log), callers_(callers) {}

  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;

 private:
  const AuditLog& log_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::audit

#endif  // WPS_SERVICES_AUDIT_AUDIT_SERVICE_H_
