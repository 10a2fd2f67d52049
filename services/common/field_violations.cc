#include "services/common/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"

namespace wps::common {

absl::Status InvalidArgumentWithViolations(absl::Span<const FieldViolation> violations) {
  google::rpc::BadRequest bad_request;
  std::vector<std::string> parts;
  for (const FieldViolation& violation : violations) {
    google::rpc::BadRequest::FieldViolation* detail = bad_request.add_field_violations();
    detail->set_field(violation.field);
    detail->set_description(violation.description);
    parts.push_back(absl::StrCat(violation.field, ": ", violation.description));
  }
  absl::Status status = absl::InvalidArgumentError(absl::StrJoin(parts, "; "));
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status StatusFromViolations(absl::Span<const FieldViolation> violations) {
  if (violations.empty()) return absl::OkStatus();
  return InvalidArgumentWithViolations(violations);
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> violations;
  absl::optional<absl::Cord> payload = status.GetPayload(kBadRequestTypeUrl);
  google::rpc::BadRequest bad_request;
  if (!payload || !bad_request.ParseFromString(std::string(*payload))) return violations;
  for (const auto& detail : bad_request.field_violations()) {
    violations.push_back(FieldViolation{detail.field(), detail.description()});
  }
  return violations;
}

void AddViolation(std::vector<FieldViolation>& out, absl::string_view prefix, absl::string_view field,
                  absl::string_view description) {
  out.push_back(FieldViolation{absl::StrCat(prefix, field), std::string(description)});
}

}  // namespace wps::common
