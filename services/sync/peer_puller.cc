#include "services/sync/peer_puller.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "services/common/error_info.h"
#include "services/common/grpc_status.h"
#include "services/common/resource_names.h"
#include "services/sync/partner_view.h"
#include "services/sync/sync_cursor.h"
#include "storage/proto_rows.h"

namespace wps::sync {
namespace {

using PeerState = storage::ReplicaStore::PeerState;

// How often a cursor moved only by progress markers is saved.
constexpr absl::Duration kProgressSaveInterval = absl::Minutes(1);

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  if (common::ErrorReasonOfDetails(status.error_details()) == std::string(kResyncRequired)) {
    return ResyncRequired(status.error_message());
  }
  return common::FromGrpcStatus(status, what);
}

grpc::ChannelArguments ChannelArgumentsFor(const PeerPullerOptions& options) {
  grpc::ChannelArguments arguments;
  // A partner that stops answering (a machine gone, a network cut) is noticed by the missing ping
  // replies instead of a stream that waits forever.
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10'000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5'000);
  arguments.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  arguments.SetMaxReceiveMessageSize(64 << 20);
  // Reconnect attempts follow our own backoff, not gRPC's (up to 2 minutes by default).
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, static_cast<int>(absl::ToInt64Milliseconds(options.max_backoff)));
  if (options.verify_peer_network) {
    arguments.SetSslTargetNameOverride(options.mirror ? options.local_network : options.network);
  }
  return arguments;
}

// The record as this server stores it: a partner's sanitized as if this server had sent it; a
// mirror's as it is.
roster::v1::Mediator StoredCopy(roster::v1::Mediator record, uint64_t version, const PeerPullerOptions& options) {
  if (!options.mirror) return PartnerCopy(std::move(record), version, options.local_network);
  record.set_origin_version(version);
  return record;
}

storage::ReplicaStore::Change ReplicaChangeOf(const v1::Change& change, const PeerPullerOptions& options) {
  storage::ReplicaStore::Change out{change.name(), change.version(), std::nullopt};
  if (change.kind() == v1::Change::UPSERT) out.record = StoredCopy(change.mediator(), change.version(), options);
  return out;
}

// True when `name` is a well-formed record name the puller may receive: of the partner's network
// (networks/{network}/mediators/{id}), or of any network from a mirror.
bool MayReceive(absl::string_view name, const PeerPullerOptions& options) {
  absl::StatusOr<names::MediatorNameParts> parts = names::ParseMediatorName(name, "name");
  return parts.ok() && (options.mirror || parts->network_id == options.network);
}

}  // namespace

std::unique_ptr<PeerPuller> PeerPuller::Start(storage::Store& store, PeerPullerOptions options) {
  std::unique_ptr<PeerPuller> puller(new PeerPuller(store, std::move(options)));
  puller->thread_ = std::thread([p = puller.get()] { p->Run(); });
  return puller;
}

PeerPuller::PeerPuller(storage::Store& store, PeerPullerOptions options)
    : replicas_(store), options_(std::move(options)) {
  stub_ = v1::SyncService::NewStub(
      grpc::CreateCustomChannel(options_.address, options_.credentials, ChannelArgumentsFor(options_)));
  status_.set_network(options_.network);
  status_.set_address(options_.address);
  // What earlier runs applied, until this one has news (a status read before its first round).
  if (absl::StatusOr<PeerState> stored = replicas_.GetPeerState(options_.network); stored.ok()) {
    status_.set_cursor(stored->cursor());
    status_.set_records(stored->records());
    status_.set_snapshots(stored->snapshots());
    status_.set_changes_applied(stored->changes_applied());
  }
}

PeerPuller::~PeerPuller() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (active_call_ != nullptr) active_call_->TryCancel();
  }
  thread_.join();
}

void PeerPuller::Run() {
  absl::Duration backoff = options_.min_backoff;
  while (true) {
    const int64_t heard_before = heard_count();
    const int64_t snapshots_before = Status().snapshots();
    const absl::Status status = SyncOnce();
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    Failed(status);
    // The state now asks for a snapshot: at once, unless this round took one already (a feed kept
    // for less time than a snapshot takes would otherwise loop without pause).
    if (IsResyncRequired(status) && Status().snapshots() == snapshots_before) continue;
    // A connection that answered resets the backoff, however it ended.
    backoff = heard_count() > heard_before ? options_.min_backoff : std::min(backoff * 2, options_.max_backoff);
    if (!Sleep(backoff)) return;
  }
}

