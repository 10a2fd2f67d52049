#include "services/search/mediator_search.h"

#include <optional>

#include "absl/strings/strip.h"
#include "services/common/access_policy.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "services/common/field_checks.h"
#include "services/common/field_violations.h"
#include "services/common/page_token.h"
#include "services/common/vocabularies.h"
#include "services/search/text_folding.h"
#include "storage/mediator_store.h"

namespace wps::search {
namespace {

namespace rv1 = ::wps::roster::v1;
using common::AddViolation;
using common::FieldViolation;
using common::Indexed;

// The filter dimensions of a search, in the order of SearchMediatorsRequest; facet names are theirs.
enum Filter { kLanguages = 0, kRegions, kExpertise, kRoles, kNetworks, kAvailability, kFilterCount };
constexpr std::array<absl::string_view, kFilterCount> kFacetNames = {
    "languages", "countries_or_regions", "expertise", "roles", "networks", "availability"};
constexpr std::array<Dimension, kFilterCount> kFacetDimensions = {
    Dimension::kLanguage, Dimension::kRegionArea, Dimension::kExpertise,
    Dimension::kRole,     Dimension::kNetwork,      Dimension::kAvailability};
// A result set denser than 1/kWalkDensity of all slots is paged by walking names in order; a sparser
// one is gathered and sorted.
constexpr uint64_t kWalkDensity = 16;
constexpr int kTierCount = 3;
constexpr size_t kMinLooseWordLength = 4;
constexpr size_t kMinLooseSkeletonLength = 3;  // 2: names by prefix, 1: names by prefix or skeleton, 0: via the bio

// A validated request.
struct SearchQuery {
  std::vector<std::string> words;
  std::vector<std::pair<std::string, int>> languages;
  std::array<std::vector<std::string>, kFilterCount> values;  // for every filter but kLanguages
  std::vector<Filter> facets;
  // What the caller may find: at-risk records only within its scope, and one network's records only
  // for a role limited to it (every count, facets included, is then of that network alone).
  common::AtRiskScope at_risk{true, ""};
  std::optional<std::string> only_network;
};

void CheckLanguages(const rv1::SearchMediatorsRequest& request, SearchQuery& query,
                    std::vector<FieldViolation>& out) {
  if (!common::CheckListSize(request.languages_size(), "languages", "", out)) return;
  for (int i = 0; i < request.languages_size(); ++i) {
    const auto& requirement = request.languages(i);
    if (!vocab::IsLanguageCode(requirement.code())) {
      AddViolation(out, "", Indexed("languages", i) + ".code",
                   absl::StrCat("'", requirement.code(), "' is not an ISO 639-1 language code"));
    }
    if (!type::LanguageLevel_IsValid(requirement.min_level())) {
      AddViolation(out, "", Indexed("languages", i) + ".min_level", "min_level is not a language level");
    }
    query.languages.emplace_back(requirement.code(), std::max(1, static_cast<int>(requirement.min_level())));
  }
}

void CheckNetworks(const rv1::SearchMediatorsRequest& request, SearchQuery& query,
                   std::vector<FieldViolation>& out) {
  if (!common::CheckListSize(request.networks_size(), "networks", "", out)) return;
  for (int i = 0; i < request.networks_size(); ++i) {
    absl::string_view id = request.networks(i);
    absl::ConsumePrefix(&id, "networks/");
    if (!vocab::IsResourceId(id)) {
      AddViolation(out, "", Indexed("networks", i), absl::StrCat("'", request.networks(i), "' is not a network"));
    }
    query.values[kNetworks].emplace_back(id);
  }
}

void CheckAvailability(const rv1::SearchMediatorsRequest& request, SearchQuery& query,
                       std::vector<FieldViolation>& out) {
  for (int i = 0; i < request.availability_size(); ++i) {
    const auto value = static_cast<rv1::Availability>(request.availability(i));
    if (!rv1::Availability_IsValid(value) || value == rv1::AVAILABILITY_UNSPECIFIED) {
      AddViolation(out, "", Indexed("availability", i), "availability must be AVAILABLE, LIMITED or UNAVAILABLE");
      continue;
    }
    query.values[kAvailability].push_back(rv1::Availability_Name(value));
  }
}

void CheckFacets(const rv1::SearchMediatorsRequest& request, SearchQuery& query, std::vector<FieldViolation>& out) {
  for (int i = 0; i < request.facets_size(); ++i) {
    auto known = std::find(kFacetNames.begin(), kFacetNames.end(), request.facets(i));
    if (known == kFacetNames.end()) {
      AddViolation(out, "", Indexed("facets", i),
                   absl::StrCat("'", request.facets(i), "' is not a facet: use languages, countries_or_regions, "
                                                          "expertise, roles, networks or availability"));
    } else if (std::find(query.facets.begin(), query.facets.end(), known - kFacetNames.begin()) == query.facets.end()) {
      query.facets.push_back(static_cast<Filter>(known - kFacetNames.begin()));
    }
  }
}

absl::StatusOr<SearchQuery> ToSearchQuery(const rv1::SearchMediatorsRequest& request) {
  SearchQuery query;
  std::vector<FieldViolation> out;
  common::CheckText(request.query(), "query", kMaxQueryLength, false, "", out);
  CheckLanguages(request, query, out);
  common::CheckTermList(request.countries_or_regions(), "countries_or_regions", vocab::IsRegionCode,
                        "an ISO 3166-1 country or UN M49 area code", "", out);
  common::CheckTermList(request.expertise(), "expertise", vocab::IsExpertise, "an expertise term of the vocabulary",
                        "", out);
  common::CheckTermList(request.roles(), "roles", vocab::IsRole, "a role of the vocabulary", "", out);
  CheckNetworks(request, query, out);
  CheckAvailability(request, query, out);
  CheckFacets(request, query, out);
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(out));
  query.words = FoldedWords(request.query());
  query.values[kRegions].assign(request.countries_or_regions().begin(), request.countries_or_regions().end());
  query.values[kExpertise].assign(request.expertise().begin(), request.expertise().end());
  query.values[kRoles].assign(request.roles().begin(), request.roles().end());
  return query;
}

// The key of the last record of a page: its tier and name.
struct PagePosition {
  int tier = kTierCount - 1;
  std::string name;  // empty: the tier from its start
};

absl::StatusOr<PagePosition> DecodePosition(absl::string_view token, uint64_t fingerprint) {
  if (token.empty()) return PagePosition{};
  WPS_ASSIGN_OR_RETURN(std::string key, common::DecodePageToken(token, fingerprint));
  std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(key, absl::MaxSplits(':', 1));
  PagePosition position;
  if (!absl::SimpleAtoi(parts.first, &position.tier) || position.tier < 0 || position.tier >= kTierCount) {
    return absl::InvalidArgumentError("page_token is malformed");
  }
  position.name = std::string(parts.second);
  return position;
}

// The skeleton a query word is matched by, empty when the word is too short for a loose match to mean
// anything: "khad", typed as the start of "Khadija", must not find "Houda" by their common skeleton.
std::string LooseKey(absl::string_view word) {
  if (word.size() < kMinLooseWordLength) return std::string();
  std::string skeleton = Skeleton(word);
  if (skeleton.size() < kMinLooseSkeletonLength) skeleton.clear();
  return skeleton;
}

// Evaluates a SearchQuery on the index (inside MediatorIndex::Read).
class SearchRun {
 public:
  SearchRun(const MediatorIndex& index, const SearchQuery& query) : index_(index), query_(query) {
    MatchText();
    for (int f = 0; f < kFilterCount; ++f) filters_[f] = FilterSet(static_cast<Filter>(f));
    results_ = text_;
    for (const auto& filter : filters_) {
      if (filter) results_ &= *filter;
    }
  }

