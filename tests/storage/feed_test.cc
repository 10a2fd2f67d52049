// The change feed of Store: cursor assignment (also under concurrent writers), ReadSince paging and
// superseding, WaitForChangeAfter, and CompactFeed with the feed id.
#include <algorithm>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::testing::IsOk;
using ::wps::testing::StatusIs;

class FeedTest : public StoreFixture {
 protected:
  static std::vector<uint64_t> Cursors(const FeedPage& page) {
    std::vector<uint64_t> cursors;
    for (const Change& change : page.changes) cursors.push_back(change.cursor);
    return cursors;
  }
};

TEST_F(FeedTest, CursorsStartAtOneAndIncreaseByOnePerRow) {
  EXPECT_EQ(Put(Table::kMediators, "a", "1"), 1u);
  EXPECT_EQ(Put(Table::kNetworks, "b", "2"), 2u);
  EXPECT_EQ(Erase(Table::kMediators, "a"), 3u);
  EXPECT_EQ(Put(Table::kMediators, "c", "3"), 4u);
  EXPECT_EQ(store_->FeedHead(), 4u);
}

TEST_F(FeedTest, ConcurrentWritersGetGapFreeCursorsInCommitOrder) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 40;
  std::vector<std::vector<uint64_t>> cursors(kThreads);
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_OK(store_->Write([&](WriteTransaction& txn) {
          cursors[t].push_back(txn.Put(Table::kMediators, absl::StrCat("t", t, "/", i), "v"));
          return absl::OkStatus();
        }));
      }
    });
  }
  for (std::thread& writer : writers) writer.join();

  constexpr uint64_t kTotal = kThreads * kPerThread;
  EXPECT_EQ(store_->FeedHead(), kTotal);
  std::vector<uint64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    // Each thread's later commit has a later cursor.
    EXPECT_TRUE(std::is_sorted(cursors[t].begin(), cursors[t].end()));
    EXPECT_EQ(std::adjacent_find(cursors[t].begin(), cursors[t].end()), cursors[t].end());
    all.insert(all.end(), cursors[t].begin(), cursors[t].end());
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), kTotal);
  for (uint64_t i = 0; i < kTotal; ++i) ASSERT_EQ(all[i], i + 1) << "cursors must be 1..N without gaps";

  // The feed holds each row at the cursor its writer was given.
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, kTotal + 1));
  ASSERT_EQ(page.changes.size(), kTotal);
  EXPECT_FALSE(page.has_more);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      const Change& change = page.changes[cursors[t][i] - 1];
      EXPECT_EQ(change.key, absl::StrCat("t", t, "/", i));
    }
  }
}

// A follower that reads from the last cursor it saw misses nothing, even while writers commit.
TEST_F(FeedTest, FollowerSeesEveryChangeInOrderWhileWritersRun) {
  constexpr int kThreads = 3;
  constexpr int kPerThread = 30;
  constexpr uint64_t kTotal = kThreads * kPerThread;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) Put(Table::kMediators, absl::StrCat("t", t, "/", i), "v");
    });
  }
  std::vector<uint64_t> seen;
  uint64_t cursor = 0;
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (seen.size() < kTotal && absl::Now() < give_up) {
    store_->WaitForChangeAfter(cursor, absl::Now() + absl::Seconds(5));
    absl::StatusOr<FeedPage> page = store_->ReadSince(cursor, 7);
    EXPECT_THAT(page, IsOk());
    if (!page.ok()) break;  // still join the writers below
    for (const Change& change : page->changes) seen.push_back(change.cursor);
    cursor = page->next_cursor;
  }
  for (std::thread& writer : writers) writer.join();
  ASSERT_EQ(seen.size(), kTotal);
  for (uint64_t i = 0; i < kTotal; ++i) ASSERT_EQ(seen[i], i + 1);
}

