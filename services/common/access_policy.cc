#include "services/common/access_policy.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace wps::common {
namespace {

absl::string_view ActionName(Action action) {
  switch (action) {
    case Action::kReadNetworks: return "read networks";
    case Action::kManageNetworks: return "manage networks";
    case Action::kReadMediators: return "read mediator records";
    case Action::kWriteMediators: return "write mediator records";
    case Action::kReadProcesses: return "read peace processes";
    case Action::kWriteProcesses: return "write peace processes";
    case Action::kRequestShortlists: return "request shortlists";
    case Action::kReadShortlists: return "read shortlists";
    case Action::kReadBalance: return "read delegation balance";
    case Action::kWriteBalance: return "write delegations";
    case Action::kManageBackups:
      return "manage backups";
  }
  return "do that";
}

bool Allows(Role role, Action action) {
  switch (role) {
    case Role::kAdmin: return true;
    case Role::kPartner: return false;
    case Role::kCoordinator:
      return action != Action::kManageNetworks && action != Action::kManageBackups;
    case Role::kViewer:
      return action == Action::kReadNetworks || action == Action::kReadMediators ||
             action == Action::kReadProcesses || action == Action::kReadBalance;
    case Role::kMediationUnit:
      return action != Action::kManageNetworks && action != Action::kReadMediators &&
             action != Action::kWriteMediators && action != Action::kManageBackups;
  }
  return false;
}

absl::Status Denied(const Caller& caller, absl::string_view what) {
  return absl::PermissionDeniedError(absl::StrCat("the ", RoleName(caller.role), " role may not ", what));
}

}  // namespace

absl::Status Authorize(const Caller& caller, Action action) {
  return Allows(caller.role, action) ? absl::OkStatus() : Denied(caller, ActionName(action));
}

absl::Status AuthorizeWriteTo(const Caller& caller, absl::string_view network_id) {
  if (absl::Status allowed = Authorize(caller, Action::kWriteMediators); !allowed.ok()) return allowed;
  if (caller.role == Role::kCoordinator && caller.network != network_id) {
    return Denied(caller, absl::StrCat("write records of network '", network_id, "', only of '", caller.network, "'"));
  }
  return absl::OkStatus();
}

absl::Status AuthorizeReadOf(const Caller& caller, absl::string_view network_id) {
  if (absl::Status allowed = Authorize(caller, Action::kReadMediators); !allowed.ok()) return allowed;
  std::optional<std::string> only = OnlyReadableNetwork(caller);
  if (only && *only != network_id) {
    return Denied(caller, absl::StrCat("read records of network '", network_id, "', only of '", *only, "'"));
  }
  return absl::OkStatus();
}

std::optional<std::string> OnlyReadableNetwork(const Caller& caller) {
  if (caller.role == Role::kViewer) return caller.network;
  return std::nullopt;
}

AtRiskScope AtRiskScopeOf(const Caller& caller) {
  switch (caller.role) {
    case Role::kAdmin: return AtRiskScope{true, ""};
    case Role::kCoordinator:
    case Role::kViewer: return AtRiskScope{false, caller.network};
    case Role::kMediationUnit:
    case Role::kPartner: return AtRiskScope{};
  }
  return AtRiskScope{};
}

std::optional<roster::v1::Mediator> MediatorViewFor(const Caller& caller, roster::v1::Mediator record) {
  if (record.at_risk()) {
    const AtRiskScope scope = AtRiskScopeOf(caller);
    if (!scope.all && (scope.network.empty() || scope.network != record.network())) return std::nullopt;
  }
  switch (caller.role) {
    case Role::kAdmin: return record;
    case Role::kPartner: return std::nullopt;
    case Role::kCoordinator:
      if (record.network() != caller.network) record.clear_contact();
      return record;
    case Role::kViewer:
      if (record.network() != caller.network) return std::nullopt;
      record.clear_contact();
      return record;
    case Role::kMediationUnit:
      if (!record.consent().contact_release()) record.clear_contact();
      return record;
  }
  return std::nullopt;
}

bool MayReadShortlistOf(const Caller& caller, absl::string_view requester) {
  if (!Authorize(caller, Action::kReadShortlists).ok()) return false;
  return caller.role == Role::kAdmin || caller.principal == requester;
}

}  // namespace wps::common