  uint64_t total() const { return results_.cardinality(); }

  void CountFacets(google::protobuf::RepeatedPtrField<rv1::FacetCount>& out) const {
    for (Filter facet : query_.facets) {
      DocSet others = text_;
      for (int f = 0; f < kFilterCount; ++f) {
        if (f != facet && filters_[f]) others &= *filters_[f];
      }
      rv1::FacetCount& count = *out.Add();
      count.set_facet(std::string(kFacetNames[facet]));
      index_.ForEachValue(kFacetDimensions[facet], [&](absl::string_view value, const DocSet& records) {
        const uint64_t n = others.and_cardinality(records);
        if (n == 0) return;
        rv1::FacetValue& v = *count.add_values();
        v.set_value(std::string(value));
        v.set_count(static_cast<int64_t>(n));
      });
      std::sort(count.mutable_values()->begin(), count.mutable_values()->end(),
                [](const rv1::FacetValue& a, const rv1::FacetValue& b) {
                  return a.count() != b.count() ? a.count() > b.count() : a.value() < b.value();
                });
    }
  }

  // Up to `limit` records after `position`, in result order, with their tiers.
  std::vector<std::pair<int, DocId>> Page(const PagePosition& position, size_t limit) const {
    std::vector<std::pair<int, DocId>> page;
    for (int tier = position.tier; tier >= 0 && page.size() < limit; --tier) {
      const DocSet in_tier = TierSet(tier);
      const std::string& after = tier == position.tier ? position.name : std::string();
      for (DocId doc : InNameOrder(in_tier, after, limit - page.size())) page.emplace_back(tier, doc);
    }
    return page;
  }