TEST_F(FeedTest, ReadTableSinceKeepsOneTableAndMovesPastTheOthers) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kShortlists, "s", "big");
  Put(Table::kMediators, "b", "2");
  Put(Table::kNetworks, "n", "3");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadTableSince(Table::kMediators, 0, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(1u, 3u));
  EXPECT_EQ(page.changes[1].value, "2");
  EXPECT_EQ(page.next_cursor, 4u);
  EXPECT_FALSE(page.has_more);
  ASSERT_OK_AND_ASSIGN(page, store_->ReadTableSince(Table::kMediators, 3, 10));
  EXPECT_THAT(Cursors(page), IsEmpty());
  EXPECT_EQ(page.next_cursor, 4u);
}

TEST_F(FeedTest, ReadTablesSinceKeepsTheGivenTablesInCursorOrder) {
  Put(Table::kProcesses, "processes/p", "1");
  Put(Table::kMediators, "m", "2");
  Put(Table::kRounds, "processes/p/rounds/r", "3");
  Put(Table::kShortlists, "s", "4");
  Put(Table::kDelegations, "processes/p/rounds/r/delegations/d", "5");
  const Table followed[] = {Table::kProcesses, Table::kRounds, Table::kDelegations};
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadTablesSince(followed, 0, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(1u, 3u, 5u));
  EXPECT_EQ(page.changes[1].table, Table::kRounds);
  EXPECT_EQ(page.changes[2].value, "5");
  EXPECT_EQ(page.next_cursor, 5u);
  EXPECT_FALSE(page.has_more);

  ASSERT_OK_AND_ASSIGN(page, store_->ReadTablesSince(followed, 0, 2));
  EXPECT_THAT(Cursors(page), ElementsAre(1u, 3u));
  EXPECT_EQ(page.next_cursor, 3u);
  EXPECT_TRUE(page.has_more);
}

TEST_F(FeedTest, ReadSincePagesWithLimit) {
  for (int i = 0; i < 5; ++i) Put(Table::kMediators, absl::StrCat("k", i), "v");

  ASSERT_OK_AND_ASSIGN(FeedPage first, store_->ReadSince(0, 2));
  EXPECT_THAT(Cursors(first), ElementsAre(1u, 2u));
  EXPECT_EQ(first.next_cursor, 2u);
  EXPECT_TRUE(first.has_more);

  ASSERT_OK_AND_ASSIGN(FeedPage second, store_->ReadSince(first.next_cursor, 2));
  EXPECT_THAT(Cursors(second), ElementsAre(3u, 4u));
  EXPECT_EQ(second.next_cursor, 4u);
  EXPECT_TRUE(second.has_more);

  ASSERT_OK_AND_ASSIGN(FeedPage last, store_->ReadSince(second.next_cursor, 2));
  EXPECT_THAT(Cursors(last), ElementsAre(5u));
  EXPECT_EQ(last.next_cursor, 5u);
  EXPECT_FALSE(last.has_more);

  ASSERT_OK_AND_ASSIGN(FeedPage empty, store_->ReadSince(last.next_cursor, 2));
  EXPECT_THAT(empty.changes, IsEmpty());
  EXPECT_EQ(empty.next_cursor, 5u);
  EXPECT_FALSE(empty.has_more);
}

TEST_F(FeedTest, ReadSinceExactlyAtLimitHasNoMore) {
  for (int i = 0; i < 3; ++i) Put(Table::kMediators, absl::StrCat("k", i), "v");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 3));
  EXPECT_THAT(Cursors(page), ElementsAre(1u, 2u, 3u));
  EXPECT_FALSE(page.has_more);
}

TEST_F(FeedTest, ReadSinceCursorBeyondHeadIsEmpty) {
  Put(Table::kMediators, "k", "v");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(10, 5));
  EXPECT_THAT(page.changes, IsEmpty());
  EXPECT_EQ(page.next_cursor, 10u);
  EXPECT_FALSE(page.has_more);
}

