#include "tests/e2e/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"

extern char** environ;

namespace wps::e2e {
namespace {

ExitStatus FromWaitStatus(int status) {
  ExitStatus exit;
  if (WIFEXITED(status)) {
    exit.exited = true;
    exit.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    exit.signal = WTERMSIG(status);
  }
  return exit;
}

// Runs in the child between fork and exec: only async-signal-safe calls, nothing allocated.
[[noreturn]] void ExecChild(char* const* argv, const char* out_path, const char* err_path,
                            pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
  const int in = open("/dev/null", O_RDONLY);
  const int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0) _exit(127);
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
  // gRPC's threads block signals in the parent; the child must start with a clean mask.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execve(argv[0], argv, environ);
  _exit(127);
}

// A file descriptor that becomes readable when `pid` ends (Linux >= 5.3), or -1.
int OpenPidFd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (exited) return absl::StrCat("exit code ", code);
  if (signal != 0) return absl::StrCat("killed by signal ", signal);
  return "unknown exit";
}

absl::StatusOr<std::unique_ptr<Process>> Process::Start(const ProcessOptions& options) {
  if (options.argv.empty()) return absl::InvalidArgumentError("empty argv");
  std::vector<char*> argv;
  for (const std::string& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError(absl::StrCat("fork: ", strerror(errno)));
  if (pid == 0) ExecChild(argv.data(), options.stdout_path.c_str(), options.stderr_path.c_str(), parent);
  return std::unique_ptr<Process>(new Process(options, pid));
}

Process::~Process() {
  if (!Reap()) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

bool Process::Reap() {
  if (exit_) return true;
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  while (done < 0 && errno == EINTR) done = waitpid(pid_, &status, WNOHANG);
  if (done != pid_) return false;
  exit_ = FromWaitStatus(status);
  return true;
}

std::optional<ExitStatus> Process::TryWait() {
  if (Reap()) return exit_;
  return std::nullopt;
}

absl::StatusOr<ExitStatus> Process::Wait(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  const int pidfd = exit_ ? -1 : OpenPidFd(pid_);
  while (!Reap()) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      if (pidfd >= 0) close(pidfd);
      return absl::DeadlineExceededError(absl::StrCat(options_.argv[0], " (pid ", pid_,
                                                      ") still running after ", absl::FormatDuration(timeout)));
    }
    if (pidfd >= 0) {
      // Sleeps exactly until the child ends or the deadline passes.
      pollfd fd{pidfd, POLLIN, 0};
      poll(&fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // kernels without pidfd: poll waitpid
    }
  }
  if (pidfd >= 0) close(pidfd);
  return *exit_;
}

void Process::Signal(int signal) {
  if (!exit_) kill(pid_, signal);
}

std::string Process::Stdout() const { return ReadFileOrEmpty(options_.stdout_path); }
std::string Process::Stderr() const { return ReadFileOrEmpty(options_.stderr_path); }

absl::StatusOr<RunResult> RunProcess(const ProcessOptions& options, absl::Duration timeout) {
  absl::StatusOr<std::unique_ptr<Process>> process = Process::Start(options);
  if (!process.ok()) return process.status();
  absl::StatusOr<ExitStatus> exit = (*process)->Wait(timeout);
  if (!exit.ok()) {
    (*process)->Signal(SIGKILL);
    return absl::DeadlineExceededError(
        absl::StrCat(exit.status().message(), "; stderr: ", (*process)->Stderr()));
  }
  return RunResult{*exit, (*process)->Stdout(), (*process)->Stderr()};
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace wps::e2e
