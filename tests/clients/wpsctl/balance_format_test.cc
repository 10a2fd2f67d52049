#include "clients/wpsctl/balance_format.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Balance;
using balance::v1::BalanceReport;
using balance::v1::BalanceTrend;
using balance::v1::Round;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

template <typename M>
M ParseText(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// Three delegations: one below target that fell, one with no members (shares unset), one whose
// women are all advisers (women's share set, decision share 0).
Balance ThirdRound() {
  return ParseText<Balance>(R"pb(
    round: "processes/sudan/rounds/r3"
    round_display_name: "Jeddah III"
    start_date: "2026-02-24"
    delegations {
      delegation: "processes/sudan/rounds/r3/delegations/gov"
      display_name: "Government delegation"
      kind: PARTY
      members: 9
      women: 1
      men: 8
      women_share: 0.1111111
      women_decision_share: 0
      target: 0.3
      flags: BELOW_TARGET
      flags: WOMEN_ONLY_IN_NON_DECISION_ROLES
      flags: FELL_SINCE_PREVIOUS_ROUND
    }
    delegations {
      delegation: "processes/sudan/rounds/r3/delegations/guarantors"
      kind: GUARANTOR
      target: 0.3
      flags: NO_MEMBERS
    }
    delegations {
      delegation: "processes/sudan/rounds/r3/delegations/women-bloc"
      display_name: "Women's bloc"
      kind: CIVIL_SOCIETY
      members: 5
      women: 4
      other: 1
      women_share: 0.8
      women_decision_share: 1
      target: 0.3
      meets_target: true
    }
    overall {
      members: 14
      women: 5
      men: 8
      other: 1
      women_share: 0.3571428
      women_decision_share: 0.25
      target: 0.3
      meets_target: true
    }
    by_role { role: HEAD women: 0 members: 1 women_share: 0 }
    by_role { role: TECHNICAL_EXPERT women: 1 members: 2 women_share: 0.5 }
  )pb");
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// The line of `table` that starts with `first_cell` followed by two spaces.
std::string RowOf(const std::string& table, const std::string& first_cell) {
  for (const std::string& line : Lines(table)) {
    if (absl::StartsWith(line, first_cell + "  ")) return line;
  }
  return "";
}

// The cells of a table row (separated by two or more spaces).
std::vector<std::string> Cells(const std::string& row) {
  std::vector<std::string> cells;
  for (absl::string_view cell : absl::StrSplit(row, "  ", absl::SkipEmpty())) {
    cell = absl::StripAsciiWhitespace(cell);
    if (!cell.empty()) cells.emplace_back(cell);
  }
  return cells;
}

TEST(BalanceWordsTest, PercentAndTarget) {
  EXPECT_EQ(PercentText(0.1111111), "11.1%");
  EXPECT_EQ(PercentText(0), "0.0%");
  EXPECT_EQ(PercentText(1), "100.0%");
  EXPECT_EQ(TargetText(0.3), "30%");
  EXPECT_EQ(TargetText(0.333333), "33.3%");
  EXPECT_EQ(TargetText(0.5), "50%");
}

TEST(BalanceWordsTest, EnumsInWords) {
  EXPECT_EQ(BalanceFlagText(balance::v1::WOMEN_ONLY_IN_NON_DECISION_ROLES),
            "women only in non-decision roles");
  EXPECT_EQ(BalanceFlagText(static_cast<balance::v1::BalanceFlag>(42)), "flag 42");
  EXPECT_EQ(DelegationKindText(balance::v1::Delegation::CIVIL_SOCIETY), "civil society");
  EXPECT_EQ(DelegationKindText(balance::v1::Delegation::KIND_UNSPECIFIED), "-");
  EXPECT_EQ(MemberRoleText(balance::v1::Member::TECHNICAL_EXPERT), "technical expert");
  EXPECT_EQ(LastSegment("processes/p/rounds/r3"), "r3");
  EXPECT_EQ(ProcessOfName("processes/p/rounds/r3"), "processes/p");
  EXPECT_EQ(ProcessOfName("rounds/r3"), "");
}

TEST(FormatBalanceTest, TableHasHeadingRowsOverallAndFlagsInWords) {
  const std::string table = FormatBalance(ThirdRound(), "Sudan talks", OutputFormat::kTable);
  EXPECT_THAT(table, StartsWith("Sudan talks: round \"Jeddah III\" (processes/sudan/rounds/r3), "
                                "starting 2026-02-24; target 30% women\n\nDELEGATION  "));
  EXPECT_THAT(
      Cells(RowOf(table, "Government delegation")),
      ElementsAre("Government delegation", "party", "9", "1", "8", "0", "0", "11.1%", "0.0%", "30%",
                  "no",
                  "below target; women only in non-decision roles; fell since previous round"));
  EXPECT_THAT(Cells(RowOf(table, "Women's bloc")),
              ElementsAre("Women's bloc", "civil society", "5", "4", "0", "1", "0", "80.0%",
                          "100.0%", "30%", "yes", "-"));
  EXPECT_THAT(Cells(RowOf(table, "overall")), ElementsAre("overall", "-", "14", "5", "8", "1", "0",
                                                          "35.7%", "25.0%", "30%", "yes", "-"));
}

TEST(FormatBalanceTest, UnsetSharesAreNotApplicableNotZeroAndExplained) {
  const std::string table = FormatBalance(ThirdRound(), "", OutputFormat::kTable);
  // No display name: the id; no members: n/a for both shares and for MET.
  EXPECT_THAT(Cells(RowOf(table, "guarantors")),
              ElementsAre("guarantors", "guarantor", "0", "0", "0", "0", "0", "n/a", "n/a", "30%",
                          "n/a", "no members"));
  EXPECT_THAT(table, HasSubstr("\nn/a: undefined, not 0"));
  // Without a title, the process name heads the table.
  EXPECT_THAT(table, StartsWith("processes/sudan: round \"Jeddah III\""));

  Balance all_set = ThirdRound();
  all_set.mutable_delegations()->DeleteSubrange(1, 1);
  EXPECT_THAT(FormatBalance(all_set, "", OutputFormat::kTable), Not(HasSubstr("n/a")));
}

TEST(FormatBalanceTest, ByRoleTableBelow) {
  const std::string table = FormatBalance(ThirdRound(), "", OutputFormat::kTable);
  EXPECT_THAT(table, HasSubstr("\nBy role:\nROLE  "));
  EXPECT_THAT(Cells(RowOf(table, "head")), ElementsAre("head", "yes", "1", "0", "0.0%"));
  EXPECT_THAT(Cells(RowOf(table, "technical expert")),
              ElementsAre("technical expert", "no", "2", "1", "50.0%"));
}

TEST(FormatBalanceTest, RoundWithoutDelegationsSaysSo) {
  Balance empty;
  empty.set_round("processes/sudan/rounds/r9");
  empty.set_start_date("2026-09-01");
  empty.mutable_overall()->set_target(0.3);
  const std::string table = FormatBalance(empty, "Sudan talks", OutputFormat::kTable);
  EXPECT_THAT(table, StartsWith("Sudan talks: round r9 (processes/sudan/rounds/r9)"));
  EXPECT_THAT(table, HasSubstr("No delegations are recorded for this round"));
  EXPECT_THAT(table, Not(HasSubstr("DELEGATION")));
}

TEST(FormatBalanceTest, CsvLeavesUnsetSharesEmpty) {
  const std::vector<std::string> lines = Lines(FormatBalance(ThirdRound(), "", OutputFormat::kCsv));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], BalanceCsvHeader());
  EXPECT_EQ(lines[1],
            "processes/sudan/rounds/r3,2026-02-24,processes/sudan/rounds/r3/delegations/gov,"
            "Government delegation,party,9,1,8,0,0,0.111111,0.000000,0.300000,false,"
            "below_target;women_only_in_non_decision_roles;fell_since_previous_round");
  EXPECT_EQ(lines[2],
            "processes/sudan/rounds/r3,2026-02-24,processes/sudan/rounds/r3/delegations/"
            "guarantors,,guarantor,0,0,0,0,0,,,0.300000,false,no_members");
  EXPECT_THAT(lines[4], StartsWith("processes/sudan/rounds/r3,2026-02-24,,overall,,14,5,"));
}

