// wpsctl import and export against a real wpsd: round trips, an import cut short by kill -9, bad rows.
#include <signal.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/sample/sample_roster.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/testing/status_matchers.h"

namespace wps::e2e {
namespace {

using ::testing::Optional;

using Records = std::vector<std::vector<std::string>>;

Records Sorted(Records records) {
  std::sort(records.begin(), records.end());
  return records;
}

// Expects `exported` to hold exactly the records of `imported`, with the same header line.
void ExpectSameRecords(const std::string& imported, const std::string& exported, size_t count) {
  ASSERT_OK_AND_ASSIGN(CsvFile in, ReadCsvFile(imported));
  ASSERT_OK_AND_ASSIGN(CsvFile out, ReadCsvFile(exported));
  EXPECT_EQ(in.header_line, out.header_line);
  EXPECT_EQ(in.records.size(), count);
  EXPECT_EQ(out.records.size(), count);
  const Records in_sorted = Sorted(in.records), out_sorted = Sorted(out.records);
  // Report the first difference rather than two 20000-row dumps.
  const auto mismatch = std::mismatch(in_sorted.begin(), in_sorted.end(), out_sorted.begin(), out_sorted.end());
  if (mismatch.first != in_sorted.end() || mismatch.second != out_sorted.end()) {
    ADD_FAILURE() << "first differing record:\n  imported: "
                  << (mismatch.first == in_sorted.end() ? "(none)" : absl::StrJoin(*mismatch.first, ","))
                  << "\n  exported: "
                  << (mismatch.second == out_sorted.end() ? "(none)" : absl::StrJoin(*mismatch.second, ","));
  }
}

// How many mediators the server holds, counted through ListMediators.
absl::StatusOr<int64_t> CountMediators(Wpsd& wpsd) {
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/-");
  request.set_page_size(1000);
  int64_t count = 0;
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    roster::v1::ListMediatorsResponse response;
    if (grpc::Status status = wpsd.roster().ListMediators(&context, request, &response); !status.ok()) {
      return FromGrpcStatus(status);
    }
    count += response.mediators_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return count;
}

// Polls (the server offers no notification of commits) until ListMediators shows a record; false
// when none shows before `deadline` or `import` ends first.
bool AwaitFirstCommittedBatch(Wpsd& wpsd, Process& import, absl::Time deadline) {
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/-");
  request.set_page_size(1);
  while (absl::Now() < deadline && !import.TryWait()) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    roster::v1::ListMediatorsResponse response;
    if (wpsd.roster().ListMediators(&context, request, &response).ok() && response.mediators_size() > 0) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

TEST_F(E2eTest, ImportThenExportGivesTheSameRecords) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  for (const roster::v1::Network& network : sample::GlobalAllianceNetworks()) {
    const std::string id = network.name().substr(std::string("networks/").size());
    ASSERT_OK_AND_ASSIGN(RunResult created,
                         Wpsctl(*wpsd, {"network", "create", id, "--display_name=" + network.display_name(),
                                        "--chapters=" + absl::StrJoin(network.chapters(), ",")}));
    ASSERT_TRUE(created.exit.Success()) << Describe(created);
  }
  ASSERT_OK_AND_ASSIGN(RunResult generated,
                       Wpsctl(*wpsd, {"gen-sample", "--count=10000", "--seed=7", "--out=" + Path("in.csv")}));
  ASSERT_TRUE(generated.exit.Success()) << Describe(generated);

  ASSERT_OK_AND_ASSIGN(RunResult imported, Wpsctl(*wpsd, {"import", Path("in.csv")}));
  ASSERT_TRUE(imported.exit.Success()) << Describe(imported);
  EXPECT_THAT(ReportedCount(imported.out, "created"), Optional(10000)) << Describe(imported);

  ASSERT_OK_AND_ASSIGN(RunResult exported, Wpsctl(*wpsd, {"export", "--out=" + Path("out.csv")}));
  ASSERT_TRUE(exported.exit.Success()) << Describe(exported);
  ExpectSameRecords(Path("in.csv"), Path("out.csv"), 10000);

  ASSERT_OK_AND_ASSIGN(RunResult again, Wpsctl(*wpsd, {"import", Path("in.csv")}));
  ASSERT_TRUE(again.exit.Success()) << Describe(again);
  EXPECT_THAT(ReportedCount(again.out, "created"), Optional(0)) << Describe(again);
  EXPECT_THAT(ReportedCount(again.out, "unchanged"), Optional(10000)) << Describe(again);
  EXPECT_OK(wpsd->Stop());
}

// run.sh sets up the demo with this command; running it twice must leave the same six networks.
TEST_F(E2eTest, CreateSampleNetworksIsIdempotent) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  for (int run = 0; run < 2; ++run) {
    ASSERT_OK_AND_ASSIGN(RunResult created, Wpsctl(*wpsd, {"network", "create-sample", "--output=csv"}));
    ASSERT_TRUE(created.exit.Success()) << Describe(created);
  }
  roster::v1::ListNetworksRequest request;
  roster::v1::ListNetworksResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(wpsd->roster().ListNetworks(&context, request, &response).ok());
  std::vector<std::string> names;
  for (const auto& network : response.networks()) names.push_back(network.name());
  EXPECT_THAT(names, ::testing::ElementsAre("networks/arab-women-mediators", "networks/femwise-africa",
                                            "networks/mwmn", "networks/nordic", "networks/sean-wpnm",
                                            "networks/wmc"));
  EXPECT_OK(wpsd->Stop());
}

TEST_F(E2eTest, ImportInterruptedByKillResumesToTheFilesRecords) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  ASSERT_OK_AND_ASSIGN(RunResult generated,
                       Wpsctl(*wpsd, {"gen-sample", "--count=20000", "--seed=11", "--out=" + Path("in.csv")}));
  ASSERT_TRUE(generated.exit.Success()) << Describe(generated);

  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Process> import,
      Process::Start(LoggedProcess(LogDir(), "wpsctl-import",
                                   {BinPath("wpsctl"), "--server=" + wpsd->address(), "import", Path("in.csv")})));
  ASSERT_TRUE(AwaitFirstCommittedBatch(*wpsd, *import, absl::Now() + absl::Seconds(120)))
      << "no batch became visible before the import ended; import stderr: " << import->Stderr();
  wpsd->Kill();
  ASSERT_OK_AND_ASSIGN(ExitStatus import_exit, import->Wait(absl::Seconds(60)));
  EXPECT_FALSE(import_exit.Success()) << "the import finished although its server was killed";

  ASSERT_OK_AND_ASSIGN(wpsd, StartWpsd());
  ASSERT_OK_AND_ASSIGN(int64_t survived, CountMediators(*wpsd));
  RecordProperty("rows_committed_before_kill", std::to_string(survived));
  EXPECT_GT(survived, 0);
  EXPECT_LT(survived, 20000) << "the kill came after the whole import was committed";

  ASSERT_OK_AND_ASSIGN(RunResult resumed, Wpsctl(*wpsd, {"import", Path("in.csv")}));
  ASSERT_TRUE(resumed.exit.Success()) << Describe(resumed);
  EXPECT_THAT(ReportedCount(resumed.out, "created"), Optional(20000 - survived)) << Describe(resumed);
  ASSERT_OK_AND_ASSIGN(RunResult exported, Wpsctl(*wpsd, {"export", "--out=" + Path("out.csv")}));
  ASSERT_TRUE(exported.exit.Success()) << Describe(exported);
  ExpectSameRecords(Path("in.csv"), Path("out.csv"), 20000);
  EXPECT_OK(wpsd->Stop());
}

