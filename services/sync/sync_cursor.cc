#include "services/sync/sync_cursor.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/error_info.h"

namespace wps::sync {
namespace {

constexpr char kCursorVersion[] = "w1";

}  // namespace

std::string EncodeSyncCursor(absl::string_view feed_id, uint64_t position) {
  return absl::WebSafeBase64Escape(absl::StrCat(kCursorVersion, ":", feed_id, ":", position));
}

absl::StatusOr<uint64_t> DecodeSyncCursor(absl::string_view cursor, absl::string_view feed_id,
                                          absl::Span<const storage::FeedAncestor> ancestors) {
  if (cursor.empty()) return 0;
  std::string text;
  std::vector<absl::string_view> parts;
  if (absl::WebSafeBase64Unescape(cursor, &text)) parts = absl::StrSplit(text, ':');
  uint64_t position = 0;
  if (parts.size() != 3 || parts[0] != kCursorVersion || !absl::SimpleAtoi(parts[2], &position)) {
    return absl::InvalidArgumentError("cursor: not a cursor of this service; pass one it returned, or none");
  }
  if (parts[1] == feed_id) return position;
  for (const storage::FeedAncestor& ancestor : ancestors) {
    if (parts[1] != ancestor.feed_id) continue;
    if (position <= ancestor.last_cursor) return position;
    return ResyncRequired(
        absl::StrCat("the cursor names changes this server lost when it was restored from a "
                     "backup (which ends at ",
                     ancestor.last_cursor, ")"));
  }
  return ResyncRequired(
      "the cursor comes from another feed (a server recreated or another network's)");
}

absl::Status ResyncRequired(absl::string_view why) {
  return common::WithErrorInfo(
      absl::FailedPreconditionError(absl::StrCat(why, "; take a Snapshot and follow from its cursor")),
      kResyncRequired, kSyncErrorDomain);
}

bool IsResyncRequired(const absl::Status& status) {
  return status.code() == absl::StatusCode::kFailedPrecondition &&
         common::ErrorReasonOf(status) == std::string(kResyncRequired);
}

}  // namespace wps::sync
