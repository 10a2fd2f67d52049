#include "storage/replica_store.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "storage/proto_rows.h"

namespace wps::storage {
namespace {

using Mediator = ReplicaStore::Mediator;
using PeerState = ReplicaStore::PeerState;

// What one step of a puller writes: replicas of one peer and its state.
class ReplicaStep {
 public:
  ReplicaStep(WriteTransaction& txn, PeerState& state)
      : txn_(txn), state_(state), prefix_(HeldPrefix(state)) {}

  // Writes `record` as the peer's replica at `version` unless the one held is as new — or, from an
  // `authoritative` snapshot, unless it is that very version (a peer whose store was recreated starts
  // its versions again from 1: its snapshot replaces whatever is held).
  absl::Status Upsert(absl::string_view name, uint64_t version, Mediator record, bool authoritative) {
    WPS_ASSIGN_OR_RETURN(std::optional<Mediator> held, Held(name));
    if (refused_) return absl::OkStatus();
    if (held && (authoritative ? held->origin_version() == version : held->origin_version() >= version)) {
      return absl::OkStatus();
    }
    record.set_name(std::string(name));
    if (!state_.mirror()) {
      record.set_network(state_.network());
      record.set_origin_network(state_.network());
    }
    record.set_origin_version(version);
    record.clear_etag();
    txn_.Put(Table::kMediators, name, record.SerializeAsString());
    if (!held) state_.set_records(state_.records() + 1);
    return absl::OkStatus();
  }

  // Erases the peer's replica `name`, if held.
  absl::Status Erase(absl::string_view name) { return EraseHeld(name, Held(name)); }

  // Erases `name` when it is the peer's replica, for a snapshot that no longer holds it. Anything
  // else held there is left as it is and not counted as refused: the peer did not send it.
  absl::Status EraseIfReplica(absl::string_view name) { return EraseHeld(name, Lookup(name)); }

  // True when the last Upsert or Erase was refused (not the peer's record to write).
  bool refused() const { return refused_; }

  absl::Status StoreState() {
    txn_.Put(Table::kPeerStates, state_.network(), state_.SerializeAsString());
    return absl::OkStatus();
  }

 private:
  // The replica held under `name`, or nullopt; sets refused_ and counts it when `name` is not the
  // peer's to write.
  absl::StatusOr<std::optional<Mediator>> Held(absl::string_view name) {
    WPS_ASSIGN_OR_RETURN(std::optional<Mediator> held, Lookup(name));
    if (refused_) state_.set_changes_refused(state_.changes_refused() + 1);
    return held;
  }

  // Erases `name` when `held` (its lookup) found the peer's replica there.
  absl::Status EraseHeld(absl::string_view name, const absl::StatusOr<std::optional<Mediator>>& held) {
    WPS_RETURN_IF_ERROR(held.status());
    if (refused_ || !*held) return absl::OkStatus();
    txn_.Erase(Table::kMediators, name);
    state_.set_records(state_.records() - 1);
    return absl::OkStatus();
  }

  // Held without counting a refusal.
  absl::StatusOr<std::optional<Mediator>> Lookup(absl::string_view name) {
    refused_ = !absl::StartsWith(name, prefix_) || name.size() == prefix_.size();
    if (refused_) return std::nullopt;
    absl::StatusOr<VersionedValue> row = txn_.Get(Table::kMediators, name);
    if (absl::IsNotFound(row.status())) return std::nullopt;
    WPS_RETURN_IF_ERROR(row.status());
    WPS_ASSIGN_OR_RETURN(Mediator held, ParseRow<Mediator>(name, *row));
    // A record this server holds for itself under the peer's name (as a server without --network
    // stores every network's records): never the peer's to change. Only replicas carry an
    // origin_version; a mirror's are of every origin.
    refused_ = held.origin_version() == 0 || (!state_.mirror() && held.origin_network() != state_.network());
    if (refused_) return std::nullopt;
    return held;
  }

  WriteTransaction& txn_;
  PeerState& state_;
  const std::string prefix_;
  bool refused_ = false;
};

// The names of the peer's replicas held after `after` up to `last` (included; no bound when empty).
absl::StatusOr<std::vector<std::string>> HeldNamesBetween(const Store& store, absl::string_view prefix,
                                                          absl::string_view after, absl::string_view last) {
  std::vector<std::string> names;
  WPS_RETURN_IF_ERROR(store.Scan(Table::kMediators, prefix, after,
                                 [&](absl::string_view key, const VersionedValue&) {
                                   if (!last.empty() && key > last) return false;
                                   names.emplace_back(key);
                                   return true;
                                 }));
  return names;
}

}  // namespace

std::string ReplicaPrefix(absl::string_view peer) { return absl::StrCat("networks/", peer, "/mediators/"); }

void UseUpstreamEtag(ReplicaStore::Mediator& record) { record.set_etag(std::to_string(record.origin_version())); }

std::string HeldPrefix(const ReplicaStore::PeerState& state) {
  return state.mirror() ? std::string(kMirrorPrefix) : ReplicaPrefix(state.network());
}

absl::StatusOr<PeerState> ReplicaStore::GetPeerState(absl::string_view peer) const {
  WPS_ASSIGN_OR_RETURN(VersionedValue row, store_.Get(Table::kPeerStates, peer));
  return ParseRow<PeerState>(peer, row);
}

absl::StatusOr<PeerState> ReplicaStore::Apply(absl::Span<const Change> changes, PeerState state) {
  PeerState written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    written = state;
    ReplicaStep step(txn, written);
    for (const Change& change : changes) {
      WPS_RETURN_IF_ERROR(change.record ? step.Upsert(change.name, change.version, *change.record, false)
                                        : step.Erase(change.name));
      if (!step.refused()) written.set_changes_applied(written.changes_applied() + 1);
    }
    return step.StoreState();
  }));
  return written;
}

absl::StatusOr<PeerState> ReplicaStore::ApplySnapshotChunk(absl::string_view after,
                                                           absl::Span<const Mediator> records,
                                                           bool last_chunk, PeerState state) {
  const std::string prefix = HeldPrefix(state);
  PeerState written;
  WPS_RETURN_IF_ERROR(store_.Write([&](WriteTransaction& txn) -> absl::Status {
    written = state;
    ReplicaStep step(txn, written);
    absl::flat_hash_set<absl::string_view> sent;
    std::string previous(after);
    for (const Mediator& record : records) {
      if (!previous.empty() && record.name() <= previous) {
        written.set_changes_refused(written.changes_refused() + 1);  // out of name order
        continue;
      }
      // The chunk covers names up to its last one, refused or not: the sweep goes that far.
      previous = record.name();
      WPS_RETURN_IF_ERROR(step.Upsert(record.name(), record.origin_version(), record, true));
      if (!step.refused()) sent.insert(record.name());
    }
    // Without any record in order and not the last chunk, nothing is known absent yet.
    if (previous == after && !last_chunk) return step.StoreState();
    WPS_ASSIGN_OR_RETURN(std::vector<std::string> held,
                         HeldNamesBetween(store_, prefix, after, last_chunk ? "" : previous));
    for (const std::string& name : held) {
      if (!sent.contains(name)) WPS_RETURN_IF_ERROR(step.EraseIfReplica(name));
    }
    return step.StoreState();
  }));
  return written;
}

}  // namespace wps::storage
