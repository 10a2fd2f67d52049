#include "services/observability/rpc_metrics.h"

#include <random>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/log.h"
#include "grpcpp/server_context.h"
#include "services/common/caller.h"

namespace wps::observability {
namespace {

using ::grpc::experimental::InterceptionHookPoints;

constexpr size_t kMaxRequestIdBytes = 64;
constexpr absl::Duration kSlowCall = absl::Seconds(1);

// Latency buckets in seconds: from a cached read (~0.1 ms) to a large export or a sync session.
const prometheus::Histogram::BucketBoundaries& Buckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return *buckets;
}

bool ServerSideFailure(grpc::StatusCode code) {
  return code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::DATA_LOSS || code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

class RpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(grpc::experimental::ServerRpcInfo* info, RpcMetrics& metrics)
      : info_(info), metrics_(metrics), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::string offered;
      const auto* metadata = methods->GetRecvInitialMetadata();
      if (auto it = metadata->find(kRequestIdKey); it != metadata->end()) {
        offered.assign(it->second.data(), it->second.size());
      }
      request_id_ = RequestIdFor(offered);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      if (request_id_.empty()) request_id_ = RequestIdFor("");
      methods->GetSendTrailingMetadata()->emplace(kRequestIdKey, request_id_);
      Finish(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Finish(grpc::StatusCode code) {
    const absl::Duration elapsed = absl::Now() - start_;
    metrics_.Observe(info_->method(), static_cast<int>(code), absl::ToDoubleSeconds(elapsed));
    if (!ServerSideFailure(code) && elapsed < kSlowCall) return;
    const std::string line = absl::StrCat(
        "rpc method=", info_->method(), " code=", CodeName(static_cast<int>(code)),
        " duration_ms=", absl::ToInt64Milliseconds(elapsed), " request_id=", request_id_,
        " peer=", common::TransportPeer(*info_->server_context()));
    if (ServerSideFailure(code)) {
      LogWarning(line);
    } else {
      LogInfo(line);
    }
  }

  grpc::experimental::ServerRpcInfo* const info_;
  RpcMetrics& metrics_;
  const absl::Time start_;
  std::string request_id_;
};

class RpcMetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(RpcMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcMetricsInterceptor(info, metrics_);
  }

 private:
  RpcMetrics& metrics_;
};

}  // namespace

RpcMetrics::RpcMetrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("wps_rpc_requests_total")
                    .Help("gRPC calls served, by full method name and status code")
                    .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("wps_rpc_duration_seconds")
                     .Help("Time from a call's arrival to its status, by full method name")
                     .Register(registry)) {}

void RpcMetrics::Observe(const std::string& method, int code, double seconds) {
  requests_.Add({{"method", method}, {"code", CodeName(code)}}).Increment();
  durations_.Add({{"method", method}}, Buckets()).Observe(seconds);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcMetricsInterceptorFactory(RpcMetrics& metrics) {
  return std::make_unique<RpcMetricsInterceptorFactory>(metrics);
}

std::string RequestIdFor(const std::string& offered) {
  bool usable = !offered.empty() && offered.size() <= kMaxRequestIdBytes;
  for (char c : offered) {
    usable = usable && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                        c == '_' || c == ':' || c == '-');
  }
  if (usable) return offered;
  thread_local std::mt19937_64 random{std::random_device{}()};
  return absl::StrCat(absl::Hex(random(), absl::kZeroPad16));
}

}  // namespace wps::observability
