// Running wpsd for years: the probes' health port, Prometheus metrics and request ids, twenty kill
// -9 under write load, a full or read-only disk, and a mixed load from many clients.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/e2e/acknowledged_writer.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/grpc_probe.h"
#include "tests/e2e/mixed_load.h"
#include "tests/testing/measure.h"
#include "tests/testing/status_matchers.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::Duration kCallTimeout = absl::Seconds(10);

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

// The body of http://127.0.0.1:PORT/PATH (HTTP/1.0, whole response read); UNAVAILABLE when it
// cannot connect.
absl::StatusOr<std::string> HttpGet(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return absl::UnavailableError(
        absl::StrCat("connect to port ", port, ": ", std::strerror(errno)));
  }
  const std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
  if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return absl::UnavailableError("short write");
  }
  std::string response;
  char buffer[8192];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof(buffer))) > 0;)
    response.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  const size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? response : response.substr(body + 4);
}

grpc::Status GetMediator(Wpsd& wpsd, const std::string& name, const std::string& request_id = "",
                         std::string* answered_id = nullptr) {
  roster::v1::GetMediatorRequest request;
  request.set_name(name);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
  roster::v1::Mediator mediator;
  const grpc::Status status = wpsd.roster().GetMediator(&context, request, &mediator);
  if (answered_id != nullptr) {
    auto it = context.GetServerTrailingMetadata().find("x-request-id");
    answered_id->assign(it == context.GetServerTrailingMetadata().end()
                            ? ""
                            : std::string(it->second.data(), it->second.size()));
  }
  return status;
}

