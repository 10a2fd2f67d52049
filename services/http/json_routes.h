// The JSON API's routes (API.md, "JSON API"): which HTTP method and path call which RPC, following
// the gRPC transcoding conventions (google.api.http): path segments fill the request's name or
// parent, query parameters fill its other fields, and the body is the whole request ("*") or one of
// its fields.
//
//   GET    /v1/{name}                               Get* of any resource
//   GET    /v1/{parent}/{collection}                List*
//   POST   /v1/{parent}/{collection}?{id}Id=        Create* (body: the resource)
//   PATCH  /v1/{name}?updateMask=                   Update* (body: the resource)
//   DELETE /v1/{name}                               DeleteMediator
//   POST   /v1/{name}:undelete                      UndeleteMediator
//   POST   /v1/mediators:search                     SearchMediators (body: the request)
//   POST   /v1/shortlists                           RequestShortlist (body: the request)
//   GET    /v1/processes/{p}/balance                GetBalance;  .../balance:trend  GetBalanceTrend
//
// Thread safety: the table is immutable.
#ifndef WPS_SERVICES_HTTP_JSON_ROUTES_H_
#define WPS_SERVICES_HTTP_JSON_ROUTES_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace wps::http {

// A path variable: the request field `field` (dotted for a sub-message's field) takes segments
// [begin, end) of the path after "/v1/", joined by '/'.
struct PathBinding {
  std::string field;
  int begin = 0;
  int end = 0;
};

struct JsonRoute {
  std::string http_method;  // GET, POST, PATCH, PUT, DELETE
  // Segments after "/v1/": a literal, or "*" for any one segment. The last may end in ":verb".
  std::vector<std::string> pattern;
  std::string rpc;  // "/wps.roster.v1.RosterService/GetMediator"
  // "*": the body is the whole request; a field name: the body is that field; empty: no body.
  std::string body;
  std::vector<PathBinding> bindings;
};

// A route matched to a path: the route and the path's segments (without the ":verb").
struct RouteMatch {
  const JsonRoute* route = nullptr;
  std::vector<std::string> segments;
};

// Every route of the JSON API.
const std::vector<JsonRoute>& JsonRoutes();

// The route for `http_method` and `path` (starting "/v1/"), or nullopt. `path_exists` is set when
// some route has the path with another method (405 rather than 404).
std::optional<RouteMatch> FindRoute(absl::string_view http_method, absl::string_view path,
                                    bool* path_exists);

}  // namespace wps::http

#endif  // WPS_SERVICES_HTTP_JSON_ROUTES_H_
