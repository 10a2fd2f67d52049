// ReplicaStore: applying a partner network's changes and snapshot chunks to its replicas, the
// refusal of anything that is not the partner's to write, and the peer state stored with each step.
#include "storage/replica_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "storage/mediator_store.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::storage {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Mediator = ReplicaStore::Mediator;
using PeerState = ReplicaStore::PeerState;

constexpr char kPeer[] = "femwise";

std::string PeerName(absl::string_view id, absl::string_view peer = kPeer) {
  return absl::StrCat(ReplicaPrefix(peer), id);
}

// A record as the peer sends it.
Mediator PeerRecord(absl::string_view id, uint64_t version, absl::string_view given = "Amina",
                    absl::string_view peer = kPeer) {
  Mediator m;
  m.set_name(PeerName(id, peer));
  m.set_network(std::string(peer));
  m.set_origin_network(std::string(peer));
  m.set_origin_version(version);
  m.set_given_name(std::string(given));
  m.set_family_name("Diallo");
  return m;
}

ReplicaStore::Change Upsert(absl::string_view id, uint64_t version,
                            absl::string_view given = "Amina") {
  return {PeerName(id), version, PeerRecord(id, version, given)};
}

ReplicaStore::Change UpsertNamed(absl::string_view name, uint64_t version) {
  Mediator record = PeerRecord("x", version);
  record.set_name(std::string(name));
  return {std::string(name), version, record};
}

ReplicaStore::Change Delete(absl::string_view name, uint64_t version) {
  return {std::string(name), version, std::nullopt};
}

PeerState StateOf(absl::string_view peer, absl::string_view cursor = "") {
  PeerState state;
  state.set_network(std::string(peer));
  state.set_cursor(std::string(cursor));
  return state;
}

class ReplicaStoreTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    mediators_ = std::make_unique<MediatorStore>(*store_);
    replicas_ = std::make_unique<ReplicaStore>(*store_);
  }

  void Reopen() {
    replicas_.reset();
    mediators_.reset();
    store_.reset();
    store_ = OpenOrDie();
    ASSERT_NE(store_, nullptr);
    mediators_ = std::make_unique<MediatorStore>(*store_);
    replicas_ = std::make_unique<ReplicaStore>(*store_);
  }

  // The names of every record under `peer`'s prefix, replica or not, in name order.
  std::vector<std::string> NamesUnder(absl::string_view peer) {
    std::vector<std::string> names;
    EXPECT_OK(
        mediators_->Scan(ReplicaPrefix(peer), "", /*include_deleted=*/true, [&](Mediator&& m) {
          names.push_back(m.name());
          return true;
        }));
    return names;
  }

  // Applies upserts of `ids` at `version` from kPeer and returns the state as stored.
  PeerState Hold(const std::vector<std::string>& ids, uint64_t version,
                 PeerState state = StateOf(kPeer)) {
    std::vector<ReplicaStore::Change> changes;
    for (const std::string& id : ids) changes.push_back(Upsert(id, version));
    absl::StatusOr<PeerState> stored = replicas_->Apply(changes, std::move(state));
    EXPECT_OK(stored.status());
    return stored.value_or(PeerState());
  }

  // A record this server is authoritative for, stored under the peer's name.
  Mediator CreateLocalUnderPeerName(absl::string_view id) {
    Mediator local;
    local.set_name(PeerName(id));
    local.set_network(kPeer);
    local.set_origin_network("local");
    local.set_given_name("Local");
    absl::StatusOr<Mediator> created = mediators_->Create(local);
    EXPECT_OK(created.status());
    return created.value_or(Mediator());
  }

  std::unique_ptr<MediatorStore> mediators_;
  std::unique_ptr<ReplicaStore> replicas_;
};

// ---- Apply

TEST_F(ReplicaStoreTest, ReplicaPrefixIsTheNetworksMediatorsPrefix) {
  EXPECT_EQ(ReplicaPrefix("femwise"), "networks/femwise/mediators/");
}

