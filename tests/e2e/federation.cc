#include "tests/e2e/federation.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/sample/sample_roster.h"
#include "grpcpp/client_context.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::wps::roster::v1::Mediator;

// SHA-256 of kFederationAdminToken.
constexpr char kAdminTokenHash[] = "d044f7addace2dad7af329ce3ad65a6b5fb22e0eca241a3562f6aadb75404926";
constexpr absl::Duration kCallTimeout = absl::Seconds(30);

bool Covers(const Mediator& record, const std::string& network) {
  const auto& with = record.consent().share_with();
  return record.consent().share_all() || std::find(with.begin(), with.end(), network) != with.end();
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
}

}  // namespace

std::string SharedDigest(const Mediator& record, uint64_t version, const std::string& partner) {
  Mediator sent = record;
  if (!sent.consent().contact_release()) sent.clear_contact();
  const bool named = std::find(sent.consent().share_with().begin(), sent.consent().share_with().end(), partner) !=
                     sent.consent().share_with().end();
  sent.mutable_consent()->clear_share_with();
  if (named) sent.mutable_consent()->add_share_with(partner);
  sent.clear_etag();
  sent.clear_origin_version();
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  sent.SerializeToCodedStream(&coded);
  coded.Trim();
  return absl::StrCat(record.name(), "@", version, ":", bytes.size(), ":", std::hash<std::string>()(bytes));
}

absl::StatusOr<std::unique_ptr<Federation>> Federation::Create(const std::string& dir,
                                                               std::vector<std::string> networks) {
  std::unique_ptr<Federation> federation(new Federation());
  federation->dir_ = dir;
  federation->cert_dir_ = absl::StrCat(dir, "/certs");
  federation->networks_ = std::move(networks);
  const std::string command = absl::StrCat("sh " WPS_SOURCE_DIR "/deploy/tls/make-test-certs.sh ",
                                           federation->cert_dir_, " ",
                                           absl::StrJoin(federation->networks_, " "), " >/dev/null");
  if (std::system(command.c_str()) != 0) return absl::InternalError(absl::StrCat("failed: ", command));
  federation->tokens_file_ = absl::StrCat(dir, "/tokens");
  std::ofstream(federation->tokens_file_) << "# the tests' administrator\n" << kAdminTokenHash << " admin - tests\n";
  for (size_t i = 0; i < federation->networks_.size(); ++i) {
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) return port.status();
    federation->ports_.push_back(*port);
    federation->data_dirs_.push_back(absl::StrCat(dir, "/", federation->networks_[i], "-data"));
  }
  federation->nodes_.resize(federation->networks_.size());
  federation->started_once_.resize(federation->networks_.size());
  return federation;
}

std::string Federation::address(size_t i) const { return absl::StrCat("127.0.0.1:", ports_[i]); }

absl::Status Federation::Start(size_t i, std::vector<std::string> extra_flags) {
  const std::string& network = networks_[i];
  std::vector<std::string> flags = {
      "--network=" + network,
      absl::StrCat("--tls_cert=", cert_dir_, "/", network, ".pem"),
      absl::StrCat("--tls_key=", cert_dir_, "/", network, ".key"),
      absl::StrCat("--tls_ca=", cert_dir_, "/ca.pem"),
      "--tokens_file=" + tokens_file_,
      "--shutdown_grace_seconds=2",
      // The harness polls as its one administrator, faster than any person would.
      "--rate_limit=off",
  };
  for (size_t peer = 0; peer < networks_.size(); ++peer) {
    if (peer != i) flags.push_back(absl::StrCat("--peer=", networks_[peer], "=", address(peer)));
  }
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  WpsdOptions options{data_dirs_[i], dir_, std::move(flags)};
  options.listen = address(i);
  options.credentials = AdminCredentials();
  absl::StatusOr<std::unique_ptr<Wpsd>> wpsd = Wpsd::Start(options);
  if (!wpsd.ok()) return wpsd.status();
  nodes_[i] = *std::move(wpsd);
  if (started_once_[i]) return absl::OkStatus();
  started_once_[i] = true;
  roster::v1::CreateNetworkRequest request;
  request.set_network_id(network);
  request.mutable_network()->set_display_name(network);
  for (const roster::v1::Network& sample : sample::GlobalAllianceNetworks()) {
    if (sample.name() == "networks/" + network) *request.mutable_network() = sample;
  }
  request.mutable_network()->clear_name();
  grpc::ClientContext context;
  SetDeadline(context);
  roster::v1::Network created;
  const absl::Status status = FromGrpcStatus(nodes_[i]->roster().CreateNetwork(&context, request, &created));
  return absl::IsAlreadyExists(status) ? absl::OkStatus() : status;
}

