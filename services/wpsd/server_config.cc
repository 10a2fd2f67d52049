#include "services/wpsd/server_config.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "services/common/caller.h"
#include "services/common/rate_limiter.h"
#include "services/common/vocabularies.h"
#include "services/sync/feed_retention.h"

namespace wps::wpsd {
namespace {

constexpr absl::string_view kServiceNames[] = {"roster", "matching", "balance", "sync"};
// The services this build serves; the others arrive with later releases.
constexpr absl::string_view kBuiltServices[] = {"roster", "matching", "balance", "sync"};

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (error_.empty()) error_ = absl::StrCat("line ", line + 1, " column ", column + 1, ": ", message);
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

absl::Status CheckAddress(absl::string_view address, absl::string_view flag) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, "=", address, " is not HOST:PORT (e.g. 127.0.0.1:50051)"));
  }
  return absl::OkStatus();
}

absl::Status CheckServices(absl::string_view services) {
  if (services == "all") return absl::OkStatus();
  for (absl::string_view name : absl::StrSplit(services, ',')) {
    if (std::find(std::begin(kServiceNames), std::end(kServiceNames), name) == std::end(kServiceNames)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--services: unknown service '", name, "'; choose from roster,matching,balance,sync or all"));
    }
    if (std::find(std::begin(kBuiltServices), std::end(kBuiltServices), name) == std::end(kBuiltServices)) {
      return absl::FailedPreconditionError(
          absl::StrCat("--services: '", name, "' is not part of this release yet; it serves: ",
                       absl::StrJoin(kBuiltServices, ", ")));
    }
  }
  return absl::OkStatus();
}

// The web console's port follows the gRPC listener's rule: without authentication, loopback only.
absl::Status CheckHttpListen(const ServerConfig& config) {
  if (config.http_listen().empty() || Authenticates(config) ||
      common::IsLoopbackAddress(config.http_listen())) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "refusing to serve the web console on ", config.http_listen(),
      " without authentication: configure --tokens_file, or use --http_listen=127.0.0.1:PORT"));
}

absl::Status CheckTls(const config::v1::Tls& tls) {
  if (tls.cert().empty() != tls.key().empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together: give both or neither");
  }
  if (!tls.ca().empty() && tls.cert().empty()) {
    return absl::InvalidArgumentError(
        "--tls_ca needs --tls_cert and --tls_key: mutual TLS needs the server's own certificate");
  }
  return absl::OkStatus();
}

// Pulling stores partners' records as replicas beside this server's own: it needs to know which
// network is its own, and each peer named once.
absl::Status CheckPeers(const ServerConfig& config) {
  if (config.peers().empty()) return absl::OkStatus();
  if (config.network().empty()) {
    return absl::InvalidArgumentError("--peer needs --network: the network this server is authoritative for");
  }
  if (config.tls().cert().empty() || config.tls().ca().empty()) {
    return absl::InvalidArgumentError(
        "--peer needs --tls_cert, --tls_key and --tls_ca: partners know this server by its certificate");
  }
  absl::flat_hash_set<std::string> seen;
  for (const config::v1::Peer& peer : config.peers()) {
    if (!vocab::IsResourceId(peer.network())) {
      return absl::InvalidArgumentError(absl::StrCat("peer network '", peer.network(), "' is not a network id"));
    }
    WPS_RETURN_IF_ERROR(CheckAddress(peer.address(), "peer"));
    if (peer.network() == config.network()) {
      return absl::InvalidArgumentError(absl::StrCat("--peer=", peer.network(), "=...: that is this server's own network"));
    }
    if (!seen.insert(peer.network()).second) {
      return absl::InvalidArgumentError(absl::StrCat("--peer: network ", peer.network(), " is given twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckFeedRetention(const std::string& retention) {
  absl::Duration parsed;
  if (retention.empty() || (absl::ParseDuration(retention, &parsed) && parsed > absl::ZeroDuration())) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("--feed_retention=", retention, " is not a positive duration (e.g. 720h)"));
}

// A matching replica serves matching alone, from its upstream's records, and pulls from nobody else.
// Its upstream sends it contact details: over TLS, or on loopback.
absl::Status CheckRosterUpstream(const ServerConfig& config) {
  if (config.roster_upstream().empty()) return absl::OkStatus();
  WPS_RETURN_IF_ERROR(CheckAddress(config.roster_upstream(), "roster_upstream"));
  if (config.services() != "matching") {
    return absl::InvalidArgumentError(
        "--roster_upstream makes a matching replica: run it with --services=matching alone");
  }
  if (!config.peers().empty()) {
    return absl::InvalidArgumentError(
        "--roster_upstream and --peer exclude each other: a matching replica gets partners' records from "
        "its upstream");
  }
  if (!config.tls().cert().empty() && (config.network().empty() || config.tls().ca().empty())) {
    return absl::InvalidArgumentError(
        "--roster_upstream with TLS needs --network and --tls_ca: the roster node's certificate, signed by "
        "that CA, must name this network");
  }
  if (config.tls().cert().empty() && !common::IsLoopbackAddress(config.roster_upstream())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--roster_upstream=", config.roster_upstream(),
        " is not a loopback address: give --tls_cert, --tls_key and --tls_ca (a certificate naming this network)"));
  }
  return absl::OkStatus();
}

}  // namespace