TEST_F(ReplicaStoreTest, ApplyWritesReplicasOfThePeer) {
  ASSERT_OK_AND_ASSIGN(
      PeerState state,
      replicas_->Apply({Upsert("a", 7, "Amina"), Upsert("b", 3, "Bineta")}, StateOf(kPeer, "c9")));
  EXPECT_EQ(state.network(), kPeer);
  EXPECT_EQ(state.cursor(), "c9");
  EXPECT_EQ(state.records(), 2);
  EXPECT_EQ(state.changes_applied(), 2);
  EXPECT_EQ(state.changes_refused(), 0);

  ASSERT_OK_AND_ASSIGN(Mediator a, mediators_->Get(PeerName("a")));
  EXPECT_EQ(a.name(), PeerName("a"));
  EXPECT_EQ(a.network(), kPeer);
  EXPECT_EQ(a.origin_network(), kPeer);
  EXPECT_EQ(a.origin_version(), 7u);
  EXPECT_EQ(a.given_name(), "Amina");
  EXPECT_FALSE(a.etag().empty());
  ASSERT_OK_AND_ASSIGN(Mediator b, mediators_->Get(PeerName("b")));
  EXPECT_EQ(b.origin_version(), 3u);
  EXPECT_EQ(b.given_name(), "Bineta");
}

// Whatever the peer puts in the record's own fields, the replica is written under the change's name
// as the peer's record.
TEST_F(ReplicaStoreTest, ApplySetsNameNetworkAndOriginFromThePeer) {
  Mediator spoofed = PeerRecord("other", 1);
  spoofed.set_network("nordic");
  spoofed.set_origin_network("nordic");
  spoofed.set_origin_version(99);
  spoofed.set_etag("123");
  ASSERT_OK(replicas_->Apply({{PeerName("a"), 5, spoofed}}, StateOf(kPeer)));
  ASSERT_OK_AND_ASSIGN(Mediator a, mediators_->Get(PeerName("a")));
  EXPECT_EQ(a.name(), PeerName("a"));
  EXPECT_EQ(a.network(), kPeer);
  EXPECT_EQ(a.origin_network(), kPeer);
  EXPECT_EQ(a.origin_version(), 5u);
  EXPECT_THAT(mediators_->Get(PeerName("other")), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ReplicaStoreTest, UpsertNotNewerThanTheReplicaHeldIsSkipped) {
  PeerState state = Hold({"a"}, 5);
  ASSERT_OK_AND_ASSIGN(Mediator before, mediators_->Get(PeerName("a")));

  ASSERT_OK_AND_ASSIGN(
      state, replicas_->Apply({Upsert("a", 5, "Same version"), Upsert("a", 3, "Older")}, state));
  EXPECT_EQ(state.records(), 1);
  ASSERT_OK_AND_ASSIGN(Mediator unchanged, mediators_->Get(PeerName("a")));
  EXPECT_TRUE(MessageDifferencer::Equals(unchanged, before)) << unchanged.DebugString();

  ASSERT_OK_AND_ASSIGN(state, replicas_->Apply({Upsert("a", 6, "Newer")}, state));
  EXPECT_EQ(state.records(), 1);
  ASSERT_OK_AND_ASSIGN(Mediator newer, mediators_->Get(PeerName("a")));
  EXPECT_EQ(newer.given_name(), "Newer");
  EXPECT_EQ(newer.origin_version(), 6u);
}

TEST_F(ReplicaStoreTest, DeleteErasesTheReplicaAndDeleteOfAbsentDoesNothing) {
  PeerState state = Hold({"a", "b"}, 1);
  ASSERT_EQ(state.records(), 2);
  ASSERT_OK_AND_ASSIGN(state, replicas_->Apply({Delete(PeerName("a"), 2)}, state));
  EXPECT_EQ(state.records(), 1);
  EXPECT_THAT(mediators_->Get(PeerName("a"), /*include_deleted=*/true),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(mediators_->Get(PeerName("b")).status());

  ASSERT_OK_AND_ASSIGN(
      state, replicas_->Apply({Delete(PeerName("a"), 3), Delete(PeerName("never"), 4)}, state));
  EXPECT_EQ(state.records(), 1);
  EXPECT_EQ(state.changes_refused(), 0);
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("b")));
}

TEST_F(ReplicaStoreTest, RecordsCountFollowsUpsertsAndDeletes) {
  ASSERT_OK_AND_ASSIGN(
      PeerState state,
      replicas_->Apply({Upsert("a", 1), Upsert("b", 1), Upsert("c", 1)}, StateOf(kPeer)));
  EXPECT_EQ(state.records(), 3);
  // An update of a held replica adds none; a delete and a re-creation in one step cancel out.
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->Apply({Upsert("a", 2), Delete(PeerName("b"), 3), Upsert("b", 4)}, state));
  EXPECT_EQ(state.records(), 3);
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->Apply({Delete(PeerName("a"), 5), Delete(PeerName("c"), 6)}, state));
  EXPECT_EQ(state.records(), 1);
  ASSERT_OK_AND_ASSIGN(state, replicas_->Apply({Upsert("d", 7), Delete(PeerName("d"), 8)}, state));
  EXPECT_EQ(state.records(), 1);
  EXPECT_EQ(state.changes_applied(), 3 + 3 + 2 + 2);
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("b")));
}

