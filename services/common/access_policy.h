// Who may do what, and what each caller sees of a mediator: the roles of API.md in one place, so
// that every path (gRPC, a matching replica, later the JSON API) applies the same rules.
//
//   action              admin  coordinator        viewer       mediation-unit   partner
//   read networks        yes   yes                yes          yes              -
//   manage networks      yes   -                  -            -                -
//   read mediators       yes   yes (every one)    own network  -                -
//   write mediators      yes   own network        -            -                -
//   read processes       yes   yes                yes          yes              -
//   write processes      yes   yes                -            yes              -
//   request shortlists   yes   yes                -            yes              -
//   read shortlists      yes   those it asked     -            those it asked   -
//   read balance         yes   yes                yes          yes              -
//   write balance        yes   yes                -            yes              -
//   manage backups       yes   -                  -            -                -
//
// Partners see records only through SyncService (services/sync/partner_view.h). What a caller sees
// of a mediator record, wherever it is read (get, list, search, export, shortlist candidates), is
// MediatorViewFor.
//
// Thread safety: stateless functions; safe for concurrent use.
#ifndef WPS_SERVICES_COMMON_ACCESS_POLICY_H_
#define WPS_SERVICES_COMMON_ACCESS_POLICY_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/common/caller.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::common {

enum class Action {
  kReadNetworks,
  kManageNetworks,
  kReadMediators,
  kWriteMediators,
  kReadProcesses,
  kWriteProcesses,
  kRequestShortlists,
  kReadShortlists,
  kReadBalance,
  kWriteBalance,
  kManageBackups,
};

// OK when the table above gives `caller`'s role `action`; PERMISSION_DENIED naming the role otherwise.
absl::Status Authorize(const Caller& caller, Action action);

// OK when `caller` may write records of `network_id` (kWriteMediators, and a coordinator only its own
// network's); PERMISSION_DENIED otherwise.
absl::Status AuthorizeWriteTo(const Caller& caller, absl::string_view network_id);

// OK when `caller` may read the records of `network_id` (kReadMediators, and a viewer only its own
// network's); PERMISSION_DENIED otherwise.
absl::Status AuthorizeReadOf(const Caller& caller, absl::string_view network_id);

// The network whose records alone `caller` may read, for a role limited to one (a viewer); nullopt
// when it may read every network's.
std::optional<std::string> OnlyReadableNetwork(const Caller& caller);

// What `caller` sees of `record`, or nullopt when it may not see it at all: an at-risk record only
// within AtRiskScopeOf(caller); otherwise administrators see all;
// a coordinator sees contact details of its own network's records only; a viewer sees only its own
// network's records, without contact details; a mediation unit sees a candidate's contact details
// only where she released them (consent.contact_release); a partner sees nothing here.
std::optional<roster::v1::Mediator> MediatorViewFor(const Caller& caller, roster::v1::Mediator record);

// Which at-risk records (Mediator.at_risk) `caller` may see: every one (administrators), those of
// one network (that network's coordinators and viewers), or none (everyone else).
struct AtRiskScope {
  bool all = false;
  std::string network;  // with !all: the network whose at-risk records it sees; empty: none
};
AtRiskScope AtRiskScopeOf(const Caller& caller);

// True when `caller` may read a shortlist that `requester` asked for: administrators every one,
// others their own.
bool MayReadShortlistOf(const Caller& caller, absl::string_view requester);

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_ACCESS_POLICY_H_
