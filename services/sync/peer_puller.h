// The puller: keeps this server's replicas of one partner network's records current over gRPC.
//
// It takes a Snapshot when it has no cursor (or the partner answers RESYNC_REQUIRED), Pulls to catch up,
// then Watches for live changes. Every step — a page, a live change, a snapshot chunk — is applied with
// the partner's new cursor in one transaction (storage/replica_store.h), so a crash at any point neither
// loses nor repeats a change; an interrupted snapshot is taken again from its start. A cursor moved only
// by progress markers is saved at most once a minute (a restart then reads those markers again). On
// any failure it reconnects with exponential backoff (min_backoff doubling to max_backoff, reset by a
// connection that answered). The channel sends keepalive pings, so a partner that stops answering is
// noticed within seconds.
//
// Thread safety: Status() may be called from any thread; the puller runs on its own thread until
// destroyed.
#ifndef WPS_SERVICES_SYNC_PEER_PULLER_H_
#define WPS_SERVICES_SYNC_PEER_PULLER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "storage/replica_store.h"
#include "storage/store.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::sync {

struct PeerPullerOptions {
  // This server's network (what a received record is trimmed to, as its origin should have).
  std::string local_network;
  // The partner's network id and host:port.
  std::string network;
  std::string address;
  // How to dial it (TLS with this server's certificate, in a federation).
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  // Verify that the partner's certificate names its network (not just any certificate of the CA).
  bool verify_peer_network = true;
  absl::Duration min_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(10);
  // Changes per Pull while catching up.
  int pull_batch = 2000;
  // A mirror of this network's own roster node (a matching replica's upstream) instead of a partner:
  // records of every network are kept as received (PeerState.mirror), and the node's certificate must
  // name local_network. `network` is then only the label its state is kept under.
  bool mirror = false;
};

class PeerPuller {
 public:
  // Starts pulling on a thread of its own.
  static std::unique_ptr<PeerPuller> Start(storage::Store& store, PeerPullerOptions options);

  // Stops: cancels the call in flight and waits for the thread. What was applied stays applied.
  ~PeerPuller();

  // Where it stands: connected, cursor, replicas held, lag, last error (API's PeerStatus).
  v1::PeerStatus Status() const;

 private:
  PeerPuller(storage::Store& store, PeerPullerOptions options);

  void Run();
  // One connection's work: a snapshot when needed, catching up, then watching until an error.
  absl::Status SyncOnce();
  absl::Status TakeSnapshot(storage::ReplicaStore::PeerState& state);
  // Applies one chunk (consumed) of a snapshot whose previous chunks ended at `after`, which it
  // moves to this chunk's end.
  absl::Status ApplySnapshotChunk(v1::SnapshotChunk& chunk, std::string& after,
                                  storage::ReplicaStore::PeerState& state);
  absl::Status CatchUp(storage::ReplicaStore::PeerState& state);
  absl::Status Follow(storage::ReplicaStore::PeerState& state);
  // Applies the partner's changes with `cursor` as the new cursor.
  absl::Status ApplyChanges(const google::protobuf::RepeatedPtrField<v1::Change>& changes,
                            const std::string& cursor, storage::ReplicaStore::PeerState& state);
  // A client context for the next call, registered so that the destructor can cancel it. Null once
  // stopping.
  std::unique_ptr<grpc::ClientContext> NewCall();
  void EndCall();
  void Heard();
  // How many times Heard() was called: a connection that answered.
  int64_t heard_count() const;
  void Failed(const absl::Status& status);
  // Waits `delay` or until stopping; returns false when stopping.
  bool Sleep(absl::Duration delay);

  storage::ReplicaStore replicas_;
  const PeerPullerOptions options_;
  std::unique_ptr<v1::SyncService::Stub> stub_;

  mutable absl::Mutex mu_;
  bool stopping_ = false;                    // guarded by mu_
  grpc::ClientContext* active_call_ = nullptr;  // guarded by mu_
  v1::PeerStatus status_;                    // guarded by mu_: the in-memory fields of Status()
  int64_t heard_count_ = 0;                  // guarded by mu_
  absl::Time cursor_saved_at_ = absl::InfinitePast();  // the puller thread's own
  std::thread thread_;
};

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_PEER_PULLER_H_
