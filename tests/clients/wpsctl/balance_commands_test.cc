// The balance commands against fake BalanceService and MatchingService implementations served
// in-process: the requests they send (one PutDelegation per delegation, rounds created from the
// file), what they print and the exit codes.
#include "clients/wpsctl/balance_commands.h"

#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/wpsctl/balance_import.h"
#include "clients/wpsctl/command_context.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/code.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Delegation;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// Every process but processes/nowhere exists; processes/sudan has rounds r1 and r2, the others none
// until created. Remembers every write. A delegation with id "refused" is refused with a field
// violation on its second member; a round dated 1999-01-01 cannot be created.
class FakeBalance final : public balance::v1::BalanceService::Service {
 public:
  grpc::Status CreateRound(grpc::ServerContext*, const balance::v1::CreateRoundRequest* request,
                           balance::v1::Round* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    created_rounds_.push_back(*request);
    if (request->round().start_date() == "1999-01-01") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "start_date too early");
    }
    auto& rounds = rounds_[request->parent()];
    if (!rounds.insert(request->round_id()).second) {
      return grpc::Status(grpc::StatusCode::ALREADY_EXISTS, "exists");
    }
    *response = request->round();
    response->set_name(absl::StrCat(request->parent(), "/rounds/", request->round_id()));
    return grpc::Status::OK;
  }

  grpc::Status ListRounds(grpc::ServerContext*, const balance::v1::ListRoundsRequest* request,
                          balance::v1::ListRoundsResponse* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (request->parent() == "processes/nowhere") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "no process");
    }
    const std::set<std::string>& rounds = rounds_[request->parent()];
    // One round per page, to exercise paging.
    auto round = rounds.begin();
    if (!request->page_token().empty()) round = rounds.upper_bound(request->page_token());
    if (round == rounds.end()) return grpc::Status::OK;
    response->add_rounds()->set_name(absl::StrCat(request->parent(), "/rounds/", *round));
    if (std::next(round) != rounds.end()) response->set_next_page_token(*round);
    return grpc::Status::OK;
  }

  grpc::Status PutDelegation(grpc::ServerContext*, const balance::v1::PutDelegationRequest* request,
                             Delegation* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (request->delegation().id() == "refused") {
      google::rpc::BadRequest bad_request;
      auto* violation = bad_request.add_field_violations();
      violation->set_field("delegation.members[1].display_name");
      violation->set_description("longer than 200 characters");
      google::rpc::Status details;
      details.set_code(google::rpc::INVALID_ARGUMENT);
      details.set_message("bad delegation");
      details.add_details()->PackFrom(bad_request);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad delegation",
                          details.SerializeAsString());
    }
    puts_.push_back(*request);
    *response = request->delegation();
    return grpc::Status::OK;
  }

  grpc::Status GetBalance(grpc::ServerContext*, const balance::v1::GetBalanceRequest* request,
                          balance::v1::Balance* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    balance_request_ = *request;
    response->set_round(absl::StrCat(request->process(), "/rounds/r2"));
    response->set_start_date("2026-02-24");
    auto* d = response->add_delegations();
    d->set_delegation(absl::StrCat(response->round(), "/delegations/gov"));
    d->set_display_name("Government");
    d->set_kind(Delegation::PARTY);
    d->set_members(4);
    d->set_women(1);
    d->set_women_share(0.25);
    d->set_target(0.3);
    d->add_flags(balance::v1::BELOW_TARGET);
    response->mutable_overall()->set_target(0.3);
    return grpc::Status::OK;
  }

  grpc::Status GetBalanceTrend(grpc::ServerContext*,
                               const balance::v1::GetBalanceTrendRequest* request,
                               balance::v1::BalanceTrend* response) override {
    response->set_process(request->process());
    response->set_target(0.3);
    auto* point = response->add_points();
    point->set_round(absl::StrCat(request->process(), "/rounds/r1"));
    point->set_start_date("2025-05-06");
    point->mutable_overall()->set_members(2);
    point->mutable_overall()->set_women(1);
    point->mutable_overall()->set_women_share(0.5);
    return grpc::Status::OK;
  }

  grpc::Status GetBalanceReport(grpc::ServerContext*,
                                const balance::v1::GetBalanceReportRequest* request,
                                balance::v1::BalanceReport* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    report_request_ = *request;
    response->set_processes(0);
    return grpc::Status::OK;
  }

  std::mutex mu_;
  std::map<std::string, std::set<std::string>> rounds_ = {{"processes/sudan", {"r1", "r2"}}};
  std::vector<balance::v1::CreateRoundRequest> created_rounds_;
  std::vector<balance::v1::PutDelegationRequest> puts_;
  balance::v1::GetBalanceRequest balance_request_;
  balance::v1::GetBalanceReportRequest report_request_;
};

