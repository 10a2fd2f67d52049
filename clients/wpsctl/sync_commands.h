// wpsctl's SyncService commands: sync status. Prints in ctx.output on ctx.out and returns an exit code
// of command_context.h (kExitFailure when the server refuses or fails the call).
#ifndef WPS_CLIENTS_WPSCTL_SYNC_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_SYNC_COMMANDS_H_

#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

// GetSyncStatus, printed with FormatSyncStatus.
int ShowSyncStatus(const CommandContext& ctx);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_SYNC_COMMANDS_H_
