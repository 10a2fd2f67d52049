#include "services/common/token_auth_processor.h"

#include <iterator>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace wps::common {
namespace {

constexpr char kAuthorizationHeader[] = "authorization";
constexpr absl::string_view kBearerScheme = "bearer ";

}  // namespace

absl::StatusOr<Caller> CallerOfBearerHeader(const TokenTable& tokens, absl::string_view header) {
  if (!absl::StartsWithIgnoreCase(header, kBearerScheme)) {
    return absl::UnauthenticatedError("the authorization header must be `Bearer TOKEN`");
  }
  const absl::string_view token = absl::StripAsciiWhitespace(header.substr(kBearerScheme.size()));
  if (token.empty()) return absl::UnauthenticatedError("the authorization header has no token");
  return tokens.Authenticate(token);
}

grpc::Status TokenAuthMetadataProcessor::Process(const InputMetadata& auth_metadata,
                                                 grpc::AuthContext* context, OutputMetadata*,
                                                 OutputMetadata*) {
  const auto headers = auth_metadata.equal_range(kAuthorizationHeader);
  if (headers.first == headers.second) return grpc::Status::OK;
  absl::StatusOr<Caller> caller = absl::UnauthenticatedError("more than one authorization header");
  if (std::next(headers.first) == headers.second) {
    const grpc::string_ref value = headers.first->second;
    caller = CallerOfBearerHeader(*tokens_, absl::string_view(value.data(), value.size()));
  }
  if (!caller.ok()) {
    context->AddProperty(kTokenErrorProperty, std::string(caller.status().message()));
    return grpc::Status::OK;
  }
  context->AddProperty(kPrincipalProperty, caller->principal);
  context->AddProperty(kRoleProperty, std::string(RoleName(caller->role)));
  if (!caller->network.empty()) context->AddProperty(kNetworkProperty, caller->network);
  return grpc::Status::OK;
}

}  // namespace wps::common