// Knows processes/sudan ("Sudan talks") and whatever it is asked to create.
class FakeMatching final : public matching::v1::MatchingService::Service {
 public:
  grpc::Status GetProcess(grpc::ServerContext*, const matching::v1::GetProcessRequest* request,
                          matching::v1::PeaceProcess* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    const auto it = processes_.find(request->name());
    if (it == processes_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no process");
    *response = it->second;
    return grpc::Status::OK;
  }
  grpc::Status CreateProcess(grpc::ServerContext*,
                             const matching::v1::CreateProcessRequest* request,
                             matching::v1::PeaceProcess* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    *response = request->process();
    response->set_name("processes/" + request->process_id());
    processes_[response->name()] = *response;
    created_.push_back(response->name());
    return grpc::Status::OK;
  }

  std::mutex mu_;
  std::map<std::string, matching::v1::PeaceProcess> processes_ = {{"processes/sudan", [] {
                                                                     matching::v1::PeaceProcess p;
                                                                     p.set_name("processes/sudan");
                                                                     p.set_display_name(
                                                                         "Sudan talks");
                                                                     return p;
                                                                   }()}};
  std::vector<std::string> created_;
};

class BalanceCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&balance_);
    builder.RegisterService(&matching_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    balance_stub_ = balance::v1::BalanceService::NewStub(channel_);
    matching_stub_ = matching::v1::MatchingService::NewStub(channel_);
    ctx_.balance = balance_stub_.get();
    ctx_.matching = matching_stub_.get();
    ctx_.out = &out_;
    ctx_.err = &err_;
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = dir_.Join(name);
    std::ofstream(path) << content;
    return path;
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }

  FakeBalance balance_;
  FakeMatching matching_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<balance::v1::BalanceService::Stub> balance_stub_;
  std::unique_ptr<matching::v1::MatchingService::Stub> matching_stub_;
  CommandContext ctx_;
  std::ostringstream out_;
  std::ostringstream err_;
  wps::testing::TempDir dir_;
};

std::vector<std::string> PutNames(const std::vector<balance::v1::PutDelegationRequest>& puts) {
  std::vector<std::string> names;
  for (const auto& put : puts) {
    names.push_back(absl::StrCat(put.round(), "/delegations/", put.delegation().id()));
  }
  return names;
}

TEST_F(BalanceCommandsTest, ImportWritesEachDelegationWholeAndCreatesDatedRounds) {
  const std::string file = WriteFile("d.csv",
                                     "process,round,delegation,kind,member,gender,role,"
                                     "round_start_date,round_display_name\n"
                                     "sudan,r2,gov,party,Amna,woman,negotiator,,\n"
                                     "sudan,r3,gov,party,Amna,woman,head,2026-05-01,Jeddah IV\n"
                                     "sudan,r2,gov,party,Osman,man,head,,\n"
                                     "yemen,r1,un,mediation,,,,2025-01-01,\n");
  ASSERT_EQ(ImportBalance(ctx_, {file, ""}), kExitOk) << err_.str();
  EXPECT_THAT(err_.str(), IsEmpty());
  EXPECT_EQ(out_.str(), "rows 4, delegations written 3, not written 0, rounds created 2\n");
  ASSERT_EQ(balance_.created_rounds_.size(), 2u);
  EXPECT_EQ(balance_.created_rounds_[0].parent(), "processes/sudan");
  EXPECT_EQ(balance_.created_rounds_[0].round_id(), "r3");
  EXPECT_EQ(balance_.created_rounds_[0].round().start_date(), "2026-05-01");
  EXPECT_EQ(balance_.created_rounds_[0].round().display_name(), "Jeddah IV");
  EXPECT_THAT(PutNames(balance_.puts_), ElementsAre("processes/sudan/rounds/r2/delegations/gov",
                                                    "processes/sudan/rounds/r3/delegations/gov",
                                                    "processes/yemen/rounds/r1/delegations/un"));
  const Delegation& gov = balance_.puts_[0].delegation();
  EXPECT_EQ(gov.kind(), Delegation::PARTY);
  ASSERT_EQ(gov.members_size(), 2);
  EXPECT_EQ(gov.members(1).display_name(), "Osman");
  EXPECT_EQ(balance_.puts_[2].delegation().members_size(), 0);

  // Again: the rounds exist now; the same delegations are written again.
  out_.str("");
  ASSERT_EQ(ImportBalance(ctx_, {file, ""}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), "rows 4, delegations written 3, not written 0, rounds created 0\n");
}

