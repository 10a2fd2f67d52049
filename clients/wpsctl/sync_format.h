// How wpsctl prints a server's sync status: per partner, connected or not, cursor, replicas held, lag,
// last contact and last error. Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_SYNC_FORMAT_H_
#define WPS_CLIENTS_WPSCTL_SYNC_FORMAT_H_

#include <string>

#include "absl/time/time.h"
#include "clients/wpsctl/output_format.h"
#include "wps/sync/v1/sync_service.pb.h"

namespace wps::wpsctl {

// table: a line on this server's feed, then one row per partner (PARTNER, ADDRESS, STATE, RECORDS,
// LAG, LAST CONTACT, CURSOR, LAST ERROR), ages relative to `now`; json: the proto-JSON; csv: the
// table's columns.
std::string FormatSyncStatus(const sync::v1::SyncStatus& status, OutputFormat format, absl::Time now);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_SYNC_FORMAT_H_
