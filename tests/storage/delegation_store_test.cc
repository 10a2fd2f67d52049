// DelegationStore on a real RocksDB in a temp dir: put (create and replace), etags and ABORTED,
// get, per-round prefix scans, feed entries, durability across a reopen.
#include "storage/delegation_store.h"

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
using Delegation = DelegationStore::Delegation;
using Member = ::wps::balance::v1::Member;

constexpr char kRound[] = "processes/sudan/rounds/r1";

Delegation MakeDelegation(absl::string_view round, absl::string_view id, int women = 1) {
  Delegation delegation;
  delegation.set_name(absl::StrCat(round, "/delegations/", id));
  delegation.set_id(std::string(id));
  delegation.set_display_name(absl::StrCat("Delegation ", id));
  delegation.set_kind(Delegation::PARTY);
  for (int i = 0; i < women; ++i) {
    Member* member = delegation.add_members();
    member->set_display_name(absl::StrCat("Member ", i));
    member->set_gender(Member::WOMAN);
    member->set_role(Member::NEGOTIATOR);
  }
  return delegation;
}

class DelegationStoreTest : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ASSERT_NE(store_, nullptr);
    delegations_ = std::make_unique<DelegationStore>(*store_);
  }

  std::vector<std::string> RoundDelegations(absl::string_view round,
                                            absl::string_view start_after = "") {
    std::vector<std::string> names;
    EXPECT_OK(delegations_->ScanRound(round, start_after, [&](Delegation&& delegation) {
      names.push_back(delegation.name());
      return true;
    }));
    return names;
  }

  std::unique_ptr<DelegationStore> delegations_;
};

TEST_F(DelegationStoreTest, PutCreatesWithEtagAndUpdateTime) {
  const absl::Time before = absl::Now();
  Delegation delegation = MakeDelegation(kRound, "saf");
  delegation.set_etag("client-made");
  ASSERT_OK_AND_ASSIGN(Delegation written, delegations_->Put(delegation, ""));
  EXPECT_EQ(written.etag(), std::to_string(store_->FeedHead()));
  EXPECT_GE(TimeUtil::TimestampToMicroseconds(written.update_time()),
            absl::ToUnixMicros(before) - 1000);
  ASSERT_OK_AND_ASSIGN(Delegation got, delegations_->Get(delegation.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(got, written)) << got.DebugString();
}

TEST_F(DelegationStoreTest, PutReplacesWholeAndAdvancesEtag) {
  ASSERT_OK_AND_ASSIGN(Delegation first, delegations_->Put(MakeDelegation(kRound, "saf", 3), ""));
  ASSERT_OK_AND_ASSIGN(Delegation second,
                       delegations_->Put(MakeDelegation(kRound, "saf", 1), first.etag()));
  EXPECT_NE(second.etag(), first.etag());
  ASSERT_OK_AND_ASSIGN(Delegation got, delegations_->Get(second.name()));
  EXPECT_EQ(got.members_size(), 1);
  EXPECT_EQ(got.etag(), second.etag());
}

TEST_F(DelegationStoreTest, PutWithStaleEtagReturnsAbortedAndWritesNothing) {
  ASSERT_OK_AND_ASSIGN(Delegation first, delegations_->Put(MakeDelegation(kRound, "saf", 3), ""));
  ASSERT_OK(delegations_->Put(MakeDelegation(kRound, "saf", 2), ""));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(delegations_->Put(MakeDelegation(kRound, "saf", 1), first.etag()),
              StatusIs(absl::StatusCode::kAborted, HasSubstr(first.name())));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Delegation got, delegations_->Get(first.name()));
  EXPECT_EQ(got.members_size(), 2);
}

TEST_F(DelegationStoreTest, PutWithEtagOfAbsentDelegationReturnsAborted) {
  EXPECT_THAT(delegations_->Put(MakeDelegation(kRound, "saf"), "7"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("does not exist")));
  EXPECT_EQ(store_->FeedHead(), 0u);
}

