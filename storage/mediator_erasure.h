// Erasure of a mediator's record for good (her right to erasure), as PurgeMediator and a restore
// that re-applies the erasure ledger both do it.
//
// Thread safety: as Store; erasures of one name should not run concurrently (each one still
// finishes the other's work).
#ifndef WPS_STORAGE_MEDIATOR_ERASURE_H_
#define WPS_STORAGE_MEDIATOR_ERASURE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/store.h"

namespace wps::storage {

// Erases the record `name` (live or soft-deleted; ABORTED when `expected_etag` is set and differs),
// rewrites the files that held its earlier values (Store::DropOldValues), and keeps only her name
// in every stored shortlist that lists her. Its share history stays, so partners that may hold a
// copy are sent a DELETE. Returns how many shortlists it rewrote. NOT_FOUND when there is no
// record, after doing the rest all the same: an erasure interrupted after the record went is
// finished by its retry. Storage errors as they are.
absl::StatusOr<int> EraseMediator(Store& store, absl::string_view name,
                                  absl::string_view expected_etag);

}  // namespace wps::storage

#endif  // WPS_STORAGE_MEDIATOR_ERASURE_H_
