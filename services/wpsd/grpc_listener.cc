#include "services/wpsd/grpc_listener.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace wps::wpsd {
namespace {

constexpr int kMaxMessageBytes = 16 << 20;

}  // namespace

void Listener::StopNow() {
  if (!server_) return;
  server_->Shutdown(absl::ToChronoTime(absl::Now()));
  server_->Wait();
  server_.reset();
}

void Listener::SetServing(bool serving) {
  // The whole server ("") only: each service keeps its own status (NOT_SERVING where not served
  // here).
  if (server_) server_->GetHealthCheckService()->SetServingStatus("", serving);
}

void Listener::Shutdown(absl::Duration grace) {
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void Listener::Wait() { server_->Wait(); }

absl::StatusOr<Listener> StartGrpcListener(
    const std::string& listen, const std::shared_ptr<grpc::ServerCredentials>& credentials,
    const std::vector<ListenedService>& services, InterceptorFactories interceptors) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, credentials, &port);
  // Pullers keep their Watch streams alive with pings every 10 s; gRPC's default would count those
  // as abuse (more than one per 5 minutes) and close the connection.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  // gRPC's sync server keeps one polling thread per completion queue by default and starts a new one
  // whenever that one takes a call: a thread created (and later ended) per request. Two pollers per
  // queue keep one polling while the other works.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 4);
  for (const ListenedService& served : services) {
    if (served.service != nullptr) builder.RegisterService(served.service);
  }
  if (!interceptors.empty()) builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen, " (address in use?)"));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const ListenedService& served : services) health->SetServingStatus(served.name, served.service != nullptr);
  return Listener(std::move(server), absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port));
}

}  // namespace wps::wpsd
