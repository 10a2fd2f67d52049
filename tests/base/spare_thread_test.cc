#include "base/spare_thread.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace wps {
namespace {

TEST(SpareThreadTest, IdleSpareRunsTheOtherHalfOnAnotherThread) {
  SpareThread spare;
  std::thread::id mine, theirs;
  spare.RunBoth([&] { mine = std::this_thread::get_id(); },
                [&] { theirs = std::this_thread::get_id(); });
  EXPECT_EQ(mine, std::this_thread::get_id());
  EXPECT_NE(theirs, std::thread::id());
  EXPECT_NE(theirs, mine);
  EXPECT_EQ(spare.handed_over(), 1);
}

TEST(SpareThreadTest, BusySpareLeavesBothHalvesToTheCaller) {
  SpareThread spare;
  absl::Notification holding, release;
  std::thread first(
      [&] { spare.RunBoth([&] { release.WaitForNotification(); }, [&] { holding.Notify(); }); });
  holding.WaitForNotification();  // the spare thread has the first caller's half
  std::thread::id theirs;
  spare.RunBoth([] {}, [&] { theirs = std::this_thread::get_id(); });
  EXPECT_EQ(theirs, std::this_thread::get_id());
  release.Notify();
  first.join();
  EXPECT_EQ(spare.handed_over(), 1);
}

TEST(SpareThreadTest, ManyCallersRunEveryHalfOnceAndSeeItDoneOnReturn) {
  SpareThread spare;
  constexpr int kCallers = 8, kCalls = 500;
  std::atomic<int> halves{0}, unfinished_on_return{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        std::atomic<int> local{0};  // read right after RunBoth: it must have waited for both halves
        spare.RunBoth([&] { local.fetch_add(1); }, [&] { local.fetch_add(1); });
        const int done = local.load();
        if (done != 2) unfinished_on_return.fetch_add(1);
        halves.fetch_add(done);
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(halves.load(), 2 * kCallers * kCalls);
  EXPECT_EQ(unfinished_on_return.load(), 0);
  EXPECT_GT(spare.handed_over(), 0);
}

TEST(SpareThreadTest, DestroyedRightAfterUseJoinsCleanly) {
  for (int i = 0; i < 50; ++i) {
    SpareThread spare;
    int ran = 0;
    spare.RunBoth([&] { ++ran; }, [&] { ++ran; });
    EXPECT_EQ(ran, 2);
  }
}

}  // namespace
}  // namespace wps