// One bad row of a file: its row number (the header is row 1) and the column at fault.
struct BadRow {
  int64_t row;
  std::string column;
};

TEST_F(E2eTest, ImportKeepsGoodRowsAndReportsEachBadRow) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  ASSERT_OK_AND_ASSIGN(RunResult generated,
                       Wpsctl(*wpsd, {"gen-sample", "--count=6", "--seed=3", "--out=" + Path("good.csv")}));
  ASSERT_TRUE(generated.exit.Success()) << Describe(generated);
  ASSERT_OK_AND_ASSIGN(CsvFile good, ReadCsvFile(Path("good.csv")));
  ASSERT_EQ(good.records.size(), 6u);
  const int languages = ColumnIndex(good.header, "languages"), expertise = ColumnIndex(good.header, "expertise"),
            network = ColumnIndex(good.header, "network"), id = ColumnIndex(good.header, "id");
  ASSERT_GE(std::min({languages, expertise, network, id}), 0);

  // Rows 2, 6 and 8 are good; 3, 4, 5 and 7 are bad.
  Records rows = {good.records[0], good.records[1], good.records[2], good.records[3],
                  good.records[4], good.records[0], good.records[5]};
  rows[1][languages] = "xx:C1";
  rows[2][expertise] = "astrology";
  rows[3][network] = "atlantis";
  const std::vector<BadRow> bad = {{3, "languages"}, {4, "expertise"}, {5, "network"}, {7, "id"}};
  ASSERT_OK(WriteCsvFile(Path("bad.csv"), good.header, rows));

  ASSERT_OK_AND_ASSIGN(RunResult imported, Wpsctl(*wpsd, {"import", Path("bad.csv")}));
  EXPECT_EQ(imported.exit.exited ? imported.exit.code : -1, 1) << Describe(imported);
  EXPECT_THAT(ReportedCount(imported.out, "created"), Optional(3)) << Describe(imported);
  EXPECT_THAT(ReportedCount(imported.out, "failed"), Optional(4)) << Describe(imported);
  const std::string printed = imported.out + "\n" + imported.err;
  for (const BadRow& row : bad) {
    EXPECT_TRUE(LineNamingRowAndColumn(printed, row.row, row.column).has_value())
        << "no line names row " << row.row << " and column " << row.column << ":\n" << printed;
  }

  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t row = static_cast<int64_t>(i) + 2;
    const bool is_bad = std::any_of(bad.begin(), bad.end(), [row](const BadRow& b) { return b.row == row; });
    roster::v1::GetMediatorRequest request;
    request.set_name(absl::StrCat("networks/", rows[i][network], "/mediators/", rows[i][id]));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    roster::v1::Mediator mediator;
    const grpc::Status status = wpsd->roster().GetMediator(&context, request, &mediator);
    if (row == 7) continue;  // the duplicate of row 2, which is stored
    EXPECT_EQ(status.error_code(), is_bad ? grpc::StatusCode::NOT_FOUND : grpc::StatusCode::OK)
        << "row " << row << ": " << request.name() << ": " << status.error_message();
  }
  EXPECT_OK(wpsd->Stop());
}

}  // namespace
}  // namespace wps::e2e
