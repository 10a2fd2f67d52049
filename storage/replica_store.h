// Replicas of partner networks' mediator records, and how far each partner's feed has been applied.
//
// A replica is stored in the mediators table under its own name (networks/{peer}/mediators/{id}) with
// origin_network set to the peer and origin_version to its version there, so search and shortlists see
// it like any record. Each step of a puller — a page of changes or a chunk of a snapshot — is one
// transaction holding the replicas it writes or erases and the peer's new state (its cursor), so a crash
// at any point leaves the store at a step boundary: nothing applied twice, nothing lost.
//
// A peer may only write its own replicas: a change naming a record outside networks/{peer}/, or one
// held here that is not that peer's replica (a record without an origin_version, which this server
// holds for itself), is refused and counted, never applied.
//
// A mirror (PeerState.mirror: a matching replica following its network's roster node) holds records
// of every network as the node sends them, origin and network untouched; it still never writes over
// a record without an origin_version.
//
// Thread safety: safe for concurrent use; steps of one peer must come from one thread, in order.
#ifndef WPS_STORAGE_REPLICA_STORE_H_
#define WPS_STORAGE_REPLICA_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/store.h"
#include "wps/roster/v1/resources.pb.h"
#include "wps/sync/v1/peer_state.pb.h"

namespace wps::storage {

class ReplicaStore {
 public:
  using Mediator = ::wps::roster::v1::Mediator;
  using PeerState = ::wps::sync::v1::PeerState;

  // One change pulled from a peer.
  struct Change {
    std::string name;
    // The record's version at the peer.
    uint64_t version = 0;
    // The record for an upsert; nullopt for a delete.
    std::optional<Mediator> record;
  };

  explicit ReplicaStore(Store& store) : store_(store) {}

  // The stored state of `peer`. NOT_FOUND when nothing was ever applied from it.
  absl::StatusOr<PeerState> GetPeerState(absl::string_view peer) const;

  // Applies `changes` from the peer state.network() names, in order, and stores `state` with its
  // counters (records, changes_applied, changes_refused) brought up to date, all in one transaction.
  // An upsert is written only when its version is newer than the replica held; a delete erases the
  // replica (nothing when absent). Returns the state as stored; errors of the store as they are (then
  // nothing is written).
  absl::StatusOr<PeerState> Apply(absl::Span<const Change> changes, PeerState state);

  // Applies one chunk of the peer's snapshot: `records` (each with origin_version set) in name order,
  // all after `after` (the previous chunk's last name; empty for the first chunk). The snapshot is
  // authoritative: a record replaces the replica held unless that has the same version. Replicas of
  // the peer between `after` (excluded) and the last record (included) that are not among the records
  // accepted are erased; with `last_chunk`, so is every replica of the peer after the last record.
  // Stores `state` as Apply does, in the same transaction. Records not in name order after `after`
  // are refused.
  absl::StatusOr<PeerState> ApplySnapshotChunk(absl::string_view after, absl::Span<const Mediator> records,
                                               bool last_chunk, PeerState state);

 private:
  Store& store_;
};

// The name prefix of `peer`'s records: "networks/{peer}/mediators/".
std::string ReplicaPrefix(absl::string_view peer);

// A mirror's copy of `record`, shown as its roster node shows it: the etag is the node's version of it
// (origin_version), so a write forwarded to the node with that etag is checked against the right
// version.
void UseUpstreamEtag(ReplicaStore::Mediator& record);

// Every mediator record's name starts so.
inline constexpr absl::string_view kMirrorPrefix = "networks/";

// The names a step of `state`'s puller may write: ReplicaPrefix(state.network()), or kMirrorPrefix
// for a mirror.
std::string HeldPrefix(const ReplicaStore::PeerState& state);

}  // namespace wps::storage

#endif  // WPS_STORAGE_REPLICA_STORE_H_
