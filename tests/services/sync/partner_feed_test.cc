// PartnerFeed over a real store: what a partner network pulls, snapshots and watches — its consented
// records only, as a partner may see them, deletes for records that leave its view, and
// RESYNC_REQUIRED for cursors the feed cannot serve.
#include "services/sync/partner_feed.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/sync/sync_cursor.h"
#include "storage/mediator_store.h"
#include "storage/replica_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::sync {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::roster::v1::Mediator;
using ::wps::testing::StatusIs;

constexpr char kLocal[] = "nordic";
constexpr char kPartner[] = "femwise-africa";

std::string Name(const std::string& id) { return absl::StrCat("networks/nordic/mediators/", id); }

class PartnerFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open(storage::StoreOptions{dir_.Join("db")}));
    PartnerFeedOptions options{kLocal};
    options.progress_interval = absl::Milliseconds(20);
    options.snapshot_chunk = 2;
    feed_ = std::make_unique<PartnerFeed>(*store_, options);
  }

  // A record of this server's network with the given consent and contact details.
  Mediator Record(const std::string& id, bool share_all, std::vector<std::string> share_with = {},
                  bool contact_release = false) {
    Mediator record;
    record.set_name(Name(id));
    record.set_network(kLocal);
    record.set_origin_network(kLocal);
    record.set_given_name(id);
    record.mutable_contact()->set_email(id + "@example.org");
    record.mutable_consent()->set_share_all(share_all);
    for (std::string& network : share_with) record.mutable_consent()->add_share_with(std::move(network));
    record.mutable_consent()->set_contact_release(contact_release);
    return record;
  }

  void Create(const Mediator& record) { ASSERT_OK(storage::MediatorStore(*store_).Create(record).status()); }
  void SetConsent(const std::string& id, bool share_all, std::vector<std::string> share_with = {}) {
    ASSERT_OK(storage::MediatorStore(*store_)
                  .Update(Name(id), "",
                          [&](Mediator& record) {
                            record.mutable_consent()->set_share_all(share_all);
                            record.mutable_consent()->clear_share_with();
                            for (const std::string& n : share_with) record.mutable_consent()->add_share_with(n);
                            return absl::OkStatus();
                          })
                  .status());
  }

  absl::StatusOr<v1::PullResponse> Pull(const std::string& cursor, int max_changes = 0) {
    v1::PullRequest request;
    request.set_cursor(cursor);
    request.set_max_changes(max_changes);
    return feed_->Pull(partner_, request);
  }

  // "UPSERT name" / "DELETE name" for each change.
  static std::vector<std::string> Summary(const v1::PullResponse& response) {
    std::vector<std::string> out;
    for (const v1::Change& change : response.changes()) {
      out.push_back(absl::StrCat(v1::Change::Kind_Name(change.kind()), " ", change.name()));
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<PartnerFeed> feed_;
  const common::Caller partner_{kPartner, common::Role::kPartner, kPartner, "ipv4:127.0.0.1:1"};
  const common::Caller admin_{"ops", common::Role::kAdmin, "", "ipv4:127.0.0.1:1"};
};

TEST_F(PartnerFeedTest, PullSendsOnlyRecordsSharedWithThePartner) {
  Create(Record("all", true));
  Create(Record("to-partner", false, {"mwmn", kPartner, "wmc"}));
  Create(Record("to-other", false, {"mwmn"}));
  Create(Record("private", false));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse response, Pull(""));
  EXPECT_THAT(Summary(response), ElementsAre("UPSERT " + Name("all"), "UPSERT " + Name("to-partner")));
  EXPECT_FALSE(response.has_more());
  EXPECT_EQ(response.changes(0).origin_network(), kLocal);
  EXPECT_EQ(response.changes(0).version(), response.changes(0).mediator().origin_version());
  // Of share_with, the partner sees only itself.
  EXPECT_THAT(response.changes(1).mediator().consent().share_with(), ElementsAre(kPartner));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse later, Pull(response.next_cursor()));
  EXPECT_THAT(later.changes(), IsEmpty());
}

