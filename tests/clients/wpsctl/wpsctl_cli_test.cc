// Runs the wpsctl binary for everything that needs no server: help, usage errors and their exit
// codes, gen-sample, and the errors for an unreachable server.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/sample/sample_roster.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/roster/mediator_csv.h"
#include "tests/testing/temp_dir.h"

namespace wps::wpsctl {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// A loopback port nothing listens on: connections are refused at once.
constexpr char kDeadServer[] = "--server=127.0.0.1:1";

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string BinDir() {
  if (const char* dir = std::getenv("WPS_BIN_DIR")) return dir;
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  std::string path(self, n > 0 ? n : 0);
  return path.substr(0, path.rfind('/'));
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

class WpsctlCliTest : public ::testing::Test {
 protected:
  // Runs wpsctl with `args`, standard input from `stdin_path` (or /dev/null).
  Result Run(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
    std::string command = ShellQuote(BinDir() + "/wpsctl");
    for (const std::string& arg : args) absl::StrAppend(&command, " ", ShellQuote(arg));
    absl::StrAppend(&command, " <", ShellQuote(stdin_path), " >", ShellQuote(dir_.Join("out")),
                    " 2>", ShellQuote(dir_.Join("err")));
    const int status = std::system(command.c_str());
    Result result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = ReadAll(dir_.Join("out"));
    result.err = ReadAll(dir_.Join("err"));
    return result;
  }

  wps::testing::TempDir dir_;
};

TEST_F(WpsctlCliTest, HelpListsEveryCommandWithAnExample) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, std::vector<std::string>{"help"}}) {
    const Result result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    for (const char* command :
         {"import FILE.csv", "export [--network=N]", "get NAME", "create PARENT", "update NAME",
          "delete NAME", "undelete NAME", "list [PARENT]", "network create ID", "network get",
          "network list", "gen-sample", "e.g. wpsctl import", "--server", "--token", "--output"}) {
      EXPECT_THAT(result.out, HasSubstr(command));
    }
    for (const char* command :
         {"search [QUERY...]", "e.g. wpsctl search", "shortlist --file=REQUEST.json",
          "e.g. wpsctl shortlist --file", "shortlist get NAME", "shortlist list", "process create",
          "e.g. wpsctl process create", "process get NAME", "process list", "process update NAME",
          "e.g. wpsctl process update"}) {
      EXPECT_THAT(result.out, HasSubstr(command));
    }
    for (const char* command :
         {"balance PROCESS [--round=R]", "e.g. wpsctl balance sudan-sample",
          "balance trend PROCESS [--chart=FILE.svg]", "e.g. wpsctl balance trend",
          "balance report [--countries=SD,YE]", "e.g. wpsctl balance report", "balance rounds",
          "e.g. wpsctl balance rounds", "balance round create PROCESS --start=YYYY-MM-DD",
          "e.g. wpsctl balance round create", "balance import FILE.csv",
          "process,round,delegation,kind,member,gender,role", "round_start_date",
          "e.g. wpsctl balance import", "balance create-sample",
          "e.g. wpsctl balance create-sample", "\"n/a\""}) {
      EXPECT_THAT(result.out, HasSubstr(command));
    }
  }
}

TEST_F(WpsctlCliTest, UsageErrorsExitTwoWithAReasonAndAPointerToHelp) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "no command given"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"--colour=red", "get", "nordic/x"}, "unknown flag --colour"},
      {{"get"}, "get takes 1 argument(s), got 0"},
      {{"get", "a", "b"}, "got 2"},
      {{"get", "Nordic/Ingrid"}, "is not a mediator name"},
      {{"--output=yaml", "get", "nordic/x"}, "--output must be table, json or csv"},
      {{"network"}, "network needs create, create-sample, get or list"},
      {{"create", "nordic"}, "create needs --file"},
      {{"--tls_cert=c.pem", "get", "nordic/x"}, "--tls_cert and --tls_key go together"},
      {{"import", "/nonexistent/roster.csv"}, "cannot read /nonexistent/roster.csv"},
      {{"gen-sample", "--count=-3"}, "--count cannot be negative"},
      {{"search", "--language=en,ar:Z9"}, "--language: \"Z9\" in \"ar:Z9\" is not a level"},
      {{"search", "--facets=colour"}, "--facets: \"colour\" is not a facet"},
      {{"search", "--availability=busy"}, "--availability: \"busy\""},
      {{"search", "--limit=-1"}, "cannot be negative"},
      {{"shortlist"}, "shortlist needs --file"},
      {{"shortlist", "extra"}, "shortlist takes 0 argument(s), got 1"},
      {{"shortlist", "get"}, "shortlist get takes 1 argument(s), got 0"},
      {{"shortlist", "--file=/nonexistent/request.json"}, "cannot read /nonexistent/request.json"},
      {{"shortlist", "list", "--process=Sudan"}, "--process: 'Sudan' is not a process"},
      {{"process"}, "process needs create, get, list or update"},
      {{"process", "create"}, "process create needs --file"},
      {{"process", "get", "Sudan"}, "'Sudan' is not a process"},
      {{"process", "update", "sudan"}, "process update needs --file"},
      {{"balance"}, "balance takes 1 argument(s), got 0"},
      {{"balance", "a", "b"}, "balance takes 1 argument(s), got 2"},
      {{"balance", "Sudan"}, "'Sudan' is not a process"},
      {{"balance", "sudan", "--round=processes/yemen/rounds/r1"},
       "--round: 'processes/yemen/rounds/r1' is not a round of processes/sudan"},
      {{"balance", "round"}, "balance round needs create"},
      {{"balance", "round", "delete", "sudan"}, "unknown command 'balance round delete'"},
      {{"balance", "round", "create", "sudan"}, "balance round create needs --start YYYY-MM-DD"},
      {{"balance", "round", "create", "sudan", "--start=2026-02-30"},
       "--start: '2026-02-30' is not a date (YYYY-MM-DD)"},
      {{"balance", "rounds"}, "balance rounds takes 1 argument(s), got 0"},
      {{"balance", "report", "--to=May"}, "--to: 'May' is not a date"},
      {{"balance", "import", "/nonexistent/delegations.csv"},
       "cannot read /nonexistent/delegations.csv"},
      {{"balance", "trend", "Sudan"}, "'Sudan' is not a process"},
  };
  for (const auto& [args, reason] : cases) {
    const Result result = Run(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ") << ": " << result.err;
    EXPECT_THAT(result.err, StartsWith("wpsctl: ")) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, HasSubstr(reason)) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.out, IsEmpty());
  }
}

