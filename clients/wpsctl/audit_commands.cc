#include "clients/wpsctl/audit_commands.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/time/clock.h"
#include "clients/wpsctl/audit_format.h"
#include "google/protobuf/util/time_util.h"

namespace wps::wpsctl {
namespace {

using ::google::protobuf::util::TimeUtil;

// The time flag `flag` as a Timestamp; nullopt when it is not set.
absl::StatusOr<std::optional<google::protobuf::Timestamp>> TimeFlag(const char* flag,
                                                                    const std::string& text,
                                                                    absl::Time now) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<absl::Time> time = ParseTimeFlag(flag, text, now);
  if (!time.ok()) return time.status();
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(*time));
}

}  // namespace

int ShowAuditLog(const CommandContext& ctx, const AuditOptions& options) {
  if (options.limit < 0) return UsageError(ctx, "--limit cannot be negative");
  audit::v1::ListAuditEventsRequest request;
  request.set_principal(options.principal);
  request.set_resource(options.resource);
  const absl::Time now = absl::Now();
  absl::StatusOr<std::optional<google::protobuf::Timestamp>> since =
      TimeFlag("since", options.since, now);
  if (!since.ok()) return UsageError(ctx, since.status().message());
  absl::StatusOr<std::optional<google::protobuf::Timestamp>> until =
      TimeFlag("until", options.until, now);
  if (!until.ok()) return UsageError(ctx, until.status().message());
  if (*since) *request.mutable_start_time() = **since;
  if (*until) *request.mutable_end_time() = **until;
  std::vector<audit::v1::AuditEvent> events;
  do {
    const int64_t wanted =
        options.limit == 0 ? 1000 : options.limit - static_cast<int64_t>(events.size());
    request.set_page_size(static_cast<int32_t>(std::min<int64_t>(wanted, 1000)));
    grpc::ClientContext context;
    PrepareContext(ctx.connection, /*unary=*/true, context);
    audit::v1::ListAuditEventsResponse page;
    const grpc::Status called = ctx.audit->ListAuditEvents(&context, request, &page);
    if (!called.ok()) return RpcError(ctx, called);
    for (audit::v1::AuditEvent& event : *page.mutable_audit_events())
      events.push_back(std::move(event));
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() &&
           (options.limit == 0 || static_cast<int64_t>(events.size()) < options.limit));
  *ctx.out << FormatAuditEvents(events, ctx.output);
  return kExitOk;
}

}  // namespace wps::wpsctl
