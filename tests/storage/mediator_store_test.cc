#include "storage/mediator_store.h"

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Mediator = MediatorStore::Mediator;
using Outcome = MediatorStore::UpsertOutcome;

Mediator MakeMediator(absl::string_view network, absl::string_view id, absl::string_view given = "Amina") {
  Mediator m;
  m.set_name(absl::StrCat("networks/", network, "/mediators/", id));
  m.set_network(std::string(network));
  m.set_given_name(std::string(given));
  m.set_family_name("Mohammed");
  m.add_expertise("power-sharing");
  m.set_years_experience(12);
  return m;
}

// UpsertAll's merge for most tests: the incoming record replaces the stored one.
Mediator TakeIncoming(const Mediator*, const Mediator& incoming) { return incoming; }

class MediatorStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.data_dir = dir_.Join("db");
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(options));
    mediators_ = std::make_unique<MediatorStore>(*store_);
  }

  // UpsertAll with a merge that returns the record to write, as most tests state it.
  absl::StatusOr<std::vector<MediatorStore::UpsertOutcome>> Upsert(
      std::vector<Mediator> records,
      const std::function<Mediator(const Mediator* stored, const Mediator& incoming)>& merge) {
    return mediators_->UpsertAll(absl::MakeSpan(records), [&](const Mediator* stored, Mediator& record) {
      record = merge(stored, record);
    });
  }

  std::vector<std::string> ScanNames(absl::string_view prefix, absl::string_view start_after,
                                     bool include_deleted) {
    std::vector<std::string> names;
    EXPECT_OK(mediators_->Scan(prefix, start_after, include_deleted, [&](Mediator&& m) {
      names.push_back(m.name());
      return true;
    }));
    return names;
  }

  // Writes raw bytes that are not a Mediator under `key`.
  void PutCorruptRow(absl::string_view key) {
    ASSERT_OK(store_->Write([&](WriteTransaction& txn) {
      txn.Put(Table::kMediators, key, std::string("\x0a\xff", 2));  // a field longer than the value
      return absl::OkStatus();
    }));
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<MediatorStore> mediators_;
};

// ---- Create and Get

TEST_F(MediatorStoreTest, CreateSetsEtagAndTimes) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  EXPECT_FALSE(created.etag().empty());
  EXPECT_TRUE(created.has_create_time());
  EXPECT_GT(TimeUtil::TimestampToMicroseconds(created.create_time()), 0);
  EXPECT_EQ(created.update_time(), created.create_time());
  EXPECT_FALSE(created.has_delete_time());
  EXPECT_EQ(created.given_name(), "Amina");

  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get("networks/nordic/mediators/amina"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString() << created.DebugString();
}

TEST_F(MediatorStoreTest, CreateIgnoresGivenOutputFields) {
  Mediator input = MakeMediator("nordic", "amina");
  input.set_etag("client-etag");
  *input.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
  *input.mutable_delete_time() = TimeUtil::SecondsToTimestamp(2);
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(input));
  EXPECT_NE(created.etag(), "client-etag");
  EXPECT_NE(created.create_time(), TimeUtil::SecondsToTimestamp(1));
  EXPECT_FALSE(created.has_delete_time());
  EXPECT_OK(mediators_->Get(input.name()));
}

