#include "services/balance/balance_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/balance/balance_names.h"
#include "services/common/field_checks.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_validation.h"

namespace wps::balance {
namespace {

using common::AddViolation;
using common::FieldViolation;
using Violations = std::vector<FieldViolation>;

// Appends the violations `status` carries (a name parser's INVALID_ARGUMENT).
void AddViolationsOf(const absl::Status& status, Violations& out) {
  for (FieldViolation& violation : common::ViolationsOf(status)) out.push_back(std::move(violation));
}

void CheckOptionalText(absl::string_view text, absl::string_view field, absl::string_view prefix,
                       Violations& out) {
  common::CheckText(text, field, common::kMaxNameLength, /*allow_newline_and_tab=*/false, prefix, out);
}

void CheckId(absl::string_view id, absl::string_view field, bool required, Violations& out) {
  if (id.empty()) {
    if (required) AddViolation(out, "", field, absl::StrCat(field, " is required"));
    return;
  }
  if (!vocab::IsResourceId(id)) {
    AddViolation(out, "", field, absl::StrCat("'", id, "' is not an id [a-z0-9][a-z0-9-]{0,62}"));
  }
}

void CheckMember(const v1::Member& member, absl::string_view prefix, Violations& out) {
  if (member.gender() == v1::Member::GENDER_UNSPECIFIED ||
      !v1::Member::Gender_IsValid(member.gender())) {
    AddViolation(out, prefix, "gender",
                 absl::StrCat("gender ", member.gender(),
                              " is not one of WOMAN, MAN, OTHER, UNDISCLOSED (required)"));
  }
  if (member.role() == v1::Member::ROLE_UNSPECIFIED || !v1::Member::Role_IsValid(member.role())) {
    AddViolation(out, prefix, "role",
                 absl::StrCat("role ", member.role(),
                              " is not one of HEAD, NEGOTIATOR, MEDIATOR, ADVISER, TECHNICAL_EXPERT, "
                              "SIGNATORY, OBSERVER (required)"));
  }
  CheckOptionalText(member.display_name(), "display_name", prefix, out);
}

void CheckMembers(const v1::Delegation& delegation, Violations& out) {
  if (delegation.members_size() > kMaxMembers) {
    AddViolation(out, "delegation.", "members",
                 absl::StrCat(delegation.members_size(), " members; a delegation has at most ",
                              kMaxMembers));
    return;
  }
  for (int i = 0; i < delegation.members_size(); ++i) {
    CheckMember(delegation.members(i),
                absl::StrCat("delegation.", common::Indexed("members", i), "."), out);
  }
}

void CheckDate(absl::string_view date, absl::string_view field, bool required, Violations& out) {
  if (date.empty()) {
    if (required) AddViolation(out, "", field, absl::StrCat(field, " is required (YYYY-MM-DD)"));
    return;
  }
  if (!IsIsoDate(date)) {
    AddViolation(out, "", field, absl::StrCat("'", date, "' is not a valid YYYY-MM-DD date"));
  }
}

}  // namespace

bool IsIsoDate(absl::string_view date) { return roster::IsIsoDate(date); }

Violations CreateRoundViolations(const v1::CreateRoundRequest& request) {
  Violations out;
  AddViolationsOf(names::ParseProcessName(request.parent(), "parent").status(), out);
  CheckId(request.round_id(), "round_id", /*required=*/false, out);
  CheckDate(request.round().start_date(), "round.start_date", /*required=*/true, out);
  CheckOptionalText(request.round().display_name(), "display_name", "round.", out);
  CheckOptionalText(request.round().location(), "location", "round.", out);
  return out;
}

Violations PutDelegationViolations(const v1::PutDelegationRequest& request) {
  Violations out;
  AddViolationsOf(ParseRoundName(request.round(), "round").status(), out);
  const v1::Delegation& delegation = request.delegation();
  CheckId(delegation.id(), "delegation.id", /*required=*/true, out);
  if (delegation.kind() == v1::Delegation::KIND_UNSPECIFIED ||
      !v1::Delegation::Kind_IsValid(delegation.kind())) {
    AddViolation(out, "delegation.", "kind",
                 absl::StrCat("kind ", delegation.kind(),
                              " is not one of PARTY, MEDIATION, OBSERVER, CIVIL_SOCIETY, GUARANTOR "
                              "(required)"));
  }
  CheckOptionalText(delegation.display_name(), "display_name", "delegation.", out);
  CheckMembers(delegation, out);
  return out;
}

Violations ReportViolations(const v1::GetBalanceReportRequest& request) {
  Violations out;
  common::CheckTermList(request.countries(), "countries", vocab::IsCountryCode,
                        "an ISO 3166-1 alpha-2 country code", "", out);
  const size_t before = out.size();
  CheckDate(request.from_date(), "from_date", /*required=*/false, out);
  CheckDate(request.to_date(), "to_date", /*required=*/false, out);
  // Valid YYYY-MM-DD dates order as strings.
  if (out.size() == before && !request.from_date().empty() && !request.to_date().empty() &&
      request.from_date() > request.to_date()) {
    AddViolation(out, "", "to_date",
                 absl::StrCat("to_date ", request.to_date(), " is before from_date ",
                              request.from_date()));
  }
  return out;
}

}  // namespace wps::balance
