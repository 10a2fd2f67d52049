#include "clients/wpsctl/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace wps::wpsctl {
namespace {

absl::StatusOr<std::string> ReadStream(std::FILE* file, absl::string_view path) {
  std::string content;
  char buffer[64 * 1024];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) content.append(buffer, n);
  if (std::ferror(file)) return FileError(errno, "read", path);
  return content;
}

}  // namespace

absl::Status FileError(int error, absl::string_view verb, absl::string_view path) {
  const std::string message = absl::StrCat("cannot ", verb, " ", path, ": ", std::strerror(error));
  if (error == ENOENT) return absl::NotFoundError(message);
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::UnknownError(message);
}

absl::StatusOr<std::string> ReadFileOrStdin(absl::string_view path) {
  if (path == "-") return ReadStream(stdin, "standard input");
  const std::string path_string(path);
  std::FILE* file = std::fopen(path_string.c_str(), "rb");
  if (file == nullptr) return FileError(errno, "read", path);
  absl::StatusOr<std::string> content = ReadStream(file, path);
  std::fclose(file);
  return content;
}

absl::StatusOr<OutputTarget> OutputTarget::Open(absl::string_view path, std::ostream& fallback) {
  if (path.empty() || path == "-") return OutputTarget("", nullptr, &fallback);
  const std::string path_string(path);
  auto file = std::make_unique<std::ofstream>(path_string, std::ios::binary | std::ios::trunc);
  if (!file->is_open()) return FileError(errno, "write", path);
  return OutputTarget(path_string, std::move(file), &fallback);
}

absl::Status OutputTarget::Close() {
  std::ostream& out = stream();
  out.flush();
  const bool ok = static_cast<bool>(out);
  if (file_) file_->close();
  if (!ok || (file_ && file_->fail())) {
    return absl::UnknownError(
        absl::StrCat("cannot write ", path_.empty() ? "standard output" : path_));
  }
  return absl::OkStatus();
}

}  // namespace wps::wpsctl
