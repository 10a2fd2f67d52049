// Stored shortlists, keyed by resource name (shortlists/{shortlist}). A shortlist is written once
// and never changed, except to erase a purged mediator from it; its id (names::NewTimeOrderedId)
// sorts in creation order, so name order is age order.
//
// Thread safety: safe for concurrent use; every write is one atomic, durable Store transaction.
#ifndef WPS_STORAGE_SHORTLIST_STORE_H_
#define WPS_STORAGE_SHORTLIST_STORE_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/store.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::storage {

class ShortlistStore {
 public:
  using Shortlist = ::wps::matching::v1::Shortlist;

  explicit ShortlistStore(Store& store) : store_(store) {}

  // Writes `shortlist` under shortlist.name with create_time set to the commit time. The write is
  // Durability::kProcessCrashSafe: a shortlist is derived (its request can be asked again, and the
  // caller holds the answer), and a synced WAL write would cost more than the ranking itself (~6 ms on
  // these disks against ~1 ms); a machine crash may lose the newest ones until the next synced write.
  // ALREADY_EXISTS when the name is taken.
  // Taken by value: a shortlist of a hundred full records is large, and callers hand theirs over.
  absl::StatusOr<Shortlist> Create(Shortlist shortlist);

  // NOT_FOUND when absent.
  absl::StatusOr<Shortlist> Get(absl::string_view name) const;

  // For erasure: in every stored shortlist naming the mediator `name` as a candidate, keeps of her
  // entry only her name (no score, breakdown or reasons: they describe her). Returns how many
  // shortlists it rewrote. Storage errors as they are.
  absl::StatusOr<int> ScrubCandidate(absl::string_view name);

  // Visits shortlists sorting after `start_after`, in name order, until `visit` returns false.
  absl::Status Scan(absl::string_view start_after,
                    absl::FunctionRef<bool(Shortlist&& shortlist)> visit) const;

 private:
  Store& store_;
};

}  // namespace wps::storage

#endif  // WPS_STORAGE_SHORTLIST_STORE_H_
