// wpsd's settings: the text-format ServerConfig file, the command-line flags over it, and the checks
// that refuse a configuration wpsd cannot run safely, each with a one-line reason.
#ifndef WPS_SERVICES_WPSD_SERVER_CONFIG_H_
#define WPS_SERVICES_WPSD_SERVER_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/store.h"
#include "wps/config/v1/server_config.pb.h"

namespace wps::wpsd {

using ServerConfig = ::wps::config::v1::ServerConfig;

// The defaults of API.md: listen 127.0.0.1:50051, data_dir ./data, services all, backup_dir
// DATA_DIR-backups (filled in by Finalize).
ServerConfig DefaultConfig();

// Parses the text-format ServerConfig in `path`. NOT_FOUND when the file cannot be read;
// INVALID_ARGUMENT naming the line and column of a syntax error.
absl::StatusOr<ServerConfig> LoadConfigFile(const std::string& path);

// Parses `text`, a text-format ServerConfig read from `source` (named in errors). INVALID_ARGUMENT
// naming the line and column of a syntax error.
absl::StatusOr<ServerConfig> ParseConfigText(absl::string_view text, absl::string_view source);

// Overlays each non-empty singular field of `flags` on `base` and appends flags' peers.
ServerConfig Overlay(ServerConfig base, const ServerConfig& flags);

inline constexpr absl::string_view kDefaultRateLimit = "200/s";

// Fills derived defaults (backup_dir, rate_limit kDefaultRateLimit) and checks the result.
// INVALID_ARGUMENT with a one-line reason for a malformed listen address, an unknown service name, a
// bad network id, a peer without --network or naming this network or given twice, a feed_retention
// that is not a positive duration, tls.cert without tls.key or the reverse, tls.ca without them, a
// roster_upstream with services other than "matching", with peers, on a non-loopback address without
// TLS, or with TLS but without network or tls.ca, a rate_limit that is not "N/s" or "off";
// FAILED_PRECONDITION for a non-loopback listener without authentication (neither tokens_file nor
// tls.ca) and for settings this build does not serve yet.
absl::StatusOr<ServerConfig> Finalize(ServerConfig config);

// True when `config` learns who calls: from bearer tokens (--tokens_file) or client certificates
// (--tls_ca). Without either, wpsd serves only loopback addresses, every caller the local
// administrator.
bool Authenticates(const ServerConfig& config);

// The store settings of a finalized config.
storage::StoreOptions StoreOptionsOf(const ServerConfig& config);

// True when `config` (after Finalize) runs `service` ("roster", "matching", ...) in this process.
bool Serves(const ServerConfig& config, absl::string_view service);

// How long the change feed keeps its entries: config.feed_retention (after Finalize), or
// sync::kDefaultFeedRetention.
absl::Duration FeedRetentionOf(const ServerConfig& config);

// True when `config` (after Finalize) is a matching replica: roster_upstream set.
bool IsMatchingReplica(const ServerConfig& config);

// Parses "NETWORK=HOST:PORT" (the --peer flag). INVALID_ARGUMENT otherwise.
absl::StatusOr<config::v1::Peer> ParsePeerFlag(absl::string_view value);

}  // namespace wps::wpsd

#endif  // WPS_SERVICES_WPSD_SERVER_CONFIG_H_
