#include "services/sync/sync_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_handler.h"
#include "services/sync/sync_cursor.h"

namespace wps::sync {

SyncService::SyncService(const storage::Store& store, const PartnerFeed& feed, std::string local_network,
                         std::function<std::vector<v1::PeerStatus>()> peer_statuses,
                         const common::CallerResolver& callers)
    : store_(store),
      feed_(feed),
      local_network_(std::move(local_network)),
      peer_statuses_(std::move(peer_statuses)),
      callers_(callers) {}

grpc::Status SyncService::Pull(grpc::ServerContext* context, const v1::PullRequest* request,
                               v1::PullResponse* response) {
  return common::HandleUnary(callers_, *context, response,
                             [&](const common::Caller& caller) { return feed_.Pull(caller, *request); });
}

grpc::Status SyncService::Watch(grpc::ServerContext* context, const v1::WatchRequest* request,
                                grpc::ServerWriter<v1::Change>* writer) {
  absl::StatusOr<common::Caller> caller = callers_.Resolve(*context);
  if (!caller.ok()) return common::ToGrpcStatus(caller.status());
  return common::ToGrpcStatus(feed_.Watch(
      *caller, *request, [&](const v1::Change& change) { return writer->Write(change); },
      [&] { return context->IsCancelled(); }));
}

grpc::Status SyncService::Snapshot(grpc::ServerContext* context, const v1::SnapshotRequest* /*request*/,
                                   grpc::ServerWriter<v1::SnapshotChunk>* writer) {
  absl::StatusOr<common::Caller> caller = callers_.Resolve(*context);
  if (!caller.ok()) return common::ToGrpcStatus(caller.status());
  return common::ToGrpcStatus(
      feed_.Snapshot(*caller, [&](const v1::SnapshotChunk& chunk) { return writer->Write(chunk); }));
}

grpc::Status SyncService::GetSyncStatus(grpc::ServerContext* context, const v1::GetSyncStatusRequest* /*request*/,
                                        v1::SyncStatus* response) {
  return common::HandleUnary(callers_, *context, response,
                             [&](const common::Caller& caller) { return SyncStatusFor(caller); });
}

absl::StatusOr<v1::SyncStatus> SyncService::SyncStatusFor(const common::Caller& caller) const {
  const bool own_coordinator = caller.role == common::Role::kCoordinator && caller.network == local_network_;
  if (caller.role != common::Role::kAdmin && !own_coordinator) {
    return absl::PermissionDeniedError("sync status is for admins and this network's coordinators");
  }
  v1::SyncStatus status;
  status.set_network(local_network_);
  const uint64_t head = store_.FeedHead();
  status.set_feed_head(EncodeSyncCursor(store_.FeedId(), head));
  status.set_feed_head_position(head);
  status.set_feed_oldest_position(store_.FeedCompactedThrough());
  for (v1::PeerStatus& peer : peer_statuses_()) *status.add_peers() = std::move(peer);
  return status;
}

}  // namespace wps::sync
