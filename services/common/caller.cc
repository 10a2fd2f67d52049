#include "services/common/caller.h"

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/auth_context.h"
#include "services/common/token_table.h"
#include "services/common/vocabularies.h"

namespace wps::common {
namespace {

class OpenLoopbackResolver : public CallerResolver {
 public:
  explicit OpenLoopbackResolver(std::string local_network) : local_network_(std::move(local_network)) {}

  absl::StatusOr<Caller> Resolve(const grpc::ServerContextBase& context) const override {
    std::string peer = TransportPeer(context);
    if (!IsLoopbackPeer(peer)) {
      return absl::UnauthenticatedError(
          absl::StrCat("this server runs without authentication and only serves loopback; ", peer,
                       " is not loopback"));
    }
    return Caller{"local", Role::kAdmin, local_network_, std::move(peer), Credential::kOpenLoopback};
  }

 private:
  std::string local_network_;
};

constexpr char kAuthorizationHeader[] = "authorization";
constexpr absl::string_view kBearerScheme = "bearer ";

// The TOKEN of an `authorization: Bearer TOKEN` header value (the scheme is case-insensitive, as in
// RFC 6750). UNAUTHENTICATED for any other value.
absl::StatusOr<absl::string_view> BearerToken(absl::string_view header) {
  if (!absl::StartsWithIgnoreCase(header, kBearerScheme)) {
    return absl::UnauthenticatedError("the authorization header must be `Bearer TOKEN`");
  }
  const absl::string_view token = absl::StripAsciiWhitespace(header.substr(kBearerScheme.size()));
  if (token.empty()) return absl::UnauthenticatedError("the authorization header has no token");
  return token;
}

// The first value of auth property `name`, if any.
std::optional<absl::string_view> FirstProperty(const grpc::AuthContext& auth, const char* name) {
  const std::vector<grpc::string_ref> values = auth.FindPropertyValues(name);
  if (values.empty()) return std::nullopt;
  return absl::string_view(values.front().data(), values.front().size());
}

// The network id a verified client certificate names: its subject CN, else its first DNS SAN.
// UNAUTHENTICATED when neither is a network id.
absl::StatusOr<std::string> NetworkOfCertificate(const grpc::AuthContext& auth) {
  const std::optional<absl::string_view> common_name =
      FirstProperty(auth, GRPC_X509_CN_PROPERTY_NAME);
  if (common_name && vocab::IsResourceId(*common_name)) return std::string(*common_name);
  const std::optional<absl::string_view> dns_name =
      FirstProperty(auth, GRPC_PEER_DNS_PROPERTY_NAME);
  if (dns_name && vocab::IsResourceId(*dns_name)) return std::string(*dns_name);
  return absl::UnauthenticatedError(absl::StrCat(
      "the client certificate (CN '", common_name.value_or(""), "', first DNS name '",
      dns_name.value_or(""), "') names no network id"));
}

// True when the call came over TLS with a client certificate the handshake verified against the
// listener's CA: only then does gRPC's ssl transport set a peer identity.
bool HasVerifiedClientCertificate(const grpc::ServerContextBase& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  return auth != nullptr && auth->IsPeerAuthenticated() &&
         FirstProperty(*auth, GRPC_TRANSPORT_SECURITY_TYPE_PROPERTY_NAME) ==
             absl::string_view(GRPC_SSL_TRANSPORT_SECURITY_TYPE);
}

class AuthenticatingResolver : public CallerResolver {
 public:
  AuthenticatingResolver(std::shared_ptr<const TokenTable> tokens, bool accept_client_certificates)
      : tokens_(std::move(tokens)), accept_client_certificates_(accept_client_certificates) {}

  absl::StatusOr<Caller> Resolve(const grpc::ServerContextBase& context) const override {
    absl::StatusOr<Caller> caller = CallerOf(context);
    if (caller.ok()) caller->peer = TransportPeer(context);
    return caller;
  }