TEST_F(MediatorStoreTest, CreateTakenNameReturnsAlreadyExists) {
  ASSERT_OK_AND_ASSIGN(Mediator first, mediators_->Create(MakeMediator("nordic", "amina")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(mediators_->Create(MakeMediator("nordic", "amina", "Other")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("networks/nordic/mediators/amina")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(first.name()));
  EXPECT_EQ(got.given_name(), "Amina");
}

TEST_F(MediatorStoreTest, CreateNameOfDeletedRecordReturnsAlreadyExists) {
  ASSERT_OK_AND_ASSIGN(Mediator first, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK(mediators_->SoftDelete(first.name(), first.etag()));
  EXPECT_THAT(mediators_->Create(MakeMediator("nordic", "amina")),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(MediatorStoreTest, GetAbsentReturnsNotFound) {
  EXPECT_THAT(mediators_->Get("networks/nordic/mediators/nobody"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->Get("networks/nordic/mediators/nobody", /*include_deleted=*/true),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MediatorStoreTest, GetDeletedReturnsNotFound) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator deleted, mediators_->SoftDelete(created.name(), ""));
  EXPECT_THAT(mediators_->Get(created.name()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("deleted")));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name(), /*include_deleted=*/true));
  EXPECT_TRUE(got.has_delete_time());
  EXPECT_EQ(got.etag(), deleted.etag());
}

TEST_F(MediatorStoreTest, GetOfCorruptRowReturnsDataLoss) {
  PutCorruptRow("networks/nordic/mediators/bad");
  EXPECT_THAT(mediators_->Get("networks/nordic/mediators/bad"), StatusIs(absl::StatusCode::kDataLoss));
}

// ---- Update

TEST_F(MediatorStoreTest, UpdateWithMatchingEtagWrites) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator updated, mediators_->Update(created.name(), created.etag(), [](Mediator& m) {
    m.set_bio("Ceasefire negotiations, Sudan.");
    return absl::OkStatus();
  }));
  EXPECT_EQ(updated.bio(), "Ceasefire negotiations, Sudan.");
  EXPECT_NE(updated.etag(), created.etag());
  EXPECT_EQ(updated.create_time(), created.create_time());
  EXPECT_GE(updated.update_time(), created.update_time());

  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_TRUE(MessageDifferencer::Equals(got, updated)) << got.DebugString();
}

TEST_F(MediatorStoreTest, UpdateWithEmptyEtagWrites) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator updated, mediators_->Update(created.name(), "", [](Mediator& m) {
    m.set_years_experience(13);
    return absl::OkStatus();
  }));
  EXPECT_EQ(updated.years_experience(), 13);
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_EQ(got.years_experience(), 13);
}

TEST_F(MediatorStoreTest, UpdateWithStaleEtagReturnsAbortedAndChangesNothing) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator current, mediators_->Update(created.name(), "", [](Mediator& m) {
    m.set_bio("v2");
    return absl::OkStatus();
  }));
  const uint64_t head = store_->FeedHead();
  bool mutated = false;
  EXPECT_THAT(mediators_->Update(created.name(), created.etag(),
                                 [&](Mediator& m) {
                                   mutated = true;
                                   m.set_bio("v3");
                                   return absl::OkStatus();
                                 }),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_FALSE(mutated);
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_EQ(got.bio(), "v2");
  EXPECT_EQ(got.etag(), current.etag());
}

TEST_F(MediatorStoreTest, UpdateReturnsMutateErrorAndChangesNothing) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  const uint64_t head = store_->FeedHead();
  EXPECT_THAT(mediators_->Update(created.name(), "",
                                 [](Mediator& m) {
                                   m.set_bio("half-done");
                                   return absl::InvalidArgumentError("bad chapter");
                                 }),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad chapter")));
  EXPECT_EQ(store_->FeedHead(), head);
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_THAT(got.bio(), IsEmpty());
}

TEST_F(MediatorStoreTest, UpdateAbsentOrDeletedReturnsNotFound) {
  auto no_op = [](Mediator&) { return absl::OkStatus(); };
  EXPECT_THAT(mediators_->Update("networks/nordic/mediators/nobody", "", no_op),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator deleted, mediators_->SoftDelete(created.name(), ""));
  EXPECT_THAT(mediators_->Update(created.name(), deleted.etag(), no_op),
              StatusIs(absl::StatusCode::kNotFound));
}

// The name is the row key and the times are the store's: mutate cannot move or re-date the record.
TEST_F(MediatorStoreTest, UpdateKeepsNameAndStoreOwnedFields) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator other, mediators_->Create(MakeMediator("nordic", "other", "Other")));
  ASSERT_OK_AND_ASSIGN(Mediator updated, mediators_->Update(created.name(), "", [](Mediator& m) {
    m.set_name("networks/nordic/mediators/other");
    *m.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
    *m.mutable_delete_time() = TimeUtil::SecondsToTimestamp(2);
    m.set_bio("new bio");
    return absl::OkStatus();
  }));
  EXPECT_EQ(updated.name(), created.name());
  EXPECT_EQ(updated.create_time(), created.create_time());
  EXPECT_FALSE(updated.has_delete_time());
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_EQ(got.bio(), "new bio");
  ASSERT_OK_AND_ASSIGN(Mediator untouched, mediators_->Get(other.name()));
  EXPECT_EQ(untouched.given_name(), "Other");
  EXPECT_EQ(untouched.etag(), other.etag());
}

