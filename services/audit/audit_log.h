// The audit log of a wpsd: who did what, to which record, when, from where, with what outcome.
// Events are appended to the store's audit log (Store::AppendAuditEvent: its own column family,
// outside the change feed, so never sent to partners) and listed newest first.
//
// What is recorded is decided by the audit interceptor (audit_interceptor.h); this class keeps and
// lists events.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_AUDIT_AUDIT_LOG_H_
#define WPS_SERVICES_AUDIT_AUDIT_LOG_H_

#include <atomic>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/caller.h"
#include "storage/store.h"
#include "wps/audit/v1/audit_service.pb.h"

namespace wps::audit {

struct AuditLogOptions {
  // ListAuditEvents stops scanning after this long and returns what it found with a page token (it
  // may be an empty page): a filter matching nothing in years of events never holds a call for
  // long.
  absl::Duration scan_budget = absl::Milliseconds(500);
};

class AuditLog {
 public:
  explicit AuditLog(storage::Store& store, AuditLogOptions options = {})
      : store_(store), options_(options) {}

  // Appends `event` (its time must be set) with `durability`. I/O errors as they are (and counted).
  absl::Status Record(const v1::AuditEvent& event, storage::Durability durability);

  // How many Record calls have failed since this log was made (for metrics).
  int64_t append_failures() const { return append_failures_.load(std::memory_order_relaxed); }

  // The events `caller` may read that match `request`'s filters, newest first, one page.
  // PERMISSION_DENIED for a role other than admin or a coordinator with a network; INVALID_ARGUMENT
  // for a bad page size or token, or a start_time after end_time; storage errors as they are.
  absl::StatusOr<v1::ListAuditEventsResponse> List(const common::Caller& caller,
                                                   const v1::ListAuditEventsRequest& request) const;

 private:
  storage::Store& store_;
  const AuditLogOptions options_;
  std::atomic<int64_t> append_failures_{0};
};

}  // namespace wps::audit

#endif  // WPS_SERVICES_AUDIT_AUDIT_LOG_H_
