// What both kinds of wpsd (a roster node, a matching replica) share: the interceptors every call
// passes through, and the Prometheus gauges they report from their parts.
//
// Thread safety: reads thread-safe components; call from any thread.
#ifndef WPS_SERVICES_WPSD_SERVER_COMMON_H_
#define WPS_SERVICES_WPSD_SERVER_COMMON_H_

#include "services/audit/audit_log.h"
#include "services/common/caller.h"
#include "services/observability/metrics_exporter.h"
#include "services/observability/rpc_metrics.h"
#include "services/search/index_follower.h"
#include "services/wpsd/grpc_listener.h"
#include "storage/store.h"
#include "wps/sync/v1/sync_service.pb.h"

namespace wps::wpsd {

// The interceptors of a wpsd listener, in order: metrics and request ids (`metrics`), then the
// audit log
// (`log`, resolving callers with `callers`). All must outlive the listener.
InterceptorFactories StandardInterceptors(observability::RpcMetrics& metrics, audit::AuditLog& log,
                                          const common::CallerResolver& callers);

// The gauges every wpsd has: its store, feed head, search index, audit log and memory.
observability::ServerGauges CommonGauges(const storage::Store& store,
                                         const search::IndexFollower& index,
                                         const audit::AuditLog& audit_log);

// One puller's status as gauges.
observability::PeerGauges PeerGaugesOf(const sync::v1::PeerStatus& status);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_SERVER_COMMON_H_
