// The authorization matrix end to end: one real wpsd on 127.0.0.1 with TLS, mutual TLS and bearer
// tokens, hosting two networks (nordic and femwise-africa: no --network, so both are its own), called
// by every role of API.md — for its own network and the other — on every RPC of the roster, matching
// and balance services. Each row gives the expected status code and, where records come back, whose
// contact details the caller sees.
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
#include "services/common/token_table.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/federation.h"
#include "tests/testing/status_matchers.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::wps::roster::v1::Mediator;
using ::wps::testing::IsOk;

constexpr char kIngrid[] = "networks/nordic/mediators/ingrid";  // contact details not released
constexpr char kAmira[] = "networks/femwise-africa/mediators/amira";  // contact details released
constexpr char kSigrid[] = "networks/nordic/mediators/sigrid";  // at risk, contact details released

// The callers of the matrix: a token (or a partner's certificate, or nothing) each.
struct Role {
  std::string label;
  std::string token;  // empty: no token
  bool partner_certificate = false;
};

const std::vector<Role>& Roles() {
  static const auto* roles = new std::vector<Role>{
      {"admin", "tok-admin"},
      {"coordinator nordic", "tok-coord-nordic"},
      {"coordinator femwise", "tok-coord-femwise"},
      {"viewer nordic", "tok-viewer-nordic"},
      {"viewer femwise", "tok-viewer-femwise"},
      {"mediation-unit", "tok-unit"},
      {"partner token", "tok-partner"},
      {"partner certificate", "", true},
      {"nobody", ""},
  };
  return *roles;
}

std::string TokensFile(const std::string& dir) {
  const std::string path = dir + "/tokens";
  std::ofstream out(path);
  const std::vector<std::string> lines = {"tok-admin admin - ops",
                                          "tok-coord-nordic coordinator nordic astrid",
                                          "tok-coord-femwise coordinator femwise-africa amina",
                                          "tok-viewer-nordic viewer nordic liv",
                                          "tok-viewer-femwise viewer femwise-africa zawadi",
                                          "tok-unit mediation-unit - un-msu",
                                          "tok-partner partner femwise-africa femwise-africa"};
  for (const std::string& line : lines) {
    const size_t space = line.find(' ');
    out << *common::TokenSha256Hex(line.substr(0, space)) << line.substr(space) << "\n";
  }
  return path;
}

// What one call returned: its code, and the names of the records it returned with contact details
// ("+name") or without ("-name").
struct Outcome {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::set<std::string> records;
};

std::set<std::string> Seen(const google::protobuf::RepeatedPtrField<Mediator>& records) {
  std::set<std::string> seen;
  for (const Mediator& record : records) seen.insert((record.has_contact() ? "+" : "-") + record.name());
  return seen;
}

