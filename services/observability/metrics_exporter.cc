#include "services/observability/metrics_exporter.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace wps::observability {
namespace {

prometheus::MetricFamily Gauge(std::string name, std::string help, double value) {
  prometheus::MetricFamily family{
      std::move(name), std::move(help), prometheus::MetricType::Gauge, {}};
  family.metric.emplace_back().gauge.value = value;
  return family;
}

prometheus::MetricFamily Counter(std::string name, std::string help, double value) {
  prometheus::MetricFamily family{
      std::move(name), std::move(help), prometheus::MetricType::Counter, {}};
  family.metric.emplace_back().counter.value = value;
  return family;
}

// One family with a metric per peer, valued by `value`.
template <typename Value>
prometheus::MetricFamily PerPeer(std::string name, std::string help, prometheus::MetricType type,
                                 const std::vector<PeerGauges>& peers, Value value) {
  prometheus::MetricFamily family{std::move(name), std::move(help), type, {}};
  for (const PeerGauges& peer : peers) {
    const std::optional<double> measured = value(peer);
    if (!measured) continue;
    prometheus::ClientMetric& metric = family.metric.emplace_back();
    metric.label.push_back({"peer", peer.network});
    (type == prometheus::MetricType::Counter ? metric.counter.value : metric.gauge.value) =
        *measured;
  }
  return family;
}

void AddPeerFamilies(const std::vector<PeerGauges>& peers,
                     std::vector<prometheus::MetricFamily>& out) {
  using prometheus::MetricType;
  out.push_back(PerPeer("wps_sync_peer_connected",
                        "1 while the puller's stream to the peer is open", MetricType::Gauge, peers,
                        [](const PeerGauges& p) { return std::optional<double>(p.connected); }));
  out.push_back(PerPeer("wps_sync_peer_lag_seconds",
                        "From the peer committing its last applied change to it being applied here",
                        MetricType::Gauge, peers,
                        [](const PeerGauges& p) { return std::optional<double>(p.lag_seconds); }));
  out.push_back(PerPeer("wps_sync_peer_records", "Replicas held from the peer", MetricType::Gauge,
                        peers,
                        [](const PeerGauges& p) { return std::optional<double>(p.records); }));
  out.push_back(PerPeer("wps_sync_peer_snapshots_total",
                        "Full snapshots taken from the peer (resyncs, the first included)",
                        MetricType::Counter, peers,
                        [](const PeerGauges& p) { return std::optional<double>(p.snapshots); }));
  out.push_back(PerPeer("wps_sync_peer_failing",
                        "1 when the last attempt to pull from the peer failed", MetricType::Gauge,
                        peers,
                        [](const PeerGauges& p) { return std::optional<double>(p.failing); }));
  out.push_back(PerPeer("wps_sync_peer_last_contact_age_seconds",
                        "Since anything was last heard from the peer", MetricType::Gauge, peers,
                        [](const PeerGauges& p) { return p.seconds_since_contact; }));
}

class GaugeCollector : public prometheus::Collectable {
 public:
  explicit GaugeCollector(std::function<ServerGauges()> gauges) : gauges_(std::move(gauges)) {}
  std::vector<prometheus::MetricFamily> Collect() const override {
    return GaugeFamilies(gauges_());
  }

 private:
  std::function<ServerGauges()> gauges_;
};

}  // namespace

std::vector<prometheus::MetricFamily> GaugeFamilies(const ServerGauges& gauges) {
  std::vector<prometheus::MetricFamily> out;
  out.push_back(Gauge("wps_search_index_records", "Live records in the search index",
                      static_cast<double>(gauges.index_records)));
  out.push_back(Gauge("wps_feed_head_cursor",
                      "Cursor of the last change committed to this server's feed",
                      static_cast<double>(gauges.feed_head)));
  AddPeerFamilies(gauges.peers, out);
  const storage::StoreHealth& store = gauges.store;
  out.push_back(Counter(
      "wps_rocksdb_background_errors_total",
      "RocksDB background errors since the store was opened; writes fail after one until resumed",
      static_cast<double>(store.background_errors)));
  out.push_back(Gauge("wps_rocksdb_write_stopped",
                      "1 while RocksDB stops writes (compaction far behind)",
                      store.writes_stopped));
  out.push_back(Gauge("wps_rocksdb_write_delayed", "1 while RocksDB slows writes down",
                      store.writes_delayed));
  out.push_back(Gauge("wps_rocksdb_pending_compaction_bytes",
                      "Bytes RocksDB estimates compaction must rewrite",
                      static_cast<double>(store.pending_compaction_bytes)));
  out.push_back(Gauge("wps_rocksdb_live_sst_bytes", "Bytes of the store's live table files",
                      static_cast<double>(store.live_sst_bytes)));
  out.push_back(Gauge("wps_data_dir_free_bytes", "Free bytes on the data dir's file system",
                      static_cast<double>(store.free_disk_bytes)));
  out.push_back(Gauge("wps_backup_last_success_timestamp_seconds",
                      "Unix time at which the newest backup began (0: there is none)",
                      gauges.last_backup
                          ? static_cast<double>(absl::ToUnixMillis(*gauges.last_backup)) / 1000
                          : 0));
  out.push_back(Counter("wps_audit_append_failures_total", "Audit events that could not be written",
                        static_cast<double>(gauges.audit_append_failures)));
  out.push_back(Gauge("wps_process_resident_bytes", "Resident memory of this process",
                      static_cast<double>(gauges.resident_bytes)));
  return out;
}

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * ::sysconf(_SC_PAGESIZE);
}

absl::StatusOr<std::unique_ptr<MetricsExporter>> MetricsExporter::Start(
    const std::string& listen, std::shared_ptr<prometheus::Registry> registry,
    std::function<ServerGauges()> gauges) {
  std::unique_ptr<MetricsExporter> exporter(new MetricsExporter());
  exporter->registry_ = std::move(registry);
  exporter->gauges_ = std::make_shared<GaugeCollector>(std::move(gauges));
  try {
    // prometheus-cpp's HTTP server (civetweb) reports a port it cannot bind by throwing.
    exporter->exposer_ = std::make_unique<prometheus::Exposer>(listen, /*num_threads=*/1);
  } catch (const std::runtime_error& error) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listen, ": ", error.what()));
  }
  exporter->exposer_->RegisterCollectable(exporter->registry_);
  exporter->exposer_->RegisterCollectable(exporter->gauges_);
  const std::vector<int> ports = exporter->exposer_->GetListeningPorts();
  exporter->address_ =
      absl::StrCat(listen.substr(0, listen.rfind(':')), ":", ports.empty() ? 0 : ports[0]);
  return exporter;
}

MetricsExporter::~MetricsExporter() = default;

}  // namespace wps::observability
