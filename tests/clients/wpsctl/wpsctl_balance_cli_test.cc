// wpsctl's balance commands against a real wpsd process: a delegation spreadsheet imported with
// wpsctl, then the figures read back over gRPC (GetBalanceTrend) and through wpsctl in each format.
//
// Needs a wpsd that serves BalanceService and MatchingService (see API.md).
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/testing/status_matchers.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using balance::v1::Balance;
using balance::v1::BalanceTrend;
using balance::v1::DelegationBalance;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// Round r1 exists before the import (balance round create); r2 is created by the import from its
// round_start_date. At r1, "gov" has one woman negotiator of four and "a-and-b" two women of
// three; at r2, gov's only woman is an adviser and a-and-b is recorded without members.
constexpr char kSpreadsheet[] =
    "process,round,delegation,delegation_display_name,kind,member,gender,role,round_start_date,"
    "round_display_name\n"
    "sudan,r1,gov,Government,party,Osman Musa,man,head,,\n"
    "sudan,r1,gov,,party,Amna Idris,woman,negotiator,,\n"
    "sudan,r1,gov,,party,Khalid Nour,man,negotiator,,\n"
    "sudan,r1,gov,,party,Tarig Salem,man,adviser,,\n"
    "sudan,r1,a-and-b,A & B,civil_society,Hiba Saeed,woman,negotiator,,\n"
    "sudan,r1,a-and-b,,civil_society,Rasha Nour,WOMAN,Negotiator,,\n"
    "sudan,r1,a-and-b,,civil_society,,undisclosed,adviser,,\n"
    "sudan,r2,gov,Government,party,Osman Musa,man,head,2025-08-12,Jeddah II\n"
    "sudan,r2,gov,,party,Khalid Nour,man,negotiator,,\n"
    "sudan,r2,gov,,party,Yasir Hamid,man,negotiator,,\n"
    "sudan,r2,gov,,party,Amna Idris,woman,adviser,,\n"
    "sudan,r2,a-and-b,A & B,civil_society,,,,,\n";

template <typename M>
M ParseJson(const std::string& json) {
  M message;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return message;
}

std::vector<int> Flags(const DelegationBalance& d) {
  return std::vector<int>(d.flags().begin(), d.flags().end());
}

class WpsctlBalanceCliTest : public E2eTest {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(wpsd_, StartWpsd());
    balance_ = balance::v1::BalanceService::NewStub(wpsd_->channel());
    const std::string process = WriteFile("sudan.json", R"({"displayName": "Sudan talks",
        "countries": ["SD"], "workingLanguages": ["ar", "en"], "stage": "negotiation"})");
    Ok({"process", "create", "--file=" + process, "--id=sudan"});
    Ok({"balance", "round", "create", "sudan", "--id=r1", "--start=2025-05-06",
        "--display_name=Jeddah I", "--location=Jeddah"});
  }

  RunResult Run(const std::vector<std::string>& args, int code) {
    absl::StatusOr<RunResult> result = Wpsctl(*wpsd_, args);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return RunResult();
    EXPECT_EQ(result->exit.code, code) << absl::StrJoin(args, " ") << ": " << Describe(*result);
    return *result;
  }
  RunResult Ok(const std::vector<std::string>& args) { return Run(args, 0); }

  std::string WriteFile(const std::string& name, const std::string& content) {
    std::ofstream(Path(name)) << content;
    return Path(name);
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }

  BalanceTrend Trend() {
    balance::v1::GetBalanceTrendRequest request;
    request.set_process("processes/sudan");
    grpc::ClientContext context;
    BalanceTrend trend;
    const grpc::Status status = balance_->GetBalanceTrend(&context, request, &trend);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return trend;
  }

  std::unique_ptr<Wpsd> wpsd_;
  std::unique_ptr<balance::v1::BalanceService::Stub> balance_;
};

