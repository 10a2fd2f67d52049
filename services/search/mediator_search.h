// SearchMediators: free text over names and bio (folded through ICU, each word a prefix, names also by
// their transliteration skeleton), the filters of API.md as bitmap intersections, facet counts that
// apply every filter but their own, and keyset paging, over the mediator index.
//
// Order: records whose names match every word (by folded prefix) first, then those whose names match
// every word by prefix or skeleton ("Нгуен" for "Nguyen"), then the rest (some word found only in the
// bio); within each tier, by name. A page token holds the tier and name of the last record returned,
// so paging neither repeats nor skips records while others are written.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_SEARCH_MEDIATOR_SEARCH_H_
#define WPS_SERVICES_SEARCH_MEDIATOR_SEARCH_H_

#include "absl/status/statusor.h"
#include "services/common/caller.h"
#include "services/search/index_follower.h"
#include "storage/store.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::search {

inline constexpr int kDefaultSearchPageSize = 50;
inline constexpr int kMaxSearchPageSize = 1000;
inline constexpr int kMaxQueryLength = 500;

class MediatorSearch {
 public:
  // `store` and `index` must outlive the search.
  MediatorSearch(storage::Store& store, IndexFollower& index) : store_(store), index_(index) {}

  // One page of live records matching `request`, with total_size and the requested facet counts, as of
  // every write acknowledged before the call. INVALID_ARGUMENT with field violations for unknown codes,
  // terms, facets or availability values, a query over kMaxQueryLength code points, a negative page
  // size or a page token of another request; DEADLINE_EXCEEDED when the index lags too far behind.
  // Authorized and redacted by services/common/access_policy.h: PERMISSION_DENIED for a role that may
  // not read records, or a viewer naming another network; a viewer's search (results, total, every
  // facet) is of its network alone, at-risk records outside the caller's AtRiskScope are not found,
  // and each record is as MediatorViewFor shows it to the caller.
  absl::StatusOr<roster::v1::SearchMediatorsResponse> Search(const common::Caller& caller,
                                                             const roster::v1::SearchMediatorsRequest& request) const;

  // After an erasure: returns once the index's snapshot on disk no longer holds the erased records
  // (IndexFollower::RewriteSnapshot; at once when the index keeps no snapshot). DEADLINE_EXCEEDED
  // or UNAVAILABLE as that.
  absl::Status RewriteIndexSnapshot(absl::Time deadline) const {
    return index_.RewriteSnapshot(deadline);
  }

 private:
  // OK when `caller` may search the networks `request` names; PERMISSION_DENIED as Search.
  static absl::Status Authorize(const common::Caller& caller, const roster::v1::SearchMediatorsRequest& request);
  storage::Store& store_;
  IndexFollower& index_;
};

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_MEDIATOR_SEARCH_H_
