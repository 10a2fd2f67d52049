// Authentication end to end: a real gRPC server on 127.0.0.1 with the credentials and caller
// resolver wpsd derives from its config, answering a test-only generic method with the caller it
// resolved.
#include "services/wpsd/transport_security.h"

#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/token_table.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::wpsd {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::wps::testing::StatusIs;

constexpr char kWhoAmI[] = "/wps.test.WhoAmI/Get";
// printf %s admin-secret | sha256sum
constexpr char kAdminTokenLine[] =
    "16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01 admin - ops-team\n";

// "PRINCIPAL ROLE NETWORK PEER" of the resolved caller, NETWORK "-" when empty.
std::string Describe(const common::Caller& caller) {
  return absl::StrJoin({caller.principal, std::string(common::RoleName(caller.role)),
                        caller.network.empty() ? std::string("-") : caller.network, caller.peer},
                       " ");
}

// Answers every call with Describe(caller), or with the resolver's error.
class WhoAmIService : public grpc::CallbackGenericService {
 public:
  explicit WhoAmIService(const common::CallerResolver& callers) : callers_(callers) {}

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    return new Reactor(callers_.Resolve(*context));
  }

 private:
  class Reactor : public grpc::ServerGenericBidiReactor {
   public:
    explicit Reactor(const absl::StatusOr<common::Caller>& caller) {
      if (!caller.ok()) {
        Finish(common::ToGrpcStatus(caller.status()));
        return;
      }
      grpc::Slice description(Describe(*caller));
      response_ = grpc::ByteBuffer(&description, 1);
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }
    void OnDone() override { delete this; }

   private:
    grpc::ByteBuffer response_;
  };

  const common::CallerResolver& callers_;
};

// A server on 127.0.0.1:0 set up from `config` as wpsd sets up its listener.
class TestServer {
 public:
  static absl::StatusOr<std::unique_ptr<TestServer>> Start(const ServerConfig& config) {
    auto server = std::unique_ptr<TestServer>(new TestServer);
    WPS_ASSIGN_OR_RETURN(server->callers_, CallerResolverFor(config));
    WPS_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                         ServerCredentialsFor(config));
    server->service_ = std::make_unique<WhoAmIService>(*server->callers_);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", credentials, &server->port_);
    builder.RegisterCallbackGenericService(server->service_.get());
    server->server_ = builder.BuildAndStart();
    if (server->server_ == nullptr) return absl::InternalError("the test server did not start");
    return server;
  }

  ~TestServer() { server_->Shutdown(); }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  TestServer() = default;

  std::unique_ptr<common::CallerResolver> callers_;
  std::unique_ptr<WhoAmIService> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

struct Answer {
  grpc::StatusCode code;
  std::string message;
  std::string caller;  // Describe() of the caller the server resolved.
};

