#include "services/audit/audit_service.h"

#include "services/common/rpc_handler.h"

namespace wps::audit {

grpc::Status AuditService::ListAuditEvents(grpc::ServerContext* context,
                                           const v1::ListAuditEventsRequest* request,
                                           v1::ListAuditEventsResponse* response) {
  return common::HandleUnary(callers_, *context, response, [&](const common::Caller& caller) {
    return log_.List(caller, *request);
  });
}

}  // namespace wps::audit
