// The files wpsctl reads and writes, with "-" for standard input; errors name the path.
#ifndef WPS_CLIENTS_WPSCTL_FILE_IO_H_
#define WPS_CLIENTS_WPSCTL_FILE_IO_H_

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace wps::wpsctl {

// The whole content of `path`, or of standard input when `path` is "-". NOT_FOUND when it does not
// exist, PERMISSION_DENIED or UNKNOWN when it cannot be read.
absl::StatusOr<std::string> ReadFileOrStdin(absl::string_view path);

// The status for a failed open or read of `path` with `error` (an errno value).
absl::Status FileError(int error, absl::string_view verb, absl::string_view path);

// Where a command writes its main output: `fallback` (standard output) when `path` is empty or "-",
// else the file at `path`, created or truncated. Not thread-safe.
class OutputTarget {
 public:
  // PERMISSION_DENIED, NOT_FOUND (missing directory) or UNKNOWN when the file cannot be created.
  static absl::StatusOr<OutputTarget> Open(absl::string_view path, std::ostream& fallback);

  std::ostream& stream() { return file_ ? *file_ : *fallback_; }
  // Flushes and closes; UNKNOWN naming the path when any write failed (disk full...).
  absl::Status Close();

 private:
  OutputTarget(std::string path, std::unique_ptr<std::ofstream> file, std::ostream* fallback)
      : path_(std::move(path)), file_(std::move(file)), fallback_(fallback) {}

  std::string path_;
  std::unique_ptr<std::ofstream> file_;
  std::ostream* fallback_;
};

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_FILE_IO_H_
