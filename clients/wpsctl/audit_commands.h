// wpsctl audit: the server's audit log, newest first, filtered by principal, resource and time.
#ifndef WPS_CLIENTS_WPSCTL_AUDIT_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_AUDIT_COMMANDS_H_

#include <cstdint>
#include <string>

#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

struct AuditOptions {
  std::string principal;  // exact; empty: every principal
  std::string resource;   // a resource name; events on it or under it (networks/nordic)
  std::string since;      // ParseTimeFlag forms; empty: no bound
  std::string until;
  int64_t limit = 100;  // 0: every event
};

// Pages through ListAuditEvents until `limit` events are printed or the log ends.
int ShowAuditLog(const CommandContext& ctx, const AuditOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_AUDIT_COMMANDS_H_
