#include "services/sync/partner_feed.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "base/status_macros.h"
#include "services/sync/partner_view.h"
#include "services/sync/sync_cursor.h"
#include "storage/mediator_store.h"
#include "storage/proto_rows.h"
#include "storage/replica_store.h"

namespace wps::sync {
namespace {

using ::wps::roster::v1::Mediator;

constexpr storage::Table kFollowed[] = {storage::Table::kMediators};
// More than a change adds to its record's stored bytes (cursor, kind, version, time, origin, tags).
constexpr size_t kChangeOverheadBytes = 128;
// Watch checks for cancellation at least this often.
constexpr absl::Duration kWatchPoll = absl::Seconds(1);

}  // namespace

PartnerFeed::PartnerFeed(storage::Store& store, PartnerFeedOptions options)
    : store_(store), options_(std::move(options)), own_prefix_(storage::ReplicaPrefix(options_.local_network)) {}

absl::StatusOr<PartnerFeed::View> PartnerFeed::ViewOf(const common::Caller& caller) const {
  if (caller.role == common::Role::kAdmin || common::IsOwnNode(caller, options_.local_network)) {
    return View{"", true};
  }
  if (caller.role != common::Role::kPartner || caller.network.empty()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "SyncService serves partner networks (a client certificate naming the network); the caller is ",
        common::RoleName(caller.role)));
  }
  if (options_.local_network.empty()) {
    return absl::FailedPreconditionError("this server has no network of its own (--network): nothing to share");
  }
  return View{caller.network, false};
}

absl::StatusOr<uint64_t> PartnerFeed::PositionOf(absl::string_view cursor) const {
  WPS_ASSIGN_OR_RETURN(const uint64_t position,
                       DecodeSyncCursor(cursor, store_.FeedId(), store_.FeedAncestors()));
  if (position > store_.FeedHead()) {
    return ResyncRequired("the cursor is ahead of this server's feed (restored from an older backup?)");
  }
  return position;
}

absl::StatusOr<std::optional<v1::Change>> PartnerFeed::ChangeFor(const View& view,
                                                                 const storage::Change& change) const {
  // A partner's view holds only this network's own records, all named under its prefix: the writes of
  // replicas (a partner's catch-up is a million of them) are passed over unread.
  if (!view.mirror && !absl::StartsWith(change.key, own_prefix_)) return std::nullopt;
  v1::Change out;
  out.set_origin_network(options_.local_network);
  if (change.kind == storage::ChangeKind::kPut) {
    WPS_ASSIGN_OR_RETURN(Mediator record,
                         storage::ParseRow<Mediator>(change.key, storage::VersionedValue{change.value, change.cursor}));
    if (InView(view, record)) {
      out.set_origin_network(record.origin_network());
      MakeCopyFor(view, record, change.cursor);
      *out.mutable_mediator() = std::move(record);
      out.set_kind(v1::Change::UPSERT);
    }
  }
  if (out.kind() != v1::Change::UPSERT) {
    if (!view.mirror) {
      WPS_ASSIGN_OR_RETURN(const bool shared,
                           storage::MediatorStore(store_).WasEverSharedWith(change.key, view.partner));
      if (!shared) return std::nullopt;
    }
    out.set_kind(v1::Change::DELETE);
  }
  out.set_cursor(EncodeSyncCursor(store_.FeedId(), change.cursor));
  out.set_name(change.key);
  out.set_version(change.cursor);
  *out.mutable_time() = storage::ToTimestamp(change.time);
  return out;
}

bool PartnerFeed::InView(const View& view, const Mediator& record) const {
  return view.mirror ? !record.has_delete_time() : InPartnerView(record, view.partner, options_.local_network);
}

void PartnerFeed::MakeCopyFor(const View& view, Mediator& record, uint64_t version) const {
  if (!view.mirror) return MakePartnerCopy(record, version, view.partner);
  record.clear_etag();
  record.set_origin_version(version);
}

absl::StatusOr<PartnerFeed::Page> PartnerFeed::ReadChanges(const View& view, uint64_t position,
                                                          size_t limit) const {
  absl::StatusOr<storage::FeedPage> feed = store_.ReadTablesSince(kFollowed, position, limit);
  if (absl::IsOutOfRange(feed.status())) return ResyncRequired(feed.status().message());
  WPS_RETURN_IF_ERROR(feed.status());
  Page page;
  page.next_position = feed->next_cursor;
  page.response.set_has_more(feed->has_more);
  size_t bytes = 0;
  for (const storage::Change& change : feed->changes) {
    if (bytes >= options_.max_bytes) {
      // Full: the rest of the feed page comes with the next call.
      page.next_position = change.cursor - 1;
      page.response.set_has_more(true);
      break;
    }
    WPS_ASSIGN_OR_RETURN(std::optional<v1::Change> out, ChangeFor(view, change));
    if (!out) continue;
    // What it sends, bounded without sizing every message twice: the stored record (contact details
    // only ever removed) and the change's other fields.
    bytes += change.value.size() + 2 * change.key.size() + kChangeOverheadBytes;
    *page.response.add_changes() = *std::move(out);
  }
  page.response.set_next_cursor(EncodeSyncCursor(store_.FeedId(), page.next_position));
  return page;
}

