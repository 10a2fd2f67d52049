#include "clients/wpsctl/output_format.h"

#include <algorithm>
#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/wpsctl/resource_names.h"
#include "google/protobuf/util/json_util.h"
#include "services/roster/mediator_csv.h"

namespace wps::wpsctl {
namespace {

using roster::v1::Mediator;
using roster::v1::Network;

// Code points in `text` (UTF-8): the width a terminal gives it for the scripts on the roster.
size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string LevelText(wps::type::LanguageLevel level) {
  const absl::string_view text = roster::LanguageLevelText(level);
  return text.empty() ? "?" : std::string(text);
}

std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

template <typename Mediators>
std::vector<const Mediator*> PointersTo(const Mediators& mediators) {
  std::vector<const Mediator*> pointers;
  pointers.reserve(mediators.size());
  for (const Mediator& m : mediators) pointers.push_back(&m);
  return pointers;
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  if (text == "csv") return OutputFormat::kCsv;
  return absl::InvalidArgumentError(
      absl::StrCat("--output must be table, json or csv, not '", text, "'"));
}

std::string RenderTable(const std::vector<std::string>& headers,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(headers.size(), 0);
  const auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  measure(headers);
  for (const auto& row : rows) measure(row);
  std::string out;
  const auto render = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out.append(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    out += '\n';
  };
  render(headers);
  for (const auto& row : rows) render(row);
  return out;
}

std::string FormatLanguages(const Mediator& mediator) {
  std::vector<std::string> parts;
  for (const auto& skill : mediator.languages()) {
    parts.push_back(absl::StrCat(skill.code(), ":", LevelText(skill.level())));
  }
  return OrDash(absl::StrJoin(parts, " "));
}

std::string FormatExpertise(const Mediator& mediator) {
  const int shown = std::min(mediator.expertise_size(), 3);
  std::string text =
      absl::StrJoin(mediator.expertise().begin(), mediator.expertise().begin() + shown, ", ");
  if (mediator.expertise_size() > shown) {
    absl::StrAppend(&text, " +", mediator.expertise_size() - shown);
  }
  return OrDash(text);
}

std::string FormatAvailability(const Mediator& mediator) {
  std::string text(roster::AvailabilityText(mediator.availability()));
  if (text.empty()) text = "-";
  if (mediator.has_delete_time()) text += " (deleted)";
  return text;
}

std::string DisplayName(const Mediator& mediator) {
  if (!mediator.display_name().empty()) return mediator.display_name();
  return std::string(
      absl::StripAsciiWhitespace(absl::StrCat(mediator.given_name(), " ", mediator.family_name())));
}

std::string MediatorTable(absl::Span<const Mediator> mediators) {
  return MediatorTableOf(PointersTo(mediators));
}

std::string MediatorTableOf(const std::vector<const Mediator*>& mediators) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(mediators.size());
  for (const Mediator* m : mediators) {
    const std::string network = m->network().empty() ? NetworkIdOf(m->name()) : m->network();
    rows.push_back({OrDash(m->name()), OrDash(DisplayName(*m)), OrDash(network),
                    FormatLanguages(*m), OrDash(absl::StrJoin(m->regions(), " ")),
                    FormatExpertise(*m), FormatAvailability(*m)});
  }
  return RenderTable(
      {"NAME", "DISPLAY NAME", "NETWORK", "LANGUAGES", "REGIONS", "EXPERTISE", "AVAILABILITY"},
      rows);
}

std::string NetworkTable(absl::Span<const Network> networks) {
  std::vector<std::vector<std::string>> rows;
  for (const Network& n : networks) {
    rows.push_back(
        {OrDash(n.name()), OrDash(n.display_name()), OrDash(absl::StrJoin(n.chapters(), " "))});
  }
  return RenderTable({"NAME", "DISPLAY NAME", "CHAPTERS"}, rows);
}

std::string MessageJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  // Printing a well-formed message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
  return json + "\n";
}

