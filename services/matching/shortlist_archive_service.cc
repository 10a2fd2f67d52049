#include "services/matching/shortlist_archive_service.h"

#include "services/common/rpc_handler.h"

namespace wps::matching {

grpc::Status ShortlistArchiveService::SaveShortlist(grpc::ServerContext* context,
                                                    const v1::SaveShortlistRequest* request,
                                                    v1::Shortlist* response) {
  return common::HandleUnary(callers_, *context, response,
                             [&](const common::Caller& caller) -> absl::StatusOr<v1::Shortlist> {
                               if (caller.role != common::Role::kAdmin &&
                                   !common::IsOwnNode(caller, local_network_)) {
                                 return absl::PermissionDeniedError(
                                     "the shortlist archive stores for this network's own nodes and admins");
                               }
                               return shortlister_.Archive(request->shortlist());
                             });
}

}  // namespace wps::matching