// ---- SoftDelete and Undelete

TEST_F(MediatorStoreTest, SoftDeleteSetsDeleteTimeAndKeepsRecord) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator deleted, mediators_->SoftDelete(created.name(), created.etag()));
  EXPECT_TRUE(deleted.has_delete_time());
  EXPECT_GE(deleted.delete_time(), created.create_time());
  EXPECT_NE(deleted.etag(), created.etag());
  EXPECT_EQ(deleted.given_name(), "Amina");
  EXPECT_EQ(deleted.create_time(), created.create_time());
}

TEST_F(MediatorStoreTest, SoftDeleteWithStaleEtagReturnsAborted) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m.set_bio("changed");
    return absl::OkStatus();
  }));
  EXPECT_THAT(mediators_->SoftDelete(created.name(), created.etag()),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_OK(mediators_->Get(created.name()));
}

TEST_F(MediatorStoreTest, SoftDeleteTwiceReturnsNotFound) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator deleted, mediators_->SoftDelete(created.name(), ""));
  EXPECT_THAT(mediators_->SoftDelete(created.name(), ""), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->SoftDelete(created.name(), deleted.etag()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->SoftDelete("networks/nordic/mediators/nobody", ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MediatorStoreTest, UndeleteRestoresRecord) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  ASSERT_OK_AND_ASSIGN(Mediator deleted, mediators_->SoftDelete(created.name(), ""));
  ASSERT_OK_AND_ASSIGN(Mediator restored, mediators_->Undelete(created.name()));
  EXPECT_FALSE(restored.has_delete_time());
  EXPECT_NE(restored.etag(), deleted.etag());
  EXPECT_EQ(restored.create_time(), created.create_time());
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_EQ(got.etag(), restored.etag());
}

TEST_F(MediatorStoreTest, UndeleteLiveRecordReturnsFailedPrecondition) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "amina")));
  EXPECT_THAT(mediators_->Undelete(created.name()), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(mediators_->Undelete("networks/nordic/mediators/nobody"),
              StatusIs(absl::StatusCode::kNotFound));
}

// ---- UpsertAll

TEST_F(MediatorStoreTest, UpsertAllReportsCreatedUpdatedAndUnchanged) {
  ASSERT_OK_AND_ASSIGN(Mediator same, mediators_->Create(MakeMediator("nordic", "same")));
  ASSERT_OK_AND_ASSIGN(Mediator changed, mediators_->Create(MakeMediator("nordic", "changed")));
  Mediator changed_input = MakeMediator("nordic", "changed");
  changed_input.set_bio("new bio");
  const std::vector<Mediator> incoming = {MakeMediator("nordic", "same"), changed_input,
                                          MakeMediator("nordic", "new")};

  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes, Upsert(incoming, TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kUnchanged, Outcome::kUpdated, Outcome::kCreated));

  ASSERT_OK_AND_ASSIGN(Mediator same_now, mediators_->Get(same.name()));
  EXPECT_EQ(same_now.etag(), same.etag()) << "an unchanged record is not rewritten";
  ASSERT_OK_AND_ASSIGN(Mediator changed_now, mediators_->Get(changed.name()));
  EXPECT_EQ(changed_now.bio(), "new bio");
  EXPECT_NE(changed_now.etag(), changed.etag());
  EXPECT_EQ(changed_now.create_time(), changed.create_time());
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Get("networks/nordic/mediators/new"));
  EXPECT_TRUE(created.has_create_time());
  EXPECT_EQ(created.update_time(), created.create_time());
}

TEST_F(MediatorStoreTest, UpsertAllOfUnchangedRecordsWritesNothing) {
  ASSERT_OK(mediators_->Create(MakeMediator("nordic", "a")));
  const uint64_t head = store_->FeedHead();
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes,
                       Upsert({MakeMediator("nordic", "a")}, TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kUnchanged));
  EXPECT_EQ(store_->FeedHead(), head);
}