TEST_F(FeedTest, ReadSinceCarriesTableKeyKindAndValue) {
  Put(Table::kNetworks, "networks/a", "net");
  Put(Table::kMediators, "networks/a/mediators/x", "med");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 2u);
  EXPECT_EQ(page.changes[0].table, Table::kNetworks);
  EXPECT_EQ(page.changes[0].key, "networks/a");
  EXPECT_EQ(page.changes[0].kind, ChangeKind::kPut);
  EXPECT_EQ(page.changes[0].value, "net");
  EXPECT_EQ(page.changes[1].table, Table::kMediators);
  EXPECT_EQ(page.changes[1].value, "med");
}

TEST_F(FeedTest, RowWrittenTwiceAppearsOnceAtItsLatestCursor) {
  Put(Table::kMediators, "a", "a1");
  Put(Table::kMediators, "b", "b1");
  Put(Table::kMediators, "a", "a2");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(2u, 3u));
  EXPECT_EQ(page.changes[1].key, "a");
  EXPECT_EQ(page.changes[1].value, "a2");
  EXPECT_EQ(page.next_cursor, 3u);

  // A reader already past the first write of "a" still gets its latest one.
  ASSERT_OK_AND_ASSIGN(FeedPage later, store_->ReadSince(1, 10));
  EXPECT_THAT(Cursors(later), ElementsAre(2u, 3u));
}

TEST_F(FeedTest, RowWrittenTwiceInOneTransactionAppearsOnce) {
  ASSERT_OK(store_->Write([](WriteTransaction& txn) {
    txn.Put(Table::kMediators, "a", "first");
    txn.Put(Table::kMediators, "a", "second");
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(2u));
  EXPECT_EQ(page.changes[0].value, "second");
  ASSERT_OK_AND_ASSIGN(VersionedValue row, store_->Get(Table::kMediators, "a"));
  EXPECT_EQ(row.version, 2u);
}

// Skipped entries still move next_cursor, so a page of superseded entries is not re-read forever.
TEST_F(FeedTest, SkippedEntriesAdvanceNextCursor) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "a", "2");
  Put(Table::kMediators, "a", "3");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 1));
  EXPECT_THAT(Cursors(page), ElementsAre(3u));
  EXPECT_EQ(page.next_cursor, 3u);
  EXPECT_FALSE(page.has_more);
}

TEST_F(FeedTest, EraseAppearsAsEraseEntryWithoutValue) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  Erase(Table::kMediators, "a");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_THAT(Cursors(page), ElementsAre(2u, 3u));
  EXPECT_EQ(page.changes[1].kind, ChangeKind::kErase);
  EXPECT_EQ(page.changes[1].key, "a");
  EXPECT_TRUE(page.changes[1].value.empty());
}

TEST_F(FeedTest, PutAfterEraseSupersedesTheErase) {
  Put(Table::kMediators, "a", "1");
  Erase(Table::kMediators, "a");
  Put(Table::kMediators, "a", "again");
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_THAT(Cursors(page), ElementsAre(3u));
  EXPECT_EQ(page.changes[0].kind, ChangeKind::kPut);
  EXPECT_EQ(page.changes[0].value, "again");
}

