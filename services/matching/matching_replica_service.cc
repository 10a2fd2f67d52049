#include "services/matching/matching_replica_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_handler.h"
#include "services/common/upstream_call.h"
#include "storage/replica_store.h"

namespace wps::matching {
namespace {

using common::ForwardUnary;
using Stub = v1::MatchingService::Stub;

// The roster node refusing this node (its certificate, its network) is not the caller's fault: told
// as the node being unavailable, not as a denial of the caller.
absl::Status ArchiveFailure(const grpc::Status& status) {
  absl::Status failure = common::FromGrpcStatus(status, "storing the shortlist at the roster node");
  if (absl::IsPermissionDenied(failure) || absl::IsUnauthenticated(failure)) {
    return absl::UnavailableError(absl::StrCat(failure.message(), " (check this replica's certificate and --network)"));
  }
  return failure;
}

}  // namespace

MatchingReplicaService::MatchingReplicaService(const Shortlister& shortlister,
                                               const std::shared_ptr<grpc::Channel>& upstream,
                                               const common::CallerResolver& callers)
    : shortlister_(shortlister),
      upstream_(v1::MatchingService::NewStub(upstream)),
      archive_(v1::ShortlistArchive::NewStub(upstream)),
      callers_(callers) {}

grpc::Status MatchingReplicaService::CreateProcess(grpc::ServerContext* context,
                                                   const v1::CreateProcessRequest* request,
                                                   v1::PeaceProcess* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::CreateProcess, *request, response);
}

grpc::Status MatchingReplicaService::GetProcess(grpc::ServerContext* context, const v1::GetProcessRequest* request,
                                                v1::PeaceProcess* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::GetProcess, *request, response);
}

grpc::Status MatchingReplicaService::ListProcesses(grpc::ServerContext* context,
                                                   const v1::ListProcessesRequest* request,
                                                   v1::ListProcessesResponse* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::ListProcesses, *request, response);
}

grpc::Status MatchingReplicaService::UpdateProcess(grpc::ServerContext* context,
                                                   const v1::UpdateProcessRequest* request,
                                                   v1::PeaceProcess* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::UpdateProcess, *request, response);
}

grpc::Status MatchingReplicaService::RequestShortlist(grpc::ServerContext* context,
                                                      const v1::ShortlistRequest* request,
                                                      v1::Shortlist* response) {
  return common::HandleUnary(callers_, *context, response, [&](const common::Caller& caller) {
    return RankAndArchive(*context, caller, *request);
  });
}

grpc::Status MatchingReplicaService::GetShortlist(grpc::ServerContext* context,
                                                  const v1::GetShortlistRequest* request,
                                                  v1::Shortlist* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::GetShortlist, *request, response);
}

grpc::Status MatchingReplicaService::ListShortlists(grpc::ServerContext* context,
                                                    const v1::ListShortlistsRequest* request,
                                                    v1::ListShortlistsResponse* response) {
  return ForwardUnary(callers_, *context, *upstream_, &Stub::ListShortlists, *request, response);
}

absl::StatusOr<v1::Shortlist> MatchingReplicaService::RankAndArchive(const grpc::ServerContext& context,
                                                                     const common::Caller& caller,
                                                                     const v1::ShortlistRequest& request) const {
  WPS_ASSIGN_OR_RETURN(v1::Shortlist answer,
                       shortlister_.Rank(caller, request, [&](const std::string& name) -> absl::StatusOr<v1::PeaceProcess> {
                         v1::GetProcessRequest get;
                         get.set_name(name);
                         v1::PeaceProcess process;
                         WPS_RETURN_IF_ERROR(common::FromGrpcStatus(
                             upstream_->GetProcess(common::ForwardingContext(context).get(), get, &process),
                             "process at the roster node"));
                         return process;
                       }));
  // Kept under this node's own credentials: the archive trusts this network's nodes, which name
  // the requester they served.
  v1::SaveShortlistRequest save;
  *save.mutable_shortlist() = ReferenceForm(answer);
  v1::Shortlist saved;
  grpc::ClientContext archive_context;
  archive_context.set_deadline(context.deadline());
  WPS_RETURN_IF_ERROR(ArchiveFailure(archive_->SaveShortlist(&archive_context, save, &saved)));
  *answer.mutable_create_time() = saved.create_time();
  for (v1::Candidate& candidate : *answer.mutable_candidates()) storage::UseUpstreamEtag(*candidate.mutable_mediator());
  return answer;
}

}  // namespace wps::matching
