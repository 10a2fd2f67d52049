// The shape of every unary handler: resolve the caller, run the domain call, map its status once.
#ifndef WPS_SERVICES_COMMON_RPC_HANDLER_H_
#define WPS_SERVICES_COMMON_RPC_HANDLER_H_

#include <utility>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "services/common/caller.h"
#include "services/common/grpc_status.h"

namespace wps::common {

// Resolves the caller of `context`, then stores call(caller) in `response`. `call` returns
// absl::StatusOr<Response>.
template <typename Response, typename Call>
grpc::Status HandleUnary(const CallerResolver& callers, const grpc::ServerContextBase& context,
                         Response* response, Call&& call) {
  absl::StatusOr<Caller> caller = callers.Resolve(context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<Response> result = std::forward<Call>(call)(*caller);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_RPC_HANDLER_H_
