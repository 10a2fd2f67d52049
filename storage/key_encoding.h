// Byte encodings of the store's keys and values: fixed-width big-endian integers, so that numeric order is
// byte order, and the version prefix of every row value.
#ifndef WPS_STORAGE_KEY_ENCODING_H_
#define WPS_STORAGE_KEY_ENCODING_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

namespace wps::storage {

inline constexpr size_t kFixed64Size = 8;

// Appends `value` as 8 big-endian bytes.
void AppendFixed64(std::string& out, uint64_t value);
std::string EncodeFixed64(uint64_t value);
// Reads 8 big-endian bytes; nullopt when `bytes` is shorter.
std::optional<uint64_t> DecodeFixed64(absl::string_view bytes);

// A row value on disk: the version, then the payload.
std::string EncodeRowValue(uint64_t version, absl::string_view payload);
// nullopt for a value too short to hold a version (corruption).
struct DecodedRow {
  uint64_t version;
  absl::string_view payload;
};
std::optional<DecodedRow> DecodeRowValue(absl::string_view bytes);

}  // namespace wps::storage

#endif  // WPS_STORAGE_KEY_ENCODING_H_
