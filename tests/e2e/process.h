// A child process for end-to-end tests: started with fork/exec, stdin from /dev/null, stdout and stderr
// into files, waited for with a deadline, signalled, and never left behind.
//
// The child gets PR_SET_PDEATHSIG(SIGKILL), so it dies when the thread that started it ends (a test
// killed by its runner's timeout leaves no server behind). Start children from the test's own thread,
// not from a short-lived helper thread.
//
// Thread safety: Signal() and pid() may be called from any thread; Wait()/TryWait() from one at a time.
#ifndef WPS_TESTS_E2E_PROCESS_H_
#define WPS_TESTS_E2E_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace wps::e2e {

// How a child ended.
struct ExitStatus {
  bool exited = false;  // ended through exit(); `code` holds its code
  int code = -1;
  int signal = 0;  // the signal that killed it, when !exited

  bool Success() const { return exited && code == 0; }
  std::string ToString() const;
};

struct ProcessOptions {
  // argv[0] is the path of the program; it is not looked up on PATH.
  std::vector<std::string> argv;
  // Where the child's stdout and stderr go (created or truncated).
  std::string stdout_path;
  std::string stderr_path;
};

class Process {
 public:
  // Starts the child. INTERNAL when fork fails; a child that cannot exec its program exits 127.
  static absl::StatusOr<std::unique_ptr<Process>> Start(const ProcessOptions& options);

  // Kills (SIGKILL) and reaps the child if it is still running.
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  const ProcessOptions& options() const { return options_; }

  // Waits until the child ends or `timeout` passes. DEADLINE_EXCEEDED when it is still running then.
  // Returns the same status again once the child has been reaped.
  absl::StatusOr<ExitStatus> Wait(absl::Duration timeout);
  // The exit status when the child has already ended, nullopt while it runs.
  std::optional<ExitStatus> TryWait();

  // Sends `signal` to the child; does nothing once it has been reaped.
  void Signal(int signal);

  // The text the child wrote so far.
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  Process(ProcessOptions options, pid_t pid) : options_(std::move(options)), pid_(pid) {}
  // Non-blocking waitpid; true when the child was reaped (now or earlier).
  bool Reap();

  ProcessOptions options_;
  pid_t pid_;
  std::optional<ExitStatus> exit_;
};

// Runs a program to completion. DEADLINE_EXCEEDED (after killing it) when it takes longer than `timeout`.
struct RunResult {
  ExitStatus exit;
  std::string out;
  std::string err;
};
absl::StatusOr<RunResult> RunProcess(const ProcessOptions& options, absl::Duration timeout);

// The whole content of a file; an empty string when it cannot be read.
std::string ReadFileOrEmpty(const std::string& path);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_PROCESS_H_
