// The search index saved to a file so that a restart loads it instead of re-reading, parsing and folding
// every record (at a million records: seconds instead of ~20 s). The file records the store it was
// made from (Store::Identity()) and the feed cursor it is current to; whoever loads it then applies the
// feed's changes after that cursor. Replaying a change the index already holds is harmless (versions
// only move forward), so a snapshot of any age is correct as long as the feed still holds every change
// after its cursor.
//
// The file holds the folded words of names and bios: it is as sensitive as the store and lives in the
// same data directory. Whoever erases records for good (purge) or restores the store from a backup must
// rewrite or remove it (RemoveIndexSnapshot).
//
// Thread safety: SaveIndexSnapshot and WriteIndexSnapshot must run inside index.Read();
// LoadIndexSnapshot fills an index that nothing else uses yet.
#ifndef WPS_SERVICES_SEARCH_INDEX_SNAPSHOT_H_
#define WPS_SERVICES_SEARCH_INDEX_SNAPSHOT_H_

#include <cstdint>
#include <string>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/search/mediator_index.h"
#include "services/search/snapshot_file.h"

namespace wps::search {

// The snapshot's file name inside a data directory.
inline constexpr char kIndexSnapshotFile[] = "search-index.snapshot";

// SaveIndexSnapshot's first half, for a caller that must not hold the index while the file is synced:
// the snapshot written to "<path>.tmp", not yet synced. Commit() the writer to finish (it then needs
// neither the index nor its lock); dropping it leaves the previous snapshot as it was. INTERNAL naming
// the file when it cannot be created.
absl::StatusOr<std::unique_ptr<SnapshotWriter>> WriteIndexSnapshot(const MediatorIndex& index, uint64_t cursor,
                                                                   const std::string& store_identity,
                                                                   const std::string& path);

// Writes `index`, current to feed `cursor` of the store `store_identity`, to `path` atomically (see
// SnapshotWriter). INTERNAL naming the file on an I/O error; the previous snapshot is then left as it was.
absl::Status SaveIndexSnapshot(const MediatorIndex& index, uint64_t cursor, const std::string& store_identity,
                               const std::string& path);

// Fills `index` (new, never written) from `path` and returns the feed cursor it is current to.
// NOT_FOUND when there is no snapshot; FAILED_PRECONDITION when it was made from another store, is ahead
// of `feed_head` (the store went back in time) or has another format version; DATA_LOSS when it is
// malformed or fails its checksum. On any error `index` must be discarded.
absl::StatusOr<uint64_t> LoadIndexSnapshot(const std::string& path, const std::string& store_identity,
                                           uint64_t feed_head, MediatorIndex& index);

// Removes the snapshot at `path`, if any. INTERNAL when it exists and cannot be removed.
absl::Status RemoveIndexSnapshot(const std::string& path);

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_INDEX_SNAPSHOT_H_
