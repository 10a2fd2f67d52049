// wps.matching.v1.MatchingService over gRPC: decode, resolve the caller, call ProcessCatalog or
// Shortlister, map the status. Nothing else lives here.
//
// Thread safety: handlers run concurrently on gRPC's threads; ProcessCatalog and Shortlister are
// thread-safe.
#ifndef WPS_SERVICES_MATCHING_MATCHING_SERVICE_H_
#define WPS_SERVICES_MATCHING_MATCHING_SERVICE_H_

#include "services/common/caller.h"
#include "services/matching/process_catalog.h"
#include "services/matching/shortlister.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"

namespace wps::matching {

class MatchingService final : public v1::MatchingService::Service {
 public:
  // `processes`, `shortlister` and `callers` must outlive the service.
  MatchingService(ProcessCatalog& processes, Shortlister& shortlister,
                  const common::CallerResolver& callers)
      : processes_(processes), shortlister_(shortlister), callers_(callers) {}

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
  grpc::Status ListShortlists(grpc::ServerContext* context,
                              const v1::ListShortlistsRequest* request,
                              v1::ListShortlistsResponse* response) override;

 private:
  ProcessCatalog& processes_;
  Shortlister& shortlister_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_MATCHING_SERVICE_H_