// Calls WhoAmI over `channel`, with `authorization: Bearer TOKEN` when `token` is not empty.
Answer CallWhoAmI(const std::shared_ptr<grpc::Channel>& channel, const std::string& token = "") {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  grpc::GenericStub stub(channel);
  grpc::Slice no_bytes;
  const grpc::ByteBuffer request(&no_bytes, 1);  // A default ByteBuffer is no message at all.
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, kWhoAmI, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  const grpc::Status status = done.get_future().get();
  std::vector<grpc::Slice> slices;
  std::string caller;
  if (status.ok() && response.Dump(&slices).ok()) {
    for (const grpc::Slice& slice : slices) caller.append(slice.begin(), slice.end());
  }
  return {status.error_code(), status.error_message(), caller};
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

constexpr char kPeerPattern[] = "ipv4:127\\.0\\.0\\.1:[0-9]+";

class TransportSecurityTest : public ::testing::Test {
 protected:
  // One test CA and certificates for nordic (the server) and femwise-africa (a partner), shared by
  // every test: generating keys is the slow part.
  static void SetUpTestSuite() {
    certs_ = new testing::TempDir;
    const std::string command = absl::StrCat("sh " WPS_SOURCE_DIR "/deploy/tls/make-test-certs.sh ",
                                             certs_->path(), " nordic femwise-africa >/dev/null");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() { delete certs_; }

  static std::string Cert(const std::string& name) { return certs_->Join(name); }

  // wpsd of network `network` with TLS, mutual TLS and the admin token.
  ServerConfig MutualTlsConfig(const std::string& network = "nordic") const {
    ServerConfig config = DefaultConfig();
    config.set_network(network);
    config.mutable_tls()->set_cert(Cert(network + ".pem"));
    config.mutable_tls()->set_key(Cert(network + ".key"));
    config.mutable_tls()->set_ca(Cert("ca.pem"));
    config.set_tokens_file(TokensFile());
    return config;
  }

  std::string TokensFile() const {
    std::ofstream(dir_.Join("tokens")) << kAdminTokenLine;
    return dir_.Join("tokens");
  }

  // A TLS channel to `address` trusting the test CA, presenting `cert_prefix`.pem/.key when given.
  static std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address,
                                                   const std::string& cert_prefix = "") {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadFile(Cert("ca.pem"));
    if (!cert_prefix.empty()) {
      options.pem_cert_chain = ReadFile(Cert(cert_prefix + ".pem"));
      options.pem_private_key = ReadFile(Cert(cert_prefix + ".key"));
    }
    return grpc::CreateChannel(address, grpc::SslCredentials(options));
  }

  // A client certificate signed by the test CA with subject CN `common_name` and DNS SAN
  // `dns_name`, written to `name`.pem/.key in the certificate directory.
  static void MakeClientCert(const std::string& name, const std::string& common_name,
                             const std::string& dns_name) {
    std::ofstream(certs_->Join(name + ".ext"))
        << "subjectAltName = DNS:" << dns_name << "\nextendedKeyUsage = clientAuth\n";
    const std::string key_and_request = absl::StrCat(
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=",
        common_name, "' -keyout ", name, ".key -out ", name, ".csr 2>/dev/null");
    const std::string signature =
        absl::StrCat("openssl x509 -req -in ", name, ".csr -CA ca.pem -CAkey ca.key -days 2 ",
                     "-CAcreateserial -extfile ", name, ".ext -out ", name, ".pem 2>/dev/null");
    const std::string command =
        absl::StrCat("cd ", certs_->path(), " && ", key_and_request, " && ", signature);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  static testing::TempDir* certs_;
  testing::TempDir dir_;
};

testing::TempDir* TransportSecurityTest::certs_ = nullptr;

TEST_F(TransportSecurityTest, AdminTokenOverTlsWithoutClientCertificate) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  const Answer answer = CallWhoAmI(TlsChannel(server->address()), "admin-secret");
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller, MatchesRegex(absl::StrCat("ops-team admin - ", kPeerPattern)));
}

TEST_F(TransportSecurityTest, EachCallOnOneConnectionIsItsOwnCaller) {
  // One connection, as a matching replica's upstream channel or a load balancer gives: a token's
  // identity must not outlive its call.
  std::ofstream(dir_.Join("two-tokens"))
      << kAdminTokenLine << "\n"
      << *common::TokenSha256Hex("viewer-secret") << " viewer nordic liv\n";
  ServerConfig config = MutualTlsConfig();
  config.set_tokens_file(dir_.Join("two-tokens"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(config));
  const std::shared_ptr<grpc::Channel> channel = TlsChannel(server->address());
  ASSERT_EQ(CallWhoAmI(channel, "admin-secret").code, grpc::StatusCode::OK);
  EXPECT_EQ(CallWhoAmI(channel).code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(CallWhoAmI(channel, "viewer-secret").caller,
              ::testing::StartsWith("liv viewer nordic"));
  EXPECT_EQ(CallWhoAmI(channel, "admin-secreT").code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(CallWhoAmI(channel, "admin-secret").caller, ::testing::StartsWith("ops-team admin"));
}

TEST_F(TransportSecurityTest, UnknownTokenIsUnauthenticatedEvenWithAValidCertificate) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  Answer answer = CallWhoAmI(TlsChannel(server->address()), "admin-secreT");
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(answer.message, HasSubstr("unknown bearer token"));
  answer = CallWhoAmI(TlsChannel(server->address(), "femwise-africa"), "admin-secreT");
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TransportSecurityTest, NoTokenNoCertificateIsToldWhatToSend) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  const Answer answer = CallWhoAmI(TlsChannel(server->address()));
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(answer.message, HasSubstr("Bearer TOKEN"));
  EXPECT_THAT(answer.message, HasSubstr("client certificate"));
}

TEST_F(TransportSecurityTest, PartnerCertificateIsThatNetwork) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  const Answer answer = CallWhoAmI(TlsChannel(server->address(), "femwise-africa"));
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller,
              MatchesRegex(absl::StrCat("femwise-africa partner femwise-africa ", kPeerPattern)));
}