TEST_F(PartnerFeedTest, ContactDetailsTravelOnlyWhereReleased) {
  Create(Record("released", true, {}, /*contact_release=*/true));
  Create(Record("kept", true));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse response, Pull(""));
  ASSERT_EQ(response.changes_size(), 2);  // in feed order
  EXPECT_EQ(response.changes(0).mediator().contact().email(), "released@example.org");
  EXPECT_FALSE(response.changes(1).mediator().has_contact());
}

TEST_F(PartnerFeedTest, RecordsLeavingTheViewArriveAsDeletesAndNeverSharedOnesNotAtAll) {
  Create(Record("withdrawn", false, {kPartner}));
  Create(Record("deleted", true));
  Create(Record("private", false));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse first, Pull(""));
  SetConsent("withdrawn", false);
  ASSERT_OK(storage::MediatorStore(*store_).SoftDelete(Name("deleted"), "").status());
  SetConsent("private", false, {"mwmn"});
  ASSERT_OK_AND_ASSIGN(v1::PullResponse second, Pull(first.next_cursor()));
  EXPECT_THAT(Summary(second), ElementsAre("DELETE " + Name("withdrawn"), "DELETE " + Name("deleted")));
  EXPECT_FALSE(second.changes(0).has_mediator());
}

TEST_F(PartnerFeedTest, ReplicasOfOtherNetworksAreNotPassedOn) {
  storage::ReplicaStore replicas(*store_);
  storage::ReplicaStore::PeerState state;
  state.set_network("mwmn");
  Mediator replica;
  replica.mutable_consent()->set_share_all(true);
  ASSERT_OK(replicas.Apply({{"networks/mwmn/mediators/m1", 3, replica}}, state).status());
  ASSERT_OK_AND_ASSIGN(v1::PullResponse response, Pull(""));
  EXPECT_THAT(response.changes(), IsEmpty());
}

TEST_F(PartnerFeedTest, PullPagesWithMaxChanges) {
  for (int i = 0; i < 5; ++i) Create(Record(absl::StrCat("m", i), true));
  std::vector<std::string> names;
  std::string cursor;
  for (bool more = true; more;) {
    ASSERT_OK_AND_ASSIGN(v1::PullResponse page, Pull(cursor, 2));
    EXPECT_LE(page.changes_size(), 2);
    for (const std::string& line : Summary(page)) names.push_back(line);
    cursor = page.next_cursor();
    more = page.has_more();
  }
  EXPECT_EQ(names.size(), 5u);
  EXPECT_THAT(Pull("", kMaxPullChanges + 1).status(), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PartnerFeedTest, CursorsTheFeedCannotServeRequireAResync) {
  Create(Record("a", true));
  EXPECT_THAT(Pull("not-a-cursor").status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_TRUE(IsResyncRequired(Pull(EncodeSyncCursor("0123456789abcdef", 1)).status()));
  EXPECT_TRUE(IsResyncRequired(Pull(EncodeSyncCursor(store_->FeedId(), 99)).status()));
  Create(Record("b", true));
  ASSERT_OK(store_->CompactFeed(absl::Now(), storage::kWholeFeed).status());
  EXPECT_TRUE(IsResyncRequired(Pull("").status()));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse at_head, Pull(EncodeSyncCursor(store_->FeedId(), store_->FeedHead())));
  EXPECT_THAT(at_head.changes(), IsEmpty());
}

TEST_F(PartnerFeedTest, AMediatorAtRiskLeavesEveryPartnersViewAsADelete) {
  Create(Record("sigrid", true));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse first, Pull(""));
  EXPECT_THAT(Summary(first), ElementsAre("UPSERT " + Name("sigrid")));
  ASSERT_OK(storage::MediatorStore(*store_)
                .Update(Name("sigrid"), "",
                        [](Mediator& record) {
                          record.set_at_risk(true);
                          return absl::OkStatus();
                        })
                .status());
  ASSERT_OK_AND_ASSIGN(v1::PullResponse then, Pull(first.next_cursor()));
  EXPECT_THAT(Summary(then), ElementsAre("DELETE " + Name("sigrid")));
  std::vector<std::string> names;
  ASSERT_OK(feed_->Snapshot(partner_, [&](const v1::SnapshotChunk& chunk) {
    for (const Mediator& record : chunk.mediators()) names.push_back(record.name());
    return true;
  }));
  EXPECT_THAT(names, IsEmpty());
}

