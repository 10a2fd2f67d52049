#include "services/wpsd/server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "services/admin/admin_service.h"
#include "services/admin/backup_manager.h"
#include "services/audit/audit_interceptor.h"
#include "services/audit/audit_log.h"
#include "services/audit/audit_service.h"
#include "services/balance/balance_catalog.h"
#include "services/balance/balance_service.h"
#include "services/balance/balance_tracker.h"
#include "services/common/caller.h"
#include "services/matching/matching_service.h"
#include "services/matching/process_catalog.h"
#include "services/matching/shortlist_archive_service.h"
#include "services/matching/shortlister.h"
#include "services/roster/roster.h"
#include "services/roster/roster_service.h"
#include "services/search/index_follower.h"
#include "services/search/index_snapshot.h"
#include "services/search/mediator_search.h"
#include "services/sync/feed_retention.h"
#include "services/sync/partner_feed.h"
#include "services/sync/peer_puller.h"
#include "services/sync/sync_service.h"
#include "services/wpsd/grpc_listener.h"
#include "services/wpsd/matching_replica_server.h"
#include "services/wpsd/server_common.h"
#include "services/wpsd/transport_security.h"
#include "storage/erasure_ledger.h"
#include "storage/mediator_store.h"
#include "storage/store.h"

namespace wps::wpsd {
namespace {

class GrpcServer : public Server {
 public:
  // `balance` is null when the config does not serve the balance service.
  GrpcServer(const ServerConfig& config, std::unique_ptr<storage::Store> store,
             std::unique_ptr<search::IndexFollower> index,
             std::unique_ptr<balance::BalanceCatalog> balance,
             std::unique_ptr<common::CallerResolver> callers)
      : config_(config),
        store_(std::move(store)),
        index_(std::move(index)),
        callers_(std::move(callers)),
        erasure_ledger_(config.backup_dir()),
        roster_(*store_, roster::RosterOptions{config.network(), &erasure_ledger_}),
        search_(*store_, *index_),
        roster_service_(roster_, search_, *callers_),
        processes_(*store_),
        shortlister_(*store_, *index_),
        matching_service_(processes_, shortlister_, *callers_),
        shortlist_archive_(shortlister_, config.network(), *callers_),
        balance_catalog_(std::move(balance)),
        partner_feed_(*store_, sync::PartnerFeedOptions{config.network()}),
        sync_service_(
            *store_, partner_feed_, config.network(), [this] { return PeerStatuses(); }, *callers_),
        audit_log_(*store_),
        audit_service_(audit_log_, *callers_),
        backups_(*store_, config.backup_dir()),
        admin_service_(backups_, *callers_) {
    if (balance_catalog_) {
      balance_tracker_ = std::make_unique<balance::BalanceTracker>(*store_, *balance_catalog_);
      balance_service_ = std::make_unique<balance::BalanceService>(*balance_tracker_, *callers_);
    }
  }

  // Starts pulling from the config's peers and keeping the feed to its retention.
  absl::Status StartSync(absl::Duration feed_retention) {
    retention_ = sync::FeedRetention::Start(*store_, feed_retention, [this] {
      const uint64_t index = index_->oldest_cursor_needed();
      return balance_catalog_ ? std::min(index, balance_catalog_->oldest_cursor_needed()) : index;
    });
    if (config_.peers().empty()) return absl::OkStatus();
    WPS_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials, PeerChannelCredentialsFor(config_));
    for (const config::v1::Peer& peer : config_.peers()) {
      sync::PeerPullerOptions options;
      options.local_network = config_.network();
      options.network = peer.network();
      options.address = peer.address();
      options.credentials = credentials;
      options.verify_peer_network = config_.has_tls();
      pullers_.push_back(sync::PeerPuller::Start(*store_, std::move(options)));
    }
    return absl::OkStatus();
  }

  ~GrpcServer() override {
    partner_feed_.Stop();
    listener_.StopNow();  // stopped first: GetSyncStatus reads the pullers
    pullers_.clear();
  }

  absl::Status Listen(const std::string& listen,
                      const std::shared_ptr<grpc::ServerCredentials>& credentials,
                      observability::RpcMetrics& rpc_metrics) {
    const bool matching = Serves(config_, "matching");
    WPS_ASSIGN_OR_RETURN(
        listener_, StartGrpcListener(
                       listen, credentials,
                       {{roster::v1::RosterService::service_full_name(),
                         Serves(config_, "roster") ? &roster_service_ : nullptr},
                        {matching::v1::MatchingService::service_full_name(),
                         matching ? &matching_service_ : nullptr},
                        {matching::v1::ShortlistArchive::service_full_name(),
                         matching ? &shortlist_archive_ : nullptr},
                        {balance::v1::BalanceService::service_full_name(), balance_service_.get()},
                        {sync::v1::SyncService::service_full_name(),
                         Serves(config_, "sync") ? &sync_service_ : nullptr},
                        {audit::v1::AuditService::service_full_name(), &audit_service_},
                        {admin::v1::AdminService::service_full_name(), &admin_service_}},
                       StandardInterceptors(rpc_metrics, audit_log_, *callers_)));
    return absl::OkStatus();
  }

  std::string address() const override { return listener_.address(); }
  std::shared_ptr<grpc::Channel> InProcessChannel() const override {
    return listener_.InProcessChannel();
  }

