#include "services/matching/process_validation.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/field_checks.h"
#include "services/common/vocabularies.h"

namespace wps::matching {
namespace {

using common::AddViolation;
using common::CheckTermList;
using common::FieldViolation;
using common::Indexed;
using ::wps::matching::v1::PeaceProcess;
using Violations = std::vector<FieldViolation>;

constexpr char kCountryWhat[] = "an ISO 3166-1 alpha-2 country code";

// The fields UpdateProcess may replace, in declaration order.
constexpr absl::string_view kWritablePaths[] = {
    "display_name", "countries", "working_languages", "expertise_needed", "parties",
    "stage",        "track",     "target_women_share"};
constexpr absl::string_view kOutputOnlyPaths[] = {"name", "etag", "create_time", "update_time"};

template <size_t N>
bool Contains(const absl::string_view (&paths)[N], absl::string_view path) {
  for (absl::string_view candidate : paths) {
    if (candidate == path) return true;
  }
  return false;
}

void CheckParties(const PeaceProcess& process, absl::string_view prefix, Violations& out) {
  if (!common::CheckListSize(process.parties_size(), "parties", prefix, out)) return;
  std::set<absl::string_view> seen;
  for (int i = 0; i < process.parties_size(); ++i) {
    const wps::matching::v1::Party& party = process.parties(i);
    const std::string field = Indexed("parties", i);
    const std::string name_field = absl::StrCat(field, ".display_name");
    const size_t before = out.size();
    common::CheckRequiredText(party.display_name(), name_field, common::kMaxNameLength, prefix,
                              out);
    if (out.size() == before && !seen.insert(party.display_name()).second) {
      AddViolation(out, prefix, name_field,
                   absl::StrCat("'", party.display_name(), "' is listed twice"));
    }
    CheckTermList(party.nationalities(), absl::StrCat(field, ".nationalities"),
                  vocab::IsCountryCode, kCountryWhat, prefix, out);
  }
}

void CheckScalars(const PeaceProcess& process, absl::string_view prefix, Violations& out) {
  // UNSPECIFIED is allowed: a process may not have reached a known stage or track yet.
  if (!PeaceProcess::Stage_IsValid(process.stage())) {
    AddViolation(
        out, prefix, "stage",
        absl::StrCat("stage ", process.stage(),
                     " is not one of EXPLORATORY, PRE_NEGOTIATION, NEGOTIATION, AGREEMENT, "
                     "IMPLEMENTATION"));
  }
  if (!PeaceProcess::Track_IsValid(process.track())) {
    AddViolation(out, prefix, "track",
                 absl::StrCat("track ", process.track(),
                              " is not one of TRACK_1, TRACK_1_5, TRACK_2, TRACK_3"));
  }
  // Written so that NaN fails too.
  const double share = process.target_women_share();
  if (process.has_target_women_share() && !(share >= 0.0 && share <= 1.0)) {
    AddViolation(out, prefix, "target_women_share",
                 absl::StrCat("target_women_share is ", share, "; must be 0 to 1"));
  }
}

}  // namespace

void ValidateProcess(const PeaceProcess& process, absl::string_view prefix,
                     std::vector<FieldViolation>& violations) {
  common::CheckRequiredText(process.display_name(), "display_name", common::kMaxNameLength, prefix,
                            violations);
  CheckTermList(process.countries(), "countries", vocab::IsCountryCode, kCountryWhat, prefix,
                violations);
  CheckTermList(process.working_languages(), "working_languages", vocab::IsLanguageCode,
                "an ISO 639-1 language code", prefix, violations);
  CheckTermList(process.expertise_needed(), "expertise_needed", vocab::IsExpertise,
                "an expertise term; see API.md", prefix, violations);
  CheckParties(process, prefix, violations);
  CheckScalars(process, prefix, violations);
}

absl::StatusOr<google::protobuf::FieldMask> EffectiveProcessMask(
    const google::protobuf::FieldMask& requested) {
  if (requested.paths_size() == 0 || (requested.paths_size() == 1 && requested.paths(0) == "*")) {
    google::protobuf::FieldMask all;
    for (absl::string_view path : kWritablePaths) all.add_paths(std::string(path));
    return all;
  }
  Violations violations;
  for (const std::string& path : requested.paths()) {
    if (Contains(kOutputOnlyPaths, path)) {
      AddViolation(violations, "", "update_mask", absl::StrCat("'", path, "' is output only"));
    } else if (!Contains(kWritablePaths, path)) {
      AddViolation(violations, "", "update_mask",
                   absl::StrCat("'", path, "' is not a writable field of PeaceProcess"));
    }
  }
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(violations));
  return requested;
}

}  // namespace wps::matching
