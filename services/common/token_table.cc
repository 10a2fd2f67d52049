#include "services/common/token_table.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "services/common/vocabularies.h"

namespace wps::common {
namespace {

using Digest = std::array<uint8_t, 32>;

constexpr absl::string_view kNoNetwork = "-";

struct ParsedLine {
  Digest token_sha256;
  Caller caller;
};

absl::StatusOr<Digest> Sha256Of(absl::string_view data) {
  Digest digest;
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    return absl::InternalError("libcrypto failed to compute a SHA-256");
  }
  return digest;
}

absl::StatusOr<Digest> ParseSha256Hex(absl::string_view hex) {
  const bool all_hex =
      std::all_of(hex.begin(), hex.end(), [](char c) { return absl::ascii_isxdigit(c); });
  if (hex.size() != 2 * Digest().size() || !all_hex) {
    // The likeliest mistake is pasting the token itself: say how to hash it.
    return absl::InvalidArgumentError(
        "the first field must be the token's SHA-256 as 64 hex digits "
        "(printf %s \"$TOKEN\" | sha256sum), never the token itself");
  }
  const std::string bytes = absl::HexStringToBytes(hex);
  Digest digest;
  std::copy(bytes.begin(), bytes.end(), digest.begin());
  return digest;
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (Role role :
       {Role::kAdmin, Role::kCoordinator, Role::kViewer, Role::kMediationUnit, Role::kPartner}) {
    if (RoleName(role) == name) return role;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown role '", name, "'; choose admin, coordinator, viewer, mediation-unit or partner"));
}

// Coordinators, viewers and partners act for one network; admins and mediation units may or may
// not.
bool RoleNeedsNetwork(Role role) {
  return role == Role::kCoordinator || role == Role::kViewer || role == Role::kPartner;
}

absl::StatusOr<std::string> ParseNetwork(absl::string_view network, Role role) {
  if (network == kNoNetwork) {
    if (!RoleNeedsNetwork(role)) return std::string();
    return absl::InvalidArgumentError(
        absl::StrCat("role ", RoleName(role), " needs a network id, not '-'"));
  }
  if (!vocab::IsResourceId(network)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", network, "' is not a network id [a-z0-9][a-z0-9-]{0,62} (or '-' for none)"));
  }
  return std::string(network);
}

// `line` holds no comment and at least one field.
absl::StatusOr<ParsedLine> ParseLine(absl::string_view line) {
  const std::vector<absl::string_view> fields =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (fields.size() != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected 4 fields SHA256_HEX ROLE NETWORK PRINCIPAL, found ", fields.size()));
  }
  ParsedLine parsed;
  WPS_ASSIGN_OR_RETURN(parsed.token_sha256, ParseSha256Hex(fields[0]));
  WPS_ASSIGN_OR_RETURN(parsed.caller.role, ParseRole(fields[1]));
  WPS_ASSIGN_OR_RETURN(parsed.caller.network, ParseNetwork(fields[2], parsed.caller.role));
  parsed.caller.principal = std::string(fields[3]);
  return parsed;
}

// `line` without its comment and surrounding white space (a CRLF file's '\r' included).
absl::string_view Content(absl::string_view line) {
  return absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
}

}  // namespace

absl::StatusOr<std::string> TokenSha256Hex(absl::string_view token) {
  WPS_ASSIGN_OR_RETURN(const Digest digest, Sha256Of(token));
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

absl::StatusOr<TokenTable> TokenTable::LoadFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read tokens file ", path));
  std::stringstream text;
  text << file.rdbuf();
  return Parse(text.str(), absl::StrCat("tokens file ", path));
}

absl::StatusOr<TokenTable> TokenTable::Parse(absl::string_view text, absl::string_view source) {
  TokenTable table;
  std::map<Digest, int> line_of_hash;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    const absl::string_view content = Content(line);
    if (content.empty()) continue;
    absl::StatusOr<ParsedLine> parsed = ParseLine(content);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, " line ", line_number, ": ", parsed.status().message()));
    }
    const auto [earlier, inserted] = line_of_hash.emplace(parsed->token_sha256, line_number);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, " line ", line_number, ": the same token hash as line ", earlier->second));
    }
    table.entries_.push_back(Entry{parsed->token_sha256, std::move(parsed->caller)});
  }
  return table;
}

absl::StatusOr<Caller> TokenTable::Authenticate(absl::string_view token) const {
  WPS_ASSIGN_OR_RETURN(const Digest digest, Sha256Of(token));
  // Every entry is compared, with no early exit and no branch on the result, so timing does not
  // tell how far into the table the match is. Hashes are unique, so at most one entry matches.
  size_t match = entries_.size();
  for (size_t i = 0; i < entries_.size(); ++i) {
    const size_t same =
        CRYPTO_memcmp(entries_[i].token_sha256.data(), digest.data(), digest.size()) == 0;
    match = same * i + (1 - same) * match;
  }
  if (match == entries_.size()) return absl::UnauthenticatedError("unknown bearer token");
  return entries_[match].caller;
}

}  // namespace wps::common
