// The one conversion of absl::Status to grpc::Status, at the service boundary, and the way back for
// the answer of a call this server made to another.
//
// The code is kept (absl and gRPC share code numbers). A status carrying payloads under type URLs —
// field violations (field_violations.h) as a google.rpc.BadRequest, a reason as a google.rpc.ErrorInfo
// (error_info.h) — gets a google.rpc.Status with them as Anys in the call's status details.
// INTERNAL, DATA_LOSS and UNKNOWN texts are logged with an incident id and replaced by a message that
// carries only that id: they may name files or records.
#ifndef WPS_SERVICES_COMMON_GRPC_STATUS_H_
#define WPS_SERVICES_COMMON_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace wps::common {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The answer of a call this server made to another server, as a status of ours: OK, or its code with
// "`what`: " before its message.
absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view what);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_GRPC_STATUS_H_
