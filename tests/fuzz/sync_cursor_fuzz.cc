// Sync cursors (partners send them back) on arbitrary text: decoding fails cleanly or gives a
// position that encodes back to a cursor of the same position.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "services/sync/sync_cursor.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view cursor(reinterpret_cast<const char*>(data), size);
  constexpr absl::string_view kFeedId = "3f2a9c1d5e7b8a60";
  absl::StatusOr<uint64_t> position = wps::sync::DecodeSyncCursor(cursor, kFeedId);
  if (!position.ok()) return 0;
  absl::StatusOr<uint64_t> again =
      wps::sync::DecodeSyncCursor(wps::sync::EncodeSyncCursor(kFeedId, *position), kFeedId);
  FUZZ_CHECK(again.ok() && *again == *position);
  return 0;
}
