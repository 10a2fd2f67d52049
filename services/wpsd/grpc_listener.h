// The gRPC listener every wpsd runs: its services, grpc.health.v1 with a status per service, server
// reflection, and the settings wpsd needs (message size, keepalive policy for pullers' Watch streams,
// polling threads).
//
// Thread safety: call from one thread; the server it returns is thread-safe.
#ifndef WPS_SERVICES_WPSD_GRPC_LISTENER_H_
#define WPS_SERVICES_WPSD_GRPC_LISTENER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace wps::wpsd {

struct ListenedService {
  // The full service name ("wps.roster.v1.RosterService"), for its health status.
  std::string name;
  // Null when this process does not serve it (health then answers NOT_SERVING for it).
  grpc::Service* service = nullptr;
};

struct Listener {
  std::unique_ptr<grpc::Server> server;
  // "host:port" actually bound.
  std::string address;
};

// Starts serving `services` on `listen` (port 0 picks a free port) with `credentials`. UNAVAILABLE
// when the address cannot be bound.
absl::StatusOr<Listener> StartGrpcListener(const std::string& listen,
                                           const std::shared_ptr<grpc::ServerCredentials>& credentials,
                                           const std::vector<ListenedService>& services);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_GRPC_LISTENER_H_