TEST_F(MediatorStoreTest, UpsertAllPassesStoredRecordToMerge) {
  ASSERT_OK_AND_ASSIGN(Mediator stored, mediators_->Create(MakeMediator("nordic", "a")));
  std::vector<std::string> seen_etags;
  auto merge = [&](const Mediator* current, const Mediator& incoming) {
    seen_etags.push_back(current == nullptr ? "none" : current->etag());
    Mediator merged = current == nullptr ? incoming : *current;
    merged.set_years_experience(incoming.years_experience());
    return merged;
  };
  Mediator incoming = MakeMediator("nordic", "a", "Ignored");
  incoming.set_years_experience(30);
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes,
                       Upsert({incoming, MakeMediator("nordic", "b")}, merge));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kUpdated, Outcome::kCreated));
  EXPECT_THAT(seen_etags, ElementsAre(stored.etag(), "none"));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(stored.name()));
  EXPECT_EQ(got.given_name(), "Amina");
  EXPECT_EQ(got.years_experience(), 30);
}

TEST_F(MediatorStoreTest, UpsertAllRevivesDeletedRecordKeepingCreateTime) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "a")));
  ASSERT_OK(mediators_->SoftDelete(created.name(), ""));
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes,
                       Upsert({MakeMediator("nordic", "a")}, TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kUpdated));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_FALSE(got.has_delete_time());
  EXPECT_EQ(got.create_time(), created.create_time());
}

TEST_F(MediatorStoreTest, UpsertAllKeepsCreateTimeWhateverMergeReturns) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "a")));
  Mediator incoming = MakeMediator("nordic", "a");
  *incoming.mutable_create_time() = TimeUtil::SecondsToTimestamp(1);
  incoming.set_bio("changed");
  ASSERT_OK(Upsert({incoming}, TakeIncoming));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(created.name()));
  EXPECT_EQ(got.create_time(), created.create_time());
  EXPECT_EQ(got.bio(), "changed");
}

TEST_F(MediatorStoreTest, UpsertAllCreatesLiveRecords) {
  Mediator incoming = MakeMediator("nordic", "a");
  *incoming.mutable_delete_time() = TimeUtil::SecondsToTimestamp(5);
  ASSERT_OK(Upsert({incoming}, TakeIncoming));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(incoming.name()));
  EXPECT_FALSE(got.has_delete_time());
}

TEST_F(MediatorStoreTest, UpsertAllWritesUnderIncomingName) {
  ASSERT_OK_AND_ASSIGN(Mediator victim, mediators_->Create(MakeMediator("nordic", "victim", "Victim")));
  auto renaming_merge = [](const Mediator*, const Mediator& incoming) {
    Mediator merged = incoming;
    merged.set_name("networks/nordic/mediators/victim");
    return merged;
  };
  ASSERT_OK(Upsert({MakeMediator("nordic", "a")}, renaming_merge));
  EXPECT_OK(mediators_->Get("networks/nordic/mediators/a"));
  ASSERT_OK_AND_ASSIGN(Mediator untouched, mediators_->Get(victim.name()));
  EXPECT_EQ(untouched.etag(), victim.etag());
}