TEST_F(FeedTest, WaitReturnsPromptlyWhenAnotherThreadWrites) {
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::Seconds(30);
  std::future<uint64_t> waiter =
      std::async(std::launch::async, [&] { return store_->WaitForChangeAfter(0, deadline); });
  Put(Table::kMediators, "k", "v");
  EXPECT_EQ(waiter.get(), 1u);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(FeedTest, WaitWithInfiniteDeadlineWakesOnWrite) {
  std::future<uint64_t> waiter = std::async(
      std::launch::async, [&] { return store_->WaitForChangeAfter(0, absl::InfiniteFuture()); });
  Put(Table::kMediators, "k", "v");
  EXPECT_EQ(waiter.get(), 1u);
}

TEST_F(FeedTest, WaitReturnsAtDeadlineWhenNothingIsWritten) {
  Put(Table::kMediators, "k", "v");
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::Milliseconds(100);
  EXPECT_EQ(store_->WaitForChangeAfter(1, deadline), 1u);
  const absl::Time end = absl::Now();
  EXPECT_GE(end, deadline);
  EXPECT_LT(end - start, absl::Seconds(5));
}

TEST_F(FeedTest, WaitReturnsImmediatelyWhenHeadIsAlreadyPastCursor) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  const absl::Time start = absl::Now();
  EXPECT_EQ(store_->WaitForChangeAfter(1, start + absl::Seconds(30)), 2u);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST_F(FeedTest, WaitWithPastDeadlineReturnsHead) {
  EXPECT_EQ(store_->WaitForChangeAfter(0, absl::Now() - absl::Seconds(1)), 0u);
  EXPECT_EQ(store_->WaitForChangeAfter(0, absl::InfinitePast()), 0u);
}

// ---- CompactFeed

// A time after every write so far and before any write to come. Feed entries keep their commit time
// to the microsecond, so the boundary is a whole microsecond that the clock has already passed: a
// write that starts after this returns is never stamped before it.
absl::Time TimeBetweenWrites() {
  const absl::Time boundary = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()) + 1);
  while (absl::Now() < boundary) {
  }
  return boundary;
}

TEST_F(FeedTest, NewStoreIsNotCompacted) { EXPECT_EQ(store_->FeedCompactedThrough(), 0u); }

TEST_F(FeedTest, CompactFeedRemovesEntriesCommittedBeforeTheTime) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  const absl::Time boundary = TimeBetweenWrites();
  Put(Table::kMediators, "c", "3");
  Erase(Table::kMediators, "a");

  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
  EXPECT_EQ(through, 2u);
  EXPECT_EQ(store_->FeedCompactedThrough(), 2u);
  EXPECT_EQ(store_->FeedHead(), 4u);

  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(2, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(3u, 4u));
  EXPECT_EQ(page.changes[0].value, "3");
  EXPECT_EQ(page.changes[1].kind, ChangeKind::kErase);
  EXPECT_FALSE(page.has_more);
}

TEST_F(FeedTest, CompactFeedStopsAtTheCursorAReaderStillNeeds) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  Put(Table::kMediators, "c", "3");
  const absl::Time boundary = TimeBetweenWrites();

  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, /*at_most_through=*/1));
  EXPECT_EQ(through, 1u);
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(1, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(2u, 3u));
  // Once the reader has moved on, the rest goes.
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(boundary, /*at_most_through=*/3));
  EXPECT_EQ(through, 3u);
}

TEST_F(FeedTest, AFollowerOfOneTableIsNotCutOffByCompactingTheOthers) {
  Put(Table::kMediators, "a", "1");                 // 1: read by the follower
  Put(Table::kShortlists, "s1", "x");               // 2
  Put(Table::kShortlists, "s2", "y");               // 3
  const absl::Time boundary = TimeBetweenWrites();
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
  EXPECT_EQ(through, 3u);
  Put(Table::kMediators, "b", "2");                 // 4
  // The follower had read through 1; only shortlist entries were removed after it.
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadTableSince(Table::kMediators, 1, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(4u));
  EXPECT_THAT(store_->ReadTableSince(Table::kShortlists, 1, 10).status(), StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(store_->ReadSince(1, 10).status(), StatusIs(absl::StatusCode::kOutOfRange));
}

TEST_F(FeedTest, CompactFeedLeavesRowsUntouched) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kNetworks, "n", "2");
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(TimeBetweenWrites(), kWholeFeed));
  EXPECT_EQ(through, 2u);
  ASSERT_OK_AND_ASSIGN(VersionedValue a, store_->Get(Table::kMediators, "a"));
  EXPECT_EQ(a.value, "1");
  EXPECT_EQ(a.version, 1u);
  ASSERT_OK_AND_ASSIGN(VersionedValue n, store_->Get(Table::kNetworks, "n"));
  EXPECT_EQ(n.value, "2");
  EXPECT_EQ(n.version, 2u);
  // Cursors go on from the head, not from what the feed still holds.
  EXPECT_EQ(Put(Table::kMediators, "b", "3"), 3u);
}

