#include "storage/network_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "storage/mediator_store.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Network = NetworkStore::Network;

Network MakeNetwork(absl::string_view id, absl::string_view display_name = "Nordic Women Mediators") {
  Network network;
  network.set_name("networks/" + std::string(id));
  network.set_display_name(std::string(display_name));
  network.add_chapters("NO");
  network.add_chapters("SE");
  return network;
}

class NetworkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.data_dir = dir_.Join("db");
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(options));
    networks_ = std::make_unique<NetworkStore>(*store_);
  }

  std::vector<std::string> ScanNames(absl::string_view start_after) {
    std::vector<std::string> names;
    EXPECT_OK(networks_->Scan(start_after, [&](Network&& network) {
      names.push_back(network.name());
      return true;
    }));
    return names;
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<NetworkStore> networks_;
};

TEST_F(NetworkStoreTest, CreateSetsCreateTimeAndStoresRecord) {
  const absl::Time before = absl::Now();
  ASSERT_OK_AND_ASSIGN(Network created, networks_->Create(MakeNetwork("nordic")));
  EXPECT_TRUE(created.has_create_time());
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(created.create_time()), absl::ToUnixMicros(before) - 1000);
  EXPECT_EQ(created.display_name(), "Nordic Women Mediators");
  EXPECT_THAT(created.chapters(), ElementsAre("NO", "SE"));

  ASSERT_OK_AND_ASSIGN(Network got, networks_->Get("networks/nordic"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(NetworkStoreTest, CreateWritesOneFeedEntryInNetworksTable) {
  ASSERT_OK(networks_->Create(MakeNetwork("nordic")));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].table, Table::kNetworks);
  EXPECT_EQ(page.changes[0].key, "networks/nordic");
}

TEST_F(NetworkStoreTest, CreateDuplicateReturnsAlreadyExistsAndKeepsOriginal) {
  ASSERT_OK_AND_ASSIGN(Network first, networks_->Create(MakeNetwork("nordic")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(networks_->Create(MakeNetwork("nordic", "Impostor")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("networks/nordic")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Network got, networks_->Get("networks/nordic"));
  EXPECT_EQ(got.display_name(), "Nordic Women Mediators");
  EXPECT_EQ(got.create_time(), first.create_time());
}

TEST_F(NetworkStoreTest, GetAbsentReturnsNotFound) {
  EXPECT_THAT(networks_->Get("networks/nowhere"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(NetworkStoreTest, GetOfCorruptRowReturnsDataLoss) {
  ASSERT_OK(store_->Write([](WriteTransaction& txn) {
    txn.Put(Table::kNetworks, "networks/bad", std::string("\x0a\xff", 2));
    return absl::OkStatus();
  }));
  EXPECT_THAT(networks_->Get("networks/bad"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(NetworkStoreTest, ScanVisitsInNameOrder) {
  for (const char* id : {"nordic", "femwise", "mediterranean", "arab"}) {
    ASSERT_OK(networks_->Create(MakeNetwork(id)));
  }
  EXPECT_THAT(ScanNames(""), ElementsAre("networks/arab", "networks/femwise", "networks/mediterranean",
                                         "networks/nordic"));
}

TEST_F(NetworkStoreTest, ScanStartsAfterStartAfter) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(networks_->Create(MakeNetwork(id)));
  EXPECT_THAT(ScanNames("networks/a"), ElementsAre("networks/b", "networks/c"));
  EXPECT_THAT(ScanNames("networks/c"), IsEmpty());
}

TEST_F(NetworkStoreTest, ScanStopsWhenVisitReturnsFalse) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(networks_->Create(MakeNetwork(id)));
  std::vector<std::string> names;
  ASSERT_OK(networks_->Scan("", [&](Network&& network) {
    names.push_back(network.name());
    return false;
  }));
  EXPECT_THAT(names, ElementsAre("networks/a"));
}

TEST_F(NetworkStoreTest, ScanDoesNotSeeMediators) {
  ASSERT_OK(networks_->Create(MakeNetwork("nordic")));
  MediatorStore mediators(*store_);
  MediatorStore::Mediator mediator;
  mediator.set_name("networks/nordic/mediators/amina");
  ASSERT_OK(mediators.Create(mediator));
  EXPECT_THAT(ScanNames(""), ElementsAre("networks/nordic"));
}

TEST_F(NetworkStoreTest, EmptyStoreScansNothing) { EXPECT_THAT(ScanNames(""), IsEmpty()); }

}  // namespace
}  // namespace wps::storage
