// A matching replica (wpsd --services=matching --roster_upstream=HOST:PORT): a process that serves
// SearchMediators and RequestShortlist from its own copy of a roster node's records, so that read
// capacity grows by adding such processes behind a gRPC load balancer.
//
// The copy is a mirror (sync::PeerPuller with `mirror`): the roster node's SyncService sends this
// network's nodes every live record it holds, its own and its partners' replicas; the replica keeps
// them in its own data dir with the node's cursor, indexes them like any record, and resumes from that
// cursor after a restart. Everything else it is asked — writes, single reads, processes, shortlists
// read back — it forwards to the roster node as the caller (roster_replica_service.h,
// matching_replica_service.h), and the shortlists it ranks are kept there.
#ifndef WPS_SERVICES_WPSD_MATCHING_REPLICA_SERVER_H_
#define WPS_SERVICES_WPSD_MATCHING_REPLICA_SERVER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"
#include "services/common/caller.h"
#include "services/search/index_follower.h"
#include "services/wpsd/server.h"
#include "services/wpsd/server_config.h"
#include "storage/store.h"

namespace wps::wpsd {

// Server::Start's part for a config where IsMatchingReplica: starts following config.roster_upstream
// and serving on config.listen. FAILED_PRECONDITION when the data dir holds records its mirror did not
// write (a roster node's store); other errors as Server::Start's.
absl::StatusOr<std::unique_ptr<Server>> StartMatchingReplica(
    const ServerConfig& config, std::unique_ptr<storage::Store> store,
    std::unique_ptr<search::IndexFollower> index, std::unique_ptr<common::CallerResolver> callers,
    const std::shared_ptr<grpc::ServerCredentials>& credentials,
    observability::RpcMetrics& rpc_metrics);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_MATCHING_REPLICA_SERVER_H_
