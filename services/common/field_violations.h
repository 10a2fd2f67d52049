// Field-level errors of a request, carried inside an absl::Status as a google.rpc.BadRequest payload so
// that the gRPC boundary (grpc_status.h) can send them as status details.
#ifndef WPS_SERVICES_COMMON_FIELD_VIOLATIONS_H_
#define WPS_SERVICES_COMMON_FIELD_VIOLATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace wps::common {

// One bad field: `field` is a path into the request ("mediator.languages[1].code"), `description` says
// what is wrong in words a coordinator understands.
struct FieldViolation {
  std::string field;
  std::string description;

  bool operator==(const FieldViolation& other) const {
    return field == other.field && description == other.description;
  }
};

// The type URL under which the google.rpc.BadRequest payload is stored.
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";

// INVALID_ARGUMENT whose message lists the violations and whose payload is a google.rpc.BadRequest.
// `violations` must not be empty.
absl::Status InvalidArgumentWithViolations(absl::Span<const FieldViolation> violations);

// OK when `violations` is empty, else InvalidArgumentWithViolations(violations).
absl::Status StatusFromViolations(absl::Span<const FieldViolation> violations);

// The violations carried by `status`; empty when it carries none.
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

// Appends `violation` with `prefix` prepended to its field ("mediator." + "languages[0].code").
void AddViolation(std::vector<FieldViolation>& out, absl::string_view prefix, absl::string_view field,
                  absl::string_view description);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_FIELD_VIOLATIONS_H_
