// The Prometheus gauges both kinds of wpsd (a roster node, a matching replica) report, from their
// parts.
//
// Thread safety: reads thread-safe components; call from any thread.
#ifndef WPS_SERVICES_WPSD_SERVER_GAUGES_H_
#define WPS_SERVICES_WPSD_SERVER_GAUGES_H_

#include "services/audit/audit_log.h"
#include "services/observability/metrics_exporter.h"
#include "services/search/index_follower.h"
#include "storage/store.h"
#include "wps/sync/v1/sync_service.pb.h"

namespace wps::wpsd {

// The gauges every wpsd has: its store, feed head, search index, audit log and memory.
observability::ServerGauges CommonGauges(const storage::Store& store,
                                         const search::IndexFollower& index,
                                         const audit::AuditLog& audit_log);

// One puller's status as gauges.
observability::PeerGauges PeerGaugesOf(const sync::v1::PeerStatus& status);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_SERVER_GAUGES_H_
