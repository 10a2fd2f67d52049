// wpsctl search: the filter flags turned into a SearchMediatorsRequest, and the command that pages
// through SearchMediators and prints the mediators, the facet counts and the number of matches.
#ifndef WPS_CLIENTS_WPSCTL_SEARCH_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_SEARCH_COMMANDS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "clients/wpsctl/command_context.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::wpsctl {

// How many matches `search` shows when --limit is not given: one screenful.
inline constexpr int64_t kDefaultSearchLimit = 20;

// The flags of `search`, as typed. Lists are comma-separated; surrounding spaces and empty items
// are ignored.
struct SearchOptions {
  // Free text: the positional words joined by spaces.
  std::string query;
  // --language: CODE or CODE:MIN_LEVEL ("ar:C1,en"); levels A1..C2 or native, any case.
  std::string languages;
  // --region: ISO 3166-1 countries or UN M49 areas ("SD,015"); upper-cased.
  std::string regions;
  // --expertise and --role: vocabulary terms; lower-cased.
  std::string expertise;
  std::string roles;
  // --network: network ids or names ("nordic,networks/wmc").
  std::string networks;
  // --availability: available, limited, unavailable (any case).
  std::string availability;
  // --facets: dimensions to count, by flag or field name: language(s), region(s) or
  // countries_or_regions, expertise, role(s), network(s), availability.
  std::string facets;
  // Matches per request; 0: as many as `limit` needs (1000, the server's maximum, for all).
  int32_t page_size = 0;
  // Matches to show; 0: every match.
  int64_t limit = kDefaultSearchLimit;
};

// The request for `options` (page size and token left unset). INVALID_ARGUMENT naming the flag and
// the item at fault for a language without a code or with an unknown level ("ar:Z9"), an unknown
// availability or facet, or a network that is neither an id nor a name. Codes and terms are
// otherwise passed on for the server to check.
absl::StatusOr<roster::v1::SearchMediatorsRequest> BuildSearchRequest(const SearchOptions& options);

// The page size to ask for: options.page_size when set, else min(limit, 1000), 1000 for no limit.
int32_t SearchPageSize(const SearchOptions& options);

// Runs the search, following next_page_token until `limit` matches (or all) are in, and prints
// them with FormatSearchResults. For csv output that stops short of every match, a note on
// ctx.err says how many were written. kExitUsage for bad flags; kExitFailure when a call fails.
int SearchMediators(const CommandContext& ctx, const SearchOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_SEARCH_COMMANDS_H_
