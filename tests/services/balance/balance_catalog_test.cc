// BalanceCatalog over a real RocksDB store in a temp dir: the load at start, following writes made
// through the stores (processes edited elsewhere included), read-your-writes, reload after a reopen,
// and failures on corrupt rows.
#include "services/balance/balance_catalog.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/delegation_store.h"
#include "storage/process_store.h"
#include "storage/round_store.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::balance {
namespace {

using ::testing::ElementsAre;
using ::wps::testing::StatusIs;
using Member = v1::Member;

constexpr absl::Duration kWait = absl::Seconds(30);

class BalanceCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    absl::StatusOr<std::unique_ptr<storage::Store>> store =
        storage::Store::Open(storage::StoreOptions{dir_.Join("db")});
    ASSERT_OK(store);
    store_ = *std::move(store);
  }

  void Close() {
    catalog_.reset();
    store_.reset();
  }

  void StartCatalog() {
    absl::StatusOr<std::unique_ptr<BalanceCatalog>> catalog = BalanceCatalog::Start(*store_);
    ASSERT_OK(catalog);
    catalog_ = *std::move(catalog);
  }

  void CreateProcess(const std::string& id, const std::string& country) {
    matching::v1::PeaceProcess process;
    process.set_name(absl::StrCat("processes/", id));
    process.set_display_name(absl::StrCat("Process ", id));
    process.add_countries(country);
    ASSERT_OK(storage::ProcessStore(*store_).Create(process));
  }

  void CreateRound(const std::string& process, const std::string& id, const std::string& start) {
    v1::Round round;
    round.set_name(absl::StrCat("processes/", process, "/rounds/", id));
    round.set_start_date(start);
    ASSERT_OK(storage::RoundStore(*store_).Create(round));
  }

  // A PARTY delegation of `women` women and `men` men, all NEGOTIATORs.
  void PutDelegation(const std::string& process, const std::string& round, const std::string& id,
                     int women, int men) {
    v1::Delegation d;
    d.set_name(absl::StrCat("processes/", process, "/rounds/", round, "/delegations/", id));
    d.set_id(id);
    d.set_kind(v1::Delegation::PARTY);
    for (int i = 0; i < women + men; ++i) {
      Member* m = d.add_members();
      m->set_gender(i < women ? Member::WOMAN : Member::MAN);
      m->set_role(Member::NEGOTIATOR);
    }
    ASSERT_OK(storage::DelegationStore(*store_).Put(d, ""));
  }

  // The members of each delegation of the process's rounds, as "round/delegation=women/members".
  std::vector<std::string> Picture(const std::string& process) {
    EXPECT_OK(catalog_->AwaitCurrent(absl::Now() + kWait));
    return catalog_->Read([&](const BalanceModel& model) {
      std::vector<std::string> out;
      const ProcessEntry* entry = model.FindProcess(absl::StrCat("processes/", process));
      if (entry == nullptr) return out;
      for (const RoundEntry& round : entry->rounds) {
        for (const DelegationEntry& d : round.delegations) {
          out.push_back(absl::StrCat(round.id, "/", entry->label(d).id, "=", d.counts.women(), "/",
                                    d.counts.members()));
        }
      }
      return out;
    });
  }

  double Target(const std::string& process) {
    EXPECT_OK(catalog_->AwaitCurrent(absl::Now() + kWait));
    return catalog_->Read([&](const BalanceModel& model) {
      const ProcessEntry* entry = model.FindProcess(absl::StrCat("processes/", process));
      return entry != nullptr ? entry->target : -1.0;
    });
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<BalanceCatalog> catalog_;
};

TEST_F(BalanceCatalogTest, EmptyStoreLoadsNothing) {
  StartCatalog();
  EXPECT_EQ(catalog_->load_stats().processes, 0u);
  EXPECT_EQ(catalog_->load_stats().rounds, 0u);
  EXPECT_EQ(catalog_->load_stats().delegations, 0u);
  EXPECT_OK(catalog_->AwaitCurrent(absl::Now() + kWait));
}

