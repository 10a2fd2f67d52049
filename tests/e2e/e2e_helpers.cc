#include "tests/e2e/e2e_helpers.h"

#include <cctype>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/roster/mediator_csv.h"

namespace wps::e2e {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Positions where `word` occurs in `text` as a whole word.
std::vector<size_t> WordPositions(absl::string_view text, absl::string_view word) {
  std::vector<size_t> positions;
  for (size_t at = text.find(word); at != absl::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !IsWordChar(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !IsWordChar(text[at + word.size()]);
    if (starts && ends) positions.push_back(at);
  }
  return positions;
}

std::string QuoteCsvField(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

absl::StatusOr<CsvFile> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  const std::string text = ReadFileOrEmpty(path);
  std::vector<roster::CsvRecord> records;
  roster::CsvReader reader;
  absl::Status fed = reader.Feed(text, records);
  if (fed.ok()) fed = reader.Finish(records);
  if (!fed.ok()) return fed;
  if (records.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " has no header row"));
  CsvFile file;
  file.header_line = text.substr(0, text.find_first_of("\r\n"));
  file.header = std::move(records.front().fields);
  for (size_t i = 1; i < records.size(); ++i) file.records.push_back(std::move(records[i].fields));
  return file;
}

absl::Status WriteCsvFile(const std::string& path, const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& records) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  auto write_line = [&out](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out << (i > 0 ? "," : "") << QuoteCsvField(fields[i]);
    out << "\n";
  };
  write_line(header);
  for (const std::vector<std::string>& record : records) write_line(record);
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

int ColumnIndex(const std::vector<std::string>& header, absl::string_view column) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return static_cast<int>(i);
  }
  return -1;
}

std::optional<int64_t> ReportedCount(absl::string_view text, absl::string_view word) {
  for (size_t at : WordPositions(text, word)) {
    // After the word: skip quotes, colons, '=' and spaces, then digits.
    size_t begin = at + word.size();
    while (begin < text.size() && absl::string_view("\":= \t").find(text[begin]) != absl::string_view::npos) {
      ++begin;
    }
    size_t end = begin;
    while (end < text.size() && absl::ascii_isdigit(text[end])) ++end;
    int64_t count = 0;
    if (end > begin && absl::SimpleAtoi(text.substr(begin, end - begin), &count)) return count;
    // Before the word: "10000 created".
    end = at;
    while (end > 0 && text[end - 1] == ' ') --end;
    begin = end;
    while (begin > 0 && absl::ascii_isdigit(text[begin - 1])) --begin;
    if (end > begin && absl::SimpleAtoi(text.substr(begin, end - begin), &count)) return count;
  }
  return std::nullopt;
}

std::optional<std::string> LineNamingRowAndColumn(absl::string_view text, int64_t row, absl::string_view column) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!WordPositions(line, absl::StrCat(row)).empty() && !WordPositions(line, column).empty()) {
      return std::string(line);
    }
  }
  return std::nullopt;
}

std::string Describe(const RunResult& result) {
  return absl::StrCat(result.exit.ToString(), "\nstdout:\n", result.out.substr(0, 4000), "\nstderr:\n",
                      result.err.substr(0, 4000));
}

}  // namespace wps::e2e
