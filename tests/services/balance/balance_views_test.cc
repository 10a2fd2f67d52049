// BalanceModel and the views computed from it, on hand-computed processes: a round's balance, the
// trend in round order with "fell since the previous round", and the report across processes with
// its country and date filters.
#include "services/balance/balance_views.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/balance/balance_model.h"
#include "tests/testing/status_matchers.h"

namespace wps::balance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Member = v1::Member;
using Kind = v1::Delegation::Kind;

// A member spec: "wH" is a woman HEAD; genders w m o u, roles H N M A T S O.
Member ParseMember(absl::string_view spec) {
  Member m;
  switch (spec[0]) {
    case 'w': m.set_gender(Member::WOMAN); break;
    case 'm': m.set_gender(Member::MAN); break;
    case 'o': m.set_gender(Member::OTHER); break;
    default: m.set_gender(Member::UNDISCLOSED); break;
  }
  switch (spec[1]) {
    case 'H': m.set_role(Member::HEAD); break;
    case 'N': m.set_role(Member::NEGOTIATOR); break;
    case 'M': m.set_role(Member::MEDIATOR); break;
    case 'A': m.set_role(Member::ADVISER); break;
    case 'T': m.set_role(Member::TECHNICAL_EXPERT); break;
    case 'S': m.set_role(Member::SIGNATORY); break;
    default: m.set_role(Member::OBSERVER); break;
  }
  return m;
}

class BalanceViewsTest : public ::testing::Test {
 protected:
  void AddProcess(const std::string& id, std::vector<std::string> countries,
                  std::optional<double> target = std::nullopt) {
    matching::v1::PeaceProcess process;
    process.set_name(absl::StrCat("processes/", id));
    process.set_display_name(absl::StrCat("Process ", id));
    for (const std::string& c : countries) process.add_countries(c);
    if (target) process.set_target_women_share(*target);
    ASSERT_OK(model_.ApplyProcess(process));
  }

  void AddRound(const std::string& process, const std::string& id, const std::string& start) {
    v1::Round round;
    round.set_name(absl::StrCat("processes/", process, "/rounds/", id));
    round.set_display_name(absl::StrCat("Round ", id));
    round.set_start_date(start);
    ASSERT_OK(model_.ApplyRound(round));
  }

  static v1::Delegation MakeDelegation(const std::string& process, const std::string& round,
                                       const std::string& id, Kind kind,
                                       const std::vector<std::string>& members) {
    v1::Delegation d;
    d.set_name(absl::StrCat("processes/", process, "/rounds/", round, "/delegations/", id));
    d.set_id(id);
    d.set_display_name(absl::StrCat("Delegation ", id));
    d.set_kind(kind);
    for (const std::string& spec : members) *d.add_members() = ParseMember(spec);
    return d;
  }

  void AddDelegation(const std::string& process, const std::string& round, const std::string& id,
                     Kind kind, const std::vector<std::string>& members) {
    ASSERT_OK(model_.ApplyDelegation(MakeDelegation(process, round, id, kind, members), ++version_));
  }

  const ProcessEntry& Process(const std::string& id) {
    const ProcessEntry* process = model_.FindProcess(absl::StrCat("processes/", id));
    EXPECT_NE(process, nullptr) << id;
    static const ProcessEntry kNone;
    return process != nullptr ? *process : kNone;
  }

  v1::Balance BalanceOf(const std::string& process, const std::string& round) {
    const ProcessEntry& entry = Process(process);
    std::optional<size_t> index = FindRoundIndex(entry, round);
    EXPECT_TRUE(index.has_value()) << round;
    return BuildBalance(absl::StrCat("processes/", process), entry, index.value_or(0));
  }

  static std::vector<int> Flags(const v1::DelegationBalance& b) {
    return std::vector<int>(b.flags().begin(), b.flags().end());
  }

  v1::BalanceReport Report(std::vector<std::string> countries = {}, std::string from = "",
                           std::string to = "") {
    return BuildReport(model_.processes(), ReportQuery{std::move(countries), from, to});
  }

  BalanceModel model_;
  uint64_t version_ = 0;
};

