#include "services/wpsd/server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "base/log.h"
#include "services/common/caller.h"
#include "services/matching/matching_service.h"
#include "services/matching/process_catalog.h"
#include "services/matching/shortlister.h"
#include "services/roster/roster.h"
#include "services/roster/roster_service.h"
#include "services/search/index_follower.h"
#include "services/search/mediator_search.h"
#include "storage/store.h"

namespace wps::wpsd {
namespace {

constexpr int kMaxMessageBytes = 16 << 20;

class GrpcServer : public Server {
 public:
  GrpcServer(const ServerConfig& config, std::unique_ptr<storage::Store> store,
             std::unique_ptr<search::IndexFollower> index)
      : config_(config),
        store_(std::move(store)),
        index_(std::move(index)),
        callers_(common::NewOpenLoopbackResolver(config.network())),
        roster_(*store_, roster::RosterOptions{config.network()}),
        search_(*store_, *index_),
        roster_service_(roster_, search_, *callers_),
        processes_(*store_),
        shortlister_(*store_, *index_, processes_),
        matching_service_(processes_, shortlister_, *callers_) {}

  ~GrpcServer() override {
    if (server_) {
      server_->Shutdown(absl::ToChronoTime(absl::Now()));
      server_->Wait();
    }
  }

  absl::Status Listen(const std::string& listen) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    if (Serves(config_, "roster")) builder.RegisterService(&roster_service_);
    if (Serves(config_, "matching")) builder.RegisterService(&matching_service_);
    server_ = builder.BuildAndStart();
    if (!server_ || port == 0) {
      server_.reset();
      return absl::UnavailableError(absl::StrCat("cannot listen on ", listen, " (address in use?)"));
    }
    address_ = absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port);
    grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
    health->SetServingStatus(true);
    health->SetServingStatus(roster::v1::RosterService::service_full_name(), Serves(config_, "roster"));
    health->SetServingStatus(matching::v1::MatchingService::service_full_name(), Serves(config_, "matching"));
    return absl::OkStatus();
  }

  std::string address() const override { return address_; }
  void Shutdown(absl::Duration grace) override {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  }
  void Wait() override { server_->Wait(); }

 private:
  const ServerConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<search::IndexFollower> index_;
  std::unique_ptr<common::CallerResolver> callers_;
  roster::Roster roster_;
  search::MediatorSearch search_;
  roster::RosterService roster_service_;
  matching::ProcessCatalog processes_;
  matching::Shortlister shortlister_;
  matching::MatchingService matching_service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerConfig& config) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                       storage::Store::Open(storage::StoreOptions{config.data_dir()}));
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<search::IndexFollower> index, search::IndexFollower::Start(*store));
  LogInfo(absl::StrCat("search index: ", index->build_stats().records, " records in ",
                       absl::FormatDuration(index->build_stats().elapsed)));
  auto server = std::make_unique<GrpcServer>(config, std::move(store), std::move(index));
  WPS_RETURN_IF_ERROR(server->Listen(config.listen()));
  return server;
}

}  // namespace wps::wpsd