TEST_F(WpsctlBalanceCliTest, ImportedSpreadsheetReadsBackAsTheTrend) {
  const RunResult imported = Ok({"balance", "import", WriteFile("d.csv", kSpreadsheet)});
  EXPECT_EQ(imported.out, "rows 12, delegations written 4, not written 0, rounds created 1\n");
  EXPECT_THAT(imported.err, IsEmpty());

  const BalanceTrend trend = Trend();
  EXPECT_EQ(trend.process(), "processes/sudan");
  EXPECT_DOUBLE_EQ(trend.target(), 0.3);
  ASSERT_EQ(trend.points_size(), 2);
  const Balance& r1 = trend.points(0);
  const Balance& r2 = trend.points(1);
  EXPECT_EQ(r1.round(), "processes/sudan/rounds/r1");
  EXPECT_EQ(r1.round_display_name(), "Jeddah I");
  EXPECT_EQ(r2.round_display_name(), "Jeddah II");
  EXPECT_EQ(r2.start_date(), "2025-08-12");

  // r1, in delegation id order: a-and-b, gov.
  ASSERT_EQ(r1.delegations_size(), 2);
  const DelegationBalance& ab1 = r1.delegations(0);
  EXPECT_EQ(ab1.display_name(), "A & B");
  EXPECT_EQ(ab1.kind(), balance::v1::Delegation::CIVIL_SOCIETY);
  EXPECT_EQ(ab1.members(), 3);
  EXPECT_EQ(ab1.women(), 2);
  EXPECT_EQ(ab1.undisclosed(), 1);
  EXPECT_NEAR(ab1.women_share(), 2.0 / 3, 1e-9);
  EXPECT_TRUE(ab1.meets_target());
  const DelegationBalance& gov1 = r1.delegations(1);
  EXPECT_EQ(gov1.members(), 4);
  EXPECT_EQ(gov1.women(), 1);
  EXPECT_EQ(gov1.men(), 3);
  EXPECT_DOUBLE_EQ(gov1.women_share(), 0.25);
  EXPECT_NEAR(gov1.women_decision_share(), 1.0 / 3, 1e-9);
  EXPECT_THAT(Flags(gov1), ElementsAre(balance::v1::BELOW_TARGET));
  EXPECT_EQ(r1.overall().members(), 7);
  EXPECT_EQ(r1.overall().women(), 3);

  // r2: a-and-b has no members (shares unset); gov's woman is an adviser.
  ASSERT_EQ(r2.delegations_size(), 2);
  const DelegationBalance& ab2 = r2.delegations(0);
  EXPECT_EQ(ab2.members(), 0);
  EXPECT_FALSE(ab2.has_women_share());
  EXPECT_FALSE(ab2.has_women_decision_share());
  EXPECT_THAT(Flags(ab2), ElementsAre(balance::v1::NO_MEMBERS));
  const DelegationBalance& gov2 = r2.delegations(1);
  EXPECT_DOUBLE_EQ(gov2.women_share(), 0.25);
  EXPECT_DOUBLE_EQ(gov2.women_decision_share(), 0);
  EXPECT_THAT(Flags(gov2),
              ::testing::ElementsAre(balance::v1::BELOW_TARGET, balance::v1::WOMEN_ONLY_IN_NON_DECISION_ROLES));
}