TEST_F(ReplicaStoreTest, ChangesOutsideThePeersMediatorsAreRefused) {
  ASSERT_OK_AND_ASSIGN(Mediator local,
                       mediators_->Create(PeerRecord("local", 0, "Local", "nordic")));
  ASSERT_OK_AND_ASSIGN(
      PeerState state,
      replicas_->Apply(
          {UpsertNamed(PeerName("x", "nordic"), 1),
           UpsertNamed("networks/femwise-2/mediators/x", 1),
           UpsertNamed("networks/femwise/processes/x", 1), UpsertNamed(ReplicaPrefix(kPeer), 1),
           UpsertNamed("femwise", 1), Delete(local.name(), 2), Upsert("ok", 3)},
          StateOf(kPeer)));
  EXPECT_EQ(state.changes_refused(), 6);
  EXPECT_EQ(state.changes_applied(), 1);
  EXPECT_EQ(state.records(), 1);
  EXPECT_THAT(NamesUnder("nordic"), ElementsAre(local.name()));
  EXPECT_THAT(NamesUnder("femwise-2"), IsEmpty());
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("ok")));
  EXPECT_THAT(store_->Get(Table::kMediators, "networks/femwise/processes/x"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->Get(Table::kMediators, "femwise"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(Mediator local_now, mediators_->Get(local.name()));
  EXPECT_EQ(local_now.etag(), local.etag());
}

TEST_F(ReplicaStoreTest, ChangesToALocalRecordUnderThePeersNameAreRefused) {
  const Mediator local = CreateLocalUnderPeerName("local");
  ASSERT_OK_AND_ASSIGN(PeerState state,
                       replicas_->Apply({Upsert("local", 100, "Taken over")}, StateOf(kPeer)));
  EXPECT_EQ(state.changes_refused(), 1);
  EXPECT_EQ(state.changes_applied(), 0);
  EXPECT_EQ(state.records(), 0);
  ASSERT_OK_AND_ASSIGN(state, replicas_->Apply({Delete(local.name(), 101)}, state));
  EXPECT_EQ(state.changes_refused(), 2);
  EXPECT_EQ(state.records(), 0);

  ASSERT_OK_AND_ASSIGN(Mediator now, mediators_->Get(local.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(now, local)) << now.DebugString();
}

TEST_F(ReplicaStoreTest, StateIsStoredWithTheChanges) {
  PeerState state = StateOf(kPeer, "cursor-1");
  state.set_snapshots(1);
  *state.mutable_last_change_time() = TimeUtil::SecondsToTimestamp(1'700'000'000);
  ASSERT_OK_AND_ASSIGN(PeerState stored, replicas_->Apply({Upsert("a", 1)}, state));
  Reopen();

  ASSERT_OK_AND_ASSIGN(PeerState read, replicas_->GetPeerState(kPeer));
  EXPECT_TRUE(MessageDifferencer::Equals(read, stored))
      << read.DebugString() << stored.DebugString();
  EXPECT_EQ(read.cursor(), "cursor-1");
  EXPECT_EQ(read.snapshots(), 1);
  EXPECT_EQ(read.records(), 1);
  EXPECT_OK(mediators_->Get(PeerName("a")).status());
}

TEST_F(ReplicaStoreTest, StateIsStoredEvenWithNoChanges) {
  ASSERT_OK(replicas_->Apply({}, StateOf(kPeer, "at-head")));
  ASSERT_OK_AND_ASSIGN(PeerState read, replicas_->GetPeerState(kPeer));
  EXPECT_EQ(read.cursor(), "at-head");
}

TEST_F(ReplicaStoreTest, StatesArePerPeer) {
  ASSERT_OK(replicas_->Apply({}, StateOf(kPeer, "f")));
  ASSERT_OK(replicas_->Apply({}, StateOf("arab", "a")));
  ASSERT_OK_AND_ASSIGN(PeerState femwise, replicas_->GetPeerState(kPeer));
  EXPECT_EQ(femwise.cursor(), "f");
  ASSERT_OK_AND_ASSIGN(PeerState arab, replicas_->GetPeerState("arab"));
  EXPECT_EQ(arab.cursor(), "a");
}

TEST_F(ReplicaStoreTest, GetPeerStateOfUnknownPeerReturnsNotFound) {
  EXPECT_THAT(replicas_->GetPeerState("unknown"), StatusIs(absl::StatusCode::kNotFound));
}

// A step that fails writes nothing: neither its replicas nor the state.
TEST_F(ReplicaStoreTest, FailedApplyWritesNothing) {
  Put(Table::kMediators, PeerName("corrupt"), std::string("\x0a\xff", 2));
  EXPECT_THAT(replicas_->Apply({Upsert("a", 1), Upsert("corrupt", 2)}, StateOf(kPeer, "c1")),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(replicas_->GetPeerState(kPeer), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->Get(PeerName("a")), StatusIs(absl::StatusCode::kNotFound));
}

// ---- ApplySnapshotChunk

TEST_F(ReplicaStoreTest, ChunkErasesReplicasMissingFromItsNameRange) {
  PeerState state = Hold({"a", "b", "c", "d", "e"}, 1);
  ASSERT_OK_AND_ASSIGN(state,
                       replicas_->ApplySnapshotChunk("", {PeerRecord("a", 2), PeerRecord("c", 2)},
                                                     /*last_chunk=*/false, state));
  EXPECT_THAT(NamesUnder(kPeer),
              ElementsAre(PeerName("a"), PeerName("c"), PeerName("d"), PeerName("e")));
  EXPECT_EQ(state.records(), 4);
  ASSERT_OK_AND_ASSIGN(Mediator a, mediators_->Get(PeerName("a")));
  EXPECT_EQ(a.origin_version(), 2u);
}

TEST_F(ReplicaStoreTest, ReplicasAfterTheLastRecordAreErasedOnlyByTheLastChunk) {
  PeerState state = Hold({"a", "b", "c", "d"}, 1);
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk("", {PeerRecord("a", 1)}, /*last_chunk=*/false, state));
  EXPECT_THAT(NamesUnder(kPeer),
              ElementsAre(PeerName("a"), PeerName("b"), PeerName("c"), PeerName("d")));
  EXPECT_EQ(state.records(), 4);

  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk(PeerName("a"), {PeerRecord("b", 1)},
                                                            /*last_chunk=*/true, state));
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("a"), PeerName("b")));
  EXPECT_EQ(state.records(), 2);
}

TEST_F(ReplicaStoreTest, EmptyNonLastChunkErasesNothing) {
  PeerState state = Hold({"a", "b"}, 1);
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(PeerName("a"), {}, /*last_chunk=*/false, state));
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("a"), PeerName("b")));
  EXPECT_EQ(state.records(), 2);
}

