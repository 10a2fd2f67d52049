// wps.matching.v1.MatchingService on a matching replica (wpsd --services=matching --roster_upstream):
// RequestShortlist is ranked here, over this process's copy of the roster node's records, and the
// shortlist kept by the roster node (ShortlistArchive), so that GetShortlist and ListShortlists on any
// node find it; every other call — processes, shortlists read back — is forwarded to the roster node
// (services/common/upstream_call.h), which holds them.
//
// A request's process is looked up upstream, as the caller. Records written at the roster node reach
// this copy within the mirror's lag (milliseconds on a LAN; wpsctl sync status shows it).
//
// Thread safety: handlers run concurrently on gRPC's threads; Shortlister and the stubs are
// thread-safe.
#ifndef WPS_SERVICES_MATCHING_MATCHING_REPLICA_SERVICE_H_
#define WPS_SERVICES_MATCHING_MATCHING_REPLICA_SERVICE_H_

#include <memory>

#include "grpcpp/channel.h"
#include "services/common/caller.h"
#include "services/matching/shortlister.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/matching/v1/shortlist_archive.grpc.pb.h"

namespace wps::matching {

class MatchingReplicaService final : public v1::MatchingService::Service {
 public:
  // `shortlister` ranks over the local copy; `upstream` is the channel to the roster node.
  // `shortlister` and `callers` must outlive the service.
  MatchingReplicaService(const Shortlister& shortlister, const std::shared_ptr<grpc::Channel>& upstream,
                         const common::CallerResolver& callers);

  grpc::Status CreateProcess(grpc::ServerContext* context, const v1::CreateProcessRequest* request,
                             v1::PeaceProcess* response) override;
  grpc::Status GetProcess(grpc::ServerContext* context, const v1::GetProcessRequest* request,
                          v1::PeaceProcess* response) override;
  grpc::Status ListProcesses(grpc::ServerContext* context, const v1::ListProcessesRequest* request,
                             v1::ListProcessesResponse* response) override;
  grpc::Status UpdateProcess(grpc::ServerContext* context, const v1::UpdateProcessRequest* request,
                             v1::PeaceProcess* response) override;
  grpc::Status RequestShortlist(grpc::ServerContext* context, const v1::ShortlistRequest* request,
                                v1::Shortlist* response) override;
  grpc::Status GetShortlist(grpc::ServerContext* context, const v1::GetShortlistRequest* request,
                            v1::Shortlist* response) override;
  grpc::Status ListShortlists(grpc::ServerContext* context, const v1::ListShortlistsRequest* request,
                              v1::ListShortlistsResponse* response) override;

 private:
  // Ranks `request` for `caller` here and has the roster node keep the result.
  absl::StatusOr<v1::Shortlist> RankAndArchive(const grpc::ServerContext& context, const common::Caller& caller,
                                               const v1::ShortlistRequest& request) const;

  const Shortlister& shortlister_;
  std::unique_ptr<v1::MatchingService::Stub> upstream_;
  std::unique_ptr<v1::ShortlistArchive::Stub> archive_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_MATCHING_REPLICA_SERVICE_H_
