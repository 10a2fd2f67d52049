// The CSV format of API.md for mediator records (UTF-8, RFC 4180, one header row):
//   id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,
//   years_experience,availability,unavailable_periods,email,phone,consent_share,bio
// Lists are ';'-separated; languages "ar:C2;en:native"; periods "2027-03-01/2027-04-15";
// availability available|limited|unavailable; consent_share "all", "none" or network ids.
//
// Writing then reading a record gives the same record for every field the format carries (name,
// network and the CSV columns). Pure logic: no storage, no gRPC.
#ifndef WPS_SERVICES_ROSTER_MEDIATOR_CSV_H_
#define WPS_SERVICES_ROSTER_MEDIATOR_CSV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/field_violations.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::roster {

// The header row, without line end.
extern const char kMediatorCsvHeader[];
// The columns of the header, in order.
const std::vector<std::string>& MediatorCsvColumns();

// One record of a CSV file. `row` is the line number of the record's first line (the header is row 1):
// every physical line counts, including empty lines and the extra lines of a quoted field that spans
// lines, so `row` is what a text editor shows. Errors name rows the same way.
struct CsvRecord {
  int64_t row = 0;
  std::vector<std::string> fields;
};

// An incremental RFC 4180 reader: feed it bytes in chunks cut anywhere (inside quotes, inside a UTF-8
// sequence, between CR and LF), take the complete records as they appear. Accepts LF, CRLF and bare CR
// line ends, a UTF-8 byte-order mark at the start, and a missing final line end. Empty lines are
// skipped (a line holding only `""` or `,` is a record). Fields are kept byte for byte: no trimming, and
// line ends inside quoted fields are kept as written. Not thread-safe.
class CsvReader {
 public:
  // Appends the records completed by `chunk` to `out`. INVALID_ARGUMENT (naming the row) for a quote
  // inside an unquoted field or text after a closing quote; the reader is then unusable (later calls
  // return FAILED_PRECONDITION).
  absl::Status Feed(absl::string_view chunk, std::vector<CsvRecord>& out);
  // Ends the input: appends the last record if it had no line end. INVALID_ARGUMENT for an unclosed quote.
  absl::Status Finish(std::vector<CsvRecord>& out);

 private:
  absl::Status Consume(char c, std::vector<CsvRecord>& out);
  void EndField();
  void EndRecord(std::vector<CsvRecord>& out);

  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterCr };
  State state_ = State::kFieldStart;
  std::string field_;
  CsvRecord record_;
  int64_t line_ = 1;        // line of the current character
  bool at_start_ = true;    // for the byte-order mark
  std::string bom_;         // bytes of a possible byte-order mark seen so far
  bool failed_ = false;
};

// Checks that `header` is exactly the columns of kMediatorCsvHeader. INVALID_ARGUMENT naming the first
// missing, extra or misplaced column otherwise.
absl::Status CheckMediatorCsvHeader(const std::vector<std::string>& header);

// Converts one data record (fields in header order) into a Mediator with name
// "networks/{network}/mediators/{id}" (name empty when id is empty: the server assigns one), network,
// and every CSV column. Syntax errors (wrong field count, a level, number, availability, period or
// consent that does not parse, an id without a network) are appended to `violations` with the column
// name as field ("" for a wrong field count, and the Mediator is then empty); the record is returned
// with what did parse, bad list items left out. Vocabulary checks are ValidateMediator's.
// Surrounding whitespace is ignored in id, network, chapter, years_experience, availability, email,
// phone, consent_share and in each list item (empty items are skipped); names and bio are kept as
// written. Levels, availability and "all"/"none" are case-insensitive; levels may also be the enum
// names (LANGUAGE_LEVEL_B2). Contact and consent are set only when a column gives them a value.
roster::v1::Mediator MediatorFromCsvFields(const std::vector<std::string>& fields,
                                           std::vector<common::FieldViolation>& violations);

// One CSV line (with trailing "\n", fields quoted only when they hold a comma, quote, CR or LF) for
// `mediator`, in canonical spelling: levels A1..C2 and "native", availability lower case (empty when
// unspecified), consent "all", "none" or ids joined by ';', years always written; id and network come
// from the name (network from `network` when set). Reading the line back gives the same name, network
// and columns, and writing that again the same line, for any record whose name matches its network,
// whose languages have levels, whose trimmed columns and list items have no surrounding whitespace and
// whose list items hold no ';'.
std::string MediatorToCsvLine(const roster::v1::Mediator& mediator);

// The words the CSV uses: "A1".."C2", "native" (empty for an unspecified or unknown level), and
// "available", "limited", "unavailable" (empty for unspecified).
absl::string_view LanguageLevelText(type::LanguageLevel level);
absl::string_view AvailabilityText(roster::v1::Availability availability);

// The CSV column that holds the Mediator field at `field_path` ("languages[1].code" -> "languages",
// "contact.email" -> "email", "consent.share_with[0]" -> "consent_share", "name" -> "id"); a leading
// "mediator." is ignored. `field_path` itself when no column holds it ("display_name").
std::string CsvColumnForField(absl::string_view field_path);

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_MEDIATOR_CSV_H_