TEST_F(ReplicaStoreTest, EmptyLastChunkErasesEveryReplicaAfterIt) {
  PeerState state = Hold({"a", "b", "c"}, 1);
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(PeerName("a"), {}, /*last_chunk=*/true, state));
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("a")));
  EXPECT_EQ(state.records(), 1);
  // An empty snapshot: the peer shares nothing any more.
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk("", {}, /*last_chunk=*/true, state));
  EXPECT_THAT(NamesUnder(kPeer), IsEmpty());
  EXPECT_EQ(state.records(), 0);
}

TEST_F(ReplicaStoreTest, ChunkRecordsOutOfNameOrderAreRefused) {
  ASSERT_OK_AND_ASSIGN(
      PeerState state,
      replicas_->ApplySnapshotChunk(
          "", {PeerRecord("b", 1), PeerRecord("a", 1), PeerRecord("b", 2), PeerRecord("c", 1)},
          /*last_chunk=*/false, StateOf(kPeer)));
  EXPECT_EQ(state.changes_refused(), 2);
  EXPECT_EQ(state.records(), 2);
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("b"), PeerName("c")));
  ASSERT_OK_AND_ASSIGN(Mediator b, mediators_->Get(PeerName("b")));
  EXPECT_EQ(b.origin_version(), 1u);

  // A record at or before the previous chunk's last name is out of order too.
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(PeerName("c"), {PeerRecord("a", 5), PeerRecord("c", 5)},
                                           /*last_chunk=*/false, state));
  EXPECT_EQ(state.changes_refused(), 4);
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("b"), PeerName("c")));
  ASSERT_OK_AND_ASSIGN(Mediator c, mediators_->Get(PeerName("c")));
  EXPECT_EQ(c.origin_version(), 1u);
}