absl::StatusOr<v1::PullResponse> PartnerFeed::Pull(const common::Caller& caller, const v1::PullRequest& request) const {
  WPS_ASSIGN_OR_RETURN(const View view, ViewOf(caller));
  if (request.max_changes() < 0 || request.max_changes() > kMaxPullChanges) {
    return absl::InvalidArgumentError(absl::StrCat("max_changes: between 0 (default ", kDefaultPullChanges,
                                                   ") and ", kMaxPullChanges));
  }
  WPS_ASSIGN_OR_RETURN(const uint64_t position, PositionOf(request.cursor()));
  const int limit = request.max_changes() == 0 ? kDefaultPullChanges : request.max_changes();
  WPS_ASSIGN_OR_RETURN(Page page, ReadChanges(view, position, static_cast<size_t>(limit)));
  return std::move(page.response);
}

absl::Status PartnerFeed::Watch(const common::Caller& caller, const v1::WatchRequest& request,
                                absl::FunctionRef<bool(const v1::Change&)> send,
                                absl::FunctionRef<bool()> cancelled) const {
  WPS_ASSIGN_OR_RETURN(const View view, ViewOf(caller));
  WPS_ASSIGN_OR_RETURN(uint64_t position, PositionOf(request.cursor()));
  absl::Time last_sent = absl::Now();
  while (!cancelled() && !stopping_) {
    WPS_ASSIGN_OR_RETURN(Page page, ReadChanges(view, position, kDefaultPullChanges));
    for (const v1::Change& change : page.response.changes()) {
      if (!send(change)) return absl::OkStatus();
      last_sent = absl::Now();
    }
    position = page.next_position;
    if (page.response.has_more()) continue;
    if (absl::Now() - last_sent >= options_.progress_interval) {
      v1::Change progress;
      progress.set_kind(v1::Change::PROGRESS);
      progress.set_cursor(page.response.next_cursor());
      if (!send(progress)) return absl::OkStatus();
      last_sent = absl::Now();
    }
    store_.WaitForTableChangeAfter(kFollowed, position,
                                   std::min(absl::Now() + kWatchPoll, last_sent + options_.progress_interval));
  }
  return absl::OkStatus();
}

void PartnerFeed::Stop() { stopping_ = true; }

absl::Status PartnerFeed::Snapshot(const common::Caller& caller,
                                   absl::FunctionRef<bool(const v1::SnapshotChunk&)> send) const {
  WPS_ASSIGN_OR_RETURN(const View view, ViewOf(caller));
  // Read before the records: a change committed meanwhile is then sent again from this cursor.
  const uint64_t head = store_.FeedHead();
  // Each chunk's records are parsed in place into it, on an arena dropped once it is sent: no copy of
  // a record, and no allocation or destruction per field.
  auto arena = std::make_unique<google::protobuf::Arena>();
  v1::SnapshotChunk* chunk = google::protobuf::Arena::CreateMessage<v1::SnapshotChunk>(arena.get());
  size_t chunk_bytes = 0;
  bool receiving = true;
  absl::Status decode_status;
  WPS_RETURN_IF_ERROR(store_.Scan(
      storage::Table::kMediators, view.mirror ? std::string(storage::kMirrorPrefix) : own_prefix_, "",
      [&](absl::string_view key, const storage::VersionedValue& row) {
        Mediator* record = chunk->add_mediators();
        if (!record->ParseFromArray(row.value.data(), static_cast<int>(row.value.size()))) {
          decode_status = absl::DataLossError(absl::StrCat("stored mediator ", key, " does not parse"));
          return false;
        }
        if (!InView(view, *record)) {
          chunk->mutable_mediators()->RemoveLast();
          return true;
        }
        MakeCopyFor(view, *record, row.version);
        chunk_bytes += row.value.size() + kChangeOverheadBytes;
        if (chunk->mediators_size() < options_.snapshot_chunk && chunk_bytes < options_.max_bytes) return true;
        receiving = send(*chunk);
        arena = std::make_unique<google::protobuf::Arena>();
        chunk = google::protobuf::Arena::CreateMessage<v1::SnapshotChunk>(arena.get());
        chunk_bytes = 0;
        return receiving;
      }));
  WPS_RETURN_IF_ERROR(decode_status);
  if (!receiving) return absl::OkStatus();
  chunk->set_cursor(EncodeSyncCursor(store_.FeedId(), head));
  send(*chunk);
  return absl::OkStatus();
}

}  // namespace wps::sync