TEST_F(MediatorStoreTest, UpsertAllIsAllOrNothing) {
  ASSERT_OK_AND_ASSIGN(Mediator existing, mediators_->Create(MakeMediator("nordic", "existing")));
  PutCorruptRow("networks/nordic/mediators/bad");
  const uint64_t head = store_->FeedHead();
  Mediator changed = MakeMediator("nordic", "existing");
  changed.set_bio("should not stick");
  EXPECT_THAT(Upsert({MakeMediator("nordic", "first"), changed,
                                     MakeMediator("nordic", "bad"), MakeMediator("nordic", "last")},
                                    TakeIncoming),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_EQ(store_->FeedHead(), head);
  EXPECT_THAT(mediators_->Get("networks/nordic/mediators/first"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(mediators_->Get("networks/nordic/mediators/last"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(existing.name()));
  EXPECT_THAT(got.bio(), IsEmpty());
  EXPECT_EQ(got.etag(), existing.etag());
}

TEST_F(MediatorStoreTest, UpsertAllWithSameNameTwiceAppliesBothInOrder) {
  Mediator first = MakeMediator("nordic", "twice");
  Mediator second = MakeMediator("nordic", "twice");
  second.set_bio("second");
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes, Upsert({first, second}, TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kCreated, Outcome::kUpdated));
  ASSERT_OK_AND_ASSIGN(Mediator got, mediators_->Get(first.name()));
  EXPECT_EQ(got.bio(), "second");
  EXPECT_TRUE(got.has_create_time());

  // The feed carries the record once, as the batch left it.
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  ASSERT_OK_AND_ASSIGN(Mediator from_feed, MediatorStore::Decode(
                                               page.changes[0].key,
                                               VersionedValue{page.changes[0].value, page.changes[0].cursor}));
  EXPECT_TRUE(MessageDifferencer::Equals(from_feed, got)) << from_feed.DebugString();
}

TEST_F(MediatorStoreTest, UpsertAllWithSameRecordTwiceReportsUnchangedSecond) {
  const Mediator record = MakeMediator("nordic", "twice");
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes, Upsert({record, record}, TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kCreated, Outcome::kUnchanged));
  EXPECT_EQ(store_->FeedHead(), 1u);
}

TEST_F(MediatorStoreTest, UpsertAllOfNothingSucceeds) {
  ASSERT_OK_AND_ASSIGN(std::vector<Outcome> outcomes, Upsert({}, TakeIncoming));
  EXPECT_THAT(outcomes, IsEmpty());
  EXPECT_EQ(store_->FeedHead(), 0u);
}

// ---- Scan and Decode

TEST_F(MediatorStoreTest, ScanByNetworkPrefixInNameOrder) {
  for (const char* id : {"c", "a", "b"}) ASSERT_OK(mediators_->Create(MakeMediator("nordic", id)));
  ASSERT_OK(mediators_->Create(MakeMediator("femwise", "z")));
  ASSERT_OK(mediators_->Create(MakeMediator("nordic2", "x")));
  EXPECT_THAT(ScanNames("networks/nordic/mediators/", "", false),
              ElementsAre("networks/nordic/mediators/a", "networks/nordic/mediators/b",
                          "networks/nordic/mediators/c"));
  EXPECT_THAT(ScanNames("networks/femwise/mediators/", "", false),
              ElementsAre("networks/femwise/mediators/z"));
  EXPECT_EQ(ScanNames("", "", false).size(), 5u);
}

TEST_F(MediatorStoreTest, ScanStartsAfterStartAfter) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(mediators_->Create(MakeMediator("nordic", id)));
  EXPECT_THAT(ScanNames("networks/nordic/mediators/", "networks/nordic/mediators/a", false),
              ElementsAre("networks/nordic/mediators/b", "networks/nordic/mediators/c"));
  EXPECT_THAT(ScanNames("networks/nordic/mediators/", "networks/nordic/mediators/c", false), IsEmpty());
}

TEST_F(MediatorStoreTest, ScanSkipsDeletedUnlessIncluded) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(mediators_->Create(MakeMediator("nordic", id)));
  ASSERT_OK(mediators_->SoftDelete("networks/nordic/mediators/b", ""));
  EXPECT_THAT(ScanNames("networks/nordic/mediators/", "", false),
              ElementsAre("networks/nordic/mediators/a", "networks/nordic/mediators/c"));
  EXPECT_THAT(ScanNames("networks/nordic/mediators/", "", true),
              ElementsAre("networks/nordic/mediators/a", "networks/nordic/mediators/b",
                          "networks/nordic/mediators/c"));
}

TEST_F(MediatorStoreTest, ScanStopsWhenVisitReturnsFalseAndSetsEtags) {
  std::vector<Mediator> created;
  for (const char* id : {"a", "b", "c"}) {
    ASSERT_OK_AND_ASSIGN(Mediator m, mediators_->Create(MakeMediator("nordic", id)));
    created.push_back(m);
  }
  std::vector<Mediator> seen;
  ASSERT_OK(mediators_->Scan("networks/nordic/", "", false, [&](Mediator&& m) {
    seen.push_back(std::move(m));
    return seen.size() < 2;
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].etag(), created[0].etag());
  EXPECT_EQ(seen[1].etag(), created[1].etag());
}

TEST_F(MediatorStoreTest, ScanOverCorruptRowReturnsDataLoss) {
  ASSERT_OK(mediators_->Create(MakeMediator("nordic", "a")));
  PutCorruptRow("networks/nordic/mediators/b");
  EXPECT_THAT(mediators_->Scan("networks/nordic/", "", false, [](Mediator&&) { return true; }),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(MediatorStoreTest, DecodeParsesFeedRowAndSetsEtag) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "a")));
  ASSERT_OK_AND_ASSIGN(FeedPage page, store_->ReadSince(0, 10));
  ASSERT_EQ(page.changes.size(), 1u);
  const Change& change = page.changes[0];
  EXPECT_EQ(change.table, Table::kMediators);
  EXPECT_EQ(change.key, created.name());
  ASSERT_OK_AND_ASSIGN(Mediator decoded,
                       MediatorStore::Decode(change.key, VersionedValue{change.value, change.cursor}));
  EXPECT_TRUE(MessageDifferencer::Equals(decoded, created)) << decoded.DebugString();
  EXPECT_EQ(decoded.etag(), std::to_string(change.cursor));
}