 private:
  // The live records the caller may find (SearchQuery's scope).
  DocSet Findable() const {
    DocSet findable = index_.live();
    if (query_.only_network) findable &= index_.Postings(Dimension::kNetwork, *query_.only_network);
    if (query_.at_risk.all) return findable;
    DocSet hidden = index_.Postings(Dimension::kFlag, kAtRiskFlag);
    if (!query_.at_risk.network.empty()) hidden -= index_.Postings(Dimension::kNetwork, query_.at_risk.network);
    return findable - hidden;
  }

  void MatchText() {
    text_ = Findable();
    names_prefix_ = names_loose_ = text_;
    for (const std::string& word : query_.words) {
      const DocSet by_prefix = index_.NamesWithPrefix(word);
      const std::string skeleton = LooseKey(word);
      const DocSet by_name = skeleton.empty() ? by_prefix : by_prefix | index_.NamesWithSkeleton(skeleton);
      names_prefix_ &= by_prefix;
      names_loose_ &= by_name;
      text_ &= by_name | index_.BiosWithPrefix(word);
    }
  }

  std::optional<DocSet> FilterSet(Filter filter) const {
    if (filter == kLanguages) {
      if (query_.languages.empty()) return std::nullopt;
      DocSet all = index_.live();
      for (const auto& [code, level] : query_.languages) all &= index_.LanguageAtLeast(code, level);
      return all;
    }
    const std::vector<std::string>& values = query_.values[filter];
    if (values.empty()) return std::nullopt;
    return index_.AnyOf(kFacetDimensions[filter], values);
  }

  DocSet TierSet(int tier) const {
    if (query_.words.empty()) return tier == kTierCount - 1 ? results_ : DocSet();
    if (tier == 2) return results_ & names_prefix_;
    if (tier == 1) return (results_ & names_loose_) - names_prefix_;
    return results_ - names_loose_;
  }