TEST_F(BalanceViewsTest, RoundBalanceHasDelegationsInIdOrderOverallAndByRole) {
  AddProcess("sudan", {"SD"}, 0.4);
  AddRound("sudan", "r1", "2027-01-10");
  AddDelegation("sudan", "r1", "saf", v1::Delegation::PARTY, {"mH", "mN", "wA"});
  AddDelegation("sudan", "r1", "au", v1::Delegation::MEDIATION, {"wM", "mM"});
  AddDelegation("sudan", "r1", "empty", v1::Delegation::OBSERVER, {});
  const v1::Balance b = BalanceOf("sudan", "r1");
  EXPECT_EQ(b.round(), "processes/sudan/rounds/r1");
  EXPECT_EQ(b.round_display_name(), "Round r1");
  EXPECT_EQ(b.start_date(), "2027-01-10");
  ASSERT_EQ(b.delegations_size(), 3);

  const v1::DelegationBalance& au = b.delegations(0);
  EXPECT_EQ(au.delegation(), "processes/sudan/rounds/r1/delegations/au");
  EXPECT_EQ(au.display_name(), "Delegation au");
  EXPECT_EQ(au.kind(), v1::Delegation::MEDIATION);
  EXPECT_DOUBLE_EQ(au.women_share(), 0.5);
  EXPECT_DOUBLE_EQ(au.target(), 0.4);
  EXPECT_TRUE(au.meets_target());

  const v1::DelegationBalance& empty = b.delegations(1);
  EXPECT_EQ(empty.delegation(), "processes/sudan/rounds/r1/delegations/empty");
  EXPECT_FALSE(empty.has_women_share());
  EXPECT_THAT(Flags(empty), ElementsAre(v1::NO_MEMBERS));

  const v1::DelegationBalance& saf = b.delegations(2);
  EXPECT_EQ(saf.members(), 3);
  EXPECT_DOUBLE_EQ(saf.women_share(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(saf.women_decision_share(), 0.0);
  EXPECT_THAT(Flags(saf), ElementsAre(v1::BELOW_TARGET, v1::WOMEN_ONLY_IN_NON_DECISION_ROLES));

  // Overall: 5 members, 2 women (wA, wM); decision-making mH mN wM mM: 1 of 4.
  const v1::DelegationBalance& overall = b.overall();
  EXPECT_TRUE(overall.delegation().empty());
  EXPECT_EQ(overall.kind(), v1::Delegation::KIND_UNSPECIFIED);
  EXPECT_EQ(overall.members(), 5);
  EXPECT_EQ(overall.women(), 2);
  EXPECT_EQ(overall.men(), 3);
  EXPECT_DOUBLE_EQ(overall.women_share(), 0.4);
  EXPECT_DOUBLE_EQ(overall.women_decision_share(), 0.25);
  EXPECT_TRUE(overall.meets_target());  // 2 of 5 is exactly 0.4
  EXPECT_THAT(Flags(overall), IsEmpty());

  ASSERT_EQ(b.by_role_size(), 4);
  EXPECT_EQ(b.by_role(0).role(), Member::HEAD);
  EXPECT_EQ(b.by_role(1).role(), Member::NEGOTIATOR);
  EXPECT_EQ(b.by_role(2).role(), Member::MEDIATOR);
  EXPECT_EQ(b.by_role(2).women(), 1);
  EXPECT_EQ(b.by_role(2).members(), 2);
  EXPECT_DOUBLE_EQ(b.by_role(2).women_share(), 0.5);
  EXPECT_EQ(b.by_role(3).role(), Member::ADVISER);
}

TEST_F(BalanceViewsTest, RoundWithoutDelegationsHasEmptyOverall) {
  AddProcess("sudan", {"SD"});
  AddRound("sudan", "r1", "2027-01-10");
  const v1::Balance b = BalanceOf("sudan", "r1");
  EXPECT_THAT(b.delegations(), IsEmpty());
  EXPECT_THAT(b.by_role(), IsEmpty());
  EXPECT_FALSE(b.overall().has_women_share());
  EXPECT_THAT(Flags(b.overall()), ElementsAre(v1::NO_MEMBERS));
  EXPECT_DOUBLE_EQ(b.overall().target(), 0.30);
}

TEST_F(BalanceViewsTest, TrendIsInStartDateThenIdOrder) {
  AddProcess("sudan", {"SD"});
  AddRound("sudan", "b", "2027-05-01");
  AddRound("sudan", "z", "2026-11-30");
  AddRound("sudan", "a", "2027-05-01");
  const v1::BalanceTrend trend = BuildTrend("processes/sudan", Process("sudan"));
  EXPECT_EQ(trend.process(), "processes/sudan");
  EXPECT_DOUBLE_EQ(trend.target(), 0.30);
  std::vector<std::string> rounds;
  for (const v1::Balance& point : trend.points()) rounds.push_back(point.round());
  EXPECT_THAT(rounds, ElementsAre("processes/sudan/rounds/z", "processes/sudan/rounds/a",
                                  "processes/sudan/rounds/b"));
  EXPECT_THAT(BuildTrend("processes/none", ProcessEntry()).points(), IsEmpty());
}

// gov: r1 3 of 10; r2 absent; r3 present but empty; r4 2 of 10 (fell, against r1); r5 2 of 10 (level
// with r4). The overall follows the same rounds, since gov is the only delegation.
TEST_F(BalanceViewsTest, FellSinceTheLatestEarlierRoundWithADefinedShare) {
  AddProcess("p", {"CO"});
  const std::vector<std::string> three_of_ten = {"wH", "wN", "wN", "mN", "mN", "mN", "mN", "mN", "mA", "mA"};
  const std::vector<std::string> two_of_ten = {"wH", "wN", "mN", "mN", "mN", "mN", "mN", "mN", "mA", "mA"};
  AddRound("p", "r1", "2027-01-01");
  AddRound("p", "r2", "2027-02-01");
  AddRound("p", "r3", "2027-03-01");
  AddRound("p", "r4", "2027-04-01");
  AddRound("p", "r5", "2027-05-01");
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, three_of_ten);
  AddDelegation("p", "r3", "gov", v1::Delegation::PARTY, {});
  AddDelegation("p", "r4", "gov", v1::Delegation::PARTY, two_of_ten);
  AddDelegation("p", "r5", "gov", v1::Delegation::PARTY, two_of_ten);

  EXPECT_THAT(Flags(BalanceOf("p", "r1").delegations(0)), IsEmpty());
  EXPECT_THAT(Flags(BalanceOf("p", "r3").delegations(0)), ElementsAre(v1::NO_MEMBERS));
  const v1::Balance r4 = BalanceOf("p", "r4");
  EXPECT_THAT(Flags(r4.delegations(0)),
              ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
  EXPECT_THAT(Flags(r4.overall()), ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
  EXPECT_THAT(Flags(BalanceOf("p", "r5").delegations(0)), ElementsAre(v1::BELOW_TARGET));

  // The trend computes the same flags point by point.
  const v1::BalanceTrend trend = BuildTrend("processes/p", Process("p"));
  ASSERT_EQ(trend.points_size(), 5);
  EXPECT_THAT(Flags(trend.points(1).overall()), ElementsAre(v1::NO_MEMBERS));
  EXPECT_THAT(Flags(trend.points(3).delegations(0)),
              ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
  EXPECT_THAT(Flags(trend.points(4).delegations(0)), ElementsAre(v1::BELOW_TARGET));
}

// A delegation id new at a round has no previous round: it cannot have fallen.
TEST_F(BalanceViewsTest, NewDelegationDidNotFall) {
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  AddRound("p", "r2", "2027-02-01");
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH"});
  AddDelegation("p", "r2", "farc", v1::Delegation::PARTY, {"mH", "wN", "mN", "mN"});
  const v1::Balance r2 = BalanceOf("p", "r2");
  EXPECT_THAT(Flags(r2.delegations(0)), ElementsAre(v1::BELOW_TARGET));
  // The overall did fall: 1 of 1 before, 1 of 4 now.
  EXPECT_THAT(Flags(r2.overall()), ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
}

// colombia (CO): r1 2026-01-10 and r2 2026-06-01; sudan (SD, SS; target 0.4): a 2026-03-01 and b
// 2026-09-01; yemen (YE): y 2025-12-01; norway (NO): no rounds.
class BalanceReportTest : public BalanceViewsTest {
 protected:
  void SetUp() override {
    AddProcess("colombia", {"CO"});
    AddRound("colombia", "r1", "2026-01-10");
    AddDelegation("colombia", "r1", "gov", v1::Delegation::PARTY, {"wH", "wN"});
    AddRound("colombia", "r2", "2026-06-01");
    AddDelegation("colombia", "r2", "gov", v1::Delegation::PARTY, {"mH", "wN", "mN", "wA"});
    AddDelegation("colombia", "r2", "farc", v1::Delegation::PARTY, {"wH", "mN", "mS"});
    AddDelegation("colombia", "r2", "un", v1::Delegation::MEDIATION, {"wM", "mM", "wN"});

    AddProcess("sudan", {"SD", "SS"}, 0.4);
    AddRound("sudan", "a", "2026-03-01");
    AddDelegation("sudan", "a", "saf", v1::Delegation::PARTY, {"wH", "wS"});
    AddRound("sudan", "b", "2026-09-01");
    AddDelegation("sudan", "b", "saf", v1::Delegation::PARTY, {"mH", "mN", "mN", "mS"});
    AddDelegation("sudan", "b", "rsf", v1::Delegation::PARTY, {"mH", "wN"});
    AddDelegation("sudan", "b", "au", v1::Delegation::MEDIATION, {"mM", "mM"});
    AddDelegation("sudan", "b", "empty", v1::Delegation::OBSERVER, {});

    AddProcess("yemen", {"YE"});
    AddRound("yemen", "y", "2025-12-01");
    AddDelegation("yemen", "y", "un", v1::Delegation::MEDIATION, {"wM"});

    AddProcess("norway", {"NO"});
  }

  static std::vector<std::string> RowRounds(const v1::BalanceReport& report) {
    std::vector<std::string> rounds;
    for (const v1::ProcessBalanceRow& row : report.rows()) rounds.push_back(row.round());
    return rounds;
  }

  static void ExpectFigure(const v1::ShareFigure& figure, int women, int members) {
    EXPECT_EQ(figure.women(), women);
    EXPECT_EQ(figure.members(), members);
    if (members == 0) {
      EXPECT_FALSE(figure.has_women_share());
    } else {
      EXPECT_DOUBLE_EQ(figure.women_share(), static_cast<double>(women) / members);
    }
  }
};

TEST_F(BalanceReportTest, EveryProcessAtItsLatestRound) {
  const v1::BalanceReport report = Report();
  EXPECT_EQ(report.processes(), 3);
  EXPECT_THAT(RowRounds(report),
              ElementsAre("processes/colombia/rounds/r2", "processes/sudan/rounds/b",
                          "processes/yemen/rounds/y"));

  // colombia r2: negotiators are PARTY HEAD+NEGOTIATOR (gov mH wN mN, farc wH mN): 2 of 5; the UN's
  // wN is not a party's. Mediators wM mM: 1 of 2. Signatories mS: 0 of 1. Everyone: 5 of 10.
  const v1::ProcessBalanceRow& colombia = report.rows(0);
  EXPECT_EQ(colombia.process(), "processes/colombia");
  EXPECT_EQ(colombia.display_name(), "Process colombia");
  EXPECT_THAT(colombia.countries(), ElementsAre("CO"));
  EXPECT_EQ(colombia.round_start_date(), "2026-06-01");
  ExpectFigure(colombia.negotiators(), 2, 5);
  ExpectFigure(colombia.mediators(), 1, 2);
  ExpectFigure(colombia.signatories(), 0, 1);
  ExpectFigure(colombia.overall(), 5, 10);
  EXPECT_DOUBLE_EQ(colombia.target(), 0.30);
  EXPECT_EQ(colombia.delegations_below_target(), 0);

  // sudan b (target 0.4): negotiators saf mH mN mN, rsf mH wN: 1 of 5. Mediators 0 of 2, signatories
  // 0 of 1, everyone 1 of 8. Below target: saf (0) and au (0); rsf (0.5) meets it; the empty one has
  // no share, so it is not below.
  const v1::ProcessBalanceRow& sudan = report.rows(1);
  ExpectFigure(sudan.negotiators(), 1, 5);
  ExpectFigure(sudan.mediators(), 0, 2);
  ExpectFigure(sudan.signatories(), 0, 1);
  ExpectFigure(sudan.overall(), 1, 8);
  EXPECT_DOUBLE_EQ(sudan.target(), 0.4);
  EXPECT_EQ(sudan.delegations_below_target(), 2);

  // yemen y: no negotiators at all (unset share), one woman mediator.
  const v1::ProcessBalanceRow& yemen = report.rows(2);
  ExpectFigure(yemen.negotiators(), 0, 0);
  ExpectFigure(yemen.mediators(), 1, 1);
  ExpectFigure(yemen.signatories(), 0, 0);

  // Totals pool the rows: negotiators 3 of 10, mediators 2 of 5, signatories 0 of 2.
  ExpectFigure(report.negotiators(), 3, 10);
  ExpectFigure(report.mediators(), 2, 5);
  ExpectFigure(report.signatories(), 0, 2);
  EXPECT_THAT(report.processes_without_women_mediators(), ElementsAre("processes/sudan"));
  // Yemen's round had no signatories at all: as API.md words it, no women signatories either.
  EXPECT_THAT(report.processes_without_women_signatories(),
              ElementsAre("processes/colombia", "processes/sudan", "processes/yemen"));
}

TEST_F(BalanceReportTest, CountriesKeepProcessesAboutAnyOfThem) {
  EXPECT_THAT(RowRounds(Report({"SS"})), ElementsAre("processes/sudan/rounds/b"));
  EXPECT_THAT(RowRounds(Report({"YE", "CO"})),
              ElementsAre("processes/colombia/rounds/r2", "processes/yemen/rounds/y"));
  const v1::BalanceReport none = Report({"NO"});  // about Norway, but no rounds
  EXPECT_EQ(none.processes(), 0);
  EXPECT_THAT(none.rows(), IsEmpty());
  EXPECT_FALSE(none.negotiators().has_women_share());
}

TEST_F(BalanceReportTest, DatesPickTheLatestRoundStartingInside) {
  // Up to mid-2026: colombia's r2 (on the last day, inclusive) and sudan's a; yemen's y is before.
  const v1::BalanceReport mid = Report({}, "2026-01-01", "2026-06-01");
  EXPECT_THAT(RowRounds(mid), ElementsAre("processes/colombia/rounds/r2", "processes/sudan/rounds/a"));
  ExpectFigure(mid.rows(1).signatories(), 1, 1);  // sudan a: wS
  EXPECT_THAT(mid.processes_without_women_signatories(), ElementsAre("processes/colombia"));

  EXPECT_THAT(RowRounds(Report({}, "", "2026-05-31")),
              ElementsAre("processes/colombia/rounds/r1", "processes/sudan/rounds/a",
                          "processes/yemen/rounds/y"));
  EXPECT_THAT(RowRounds(Report({}, "2026-09-01", "")), ElementsAre("processes/sudan/rounds/b"));
  EXPECT_THAT(RowRounds(Report({}, "2026-09-02", "")), IsEmpty());
  EXPECT_THAT(RowRounds(Report({"CO"}, "2026-02-01", "2026-05-01")), IsEmpty());
}

TEST_F(BalanceViewsTest, ChildrenArrivingBeforeTheirParentsWaitInvisibly) {
  ASSERT_OK(model_.ApplyDelegation(
      MakeDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH", "mN"}), 7));
  AddRound("p", "r1", "2027-01-01");
  EXPECT_EQ(model_.FindProcess("processes/p"), nullptr);
  EXPECT_THAT(Report().rows(), IsEmpty());
  AddProcess("p", {"CO"});
  const v1::Balance b = BalanceOf("p", "r1");
  ASSERT_EQ(b.delegations_size(), 1);
  EXPECT_EQ(b.delegations(0).members(), 2);
  EXPECT_EQ(model_.round_count(), 1u);
  EXPECT_EQ(model_.delegation_count(), 1u);
}

TEST_F(BalanceViewsTest, OlderVersionOfADelegationIsIgnored) {
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  ASSERT_OK(model_.ApplyDelegation(MakeDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH"}), 9));
  ASSERT_OK(model_.ApplyDelegation(
      MakeDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"mH", "mN"}), 5));
  EXPECT_EQ(BalanceOf("p", "r1").delegations(0).members(), 1);
  ASSERT_OK(model_.ApplyDelegation(
      MakeDelegation("p", "r1", "gov", v1::Delegation::GUARANTOR, {"mH", "mN"}), 10));
  EXPECT_EQ(BalanceOf("p", "r1").delegations(0).members(), 2);
  EXPECT_EQ(BalanceOf("p", "r1").delegations(0).kind(), v1::Delegation::GUARANTOR);
  EXPECT_EQ(model_.delegation_count(), 1u);
}

// A delegation keeps one label across its rounds; a renamed one gets a second, and each round shows
// the name it had then.
TEST_F(BalanceViewsTest, LabelsAreSharedAcrossRounds) {
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  AddRound("p", "r2", "2027-02-01");
  AddRound("p", "r3", "2027-03-01");
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH"});
  AddDelegation("p", "r2", "gov", v1::Delegation::PARTY, {"mH"});
  EXPECT_EQ(Process("p").labels.size(), 1u);
  v1::Delegation renamed = MakeDelegation("p", "r3", "gov", v1::Delegation::PARTY, {"mH"});
  renamed.set_display_name("Government of National Unity");
  ASSERT_OK(model_.ApplyDelegation(renamed, ++version_));
  EXPECT_EQ(Process("p").labels.size(), 2u);
  EXPECT_EQ(BalanceOf("p", "r2").delegations(0).display_name(), "Delegation gov");
  EXPECT_EQ(BalanceOf("p", "r3").delegations(0).display_name(), "Government of National Unity");
  model_.Compact();
  EXPECT_EQ(BalanceOf("p", "r3").delegations(0).display_name(), "Government of National Unity");
  // The renamed delegation is still the same one: its share fell from r1's.
  EXPECT_THAT(Flags(BalanceOf("p", "r2").delegations(0)),
              ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
}

TEST_F(BalanceViewsTest, ProcessUpdatesChangeTargetAndCountries) {
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH", "mN", "mN"});
  EXPECT_TRUE(BalanceOf("p", "r1").delegations(0).meets_target());
  AddProcess("p", {"VE"}, 0.5);
  EXPECT_FALSE(BalanceOf("p", "r1").delegations(0).meets_target());
  EXPECT_THAT(Report({"CO"}).rows(), IsEmpty());
  EXPECT_EQ(Report({"VE"}).rows(0).delegations_below_target(), 1);
}

TEST_F(BalanceViewsTest, ErasedRowsLeaveTheModel) {
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  AddRound("p", "r2", "2027-02-01");
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH"});
  AddDelegation("p", "r1", "farc", v1::Delegation::PARTY, {"wH"});
  ASSERT_OK(model_.EraseDelegation("processes/p/rounds/r1/delegations/gov"));
  EXPECT_EQ(BalanceOf("p", "r1").delegations_size(), 1);
  ASSERT_OK(model_.EraseRound("processes/p/rounds/r1"));
  EXPECT_EQ(model_.round_count(), 1u);
  EXPECT_EQ(model_.delegation_count(), 0u);
  ASSERT_OK(model_.EraseProcess("processes/p"));
  EXPECT_EQ(model_.FindProcess("processes/p"), nullptr);
  EXPECT_THAT(model_.EraseRound("processes/p"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(BalanceViewsTest, MalformedNamesAreRefused) {
  v1::Round round;
  round.set_name("processes/p");
  EXPECT_THAT(model_.ApplyRound(round), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(model_.ApplyDelegation(v1::Delegation(), 1), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(model_.ApplyProcess(matching::v1::PeaceProcess()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(BalanceViewsTest, MemoryGrowsWithTheModel) {
  const size_t empty = model_.MemoryBytes();
  AddProcess("p", {"CO"});
  AddRound("p", "r1", "2027-01-01");
  const size_t one_round = model_.MemoryBytes();
  AddDelegation("p", "r1", "gov", v1::Delegation::PARTY, {"wH"});
  EXPECT_LT(empty, one_round);
  EXPECT_GE(model_.MemoryBytes(), one_round + sizeof(DelegationEntry));
}

}  // namespace
}  // namespace wps::balance
