#include "services/common/error_info.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace wps::common {

absl::Status WithErrorInfo(absl::Status status, absl::string_view reason, absl::string_view domain) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(domain));
  status.SetPayload(kErrorInfoTypeUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

std::optional<std::string> ErrorReasonOf(const absl::Status& status) {
  const absl::optional<absl::Cord> payload = status.GetPayload(kErrorInfoTypeUrl);
  google::rpc::ErrorInfo info;
  if (!payload || !info.ParseFromString(std::string(*payload))) return std::nullopt;
  return info.reason();
}

std::optional<std::string> ErrorReasonOfDetails(const std::string& error_details) {
  google::rpc::Status status;
  if (error_details.empty() || !status.ParseFromString(error_details)) return std::nullopt;
  for (const google::protobuf::Any& detail : status.details()) {
    google::rpc::ErrorInfo info;
    if (detail.type_url() == kErrorInfoTypeUrl && info.ParseFromString(detail.value())) return info.reason();
  }
  return std::nullopt;
}

}  // namespace wps::common
