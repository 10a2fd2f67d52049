#include "services/roster/mediator_csv.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/status_macros.h"

namespace wps::roster {

using roster::v1::Availability;
using roster::v1::Mediator;
using type::LanguageLevel;

const char kMediatorCsvHeader[] =
    "id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,"
    "years_experience,availability,unavailable_periods,email,phone,consent_share,bio";

namespace {

// Column positions, in header order.
enum Column {
  kId,
  kNetwork,
  kChapter,
  kGivenName,
  kFamilyName,
  kNationalities,
  kLanguages,
  kRegions,
  kExpertise,
  kRoles,
  kYearsExperience,
  kAvailability,
  kUnavailablePeriods,
  kEmail,
  kPhone,
  kConsentShare,
  kBio,
  kColumnCount,
};

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";
constexpr size_t kUtf8BomSize = 3;

// Levels as written in the canonical CSV, indexed by LanguageLevel value.
constexpr std::array<const char*, 8> kLevelNames = {"", "A1", "A2", "B1", "B2", "C1", "C2", "native"};

}  // namespace

const std::vector<std::string>& MediatorCsvColumns() {
  static const auto* const columns =
      new std::vector<std::string>(absl::StrSplit(kMediatorCsvHeader, ','));
  return *columns;
}

// ---------------------------------------------------------------------------------------------------
// CsvReader

absl::Status CsvReader::Feed(absl::string_view chunk, std::vector<CsvRecord>& out) {
  if (failed_) return absl::FailedPreconditionError("CSV reader used after an error");
  const char* p = chunk.data();
  const size_t n = chunk.size();
  size_t i = 0;
  // A byte-order mark may itself arrive cut across chunks: hold its bytes until it is complete, and
  // replay them as data if the file turns out not to start with one.
  while (at_start_ && i < n) {
    if (p[i] == kUtf8Bom[bom_.size()]) {
      bom_.push_back(p[i++]);
      if (bom_.size() == kUtf8BomSize) {
        at_start_ = false;
        bom_.clear();
      }
    } else {
      at_start_ = false;
      std::string held;
      held.swap(bom_);
      for (char c : held) WPS_RETURN_IF_ERROR(Consume(c, out));
    }
  }
  while (i < n) {
    // Fast path: inside a field, copy the run of ordinary bytes in one append.
    if (state_ == State::kUnquoted || state_ == State::kQuoted) {
      size_t j = i;
      if (state_ == State::kUnquoted) {
        while (j < n && p[j] != ',' && p[j] != '"' && p[j] != '\n' && p[j] != '\r') ++j;
      } else {
        while (j < n && p[j] != '"' && p[j] != '\n' && p[j] != '\r') ++j;
      }
      field_.append(p + i, j - i);
      i = j;
      if (i == n) break;
    }
    WPS_RETURN_IF_ERROR(Consume(p[i++], out));
  }
  return absl::OkStatus();
}

absl::Status CsvReader::Finish(std::vector<CsvRecord>& out) {
  if (failed_) return absl::FailedPreconditionError("CSV reader used after an error");
  if (at_start_) {
    at_start_ = false;
    std::string held;
    held.swap(bom_);
    for (char c : held) WPS_RETURN_IF_ERROR(Consume(c, out));
  }
  switch (state_) {
    case State::kQuoted:
      failed_ = true;
      return absl::InvalidArgumentError(
          absl::StrCat("CSV row ", record_.row,
                       ": a quoted field is never closed (the file ends inside quotes)"));
    case State::kFieldStart:
      // Fields are pending only after a comma ("a,<EOF>"); otherwise we are at a record start.
      if (record_.fields.empty()) break;
      EndField();
      EndRecord(out);
      break;
    case State::kUnquoted:
    case State::kQuoteInQuoted:
      EndField();
      EndRecord(out);
      break;
    case State::kAfterCr:
      break;
  }
  state_ = State::kFieldStart;
  return absl::OkStatus();
}

absl::Status CsvReader::Consume(char c, std::vector<CsvRecord>& out) {
  const bool line_end = c == '\n' || c == '\r';
  switch (state_) {
    case State::kAfterCr:
      state_ = State::kFieldStart;
      if (c == '\n') return absl::OkStatus();  // the LF of a CRLF: the line was counted at the CR
      [[fallthrough]];
    case State::kFieldStart:
      if (record_.fields.empty()) {
        if (line_end) break;  // an empty line
        record_.row = line_;
      }
      if (c == '"') {
        state_ = State::kQuoted;
      } else if (c == ',') {
        EndField();
      } else if (line_end) {
        EndField();
        EndRecord(out);
      } else {
        field_.push_back(c);
        state_ = State::kUnquoted;
      }
      break;
    case State::kUnquoted:
      if (c == ',') {
        EndField();
        state_ = State::kFieldStart;
      } else if (line_end) {
        EndField();
        EndRecord(out);
      } else if (c == '"') {
        failed_ = true;
        return absl::InvalidArgumentError(absl::StrCat(
            "CSV row ", line_,
            ": a quote inside an unquoted field; quote the whole field and double the quotes in it"));
      } else {
        field_.push_back(c);
      }
      break;
    case State::kQuoted:
      if (c == '"') {
        state_ = State::kQuoteInQuoted;
        return absl::OkStatus();
      }
      // The LF of a CRLF inside quotes ends the same line as its CR.
      if (c == '\r' || (c == '\n' && (field_.empty() || field_.back() != '\r'))) ++line_;
      field_.push_back(c);
      return absl::OkStatus();
    case State::kQuoteInQuoted:
      if (c == '"') {
        field_.push_back('"');
        state_ = State::kQuoted;
      } else if (c == ',') {
        EndField();
        state_ = State::kFieldStart;
      } else if (line_end) {
        EndField();
        EndRecord(out);
      } else {
        failed_ = true;
        return absl::InvalidArgumentError(absl::StrCat(
            "CSV row ", line_, ": text after the closing quote of a field; a quote inside a quoted ",
            "field must be doubled"));
      }
      break;
  }
  if (line_end) {
    ++line_;
    state_ = c == '\r' ? State::kAfterCr : State::kFieldStart;
  }
  return absl::OkStatus();
}

void CsvReader::EndField() {
  record_.fields.push_back(std::move(field_));
  field_.clear();
}

void CsvReader::EndRecord(std::vector<CsvRecord>& out) {
  const size_t width = record_.fields.size();
  out.push_back(std::move(record_));
  record_ = CsvRecord();
  record_.fields.reserve(width);  // records of one file have the same width
}

// ---------------------------------------------------------------------------------------------------
// Header

namespace {

bool Contains(const std::vector<std::string>& list, absl::string_view value) {
  for (const std::string& item : list) {
    if (item == value) return true;
  }
  return false;
}

absl::Status HeaderError(absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("CSV header: ", what, "; the header row must be: ", kMediatorCsvHeader));
}

}  // namespace

