// The index snapshot over a real RocksDB store in a temp dir: what a follower saves at shutdown it loads
// at the next start and catches up from the feed, giving the index a full build gives; snapshots of
// another store, from the store's future, corrupt or cut short are refused and the index is rebuilt.
#include "services/search/index_snapshot.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/search/index_follower.h"
#include "services/search/text_folding.h"
#include "storage/mediator_store.h"
#include "tests/services/search/index_probe.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::search {
namespace {

namespace rv1 = ::wps::roster::v1;
using ::wps::storage::MediatorStore;
using ::wps::testing::StatusIs;

std::string NameOf(int id) { return absl::StrCat("networks/nordic/mediators/m", id); }

// A record with a bit of everything the index keeps, varied by `seed`: levels, regions with groupings,
// years past the cap, periods short and long (over 60 weeks), names in other scripts.
rv1::Mediator RandomRecord(int id, std::mt19937& random) {
  static const char* kGiven[] = {"Astrid", "Нгуен", "Ebba", "Houda", "Sigríður", "محمد"};
  static const char* kFamily[] = {"Lindqvist", "Sigurðardóttir", "Nguyen", "Haddad"};
  static const char* kLanguages[] = {"sv", "ar", "en", "fr"};
  static const char* kRegions[] = {"SD", "CO", "015", "YE", "NO"};
  static const char* kExpertise[] = {"elections", "land", "ddr", "crsv"};
  auto pick = [&](const auto& options) { return options[random() % std::size(options)]; };
  rv1::Mediator m;
  m.set_name(NameOf(id));
  m.set_network("nordic");
  m.set_given_name(pick(kGiven));
  m.set_family_name(pick(kFamily));
  m.set_display_name(absl::StrCat(m.given_name(), " ", m.family_name()));
  for (int i = 0, n = 1 + random() % 2; i < n; ++i) {
    auto* language = m.add_languages();
    language->set_code(kLanguages[(id + i) % std::size(kLanguages)]);
    language->set_level(static_cast<type::LanguageLevel>(1 + random() % 7));
  }
  m.add_regions(pick(kRegions));
  m.add_expertise(pick(kExpertise));
  m.add_roles("mediator");
  m.add_nationalities(random() % 2 ? "NO" : "SD");
  m.set_years_experience(static_cast<int32_t>(random() % 40));
  m.set_availability(random() % 3 == 0 ? rv1::LIMITED : rv1::AVAILABLE);
  m.set_bio(absl::StrCat("Works on ", m.expertise(0), " in ", m.regions(0), "."));
  if (random() % 2) {
    auto* period = m.add_unavailable_periods();
    period->set_start("2027-03-01");
    period->set_end(random() % 2 ? "2027-03-20" : "2029-01-31");
  }
  return m;
}

// DumpIndex plus what it leaves out: each live record's capped years in the years planes and her name
// skeletons.
std::string FullDump(const MediatorIndex& index) {
  std::string out = DumpIndex(index, {"astrid", "nguyen", "sigurdardottir", "works", "land", "haddad"});
  index.WalkByName("", [&](DocId doc) {
    if (!index.live().contains(doc)) return true;
    const int capped = std::min(index.doc(doc).years(), kYearsCap);
    const bool in_plane = (index.YearsEqual(capped, doc / 64) >> (doc % 64)) & 1;
    absl::StrAppend(&out, index.doc(doc).name(), " years-plane:", in_plane ? "ok" : "missing");
    for (const char* word : {"nguyen", "muhammad", "houda"}) {
      if (index.NamesWithSkeleton(Skeleton(word)).contains(doc)) absl::StrAppend(&out, " skeleton~", word);
    }
    out += "\n";
    return true;
  });
  return out;
}

class IndexSnapshotTest : public storage::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    mediators_ = std::make_unique<MediatorStore>(*store_);
    snapshot_path_ = dir_.Join("search-index.snapshot");
  }

  // Starts a follower on store_ (with the snapshot, unless `path` is empty) and waits until it is current.
  std::unique_ptr<IndexFollower> Follow(const std::string& path) {
    absl::StatusOr<std::unique_ptr<IndexFollower>> follower =
        IndexFollower::Start(*store_, IndexFollowerOptions{path});
    EXPECT_OK(follower.status());
    if (!follower.ok()) return nullptr;
    EXPECT_OK((*follower)->AwaitCurrent(absl::Now() + absl::Seconds(10)));
    return *std::move(follower);
  }

  std::string Dump(const IndexFollower& follower) {
    return follower.index().Read([](const MediatorIndex& index) { return FullDump(index); });
  }
  // The dump of an index built from every record, without a snapshot.
  std::string DumpOfFullBuild() {
    std::unique_ptr<IndexFollower> built = Follow("");
    return built == nullptr ? "" : Dump(*built);
  }

  void CreateRecords(int first, int count) {
    for (int id = first; id < first + count; ++id) ASSERT_OK(mediators_->Create(RandomRecord(id, random_)).status());
  }
  // Updates, deletes, undeletes and creates: every kind of change a snapshot must catch up with.
  void ChangeRecords() {
    ASSERT_OK(mediators_->Update(NameOf(1), "", [&](rv1::Mediator& m) {
      m = RandomRecord(1, random_);
      m.set_given_name("Astrid");
      m.set_years_experience(45);
      return absl::OkStatus();
    }).status());
    ASSERT_OK(mediators_->SoftDelete(NameOf(2), "").status());
    ASSERT_OK(mediators_->SoftDelete(NameOf(3), "").status());
    ASSERT_OK(mediators_->Undelete(NameOf(3)).status());
    CreateRecords(100, 5);
  }

  std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  std::mt19937 random_{1325};
  std::unique_ptr<MediatorStore> mediators_;
  std::string snapshot_path_;
};

