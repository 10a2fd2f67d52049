// Validation of peace-process records and of UpdateProcess masks against API.md. Pure logic: no
// storage, no gRPC.
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_MATCHING_PROCESS_VALIDATION_H_
#define WPS_SERVICES_MATCHING_PROCESS_VALIDATION_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/common/field_violations.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::matching {

// Appends a violation for each bad writable field of `process`, each field path prefixed with
// `prefix`
// ("process."). Output-only fields (name, etag, create_time, update_time) are not checked. Checks:
//   display_name required, at most common::kMaxNameLength code points, valid UTF-8 without control
//   characters; countries ISO 3166-1 alpha-2 (the list may be empty); working_languages ISO 639-1;
//   expertise_needed terms of the expertise vocabulary; each party a display_name checked like the
//   process's and not shared with another party, its nationalities ISO 3166-1 alpha-2; stage and
//   track unspecified or a known value; target_women_share, when set, in [0, 1]. No list holds the
//   same code or term twice (reported on the second one, "process.countries[2]"). A list longer
//   than common::kMaxListSize gives one violation on the list itself and its elements are not
//   checked.
void ValidateProcess(const wps::matching::v1::PeaceProcess& process, absl::string_view prefix,
                     std::vector<common::FieldViolation>& violations);

// The mask UpdateProcess applies: every writable field when `requested` is empty or "*", else
// `requested`. INVALID_ARGUMENT with violations on "update_mask" for an output-only field (name,
// etag, create_time, update_time) or a path that is not a writable field of PeaceProcess.
absl::StatusOr<google::protobuf::FieldMask> EffectiveProcessMask(
    const google::protobuf::FieldMask& requested);

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_PROCESS_VALIDATION_H_
