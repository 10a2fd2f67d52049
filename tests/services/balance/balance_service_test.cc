// BalanceService through a real gRPC server (wpsd::Server) on 127.0.0.1 over a real RocksDB store in a
// temp dir: rounds in start_date order, delegations with etags, balances, trends and reports read
// right after the writes, errors with their codes and BadRequest details, and a restart on the same
// data dir that reloads the catalog.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/wpsd/server.h"
#include "tests/testing/status_matchers.h"
#include "tests/services/loopback_server.h"
#include "tests/testing/temp_dir.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"

namespace wps::balance {
namespace {

using ::wps::service_testing::ViolationFields;

namespace mv1 = ::wps::matching::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Member = v1::Member;

// A wpsd on 127.0.0.1:0 over `data_dir`, with clients of its matching and balance services.
class TestServer {
 public:
  // Check ok() after construction; the reason is in status().
  explicit TestServer(const std::string& data_dir) {
    absl::StatusOr<std::unique_ptr<wpsd::Server>> server = service_testing::StartLoopbackServer(data_dir);
    if (!server.ok()) {
      status_ = server.status();
      return;
    }
    server_ = *std::move(server);
    auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    matching_ = mv1::MatchingService::NewStub(channel);
    balance_ = v1::BalanceService::NewStub(channel);
  }

  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }
  mv1::MatchingService::Stub& matching() { return *matching_; }
  v1::BalanceService::Stub& balance() { return *balance_; }

 private:
  absl::Status status_;
  std::unique_ptr<wpsd::Server> server_;
  std::unique_ptr<mv1::MatchingService::Stub> matching_;
  std::unique_ptr<v1::BalanceService::Stub> balance_;
};

// Calls `method` of `stub` with `request`; the response goes to `out`.
template <typename Stub, typename Request, typename Response>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                  const Request& request, Response* out) {
  grpc::ClientContext context;
  return (stub.*method)(&context, request, out);
}

Member MakeMember(Member::Gender gender, Member::Role role) {
  Member m;
  m.set_gender(gender);
  m.set_role(role);
  return m;
}

class BalanceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }

  void Start() {
    server_ = std::make_unique<TestServer>(dir_.Join("data"));
    ASSERT_TRUE(server_->ok()) << server_->status();
  }
  // Stops the server and starts another on the same data dir.
  void Restart() {
    server_.reset();
    Start();
  }

  grpc::Status CreateProcess(const std::string& id, const std::string& country) {
    mv1::CreateProcessRequest request;
    request.set_process_id(id);
    request.mutable_process()->set_display_name(absl::StrCat("Talks on ", country));
    request.mutable_process()->add_countries(country);
    mv1::PeaceProcess created;
    return Call(server_->matching(), &mv1::MatchingService::Stub::CreateProcess, request, &created);
  }

  grpc::Status SetTarget(const std::string& id, double target) {
    mv1::UpdateProcessRequest request;
    request.mutable_process()->set_name(absl::StrCat("processes/", id));
    request.mutable_process()->set_target_women_share(target);
    request.mutable_update_mask()->add_paths("target_women_share");
    mv1::PeaceProcess updated;
    return Call(server_->matching(), &mv1::MatchingService::Stub::UpdateProcess, request, &updated);
  }

  grpc::Status CreateRound(const std::string& process, const std::string& id,
                           const std::string& start, v1::Round* out = nullptr) {
    v1::CreateRoundRequest request;
    request.set_parent(absl::StrCat("processes/", process));
    request.set_round_id(id);
    request.mutable_round()->set_display_name(absl::StrCat("Round ", id));
    request.mutable_round()->set_start_date(start);
    v1::Round created;
    return Call(server_->balance(), &v1::BalanceService::Stub::CreateRound, request,
                out != nullptr ? out : &created);
  }

  grpc::Status PutDelegation(const std::string& round, const std::string& id,
                             const std::vector<Member>& members, const std::string& etag = "",
                             v1::Delegation* out = nullptr) {
    v1::PutDelegationRequest request;
    request.set_round(round);
    v1::Delegation* d = request.mutable_delegation();
    d->set_id(id);
    d->set_display_name(absl::StrCat("Delegation ", id));
    d->set_kind(v1::Delegation::PARTY);
    d->set_etag(etag);
    for (const Member& m : members) *d->add_members() = m;
    v1::Delegation written;
    return Call(server_->balance(), &v1::BalanceService::Stub::PutDelegation, request,
                out != nullptr ? out : &written);
  }

  grpc::Status GetBalance(const std::string& process, const std::string& round, v1::Balance* out) {
    v1::GetBalanceRequest request;
    request.set_process(process);
    request.set_round(round);
    return Call(server_->balance(), &v1::BalanceService::Stub::GetBalance, request, out);
  }

  grpc::Status Report(const v1::GetBalanceReportRequest& request, v1::BalanceReport* out) {
    return Call(server_->balance(), &v1::BalanceService::Stub::GetBalanceReport, request, out);
  }

  std::vector<std::string> RoundIds(const std::string& process, int page_size) {
    std::vector<std::string> names;
    v1::ListRoundsRequest request;
    request.set_parent(absl::StrCat("processes/", process));
    request.set_page_size(page_size);
    do {
      v1::ListRoundsResponse page;
      grpc::Status status =
          Call(server_->balance(), &v1::BalanceService::Stub::ListRounds, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(page.rounds_size(), page_size == 0 ? 50 : page_size);
      for (const v1::Round& round : page.rounds()) names.push_back(round.name().substr(round.name().rfind('/') + 1));
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }

  // Sudan talks: round r1 with saf (HEAD man, NEGOTIATOR woman, NEGOTIATOR man: 1 of 3) and au
  // (MEDIATOR woman, MEDIATOR man: 1 of 2).
  void CreateSudanTalks() {
    ASSERT_TRUE(CreateProcess("sudan", "SD").ok());
    ASSERT_TRUE(CreateRound("sudan", "r1", "2027-01-10").ok());
    ASSERT_TRUE(PutDelegation(kR1, "saf",
                              {MakeMember(Member::MAN, Member::HEAD),
                               MakeMember(Member::WOMAN, Member::NEGOTIATOR),
                               MakeMember(Member::MAN, Member::NEGOTIATOR)})
                    .ok());
    ASSERT_TRUE(PutDelegation(kR1, "au",
                              {MakeMember(Member::WOMAN, Member::MEDIATOR),
                               MakeMember(Member::MAN, Member::MEDIATOR)})
                    .ok());
  }

  static constexpr char kR1[] = "processes/sudan/rounds/r1";
  wps::testing::TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(BalanceServiceTest, RoundsListInStartDateThenIdOrderAcrossPages) {
  ASSERT_TRUE(CreateProcess("sudan", "SD").ok());
  ASSERT_TRUE(CreateRound("sudan", "late", "2027-05-01").ok());
  ASSERT_TRUE(CreateRound("sudan", "early", "2027-01-01").ok());
  ASSERT_TRUE(CreateRound("sudan", "mid-b", "2027-03-01").ok());
  ASSERT_TRUE(CreateRound("sudan", "mid-a", "2027-03-01").ok());
  EXPECT_THAT(RoundIds("sudan", 2), ElementsAre("early", "mid-a", "mid-b", "late"));
  EXPECT_THAT(RoundIds("sudan", 0), ElementsAre("early", "mid-a", "mid-b", "late"));
  EXPECT_THAT(RoundIds("sudan", 3), ElementsAre("early", "mid-a", "mid-b", "late"));
}

TEST_F(BalanceServiceTest, CreateRoundAssignsIdAndCreateTime) {
  ASSERT_TRUE(CreateProcess("sudan", "SD").ok());
  v1::Round first, second;
  ASSERT_TRUE(CreateRound("sudan", "", "2027-01-01", &first).ok());
  ASSERT_TRUE(CreateRound("sudan", "", "2027-01-01", &second).ok());
  EXPECT_THAT(first.name(), ::testing::StartsWith("processes/sudan/rounds/"));
  EXPECT_TRUE(first.has_create_time());
  EXPECT_EQ(first.start_date(), "2027-01-01");
  // Server-assigned ids sort in creation order, so same-day rounds list in creation order.
  EXPECT_LT(first.name(), second.name());
}

TEST_F(BalanceServiceTest, CreateRoundErrors) {
  ASSERT_TRUE(CreateProcess("sudan", "SD").ok());
  grpc::Status bad = CreateRound("sudan", "Round 1", "2027-02-30");
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(bad), ElementsAre("round_id", "round.start_date"));
  EXPECT_EQ(CreateRound("nowhere", "r1", "2027-01-01").error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(CreateRound("sudan", "r1", "2027-01-01").ok());
  EXPECT_EQ(CreateRound("sudan", "r1", "2027-09-01").error_code(), grpc::StatusCode::ALREADY_EXISTS);

  v1::ListRoundsRequest list;
  list.set_parent("processes/nowhere");
  v1::ListRoundsResponse rounds;
  EXPECT_EQ(Call(server_->balance(), &v1::BalanceService::Stub::ListRounds, list, &rounds).error_code(),
            grpc::StatusCode::NOT_FOUND);
  list.set_parent("processes/sudan");
  list.set_page_token("not-a-token");
  grpc::Status token = Call(server_->balance(), &v1::BalanceService::Stub::ListRounds, list, &rounds);
  EXPECT_EQ(token.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(token), ElementsAre("page_token"));
}

TEST_F(BalanceServiceTest, DelegationsAreReplacedWholeWithEtags) {
  CreateSudanTalks();
  v1::Delegation first;
  ASSERT_TRUE(PutDelegation(kR1, "rsf", {MakeMember(Member::MAN, Member::HEAD)}, "", &first).ok());
  EXPECT_EQ(first.name(), "processes/sudan/rounds/r1/delegations/rsf");
  EXPECT_FALSE(first.etag().empty());
  EXPECT_TRUE(first.has_update_time());

  v1::Delegation second;
  ASSERT_TRUE(PutDelegation(kR1, "rsf", {MakeMember(Member::WOMAN, Member::HEAD)}, first.etag(), &second)
                  .ok());
  EXPECT_NE(second.etag(), first.etag());
  grpc::Status stale = PutDelegation(kR1, "rsf", {}, first.etag());
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(PutDelegation(kR1, "new-one", {}, "12345").error_code(), grpc::StatusCode::ABORTED);

  v1::GetDelegationRequest get;
  get.set_name(first.name());
  v1::Delegation got;
  ASSERT_TRUE(Call(server_->balance(), &v1::BalanceService::Stub::GetDelegation, get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got, second)) << got.DebugString();

  v1::ListDelegationsRequest list;
  list.set_parent(kR1);
  list.set_page_size(2);
  v1::ListDelegationsResponse page;
  ASSERT_TRUE(Call(server_->balance(), &v1::BalanceService::Stub::ListDelegations, list, &page).ok());
  ASSERT_EQ(page.delegations_size(), 2);
  EXPECT_EQ(page.delegations(0).id(), "au");
  EXPECT_EQ(page.delegations(1).id(), "rsf");
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(Call(server_->balance(), &v1::BalanceService::Stub::ListDelegations, list, &page).ok());
  ASSERT_EQ(page.delegations_size(), 1);
  EXPECT_EQ(page.delegations(0).id(), "saf");
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(BalanceServiceTest, DelegationErrors) {
  CreateSudanTalks();
  EXPECT_EQ(PutDelegation("processes/sudan/rounds/none", "saf", {}).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status bad = PutDelegation(kR1, "SAF", {MakeMember(Member::GENDER_UNSPECIFIED, Member::HEAD),
                                                MakeMember(Member::WOMAN, Member::ROLE_UNSPECIFIED)});
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(bad), ElementsAre("delegation.id", "delegation.members[0].gender",
                                                "delegation.members[1].role"));
  EXPECT_THAT(ViolationFields(PutDelegation("processes/sudan", "saf", {})), ElementsAre("round"));

  v1::GetDelegationRequest get;
  get.set_name("processes/sudan/rounds/r1/delegations/none");
  v1::Delegation got;
  EXPECT_EQ(Call(server_->balance(), &v1::BalanceService::Stub::GetDelegation, get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name("processes/sudan/rounds/r1");
  grpc::Status malformed = Call(server_->balance(), &v1::BalanceService::Stub::GetDelegation, get, &got);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(malformed), ElementsAre("name"));

  v1::ListDelegationsRequest list;
  list.set_parent("processes/sudan/rounds/none");
  v1::ListDelegationsResponse page;
  EXPECT_EQ(Call(server_->balance(), &v1::BalanceService::Stub::ListDelegations, list, &page).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(BalanceServiceTest, BalanceOfTheLatestOrANamedRoundReadsTheWritesBeforeIt) {
  CreateSudanTalks();
  v1::Balance balance;
  ASSERT_TRUE(GetBalance("processes/sudan", "", &balance).ok());
  EXPECT_EQ(balance.round(), kR1);
  ASSERT_EQ(balance.delegations_size(), 2);
  EXPECT_EQ(balance.delegations(0).delegation(), "processes/sudan/rounds/r1/delegations/au");
  EXPECT_DOUBLE_EQ(balance.delegations(0).women_share(), 0.5);
  EXPECT_DOUBLE_EQ(balance.delegations(1).women_share(), 1.0 / 3);
  EXPECT_TRUE(balance.delegations(1).meets_target());
  EXPECT_EQ(balance.overall().members(), 5);
  EXPECT_EQ(balance.overall().women(), 2);
  EXPECT_DOUBLE_EQ(balance.overall().women_decision_share(), 0.4);
  ASSERT_EQ(balance.by_role_size(), 3);  // HEAD, NEGOTIATOR, MEDIATOR

  // A later round becomes the latest at once; the earlier one stays reachable by id and by name.
  ASSERT_TRUE(CreateRound("sudan", "r2", "2027-03-01").ok());
  ASSERT_TRUE(PutDelegation("processes/sudan/rounds/r2", "saf",
                            {MakeMember(Member::MAN, Member::HEAD), MakeMember(Member::MAN, Member::NEGOTIATOR)})
                  .ok());
  ASSERT_TRUE(GetBalance("processes/sudan", "", &balance).ok());
  EXPECT_EQ(balance.round(), "processes/sudan/rounds/r2");
  ASSERT_EQ(balance.delegations_size(), 1);
  EXPECT_THAT(balance.delegations(0).flags(),
              ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
  ASSERT_TRUE(GetBalance("processes/sudan", "r1", &balance).ok());
  EXPECT_EQ(balance.round(), kR1);
  ASSERT_TRUE(GetBalance("processes/sudan", kR1, &balance).ok());
  EXPECT_EQ(balance.round(), kR1);

  // A target changed through MatchingService applies to the next read.
  ASSERT_TRUE(SetTarget("sudan", 0.5).ok());
  ASSERT_TRUE(GetBalance("processes/sudan", "r1", &balance).ok());
  EXPECT_DOUBLE_EQ(balance.overall().target(), 0.5);
  EXPECT_FALSE(balance.delegations(1).meets_target());
}

TEST_F(BalanceServiceTest, BalanceErrors) {
  CreateSudanTalks();
  ASSERT_TRUE(CreateProcess("yemen", "YE").ok());
  v1::Balance balance;
  EXPECT_EQ(GetBalance("processes/nowhere", "", &balance).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetBalance("processes/yemen", "", &balance).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetBalance("processes/sudan", "r9", &balance).error_code(), grpc::StatusCode::NOT_FOUND);
  grpc::Status other = GetBalance("processes/yemen", kR1, &balance);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(other), ElementsAre("round"));
  EXPECT_THAT(ViolationFields(GetBalance("sudan", "", &balance)), ElementsAre("process"));
  EXPECT_THAT(ViolationFields(GetBalance("processes/sudan", "R1!", &balance)), ElementsAre("round"));

  v1::GetBalanceTrendRequest trend_request;
  trend_request.set_process("processes/nowhere");
  v1::BalanceTrend trend;
  EXPECT_EQ(Call(server_->balance(), &v1::BalanceService::Stub::GetBalanceTrend, trend_request, &trend)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  trend_request.set_process("processes/yemen");  // no rounds: an empty trend
  ASSERT_TRUE(
      Call(server_->balance(), &v1::BalanceService::Stub::GetBalanceTrend, trend_request, &trend).ok());
  EXPECT_THAT(trend.points(), IsEmpty());
  EXPECT_DOUBLE_EQ(trend.target(), 0.30);

  v1::GetBalanceReportRequest report_request;
  report_request.add_countries("Sudan");
  report_request.set_from_date("2027-13-01");
  v1::BalanceReport report;
  grpc::Status bad_report = Report(report_request, &report);
  EXPECT_EQ(bad_report.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(bad_report), ElementsAre("countries[0]", "from_date"));
}

TEST_F(BalanceServiceTest, TrendAndReport) {
  CreateSudanTalks();
  ASSERT_TRUE(CreateRound("sudan", "r0", "2026-12-01").ok());
  v1::GetBalanceTrendRequest trend_request;
  trend_request.set_process("processes/sudan");
  v1::BalanceTrend trend;
  ASSERT_TRUE(
      Call(server_->balance(), &v1::BalanceService::Stub::GetBalanceTrend, trend_request, &trend).ok());
  ASSERT_EQ(trend.points_size(), 2);
  EXPECT_EQ(trend.points(0).round(), "processes/sudan/rounds/r0");
  EXPECT_THAT(trend.points(0).overall().flags(), ElementsAre(v1::NO_MEMBERS));
  EXPECT_EQ(trend.points(1).round(), kR1);

  v1::GetBalanceReportRequest request;
  request.add_countries("SD");
  v1::BalanceReport report;
  ASSERT_TRUE(Report(request, &report).ok());
  EXPECT_EQ(report.processes(), 1);
  ASSERT_EQ(report.rows_size(), 1);
  EXPECT_EQ(report.rows(0).round(), kR1);
  EXPECT_EQ(report.negotiators().women(), 1);  // saf: mH wN mN
  EXPECT_EQ(report.negotiators().members(), 3);
  EXPECT_EQ(report.mediators().women(), 1);  // au is a PARTY here too: its mediators count
  EXPECT_EQ(report.mediators().members(), 2);
  EXPECT_FALSE(report.signatories().has_women_share());
  request.set_to_date("2027-01-09");  // only r0, which has nobody
  ASSERT_TRUE(Report(request, &report).ok());
  ASSERT_EQ(report.rows_size(), 1);
  EXPECT_EQ(report.rows(0).round(), "processes/sudan/rounds/r0");
  EXPECT_EQ(report.rows(0).overall().members(), 0);
}

TEST_F(BalanceServiceTest, RestartReloadsTheCatalog) {
  CreateSudanTalks();
  ASSERT_TRUE(CreateRound("sudan", "r2", "2027-03-01").ok());
  v1::Balance before;
  ASSERT_TRUE(GetBalance("processes/sudan", "r1", &before).ok());
  v1::BalanceReport report_before;
  ASSERT_TRUE(Report(v1::GetBalanceReportRequest(), &report_before).ok());

  Restart();
  v1::Balance after;
  ASSERT_TRUE(GetBalance("processes/sudan", "r1", &after).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(before, after)) << after.DebugString();
  v1::BalanceReport report_after;
  ASSERT_TRUE(Report(v1::GetBalanceReportRequest(), &report_after).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(report_before, report_after)) << report_after.DebugString();
  EXPECT_THAT(RoundIds("sudan", 10), ElementsAre("r1", "r2"));
  // Writes after the restart extend the reloaded picture.
  ASSERT_TRUE(PutDelegation("processes/sudan/rounds/r2", "saf", {MakeMember(Member::WOMAN, Member::HEAD)}).ok());
  ASSERT_TRUE(GetBalance("processes/sudan", "", &after).ok());
  EXPECT_EQ(after.round(), "processes/sudan/rounds/r2");
  EXPECT_EQ(after.overall().women(), 1);
}

}  // namespace
}  // namespace wps::balance
