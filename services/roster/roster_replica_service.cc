#include "services/roster/roster_replica_service.h"

#include "services/common/rpc_handler.h"
#include "services/common/upstream_call.h"
#include "storage/replica_store.h"

namespace wps::roster {

using common::ForwardUnary;
using Stub = v1::RosterService::Stub;

grpc::Status RosterReplicaService::CreateNetwork(grpc::ServerContext* context, const v1::CreateNetworkRequest* request,
                                                 v1::Network* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::CreateNetwork, *request, response);
}

grpc::Status RosterReplicaService::GetNetwork(grpc::ServerContext* context, const v1::GetNetworkRequest* request,
                                              v1::Network* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::GetNetwork, *request, response);
}

grpc::Status RosterReplicaService::ListNetworks(grpc::ServerContext* context, const v1::ListNetworksRequest* request,
                                                v1::ListNetworksResponse* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::ListNetworks, *request, response);
}

grpc::Status RosterReplicaService::CreateMediator(grpc::ServerContext* context, const v1::CreateMediatorRequest* request,
                                                  v1::Mediator* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::CreateMediator, *request, response);
}

grpc::Status RosterReplicaService::GetMediator(grpc::ServerContext* context, const v1::GetMediatorRequest* request,
                                               v1::Mediator* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::GetMediator, *request, response);
}

grpc::Status RosterReplicaService::UpdateMediator(grpc::ServerContext* context, const v1::UpdateMediatorRequest* request,
                                                  v1::Mediator* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::UpdateMediator, *request, response);
}

grpc::Status RosterReplicaService::DeleteMediator(grpc::ServerContext* context, const v1::DeleteMediatorRequest* request,
                                                  v1::Mediator* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::DeleteMediator, *request, response);
}

grpc::Status RosterReplicaService::PurgeMediator(grpc::ServerContext* context,
                                                 const v1::PurgeMediatorRequest* request,
                                                 v1::PurgeMediatorResponse* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::PurgeMediator, *request, response);
}

grpc::Status RosterReplicaService::UndeleteMediator(grpc::ServerContext* context, const v1::UndeleteMediatorRequest* request,
                                                    v1::Mediator* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::UndeleteMediator, *request, response);
}

grpc::Status RosterReplicaService::ListMediators(grpc::ServerContext* context, const v1::ListMediatorsRequest* request,
                                                 v1::ListMediatorsResponse* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::ListMediators, *request, response);
}

grpc::Status RosterReplicaService::SearchMediators(grpc::ServerContext* context,
                                                   const v1::SearchMediatorsRequest* request,
                                                   v1::SearchMediatorsResponse* response) {
  return common::HandleUnary(callers_, *context, response,
                             [&](const common::Caller& caller) -> absl::StatusOr<v1::SearchMediatorsResponse> {
                               absl::StatusOr<v1::SearchMediatorsResponse> found = search_.Search(caller, *request);
                               if (found.ok()) {
                                 for (v1::Mediator& record : *found->mutable_mediators()) storage::UseUpstreamEtag(record);
                               }
                               return found;
                             });
}

grpc::Status RosterReplicaService::ImportMediators(grpc::ServerContext* context,
                                                   grpc::ServerReader<v1::ImportMediatorsRequest>* reader,
                                                   v1::ImportMediatorsResponse* response) {
  return common::ForwardClientStream(callers_, *context, *upstream_, &Stub::ImportMediators, reader, response);
}

grpc::Status RosterReplicaService::ExportMediators(grpc::ServerContext* context,
                                                   const v1::ExportMediatorsRequest* request,
                                                   grpc::ServerWriter<v1::Mediator>* writer) {
  return common::ForwardServerStream(callers_, *context, *upstream_, &Stub::ExportMediators, *request, writer);
}

}  // namespace wps::roster
