// gRPC glue of wps.sync.v1.SyncService: resolves the caller, calls PartnerFeed, and reports the pullers'
// status. Streams run on gRPC's sync server threads; a Watch ends when the caller cancels or the
// server stops its PartnerFeed (wpsd does at the start of its shutdown).
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_SYNC_SYNC_SERVICE_H_
#define WPS_SERVICES_SYNC_SYNC_SERVICE_H_

#include <functional>
#include <vector>

#include "services/common/caller.h"
#include "services/sync/partner_feed.h"
#include "storage/store.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::sync {

class SyncService final : public v1::SyncService::Service {
 public:
  // `peer_statuses` returns the status of each puller of this server (none when it pulls from no one).
  SyncService(const storage::Store& store, const PartnerFeed& feed, std::string local_network,
              std::function<std::vector<v1::PeerStatus>()> peer_statuses, const common::CallerResolver& callers);

  grpc::Status Pull(grpc::ServerContext* context, const v1::PullRequest* request,
                    v1::PullResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context, const v1::WatchRequest* request,
                     grpc::ServerWriter<v1::Change>* writer) override;
  grpc::Status Snapshot(grpc::ServerContext* context, const v1::SnapshotRequest* request,
                        grpc::ServerWriter<v1::SnapshotChunk>* writer) override;
  // Admins, and coordinators of this server's network; PERMISSION_DENIED for others.
  grpc::Status GetSyncStatus(grpc::ServerContext* context, const v1::GetSyncStatusRequest* request,
                             v1::SyncStatus* response) override;

 private:
  absl::StatusOr<v1::SyncStatus> SyncStatusFor(const common::Caller& caller) const;

  const storage::Store& store_;
  const PartnerFeed& feed_;
  const std::string local_network_;
  const std::function<std::vector<v1::PeerStatus>()> peer_statuses_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_SYNC_SERVICE_H_
