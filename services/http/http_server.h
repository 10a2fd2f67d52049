// wpsd's HTTP listener (--http_listen): the web console (static files built into the binary) and
// the JSON API (json_gateway.h), with CSV import and export for the console:
//   POST /v1/mediators:import   body: a CSV file (text/csv) -> ImportMediatorsResponse as JSON
//   GET  /v1/mediators:export?network=N                     -> text/csv
// Served by cpp-httplib (Debian's libcpp-httplib), over TLS with the gRPC listener's certificate
// and key when those are configured.
//
// Protections for a browser-facing port: API answers are never cached; pages get a
// Content-Security- Policy allowing nothing from elsewhere; a request that changes something must
// carry a JSON or CSV body type (so another site's page cannot send it without the browser asking
// first, and being refused); and a server without authentication answers only requests addressed to
// a loopback host name (so a site cannot reach it by pointing its own name at 127.0.0.1).
//
// Thread safety: Stop may be called from any thread.
#ifndef WPS_SERVICES_HTTP_HTTP_SERVER_H_
#define WPS_SERVICES_HTTP_HTTP_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace httplib {
class Server;
}

namespace wps::http {

struct HttpServerOptions {
  std::string listen;    // host:port; port 0 picks a free one
  std::string tls_cert;  // PEM file paths; both empty: plain HTTP
  std::string tls_key;
  // The server takes no credentials (API.md's open loopback mode): only loopback Host names are
  // served.
  bool open_loopback = false;
};

class HttpServer {
 public:
  // Serves on options.listen, calling the gRPC services through `channel` (an in-process channel of
  // this wpsd). INVALID_ARGUMENT for a malformed address or unreadable certificate; UNAVAILABLE
  // when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                           std::shared_ptr<grpc::Channel> channel);
  // Stop().
  ~HttpServer();

  // "host:port" actually bound.
  const std::string& address() const { return address_; }
  // Stops accepting, ends the connections and joins the serving thread. Idempotent.
  void Stop();

 private:
  HttpServer() = default;

  std::unique_ptr<httplib::Server> server_;
  std::string address_;
  std::thread thread_;
};

}  // namespace wps::http

#endif  // WPS_SERVICES_HTTP_HTTP_SERVER_H_
