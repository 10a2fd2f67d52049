// The authorization matrix end to end: the wpsd of roles_fixture.h called
// by every role of API.md — for its own network and the other — on every RPC of the roster,
// matching and balance services. Each row gives the expected status code and, where records come
// back, whose contact details the caller sees.
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/roles_fixture.h"
#include "tests/testing/status_matchers.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::wps::roster::v1::Mediator;
using ::wps::testing::IsOk;

using AuthorizationTest = RolesTest;

// The calls of the matrix, by name: each returns its outcome.
using Call = std::function<Outcome(const std::shared_ptr<grpc::Channel>&, grpc::ClientContext&)>;

Call GetMediator(const std::string& name) {
  return [name](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
    roster::v1::GetMediatorRequest request;
    request.set_name(name);
    roster::v1::Mediator record;
    const grpc::Status status = roster::v1::RosterService::NewStub(channel)->GetMediator(&context, request, &record);
    Outcome outcome{status.error_code(), {}};
    if (status.ok()) outcome.records.insert((record.has_contact() ? "+" : "-") + record.name());
    return outcome;
  };
}

Outcome ListAll(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/-");
  roster::v1::ListMediatorsResponse response;
  const grpc::Status status = roster::v1::RosterService::NewStub(channel)->ListMediators(&context, request, &response);
  return {status.error_code(), Seen(response.mediators())};
}

Outcome SearchAllRecords(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  roster::v1::SearchMediatorsRequest request;
  request.add_facets("networks");
  roster::v1::SearchMediatorsResponse response;
  const grpc::Status status = roster::v1::RosterService::NewStub(channel)->SearchMediators(&context, request, &response);
  Outcome outcome{status.error_code(), Seen(response.mediators())};
  // A network's count is a record seen: one limited to its network sees no other's.
  for (const auto& facet : response.facet_counts()) {
    for (const auto& value : facet.values()) outcome.records.insert("count:" + value.value());
  }
  return outcome;
}

Outcome ExportAll(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  auto reader = roster::v1::RosterService::NewStub(channel)->ExportMediators(&context, {});
  google::protobuf::RepeatedPtrField<Mediator> records;
  Mediator record;
  while (reader->Read(&record)) *records.Add() = record;
  return {reader->Finish().error_code(), Seen(records)};
}

Call UpdateBio(const std::string& name) {
  return [name](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
    roster::v1::UpdateMediatorRequest request;
    request.mutable_mediator()->set_name(name);
    request.mutable_mediator()->set_bio("Updated.");
    request.mutable_update_mask()->add_paths("bio");
    roster::v1::Mediator updated;
    return Outcome{roster::v1::RosterService::NewStub(channel)->UpdateMediator(&context, request, &updated).error_code(), {}};
  };
}

Outcome CreateNetwork(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  static int next = 0;
  roster::v1::CreateNetworkRequest request;
  request.set_network_id(absl::StrCat("net-", next++));
  request.mutable_network()->set_display_name("A network");
  roster::v1::Network created;
  return {roster::v1::RosterService::NewStub(channel)->CreateNetwork(&context, request, &created).error_code(), {}};
}

Outcome ListNetworks(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  roster::v1::ListNetworksResponse response;
  return {roster::v1::RosterService::NewStub(channel)->ListNetworks(&context, {}, &response).error_code(), {}};
}

Outcome GetProcess(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  matching::v1::GetProcessRequest request;
  request.set_name("processes/talks");
  matching::v1::PeaceProcess process;
  return {matching::v1::MatchingService::NewStub(channel)->GetProcess(&context, request, &process).error_code(), {}};
}

Outcome UpdateProcess(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  matching::v1::UpdateProcessRequest request;
  request.mutable_process()->set_name("processes/talks");
  request.mutable_process()->set_stage(matching::v1::PeaceProcess::PRE_NEGOTIATION);
  request.mutable_update_mask()->add_paths("stage");
  matching::v1::PeaceProcess process;
  return {matching::v1::MatchingService::NewStub(channel)->UpdateProcess(&context, request, &process).error_code(), {}};
}

Outcome Shortlist(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  matching::v1::ShortlistRequest request;
  request.set_process("processes/talks");
  matching::v1::Shortlist shortlist;
  const grpc::Status status =
      matching::v1::MatchingService::NewStub(channel)->RequestShortlist(&context, request, &shortlist);
  google::protobuf::RepeatedPtrField<Mediator> records;
  for (const auto& candidate : shortlist.candidates()) *records.Add() = candidate.mediator();
  return {status.error_code(), Seen(records)};
}

