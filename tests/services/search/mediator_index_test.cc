// MediatorIndex on its own: the postings each record lands in, what an update, a soft delete and an
// undelete leave behind, version ordering, unavailable periods and the text dictionaries.
#include "services/search/mediator_index.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/search/dense_words.h"
#include "services/search/text_folding.h"
#include "tests/services/search/index_probe.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::search {
namespace {

namespace rv1 = ::wps::roster::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kIngrid[] = "networks/nordic/mediators/ingrid";
constexpr char kAmina[] = "networks/femwise-africa/mediators/amina";

rv1::Mediator Named(const std::string& network, const std::string& id) {
  rv1::Mediator m;
  m.set_name(absl::StrCat("networks/", network, "/mediators/", id));
  m.set_network(network);
  m.set_availability(rv1::AVAILABLE);
  return m;
}

void AddLanguage(rv1::Mediator& m, const std::string& code, type::LanguageLevel level) {
  auto* skill = m.add_languages();
  skill->set_code(code);
  skill->set_level(level);
}

void AddPeriod(rv1::Mediator& m, const std::string& start, const std::string& end) {
  auto* period = m.add_unavailable_periods();
  period->set_start(start);
  period->set_end(end);
}

rv1::Mediator Ingrid() {
  rv1::Mediator m = Named("nordic", "ingrid");
  m.set_given_name("Ingrid");
  m.set_family_name("Sigurðardóttir");
  m.set_display_name("Ingrid Sigurðardóttir");
  m.add_nationalities("IS");
  AddLanguage(m, "is", type::LANGUAGE_LEVEL_NATIVE);
  AddLanguage(m, "ar", type::LANGUAGE_LEVEL_B2);
  m.add_regions("SD");
  m.add_expertise("ceasefire-security-arrangements");
  m.add_expertise("power-sharing");
  m.add_roles("mediator");
  m.set_years_experience(12);
  m.set_availability(rv1::LIMITED);
  m.set_bio("Facilitated ceasefire talks in Khartoum.");
  AddPeriod(m, "2027-03-01", "2027-04-15");
  return m;
}

rv1::Mediator Amina() {
  rv1::Mediator m = Named("femwise-africa", "amina");
  m.set_given_name("Amina");
  m.set_family_name("Bello");
  m.set_display_name("Dr Amina Bello");
  m.add_nationalities("NG");
  AddLanguage(m, "ha", type::LANGUAGE_LEVEL_A1);
  m.add_regions("015");
  m.add_expertise("elections");
  m.add_roles("adviser");
  m.add_roles("trainer");
  m.set_years_experience(45);
  m.set_availability(rv1::UNAVAILABLE);
  m.set_bio("Electoral mediation in West Africa.");
  return m;
}

// The slots of `kept` (every slot when empty) that ClearUnavailableDuring clears.
std::vector<DocId> ClearedSlots(const MediatorIndex& index, int32_t first_day, int32_t last_day,
                                DenseWords kept = {}) {
  if (kept.empty()) kept.assign(WordCount(index.slot_count()), ~uint64_t{0});
  kept.resize(WordCount(index.slot_count()), 0);
  const DenseWords before = kept;
  index.ClearUnavailableDuring(first_day, last_day, kept);
  std::vector<DocId> slots;
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i] & ~before[i], 0u) << "a bit was set";
    for (uint64_t bits = before[i] & ~kept[i]; bits != 0; bits &= bits - 1) {
      slots.push_back(static_cast<DocId>(i * 64 + __builtin_ctzll(bits)));
    }
  }
  return slots;
}

int32_t Day(const std::string& date) {
  int32_t day = 0;
  EXPECT_TRUE(ParseDay(date, &day)) << date;
  return day;
}

class MediatorIndexTest : public ::testing::Test {
 protected:
  void Upsert(const rv1::Mediator& m, uint64_t version) {
    index_.Write([&](MediatorIndex& index) { index.Upsert(m, version); });
  }

