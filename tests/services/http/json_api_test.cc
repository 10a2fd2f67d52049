// The JSON API (--http_listen) of a real wpsd against its own gRPC answers: the same requests over
// HTTP and over gRPC, with the same tokens, give the same messages (protobuf's JSON mapping), the
// same errors (google.rpc.Status as JSON, with the HTTP status of gRPC transcoding), the same
// redaction and the same audit events, attributed to the HTTP client.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "services/common/caller.h"
#include "services/common/token_table.h"
#include "services/http/json_gateway.h"
#include "services/wpsd/server.h"
#include "services/wpsd/server_config.h"
#include "tests/services/loopback_server.h"
#include "tests/testing/temp_dir.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::http {
namespace {

using ::google::protobuf::Message;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kAdminToken[] = "admin-token-0123456789";
constexpr char kCoordinatorToken[] = "nordic-coordinator-token-0123";
constexpr char kUnitToken[] = "un-msu-token-0123456789abcdef";

std::string ToJson(const Message& message) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
  return json;
}

roster::v1::Mediator Ingrid() {
  roster::v1::Mediator m;
  m.set_given_name("Ingrid");
  m.set_family_name("Sigurðardóttir");
  m.set_chapter("NO");
  m.add_nationalities("NO");
  auto* english = m.add_languages();
  english->set_code("en");
  english->set_level(type::LANGUAGE_LEVEL_C2);
  m.add_regions("SD");
  m.add_expertise("ceasefire-security-arrangements");
  m.add_roles("mediator");
  m.set_years_experience(12);
  m.set_bio("Former envoy; facilitated ceasefire talks in Sudan.");
  m.mutable_contact()->set_email("ingrid@example.org");
  m.mutable_consent()->set_share_all(true);
  return m;
}

class JsonApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string tokens = dir_.Join("tokens");
    std::ofstream(tokens) << *common::TokenSha256Hex(kAdminToken) << " admin - ops-admin\n"
                          << *common::TokenSha256Hex(kCoordinatorToken)
                          << " coordinator nordic kari\n"
                          << *common::TokenSha256Hex(kUnitToken) << " mediation-unit - un-msu\n";
    auto server =
        service_testing::StartLoopbackServer(dir_.Join("data"), "", tokens, "127.0.0.1:0");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_FALSE(server_->http_address().empty());
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    roster_ = roster::v1::RosterService::NewStub(channel_);
    http_ = std::make_unique<httplib::Client>(absl::StrCat("http://", server_->http_address()));
    ASSERT_EQ(
        Http("POST", "/v1/networks?networkId=nordic", kAdminToken, R"({"displayName": "Nordic"})")
            ->status,
        200);
  }

  httplib::Result Http(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& body = "", const std::string& type = "application/json") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", absl::StrCat("Bearer ", token));
    if (method == "GET") return http_->Get(path.c_str(), headers);
    if (method == "DELETE") return http_->Delete(path.c_str(), headers);
    if (method == "PATCH") return http_->Patch(path.c_str(), headers, body, type.c_str());
    if (method == "PUT") return http_->Put(path.c_str(), headers, body, type.c_str());
    return http_->Post(path.c_str(), headers, body, type.c_str());
  }

  // The gRPC context of a call as `token`.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
    return context;
  }

  roster::v1::Mediator CreateIngrid() {
    auto created = Http("POST", "/v1/networks/nordic/mediators?mediatorId=ingrid", kAdminToken,
                        ToJson(Ingrid()));
    EXPECT_EQ(created->status, 200) << created->body;
    roster::v1::Mediator mediator;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(created->body, &mediator).ok());
    return mediator;
  }

  testing::TempDir dir_;
  std::unique_ptr<wpsd::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<roster::v1::RosterService::Stub> roster_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(JsonApiTest, GetAnswersTheSameJsonAsGrpcForEachRole) {
  const roster::v1::Mediator created = CreateIngrid();
  EXPECT_EQ(created.name(), "networks/nordic/mediators/ingrid");
  for (const char* token : {kAdminToken, kCoordinatorToken, kUnitToken}) {
    roster::v1::GetMediatorRequest request;
    request.set_name(created.name());
    roster::v1::Mediator by_grpc;
    const grpc::Status status = roster_->GetMediator(As(token).get(), request, &by_grpc);
    auto by_http = Http("GET", "/v1/networks/nordic/mediators/ingrid", token);
    if (!status.ok()) {
      EXPECT_EQ(by_http->status, HttpStatusOf(status.error_code())) << token;
      continue;
    }
    EXPECT_EQ(by_http->status, 200);
    EXPECT_EQ(by_http->body, ToJson(by_grpc)) << token;
    EXPECT_EQ(by_http->get_header_value("Cache-Control"), "no-store");
  }
}

