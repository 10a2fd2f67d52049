// RoundStore on a real RocksDB in a temp dir: create, get, per-process prefix scans, feed entries,
// durability across a reopen.
#include "storage/round_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::storage {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Round = RoundStore::Round;

Round MakeRound(absl::string_view process_id, absl::string_view round_id,
                absl::string_view start_date = "2027-03-01") {
  Round round;
  round.set_name(absl::StrCat("processes/", process_id, "/rounds/", round_id));
  round.set_display_name(absl::StrCat("Round ", round_id));
  round.set_start_date(std::string(start_date));
  round.set_location("Jeddah");
  return round;
}

class RoundStoreTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ASSERT_NE(store_, nullptr);
    rounds_ = std::make_unique<RoundStore>(*store_);
  }

  std::vector<std::string> ProcessRounds(absl::string_view process,
                                         absl::string_view start_after = "") {
    std::vector<std::string> names;
    EXPECT_OK(rounds_->ScanProcess(process, start_after, [&](Round&& round) {
      names.push_back(round.name());
      return true;
    }));
    return names;
  }

  std::unique_ptr<RoundStore> rounds_;
};

TEST_F(RoundStoreTest, CreateSetsCreateTimeAndStoresRecord) {
  const absl::Time before = absl::Now();
  Round round = MakeRound("sudan", "r1");
  *round.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
  ASSERT_OK_AND_ASSIGN(Round created, rounds_->Create(round));
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(created.create_time()),
            absl::ToUnixMicros(before) - 1000);
  EXPECT_EQ(created.start_date(), "2027-03-01");
  ASSERT_OK_AND_ASSIGN(Round got, rounds_->Get("processes/sudan/rounds/r1"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(RoundStoreTest, CreateWritesOneFeedEntryInRoundsTable) {
  ASSERT_OK(rounds_->Create(MakeRound("sudan", "r1")));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].table, Table::kRounds);
  EXPECT_EQ(page.changes[0].key, "processes/sudan/rounds/r1");
  ASSERT_OK_AND_ASSIGN(Round decoded,
                       RoundStore::Decode(page.changes[0].key,
                                          VersionedValue{page.changes[0].value, page.changes[0].cursor}));
  EXPECT_EQ(decoded.name(), "processes/sudan/rounds/r1");
}

TEST_F(RoundStoreTest, CreateTakenNameReturnsAlreadyExistsAndKeepsOriginal) {
  ASSERT_OK_AND_ASSIGN(Round first, rounds_->Create(MakeRound("sudan", "r1")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(rounds_->Create(MakeRound("sudan", "r1", "2030-01-01")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("processes/sudan/rounds/r1")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Round got, rounds_->Get("processes/sudan/rounds/r1"));
  EXPECT_EQ(got.start_date(), "2027-03-01");
}

TEST_F(RoundStoreTest, GetAbsentReturnsNotFound) {
  EXPECT_THAT(rounds_->Get("processes/sudan/rounds/none"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RoundStoreTest, GetOfCorruptRowReturnsDataLoss) {
  Put(Table::kRounds, "processes/p/rounds/bad", std::string("\x0a\xff", 2));
  EXPECT_THAT(rounds_->Get("processes/p/rounds/bad"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("processes/p/rounds/bad")));
}

// processes/p and processes/p-2 share the prefix "processes/p": only the "/rounds/" suffix keeps them
// apart.
TEST_F(RoundStoreTest, ScanProcessVisitsOnlyThatProcessInNameOrder) {
  ASSERT_OK(rounds_->Create(MakeRound("p", "r2")));
  ASSERT_OK(rounds_->Create(MakeRound("p-2", "r1")));
  ASSERT_OK(rounds_->Create(MakeRound("p", "r1")));
  ASSERT_OK(rounds_->Create(MakeRound("o", "r1")));
  EXPECT_THAT(ProcessRounds("processes/p"),
              ElementsAre("processes/p/rounds/r1", "processes/p/rounds/r2"));
  EXPECT_THAT(ProcessRounds("processes/p", "processes/p/rounds/r1"),
              ElementsAre("processes/p/rounds/r2"));
  EXPECT_THAT(ProcessRounds("processes/p-2"), ElementsAre("processes/p-2/rounds/r1"));
  EXPECT_THAT(ProcessRounds("processes/none"), IsEmpty());
}

TEST_F(RoundStoreTest, ScanAllVisitsEveryProcessAndStopsWhenAsked) {
  ASSERT_OK(rounds_->Create(MakeRound("b", "r1")));
  ASSERT_OK(rounds_->Create(MakeRound("a", "r1")));
  std::vector<std::string> names;
  ASSERT_OK(rounds_->ScanAll([&](Round&& round) {
    names.push_back(round.name());
    return true;
  }));
  EXPECT_THAT(names, ElementsAre("processes/a/rounds/r1", "processes/b/rounds/r1"));
  names.clear();
  ASSERT_OK(rounds_->ScanAll([&](Round&& round) {
    names.push_back(round.name());
    return false;
  }));
  EXPECT_THAT(names, ElementsAre("processes/a/rounds/r1"));
}

TEST_F(RoundStoreTest, RoundsSurviveReopen) {
  ASSERT_OK_AND_ASSIGN(Round created, rounds_->Create(MakeRound("sudan", "r1")));
  rounds_.reset();
  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  RoundStore reopened(*store_);
  ASSERT_OK_AND_ASSIGN(Round got, reopened.Get("processes/sudan/rounds/r1"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

}  // namespace
}  // namespace wps::storage