bool Authenticates(const ServerConfig& config) {
  return !config.tokens_file().empty() || !config.tls().ca().empty();
}

ServerConfig DefaultConfig() {
  ServerConfig config;
  config.set_listen("127.0.0.1:50051");
  config.set_data_dir("./data");
  config.set_services("all");
  return config;
}

absl::StatusOr<ServerConfig> LoadConfigFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read config file ", path));
  std::stringstream text;
  text << file.rdbuf();
  return ParseConfigText(text.str(), path);
}

absl::StatusOr<ServerConfig> ParseConfigText(absl::string_view text, absl::string_view source) {
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  ServerConfig config;
  if (!parser.ParseFromString(std::string(text), &config)) {
    return absl::InvalidArgumentError(absl::StrCat("config file ", source, ": ", errors.error()));
  }
  return config;
}

ServerConfig Overlay(ServerConfig base, const ServerConfig& flags) {
  const auto* reflection = flags.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(flags, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->is_repeated()) continue;
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      base.GetReflection()->MutableMessage(&base, field)->MergeFrom(reflection->GetMessage(flags, field));
    } else {
      base.GetReflection()->SetString(&base, field, reflection->GetString(flags, field));
    }
  }
  for (const config::v1::Peer& peer : flags.peers()) *base.add_peers() = peer;
  return base;
}

absl::StatusOr<ServerConfig> Finalize(ServerConfig config) {
  WPS_RETURN_IF_ERROR(CheckAddress(config.listen(), "listen"));
  WPS_RETURN_IF_ERROR(CheckServices(config.services()));
  if (config.data_dir().empty()) return absl::InvalidArgumentError("--data_dir must not be empty");
  if (!config.network().empty() && !vocab::IsResourceId(config.network())) {
    return absl::InvalidArgumentError(
        absl::StrCat("--network=", config.network(), " is not a network id [a-z0-9][a-z0-9-]{0,62}"));
  }
  for (const auto& [address, flag] : {std::pair{config.metrics_listen(), "metrics_listen"},
                                      std::pair{config.health_listen(), "health_listen"}}) {
    if (!address.empty()) WPS_RETURN_IF_ERROR(CheckAddress(address, flag));
  }
  if (config.min_free_disk_mb().empty()) config.set_min_free_disk_mb("100");
  if (int64_t mib = 0; !absl::SimpleAtoi(config.min_free_disk_mb(), &mib) || mib < 0) {
    return absl::InvalidArgumentError(absl::StrCat("--min_free_disk_mb=", config.min_free_disk_mb(),
                                                   " is not a whole number of MiB (0 or more)"));
  }
  if (config.backup_dir().empty()) config.set_backup_dir(absl::StrCat(config.data_dir(), "-backups"));
  WPS_RETURN_IF_ERROR(CheckTls(config.tls()));
  WPS_RETURN_IF_ERROR(CheckHttpListen(config));
  WPS_RETURN_IF_ERROR(CheckPeers(config));
  WPS_RETURN_IF_ERROR(CheckFeedRetention(config.feed_retention()));
  WPS_RETURN_IF_ERROR(CheckRosterUpstream(config));
  if (config.rate_limit().empty()) config.set_rate_limit(std::string(kDefaultRateLimit));
  WPS_RETURN_IF_ERROR(common::ParseRateLimit(config.rate_limit()).status());
  if (!Authenticates(config) && !common::IsLoopbackAddress(config.listen())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to listen on ", config.listen(),
        " without authentication: configure --tokens_file or mutual TLS, or listen on 127.0.0.1"));
  }
  return config;
}

absl::StatusOr<config::v1::Peer> ParsePeerFlag(absl::string_view value) {
  std::vector<absl::string_view> parts = absl::StrSplit(value, absl::MaxSplits('=', 1));
  if (parts.size() != 2 || !vocab::IsResourceId(parts[0])) {
    return absl::InvalidArgumentError(absl::StrCat("--peer=", value, " is not NETWORK=HOST:PORT"));
  }
  WPS_RETURN_IF_ERROR(CheckAddress(parts[1], "peer"));
  config::v1::Peer peer;
  peer.set_network(std::string(parts[0]));
  peer.set_address(std::string(parts[1]));
  return peer;
}

absl::Duration FeedRetentionOf(const ServerConfig& config) {
  absl::Duration retention = sync::kDefaultFeedRetention;
  // Finalize() checked it parses.
  if (!config.feed_retention().empty()) absl::ParseDuration(config.feed_retention(), &retention);
  return retention;
}

bool IsMatchingReplica(const ServerConfig& config) { return !config.roster_upstream().empty(); }

bool Serves(const ServerConfig& config, absl::string_view service) {
  if (config.services() == "all") return true;
  for (absl::string_view name : absl::StrSplit(config.services(), ',')) {
    if (name == service) return true;
  }
  return false;
}

storage::StoreOptions StoreOptionsOf(const ServerConfig& config) {
  storage::StoreOptions options;
  options.data_dir = config.data_dir();
  int64_t mib = 0;
  if (absl::SimpleAtoi(config.min_free_disk_mb(), &mib) && mib >= 0)
    options.min_free_disk_bytes = uint64_t(mib) << 20;
  return options;
}

}  // namespace wps::wpsd
