// What a ServerConfig's TLS and tokens settings mean for wpsd's transport: the listener's
// credentials, the credentials its puller dials peers with, and how callers are authenticated
// (API.md, "Federation and access flags of wpsd").
//
// Each function reads the files it needs when called and keeps no state; they are safe to call
// concurrently. Call them after Finalize, which has checked that the settings go together.
#ifndef WPS_SERVICES_WPSD_TRANSPORT_SECURITY_H_
#define WPS_SERVICES_WPSD_TRANSPORT_SECURITY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "services/common/caller.h"
#include "services/wpsd/server_config.h"

namespace wps::wpsd {

// The listener's credentials: insecure without tls.cert; TLS with tls.cert and tls.key; with tls.ca
// as well, a client certificate is requested and, when presented, must be signed by that CA or the
// handshake fails (a client may still come without one and authenticate with a bearer token).
// NOT_FOUND naming the flag and path of a file it cannot read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerConfig& config);

// The credentials wpsd dials its peers (--peer) with: insecure without tls.cert; otherwise TLS that
// trusts tls.ca (the system's roots when tls.ca is unset) and presents the server's own certificate
// and key as its client certificate, so the peer authenticates this server as the network that
// certificate names. NOT_FOUND naming the flag and path of a file it cannot read. (That the peer's
// certificate names the peer's network is the dialler's to check: SetSslTargetNameOverride.)
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerChannelCredentialsFor(
    const ServerConfig& config);

// How the server learns who calls: the open loopback resolver (every caller is the local admin of
// config.network()) when neither tokens_file nor tls.ca is set; otherwise the authenticating
// resolver, with the tokens of tokens_file (none when unset) and client certificates accepted when
// tls.ca is set, each principal limited to config.rate_limit (common::WithRateLimit). The tokens
// file's errors as TokenTable::LoadFile returns them (NOT_FOUND, INVALID_ARGUMENT).
absl::StatusOr<std::unique_ptr<common::CallerResolver>> CallerResolverFor(
    const ServerConfig& config);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_TRANSPORT_SECURITY_H_
