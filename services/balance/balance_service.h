// wps.balance.v1.BalanceService over gRPC: decode, resolve the caller, call BalanceTracker, map the
// status. Nothing else lives here.
//
// Thread safety: handlers run concurrently on gRPC's threads; BalanceTracker is thread-safe.
#ifndef WPS_SERVICES_BALANCE_BALANCE_SERVICE_H_
#define WPS_SERVICES_BALANCE_BALANCE_SERVICE_H_

#include "services/balance/balance_tracker.h"
#include "services/common/caller.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"

namespace wps::balance {

class BalanceService final : public v1::BalanceService::Service {
 public:
  // `tracker` and `callers` must outlive the service.
  BalanceService(BalanceTracker& tracker, const common::CallerResolver& callers)
      : tracker_(tracker), callers_(callers) {}

  grpc::Status CreateRound(grpc::ServerContext* context, const v1::CreateRoundRequest* request,
                           v1::Round* response) override;
  grpc::Status ListRounds(grpc::ServerContext* context, const v1::ListRoundsRequest* request,
                          v1::ListRoundsResponse* response) override;
  grpc::Status PutDelegation(grpc::ServerContext* context, const v1::PutDelegationRequest* request,
                             v1::Delegation* response) override;
  grpc::Status GetDelegation(grpc::ServerContext* context, const v1::GetDelegationRequest* request,
                             v1::Delegation* response) override;
  grpc::Status ListDelegations(grpc::ServerContext* context,
                               const v1::ListDelegationsRequest* request,
                               v1::ListDelegationsResponse* response) override;
  grpc::Status GetBalance(grpc::ServerContext* context, const v1::GetBalanceRequest* request,
                          v1::Balance* response) override;
  grpc::Status GetBalanceTrend(grpc::ServerContext* context,
                               const v1::GetBalanceTrendRequest* request,
                               v1::BalanceTrend* response) override;
  grpc::Status GetBalanceReport(grpc::ServerContext* context,
                                const v1::GetBalanceReportRequest* request,
                                v1::BalanceReport* response) override;

 private:
  BalanceTracker& tracker_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_SERVICE_H_
