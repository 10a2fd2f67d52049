#include "clients/wpsctl/search_commands.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "clients/wpsctl/resource_names.h"
#include "services/roster/mediator_csv.h"

namespace wps::wpsctl {
namespace {

using roster::v1::SearchMediatorsRequest;
using roster::v1::SearchMediatorsResponse;

// The server's largest page.
constexpr int32_t kMaxPageSize = 1000;

// The facet names `--facets` accepts (the flag names, singular or plural, and the request's field
// names), and the request field each stands for.
constexpr std::pair<absl::string_view, absl::string_view> kFacetNames[] = {
    {"language", "languages"},
    {"languages", "languages"},
    {"region", "countries_or_regions"},
    {"regions", "countries_or_regions"},
    {"countries_or_regions", "countries_or_regions"},
    {"expertise", "expertise"},
    {"role", "roles"},
    {"roles", "roles"},
    {"network", "networks"},
    {"networks", "networks"},
    {"availability", "availability"},
};

std::vector<std::string> SplitList(absl::string_view text) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

absl::Status FlagError(absl::string_view flag, absl::string_view item, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": \"", item, "\" ", problem));
}

// "C1", "native", "LANGUAGE_LEVEL_B2" (any case), spelled as the CSV spells levels.
std::optional<type::LanguageLevel> ParseLevel(absl::string_view text) {
  constexpr absl::string_view kEnumPrefix = "LANGUAGE_LEVEL_";
  if (absl::StartsWithIgnoreCase(text, kEnumPrefix)) text.remove_prefix(kEnumPrefix.size());
  for (int i = type::LanguageLevel_MIN + 1; i <= type::LanguageLevel_MAX; ++i) {
    const auto level = static_cast<type::LanguageLevel>(i);
    if (absl::EqualsIgnoreCase(text, roster::LanguageLevelText(level))) return level;
  }
  return std::nullopt;
}

absl::Status AddLanguages(absl::string_view flag, SearchMediatorsRequest& request) {
  for (const std::string& item : SplitList(flag)) {
    const size_t colon = item.find(':');
    const std::string code =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(absl::string_view(item).substr(0, colon)));
    if (code.empty()) {
      return FlagError("language", item,
                       "has no language code; write CODE or CODE:LEVEL, e.g. ar:C1");
    }
    type::LanguageRequirement* requirement = request.add_languages();
    requirement->set_code(code);
    if (colon == std::string::npos) continue;
    const absl::string_view level_text =
        absl::StripAsciiWhitespace(absl::string_view(item).substr(colon + 1));
    const std::optional<type::LanguageLevel> level = ParseLevel(level_text);
    if (!level.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--language: \"", level_text, "\" in \"", item,
                       "\" is not a level; use A1, A2, B1, B2, C1, C2 or native"));
    }
    requirement->set_min_level(*level);
  }
  return absl::OkStatus();
}

absl::Status AddNetworks(absl::string_view flag, SearchMediatorsRequest& request) {
  for (const std::string& item : SplitList(flag)) {
    absl::StatusOr<std::string> name = NetworkName(item);
    if (!name.ok())
      return absl::InvalidArgumentError(absl::StrCat("--network: ", name.status().message()));
    request.add_networks(NetworkIdOf(*name));
  }
  return absl::OkStatus();
}

absl::Status AddAvailability(absl::string_view flag, SearchMediatorsRequest& request) {
  for (const std::string& item : SplitList(flag)) {
    bool known = false;
    for (int i = roster::v1::Availability_MIN + 1; i <= roster::v1::Availability_MAX && !known;
         ++i) {
      const auto availability = static_cast<roster::v1::Availability>(i);
      if (absl::EqualsIgnoreCase(item, roster::AvailabilityText(availability))) {
        request.add_availability(availability);
        known = true;
      }
    }
    if (!known)
      return FlagError("availability", item, "is not one of available, limited, unavailable");
  }
  return absl::OkStatus();
}