TEST_F(IndexSnapshotTest, AFollowerSavesAtShutdownAndTheNextLoadsAndCatchesUp) {
  CreateRecords(0, 40);
  std::unique_ptr<IndexFollower> first = Follow(snapshot_path_);
  EXPECT_FALSE(first->build_stats().from_snapshot);
  first.reset();
  ASSERT_TRUE(std::filesystem::exists(snapshot_path_));

  ChangeRecords();  // while no follower runs
  std::unique_ptr<IndexFollower> second = Follow(snapshot_path_);
  EXPECT_TRUE(second->build_stats().from_snapshot);
  // Nine writes, eight feed entries to replay: the undelete supersedes m3's delete.
  EXPECT_EQ(second->build_stats().replayed_changes, 8u);
  EXPECT_EQ(second->build_stats().records, 44u);
  EXPECT_EQ(second->applied_cursor(), store_->FeedHead());
  EXPECT_EQ(Dump(*second), DumpOfFullBuild());

  // The loaded index takes new writes like a built one: known values reach the same bitmaps.
  CreateRecords(200, 5);
  ASSERT_OK(mediators_->SoftDelete(NameOf(5), "").status());
  ASSERT_OK(second->AwaitCurrent(absl::Now() + absl::Seconds(10)));
  EXPECT_EQ(Dump(*second), DumpOfFullBuild());
}