TEST_F(FeedTest, ReadsFromBeforeTheCompactedPartFailOutOfRange) {
  for (int i = 0; i < 3; ++i) Put(Table::kMediators, absl::StrCat("k", i), "v");
  const absl::Time boundary = TimeBetweenWrites();
  Put(Table::kMediators, "later", "v");
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
  ASSERT_EQ(through, 3u);

  for (uint64_t cursor : {0u, 1u, 2u}) {
    EXPECT_THAT(store_->ReadSince(cursor, 10), StatusIs(absl::StatusCode::kOutOfRange)) << cursor;
    EXPECT_THAT(store_->ReadTableSince(Table::kMediators, cursor, 10),
                StatusIs(absl::StatusCode::kOutOfRange))
        << cursor;
    const Table tables[] = {Table::kMediators, Table::kNetworks};
    EXPECT_THAT(store_->ReadTablesSince(tables, cursor, 10),
                StatusIs(absl::StatusCode::kOutOfRange))
        << cursor;
  }
}

TEST_F(FeedTest, ReadsFromExactlyTheCompactedCursorSucceed) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kNetworks, "n", "2");
  const absl::Time boundary = TimeBetweenWrites();
  Put(Table::kMediators, "b", "3");
  Put(Table::kNetworks, "m", "4");
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
  ASSERT_EQ(through, 2u);

  ASSERT_OK_AND_ASSIGN(FeedPage all, store_->ReadSince(through, 10));
  EXPECT_THAT(Cursors(all), ElementsAre(3u, 4u));
  ASSERT_OK_AND_ASSIGN(FeedPage mediators, store_->ReadTableSince(Table::kMediators, through, 10));
  EXPECT_THAT(Cursors(mediators), ElementsAre(3u));
  EXPECT_EQ(mediators.next_cursor, 4u);
  const Table tables[] = {Table::kNetworks};
  ASSERT_OK_AND_ASSIGN(FeedPage networks, store_->ReadTablesSince(tables, through, 10));
  EXPECT_THAT(Cursors(networks), ElementsAre(4u));
}

TEST_F(FeedTest, CompactFeedOfTheWholeFeedLeavesAnEmptyReadAtTheHead) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(TimeBetweenWrites(), kWholeFeed));
  EXPECT_EQ(through, store_->FeedHead());
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(through, 10));
  EXPECT_THAT(page.changes, IsEmpty());
  EXPECT_EQ(page.next_cursor, through);
  EXPECT_FALSE(page.has_more);
}

TEST_F(FeedTest, CompactFeedWithNothingOldReturnsTheSameValue) {
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(absl::Now(), kWholeFeed));
  EXPECT_EQ(through, 0u) << "an empty store has nothing to compact";

  const absl::Time before_any_write = TimeBetweenWrites();
  Put(Table::kMediators, "a", "1");
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(before_any_write, kWholeFeed));
  EXPECT_EQ(through, 0u);
  EXPECT_EQ(store_->FeedCompactedThrough(), 0u);

  const absl::Time boundary = TimeBetweenWrites();
  Put(Table::kMediators, "b", "2");
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(boundary, kWholeFeed));
  EXPECT_EQ(through, 1u);
  // Again with the same time, and with an earlier one: nothing more is old enough.
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(boundary, kWholeFeed));
  EXPECT_EQ(through, 1u);
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(before_any_write, kWholeFeed));
  EXPECT_EQ(through, 1u);
  EXPECT_EQ(store_->FeedCompactedThrough(), 1u);
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(1, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(2u));
}

// A write that starts after the compaction time is kept, however close to it: the feed keeps times
// to the microsecond and the compaction time is finer.
TEST_F(FeedTest, CompactFeedKeepsWritesStartedAtOrAfterTheTime) {
  for (int i = 0; i < 200; ++i) {
    const absl::Time boundary = absl::Now();
    const uint64_t cursor = Put(Table::kMediators, absl::StrCat("k", i), "v");
    ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
    ASSERT_LT(through, cursor) << "round " << i
                               << ": the entry written after the time was compacted";
    ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(through, 10));
    ASSERT_THAT(Cursors(page), ElementsAre(cursor)) << "round " << i;
  }
}

