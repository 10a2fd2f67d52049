// Refuses writes before the disk under the store is full or read-only, rather than letting RocksDB
// meet the failure half-way through a write: RocksDB 7.8 (Debian 12, built with assertions) aborts
// the process when a write-ahead log that failed a write is written again, and a store that failed
// a flush for lack of space stops every write until it is resumed. Keeping a reserve also leaves
// room for the flushes and compactions that free space.
//
// Thread safety: safe for concurrent use (one statvfs per check, about a microsecond).
#ifndef WPS_STORAGE_DISK_GUARD_H_
#define WPS_STORAGE_DISK_GUARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace wps::storage {

// The file system under a directory, as statvfs tells it.
struct DiskState {
  bool read_only = false;
  // Bytes an unprivileged process may still write.
  uint64_t free_bytes = 0;
};

// The state of the file system holding `dir`, asked through its nearest existing parent when `dir`
// does not exist yet; nullopt when nothing can be asked.
std::optional<DiskState> DiskStateOf(const std::string& dir);

class DiskGuard {
 public:
  // What is to be written: records (the whole reserve is kept free), or audit events, which may use
  // three quarters of it, so that reads go on being recorded after writes have stopped.
  enum Purpose { kWrites, kAuditEvents };

  // Guards the file system holding `dir`, keeping `reserve_bytes` free.
  DiskGuard(std::string dir, uint64_t reserve_bytes)
      : dir_(std::move(dir)), reserve_bytes_(reserve_bytes) {}

  // OK when a write for `purpose` may go ahead. RESOURCE_EXHAUSTED when less than its reserve is
  // free
  // ("disk nearly full"); UNAVAILABLE when the file system is mounted read-only. Both say what to
  // do. A directory that does not exist yet is checked through its nearest existing parent.
  absl::Status CheckWritable(Purpose purpose) const;

 private:
  const std::string dir_;
  const uint64_t reserve_bytes_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_DISK_GUARD_H_
