// Store basics on a real RocksDB: rows, transactions, scans, reopening, the directory lock and the schema
// check. The change feed has its own file (feed_test.cc).
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::Gt;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::wps::testing::IsOk;
using ::wps::testing::StatusIs;

class StoreTest : public StoreFixture {
 protected:
  // Every (key, value) of `table` under `prefix` after `start_after`, in visiting order.
  std::vector<std::pair<std::string, std::string>> ScanAll(Table table, absl::string_view prefix,
                                                           absl::string_view start_after) {
    std::vector<std::pair<std::string, std::string>> rows;
    EXPECT_OK(store_->Scan(table, prefix, start_after,
                           [&](absl::string_view key, const VersionedValue& row) {
                             rows.emplace_back(std::string(key), row.value);
                             return true;
                           }));
    return rows;
  }

};

TEST_F(StoreTest, NewStoreIsEmpty) {
  EXPECT_EQ(store_->FeedHead(), 0u);
  EXPECT_THAT(store_->Get(Table::kMediators, "a"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  EXPECT_TRUE(page.changes.empty());
  EXPECT_EQ(page.next_cursor, 0u);
  EXPECT_FALSE(page.has_more);
}

TEST_F(StoreTest, TableHeadMovesOnlyWithWritesToItsTable) {
  const uint64_t mediator = Put(Table::kMediators, "networks/n/mediators/a", "a");
  const uint64_t shortlist = Put(Table::kShortlists, "shortlists/s", "s");
  EXPECT_EQ(store_->TableHead(Table::kMediators), mediator);
  EXPECT_EQ(store_->TableHead(Table::kShortlists), shortlist);
  EXPECT_EQ(store_->FeedHead(), shortlist);
  ASSERT_OK(store_->Write([](WriteTransaction& txn) {  // one transaction, two rows of one table
    txn.Put(Table::kMediators, "networks/n/mediators/b", "b");
    txn.Put(Table::kMediators, "networks/n/mediators/c", "c");
    return absl::OkStatus();
  }));
  EXPECT_EQ(store_->TableHead(Table::kMediators), store_->FeedHead());
  EXPECT_EQ(store_->TableHead(Table::kShortlists), shortlist);

  store_.reset();  // reopened: no per-table history, every table at the feed head
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->TableHead(Table::kShortlists), store_->FeedHead());
}

TEST_F(StoreTest, WaitForTableChangeAfterIgnoresOtherTables) {
  const Table mediators[] = {Table::kMediators};
  const uint64_t before = Put(Table::kMediators, "networks/n/mediators/a", "a");
  Put(Table::kShortlists, "shortlists/s", "s");
  // Only a shortlist since: the wait runs to its deadline and reports the mediators' head.
  EXPECT_EQ(store_->WaitForTableChangeAfter(mediators, before, absl::Now() + absl::Milliseconds(20)), before);
  const uint64_t after = Put(Table::kMediators, "networks/n/mediators/b", "b");
  EXPECT_EQ(store_->WaitForTableChangeAfter(mediators, before, absl::InfiniteFuture()), after);
}

TEST_F(StoreTest, PutThenGetReturnsValueAndVersion) {
  const uint64_t version = Put(Table::kMediators, "networks/a/mediators/x", "value-x");
  EXPECT_EQ(version, 1u);
  ASSERT_OK_AND_ASSIGN(VersionedValue row, store_->Get(Table::kMediators, "networks/a/mediators/x"));
  EXPECT_EQ(row.value, "value-x");
  EXPECT_EQ(row.version, version);
}

TEST_F(StoreTest, PutOverwritesAndAdvancesVersion) {
  Put(Table::kMediators, "k", "old");
  const uint64_t version = Put(Table::kMediators, "k", "new");
  ASSERT_OK_AND_ASSIGN(VersionedValue row, store_->Get(Table::kMediators, "k"));
  EXPECT_EQ(row.value, "new");
  EXPECT_EQ(row.version, version);
  EXPECT_EQ(version, 2u);
}

TEST_F(StoreTest, ValuesAreBinarySafe) {
  const std::string value("\0\xff\0bytes", 8);
  Put(Table::kMediators, "k", value);
  ASSERT_OK_AND_ASSIGN(VersionedValue row, store_->Get(Table::kMediators, "k"));
  EXPECT_EQ(row.value, value);
}

TEST_F(StoreTest, EraseRemovesRow) {
  Put(Table::kMediators, "k", "v");
  const uint64_t cursor = Erase(Table::kMediators, "k");
  EXPECT_EQ(cursor, 2u);
  EXPECT_EQ(store_->FeedHead(), 2u);
  EXPECT_THAT(store_->Get(Table::kMediators, "k"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, TablesAreSeparate) {
  Put(Table::kNetworks, "same-key", "network");
  EXPECT_THAT(store_->Get(Table::kMediators, "same-key"), StatusIs(absl::StatusCode::kNotFound));
  Put(Table::kMediators, "same-key", "mediator");
  ASSERT_OK_AND_ASSIGN(VersionedValue network, store_->Get(Table::kNetworks, "same-key"));
  ASSERT_OK_AND_ASSIGN(VersionedValue mediator, store_->Get(Table::kMediators, "same-key"));
  EXPECT_EQ(network.value, "network");
  EXPECT_EQ(mediator.value, "mediator");
}

TEST_F(StoreTest, TransactionSeesItsOwnStagedRows) {
  Put(Table::kMediators, "committed", "c");
  ASSERT_OK(store_->Write([&](WriteTransaction& txn) -> absl::Status {
    absl::StatusOr<VersionedValue> committed = txn.Get(Table::kMediators, "committed");
    EXPECT_THAT(committed, IsOk());
    if (committed.ok()) {
      EXPECT_EQ(committed->version, 1u);
    }

    const uint64_t version = txn.Put(Table::kMediators, "staged", "s1");
    absl::StatusOr<VersionedValue> staged = txn.Get(Table::kMediators, "staged");
    EXPECT_THAT(staged, IsOk());
    if (staged.ok()) {
      EXPECT_EQ(staged->value, "s1");
      EXPECT_EQ(staged->version, version);
    }
    // Not visible outside the transaction before it commits.
    EXPECT_THAT(store_->Get(Table::kMediators, "staged"), StatusIs(absl::StatusCode::kNotFound));

    txn.Erase(Table::kMediators, "committed");
    EXPECT_THAT(txn.Get(Table::kMediators, "committed"), StatusIs(absl::StatusCode::kNotFound));
    return absl::OkStatus();
  }));
  EXPECT_THAT(store_->Get(Table::kMediators, "committed"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(store_->Get(Table::kMediators, "staged"));
}

TEST_F(StoreTest, FailedBodyWritesNothingAndAdvancesNoCursor) {
  Put(Table::kMediators, "before", "b");
  const absl::Status status = store_->Write([&](WriteTransaction& txn) {
    txn.Put(Table::kMediators, "a", "1");
    txn.Put(Table::kNetworks, "b", "2");
    txn.Erase(Table::kMediators, "before");
    return absl::InvalidArgumentError("body refused");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("body refused")));
  EXPECT_EQ(store_->FeedHead(), 1u);
  EXPECT_THAT(store_->Get(Table::kMediators, "a"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->Get(Table::kNetworks, "b"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(store_->Get(Table::kMediators, "before"));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(1, 10));
  EXPECT_TRUE(page.changes.empty());

  // The next transaction takes the cursor the failed one would have used.
  EXPECT_EQ(Put(Table::kMediators, "after", "x"), 2u);
}

TEST_F(StoreTest, EmptyTransactionWritesNothing) {
  ASSERT_OK(store_->Write([](WriteTransaction&) { return absl::OkStatus(); }));
  EXPECT_EQ(store_->FeedHead(), 0u);
  EXPECT_EQ(Put(Table::kMediators, "k", "v"), 1u);
}

TEST_F(StoreTest, MultiRowTransactionCommitsEveryRowAndFeedEntry) {
  std::vector<uint64_t> cursors;
  ASSERT_OK(store_->Write([&](WriteTransaction& txn) {
    cursors.push_back(txn.Put(Table::kNetworks, "networks/a", "na"));
    cursors.push_back(txn.Put(Table::kMediators, "networks/a/mediators/x", "mx"));
    cursors.push_back(txn.Put(Table::kMediators, "networks/a/mediators/y", "my"));
    return absl::OkStatus();
  }));
  EXPECT_THAT(cursors, ElementsAre(1u, 2u, 3u));
  EXPECT_EQ(store_->FeedHead(), 3u);
  ASSERT_OK_AND_ASSIGN(VersionedValue y, store_->Get(Table::kMediators, "networks/a/mediators/y"));
  EXPECT_EQ(y.version, 3u);

  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 3u);
  EXPECT_EQ(page.changes[0].table, Table::kNetworks);
  EXPECT_EQ(page.changes[0].key, "networks/a");
  EXPECT_EQ(page.changes[1].key, "networks/a/mediators/x");
  EXPECT_EQ(page.changes[2].value, "my");
  // One commit, one commit time.
  EXPECT_EQ(page.changes[0].time, page.changes[2].time);
}

TEST_F(StoreTest, TransactionTimeIsRecordedInFeed) {
  const absl::Time before = absl::Now();
  absl::Time txn_time;
  ASSERT_OK(store_->Write([&](WriteTransaction& txn) {
    txn_time = txn.now();
    txn.Put(Table::kMediators, "k", "v");
    return absl::OkStatus();
  }));
  EXPECT_GE(txn_time, before - absl::Milliseconds(1));
  EXPECT_LE(txn_time, absl::Now());
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 1));
  ASSERT_EQ(page.changes.size(), 1u);
  // The feed stores microseconds.
  EXPECT_EQ(page.changes[0].time, absl::FromUnixMicros(absl::ToUnixMicros(txn_time)));
}

TEST_F(StoreTest, ScanVisitsPrefixInKeyOrder) {
  Put(Table::kMediators, "networks/b/mediators/z", "bz");
  Put(Table::kMediators, "networks/a/mediators/y", "ay");
  Put(Table::kMediators, "networks/a/mediators/x", "ax");
  Put(Table::kMediators, "networks/ab/mediators/w", "abw");
  Put(Table::kNetworks, "networks/a/mediators/other-table", "n");
  EXPECT_THAT(ScanAll(Table::kMediators, "networks/a/", ""),
              ElementsAre(Pair("networks/a/mediators/x", "ax"), Pair("networks/a/mediators/y", "ay")));
  EXPECT_THAT(ScanAll(Table::kMediators, "", ""),
              ElementsAre(Pair("networks/a/mediators/x", "ax"), Pair("networks/a/mediators/y", "ay"),
                          Pair("networks/ab/mediators/w", "abw"), Pair("networks/b/mediators/z", "bz")));
  EXPECT_TRUE(ScanAll(Table::kMediators, "networks/c/", "").empty());
}

TEST_F(StoreTest, ScanStartsAfterStartAfter) {
  for (const char* key : {"p/1", "p/2", "p/3", "q/1"}) Put(Table::kMediators, key, key);
  EXPECT_THAT(ScanAll(Table::kMediators, "p/", "p/1"), ElementsAre(Pair("p/2", "p/2"), Pair("p/3", "p/3")));
  // A start_after that is not itself a key.
  EXPECT_THAT(ScanAll(Table::kMediators, "p/", "p/15"), ElementsAre(Pair("p/2", "p/2"), Pair("p/3", "p/3")));
  EXPECT_TRUE(ScanAll(Table::kMediators, "p/", "p/3").empty());
  EXPECT_THAT(ScanAll(Table::kMediators, "", "p/3"), ElementsAre(Pair("q/1", "q/1")));
}

TEST_F(StoreTest, ScanWithStartAfterBeforePrefixVisitsWholePrefix) {
  for (const char* key : {"a/1", "p/1", "p/2"}) Put(Table::kMediators, key, key);
  EXPECT_THAT(ScanAll(Table::kMediators, "p/", "a/1"), ElementsAre(Pair("p/1", "p/1"), Pair("p/2", "p/2")));
  EXPECT_TRUE(ScanAll(Table::kMediators, "p/", "z").empty());
}

TEST_F(StoreTest, ScanStopsWhenVisitReturnsFalse) {
  for (const char* key : {"k1", "k2", "k3"}) Put(Table::kMediators, key, key);
  std::vector<std::string> seen;
  ASSERT_OK(store_->Scan(Table::kMediators, "", "", [&](absl::string_view key, const VersionedValue&) {
    seen.emplace_back(key);
    return seen.size() < 2;
  }));
  EXPECT_THAT(seen, ElementsAre("k1", "k2"));
}

TEST_F(StoreTest, ScanReportsRowVersions) {
  Put(Table::kMediators, "k1", "a");
  Put(Table::kMediators, "k2", "b");
  Put(Table::kMediators, "k1", "c");
  std::vector<std::pair<std::string, uint64_t>> versions;
  ASSERT_OK(store_->Scan(Table::kMediators, "", "", [&](absl::string_view key, const VersionedValue& row) {
    versions.emplace_back(std::string(key), row.version);
    return true;
  }));
  EXPECT_THAT(versions, ElementsAre(Pair("k1", 3u), Pair("k2", 2u)));
}

TEST_F(StoreTest, ReopenKeepsRowsVersionsAndFeedHead) {
  Put(Table::kNetworks, "networks/a", "na");
  Put(Table::kMediators, "m1", "v1");
  Put(Table::kMediators, "m1", "v2");
  Erase(Table::kNetworks, "networks/a");
  store_.reset();

  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->FeedHead(), 4u);
  ASSERT_OK_AND_ASSIGN(VersionedValue m1, store_->Get(Table::kMediators, "m1"));
  EXPECT_EQ(m1.value, "v2");
  EXPECT_EQ(m1.version, 3u);
  EXPECT_THAT(store_->Get(Table::kNetworks, "networks/a"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 2u);
  EXPECT_EQ(page.changes[0].cursor, 3u);
  EXPECT_EQ(page.changes[1].cursor, 4u);
  EXPECT_EQ(page.changes[1].kind, ChangeKind::kErase);
  // Cursors continue from the head, never restart.
  EXPECT_EQ(Put(Table::kMediators, "m2", "v"), 5u);
}

TEST_F(StoreTest, SecondOpenOfSameDirectoryFailsWhileFirstIsOpen) {
  Put(Table::kMediators, "k", "v");
  EXPECT_THAT(Store::Open(Options()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(Options().data_dir)));
  // The first store is unharmed, and the directory opens again once it is closed.
  EXPECT_OK(store_->Get(Table::kMediators, "k"));
  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  EXPECT_OK(store_->Get(Table::kMediators, "k"));
}

TEST_F(StoreTest, SchemaVersionMismatchFailsPrecondition) {
  Put(Table::kMediators, "k", "v");
  store_.reset();

  // Alter the meta family the way a future build would, with RocksDB itself.
  const std::string path = Options().data_dir;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "meta") meta = handles[i];
  }
  ASSERT_NE(meta, nullptr);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  ASSERT_TRUE(db->Put(sync, meta, "schema_version", "999").ok());
  for (rocksdb::ColumnFamilyHandle* handle : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  ASSERT_TRUE(db->Close().ok());
  db.reset();

  EXPECT_THAT(Store::Open(Options()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 999")));
}

TEST_F(StoreTest, DiskUsageIsPositiveAfterWrites) {
  for (int i = 0; i < 20; ++i) Put(Table::kMediators, "k" + std::to_string(i), std::string(1000, 'x'));
  ASSERT_OK_AND_ASSIGN(uint64_t bytes, store_->DiskUsageBytes());
  EXPECT_THAT(bytes, Gt(20u * 1000u));
}

// Only another process's lock is "in use"; a data dir that cannot be created says what RocksDB said.
TEST_F(StoreTest, UncreatableDirIsNotReportedAsInUse) {
  std::ofstream(dir_.Join("a-file")) << "not a directory";
  StoreOptions options;
  options.data_dir = dir_.Join("a-file/db");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(std::string(store.status().message()), ::testing::Not(::testing::HasSubstr("in use")));
}

TEST_F(StoreTest, GetManyAnswersEachKeyAsGetWouldWithStagedWritesOverlaid) {
  const uint64_t a = Put(Table::kMediators, "a", "committed-a");
  Put(Table::kMediators, "b", "committed-b");
  ASSERT_OK(store_->Write([&](WriteTransaction& txn) {
    const uint64_t staged_b = txn.Put(Table::kMediators, "b", "staged-b");
    std::vector<absl::StatusOr<VersionedValue>> rows =
        txn.GetMany(Table::kMediators, {"a", "b", "absent"});
    EXPECT_EQ(rows.size(), 3u);
    EXPECT_OK(rows[0]);
    if (rows[0].ok()) {
      EXPECT_EQ(rows[0]->value, "committed-a");
      EXPECT_EQ(rows[0]->version, a);
    }
    EXPECT_OK(rows[1]);
    if (rows[1].ok()) {
      EXPECT_EQ(rows[1]->value, "staged-b");
      EXPECT_EQ(rows[1]->version, staged_b);
    }
    EXPECT_THAT(rows[2], StatusIs(absl::StatusCode::kNotFound));
    return absl::OkStatus();
  }));
}

}  // namespace
}  // namespace wps::storage
