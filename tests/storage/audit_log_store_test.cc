// The store's audit log (Store::AppendAuditEvent, ScanAuditEvents) and erasure (DropOldValues), on
// a real RocksDB.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/files.h"

namespace wps::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class AuditLogStoreTest : public StoreFixture {
 protected:
  // The events scanned from just before `before`, newest first, at most `limit`.
  std::vector<std::string> Scan(absl::string_view before = "", size_t limit = 100,
                                std::string* last_position = nullptr) {
    std::vector<std::string> events;
    EXPECT_OK(store_->ScanAuditEvents(
        before, [&](absl::string_view position, absl::Time, absl::string_view event) {
          events.emplace_back(event);
          if (last_position != nullptr) *last_position = std::string(position);
          return events.size() < limit;
        }));
    return events;
  }

  const absl::Time t0_ = absl::FromUnixSeconds(1'800'000'000);
};

TEST_F(AuditLogStoreTest, ScansNewestFirstAndResumesAfterAPosition) {
  ASSERT_OK(store_->AppendAuditEvent(t0_ + absl::Seconds(2), "b", Durability::kSynced));
  ASSERT_OK(store_->AppendAuditEvent(t0_, "a", Durability::kSynced));
  ASSERT_OK(store_->AppendAuditEvent(t0_ + absl::Seconds(2), "c", Durability::kProcessCrashSafe));
  EXPECT_THAT(Scan(), ElementsAre("c", "b", "a"));  // by time, then by order of appending
  std::string position;
  EXPECT_THAT(Scan("", 1, &position), ElementsAre("c"));
  EXPECT_THAT(Scan(position), ElementsAre("b", "a"));
  // Before a time: exactly the earlier events.
  EXPECT_THAT(Scan(AuditPositionAt(t0_ + absl::Seconds(2))), ElementsAre("a"));
  EXPECT_THAT(Scan(AuditPositionAt(t0_)), IsEmpty());
}

TEST_F(AuditLogStoreTest, IsKeptAcrossRestartsAndOutOfTheFeed) {
  const uint64_t head = store_->FeedHead();
  ASSERT_OK(store_->AppendAuditEvent(t0_, "first", Durability::kSynced));
  EXPECT_EQ(store_->FeedHead(), head);  // never a change partners could see
  store_.reset();
  store_ = OpenOrDie();
  // An event in the same microsecond after the restart is added, not written over the first.
  ASSERT_OK(store_->AppendAuditEvent(t0_, "second", Durability::kSynced));
  EXPECT_THAT(Scan(), ElementsAre("second", "first"));
}

// True when a file of the store's directory holds `needle`.
bool OnDisk(const std::string& dir, absl::string_view needle) {
  return !testing::FilesHolding(dir, needle).empty();
}

TEST_F(AuditLogStoreTest, DropOldValuesLeavesNoEarlierValueOnDisk) {
  Put(Table::kMediators, "networks/n/mediators/a", "Qwzvkyjx first version");
  Put(Table::kMediators, "networks/n/mediators/a", "second version");
  Put(Table::kMediators, "networks/n/mediators/b", "a neighbour Pzqjxwvk");
  Erase(Table::kMediators, "networks/n/mediators/a");
  ASSERT_TRUE(OnDisk(Options().data_dir, "Qwzvkyjx"));  // in the write-ahead log
  ASSERT_OK(
      store_->DropOldValues(Table::kMediators, "networks/n/mediators/a", "networks/n/mediators/a"));
  EXPECT_FALSE(OnDisk(Options().data_dir, "Qwzvkyjx"));
  EXPECT_TRUE(OnDisk(Options().data_dir, "Pzqjxwvk"));  // others are kept
  EXPECT_OK(store_->Get(Table::kMediators, "networks/n/mediators/b").status());
}

}  // namespace
}  // namespace wps::storage
