#include "storage/mediator_erasure.h"

#include "base/status_macros.h"
#include "storage/mediator_store.h"
#include "storage/shortlist_store.h"

namespace wps::storage {

absl::StatusOr<int> EraseMediator(Store& store, absl::string_view name,
                                  absl::string_view expected_etag) {
  const absl::Status erased = MediatorStore(store).Purge(name, expected_etag);
  if (!erased.ok() && !absl::IsNotFound(erased)) return erased;
  WPS_RETURN_IF_ERROR(store.DropOldValues(Table::kMediators, name, name));
  WPS_ASSIGN_OR_RETURN(const int scrubbed, ShortlistStore(store).ScrubCandidate(name));
  if (!erased.ok()) return erased;
  return scrubbed;
}

}  // namespace wps::storage
