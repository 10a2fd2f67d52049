// Backups and restores (storage/backup.h, Store::CreateBackup) on a real RocksDB: what a restore
// gives back, the feed it continues, the erasures it re-applies, and the refusals.
#include "storage/backup.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/erasure_ledger.h"
#include "storage/mediator_erasure.h"
#include "storage/mediator_store.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/files.h"

namespace wps::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;
using ::wps::testing::StatusIs;

class BackupTest : public StoreFixture {
 protected:
  std::string backup_dir() const { return dir_.Join("backups"); }

  Backup BackUp() {
    absl::StatusOr<Backup> backup = store_->CreateBackup(backup_dir(), nullptr);
    EXPECT_OK(backup.status());
    return backup.ok() ? *backup : Backup();
  }

  // Restores into `name` under the temp dir and opens the result.
  std::unique_ptr<Store> RestoreAndOpen(const std::string& name,
                                        std::optional<uint32_t> id = std::nullopt) {
    absl::StatusOr<RestoreOutcome> restored =
        RestoreBackup(backup_dir(), dir_.Join(name), id, nullptr);
    EXPECT_OK(restored.status());
    StoreOptions options;
    options.data_dir = dir_.Join(name);
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(options);
    EXPECT_OK(store.status());
    return store.ok() ? *std::move(store) : nullptr;
  }

  void AddMediator(absl::string_view id, absl::string_view given_name) {
    roster::v1::Mediator mediator;
    mediator.set_name(absl::StrCat("networks/nordic/mediators/", id));
    mediator.set_network("nordic");
    mediator.set_given_name(std::string(given_name));
    ASSERT_OK(MediatorStore(*store_).Create(mediator).status());
  }
};

