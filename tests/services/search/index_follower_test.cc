// IndexFollower over a real RocksDB store in a temp dir: the build from stored records, every kind of
// MediatorStore write reaching the index by AwaitCurrent(), and a restart rebuilding the same index.
#include "services/search/index_follower.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/mediator_store.h"
#include "tests/services/search/index_probe.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::search {
namespace {

namespace rv1 = ::wps::roster::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::wps::storage::MediatorStore;

std::string NameOf(const std::string& id) { return absl::StrCat("networks/nordic/mediators/", id); }

rv1::Mediator Record(const std::string& id, const std::string& given_name, const std::string& expertise) {
  rv1::Mediator m;
  m.set_name(NameOf(id));
  m.set_network("nordic");
  m.set_given_name(given_name);
  m.set_family_name("Lindqvist");
  m.set_display_name(absl::StrCat(given_name, " Lindqvist"));
  auto* language = m.add_languages();
  language->set_code("sv");
  language->set_level(type::LANGUAGE_LEVEL_NATIVE);
  m.add_regions("SD");
  m.add_expertise(expertise);
  m.add_roles("mediator");
  m.set_years_experience(8);
  m.set_availability(rv1::AVAILABLE);
  m.set_bio(absl::StrCat("Works on ", expertise, " with ", given_name, "'s team."));
  auto* period = m.add_unavailable_periods();
  period->set_start("2027-03-01");
  period->set_end("2027-03-31");
  return m;
}

// Words whose presence the dumps compare.
const std::vector<std::string>& ProbeWords() {
  static const auto* words = new std::vector<std::string>{"astrid", "britt", "cecilia", "dagny", "ebba",
                                                          "lind", "works", "elections", "land", "team"};
  return *words;
}

class IndexFollowerTest : public storage::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    mediators_ = std::make_unique<MediatorStore>(*store_);
  }

  void StartFollower() {
    follower_.reset();
    absl::StatusOr<std::unique_ptr<IndexFollower>> follower = IndexFollower::Start(*store_);
    ASSERT_OK(follower.status());
    follower_ = *std::move(follower);
  }

  void AwaitCurrent() { ASSERT_OK(follower_->AwaitCurrent(absl::Now() + absl::Seconds(10))); }

  template <typename F>
  auto Read(F&& f) {
    return follower_->index().Read(std::forward<F>(f));
  }

  std::vector<std::string> Live() {
    return Read([](const MediatorIndex& index) { return NamesIn(index, index.live()); });
  }
  std::vector<std::string> WithExpertise(const std::string& term) {
    return Read([&](const MediatorIndex& index) {
      return NamesIn(index, index.Postings(Dimension::kExpertise, term));
    });
  }
  std::vector<std::string> NamesPrefixed(const std::string& prefix) {
    return Read([&](const MediatorIndex& index) { return NamesIn(index, index.NamesWithPrefix(prefix)); });
  }
  std::string Dump() {
    return Read([](const MediatorIndex& index) { return DumpIndex(index, ProbeWords()); });
  }

  std::unique_ptr<MediatorStore> mediators_;
  std::unique_ptr<IndexFollower> follower_;
};

TEST_F(IndexFollowerTest, BuildsFromStoredRecordsLeavingDeletedOnesOut) {
  ASSERT_OK(mediators_->Create(Record("astrid", "Astrid", "elections")).status());
  ASSERT_OK(mediators_->Create(Record("britt", "Britt", "land")).status());
  ASSERT_OK(mediators_->Create(Record("cecilia", "Cecilia", "elections")).status());
  ASSERT_OK(mediators_->SoftDelete(NameOf("britt"), "").status());

  StartFollower();

  EXPECT_EQ(follower_->build_stats().records, 2u);
  EXPECT_EQ(follower_->applied_cursor(), store_->FeedHead());
  EXPECT_THAT(Live(), ElementsAre(NameOf("astrid"), NameOf("cecilia")));
  EXPECT_THAT(WithExpertise("elections"), ElementsAre(NameOf("astrid"), NameOf("cecilia")));
  EXPECT_THAT(WithExpertise("land"), IsEmpty());
  EXPECT_THAT(NamesPrefixed("britt"), IsEmpty());
  Read([&](const MediatorIndex& index) {
    const DocId britt = *SlotNamed(index, NameOf("britt"));
    EXPECT_FALSE(index.doc(britt).live());
    EXPECT_THAT(PostingsHolding(index, britt), IsEmpty());
    EXPECT_THAT(index.UnavailablePeriods(britt), IsEmpty());
  });
}

TEST_F(IndexFollowerTest, AnEmptyStoreGivesAnEmptyIndex) {
  StartFollower();
  AwaitCurrent();
  EXPECT_EQ(follower_->build_stats().records, 0u);
  EXPECT_THAT(Live(), IsEmpty());
}