absl::StatusOr<std::unique_ptr<Wpsd>> Federation::StartMatchingReplica(size_t i, const std::string& data_dir) {
  const std::string& network = networks_[i];
  WpsdOptions options{data_dir, dir_,
                      {"--network=" + network, absl::StrCat("--tls_cert=", cert_dir_, "/", network, ".pem"),
                       absl::StrCat("--tls_key=", cert_dir_, "/", network, ".key"),
                       absl::StrCat("--tls_ca=", cert_dir_, "/ca.pem"), "--tokens_file=" + tokens_file_,
                       "--shutdown_grace_seconds=2", "--services=matching", "--roster_upstream=" + address(i),
                       "--rate_limit=off"}};
  options.credentials = AdminCredentials();
  return Wpsd::Start(options);
}

absl::Status Federation::StartAll(const std::vector<std::string>& extra_flags) {
  for (size_t i = 0; i < size(); ++i) {
    if (absl::Status started = Start(i, extra_flags); !started.ok()) return started;
  }
  return absl::OkStatus();
}

void Federation::Kill(size_t i) {
  nodes_[i]->Kill();
  nodes_[i].reset();
}

absl::Status Federation::Stop(size_t i) {
  absl::Status stopped = nodes_[i]->Stop();
  nodes_[i].reset();
  return stopped;
}

std::shared_ptr<grpc::ChannelCredentials> Federation::AdminCredentials() const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty(cert_dir_ + "/ca.pem");
  return grpc::CompositeChannelCredentials(grpc::SslCredentials(ssl),
                                           grpc::AccessTokenCredentials(kFederationAdminToken));
}

std::shared_ptr<grpc::ChannelCredentials> Federation::PartnerCredentials(const std::string& network,
                                                                         bool other_ca) const {
  const std::string dir = other_ca ? cert_dir_ + "/other-ca" : cert_dir_;
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty(cert_dir_ + "/ca.pem");
  ssl.pem_cert_chain = ReadFileOrEmpty(absl::StrCat(dir, "/", network, ".pem"));
  ssl.pem_private_key = ReadFileOrEmpty(absl::StrCat(dir, "/", network, ".key"));
  return grpc::SslCredentials(ssl);
}

absl::StatusOr<RecordsByOrigin> Federation::Records(size_t i) {
  RecordsByOrigin records;
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/-");
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    roster::v1::ListMediatorsResponse page;
    if (grpc::Status status = nodes_[i]->roster().ListMediators(&context, request, &page); !status.ok()) {
      return FromGrpcStatus(status);
    }
    for (Mediator& record : *page.mutable_mediators()) {
      records[record.origin_network()][record.name()] = std::move(record);
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return records;
}

absl::StatusOr<sync::v1::SyncStatus> Federation::SyncStatus(size_t i) {
  auto stub = sync::v1::SyncService::NewStub(nodes_[i]->channel());
  grpc::ClientContext context;
  SetDeadline(context);
  sync::v1::SyncStatus status;
  if (grpc::Status called = stub->GetSyncStatus(&context, {}, &status); !called.ok()) {
    return FromGrpcStatus(called);
  }
  return status;
}

std::string Federation::Difference(size_t i, size_t origin, const RecordsByOrigin& held,
                                   const RecordsByOrigin& own) const {
  std::vector<std::string> expected, actual;
  if (auto it = own.find(networks_[origin]); it != own.end()) {
    for (const auto& [name, record] : it->second) {
      uint64_t version = 0;
      if (Covers(record, networks_[i]) && absl::SimpleAtoi(record.etag(), &version)) {
        expected.push_back(SharedDigest(record, version, networks_[i]));
      }
    }
  }
  if (auto it = held.find(networks_[origin]); it != held.end()) {
    for (const auto& [name, record] : it->second) {
      actual.push_back(SharedDigest(record, record.origin_version(), networks_[i]));
    }
  }
  if (expected == actual) return "";
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  return absl::StrCat(networks_[i], " holds ", actual.size(), " of ", networks_[origin], "'s records, should hold ",
                      expected.size(), "; missing or stale: ", missing.empty() ? "-" : missing.front(),
                      " (", missing.size(), "); extra or stale: ", extra.empty() ? "-" : extra.front(), " (",
                      extra.size(), ")");
}

absl::Status Federation::AwaitConverged(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string difference;
  while (true) {
    std::vector<RecordsByOrigin> views(size());
    for (size_t i = 0; i < size(); ++i) {
      if (!running(i)) continue;
      absl::StatusOr<RecordsByOrigin> records = Records(i);
      if (!records.ok()) return records.status();
      views[i] = *std::move(records);
    }
    difference.clear();
    for (size_t i = 0; i < size() && difference.empty(); ++i) {
      for (size_t origin = 0; origin < size() && difference.empty(); ++origin) {
        if (origin != i && running(i) && running(origin)) difference = Difference(i, origin, views[i], views[origin]);
      }
    }
    if (difference.empty()) return absl::OkStatus();
    if (absl::Now() > deadline) return absl::FailedPreconditionError(difference);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace wps::e2e