TEST_F(BackupTest, RestoreGivesBackTablesFeedAndAuditLogAsOfTheBackup) {
  Put(Table::kNetworks, "networks/nordic", "before");
  ASSERT_OK(store_->AppendAuditEvent(absl::Now(), "event before", Durability::kSynced));
  const uint64_t head = store_->FeedHead();
  const Backup backup = BackUp();
  EXPECT_EQ(backup.id, 1u);
  EXPECT_EQ(backup.feed_head, head);
  EXPECT_EQ(backup.feed_id, store_->FeedId());
  Put(Table::kNetworks, "networks/mwmn", "after");

  std::unique_ptr<Store> restored = RestoreAndOpen("restored");
  ASSERT_NE(restored, nullptr);
  ASSERT_OK_AND_ASSIGN(VersionedValue row, restored->Get(Table::kNetworks, "networks/nordic"));
  EXPECT_EQ(row.value, "before");
  EXPECT_THAT(restored->Get(Table::kNetworks, "networks/mwmn").status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(restored->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(FeedPage page, restored->ReadSince(0, 10));
  EXPECT_THAT(page.changes, SizeIs(1));
  std::vector<std::string> events;
  ASSERT_OK(
      restored->ScanAuditEvents("", [&](absl::string_view, absl::Time, absl::string_view event) {
        events.emplace_back(event);
        return true;
      }));
  EXPECT_THAT(events, ElementsAre("event before"));
}

TEST_F(BackupTest, RestoredFeedHasANewIdAndNamesTheOldOneUpToTheBackup) {
  Put(Table::kNetworks, "networks/nordic", "x");
  const std::string old_id = store_->FeedId();
  const uint64_t head = store_->FeedHead();
  BackUp();
  std::unique_ptr<Store> restored = RestoreAndOpen("restored");
  ASSERT_NE(restored, nullptr);
  EXPECT_NE(restored->FeedId(), old_id);
  ASSERT_THAT(restored->FeedAncestors(), SizeIs(1));
  EXPECT_EQ(restored->FeedAncestors()[0].feed_id, old_id);
  EXPECT_EQ(restored->FeedAncestors()[0].last_cursor, head);

  // Restored again from a backup of the restored store: the chain grows, and survives reopening.
  const std::string restored_id = restored->FeedId();
  ASSERT_OK(restored->CreateBackup(dir_.Join("second-backups"), nullptr).status());
  restored.reset();
  ASSERT_OK(RestoreBackup(dir_.Join("second-backups"), dir_.Join("again"), std::nullopt, nullptr)
                .status());
  StoreOptions options;
  options.data_dir = dir_.Join("again");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> again, Store::Open(options));
  ASSERT_THAT(again->FeedAncestors(), SizeIs(2));
  EXPECT_EQ(again->FeedAncestors()[0].feed_id, old_id);
  EXPECT_EQ(again->FeedAncestors()[1].feed_id, restored_id);
}

TEST_F(BackupTest, BackupsAreIncrementalListedPrunedAndDeleted) {
  for (int i = 0; i < 200; ++i)
    Put(Table::kNetworks, absl::StrCat("networks/n", i), std::string(1000, 'x'));
  const Backup first = BackUp();
  Put(Table::kNetworks, "networks/one-more", "y");
  const Backup second = BackUp();
  const Backup third = BackUp();
  EXPECT_EQ(second.id, 2u);
  ASSERT_OK_AND_ASSIGN(std::vector<Backup> listed, ListBackups(backup_dir()));
  ASSERT_THAT(listed, SizeIs(3));
  EXPECT_EQ(listed[0].id, first.id);
  EXPECT_EQ(listed[0].feed_head, first.feed_head);
  // The second shares the first's table files: the directory is far smaller than three copies.
  uint64_t directory_bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(backup_dir())) {
    if (entry.is_regular_file()) directory_bytes += entry.file_size();
  }
  EXPECT_LT(directory_bytes, first.size_bytes + second.size_bytes + third.size_bytes);

  EXPECT_THAT(DeleteBackup(backup_dir(), 7), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(DeleteBackup(backup_dir(), second.id));
  EXPECT_THAT(PruneBackups(backup_dir(), 0), StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(const int pruned, PruneBackups(backup_dir(), 1));
  EXPECT_EQ(pruned, 1);
  ASSERT_OK_AND_ASSIGN(listed, ListBackups(backup_dir()));
  ASSERT_THAT(listed, SizeIs(1));
  EXPECT_EQ(listed[0].id, third.id);
}

TEST_F(BackupTest, RestoreChoosesABackupById) {
  Put(Table::kNetworks, "networks/nordic", "one");
  BackUp();
  Put(Table::kNetworks, "networks/nordic", "two");
  BackUp();
  std::unique_ptr<Store> first = RestoreAndOpen("first", 1);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->Get(Table::kNetworks, "networks/nordic")->value, "one");
  std::unique_ptr<Store> newest = RestoreAndOpen("newest");
  ASSERT_NE(newest, nullptr);
  EXPECT_EQ(newest->Get(Table::kNetworks, "networks/nordic")->value, "two");
}

TEST_F(BackupTest, RestoreRefusesADataDirWithFilesAndAMissingBackup) {
  EXPECT_THAT(RestoreBackup(backup_dir(), dir_.Join("x"), std::nullopt, nullptr),
              StatusIs(absl::StatusCode::kNotFound));
  BackUp();
  EXPECT_THAT(RestoreBackup(backup_dir(), dir_.Join("x"), 9, nullptr),
              StatusIs(absl::StatusCode::kNotFound));
  // The live store's own directory holds files.
  EXPECT_THAT(RestoreBackup(backup_dir(), Options().data_dir, std::nullopt, nullptr),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("x")));
  // An empty directory is fine, and progress reaches the total.
  std::filesystem::create_directory(dir_.Join("empty"));
  uint64_t last_copied = 0, last_total = 1;
  ASSERT_OK(RestoreBackup(backup_dir(), dir_.Join("empty"), std::nullopt,
                          [&](uint64_t copied, uint64_t total) {
                            last_copied = copied;
                            last_total = total;
                          })
                .status());
  EXPECT_EQ(last_copied, last_total);
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("empty.restoring")));
}

TEST_F(BackupTest, RestoreErasesAgainWhoWasPurgedAfterTheBackup) {
  AddMediator("kept", "Vkeptaname");
  AddMediator("erased", "Zqxerasedname");
  BackUp();
  // PurgeMediator: the ledger first, then the erasure.
  const ErasureLedger ledger(backup_dir());
  ASSERT_OK(ledger.Record("networks/nordic/mediators/erased", absl::Now()));
  ASSERT_OK(EraseMediator(*store_, "networks/nordic/mediators/erased", "").status());

  absl::StatusOr<RestoreOutcome> restored =
      RestoreBackup(backup_dir(), dir_.Join("restored"), std::nullopt, nullptr);
  ASSERT_OK(restored.status());
  EXPECT_EQ(restored->erasures_reapplied, 1);
  EXPECT_THAT(testing::FilesHolding(dir_.Join("restored"), "Zqxerasedname"), ::testing::IsEmpty());
  EXPECT_THAT(testing::FilesHolding(dir_.Join("restored"), "Vkeptaname"),
              ::testing::Not(::testing::IsEmpty()));
  StoreOptions options;
  options.data_dir = dir_.Join("restored");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(options));
  EXPECT_THAT(MediatorStore(*store).Get("networks/nordic/mediators/erased", true).status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(MediatorStore(*store).Get("networks/nordic/mediators/kept").status());
}

