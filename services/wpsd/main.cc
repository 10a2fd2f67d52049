// wpsd: the WPS Roster server. Flags, config, signals; everything else is in Server.
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "services/wpsd/server.h"
#include "services/wpsd/server_config.h"

ABSL_FLAG(std::string, listen, "", "gRPC listen address host:port (default 127.0.0.1:50051)");
ABSL_FLAG(std::string, data_dir, "", "directory of the embedded RocksDB store (default ./data)");
ABSL_FLAG(std::string, config, "", "optional text-format wps.config.v1.ServerConfig file");
ABSL_FLAG(std::string, services, "", "services to run: all (default) or a subset of roster,matching,balance,sync");
ABSL_FLAG(std::string, network, "", "the network id this server is authoritative for");
ABSL_FLAG(std::string, http_listen, "", "web console and JSON API address (off unless set)");
ABSL_FLAG(std::string, metrics_listen, "", "Prometheus /metrics address (off unless set)");
ABSL_FLAG(
    std::string, health_listen, "",
    "plaintext gRPC address serving only grpc.health.v1 for probes, host:port (off unless set)");
ABSL_FLAG(std::string, min_free_disk_mb, "",
          "refuse writes while fewer MiB are free on the data dir's file system (default 100); "
          "reads go on");
ABSL_FLAG(std::string, backup_dir, "", "backup directory (default DATA_DIR-backups)");
ABSL_FLAG(std::vector<std::string>, peer, {},
          "partners to pull from, NETWORK=HOST:PORT (repeatable, or comma-separated)");
ABSL_FLAG(std::string, tls_cert, "", "TLS certificate (PEM) of the listener");
ABSL_FLAG(std::string, tls_key, "", "TLS private key (PEM) of the listener");
ABSL_FLAG(std::string, tls_ca, "", "CA (PEM) whose client certificates are accepted (mutual TLS)");
ABSL_FLAG(std::string, tokens_file, "", "bearer tokens: lines of SHA256_HEX ROLE NETWORK PRINCIPAL");
ABSL_FLAG(std::string, feed_retention, "",
          "how long the change feed keeps its entries (default 720h); partners offline longer resync");
ABSL_FLAG(std::string, roster_upstream, "",
          "matching replica: host:port of this network's roster node, whose records it follows "
          "(with --services=matching)");
ABSL_FLAG(std::string, rate_limit, "",
          "requests a second per principal (token or partner certificate), \"N/s\" or \"off\" (default 200/s)");
ABSL_FLAG(std::string, ready_file, "", "write the bound host:port to this file once serving");
ABSL_FLAG(int, shutdown_grace_seconds, 10, "on SIGTERM/SIGINT, time given to calls in flight");