std::string JsonArrayOf(const std::vector<const google::protobuf::Message*>& messages) {
  if (messages.empty()) return "[]\n";
  std::string out = "[\n";
  for (size_t i = 0; i < messages.size(); ++i) {
    std::string json = MessageJson(*messages[i]);
    json.pop_back();  // the "\n"
    absl::StrAppend(&out, json, i + 1 < messages.size() ? ",\n" : "\n");
  }
  return out + "]\n";
}

std::string CsvField(absl::string_view field) {
  const bool needs_quotes = field.find_first_of(",\"\r\n") != absl::string_view::npos ||
                            (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string MediatorCsv(absl::Span<const Mediator> mediators) {
  return MediatorCsvOf(PointersTo(mediators));
}

std::string MediatorCsvOf(const std::vector<const Mediator*>& mediators) {
  std::string out = absl::StrCat(roster::kMediatorCsvHeader, "\n");
  for (const Mediator* m : mediators) out += roster::MediatorToCsvLine(*m);
  return out;
}

std::string NetworkCsv(absl::Span<const Network> networks) {
  std::string out = "name,display_name,chapters\n";
  for (const Network& n : networks) {
    absl::StrAppend(&out, CsvField(n.name()), ",", CsvField(n.display_name()), ",",
                    CsvField(absl::StrJoin(n.chapters(), ";")), "\n");
  }
  return out;
}

std::string FormatMediators(absl::Span<const Mediator> mediators, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return JsonArray(mediators);
    case OutputFormat::kCsv:
      return MediatorCsv(mediators);
    case OutputFormat::kTable:
      break;
  }
  return MediatorTable(mediators);
}

std::string FormatMediator(const Mediator& mediator, OutputFormat format) {
  if (format == OutputFormat::kJson) return MessageJson(mediator);
  return FormatMediators(absl::MakeConstSpan(&mediator, 1), format);
}

std::string FacetLines(const google::protobuf::RepeatedPtrField<roster::v1::FacetCount>& facets) {
  std::string out;
  for (const roster::v1::FacetCount& facet : facets) {
    // Availability values are enum names; the table and the flag spell them in lower case.
    const bool lower = facet.facet() == "availability";
    std::vector<std::string> values;
    for (const roster::v1::FacetValue& value : facet.values()) {
      if (values.size() == kFacetValuesShown) break;
      values.push_back(absl::StrCat(lower ? absl::AsciiStrToLower(value.value()) : value.value(),
                                    " ", value.count()));
    }
    absl::StrAppend(&out, facet.facet(), ": ",
                    values.empty() ? "none" : absl::StrJoin(values, ", "));
    if (facet.values_size() > static_cast<int>(values.size())) {
      absl::StrAppend(&out, " (+", facet.values_size() - values.size(), " more)");
    }
    out += "\n";
  }
  return out;
}

std::string SearchSummary(int64_t shown, int64_t total) {
  std::string out = absl::StrCat(total, total == 1 ? " match" : " matches");
  if (shown < total) absl::StrAppend(&out, ", ", shown, " shown (--limit=0 for all)");
  return out + "\n";
}

std::string FormatSearchResults(const roster::v1::SearchMediatorsResponse& results,
                                OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return MessageJson(results);
    case OutputFormat::kCsv:
      return MediatorCsvOf(PointersTo(results.mediators()));
    case OutputFormat::kTable:
      break;
  }
  std::string out;
  if (!results.mediators().empty()) {
    absl::StrAppend(&out, MediatorTableOf(PointersTo(results.mediators())), "\n");
  }
  absl::StrAppend(&out, FacetLines(results.facet_counts()),
                  SearchSummary(results.mediators_size(), results.total_size()));
  return out;
}

std::string FormatNetworks(absl::Span<const Network> networks, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return JsonArray(networks);
    case OutputFormat::kCsv:
      return NetworkCsv(networks);
    case OutputFormat::kTable:
      break;
  }
  return NetworkTable(networks);
}

std::string FormatNetwork(const Network& network, OutputFormat format) {
  if (format == OutputFormat::kJson) return MessageJson(network);
  return FormatNetworks(absl::MakeConstSpan(&network, 1), format);
}

}  // namespace wps::wpsctl
