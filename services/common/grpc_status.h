// The one conversion of absl::Status to grpc::Status, at the service boundary.
//
// The code is kept (absl and gRPC share code numbers). A status carrying payloads under type URLs —
// field violations (field_violations.h) as a google.rpc.BadRequest, a reason as a google.rpc.ErrorInfo
// (error_info.h) — gets a google.rpc.Status with them as Anys in the call's status details.
// INTERNAL, DATA_LOSS and UNKNOWN texts are logged with an incident id and replaced by a message that
// carries only that id: they may name files or records.
#ifndef WPS_SERVICES_COMMON_GRPC_STATUS_H_
#define WPS_SERVICES_COMMON_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace wps::common {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_GRPC_STATUS_H_