TEST_F(ReplicaStoreTest, ChunkRefusesRecordsOfOtherNetworks) {
  ASSERT_OK_AND_ASSIGN(Mediator local, mediators_->Create(PeerRecord("x", 0, "Local", "nordic")));
  ASSERT_OK_AND_ASSIGN(
      PeerState state,
      replicas_->ApplySnapshotChunk("", {PeerRecord("a", 1), PeerRecord("x", 9, "Taken", "nordic")},
                                    /*last_chunk=*/true, StateOf(kPeer)));
  EXPECT_EQ(state.changes_refused(), 1);
  EXPECT_EQ(state.records(), 1);
  ASSERT_OK_AND_ASSIGN(Mediator local_now, mediators_->Get(local.name()));
  EXPECT_EQ(local_now.etag(), local.etag());
}

// A snapshot neither takes over nor erases a record this server holds for itself under the peer's
// name, and counts a refusal only for what the peer sent.
TEST_F(ReplicaStoreTest, SnapshotLeavesLocalRecordsUnderThePeersName) {
  const Mediator sent = CreateLocalUnderPeerName("b-sent");
  const Mediator unsent = CreateLocalUnderPeerName("d-unsent");
  PeerState state = Hold({"a", "c", "e"}, 1);
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk("", {PeerRecord("a", 2), PeerRecord("b-sent", 2)},
                                           /*last_chunk=*/false, state));
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(PeerName("a"), {}, /*last_chunk=*/true, state));
  EXPECT_EQ(state.changes_refused(), 1);
  EXPECT_EQ(state.records(), 1);
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("a"), sent.name(), unsent.name()));
  ASSERT_OK_AND_ASSIGN(Mediator sent_now, mediators_->Get(sent.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(sent_now, sent)) << sent_now.DebugString();
  ASSERT_OK_AND_ASSIGN(Mediator unsent_now, mediators_->Get(unsent.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(unsent_now, unsent)) << unsent_now.DebugString();
}

TEST_F(ReplicaStoreTest, SnapshotInSeveralChunksLeavesExactlyItsRecords) {
  PeerState state = Hold({"a", "c", "f", "z"}, 1);
  ASSERT_OK(replicas_->Apply({{PeerName("x", "arab"), 1, PeerRecord("x", 1, "Other peer", "arab")}},
                             StateOf("arab")));
  ASSERT_EQ(state.records(), 4);

  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(
                 "", {PeerRecord("b", 1), PeerRecord("c", 2, "Newer"), PeerRecord("d", 1)},
                 /*last_chunk=*/false, state));
  ASSERT_OK_AND_ASSIGN(
      state, replicas_->ApplySnapshotChunk(PeerName("d"), {PeerRecord("e", 1), PeerRecord("g", 1)},
                                           /*last_chunk=*/false, state));
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk(PeerName("g"), {PeerRecord("h", 1)},
                                                            /*last_chunk=*/true, state));

  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("b"), PeerName("c"), PeerName("d"),
                                             PeerName("e"), PeerName("g"), PeerName("h")));
  EXPECT_EQ(state.records(), 6);
  EXPECT_EQ(state.changes_refused(), 0);
  ASSERT_OK_AND_ASSIGN(Mediator c, mediators_->Get(PeerName("c")));
  EXPECT_EQ(c.given_name(), "Newer");
  EXPECT_EQ(c.origin_version(), 2u);
  for (absl::string_view id : {"b", "d", "e", "g", "h"}) {
    ASSERT_OK_AND_ASSIGN(Mediator replica, mediators_->Get(PeerName(id)));
    EXPECT_EQ(replica.origin_network(), kPeer) << id;
    EXPECT_EQ(replica.origin_version(), 1u) << id;
  }
  // Another peer's replicas are not the snapshot's to erase.
  EXPECT_THAT(NamesUnder("arab"), ElementsAre(PeerName("x", "arab")));

  Reopen();
  ASSERT_OK_AND_ASSIGN(PeerState read, replicas_->GetPeerState(kPeer));
  EXPECT_EQ(read.records(), 6);
}

