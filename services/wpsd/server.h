// A running wpsd: the store, the services the config selects, health and reflection, on one gRPC
// listener. main.cc and the tests start it the same way.
//
// Thread safety: Shutdown() may be called from any thread, once; Wait() from one.
#ifndef WPS_SERVICES_WPSD_SERVER_H_
#define WPS_SERVICES_WPSD_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "services/observability/metrics_exporter.h"
#include "services/observability/rpc_metrics.h"
#include "services/wpsd/server_config.h"

namespace wps::wpsd {

class Server {
 public:
  // Opens the store in config.data_dir and starts serving on config.listen (port 0 picks a free port).
  // `config` must have passed Finalize(). FAILED_PRECONDITION when the data dir is in use;
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerConfig& config);

  virtual ~Server() = default;

  // "host:port" actually bound.
  virtual std::string address() const = 0;
  // A channel to its gRPC services within the process (for the HTTP gateway).
  virtual std::shared_ptr<grpc::Channel> InProcessChannel() const = 0;
  // "host:port" of the web console and JSON API (--http_listen); empty when not served.
  virtual std::string http_address() const { return ""; }
  // Stops accepting calls, lets calls in flight finish until `grace` has passed, then cancels the rest.
  virtual void Shutdown(absl::Duration grace) = 0;
  // Blocks until the server has shut down.
  virtual void Wait() = 0;
  // What it reports to Prometheus; safe to call from any thread while it runs.
  virtual observability::ServerGauges Gauges() const = 0;
  // True once it serves what it should: at once for a roster node; for a matching replica, once its
  // first copy of the roster node's records is complete and in its index (until then a load
  // balancer must not send it searches). Safe to call from any thread.
  virtual bool Ready() const { return true; }
  // What grpc.health.v1 answers for the whole server on its listener: SERVING or NOT_SERVING.
  virtual void SetServing(bool serving) = 0;
};

// Server::Start without the operator's endpoints (--health_listen, --metrics_listen): the services,
// with every call counted in `rpc_metrics` (which must outlive the server).
absl::StatusOr<std::unique_ptr<Server>> StartServing(const ServerConfig& config,
                                                     observability::RpcMetrics& rpc_metrics);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_SERVER_H_
