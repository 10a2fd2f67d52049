// Peace processes: the processes mediation units ask shortlists for, with validation, field masks and
// etags, stored in the processes table under processes/{process}.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_MATCHING_PROCESS_CATALOG_H_
#define WPS_SERVICES_MATCHING_PROCESS_CATALOG_H_

#include "absl/status/statusor.h"
#include "services/common/caller.h"
#include "storage/process_store.h"
#include "storage/store.h"
#include "wps/matching/v1/matching_service.pb.h"

namespace wps::matching {

class ProcessCatalog {
 public:
  explicit ProcessCatalog(storage::Store& store);

  // Creates processes/{process_id} (a server-assigned id when empty). INVALID_ARGUMENT with field
  // violations for a bad id or field; ALREADY_EXISTS when the id is taken.
  absl::StatusOr<v1::PeaceProcess> CreateProcess(const common::Caller& caller,
                                                 const v1::CreateProcessRequest& request);
  // INVALID_ARGUMENT for a malformed name; NOT_FOUND when absent.
  absl::StatusOr<v1::PeaceProcess> GetProcess(const common::Caller& caller,
                                              const v1::GetProcessRequest& request) const;
  // A page in name order. INVALID_ARGUMENT for a bad page size or token.
  absl::StatusOr<v1::ListProcessesResponse> ListProcesses(const common::Caller& caller,
                                                          const v1::ListProcessesRequest& request) const;
  // Replaces the fields of update_mask (every writable field when empty or "*"). INVALID_ARGUMENT for a
  // bad mask or resulting field; NOT_FOUND when absent; ABORTED when process.etag is set and stale.
  absl::StatusOr<v1::PeaceProcess> UpdateProcess(const common::Caller& caller,
                                                 const v1::UpdateProcessRequest& request);

 private:
  storage::ProcessStore processes_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_PROCESS_CATALOG_H_
