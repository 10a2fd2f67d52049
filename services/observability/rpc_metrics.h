// Prometheus metrics of every gRPC call a wpsd serves, and its request id.
//
// A server interceptor counts each call by method and status code (wps_rpc_requests_total) and
// times it (wps_rpc_duration_seconds, by method). Every call gets a request id: the client's
// `x-request-id` metadata when it sends one (up to 64 printable characters), a random one
// otherwise; it goes back in the trailing metadata, and a call that fails on the server's side
// (INTERNAL, UNKNOWN, DATA_LOSS, UNAVAILABLE, RESOURCE_EXHAUSTED) or takes longer than a second is
// logged as one line of key=value pairs naming it, so an operator can match a user's report to the
// log.
//
// Thread safety: safe for concurrent use; prometheus-cpp's metrics are thread-safe.
#ifndef WPS_SERVICES_OBSERVABILITY_RPC_METRICS_H_
#define WPS_SERVICES_OBSERVABILITY_RPC_METRICS_H_

#include <memory>
#include <string>

#include "grpcpp/support/server_interceptor.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace wps::observability {

inline constexpr char kRequestIdKey[] = "x-request-id";

class RpcMetrics {
 public:
  // Registers the RPC metric families in `registry`, which must outlive this.
  explicit RpcMetrics(prometheus::Registry& registry);

  // Counts one call of `method` (the full gRPC method name) that ended with `code`, after
  // `seconds`.
  void Observe(const std::string& method, int code, double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
};

// The interceptor factory that feeds `metrics` (which must outlive the server) and handles request
// ids.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcMetricsInterceptorFactory(RpcMetrics& metrics);

// The request id for a call whose client sent `offered` as x-request-id: `offered` when it is a
// usable id (1 to 64 characters of [A-Za-z0-9._:-]), a new random one otherwise.
std::string RequestIdFor(const std::string& offered);

}  // namespace wps::observability

#endif  // WPS_SERVICES_OBSERVABILITY_RPC_METRICS_H_
