#include "clients/wpsctl/connection.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "clients/wpsctl/file_io.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace wps::wpsctl {
namespace {

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
    const ConnectionOptions& options) {
  if (options.tls_ca.empty() && options.tls_cert.empty()) {
    return grpc::InsecureChannelCredentials();
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together: give both or neither");
  }
  grpc::SslCredentialsOptions ssl;
  if (!options.tls_ca.empty()) {
    WPS_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFileOrStdin(options.tls_ca));
  }
  if (!options.tls_cert.empty()) {
    WPS_ASSIGN_OR_RETURN(ssl.pem_cert_chain, ReadFileOrStdin(options.tls_cert));
    WPS_ASSIGN_OR_RETURN(ssl.pem_private_key, ReadFileOrStdin(options.tls_key));
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

// gRPC's retry policy: a call that fails UNAVAILABLE (a connection refused or reset on a loaded machine,
// or a write the server refused whole on an I/O error) is tried again three times with backoff. The
// creates whose id the server may assign are left out: a retry after a lost response could create a
// second record.
constexpr char kServiceConfig[] = R"json({
  "methodConfig": [
    {"name": [{"service": "wps.roster.v1.RosterService"}, {"service": "wps.matching.v1.MatchingService"}],
     "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "1s",
                     "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}},
    {"name": [{"service": "wps.roster.v1.RosterService", "method": "CreateMediator"},
              {"service": "wps.matching.v1.MatchingService", "method": "CreateProcess"}]}
  ]
})json";

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ConnectionOptions& options) {
  WPS_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials, Credentials(options));
  grpc::ChannelArguments arguments;
  arguments.SetServiceConfigJSON(kServiceConfig);
  // Pages of records can be larger than gRPC's 4 MiB default.
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(options.server, credentials, arguments);
}

void PrepareContext(const ConnectionOptions& options, bool unary, grpc::ClientContext& context) {
  if (!options.token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", options.token));
  }
  if (unary) context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
}

}  // namespace wps::wpsctl