TEST_F(WpsctlCliTest, FileDashReadsStandardInput) {
  const std::string json = dir_.Join("bad.json");
  {
    std::ofstream out(json);
    out << "{\"languages\": [{\"code\": \"ar\", \"level\": \"Z9\"}]}";
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"create", "nordic", "--file", "-"},
        std::vector<std::string>{"create", "nordic", "--file=-"}}) {
    const Result result = Run(args, json);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    // The problem is in the input, read from stdin; no warning about "-" looking like a flag.
    EXPECT_THAT(result.err, StartsWith("wpsctl: -: not a Mediator in proto-JSON"));
  }
}

TEST_F(WpsctlCliTest, GenSampleWritesTheGeneratorsRecordsAsCsv) {
  const Result result = Run({"gen-sample", "--count=40", "--seed=3"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());  // not a terminal: no progress line

  roster::CsvReader reader;
  std::vector<roster::CsvRecord> records;
  ASSERT_TRUE(reader.Feed(result.out, records).ok());
  ASSERT_TRUE(reader.Finish(records).ok());
  ASSERT_EQ(records.size(), 41u);
  EXPECT_TRUE(roster::CheckMediatorCsvHeader(records[0].fields).ok());
  sample::SampleRosterGenerator generator(3);
  for (size_t i = 1; i < records.size(); ++i) {
    std::vector<common::FieldViolation> violations;
    const roster::v1::Mediator parsed =
        roster::MediatorFromCsvFields(records[i].fields, violations);
    EXPECT_TRUE(violations.empty());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, generator.Next()))
        << "row " << i;
  }
  EXPECT_EQ(Run({"gen-sample", "--count=40", "--seed=3"}).out, result.out);
}

TEST_F(WpsctlCliTest, GenSampleToAFile) {
  const std::string path = dir_.Join("sample.csv");
  const Result result = Run({"gen-sample", "--count=5", "--out=" + path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, IsEmpty());
  const std::vector<std::string> lines = absl::StrSplit(ReadAll(path), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], roster::kMediatorCsvHeader);
}

TEST_F(WpsctlCliTest, UnreachableServerIsAnRpcErrorForUnaryCalls) {
  const Result result = Run({kDeadServer, "--timeout=5", "get", "nordic/ingrid-hansen"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith("wpsctl: UNAVAILABLE: "));
}

TEST_F(WpsctlCliTest, UnreachableServerIsAnRpcErrorForSearchShortlistAndProcess) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", "sigurd", "--language=is:C1"},
        std::vector<std::string>{"shortlist", "list"},
        std::vector<std::string>{"process", "get", "sudan"}}) {
    std::vector<std::string> full = {kDeadServer, "--timeout=5"};
    full.insert(full.end(), args.begin(), args.end());
    const Result result = Run(full);
    EXPECT_EQ(result.exit_code, 1) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, StartsWith("wpsctl: UNAVAILABLE: ")) << absl::StrJoin(args, " ");
  }
}

TEST_F(WpsctlCliTest, BalanceAgainstAnUnreachableServer) {
  Result result = Run({kDeadServer, "--timeout=5", "balance", "sudan"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith("wpsctl: UNAVAILABLE: "));
  // An import that cannot reach the server fails as a whole.
  const std::string csv = dir_.Join("delegations.csv");
  {
    std::ofstream out(csv);
    out << "process,round,delegation,kind,member,gender,role\nsudan,r1,gov,party,,woman,head\n";
  }
  result = Run({kDeadServer, "--timeout=5", "balance", "import", csv});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("wpsctl: UNAVAILABLE: "));
  EXPECT_THAT(result.out, HasSubstr("delegations written 0"));
  // A bad file is found before any call.
  {
    std::ofstream out(csv);
    out << "process,round,delegation\n";
  }
  result = Run({kDeadServer, "balance", "import", csv});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("missing column 'kind'"));
}

TEST_F(WpsctlCliTest, ImportToAnUnreachableServerExitsTwo) {
  const std::string csv = dir_.Join("roster.csv");
  {
    std::ofstream out(csv);
    out << roster::kMediatorCsvHeader << "\n";
  }
  Result result = Run({kDeadServer, "import", csv});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, StartsWith("wpsctl: UNAVAILABLE: "));
  // "-" is standard input.
  result = Run({kDeadServer, "import", "-"}, csv);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, StartsWith("wpsctl: UNAVAILABLE: "));
}

}  // namespace
}  // namespace wps::wpsctl
