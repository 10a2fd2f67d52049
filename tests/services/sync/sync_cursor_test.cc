// Sync cursors (services/sync/sync_cursor.h): which cursors a feed accepts, including those of the
// feeds it continues after restores from backups.
#include "services/sync/sync_cursor.h"

#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::sync {
namespace {

using ::wps::testing::StatusIs;

TEST(SyncCursorTest, ACursorOfThisFeedGivesItsPosition) {
  ASSERT_OK_AND_ASSIGN(const uint64_t position,
                       DecodeSyncCursor(EncodeSyncCursor("feed-b", 42), "feed-b"));
  EXPECT_EQ(position, 42u);
  ASSERT_OK_AND_ASSIGN(const uint64_t start, DecodeSyncCursor("", "feed-b"));
  EXPECT_EQ(start, 0u);
  EXPECT_THAT(DecodeSyncCursor("garbage", "feed-b"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SyncCursorTest, AncestorCursorsUpToTheRestoredPointGoOnAndLaterOnesResync) {
  // feed-a was backed up at 100 and restored as feed-b, which was backed up at 150 and restored as
  // feed-c.
  const std::vector<storage::FeedAncestor> ancestors = {{"feed-a", 100}, {"feed-b", 150}};
  ASSERT_OK_AND_ASSIGN(const uint64_t from_a,
                       DecodeSyncCursor(EncodeSyncCursor("feed-a", 100), "feed-c", ancestors));
  EXPECT_EQ(from_a, 100u);
  ASSERT_OK_AND_ASSIGN(const uint64_t from_b,
                       DecodeSyncCursor(EncodeSyncCursor("feed-b", 120), "feed-c", ancestors));
  EXPECT_EQ(from_b, 120u);
  // Changes feed-a had after its backup were lost by the restore; their cursors name nothing here.
  EXPECT_TRUE(IsResyncRequired(
      DecodeSyncCursor(EncodeSyncCursor("feed-a", 101), "feed-c", ancestors).status()));
  EXPECT_TRUE(IsResyncRequired(
      DecodeSyncCursor(EncodeSyncCursor("feed-b", 151), "feed-c", ancestors).status()));
  EXPECT_TRUE(IsResyncRequired(
      DecodeSyncCursor(EncodeSyncCursor("feed-x", 1), "feed-c", ancestors).status()));
}

}  // namespace
}  // namespace wps::sync
