#include "clients/wpsctl/sync_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"

namespace wps::wpsctl {
namespace {

using ::google::protobuf::util::TimeUtil;

const std::vector<std::string> kHeaders = {"PARTNER", "ADDRESS", "STATE",  "RECORDS",
                                           "LAG",     "LAST CONTACT", "CURSOR", "LAST ERROR"};

// "3s ago", "2m ago", "never".
std::string Age(const google::protobuf::Timestamp& time, absl::Time now) {
  if (time.seconds() == 0 && time.nanos() == 0) return "never";
  const absl::Duration age = now - absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(time));
  if (age < absl::Minutes(2)) return absl::StrCat(std::max<int64_t>(0, absl::ToInt64Seconds(age)), "s ago");
  if (age < absl::Hours(2)) return absl::StrCat(absl::ToInt64Minutes(age), "m ago");
  return absl::StrCat(absl::ToInt64Hours(age), "h ago");
}

std::string State(const sync::v1::PeerStatus& peer) {
  if (peer.resyncing()) return "resyncing";
  if (peer.connected()) return "connected";
  return peer.cursor().empty() ? "never synced" : "disconnected";
}

// Cursors are long opaque strings: the table shows their tail, enough to tell two apart.
std::string ShortCursor(const std::string& cursor) {
  if (cursor.empty()) return "-";
  return cursor.size() <= 12 ? cursor : absl::StrCat("…", cursor.substr(cursor.size() - 11));
}

std::vector<std::string> Row(const sync::v1::PeerStatus& peer, absl::Time now, bool full_cursor) {
  return {peer.network(),
          peer.address(),
          State(peer),
          absl::StrCat(peer.records()),
          peer.lag_seconds() > 0 ? absl::StrFormat("%.3fs", peer.lag_seconds()) : "-",
          Age(peer.last_contact_time(), now),
          full_cursor ? peer.cursor() : ShortCursor(peer.cursor()),
          peer.last_error().empty() ? "-" : peer.last_error()};
}

}  // namespace

std::string FormatSyncStatus(const sync::v1::SyncStatus& status, OutputFormat format, absl::Time now) {
  if (format == OutputFormat::kJson) return MessageJson(status);
  std::vector<std::vector<std::string>> rows;
  for (const sync::v1::PeerStatus& peer : status.peers()) rows.push_back(Row(peer, now, format == OutputFormat::kCsv));
  if (format == OutputFormat::kCsv) {
    std::string csv = absl::StrJoin(kHeaders, ",", [](std::string* out, const std::string& h) {
      absl::StrAppend(out, CsvField(absl::AsciiStrToLower(h)));
    });
    csv += "\n";
    for (const auto& row : rows) {
      csv += absl::StrJoin(row, ",", [](std::string* out, const std::string& f) { absl::StrAppend(out, CsvField(f)); });
      csv += "\n";
    }
    return csv;
  }
  std::string text = absl::StrCat("network ", status.network().empty() ? "(none)" : status.network(), ": feed at ",
                                  status.feed_head_position(), ", history kept after ",
                                  status.feed_oldest_position(), "\n");
  if (rows.empty()) return text + "no partners to pull from (wpsd --peer=NETWORK=HOST:PORT)\n";
  return text + RenderTable(kHeaders, rows);
}

}  // namespace wps::wpsctl
