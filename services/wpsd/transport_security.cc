#include "services/wpsd/transport_security.h"

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/rate_limiter.h"
#include "services/common/token_table.h"

namespace wps::wpsd {
namespace {

// The PEM files of config.tls, read.
struct TlsFiles {
  std::string cert;
  std::string key;
  std::string ca;  // Empty when tls.ca is unset.
};

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view flag) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("--", flag, ": cannot read ", path));
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

absl::StatusOr<TlsFiles> ReadTlsFiles(const config::v1::Tls& tls) {
  TlsFiles files;
  WPS_ASSIGN_OR_RETURN(files.cert, ReadFile(tls.cert(), "tls_cert"));
  WPS_ASSIGN_OR_RETURN(files.key, ReadFile(tls.key(), "tls_key"));
  if (!tls.ca().empty()) {
    WPS_ASSIGN_OR_RETURN(files.ca, ReadFile(tls.ca(), "tls_ca"));
  }
  return files;
}

bool UsesTls(const ServerConfig& config) { return !config.tls().cert().empty(); }

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerConfig& config) {
  if (!UsesTls(config)) return grpc::InsecureServerCredentials();
  WPS_ASSIGN_OR_RETURN(TlsFiles files, ReadTlsFiles(config.tls()));
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_key_cert_pairs.push_back({files.key, files.cert});
  if (!files.ca.empty()) {
    // Not REQUIRE: admins and coordinators come with a bearer token and no certificate.
    options.client_certificate_request = GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY;
    options.pem_root_certs = files.ca;
  }
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerChannelCredentialsFor(
    const ServerConfig& config) {
  if (!UsesTls(config)) return grpc::InsecureChannelCredentials();
  WPS_ASSIGN_OR_RETURN(TlsFiles files, ReadTlsFiles(config.tls()));
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = files.ca;  // Empty: gRPC's default roots.
  options.pem_private_key = files.key;
  options.pem_cert_chain = files.cert;
  return grpc::SslCredentials(options);
}

absl::StatusOr<std::unique_ptr<common::CallerResolver>> CallerResolverFor(
    const ServerConfig& config) {
  const bool mutual_tls = !config.tls().ca().empty();
  if (config.tokens_file().empty() && !mutual_tls) {
    return common::NewOpenLoopbackResolver(config.network());
  }
  auto tokens = std::make_shared<common::TokenTable>();
  if (!config.tokens_file().empty()) {
    WPS_ASSIGN_OR_RETURN(*tokens, common::TokenTable::LoadFile(config.tokens_file()));
  }
  std::unique_ptr<common::CallerResolver> resolver = common::NewAuthenticatingResolver(std::move(tokens), mutual_tls);
  const double per_second = common::ParseRateLimit(config.rate_limit()).value_or(0);  // Finalize checked it
  if (per_second <= 0) return resolver;
  return common::WithRateLimit(std::move(resolver), per_second, config.network());
}

}  // namespace wps::wpsd
