// What wpsctl reports after an import: the one-line summary and the per-row errors, as text lines
// or as a CSV file (row,field,message). Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_IMPORT_REPORT_H_
#define WPS_CLIENTS_WPSCTL_IMPORT_REPORT_H_

#include <string>
#include <vector>

#include "wps/roster/v1/roster_service.pb.h"

namespace wps::wpsctl {

// "created 3, updated 1, unchanged 0, failed 2".
std::string FormatImportSummary(const roster::v1::ImportMediatorsResponse& response);

// "row 7, languages: unknown language code 'xx'"; "row 7: message" for a row-level error.
std::string FormatImportError(const roster::v1::ImportError& error);

// "row,field,message\n" then one CSV line per error.
std::string ImportErrorsCsv(const roster::v1::ImportMediatorsResponse& response);
std::string ImportErrorsCsv(const std::vector<roster::v1::ImportError>& errors);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_IMPORT_REPORT_H_
