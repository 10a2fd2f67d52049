#include "services/wpsd/matching_replica_server.h"

#include <string>
#include <utility>
#include <vector>

#include "base/status_macros.h"
#include "services/audit/audit_interceptor.h"
#include "services/audit/audit_log.h"
#include "services/audit/audit_service.h"
#include "services/matching/matching_replica_service.h"
#include "services/matching/shortlister.h"
#include "services/roster/roster_replica_service.h"
#include "services/search/mediator_search.h"
#include "services/sync/feed_retention.h"
#include "services/sync/partner_feed.h"
#include "services/sync/peer_puller.h"
#include "services/sync/sync_service.h"
#include "services/wpsd/grpc_listener.h"
#include "services/wpsd/server_common.h"
#include "services/wpsd/transport_security.h"
#include "storage/replica_store.h"

namespace wps::wpsd {
namespace {

// The label the mirror's state and status are kept under.
constexpr char kUpstreamLabel[] = "upstream";

class MatchingReplicaServer : public Server {
 public:
  MatchingReplicaServer(const ServerConfig& config, std::unique_ptr<storage::Store> store,
                        std::unique_ptr<search::IndexFollower> index,
                        std::unique_ptr<common::CallerResolver> callers,
                        std::shared_ptr<grpc::Channel> upstream)
      : store_(std::move(store)),
        index_(std::move(index)),
        callers_(std::move(callers)),
        search_(*store_, *index_),
        roster_service_(search_, upstream, *callers_),
        shortlister_(*store_, *index_),
        matching_service_(shortlister_, upstream, *callers_),
        // No network to share with partners: it serves administrators its mirror and its status.
        feed_(*store_, sync::PartnerFeedOptions{""}),
        sync_service_(
            *store_, feed_, config.network(), [this] { return MirrorStatus(); }, *callers_),
        audit_log_(*store_),
        audit_service_(audit_log_, *callers_) {}

  ~MatchingReplicaServer() override {
    feed_.Stop();
    listener_.StopNow();  // stopped before the services and the mirror it reads
    mirror_.reset();
  }

  void Follow(const ServerConfig& config, std::shared_ptr<grpc::ChannelCredentials> credentials) {
    retention_ = sync::FeedRetention::Start(*store_, FeedRetentionOf(config),
                                            [this] { return index_->oldest_cursor_needed(); });
    sync::PeerPullerOptions options;
    options.local_network = config.network();
    options.network = kUpstreamLabel;
    options.address = config.roster_upstream();
    options.credentials = std::move(credentials);
    options.verify_peer_network = !config.tls().cert().empty();
    options.mirror = true;
    mirror_ = sync::PeerPuller::Start(*store_, std::move(options));
  }

  absl::Status Listen(const std::string& listen,
                      const std::shared_ptr<grpc::ServerCredentials>& credentials,
                      observability::RpcMetrics& rpc_metrics) {
    WPS_ASSIGN_OR_RETURN(
        listener_,
        StartGrpcListener(listen, credentials,
                          {{roster::v1::RosterService::service_full_name(), &roster_service_},
                           {matching::v1::MatchingService::service_full_name(), &matching_service_},
                           {sync::v1::SyncService::service_full_name(), &sync_service_},
                           {audit::v1::AuditService::service_full_name(), &audit_service_}},
                          StandardInterceptors(rpc_metrics, audit_log_, *callers_)));
    return absl::OkStatus();
  }

  std::string address() const override { return listener_.address(); }
  std::shared_ptr<grpc::Channel> InProcessChannel() const override {
    return listener_.InProcessChannel();
  }
  void Shutdown(absl::Duration grace) override {
    feed_.Stop();
    listener_.Shutdown(grace);
  }
  void Wait() override { listener_.Wait(); }
  void SetServing(bool serving) override { listener_.SetServing(serving); }
  bool Ready() const override {
    if (!mirror_) return false;
    const sync::v1::PeerStatus mirror = mirror_->Status();
    return !mirror.cursor().empty() && !mirror.resyncing() &&
           index_->AwaitCurrent(absl::Now()).ok();
  }
  observability::ServerGauges Gauges() const override {
    observability::ServerGauges gauges = CommonGauges(*store_, *index_, audit_log_);
    for (const sync::v1::PeerStatus& peer : MirrorStatus())
      gauges.peers.push_back(PeerGaugesOf(peer));
    return gauges;
  }

 private:
  std::vector<sync::v1::PeerStatus> MirrorStatus() const {
    if (!mirror_) return {};
    return {mirror_->Status()};
  }

  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<search::IndexFollower> index_;
  std::unique_ptr<common::CallerResolver> callers_;
  search::MediatorSearch search_;
  roster::RosterReplicaService roster_service_;
  matching::Shortlister shortlister_;
  matching::MatchingReplicaService matching_service_;
  sync::PartnerFeed feed_;
  sync::SyncService sync_service_;
  // The calls this replica serves or forwards (its roster node records the forwarded ones too).
  audit::AuditLog audit_log_;
  audit::AuditService audit_service_;
  std::unique_ptr<sync::PeerPuller> mirror_;
  std::unique_ptr<sync::FeedRetention> retention_;
  Listener listener_;
};

// The channel to the roster node: TLS with this node's certificate, which the node's must name this
// network; insecure on loopback without TLS (Finalize allows nothing else).
std::shared_ptr<grpc::Channel> UpstreamChannel(const ServerConfig& config,
                                              const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  grpc::ChannelArguments arguments;
  if (!config.tls().cert().empty()) arguments.SetSslTargetNameOverride(config.network());
  arguments.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(config.roster_upstream(), credentials, arguments);
}

// A replica's data dir holds only what its mirror wrote there. A roster node's store (records of its
// own, which carry no origin_version) would never be updated or removed by the mirror.
absl::Status CheckReplicaStore(storage::Store& store) {
  if (storage::ReplicaStore(store).GetPeerState(kUpstreamLabel).ok()) return absl::OkStatus();
  bool holds_records = false;
  WPS_RETURN_IF_ERROR(store.Scan(storage::Table::kMediators, "", "", [&](absl::string_view, const storage::VersionedValue&) {
    holds_records = true;
    return false;
  }));
  if (!holds_records) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "--roster_upstream: this data dir holds records a mirror did not write (a roster node's?); a matching "
      "replica needs a data dir of its own, empty at its first start");
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> StartMatchingReplica(
    const ServerConfig& config, std::unique_ptr<storage::Store> store,
    std::unique_ptr<search::IndexFollower> index, std::unique_ptr<common::CallerResolver> callers,
    const std::shared_ptr<grpc::ServerCredentials>& credentials,
    observability::RpcMetrics& rpc_metrics) {
  WPS_RETURN_IF_ERROR(CheckReplicaStore(*store));
  WPS_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> upstream_credentials,
                       PeerChannelCredentialsFor(config));
  std::shared_ptr<grpc::Channel> upstream = UpstreamChannel(config, upstream_credentials);
  auto server = std::make_unique<MatchingReplicaServer>(config, std::move(store), std::move(index),
                                                        std::move(callers), std::move(upstream));
  server->Follow(config, std::move(upstream_credentials));
  WPS_RETURN_IF_ERROR(server->Listen(config.listen(), credentials, rpc_metrics));
  return server;
}

}  // namespace wps::wpsd