TEST_F(WpsctlBalanceCliTest, BalanceTrendAndReportThroughWpsctl) {
  Ok({"balance", "import", WriteFile("d.csv", kSpreadsheet)});

  // The latest round by default; --round for another.
  const auto latest = ParseJson<Balance>(Ok({"balance", "sudan", "--output=json"}).out);
  EXPECT_EQ(latest.round(), "processes/sudan/rounds/r2");
  const auto first =
      ParseJson<Balance>(Ok({"balance", "processes/sudan", "--round=r1", "--output=json"}).out);
  EXPECT_EQ(first.overall().women(), 3);

  const std::string table = Ok({"balance", "sudan"}).out;
  EXPECT_THAT(table, StartsWith("Sudan talks: round \"Jeddah II\" (processes/sudan/rounds/r2)"));
  EXPECT_THAT(table, HasSubstr("below target; women only in non-decision roles"));
  EXPECT_THAT(table, HasSubstr("n/a"));
  EXPECT_THAT(table, HasSubstr("no members"));

  const std::string trend = Ok({"balance", "trend", "sudan"}).out;
  EXPECT_THAT(trend, HasSubstr("\nROUND      START       A & B  Government  OVERALL\n"));
  EXPECT_THAT(trend, HasSubstr("\nJeddah I   2025-05-06  66.7%  25.0%       42.9%\n"));
  EXPECT_THAT(trend, HasSubstr("\nJeddah II  2025-08-12  n/a    25.0%       25.0%\n"));

  const std::string chart = Path("sudan.svg");
  Ok({"balance", "trend", "sudan", "--chart=" + chart});
  const std::string svg = ReadFile(chart);
  EXPECT_THAT(svg, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
  EXPECT_THAT(svg, HasSubstr(">Sudan talks</text>"));
  EXPECT_THAT(svg, HasSubstr(">A &amp; B</text>"));
  EXPECT_THAT(svg, HasSubstr(">target 30%</text>"));

  const auto report = ParseJson<balance::v1::BalanceReport>(
      Ok({"balance", "report", "--countries=sd", "--output=json"}).out);
  EXPECT_EQ(report.processes(), 1);
  ASSERT_EQ(report.rows_size(), 1);
  EXPECT_EQ(report.rows(0).round(), "processes/sudan/rounds/r2");
  EXPECT_THAT(Ok({"balance", "report", "--countries=YE"}).out, HasSubstr("Across 0 processes"));

  EXPECT_THAT(Ok({"balance", "rounds", "sudan", "--output=csv"}).out,
              HasSubstr("\nprocesses/sudan/rounds/r1,Jeddah I,2025-05-06,Jeddah\n"
                        "processes/sudan/rounds/r2,Jeddah II,2025-08-12,\n"));
}

TEST_F(WpsctlBalanceCliTest, BadRowsKeepTheirDelegationOutAndTheRestIsWritten) {
  Ok({"balance", "import", WriteFile("d.csv", kSpreadsheet)});
  // gov at r1 gains a bad row: it keeps its four members; a-and-b is replaced by one member.
  const RunResult result = Run({"balance", "import",
                                WriteFile("bad.csv",
                                          "process,round,delegation,kind,member,gender,role\n"
                                          "sudan,r1,gov,party,Amna Idris,female,negotiator\n"
                                          "sudan,r1,a-and-b,civil_society,Hiba Saeed,woman,head\n"
                                          "sudan,r7,x,party,Hiba Saeed,woman,head\n")},
                               1);
  EXPECT_THAT(result.err, HasSubstr("row 2, gender: \"female\" is not a gender"));
  EXPECT_THAT(result.err, HasSubstr("row 4, round: round r7 of processes/sudan does not exist"));
  EXPECT_EQ(result.out, "rows 3, delegations written 1, not written 2, rounds created 0\n");

  const BalanceTrend trend = Trend();
  ASSERT_EQ(trend.points_size(), 2);
  EXPECT_EQ(trend.points(0).delegations(0).members(), 1);  // a-and-b, replaced whole
  EXPECT_EQ(trend.points(0).delegations(1).members(), 4);  // gov, untouched

  // A process that does not exist, and a file wpsctl cannot read as a spreadsheet.
  EXPECT_THAT(Run({"balance", "import",
                   WriteFile("none.csv",
                             "process,round,delegation,kind,member,gender,role\n"
                             "nowhere,r1,gov,party,,woman,head\n")},
                  1)
                  .err,
              HasSubstr("row 2, process: process processes/nowhere does not exist"));
  EXPECT_THAT(Run({"balance", "import", WriteFile("empty.csv", "")}, 2).err,
              HasSubstr("the file is empty"));
}

TEST_F(WpsctlBalanceCliTest, SampleDelegationsLoadAndReloadForTheDemo) {
  const std::string saved = Path("sample.csv");
  EXPECT_THAT(Ok({"balance", "create-sample", "--out=" + saved}).out,
              StartsWith("sample processes: created 3, existing 0\n"));
  EXPECT_THAT(ReadFile(saved), StartsWith("process,round,"));
  // As run.sh runs it again: nothing new, nothing failing.
  const std::string again = Ok({"balance", "create-sample"}).out;
  EXPECT_THAT(again, StartsWith("sample processes: created 0, existing 3\n"));
  EXPECT_THAT(again, HasSubstr("not written 0, rounds created 0\n"));

  const std::string sudan = Ok({"balance", "sudan-sample"}).out;
  EXPECT_THAT(sudan, StartsWith("Sudan talks (sample): round \"Jeddah III\""));
  EXPECT_THAT(sudan, HasSubstr("below target"));
  EXPECT_THAT(sudan, HasSubstr("fell since previous round"));
  EXPECT_THAT(sudan, HasSubstr("women only in non-decision roles"));
  EXPECT_THAT(Ok({"balance", "report"}).out,
              HasSubstr("Without women mediators: Yemen consultations (sample)"));
}

}  // namespace
}  // namespace wps::e2e