TEST_F(ReplicaStoreTest, LocalRecordOfThePeersOriginWithoutAnOriginVersionIsRefused) {
  // A server without --network stores every network's records with their own network as origin.
  Mediator local;
  local.set_name(PeerName("hosted"));
  local.set_network(kPeer);
  local.set_origin_network(kPeer);
  local.set_given_name("Hosted here");
  ASSERT_OK(mediators_->Create(local).status());
  ASSERT_OK_AND_ASSIGN(PeerState state, replicas_->Apply({Upsert("hosted", 100, "Taken over")}, StateOf(kPeer)));
  EXPECT_EQ(state.changes_refused(), 1);
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk("", {}, /*last_chunk=*/true, state));
  ASSERT_OK_AND_ASSIGN(Mediator now, mediators_->Get(local.name()));
  EXPECT_EQ(now.given_name(), "Hosted here");
}

TEST_F(ReplicaStoreTest, SnapshotReplacesReplicasWhateverTheirVersion) {
  // The peer's store was recreated: its versions start again, lower than those held.
  PeerState state = Hold({"a", "b"}, 50);
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk("", {PeerRecord("a", 3), PeerRecord("b", 50)},
                                                            /*last_chunk=*/true, state));
  ASSERT_OK_AND_ASSIGN(Mediator a, mediators_->Get(PeerName("a")));
  EXPECT_EQ(a.origin_version(), 3u);
  EXPECT_EQ(state.records(), 2);
}

TEST_F(ReplicaStoreTest, SweepReachesARefusedLastRecordOfAChunk) {
  PeerState state = Hold({"a", "b", "c"}, 1);
  // The chunk's last record is out of order (refused); "b" before it is still swept.
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk("", {PeerRecord("a", 2), PeerRecord("c", 2)},
                                                            /*last_chunk=*/false, state));
  EXPECT_THAT(NamesUnder(kPeer), ElementsAre(PeerName("a"), PeerName("c")));
}

// ---- Mirror (a matching replica's copy of its roster node)

PeerState MirrorState() {
  PeerState state = StateOf("upstream");
  state.set_mirror(true);
  return state;
}

TEST_F(ReplicaStoreTest, MirrorKeepsRecordsOfEveryNetworkAsSent) {
  Mediator own = PeerRecord("n1", 5, "Sigrid", "nordic");  // the node's own record
  Mediator partners = PeerRecord("f1", 6, "Amina", kPeer);  // the node's replica of a partner's
  partners.set_origin_network(kPeer);
  ASSERT_OK_AND_ASSIGN(PeerState state,
                       replicas_->Apply({{own.name(), 5, own}, {partners.name(), 6, partners}}, MirrorState()));
  EXPECT_EQ(state.records(), 2);
  EXPECT_EQ(state.changes_refused(), 0);
  ASSERT_OK_AND_ASSIGN(Mediator held, mediators_->Get(own.name()));
  EXPECT_EQ(held.origin_network(), "nordic");
  EXPECT_EQ(held.network(), "nordic");
  EXPECT_EQ(held.origin_version(), 5u);
  ASSERT_OK_AND_ASSIGN(held, mediators_->Get(partners.name()));
  EXPECT_EQ(held.origin_network(), kPeer);
  ASSERT_OK_AND_ASSIGN(state, replicas_->Apply({Delete(own.name(), 7)}, state));
  EXPECT_THAT(mediators_->Get(own.name()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(state.records(), 1);
}

TEST_F(ReplicaStoreTest, MirrorNeverWritesOverARecordWithoutAnOriginVersion) {
  const Mediator local = CreateLocalUnderPeerName("local");
  ASSERT_OK_AND_ASSIGN(PeerState state,
                       replicas_->Apply({Upsert("local", 100, "Taken over"), Delete(local.name(), 101)}, MirrorState()));
  EXPECT_EQ(state.changes_refused(), 2);
  ASSERT_OK_AND_ASSIGN(Mediator now, mediators_->Get(local.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(now, local)) << now.DebugString();
}

TEST_F(ReplicaStoreTest, MirrorSnapshotSweepsAcrossNetworks) {
  Mediator a = PeerRecord("a", 1, "A", "arab");
  Mediator n = PeerRecord("n", 1, "N", "nordic");
  ASSERT_OK_AND_ASSIGN(PeerState state, replicas_->Apply({{a.name(), 1, a}, {n.name(), 1, n}}, MirrorState()));
  Mediator f = PeerRecord("f", 2, "F", kPeer);
  ASSERT_OK_AND_ASSIGN(state, replicas_->ApplySnapshotChunk("", {f}, /*last_chunk=*/true, state));
  EXPECT_THAT(mediators_->Get(a.name()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->Get(n.name()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(mediators_->Get(f.name()).status());
  EXPECT_EQ(state.records(), 1);
}

}  // namespace
}  // namespace wps::storage
