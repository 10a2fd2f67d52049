// Candidate shortlists: ranks live mediator records by the ranking rule of API.md over the in-memory
// index, explains each candidate, and stores the shortlist with its request and requester.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_MATCHING_SHORTLISTER_H_
#define WPS_SERVICES_MATCHING_SHORTLISTER_H_

#include "absl/status/statusor.h"
#include "services/common/caller.h"
#include "services/matching/process_catalog.h"
#include "services/search/index_follower.h"
#include "storage/shortlist_store.h"
#include "storage/store.h"
#include "wps/matching/v1/matching_service.pb.h"

namespace wps::matching {

class Shortlister {
 public:
  Shortlister(storage::Store& store, search::IndexFollower& index, const ProcessCatalog& processes);

  // Fills the request from its process, ranks, stores and returns the shortlist.
  // INVALID_ARGUMENT with field violations for a bad request; NOT_FOUND when `process` is absent.
  absl::StatusOr<v1::Shortlist> RequestShortlist(const common::Caller& caller,
                                                 const v1::ShortlistRequest& request);
  // INVALID_ARGUMENT for a malformed name; NOT_FOUND when absent.
  absl::StatusOr<v1::Shortlist> GetShortlist(const common::Caller& caller,
                                             const v1::GetShortlistRequest& request) const;
  // A page, oldest first; only those of request.process when it is set. INVALID_ARGUMENT for a bad
  // page size, token or process name.
  absl::StatusOr<v1::ListShortlistsResponse> ListShortlists(const common::Caller& caller,
                                                            const v1::ListShortlistsRequest& request) const;

 private:
  storage::Store& store_;
  search::IndexFollower& index_;
  const ProcessCatalog& processes_;
  storage::ShortlistStore shortlists_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_SHORTLISTER_H_
