// Acknowledged writes survive the death of the process. A forked child commits transactions and reports
// each acknowledged cursor through a pipe; the parent kills it with SIGKILL mid-loop, reopens the store
// and checks every acknowledged row. Alone in its binary: fork() happens before this process starts any
// RocksDB thread, so the child is a clean single-threaded copy.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {
namespace {

constexpr size_t kKillAfterAcks = 200;
constexpr int kChildMaxTransactions = 1000000;  // bounds the child if the parent dies first

std::string RecordKey(size_t i) { return absl::StrCat("networks/n/mediators/m", i); }
std::string NetworkKey(size_t i) { return absl::StrCat("networks/n", i); }

// The child: commits transaction i = {record i, its network row} and writes its cursor to `fd` once
// Write() has returned OK. Never returns.
[[noreturn]] void RunChild(const std::string& data_dir, int fd) {
  StoreOptions options;
  options.data_dir = data_dir;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(options);
  if (!store.ok()) _exit(2);
  for (int i = 0; i < kChildMaxTransactions; ++i) {
    uint64_t cursor = 0;
    absl::Status status = (*store)->Write([&](WriteTransaction& txn) {
      txn.Put(Table::kNetworks, NetworkKey(i), "network");
      cursor = txn.Put(Table::kMediators, RecordKey(i), absl::StrCat("record ", i));
      return absl::OkStatus();
    });
    if (!status.ok()) _exit(3);
    if (write(fd, &cursor, sizeof(cursor)) != static_cast<ssize_t>(sizeof(cursor))) _exit(4);
  }
  _exit(0);
}

// Reads cursors from `fd` until `stop_after` have arrived or EOF; partial reads are reassembled.
void ReadCursors(int fd, size_t stop_after, std::vector<uint64_t>& cursors, std::string& pending) {
  char buffer[512];
  while (cursors.size() < stop_after) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    pending.append(buffer, static_cast<size_t>(n));
    while (pending.size() >= sizeof(uint64_t)) {
      uint64_t cursor;
      std::memcpy(&cursor, pending.data(), sizeof(cursor));
      cursors.push_back(cursor);
      pending.erase(0, sizeof(cursor));
    }
  }
}

TEST(StoreDurabilityTest, AcknowledgedWritesSurviveSigkill) {
  wps::testing::TempDir dir;
  const std::string data_dir = dir.Join("db");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    RunChild(data_dir, fds[1]);
  }
  close(fds[1]);

  std::vector<uint64_t> acked;
  std::string pending;
  ReadCursors(fds[0], kKillAfterAcks, acked, pending);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  // Acknowledgements already in the pipe count too: each one followed a Write() that returned OK.
  ReadCursors(fds[0], SIZE_MAX, acked, pending);
  close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "child exited with " << WEXITSTATUS(wait_status)
                                        << " after " << acked.size() << " acknowledgements";
  ASSERT_GE(acked.size(), kKillAfterAcks);

  StoreOptions options;
  options.data_dir = data_dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(options));
  EXPECT_GE(store->FeedHead(), acked.back());
  for (size_t i = 0; i < acked.size(); ++i) {
    // Transaction i holds two rows: cursors 2i+1 (network) and 2i+2 (record).
    EXPECT_EQ(acked[i], 2 * i + 2);
    ASSERT_OK_AND_ASSIGN(VersionedValue record, store->Get(Table::kMediators, RecordKey(i)));
    EXPECT_EQ(record.value, absl::StrCat("record ", i));
    EXPECT_EQ(record.version, acked[i]);
    EXPECT_OK(store->Get(Table::kNetworks, NetworkKey(i)));
  }

  // Atomicity across the crash: a transaction the child had not acknowledged is all there or absent.
  size_t records = 0;
  ASSERT_OK(store->Scan(Table::kMediators, "", "", [&](absl::string_view, const VersionedValue&) {
    ++records;
    return true;
  }));
  size_t networks = 0;
  ASSERT_OK(store->Scan(Table::kNetworks, "", "", [&](absl::string_view, const VersionedValue&) {
    ++networks;
    return true;
  }));
  EXPECT_EQ(records, networks);
  EXPECT_EQ(store->FeedHead(), 2 * records);

  // The reopened store continues the feed where the dead process left it.
  uint64_t next = 0;
  ASSERT_OK(store->Write([&](WriteTransaction& txn) {
    next = txn.Put(Table::kMediators, "after-crash", "v");
    return absl::OkStatus();
  }));
  EXPECT_EQ(next, 2 * records + 1);
}

}  // namespace
}  // namespace wps::storage
