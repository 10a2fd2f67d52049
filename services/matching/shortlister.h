// Candidate shortlists: ranks live mediator records by the ranking rule of API.md over the in-memory
// index, explains each candidate, and stores the shortlist with its request and requester.
//
// Authorized by services/common/access_policy.h (PERMISSION_DENIED for a role that may not request or
// read shortlists); a shortlist is readable by its requester and administrators only (NOT_FOUND for
// anyone else); each candidate's record is shown as MediatorViewFor shows it to the reader.
//
// A stored shortlist keeps each candidate's name, score, breakdown and reasons, not her record: the
// records are read again whenever the shortlist is read, and shown as the reader may see them then.
// So a record changed or deleted since, or whose consent to release contact details was withdrawn, is
// never shown as it was, and shortlists hold no copies of anyone's contact details. Candidates whose
// records were deleted since are left out of what a read returns.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_MATCHING_SHORTLISTER_H_
#define WPS_SERVICES_MATCHING_SHORTLISTER_H_

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "base/spare_thread.h"
#include "services/common/caller.h"
#include "services/search/index_follower.h"
#include "storage/shortlist_store.h"
#include "storage/store.h"
#include "wps/matching/v1/matching_service.pb.h"

namespace wps::matching {

// `shortlist` as stored: each candidate's record reduced to its name (see above).
v1::Shortlist ReferenceForm(const v1::Shortlist& shortlist);

class Shortlister {
 public:
  Shortlister(storage::Store& store, search::IndexFollower& index);

  // Finds a process by name (processes/{id}); its errors are returned as they are.
  using ProcessLookup = absl::FunctionRef<absl::StatusOr<v1::PeaceProcess>(const std::string& name)>;

  // Fills the request from its process (found by `process_of`), ranks, stores and returns the
  // shortlist. INVALID_ARGUMENT with field violations for a bad request; `process_of`'s errors
  // (NOT_FOUND when the process is absent).
  absl::StatusOr<v1::Shortlist> RequestShortlist(const common::Caller& caller, const v1::ShortlistRequest& request,
                                                 ProcessLookup process_of);

  // RequestShortlist's answer without storing it (no create_time): fills the request from the process
  // `process_of` finds, ranks over the index, reads and explains the candidates, and names it.
  // Errors as RequestShortlist's, and `process_of`'s.
  absl::StatusOr<v1::Shortlist> Rank(const common::Caller& caller, const v1::ShortlistRequest& request,
                                     ProcessLookup process_of) const;

  // Stores a shortlist ranked elsewhere (a matching replica's), in ReferenceForm whatever the
  // candidates carry, and returns it as stored, create_time set. INVALID_ARGUMENT for a malformed
  // name; ALREADY_EXISTS when it is taken.
  absl::StatusOr<v1::Shortlist> Archive(v1::Shortlist reference);
  // INVALID_ARGUMENT for a malformed name; NOT_FOUND when absent.
  absl::StatusOr<v1::Shortlist> GetShortlist(const common::Caller& caller,
                                             const v1::GetShortlistRequest& request) const;
  // A page, oldest first; only those of request.process when it is set. A scan that runs past
  // common::kListScanBudget ends the page early with a token (FillFilteredPage). INVALID_ARGUMENT
  // for a bad page size, token or process name.
  absl::StatusOr<v1::ListShortlistsResponse> ListShortlists(const common::Caller& caller,
                                                            const v1::ListShortlistsRequest& request) const;

 private:
  // Puts each candidate's record, as `caller` may see it (MediatorViewFor), in `shortlist`, calling
  // `also` with the whole record first; leaves out candidates whose records are gone or deleted, or
  // not visible to `caller`.
  absl::Status FillCandidates(
      const common::Caller& caller, v1::Shortlist& shortlist,
      absl::FunctionRef<void(const roster::v1::Mediator& mediator, v1::Candidate& candidate)> also) const;

  storage::Store& store_;
  search::IndexFollower& index_;
  storage::ShortlistStore shortlists_;
  // Ranks half of a broad request while this thread ranks the other (RankingOptions).
  mutable SpareThread spare_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_SHORTLISTER_H_