TEST_F(BalanceCommandsTest, ImportReportsRowsItCannotWriteAndWritesTheRest) {
  const std::string file = WriteFile("d.csv",
                                     "process,round,delegation,kind,member,gender,role\n"
                                     "sudan,r1,gov,party,Amna,woman,negotiator\n"
                                     "sudan,r1,rsf,party,Osman,male,head\n"
                                     "sudan,r9,gov,party,Amna,woman,negotiator\n"
                                     "nowhere,r1,gov,party,Amna,woman,negotiator\n"
                                     "sudan,r1,refused,party,Amna,woman,head\n"
                                     "sudan,r1,refused,party,Hiba,woman,adviser\n");
  const std::string errors = dir_.Join("errors.csv");
  EXPECT_EQ(ImportBalance(ctx_, {file, errors}), kExitFailure);
  EXPECT_THAT(PutNames(balance_.puts_), ElementsAre("processes/sudan/rounds/r1/delegations/gov"));
  EXPECT_EQ(out_.str(), "rows 6, delegations written 1, not written 4, rounds created 0\n");
  const std::string err = err_.str();
  EXPECT_THAT(err, HasSubstr("row 3, gender: \"male\" is not a gender: use woman, man, other or "
                             "undisclosed\n"));
  EXPECT_THAT(err, HasSubstr("row 4, round: round r9 of processes/sudan does not exist: create it "
                             "first ('wpsctl balance round create sudan --id=r9 "
                             "--start=YYYY-MM-DD') or give its date in a round_start_date "
                             "column\n"));
  EXPECT_THAT(err, HasSubstr("row 5, process: process processes/nowhere does not exist"));
  EXPECT_THAT(err, HasSubstr("row 7, member: longer than 200 characters\n"));
  EXPECT_THAT(err, HasSubstr("not written: processes/sudan/rounds/r1/delegations/rsf (rows 3)\n"));
  EXPECT_THAT(err,
              HasSubstr("not written: processes/sudan/rounds/r1/delegations/refused (rows 6-7)\n"));
  // Errors come by row.
  EXPECT_LT(err.find("row 3,"), err.find("row 4,"));
  EXPECT_LT(err.find("row 5,"), err.find("row 7,"));
  EXPECT_THAT(ReadFile(errors), StartsWith("row,field,message\n3,gender,"));
}

TEST_F(BalanceCommandsTest, ImportJsonSummary) {
  ctx_.output = OutputFormat::kJson;
  const std::string file = WriteFile("d.csv",
                                     "process,round,delegation,kind,member,gender,role\n"
                                     "sudan,r1,gov,party,Amna,woman,negotiator\n"
                                     "sudan,r1,rsf,party,Osman,male,head\n");
  EXPECT_EQ(ImportBalance(ctx_, {file, ""}), kExitFailure);
  google::protobuf::Struct summary;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out_.str(), &summary).ok()) << out_.str();
  EXPECT_EQ(summary.fields().at("delegationsWritten").number_value(), 1);
  EXPECT_EQ(summary.fields().at("delegationsNotWritten").number_value(), 1);
  ASSERT_EQ(summary.fields().at("errors").list_value().values_size(), 1);
  EXPECT_EQ(summary.fields()
                .at("errors")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("field")
                .string_value(),
            "gender");
}