TEST_F(JsonApiTest, ListAndSearchAnswerAsGrpc) {
  CreateIngrid();
  roster::v1::ListMediatorsRequest list;
  list.set_parent("networks/-");
  roster::v1::ListMediatorsResponse listed;
  ASSERT_TRUE(roster_->ListMediators(As(kAdminToken).get(), list, &listed).ok());
  EXPECT_EQ(Http("GET", "/v1/networks/-/mediators", kAdminToken)->body, ToJson(listed));

  roster::v1::SearchMediatorsRequest search;
  search.set_query("sigurdardottir");
  search.add_facets("languages");
  search.add_facets("networks");
  roster::v1::SearchMediatorsResponse found;
  ASSERT_TRUE(roster_->SearchMediators(As(kCoordinatorToken).get(), search, &found).ok());
  ASSERT_EQ(found.total_size(), 1);
  EXPECT_EQ(Http("POST", "/v1/mediators:search", kCoordinatorToken, ToJson(search))->body,
            ToJson(found));
  // Query parameters fill fields by their JSON or proto names; repeated ones repeat.
  roster::v1::ListMediatorsRequest paged = list;
  paged.set_page_size(1);
  roster::v1::ListMediatorsResponse page;
  ASSERT_TRUE(roster_->ListMediators(As(kAdminToken).get(), paged, &page).ok());
  EXPECT_EQ(Http("GET", "/v1/networks/-/mediators?pageSize=1", kAdminToken)->body, ToJson(page));
  EXPECT_EQ(Http("GET", "/v1/networks/-/mediators?page_size=1", kAdminToken)->body, ToJson(page));
}

TEST_F(JsonApiTest, ErrorsCarryTheCodeTheMessageAndTheFieldViolations) {
  roster::v1::Mediator bad = Ingrid();
  bad.set_years_experience(-3);
  bad.mutable_languages(0)->set_code("xx");
  roster::v1::CreateMediatorRequest request;
  request.set_parent("networks/nordic");
  request.set_mediator_id("bad");
  *request.mutable_mediator() = bad;
  roster::v1::Mediator ignored;
  const grpc::Status refused = roster_->CreateMediator(As(kAdminToken).get(), request, &ignored);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  auto by_http =
      Http("POST", "/v1/networks/nordic/mediators?mediatorId=bad", kAdminToken, ToJson(bad));
  EXPECT_EQ(by_http->status, 400);
  google::rpc::Status error;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(by_http->body, &error).ok())
      << by_http->body;
  EXPECT_EQ(error.code(), 3);
  EXPECT_EQ(error.message(), refused.error_message());
  std::vector<std::string> fields;
  for (const auto& any : error.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations())
      fields.push_back(violation.field());
  }
  EXPECT_EQ(fields, service_testing::ViolationFields(refused));
  EXPECT_FALSE(fields.empty());
  EXPECT_THAT(by_http->body, HasSubstr("\"@type\":\"type.googleapis.com/google.rpc.BadRequest\""));

  auto missing = Http("GET", "/v1/networks/nordic/mediators/nobody", kAdminToken);
  EXPECT_EQ(missing->status, 404);
  EXPECT_THAT(missing->body, StartsWith("{\"code\":5,"));
  EXPECT_THAT(missing->body, HasSubstr("\"details\":[]"));
  EXPECT_EQ(Http("GET", "/v1/networks/nordic/mediators/nobody", "")->status, 401);
  EXPECT_EQ(Http("GET", "/v1/networks/nordic/mediators/nobody", "wrong-token")->status, 401);
  EXPECT_EQ(Http("GET", "/v1/auditEvents", kUnitToken)->status, 403);
  EXPECT_EQ(Http("GET", "/v1/no/such/collection", kAdminToken)->status, 404);
  EXPECT_EQ(Http("PUT", "/v1/networks/nordic/mediators/ingrid", kAdminToken, "{}")->status, 405);
  EXPECT_EQ(Http("POST", "/v1/networks/nordic/mediators", kAdminToken, "{not json")->status, 400);
  EXPECT_EQ(Http("GET", "/v1/networks/-/mediators?pageSize=many", kAdminToken)->status, 400);
  EXPECT_EQ(Http("GET", "/v1/networks/-/mediators?color=red", kAdminToken)->status, 400);
  // A body another site's form could send is refused before it reaches the API.
  EXPECT_EQ(Http("POST", "/v1/networks/nordic/mediators", kAdminToken, "a=b",
                 "application/x-www-form-urlencoded")
                ->status,
            415);
}

