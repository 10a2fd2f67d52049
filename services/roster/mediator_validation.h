// Validation of mediator and network records against API.md: vocabularies, ids, dates and periods,
// years, text lengths. Pure logic: no storage, no gRPC.
#ifndef WPS_SERVICES_ROSTER_MEDIATOR_VALIDATION_H_
#define WPS_SERVICES_ROSTER_MEDIATOR_VALIDATION_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/field_checks.h"
#include "services/common/field_violations.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::roster {

// Limits on free text, in Unicode code points.
inline constexpr int kMaxNameLength = common::kMaxNameLength;
inline constexpr int kMaxBioLength = 5000;
inline constexpr int kMaxEmailLength = 254;
inline constexpr int kMaxPhoneLength = 32;
inline constexpr int kMaxYearsExperience = 80;
inline constexpr int kMaxListSize = common::kMaxListSize;

// Appends a violation for each bad writable field of `mediator`, each field path prefixed with `prefix`
// ("mediator."). Output-only fields (name, network, etag, times, origin_network) are not checked.
// `network`, when given, is the record's network: `chapter` must then be one of its chapters (when it
// lists any). Checks, each reported once per offending element:
//   given_name or family_name present; names, display_name and bio valid UTF-8, within their lengths
//   and free of control characters (bio may hold newlines and tabs); chapter and nationalities
//   ISO 3166-1 alpha-2; languages ISO 639-1 with a level and no code twice; regions countries or M49
//   areas; expertise and roles from the vocabularies; years_experience in [0, kMaxYearsExperience];
//   availability unspecified or a known value; unavailable_periods valid YYYY-MM-DD dates with
//   start <= end (an inverted period is reported on its `end`); contact email of the form
//   local@domain, phone of digits, spaces and "+-()"; consent.share_with valid network ids, empty
//   when share_all. No list holds the same code, term or id twice. A list longer than kMaxListSize
//   gives one violation on the list itself and its elements are not checked.
void ValidateMediator(const roster::v1::Mediator& mediator, const roster::v1::Network* network,
                      absl::string_view prefix, std::vector<common::FieldViolation>& violations);

// As ValidateMediator, for a network: display_name required and within kMaxNameLength, chapters
// ISO 3166-1 alpha-2 without repeats.
void ValidateNetwork(const roster::v1::Network& network, absl::string_view prefix,
                     std::vector<common::FieldViolation>& violations);

// True when `date` is a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(absl::string_view date);

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_MEDIATOR_VALIDATION_H_