  DocId Slot(const std::string& name) {
    return index_.Read([&](const MediatorIndex& index) {
      std::optional<DocId> slot = SlotNamed(index, name);
      EXPECT_TRUE(slot.has_value()) << name;
      return slot.value_or(0);
    });
  }

  std::vector<std::string> Names(Dimension dimension, const std::string& value) {
    return index_.Read(
        [&](const MediatorIndex& index) { return NamesIn(index, index.Postings(dimension, value)); });
  }

  std::vector<std::string> AtLeast(const std::string& code, int level) {
    return index_.Read(
        [&](const MediatorIndex& index) { return NamesIn(index, index.LanguageAtLeast(code, level)); });
  }

  std::set<std::string> PostingsOf(const std::string& name) {
    const DocId slot = Slot(name);
    return index_.Read([&](const MediatorIndex& index) { return PostingsHolding(index, slot); });
  }

  std::vector<std::string> Live() {
    return index_.Read([&](const MediatorIndex& index) { return NamesIn(index, index.live()); });
  }

  std::vector<std::string> NamesPrefixed(const std::string& prefix) {
    return index_.Read(
        [&](const MediatorIndex& index) { return NamesIn(index, index.NamesWithPrefix(prefix)); });
  }

  std::vector<std::string> BiosPrefixed(const std::string& prefix) {
    return index_.Read(
        [&](const MediatorIndex& index) { return NamesIn(index, index.BiosWithPrefix(prefix)); });
  }

  std::vector<std::string> NamesSkeleton(const std::string& folded_word) {
    const std::string skeleton = Skeleton(folded_word);
    EXPECT_FALSE(skeleton.empty()) << folded_word;
    return index_.Read(
        [&](const MediatorIndex& index) { return NamesIn(index, index.NamesWithSkeleton(skeleton)); });
  }

  // The records among every live one unavailable on some day of [first, last].
  std::vector<std::string> Unavailable(const std::string& first, const std::string& last) {
    const int32_t first_day = Day(first), last_day = Day(last);
    return index_.Read([&](const MediatorIndex& index) {
      DocSet marked;
      for (DocId slot : ClearedSlots(index, first_day, last_day)) marked.add(slot);
      return NamesIn(index, marked);
    });
  }

  MediatorIndex index_;
};

TEST_F(MediatorIndexTest, EachRecordIsPostedUnderEveryValueOfEveryDimension) {
  Upsert(Ingrid(), 1);
  Upsert(Amina(), 2);

  EXPECT_THAT(PostingsOf(kIngrid),
              UnorderedElementsAre("language:is", "is>=2", "is>=3", "is>=4", "is>=5", "is>=6", "is>=7",
                                   "language:ar", "ar>=2", "ar>=3", "ar>=4",  //
                                   "expertise:ceasefire-security-arrangements", "expertise:power-sharing",
                                   "role:mediator", "network:nordic", "nationality:IS",  //
                                   "within:SD", "within:015", "within:002", "within:001", "exact:SD",
                                   "availability:LIMITED", "years:12"));
  EXPECT_THAT(PostingsOf(kAmina),
              UnorderedElementsAre("language:ha", "expertise:elections", "role:adviser", "role:trainer",
                                   "network:femwise-africa", "nationality:NG", "within:015", "within:002",
                                   "within:001", "exact:015", "availability:UNAVAILABLE", "years:30"));
  EXPECT_THAT(Names(Dimension::kExpertise, "elections"), ElementsAre(kAmina));
  EXPECT_THAT(Names(Dimension::kNetwork, "nordic"), ElementsAre(kIngrid));
  EXPECT_THAT(Names(Dimension::kAvailability, "AVAILABLE"), IsEmpty());
  EXPECT_THAT(Names(Dimension::kRole, "nobody-has-this"), IsEmpty());
  EXPECT_THAT(Live(), ElementsAre(kAmina, kIngrid));
}

