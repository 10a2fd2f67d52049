#include "services/http/json_routes.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace wps::http {
namespace {

constexpr char kRoster[] = "/wps.roster.v1.RosterService/";
constexpr char kMatching[] = "/wps.matching.v1.MatchingService/";
constexpr char kBalance[] = "/wps.balance.v1.BalanceService/";

JsonRoute Route(std::string method, absl::string_view pattern, std::string rpc, std::string body,
                std::vector<PathBinding> bindings) {
  return JsonRoute{std::move(method), absl::StrSplit(pattern, '/'), std::move(rpc), std::move(body),
                   std::move(bindings)};
}

std::vector<JsonRoute> MakeRoutes() {
  const std::string roster = kRoster, matching = kMatching, balance = kBalance;
  return {
      Route("GET", "networks", roster + "ListNetworks", "", {}),
      Route("GET", "networks/*", roster + "GetNetwork", "", {{"name", 0, 2}}),
      Route("POST", "networks", roster + "CreateNetwork", "network", {}),
      Route("GET", "networks/*/mediators", roster + "ListMediators", "", {{"parent", 0, 2}}),
      Route("POST", "networks/*/mediators", roster + "CreateMediator", "mediator",
            {{"parent", 0, 2}}),
      Route("GET", "networks/*/mediators/*", roster + "GetMediator", "", {{"name", 0, 4}}),
      Route("PATCH", "networks/*/mediators/*", roster + "UpdateMediator", "mediator",
            {{"mediator.name", 0, 4}}),
      Route("DELETE", "networks/*/mediators/*", roster + "DeleteMediator", "", {{"name", 0, 4}}),
      Route("POST", "networks/*/mediators/*:undelete", roster + "UndeleteMediator", "*",
            {{"name", 0, 4}}),
      Route("POST", "networks/*/mediators/*:purge", roster + "PurgeMediator", "*",
            {{"name", 0, 4}}),
      Route("POST", "mediators:search", roster + "SearchMediators", "*", {}),
      Route("GET", "processes", matching + "ListProcesses", "", {}),
      Route("POST", "processes", matching + "CreateProcess", "process", {}),
      Route("GET", "processes/*", matching + "GetProcess", "", {{"name", 0, 2}}),
      Route("PATCH", "processes/*", matching + "UpdateProcess", "process",
            {{"process.name", 0, 2}}),
      Route("POST", "shortlists", matching + "RequestShortlist", "*", {}),
      Route("GET", "shortlists", matching + "ListShortlists", "", {}),
      Route("GET", "shortlists/*", matching + "GetShortlist", "", {{"name", 0, 2}}),
      Route("GET", "processes/*/rounds", balance + "ListRounds", "", {{"parent", 0, 2}}),
      Route("POST", "processes/*/rounds", balance + "CreateRound", "round", {{"parent", 0, 2}}),
      Route("GET", "processes/*/rounds/*/delegations", balance + "ListDelegations", "",
            {{"parent", 0, 4}}),
      Route("GET", "processes/*/rounds/*/delegations/*", balance + "GetDelegation", "",
            {{"name", 0, 6}}),
      Route("PUT", "processes/*/rounds/*/delegations/*", balance + "PutDelegation", "delegation",
            {{"round", 0, 4}, {"delegation.id", 5, 6}}),
      Route("GET", "processes/*/balance", balance + "GetBalance", "", {{"process", 0, 2}}),
      Route("GET", "processes/*/balance:trend", balance + "GetBalanceTrend", "",
            {{"process", 0, 2}}),
      Route("GET", "balance:report", balance + "GetBalanceReport", "", {}),
      Route("GET", "sync/status", "/wps.sync.v1.SyncService/GetSyncStatus", "", {}),
      Route("GET", "auditEvents", "/wps.audit.v1.AuditService/ListAuditEvents", "", {}),
  };
}

// The path's segments after "/v1/" and its custom verb ("" when none).
bool SplitPath(absl::string_view path, std::vector<std::string>& segments, std::string& verb) {
  if (!absl::ConsumePrefix(&path, "/v1/") || path.empty()) return false;
  segments = absl::StrSplit(path, '/');
  std::string& last = segments.back();
  const size_t colon = last.find(':');
  if (colon != std::string::npos) {
    verb = last.substr(colon + 1);
    last.resize(colon);
  }
  for (const std::string& segment : segments) {
    if (segment.empty()) return false;
  }
  return true;
}

bool Matches(const JsonRoute& route, const std::vector<std::string>& segments,
             const std::string& verb) {
  if (route.pattern.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    absl::string_view want = route.pattern[i];
    std::string want_verb;
    if (i + 1 == segments.size()) {
      const size_t colon = want.find(':');
      if (colon != absl::string_view::npos) {
        want_verb = std::string(want.substr(colon + 1));
        want = want.substr(0, colon);
      }
      if (want_verb != verb) return false;
    }
    if (want != "*" && want != segments[i]) return false;
  }
  return true;
}

}  // namespace

const std::vector<JsonRoute>& JsonRoutes() {
  static const auto* routes = new std::vector<JsonRoute>(MakeRoutes());
  return *routes;
}

std::optional<RouteMatch> FindRoute(absl::string_view http_method, absl::string_view path,
                                    bool* path_exists) {
  *path_exists = false;
  std::vector<std::string> segments;
  std::string verb;
  if (!SplitPath(path, segments, verb)) return std::nullopt;
  for (const JsonRoute& route : JsonRoutes()) {
    if (!Matches(route, segments, verb)) continue;
    *path_exists = true;
    if (route.http_method == http_method) return RouteMatch{&route, segments};
  }
  return std::nullopt;
}

}  // namespace wps::http
