#include "storage/erasure_ledger.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"

namespace wps::storage {
namespace {

absl::Status ErrnoError(absl::string_view what, absl::string_view path) {
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

// FNV-1a, 64 bits: a check on each line that stays the same across builds and machines.
uint64_t LineCheck(absl::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string LineOf(const Erasure& erasure) {
  const std::string body = absl::StrCat(absl::ToUnixMicros(erasure.time), " ", erasure.name);
  return absl::StrCat(body, " ", absl::Hex(LineCheck(body), absl::kZeroPad16), "\n");
}

// The erasure a line holds; nullopt for a line that does not read back whole.
std::optional<Erasure> ParseLine(absl::string_view line) {
  const size_t last_space = line.rfind(' ');
  if (last_space == absl::string_view::npos) return std::nullopt;
  const absl::string_view body = line.substr(0, last_space);
  uint64_t check = 0;
  if (!absl::SimpleHexAtoi(line.substr(last_space + 1), &check) || check != LineCheck(body))
    return std::nullopt;
  std::pair<absl::string_view, absl::string_view> fields =
      absl::StrSplit(body, absl::MaxSplits(' ', 1));
  int64_t micros = 0;
  if (!absl::SimpleAtoi(fields.first, &micros) || fields.second.empty()) return std::nullopt;
  return Erasure{absl::FromUnixMicros(micros), std::string(fields.second)};
}

absl::Status WriteAllAndSync(int fd, absl::string_view bytes, absl::string_view path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return ErrnoError("writing", path);
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  if (::fsync(fd) != 0) return ErrnoError("syncing", path);
  return absl::OkStatus();
}

// True when the file open as `fd` is empty or ends in a newline.
bool EndsWholeLine(int fd) {
  struct stat stats {};
  if (::fstat(fd, &stats) != 0 || stats.st_size == 0) return true;
  char last = '\n';
  return ::pread(fd, &last, 1, stats.st_size - 1) != 1 || last == '\n';
}

}  // namespace

ErasureLedger::ErasureLedger(std::string backup_dir)
    : backup_dir_(std::move(backup_dir)), path_(absl::StrCat(backup_dir_, "/erasures")) {}

absl::Status ErasureLedger::Record(absl::string_view name, absl::Time time) const {
  if (::mkdir(backup_dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    return ErrnoError("creating the backup directory", backup_dir_);
  }
  const int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("opening the erasure ledger", path_);
  // After a line torn by a crash, the next one starts on a line of its own.
  const std::string line =
      absl::StrCat(EndsWholeLine(fd) ? "" : "\n", LineOf(Erasure{time, std::string(name)}));
  const absl::Status written = WriteAllAndSync(fd, line, path_);
  ::close(fd);
  return written;
}

absl::StatusOr<std::vector<Erasure>> ErasureLedger::ErasuresSince(absl::Time since) const {
  std::vector<Erasure> erasures;
  std::ifstream in(path_);
  if (!in) return erasures;
  std::stringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::UnavailableError(absl::StrCat("reading ", path_));
  for (absl::string_view line : absl::StrSplit(contents.str(), '\n', absl::SkipEmpty())) {
    std::optional<Erasure> erasure = ParseLine(line);
    if (erasure && erasure->time >= since) erasures.push_back(*std::move(erasure));
  }
  return erasures;
}

absl::Status ErasureLedger::DropBefore(absl::Time time) const {
  WPS_ASSIGN_OR_RETURN(const std::vector<Erasure> kept, ErasuresSince(time));
  std::string text;
  for (const Erasure& erasure : kept) text += LineOf(erasure);
  const std::string temp = path_ + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("creating", temp);
  const absl::Status written = WriteAllAndSync(fd, text, temp);
  ::close(fd);
  WPS_RETURN_IF_ERROR(written);
  if (::rename(temp.c_str(), path_.c_str()) != 0) return ErrnoError("replacing", path_);
  return absl::OkStatus();
}

}  // namespace wps::storage
