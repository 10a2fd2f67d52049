#include "storage/key_encoding.h"

namespace wps::storage {

void AppendFixed64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

std::string EncodeFixed64(uint64_t value) {
  std::string out;
  AppendFixed64(out, value);
  return out;
}

std::optional<uint64_t> DecodeFixed64(absl::string_view bytes) {
  if (bytes.size() < kFixed64Size) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = 0; i < kFixed64Size; ++i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

std::string EncodeRowValue(uint64_t version, absl::string_view payload) {
  std::string out;
  out.reserve(kFixed64Size + payload.size());
  AppendFixed64(out, version);
  out.append(payload.data(), payload.size());
  return out;
}

std::optional<DecodedRow> DecodeRowValue(absl::string_view bytes) {
  std::optional<uint64_t> version = DecodeFixed64(bytes);
  if (!version) return std::nullopt;
  return DecodedRow{*version, bytes.substr(kFixed64Size)};
}

}  // namespace wps::storage
