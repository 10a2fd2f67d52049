// How wpsctl prints resources: aligned text tables for people, proto-JSON and the API.md CSV for
// programs. Pure functions returning the text to print; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_OUTPUT_FORMAT_H_
#define WPS_CLIENTS_WPSCTL_OUTPUT_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/message.h"
#include "wps/roster/v1/resources.pb.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::wpsctl {

enum class OutputFormat { kTable, kJson, kCsv };

// "table", "json" or "csv"; INVALID_ARGUMENT naming the choices otherwise.
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text);

// Columns padded to their widest cell (in code points, so accented names align), separated by two
// spaces, the last column unpadded, each row ending in "\n". `rows` may be empty (header only).
std::string RenderTable(const std::vector<std::string>& headers,
                        const std::vector<std::vector<std::string>>& rows);

// "ar:C2 en:native": each language with its level as the CSV writes it.
std::string FormatLanguages(const roster::v1::Mediator& mediator);
// The first three expertise terms and "+N" for the rest: "ddr, ssr, land +2"; "-" when none.
std::string FormatExpertise(const roster::v1::Mediator& mediator);
// "available", "limited", "unavailable" ("-" when unset), with " (deleted)" for a deleted record.
std::string FormatAvailability(const roster::v1::Mediator& mediator);
// display_name, or "given family" when it is empty.
std::string DisplayName(const roster::v1::Mediator& mediator);

// A table of mediators: NAME, DISPLAY NAME, NETWORK, LANGUAGES, REGIONS, EXPERTISE, AVAILABILITY.
std::string MediatorTable(absl::Span<const roster::v1::Mediator> mediators);
// As MediatorTable, for records held elsewhere (a response's repeated field).
std::string MediatorTableOf(const std::vector<const roster::v1::Mediator*>& mediators);
// A table of networks: NAME, DISPLAY NAME, CHAPTERS.
std::string NetworkTable(absl::Span<const roster::v1::Network> networks);

// Proto-JSON (canonical mapping, indented) of one message, ending in "\n".
std::string MessageJson(const google::protobuf::Message& message);
// A JSON array of the messages' proto-JSON, ending in "\n"; "[]\n" when empty.
template <typename M>
std::string JsonArray(absl::Span<const M> messages);

// The API.md CSV: header line, then one line per mediator.
std::string MediatorCsv(absl::Span<const roster::v1::Mediator> mediators);
// As MediatorCsv, for records held elsewhere.
std::string MediatorCsvOf(const std::vector<const roster::v1::Mediator*>& mediators);
// "name,display_name,chapters" then one line per network, chapters ';'-separated.
std::string NetworkCsv(absl::Span<const roster::v1::Network> networks);

// `field` as one RFC 4180 CSV field: quoted (with quotes doubled) when it holds a comma, quote, CR
// or LF, or starts or ends with a space; as is otherwise.
std::string CsvField(absl::string_view field);

// Mediators or networks in `format`.
std::string FormatMediators(absl::Span<const roster::v1::Mediator> mediators, OutputFormat format);
std::string FormatMediator(const roster::v1::Mediator& mediator, OutputFormat format);
std::string FormatNetworks(absl::Span<const roster::v1::Network> networks, OutputFormat format);
std::string FormatNetwork(const roster::v1::Network& network, OutputFormat format);

// How many values of a facet FacetLines shows.
inline constexpr size_t kFacetValuesShown = 10;
// One line per facet: "languages: ar 120, en 98\n", at most kFacetValuesShown values then
// " (+N more)"; "languages: none\n" for a facet without values; availability values in lower case.
// Empty when there are no facets.
std::string FacetLines(const google::protobuf::RepeatedPtrField<roster::v1::FacetCount>& facets);
// "1234 matches\n" when `shown` covers `total`, else "1234 matches, 20 shown (--limit=0 for
// all)\n".
std::string SearchSummary(int64_t shown, int64_t total);
// Search results gathered from one or more pages (mediators of every page, the facet counts and
// total of the first): table: the mediator table (omitted when there are none), a blank line, the
// facet lines and the summary; json: the combined response's proto-JSON; csv: the mediators as
// MediatorCsv, nothing else.
std::string FormatSearchResults(const roster::v1::SearchMediatorsResponse& results,
                                OutputFormat format);

// Implementation detail of JsonArray.
std::string JsonArrayOf(const std::vector<const google::protobuf::Message*>& messages);

template <typename M>
std::string JsonArray(absl::Span<const M> messages) {
  std::vector<const google::protobuf::Message*> pointers;
  pointers.reserve(messages.size());
  for (const M& message : messages) pointers.push_back(&message);
  return JsonArrayOf(pointers);
}

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_OUTPUT_FORMAT_H_