Outcome GetBalance(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  balance::v1::GetBalanceRequest request;
  request.set_process("processes/talks");
  balance::v1::Balance balance;
  return {balance::v1::BalanceService::NewStub(channel)->GetBalance(&context, request, &balance).error_code(), {}};
}

Outcome PutDelegation(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  balance::v1::PutDelegationRequest request;
  request.set_round("processes/talks/rounds/r1");
  request.mutable_delegation()->set_id("govt");
  request.mutable_delegation()->set_display_name("Government");
  request.mutable_delegation()->set_kind(balance::v1::Delegation::PARTY);
  balance::v1::Delegation delegation;
  return {balance::v1::BalanceService::NewStub(channel)->PutDelegation(&context, request, &delegation).error_code(), {}};
}

constexpr grpc::StatusCode OK = grpc::StatusCode::OK;
constexpr grpc::StatusCode DENIED = grpc::StatusCode::PERMISSION_DENIED;
constexpr grpc::StatusCode UNAUTHENTICATED = grpc::StatusCode::UNAUTHENTICATED;
constexpr grpc::StatusCode NOT_FOUND = grpc::StatusCode::NOT_FOUND;

struct Row {
  std::string call;
  std::string role;
  grpc::StatusCode code;
  std::set<std::string> records;  // "+name" with contact details, "-name" without; checked when OK
};

