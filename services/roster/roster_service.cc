#include "services/roster/roster_service.h"

#include <algorithm>

#include "base/status_macros.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_handler.h"

namespace wps::roster {

using common::Caller;
using common::HandleUnary;

namespace {
// A snapshot of a million records takes a few seconds to write and sync.
constexpr absl::Duration kSnapshotRewriteTimeout = absl::Seconds(60);
}  // namespace

grpc::Status RosterService::CreateNetwork(grpc::ServerContext* context,
                                          const v1::CreateNetworkRequest* request,
                                          v1::Network* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.CreateNetwork(caller, *request); });
}

grpc::Status RosterService::GetNetwork(grpc::ServerContext* context,
                                       const v1::GetNetworkRequest* request, v1::Network* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.GetNetwork(caller, *request); });
}

grpc::Status RosterService::ListNetworks(grpc::ServerContext* context,
                                         const v1::ListNetworksRequest* request,
                                         v1::ListNetworksResponse* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.ListNetworks(caller, *request); });
}

grpc::Status RosterService::CreateMediator(grpc::ServerContext* context,
                                           const v1::CreateMediatorRequest* request,
                                           v1::Mediator* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.CreateMediator(caller, *request); });
}

grpc::Status RosterService::GetMediator(grpc::ServerContext* context,
                                        const v1::GetMediatorRequest* request, v1::Mediator* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.GetMediator(caller, *request); });
}

grpc::Status RosterService::UpdateMediator(grpc::ServerContext* context,
                                           const v1::UpdateMediatorRequest* request,
                                           v1::Mediator* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.UpdateMediator(caller, *request); });
}

grpc::Status RosterService::DeleteMediator(grpc::ServerContext* context,
                                           const v1::DeleteMediatorRequest* request,
                                           v1::Mediator* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.DeleteMediator(caller, *request); });
}

grpc::Status RosterService::PurgeMediator(grpc::ServerContext* context,
                                          const v1::PurgeMediatorRequest* request,
                                          v1::PurgeMediatorResponse* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) -> absl::StatusOr<v1::PurgeMediatorResponse> {
                       absl::StatusOr<v1::PurgeMediatorResponse> purged =
                           roster_.PurgeMediator(caller, *request);
                       if (!purged.ok() && !absl::IsNotFound(purged.status()))
                         return purged.status();
                       // Not done until the index's file on disk has lost her too.
                       const absl::Time deadline = std::min(absl::Now() + kSnapshotRewriteTimeout,
                                                            absl::FromChrono(context->deadline()));
                       WPS_RETURN_IF_ERROR(search_.RewriteIndexSnapshot(deadline));
                       return purged;
                     });
}

grpc::Status RosterService::UndeleteMediator(grpc::ServerContext* context,
                                             const v1::UndeleteMediatorRequest* request,
                                             v1::Mediator* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.UndeleteMediator(caller, *request); });
}

grpc::Status RosterService::ListMediators(grpc::ServerContext* context,
                                          const v1::ListMediatorsRequest* request,
                                          v1::ListMediatorsResponse* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return roster_.ListMediators(caller, *request); });
}

grpc::Status RosterService::ImportMediators(grpc::ServerContext* context,
                                            grpc::ServerReader<v1::ImportMediatorsRequest>* reader,
                                            v1::ImportMediatorsResponse* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) -> absl::StatusOr<v1::ImportMediatorsResponse> {
                       MediatorImport import(roster_, caller, import_options_);
                       v1::ImportMediatorsRequest request;
                       while (reader->Read(&request)) {
                         if (request.has_mediators()) {
                           WPS_RETURN_IF_ERROR(import.AddMediators(request.mediators()));
                         } else {
                           WPS_RETURN_IF_ERROR(import.AddCsvChunk(request.csv_chunk()));
                         }
                       }
                       if (context->IsCancelled()) {
                         return absl::CancelledError("the client cancelled the import");
                       }
                       return import.Finish();
                     });
}

grpc::Status RosterService::SearchMediators(grpc::ServerContext* context,
                                            const v1::SearchMediatorsRequest* request,
                                            v1::SearchMediatorsResponse* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return search_.Search(caller, *request); });
}

grpc::Status RosterService::ExportMediators(grpc::ServerContext* context,
                                            const v1::ExportMediatorsRequest* request,
                                            grpc::ServerWriter<v1::Mediator>* writer) {
  absl::StatusOr<Caller> caller = callers_.Resolve(*context);
  if (!caller.ok()) return common::ToGrpcStatus(caller.status());
  bool client_gone = false;
  absl::Status status = roster_.ExportMediators(*caller, *request, [&](const v1::Mediator& mediator) {
    client_gone = context->IsCancelled() || !writer->Write(mediator);
    return !client_gone;
  });
  if (client_gone) return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
  return common::ToGrpcStatus(status);
}

}  // namespace wps::roster