TEST_F(MediatorIndexTest, LanguageLevelsMeanAtLeast) {
  Upsert(Ingrid(), 1);  // is NATIVE, ar B2
  Upsert(Amina(), 2);   // ha A1
  rv1::Mediator c1 = Named("nordic", "c1");
  c1.set_given_name("Cecilia");
  AddLanguage(c1, "ar", type::LANGUAGE_LEVEL_C1);
  Upsert(c1, 3);
  const std::string kC1 = "networks/nordic/mediators/c1";

  EXPECT_THAT(AtLeast("ar", type::LANGUAGE_LEVEL_UNSPECIFIED), ElementsAre(kC1, kIngrid));
  EXPECT_THAT(AtLeast("ar", type::LANGUAGE_LEVEL_A1), ElementsAre(kC1, kIngrid));
  EXPECT_THAT(AtLeast("ar", type::LANGUAGE_LEVEL_B2), ElementsAre(kC1, kIngrid));
  EXPECT_THAT(AtLeast("ar", type::LANGUAGE_LEVEL_C1), ElementsAre(kC1));
  EXPECT_THAT(AtLeast("ar", type::LANGUAGE_LEVEL_C2), IsEmpty());
  EXPECT_THAT(AtLeast("is", type::LANGUAGE_LEVEL_NATIVE), ElementsAre(kIngrid));
  EXPECT_THAT(AtLeast("ha", type::LANGUAGE_LEVEL_A1), ElementsAre(kAmina));
  EXPECT_THAT(AtLeast("ha", type::LANGUAGE_LEVEL_A2), IsEmpty());
  EXPECT_THAT(AtLeast("fr", type::LANGUAGE_LEVEL_A1), IsEmpty());
}

TEST_F(MediatorIndexTest, RegionsArePostedAlongTheirContainmentChain) {
  Upsert(Ingrid(), 1);  // works on SD
  Upsert(Amina(), 2);   // works on 015 (Northern Africa) only

  EXPECT_THAT(Names(Dimension::kRegionWithin, "SD"), ElementsAre(kIngrid));
  for (const char* code : {"015", "002", "001"}) {
    EXPECT_THAT(Names(Dimension::kRegionWithin, code), ElementsAre(kAmina, kIngrid)) << code;
  }
  EXPECT_THAT(Names(Dimension::kRegionExact, "SD"), ElementsAre(kIngrid));
  EXPECT_THAT(Names(Dimension::kRegionExact, "015"), ElementsAre(kAmina));
  for (const char* code : {"002", "001"}) {
    EXPECT_THAT(Names(Dimension::kRegionExact, code), IsEmpty()) << code;
  }
  EXPECT_THAT(Names(Dimension::kRegionWithin, "EG"), IsEmpty());
  EXPECT_THAT(Names(Dimension::kRegionWithin, "014"), IsEmpty());
}

TEST_F(MediatorIndexTest, YearsAreCappedAtThirty) {
  rv1::Mediator exactly = Named("nordic", "thirty");
  exactly.set_years_experience(30);
  Upsert(exactly, 1);
  Upsert(Amina(), 2);  // 45 years
  rv1::Mediator novice = Named("nordic", "novice");
  Upsert(novice, 3);   // 0 years

  EXPECT_THAT(Names(Dimension::kYears, "30"), ElementsAre(kAmina, "networks/nordic/mediators/thirty"));
  EXPECT_THAT(Names(Dimension::kYears, "45"), IsEmpty());
  EXPECT_THAT(Names(Dimension::kYears, "0"), ElementsAre("networks/nordic/mediators/novice"));
  std::vector<std::string> values;
  index_.Read([&](const MediatorIndex& index) {
    index.ForEachValue(Dimension::kYears, [&](absl::string_view value, const DocSet&) {
      values.emplace_back(value);
    });
  });
  EXPECT_THAT(values, ElementsAre("0", "30"));
}

TEST_F(MediatorIndexTest, AvailabilityIsPostedByName) {
  Upsert(Ingrid(), 1);
  Upsert(Amina(), 2);
  rv1::Mediator free = Named("nordic", "free");
  Upsert(free, 3);

  EXPECT_THAT(Names(Dimension::kAvailability, "AVAILABLE"), ElementsAre("networks/nordic/mediators/free"));
  EXPECT_THAT(Names(Dimension::kAvailability, "LIMITED"), ElementsAre(kIngrid));
  EXPECT_THAT(Names(Dimension::kAvailability, "UNAVAILABLE"), ElementsAre(kAmina));
}

