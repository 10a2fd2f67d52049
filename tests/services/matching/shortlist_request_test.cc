// ToRankingQuery (validation of a ShortlistRequest, each violation on its field path) and
// FillFromProcess.
#include "services/matching/shortlist_request.h"

#include <cmath>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"
#include "tests/testing/status_matchers.h"

namespace wps::common {
// Readable failure messages for violation lists.
void PrintTo(const FieldViolation& violation, std::ostream* os) {
  *os << "{" << violation.field << ": " << violation.description << "}";
}
}  // namespace wps::common

namespace wps::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::wps::testing::StatusIs;

int32_t DayOf(int year, int month, int day) {
  return static_cast<int32_t>(absl::CivilDay(year, month, day) - absl::CivilDay(1970, 1, 1));
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// ---------------------------------------------------------------------------------------------------
// ToRankingQuery: accepted requests.

TEST(ToRankingQueryTest, EmptyRequestGivesTheDefaults) {
  ASSERT_OK_AND_ASSIGN(const RankingQuery query, ToRankingQuery(v1::ShortlistRequest()));
  EXPECT_EQ(query.count, 10);
  EXPECT_EQ(query.max_per_network, 0);
  EXPECT_FALSE(query.window.has_value());
  EXPECT_THAT(query.networks, IsEmpty());
  EXPECT_THAT(query.process_countries, IsEmpty());
  EXPECT_TRUE(query.role.empty());
  EXPECT_EQ(query.weights.language, 0.3);
  EXPECT_EQ(query.weights.region, 0.3);
  EXPECT_EQ(query.weights.expertise, 0.3);
  EXPECT_EQ(query.weights.experience, 0.1);
}

TEST(ToRankingQueryTest, CarriesEveryFieldOfAValidRequest) {
  v1::ShortlistRequest request;
  request.set_process("processes/sudan-talks");
  request.add_process_countries("SD");
  request.add_process_countries("SS");
  auto* arabic = request.add_required_languages();
  arabic->set_code("ar");
  arabic->set_min_level(wps::type::LANGUAGE_LEVEL_C1);
  auto* english = request.add_required_languages();
  english->set_code("en");  // no level: any level will do
  request.add_preferred_languages("fr");
  request.add_required_expertise("crsv");
  request.add_preferred_expertise("power-sharing");
  request.add_preferred_expertise("land");
  request.set_role("gender-adviser");
  request.add_exclude_nationalities("SD");
  request.mutable_window()->set_start("2027-03-01");
  request.mutable_window()->set_end("2027-03-01");  // one day
  request.set_max_per_network(2);
  request.set_count(100);
  request.mutable_weights()->set_language(0.5);  // the other three are then 0
  ASSERT_OK_AND_ASSIGN(const RankingQuery query, ToRankingQuery(request));
  EXPECT_THAT(query.process_countries, ElementsAre("SD", "SS"));
  EXPECT_THAT(query.required_languages, ElementsAre(Pair("ar", 5), Pair("en", 1)));
  EXPECT_THAT(query.preferred_languages, ElementsAre("fr"));
  EXPECT_THAT(query.required_expertise, ElementsAre("crsv"));
  EXPECT_THAT(query.preferred_expertise, ElementsAre("power-sharing", "land"));
  EXPECT_EQ(query.role, "gender-adviser");
  EXPECT_THAT(query.exclude_nationalities, ElementsAre("SD"));
  ASSERT_TRUE(query.window.has_value());
  EXPECT_EQ(*query.window, std::make_pair(DayOf(2027, 3, 1), DayOf(2027, 3, 1)));
  EXPECT_EQ(query.max_per_network, 2);
  EXPECT_EQ(query.count, 100);
  EXPECT_EQ(query.weights.language, 0.5);
  EXPECT_EQ(query.weights.region, 0);
  EXPECT_EQ(query.weights.expertise, 0);
  EXPECT_EQ(query.weights.experience, 0);
}

TEST(ToRankingQueryTest, NetworksAreIdsOrNamesEachTakenOnce) {
  v1::ShortlistRequest request;
  request.add_networks("nordic");
  request.add_networks("networks/femwise-africa");
  request.add_networks("networks/nordic");
  ASSERT_OK_AND_ASSIGN(const RankingQuery query, ToRankingQuery(request));
  EXPECT_THAT(query.networks, ElementsAre("nordic", "femwise-africa"));
}

TEST(ToRankingQueryTest, CountZeroMeansTenAndAtMostOneHundred) {
  v1::ShortlistRequest request;
  for (const auto& [count, expected] :
       std::vector<std::pair<int, int>>{{0, 10}, {1, 1}, {57, 57}, {100, 100}}) {
    request.set_count(count);
    ASSERT_OK_AND_ASSIGN(const RankingQuery query, ToRankingQuery(request));
    EXPECT_EQ(query.count, expected) << "count " << count;
  }
  for (int count : {101, -1, 1000}) {
    request.set_count(count);
    const absl::StatusOr<RankingQuery> query = ToRankingQuery(request);
    EXPECT_THAT(query, StatusIs(absl::StatusCode::kInvalidArgument)) << "count " << count;
    EXPECT_THAT(FieldsOf(query.status()), ElementsAre("count")) << "count " << count;
  }
}

// ---------------------------------------------------------------------------------------------------
// ToRankingQuery: each violation on its field.

struct BadCase {
  const char* what;
  std::function<void(v1::ShortlistRequest&)> spoil;
  std::vector<std::string> fields;
};

std::vector<BadCase> BadCases() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  return {
      {"lower-case country",
       [](auto& r) {
         r.add_process_countries("SD");
         r.add_process_countries("sd");
       },
       {"process_countries[1]"}},
      {"grouping as country",
       [](auto& r) { r.add_process_countries("EU"); },
       {"process_countries[0]"}},
      {"area as process country",
       [](auto& r) { r.add_process_countries("015"); },
       {"process_countries[0]"}},
      {"country twice",
       [](auto& r) {
         r.add_process_countries("SD");
         r.add_process_countries("SD");
       },
       {"process_countries[1]"}},
      {"too many countries",
       [](auto& r) {
         for (int i = 0; i < 101; ++i) r.add_process_countries("SD");
       },
       {"process_countries"}},
      {"three-letter language",
       [](auto& r) { r.add_required_languages()->set_code("ara"); },
       {"required_languages[0].code"}},
      {"required language twice",
       [](auto& r) {
         r.add_required_languages()->set_code("ar");
         r.add_required_languages()->set_code("ar");
       },
       {"required_languages[1].code"}},
      {"unknown level",
       [](auto& r) {
         auto* l = r.add_required_languages();
         l->set_code("ar");
         l->set_min_level(static_cast<wps::type::LanguageLevel>(9));
       },
       {"required_languages[0].min_level"}},
      {"upper-case preferred language",
       [](auto& r) {
         r.add_preferred_languages("ar");
         r.add_preferred_languages("EN");
       },
       {"preferred_languages[1]"}},
      {"preferred language twice",
       [](auto& r) {
         r.add_preferred_languages("ar");
         r.add_preferred_languages("ar");
       },
       {"preferred_languages[1]"}},
      {"unknown required expertise",
       [](auto& r) { r.add_required_expertise("cooking"); },
       {"required_expertise[0]"}},
      {"preferred expertise twice",
       [](auto& r) {
         r.add_preferred_expertise("land");
         r.add_preferred_expertise("land");
       },
       {"preferred_expertise[1]"}},
      {"unknown nationality",
       [](auto& r) { r.add_exclude_nationalities("UN"); },
       {"exclude_nationalities[0]"}},
      {"unknown role", [](auto& r) { r.set_role("chef"); }, {"role"}},
      {"malformed window start",
       [](auto& r) {
         r.mutable_window()->set_start("2027-3-01");
         r.mutable_window()->set_end("2027-03-31");
       },
       {"window.start"}},
      {"impossible window end",
       [](auto& r) {
         r.mutable_window()->set_start("2027-02-01");
         r.mutable_window()->set_end("2027-02-30");
       },
       {"window.end"}},
      {"window with no dates", [](auto& r) { r.mutable_window(); }, {"window.start", "window.end"}},
      {"reversed window",
       [](auto& r) {
         r.mutable_window()->set_start("2027-03-02");
         r.mutable_window()->set_end("2027-03-01");
       },
       {"window.end"}},
      {"upper-case network",
       [](auto& r) {
         r.add_networks("nordic");
         r.add_networks("Nordic");
       },
       {"networks[1]"}},
      {"empty network name", [](auto& r) { r.add_networks("networks/"); }, {"networks[0]"}},
      {"mediator name as network",
       [](auto& r) { r.add_networks("networks/nordic/mediators/x"); },
       {"networks[0]"}},
      {"negative weight",
       [](auto& r) { r.mutable_weights()->set_language(-0.1); },
       {"weights.language"}},
      {"NaN weight", [nan](auto& r) { r.mutable_weights()->set_region(nan); }, {"weights.region"}},
      {"infinite weights",
       [inf](auto& r) {
         r.mutable_weights()->set_expertise(inf);
         r.mutable_weights()->set_experience(-inf);
       },
       {"weights.expertise", "weights.experience"}},
      {"negative max_per_network", [](auto& r) { r.set_max_per_network(-1); }, {"max_per_network"}},
      {"count above 100", [](auto& r) { r.set_count(101); }, {"count"}},
      {"process not a name", [](auto& r) { r.set_process("sudan-talks"); }, {"process"}},
      {"process with a bad id", [](auto& r) { r.set_process("processes/Sudan"); }, {"process"}},
  };
}

