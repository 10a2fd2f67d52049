#include "tests/e2e/wpsd_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/sample/sample_roster.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace wps::e2e {
namespace {

std::atomic<int> next_log_number{1};

// The first line of the ready file once wpsd has renamed it into place (it writes a temporary file
// first, so a file that exists is complete).
std::optional<std::string> ReadyAddress(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::nullopt;
  std::string text = ReadFileOrEmpty(path);
  const size_t newline = text.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  return text.substr(0, newline);
}

// Polls for the ready file: wpsd gives no other signal that it serves. Bounded by `deadline`, and cut
// short when the process exits.
absl::StatusOr<std::string> AwaitReadyFile(Process& process, const std::string& path, absl::Time deadline) {
  while (true) {
    if (std::optional<std::string> address = ReadyAddress(path)) return *address;
    if (std::optional<ExitStatus> exit = process.TryWait()) {
      return absl::UnavailableError(
          absl::StrCat("wpsd exited (", exit->ToString(), ") before it was ready: ", process.Stderr()));
    }
    if (absl::Now() > deadline) {
      process.Signal(SIGKILL);
      return absl::DeadlineExceededError(absl::StrCat("wpsd wrote no ready file in time: ", process.Stderr()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

std::string BinDir() {
  if (const char* dir = std::getenv("WPS_BIN_DIR"); dir != nullptr && *dir != '\0') return dir;
  std::error_code error;
  return std::filesystem::read_symlink("/proc/self/exe", error).parent_path().string();
}

std::string BinPath(const std::string& name) { return absl::StrCat(BinDir(), "/", name); }

ProcessOptions LoggedProcess(const std::string& log_dir, const std::string& stem, std::vector<std::string> argv) {
  const std::string base = absl::StrCat(log_dir, "/", stem, "-", next_log_number++);
  return ProcessOptions{std::move(argv), base + ".stdout", base + ".stderr"};
}

absl::StatusOr<std::unique_ptr<Wpsd>> Wpsd::Start(const WpsdOptions& options) {
  std::vector<std::string> argv = {BinPath("wpsd"), "--data_dir=" + options.data_dir, "--listen=" + options.listen};
  ProcessOptions process_options = LoggedProcess(options.log_dir, "wpsd", std::move(argv));
  const std::string ready_file = absl::StrCat(absl::StripSuffix(process_options.stdout_path, ".stdout"), ".ready");
  process_options.argv.push_back("--ready_file=" + ready_file);
  for (const std::string& flag : options.extra_flags) process_options.argv.push_back(flag);

  const absl::Time deadline = absl::Now() + options.start_timeout;
  std::unique_ptr<Wpsd> wpsd(new Wpsd());
  absl::StatusOr<std::unique_ptr<Process>> process = Process::Start(process_options);
  if (!process.ok()) return process.status();
  wpsd->process_ = *std::move(process);
  absl::StatusOr<std::string> address = AwaitReadyFile(*wpsd->process_, ready_file, deadline);
  if (!address.ok()) return address.status();
  wpsd->address_ = *address;
  wpsd->channel_ = grpc::CreateChannel(
      wpsd->address_, options.credentials ? options.credentials : grpc::InsecureChannelCredentials());
  if (!wpsd->channel_->WaitForConnected(absl::ToChronoTime(deadline))) {
    return absl::DeadlineExceededError(absl::StrCat("no connection to wpsd at ", wpsd->address_));
  }
  wpsd->roster_ = roster::v1::RosterService::NewStub(wpsd->channel_);
  return wpsd;
}

absl::StatusOr<int> PickFreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::UnavailableError("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!bound) return absl::UnavailableError("cannot bind a free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

absl::Status Wpsd::Stop(absl::Duration timeout) {
  process_->Signal(SIGTERM);
  absl::StatusOr<ExitStatus> exit = process_->Wait(timeout);
  if (!exit.ok()) {
    Kill();
    return exit.status();
  }
  if (!exit->Success()) {
    return absl::InternalError(absl::StrCat("wpsd ended with ", exit->ToString(), ": ", Stderr()));
  }
  return absl::OkStatus();
}

void Wpsd::Kill() {
  process_->Signal(SIGKILL);
  // SIGKILL cannot be caught: the wait ends as soon as the kernel has torn the process down.
  (void)process_->Wait(absl::Seconds(30));
}

absl::StatusOr<RunResult> RunWpsctl(const std::string& server, const std::vector<std::string>& args,
                                    const std::string& log_dir, absl::Duration timeout) {
  std::vector<std::string> argv = {BinPath("wpsctl"), "--server=" + server};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(LoggedProcess(log_dir, "wpsctl", std::move(argv)), timeout);
}

absl::Status CreateGlobalAllianceNetworks(roster::v1::RosterService::Stub& roster) {
  for (const roster::v1::Network& network : sample::GlobalAllianceNetworks()) {
    roster::v1::CreateNetworkRequest request;
    request.set_network_id(std::string(absl::StripPrefix(network.name(), "networks/")));
    *request.mutable_network() = network;
    request.mutable_network()->clear_name();
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    roster::v1::Network created;
    if (grpc::Status status = roster.CreateNetwork(&context, request, &created); !status.ok()) {
      return FromGrpcStatus(status);
    }
  }
  return absl::OkStatus();
}

}  // namespace wps::e2e