 private:
  absl::StatusOr<Caller> CallerOf(const grpc::ServerContextBase& context) const {
    const auto headers = context.client_metadata().equal_range(kAuthorizationHeader);
    if (headers.first != headers.second) {
      if (std::next(headers.first) != headers.second) {
        return absl::UnauthenticatedError("more than one authorization header");
      }
      const grpc::string_ref value = headers.first->second;
      absl::StatusOr<absl::string_view> token = BearerToken({value.data(), value.size()});
      if (!token.ok()) return token.status();
      return tokens_->Authenticate(*token);
    }
    if (accept_client_certificates_ && HasVerifiedClientCertificate(context)) {
      absl::StatusOr<std::string> network = NetworkOfCertificate(*context.auth_context());
      if (!network.ok()) return network.status();
      return Caller{*network, Role::kPartner, *network, "", Credential::kCertificate};
    }
    return absl::UnauthenticatedError(absl::StrCat("no credentials: send ", WhatToSend()));
  }

  std::string WhatToSend() const {
    const std::string token = "`authorization: Bearer TOKEN` metadata";
    const std::string certificate = "a client certificate signed by this server's CA";
    if (!accept_client_certificates_) return token;
    if (tokens_->size() == 0) return certificate;
    return absl::StrCat(token, " or ", certificate);
  }

  std::shared_ptr<const TokenTable> tokens_;
  bool accept_client_certificates_;
};

}  // namespace

bool IsOwnNode(const Caller& caller, absl::string_view local_network) {
  return caller.credential == Credential::kCertificate && caller.role == Role::kPartner &&
         !local_network.empty() && caller.network == local_network;
}

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kCoordinator: return "coordinator";
    case Role::kViewer: return "viewer";
    case Role::kMediationUnit: return "mediation-unit";
    case Role::kPartner: return "partner";
  }
  return "unknown";
}

std::unique_ptr<CallerResolver> NewOpenLoopbackResolver(absl::string_view local_network) {
  return std::make_unique<OpenLoopbackResolver>(std::string(local_network));
}

std::unique_ptr<CallerResolver> NewAuthenticatingResolver(std::shared_ptr<const TokenTable> tokens,
                                                          bool accept_client_certificates) {
  return std::make_unique<AuthenticatingResolver>(std::move(tokens), accept_client_certificates);
}

std::string TransportPeer(const grpc::ServerContextBase& context) {
  std::string peer = context.peer();
  if (absl::StartsWith(peer, "ipv4:") || absl::StartsWith(peer, "ipv6:") ||
      absl::StartsWith(peer, "unix:")) {
    return peer;
  }
  const auto& metadata = context.client_metadata();
  const auto forwarded = metadata.find(kHttpPeerMetadata);
  if (forwarded == metadata.end()) return peer;
  return absl::StrCat("http:",
                      absl::string_view(forwarded->second.data(), forwarded->second.size()));
}

bool IsLoopbackPeer(absl::string_view peer) {
  absl::ConsumePrefix(&peer, "http:");  // an HTTP client of wpsd's gateway (TransportPeer)
  if (absl::StartsWith(peer, "unix:")) return true;
  // gRPC 1.51 percent-encodes the brackets of IPv6 peers: "ipv6:%5B::1%5D:5000".
  std::string address = absl::StrReplaceAll(peer, {{"%5B", "["}, {"%5D", "]"}, {"%5b", "["}, {"%5d", "]"}});
  absl::string_view rest = address;
  if (!absl::ConsumePrefix(&rest, "ipv4:") && !absl::ConsumePrefix(&rest, "ipv6:")) return false;
  if (absl::ConsumePrefix(&rest, "[::ffff:")) return absl::StartsWith(rest, "127.");
  return IsLoopbackAddress(rest);
}

bool IsLoopbackHost(absl::string_view host) {
  if (host == "localhost") return true;
  if (absl::ConsumePrefix(&host, "[")) {
    if (!absl::ConsumeSuffix(&host, "]")) return false;
  }
  const std::string literal(host);
  in_addr v4;
  if (inet_pton(AF_INET, literal.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  return inet_pton(AF_INET6, literal.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool IsLoopbackAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  return IsLoopbackHost(address.substr(0, colon));
}

}  // namespace wps::common
