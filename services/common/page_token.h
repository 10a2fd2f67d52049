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
#include "absl/time/clock.h"
#include "absl/time/time.h"
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

// As EncodePageToken and DecodePageToken, for a key the caller may not be shown (a row its view
// leaves out, an audit position): the token is sealed with AES-256-GCM under a key made at random
// when the process started, so it tells nothing, cannot be forged, and only this process accepts it
// (after a restart: INVALID_ARGUMENT, list again from the start).
std::string EncodeSealedPageToken(absl::string_view last_key, uint64_t fingerprint);
absl::StatusOr<std::string> DecodeSealedPageToken(absl::string_view token, uint64_t fingerprint);

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

// How long one List call may scan before it answers with what it found (a server-side deadline).
inline constexpr absl::Duration kListScanBudget = absl::Seconds(1);

// As FillPage, for a scan that leaves rows out (a filter, a caller's view): `scan(start_after,
// visit, pass_over)` calls visit(Item&&) for each row it keeps and pass_over(key) for each it
// leaves out; both return false when the scan must stop. Once `deadline` passes, the page ends
// early with a token that goes on after the last row looked at: a filter that keeps few of many
// rows never holds a call for long. Such a page may hold fewer than page_size items, or none; only
// an empty token ends the list.
template <typename Item, typename Scan>
absl::StatusOr<std::string> FillFilteredPage(absl::string_view page_token, uint64_t fingerprint,
                                             int page_size, absl::Time deadline,
                                             google::protobuf::RepeatedPtrField<Item>& items,
                                             Scan&& scan) {
  std::string start_after;
  if (!page_token.empty()) {
    WPS_ASSIGN_OR_RETURN(start_after, DecodeSealedPageToken(page_token, fingerprint));
  }
  bool more = false;
  std::string resume_after;
  size_t looked = 0;
  // Reads the clock every 64 rows: a row costs microseconds, the clock about 20 ns.
  auto out_of_time = [&](absl::string_view key) {
    if (++looked % 64 != 0 || absl::Now() < deadline) return false;
    resume_after = std::string(key);
    more = true;
    return true;
  };
  WPS_RETURN_IF_ERROR(scan(
      start_after,
      [&](Item&& item) {
        if (items.size() == page_size) {
          more = true;
          return false;
        }
        *items.Add() = std::move(item);
        return !out_of_time(items.Get(items.size() - 1).name());
      },
      [&](absl::string_view key) { return !out_of_time(key); }));
  if (!more) return std::string();
  return EncodeSealedPageToken(
      resume_after.empty() ? items.Get(items.size() - 1).name() : resume_after, fingerprint);
}

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_PAGE_TOKEN_H_
