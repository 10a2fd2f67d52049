#include "services/matching/matching_service.h"

#include "services/common/rpc_handler.h"

namespace wps::matching {

using common::Caller;
using common::HandleUnary;

grpc::Status MatchingService::CreateProcess(grpc::ServerContext* context,
                                            const v1::CreateProcessRequest* request,
                                            v1::PeaceProcess* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return processes_.CreateProcess(caller, *request);
  });
}

grpc::Status MatchingService::GetProcess(grpc::ServerContext* context,
                                         const v1::GetProcessRequest* request,
                                         v1::PeaceProcess* response) {
  return HandleUnary(callers_, *context, response,
                     [&](const Caller& caller) { return processes_.GetProcess(caller, *request); });
}

grpc::Status MatchingService::ListProcesses(grpc::ServerContext* context,
                                            const v1::ListProcessesRequest* request,
                                            v1::ListProcessesResponse* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return processes_.ListProcesses(caller, *request);
  });
}

grpc::Status MatchingService::UpdateProcess(grpc::ServerContext* context,
                                            const v1::UpdateProcessRequest* request,
                                            v1::PeaceProcess* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return processes_.UpdateProcess(caller, *request);
  });
}

grpc::Status MatchingService::RequestShortlist(grpc::ServerContext* context,
                                               const v1::ShortlistRequest* request,
                                               v1::Shortlist* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return shortlister_.RequestShortlist(caller, *request, [&](const std::string& name) {
      v1::GetProcessRequest get;
      get.set_name(name);
      return processes_.GetProcess(caller, get);
    });
  });
}

grpc::Status MatchingService::GetShortlist(grpc::ServerContext* context,
                                           const v1::GetShortlistRequest* request,
                                           v1::Shortlist* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return shortlister_.GetShortlist(caller, *request);
  });
}

grpc::Status MatchingService::ListShortlists(grpc::ServerContext* context,
                                             const v1::ListShortlistsRequest* request,
                                             v1::ListShortlistsResponse* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return shortlister_.ListShortlists(caller, *request);
  });
}

}  // namespace wps::matching
