#include "services/common/grpc_status.h"

#include <atomic>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/field_violations.h"

namespace wps::common {
namespace {

bool IsConfidential(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kDataLoss ||
         code == absl::StatusCode::kUnknown;
}

std::string HideConfidential(const absl::Status& status) {
  static std::atomic<uint64_t> next_incident{1};
  const uint64_t incident = next_incident.fetch_add(1);
  LogError(absl::StrCat("incident ", incident, ": ", status.ToString()));
  return absl::StrCat("internal error (incident ", incident, " in the server log)");
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  if (IsConfidential(status.code())) return grpc::Status(code, HideConfidential(status));
  const std::string message(status.message());
  // Payloads stored under a type URL (a serialized google.rpc.BadRequest or ErrorInfo) become the
  // status details' Anys.
  google::rpc::Status rpc_status;
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    google::protobuf::Any* detail = rpc_status.add_details();
    detail->set_type_url(std::string(type_url));
    detail->set_value(std::string(payload));
  });
  if (rpc_status.details().empty()) return grpc::Status(code, message);
  rpc_status.set_code(static_cast<int>(code));
  rpc_status.set_message(message);
  return grpc::Status(code, message, rpc_status.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

}  // namespace wps::common