TEST(FormatBalanceTest, JsonKeepsAZeroShareThatIsSetAndOmitsAnUnsetOne) {
  const std::string json = FormatBalance(ThirdRound(), "", OutputFormat::kJson);
  EXPECT_THAT(json, HasSubstr("\"womenDecisionShare\": 0"));
  EXPECT_THAT(json, HasSubstr("\"BELOW_TARGET\""));
  Balance parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(parsed.delegations(0).has_women_decision_share());
  EXPECT_FALSE(parsed.delegations(1).has_women_share());
}

BalanceTrend ThreeRounds() {
  return ParseText<BalanceTrend>(R"pb(
    process: "processes/sudan"
    target: 0.3
    points {
      round: "processes/sudan/rounds/r1"
      round_display_name: "Jeddah I"
      start_date: "2025-05-06"
      delegations {
        delegation: "processes/sudan/rounds/r1/delegations/gov"
        display_name: "Gov"
        members: 8
        women: 2
        women_share: 0.25
      }
      overall { members: 8 women: 2 women_share: 0.25 }
    }
    points {
      round: "processes/sudan/rounds/r2"
      start_date: "2025-08-12"
      delegations {
        delegation: "processes/sudan/rounds/r2/delegations/bloc"
        display_name: "Bloc"
        members: 4
        women: 4
        women_share: 1
      }
      delegations {
        delegation: "processes/sudan/rounds/r2/delegations/gov"
        display_name: "Government"
      }
      overall { members: 4 women: 4 women_share: 1 }
    }
    points {
      round: "processes/sudan/rounds/r3"
      round_display_name: "Geneva"
      start_date: "2025-11-18"
      delegations {
        delegation: "processes/sudan/rounds/r3/delegations/gov"
        display_name: "Government"
        members: 10
        women: 1
        women_share: 0.1
      }
      overall { members: 10 women: 1 women_share: 0.1 }
    }
  )pb");
}

