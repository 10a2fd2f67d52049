// The web console's static files, built into the binary from services/http/console/ (no file is
// read at run time, and nothing is loaded from elsewhere: the console works offline).
#ifndef WPS_SERVICES_HTTP_CONSOLE_FILES_H_
#define WPS_SERVICES_HTTP_CONSOLE_FILES_H_

#include "absl/strings/string_view.h"

namespace wps::http {

struct ConsoleFile {
  absl::string_view path;          // "/console.js"
  absl::string_view content_type;  // "text/javascript; charset=utf-8"
  absl::string_view content;
};

// The file served at `path` ("/" is index.html), or nullptr.
const ConsoleFile* FindConsoleFile(absl::string_view path);

}  // namespace wps::http

#endif  // WPS_SERVICES_HTTP_CONSOLE_FILES_H_
