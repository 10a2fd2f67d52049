// Shared pieces of the end-to-end tests: a fixture owning a temp dir, CSV files read as records, and
// the counts wpsctl reports.
#ifndef WPS_TESTS_E2E_E2E_HELPERS_H_
#define WPS_TESTS_E2E_E2E_HELPERS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/e2e/process.h"
#include "tests/e2e/wpsd_fixture.h"
#include "tests/testing/temp_dir.h"

namespace wps::e2e {

// A CSV file as records (RFC 4180, quoted line ends kept): the raw header line, the header's fields,
// and the data records.
struct CsvFile {
  std::string header_line;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> records;
};
// INVALID_ARGUMENT when the file is not valid CSV or has no header; NOT_FOUND when it cannot be read.
absl::StatusOr<CsvFile> ReadCsvFile(const std::string& path);
// Writes `header` and `records`, quoting fields as RFC 4180 requires, LF line ends.
absl::Status WriteCsvFile(const std::string& path, const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& records);
// The index of `column` in `header`; -1 when absent.
int ColumnIndex(const std::vector<std::string>& header, absl::string_view column);

// The number wpsctl printed next to `word` in `text` ("created 10000", "created: 10000",
// "\"created\": \"10000\"" or "10000 created"); nullopt when there is none.
std::optional<int64_t> ReportedCount(absl::string_view text, absl::string_view word);

// A line of `text` that holds `row` as a whole number and `column` as a word; nullopt when none does.
std::optional<std::string> LineNamingRowAndColumn(absl::string_view text, int64_t row, absl::string_view column);

// Every test gets its own temp dir (data dir, logs, CSV files); children die with the fixture.
class E2eTest : public ::testing::Test {
 protected:
  std::string DataDir() const { return temp_.Join("data"); }
  std::string LogDir() const { return temp_.path(); }
  std::string Path(const std::string& name) const { return temp_.Join(name); }

  absl::StatusOr<std::unique_ptr<Wpsd>> StartWpsd(std::vector<std::string> extra_flags = {}) const {
    return Wpsd::Start(WpsdOptions{DataDir(), LogDir(), std::move(extra_flags)});
  }
  absl::StatusOr<RunResult> Wpsctl(const Wpsd& wpsd, const std::vector<std::string>& args,
                                   absl::Duration timeout = absl::Seconds(180)) const {
    return RunWpsctl(wpsd.address(), args, LogDir(), timeout);
  }

  // Declared first: destroyed after any Wpsd the test holds.
  testing::TempDir temp_;
};

// "exit code N; stdout: ...; stderr: ..." for failure messages.
std::string Describe(const RunResult& result);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_E2E_HELPERS_H_
