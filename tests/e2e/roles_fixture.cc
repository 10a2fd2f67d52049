#include "tests/e2e/roles_fixture.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "services/common/token_table.h"
#include "tests/e2e/federation.h"
#include "tests/testing/status_matchers.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::wps::roster::v1::Mediator;
using ::wps::testing::IsOk;

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

}  // namespace

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

std::set<std::string> Seen(const google::protobuf::RepeatedPtrField<Mediator>& records) {
  std::set<std::string> seen;
  for (const Mediator& record : records)
    seen.insert((record.has_contact() ? "+" : "-") + record.name());
  return seen;
}

void RolesTest::SetUp() {
  absl::StatusOr<std::unique_ptr<Federation>> certificates =
      Federation::Create(temp_.path(), {"nordic", "femwise-africa"});
  ASSERT_THAT(certificates, IsOk());
  cert_dir_ = (*certificates)->cert_dir();
  absl::StatusOr<std::unique_ptr<Wpsd>> wpsd = StartServer(DataDir(), {});
  ASSERT_THAT(wpsd, IsOk());
  wpsd_ = *std::move(wpsd);
  for (const Role& role : Roles())
    channels_[role.label] = grpc::CreateChannel(wpsd_->address(), CredentialsOf(role));
  Seed();
}

absl::StatusOr<std::unique_ptr<Wpsd>> RolesTest::StartServer(const std::string& data_dir,
                                                             std::vector<std::string> extra_flags) {
  WpsdOptions options{data_dir,
                      LogDir(),
                      {absl::StrCat("--tls_cert=", cert_dir_, "/nordic.pem"),
                       absl::StrCat("--tls_key=", cert_dir_, "/nordic.key"),
                       absl::StrCat("--tls_ca=", cert_dir_, "/ca.pem"),
                       "--tokens_file=" + TokensFile(temp_.path())}};
  options.extra_flags.insert(options.extra_flags.end(), extra_flags.begin(), extra_flags.end());
  options.credentials = CredentialsOf(Roles()[0]);
  return Wpsd::Start(options);
}

std::shared_ptr<grpc::ChannelCredentials> RolesTest::CredentialsOf(const Role& role) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty(cert_dir_ + "/ca.pem");
  if (role.partner_certificate) {
    ssl.pem_cert_chain = ReadFileOrEmpty(cert_dir_ + "/femwise-africa.pem");
    ssl.pem_private_key = ReadFileOrEmpty(cert_dir_ + "/femwise-africa.key");
  }
  std::shared_ptr<grpc::ChannelCredentials> tls = grpc::SslCredentials(ssl);
  return role.token.empty()
             ? tls
             : grpc::CompositeChannelCredentials(tls, grpc::AccessTokenCredentials(role.token));
}

// Two networks, a record in each, a process with a round.
void RolesTest::Seed() {
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

void RolesTest::CreateRecord(roster::v1::RosterService::Stub& roster, const std::string& network,
                             const std::string& id, const std::string& given_name,
                             const std::string& country, bool contact_release, bool at_risk) {
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

}  // namespace wps::e2e
