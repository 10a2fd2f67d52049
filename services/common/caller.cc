#include "services/common/caller.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

bool IsLoopbackHost(absl::string_view host) {
  return absl::StartsWith(host, "127.") || host == "localhost" || host == "[::1]" || host == "::1";
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
  if (absl::ConsumePrefix(&peer, "ipv4:")) return absl::StartsWith(peer, "127.");
  if (absl::ConsumePrefix(&peer, "ipv6:")) {
    return absl::StartsWith(peer, "[::1]") || absl::StartsWith(peer, "[::ffff:127.");
  }
  return false;
}

bool IsLoopbackAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  return IsLoopbackHost(address.substr(0, colon));
}

}  // namespace wps::common
