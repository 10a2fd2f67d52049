#include "clients/wpsctl/rpc_errors.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace wps::wpsctl {

std::string GrpcCodeName(grpc::StatusCode code) {
  // absl and gRPC share the canonical codes, numbers and names alike.
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? absl::StrCat("CODE_", static_cast<int>(code)) : name;
}

std::vector<common::FieldViolation> BadRequestViolations(const grpc::Status& status) {
  std::vector<common::FieldViolation> violations;
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return violations;
  }
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.Is<google::rpc::BadRequest>() || !any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      violations.push_back({violation.field(), violation.description()});
    }
  }
  return violations;
}

std::string FormatRpcError(const grpc::Status& status) {
  std::string text = absl::StrCat("wpsctl: ", GrpcCodeName(status.error_code()), ": ",
                                  status.error_message(), "\n");
  for (const common::FieldViolation& violation : BadRequestViolations(status)) {
    absl::StrAppend(&text, "  ", violation.field, ": ", violation.description, "\n");
  }
  return text;
}

bool IsConnectionError(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

}  // namespace wps::wpsctl
