#include "services/wpsd/server_common.h"

#include "absl/time/clock.h"
#include "services/audit/audit_interceptor.h"
#include "storage/proto_rows.h"

namespace wps::wpsd {

InterceptorFactories StandardInterceptors(observability::RpcMetrics& metrics, audit::AuditLog& log,
                                          const common::CallerResolver& callers) {
  InterceptorFactories interceptors;
  interceptors.push_back(observability::NewRpcMetricsInterceptorFactory(metrics));
  interceptors.push_back(audit::NewAuditInterceptorFactory(log, callers));
  return interceptors;
}

observability::ServerGauges CommonGauges(const storage::Store& store,
                                         const search::IndexFollower& index,
                                         const audit::AuditLog& audit_log) {
  observability::ServerGauges gauges;
  gauges.index_records = index.index().Read([](const search::MediatorIndex& read) {
    return static_cast<int64_t>(read.live().cardinality());
  });
  gauges.feed_head = store.FeedHead();
  gauges.store = store.Health();
  gauges.audit_append_failures = audit_log.append_failures();
  gauges.resident_bytes = observability::ResidentBytes();
  return gauges;
}

observability::PeerGauges PeerGaugesOf(const sync::v1::PeerStatus& status) {
  observability::PeerGauges peer;
  peer.network = status.network();
  peer.connected = status.connected();
  peer.lag_seconds = status.lag_seconds();
  peer.records = status.records();
  peer.snapshots = status.snapshots();
  peer.failing = !status.last_error().empty();
  if (status.has_last_contact_time()) {
    peer.seconds_since_contact =
        absl::ToDoubleSeconds(absl::Now() - storage::FromTimestamp(status.last_contact_time()));
  }
  return peer;
}

}  // namespace wps::wpsd