TEST_F(DelegationStoreTest, PutWritesOneFeedEntryInDelegationsTable) {
  ASSERT_OK(delegations_->Put(MakeDelegation(kRound, "saf"), ""));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  EXPECT_EQ(page.changes[0].table, Table::kDelegations);
  ASSERT_OK_AND_ASSIGN(Delegation decoded,
                       DelegationStore::Decode(page.changes[0].key,
                                               VersionedValue{page.changes[0].value, page.changes[0].cursor}));
  EXPECT_EQ(decoded.etag(), std::to_string(page.changes[0].cursor));
  EXPECT_EQ(decoded.members_size(), 1);
}

TEST_F(DelegationStoreTest, GetAbsentReturnsNotFoundAndCorruptReturnsDataLoss) {
  EXPECT_THAT(delegations_->Get(absl::StrCat(kRound, "/delegations/none")),
              StatusIs(absl::StatusCode::kNotFound));
  Put(Table::kDelegations, absl::StrCat(kRound, "/delegations/bad"), std::string("\x0a\xff", 2));
  EXPECT_THAT(delegations_->Get(absl::StrCat(kRound, "/delegations/bad")),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("delegations/bad")));
}

// rounds/r1 and rounds/r1-b share the prefix "rounds/r1": only the "/delegations/" suffix keeps
// them apart.
TEST_F(DelegationStoreTest, ScanRoundVisitsOnlyThatRoundInIdOrder) {
  const std::string other = "processes/sudan/rounds/r1-b";
  ASSERT_OK(delegations_->Put(MakeDelegation(kRound, "saf"), ""));
  ASSERT_OK(delegations_->Put(MakeDelegation(other, "aaa"), ""));
  ASSERT_OK(delegations_->Put(MakeDelegation(kRound, "rsf"), ""));
  ASSERT_OK(delegations_->Put(MakeDelegation(kRound, "au"), ""));
  EXPECT_THAT(RoundDelegations(kRound),
              ElementsAre(absl::StrCat(kRound, "/delegations/au"),
                          absl::StrCat(kRound, "/delegations/rsf"),
                          absl::StrCat(kRound, "/delegations/saf")));
  EXPECT_THAT(RoundDelegations(kRound, absl::StrCat(kRound, "/delegations/rsf")),
              ElementsAre(absl::StrCat(kRound, "/delegations/saf")));
  EXPECT_THAT(RoundDelegations(other), ElementsAre(absl::StrCat(other, "/delegations/aaa")));
  EXPECT_THAT(RoundDelegations("processes/sudan/rounds/none"), IsEmpty());
}

TEST_F(DelegationStoreTest, ScanAllVisitsEveryRoundWithEtags) {
  ASSERT_OK(delegations_->Put(MakeDelegation("processes/b/rounds/r", "x"), ""));
  ASSERT_OK(delegations_->Put(MakeDelegation("processes/a/rounds/r", "y"), ""));
  std::vector<std::string> names;
  ASSERT_OK(delegations_->ScanAll([&](Delegation&& delegation) {
    EXPECT_FALSE(delegation.etag().empty());
    names.push_back(delegation.name());
    return true;
  }));
  EXPECT_THAT(names, ElementsAre("processes/a/rounds/r/delegations/y",
                                 "processes/b/rounds/r/delegations/x"));
}

TEST_F(DelegationStoreTest, DelegationsSurviveReopen) {
  ASSERT_OK_AND_ASSIGN(Delegation written, delegations_->Put(MakeDelegation(kRound, "saf", 4), ""));
  delegations_.reset();
  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  DelegationStore reopened(*store_);
  ASSERT_OK_AND_ASSIGN(Delegation got, reopened.Get(written.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(got, written)) << got.DebugString();
}

}  // namespace
}  // namespace wps::storage
