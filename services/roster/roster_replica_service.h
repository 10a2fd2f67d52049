// wps.roster.v1.RosterService on a matching replica (wpsd --services=matching --roster_upstream):
// SearchMediators is answered here, over this process's copy of the roster node's records; every
// other call — reads of one record, lists, writes, import and export — is forwarded to the roster node
// (services/common/upstream_call.h), which is authoritative. A search sees a record written at the
// roster node within the mirror's lag.
//
// Thread safety: handlers run concurrently on gRPC's threads; MediatorSearch and the stub are
// thread-safe.
#ifndef WPS_SERVICES_ROSTER_ROSTER_REPLICA_SERVICE_H_
#define WPS_SERVICES_ROSTER_ROSTER_REPLICA_SERVICE_H_

#include <memory>

#include "grpcpp/channel.h"
#include "services/common/caller.h"
#include "services/search/mediator_search.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::roster {

class RosterReplicaService final : public v1::RosterService::Service {
 public:
  // `search` and `callers` must outlive the service; `upstream` is the channel to the roster node.
  RosterReplicaService(const search::MediatorSearch& search, const std::shared_ptr<grpc::Channel>& upstream,
                       const common::CallerResolver& callers)
      : search_(search), upstream_(v1::RosterService::NewStub(upstream)), callers_(callers) {}

  grpc::Status CreateNetwork(grpc::ServerContext* context, const v1::CreateNetworkRequest* request,
                             v1::Network* response) override;
  grpc::Status GetNetwork(grpc::ServerContext* context, const v1::GetNetworkRequest* request,
                          v1::Network* response) override;
  grpc::Status ListNetworks(grpc::ServerContext* context, const v1::ListNetworksRequest* request,
                            v1::ListNetworksResponse* response) override;
  grpc::Status CreateMediator(grpc::ServerContext* context, const v1::CreateMediatorRequest* request,
                              v1::Mediator* response) override;
  grpc::Status GetMediator(grpc::ServerContext* context, const v1::GetMediatorRequest* request,
                           v1::Mediator* response) override;
  grpc::Status UpdateMediator(grpc::ServerContext* context, const v1::UpdateMediatorRequest* request,
                              v1::Mediator* response) override;
  grpc::Status DeleteMediator(grpc::ServerContext* context, const v1::DeleteMediatorRequest* request,
                              v1::Mediator* response) override;
  grpc::Status PurgeMediator(grpc::ServerContext* context, const v1::PurgeMediatorRequest* request,
                             v1::PurgeMediatorResponse* response) override;
  grpc::Status UndeleteMediator(grpc::ServerContext* context, const v1::UndeleteMediatorRequest* request,
                                v1::Mediator* response) override;
  grpc::Status ListMediators(grpc::ServerContext* context, const v1::ListMediatorsRequest* request,
                             v1::ListMediatorsResponse* response) override;
  grpc::Status SearchMediators(grpc::ServerContext* context, const v1::SearchMediatorsRequest* request,
                               v1::SearchMediatorsResponse* response) override;
  grpc::Status ImportMediators(grpc::ServerContext* context, grpc::ServerReader<v1::ImportMediatorsRequest>* reader,
                               v1::ImportMediatorsResponse* response) override;
  grpc::Status ExportMediators(grpc::ServerContext* context, const v1::ExportMediatorsRequest* request,
                               grpc::ServerWriter<v1::Mediator>* writer) override;

 private:
  const search::MediatorSearch& search_;
  std::unique_ptr<v1::RosterService::Stub> upstream_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_ROSTER_REPLICA_SERVICE_H_