TEST(FormatTrendTest, RoundsAsRowsDelegationsAsColumns) {
  const std::string table = FormatTrend(ThreeRounds(), "Sudan talks", OutputFormat::kTable);
  EXPECT_THAT(table, StartsWith("Sudan talks: women's share of each delegation by round; "
                                "target 30%\n\n"));
  // Columns in id order, titled by the latest display name.
  EXPECT_THAT(Cells(RowOf(table, "ROUND")),
              ElementsAre("ROUND", "START", "Bloc", "Government", "OVERALL"));
  EXPECT_THAT(Cells(RowOf(table, "Jeddah I")),
              ElementsAre("Jeddah I", "2025-05-06", "-", "25.0%", "25.0%"));
  // No display name: the round id; no members: n/a.
  EXPECT_THAT(Cells(RowOf(table, "r2")),
              ElementsAre("r2", "2025-08-12", "100.0%", "n/a", "100.0%"));
  EXPECT_THAT(Cells(RowOf(table, "Geneva")),
              ElementsAre("Geneva", "2025-11-18", "-", "10.0%", "10.0%"));
  EXPECT_THAT(table, HasSubstr("-: the delegation did not sit in that round"));
}

TEST(FormatTrendTest, CsvIsEveryRoundsBalanceLines) {
  const std::vector<std::string> lines = Lines(FormatTrend(ThreeRounds(), "", OutputFormat::kCsv));
  ASSERT_EQ(lines.size(), 1u + 2 + 3 + 2);
  EXPECT_EQ(lines[0], BalanceCsvHeader());
  // Each round's lines in round order: its delegations, then its overall line (no delegation name).
  const BalanceTrend trend = ThreeRounds();
  size_t line = 1;
  for (const Balance& point : trend.points()) {
    for (const auto& delegation : point.delegations()) {
      EXPECT_THAT(lines[line++], StartsWith(absl::StrCat(point.round(), ",", point.start_date(), ",",
                                                         delegation.delegation(), ",")));
    }
    EXPECT_THAT(lines[line++], StartsWith(absl::StrCat(point.round(), ",", point.start_date(), ",,")));
  }
  EXPECT_EQ(line, lines.size());
}

TEST(FormatTrendTest, NoRoundsYet) {
  BalanceTrend empty;
  empty.set_process("processes/sudan");
  empty.set_target(0.3);
  EXPECT_THAT(FormatTrend(empty, "", OutputFormat::kTable), HasSubstr("No rounds yet"));
}