  std::vector<sync::v1::PeerStatus> PeerStatuses() const {
    std::vector<sync::v1::PeerStatus> statuses;
    for (const auto& puller : pullers_) statuses.push_back(puller->Status());
    return statuses;
  }
  void Shutdown(absl::Duration grace) override {
    // Watch streams never end by themselves: ended now, partners resume from their cursors.
    partner_feed_.Stop();
    listener_.Shutdown(grace);
  }
  void Wait() override { listener_.Wait(); }
  void SetServing(bool serving) override { listener_.SetServing(serving); }
  observability::ServerGauges Gauges() const override {
    observability::ServerGauges gauges = CommonGauges(*store_, *index_, audit_log_);
    for (const sync::v1::PeerStatus& peer : PeerStatuses())
      gauges.peers.push_back(PeerGaugesOf(peer));
    gauges.last_backup = backups_.last_success();
    return gauges;
  }

 private:
  const ServerConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<search::IndexFollower> index_;
  std::unique_ptr<common::CallerResolver> callers_;
  storage::ErasureLedger erasure_ledger_;
  roster::Roster roster_;
  search::MediatorSearch search_;
  roster::RosterService roster_service_;
  matching::ProcessCatalog processes_;
  matching::Shortlister shortlister_;
  matching::MatchingService matching_service_;
  matching::ShortlistArchiveService shortlist_archive_;
  // Null unless the config serves the balance service.
  std::unique_ptr<balance::BalanceCatalog> balance_catalog_;
  std::unique_ptr<balance::BalanceTracker> balance_tracker_;
  std::unique_ptr<balance::BalanceService> balance_service_;
  sync::PartnerFeed partner_feed_;
  sync::SyncService sync_service_;
  audit::AuditLog audit_log_;
  audit::AuditService audit_service_;
  admin::BackupManager backups_;
  admin::AdminService admin_service_;
  std::vector<std::unique_ptr<sync::PeerPuller>> pullers_;
  std::unique_ptr<sync::FeedRetention> retention_;
  Listener listener_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> StartServing(const ServerConfig& config,
                                                     observability::RpcMetrics& rpc_metrics) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                       storage::Store::Open(StoreOptionsOf(config)));
  if (store->ReadOnly()) {
    LogWarning(
        absl::StrCat("data dir ", config.data_dir(),
                     " cannot be written (read-only file system or no permission): serving reads, "
                     "refusing writes UNAVAILABLE; make it writable and restart"));
  }
  // A store written before the share history existed gets it now, before any partner pulls. On a
  // full or read-only disk it waits for the next start: no consent can change meanwhile (writes are
  // refused), and reads must go on.
  absl::StatusOr<int64_t> backfilled = storage::MediatorStore(*store).BackfillShareHistory();
  if (absl::IsResourceExhausted(backfilled.status()) || absl::IsUnavailable(backfilled.status())) {
    LogWarning(
        absl::StrCat("share history not recorded this start: ", backfilled.status().message()));
  } else if (!backfilled.ok()) {
    return backfilled.status();
  } else if (*backfilled > 0) {
    LogInfo(absl::StrCat("share history recorded for ", *backfilled, " existing records"));
  }
  WPS_ASSIGN_OR_RETURN(
      std::unique_ptr<search::IndexFollower> index,
      search::IndexFollower::Start(*store, search::IndexFollowerOptions{
                                               absl::StrCat(config.data_dir(), "/", search::kIndexSnapshotFile)}));
  const search::IndexBuildStats& stats = index->build_stats();
  LogInfo(absl::StrCat("search index: ", stats.records, " records in ", absl::FormatDuration(stats.elapsed),
                       stats.from_snapshot ? absl::StrCat(" from its snapshot and ", stats.replayed_changes,
                                                          " later changes")
                                           : " from the records"));
  std::unique_ptr<balance::BalanceCatalog> balance;
  if (Serves(config, "balance")) {
    WPS_ASSIGN_OR_RETURN(balance, balance::BalanceCatalog::Start(*store));
    const balance::CatalogLoadStats& stats = balance->load_stats();
    LogInfo(absl::StrCat("balance catalog: ", stats.processes, " processes, ", stats.rounds,
                         " rounds, ", stats.delegations, " delegations in ",
                         absl::FormatDuration(stats.elapsed)));
  }
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<common::CallerResolver> callers, CallerResolverFor(config));
  if (!config.tokens_file().empty() && config.tls().cert().empty() && !common::IsLoopbackAddress(config.listen())) {
    LogWarning(absl::StrCat("listening on ", config.listen(),
                            " without TLS: bearer tokens cross the network readable; set --tls_cert/--tls_key"));
  }
  WPS_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials, ServerCredentialsFor(config));
  const absl::Duration feed_retention = FeedRetentionOf(config);
  if (IsMatchingReplica(config)) {
    return StartMatchingReplica(config, std::move(store), std::move(index), std::move(callers),
                                credentials, rpc_metrics);
  }
  auto server = std::make_unique<GrpcServer>(config, std::move(store), std::move(index), std::move(balance),
                                             std::move(callers));
  // Pullers first: once serving, GetSyncStatus reads them.
  WPS_RETURN_IF_ERROR(server->StartSync(feed_retention));
  WPS_RETURN_IF_ERROR(server->Listen(config.listen(), credentials, rpc_metrics));
  return server;
}

}  // namespace wps::wpsd
