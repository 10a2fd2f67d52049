// Records the audit events of every wps call, whatever service serves it: a gRPC server interceptor
// that reads each call's request, answers and final status and, where audited_methods.h says so,
// appends one AuditEvent to the AuditLog before the status leaves the server. An acknowledged write
// therefore has its event synced to disk before the client hears OK (should the log itself fail to
// take it, the write stands and the failure is logged as an error). Events of reads, refusals and
// sync sessions survive a crash of the process, not always one of the machine. A stream (Watch,
// Snapshot, Export) is recorded when it ends, with its duration: a server that crashes during it
// records none.
//
// Thread safety: the factory is safe for concurrent use; gRPC makes one interceptor per call.
#ifndef WPS_SERVICES_AUDIT_AUDIT_INTERCEPTOR_H_
#define WPS_SERVICES_AUDIT_AUDIT_INTERCEPTOR_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"
#include "services/audit/audit_log.h"
#include "services/common/caller.h"

namespace wps::audit {

// Makes the interceptors of a server whose callers `callers` resolves (its Identify: the audit log
// charges no rate limit). `log` and `callers` must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewAuditInterceptorFactory(
    AuditLog& log, const common::CallerResolver& callers);

}  // namespace wps::audit

#endif  // WPS_SERVICES_AUDIT_AUDIT_INTERCEPTOR_H_
