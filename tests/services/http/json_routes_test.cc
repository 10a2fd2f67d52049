#include "services/http/json_routes.h"

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::http {
namespace {

using ::testing::ElementsAre;

std::string RpcOf(absl::string_view method, absl::string_view path) {
  bool exists = false;
  const std::optional<RouteMatch> match = FindRoute(method, path, &exists);
  return match ? match->route->rpc : (exists ? "405" : "404");
}

TEST(JsonRoutesTest, ResourceNamesMapToTheirMethods) {
  EXPECT_EQ(RpcOf("GET", "/v1/networks/nordic/mediators/ingrid"),
            "/wps.roster.v1.RosterService/GetMediator");
  EXPECT_EQ(RpcOf("GET", "/v1/networks/-/mediators"), "/wps.roster.v1.RosterService/ListMediators");
  EXPECT_EQ(RpcOf("POST", "/v1/networks/nordic/mediators"),
            "/wps.roster.v1.RosterService/CreateMediator");
  EXPECT_EQ(RpcOf("PATCH", "/v1/networks/nordic/mediators/ingrid"),
            "/wps.roster.v1.RosterService/UpdateMediator");
  EXPECT_EQ(RpcOf("DELETE", "/v1/networks/nordic/mediators/ingrid"),
            "/wps.roster.v1.RosterService/DeleteMediator");
  EXPECT_EQ(RpcOf("POST", "/v1/networks/nordic/mediators/ingrid:undelete"),
            "/wps.roster.v1.RosterService/UndeleteMediator");
  EXPECT_EQ(RpcOf("POST", "/v1/mediators:search"), "/wps.roster.v1.RosterService/SearchMediators");
  EXPECT_EQ(RpcOf("POST", "/v1/shortlists"), "/wps.matching.v1.MatchingService/RequestShortlist");
  EXPECT_EQ(RpcOf("GET", "/v1/shortlists/abc"), "/wps.matching.v1.MatchingService/GetShortlist");
  EXPECT_EQ(RpcOf("GET", "/v1/processes/sudan/balance"),
            "/wps.balance.v1.BalanceService/GetBalance");
  EXPECT_EQ(RpcOf("GET", "/v1/processes/sudan/balance:trend"),
            "/wps.balance.v1.BalanceService/GetBalanceTrend");
  EXPECT_EQ(RpcOf("PUT", "/v1/processes/sudan/rounds/r1/delegations/gov"),
            "/wps.balance.v1.BalanceService/PutDelegation");
}

TEST(JsonRoutesTest, UnknownPathsAndMethodsAreTold) {
  EXPECT_EQ(RpcOf("GET", "/v1/nothing/here"), "404");
  EXPECT_EQ(RpcOf("GET", "/v1/"), "404");
  EXPECT_EQ(RpcOf("GET", "/v1/networks//mediators"), "404");
  EXPECT_EQ(RpcOf("GET", "/v2/networks"), "404");
  EXPECT_EQ(RpcOf("GET", "/v1/networks/nordic/mediators/ingrid:undelete"), "405");
  EXPECT_EQ(RpcOf("PUT", "/v1/networks/nordic/mediators/ingrid"), "405");
  EXPECT_EQ(RpcOf("POST", "/v1/networks/nordic/mediators/ingrid:frobnicate"), "404");
}

TEST(JsonRoutesTest, PathSegmentsAreSplitWithoutTheVerb) {
  bool exists = false;
  const std::optional<RouteMatch> match =
      FindRoute("POST", "/v1/networks/nordic/mediators/ingrid:undelete", &exists);
  ASSERT_TRUE(match.has_value());
  EXPECT_THAT(match->segments, ElementsAre("networks", "nordic", "mediators", "ingrid"));
}

// Every route names an RPC that exists, unary, whose request has each bound field and body field.
TEST(JsonRoutesTest, EveryRouteNamesARealUnaryMethodAndRealFields) {
  // Links in (and so registers) the files that declare the services.
  for (const google::protobuf::Descriptor* message :
       {roster::v1::GetMediatorRequest::descriptor(),
        matching::v1::GetShortlistRequest::descriptor(),
        balance::v1::GetBalanceRequest::descriptor(), sync::v1::GetSyncStatusRequest::descriptor(),
        audit::v1::ListAuditEventsRequest::descriptor()}) {
    ASSERT_NE(message, nullptr);
  }
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const JsonRoute& route : JsonRoutes()) {
    std::string full_name = route.rpc.substr(1);
    full_name[full_name.rfind('/')] = '.';
    const google::protobuf::MethodDescriptor* method = pool->FindMethodByName(full_name);
    ASSERT_NE(method, nullptr) << route.rpc;
    EXPECT_FALSE(method->client_streaming() || method->server_streaming()) << route.rpc;
    auto has_path = [&](const std::string& path) {
      const google::protobuf::Descriptor* message = method->input_type();
      size_t start = 0;
      while (true) {
        const size_t dot = path.find('.', start);
        const google::protobuf::FieldDescriptor* field =
            message->FindFieldByName(path.substr(start, dot - start));
        if (field == nullptr) return false;
        if (dot == std::string::npos) return true;
        message = field->message_type();
        if (message == nullptr) return false;
        start = dot + 1;
      }
    };
    for (const PathBinding& binding : route.bindings)
      EXPECT_TRUE(has_path(binding.field)) << route.rpc;
    if (!route.body.empty() && route.body != "*") {
      EXPECT_TRUE(has_path(route.body)) << route.rpc;
    }
  }
}

}  // namespace
}  // namespace wps::http