TEST_F(BackupTest, ErasuresBeforeTheBackupAreNotReapplied) {
  // Purged, then created again under the same name before the backup: the new record stays.
  const ErasureLedger ledger(backup_dir());
  ASSERT_OK(ledger.Record("networks/nordic/mediators/again", absl::Now() - absl::Seconds(5)));
  AddMediator("again", "Second");
  BackUp();
  absl::StatusOr<RestoreOutcome> restored =
      RestoreBackup(backup_dir(), dir_.Join("restored"), std::nullopt, nullptr);
  ASSERT_OK(restored.status());
  EXPECT_EQ(restored->erasures_reapplied, 0);
}

TEST_F(BackupTest, APurgeThatRacedTheBackupIsReappliedAllTheSame) {
  AddMediator("raced", "Qjxracedname");
  // Her ledger line is written just before the backup begins, her erasure commits after it.
  const ErasureLedger ledger(backup_dir());
  ASSERT_OK(ledger.Record("networks/nordic/mediators/raced", absl::Now()));
  BackUp();
  ASSERT_OK(EraseMediator(*store_, "networks/nordic/mediators/raced", "").status());
  absl::StatusOr<RestoreOutcome> restored =
      RestoreBackup(backup_dir(), dir_.Join("restored"), std::nullopt, nullptr);
  ASSERT_OK(restored.status());
  EXPECT_EQ(restored->erasures_reapplied, 1);
  EXPECT_THAT(testing::FilesHolding(dir_.Join("restored"), "Qjxracedname"), ::testing::IsEmpty());
}

TEST_F(BackupTest, PruningTrimsTheLedgerToWhatTheRemainingBackupsNeed) {
  const ErasureLedger ledger(backup_dir());
  ASSERT_OK(ledger.Record("networks/nordic/mediators/long-ago", absl::Now() - absl::Hours(48)));
  BackUp();
  BackUp();
  ASSERT_OK(ledger.Record("networks/nordic/mediators/recent", absl::Now()));
  ASSERT_OK_AND_ASSIGN(const int pruned, PruneBackups(backup_dir(), 1));
  EXPECT_EQ(pruned, 1);
  ASSERT_OK_AND_ASSIGN(std::vector<Erasure> kept, ledger.ErasuresSince(absl::InfinitePast()));
  ASSERT_THAT(kept, SizeIs(1));
  EXPECT_EQ(kept[0].name, "networks/nordic/mediators/recent");
  ASSERT_OK(DeleteBackup(backup_dir(), 2));
  ASSERT_OK_AND_ASSIGN(kept, ledger.ErasuresSince(absl::InfinitePast()));
  EXPECT_THAT(kept, SizeIs(0));
}

TEST(ErasureLedgerTest, ReadsWhatItRecordedAndNeverReadsATornLineAsAName) {
  wps::testing::TempDir dir;
  const ErasureLedger ledger(dir.Join("backups"));
  ASSERT_OK_AND_ASSIGN(std::vector<Erasure> none, ledger.ErasuresSince(absl::InfinitePast()));
  EXPECT_THAT(none, SizeIs(0));
  const absl::Time t = absl::FromUnixSeconds(1800000000);
  ASSERT_OK(ledger.Record("networks/a/mediators/one", t));
  ASSERT_OK(ledger.Record("networks/a/mediators/two", t + absl::Seconds(1)));
  // A crash tore the next line short: it is never read, and the line after it is read whole.
  const std::string whole = testing::ReadFileBytes(ledger.path());
  const std::string second_line = whole.substr(whole.find('\n') + 1);
  std::ofstream(ledger.path(), std::ios::app) << second_line.substr(0, second_line.size() - 25);
  ASSERT_OK(ledger.Record("networks/a/mediators/three", t + absl::Seconds(2)));
  std::ofstream(ledger.path(), std::ios::app) << "garbage\n";
  ASSERT_OK_AND_ASSIGN(std::vector<Erasure> all, ledger.ErasuresSince(absl::InfinitePast()));
  ASSERT_THAT(all, SizeIs(3));
  EXPECT_EQ(all[2].name, "networks/a/mediators/three");
  ASSERT_OK_AND_ASSIGN(std::vector<Erasure> later, ledger.ErasuresSince(t + absl::Seconds(1)));
  ASSERT_THAT(later, SizeIs(2));
  EXPECT_EQ(later[0].name, "networks/a/mediators/two");
}

}  // namespace
}  // namespace wps::storage