TEST_F(JsonApiTest, UpdateWithMaskAndEtagAndDeleteAsGrpc) {
  const roster::v1::Mediator created = CreateIngrid();
  auto stale = Http("PATCH", "/v1/networks/nordic/mediators/ingrid?updateMask=bio",
                    kCoordinatorToken, R"({"bio": "New bio", "etag": "not-the-etag"})");
  EXPECT_EQ(stale->status, 409) << stale->body;
  auto updated =
      Http("PATCH", "/v1/networks/nordic/mediators/ingrid?updateMask=bio", kCoordinatorToken,
           absl::StrCat(R"({"bio": "Chief mediator, Nordic network.", "etag": ")", created.etag(),
                        "\"}"));
  ASSERT_EQ(updated->status, 200) << updated->body;
  roster::v1::GetMediatorRequest get;
  get.set_name(created.name());
  roster::v1::Mediator by_grpc;
  ASSERT_TRUE(roster_->GetMediator(As(kCoordinatorToken).get(), get, &by_grpc).ok());
  EXPECT_EQ(by_grpc.bio(), "Chief mediator, Nordic network.");
  EXPECT_EQ(updated->body, ToJson(by_grpc));

  auto deleted = Http("DELETE", "/v1/networks/nordic/mediators/ingrid", kCoordinatorToken);
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_THAT(deleted->body, HasSubstr("\"deleteTime\""));
  auto undeleted = Http("POST", "/v1/networks/nordic/mediators/ingrid:undelete", kCoordinatorToken);
  ASSERT_EQ(undeleted->status, 200) << undeleted->body;
  EXPECT_THAT(undeleted->body, ::testing::Not(HasSubstr("\"deleteTime\"")));
}

TEST_F(JsonApiTest, ShortlistIsStoredAndReadBackAsGrpcWithoutContactForAUnit) {
  CreateIngrid();
  auto requested = Http(
      "POST", "/v1/shortlists", kUnitToken,
      R"({"processCountries": ["SD"], "requiredLanguages": [{"code": "en", "minLevel": "LANGUAGE_LEVEL_B2"}],
                            "count": 5})");
  ASSERT_EQ(requested->status, 200) << requested->body;
  matching::v1::Shortlist shortlist;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(requested->body, &shortlist).ok());
  ASSERT_EQ(shortlist.candidates_size(), 1);
  EXPECT_FALSE(shortlist.candidates(0).mediator().has_contact());  // no contact_release consent
  EXPECT_THAT(requested->body, ::testing::Not(HasSubstr("ingrid@example.org")));
  EXPECT_THAT(requested->body, HasSubstr("works on Sudan"));

  auto matching = matching::v1::MatchingService::NewStub(channel_);
  matching::v1::GetShortlistRequest get;
  get.set_name(shortlist.name());
  matching::v1::Shortlist by_grpc;
  ASSERT_TRUE(matching->GetShortlist(As(kUnitToken).get(), get, &by_grpc).ok());
  EXPECT_EQ(Http("GET", absl::StrCat("/v1/", shortlist.name()), kUnitToken)->body, ToJson(by_grpc));
}