absl::Status PeerPuller::SyncOnce() {
  absl::StatusOr<PeerState> stored = replicas_.GetPeerState(options_.network);
  if (!stored.ok() && !absl::IsNotFound(stored.status())) return stored.status();
  PeerState state;
  if (stored.ok()) state = *std::move(stored);
  state.set_network(options_.network);
  state.set_mirror(options_.mirror);
  {
    absl::MutexLock lock(&mu_);
    status_.set_cursor(state.cursor());
    status_.set_records(state.records());
  }
  if (state.cursor().empty() || state.resyncing()) WPS_RETURN_IF_ERROR(TakeSnapshot(state));
  absl::Status caught_up = CatchUp(state);
  if (IsResyncRequired(caught_up)) {
    // The partner no longer holds the history after our cursor: snapshot on the next round, at once.
    state.set_resyncing(true);
    WPS_RETURN_IF_ERROR(replicas_.Apply({}, state).status());
  }
  WPS_RETURN_IF_ERROR(caught_up);
  return Follow(state);
}

absl::Status PeerPuller::TakeSnapshot(PeerState& state) {
  {
    absl::MutexLock lock(&mu_);
    status_.set_resyncing(true);
  }
  state.set_resyncing(true);
  WPS_ASSIGN_OR_RETURN(state, replicas_.Apply({}, state));
  std::unique_ptr<grpc::ClientContext> context = NewCall();
  if (!context) return absl::CancelledError("stopping");
  std::unique_ptr<grpc::ClientReader<v1::SnapshotChunk>> reader = stub_->Snapshot(context.get(), v1::SnapshotRequest());
  v1::SnapshotChunk chunk;
  std::string after;
  bool complete = false;
  absl::Status applied;
  while (applied.ok() && !complete && reader->Read(&chunk)) {
    Heard();
    complete = !chunk.cursor().empty();
    applied = ApplySnapshotChunk(chunk, after, state);
  }
  if (!complete) context->TryCancel();
  const grpc::Status finished = reader->Finish();
  EndCall();
  WPS_RETURN_IF_ERROR(applied);
  WPS_RETURN_IF_ERROR(FromGrpc(finished, "snapshot"));
  if (!complete) return absl::UnavailableError("snapshot: the stream ended before its cursor");
  absl::MutexLock lock(&mu_);
  status_.set_snapshots(state.snapshots());
  status_.set_resyncing(false);
  return absl::OkStatus();
}

absl::Status PeerPuller::ApplySnapshotChunk(v1::SnapshotChunk& chunk, std::string& after, PeerState& state) {
  const bool complete = !chunk.cursor().empty();
  std::vector<roster::v1::Mediator> records;
  records.reserve(static_cast<size_t>(chunk.mediators_size()));
  const std::string chunk_after = after;
  for (roster::v1::Mediator& record : *chunk.mutable_mediators()) {
    // The store sweeps up to the chunk's furthest name; the next chunk starts after it.
    if (record.name() > after) after = record.name();
    const uint64_t version = record.origin_version();
    records.push_back(StoredCopy(std::move(record), version, options_));
  }
  if (complete) {
    state.set_cursor(chunk.cursor());
    state.set_resyncing(false);
    state.set_snapshots(state.snapshots() + 1);
  }
  WPS_ASSIGN_OR_RETURN(state, replicas_.ApplySnapshotChunk(chunk_after, records, complete, state));
  absl::MutexLock lock(&mu_);
  status_.set_records(state.records());
  return absl::OkStatus();
}

absl::Status PeerPuller::CatchUp(PeerState& state) {
  while (true) {
    std::unique_ptr<grpc::ClientContext> context = NewCall();
    if (!context) return absl::CancelledError("stopping");
    v1::PullRequest request;
    request.set_cursor(state.cursor());
    request.set_max_changes(options_.pull_batch);
    v1::PullResponse response;
    const grpc::Status pulled = stub_->Pull(context.get(), request, &response);
    EndCall();
    WPS_RETURN_IF_ERROR(FromGrpc(pulled, "pull"));
    Heard();
    WPS_RETURN_IF_ERROR(ApplyChanges(response.changes(), response.next_cursor(), state));
    if (!response.has_more()) return absl::OkStatus();
  }
}