TEST_F(MediatorIndexTest, UpdateLeavesNoStalePosting) {
  Upsert(Ingrid(), 1);
  Upsert(Amina(), 2);
  rv1::Mediator changed = Named("nordic", "ingrid");  // same record, every indexed field replaced
  changed.set_given_name("Karin");
  changed.set_family_name("Nguyen");
  changed.set_display_name("Karin Nguyen");
  changed.add_nationalities("SE");
  AddLanguage(changed, "fr", type::LANGUAGE_LEVEL_A2);
  changed.add_regions("KE");
  changed.add_expertise("land");
  changed.add_roles("trainer");
  changed.set_years_experience(3);
  changed.set_availability(rv1::AVAILABLE);
  changed.set_bio("Land disputes in Rift Valley.");
  AddPeriod(changed, "2030-01-01", "2030-01-31");
  Upsert(changed, 3);

  const std::set<std::string> postings = PostingsOf(kIngrid);
  for (const char* stale : {"language:is", "language:ar", "is>=7", "ar>=4", "expertise:power-sharing",
                            "role:mediator", "nationality:IS", "within:SD", "within:015", "exact:SD",
                            "availability:LIMITED", "years:12"}) {
    EXPECT_EQ(postings.count(stale), 0u) << stale;
  }
  EXPECT_TRUE(postings.count("language:fr") && postings.count("fr>=2") && postings.count("exact:KE") &&
              postings.count("within:KE") && postings.count("expertise:land") && postings.count("role:trainer") &&
              postings.count("network:nordic") && postings.count("nationality:SE") &&
              postings.count("availability:AVAILABLE") && postings.count("years:3"));
  EXPECT_EQ(postings.count("fr>=3"), 0u);
  EXPECT_EQ(postings.count("within:015"), 0u);  // Kenya is not in Northern Africa

  // Text dictionaries: the old words no longer find her, the new ones do.
  for (const char* old_word : {"ingrid", "sigur", "sigurdardottir"}) {
    EXPECT_THAT(NamesPrefixed(old_word), IsEmpty()) << old_word;
  }
  EXPECT_THAT(NamesSkeleton("sigurdardottir"), IsEmpty());
  for (const char* old_word : {"facilitated", "ceasefire", "khartoum"}) {
    EXPECT_THAT(BiosPrefixed(old_word), IsEmpty()) << old_word;
  }
  EXPECT_THAT(NamesPrefixed("karin"), ElementsAre(kIngrid));
  EXPECT_THAT(NamesSkeleton("nguyen"), ElementsAre(kIngrid));
  EXPECT_THAT(BiosPrefixed("rift"), ElementsAre(kIngrid));
  EXPECT_THAT(Unavailable("2027-03-01", "2027-04-15"), IsEmpty());
  EXPECT_THAT(Unavailable("2030-01-31", "2030-02-10"), ElementsAre(kIngrid));
  EXPECT_THAT(Live(), ElementsAre(kAmina, kIngrid));
  // Amina is untouched.
  EXPECT_THAT(PostingsOf(kAmina), ::testing::Contains("expertise:elections"));
  EXPECT_THAT(NamesPrefixed("amina"), ElementsAre(kAmina));
}

