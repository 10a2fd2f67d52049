// A checksummed binary file written whole or not at all, for the search index snapshot.
//
// SnapshotWriter writes to "<path>.tmp", and Commit() appends a CRC-32 of everything before it, syncs
// the file and renames it over `path`, then syncs the directory: a crash at any point leaves either the
// previous file or the new one, never a torn one. SnapshotReader reads values back in the order they
// were written; Finish() checks that the whole file was consumed and that its CRC matches, so a
// caller trusts what it read only once Finish() succeeds.
//
// Integers are LEB128 varints (signed ones zigzag-coded); byte strings are length-prefixed.
//
// Thread safety: one thread per object.
#ifndef WPS_SERVICES_SEARCH_SNAPSHOT_FILE_H_
#define WPS_SERVICES_SEARCH_SNAPSHOT_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace wps::search {

class SnapshotWriter {
 public:
  // Creates (truncating) "<path>.tmp". INTERNAL naming the file when it cannot.
  static absl::StatusOr<std::unique_ptr<SnapshotWriter>> Create(const std::string& path);
  // Removes the temporary file unless Commit() succeeded.
  ~SnapshotWriter();

  void PutVarint(uint64_t value);
  void PutSignedVarint(int64_t value);
  void PutBytes(absl::string_view bytes);  // length, then the bytes
  void PutRaw(const void* data, size_t size);

  // Appends the CRC, syncs and renames the file over the path given to Create. INTERNAL naming the file
  // on any write error met so far.
  absl::Status Commit();

 private:
  SnapshotWriter(std::string path, std::FILE* file);
  void Flush();

  std::string path_;
  std::FILE* file_;
  std::string buffer_;
  uint32_t crc_ = 0;
  bool failed_ = false;
  bool committed_ = false;
};

class SnapshotReader {
 public:
  // NOT_FOUND when `path` does not exist; INTERNAL when it cannot be read.
  static absl::StatusOr<std::unique_ptr<SnapshotReader>> Open(const std::string& path);
  ~SnapshotReader();

  // Each returns false (and every later call too) at the end of the data or on a malformed value.
  bool GetVarint(uint64_t* value);
  bool GetSignedVarint(int64_t* value);
  // Reads a length-prefixed string of at most `max_size` bytes.
  bool GetBytes(std::string* bytes, size_t max_size);
  bool GetRaw(void* data, size_t size);
  // Data bytes not read yet. Every count read from the file is checked against it, so that a corrupt
  // count cannot make the reader allocate more than the file could fill.
  uint64_t remaining() const { return remaining_ + (buffer_.size() - position_); }

  // OK when every read succeeded, the data is consumed to the CRC, and the CRC matches; DATA_LOSS
  // naming the file otherwise.
  absl::Status Finish();

 private:
  SnapshotReader(std::string path, std::FILE* file, uint64_t data_size);
  bool Fill();

  std::string path_;
  std::FILE* file_;
  uint64_t remaining_;  // data bytes (before the CRC) not yet taken into buffer_
  std::string buffer_;
  size_t position_ = 0;
  uint32_t crc_ = 0;
  bool failed_ = false;
};

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_SNAPSHOT_FILE_H_