TEST_F(MediatorStoreTest, DecodeOfGarbageReturnsDataLoss) {
  EXPECT_THAT(MediatorStore::Decode("networks/n/mediators/x", VersionedValue{std::string("\x0a\xff", 2), 3}),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("networks/n/mediators/x")));
}

// ---- WasEverSharedWith

Mediator SharedWith(Mediator m, std::initializer_list<const char*> networks) {
  m.mutable_consent()->clear_share_with();
  for (const char* network : networks) m.mutable_consent()->add_share_with(network);
  return m;
}

Mediator SharedWithAll(Mediator m) {
  m.mutable_consent()->clear_share_with();
  m.mutable_consent()->set_share_all(true);
  return m;
}

// WasEverSharedWith, failing the test on an error.
bool WasShared(const MediatorStore& mediators, absl::string_view name, absl::string_view network) {
  absl::StatusOr<bool> shared = mediators.WasEverSharedWith(name, network);
  EXPECT_OK(shared.status());
  return shared.value_or(false);
}

TEST_F(MediatorStoreTest, WasEverSharedWithIsFalseForARecordNeverShared) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "a")));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m.set_bio("edited, still not shared");
    return absl::OkStatus();
  }));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "femwise"));
  EXPECT_FALSE(WasShared(*mediators_, "networks/nordic/mediators/absent", "femwise"));
}

TEST_F(MediatorStoreTest, WasEverSharedWithStaysTrueAfterConsentIsWithdrawn) {
  ASSERT_OK_AND_ASSIGN(Mediator created, mediators_->Create(MakeMediator("nordic", "a")));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m = SharedWith(m, {"femwise", "mediterranean"});
    return absl::OkStatus();
  }));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "femwise"));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "mediterranean"));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "commonwealth"));

  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m.clear_consent();
    return absl::OkStatus();
  }));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "femwise"));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "mediterranean"));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "commonwealth"));
}

TEST_F(MediatorStoreTest, WasEverSharedWithUnionsTheNetworksOverTime) {
  ASSERT_OK_AND_ASSIGN(Mediator created,
                       mediators_->Create(SharedWith(MakeMediator("nordic", "a"), {"femwise"})));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m = SharedWith(m, {"commonwealth"});
    return absl::OkStatus();
  }));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "femwise"));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "commonwealth"));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "arab"));
  // A network whose id is a part of a shared one's is not shared.
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "fem"));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), ""));
}

TEST_F(MediatorStoreTest, WasEverSharedWithStaysTrueAfterSoftDeleteAndUndelete) {
  ASSERT_OK_AND_ASSIGN(Mediator created,
                       mediators_->Create(SharedWith(MakeMediator("nordic", "a"), {"femwise"})));
  ASSERT_OK(mediators_->SoftDelete(created.name(), ""));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "femwise"));
  EXPECT_FALSE(WasShared(*mediators_, created.name(), "arab"));
  ASSERT_OK(mediators_->Undelete(created.name()));
  EXPECT_TRUE(WasShared(*mediators_, created.name(), "femwise"));
}

TEST_F(MediatorStoreTest, WasEverSharedWithAfterShareAllIsTrueForEveryNetwork) {
  ASSERT_OK_AND_ASSIGN(Mediator created,
                       mediators_->Create(SharedWith(MakeMediator("nordic", "a"), {"femwise"})));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m = SharedWithAll(m);
    return absl::OkStatus();
  }));
  ASSERT_OK(mediators_->Update(created.name(), "", [](Mediator& m) {
    m = SharedWith(m, {"arab"});
    return absl::OkStatus();
  }));
  for (const char* network : {"femwise", "arab", "commonwealth", "any-network-at-all"}) {
    EXPECT_TRUE(WasShared(*mediators_, created.name(), network)) << network;
  }
}