TEST_F(AuthorizationTest, EveryRoleGetsExactlyItsCodeAndView) {
  const std::map<std::string, Call> calls = {
      {"GetMediator nordic", GetMediator(kIngrid)}, {"GetMediator femwise", GetMediator(kAmira)},
      {"GetMediator at risk", GetMediator(kSigrid)},
      {"ListMediators", ListAll},                   {"SearchMediators", SearchAllRecords},
      {"ExportMediators", ExportAll},               {"UpdateMediator nordic", UpdateBio(kIngrid)},
      {"CreateNetwork", CreateNetwork},             {"ListNetworks", ListNetworks},
      {"GetProcess", GetProcess},                   {"UpdateProcess", UpdateProcess},
      {"RequestShortlist", Shortlist},              {"GetBalance", GetBalance},
      {"PutDelegation", PutDelegation},
  };
  const std::string ingrid_full = absl::StrCat("+", kIngrid), ingrid = absl::StrCat("-", kIngrid);
  const std::string amira_full = absl::StrCat("+", kAmira), amira = absl::StrCat("-", kAmira);
  const std::string sigrid_full = absl::StrCat("+", kSigrid), sigrid = absl::StrCat("-", kSigrid);
  const std::set<std::string> everything = {ingrid_full, amira_full, sigrid_full};
  const std::vector<std::string> network_counts = {"count:femwise-africa", "count:nordic"};
  std::vector<Row> rows = {
      // Reads of one record.
      {"GetMediator nordic", "admin", OK, {ingrid_full}},
      {"GetMediator nordic", "coordinator nordic", OK, {ingrid_full}},
      {"GetMediator nordic", "coordinator femwise", OK, {ingrid}},
      {"GetMediator nordic", "viewer nordic", OK, {ingrid}},
      {"GetMediator nordic", "viewer femwise", DENIED, {}},
      {"GetMediator femwise", "viewer femwise", OK, {amira}},
      {"GetMediator femwise", "coordinator nordic", OK, {amira}},
      {"GetMediator nordic", "mediation-unit", DENIED, {}},
      {"GetMediator nordic", "partner token", DENIED, {}},
      {"GetMediator nordic", "partner certificate", DENIED, {}},
      {"GetMediator nordic", "nobody", UNAUTHENTICATED, {}},
      // At risk: visible within her network (and to administrators) only.
      {"GetMediator at risk", "admin", OK, {sigrid_full}},
      {"GetMediator at risk", "coordinator nordic", OK, {sigrid_full}},
      {"GetMediator at risk", "viewer nordic", OK, {sigrid}},
      {"GetMediator at risk", "coordinator femwise", NOT_FOUND, {}},  // as if she did not exist
      // Lists, searches and exports.
      {"ListMediators", "admin", OK, everything},
      {"ListMediators", "coordinator nordic", OK, {ingrid_full, amira, sigrid_full}},
      {"ListMediators", "coordinator femwise", OK, {ingrid, amira_full}},
      {"ListMediators", "viewer nordic", OK, {ingrid, sigrid}},
      {"ListMediators", "mediation-unit", DENIED, {}},
      {"ListMediators", "partner certificate", DENIED, {}},
      {"SearchMediators", "admin", OK, {ingrid_full, amira_full, sigrid_full, network_counts[0], network_counts[1]}},
      {"SearchMediators", "coordinator femwise", OK, {ingrid, amira_full, network_counts[0], network_counts[1]}},
      {"SearchMediators", "viewer nordic", OK, {ingrid, sigrid, "count:nordic"}},
      {"SearchMediators", "viewer femwise", OK, {amira, "count:femwise-africa"}},
      {"SearchMediators", "mediation-unit", DENIED, {}},
      {"SearchMediators", "partner token", DENIED, {}},
      {"ExportMediators", "admin", OK, everything},
      {"ExportMediators", "coordinator nordic", OK, {ingrid_full, amira, sigrid_full}},
      {"ExportMediators", "coordinator femwise", OK, {ingrid, amira_full}},
      {"ExportMediators", "viewer femwise", OK, {amira}},
      {"ExportMediators", "mediation-unit", DENIED, {}},
      {"ExportMediators", "nobody", UNAUTHENTICATED, {}},
      // Writes.
      {"UpdateMediator nordic", "admin", OK, {}},
      {"UpdateMediator nordic", "coordinator nordic", OK, {}},
      {"UpdateMediator nordic", "coordinator femwise", DENIED, {}},
      {"UpdateMediator nordic", "viewer nordic", DENIED, {}},
      {"UpdateMediator nordic", "mediation-unit", DENIED, {}},
      {"UpdateMediator nordic", "partner certificate", DENIED, {}},
      {"CreateNetwork", "admin", OK, {}},
      {"CreateNetwork", "coordinator nordic", DENIED, {}},
      {"CreateNetwork", "mediation-unit", DENIED, {}},
      {"ListNetworks", "viewer femwise", OK, {}},
      {"ListNetworks", "mediation-unit", OK, {}},
      {"ListNetworks", "partner certificate", DENIED, {}},
      // Processes, shortlists, balance.
      {"GetProcess", "viewer nordic", OK, {}},
      {"GetProcess", "mediation-unit", OK, {}},
      {"GetProcess", "partner token", DENIED, {}},
      {"UpdateProcess", "mediation-unit", OK, {}},
      {"UpdateProcess", "coordinator femwise", OK, {}},
      {"UpdateProcess", "viewer nordic", DENIED, {}},
      {"RequestShortlist", "admin", OK, everything},
      {"RequestShortlist", "coordinator nordic", OK, {ingrid_full, amira, sigrid_full}},
      {"RequestShortlist", "coordinator femwise", OK, {ingrid, amira_full}},
      {"RequestShortlist", "mediation-unit", OK, {ingrid, amira_full}},  // Amira released hers
      {"RequestShortlist", "viewer nordic", DENIED, {}},
      {"RequestShortlist", "partner certificate", DENIED, {}},
      {"RequestShortlist", "nobody", UNAUTHENTICATED, {}},
      {"GetBalance", "viewer femwise", OK, {}},
      {"GetBalance", "mediation-unit", OK, {}},
      {"GetBalance", "partner token", DENIED, {}},
      {"PutDelegation", "mediation-unit", OK, {}},
      {"PutDelegation", "coordinator nordic", OK, {}},
      {"PutDelegation", "viewer nordic", DENIED, {}},
  };
  // The balance and process rows above need a delegation and a latest round: PutDelegation by an
  // administrator first, so GetBalance has one to answer with.
  ASSERT_EQ(As("admin", calls.at("PutDelegation")).code, OK);
  for (const Row& row : rows) {
    const Outcome outcome = As(row.role, calls.at(row.call));
    EXPECT_EQ(outcome.code, row.code) << row.call << " as " << row.role;
    if (outcome.code == OK && row.code == OK && !row.records.empty()) {
      EXPECT_EQ(outcome.records, row.records) << row.call << " as " << row.role << ": "
                                              << absl::StrJoin(outcome.records, ", ");
    }
  }
}

