// The fixture of the end-to-end access tests (authorization matrix, audit log, erasure): one real
// wpsd on 127.0.0.1 with TLS, mutual TLS and bearer tokens for every role of API.md, hosting two
// networks (nordic and femwise-africa: no --network, so both are its own), seeded with a record in
// each (and one at risk), a process and a round.
#ifndef WPS_TESTS_E2E_ROLES_FIXTURE_H_
#define WPS_TESTS_E2E_ROLES_FIXTURE_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/wpsd_fixture.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {

inline constexpr char kIngrid[] =
    "networks/nordic/mediators/ingrid";  // contact details not released
inline constexpr char kAmira[] =
    "networks/femwise-africa/mediators/amira";  // contact details released
inline constexpr char kSigrid[] =
    "networks/nordic/mediators/sigrid";  // at risk, contact details released

// The callers: a token (or a partner's certificate, or nothing) each.
struct Role {
  std::string label;
  std::string token;  // empty: no token
  bool partner_certificate = false;
};

// admin (principal ops), coordinator nordic (astrid), coordinator femwise (amina), viewer nordic
// (liv), viewer femwise (zawadi), mediation-unit (un-msu), partner token (femwise-africa), partner
// certificate (femwise-africa), nobody.
const std::vector<Role>& Roles();

// What one call returned: its code, and the names of the records it returned with contact details
// ("+name") or without ("-name").
struct Outcome {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::set<std::string> records;
};

std::set<std::string> Seen(const google::protobuf::RepeatedPtrField<roster::v1::Mediator>& records);

class RolesTest : public E2eTest {
 protected:
  void SetUp() override;

  // A wpsd over `data_dir` with TLS, mutual TLS and the tokens of every role, and `extra_flags`.
  absl::StatusOr<std::unique_ptr<Wpsd>> StartServer(const std::string& data_dir,
                                                    std::vector<std::string> extra_flags);
  std::shared_ptr<grpc::ChannelCredentials> CredentialsOf(const Role& role) const;
  void CreateRecord(roster::v1::RosterService::Stub& roster, const std::string& network,
                    const std::string& id, const std::string& given_name,
                    const std::string& country, bool contact_release, bool at_risk = false);

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

 private:
  // Two networks, a record in each, a process with a round.
  void Seed();
};

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_ROLES_FIXTURE_H_
