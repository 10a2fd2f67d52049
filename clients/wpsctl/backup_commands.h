// wpsctl backup: online backups through wps.admin.v1.AdminService (create, list, delete, prune),
// and the offline restore of one into an empty data dir (storage/backup.h, no server involved).
#ifndef WPS_CLIENTS_WPSCTL_BACKUP_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_BACKUP_COMMANDS_H_

#include <string>

#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

// Takes a backup, drawing its progress, then prints it; keep_last > 0 prunes older ones after.
int CreateBackup(const CommandContext& ctx, int keep_last);
int ListBackups(const CommandContext& ctx);
int DeleteBackup(const CommandContext& ctx, const std::string& id);
int PruneBackups(const CommandContext& ctx, int keep_last);

struct RestoreOptions {
  std::string backup_dir;
  std::string data_dir;
  std::string id;  // empty: the newest backup
};
// Restores with wpsd stopped; prints what was restored and how many erasures were re-applied.
int RestoreBackup(const CommandContext& ctx, const RestoreOptions& options);

// grpc.health.v1.Health/Check of the whole server: prints SERVING (exit 0) or the status (exit 1).
int CheckHealth(const CommandContext& ctx);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BACKUP_COMMANDS_H_