TEST_F(JsonApiTest, BalanceRoutesAnswerAsGrpc) {
  ASSERT_EQ(Http("POST", "/v1/processes?processId=sudan", kAdminToken,
                 R"({"displayName": "Sudan talks", "countries": ["SD"]})")
                ->status,
            200);
  ASSERT_EQ(Http("POST", "/v1/processes/sudan/rounds?roundId=r1", kAdminToken,
                 R"({"displayName": "Round 1", "startDate": "2027-01-10"})")
                ->status,
            200);
  auto put = Http("PUT", "/v1/processes/sudan/rounds/r1/delegations/gov", kAdminToken,
                  R"({"displayName": "Government", "kind": "PARTY", "members": [
                       {"displayName": "A", "gender": "WOMAN", "role": "HEAD"},
                       {"displayName": "B", "gender": "MAN", "role": "NEGOTIATOR"}]})");
  ASSERT_EQ(put->status, 200) << put->body;
  auto balance_stub = balance::v1::BalanceService::NewStub(channel_);
  balance::v1::GetBalanceRequest request;
  request.set_process("processes/sudan");
  balance::v1::Balance by_grpc;
  ASSERT_TRUE(balance_stub->GetBalance(As(kAdminToken).get(), request, &by_grpc).ok());
  auto by_http = Http("GET", "/v1/processes/sudan/balance", kAdminToken);
  EXPECT_EQ(by_http->body, ToJson(by_grpc));
  EXPECT_THAT(by_http->body, HasSubstr("\"womenShare\":0.5"));
  balance::v1::GetBalanceTrendRequest trend;
  trend.set_process("processes/sudan");
  balance::v1::BalanceTrend trend_by_grpc;
  ASSERT_TRUE(balance_stub->GetBalanceTrend(As(kAdminToken).get(), trend, &trend_by_grpc).ok());
  EXPECT_EQ(Http("GET", "/v1/processes/sudan/balance:trend", kAdminToken)->body,
            ToJson(trend_by_grpc));
}

TEST_F(JsonApiTest, CsvImportAndExportGoThroughTheStreamingRpcs) {
  const std::string csv = absl::StrCat(
      "id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,"
      "years_experience,"
      "availability,unavailable_periods,email,phone,consent_share,bio\n",
      "amina,nordic,NO,Amina,Diallo,SN,fr:native;en:C1,SN;011,elections,mediator,9,available,,"
      "amina@example.org,,"
      "all,Electoral mediator\n",
      "broken,nordic,NO,Broken,Row,SN,fr:Z9,SN,elections,mediator,ten,available,,,,all,\n");
  auto imported = Http("POST", "/v1/mediators:import", kCoordinatorToken, csv, "text/csv");
  ASSERT_EQ(imported->status, 200) << imported->body;
  roster::v1::ImportMediatorsResponse report;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(imported->body, &report).ok());
  EXPECT_EQ(report.created(), 1);
  EXPECT_EQ(report.failed(), 1);
  ASSERT_GE(report.errors_size(), 1);
  EXPECT_EQ(report.errors(0).row(), 3);

  auto exported = Http("GET", "/v1/mediators:export?network=nordic", kCoordinatorToken);
  ASSERT_EQ(exported->status, 200) << exported->body;
  EXPECT_THAT(exported->get_header_value("Content-Type"), StartsWith("text/csv"));
  EXPECT_THAT(exported->body, StartsWith("id,network,chapter,"));
  EXPECT_THAT(exported->body, HasSubstr("amina,nordic,NO,Amina,Diallo"));
  EXPECT_EQ(Http("GET", "/v1/mediators:export", "")->status, 401);
}