TEST(TrendDelegationsTest, UnionOfRoundsInIdOrder) {
  const std::vector<TrendDelegation> delegations = TrendDelegations(ThreeRounds());
  ASSERT_EQ(delegations.size(), 2u);
  EXPECT_EQ(delegations[0].id, "bloc");
  EXPECT_THAT(delegations[0].index_in_point, ElementsAre(-1, 0, -1));
  EXPECT_EQ(delegations[1].title, "Government");
  EXPECT_THAT(delegations[1].index_in_point, ElementsAre(0, 1, 0));
}

BalanceReport TwoProcesses() {
  return ParseText<BalanceReport>(R"pb(
    processes: 2
    negotiators { women: 2 members: 20 women_share: 0.1 }
    mediators { women: 1 members: 5 women_share: 0.2 }
    signatories {}
    processes_without_women_mediators: "processes/yemen"
    rows {
      process: "processes/sudan"
      display_name: "Sudan talks"
      countries: "SD"
      round: "processes/sudan/rounds/r4"
      round_start_date: "2026-02-24"
      negotiators { women: 1 members: 10 women_share: 0.1 }
      mediators { women: 1 members: 3 women_share: 0.3333333 }
      signatories {}
      overall { women: 5 members: 25 women_share: 0.2 }
      target: 0.3
      delegations_below_target: 3
    }
    rows {
      process: "processes/yemen"
      display_name: "Yemen & partners"
      countries: "YE"
      round: "processes/yemen/rounds/r3"
      round_start_date: "2026-01-20"
      negotiators { women: 1 members: 10 women_share: 0.1 }
      mediators { women: 0 members: 2 women_share: 0 }
      overall { women: 4 members: 21 women_share: 0.19 }
      target: 0.3
      delegations_below_target: 2
    }
  )pb");
}

TEST(FormatBalanceReportTest, TableRowsTotalsAndProcessesWithoutWomen) {
  const std::string table = FormatBalanceReport(TwoProcesses(), OutputFormat::kTable);
  EXPECT_THAT(Cells(RowOf(table, "Sudan talks")),
              ElementsAre("Sudan talks", "SD", "r4", "2026-02-24", "1/10 10.0%", "1/3 33.3%",
                          "none", "5/25 20.0%", "30%", "3"));
  EXPECT_THAT(table, HasSubstr("\nAcross 2 processes: negotiators 2/20 10.0%, mediators 1/5 "
                               "20.0%, signatories none\n"));
  EXPECT_THAT(table, HasSubstr("\nWithout women mediators: Yemen & partners (processes/yemen)\n"));
  EXPECT_THAT(table, HasSubstr("\nWithout women signatories: none\n"));
}

TEST(FormatBalanceReportTest, CsvHasOneLinePerProcess) {
  const std::vector<std::string> lines =
      Lines(FormatBalanceReport(TwoProcesses(), OutputFormat::kCsv));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], StartsWith("process,display_name,countries,round,round_start_date,"));
  EXPECT_EQ(lines[1],
            "processes/sudan,Sudan talks,SD,processes/sudan/rounds/r4,2026-02-24,1,10,0.100000,1,"
            "3,0.333333,0,0,,5,25,0.200000,0.300000,3");
}

TEST(FormatRoundsTest, TableCsvJson) {
  Round round;
  round.set_name("processes/sudan/rounds/r1");
  round.set_display_name("Jeddah, first round");
  round.set_start_date("2025-05-06");
  const std::vector<Round> rounds = {round};
  EXPECT_THAT(Cells(RowOf(FormatRounds(rounds, OutputFormat::kTable), "processes/sudan/rounds/r1")),
              ElementsAre("processes/sudan/rounds/r1", "Jeddah, first round", "2025-05-06", "-"));
  EXPECT_EQ(FormatRounds(rounds, OutputFormat::kCsv),
            "name,display_name,start_date,location\n"
            "processes/sudan/rounds/r1,\"Jeddah, first round\",2025-05-06,\n");
  Round parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(FormatRound(round, OutputFormat::kJson), &parsed).ok());
  EXPECT_EQ(parsed.SerializeAsString(), round.SerializeAsString());
  const std::string array = FormatRounds(rounds, OutputFormat::kJson);
  EXPECT_THAT(array, StartsWith("[\n"));
  EXPECT_THAT(array, HasSubstr("\"displayName\": \"Jeddah, first round\""));
  EXPECT_THAT(array, HasSubstr("\"startDate\": \"2025-05-06\""));
}

}  // namespace
}  // namespace wps::wpsctl