TEST_F(PartnerFeedTest, OnlyPartnersOwnNodesAndAdminsHaveAView) {
  const common::Caller viewer{"v", common::Role::kViewer, kLocal, "ipv4:127.0.0.1:1"};
  EXPECT_THAT(feed_->Pull(viewer, v1::PullRequest()).status(), StatusIs(absl::StatusCode::kPermissionDenied));
  const common::Caller coordinator{"c", common::Role::kCoordinator, kLocal, "ipv4:127.0.0.1:1"};
  EXPECT_THAT(feed_->Pull(coordinator, v1::PullRequest()).status(), StatusIs(absl::StatusCode::kPermissionDenied));
  PartnerFeed without_network(*store_, PartnerFeedOptions{});
  EXPECT_THAT(without_network.Pull(partner_, v1::PullRequest()).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // An administrator mirrors even a server without a network.
  EXPECT_OK(without_network.Pull(admin_, v1::PullRequest()).status());
}

TEST_F(PartnerFeedTest, OwnNodesMirrorEveryLiveRecordAsStored) {
  Create(Record("private", false, {}, /*contact_release=*/false));
  Create(Record("shared", false, {"mwmn", kPartner}));
  Mediator replica = Record("x", true);
  replica.set_name("networks/mwmn/mediators/x");
  replica.set_network("mwmn");
  replica.set_origin_network("mwmn");
  replica.set_origin_version(7);
  Create(replica);
  const common::Caller own_node{kLocal, common::Role::kPartner, kLocal, "ipv4:127.0.0.1:1",
                                common::Credential::kCertificate};
  // A token naming this network is a person's, not a node's: nothing of the mirror.
  const common::Caller own_token{kLocal, common::Role::kPartner, kLocal, "ipv4:127.0.0.1:1",
                                 common::Credential::kToken};
  ASSERT_OK_AND_ASSIGN(v1::PullResponse by_token, feed_->Pull(own_token, v1::PullRequest()));
  for (const v1::Change& change : by_token.changes()) EXPECT_FALSE(change.has_mediator()) << change.name();
  for (const common::Caller& mirror : {own_node, admin_}) {
    ASSERT_OK_AND_ASSIGN(v1::PullResponse response, feed_->Pull(mirror, v1::PullRequest()));
    ASSERT_THAT(Summary(response), ElementsAre("UPSERT " + Name("private"), "UPSERT " + Name("shared"),
                                               "UPSERT networks/mwmn/mediators/x"));
    // Contact details and consent as stored; origin kept; the version is this server's.
    EXPECT_EQ(response.changes(0).mediator().contact().email(), "private@example.org");
    EXPECT_THAT(response.changes(1).mediator().consent().share_with(), ElementsAre("mwmn", kPartner));
    EXPECT_EQ(response.changes(2).origin_network(), "mwmn");
    EXPECT_EQ(response.changes(2).mediator().origin_version(), response.changes(2).version());
  }
  ASSERT_OK(storage::MediatorStore(*store_).SoftDelete(Name("private"), "").status());
  std::vector<std::string> names;
  ASSERT_OK(feed_->Snapshot(own_node, [&](const v1::SnapshotChunk& chunk) {
    for (const Mediator& record : chunk.mediators()) names.push_back(record.name());
    return true;
  }));
  // The soft-deleted record is out of the mirror: a DELETE in the feed, absent from a snapshot.
  EXPECT_THAT(names, ElementsAre("networks/mwmn/mediators/x", Name("shared")));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse all, feed_->Pull(own_node, v1::PullRequest()));
  EXPECT_EQ(Summary(all).back(), "DELETE " + Name("private"));
}

