#include "storage/process_store.h"

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
using PeaceProcess = ProcessStore::PeaceProcess;

PeaceProcess MakeProcess(absl::string_view id, absl::string_view display_name = "Sudan talks") {
  PeaceProcess process;
  process.set_name(absl::StrCat("processes/", id));
  process.set_display_name(std::string(display_name));
  process.add_countries("SD");
  process.add_working_languages("ar");
  process.set_stage(PeaceProcess::NEGOTIATION);
  return process;
}

class ProcessStoreTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ASSERT_NE(store_, nullptr);
    processes_ = std::make_unique<ProcessStore>(*store_);
  }

  std::vector<std::string> ScanNames(absl::string_view start_after) {
    std::vector<std::string> names;
    EXPECT_OK(processes_->Scan(start_after, [&](PeaceProcess&& process) {
      names.push_back(process.name());
      return true;
    }));
    return names;
  }

  // Sets the display name; the mutation most tests apply.
  static absl::Status Rename(PeaceProcess& process, absl::string_view display_name) {
    process.set_display_name(std::string(display_name));
    return absl::OkStatus();
  }

  std::unique_ptr<ProcessStore> processes_;
};

TEST_F(ProcessStoreTest, CreateSetsOutputOnlyFieldsAndStoresRecord) {
  const absl::Time before = absl::Now();
  PeaceProcess process = MakeProcess("sudan");
  process.set_etag("client-made");
  *process.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, processes_->Create(process));
  EXPECT_EQ(created.etag(), std::to_string(store_->FeedHead()));
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(created.create_time()),
            absl::ToUnixMicros(before) - 1000);
  EXPECT_EQ(created.update_time(), created.create_time());
  EXPECT_EQ(created.display_name(), "Sudan talks");

  ASSERT_OK_AND_ASSIGN(PeaceProcess got, processes_->Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(ProcessStoreTest, CreateWritesOneFeedEntryInProcessesTable) {
  ASSERT_OK(processes_->Create(MakeProcess("sudan")));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].table, Table::kProcesses);
  EXPECT_EQ(page.changes[0].key, "processes/sudan");
}

TEST_F(ProcessStoreTest, CreateDuplicateReturnsAlreadyExistsAndKeepsOriginal) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess first, processes_->Create(MakeProcess("sudan")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(processes_->Create(MakeProcess("sudan", "Impostor")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("processes/sudan")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, processes_->Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, first)) << got.DebugString();
}

TEST_F(ProcessStoreTest, GetAbsentReturnsNotFound) {
  EXPECT_THAT(processes_->Get("processes/nowhere"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ProcessStoreTest, GetOfCorruptRowReturnsDataLoss) {
  Put(Table::kProcesses, "processes/bad", std::string("\x0a\xff", 2));
  EXPECT_THAT(processes_->Get("processes/bad"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("processes/bad")));
}

TEST_F(ProcessStoreTest, UpdateAppliesMutationAndAdvancesEtagAndUpdateTime) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, processes_->Create(MakeProcess("sudan")));
  ASSERT_OK_AND_ASSIGN(PeaceProcess updated,
                       processes_->Update("processes/sudan", created.etag(), [](PeaceProcess& p) {
                         return Rename(p, "Jeddah talks");
                       }));
  EXPECT_EQ(updated.display_name(), "Jeddah talks");
  EXPECT_NE(updated.etag(), created.etag());
  EXPECT_EQ(updated.etag(), std::to_string(store_->FeedHead()));
  EXPECT_EQ(updated.create_time(), created.create_time());
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(updated.update_time()),
            TimeUtil::TimestampToMicroseconds(created.update_time()));
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, processes_->Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, updated)) << got.DebugString();
}

TEST_F(ProcessStoreTest, UpdateWithoutEtagAlwaysApplies) {
  ASSERT_OK(processes_->Create(MakeProcess("sudan")));
  ASSERT_OK(
      processes_->Update("processes/sudan", "", [](PeaceProcess& p) { return Rename(p, "One"); }));
  ASSERT_OK_AND_ASSIGN(
      PeaceProcess updated,
      processes_->Update("processes/sudan", "", [](PeaceProcess& p) { return Rename(p, "Two"); }));
  EXPECT_EQ(updated.display_name(), "Two");
}

