#include "services/common/field_checks.h"

#include <cstdint>

#include "absl/strings/ascii.h"

namespace wps::common {
namespace {

// What a scan of a UTF-8 text found. `code_points` is meaningful only when `valid_utf8`.
struct TextScan {
  bool valid_utf8 = true;
  int64_t code_points = 0;
  bool has_control = false;
};

// Length of the UTF-8 sequence that starts with `lead`, 0 when `lead` cannot start one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // continuation bytes, overlong leads C0/C1, and leads beyond U+10FFFF
}

// Decodes the sequence of `length` bytes at `p`; -1 when it is malformed, overlong, a surrogate or
// beyond U+10FFFF.
int32_t DecodeSequence(const unsigned char* p, int length) {
  int32_t cp = length == 1 ? p[0] : p[0] & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if ((p[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  static constexpr int32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

// Control characters are the Unicode Cc category: C0, DEL and C1.
bool IsControl(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

TextScan ScanText(absl::string_view text, bool allow_newline_and_tab) {
  TextScan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const int length = SequenceLength(*p);
    if (length == 0 || end - p < length) return TextScan{false, 0, false};
    const int32_t cp = DecodeSequence(p, length);
    if (cp < 0) return TextScan{false, 0, false};
    const bool allowed = allow_newline_and_tab && (cp == '\n' || cp == '\t');
    if (IsControl(cp) && !allowed) scan.has_control = true;
    ++scan.code_points;
    p += length;
  }
  return scan;
}

}  // namespace

std::string Indexed(absl::string_view field, int index) {
  return absl::StrCat(field, "[", index, "]");
}

bool IsBlank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

void CheckText(absl::string_view text, absl::string_view field, int max_length,
               bool allow_newline_and_tab, absl::string_view prefix,
               std::vector<FieldViolation>& out) {
  const TextScan scan = ScanText(text, allow_newline_and_tab);
  if (!scan.valid_utf8) {
    AddViolation(out, prefix, field, absl::StrCat(field, " is not valid UTF-8"));
  } else if (scan.code_points > max_length) {
    AddViolation(
        out, prefix, field,
        absl::StrCat(field, " is ", scan.code_points, " characters; at most ", max_length));
  } else if (scan.has_control) {
    AddViolation(out, prefix, field, absl::StrCat(field, " contains a control character"));
  }
}

void CheckRequiredText(absl::string_view text, absl::string_view field, int max_length,
                       absl::string_view prefix, std::vector<FieldViolation>& out) {
  if (IsBlank(text)) {
    AddViolation(out, prefix, field, absl::StrCat(field, " is required"));
    return;
  }
  CheckText(text, field, max_length, /*allow_newline_and_tab=*/false, prefix, out);
}

bool CheckListSize(int size, absl::string_view field, absl::string_view prefix,
                   std::vector<FieldViolation>& out) {
  if (size <= kMaxListSize) return true;
  AddViolation(out, prefix, field,
               absl::StrCat(field, " has ", size, " entries; at most ", kMaxListSize));
  return false;
}

}  // namespace wps::common