namespace wps::wpsd {
namespace {

// Every value given to --NAME, in order: absl keeps only the last occurrence of a flag, and API.md makes
// --peer repeatable. Comma-separated values are split.
std::vector<std::string> RepeatedFlagValues(int argc, char** argv, absl::string_view name) {
  const std::string equals = absl::StrCat("--", name, "="), bare = absl::StrCat("--", name);
  std::vector<std::string> values;
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") break;
    absl::string_view value;
    if (absl::StartsWith(arg, equals)) {
      value = arg.substr(equals.size());
    } else if (arg == bare && i + 1 < argc) {
      value = argv[++i];
    } else {
      continue;
    }
    for (absl::string_view part : absl::StrSplit(value, ',', absl::SkipEmpty())) values.emplace_back(part);
  }
  return values;
}

absl::StatusOr<ServerConfig> FlagsAsConfig(const std::vector<std::string>& peers) {
  ServerConfig flags;
  flags.set_listen(absl::GetFlag(FLAGS_listen));
  flags.set_data_dir(absl::GetFlag(FLAGS_data_dir));
  flags.set_services(absl::GetFlag(FLAGS_services));
  flags.set_network(absl::GetFlag(FLAGS_network));
  flags.set_http_listen(absl::GetFlag(FLAGS_http_listen));
  flags.set_metrics_listen(absl::GetFlag(FLAGS_metrics_listen));
  flags.set_health_listen(absl::GetFlag(FLAGS_health_listen));
  flags.set_min_free_disk_mb(absl::GetFlag(FLAGS_min_free_disk_mb));
  flags.set_backup_dir(absl::GetFlag(FLAGS_backup_dir));
  flags.set_tokens_file(absl::GetFlag(FLAGS_tokens_file));
  flags.set_feed_retention(absl::GetFlag(FLAGS_feed_retention));
  flags.set_roster_upstream(absl::GetFlag(FLAGS_roster_upstream));
  flags.set_rate_limit(absl::GetFlag(FLAGS_rate_limit));
  for (const std::string& value : peers) {
    WPS_ASSIGN_OR_RETURN(*flags.add_peers(), ParsePeerFlag(value));
  }
  const std::string cert = absl::GetFlag(FLAGS_tls_cert), key = absl::GetFlag(FLAGS_tls_key),
                    ca = absl::GetFlag(FLAGS_tls_ca);
  if (!cert.empty() || !key.empty() || !ca.empty()) {
    flags.mutable_tls()->set_cert(cert);
    flags.mutable_tls()->set_key(key);
    flags.mutable_tls()->set_ca(ca);
  }
  return flags;
}

absl::StatusOr<ServerConfig> ResolveConfig(const std::vector<std::string>& peers) {
  ServerConfig config = DefaultConfig();
  if (const std::string path = absl::GetFlag(FLAGS_config); !path.empty()) {
    WPS_ASSIGN_OR_RETURN(ServerConfig file, LoadConfigFile(path));
    config = Overlay(std::move(config), file);
  }
  WPS_ASSIGN_OR_RETURN(ServerConfig flags, FlagsAsConfig(peers));
  return Finalize(Overlay(std::move(config), flags));
}

absl::Status WriteReadyFile(const std::string& path, const std::string& address) {
  if (path.empty()) return absl::OkStatus();
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp);
    out << address << "\n";
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", temp));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot rename ", temp, " to ", path));
  }
  return absl::OkStatus();
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "wpsd: %s\n", std::string(status.message()).c_str());
  return 1;
}

int Run(const std::vector<std::string>& peers) {
  absl::StatusOr<ServerConfig> config = ResolveConfig(peers);
  if (!config.ok()) return Fail(config.status());

  // Signals are taken by one thread with sigwait, so every other thread (gRPC's) must block them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(*config);
  if (!server.ok()) return Fail(server.status());
  if (absl::Status ready = WriteReadyFile(absl::GetFlag(FLAGS_ready_file), (*server)->address());
      !ready.ok()) {
    return Fail(ready);
  }
  LogInfo(absl::StrCat("wpsd serving ", config->services(), " on ", (*server)->address(), ", data dir ",
                       config->data_dir(), config->network().empty() ? "" : ", network ",
                       config->network()));

  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    LogInfo(absl::StrCat("wpsd received ", signal_number == SIGINT ? "SIGINT" : "SIGTERM",
                         "; draining calls in flight"));
    (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  });
  (*server)->Wait();
  signal_waiter.join();
  server->reset();  // closes the store: flushes and releases the data dir lock
  LogInfo("wpsd stopped");
  return 0;
}

}  // namespace
}  // namespace wps::wpsd

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the WPS Roster server.\n\n"
      "  wpsd [--listen=127.0.0.1:50051] [--data_dir=./data] [--config=FILE] [--network=ID]\n\n"
      "Serves wps.roster.v1.RosterService, grpc.health.v1.Health and server reflection.\n"
      "Query it with wpsctl (wpsctl --help). Stops cleanly on SIGTERM or SIGINT.");
  const std::vector<std::string> peers = wps::wpsd::RepeatedFlagValues(argc, argv, "peer");
  absl::ParseCommandLine(argc, argv);
  return wps::wpsd::Run(peers);
}
