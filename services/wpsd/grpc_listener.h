// The gRPC listener every wpsd runs: its services, grpc.health.v1 with a status per service, server
// reflection, and the settings wpsd needs (message size, keepalive policy for pullers' Watch streams,
// polling threads).
//
// Thread safety: call from one thread; the server it returns is thread-safe.
#ifndef WPS_SERVICES_WPSD_GRPC_LISTENER_H_
#define WPS_SERVICES_WPSD_GRPC_LISTENER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/server_interceptor.h"

namespace wps::wpsd {

struct ListenedService {
  // The full service name ("wps.roster.v1.RosterService"), for its health status.
  std::string name;
  // Null when this process does not serve it (health then answers NOT_SERVING for it).
  grpc::Service* service = nullptr;
};

// A running gRPC server and the address it bound.
class Listener {
 public:
  Listener() = default;
  Listener(std::unique_ptr<grpc::Server> server, std::string address)
      : server_(std::move(server)), address_(std::move(address)) {}
  // StopNow().
  ~Listener() { StopNow(); }
  Listener(Listener&&) = default;
  // StopNow(), then takes `other`'s server.
  Listener& operator=(Listener&& other) {
    StopNow();
    server_ = std::move(other.server_);
    address_ = std::move(other.address_);
    return *this;
  }

  // "host:port" actually bound.
  const std::string& address() const { return address_; }
  // A channel to this server within the process: its calls pass the same interceptors as calls from
  // the network. Null once stopped.
  std::shared_ptr<grpc::Channel> InProcessChannel() const {
    return server_ == nullptr ? nullptr : server_->InProcessChannel(grpc::ChannelArguments());
  }
  // Health answers SERVING, or NOT_SERVING, for the whole server from now on; the server goes on (a
  // probes' port during a drain, a replica that is not ready yet).
  void SetServing(bool serving);
  // Health answers NOT_SERVING from now on; stops accepting calls, lets calls in flight finish until
  // `grace` has passed, then cancels the rest.
  void Shutdown(absl::Duration grace);
  // Blocks until the server has shut down.
  void Wait();
  // If still serving: stops at once (calls in flight cancelled) and waits. Serves nothing after.
  void StopNow();

 private:
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

using InterceptorFactories =
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>;

// Starts serving `services` on `listen` (port 0 picks a free port) with `credentials`, every call
// passing through the interceptors `interceptors` make, in order (metrics, the audit log's; may be
// empty). UNAVAILABLE when the address cannot be bound.
absl::StatusOr<Listener> StartGrpcListener(
    const std::string& listen, const std::shared_ptr<grpc::ServerCredentials>& credentials,
    const std::vector<ListenedService>& services, InterceptorFactories interceptors);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_GRPC_LISTENER_H_
