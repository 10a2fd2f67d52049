// The wpsd process itself: durability across kill -9, clean SIGTERM, refusals at start, health and
// reflection.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/sample/sample_roster.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/e2e/acknowledged_writer.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/grpc_probe.h"
#include "tests/testing/status_matchers.h"

namespace wps::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

constexpr absl::Duration kCallTimeout = absl::Seconds(10);

grpc::Status GetMediator(Wpsd& wpsd, const std::string& name) {
  roster::v1::GetMediatorRequest request;
  request.set_name(name);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  roster::v1::Mediator mediator;
  return wpsd.roster().GetMediator(&context, request, &mediator);
}

// The non-empty lines of `text`.
std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipWhitespace());
}

TEST_F(E2eTest, AcknowledgedWritesSurviveKillDashNine) {
  std::vector<std::string> acknowledged;
  for (int cycle = 0; cycle < 3; ++cycle) {
    SCOPED_TRACE(absl::StrCat("cycle ", cycle));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
    if (cycle == 0) {
      ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
    }
    for (const std::string& name : acknowledged) {
      const grpc::Status status = GetMediator(*wpsd, name);
      ASSERT_TRUE(status.ok()) << name << " was acknowledged before a kill -9 and is gone: "
                               << status.error_message();
    }

    AcknowledgedWriter writer(wpsd->roster(), absl::StrCat("k", cycle), 1000 + 10 * cycle);
    if (!writer.AwaitAcknowledged(300, absl::Seconds(120))) {
      writer.StopAndJoin();
      FAIL() << "only " << writer.acknowledged().size() << " creations acknowledged; errors: "
             << ::testing::PrintToString(writer.unexpected_errors());
    }
    writer.ExpectFailures();
    wpsd->Kill();  // while the writer threads have calls in flight
    writer.StopAndJoin();
    EXPECT_THAT(writer.unexpected_errors(), ::testing::IsEmpty());
    ASSERT_TRUE(wpsd->process().TryWait().has_value());
    EXPECT_EQ(wpsd->process().TryWait()->signal, SIGKILL);
    acknowledged.insert(acknowledged.end(), writer.acknowledged().begin(), writer.acknowledged().end());
  }

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  for (const std::string& name : acknowledged) {
    const grpc::Status status = GetMediator(*wpsd, name);
    EXPECT_TRUE(status.ok()) << name << " was acknowledged before a kill -9 and is gone: " << status.error_message();
  }
  EXPECT_GE(acknowledged.size(), 900u);
  EXPECT_OK(wpsd->Stop());
}

TEST_F(E2eTest, SigtermExitsCleanlyWithinGraceAndKeepsData) {
  constexpr int kGraceSeconds = 5;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd,
                       StartWpsd({absl::StrCat("--shutdown_grace_seconds=", kGraceSeconds)}));
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  AcknowledgedWriter writer(wpsd->roster(), "term", 42);
  if (!writer.AwaitAcknowledged(100, absl::Seconds(60))) {
    writer.StopAndJoin();
    FAIL() << "only " << writer.acknowledged().size() << " creations acknowledged; errors: "
           << ::testing::PrintToString(writer.unexpected_errors());
  }

  // SIGTERM while the writers still call: calls in flight drain, later ones are refused.
  writer.ExpectFailures();
  const absl::Time stop_start = absl::Now();
  EXPECT_OK(wpsd->Stop(absl::Seconds(kGraceSeconds + 10)));
  const absl::Duration stop_time = absl::Now() - stop_start;
  EXPECT_LT(stop_time, absl::Seconds(kGraceSeconds + 2)) << "SIGTERM took longer than the grace";
  writer.StopAndJoin();
  EXPECT_THAT(writer.unexpected_errors(), ::testing::IsEmpty());

  ASSERT_OK_AND_ASSIGN(wpsd, StartWpsd());
  for (const std::string& name : writer.acknowledged()) {
    const grpc::Status status = GetMediator(*wpsd, name);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
  }
  EXPECT_GE(writer.acknowledged().size(), 100u);
  EXPECT_OK(wpsd->Stop());
}

// Runs wpsd with `flags` and expects it to refuse to start.
absl::StatusOr<RunResult> RunRefusedWpsd(const std::string& log_dir, std::vector<std::string> flags) {
  std::vector<std::string> argv = {BinPath("wpsd")};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return RunProcess(LoggedProcess(log_dir, "wpsd-refused", std::move(argv)), absl::Seconds(30));
}