TEST_F(E2eTest, HealthPortMetricsAndRequestIdsAnswer) {
  ASSERT_OK_AND_ASSIGN(const int health_port, PickFreePort());
  ASSERT_OK_AND_ASSIGN(const int metrics_port, PickFreePort());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd,
                       StartWpsd({absl::StrCat("--health_listen=127.0.0.1:", health_port),
                                  absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port)}));
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));

  // The probes' port answers health in plain text and serves nothing else.
  auto probe_channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port),
                                           grpc::InsecureChannelCredentials());
  ASSERT_OK_AND_ASSIGN(std::string health, CheckHealth(probe_channel, "", kCallTimeout));
  EXPECT_EQ(health, "SERVING");
  {
    auto roster = roster::v1::RosterService::NewStub(probe_channel);
    grpc::ClientContext context;
    roster::v1::ListNetworksResponse networks;
    EXPECT_EQ(roster->ListNetworks(&context, {}, &networks).error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
  }

  // A request id offered by the client comes back; without one the server makes one.
  std::string answered;
  EXPECT_EQ(GetMediator(*wpsd, "networks/nordic/mediators/nobody", "support-case-42", &answered)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(answered, "support-case-42");
  EXPECT_EQ(GetMediator(*wpsd, "networks/nordic/mediators/nobody", "", &answered).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(answered.size(), 16u);

  ASSERT_OK_AND_ASSIGN(const std::string metrics, HttpGet(metrics_port, "/metrics"));
  EXPECT_THAT(metrics, HasSubstr("wps_rpc_requests_total{code=\"NOT_FOUND\",method=\"/"
                                 "wps.roster.v1.RosterService/GetMediator\"} 2"));
  EXPECT_THAT(metrics, HasSubstr("wps_rpc_requests_total{code=\"OK\",method=\"/"
                                 "wps.roster.v1.RosterService/CreateNetwork\"} 6"));
  EXPECT_THAT(
      metrics,
      HasSubstr(
          "wps_rpc_duration_seconds_bucket{method=\"/wps.roster.v1.RosterService/GetMediator\""));
  EXPECT_THAT(metrics, HasSubstr("wps_search_index_records 0"));
  EXPECT_THAT(metrics, HasSubstr("wps_rocksdb_background_errors_total 0"));
  EXPECT_THAT(metrics, HasSubstr("wps_data_dir_free_bytes "));
  // Counts and sizes only: nothing of a record, no principal.
  EXPECT_FALSE(absl::StrContains(metrics, "nobody"));

  EXPECT_OK(wpsd->Stop());
}

// Every change of the feed, in order, as the administrator's mirror view (what a matching replica
// or an auditor following the feed receives).
absl::StatusOr<std::vector<sync::v1::Change>> WholeFeed(Wpsd& wpsd) {
  auto sync = sync::v1::SyncService::NewStub(wpsd.channel());
  std::vector<sync::v1::Change> changes;
  sync::v1::PullRequest request;
  request.set_max_changes(1000);
  for (bool more = true; more;) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
    sync::v1::PullResponse page;
    const grpc::Status status = sync->Pull(&context, request, &page);
    if (!status.ok()) return FromGrpcStatus(status);
    for (sync::v1::Change& change : *page.mutable_changes()) changes.push_back(std::move(change));
    request.set_cursor(page.next_cursor());
    more = page.has_more();
  }
  return changes;
}

TEST_F(E2eTest, TwentyKillsUnderWriteLoadLoseNoAcknowledgedWriteAndLeaveNoGapInTheFeed) {
  constexpr int kKills = 20;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  std::vector<std::string> acknowledged;
  for (int kill = 0; kill < kKills; ++kill) {
    AcknowledgedWriter writer(wpsd->roster(), absl::StrCat("k", kill), 1000 + kill);
    const bool wrote = writer.AwaitAcknowledged(25, absl::Seconds(60));
    writer.ExpectFailures();
    wpsd->Kill();
    writer.StopAndJoin();
    ASSERT_TRUE(wrote) << "kill " << kill << ": only " << writer.acknowledged().size()
                       << " acknowledged";
    EXPECT_THAT(writer.unexpected_errors(), IsEmpty()) << "kill " << kill;
    ASSERT_OK_AND_ASSIGN(wpsd, StartWpsd());
    for (const std::string& name : writer.acknowledged()) {
      const grpc::Status status = GetMediator(*wpsd, name);
      EXPECT_TRUE(status.ok()) << "kill " << kill << ": " << name
                               << " was acknowledged and is gone: " << status.error_message();
    }
    acknowledged.insert(acknowledged.end(), writer.acknowledged().begin(),
                        writer.acknowledged().end());
  }

  // A follower reading the feed from the start meets every acknowledged record, versions in order.
  ASSERT_OK_AND_ASSIGN(const std::vector<sync::v1::Change> feed, WholeFeed(*wpsd));
  std::set<std::string> fed;
  uint64_t last_version = 0;
  for (const sync::v1::Change& change : feed) {
    EXPECT_GT(change.version(), last_version) << change.name();
    last_version = change.version();
    fed.insert(change.name());
  }
  for (const std::string& name : acknowledged)
    EXPECT_TRUE(fed.count(name)) << name << " is missing from the feed";
  EXPECT_GE(acknowledged.size(), static_cast<size_t>(kKills * 25));
  EXPECT_OK(wpsd->Stop());
}

// A small tmpfs of its own under the test's temp dir, unmounted at the end; skips the test where
// this process may not mount (it needs root, as in CI's chroot).
class SmallDisk {
 public:
  explicit SmallDisk(std::string path) : path_(std::move(path)) {
    std::filesystem::create_directories(path_);
    mounted_ = ::mount("tmpfs", path_.c_str(), "tmpfs", 0, "size=48m") == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  // Fills the disk until only `left` bytes are free, with one file; Free() deletes it.
  void FillLeaving(uint64_t left) {
    const std::filesystem::space_info space = std::filesystem::space(path_);
    std::ofstream filler(path_ + "/filler", std::ios::binary);
    const std::string megabyte(1 << 20, 'x');
    for (uint64_t written = 0; written + left < space.available; written += megabyte.size())
      filler << megabyte;
  }
  void Free() { std::filesystem::remove(path_ + "/filler"); }
  // Remounts the disk read-only, or writable again; false (with errno) when the kernel refuses.
  bool SetReadOnly(bool read_only) {
    return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT | (read_only ? MS_RDONLY : 0),
                   "size=48m") == 0;
  }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

grpc::Status CreateOne(Wpsd& wpsd, const std::string& id) {
  roster::v1::CreateMediatorRequest request;
  request.set_parent("networks/nordic");
  request.set_mediator_id(id);
  request.mutable_mediator()->set_given_name("Ingrid");
  request.mutable_mediator()->set_family_name("Solberg");
  auto* language = request.mutable_mediator()->add_languages();
  language->set_code("no");
  language->set_level(type::LANGUAGE_LEVEL_NATIVE);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  roster::v1::Mediator created;
  return wpsd.roster().CreateMediator(&context, request, &created);
}

TEST_F(E2eTest, AFullDiskRefusesWritesClearlyKeepsServingReadsAndRecovers) {
  SmallDisk disk(Path("small-disk"));
  if (!disk.mounted())
    GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << "); needs root";
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Wpsd> wpsd,
      Wpsd::Start(WpsdOptions{Path("small-disk/data"), LogDir(), {"--min_free_disk_mb=8"}}));
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  ASSERT_TRUE(CreateOne(*wpsd, "before").ok());
  disk.FillLeaving(12 << 20);

  // An import larger than the room left: it stops with a status that says why.
  ASSERT_OK_AND_ASSIGN(RunResult sample, Wpsctl(*wpsd, {"gen-sample", "--count=20000", "--seed=7",
                                                        "--out=" + Path("big.csv")}));
  ASSERT_TRUE(sample.exit.Success()) << sample.err;
  ASSERT_OK_AND_ASSIGN(RunResult import, Wpsctl(*wpsd, {"import", Path("big.csv")}));
  EXPECT_FALSE(import.exit.Success());
  EXPECT_THAT(import.err, HasSubstr("RESOURCE_EXHAUSTED: disk nearly full")) << wpsd->Stderr();
  const grpc::Status refused = CreateOne(*wpsd, "while-full");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("--min_free_disk_mb"));

  // Reads go on.
  EXPECT_TRUE(GetMediator(*wpsd, "networks/nordic/mediators/before").ok());
  ASSERT_OK_AND_ASSIGN(RunResult search, Wpsctl(*wpsd, {"search", "ingrid"}));
  EXPECT_TRUE(search.exit.Success()) << search.err;
  ASSERT_OK_AND_ASSIGN(std::string health, CheckHealth(wpsd->channel(), "", kCallTimeout));
  EXPECT_EQ(health, "SERVING");

  // Space comes back: so do writes, without a restart.
  disk.Free();
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  grpc::Status after = CreateOne(*wpsd, "after");
  while (!after.ok() && absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = CreateOne(*wpsd, "after");
  }
  EXPECT_TRUE(after.ok()) << after.error_message();
  EXPECT_OK(wpsd->Stop());
  // A restart on a full disk serves reads too.
  disk.FillLeaving(4 << 20);
  ASSERT_OK_AND_ASSIGN(
      wpsd, Wpsd::Start(WpsdOptions{Path("small-disk/data"), LogDir(), {"--min_free_disk_mb=8"}}));
  EXPECT_TRUE(GetMediator(*wpsd, "networks/nordic/mediators/after").ok());
  EXPECT_EQ(CreateOne(*wpsd, "full-again").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_OK(wpsd->Stop());
}

std::vector<matching::v1::ShortlistRequest> SomeShortlistRequests() {
  std::vector<matching::v1::ShortlistRequest> requests(3);
  requests[0].add_process_countries("SD");
  requests[0].add_preferred_languages("ar");
  requests[0].add_preferred_languages("en");
  requests[0].set_count(20);
  auto* arabic = requests[1].add_required_languages();
  arabic->set_code("ar");
  arabic->set_min_level(type::LANGUAGE_LEVEL_B2);
  requests[1].set_max_per_network(3);
  requests[2].add_process_countries("CO");
  requests[2].add_preferred_expertise("ceasefire-security-arrangements");
  requests[2].set_count(100);
  return requests;
}

TEST_F(E2eTest, MixedLoadFromManyClientsHasNoErrorsAndFlatMemory) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, StartWpsd());
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  ASSERT_OK_AND_ASSIGN(RunResult sample, Wpsctl(*wpsd, {"gen-sample", "--count=3000", "--seed=11",
                                                        "--out=" + Path("roster.csv")}));
  ASSERT_TRUE(sample.exit.Success()) << sample.err;
  ASSERT_OK_AND_ASSIGN(RunResult import, Wpsctl(*wpsd, {"import", Path("roster.csv")}));
  ASSERT_TRUE(import.exit.Success()) << import.err;

  MixedLoadOptions options;
  options.clients = 16;
  options.duration = absl::Seconds(8);
  options.shortlists = SomeShortlistRequests();
  ASSERT_OK_AND_ASSIGN(const MixedLoadResult load, RunMixedLoad(*wpsd, options));
  for (const char* kind : {"get", "search", "shortlist", "create", "update"}) {
    const OperationStats& stats =
        load.operations.count(kind) ? load.operations.at(kind) : OperationStats();
    EXPECT_GT(stats.calls, 0) << kind;
    EXPECT_EQ(stats.errors, 0) << kind << ": " << ::testing::PrintToString(stats.error_samples);
    std::vector<double> micros = stats.micros;
    const std::string summary =
        absl::StrCat(stats.calls, " calls, p50 ", testing::Percentile(micros, 50) / 1000,
                     " ms, p99 ", testing::Percentile(micros, 99) / 1000, " ms");
    RecordProperty(kind, summary);
    std::cout << kind << ": " << summary << "\n";
  }
  // Memory levels off: the last second's resident size is not far above the size once warm. (Not
  // under AddressSanitizer, whose quarantine of freed memory grows by hundreds of MiB by design.)
  ASSERT_GE(load.resident_mib.size(), 8u);
  const double warm = load.resident_mib[load.resident_mib.size() / 4];
  const double last = load.resident_mib.back();
  std::cout << "wpsd resident: " << warm << " MiB warm, " << last << " MiB at the end\n";
  if (!kUnderAddressSanitizer) {
    EXPECT_LT(last, warm * 1.25 + 32) << ::testing::PrintToString(load.resident_mib);
  }
  EXPECT_OK(wpsd->Stop());
}