TEST_F(TransportSecurityTest, CertificateOfAnotherCaFailsTheHandshake) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  const Answer answer = CallWhoAmI(TlsChannel(server->address(), "other-ca/femwise-africa"));
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAVAILABLE) << answer.message;
}

TEST_F(TransportSecurityTest, CertificateNamesItsNetworkByFirstDnsNameWhenCnIsNotAnId) {
  MakeClientCert("by-dns", "FemWise-Africa Secretariat", "femwise-africa");
  MakeClientCert("no-id", "FemWise-Africa Secretariat", "wps.femwise.example");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(MutualTlsConfig()));
  Answer answer = CallWhoAmI(TlsChannel(server->address(), "by-dns"));
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller,
              MatchesRegex(absl::StrCat("femwise-africa partner femwise-africa ", kPeerPattern)));
  answer = CallWhoAmI(TlsChannel(server->address(), "no-id"));
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(answer.message, HasSubstr("names no network id"));
}

// Pulling: femwise-africa's wpsd dials nordic's with its own certificate and is that partner; like
// the puller, it checks that the server's certificate names the network it means to pull from.
TEST_F(TransportSecurityTest, PeerCredentialsAuthenticateThisServerAsItsNetwork) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> nordic, TestServer::Start(MutualTlsConfig()));
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                       PeerChannelCredentialsFor(MutualTlsConfig("femwise-africa")));
  const auto channel_to = [&](const std::string& network) {
    grpc::ChannelArguments arguments;
    arguments.SetSslTargetNameOverride(network);
    return grpc::CreateCustomChannel(nordic->address(), credentials, arguments);
  };
  Answer answer = CallWhoAmI(channel_to("nordic"));
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller,
              MatchesRegex(absl::StrCat("femwise-africa partner femwise-africa ", kPeerPattern)));

  answer = CallWhoAmI(channel_to("mediterranean"));
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAVAILABLE) << answer.message;
  EXPECT_THAT(answer.message, HasSubstr("mediterranean is not in peer certificate"));
}

TEST_F(TransportSecurityTest, WithoutTokensOrCaEveryLoopbackCallerIsTheLocalAdmin) {
  ServerConfig config = DefaultConfig();
  config.set_network("nordic");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(config));
  const Answer answer =
      CallWhoAmI(grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller, MatchesRegex(absl::StrCat("local admin nordic ", kPeerPattern)));
}

TEST_F(TransportSecurityTest, TokensWithoutTlsNeedABearerToken) {
  ServerConfig config = DefaultConfig();
  config.set_tokens_file(TokensFile());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestServer> server, TestServer::Start(config));
  const auto channel = grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials());
  Answer answer = CallWhoAmI(channel, "admin-secret");
  ASSERT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
  EXPECT_THAT(answer.caller, MatchesRegex(absl::StrCat("ops-team admin - ", kPeerPattern)));
  answer = CallWhoAmI(channel);
  EXPECT_EQ(answer.code, grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(answer.message,
              HasSubstr("no credentials: send `authorization: Bearer TOKEN` metadata"));
}

TEST_F(TransportSecurityTest, UnreadableFilesNameTheirFlag) {
  ServerConfig config = MutualTlsConfig();
  config.mutable_tls()->set_key(dir_.Join("absent.key"));
  EXPECT_THAT(ServerCredentialsFor(config),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("--tls_key: cannot read " + dir_.Join("absent.key"))));
  EXPECT_THAT(PeerChannelCredentialsFor(config), StatusIs(absl::StatusCode::kNotFound));
  config = MutualTlsConfig();
  config.mutable_tls()->set_ca(dir_.Join("absent-ca.pem"));
  EXPECT_THAT(ServerCredentialsFor(config),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("--tls_ca")));
  config = MutualTlsConfig();
  config.set_tokens_file(dir_.Join("absent-tokens"));
  EXPECT_THAT(CallerResolverFor(config), StatusIs(absl::StatusCode::kNotFound));
  std::ofstream(dir_.Join("bad-tokens")) << "not a token line\n";
  config.set_tokens_file(dir_.Join("bad-tokens"));
  EXPECT_THAT(CallerResolverFor(config),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")));
}

}  // namespace
}  // namespace wps::wpsd