TEST(ToRankingQueryTest, EachViolationIsReportedOnItsField) {
  for (const BadCase& bad : BadCases()) {
    v1::ShortlistRequest request;
    bad.spoil(request);
    const absl::StatusOr<RankingQuery> query = ToRankingQuery(request);
    EXPECT_THAT(query, StatusIs(absl::StatusCode::kInvalidArgument)) << bad.what;
    EXPECT_EQ(FieldsOf(query.status()), bad.fields) << bad.what;
  }
}

TEST(ToRankingQueryTest, ReportsEveryViolationAtOnceWithAReadableDescription) {
  v1::ShortlistRequest request;
  request.add_process_countries("ZZ");
  request.add_preferred_languages("ar");
  request.add_preferred_languages("ar");
  request.set_role("chef");
  request.set_count(101);
  const absl::StatusOr<RankingQuery> query = ToRankingQuery(request);
  ASSERT_THAT(query, StatusIs(absl::StatusCode::kInvalidArgument));
  const std::vector<common::FieldViolation> violations = common::ViolationsOf(query.status());
  EXPECT_THAT(FieldsOf(query.status()),
              ElementsAre("process_countries[0]", "preferred_languages[1]", "role", "count"));
  ASSERT_EQ(violations.size(), 4u);
  EXPECT_THAT(violations[0].description, HasSubstr("'ZZ'"));
  EXPECT_THAT(violations[1].description, HasSubstr("listed twice"));
  EXPECT_THAT(violations[3].description, HasSubstr("100"));
}

