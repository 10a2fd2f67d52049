// wps.roster.v1.RosterService over gRPC: decode, resolve the caller, call Roster, map the status.
// Nothing else lives here.
//
// Thread safety: handlers run concurrently on gRPC's threads; Roster is thread-safe.
#ifndef WPS_SERVICES_ROSTER_ROSTER_SERVICE_H_
#define WPS_SERVICES_ROSTER_ROSTER_SERVICE_H_

#include "services/common/caller.h"
#include "services/roster/mediator_import.h"
#include "services/roster/roster.h"
#include "services/search/mediator_search.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::roster {

class RosterService final : public v1::RosterService::Service {
 public:
  // `roster`, `search` and `callers` must outlive the service.
  RosterService(Roster& roster, const search::MediatorSearch& search, const common::CallerResolver& callers,
                ImportOptions import_options = {})
      : roster_(roster), search_(search), callers_(callers), import_options_(import_options) {}

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
  grpc::Status UndeleteMediator(grpc::ServerContext* context,
                                const v1::UndeleteMediatorRequest* request,
                                v1::Mediator* response) override;
  grpc::Status ListMediators(grpc::ServerContext* context, const v1::ListMediatorsRequest* request,
                             v1::ListMediatorsResponse* response) override;
  grpc::Status SearchMediators(grpc::ServerContext* context, const v1::SearchMediatorsRequest* request,
                               v1::SearchMediatorsResponse* response) override;
  grpc::Status ImportMediators(grpc::ServerContext* context,
                               grpc::ServerReader<v1::ImportMediatorsRequest>* reader,
                               v1::ImportMediatorsResponse* response) override;
  grpc::Status ExportMediators(grpc::ServerContext* context, const v1::ExportMediatorsRequest* request,
                               grpc::ServerWriter<v1::Mediator>* writer) override;

 private:
  Roster& roster_;
  const search::MediatorSearch& search_;
  const common::CallerResolver& callers_;
  ImportOptions import_options_;
};

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_ROSTER_SERVICE_H_
