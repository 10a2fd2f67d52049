#include "services/wpsd/ops_endpoints.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "grpcpp/security/server_credentials.h"

namespace wps::wpsd {

OpsEndpoints::OpsEndpoints()
    : registry_(std::make_shared<prometheus::Registry>()), rpc_metrics_(*registry_) {}

OpsEndpoints::~OpsEndpoints() {
  StopHoldingUntilReady();
  http_.reset();
  metrics_.reset();
  health_.StopNow();
  served_.reset();
}

absl::Status OpsEndpoints::Start(const ServerConfig& config, std::unique_ptr<Server> served) {
  served_ = std::move(served);
  if (!config.health_listen().empty()) {
    // No services but health (and reflection): nothing a probe reaches needs a certificate or
    // token.
    WPS_ASSIGN_OR_RETURN(health_, StartGrpcListener(config.health_listen(),
                                                    grpc::InsecureServerCredentials(), {}, {}));
    LogInfo(absl::StrCat("health checks (grpc.health.v1, plaintext) on ", health_.address()));
  }
  if (!config.metrics_listen().empty()) {
    WPS_ASSIGN_OR_RETURN(
        metrics_, observability::MetricsExporter::Start(config.metrics_listen(), registry_,
                                                        [this] { return served_->Gauges(); }));
    LogInfo(absl::StrCat("Prometheus metrics on http://", metrics_->address(), "/metrics"));
  }
  if (!config.http_listen().empty()) {
    WPS_ASSIGN_OR_RETURN(
        http_,
        http::HttpServer::Start(http::HttpServerOptions{config.http_listen(), config.tls().cert(),
                                                        config.tls().key(), !Authenticates(config)},
                                served_->InProcessChannel()));
    LogInfo(absl::StrCat("web console and JSON API on ",
                         config.tls().cert().empty() ? "http://" : "https://", http_->address(),
                         "/"));
  }
  if (!served_->Ready()) {
    SetServing(false);
    readiness_ = std::thread([this] { HoldUntilReady(); });
  }
  return absl::OkStatus();
}

void OpsEndpoints::SetServing(bool serving) {
  served_->SetServing(serving);
  health_.SetServing(serving);
}

void OpsEndpoints::HoldUntilReady() {
  LogInfo(
      "not ready yet (its first copy of the roster is not complete): health answers NOT_SERVING");
  std::unique_lock<std::mutex> lock(readiness_mu_);
  while (!shutting_down_.wait_for(lock, std::chrono::milliseconds(200),
                                  [this] { return stopping_; })) {
    if (!served_->Ready()) continue;
    SetServing(true);
    LogInfo("ready: health answers SERVING");
    return;
  }
}

void OpsEndpoints::StopHoldingUntilReady() {
  {
    std::lock_guard<std::mutex> lock(readiness_mu_);
    stopping_ = true;
  }
  shutting_down_.notify_all();
  if (readiness_.joinable()) readiness_.join();
}

void OpsEndpoints::Shutdown(absl::Duration grace) {
  StopHoldingUntilReady();
  if (http_ != nullptr) http_->Stop();  // no new calls from browsers while the gRPC side drains
  // Probes see NOT_SERVING while the served listener drains; the probes' port closes after it.
  health_.SetServing(false);
  served_->Shutdown(grace);
}

void OpsEndpoints::Wait() {
  served_->Wait();
  health_.StopNow();
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerConfig& config) {
  auto ops = std::make_unique<OpsEndpoints>();
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<Server> served, StartServing(config, ops->rpc_metrics()));
  WPS_RETURN_IF_ERROR(ops->Start(config, std::move(served)));
  return ops;
}

}  // namespace wps::wpsd