TEST_F(BalanceCatalogTest, LoadsEverythingAtStart) {
  CreateProcess("sudan", "SD");
  CreateProcess("yemen", "YE");
  CreateRound("sudan", "r2", "2027-02-01");
  CreateRound("sudan", "r1", "2027-01-01");
  PutDelegation("sudan", "r1", "saf", 1, 3);
  PutDelegation("sudan", "r2", "saf", 2, 2);
  PutDelegation("sudan", "r2", "rsf", 0, 4);
  PutDelegation("sudan", "r2", "rsf", 1, 4);  // replaced: the newer version counts
  StartCatalog();
  EXPECT_EQ(catalog_->load_stats().processes, 2u);
  EXPECT_EQ(catalog_->load_stats().rounds, 2u);
  EXPECT_EQ(catalog_->load_stats().delegations, 3u);
  EXPECT_EQ(catalog_->applied_cursor(), store_->FeedHead());
  EXPECT_GT(catalog_->MemoryBytes(), 3 * sizeof(DelegationEntry));
  EXPECT_THAT(Picture("sudan"), ElementsAre("r1/saf=1/4", "r2/rsf=1/5", "r2/saf=2/4"));
}

TEST_F(BalanceCatalogTest, FollowsWritesAndReadsTheirResults) {
  StartCatalog();
  CreateProcess("sudan", "SD");
  CreateRound("sudan", "r1", "2027-01-01");
  PutDelegation("sudan", "r1", "saf", 1, 3);
  EXPECT_THAT(Picture("sudan"), ElementsAre("r1/saf=1/4"));
  PutDelegation("sudan", "r1", "saf", 3, 0);
  EXPECT_THAT(Picture("sudan"), ElementsAre("r1/saf=3/3"));
}

// A process edited through MatchingService (here: its store) changes the target the figures use.
TEST_F(BalanceCatalogTest, FollowsProcessUpdatesMadeElsewhere) {
  CreateProcess("sudan", "SD");
  StartCatalog();
  EXPECT_DOUBLE_EQ(Target("sudan"), 0.30);
  ASSERT_OK(storage::ProcessStore(*store_).Update("processes/sudan", "", [](auto& process) {
    process.set_target_women_share(0.5);
    return absl::OkStatus();
  }));
  EXPECT_DOUBLE_EQ(Target("sudan"), 0.5);
}

TEST_F(BalanceCatalogTest, WritesOfOtherTablesOnlyMoveTheCursor) {
  StartCatalog();
  ASSERT_OK(store_->Write([](storage::WriteTransaction& txn) {
    txn.Put(storage::Table::kMediators, "networks/n/mediators/m", "not ours");
    return absl::OkStatus();
  }));
  // AwaitCurrent waits for the followed tables only; a process written after the mediator carries the
  // cursor past it.
  CreateProcess("sudan", "SD");
  ASSERT_OK(catalog_->AwaitCurrent(absl::Now() + kWait));
  EXPECT_GE(catalog_->applied_cursor(), store_->FeedHead());
}

TEST_F(BalanceCatalogTest, ReloadsTheSamePictureAfterReopen) {
  StartCatalog();
  CreateProcess("sudan", "SD");
  CreateRound("sudan", "r1", "2027-01-01");
  PutDelegation("sudan", "r1", "saf", 1, 3);
  PutDelegation("sudan", "r1", "au", 2, 1);
  const std::vector<std::string> before = Picture("sudan");
  Close();
  Open();
  StartCatalog();
  EXPECT_EQ(catalog_->load_stats().delegations, 2u);
  EXPECT_EQ(Picture("sudan"), before);
}

TEST_F(BalanceCatalogTest, CorruptRowFailsTheStart) {
  ASSERT_OK(store_->Write([](storage::WriteTransaction& txn) {
    txn.Put(storage::Table::kDelegations, "processes/p/rounds/r/delegations/d",
            std::string("\x0a\xff", 2));
    return absl::OkStatus();
  }));
  EXPECT_THAT(BalanceCatalog::Start(*store_), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(BalanceCatalogTest, CorruptRowStopsFollowingAndReadsSayUnavailable) {
  StartCatalog();
  ASSERT_OK(store_->Write([](storage::WriteTransaction& txn) {
    txn.Put(storage::Table::kRounds, "processes/p/rounds/r", std::string("\x0a\xff", 2));
    return absl::OkStatus();
  }));
  EXPECT_THAT(catalog_->AwaitCurrent(absl::Now() + kWait),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace wps::balance