class AuthorizationTest : public E2eTest {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Federation>> certificates = Federation::Create(temp_.path(), {"nordic", "femwise-africa"});
    ASSERT_THAT(certificates, IsOk());
    cert_dir_ = (*certificates)->cert_dir();
    absl::StatusOr<std::unique_ptr<Wpsd>> wpsd = StartServer(DataDir(), {});
    ASSERT_THAT(wpsd, IsOk());
    wpsd_ = *std::move(wpsd);
    for (const Role& role : Roles()) channels_[role.label] = grpc::CreateChannel(wpsd_->address(), CredentialsOf(role));
    Seed();
  }

  // A wpsd over `data_dir` with TLS, mutual TLS and the tokens of every role, and `extra_flags`.
  absl::StatusOr<std::unique_ptr<Wpsd>> StartServer(const std::string& data_dir, std::vector<std::string> extra_flags) {
    WpsdOptions options{data_dir, LogDir(),
                        {absl::StrCat("--tls_cert=", cert_dir_, "/nordic.pem"),
                         absl::StrCat("--tls_key=", cert_dir_, "/nordic.key"),
                         absl::StrCat("--tls_ca=", cert_dir_, "/ca.pem"), "--tokens_file=" + TokensFile(temp_.path())}};
    options.extra_flags.insert(options.extra_flags.end(), extra_flags.begin(), extra_flags.end());
    options.credentials = CredentialsOf(Roles()[0]);
    return Wpsd::Start(options);
  }

  std::shared_ptr<grpc::ChannelCredentials> CredentialsOf(const Role& role) const {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFileOrEmpty(cert_dir_ + "/ca.pem");
    if (role.partner_certificate) {
      ssl.pem_cert_chain = ReadFileOrEmpty(cert_dir_ + "/femwise-africa.pem");
      ssl.pem_private_key = ReadFileOrEmpty(cert_dir_ + "/femwise-africa.key");
    }
    std::shared_ptr<grpc::ChannelCredentials> tls = grpc::SslCredentials(ssl);
    return role.token.empty() ? tls : grpc::CompositeChannelCredentials(tls, grpc::AccessTokenCredentials(role.token));
  }

  // Two networks, a record in each, a process with a round.
  void Seed() {
    auto roster = roster::v1::RosterService::NewStub(channels_["admin"]);
    for (const char* network : {"nordic", "femwise-africa"}) {
      roster::v1::CreateNetworkRequest request;
      request.set_network_id(network);
      request.mutable_network()->set_display_name(network);
      request.mutable_network()->add_chapters(std::string(network) == "nordic" ? "NO" : "KE");
      grpc::ClientContext context;
      roster::v1::Network created;
      ASSERT_OK(FromGrpcStatus(roster->CreateNetwork(&context, request, &created)));
    }
    CreateRecord(*roster, "nordic", "ingrid", "Ingrid", "NO", false);
    CreateRecord(*roster, "femwise-africa", "amira", "Amira", "KE", true);
    CreateRecord(*roster, "nordic", "sigrid", "Sigrid", "KE", true, /*at_risk=*/true);
    auto matching = matching::v1::MatchingService::NewStub(channels_["admin"]);
    matching::v1::CreateProcessRequest process;
    process.set_process_id("talks");
    process.mutable_process()->set_display_name("Talks");
    process.mutable_process()->add_countries("KE");
    grpc::ClientContext context;
    matching::v1::PeaceProcess created;
    ASSERT_OK(FromGrpcStatus(matching->CreateProcess(&context, process, &created)));
    auto balance = balance::v1::BalanceService::NewStub(channels_["admin"]);
    balance::v1::CreateRoundRequest round;
    round.set_parent("processes/talks");
    round.set_round_id("r1");
    round.mutable_round()->set_display_name("Round 1");
    round.mutable_round()->set_start_date("2027-01-10");
    grpc::ClientContext round_context;
    balance::v1::Round made;
    ASSERT_OK(FromGrpcStatus(balance->CreateRound(&round_context, round, &made)));
  }

  void CreateRecord(roster::v1::RosterService::Stub& roster, const std::string& network, const std::string& id,
                    const std::string& given_name, const std::string& country, bool contact_release,
                    bool at_risk = false) {
    roster::v1::CreateMediatorRequest request;
    request.set_parent("networks/" + network);
    request.set_mediator_id(id);
    Mediator& record = *request.mutable_mediator();
    record.set_given_name(given_name);
    record.set_family_name("Test");
    record.add_nationalities(country);
    auto* language = record.add_languages();
    language->set_code("en");
    language->set_level(type::LANGUAGE_LEVEL_C2);
    record.add_regions(country);
    record.add_roles("mediator");
    record.set_years_experience(12);
    record.mutable_contact()->set_email(id + "@example.org");
    record.mutable_consent()->set_contact_release(contact_release);
    record.set_at_risk(at_risk);
    grpc::ClientContext context;
    Mediator created;
    ASSERT_OK(FromGrpcStatus(roster.CreateMediator(&context, request, &created)));
  }

  // Runs `call` as `role`.
  template <typename Call>
  Outcome As(const std::string& role, Call call) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    return call(channels_.at(role), context);
  }

  std::string cert_dir_;
  std::unique_ptr<Wpsd> wpsd_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

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
