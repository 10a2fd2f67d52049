#include "storage/disk_guard.h"

#include <sys/statvfs.h>

#include <filesystem>

#include "absl/strings/str_cat.h"

namespace wps::storage {
namespace {

std::string Mebibytes(uint64_t bytes) { return absl::StrCat(bytes >> 20, " MiB"); }

}  // namespace

std::optional<DiskState> DiskStateOf(const std::string& dir) {
  struct statvfs disk {};
  std::filesystem::path existing(dir);
  while (::statvfs(existing.c_str(), &disk) != 0) {
    if (existing.parent_path() == existing || existing.parent_path().empty()) return std::nullopt;
    existing = existing.parent_path();
  }
  return DiskState{(disk.f_flag & ST_RDONLY) != 0, uint64_t{disk.f_bavail} * disk.f_frsize};
}

absl::Status DiskGuard::CheckWritable(Purpose purpose) const {
  // Nothing to ask says nothing about space: the write itself will tell.
  const std::optional<DiskState> disk = DiskStateOf(dir_);
  if (!disk) return absl::OkStatus();
  if (disk->read_only) {
    return absl::UnavailableError(
        absl::StrCat("the data dir ", dir_,
                     " is on a read-only file system: writes are refused, reads go on; "
                     "check the disk (the kernel remounts a failing one read-only) and restart "
                     "wpsd once it is writable"));
  }
  const uint64_t free_bytes = disk->free_bytes;
  const uint64_t reserve = purpose == kAuditEvents ? reserve_bytes_ / 4 : reserve_bytes_;
  if (free_bytes < reserve) {
    return absl::ResourceExhaustedError(
        absl::StrCat("disk nearly full: ", Mebibytes(free_bytes), " free under ", dir_,
                     ", and writes stop below ", Mebibytes(reserve),
                     " (--min_free_disk_mb); reads go on, and writes resume once space is freed"));
  }
  return absl::OkStatus();
}

}  // namespace wps::storage
