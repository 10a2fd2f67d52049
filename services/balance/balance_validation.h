// Validation of BalanceService requests against API.md and balance/v1/*.proto. Pure logic: no storage,
// no gRPC. Each function returns every violation it finds (empty when the request is valid); field
// paths are those of the request ("delegation.members[3].gender").
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_BALANCE_BALANCE_VALIDATION_H_
#define WPS_SERVICES_BALANCE_BALANCE_VALIDATION_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/field_violations.h"
#include "wps/balance/v1/balance_service.pb.h"

namespace wps::balance {

// The most members one delegation may have: far above any negotiating table, and it bounds the
// counts the catalog keeps per delegation (16-bit cells).
inline constexpr int kMaxMembers = 1000;

// parent a process name ("processes/{process}"); round_id empty or [a-z0-9][a-z0-9-]{0,62};
// round.start_date a real ISO date (required); round.display_name and round.location optional
// single-line texts of at most common::kMaxNameLength code points. Output-only fields (name,
// create_time) are not checked: the server overwrites them.
std::vector<common::FieldViolation> CreateRoundViolations(const v1::CreateRoundRequest& request);

// round a round name ("processes/{p}/rounds/{r}"); delegation.id required and an id; delegation.kind
// a known kind other than KIND_UNSPECIFIED; delegation.display_name optional single-line text; at most
// kMaxMembers members (one violation on the list otherwise, its members then unchecked); each member's
// gender and role known and not UNSPECIFIED, its display_name optional single-line text. Output-only
// fields (name, etag, update_time) are not checked.
std::vector<common::FieldViolation> PutDelegationViolations(
    const v1::PutDelegationRequest& request);

// countries ISO 3166-1 alpha-2 codes, none twice (at most common::kMaxListSize); from_date and
// to_date empty or real ISO dates, from_date not after to_date.
std::vector<common::FieldViolation> ReportViolations(const v1::GetBalanceReportRequest& request);

// True for a real calendar date written "YYYY-MM-DD".
bool IsIsoDate(absl::string_view date);

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_VALIDATION_H_