TEST_F(BalanceCommandsTest, ImportOfABadFileIsAUsageError) {
  EXPECT_EQ(ImportBalance(ctx_, {WriteFile("empty.csv", ""), ""}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("empty.csv: the file is empty"));
  err_.str("");
  EXPECT_EQ(ImportBalance(ctx_, {WriteFile("h.csv", "process,round,delegation\n"), ""}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("missing column 'kind'"));
  EXPECT_EQ(ImportBalance(ctx_, {dir_.Join("absent.csv"), ""}), kExitUsage);
  EXPECT_THAT(balance_.puts_, IsEmpty());
}

TEST_F(BalanceCommandsTest, ARoundTheServerWillNotCreateIsReportedOnItsRows) {
  const std::string file = WriteFile("d.csv",
                                     "process,round,delegation,kind,member,gender,role,"
                                     "round_start_date\n"
                                     "sudan,old,gov,party,Amna,woman,head,1999-01-01\n");
  EXPECT_EQ(ImportBalance(ctx_, {file, ""}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("row 2, round_start_date: cannot create round "
                                    "processes/sudan/rounds/old: INVALID_ARGUMENT: start_date too "
                                    "early\n"));
  EXPECT_THAT(balance_.puts_, IsEmpty());
}

TEST_F(BalanceCommandsTest, ShowBalanceAsksForTheRoundAndHeadsWithTheProcessName) {
  ASSERT_EQ(ShowBalance(ctx_, {"sudan", "r2"}), kExitOk) << err_.str();
  EXPECT_EQ(balance_.balance_request_.process(), "processes/sudan");
  EXPECT_EQ(balance_.balance_request_.round(), "r2");
  EXPECT_THAT(out_.str(), StartsWith("Sudan talks: round r2 (processes/sudan/rounds/r2)"));
  EXPECT_THAT(out_.str(), HasSubstr("below target"));

  EXPECT_EQ(ShowBalance(ctx_, {"Sudan", ""}), kExitUsage);
  EXPECT_EQ(ShowBalance(ctx_, {"sudan", "processes/yemen/rounds/r1"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("is not a round of processes/sudan"));
}

TEST_F(BalanceCommandsTest, TrendChartIsWrittenToTheFile) {
  const std::string chart = dir_.Join("trend.svg");
  ASSERT_EQ(ShowBalanceTrend(ctx_, {"sudan", chart}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), absl::StrCat("wrote ", chart,
                                     ": women's share at 1 round, 0 delegations and overall\n"));
  const std::string svg = ReadFile(chart);
  EXPECT_THAT(svg, StartsWith("<?xml"));
  EXPECT_THAT(svg, HasSubstr(">Sudan talks</text>"));
  EXPECT_EQ(ShowBalanceTrend(ctx_, {"sudan", "/nonexistent/dir/trend.svg"}), kExitUsage);
}

TEST_F(BalanceCommandsTest, ReportSendsCountriesAndDatesAndChecksThem) {
  ASSERT_EQ(ShowBalanceReport(ctx_, {" sd, ye", "2025-01-01", ""}), kExitOk) << err_.str();
  EXPECT_THAT(balance_.report_request_.countries(), ElementsAre("SD", "YE"));
  EXPECT_EQ(balance_.report_request_.from_date(), "2025-01-01");
  EXPECT_EQ(ShowBalanceReport(ctx_, {"", "2025-02-30", ""}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--from: '2025-02-30' is not a date (YYYY-MM-DD)"));
}

TEST_F(BalanceCommandsTest, RoundCreateAndList) {
  ASSERT_EQ(CreateRound(ctx_, {"sudan", "r5", "2026-06-02", "Jeddah IV", "Jeddah"}), kExitOk)
      << err_.str();
  EXPECT_EQ(balance_.created_rounds_.at(0).round().location(), "Jeddah");
  EXPECT_THAT(out_.str(), HasSubstr("\nprocesses/sudan/rounds/r5  Jeddah IV"));
  EXPECT_THAT(out_.str(), HasSubstr("2026-06-02  Jeddah\n"));
  out_.str("");
  ctx_.output = OutputFormat::kCsv;
  ASSERT_EQ(ListRounds(ctx_, "sudan"), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(),
            "name,display_name,start_date,location\nprocesses/sudan/rounds/r1,,,\n"
            "processes/sudan/rounds/r2,,,\nprocesses/sudan/rounds/r5,,,\n");
  EXPECT_EQ(CreateRound(ctx_, {"sudan", "r6", "", "", ""}), kExitUsage);
  EXPECT_EQ(CreateRound(ctx_, {"sudan", "R6", "2026-06-02", "", ""}), kExitUsage);
  EXPECT_EQ(ListRounds(ctx_, "nowhere"), kExitFailure);
}

TEST_F(BalanceCommandsTest, CreateSampleCreatesMissingProcessesAndIsRepeatable) {
  const std::string saved = dir_.Join("sample.csv");
  ASSERT_EQ(CreateSampleBalance(ctx_, saved), kExitOk) << err_.str();
  EXPECT_THAT(matching_.created_, ElementsAre("processes/sudan-sample", "processes/yemen-sample",
                                              "processes/colombia-sample"));
  EXPECT_THAT(out_.str(), StartsWith("sample processes: created 3, existing 0\nrows "));
  EXPECT_EQ(ReadFile(saved), SampleBalanceCsv());
  const size_t puts = balance_.puts_.size();
  EXPECT_GT(puts, 30u);

  out_.str("");
  ASSERT_EQ(CreateSampleBalance(ctx_, ""), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), StartsWith("sample processes: created 0, existing 3\n"));
  EXPECT_THAT(out_.str(), HasSubstr("rounds created 0\n"));
  EXPECT_EQ(balance_.puts_.size(), 2 * puts);
}

}  // namespace
}  // namespace wps::wpsctl