absl::Status CheckMediatorCsvHeader(const std::vector<std::string>& header) {
  const std::vector<std::string>& columns = MediatorCsvColumns();
  for (size_t i = 0; i < std::max(header.size(), columns.size()); ++i) {
    if (i >= header.size()) {
      return HeaderError(absl::StrCat("missing column \"", columns[i], "\" (column ", i + 1, ")"));
    }
    if (i >= columns.size()) {
      return HeaderError(absl::StrCat("extra column \"", header[i], "\" (column ", i + 1, ")"));
    }
    if (header[i] == columns[i]) continue;
    if (!Contains(header, columns[i])) {
      return HeaderError(absl::StrCat("missing column \"", columns[i], "\" (column ", i + 1, " is \"",
                                      header[i], "\")"));
    }
    if (!Contains(columns, header[i])) {
      return HeaderError(absl::StrCat("unknown column \"", header[i], "\" (column ", i + 1, ")"));
    }
    return HeaderError(absl::StrCat("column \"", header[i], "\" is misplaced: column ", i + 1,
                                    " must be \"", columns[i], "\""));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------------------------
// Record -> Mediator

namespace {

// Calls `fn` with each ';'-separated item of `value`, trimmed, empty items skipped. No allocation:
// an import converts a million records.
template <typename Fn>
void ForEachItem(absl::string_view value, Fn fn) {
  while (!value.empty()) {
    const size_t end = std::min(value.find(';'), value.size());
    absl::string_view item = absl::StripAsciiWhitespace(value.substr(0, end));
    if (!item.empty()) fn(item);
    value.remove_prefix(std::min(end + 1, value.size()));
  }
}

template <typename RepeatedField>
void AddList(absl::string_view value, RepeatedField* out) {
  ForEachItem(value, [out](absl::string_view item) { out->Add()->assign(item.data(), item.size()); });
}

void AddViolation(std::vector<common::FieldViolation>& violations, Column column,
                  std::string description) {
  violations.push_back({MediatorCsvColumns()[column], std::move(description)});
}

std::optional<LanguageLevel> ParseLevel(absl::string_view level) {
  constexpr absl::string_view kEnumPrefix = "LANGUAGE_LEVEL_";
  if (absl::StartsWithIgnoreCase(level, kEnumPrefix)) level.remove_prefix(kEnumPrefix.size());
  for (size_t i = 1; i < kLevelNames.size(); ++i) {
    if (absl::EqualsIgnoreCase(level, kLevelNames[i])) return static_cast<LanguageLevel>(i);
  }
  return std::nullopt;
}

void ParseLanguages(absl::string_view value, Mediator& m,
                    std::vector<common::FieldViolation>& violations) {
  ForEachItem(value, [&](absl::string_view item) {
    const size_t colon = item.find(':');
    if (colon == absl::string_view::npos ||
        absl::StripAsciiWhitespace(item.substr(colon + 1)).empty()) {
      AddViolation(violations, kLanguages,
                   absl::StrCat("\"", item, "\" has no level; write code:level, e.g. \"ar:C2\""));
      return;
    }
    absl::string_view code = absl::StripAsciiWhitespace(item.substr(0, colon));
    absl::string_view level_text = absl::StripAsciiWhitespace(item.substr(colon + 1));
    std::optional<LanguageLevel> level = ParseLevel(level_text);
    if (!level.has_value()) {
      AddViolation(violations, kLanguages,
                   absl::StrCat("\"", level_text, "\" in \"", item,
                                "\" is not a level; use A1, A2, B1, B2, C1, C2 or native"));
      return;
    }
    type::LanguageSkill* skill = m.add_languages();
    skill->mutable_code()->assign(code.data(), code.size());
    skill->set_level(*level);
  });
}

void ParseYears(absl::string_view value, Mediator& m,
                std::vector<common::FieldViolation>& violations) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return;
  int32_t years = 0;
  if (!absl::SimpleAtoi(value, &years)) {
    AddViolation(violations, kYearsExperience,
                 absl::StrCat("\"", value, "\" is not a whole number of years"));
    return;
  }
  m.set_years_experience(years);
}

void ParseAvailability(absl::string_view value, Mediator& m,
                       std::vector<common::FieldViolation>& violations) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return;
  if (absl::EqualsIgnoreCase(value, "available")) {
    m.set_availability(roster::v1::AVAILABLE);
  } else if (absl::EqualsIgnoreCase(value, "limited")) {
    m.set_availability(roster::v1::LIMITED);
  } else if (absl::EqualsIgnoreCase(value, "unavailable")) {
    m.set_availability(roster::v1::UNAVAILABLE);
  } else {
    AddViolation(violations, kAvailability,
                 absl::StrCat("\"", value,
                              "\" is not an availability; use available, limited or unavailable"));
  }
}

void ParsePeriods(absl::string_view value, Mediator& m,
                  std::vector<common::FieldViolation>& violations) {
  ForEachItem(value, [&](absl::string_view item) {
    const size_t slash = item.find('/');
    absl::string_view start, end;
    if (slash != absl::string_view::npos) {
      start = absl::StripAsciiWhitespace(item.substr(0, slash));
      end = absl::StripAsciiWhitespace(item.substr(slash + 1));
    }
    if (start.empty() || end.empty() || end.find('/') != absl::string_view::npos) {
      AddViolation(violations, kUnavailablePeriods,
                   absl::StrCat("\"", item,
                                "\" is not a period; write start/end, e.g. \"2027-03-01/2027-04-15\""));
      return;
    }
    type::DateRange* period = m.add_unavailable_periods();
    period->mutable_start()->assign(start.data(), start.size());
    period->mutable_end()->assign(end.data(), end.size());
  });
}

void ParseConsent(absl::string_view value, Mediator& m,
                  std::vector<common::FieldViolation>& violations) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty() || absl::EqualsIgnoreCase(value, "none")) return;
  if (absl::EqualsIgnoreCase(value, "all")) {
    m.mutable_consent()->set_share_all(true);
    return;
  }
  ForEachItem(value, [&](absl::string_view item) {
    if (absl::EqualsIgnoreCase(item, "all") || absl::EqualsIgnoreCase(item, "none")) {
      AddViolation(violations, kConsentShare,
                   absl::StrCat("\"", value, "\" mixes \"", item,
                                "\" with network ids; write all, none, or only network ids"));
      return;
    }
    m.mutable_consent()->add_share_with()->assign(item.data(), item.size());
  });
}

