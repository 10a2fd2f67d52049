// The server side of SyncService, without gRPC: what a partner network pulls from this server's change
// feed, snapshots and watches, each through PartnerView (partner_view.h).
//
// A change is sent as an UPSERT when the record is in the partner's view, as a DELETE when it is not but
// the partner may hold a copy (her consent covered that partner at some time: MediatorStore's share
// history), and not at all otherwise, so a partner learns nothing of records never shared with it.
//
// Callers: the partner role (a client certificate naming its network, or a partner token) has a
// partner's view; a server without a network of its own (--network) has nothing to share with one:
// FAILED_PRECONDITION. This network's own nodes (common::IsOwnNode: a client certificate naming this
// very network, never a token; its matching replicas) and administrators have the mirror view: every
// live record this server holds, its own and its partners' replicas, as stored (contact details and
// consent included); a record deleted, soft-deleted or erased reaches them as a DELETE. Every other
// caller gets PERMISSION_DENIED.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_SYNC_PARTNER_FEED_H_
#define WPS_SERVICES_SYNC_PARTNER_FEED_H_

#include <atomic>
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/caller.h"
#include "storage/store.h"
#include "wps/sync/v1/sync_service.pb.h"

namespace wps::sync {

struct PartnerFeedOptions {
  // The network this server is authoritative for.
  std::string local_network;
  // Watch sends a PROGRESS change after this long without another.
  absl::Duration progress_interval = absl::Seconds(5);
  // Snapshot records per chunk, and bytes: a chunk ends at whichever comes first. Pull answers stop
  // at max_bytes too (has_more then set). Below gRPC's default 4 MiB receive limit, so partners'
  // clients in any language read them without raising it.
  int snapshot_chunk = 2000;
  size_t max_bytes = 1 << 20;
};

inline constexpr int kDefaultPullChanges = 500;
inline constexpr int kMaxPullChanges = 5000;

class PartnerFeed {
 public:
  PartnerFeed(storage::Store& store, PartnerFeedOptions options);

  // The partner's changes after request.cursor. INVALID_ARGUMENT for a bad cursor or max_changes;
  // RESYNC_REQUIRED (sync_cursor.h) for a cursor of another feed, ahead of this feed, or older than
  // its retained history.
  absl::StatusOr<v1::PullResponse> Pull(const common::Caller& caller, const v1::PullRequest& request) const;

  // Sends the partner's changes after request.cursor, then live ones, and a PROGRESS change after
  // progress_interval without any; returns OK when `send` returns false, `cancelled` returns true
  // (checked at least once a second) or Stop() is called. Errors as Pull's, at the start or later (a
  // cursor overtaken by compaction while the partner lagged).
  absl::Status Watch(const common::Caller& caller, const v1::WatchRequest& request,
                     absl::FunctionRef<bool(const v1::Change&)> send, absl::FunctionRef<bool()> cancelled) const;

  // Ends every Watch (returning OK) and makes later ones return at once: the server is stopping.
  void Stop();

  // Sends every record in the partner's view in name order, snapshot_chunk per chunk, the last chunk
  // carrying the cursor to follow from (taken before the records were read: changes made meanwhile
  // come again from it). Returns OK, also when `send` returns false (the caller went away).
  absl::Status Snapshot(const common::Caller& caller, absl::FunctionRef<bool(const v1::SnapshotChunk&)> send) const;

 private:
  // What one caller sees: a partner's view, or the mirror view.
  struct View {
    std::string partner;  // empty for the mirror view
    bool mirror = false;
  };
  // `caller`'s view; PERMISSION_DENIED / FAILED_PRECONDITION as above.
  absl::StatusOr<View> ViewOf(const common::Caller& caller) const;
  bool InView(const View& view, const roster::v1::Mediator& record) const;
  // Makes `record` what `view` receives of it at `version` (its row's version here).
  void MakeCopyFor(const View& view, roster::v1::Mediator& record, uint64_t version) const;
  struct Page {
    v1::PullResponse response;
    uint64_t next_position = 0;
  };
  // Up to `limit` feed changes after `position` as `view` sees them.
  absl::StatusOr<Page> ReadChanges(const View& view, uint64_t position, size_t limit) const;
  // The change `view` receives for one feed change; nullopt when it is not to hear of it.
  absl::StatusOr<std::optional<v1::Change>> ChangeFor(const View& view, const storage::Change& change) const;
  // The feed position of `cursor`, checked against this feed's head and retained history.
  absl::StatusOr<uint64_t> PositionOf(absl::string_view cursor) const;

  storage::Store& store_;
  const PartnerFeedOptions options_;
  // ReplicaPrefix(local_network): where this server's own records are.
  const std::string own_prefix_;
  std::atomic<bool> stopping_{false};
};

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_PARTNER_FEED_H_