// ---------------------------------------------------------------------------------------------------
// FillFromProcess.

v1::PeaceProcess SudanTalks() {
  v1::PeaceProcess process;
  process.set_name("processes/sudan-talks");
  process.add_countries("SD");
  process.add_countries("SS");
  process.add_working_languages("ar");
  process.add_working_languages("en");
  process.add_expertise_needed("ceasefire-security-arrangements");
  process.add_expertise_needed("humanitarian-access");
  v1::Party* saf = process.add_parties();
  saf->set_display_name("Sudanese Armed Forces");
  saf->add_nationalities("SD");
  v1::Party* rsf = process.add_parties();
  rsf->set_display_name("Rapid Support Forces");
  rsf->add_nationalities("SD");
  rsf->add_nationalities("TD");
  v1::Party* splm = process.add_parties();
  splm->set_display_name("SPLM-N");
  splm->add_nationalities("SS");
  splm->add_nationalities("SD");
  return process;
}

TEST(FillFromProcessTest, FillsEveryEmptyFieldAndEachNationalityOnce) {
  v1::ShortlistRequest request;
  request.set_process("processes/sudan-talks");
  request.set_count(5);
  FillFromProcess(SudanTalks(), request);
  EXPECT_THAT(request.process_countries(), ElementsAre("SD", "SS"));
  EXPECT_THAT(request.preferred_languages(), ElementsAre("ar", "en"));
  EXPECT_THAT(request.preferred_expertise(),
              ElementsAre("ceasefire-security-arrangements", "humanitarian-access"));
  EXPECT_THAT(request.exclude_nationalities(), ElementsAre("SD", "TD", "SS"));
  EXPECT_EQ(request.count(), 5);
  EXPECT_EQ(request.process(), "processes/sudan-talks");
  // Nothing else is touched: required lists stay as the request had them.
  EXPECT_THAT(request.required_languages(), IsEmpty());
  EXPECT_THAT(request.required_expertise(), IsEmpty());
  EXPECT_OK(ToRankingQuery(request).status());
}

TEST(FillFromProcessTest, LeavesFieldsTheRequestSetAlone) {
  v1::ShortlistRequest request;
  request.add_process_countries("KE");
  request.add_preferred_languages("sw");
  request.add_preferred_expertise("land");
  request.add_exclude_nationalities("ET");
  v1::ShortlistRequest expected = request;
  FillFromProcess(SudanTalks(), request);
  EXPECT_EQ(request.DebugString(), expected.DebugString());
}

TEST(FillFromProcessTest, FillsOnlyTheEmptyOnes) {
  v1::ShortlistRequest request;
  request.add_preferred_languages("fr");
  request.add_exclude_nationalities("ET");
  FillFromProcess(SudanTalks(), request);
  EXPECT_THAT(request.process_countries(), ElementsAre("SD", "SS"));
  EXPECT_THAT(request.preferred_languages(), ElementsAre("fr"));
  EXPECT_THAT(request.preferred_expertise(),
              ElementsAre("ceasefire-security-arrangements", "humanitarian-access"));
  EXPECT_THAT(request.exclude_nationalities(), ElementsAre("ET"));
}

TEST(FillFromProcessTest, AnEmptyProcessFillsNothing) {
  v1::ShortlistRequest request;
  request.set_role("mediator");
  const v1::ShortlistRequest expected = request;
  v1::PeaceProcess process;
  process.add_parties()->set_display_name("A party without nationalities");
  FillFromProcess(process, request);
  EXPECT_EQ(request.DebugString(), expected.DebugString());
}

}  // namespace
}  // namespace wps::matching