TEST_F(IndexSnapshotTest, AFollowerSavesEveryNChangesWhileFollowing) {
  CreateRecords(0, 10);
  IndexFollowerOptions options{snapshot_path_};
  options.snapshot_every_changes = 20;
  absl::StatusOr<std::unique_ptr<IndexFollower>> follower = IndexFollower::Start(*store_, options);
  ASSERT_OK(follower.status());
  // The snapshot after the full build: written, then synced beside the follower.
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!std::filesystem::exists(snapshot_path_) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  ASSERT_TRUE(std::filesystem::exists(snapshot_path_));
  const auto first_write = std::filesystem::last_write_time(snapshot_path_);
  const std::string first_bytes = ReadFile(snapshot_path_);
  CreateRecords(100, 25);  // past snapshot_every_changes
  ASSERT_OK((*follower)->AwaitCurrent(absl::Now() + absl::Seconds(10)));
  while (ReadFile(snapshot_path_) == first_bytes && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_NE(ReadFile(snapshot_path_), first_bytes);
  EXPECT_GE(std::filesystem::last_write_time(snapshot_path_), first_write);
  follower->reset();
  // Whatever was saved while following, the shutdown's save is complete and current.
  std::unique_ptr<IndexFollower> next = Follow(snapshot_path_);
  EXPECT_TRUE(next->build_stats().from_snapshot);
  EXPECT_EQ(next->build_stats().replayed_changes, 0u);
  EXPECT_EQ(next->build_stats().records, 35u);
}

TEST_F(IndexSnapshotTest, SavingALoadedIndexGivesTheSameBytes) {
  CreateRecords(0, 60);
  ChangeRecords();
  Follow(snapshot_path_).reset();
  const std::string saved = ReadFile(snapshot_path_);
  ASSERT_FALSE(saved.empty());

  MediatorIndex loaded;
  ASSERT_OK(loaded.Write([&](MediatorIndex& index) {
    return LoadIndexSnapshot(snapshot_path_, store_->Identity(), store_->FeedHead(), index).status();
  }));
  const std::string again = dir_.Join("again.snapshot");
  ASSERT_OK(loaded.Read([&](const MediatorIndex& index) {
    return SaveIndexSnapshot(index, store_->FeedHead(), store_->Identity(), again);
  }));
  EXPECT_EQ(ReadFile(again), saved);
}

TEST_F(IndexSnapshotTest, RewriteSnapshotLeavesNoWordOrNameOfAnErasedRecord) {
  CreateRecords(0, 5);
  rv1::Mediator erased = RandomRecord(50, random_);
  erased.set_given_name("Zyqvbxa");
  ASSERT_OK(mediators_->Create(erased).status());
  std::unique_ptr<IndexFollower> follower = Follow(snapshot_path_);
  follower.reset();  // a snapshot with her in it
  ASSERT_THAT(ReadFile(snapshot_path_), ::testing::HasSubstr("zyqvbxa"));
  follower = Follow(snapshot_path_);
  ASSERT_OK(mediators_->Purge(erased.name(), ""));
  ASSERT_OK(follower->RewriteSnapshot(absl::Now() + absl::Seconds(30)));
  const std::string rewritten = ReadFile(snapshot_path_);
  EXPECT_THAT(rewritten, ::testing::Not(::testing::HasSubstr("zyqvbxa")));
  EXPECT_THAT(rewritten, ::testing::Not(::testing::HasSubstr(erased.name())));
  // The others are all still there, and the rewritten snapshot loads as a full build would be.
  follower.reset();
  follower = Follow(snapshot_path_);
  EXPECT_TRUE(follower->build_stats().from_snapshot);
  EXPECT_EQ(follower->build_stats().records, 5u);
  EXPECT_EQ(Dump(*follower), DumpOfFullBuild());
}

TEST_F(IndexSnapshotTest, ASnapshotWithNothingNewIsNotRewritten) {
  CreateRecords(0, 10);
  Follow(snapshot_path_).reset();
  const auto saved_at = std::filesystem::last_write_time(snapshot_path_);
  std::filesystem::last_write_time(snapshot_path_, saved_at - std::chrono::hours(1));
  std::unique_ptr<IndexFollower> follower = Follow(snapshot_path_);
  EXPECT_TRUE(follower->build_stats().from_snapshot);
  follower.reset();
  EXPECT_EQ(std::filesystem::last_write_time(snapshot_path_), saved_at - std::chrono::hours(1));
}

TEST_F(IndexSnapshotTest, ASnapshotOfAnotherStoreIsRefusedAndTheIndexRebuilt) {
  CreateRecords(0, 20);
  Follow(snapshot_path_).reset();

  mediators_.reset();
  store_.reset();
  std::filesystem::remove_all(Options().data_dir);  // a new store, with other records
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  mediators_ = std::make_unique<MediatorStore>(*store_);
  CreateRecords(500, 30);

  MediatorIndex index;
  EXPECT_THAT(index.Write([&](MediatorIndex& i) {
    return LoadIndexSnapshot(snapshot_path_, store_->Identity(), store_->FeedHead(), i).status();
  }), StatusIs(absl::StatusCode::kFailedPrecondition));
  std::unique_ptr<IndexFollower> follower = Follow(snapshot_path_);
  EXPECT_FALSE(follower->build_stats().from_snapshot);
  EXPECT_EQ(follower->build_stats().records, 30u);
  EXPECT_EQ(Dump(*follower), DumpOfFullBuild());
}

TEST_F(IndexSnapshotTest, ASnapshotAheadOfTheStoreIsRefused) {
  CreateRecords(0, 10);
  mediators_.reset();
  store_.reset();
  const std::string earlier = dir_.Join("earlier");  // the store as it was: same identity, shorter feed
  std::filesystem::copy(Options().data_dir, earlier, std::filesystem::copy_options::recursive);
  store_ = OpenOrDie();
  mediators_ = std::make_unique<MediatorStore>(*store_);
  CreateRecords(10, 10);
  Follow(snapshot_path_).reset();

  mediators_.reset();
  store_.reset();
  std::filesystem::remove_all(Options().data_dir);
  std::filesystem::rename(earlier, Options().data_dir);
  store_ = OpenOrDie();
  ASSERT_NE(store_, nullptr);
  mediators_ = std::make_unique<MediatorStore>(*store_);
  MediatorIndex index;
  EXPECT_THAT(index.Write([&](MediatorIndex& i) {
    return LoadIndexSnapshot(snapshot_path_, store_->Identity(), store_->FeedHead(), i).status();
  }), StatusIs(absl::StatusCode::kFailedPrecondition));
  std::unique_ptr<IndexFollower> follower = Follow(snapshot_path_);
  EXPECT_FALSE(follower->build_stats().from_snapshot);
  EXPECT_EQ(follower->build_stats().records, 10u);
}

TEST_F(IndexSnapshotTest, EveryCutOrFlippedByteIsDetected) {
  CreateRecords(0, 8);
  Follow(snapshot_path_).reset();
  const std::string saved = ReadFile(snapshot_path_);
  const std::string damaged_path = dir_.Join("damaged.snapshot");
  auto load = [&](const std::string& bytes) {
    WriteFile(damaged_path, bytes);
    MediatorIndex index;
    return index.Write([&](MediatorIndex& i) {
      return LoadIndexSnapshot(damaged_path, store_->Identity(), store_->FeedHead(), i).status();
    });
  };
  ASSERT_OK(load(saved));
  for (size_t size = 0; size < saved.size(); ++size) {
    ASSERT_FALSE(load(saved.substr(0, size)).ok()) << "cut to " << size << " bytes";
  }
  for (size_t at = 0; at < saved.size(); ++at) {
    std::string flipped = saved;
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << (at % 8)));
    ASSERT_FALSE(load(flipped).ok()) << "bit flipped at byte " << at;
  }
}

