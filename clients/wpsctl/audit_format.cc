#include "clients/wpsctl/audit_format.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/time_util.h"

namespace wps::wpsctl {
namespace {

using ::google::protobuf::util::TimeUtil;

const std::vector<std::string>& Headers() {
  static const auto* headers = new std::vector<std::string>{
      "TIME (UTC)", "PRINCIPAL", "ROLE", "WHAT", "RESOURCE", "OUTCOME", "PEER", "DETAIL"};
  return *headers;
}

std::vector<std::string> Row(const audit::v1::AuditEvent& event) {
  const absl::Time time = absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(event.time()));
  absl::string_view method = event.method();
  method = method.substr(method.rfind('/') + 1);
  return {absl::FormatTime("%Y-%m-%d %H:%M:%S", time, absl::UTCTimeZone()),
          event.principal().empty() ? "(unauthenticated)" : event.principal(),
          event.role(),
          absl::StrCat(event.category(), " ", method),
          event.resource(),
          event.outcome(),
          event.peer(),
          event.detail()};
}

}  // namespace

std::string FormatAuditEvents(absl::Span<const audit::v1::AuditEvent> events, OutputFormat format) {
  if (format == OutputFormat::kJson) return JsonArray(events);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(events.size());
  for (const audit::v1::AuditEvent& event : events) rows.push_back(Row(event));
  if (format == OutputFormat::kTable) return RenderTable(Headers(), rows);
  std::string csv;
  rows.insert(rows.begin(), Headers());
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i)
      absl::StrAppend(&csv, i == 0 ? "" : ",", CsvField(row[i]));
    csv += "\n";
  }
  return csv;
}

absl::StatusOr<absl::Time> ParseTimeFlag(absl::string_view flag, absl::string_view text,
                                         absl::Time now) {
  absl::string_view days = text;
  int64_t count = 0;
  if (absl::ConsumeSuffix(&days, "d") && absl::SimpleAtoi(days, &count) && count >= 0) {
    return now - absl::Hours(24 * count);
  }
  absl::Duration age;
  if (absl::ParseDuration(text, &age) && age >= absl::ZeroDuration()) return now - age;
  absl::Time time;
  std::string unused;
  if (absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &time, &unused) ||
      absl::ParseTime(absl::RFC3339_full, text, &time, &unused)) {
    return time;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, "=", text,
                   ": give an age (24h, 90m, 7d), a date (2026-12-01) or an RFC 3339 "
                   "time (2026-12-01T08:00:00Z)"));
}

}  // namespace wps::wpsctl