TEST_F(ProcessStoreTest, UpdateWithStaleEtagReturnsAbortedAndWritesNothing) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, processes_->Create(MakeProcess("sudan")));
  ASSERT_OK(processes_->Update("processes/sudan", created.etag(),
                               [](PeaceProcess& p) { return Rename(p, "A"); }));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(processes_->Update("processes/sudan", created.etag(),
                                 [](PeaceProcess& p) { return Rename(p, "B"); }),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("processes/sudan")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, processes_->Get("processes/sudan"));
  EXPECT_EQ(got.display_name(), "A");
}

TEST_F(ProcessStoreTest, UpdateAbsentReturnsNotFound) {
  EXPECT_THAT(
      processes_->Update("processes/nowhere", "", [](PeaceProcess& p) { return Rename(p, "A"); }),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ProcessStoreTest, UpdateReturnsMutationErrorAndWritesNothing) {
  ASSERT_OK(processes_->Create(MakeProcess("sudan")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(processes_->Update("processes/sudan", "",
                                 [](PeaceProcess& p) {
                                   p.set_display_name("changed");
                                   return absl::InvalidArgumentError("no");
                                 }),
              StatusIs(absl::StatusCode::kInvalidArgument, "no"));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, processes_->Get("processes/sudan"));
  EXPECT_EQ(got.display_name(), "Sudan talks");
}

TEST_F(ProcessStoreTest, UpdateKeepsNameAndCreateTimeWhateverTheMutationDoes) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, processes_->Create(MakeProcess("sudan")));
  ASSERT_OK(processes_->Create(MakeProcess("yemen", "Yemen talks")));
  ASSERT_OK_AND_ASSIGN(PeaceProcess updated,
                       processes_->Update("processes/sudan", "", [](PeaceProcess& p) {
                         p.set_name("processes/yemen");
                         p.clear_create_time();
                         return absl::OkStatus();
                       }));
  EXPECT_EQ(updated.name(), "processes/sudan");
  EXPECT_EQ(updated.create_time(), created.create_time());
  ASSERT_OK_AND_ASSIGN(PeaceProcess yemen, processes_->Get("processes/yemen"));
  EXPECT_EQ(yemen.display_name(), "Yemen talks");
}

TEST_F(ProcessStoreTest, ScanVisitsInNameOrderWithEtags) {
  for (const char* id : {"yemen", "colombia", "sudan", "myanmar"}) {
    ASSERT_OK(processes_->Create(MakeProcess(id)));
  }
  EXPECT_THAT(ScanNames(""), ElementsAre("processes/colombia", "processes/myanmar",
                                         "processes/sudan", "processes/yemen"));
  ASSERT_OK(processes_->Scan("", [](PeaceProcess&& process) {
    EXPECT_FALSE(process.etag().empty()) << process.name();
    return true;
  }));
}

TEST_F(ProcessStoreTest, ScanStartsAfterStartAfterAndStopsWhenVisitReturnsFalse) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(processes_->Create(MakeProcess(id)));
  EXPECT_THAT(ScanNames("processes/a"), ElementsAre("processes/b", "processes/c"));
  EXPECT_THAT(ScanNames("processes/c"), IsEmpty());
  std::vector<std::string> names;
  ASSERT_OK(processes_->Scan("", [&](PeaceProcess&& process) {
    names.push_back(process.name());
    return false;
  }));
  EXPECT_THAT(names, ElementsAre("processes/a"));
}

TEST_F(ProcessStoreTest, ScanStopsAtCorruptRowWithDataLoss) {
  ASSERT_OK(processes_->Create(MakeProcess("a")));
  Put(Table::kProcesses, "processes/b", std::string("\x0a\xff", 2));
  ASSERT_OK(processes_->Create(MakeProcess("c")));
  std::vector<std::string> names;
  EXPECT_THAT(processes_->Scan("",
                               [&](PeaceProcess&& process) {
                                 names.push_back(process.name());
                                 return true;
                               }),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("processes/b")));
  EXPECT_THAT(names, ElementsAre("processes/a"));
}

TEST_F(ProcessStoreTest, EmptyStoreScansNothing) { EXPECT_THAT(ScanNames(""), IsEmpty()); }

}  // namespace
}  // namespace wps::storage