TEST_F(IndexSnapshotTest, ACorruptSnapshotIsRebuiltFromTheRecords) {
  CreateRecords(0, 25);
  Follow(snapshot_path_).reset();
  std::string bytes = ReadFile(snapshot_path_);
  bytes[bytes.size() / 2] ^= 0x40;
  WriteFile(snapshot_path_, bytes);

  std::unique_ptr<IndexFollower> follower = Follow(snapshot_path_);
  EXPECT_FALSE(follower->build_stats().from_snapshot);
  EXPECT_EQ(follower->build_stats().records, 25u);
  EXPECT_EQ(Dump(*follower), DumpOfFullBuild());
  follower.reset();  // and the rebuilt index is saved again, whole
  MediatorIndex index;
  EXPECT_OK(index.Write([&](MediatorIndex& i) {
    return LoadIndexSnapshot(snapshot_path_, store_->Identity(), store_->FeedHead(), i).status();
  }));
}

TEST_F(IndexSnapshotTest, NoSnapshotIsNotFoundAndRemovingOneIsIdempotent) {
  MediatorIndex index;
  EXPECT_THAT(index.Write([&](MediatorIndex& i) {
    return LoadIndexSnapshot(snapshot_path_, store_->Identity(), store_->FeedHead(), i).status();
  }), StatusIs(absl::StatusCode::kNotFound));
  CreateRecords(0, 3);
  Follow(snapshot_path_).reset();
  EXPECT_OK(RemoveIndexSnapshot(snapshot_path_));
  EXPECT_FALSE(std::filesystem::exists(snapshot_path_));
  EXPECT_OK(RemoveIndexSnapshot(snapshot_path_));
}

}  // namespace
}  // namespace wps::search
