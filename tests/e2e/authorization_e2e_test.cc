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
#include "wps/admin/v1/admin_service.grpc.pb.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

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

Outcome CreateBackup(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  auto reader = admin::v1::AdminService::NewStub(channel)->CreateBackup(&context, {});
  admin::v1::CreateBackupProgress progress;
  while (reader->Read(&progress)) {
  }
  return {reader->Finish().error_code(), {}};
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

// A unary call of `Service` through `method` with `request`, as a Call of the matrix.
template <typename Service, typename Stub, typename Request, typename Response>
Call Unary(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
           Request request) {
  return [method, request](const std::shared_ptr<grpc::Channel>& channel,
                           grpc::ClientContext& context) {
    auto stub = Service::NewStub(channel);
    Response response;
    return Outcome{((*stub).*method)(&context, request, &response).error_code(), {}};
  };
}

template <typename Request>
Request Named(const std::string& name) {
  Request request;
  request.set_name(name);
  return request;
}

template <typename Request>
Request WithParent(const std::string& parent) {
  Request request;
  request.set_parent(parent);
  return request;
}

Call CreateMediatorIn(const std::string& network) {
  return [network](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
    static int next = 0;
    roster::v1::CreateMediatorRequest request;
    request.set_parent("networks/" + network);
    request.set_mediator_id(absl::StrCat("new-", next++));
    request.mutable_mediator()->set_given_name("New");
    Mediator created;
    return Outcome{roster::v1::RosterService::NewStub(channel)
                       ->CreateMediator(&context, request, &created)
                       .error_code(),
                   {}};
  };
}

Outcome ImportOneRecord(const std::shared_ptr<grpc::Channel>& channel,
                        grpc::ClientContext& context) {
  roster::v1::ImportMediatorsResponse response;
  auto writer = roster::v1::RosterService::NewStub(channel)->ImportMediators(&context, &response);
  roster::v1::ImportMediatorsRequest request;
  Mediator& record = *request.mutable_mediators()->add_mediators();
  record.set_name("networks/nordic/mediators/imported");
  record.set_network("nordic");
  record.set_given_name("Imported");
  writer->Write(request);
  writer->WritesDone();
  return {writer->Finish().error_code(), {}};
}

Outcome SnapshotAll(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
  auto reader = sync::v1::SyncService::NewStub(channel)->Snapshot(&context, {});
  sync::v1::SnapshotChunk chunk;
  while (reader->Read(&chunk)) {
  }
  return {reader->Finish().error_code(), {}};
}

Outcome ExpectOneShortlist(const std::shared_ptr<grpc::Channel>& channel,
                           grpc::ClientContext& context) {
  matching::v1::ListShortlistsResponse response;
  return {matching::v1::MatchingService::NewStub(channel)
              ->ListShortlists(&context, {}, &response)
              .error_code(),
          {}};
}

TEST_F(AuthorizationTest, EveryOtherRpcGivesEachRoleItsCode) {
  using balance::v1::BalanceService;
  using matching::v1::MatchingService;
  using roster::v1::RosterService;
  using sync::v1::SyncService;
  constexpr char kScratch[] = "networks/nordic/mediators/scratch";
  constexpr char kDoomed[] = "networks/nordic/mediators/doomed";
  auto roster_stub = RosterService::NewStub(channels_["admin"]);
  CreateRecord(*roster_stub, "nordic", "scratch", "Scratch", "NO", false);
  CreateRecord(*roster_stub, "nordic", "doomed", "Doomed", "NO", false);
  ASSERT_EQ(As("admin", PutDelegation).code, OK);
  // A shortlist the mediation unit asked for.
  matching::v1::Shortlist unit_list;
  {
    grpc::ClientContext context;
    matching::v1::ShortlistRequest request;
    request.set_process("processes/talks");
    ASSERT_OK(FromGrpcStatus(MatchingService::NewStub(channels_["mediation-unit"])
                                 ->RequestShortlist(&context, request, &unit_list)));
  }
  matching::v1::CreateProcessRequest new_process;
  new_process.mutable_process()->set_display_name("Another process");
  new_process.mutable_process()->add_countries("KE");
  balance::v1::CreateRoundRequest new_round =
      WithParent<balance::v1::CreateRoundRequest>("processes/talks");
  new_round.mutable_round()->set_display_name("Round");
  new_round.mutable_round()->set_start_date("2027-02-01");
  balance::v1::GetBalanceReportRequest report;
  report.add_countries("KE");
  audit::v1::ListAuditEventsRequest audit_request;
  admin::v1::DeleteBackupRequest delete_backup;
  delete_backup.set_id(999);
  admin::v1::PruneBackupsRequest prune_backups;
  prune_backups.set_keep_last(3);

  const std::map<std::string, Call> calls = {
      {"GetNetwork", Unary<RosterService>(&RosterService::Stub::GetNetwork,
                                          Named<roster::v1::GetNetworkRequest>("networks/nordic"))},
      {"CreateMediator nordic", CreateMediatorIn("nordic")},
      {"DeleteMediator", Unary<RosterService>(&RosterService::Stub::DeleteMediator,
                                              Named<roster::v1::DeleteMediatorRequest>(kScratch))},
      {"UndeleteMediator",
       Unary<RosterService>(&RosterService::Stub::UndeleteMediator,
                            Named<roster::v1::UndeleteMediatorRequest>(kScratch))},
      {"PurgeMediator", Unary<RosterService>(&RosterService::Stub::PurgeMediator,
                                             Named<roster::v1::PurgeMediatorRequest>(kDoomed))},
      {"ImportMediators", ImportOneRecord},
      {"CreateProcess", Unary<MatchingService>(&MatchingService::Stub::CreateProcess, new_process)},
      {"ListProcesses", Unary<MatchingService>(&MatchingService::Stub::ListProcesses,
                                               matching::v1::ListProcessesRequest())},
      {"GetShortlist",
       Unary<MatchingService>(&MatchingService::Stub::GetShortlist,
                              Named<matching::v1::GetShortlistRequest>(unit_list.name()))},
      {"ListShortlists", ExpectOneShortlist},
      {"CreateRound", Unary<BalanceService>(&BalanceService::Stub::CreateRound, new_round)},
      {"ListRounds",
       Unary<BalanceService>(&BalanceService::Stub::ListRounds,
                             WithParent<balance::v1::ListRoundsRequest>("processes/talks"))},
      {"GetDelegation", Unary<BalanceService>(&BalanceService::Stub::GetDelegation,
                                              Named<balance::v1::GetDelegationRequest>(
                                                  "processes/talks/rounds/r1/delegations/govt"))},
      {"ListDelegations", Unary<BalanceService>(&BalanceService::Stub::ListDelegations,
                                                WithParent<balance::v1::ListDelegationsRequest>(
                                                    "processes/talks/rounds/r1"))},
      {"GetBalanceTrend", Unary<BalanceService>(&BalanceService::Stub::GetBalanceTrend,
                                                [] {
                                                  balance::v1::GetBalanceTrendRequest r;
                                                  r.set_process("processes/talks");
                                                  return r;
                                                }())},
      {"GetBalanceReport", Unary<BalanceService>(&BalanceService::Stub::GetBalanceReport, report)},
      {"Pull", Unary<SyncService>(&SyncService::Stub::Pull, sync::v1::PullRequest())},
      {"Snapshot", SnapshotAll},
      {"GetSyncStatus",
       Unary<SyncService>(&SyncService::Stub::GetSyncStatus, sync::v1::GetSyncStatusRequest())},
      {"ListAuditEvents", Unary<audit::v1::AuditService>(
                              &audit::v1::AuditService::Stub::ListAuditEvents, audit_request)},
      {"CreateBackup", CreateBackup},
      {"ListBackups", Unary<admin::v1::AdminService>(&admin::v1::AdminService::Stub::ListBackups,
                                                     admin::v1::ListBackupsRequest())},
      {"DeleteBackup",
       Unary<admin::v1::AdminService>(&admin::v1::AdminService::Stub::DeleteBackup, delete_backup)},
      {"PruneBackups",
       Unary<admin::v1::AdminService>(&admin::v1::AdminService::Stub::PruneBackups, prune_backups)},
  };
  constexpr grpc::StatusCode NO_NETWORK = grpc::StatusCode::FAILED_PRECONDITION;
  const std::vector<Row> rows = {
      {"GetNetwork", "viewer femwise", OK, {}},
      {"GetNetwork", "mediation-unit", OK, {}},
      {"GetNetwork", "partner certificate", DENIED, {}},
      {"GetNetwork", "nobody", UNAUTHENTICATED, {}},
      {"CreateMediator nordic", "coordinator femwise", DENIED, {}},
      {"CreateMediator nordic", "viewer nordic", DENIED, {}},
      {"CreateMediator nordic", "mediation-unit", DENIED, {}},
      {"CreateMediator nordic", "partner token", DENIED, {}},
      {"CreateMediator nordic", "coordinator nordic", OK, {}},
      {"CreateMediator nordic", "admin", OK, {}},
      // Deleted, then restored, by her own network only.
      {"DeleteMediator", "coordinator femwise", DENIED, {}},
      {"DeleteMediator", "viewer nordic", DENIED, {}},
      {"DeleteMediator", "mediation-unit", DENIED, {}},
      {"DeleteMediator", "coordinator nordic", OK, {}},
      {"UndeleteMediator", "coordinator femwise", DENIED, {}},
      {"UndeleteMediator", "viewer nordic", DENIED, {}},
      {"UndeleteMediator", "coordinator nordic", OK, {}},
      {"ImportMediators", "viewer nordic", DENIED, {}},
      {"ImportMediators", "mediation-unit", DENIED, {}},
      {"ImportMediators", "partner certificate", DENIED, {}},
      {"ImportMediators", "nobody", UNAUTHENTICATED, {}},
      {"ImportMediators", "coordinator nordic", OK, {}},
      {"CreateProcess", "viewer nordic", DENIED, {}},
      {"CreateProcess", "partner token", DENIED, {}},
      {"CreateProcess", "mediation-unit", OK, {}},
      {"CreateProcess", "coordinator femwise", OK, {}},
      {"ListProcesses", "viewer femwise", OK, {}},
      {"ListProcesses", "partner certificate", DENIED, {}},
      // A shortlist is its requester's (and administrators'); another's is as if absent.
      {"GetShortlist", "mediation-unit", OK, {}},
      {"GetShortlist", "admin", OK, {}},
      {"GetShortlist", "coordinator nordic", NOT_FOUND, {}},
      {"GetShortlist", "viewer nordic", DENIED, {}},
      {"ListShortlists", "mediation-unit", OK, {}},
      {"ListShortlists", "viewer femwise", DENIED, {}},
      {"ListShortlists", "partner token", DENIED, {}},
      {"CreateRound", "mediation-unit", OK, {}},
      {"CreateRound", "viewer nordic", DENIED, {}},
      {"CreateRound", "partner certificate", DENIED, {}},
      {"ListRounds", "viewer nordic", OK, {}},
      {"ListRounds", "partner token", DENIED, {}},
      {"GetDelegation", "viewer femwise", OK, {}},
      {"GetDelegation", "partner certificate", DENIED, {}},
      {"ListDelegations", "mediation-unit", OK, {}},
      {"ListDelegations", "nobody", UNAUTHENTICATED, {}},
      {"GetBalanceTrend", "viewer nordic", OK, {}},
      {"GetBalanceTrend", "partner token", DENIED, {}},
      {"GetBalanceReport", "mediation-unit", OK, {}},
      {"GetBalanceReport", "partner certificate", DENIED, {}},
      // Sync: administrators get the mirror view; a partner gets nothing from a server without a
      // network of its own; people get nothing.
      {"Pull", "admin", OK, {}},
      {"Pull", "partner certificate", NO_NETWORK, {}},
      {"Pull", "coordinator nordic", DENIED, {}},
      {"Pull", "mediation-unit", DENIED, {}},
      {"Pull", "nobody", UNAUTHENTICATED, {}},
      {"Snapshot", "admin", OK, {}},
      {"Snapshot", "viewer nordic", DENIED, {}},
      {"Snapshot", "partner token", NO_NETWORK, {}},
      // The status is for administrators and the server's own network's coordinators; this server
      // hosts both networks without being either's (no --network).
      {"GetSyncStatus", "admin", OK, {}},
      {"GetSyncStatus", "coordinator femwise", DENIED, {}},
      {"GetSyncStatus", "viewer nordic", DENIED, {}},
      {"GetSyncStatus", "mediation-unit", DENIED, {}},
      {"ListAuditEvents", "admin", OK, {}},
      {"ListAuditEvents", "coordinator nordic", OK, {}},
      {"ListAuditEvents", "viewer nordic", DENIED, {}},
      {"ListAuditEvents", "mediation-unit", DENIED, {}},
      {"ListAuditEvents", "partner certificate", DENIED, {}},
      {"ListAuditEvents", "nobody", UNAUTHENTICATED, {}},
      {"CreateBackup", "admin", OK, {}},
      {"ListBackups", "admin", OK, {}},
      {"PruneBackups", "admin", OK, {}},
      {"DeleteBackup", "admin", grpc::StatusCode::NOT_FOUND, {}},
      // Last: the purge, refused outside her network, then done by it.
      {"PurgeMediator", "coordinator femwise", DENIED, {}},
      {"PurgeMediator", "viewer nordic", DENIED, {}},
      {"PurgeMediator", "mediation-unit", DENIED, {}},
      {"PurgeMediator", "partner certificate", DENIED, {}},
      {"PurgeMediator", "coordinator nordic", OK, {}},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(As(row.role, calls.at(row.call)).code, row.code) << row.call << " as " << row.role;
  }
  // Backups copy every record: administrators only.
  for (const char* call : {"CreateBackup", "ListBackups", "DeleteBackup", "PruneBackups"}) {
    for (const char* role :
         {"coordinator nordic", "viewer nordic", "mediation-unit", "partner certificate"}) {
      EXPECT_EQ(As(role, calls.at(call)).code, DENIED) << call << " as " << role;
    }
    EXPECT_EQ(As("nobody", calls.at(call)).code, UNAUTHENTICATED) << call;
  }
  // Every RPC of every service appears in this test or the one above.
  std::set<std::string> covered;
  for (const auto& [call, unused] : calls) covered.insert(call.substr(0, call.find(' ')));
  for (const char* earlier : {"GetMediator", "ListMediators", "SearchMediators", "ExportMediators",
                              "UpdateMediator", "CreateNetwork", "ListNetworks", "GetProcess",
                              "UpdateProcess", "RequestShortlist", "GetBalance", "PutDelegation"}) {
    covered.insert(earlier);
  }
  // Watch never ends by itself: refused at once, or served until the deadline.
  covered.insert("Watch");
  for (const char* role : {"coordinator nordic", "viewer femwise", "mediation-unit"}) {
    grpc::ClientContext context;
    auto reader = SyncService::NewStub(channels_.at(role))->Watch(&context, {});
    sync::v1::Change change;
    while (reader->Read(&change)) {
    }
    EXPECT_EQ(reader->Finish().error_code(), DENIED) << "Watch as " << role;
  }
  for (const google::protobuf::FileDescriptor* file :
       {roster::v1::GetMediatorRequest::descriptor()->file(),
        matching::v1::GetShortlistRequest::descriptor()->file(),
        balance::v1::GetBalanceRequest::descriptor()->file(),
        sync::v1::PullRequest::descriptor()->file(),
        audit::v1::ListAuditEventsRequest::descriptor()->file(),
        admin::v1::ListBackupsRequest::descriptor()->file()}) {
    for (int m = 0; m < file->service(0)->method_count(); ++m) {
      EXPECT_TRUE(covered.count(file->service(0)->method(m)->name()))
          << file->service(0)->method(m)->name();
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
