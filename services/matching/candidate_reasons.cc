#include "services/matching/candidate_reasons.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_csv.h"

namespace wps::matching {
namespace {

using ::wps::roster::v1::Mediator;

const type::LanguageSkill* SkillIn(const Mediator& mediator, absl::string_view code) {
  for (const auto& skill : mediator.languages()) {
    if (skill.code() == code) return &skill;
  }
  return nullptr;
}

std::string Speaks(const type::LanguageSkill& skill) {
  return absl::StrCat("speaks ", vocab::LanguageName(skill.code()), " (",
                      roster::LanguageLevelText(skill.level()), ")");
}

void AddLanguageReasons(const RankingQuery& query, const Mediator& mediator, std::vector<std::string>& out) {
  absl::flat_hash_set<std::string> said;
  for (const auto& [code, level] : query.required_languages) {
    const type::LanguageSkill* skill = SkillIn(mediator, code);
    if (skill != nullptr && said.insert(code).second) out.push_back(Speaks(*skill));
  }
  for (const std::string& code : query.preferred_languages) {
    const type::LanguageSkill* skill = SkillIn(mediator, code);
    if (skill != nullptr && skill->level() >= type::LANGUAGE_LEVEL_B2 && said.insert(code).second) {
      out.push_back(Speaks(*skill));
    }
  }
}

bool ChainHas(absl::string_view region, absl::string_view area) {
  const std::vector<std::string> chain = vocab::ContainmentChain(region);
  return std::find(chain.begin(), chain.end(), area) != chain.end();
}

// "works on Egypt, in Northern Africa like Sudan" for a country, "works across Northern Africa, which
// includes Sudan" for an area.
std::string NearReason(const std::string& region, const std::string& area, const std::string& country) {
  if (region == area) {
    return absl::StrCat("works across ", vocab::RegionName(area), ", which includes ", vocab::RegionName(country));
  }
  return absl::StrCat(vocab::IsCountryCode(region) ? "works on " : "works across ", vocab::RegionName(region),
                      ", in ", vocab::RegionName(area), " like ", vocab::RegionName(country));
}

// The region reason of the best (her region, process country) pair, empty when none scores.
std::string RegionReason(const RankingQuery& query, const Mediator& mediator) {
  std::string best;
  int best_rank = 0;  // 3 exact, 2 sub-region, 1 region
  for (const std::string& country : query.process_countries) {
    const RegionLevels levels = RegionLevelsOf(country);
    for (const std::string& region : mediator.regions()) {
      int rank = 0;
      std::string reason;
      if (region == country) {
        rank = 3;
        reason = absl::StrCat("works on ", vocab::RegionName(country));
      } else if (!levels.sub_region.empty() && ChainHas(region, levels.sub_region)) {
        rank = 2;
        reason = NearReason(region, levels.sub_region, country);
      } else if (!levels.region.empty() && ChainHas(region, levels.region)) {
        rank = 1;
        reason = NearReason(region, levels.region, country);
      }
      if (rank > best_rank) {
        best_rank = rank;
        best = std::move(reason);
      }
    }
  }
  return best;
}

void AddExpertiseReasons(const RankingQuery& query, const Mediator& mediator, std::vector<std::string>& out) {
  absl::flat_hash_set<std::string> said;
  auto add = [&](const std::string& term) {
    const bool has = std::find(mediator.expertise().begin(), mediator.expertise().end(), term) !=
                     mediator.expertise().end();
    if (has && said.insert(term).second) out.push_back(absl::StrCat("expertise: ", term));
  };
  for (const std::string& term : query.required_expertise) add(term);
  for (const std::string& term : query.preferred_expertise) add(term);
}

}  // namespace

std::vector<std::string> CandidateReasons(const RankingQuery& query, const Mediator& mediator) {
  std::vector<std::string> reasons;
  AddLanguageReasons(query, mediator, reasons);
  std::string region = RegionReason(query, mediator);
  if (!region.empty()) reasons.push_back(std::move(region));
  AddExpertiseReasons(query, mediator, reasons);
  if (!query.role.empty()) reasons.push_back(absl::StrCat("role: ", query.role));
  reasons.push_back(mediator.years_experience() == 1
                        ? std::string("1 year of experience")
                        : absl::StrCat(mediator.years_experience(), " years of experience"));
  if (query.window) reasons.push_back("available throughout the window");
  if (mediator.availability() == roster::v1::LIMITED) reasons.push_back("availability limited");
  return reasons;
}

}  // namespace wps::matching