// An export larger than one chunk of the streamed response arrives whole, a line per record; an
// empty one is the header alone.
TEST_F(JsonApiTest, ExportIsStreamedWholeAcrossChunks) {
  std::string csv =
      "id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,"
      "years_experience,"
      "availability,unavailable_periods,email,phone,consent_share,bio\n";
  constexpr int kRecords = 600;
  for (int i = 0; i < kRecords; ++i) {
    absl::StrAppend(
        &csv, "m", i, ",nordic,NO,Given", i,
        ",Family,NO,no:native;en:C1,NO;154,elections,mediator,", i % 40, ",available,,m", i,
        "@example.org,,all,",
        "A bio long enough that six hundred of them make more than one chunk of the export.\n");
  }
  auto imported = Http("POST", "/v1/mediators:import", kAdminToken, csv, "text/csv");
  ASSERT_EQ(imported->status, 200) << imported->body;
  auto exported = Http("GET", "/v1/mediators:export?network=nordic", kAdminToken);
  ASSERT_EQ(exported->status, 200);
  EXPECT_GT(exported->body.size(), 64u * 1024);
  EXPECT_EQ(std::count(exported->body.begin(), exported->body.end(), '\n'), kRecords + 1);
  for (int i : {0, 299, kRecords - 1})
    EXPECT_THAT(exported->body, HasSubstr(absl::StrCat("\nm", i, ",nordic,")));

  // A browser that goes away mid-download: the server ends the call and goes on serving.
  httplib::Headers headers = {{"Authorization", absl::StrCat("Bearer ", kAdminToken)}};
  auto abandoned = http_->Get("/v1/mediators:export?network=nordic", headers,
                              [](const char*, size_t) { return false; });
  EXPECT_FALSE(abandoned);
  ASSERT_EQ(
      Http("POST", "/v1/networks?networkId=wmc", kAdminToken, R"({"displayName": "WMC"})")->status,
      200);
  auto empty = Http("GET", "/v1/mediators:export?network=wmc", kAdminToken);
  ASSERT_EQ(empty->status, 200);
  EXPECT_EQ(std::count(empty->body.begin(), empty->body.end(), '\n'), 1);
  EXPECT_THAT(empty->body, StartsWith("id,network,"));
}

// Each HTTP call is audited as the gRPC call it is, naming the HTTP client; a gRPC client from the
// network cannot pass itself off as one.
TEST_F(JsonApiTest, AuditNamesThePrincipalAndTheHttpClient) {
  CreateIngrid();
  ASSERT_EQ(Http("GET", "/v1/networks/nordic/mediators/ingrid", kCoordinatorToken)->status, 200);
  roster::v1::GetMediatorRequest get;
  get.set_name("networks/nordic/mediators/ingrid");
  roster::v1::Mediator ignored;
  auto forged = As(kCoordinatorToken);
  forged->AddMetadata(common::kHttpPeerMetadata, "ipv4:10.9.9.9:1");
  ASSERT_TRUE(roster_->GetMediator(forged.get(), get, &ignored).ok());

  auto audit = audit::v1::AuditService::NewStub(channel_);
  audit::v1::ListAuditEventsRequest request;
  request.set_principal("kari");
  audit::v1::ListAuditEventsResponse events;
  ASSERT_TRUE(audit->ListAuditEvents(As(kAdminToken).get(), request, &events).ok());
  std::vector<std::string> peers;
  for (const auto& event : events.audit_events()) {
    if (absl::EndsWith(event.method(), "/GetMediator")) peers.push_back(event.peer());
  }
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_EQ(std::count_if(
                peers.begin(), peers.end(),
                [](const std::string& p) { return absl::StartsWith(p, "http:ipv4:127.0.0.1:"); }),
            1);
  EXPECT_EQ(
      std::count_if(peers.begin(), peers.end(),
                    [](const std::string& p) { return absl::StartsWith(p, "ipv4:127.0.0.1:"); }),
      1);
  for (const std::string& peer : peers) EXPECT_THAT(peer, ::testing::Not(HasSubstr("10.9.9.9")));
}

