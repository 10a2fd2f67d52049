// Prometheus text metrics of a wpsd at http://LISTEN/metrics (--metrics_listen): the RPC metrics
// registry (rpc_metrics.h) and the server's gauges, read at each scrape. The metrics hold counts,
// sizes and partner network ids only, never a record or a person's name.
//
// Thread safety: the exporter serves scrapes on its own threads; `gauges` must be safe to call from
// them.
#ifndef WPS_SERVICES_OBSERVABILITY_METRICS_EXPORTER_H_
#define WPS_SERVICES_OBSERVABILITY_METRICS_EXPORTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"
#include "storage/store.h"

namespace wps::observability {

// One partner this server pulls from.
struct PeerGauges {
  std::string network;
  bool connected = false;
  // From the peer committing the last applied change to it being applied here.
  double lag_seconds = 0;
  int64_t records = 0;
  int64_t snapshots = 0;
  // The last attempt failed.
  bool failing = false;
  // Since anything was last heard from the peer; nullopt when never.
  std::optional<double> seconds_since_contact;
};

// What a wpsd reports at each scrape.
struct ServerGauges {
  int64_t index_records = 0;
  uint64_t feed_head = 0;
  std::vector<PeerGauges> peers;
  storage::StoreHealth store;
  // When the newest backup began; nullopt: there is none.
  std::optional<absl::Time> last_backup;
  int64_t audit_append_failures = 0;
  int64_t resident_bytes = 0;
};

// The gauges as Prometheus metric families (wps_search_index_records, wps_feed_head_cursor,
// wps_sync_peer_*{peer}, wps_rocksdb_*, wps_data_dir_free_bytes,
// wps_backup_last_success_timestamp_seconds, wps_audit_append_failures_total,
// wps_process_resident_bytes).
std::vector<prometheus::MetricFamily> GaugeFamilies(const ServerGauges& gauges);

// This process's resident memory in bytes, from /proc/self/statm (0 when unreadable).
int64_t ResidentBytes();

class MetricsExporter {
 public:
  // Serves `registry` and `gauges()` on `listen` (host:port; port 0 picks one). UNAVAILABLE when it
  // cannot listen there.
  static absl::StatusOr<std::unique_ptr<MetricsExporter>> Start(
      const std::string& listen, std::shared_ptr<prometheus::Registry> registry,
      std::function<ServerGauges()> gauges);
  ~MetricsExporter();

  // "host:port" actually bound.
  const std::string& address() const { return address_; }

 private:
  MetricsExporter() = default;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<prometheus::Collectable> gauges_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string address_;
};

}  // namespace wps::observability

#endif  // WPS_SERVICES_OBSERVABILITY_METRICS_EXPORTER_H_
