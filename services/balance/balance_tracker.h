// Rounds, delegations and their gender balance: the domain calls BalanceService makes. Requests are
// validated (balance_validation.h), records are written to and read from the store, and balance
// figures are computed from the in-memory BalanceCatalog after it has caught up with the store (a read
// sees every write acknowledged before it).
//
// Processes belong to MatchingService (storage::ProcessStore); a round needs its process, a delegation
// its round. Processes and rounds are never deleted, so checking that a parent exists before writing
// the child cannot race with its removal.
//
// Every call takes the caller, resolved by the service, for the authorization and audit to come.
//
// Thread safety: safe for concurrent use.
#ifndef WPS_SERVICES_BALANCE_BALANCE_TRACKER_H_
#define WPS_SERVICES_BALANCE_BALANCE_TRACKER_H_

#include "absl/status/statusor.h"
#include "services/balance/balance_catalog.h"
#include "services/common/caller.h"
#include "storage/delegation_store.h"
#include "storage/process_store.h"
#include "storage/round_store.h"
#include "storage/store.h"
#include "wps/balance/v1/balance_service.pb.h"

namespace wps::balance {

class BalanceTracker {
 public:
  // `store` and `catalog` (which follows `store`) must outlive the tracker.
  BalanceTracker(storage::Store& store, const BalanceCatalog& catalog);

  // Creates processes/{p}/rounds/{round_id}; an empty round_id gets a server-assigned one that sorts
  // in creation order (so rounds of the same start_date list in creation order). INVALID_ARGUMENT with
  // field violations; NOT_FOUND when the process is absent; ALREADY_EXISTS when the id is taken.
  absl::StatusOr<v1::Round> CreateRound(const common::Caller& caller,
                                        const v1::CreateRoundRequest& request);

  // A page of the process's rounds in round order (start_date, then id). INVALID_ARGUMENT for a bad
  // parent, page size or token; NOT_FOUND when the process is absent.
  absl::StatusOr<v1::ListRoundsResponse> ListRounds(const common::Caller& caller,
                                                    const v1::ListRoundsRequest& request) const;

  // Writes the whole delegation under the round, creating or replacing it. INVALID_ARGUMENT with field
  // violations; NOT_FOUND when the round is absent; ABORTED when delegation.etag is set and is not the
  // stored delegation's.
  absl::StatusOr<v1::Delegation> PutDelegation(const common::Caller& caller,
                                               const v1::PutDelegationRequest& request);

  // INVALID_ARGUMENT for a malformed name; NOT_FOUND when absent.
  absl::StatusOr<v1::Delegation> GetDelegation(const common::Caller& caller,
                                               const v1::GetDelegationRequest& request) const;

  // A page of the round's delegations in id order. INVALID_ARGUMENT for a bad parent, page size or
  // token; NOT_FOUND when the round is absent.
  absl::StatusOr<v1::ListDelegationsResponse> ListDelegations(
      const common::Caller& caller, const v1::ListDelegationsRequest& request) const;

  // The balance of one round (the latest when request.round is empty). INVALID_ARGUMENT for a
  // malformed process or round, or a round name under another process; NOT_FOUND when the process or
  // the round is absent, or the process has no rounds and none was named; DEADLINE_EXCEEDED or
  // UNAVAILABLE when the catalog cannot catch up with the store.
  absl::StatusOr<v1::Balance> GetBalance(const common::Caller& caller,
                                         const v1::GetBalanceRequest& request) const;

  // One point per round, in round order (none for a process without rounds). INVALID_ARGUMENT for a
  // malformed process; NOT_FOUND when it is absent; catalog errors as GetBalance.
  absl::StatusOr<v1::BalanceTrend> GetBalanceTrend(const common::Caller& caller,
                                                   const v1::GetBalanceTrendRequest& request) const;

  // The report across processes (balance_views.h: BuildReport). INVALID_ARGUMENT with field
  // violations; catalog errors as GetBalance.
  absl::StatusOr<v1::BalanceReport> GetBalanceReport(
      const common::Caller& caller, const v1::GetBalanceReportRequest& request) const;

 private:
  absl::Status AwaitCatalog() const;

  storage::ProcessStore processes_;
  storage::RoundStore rounds_;
  storage::DelegationStore delegations_;
  const BalanceCatalog& catalog_;
};

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_TRACKER_H_