TEST_F(E2eTest, AReadOnlyDataDirIsServedForReadingAndRefusesWritesClearly) {
  SmallDisk disk(Path("ro-disk"));
  if (!disk.mounted())
    GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << "); needs root";
  const WpsdOptions options{Path("ro-disk/data"), LogDir(), {"--min_free_disk_mb=4"}};
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> wpsd, Wpsd::Start(options));
  ASSERT_OK(CreateGlobalAllianceNetworks(wpsd->roster()));
  ASSERT_TRUE(CreateOne(*wpsd, "before").ok());
  ASSERT_OK(wpsd->Stop());

  // The kernel remounts a failing disk read-only; wpsd starts on it and serves what it holds.
  ASSERT_TRUE(disk.SetReadOnly(true)) << std::strerror(errno);
  ASSERT_OK_AND_ASSIGN(wpsd, Wpsd::Start(options));
  EXPECT_TRUE(GetMediator(*wpsd, "networks/nordic/mediators/before").ok());
  ASSERT_OK_AND_ASSIGN(RunResult search, Wpsctl(*wpsd, {"search", "ingrid"}));
  EXPECT_TRUE(search.exit.Success()) << search.err;
  EXPECT_THAT(search.out, HasSubstr("1 match"));
  const grpc::Status refused = CreateOne(*wpsd, "while-read-only");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(refused.error_message(), HasSubstr("read-only"));
  ASSERT_OK(wpsd->Stop());

  // Writable again: a restart takes writes.
  ASSERT_TRUE(disk.SetReadOnly(false)) << std::strerror(errno);
  ASSERT_OK_AND_ASSIGN(wpsd, Wpsd::Start(options));
  EXPECT_TRUE(CreateOne(*wpsd, "after").ok());
  EXPECT_OK(wpsd->Stop());
}

}  // namespace
}  // namespace wps::e2e
