// The opaque cursors of SyncService: a position in this server's change feed, tied to the feed it came
// from (Store::FeedId) so that a cursor is never applied to another server's feed or to a store
// recreated from scratch.
#ifndef WPS_SERVICES_SYNC_SYNC_CURSOR_H_
#define WPS_SERVICES_SYNC_SYNC_CURSOR_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/store.h"

namespace wps::sync {

// The google.rpc.ErrorInfo reason and domain of a cursor the server can no longer serve.
inline constexpr char kResyncRequired[] = "RESYNC_REQUIRED";
inline constexpr char kSyncErrorDomain[] = "wps.sync.v1";

std::string EncodeSyncCursor(absl::string_view feed_id, uint64_t position);

// The feed position of `cursor` in the feed `feed_id`, which continues the feeds `ancestors` (a
// store restored from a backup; Store::FeedAncestors): 0 for an empty cursor (the feed's
// beginning). INVALID_ARGUMENT when `cursor` is not a cursor of this service; RESYNC_REQUIRED (see
// ResyncRequired) when it belongs to another feed, or to an ancestor past the point this feed
// continues it from (a change the restore lost).
absl::StatusOr<uint64_t> DecodeSyncCursor(absl::string_view cursor, absl::string_view feed_id,
                                          absl::Span<const storage::FeedAncestor> ancestors = {});

// FAILED_PRECONDITION saying `why`, with google.rpc.ErrorInfo{reason: RESYNC_REQUIRED}: the caller
// must take a Snapshot and follow from its cursor.
absl::Status ResyncRequired(absl::string_view why);

// True for a status made by ResyncRequired.
bool IsResyncRequired(const absl::Status& status);

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_SYNC_CURSOR_H_