TEST_F(MediatorIndexTest, SoftDeleteRemovesTheRecordFromEverythingAndUndeleteRestoresIt) {
  Upsert(Ingrid(), 1);
  Upsert(Amina(), 2);
  const std::set<std::string> before = PostingsOf(kIngrid);
  const DocId slot = Slot(kIngrid);

  rv1::Mediator deleted = Ingrid();
  deleted.mutable_delete_time()->set_seconds(1800000000);
  Upsert(deleted, 3);

  EXPECT_THAT(Live(), ElementsAre(kAmina));
  EXPECT_THAT(PostingsOf(kIngrid), IsEmpty());
  EXPECT_THAT(NamesPrefixed("sigur"), IsEmpty());
  EXPECT_THAT(NamesPrefixed("ingrid"), IsEmpty());
  EXPECT_THAT(NamesSkeleton("sigurdardottir"), IsEmpty());
  EXPECT_THAT(BiosPrefixed("khartoum"), IsEmpty());
  index_.Read([&](const MediatorIndex& index) {
    EXPECT_FALSE(index.doc(slot).live());
    EXPECT_EQ(index.doc(slot).version(), 3u);
    EXPECT_THAT(index.UnavailablePeriods(slot), IsEmpty());
    // Her period is gone with her.
    EXPECT_THAT(ClearedSlots(index, Day("2027-03-01"), Day("2027-04-15")), IsEmpty());
    EXPECT_EQ(index.slot_count(), 2u);
  });

  Upsert(Ingrid(), 4);  // undeleted

  EXPECT_THAT(Live(), ElementsAre(kAmina, kIngrid));
  EXPECT_EQ(PostingsOf(kIngrid), before);
  EXPECT_EQ(Slot(kIngrid), slot);  // a name keeps its slot
  EXPECT_THAT(NamesPrefixed("sigur"), ElementsAre(kIngrid));
  EXPECT_THAT(BiosPrefixed("khartoum"), ElementsAre(kIngrid));
  EXPECT_THAT(Unavailable("2027-04-15", "2027-04-15"), ElementsAre(kIngrid));
}

TEST_F(MediatorIndexTest, AnOlderOrEqualVersionIsIgnored) {
  Upsert(Ingrid(), 5);
  const std::set<std::string> current = PostingsOf(kIngrid);

  rv1::Mediator older = Ingrid();
  older.clear_expertise();
  older.add_expertise("elections");
  older.set_given_name("Old");
  Upsert(older, 4);
  Upsert(older, 5);
  rv1::Mediator deleted = Ingrid();
  deleted.mutable_delete_time()->set_seconds(1);
  Upsert(deleted, 3);
  index_.Write([](MediatorIndex& index) { index.Erase(kIngrid, 2); });

  EXPECT_EQ(PostingsOf(kIngrid), current);
  EXPECT_THAT(NamesPrefixed("old"), IsEmpty());
  EXPECT_THAT(Live(), ElementsAre(kIngrid));
  const DocId slot = Slot(kIngrid);
  index_.Read([&](const MediatorIndex& index) { EXPECT_EQ(index.doc(slot).version(), 5u); });

  // A later erase does apply.
  index_.Write([](MediatorIndex& index) { index.Erase(kIngrid, 6); });
  EXPECT_THAT(Live(), IsEmpty());
  EXPECT_THAT(PostingsOf(kIngrid), IsEmpty());
  EXPECT_THAT(NamesPrefixed("ingrid"), IsEmpty());
}

TEST_F(MediatorIndexTest, UnavailablePeriodsAreClosedAtBothEnds) {
  Upsert(Ingrid(), 1);  // 2027-03-01 .. 2027-04-15
  Upsert(Amina(), 2);   // no period

  EXPECT_THAT(Unavailable("2027-04-15", "2027-05-01"), ElementsAre(kIngrid));  // touches the last day
  EXPECT_THAT(Unavailable("2027-02-01", "2027-03-01"), ElementsAre(kIngrid));  // touches the first day
  EXPECT_THAT(Unavailable("2027-03-10", "2027-03-10"), ElementsAre(kIngrid));  // inside
  EXPECT_THAT(Unavailable("2026-01-01", "2028-12-31"), ElementsAre(kIngrid));  // around
  EXPECT_THAT(Unavailable("2027-04-16", "2027-05-01"), IsEmpty());             // the day after
  EXPECT_THAT(Unavailable("2027-02-01", "2027-02-28"), IsEmpty());             // the day before
  EXPECT_THAT(Unavailable("2027-04-20", "2027-04-30"), IsEmpty());  // same month, after the period

  const DocId ingrid = Slot(kIngrid), amina = Slot(kAmina);
  index_.Read([&](const MediatorIndex& index) {
    // Only records still kept are cleared.
    EXPECT_THAT(ClearedSlots(index, Day("2027-03-01"), Day("2027-03-31"), DenseWords(1, uint64_t{1} << amina)),
                IsEmpty());
    EXPECT_THAT(ClearedSlots(index, Day("2027-03-01"), Day("2027-03-31")), ElementsAre(ingrid));
    EXPECT_THAT(index.UnavailablePeriods(ingrid),
                ElementsAre(std::make_pair(Day("2027-03-01"), Day("2027-04-15"))));
    EXPECT_THAT(index.UnavailablePeriods(amina), IsEmpty());
  });
}

