#include "services/audit/audit_log.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/field_violations.h"
#include "services/common/page_token.h"
#include "storage/proto_rows.h"

namespace wps::audit {
namespace {

using ::google::protobuf::util::TimeUtil;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

using storage::FromTimestamp;

// True when `resource` is `name` or lies under it ("networks/a" holds "networks/a/mediators/b").
bool Within(absl::string_view resource, absl::string_view name) {
  return resource == name || (absl::StartsWith(resource, name) && resource.size() > name.size() &&
                              resource[name.size()] == '/');
}

// Which events a caller may read: every one (admins), or those of one network.
struct Scope {
  bool all = false;
  std::string network;
};

absl::StatusOr<Scope> ScopeOf(const common::Caller& caller) {
  if (caller.role == common::Role::kAdmin) return Scope{true, ""};
  if (caller.role == common::Role::kCoordinator && !caller.network.empty())
    return Scope{false, caller.network};
  return absl::PermissionDeniedError(
      absl::StrCat("the audit log is for administrators and coordinators; the caller is ",
                   common::RoleName(caller.role)));
}

bool InScope(const Scope& scope, const v1::AuditEvent& event) {
  return scope.all || event.network() == scope.network ||
         Within(event.resource(), absl::StrCat("networks/", scope.network));
}

bool Matches(const v1::ListAuditEventsRequest& request, const v1::AuditEvent& event) {
  return (request.principal().empty() || event.principal() == request.principal()) &&
         (request.resource().empty() || Within(event.resource(), request.resource()));
}

absl::Status CheckTimes(const v1::ListAuditEventsRequest& request) {
  for (const auto& [field, time] : {std::pair{"start_time", &request.start_time()},
                                    std::pair{"end_time", &request.end_time()}}) {
    if (time->seconds() < TimeUtil::kTimestampMinSeconds ||
        time->seconds() > TimeUtil::kTimestampMaxSeconds || time->nanos() < 0 ||
        time->nanos() > 999'999'999) {
      const common::FieldViolation violation{field,
                                             "is outside the range of google.protobuf.Timestamp"};
      return common::InvalidArgumentWithViolations({&violation, 1});
    }
  }
  if (request.has_start_time() && request.has_end_time() &&
      FromTimestamp(request.start_time()) > FromTimestamp(request.end_time())) {
    const common::FieldViolation violation{"start_time", "is after end_time"};
    return common::InvalidArgumentWithViolations({&violation, 1});
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AuditLog::Record(const v1::AuditEvent& event, storage::Durability durability) {
  absl::Status appended =
      store_.AppendAuditEvent(FromTimestamp(event.time()), event.SerializeAsString(), durability);
  if (!appended.ok()) append_failures_.fetch_add(1, std::memory_order_relaxed);
  return appended;
}

absl::StatusOr<v1::ListAuditEventsResponse> AuditLog::List(
    const common::Caller& caller, const v1::ListAuditEventsRequest& request) const {
  WPS_ASSIGN_OR_RETURN(const Scope scope, ScopeOf(caller));
  WPS_ASSIGN_OR_RETURN(
      const int page_size,
      common::EffectivePageSize(request.page_size(), kDefaultPageSize, kMaxPageSize));
  WPS_RETURN_IF_ERROR(CheckTimes(request));
  const uint64_t fingerprint = common::RequestFingerprint(
      {request.principal(), request.resource(), request.start_time().SerializeAsString(),
       request.end_time().SerializeAsString(), scope.network});
  std::string before;
  if (!request.page_token().empty()) {
    WPS_ASSIGN_OR_RETURN(before, common::DecodeSealedPageToken(request.page_token(), fingerprint));
  } else if (request.has_end_time()) {
    before = storage::AuditPositionAt(FromTimestamp(request.end_time()));
  }
  const absl::Time start =
      request.has_start_time() ? FromTimestamp(request.start_time()) : absl::InfinitePast();
  const absl::Time budget_ends = absl::Now() + options_.scan_budget;
  v1::ListAuditEventsResponse response;
  std::string resume_before;  // set when the page ends before the log does
  absl::Status decode_status;
  size_t visited = 0;
  WPS_RETURN_IF_ERROR(store_.ScanAuditEvents(
      before, [&](absl::string_view position, absl::Time time, absl::string_view bytes) {
        if (time < start) return false;
        if (response.audit_events_size() == page_size ||
            (++visited % 256 == 0 && absl::Now() > budget_ends)) {
          resume_before = std::string(position);
          // The event at `position` is not taken: the next page starts with it.
          resume_before.push_back('\xff');
          return false;
        }
        v1::AuditEvent event;
        if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          decode_status = absl::DataLossError("an audit event does not parse");
          return false;
        }
        if (InScope(scope, event) && Matches(request, event))
          *response.add_audit_events() = std::move(event);
        return true;
      }));
  WPS_RETURN_IF_ERROR(decode_status);
  if (!resume_before.empty())
    response.set_next_page_token(common::EncodeSealedPageToken(resume_before, fingerprint));
  return response;
}

}  // namespace wps::audit
