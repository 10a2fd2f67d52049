// A machine-readable reason for an error, carried inside an absl::Status as a google.rpc.ErrorInfo
// payload that the gRPC boundary (grpc_status.h) sends in the status details: clients branch on the
// reason, not on the message text.
#ifndef WPS_SERVICES_COMMON_ERROR_INFO_H_
#define WPS_SERVICES_COMMON_ERROR_INFO_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace wps::common {

inline constexpr char kErrorInfoTypeUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";

// `status` (which must not be OK) with a google.rpc.ErrorInfo{reason, domain} payload.
absl::Status WithErrorInfo(absl::Status status, absl::string_view reason, absl::string_view domain);

// The ErrorInfo reason `status` carries; nullopt when none.
std::optional<std::string> ErrorReasonOf(const absl::Status& status);

// The ErrorInfo reason in the details of a failed gRPC call's status (its binary error details);
// nullopt when none.
std::optional<std::string> ErrorReasonOfDetails(const std::string& error_details);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_ERROR_INFO_H_