absl::Status AddFacets(absl::string_view flag, SearchMediatorsRequest& request) {
  for (const std::string& item : SplitList(flag)) {
    const auto* entry =
        std::find_if(std::begin(kFacetNames), std::end(kFacetNames),
                     [&](const auto& e) { return absl::EqualsIgnoreCase(e.first, item); });
    if (entry == std::end(kFacetNames)) {
      return FlagError(
          "facets", item,
          "is not a facet; use languages, regions, expertise, roles, networks or availability");
    }
    const auto& facets = request.facets();
    if (std::find(facets.begin(), facets.end(), entry->second) == facets.end()) {
      request.add_facets(std::string(entry->second));
    }
  }
  return absl::OkStatus();
}

template <typename RepeatedField>
void AddTerms(absl::string_view flag, bool upper, RepeatedField* out) {
  for (const std::string& item : SplitList(flag)) {
    out->Add(upper ? absl::AsciiStrToUpper(item) : absl::AsciiStrToLower(item));
  }
}

bool Full(const SearchMediatorsResponse& results, int64_t limit) {
  return limit > 0 && results.mediators_size() >= limit;
}

}  // namespace

absl::StatusOr<SearchMediatorsRequest> BuildSearchRequest(const SearchOptions& options) {
  SearchMediatorsRequest request;
  request.set_query(std::string(absl::StripAsciiWhitespace(options.query)));
  WPS_RETURN_IF_ERROR(AddLanguages(options.languages, request));
  WPS_RETURN_IF_ERROR(AddNetworks(options.networks, request));
  WPS_RETURN_IF_ERROR(AddAvailability(options.availability, request));
  WPS_RETURN_IF_ERROR(AddFacets(options.facets, request));
  AddTerms(options.regions, /*upper=*/true, request.mutable_countries_or_regions());
  AddTerms(options.expertise, /*upper=*/false, request.mutable_expertise());
  AddTerms(options.roles, /*upper=*/false, request.mutable_roles());
  return request;
}

int32_t SearchPageSize(const SearchOptions& options) {
  if (options.page_size > 0) return options.page_size;
  if (options.limit <= 0) return kMaxPageSize;
  return static_cast<int32_t>(std::min<int64_t>(options.limit, kMaxPageSize));
}

int SearchMediators(const CommandContext& ctx, const SearchOptions& options) {
  if (options.page_size < 0 || options.limit < 0) {
    return UsageError(ctx, "--page_size and --limit cannot be negative");
  }
  absl::StatusOr<SearchMediatorsRequest> request = BuildSearchRequest(options);
  if (!request.ok()) return UsageError(ctx, request.status().message());
  request->set_page_size(SearchPageSize(options));
  SearchMediatorsResponse results;
  bool first_page = true;
  do {
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    SearchMediatorsResponse page;
    const grpc::Status status = ctx.stub->SearchMediators(&context, *request, &page);
    if (!status.ok()) return RpcError(ctx, status);
    if (first_page) {
      // Counts and total describe the whole result; the first page's are the ones the user asked
      // about.
      *results.mutable_facet_counts() = std::move(*page.mutable_facet_counts());
      results.set_total_size(page.total_size());
      first_page = false;
    }
    for (roster::v1::Mediator& mediator : *page.mutable_mediators()) {
      if (Full(results, options.limit)) break;
      *results.add_mediators() = std::move(mediator);
    }
    request->set_page_token(page.next_page_token());
  } while (!request->page_token().empty() && !Full(results, options.limit));
  *ctx.out << FormatSearchResults(results, ctx.output);
  if (ctx.output == OutputFormat::kCsv && results.mediators_size() < results.total_size()) {
    *ctx.err << "wpsctl: wrote " << results.mediators_size() << " of " << results.total_size()
             << " matches; --limit=0 for all\n";
  }
  return kExitOk;
}

}  // namespace wps::wpsctl