TEST_F(PartnerFeedTest, SnapshotSendsTheViewInNameOrderThenTheCursorToFollow) {
  Create(Record("c", true));
  Create(Record("a", false, {kPartner}));
  Create(Record("private", false));
  Create(Record("b", true));
  std::vector<v1::SnapshotChunk> chunks;
  ASSERT_OK(feed_->Snapshot(partner_, [&](const v1::SnapshotChunk& chunk) {
    chunks.push_back(chunk);
    return true;
  }));
  std::vector<std::string> names;
  for (const v1::SnapshotChunk& chunk : chunks) {
    EXPECT_LE(chunk.mediators_size(), 2);
    for (const Mediator& record : chunk.mediators()) names.push_back(record.name());
  }
  EXPECT_THAT(names, ElementsAre(Name("a"), Name("b"), Name("c")));
  ASSERT_FALSE(chunks.back().cursor().empty());
  for (size_t i = 0; i + 1 < chunks.size(); ++i) EXPECT_TRUE(chunks[i].cursor().empty());
  Create(Record("d", true));
  ASSERT_OK_AND_ASSIGN(v1::PullResponse after, Pull(chunks.back().cursor()));
  EXPECT_THAT(Summary(after), ElementsAre("UPSERT " + Name("d")));
}

TEST_F(PartnerFeedTest, WatchSendsChangesThenLiveOnesAndProgressWhenIdle) {
  Create(Record("before", true));
  std::vector<v1::Change> received;
  std::atomic<bool> first_sent{false}, stop{false};
  std::thread writer([&] {
    // Written once the watch has sent the first change; a progress marker must follow it.
    while (!first_sent && !stop) std::this_thread::yield();
    Create(Record("live", true));
  });
  absl::Mutex mu;
  ASSERT_OK(feed_->Watch(
      partner_, v1::WatchRequest(),
      [&](const v1::Change& change) {
        absl::MutexLock lock(&mu);
        received.push_back(change);
        first_sent = true;
        return true;
      },
      [&] {
        absl::MutexLock lock(&mu);
        bool saw_live = false, progress_after = false;
        for (const v1::Change& change : received) {
          if (change.name() == Name("live")) saw_live = true;
          if (saw_live && change.kind() == v1::Change::PROGRESS) progress_after = true;
        }
        return progress_after || received.size() > 50;
      }));
  stop = true;
  writer.join();
  std::vector<std::string> changes;  // progress markers may come between them on a slow machine
  for (const v1::Change& change : received) {
    if (change.kind() != v1::Change::PROGRESS) changes.push_back(change.name());
  }
  EXPECT_THAT(changes, ElementsAre(Name("before"), Name("live")));
  EXPECT_EQ(received.back().kind(), v1::Change::PROGRESS);
  // The progress marker's cursor resumes after everything sent.
  ASSERT_OK_AND_ASSIGN(v1::PullResponse rest, Pull(received.back().cursor()));
  EXPECT_THAT(rest.changes(), IsEmpty());
}

TEST_F(PartnerFeedTest, PagesAndChunksStopAtTheirByteLimit) {
  for (int i = 0; i < 6; ++i) {
    Mediator record = Record(absl::StrCat("m", i), true);
    record.set_bio(std::string(400, 'x'));
    Create(record);
  }
  PartnerFeedOptions options{kLocal};
  options.max_bytes = 1000;  // about two records
  PartnerFeed small(*store_, options);
  std::vector<std::string> names;
  v1::PullRequest request;
  for (bool more = true; more;) {
    ASSERT_OK_AND_ASSIGN(v1::PullResponse page, small.Pull(partner_, request));
    EXPECT_LE(page.changes_size(), 3);
    for (const std::string& line : Summary(page)) names.push_back(line);
    request.set_cursor(page.next_cursor());
    more = page.has_more();
  }
  EXPECT_EQ(names.size(), 6u);  // each once
  int chunks = 0, records = 0;
  ASSERT_OK(small.Snapshot(partner_, [&](const v1::SnapshotChunk& chunk) {
    ++chunks;
    records += chunk.mediators_size();
    EXPECT_LE(chunk.ByteSizeLong(), 2 * options.max_bytes);
    return true;
  }));
  EXPECT_EQ(records, 6);
  EXPECT_GE(chunks, 3);
}

}  // namespace
}  // namespace wps::sync
