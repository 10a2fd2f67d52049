#include "storage/shortlist_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::storage {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::wps::testing::StatusIs;
using Shortlist = ShortlistStore::Shortlist;

Shortlist MakeShortlist(absl::string_view id, absl::string_view process = "processes/sudan") {
  Shortlist shortlist;
  shortlist.set_name(absl::StrCat("shortlists/", id));
  shortlist.mutable_request()->set_process(std::string(process));
  shortlist.mutable_request()->add_preferred_languages("ar");
  auto* candidate = shortlist.add_candidates();
  candidate->mutable_mediator()->set_name("networks/femwise-africa/mediators/amani");
  candidate->set_score(0.75);
  candidate->add_reasons("speaks Arabic (C2)");
  shortlist.set_total_matched(3);
  shortlist.set_requester("unit-1");
  return shortlist;
}

class ShortlistStoreTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ASSERT_NE(store_, nullptr);
    shortlists_ = std::make_unique<ShortlistStore>(*store_);
  }

  std::vector<std::string> ScanNames(absl::string_view start_after) {
    std::vector<std::string> names;
    EXPECT_OK(shortlists_->Scan(start_after, [&](Shortlist&& shortlist) {
      names.push_back(shortlist.name());
      return true;
    }));
    return names;
  }

  std::unique_ptr<ShortlistStore> shortlists_;
};

TEST_F(ShortlistStoreTest, CreateSetsCreateTimeFromCommitAndStoresRecord) {
  const absl::Time before = absl::Now();
  Shortlist shortlist = MakeShortlist("first");
  *shortlist.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
  ASSERT_OK_AND_ASSIGN(Shortlist created, shortlists_->Create(shortlist));
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(created.create_time()),
            absl::ToUnixMicros(before) - 1000);
  EXPECT_EQ(created.requester(), "unit-1");
  ASSERT_EQ(created.candidates_size(), 1);
  EXPECT_EQ(created.candidates(0).reasons(0), "speaks Arabic (C2)");

  ASSERT_OK_AND_ASSIGN(Shortlist got, shortlists_->Get("shortlists/first"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(ShortlistStoreTest, CreateWritesOneFeedEntryInShortlistsTable) {
  ASSERT_OK(shortlists_->Create(MakeShortlist("first")));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].table, Table::kShortlists);
  EXPECT_EQ(page.changes[0].key, "shortlists/first");
}

TEST_F(ShortlistStoreTest, CreateDuplicateReturnsAlreadyExistsAndKeepsOriginal) {
  ASSERT_OK_AND_ASSIGN(Shortlist first, shortlists_->Create(MakeShortlist("first")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(shortlists_->Create(MakeShortlist("first", "processes/yemen")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("shortlists/first")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Shortlist got, shortlists_->Get("shortlists/first"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, first)) << got.DebugString();
}

TEST_F(ShortlistStoreTest, GetAbsentReturnsNotFound) {
  EXPECT_THAT(shortlists_->Get("shortlists/nowhere"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ShortlistStoreTest, GetOfCorruptRowReturnsDataLoss) {
  Put(Table::kShortlists, "shortlists/bad", std::string("\x0a\xff", 2));
  EXPECT_THAT(shortlists_->Get("shortlists/bad"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(ShortlistStoreTest, ScanVisitsInNameOrderAfterStartAfter) {
  for (const char* id : {"c", "a", "b"}) ASSERT_OK(shortlists_->Create(MakeShortlist(id)));
  EXPECT_THAT(ScanNames(""), ElementsAre("shortlists/a", "shortlists/b", "shortlists/c"));
  EXPECT_THAT(ScanNames("shortlists/a"), ElementsAre("shortlists/b", "shortlists/c"));
  EXPECT_THAT(ScanNames("shortlists/c"), IsEmpty());
}

TEST_F(ShortlistStoreTest, ScanStopsWhenVisitReturnsFalse) {
  for (const char* id : {"a", "b"}) ASSERT_OK(shortlists_->Create(MakeShortlist(id)));
  std::vector<std::string> names;
  ASSERT_OK(shortlists_->Scan("", [&](Shortlist&& shortlist) {
    names.push_back(shortlist.name());
    return false;
  }));
  EXPECT_THAT(names, ElementsAre("shortlists/a"));
}

TEST_F(ShortlistStoreTest, EmptyStoreScansNothing) { EXPECT_THAT(ScanNames(""), IsEmpty()); }

TEST_F(ShortlistStoreTest, TimeOrderedIdsAreResourceIdsThatStrictlyIncrease) {
  std::string previous;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = names::NewTimeOrderedId();
    ASSERT_TRUE(vocab::IsResourceId(id)) << id;
    ASSERT_THAT(id, MatchesRegex("[0-9a-z]{11}-[0-9a-z]{4}"));
    ASSERT_LT(previous, id);
    previous = id;
  }
}

TEST_F(ShortlistStoreTest, ShortlistsNamedWithTimeOrderedIdsScanInCreationOrder) {
  std::vector<std::string> created;
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK_AND_ASSIGN(Shortlist shortlist,
                         shortlists_->Create(MakeShortlist(names::NewTimeOrderedId())));
    created.push_back(shortlist.name());
  }
  EXPECT_THAT(ScanNames(""), ElementsAreArray(created));
}

}  // namespace
}  // namespace wps::storage