TEST_F(IndexFollowerTest, EveryStoreWriteIsVisibleAfterAwaitCurrent) {
  ASSERT_OK(mediators_->Create(Record("astrid", "Astrid", "elections")).status());
  StartFollower();

  // Create.
  ASSERT_OK(mediators_->Create(Record("britt", "Britt", "land")).status());
  AwaitCurrent();
  EXPECT_THAT(Live(), ElementsAre(NameOf("astrid"), NameOf("britt")));
  EXPECT_THAT(WithExpertise("land"), ElementsAre(NameOf("britt")));
  EXPECT_THAT(NamesPrefixed("brit"), ElementsAre(NameOf("britt")));

  // Update: the old term leaves, the new one arrives.
  ASSERT_OK(mediators_
                ->Update(NameOf("britt"), "",
                         [](rv1::Mediator& m) {
                           m.clear_expertise();
                           m.add_expertise("elections");
                           m.set_given_name("Dagny");
                           return absl::OkStatus();
                         })
                .status());
  AwaitCurrent();
  EXPECT_THAT(WithExpertise("land"), IsEmpty());
  EXPECT_THAT(WithExpertise("elections"), ElementsAre(NameOf("astrid"), NameOf("britt")));
  EXPECT_THAT(NamesPrefixed("dagny"), ElementsAre(NameOf("britt")));
  EXPECT_THAT(NamesPrefixed("britt"), ElementsAre(NameOf("britt")));  // still in her display_name

  // Soft delete.
  ASSERT_OK(mediators_->SoftDelete(NameOf("astrid"), "").status());
  AwaitCurrent();
  EXPECT_THAT(Live(), ElementsAre(NameOf("britt")));
  EXPECT_THAT(WithExpertise("elections"), ElementsAre(NameOf("britt")));
  EXPECT_THAT(NamesPrefixed("astrid"), IsEmpty());

  // Undelete.
  ASSERT_OK(mediators_->Undelete(NameOf("astrid")).status());
  AwaitCurrent();
  EXPECT_THAT(Live(), ElementsAre(NameOf("astrid"), NameOf("britt")));
  EXPECT_THAT(NamesPrefixed("astrid"), ElementsAre(NameOf("astrid")));

  // UpsertAll: one new record, one changed, one deleted record revived, in one transaction.
  ASSERT_OK(mediators_->SoftDelete(NameOf("astrid"), "").status());
  std::vector<rv1::Mediator> batch = {Record("cecilia", "Cecilia", "land"), Record("britt", "Britt", "land"),
                                      Record("astrid", "Astrid", "land")};
  ASSERT_OK(mediators_->UpsertAll(absl::MakeSpan(batch), [](const rv1::Mediator*, rv1::Mediator&) {}).status());
  AwaitCurrent();
  EXPECT_THAT(Live(), ElementsAre(NameOf("astrid"), NameOf("britt"), NameOf("cecilia")));
  EXPECT_THAT(WithExpertise("land"), ElementsAre(NameOf("astrid"), NameOf("britt"), NameOf("cecilia")));
  EXPECT_THAT(WithExpertise("elections"), IsEmpty());
  EXPECT_THAT(NamesPrefixed("dagny"), IsEmpty());
  EXPECT_EQ(follower_->applied_cursor(), store_->FeedHead());
}

TEST_F(IndexFollowerTest, WritesFromAnotherThreadAreVisibleAfterAwaitCurrent) {
  StartFollower();
  constexpr int kRecords = 40;
  std::thread writer([&] {
    for (int i = 0; i < kRecords; ++i) {
      EXPECT_OK(mediators_->Create(Record(absl::StrCat("m", i), "Ebba", "land")).status());
    }
  });
  writer.join();
  AwaitCurrent();
  EXPECT_EQ(WithExpertise("land").size(), static_cast<size_t>(kRecords));
}

TEST_F(IndexFollowerTest, WritesToOtherTablesDoNotDisturbTheIndex) {
  StartFollower();
  Put(storage::Table::kNetworks, "networks/nordic", "not a mediator");
  ASSERT_OK(mediators_->Create(Record("astrid", "Astrid", "elections")).status());
  Put(storage::Table::kProcesses, "processes/p1", "not a mediator either");
  AwaitCurrent();  // waits for mediator changes only: the process written last need not be applied
  EXPECT_THAT(Live(), ElementsAre(NameOf("astrid")));
  EXPECT_GE(follower_->applied_cursor(), store_->TableHead(storage::Table::kMediators));
  EXPECT_LT(store_->TableHead(storage::Table::kMediators), store_->FeedHead());
}

TEST_F(IndexFollowerTest, ARestartedFollowerBuildsTheSameIndex) {
  ASSERT_OK(mediators_->Create(Record("astrid", "Astrid", "elections")).status());
  ASSERT_OK(mediators_->Create(Record("britt", "Britt", "land")).status());
  StartFollower();
  ASSERT_OK(mediators_->Create(Record("cecilia", "Cecilia", "elections")).status());
  ASSERT_OK(mediators_
                ->Update(NameOf("astrid"), "",
                         [](rv1::Mediator& m) {
                           m.set_given_name("Dagny");
                           m.clear_unavailable_periods();
                           m.set_years_experience(40);
                           return absl::OkStatus();
                         })
                .status());
  ASSERT_OK(mediators_->SoftDelete(NameOf("britt"), "").status());
  ASSERT_OK(mediators_->Create(Record("ebba", "Ebba", "land")).status());
  ASSERT_OK(mediators_->SoftDelete(NameOf("ebba"), "").status());
  ASSERT_OK(mediators_->Undelete(NameOf("ebba")).status());
  AwaitCurrent();
  const std::string followed = Dump();
  EXPECT_THAT(followed, ::testing::HasSubstr("name~dagny"));
  EXPECT_THAT(followed, Not(::testing::HasSubstr("mediators/britt")));

  StartFollower();  // a new follower on the same store
  AwaitCurrent();
  EXPECT_EQ(Dump(), followed);

  follower_.reset();  // and on the store reopened
  mediators_.reset();
  store_.reset();
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  mediators_ = std::make_unique<MediatorStore>(*store_);
  StartFollower();
  AwaitCurrent();
  EXPECT_EQ(Dump(), followed);
  EXPECT_EQ(follower_->build_stats().records, 3u);
}

}  // namespace
}  // namespace wps::search