TEST_F(MediatorIndexTest, PeriodsLongerThanTwoYearsAreFoundOnEveryDay) {
  rv1::Mediator sabbatical = Named("nordic", "sabbatical");
  AddPeriod(sabbatical, "2026-01-15", "2029-12-31");  // 48 months
  Upsert(sabbatical, 1);
  rv1::Mediator boundary = Named("nordic", "boundary");
  AddPeriod(boundary, "2031-01-15", "2033-01-14");  // first and last month 24 apart
  Upsert(boundary, 2);
  rv1::Mediator below = Named("nordic", "below");
  AddPeriod(below, "2035-01-01", "2036-12-31");  // 24 calendar months, posted month by month
  AddPeriod(below, "2040-06-01", "2040-06-01");  // a second, one-day period
  Upsert(below, 3);
  const std::string kSabbatical = "networks/nordic/mediators/sabbatical";
  const std::string kBoundary = "networks/nordic/mediators/boundary";
  const std::string kBelow = "networks/nordic/mediators/below";

  EXPECT_THAT(Unavailable("2026-01-15", "2026-01-15"), ElementsAre(kSabbatical));
  EXPECT_THAT(Unavailable("2028-06-10", "2028-06-10"), ElementsAre(kSabbatical));
  EXPECT_THAT(Unavailable("2029-12-31", "2030-03-01"), ElementsAre(kSabbatical));
  EXPECT_THAT(Unavailable("2030-01-01", "2030-12-31"), IsEmpty());
  EXPECT_THAT(Unavailable("2025-01-01", "2026-01-14"), IsEmpty());

  EXPECT_THAT(Unavailable("2031-01-15", "2031-01-15"), ElementsAre(kBoundary));
  EXPECT_THAT(Unavailable("2032-02-29", "2032-02-29"), ElementsAre(kBoundary));
  EXPECT_THAT(Unavailable("2033-01-14", "2033-01-20"), ElementsAre(kBoundary));
  EXPECT_THAT(Unavailable("2033-01-15", "2033-01-31"), IsEmpty());
  EXPECT_THAT(Unavailable("2031-01-01", "2031-01-14"), IsEmpty());

  EXPECT_THAT(Unavailable("2035-01-01", "2035-01-01"), ElementsAre(kBelow));
  EXPECT_THAT(Unavailable("2036-12-31", "2036-12-31"), ElementsAre(kBelow));
  EXPECT_THAT(Unavailable("2037-01-01", "2040-05-31"), IsEmpty());
  EXPECT_THAT(Unavailable("2040-06-01", "2040-06-01"), ElementsAre(kBelow));
  EXPECT_THAT(Unavailable("2040-06-02", "2040-12-31"), IsEmpty());

  EXPECT_THAT(Unavailable("2020-01-01", "2050-01-01"), ElementsAre(kBelow, kBoundary, kSabbatical));

  // Shortening the long period removes it from the days it no longer covers.
  sabbatical.clear_unavailable_periods();
  AddPeriod(sabbatical, "2026-01-15", "2026-02-15");
  Upsert(sabbatical, 4);
  EXPECT_THAT(Unavailable("2028-06-10", "2028-06-10"), IsEmpty());
  EXPECT_THAT(Unavailable("2026-02-15", "2026-02-15"), ElementsAre(kSabbatical));
}

