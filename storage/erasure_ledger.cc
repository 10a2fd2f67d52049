#include "storage/erasure_ledger.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace wps::storage {
namespace {

absl::Status ErrnoError(absl::string_view what, absl::string_view path) {
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status WriteAllAndSync(int fd, absl::string_view line, absl::string_view path) {
  while (!line.empty()) {
    const ssize_t written = ::write(fd, line.data(), line.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return ErrnoError("writing", path);
    line.remove_prefix(static_cast<size_t>(written));
  }
  if (::fsync(fd) != 0) return ErrnoError("syncing", path);
  return absl::OkStatus();
}

}  // namespace

ErasureLedger::ErasureLedger(std::string backup_dir)
    : backup_dir_(std::move(backup_dir)), path_(absl::StrCat(backup_dir_, "/erasures")) {}

absl::Status ErasureLedger::Record(absl::string_view name, absl::Time time) const {
  if (::mkdir(backup_dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    return ErrnoError("creating the backup directory", backup_dir_);
  }
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("opening the erasure ledger", path_);
  const absl::Status written =
      WriteAllAndSync(fd, absl::StrCat(absl::ToUnixMicros(time), " ", name, "\n"), path_);
  ::close(fd);
  return written;
}

absl::StatusOr<std::vector<Erasure>> ErasureLedger::ErasuresSince(absl::Time since) const {
  std::ifstream in(path_);
  std::vector<Erasure> erasures;
  if (!in) return erasures;
  std::stringstream contents;
  contents << in.rdbuf();
  const std::string text = contents.str();
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  // The part after the last newline is empty, or a line torn by a crash while it was appended.
  lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    std::pair<absl::string_view, absl::string_view> fields =
        absl::StrSplit(lines[i], absl::MaxSplits(' ', 1));
    int64_t micros = 0;
    if (!absl::SimpleAtoi(fields.first, &micros) || fields.second.empty()) {
      return absl::DataLossError(
          absl::StrCat(path_, " line ", i + 1, " is not `UNIX_MICROS NAME`"));
    }
    const absl::Time time = absl::FromUnixMicros(micros);
    if (time >= since) erasures.push_back(Erasure{time, std::string(fields.second)});
  }
  return erasures;
}

}  // namespace wps::storage
