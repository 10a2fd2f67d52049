// How wpsctl prints the audit log. Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_AUDIT_FORMAT_H_
#define WPS_CLIENTS_WPSCTL_AUDIT_FORMAT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "clients/wpsctl/output_format.h"
#include "wps/audit/v1/audit_service.pb.h"

namespace wps::wpsctl {

// table: one row per event (TIME (UTC), PRINCIPAL, ROLE, WHAT, RESOURCE, OUTCOME, PEER, DETAIL),
// WHAT being the category and the method's short name; json: an array of proto-JSON events; csv:
// the table's columns.
std::string FormatAuditEvents(absl::Span<const audit::v1::AuditEvent> events, OutputFormat format);

// A time given on the command line: an age before `now` ("24h", "90m", "7d"), a date (2026-12-01,
// its midnight UTC) or an RFC 3339 time (2026-12-01T08:00:00Z). INVALID_ARGUMENT naming `flag`
// otherwise.
absl::StatusOr<absl::Time> ParseTimeFlag(absl::string_view flag, absl::string_view text,
                                         absl::Time now);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_AUDIT_FORMAT_H_
