// Who is calling: the identity every handler resolves first and passes to the domain logic, so that
// authorization, redaction and audit have it from day one.
//
// Thread safety: resolvers are immutable after construction and safe for concurrent use.
#ifndef WPS_SERVICES_COMMON_CALLER_H_
#define WPS_SERVICES_COMMON_CALLER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"

namespace wps::common {

class TokenTable;

// The roles of API.md.
enum class Role { kAdmin, kCoordinator, kViewer, kMediationUnit, kPartner };

// "admin", "coordinator", "viewer", "mediation-unit", "partner".
absl::string_view RoleName(Role role);

// How a caller proved who it is.
enum class Credential { kToken, kCertificate, kOpenLoopback };

struct Caller {
  // A token's principal, a partner network id, or "local" for the open loopback mode.
  std::string principal;
  Role role = Role::kViewer;
  // The caller's network id; empty for a role without one.
  std::string network;
  // The transport peer, as gRPC reports it ("ipv4:127.0.0.1:53412").
  std::string peer;
  Credential credential = Credential::kToken;
};

// True when `caller` is one of this network's own servers (a matching replica): a client certificate
// naming `local_network` (not empty). A token, whatever its role and network, never is: certificates
// naming a network are issued to that network's servers, tokens to people.
bool IsOwnNode(const Caller& caller, absl::string_view local_network);

class CallerResolver {
 public:
  virtual ~CallerResolver() = default;
  // The caller of the call `context` belongs to. UNAUTHENTICATED when it carries no credentials the
  // server accepts.
  virtual absl::StatusOr<Caller> Resolve(const grpc::ServerContextBase& context) const = 0;
  // As Resolve, but the call is not counted against any limit (rate limits): for the audit log,
  // which names the caller of a call already resolved, or refused.
  virtual absl::StatusOr<Caller> Identify(const grpc::ServerContextBase& context) const {
    return Resolve(context);
  }
};

// The open mode of API.md, for a server with neither tokens nor mutual TLS, which wpsd only allows on a
// loopback listener: every caller is the local administrator (principal "local", role admin, network
// `local_network`). A call from a non-loopback peer is refused with UNAUTHENTICATED all the same.
std::unique_ptr<CallerResolver> NewOpenLoopbackResolver(absl::string_view local_network);

// The authenticated mode of API.md, for a server with a tokens file, mutual TLS, or both:
//  - a call with `authorization: Bearer TOKEN` metadata is the caller `tokens` names for TOKEN;
//    UNAUTHENTICATED when the token is unknown or the header malformed (a client certificate on
//    the same call does not rescue it: a wrong token is an error to fix, not a wish to be someone
//    else);
//  - otherwise, when `accept_client_certificates`, a call over TLS with a client certificate
//    (verified against the listener's CA during the handshake) is the partner network the
//    certificate names: its subject CN if that is a network id, else its first DNS SAN if that is
//    one; principal and network are both that id. UNAUTHENTICATED when it names no network id;
//  - otherwise UNAUTHENTICATED, saying what to send.
// Every resolved Caller carries the call's peer. `tokens` must not be null (an empty table accepts
// no token).
std::unique_ptr<CallerResolver> NewAuthenticatingResolver(std::shared_ptr<const TokenTable> tokens,
                                                          bool accept_client_certificates);

// The metadata key on which wpsd's own HTTP gateway (services/http) passes the HTTP client's
// address, as a gRPC peer string, with each call it makes through its in-process channel.
inline constexpr char kHttpPeerMetadata[] = "x-wps-http-peer";

// The transport peer of the call: context.peer() for a call that came over the network; for a call
// through the in-process channel (wpsd's HTTP gateway), the HTTP client's address the gateway
// passed in kHttpPeerMetadata. Calls from the network cannot set it: their peer is a network
// address.
std::string TransportPeer(const grpc::ServerContextBase& context);

// True for a gRPC peer string of a loopback address ("ipv4:127.0.0.1:5000", "ipv6:[::1]:5000",
// "unix:...").
bool IsLoopbackPeer(absl::string_view peer);

// True for "localhost" and for IP literals in 127.0.0.0/8 or ::1 (bracketed or not). A host name
// that merely starts with "127." is not an address.
bool IsLoopbackHost(absl::string_view host);

// True when host:port `address` names a loopback host (127.0.0.0/8, [::1], localhost).
bool IsLoopbackAddress(absl::string_view address);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_CALLER_H_
