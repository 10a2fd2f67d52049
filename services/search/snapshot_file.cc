#include "services/search/snapshot_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace wps::search {
namespace {

constexpr size_t kBufferSize = 1 << 20;

uint32_t Crc(uint32_t crc, const char* data, size_t size) {
  while (size > 0) {  // zlib takes a uInt length
    const auto chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
    crc = static_cast<uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(data), chunk));
    data += chunk;
    size -= chunk;
  }
  return crc;
}

absl::Status FileError(absl::string_view action, const std::string& path) {
  return absl::InternalError(absl::StrCat("cannot ", action, " ", path, ": ", std::strerror(errno)));
}

absl::Status SyncDirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return FileError("open directory", dir);
  const bool synced = fsync(fd) == 0;
  close(fd);
  return synced ? absl::OkStatus() : FileError("sync directory", dir);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SnapshotWriter>> SnapshotWriter::Create(const std::string& path) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return FileError("create", temporary);
  return std::unique_ptr<SnapshotWriter>(new SnapshotWriter(path, file));
}

SnapshotWriter::SnapshotWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {
  buffer_.reserve(kBufferSize);
}

SnapshotWriter::~SnapshotWriter() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) std::remove((path_ + ".tmp").c_str());
}

void SnapshotWriter::Flush() {
  if (buffer_.empty()) return;
  crc_ = Crc(crc_, buffer_.data(), buffer_.size());
  if (!failed_ && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

void SnapshotWriter::PutRaw(const void* data, size_t size) {
  if (buffer_.size() + size > kBufferSize) Flush();
  if (size > kBufferSize) {
    crc_ = Crc(crc_, static_cast<const char*>(data), size);
    if (!failed_ && std::fwrite(data, 1, size, file_) != size) failed_ = true;
    return;
  }
  buffer_.append(static_cast<const char*>(data), size);
}

void SnapshotWriter::PutVarint(uint64_t value) {
  char bytes[10];
  size_t size = 0;
  while (value >= 0x80) {
    bytes[size++] = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  bytes[size++] = static_cast<char>(value);
  PutRaw(bytes, size);
}

void SnapshotWriter::PutSignedVarint(int64_t value) {
  PutVarint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void SnapshotWriter::PutBytes(absl::string_view bytes) {
  PutVarint(bytes.size());
  PutRaw(bytes.data(), bytes.size());
}

absl::Status SnapshotWriter::Commit() {
  Flush();
  const uint32_t crc = crc_;
  const unsigned char trailer[4] = {static_cast<unsigned char>(crc), static_cast<unsigned char>(crc >> 8),
                                    static_cast<unsigned char>(crc >> 16), static_cast<unsigned char>(crc >> 24)};
  const std::string temporary = path_ + ".tmp";
  if (failed_ || std::fwrite(trailer, 1, 4, file_) != 4 || std::fflush(file_) != 0) {
    return FileError("write", temporary);
  }
  if (fsync(fileno(file_)) != 0) return FileError("sync", temporary);
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) return FileError("close", temporary);
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) return FileError("rename", temporary);
  committed_ = true;
  return SyncDirectoryOf(path_);
}

absl::StatusOr<std::unique_ptr<SnapshotReader>> SnapshotReader::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, " does not exist"));
    return FileError("open", path);
  }
  struct stat info;
  if (fstat(fileno(file), &info) != 0) {
    std::fclose(file);
    return FileError("stat", path);
  }
  const uint64_t size = static_cast<uint64_t>(info.st_size);
  return std::unique_ptr<SnapshotReader>(new SnapshotReader(path, file, size >= 4 ? size - 4 : 0));
}

SnapshotReader::SnapshotReader(std::string path, std::FILE* file, uint64_t data_size)
    : path_(std::move(path)), file_(file), remaining_(data_size) {}

SnapshotReader::~SnapshotReader() { std::fclose(file_); }

bool SnapshotReader::Fill() {
  if (failed_ || remaining_ == 0) return false;
  buffer_.erase(0, position_);
  position_ = 0;
  const size_t old_size = buffer_.size();
  const size_t chunk = static_cast<size_t>(std::min<uint64_t>(remaining_, kBufferSize));
  buffer_.resize(old_size + chunk);
  if (std::fread(&buffer_[old_size], 1, chunk, file_) != chunk) {
    failed_ = true;
    return false;
  }
  crc_ = Crc(crc_, buffer_.data() + old_size, chunk);
  remaining_ -= chunk;
  return true;
}

bool SnapshotReader::GetRaw(void* data, size_t size) {
  auto* out = static_cast<char*>(data);
  while (!failed_ && size > 0) {
    if (position_ == buffer_.size() && !Fill()) break;
    const size_t take = std::min(size, buffer_.size() - position_);
    std::memcpy(out, buffer_.data() + position_, take);
    position_ += take;
    out += take;
    size -= take;
  }
  if (size > 0) failed_ = true;
  return !failed_;
}

bool SnapshotReader::GetVarint(uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && !failed_; shift += 7) {
    if (position_ == buffer_.size() && !Fill()) break;
    const auto byte = static_cast<uint8_t>(buffer_[position_++]);
    *value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  failed_ = true;
  return false;
}

bool SnapshotReader::GetSignedVarint(int64_t* value) {
  uint64_t coded = 0;
  if (!GetVarint(&coded)) return false;
  *value = static_cast<int64_t>(coded >> 1) ^ -static_cast<int64_t>(coded & 1);
  return true;
}

bool SnapshotReader::GetBytes(std::string* bytes, size_t max_size) {
  uint64_t size = 0;
  if (!GetVarint(&size) || size > max_size || size > remaining()) {
    failed_ = true;
    return false;
  }
  bytes->resize(size);
  return GetRaw(bytes->data(), size);
}

absl::Status SnapshotReader::Finish() {
  unsigned char trailer[4];
  const bool consumed = !failed_ && position_ == buffer_.size() && remaining_ == 0;
  if (!consumed || std::fread(trailer, 1, 4, file_) != 4) {
    return absl::DataLossError(absl::StrCat(path_, " is truncated or malformed"));
  }
  const uint32_t stored = trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (uint32_t{trailer[3]} << 24);
  if (stored != crc_) return absl::DataLossError(absl::StrCat(path_, " fails its checksum"));
  return absl::OkStatus();
}

}  // namespace wps::search
