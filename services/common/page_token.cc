#include "services/common/page_token.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "openssl/evp.h"
#include "openssl/rand.h"
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

// A token's bytes before encoding: version, fingerprint, key.
std::string RawToken(absl::string_view last_key, uint64_t fingerprint) {
  std::string raw(1, kTokenVersion);
  AppendFixed64(raw, fingerprint);
  absl::StrAppend(&raw, last_key);
  return raw;
}

// The key of `raw` (RawToken's bytes, nullopt when the token did not decode to any), which must
// carry `fingerprint`; INVALID_ARGUMENT saying `not_ours` for bytes no token of ours has.
absl::StatusOr<std::string> KeyOfRawToken(const std::optional<std::string>& raw, uint64_t fingerprint,
                                          absl::string_view not_ours) {
  if (!raw || raw->size() < kHeaderSize || (*raw)[0] != kTokenVersion) return BadToken(not_ours);
  if (ReadFixed64(absl::string_view(*raw).substr(1)) != fingerprint) {
    return BadToken("the page token belongs to a request with other parameters; start again without it");
  }
  return raw->substr(kHeaderSize);
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
  return absl::WebSafeBase64Escape(RawToken(last_key, fingerprint));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, uint64_t fingerprint) {
  std::optional<std::string> raw(std::in_place);
  if (!absl::WebSafeBase64Unescape(token, &*raw)) raw.reset();
  return KeyOfRawToken(raw, fingerprint, "not a page token issued by this server");
}

namespace {

constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

// The AES-256 key sealed tokens are made with: random, made once per process, never stored.
const std::array<unsigned char, 32>& SealingKey() {
  static const auto* key = [] {
    auto* key = new std::array<unsigned char, 32>;
    if (RAND_bytes(key->data(), static_cast<int>(key->size())) != 1)
      std::abort();  // no randomness: unsafe to go on
    return key;
  }();
  return *key;
}

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

// AES-256-GCM of `plain` under SealingKey(): nonce, ciphertext, tag. Empty if libcrypto fails.
std::string Seal(absl::string_view plain) {
  std::string out(kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!context || RAND_bytes(bytes, kNonceBytes) != 1 ||
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, SealingKey().data(), bytes) !=
          1 ||
      EVP_EncryptUpdate(context.get(), bytes + kNonceBytes, &length,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), bytes + kNonceBytes + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          bytes + kNonceBytes + plain.size()) != 1) {
    return std::string();
  }
  return out;
}

// The plain text Seal() sealed into `sealed`; nullopt when it was not sealed by this process or was
// altered.
std::optional<std::string> Unseal(absl::string_view sealed) {
  if (sealed.size() < kNonceBytes + kTagBytes) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  const size_t cipher_size = sealed.size() - kNonceBytes - kTagBytes;
  std::string plain(cipher_size, '\0');
  std::array<unsigned char, kTagBytes> tag;
  std::copy(bytes + kNonceBytes + cipher_size, bytes + sealed.size(), tag.begin());
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!context ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, SealingKey().data(), bytes) !=
          1 ||
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(plain.data()), &length,
                        bytes + kNonceBytes, static_cast<int>(cipher_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(plain.data()) + length,
                          &length) != 1) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace

std::string EncodeSealedPageToken(absl::string_view last_key, uint64_t fingerprint) {
  return absl::WebSafeBase64Escape(Seal(RawToken(last_key, fingerprint)));
}

absl::StatusOr<std::string> DecodeSealedPageToken(absl::string_view token, uint64_t fingerprint) {
  std::string sealed;
  std::optional<std::string> raw;
  if (absl::WebSafeBase64Unescape(token, &sealed)) raw = Unseal(sealed);
  return KeyOfRawToken(raw, fingerprint,
                       "not a page token of this server since it last started; list again from the start");
}

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max) {
  if (requested < 0) return InvalidArgumentWithViolations({FieldViolation{"page_size", "must not be negative"}});
  if (requested == 0) return default_size;
  return std::min(requested, max);
}

}  // namespace wps::common
