#include "clients/wpsctl/import_report.h"

#include "absl/strings/str_cat.h"
#include "clients/wpsctl/output_format.h"

namespace wps::wpsctl {

std::string FormatImportSummary(const roster::v1::ImportMediatorsResponse& response) {
  return absl::StrCat("created ", response.created(), ", updated ", response.updated(),
                      ", unchanged ", response.unchanged(), ", failed ", response.failed());
}

std::string FormatImportError(const roster::v1::ImportError& error) {
  if (error.field().empty()) return absl::StrCat("row ", error.row(), ": ", error.message());
  return absl::StrCat("row ", error.row(), ", ", error.field(), ": ", error.message());
}

std::string ImportErrorsCsv(const roster::v1::ImportMediatorsResponse& response) {
  return ImportErrorsCsv(
      std::vector<roster::v1::ImportError>(response.errors().begin(), response.errors().end()));
}

std::string ImportErrorsCsv(const std::vector<roster::v1::ImportError>& errors) {
  std::string out = "row,field,message\n";
  for (const auto& error : errors) {
    absl::StrAppend(&out, error.row(), ",", CsvField(error.field()), ",", CsvField(error.message()),
                    "\n");
  }
  return out;
}

}  // namespace wps::wpsctl
