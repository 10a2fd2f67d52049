// Opaque page tokens for List RPCs (AIP-158). A token holds the key of the last item returned and a
// fingerprint of the request parameters other than page_size and page_token, so that a token is only
// accepted by the same query it came from.
#ifndef WPS_SERVICES_COMMON_PAGE_TOKEN_H_
#define WPS_SERVICES_COMMON_PAGE_TOKEN_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/status_macros.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace wps::common {

// A stable 64-bit fingerprint (FNV-1a, length-delimited) of a request's parameters.
uint64_t RequestFingerprint(std::initializer_list<absl::string_view> parameters);

// A web-safe token for resuming after `last_key`.
std::string EncodePageToken(absl::string_view last_key, uint64_t fingerprint);

// The last key of `token`. INVALID_ARGUMENT (field "page_token") when it is malformed or was issued for
// a request with other parameters.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, uint64_t fingerprint);

// The page size to use: `requested` when in [1, max], `default_size` when 0. INVALID_ARGUMENT (field
// "page_size") when negative; sizes above `max` are lowered to `max` (AIP-158).
absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max);

// One page of a List RPC: decodes `page_token` (bound to `fingerprint`), lets `scan(start_after, visit)`
// visit items in name order after that position, keeps up to `page_size` of them in `items`, and returns
// the token of the next page, empty after the last one. `visit` takes an Item&& and returns false once
// the page is full. INVALID_ARGUMENT for a bad token; the scan's error as is.
template <typename Item, typename Scan>
absl::StatusOr<std::string> FillPage(absl::string_view page_token, uint64_t fingerprint, int page_size,
                                     google::protobuf::RepeatedPtrField<Item>& items, Scan&& scan) {
  std::string start_after;
  if (!page_token.empty()) {
    WPS_ASSIGN_OR_RETURN(start_after, DecodePageToken(page_token, fingerprint));
  }
  bool more = false;
  WPS_RETURN_IF_ERROR(scan(start_after, [&](Item&& item) {
    if (items.size() == page_size) {
      more = true;
      return false;
    }
    *items.Add() = std::move(item);
    return true;
  }));
  if (!more) return std::string();
  return EncodePageToken(items.Get(items.size() - 1).name(), fingerprint);
}

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_PAGE_TOKEN_H_
