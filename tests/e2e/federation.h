// A federation of wpsd processes on 127.0.0.1 for end-to-end tests and benchmarks: one node per network,
// each authoritative for its network, pulling from every other node over mutual TLS (certificates from
// deploy/tls/make-test-certs.sh), with an admin bearer token for the test's own calls.
//
// Thread safety: thread-compatible; use from the test's thread.
#ifndef WPS_TESTS_E2E_FEDERATION_H_
#define WPS_TESTS_E2E_FEDERATION_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "tests/e2e/wpsd_fixture.h"
#include "wps/roster/v1/resources.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::e2e {

// The admin token every node accepts (its SHA-256 is in the nodes' tokens file).
inline constexpr char kFederationAdminToken[] = "federation-admin-token";

// Records by origin network, then by name.
using RecordsByOrigin = std::map<std::string, std::map<std::string, roster::v1::Mediator>>;

class Federation {
 public:
  // Certificates, tokens and a port for each of `networks` under `dir`; no node runs yet. Errors of
  // the certificate script or of picking ports.
  static absl::StatusOr<std::unique_ptr<Federation>> Create(const std::string& dir,
                                                            std::vector<std::string> networks);

  size_t size() const { return networks_.size(); }
  const std::string& network(size_t i) const { return networks_[i]; }
  std::string address(size_t i) const;
  const std::string& cert_dir() const { return cert_dir_; }

  // Node `i`'s data dir, by default DIR/NETWORK-data; set before its first start to serve an existing
  // store.
  void set_data_dir(size_t i, std::string data_dir) { data_dirs_[i] = std::move(data_dir); }

  // Starts node `i` (its network created on first start, unless the store has it) with `extra_flags`
  // added; it pulls from every other node. Errors of the start.
  absl::Status Start(size_t i, std::vector<std::string> extra_flags = {});
  absl::Status StartAll(const std::vector<std::string>& extra_flags = {});
  // A matching replica of node `i` (--services=matching --roster_upstream): its network, certificate
  // and tokens, a store in `data_dir`, listening on a port of its own. Errors of the start.
  absl::StatusOr<std::unique_ptr<Wpsd>> StartMatchingReplica(size_t i, const std::string& data_dir);
  // Node `i`, which must be running.
  Wpsd& node(size_t i) { return *nodes_[i]; }
  bool running(size_t i) const { return nodes_[i] != nullptr; }
  // SIGKILL / SIGTERM node `i`; its data dir stays.
  void Kill(size_t i);
  absl::Status Stop(size_t i);

  // TLS trusting the test CA, with the admin token.
  std::shared_ptr<grpc::ChannelCredentials> AdminCredentials() const;
  // TLS presenting `network`'s certificate (from the unrelated CA with `other_ca`), no token.
  std::shared_ptr<grpc::ChannelCredentials> PartnerCredentials(const std::string& network, bool other_ca = false) const;

  // Every record node `i` holds (its own and its replicas, deleted ones left out), by origin.
  absl::StatusOr<RecordsByOrigin> Records(size_t i);
  // Node `i`'s sync status.
  absl::StatusOr<sync::v1::SyncStatus> SyncStatus(size_t i);

  // Waits (bounded by `timeout`) until every running node holds, of every other running node's
  // records, exactly the ones shared with it, as sent (contact only where released). FAILED_PRECONDITION
  // describing the first difference when the time runs out.
  absl::Status AwaitConverged(absl::Duration timeout = absl::Seconds(60));

 private:
  Federation() = default;
  // "" when node `i` holds exactly what it should of `origin`'s records, else the first difference.
  std::string Difference(size_t i, size_t origin, const RecordsByOrigin& held, const RecordsByOrigin& own) const;

  std::string dir_;
  std::string cert_dir_;
  std::string tokens_file_;
  std::vector<std::string> networks_;
  std::vector<int> ports_;
  std::vector<std::string> data_dirs_;
  std::vector<std::unique_ptr<Wpsd>> nodes_;
  std::vector<bool> started_once_;
};

// The digest of what `partner` should hold of `record` (name, origin version, content as sent: contact
// only where released, share_with naming only the partner).
std::string SharedDigest(const roster::v1::Mediator& record, uint64_t version, const std::string& partner);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_FEDERATION_H_