TEST_F(AuthorizationTest, HerNetworkMarksAMediatorAtRiskAndAWholeUpdateKeepsTheMark) {
  auto update = [&](const std::string& role, const std::string& mask, bool at_risk, const std::string& bio) {
    return As(role, [&](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
      roster::v1::UpdateMediatorRequest request;
      request.mutable_mediator()->set_name(kIngrid);
      request.mutable_mediator()->set_at_risk(at_risk);
      request.mutable_mediator()->set_bio(bio);
      if (!mask.empty()) request.mutable_update_mask()->add_paths(mask);
      roster::v1::Mediator updated;
      return Outcome{roster::v1::RosterService::NewStub(channel)->UpdateMediator(&context, request, &updated).error_code(), {}};
    });
  };
  EXPECT_EQ(update("coordinator femwise", "at_risk", true, "").code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(As("coordinator femwise", GetMediator(kIngrid)).code, grpc::StatusCode::OK);
  ASSERT_EQ(update("coordinator nordic", "at_risk", true, "").code, grpc::StatusCode::OK);
  EXPECT_EQ(As("coordinator femwise", GetMediator(kIngrid)).code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(As("mediation-unit", Shortlist).records, std::set<std::string>{absl::StrCat("+", kAmira)});
  // A whole-record update (no mask) that does not name the mark leaves it set.
  roster::v1::GetMediatorRequest get;
  get.set_name(kIngrid);
  grpc::ClientContext context;
  Mediator stored;
  ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["coordinator nordic"])->GetMediator(&context, get, &stored)));
  ASSERT_TRUE(stored.at_risk());
  ASSERT_EQ(update("coordinator nordic", "", false, "A whole update.").code, grpc::StatusCode::INVALID_ARGUMENT);
  stored.set_at_risk(false);
  stored.set_bio("A whole update.");
  stored.clear_etag();
  grpc::ClientContext whole_context;
  roster::v1::UpdateMediatorRequest whole;
  *whole.mutable_mediator() = stored;
  Mediator updated;
  ASSERT_OK(FromGrpcStatus(
      roster::v1::RosterService::NewStub(channels_["coordinator nordic"])->UpdateMediator(&whole_context, whole, &updated)));
  EXPECT_TRUE(updated.at_risk());
  EXPECT_EQ(As("coordinator femwise", GetMediator(kIngrid)).code, grpc::StatusCode::NOT_FOUND);
  // Deleted records are listed for those who may write them only.
  auto list_deleted = [&](const std::string& role, const std::string& parent) {
    return As(role, [&](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& list_context) {
      roster::v1::ListMediatorsRequest request;
      request.set_parent(parent);
      request.set_show_deleted(true);
      roster::v1::ListMediatorsResponse response;
      return Outcome{roster::v1::RosterService::NewStub(channel)->ListMediators(&list_context, request, &response).error_code(), {}};
    });
  };
  EXPECT_EQ(list_deleted("coordinator nordic", "networks/nordic").code, grpc::StatusCode::OK);
  EXPECT_EQ(list_deleted("coordinator nordic", "networks/femwise-africa").code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(list_deleted("viewer nordic", "networks/nordic").code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(list_deleted("admin", "networks/-").code, grpc::StatusCode::OK);
}

TEST_F(AuthorizationTest, APrincipalOverItsRateIsToldToWaitAndOthersAreNot) {
  absl::StatusOr<std::unique_ptr<Wpsd>> limited = StartServer(Path("limited-data"), {"--rate_limit=5/s"});
  ASSERT_THAT(limited, IsOk());
  auto list_networks = [&](const Role& role) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    roster::v1::ListNetworksResponse response;
    return roster::v1::RosterService::NewStub(grpc::CreateChannel((*limited)->address(), CredentialsOf(role)))
        ->ListNetworks(&context, {}, &response)
        .error_code();
  };
  // Bursts of 10 at 5 a second: 30 calls in a row run out, whatever the machine's speed.
  int exhausted = 0;
  for (int i = 0; i < 30; ++i) exhausted += list_networks(Roles()[3]) == grpc::StatusCode::RESOURCE_EXHAUSTED;
  EXPECT_GT(exhausted, 0);
  EXPECT_EQ(list_networks(Roles()[4]), grpc::StatusCode::OK);  // another principal is not held up
}

}  // namespace
}  // namespace wps::e2e