TEST_F(MediatorStoreTest, WasEverSharedWithIsPerRecord) {
  ASSERT_OK(mediators_->Create(SharedWithAll(MakeMediator("nordic", "shared"))));
  ASSERT_OK_AND_ASSIGN(Mediator other, mediators_->Create(MakeMediator("nordic", "private")));
  EXPECT_FALSE(WasShared(*mediators_, other.name(), "femwise"));
}

TEST_F(MediatorStoreTest, UpsertAllRecordsWhatItShares) {
  ASSERT_OK_AND_ASSIGN(Mediator existing, mediators_->Create(MakeMediator("nordic", "existing")));
  ASSERT_OK_AND_ASSIGN(
      std::vector<Outcome> outcomes,
      Upsert({SharedWith(MakeMediator("nordic", "existing"), {"femwise"}),
              SharedWithAll(MakeMediator("nordic", "new")), MakeMediator("nordic", "private")},
             TakeIncoming));
  EXPECT_THAT(outcomes, ElementsAre(Outcome::kUpdated, Outcome::kCreated, Outcome::kCreated));
  EXPECT_TRUE(WasShared(*mediators_, existing.name(), "femwise"));
  EXPECT_FALSE(WasShared(*mediators_, existing.name(), "arab"));
  EXPECT_TRUE(WasShared(*mediators_, "networks/nordic/mediators/new", "arab"));
  EXPECT_FALSE(WasShared(*mediators_, "networks/nordic/mediators/private", "femwise"));
}

// A name given twice in one batch: both versions' consents are recorded (the second sees the
// first's staged history).
TEST_F(MediatorStoreTest, UpsertAllWithSameNameTwiceRecordsBothShares) {
  ASSERT_OK(Upsert({SharedWith(MakeMediator("nordic", "a"), {"femwise"}),
                    SharedWith(MakeMediator("nordic", "a", "Other"), {"arab"})},
                   TakeIncoming));
  EXPECT_TRUE(WasShared(*mediators_, "networks/nordic/mediators/a", "femwise"));
  EXPECT_TRUE(WasShared(*mediators_, "networks/nordic/mediators/a", "arab"));
}

// Upsert's merge decides what is written: what it shares is recorded, not what came in.
TEST_F(MediatorStoreTest, UpsertAllRecordsTheMergedConsent) {
  ASSERT_OK(Upsert({SharedWith(MakeMediator("nordic", "a"), {"femwise"})},
                   [](const Mediator*, const Mediator& incoming) {
                     Mediator merged = incoming;
                     merged.clear_consent();
                     return merged;
                   }));
  EXPECT_FALSE(WasShared(*mediators_, "networks/nordic/mediators/a", "femwise"));
}

TEST_F(MediatorStoreTest, BackfillRecordsTheShareHistoryOfRecordsWrittenBeforeIt) {
  // A record as a store without the share history held it: written straight into the table.
  Mediator old = SharedWith(MakeMediator("nordic", "old"), {"femwise-africa"});
  ASSERT_OK(store_->Write([&](WriteTransaction& txn) {
    txn.Put(Table::kMediators, old.name(), old.SerializeAsString());
    return absl::OkStatus();
  }));
  ASSERT_OK(mediators_->Create(MakeMediator("nordic", "private")).status());
  EXPECT_FALSE(WasShared(*mediators_, old.name(), "femwise-africa"));
  ASSERT_OK_AND_ASSIGN(int64_t recorded, mediators_->BackfillShareHistory());
  EXPECT_EQ(recorded, 1);
  EXPECT_TRUE(WasShared(*mediators_, old.name(), "femwise-africa"));
  EXPECT_FALSE(WasShared(*mediators_, MakeMediator("nordic", "private").name(), "femwise-africa"));
  ASSERT_OK_AND_ASSIGN(recorded, mediators_->BackfillShareHistory());
  EXPECT_EQ(recorded, 0);  // once only
}

}  // namespace
}  // namespace wps::storage
