// The error lines wpsctl prints for a failed RPC: the gRPC code name, the message, and each field
// violation of a google.rpc.BadRequest carried in the status details. Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_RPC_ERRORS_H_
#define WPS_CLIENTS_WPSCTL_RPC_ERRORS_H_

#include <string>
#include <vector>

#include "grpcpp/support/status.h"
#include "services/common/field_violations.h"

namespace wps::wpsctl {

// "INVALID_ARGUMENT", "NOT_FOUND", ...; "CODE_<n>" for a number gRPC does not define.
std::string GrpcCodeName(grpc::StatusCode code);

// The field violations of the google.rpc.BadRequest details of `status`, in order; empty when the
// details are absent, unparsable or carry no BadRequest.
std::vector<common::FieldViolation> BadRequestViolations(const grpc::Status& status);

// "wpsctl: NOT_FOUND: no mediator networks/nordic/mediators/x\n", then "  field: description\n" for
// each field violation.
std::string FormatRpcError(const grpc::Status& status);

// True for the codes that mean the server could not be reached or did not answer in time
// (UNAVAILABLE, DEADLINE_EXCEEDED).
bool IsConnectionError(const grpc::Status& status);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_RPC_ERRORS_H_