TEST_F(MediatorIndexTest, TextIsFoundByFoldedPrefixOfNamesOrBio) {
  Upsert(Ingrid(), 1);
  Upsert(Amina(), 2);
  rv1::Mediator nguyen = Named("femwise-africa", "nguen");
  nguyen.set_given_name("Лан");
  nguyen.set_family_name("Нгуен");
  nguyen.set_display_name("Нгуен Лан");
  Upsert(nguyen, 3);
  const std::string kNguen = "networks/femwise-africa/mediators/nguen";

  EXPECT_THAT(NamesPrefixed("sigur"), ElementsAre(kIngrid));
  EXPECT_THAT(NamesPrefixed("sigurdardottir"), ElementsAre(kIngrid));
  EXPECT_THAT(NamesPrefixed("sigurdardottirs"), IsEmpty());
  EXPECT_THAT(NamesPrefixed("dr"), ElementsAre(kAmina));  // display_name words count as names
  // Russian BGN spells Нгуен as the usual Latin "nguyen".
  EXPECT_THAT(FoldedWords("Нгуен"), ElementsAre("nguyen"));
  EXPECT_THAT(NamesPrefixed("nguyen"), ElementsAre(kNguen));
  EXPECT_THAT(NamesPrefixed("khartoum"), IsEmpty());  // a bio word is not a name
  EXPECT_THAT(NamesPrefixed("i"), ElementsAre(kIngrid));
  EXPECT_THAT(NamesPrefixed(""), ElementsAre(kAmina, kNguen, kIngrid));

  EXPECT_THAT(BiosPrefixed("khart"), ElementsAre(kIngrid));
  EXPECT_THAT(BiosPrefixed("e"), ElementsAre(kAmina));  // "electoral"
  EXPECT_THAT(BiosPrefixed("in"), ElementsAre(kAmina, kIngrid));
  EXPECT_THAT(BiosPrefixed("sigur"), IsEmpty());  // a name is not a bio word

  EXPECT_THAT(NamesSkeleton("nguyen"), ElementsAre(kNguen));
  EXPECT_THAT(NamesSkeleton("sigurdardottir"), ElementsAre(kIngrid));
  EXPECT_THAT(NamesSkeleton("mohammed"), IsEmpty());
}

TEST_F(MediatorIndexTest, WalkByNameVisitsSlotsInNameOrderIncludingDeletedOnes) {
  const std::vector<std::string> ids = {"delta", "alpha", "echo", "charlie", "bravo"};
  uint64_t version = 0;
  for (const std::string& id : ids) Upsert(Named("nordic", id), ++version);
  rv1::Mediator deleted = Named("nordic", "charlie");
  deleted.mutable_delete_time()->set_seconds(1);
  Upsert(deleted, ++version);

  auto walk = [&](const std::string& after, size_t limit) {
    std::vector<std::string> names;
    index_.Read([&](const MediatorIndex& index) {
      index.WalkByName(after, [&](DocId doc) {
        names.push_back(std::string(index.doc(doc).id()));
        return names.size() < limit;
      });
    });
    return names;
  };
  EXPECT_THAT(walk("", 100), ElementsAre("alpha", "bravo", "charlie", "delta", "echo"));
  EXPECT_THAT(walk("networks/nordic/mediators/bravo", 100), ElementsAre("charlie", "delta", "echo"));
  EXPECT_THAT(walk("networks/nordic/mediators/c", 100), ElementsAre("charlie", "delta", "echo"));
  EXPECT_THAT(walk("", 2), ElementsAre("alpha", "bravo"));
  EXPECT_THAT(walk("networks/nordic/mediators/echo", 100), IsEmpty());
  index_.Read([&](const MediatorIndex& index) {
    const DocId charlie = *SlotNamed(index, "networks/nordic/mediators/charlie");
    EXPECT_FALSE(index.live().contains(charlie));
    EXPECT_EQ(index.doc(charlie).network(), "nordic");
    EXPECT_EQ(index.doc(charlie).id(), "charlie");
  });
}

}  // namespace
}  // namespace wps::search
