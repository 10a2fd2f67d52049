#include "services/matching/shortlist_request.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_checks.h"
#include "services/common/field_violations.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/search/mediator_index.h"

namespace wps::matching {
namespace {

using common::AddViolation;
using common::CheckTermList;
using common::FieldViolation;
using common::Indexed;
using Violations = std::vector<FieldViolation>;

constexpr char kCountryWhat[] = "an ISO 3166-1 alpha-2 country code";
constexpr char kLanguageWhat[] = "an ISO 639-1 language code";
constexpr char kExpertiseWhat[] = "an expertise term of the vocabulary";

template <typename Field>
std::vector<std::string> ToVector(const Field& field) {
  return std::vector<std::string>(field.begin(), field.end());
}

void CheckRequiredLanguages(const v1::ShortlistRequest& request, RankingQuery& query, Violations& out) {
  if (!common::CheckListSize(request.required_languages_size(), "required_languages", "", out)) return;
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < request.required_languages_size(); ++i) {
    const auto& requirement = request.required_languages(i);
    const std::string field = Indexed("required_languages", i);
    if (!vocab::IsLanguageCode(requirement.code())) {
      AddViolation(out, "", field + ".code", absl::StrCat("'", requirement.code(), "' is not ", kLanguageWhat));
    } else if (!seen.insert(requirement.code()).second) {
      AddViolation(out, "", field + ".code", absl::StrCat("'", requirement.code(), "' is listed twice"));
    }
    if (!type::LanguageLevel_IsValid(requirement.min_level())) {
      AddViolation(out, "", field + ".min_level", "min_level is not a language level (A1 to NATIVE)");
    }
    query.required_languages.emplace_back(requirement.code(), std::max(1, static_cast<int>(requirement.min_level())));
  }
}

void CheckWindow(const v1::ShortlistRequest& request, RankingQuery& query, Violations& out) {
  if (!request.has_window()) return;
  int32_t first = 0, last = 0;
  const bool start_ok = search::ParseDay(request.window().start(), &first);
  const bool end_ok = search::ParseDay(request.window().end(), &last);
  if (!start_ok) AddViolation(out, "", "window.start", "start is not a date (YYYY-MM-DD)");
  if (!end_ok) AddViolation(out, "", "window.end", "end is not a date (YYYY-MM-DD)");
  if (start_ok && end_ok && last < first) AddViolation(out, "", "window.end", "end is before start");
  query.window.emplace(first, last);
}

void CheckNetworks(const v1::ShortlistRequest& request, RankingQuery& query, Violations& out) {
  if (!common::CheckListSize(request.networks_size(), "networks", "", out)) return;
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < request.networks_size(); ++i) {
    std::string id = request.networks(i);
    if (absl::StartsWith(id, "networks/")) id = id.substr(9);
    if (!vocab::IsResourceId(id)) {
      AddViolation(out, "", Indexed("networks", i), absl::StrCat("'", request.networks(i), "' is not a network id"));
    } else if (seen.insert(id).second) {
      query.networks.push_back(id);
    }
  }
}

void CheckWeights(const v1::ShortlistRequest& request, RankingQuery& query, Violations& out) {
  if (!request.has_weights()) return;
  const v1::Weights& w = request.weights();
  const std::pair<const char*, double> weights[] = {
      {"language", w.language()}, {"region", w.region()}, {"expertise", w.expertise()}, {"experience", w.experience()}};
  for (const auto& [name, value] : weights) {
    if (!std::isfinite(value) || value < 0) {
      AddViolation(out, "", absl::StrCat("weights.", name), "a weight must be a finite number, 0 or more");
    }
  }
  query.weights = ScoreWeights{w.language(), w.region(), w.expertise(), w.experience()};
}

void CheckScalars(const v1::ShortlistRequest& request, RankingQuery& query, Violations& out) {
  if (!request.process().empty() && !names::ParseProcessName(request.process(), "process").ok()) {
    AddViolation(out, "", "process", absl::StrCat("'", request.process(), "' is not a name processes/{process}"));
  }
  if (!request.role().empty() && !vocab::IsRole(request.role())) {
    AddViolation(out, "", "role", absl::StrCat("'", request.role(), "' is not a role of the vocabulary"));
  }
  if (request.max_per_network() < 0) AddViolation(out, "", "max_per_network", "max_per_network must be 0 or more");
  if (request.count() < 0 || request.count() > kMaxShortlistCount) {
    AddViolation(out, "", "count", absl::StrCat("count must be between 1 and ", kMaxShortlistCount));
  }
  query.role = request.role();
  query.max_per_network = request.max_per_network();
  query.count = request.count() == 0 ? kDefaultShortlistCount : request.count();
}

void AppendOnce(const std::string& value, google::protobuf::RepeatedPtrField<std::string>& out) {
  for (const std::string& existing : out) {
    if (existing == value) return;
  }
  *out.Add() = value;
}

}  // namespace

void FillFromProcess(const v1::PeaceProcess& process, v1::ShortlistRequest& request) {
  if (request.process_countries().empty()) *request.mutable_process_countries() = process.countries();
  if (request.preferred_languages().empty()) {
    *request.mutable_preferred_languages() = process.working_languages();
  }
  if (request.preferred_expertise().empty()) {
    *request.mutable_preferred_expertise() = process.expertise_needed();
  }
  if (request.exclude_nationalities().empty()) {
    for (const v1::Party& party : process.parties()) {
      for (const std::string& code : party.nationalities()) AppendOnce(code, *request.mutable_exclude_nationalities());
    }
  }
}

absl::StatusOr<RankingQuery> ToRankingQuery(const v1::ShortlistRequest& request) {
  RankingQuery query;
  Violations out;
  CheckTermList(request.process_countries(), "process_countries", vocab::IsCountryCode, kCountryWhat, "", out);
  CheckRequiredLanguages(request, query, out);
  CheckTermList(request.preferred_languages(), "preferred_languages", vocab::IsLanguageCode, kLanguageWhat, "",
                out);
  CheckTermList(request.required_expertise(), "required_expertise", vocab::IsExpertise, kExpertiseWhat, "", out);
  CheckTermList(request.preferred_expertise(), "preferred_expertise", vocab::IsExpertise, kExpertiseWhat, "",
                out);
  CheckTermList(request.exclude_nationalities(), "exclude_nationalities", vocab::IsCountryCode, kCountryWhat, "",
                out);
  CheckWindow(request, query, out);
  CheckNetworks(request, query, out);
  CheckWeights(request, query, out);
  CheckScalars(request, query, out);
  if (!out.empty()) return common::InvalidArgumentWithViolations(out);
  query.process_countries = ToVector(request.process_countries());
  query.preferred_languages = ToVector(request.preferred_languages());
  query.required_expertise = ToVector(request.required_expertise());
  query.preferred_expertise = ToVector(request.preferred_expertise());
  query.exclude_nationalities = ToVector(request.exclude_nationalities());
  return query;
}

}  // namespace wps::matching
