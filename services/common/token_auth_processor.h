// Bearer tokens authenticated by gRPC's auth layer (grpc::AuthMetadataProcessor), on a TLS
// listener: before a call reaches any service, the processor turns its `authorization: Bearer
// TOKEN` metadata into the call's identity in its AuthContext — properties kPrincipalProperty,
// kRoleProperty and kNetworkProperty — which the authenticating resolver (caller.h) reads. A token
// that is unknown or malformed gets kTokenErrorProperty instead: the call is refused
// UNAUTHENTICATED by the resolver, not here, so that it still reaches the audit log like every
// other refused call. A call without a token is left as it is (a partner's client certificate, or
// nothing).
//
// gRPC runs auth metadata processors only on secure listeners; on an insecure (loopback) listener
// the resolver reads the header itself, with the same TokenTable.
//
// Thread safety: immutable after construction; gRPC calls Process concurrently.
#ifndef WPS_SERVICES_COMMON_TOKEN_AUTH_PROCESSOR_H_
#define WPS_SERVICES_COMMON_TOKEN_AUTH_PROCESSOR_H_

#include <memory>

#include "grpcpp/security/auth_metadata_processor.h"
#include "services/common/token_table.h"

namespace wps::common {

// The AuthContext properties the processor sets.
inline constexpr char kPrincipalProperty[] = "wps_principal";
inline constexpr char kRoleProperty[] = "wps_role";               // RoleName()
inline constexpr char kNetworkProperty[] = "wps_network";         // absent for a role without one
inline constexpr char kTokenErrorProperty[] = "wps_token_error";  // why the token was refused

class TokenAuthMetadataProcessor : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenAuthMetadataProcessor(std::shared_ptr<const TokenTable> tokens)
      : tokens_(std::move(tokens)) {}

  // A hash and a table walk: cheap enough for the transport's thread.
  bool IsBlocking() const override { return false; }

  // Always OK (see above); consumes nothing, so that a matching replica can forward the caller's
  // token.
  grpc::Status Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  std::shared_ptr<const TokenTable> tokens_;
};

// The caller a bearer token header value (`Bearer TOKEN`, scheme case-insensitive as in RFC 6750)
// stands for in `tokens`. UNAUTHENTICATED for a malformed value or an unknown token.
absl::StatusOr<Caller> CallerOfBearerHeader(const TokenTable& tokens, absl::string_view header);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_TOKEN_AUTH_PROCESSOR_H_
