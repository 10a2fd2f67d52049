// How wpsctl reaches a server: the channel (plain on loopback, TLS or mutual TLS with --tls_*) and
// the per-call context (bearer token, deadline for unary calls).
#ifndef WPS_CLIENTS_WPSCTL_CONNECTION_H_
#define WPS_CLIENTS_WPSCTL_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace wps::wpsctl {

struct ConnectionOptions {
  std::string server = "127.0.0.1:50051";
  // Sent as "authorization: Bearer TOKEN" when not empty.
  std::string token;
  // PEM files. TLS when tls_ca or tls_cert is set (tls_ca: the CA that signed the server's
  // certificate, the system roots when empty); tls_cert and tls_key, both or neither, are the
  // client certificate for mutual TLS.
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  // Deadline of each unary call; streams have none.
  absl::Duration timeout = absl::Seconds(30);
};

// A channel to options.server. INVALID_ARGUMENT when only one of tls_cert and tls_key is set;
// NOT_FOUND or PERMISSION_DENIED when a PEM file cannot be read. Connecting happens on the first
// call.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ConnectionOptions& options);

// Adds the bearer token and, when `unary`, the deadline to `context`.
void PrepareContext(const ConnectionOptions& options, bool unary, grpc::ClientContext& context);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_CONNECTION_H_