absl::string_view Trimmed(const std::string& value) { return absl::StripAsciiWhitespace(value); }

}  // namespace

Mediator MediatorFromCsvFields(const std::vector<std::string>& fields,
                               std::vector<common::FieldViolation>& violations) {
  Mediator m;
  if (fields.size() != static_cast<size_t>(kColumnCount)) {
    violations.push_back({"", absl::StrCat("expected ", static_cast<int>(kColumnCount),
                                           " columns, found ", fields.size())});
    return m;
  }
  const absl::string_view id = Trimmed(fields[kId]);
  const absl::string_view network = Trimmed(fields[kNetwork]);
  m.mutable_network()->assign(network.data(), network.size());
  if (!id.empty()) {
    if (m.network().empty()) {
      AddViolation(violations, kNetwork,
                   absl::StrCat("the record with id \"", id, "\" has no network"));
    } else {
      m.set_name(absl::StrCat("networks/", m.network(), "/mediators/", id));
    }
  }
  const absl::string_view chapter = Trimmed(fields[kChapter]);
  m.mutable_chapter()->assign(chapter.data(), chapter.size());
  m.set_given_name(fields[kGivenName]);
  m.set_family_name(fields[kFamilyName]);
  AddList(fields[kNationalities], m.mutable_nationalities());
  ParseLanguages(fields[kLanguages], m, violations);
  AddList(fields[kRegions], m.mutable_regions());
  AddList(fields[kExpertise], m.mutable_expertise());
  AddList(fields[kRoles], m.mutable_roles());
  ParseYears(fields[kYearsExperience], m, violations);
  ParseAvailability(fields[kAvailability], m, violations);
  ParsePeriods(fields[kUnavailablePeriods], m, violations);
  const absl::string_view email = Trimmed(fields[kEmail]);
  const absl::string_view phone = Trimmed(fields[kPhone]);
  if (!email.empty()) m.mutable_contact()->mutable_email()->assign(email.data(), email.size());
  if (!phone.empty()) m.mutable_contact()->mutable_phone()->assign(phone.data(), phone.size());
  ParseConsent(fields[kConsentShare], m, violations);
  m.set_bio(fields[kBio]);
  return m;
}

