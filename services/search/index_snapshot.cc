#include "services/search/index_snapshot.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/search/snapshot_file.h"

namespace wps::search {
namespace {

constexpr char kMagic[8] = {'W', 'P', 'S', 'I', 'D', 'X', '\r', '\n'};
// Bumped whenever MediatorIndex::SaveTo's layout or the meaning of what it saves changes (what a
// posting holds, how dictionary keys are made): a snapshot of another version is rebuilt, never misread.
// 3: the at-risk flag dimension.
constexpr uint64_t kFormatVersion = 3;
constexpr size_t kMaxIdentityBytes = 1024;

}  // namespace

absl::StatusOr<std::unique_ptr<SnapshotWriter>> WriteIndexSnapshot(const MediatorIndex& index, uint64_t cursor,
                                                                   const std::string& store_identity,
                                                                   const std::string& path) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<SnapshotWriter> out, SnapshotWriter::Create(path));
  out->PutRaw(kMagic, sizeof(kMagic));
  out->PutVarint(kFormatVersion);
  out->PutBytes(store_identity);
  out->PutVarint(cursor);
  index.SaveTo(*out);
  return out;
}

absl::Status SaveIndexSnapshot(const MediatorIndex& index, uint64_t cursor, const std::string& store_identity,
                               const std::string& path) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<SnapshotWriter> out, WriteIndexSnapshot(index, cursor, store_identity, path));
  return out->Commit();
}

absl::StatusOr<uint64_t> LoadIndexSnapshot(const std::string& path, const std::string& store_identity,
                                           uint64_t feed_head, MediatorIndex& index) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<SnapshotReader> in, SnapshotReader::Open(path));
  char magic[sizeof(kMagic)];
  uint64_t format = 0, cursor = 0;
  std::string identity;
  if (!in->GetRaw(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return absl::DataLossError(absl::StrCat(path, " is not a search index snapshot"));
  }
  if (!in->GetVarint(&format) || !in->GetBytes(&identity, kMaxIdentityBytes) || !in->GetVarint(&cursor)) {
    return in->Finish();  // DATA_LOSS: cut short
  }
  if (format != kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " has format ", format, "; this wpsd reads format ", kFormatVersion));
  }
  if (store_identity.empty() || identity != store_identity) {
    return absl::FailedPreconditionError(absl::StrCat(path, " was made from another store"));
  }
  if (cursor > feed_head) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is at feed cursor ", cursor, ", ahead of the store's ", feed_head));
  }
  const bool loaded = index.LoadFrom(*in);
  WPS_RETURN_IF_ERROR(in->Finish());
  if (!loaded) return absl::DataLossError(absl::StrCat(path, " is malformed"));
  return cursor;
}

absl::Status RemoveIndexSnapshot(const std::string& path) {
  if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
    return absl::InternalError(absl::StrCat("cannot remove ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace wps::search
