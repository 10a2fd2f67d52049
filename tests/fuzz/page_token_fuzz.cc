// Page tokens on arbitrary text: decoding never fails other than cleanly, and what decodes is
// re-encoded to a token that decodes to the same key.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "services/common/page_token.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view token(reinterpret_cast<const char*>(data), size);
  const uint64_t fingerprint = wps::common::RequestFingerprint({"networks/nordic", "show_deleted"});
  absl::StatusOr<std::string> key = wps::common::DecodePageToken(token, fingerprint);
  if (!key.ok()) {
    FUZZ_CHECK(key.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  absl::StatusOr<std::string> again =
      wps::common::DecodePageToken(wps::common::EncodePageToken(*key, fingerprint), fingerprint);
  FUZZ_CHECK(again.ok() && *again == *key);
  return 0;
}
