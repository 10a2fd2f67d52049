#include "clients/wpsctl/audit_format.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

// The time `text` gives, or the infinite past when it is refused.
absl::Time Parsed(absl::string_view text, absl::Time now) {
  return ParseTimeFlag("since", text, now).value_or(absl::InfinitePast());
}

using ::google::protobuf::util::TimeUtil;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

TEST(ParseTimeFlagTest, AcceptsAgesDatesAndRfc3339Times) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  EXPECT_EQ(Parsed("24h", now), now - absl::Hours(24));
  EXPECT_EQ(Parsed("7d", now), now - absl::Hours(24 * 7));
  EXPECT_EQ(Parsed("2026-12-01", now), absl::FromUnixSeconds(1796083200));
  EXPECT_EQ(Parsed("2026-12-01T08:00:00Z", now), absl::FromUnixSeconds(1796083200 + 8 * 3600));
  EXPECT_THAT(ParseTimeFlag("since", "yesterday", now),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseTimeFlag("since", "-3h", now), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(FormatAuditEventsTest, ATableRowPerEventNamingTheUnauthenticated) {
  audit::v1::AuditEvent event;
  *event.mutable_time() = TimeUtil::SecondsToTimestamp(1796083200);
  event.set_method("/wps.roster.v1.RosterService/GetMediator");
  event.set_category("contact-read");
  event.set_resource("networks/nordic/mediators/ingrid");
  event.set_outcome("UNAUTHENTICATED");
  event.set_peer("ipv4:127.0.0.1:4000");
  const std::vector<audit::v1::AuditEvent> events = {event};
  const std::string table = FormatAuditEvents(events, OutputFormat::kTable);
  EXPECT_THAT(table, HasSubstr("2026-12-01 00:00:00"));
  EXPECT_THAT(table, HasSubstr("(unauthenticated)"));
  EXPECT_THAT(table, HasSubstr("contact-read GetMediator"));
  const std::string csv = FormatAuditEvents(events, OutputFormat::kCsv);
  EXPECT_THAT(csv, HasSubstr("TIME (UTC),PRINCIPAL,ROLE,WHAT,RESOURCE,OUTCOME,PEER,DETAIL\n"));
  EXPECT_THAT(FormatAuditEvents(events, OutputFormat::kJson),
              HasSubstr("\"outcome\": \"UNAUTHENTICATED\""));
}

}  // namespace
}  // namespace wps::wpsctl
