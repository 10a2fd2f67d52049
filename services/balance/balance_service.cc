#include "services/balance/balance_service.h"

#include "services/common/rpc_handler.h"

namespace wps::balance {

using common::Caller;
using common::HandleUnary;

grpc::Status BalanceService::CreateRound(grpc::ServerContext* context,
                                         const v1::CreateRoundRequest* request,
                                         v1::Round* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.CreateRound(caller, *request);
  });
}

grpc::Status BalanceService::ListRounds(grpc::ServerContext* context,
                                        const v1::ListRoundsRequest* request,
                                        v1::ListRoundsResponse* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.ListRounds(caller, *request);
  });
}

grpc::Status BalanceService::PutDelegation(grpc::ServerContext* context,
                                           const v1::PutDelegationRequest* request,
                                           v1::Delegation* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.PutDelegation(caller, *request);
  });
}

grpc::Status BalanceService::GetDelegation(grpc::ServerContext* context,
                                           const v1::GetDelegationRequest* request,
                                           v1::Delegation* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.GetDelegation(caller, *request);
  });
}

grpc::Status BalanceService::ListDelegations(grpc::ServerContext* context,
                                             const v1::ListDelegationsRequest* request,
                                             v1::ListDelegationsResponse* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.ListDelegations(caller, *request);
  });
}

grpc::Status BalanceService::GetBalance(grpc::ServerContext* context,
                                        const v1::GetBalanceRequest* request,
                                        v1::Balance* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.GetBalance(caller, *request);
  });
}

grpc::Status BalanceService::GetBalanceTrend(grpc::ServerContext* context,
                                             const v1::GetBalanceTrendRequest* request,
                                             v1::BalanceTrend* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.GetBalanceTrend(caller, *request);
  });
}

grpc::Status BalanceService::GetBalanceReport(grpc::ServerContext* context,
                                              const v1::GetBalanceReportRequest* request,
                                              v1::BalanceReport* response) {
  return HandleUnary(callers_, *context, response, [&](const Caller& caller) {
    return tracker_.GetBalanceReport(caller, *request);
  });
}

}  // namespace wps::balance
