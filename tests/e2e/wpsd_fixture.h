// A real wpsd process for end-to-end tests, and wpsctl runs against it.
//
// Wpsd::Start runs the binary on 127.0.0.1 with a port the kernel picks (--listen=127.0.0.1:0), waits
// (bounded) for the --ready_file it writes once serving, and connects a channel that is ready before
// Start returns. Binaries come from $WPS_BIN_DIR (wps_cc_test sets it to build/bin), else from the
// directory of the test executable.
//
// Thread safety: channel() and roster() may be used from any thread; Stop()/Kill() from the test's.
#ifndef WPS_TESTS_E2E_WPSD_FIXTURE_H_
#define WPS_TESTS_E2E_WPSD_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"
#include "tests/e2e/process.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {

// The directory holding wpsd and wpsctl.
std::string BinDir();
// BinDir() + "/" + name.
std::string BinPath(const std::string& name);

// A fresh pair of log file paths under `log_dir`, named after `stem` and numbered so restarts keep
// earlier logs.
ProcessOptions LoggedProcess(const std::string& log_dir, const std::string& stem, std::vector<std::string> argv);

struct WpsdOptions {
  std::string data_dir;
  // Where the ready file and the stdout/stderr logs go.
  std::string log_dir;
  // Flags added after --data_dir, --listen and --ready_file.
  std::vector<std::string> extra_flags;
  // Bounds the wait for the ready file and for the channel.
  absl::Duration start_timeout = absl::Seconds(60);
  // --listen; the default lets the kernel pick a free port.
  std::string listen = "127.0.0.1:0";
  // How channel() connects; null: without TLS or credentials.
  std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr;
};

// A port on 127.0.0.1 that was free a moment ago, for processes that must know each other's address
// before they start (a federation's peers).
absl::StatusOr<int> PickFreePort();

class Wpsd {
 public:
  // UNAVAILABLE with wpsd's stderr when it exits before it is ready; DEADLINE_EXCEEDED (after killing
  // it) when it is not ready within start_timeout.
  static absl::StatusOr<std::unique_ptr<Wpsd>> Start(const WpsdOptions& options);

  // Kills the process (SIGKILL) if it still runs.
  ~Wpsd() = default;

  // "127.0.0.1:PORT".
  const std::string& address() const { return address_; }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  roster::v1::RosterService::Stub& roster() { return *roster_; }
  Process& process() { return *process_; }
  std::string Stderr() const { return process_->Stderr(); }

  // SIGTERM, then waits up to `timeout`. OK when wpsd exits 0; INTERNAL with its exit status and
  // stderr otherwise; DEADLINE_EXCEEDED (after SIGKILL) when it is still running.
  absl::Status Stop(absl::Duration timeout = absl::Seconds(30));
  // SIGKILL, then reaps it: nothing gets to run its shutdown path.
  void Kill();

 private:
  Wpsd() = default;

  std::unique_ptr<Process> process_;
  std::string address_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<roster::v1::RosterService::Stub> roster_;
};

// Runs `wpsctl --server=SERVER ARGS...` to completion within `timeout`, logging under `log_dir`.
absl::StatusOr<RunResult> RunWpsctl(const std::string& server, const std::vector<std::string>& args,
                                    const std::string& log_dir, absl::Duration timeout = absl::Seconds(120));

// Creates the six networks of sample::GlobalAllianceNetworks() through `roster`.
absl::Status CreateGlobalAllianceNetworks(roster::v1::RosterService::Stub& roster);

// The status of a gRPC call as an absl::Status.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_WPSD_FIXTURE_H_
