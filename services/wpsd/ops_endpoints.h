// The endpoints around the server that serves the gRPC API: grpc.health.v1 alone on a plaintext
// port for probes (--health_listen), Prometheus metrics (--metrics_listen), and the web console
// with its JSON API (--http_listen), which calls the gRPC services in process. Server::Start
// returns one of these.
//
// Thread safety: as Server.
#ifndef WPS_SERVICES_WPSD_OPS_ENDPOINTS_H_
#define WPS_SERVICES_WPSD_OPS_ENDPOINTS_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "prometheus/registry.h"
#include "services/http/http_server.h"
#include "services/observability/metrics_exporter.h"
#include "services/observability/rpc_metrics.h"
#include "services/wpsd/grpc_listener.h"
#include "services/wpsd/server.h"

namespace wps::wpsd {

class OpsEndpoints : public Server {
 public:
  OpsEndpoints();
  ~OpsEndpoints() override;

  // Where the served calls are to be counted (before Start).
  observability::RpcMetrics& rpc_metrics() { return rpc_metrics_; }

  // Takes `served` and starts the endpoints `config` asks for. UNAVAILABLE when an address cannot
  // be bound.
  absl::Status Start(const ServerConfig& config, std::unique_ptr<Server> served);

  std::string address() const override { return served_->address(); }
  std::shared_ptr<grpc::Channel> InProcessChannel() const override {
    return served_->InProcessChannel();
  }
  std::string http_address() const override { return http_ == nullptr ? "" : http_->address(); }
  // The probes' health turns NOT_SERVING while the served listener drains within `grace`.
  void Shutdown(absl::Duration grace) override;
  void Wait() override;
  observability::ServerGauges Gauges() const override { return served_->Gauges(); }
  bool Ready() const override { return served_->Ready(); }
  void SetServing(bool serving) override;

 private:
  // Until the served server is Ready (or shutdown begins): both listeners' health answer
  // NOT_SERVING.
  void HoldUntilReady();
  // Ends HoldUntilReady (if it runs) and waits for it.
  void StopHoldingUntilReady();

  std::shared_ptr<prometheus::Registry> registry_;
  observability::RpcMetrics rpc_metrics_;
  // Destroyed before the metrics its calls feed, and after the exporter that reads its gauges.
  std::unique_ptr<Server> served_;
  Listener health_;
  std::unique_ptr<observability::MetricsExporter> metrics_;
  // Stopped before the served server whose channel it calls through.
  std::unique_ptr<http::HttpServer> http_;
  std::mutex readiness_mu_;
  std::condition_variable shutting_down_;
  bool stopping_ = false;  // guarded by readiness_mu_
  std::thread readiness_;
};

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_OPS_ENDPOINTS_H_