// ---------------------------------------------------------------------------------------------------
// Mediator -> line

namespace {

// Appends `value` as one field, quoted only when RFC 4180 requires it.
void AppendField(absl::string_view value, std::string& line) {
  bool needs_quotes = false;
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    line.append(value.data(), value.size());
    return;
  }
  line.push_back('"');
  for (size_t quote; (quote = value.find('"')) != absl::string_view::npos;) {
    line.append(value.data(), quote + 1);
    line.push_back('"');  // doubled
    value.remove_prefix(quote + 1);
  }
  line.append(value.data(), value.size());
  line.push_back('"');
}

// The list columns are built in `scratch` first: whether a field needs quotes depends on all of it.
template <typename RepeatedField>
void AppendList(const RepeatedField& items, std::string& scratch, std::string& line) {
  scratch.clear();
  for (const std::string& item : items) {
    if (!scratch.empty()) scratch.push_back(';');
    scratch.append(item);
  }
  AppendField(scratch, line);
}

void AppendLanguages(const Mediator& m, std::string& scratch, std::string& line) {
  scratch.clear();
  for (const type::LanguageSkill& skill : m.languages()) {
    if (!scratch.empty()) scratch.push_back(';');
    scratch.append(skill.code());
    const int level = static_cast<int>(skill.level());
    // An unspecified level has no spelling; such a record does not pass validation anyway.
    if (level > 0 && level < static_cast<int>(kLevelNames.size())) {
      scratch.push_back(':');
      scratch.append(kLevelNames[level]);
    }
  }
  AppendField(scratch, line);
}

