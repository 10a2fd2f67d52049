#include "services/sync/partner_feed.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
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
// Watch checks for cancellation at least this often.
constexpr absl::Duration kWatchPoll = absl::Seconds(1);

}  // namespace

PartnerFeed::PartnerFeed(storage::Store& store, PartnerFeedOptions options)
    : store_(store), options_(std::move(options)) {}

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
  WPS_ASSIGN_OR_RETURN(const uint64_t position, DecodeSyncCursor(cursor, store_.FeedId()));
  if (position > store_.FeedHead()) {
    return ResyncRequired("the cursor is ahead of this server's feed (restored from an older backup?)");
  }
  return position;
}

absl::StatusOr<std::optional<v1::Change>> PartnerFeed::ChangeFor(const View& view,
                                                                 const storage::Change& change) const {
  v1::Change out;
  out.set_origin_network(options_.local_network);
  if (change.kind == storage::ChangeKind::kPut) {
    WPS_ASSIGN_OR_RETURN(Mediator record,
                         storage::ParseRow<Mediator>(change.key, storage::VersionedValue{change.value, change.cursor}));
    if (InView(view, record)) {
      out.set_origin_network(record.origin_network());
      *out.mutable_mediator() = CopyFor(view, std::move(record), change.cursor);
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

Mediator PartnerFeed::CopyFor(const View& view, Mediator record, uint64_t version) const {
  if (!view.mirror) return PartnerCopy(std::move(record), version, view.partner);
  record.clear_etag();
  record.set_origin_version(version);
  return record;
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
    bytes += out->ByteSizeLong();
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
  v1::SnapshotChunk chunk;
  size_t chunk_bytes = 0;
  bool receiving = true;
  absl::Status decode_status;
  WPS_RETURN_IF_ERROR(store_.Scan(
      storage::Table::kMediators,
      view.mirror ? std::string(storage::kMirrorPrefix) : storage::ReplicaPrefix(options_.local_network), "",
      [&](absl::string_view key, const storage::VersionedValue& row) {
        absl::StatusOr<Mediator> record = storage::ParseRow<Mediator>(key, row);
        if (!record.ok()) {
          decode_status = record.status();
          return false;
        }
        if (!InView(view, *record)) return true;
        *chunk.add_mediators() = CopyFor(view, *std::move(record), row.version);
        chunk_bytes += chunk.mediators().rbegin()->ByteSizeLong();
        if (chunk.mediators_size() < options_.snapshot_chunk && chunk_bytes < options_.max_bytes) return true;
        receiving = send(chunk);
        chunk.Clear();
        chunk_bytes = 0;
        return receiving;
      }));
  WPS_RETURN_IF_ERROR(decode_status);
  if (!receiving) return absl::OkStatus();
  chunk.set_cursor(EncodeSyncCursor(store_.FeedId(), head));
  send(chunk);
  return absl::OkStatus();
}

}  // namespace wps::sync
