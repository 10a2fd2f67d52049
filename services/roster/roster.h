// The roster's domain logic: networks and mediator records over the store, with validation, defaults,
// field masks, etags, soft delete and paging. No gRPC here: requests and results are the API's protobuf
// messages, errors are absl::Status (INVALID_ARGUMENT carries field violations).
//
// Every call takes the Caller and is authorized and redacted by services/common/access_policy.h:
// PERMISSION_DENIED for a role or network outside the caller's (checked before the request's
// resources are looked up), and each record read as MediatorViewFor shows it to the caller.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_ROSTER_ROSTER_H_
#define WPS_SERVICES_ROSTER_ROSTER_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "services/common/caller.h"
#include "storage/erasure_ledger.h"
#include "storage/mediator_store.h"
#include "storage/network_store.h"
#include "storage/store.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::roster {

struct RosterOptions {
  // The network this server is authoritative for. Records created here get it as origin_network, and
  // only records of this origin may be written. Empty: the server hosts every network it stores, and a
  // record's origin is its own network.
  std::string local_network;
  // Where purges are recorded for backups to honour (see storage/erasure_ledger.h); null: nowhere.
  const storage::ErasureLedger* erasure_ledger = nullptr;
};

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

class Roster {
 public:
  Roster(storage::Store& store, RosterOptions options);

  // INVALID_ARGUMENT for a bad id or network; ALREADY_EXISTS when the id is taken.
  absl::StatusOr<v1::Network> CreateNetwork(const common::Caller& caller,
                                            const v1::CreateNetworkRequest& request);
  // INVALID_ARGUMENT for a bad name; NOT_FOUND when absent.
  absl::StatusOr<v1::Network> GetNetwork(const common::Caller& caller,
                                         const v1::GetNetworkRequest& request) const;
  // INVALID_ARGUMENT for a bad page size or token.
  absl::StatusOr<v1::ListNetworksResponse> ListNetworks(const common::Caller& caller,
                                                        const v1::ListNetworksRequest& request) const;

  // Creates a record in `parent`, assigning an id when none is given; availability defaults to
  // AVAILABLE and display_name to "given_name family_name". INVALID_ARGUMENT with field violations
  // for bad fields; NOT_FOUND when the network does not exist; ALREADY_EXISTS when the id is taken;
  // FAILED_PRECONDITION when this server is not authoritative for the network.
  absl::StatusOr<v1::Mediator> CreateMediator(const common::Caller& caller,
                                              const v1::CreateMediatorRequest& request);
  // NOT_FOUND when absent or soft-deleted.
  absl::StatusOr<v1::Mediator> GetMediator(const common::Caller& caller,
                                           const v1::GetMediatorRequest& request) const;
  // Replaces the fields of update_mask (every writable field when it is empty or "*").
  // INVALID_ARGUMENT for a bad mask or bad resulting fields; NOT_FOUND when absent or deleted;
  // ABORTED when mediator.etag is set and stale; FAILED_PRECONDITION for a partner's replica.
  absl::StatusOr<v1::Mediator> UpdateMediator(const common::Caller& caller,
                                              const v1::UpdateMediatorRequest& request);
  // Soft delete. NOT_FOUND when absent or already deleted; ABORTED on a stale etag;
  // FAILED_PRECONDITION for a partner's replica.
  absl::StatusOr<v1::Mediator> DeleteMediator(const common::Caller& caller,
                                              const v1::DeleteMediatorRequest& request);
  // Erasure: removes the record (live or soft-deleted) from the store for good, drops the values
  // RocksDB still held of it, and keeps only her name in stored shortlists. Partners that held a
  // copy get a DELETE from the feed; the search index drops her from the feed too (its snapshot on
  // disk is the caller's to rewrite: MediatorSearch::RewriteIndexSnapshot). NOT_FOUND when absent,
  // after doing the clean-up all the same (so that a retry finishes a purge that failed half-way);
  // ABORTED on a stale etag; FAILED_PRECONDITION for a partner's replica; PERMISSION_DENIED as for
  // other writes.
  absl::StatusOr<v1::PurgeMediatorResponse> PurgeMediator(const common::Caller& caller,
                                                          const v1::PurgeMediatorRequest& request);
  // NOT_FOUND when absent; FAILED_PRECONDITION when not deleted or a partner's replica.
  absl::StatusOr<v1::Mediator> UndeleteMediator(const common::Caller& caller,
                                                const v1::UndeleteMediatorRequest& request);
  // A page of records in name order. parent "networks/-" lists every network. A scan that runs past
  // common::kListScanBudget (many deleted or hidden records) ends the page early with a token.
  absl::StatusOr<v1::ListMediatorsResponse> ListMediators(
      const common::Caller& caller, const v1::ListMediatorsRequest& request) const;
  // Visits every live record of the request's parent in name order until `visit` returns false.
  absl::Status ExportMediators(const common::Caller& caller, const v1::ExportMediatorsRequest& request,
                               absl::FunctionRef<bool(const v1::Mediator&)> visit) const;

  // For the import: the stored network `network_id`; NOT_FOUND when absent.
  absl::StatusOr<v1::Network> FindNetwork(absl::string_view network_id) const;
  // Sets network and origin_network of a new record named networks/{network_id}/mediators/{id} and
  // fills its derived fields (FillDerivedFields).
  void ApplyDefaults(absl::string_view network_id, v1::Mediator& mediator) const;
  // Fills the fields every stored record has: availability AVAILABLE when unspecified, display_name
  // derived from the names when empty.
  static void FillDerivedFields(v1::Mediator& mediator);
  // "given_name family_name", without the space when one of them is empty.
  static std::string DerivedDisplayName(const v1::Mediator& mediator);
  // FAILED_PRECONDITION when this server is not authoritative for `network_id` (it runs with another
  // --network).
  absl::Status CheckAuthoritativeFor(absl::string_view network_id) const;
  // FAILED_PRECONDITION when `stored` is a partner's replica, which this server must not write.
  absl::Status CheckWritable(const v1::Mediator& stored) const;

  storage::MediatorStore& mediators() { return mediators_; }

 private:
  absl::StatusOr<std::string> ListPrefix(const common::Caller& caller, absl::string_view parent) const;
  // `record` as `caller` sees it; NOT_FOUND, as for an absent record, when it may not see it.
  static absl::StatusOr<v1::Mediator> ViewFor(const common::Caller& caller, v1::Mediator record);

  storage::Store& store_;
  storage::MediatorStore mediators_;
  storage::NetworkStore networks_;
  RosterOptions options_;
};

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_ROSTER_H_