  std::vector<DocId> InNameOrder(const DocSet& set, const std::string& after, size_t limit) const {
    std::vector<DocId> docs;
    if (set.cardinality() * kWalkDensity >= index_.slot_count()) {
      index_.WalkByName(after, [&](DocId doc) {
        if (set.contains(doc)) docs.push_back(doc);
        return docs.size() < limit;
      });
      return docs;
    }
    std::vector<uint32_t> members(set.cardinality());
    set.toUint32Array(members.data());  // far cheaper than CRoaring 0.2's per-element iterator
    for (DocId doc : members) {
      if (index_.doc(doc).name() > after) docs.push_back(doc);
    }
    auto by_name = [this](DocId a, DocId b) { return index_.doc(a).name() < index_.doc(b).name(); };
    const size_t keep = std::min(limit, docs.size());
    std::partial_sort(docs.begin(), docs.begin() + keep, docs.end(), by_name);
    docs.resize(keep);
    return docs;
  }

  const MediatorIndex& index_;
  const SearchQuery& query_;
  DocSet text_, names_prefix_, names_loose_, results_;
  std::array<std::optional<DocSet>, kFilterCount> filters_;
};

uint64_t FingerprintOf(const rv1::SearchMediatorsRequest& request) {
  rv1::SearchMediatorsRequest parameters = request;
  parameters.clear_page_size();
  parameters.clear_page_token();
  return common::RequestFingerprint({"search", parameters.SerializeAsString()});
}

}  // namespace

absl::Status MediatorSearch::Authorize(const common::Caller& caller, const rv1::SearchMediatorsRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadMediators));
  for (const std::string& network : request.networks()) {
    absl::string_view id = network;
    absl::ConsumePrefix(&id, "networks/");
    WPS_RETURN_IF_ERROR(common::AuthorizeReadOf(caller, id));
  }
  return absl::OkStatus();
}

absl::StatusOr<rv1::SearchMediatorsResponse> MediatorSearch::Search(
    const common::Caller& caller, const rv1::SearchMediatorsRequest& request) const {
  WPS_RETURN_IF_ERROR(Authorize(caller, request));
  WPS_ASSIGN_OR_RETURN(SearchQuery query, ToSearchQuery(request));
  query.at_risk = common::AtRiskScopeOf(caller);
  query.only_network = common::OnlyReadableNetwork(caller);
  WPS_ASSIGN_OR_RETURN(const int page_size, common::EffectivePageSize(request.page_size(), kDefaultSearchPageSize,
                                                                        kMaxSearchPageSize));
  const uint64_t fingerprint = FingerprintOf(request);
  WPS_ASSIGN_OR_RETURN(const PagePosition position, DecodePosition(request.page_token(), fingerprint));
  WPS_RETURN_IF_ERROR(index_.AwaitCurrent(absl::Now() + absl::Seconds(10)));
  rv1::SearchMediatorsResponse response;
  std::vector<std::pair<int, DocId>> page;
  std::vector<std::string> names;
  index_.index().Read([&](const MediatorIndex& index) {
    SearchRun run(index, query);
    response.set_total_size(static_cast<int64_t>(run.total()));
    run.CountFacets(*response.mutable_facet_counts());
    page = run.Page(position, static_cast<size_t>(page_size) + 1);
    for (const auto& [tier, doc] : page) names.push_back(index.doc(doc).name());
  });
  const bool more = page.size() > static_cast<size_t>(page_size);
  if (more) {
    names.pop_back();
    response.set_next_page_token(
        common::EncodePageToken(absl::StrCat(page[page_size - 1].first, ":", names.back()), fingerprint));
  }
  for (absl::StatusOr<rv1::Mediator>& mediator : storage::MediatorStore(store_).GetMany(names)) {
    // Deleted since the index was read: left out.
    if (absl::IsNotFound(mediator.status()) || (mediator.ok() && mediator->has_delete_time())) continue;
    WPS_RETURN_IF_ERROR(mediator.status());
    std::optional<rv1::Mediator> view = common::MediatorViewFor(caller, *std::move(mediator));
    if (view) *response.add_mediators() = *std::move(view);
  }
  return response;
}

}  // namespace wps::search