absl::Status PeerPuller::Follow(PeerState& state) {
  std::unique_ptr<grpc::ClientContext> context = NewCall();
  if (!context) return absl::CancelledError("stopping");
  v1::WatchRequest request;
  request.set_cursor(state.cursor());
  std::unique_ptr<grpc::ClientReader<v1::Change>> reader = stub_->Watch(context.get(), request);
  v1::Change change;
  absl::Status applied;
  google::protobuf::RepeatedPtrField<v1::Change> one;
  while (applied.ok() && reader->Read(&change)) {
    Heard();
    one.Clear();
    if (change.kind() != v1::Change::PROGRESS) *one.Add() = change;
    applied = ApplyChanges(one, change.cursor(), state);
  }
  context->TryCancel();
  const grpc::Status finished = reader->Finish();
  EndCall();
  WPS_RETURN_IF_ERROR(applied);
  WPS_RETURN_IF_ERROR(FromGrpc(finished, "watch"));
  return absl::UnavailableError("watch: the partner ended the stream");
}

absl::Status PeerPuller::ApplyChanges(const google::protobuf::RepeatedPtrField<v1::Change>& changes,
                                      const std::string& cursor, PeerState& state) {
  if (changes.empty() && cursor == state.cursor()) return absl::OkStatus();
  if (changes.empty() && absl::Now() - cursor_saved_at_ < kProgressSaveInterval) {
    // Progress only: kept in memory (and saved with the next change). Saving each marker would write
    // every few seconds forever — and each write moves this server's feed, which its partners' own
    // pullers then save in turn.
    state.set_cursor(cursor);
    absl::MutexLock lock(&mu_);
    status_.set_cursor(cursor);
    return absl::OkStatus();
  }
  std::vector<storage::ReplicaStore::Change> replica_changes;
  replica_changes.reserve(static_cast<size_t>(changes.size()));
  for (const v1::Change& change : changes) {
    if (MayReceive(change.name(), options_)) {
      replica_changes.push_back(ReplicaChangeOf(change, options_));
    } else {
      LogWarning(absl::StrCat("sync from ", options_.network, ": ignored a change of ", change.name(),
                              ", not a record of that network"));
    }
  }
  state.set_cursor(cursor);
  if (!changes.empty()) *state.mutable_last_change_time() = changes.rbegin()->time();
  WPS_ASSIGN_OR_RETURN(state, replicas_.Apply(replica_changes, state));
  cursor_saved_at_ = absl::Now();
  absl::MutexLock lock(&mu_);
  status_.set_cursor(state.cursor());
  status_.set_records(state.records());
  status_.set_changes_applied(state.changes_applied());
  if (!changes.empty()) {
    const absl::Time committed = storage::FromTimestamp(changes.rbegin()->time());
    status_.set_lag_seconds(absl::ToDoubleSeconds(absl::Now() - committed));
  }
  return absl::OkStatus();
}

std::unique_ptr<grpc::ClientContext> PeerPuller::NewCall() {
  auto context = std::make_unique<grpc::ClientContext>();
  absl::MutexLock lock(&mu_);
  if (stopping_) return nullptr;
  active_call_ = context.get();
  return context;
}

void PeerPuller::EndCall() {
  absl::MutexLock lock(&mu_);
  active_call_ = nullptr;
}

int64_t PeerPuller::heard_count() const {
  absl::MutexLock lock(&mu_);
  return heard_count_;
}

void PeerPuller::Heard() {
  absl::MutexLock lock(&mu_);
  ++heard_count_;
  status_.set_connected(true);
  status_.clear_last_error();
  status_.clear_last_error_time();
  *status_.mutable_last_contact_time() = storage::ToTimestamp(absl::Now());
}

void PeerPuller::Failed(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  status_.set_connected(false);
  status_.set_resyncing(IsResyncRequired(status));
  status_.set_last_error(std::string(status.message()));
  *status_.mutable_last_error_time() = storage::ToTimestamp(absl::Now());
  LogInfo(absl::StrCat("sync from ", options_.network, " (", options_.address, "): ", status.ToString()));
}

bool PeerPuller::Sleep(absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), delay);
  return !stopping_;
}

v1::PeerStatus PeerPuller::Status() const {
  absl::MutexLock lock(&mu_);
  return status_;
}

}  // namespace wps::sync
