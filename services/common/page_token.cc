#include "services/common/page_token.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"

namespace wps::common {
namespace {

constexpr char kTokenVersion = 1;
constexpr size_t kHeaderSize = 1 + 8;

void AppendFixed64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

uint64_t ReadFixed64(absl::string_view bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

absl::Status BadToken(absl::string_view why) {
  return InvalidArgumentWithViolations({FieldViolation{"page_token", std::string(why)}});
}

}  // namespace

uint64_t RequestFingerprint(std::initializer_list<absl::string_view> parameters) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (absl::string_view parameter : parameters) {
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<unsigned char>(parameter.size() >> shift));
    for (char c : parameter) mix(static_cast<unsigned char>(c));
  }
  return hash;
}

std::string EncodePageToken(absl::string_view last_key, uint64_t fingerprint) {
  std::string raw(1, kTokenVersion);
  AppendFixed64(raw, fingerprint);
  absl::StrAppend(&raw, last_key);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, uint64_t fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() < kHeaderSize || raw[0] != kTokenVersion) {
    return BadToken("not a page token issued by this server");
  }
  if (ReadFixed64(absl::string_view(raw).substr(1)) != fingerprint) {
    return BadToken("the page token belongs to a request with other parameters; start again without it");
  }
  return raw.substr(kHeaderSize);
}

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max) {
  if (requested < 0) return InvalidArgumentWithViolations({FieldViolation{"page_size", "must not be negative"}});
  if (requested == 0) return default_size;
  return std::min(requested, max);
}

}  // namespace wps::common
