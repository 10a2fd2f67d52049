// The JSON API of API.md over the gRPC services of the same process: each HTTP request becomes the
// RPC its route names (json_routes.h), called through an in-process channel with the caller's
// `Authorization` header, so tokens, roles, redaction, audit, rate limits and metrics are exactly
// those of gRPC. Messages use protobuf's canonical JSON mapping (lowerCamelCase names, enum names,
// defaults omitted); errors are google.rpc.Status as JSON — {"code", "message", "details"} — with
// the HTTP status the gRPC transcoding conventions give each code.
//
// The gRPC side identifies the caller's transport peer by the `x-wps-http-peer` metadata this
// gateway sets, which it trusts on in-process calls only (common::TransportPeer).
//
// Thread safety: Handle may be called from any number of threads at once.
#ifndef WPS_SERVICES_HTTP_JSON_GATEWAY_H_
#define WPS_SERVICES_HTTP_JSON_GATEWAY_H_

#include <map>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace wps::http {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // "/v1/networks/nordic/mediators"
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string authorization;  // the Authorization header, as sent
  std::string peer;           // "ipv4:10.0.0.5:51234"
  std::string request_id;     // X-Request-Id, when the client sent one
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The HTTP status of a gRPC status code (google/api/http.proto's mapping: NOT_FOUND 404, ...).
int HttpStatusOf(grpc::StatusCode code);

// A JSON error response for `status` (google.rpc.Status as JSON, its details included), with the
// HTTP status HttpStatusOf gives its code, or `http_status` when not 0 (a refusal gRPC has no code
// for: 405, 415, 421).
HttpResponse ErrorResponse(const grpc::Status& status, int http_status = 0);

// Puts the caller's credentials and peer on `context`, and the call's deadline.
void PrepareContext(const HttpRequest& request, grpc::ClientContext& context,
                    absl::Duration timeout);

class JsonGateway {
 public:
  explicit JsonGateway(std::shared_ptr<grpc::Channel> channel);

  // The RPC the request's route names, as JSON. 404 for a path no route has; 405 for a method the
  // path does not take; 400 for a body or query that does not parse into the request; else the
  // RPC's answer or error.
  HttpResponse Handle(const HttpRequest& request) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace wps::http

#endif  // WPS_SERVICES_HTTP_JSON_GATEWAY_H_