TEST_F(JsonApiTest, ConsolePagesAreServedWithAPolicyThatAllowsNothingFromElsewhere) {
  auto page = http_->Get("/");
  ASSERT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), StartsWith("text/html"));
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_THAT(page->body, HasSubstr("console.js"));
  EXPECT_EQ(http_->Get("/console.js")->status, 200);
  EXPECT_EQ(http_->Get("/console.css")->status, 200);
  EXPECT_EQ(http_->Get("/etc/passwd")->status, 404);
}

// Open mode (no tokens): everyone on loopback is the administrator, so only requests addressed to a
// loopback name are answered — not a page of another site whose name resolves to 127.0.0.1.
TEST(JsonApiOpenModeTest, OnlyLoopbackHostNamesAreAnswered) {
  testing::TempDir dir;
  auto server = service_testing::StartLoopbackServer(dir.Join("data"), "", "", "127.0.0.1:0");
  ASSERT_TRUE(server.ok()) << server.status();
  httplib::Client client(absl::StrCat("http://", (*server)->http_address()));
  EXPECT_EQ(client.Get("/v1/networks")->status, 200);
  EXPECT_EQ(client.Get("/v1/networks", {{"Host", "evil.example:80"}})->status, 421);
  EXPECT_EQ(client.Get("/", {{"Host", "evil.example"}})->status, 421);
  EXPECT_EQ(client.Get("/v1/networks", {{"Host", "127.0.0.1.evil.example:8080"}})->status, 421);
  EXPECT_EQ(client.Get("/v1/networks", {{"Host", "127.evil.example"}})->status, 421);
  EXPECT_EQ(client.Get("/v1/networks", {{"Host", "[::1]:8080"}})->status, 200);
  EXPECT_EQ(client.Get("/v1/networks", {{"Host", "localhost:8080"}})->status, 200);
}

// With --tls_cert and --tls_key, the console and the JSON API are served over TLS with the gRPC
// listener's certificate: a client trusting the CA reads them, and plain HTTP gets no answer.
TEST(JsonApiTlsTest, ServedOverTlsWithTheListenersCertificate) {
  testing::TempDir dir;
  const std::string command = absl::StrCat("sh " WPS_SOURCE_DIR "/deploy/tls/make-test-certs.sh ", dir.path(),
                                           " nordic >/dev/null");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ofstream(dir.Join("tokens")) << *common::TokenSha256Hex(kAdminToken) << " admin - ops-admin\n";
  wpsd::ServerConfig config = wpsd::DefaultConfig();
  config.set_listen("127.0.0.1:0");
  config.set_http_listen("127.0.0.1:0");
  config.set_data_dir(dir.Join("data"));
  config.set_tokens_file(dir.Join("tokens"));
  config.mutable_tls()->set_cert(dir.Join("nordic.pem"));
  config.mutable_tls()->set_key(dir.Join("nordic.key"));
  absl::StatusOr<wpsd::ServerConfig> finalized = wpsd::Finalize(config);
  ASSERT_TRUE(finalized.ok()) << finalized.status();
  auto server = wpsd::Server::Start(*finalized);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string address = (*server)->http_address();

  httplib::SSLClient tls("127.0.0.1", std::stoi(address.substr(address.rfind(':') + 1)));
  tls.set_ca_cert_path(dir.Join("ca.pem").c_str());
  tls.enable_server_certificate_verification(true);
  auto page = tls.Get("/");
  ASSERT_TRUE(page) << httplib::to_string(page.error());
  EXPECT_EQ(page->status, 200);
  auto networks = tls.Get("/v1/networks", {{"Authorization", absl::StrCat("Bearer ", kAdminToken)}});
  ASSERT_TRUE(networks);
  EXPECT_EQ(networks->status, 200);

  httplib::Client plain(absl::StrCat("http://", address));
  plain.set_connection_timeout(2);
  plain.set_read_timeout(2);
  auto refused = plain.Get("/");
  EXPECT_TRUE(!refused || refused->status != 200);
}

}  // namespace
}  // namespace wps::http
