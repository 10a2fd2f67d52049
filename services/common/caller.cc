#include "services/common/caller.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace wps::common {
namespace {

class OpenLoopbackResolver : public CallerResolver {
 public:
  explicit OpenLoopbackResolver(std::string local_network) : local_network_(std::move(local_network)) {}

  absl::StatusOr<Caller> Resolve(const grpc::ServerContextBase& context) const override {
    std::string peer = context.peer();
    if (!IsLoopbackPeer(peer)) {
      return absl::UnauthenticatedError(
          absl::StrCat("this server runs without authentication and only serves loopback; ", peer,
                       " is not loopback"));
    }
    return Caller{"local", Role::kAdmin, local_network_, std::move(peer)};
  }

 private:
  std::string local_network_;
};

// True for "localhost" and for IP literals in 127.0.0.0/8 or ::1 (bracketed or not). A host name that
// merely starts with "127." is not an address.
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

}  // namespace

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

bool IsLoopbackPeer(absl::string_view peer) {
  if (absl::StartsWith(peer, "unix:")) return true;
  // gRPC 1.51 percent-encodes the brackets of IPv6 peers: "ipv6:%5B::1%5D:5000".
  std::string address = absl::StrReplaceAll(peer, {{"%5B", "["}, {"%5D", "]"}, {"%5b", "["}, {"%5d", "]"}});
  absl::string_view rest = address;
  if (!absl::ConsumePrefix(&rest, "ipv4:") && !absl::ConsumePrefix(&rest, "ipv6:")) return false;
  if (absl::ConsumePrefix(&rest, "[::ffff:")) return absl::StartsWith(rest, "127.");
  return IsLoopbackAddress(rest);
}

bool IsLoopbackAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  return IsLoopbackHost(address.substr(0, colon));
}

}  // namespace wps::common
