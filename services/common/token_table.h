// The bearer tokens of API.md's --tokens_file: who each token is (principal, role, network), keyed
// by the SHA-256 of the token. The file and this table hold hashes only, so a leaked file or core
// dump gives no usable token; a presented token is hashed and compared against every entry in
// constant time.
//
// File format, one entry a line (everything from `#` to the end of a line is a comment; blank lines
// are ignored; fields are separated by spaces or tabs):
//
//   SHA256_HEX_OF_TOKEN ROLE NETWORK PRINCIPAL
//   # e.g. printf %s "$TOKEN" | sha256sum
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 coordinator nordic alice
//
// ROLE is one of admin, coordinator, viewer, mediation-unit, partner. NETWORK is a network id; `-`
// stands for none and is allowed only for admin and mediation-unit.
//
// Thread safety: a TokenTable is immutable once built and safe for concurrent use.
#ifndef WPS_SERVICES_COMMON_TOKEN_TABLE_H_
#define WPS_SERVICES_COMMON_TOKEN_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/caller.h"

namespace wps::common {

// The hash a tokens file holds for `token`: 64 lower-case hex digits (printf %s TOKEN | sha256sum).
// INTERNAL if libcrypto fails.
absl::StatusOr<std::string> TokenSha256Hex(absl::string_view token);

class TokenTable {
 public:
  // An empty table: every token is unknown.
  TokenTable() = default;

  // Reads and parses the tokens file at `path`. NOT_FOUND when the file cannot be read; otherwise
  // as Parse, with "tokens file PATH" as the source.
  static absl::StatusOr<TokenTable> LoadFile(const std::string& path);

  // Parses tokens-file `text`. INVALID_ARGUMENT "SOURCE line N: reason" for a line without
  // exactly four fields, a hash that is not 64 hex digits, an unknown role, a missing or malformed
  // network, or a hash that an earlier line already holds.
  static absl::StatusOr<TokenTable> Parse(absl::string_view text, absl::string_view source);

  // The caller that `token` (the secret itself, as sent after "Bearer ") stands for, with an empty
  // peer. UNAUTHENTICATED when no entry holds its hash; INTERNAL if libcrypto fails to hash. The
  // time taken does not depend on which entry, if any, matches.
  absl::StatusOr<Caller> Authenticate(absl::string_view token) const;

  // The number of entries.
  size_t size() const { return entries_.size(); }

 private:
  using Sha256 = std::array<uint8_t, 32>;
  struct Entry {
    Sha256 token_sha256;
    Caller caller;
  };

  std::vector<Entry> entries_;
};

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_TOKEN_TABLE_H_