TEST_F(E2eTest, SecondWpsdOnTheSameDataDirIsRefused) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK_AND_ASSIGN(RunResult second,
                       RunRefusedWpsd(LogDir(), {"--data_dir=" + DataDir(), "--listen=127.0.0.1:0"}));
  EXPECT_FALSE(second.exit.Success()) << Describe(second);
  EXPECT_THAT(second.err, HasSubstr("in use")) << Describe(second);
  EXPECT_THAT(Lines(second.err), ::testing::SizeIs(1)) << Describe(second);
  // The first one is untouched.
  ASSERT_OK_AND_ASSIGN(std::string health, CheckHealth(wpsd->channel(), "", kCallTimeout));
  EXPECT_EQ(health, "SERVING");
  EXPECT_OK(wpsd->Stop());
}

TEST_F(E2eTest, BadFlagsAreRefusedWithOneLineReason) {
  ASSERT_OK_AND_ASSIGN(RunResult bad_listen,
                       RunRefusedWpsd(LogDir(), {"--data_dir=" + DataDir(), "--listen=nonsense"}));
  EXPECT_FALSE(bad_listen.exit.Success()) << Describe(bad_listen);
  EXPECT_THAT(Lines(bad_listen.err), ::testing::ElementsAre(HasSubstr("--listen"))) << Describe(bad_listen);

  ASSERT_OK_AND_ASSIGN(RunResult unknown_flag,
                       RunRefusedWpsd(LogDir(), {"--data_dir=" + DataDir(), "--no_such_flag=1"}));
  EXPECT_FALSE(unknown_flag.exit.Success()) << Describe(unknown_flag);
  EXPECT_THAT(unknown_flag.err, HasSubstr("no_such_flag")) << Describe(unknown_flag);
}

TEST_F(E2eTest, NonLoopbackListenWithoutAuthenticationIsRefused) {
  ASSERT_OK_AND_ASSIGN(RunResult open, RunRefusedWpsd(LogDir(), {"--data_dir=" + DataDir(), "--listen=0.0.0.0:0"}));
  EXPECT_FALSE(open.exit.Success()) << Describe(open);
  EXPECT_THAT(Lines(open.err), ::testing::ElementsAre(HasSubstr("authentication"))) << Describe(open);
}

TEST_F(E2eTest, ConfigSyntaxErrorNamesTheLine) {
  const std::string config = Path("wpsd.textproto");
  {
    std::ofstream out(config);
    out << "# wpsd settings\n"
        << "listen: \"127.0.0.1:0\"\n"
        << "data_dir: \"" << DataDir() << "\"\n"
        << "services \"all\" {\n";
  }
  ASSERT_OK_AND_ASSIGN(RunResult bad_config, RunRefusedWpsd(LogDir(), {"--config=" + config}));
  EXPECT_FALSE(bad_config.exit.Success()) << Describe(bad_config);
  EXPECT_THAT(Lines(bad_config.err), ::testing::ElementsAre(HasSubstr("line 4"))) << Describe(bad_config);
}

TEST_F(E2eTest, HealthAndReflectionAnswer) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK_AND_ASSIGN(std::string server_health, CheckHealth(wpsd->channel(), "", kCallTimeout));
  EXPECT_EQ(server_health, "SERVING");
  ASSERT_OK_AND_ASSIGN(std::string roster_health,
                       CheckHealth(wpsd->channel(), "wps.roster.v1.RosterService", kCallTimeout));
  EXPECT_EQ(roster_health, "SERVING");
  ASSERT_OK_AND_ASSIGN(std::string balance_health,
                       CheckHealth(wpsd->channel(), "wps.balance.v1.BalanceService", kCallTimeout));
  EXPECT_EQ(balance_health, "SERVING");
  EXPECT_THAT(CheckHealth(wpsd->channel(), "wps.no.v1.SuchService", kCallTimeout),
              StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(std::vector<std::string> services, ListServicesByReflection(wpsd->channel(), kCallTimeout));
  EXPECT_THAT(services, Contains("wps.roster.v1.RosterService"));
  EXPECT_THAT(services, Contains("wps.balance.v1.BalanceService"));
  EXPECT_THAT(services, Contains("grpc.health.v1.Health"));

  ASSERT_OK_AND_ASSIGN(std::vector<google::protobuf::FileDescriptorProto> files,
                       FilesContainingSymbol(wpsd->channel(), "wps.roster.v1.RosterService", kCallTimeout));
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].name(), "wps/roster/v1/roster_service.proto");
  ASSERT_EQ(files[0].service_size(), 1);
  std::vector<std::string> methods;
  for (const auto& method : files[0].service(0).method()) methods.push_back(method.name());
  EXPECT_THAT(methods, Contains("ImportMediators"));
  EXPECT_THAT(FilesContainingSymbol(wpsd->channel(), "wps.no.v1.SuchService", kCallTimeout),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(wpsd->Stop());
}

}  // namespace
}  // namespace wps::e2e