void AppendPeriods(const Mediator& m, std::string& scratch, std::string& line) {
  scratch.clear();
  for (const type::DateRange& period : m.unavailable_periods()) {
    if (!scratch.empty()) scratch.push_back(';');
    absl::StrAppend(&scratch, period.start(), "/", period.end());
  }
  AppendField(scratch, line);
}

void AppendConsent(const roster::v1::Consent& consent, std::string& scratch, std::string& line) {
  if (consent.share_all()) {
    line.append("all");
  } else if (consent.share_with().empty()) {
    line.append("none");
  } else {
    AppendList(consent.share_with(), scratch, line);
  }
}


// The network and mediator ids of `m`: from its name "networks/{network}/mediators/{id}", the
// network field taking precedence when set.
std::pair<absl::string_view, absl::string_view> NetworkAndId(const Mediator& m) {
  absl::string_view network = m.network();
  absl::string_view id;
  std::vector<absl::string_view> parts = absl::StrSplit(m.name(), '/');
  if (parts.size() == 4 && parts[0] == "networks" && parts[2] == "mediators") {
    if (network.empty()) network = parts[1];
    id = parts[3];
  } else if (!m.name().empty()) {
    id = parts.back();
  }
  return {network, id};
}

}  // namespace

std::string MediatorToCsvLine(const Mediator& m) {
  const auto [network, id] = NetworkAndId(m);
  std::string line;
  line.reserve(200 + m.bio().size());
  std::string scratch;
  AppendField(id, line);
  line.push_back(',');
  AppendField(network, line);
  for (const std::string* text : {&m.chapter(), &m.given_name(), &m.family_name()}) {
    line.push_back(',');
    AppendField(*text, line);
  }
  line.push_back(',');
  AppendList(m.nationalities(), scratch, line);
  line.push_back(',');
  AppendLanguages(m, scratch, line);
  line.push_back(',');
  AppendList(m.regions(), scratch, line);
  line.push_back(',');
  AppendList(m.expertise(), scratch, line);
  line.push_back(',');
  AppendList(m.roles(), scratch, line);
  absl::StrAppend(&line, ",", m.years_experience(), ",", AvailabilityText(m.availability()), ",");
  AppendPeriods(m, scratch, line);
  line.push_back(',');
  AppendField(m.contact().email(), line);
  line.push_back(',');
  AppendField(m.contact().phone(), line);
  line.push_back(',');
  AppendConsent(m.consent(), scratch, line);
  line.push_back(',');
  AppendField(m.bio(), line);
  line.push_back('\n');
  return line;
}

// ---------------------------------------------------------------------------------------------------
// Field paths

std::string CsvColumnForField(absl::string_view field_path) {
  absl::string_view path = field_path;
  absl::ConsumePrefix(&path, "mediator.");
  const absl::string_view top = path.substr(0, path.find_first_of(".["));
  if (top == "name") return "id";
  if (top == "contact") {
    if (absl::StartsWith(path, "contact.email")) return "email";
    if (absl::StartsWith(path, "contact.phone")) return "phone";
    return std::string(field_path);
  }
  if (top == "consent") {
    if (absl::StartsWith(path, "consent.share_with") || absl::StartsWith(path, "consent.share_all")) {
      return "consent_share";
    }
    return std::string(field_path);
  }
  if (!top.empty() && Contains(MediatorCsvColumns(), top)) {
    // email, phone and consent_share are not field names, and id is reported as "name".
    if (top != "id" && top != "email" && top != "phone" && top != "consent_share") {
      return std::string(top);
    }
  }
  return std::string(field_path);
}

absl::string_view LanguageLevelText(type::LanguageLevel level) {
  const int index = static_cast<int>(level);
  return index > 0 && index < static_cast<int>(kLevelNames.size()) ? kLevelNames[index] : "";
}

absl::string_view AvailabilityText(roster::v1::Availability availability) {
  switch (availability) {
    case roster::v1::AVAILABLE:
      return "available";
    case roster::v1::LIMITED:
      return "limited";
    case roster::v1::UNAVAILABLE:
      return "unavailable";
    default:
      return "";
  }
}

}  // namespace wps::roster