TEST_F(FeedTest, CompactionAndFeedIdSurviveReopening) {
  Put(Table::kMediators, "a", "1");
  Put(Table::kMediators, "b", "2");
  const absl::Time boundary = TimeBetweenWrites();
  Put(Table::kMediators, "c", "3");
  ASSERT_OK_AND_ASSIGN(uint64_t through, store_->CompactFeed(boundary, kWholeFeed));
  ASSERT_EQ(through, 2u);
  const std::string feed_id = store_->FeedId();

  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->FeedCompactedThrough(), 2u);
  EXPECT_EQ(store_->FeedId(), feed_id);
  EXPECT_EQ(store_->FeedHead(), 3u);
  EXPECT_THAT(store_->ReadSince(1, 10), StatusIs(absl::StatusCode::kOutOfRange));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(2, 10));
  EXPECT_THAT(Cursors(page), ElementsAre(3u));
  // Compacting again after reopening goes on from the stored mark.
  ASSERT_OK_AND_ASSIGN(through, store_->CompactFeed(boundary, kWholeFeed));
  EXPECT_EQ(through, 2u);
}

TEST_F(FeedTest, FeedIdIsKeptByAStoreWithoutWrites) {
  const std::string feed_id = store_->FeedId();
  EXPECT_FALSE(feed_id.empty());
  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->FeedId(), feed_id);
}

TEST_F(FeedTest, DifferentStoresHaveDifferentFeedIds) {
  wps::testing::TempDir other_dir;
  StoreOptions options;
  options.data_dir = other_dir.Join("db");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, Store::Open(options));
  EXPECT_FALSE(other->FeedId().empty());
  EXPECT_NE(other->FeedId(), store_->FeedId());
}

// Writes go on while CompactFeed runs: those that started after its time stay in the feed, and a
// reader from FeedCompactedThrough() gets every one of them.
TEST_F(FeedTest, WritesConcurrentWithCompactFeedStayReadable) {
  constexpr int kWrites = 300;
  struct Written {
    absl::Time started;
    uint64_t cursor;
  };
  std::vector<Written> written(kWrites);
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      written[i].started = absl::Now();
      written[i].cursor = Put(Table::kMediators, absl::StrCat("k", i), absl::StrCat("v", i));
    }
  });
  // Compact in the middle of the writes, through whatever was committed a moment before.
  store_->WaitForChangeAfter(kWrites / 3, absl::Now() + absl::Seconds(60));
  const absl::Time boundary = absl::Now();
  absl::StatusOr<uint64_t> through = store_->CompactFeed(boundary, kWholeFeed);
  writer.join();
  ASSERT_OK(through.status());
  EXPECT_GT(*through, 0u);
  EXPECT_EQ(store_->FeedCompactedThrough(), *through);

  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(*through, kWrites + 1));
  EXPECT_FALSE(page.has_more);
  std::vector<uint64_t> cursors = Cursors(page);
  for (int i = 0; i < kWrites; ++i) {
    ASSERT_OK_AND_ASSIGN(VersionedValue row, store_->Get(Table::kMediators, absl::StrCat("k", i)));
    EXPECT_EQ(row.value, absl::StrCat("v", i));
    if (written[i].started < boundary) continue;
    EXPECT_GT(written[i].cursor, *through) << "write " << i << " started after the compaction time";
    EXPECT_TRUE(std::binary_search(cursors.begin(), cursors.end(), written[i].cursor))
        << "write " << i;
  }
  // Exactly the entries after the compacted part remain, in order.
  ASSERT_EQ(cursors.size(), kWrites - *through);
  for (size_t i = 0; i < cursors.size(); ++i) EXPECT_EQ(cursors[i], *through + 1 + i);
}

}  // namespace
}  // namespace wps::storage
