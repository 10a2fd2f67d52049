#include "tests/e2e/mixed_load.h"

#include <atomic>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/sample/sample_roster.h"
#include "grpcpp/client_context.h"
#include "tests/testing/measure.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(30);
constexpr size_t kMaxNamesRead = 5000;
constexpr size_t kErrorSamples = 5;

absl::StatusOr<std::vector<std::string>> SomeLiveNames(Wpsd& wpsd) {
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/-");
  request.set_page_size(1000);
  std::vector<std::string> names;
  do {
    grpc::ClientContext context;
    roster::v1::ListMediatorsResponse page;
    const grpc::Status status = wpsd.roster().ListMediators(&context, request, &page);
    if (!status.ok()) return FromGrpcStatus(status);
    for (const auto& mediator : page.mediators()) names.push_back(mediator.name());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && names.size() < kMaxNamesRead);
  if (names.empty()) return absl::FailedPreconditionError("the server holds no records to read");
  return names;
}

// One client's loop; records into `result` under `mu`.
class Client {
 public:
  Client(Wpsd& wpsd, const MixedLoadOptions& options, const std::vector<std::string>& names,
         int number)
      : options_(options),
        names_(names),
        number_(number),
        random_(options.seed * 7919 + static_cast<uint64_t>(number)),
        generator_(options.seed * 104729 + static_cast<uint64_t>(number)),
        roster_(roster::v1::RosterService::NewStub(wpsd.channel())),
        matching_(matching::v1::MatchingService::NewStub(wpsd.channel())) {}

  void Run(absl::Time end, MixedLoadResult& result, std::mutex& mu) {
    while (absl::Now() < end) {
      const int dice = static_cast<int>(random_() % 100);
      const int reads = 40 + (20 - options_.write_percent);
      const char* kind = dice < reads        ? "get"
                         : dice < reads + 25 ? "search"
                         : dice < reads + 40 ? "shortlist"
                                             : "write";
      if (std::string(kind) == "shortlist" && options_.shortlists.empty()) kind = "search";
      if (std::string(kind) == "write")
        kind = created_.empty() || dice < 100 - options_.write_percent / 2 ? "create" : "update";
      const absl::Time start = absl::Now();
      const grpc::Status status = Call(kind);
      const double micros = absl::ToDoubleMicroseconds(absl::Now() - start);
      std::lock_guard<std::mutex> lock(mu);
      OperationStats& stats = result.operations[kind];
      ++stats.calls;
      stats.micros.push_back(micros);
      if (!status.ok()) {
        ++stats.errors;
        if (stats.error_samples.size() < kErrorSamples) {
          stats.error_samples.push_back(
              absl::StrCat(status.error_code(), ": ", status.error_message()));
        }
      }
    }
  }

 private:
  grpc::Status Call(const std::string& kind) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
    if (kind == "get") {
      roster::v1::GetMediatorRequest request;
      request.set_name(names_[random_() % names_.size()]);
      roster::v1::Mediator mediator;
      return roster_->GetMediator(&context, request, &mediator);
    }
    if (kind == "search") {
      static const char* kWords[] = {"amina",  "maria", "sig",   "nguyen",
                                     "fatima", "anna",  "grace", "le"};
      roster::v1::SearchMediatorsRequest request;
      request.set_query(kWords[random_() % std::size(kWords)]);
      request.add_facets("networks");
      request.add_facets("languages");
      request.set_page_size(20);
      roster::v1::SearchMediatorsResponse response;
      return roster_->SearchMediators(&context, request, &response);
    }
    if (kind == "shortlist") {
      matching::v1::Shortlist shortlist;
      return matching_->RequestShortlist(
          &context, options_.shortlists[random_() % options_.shortlists.size()], &shortlist);
    }
    return kind == "create" ? Create(context) : Update(context);
  }

  grpc::Status Create(grpc::ClientContext& context) {
    roster::v1::CreateMediatorRequest request;
    *request.mutable_mediator() = generator_.Next();
    request.mutable_mediator()->clear_name();
    request.mutable_mediator()->set_network(options_.write_network);
    request.mutable_mediator()->clear_chapter();  // the generated one belongs to its own network
    request.set_parent(absl::StrCat("networks/", options_.write_network));
    request.set_mediator_id(
        absl::StrCat("load-", options_.seed, "-c", number_, "-", created_.size()));
    roster::v1::Mediator created;
    const grpc::Status status = roster_->CreateMediator(&context, request, &created);
    if (status.ok()) created_.push_back(created.name());
    return status;
  }

  grpc::Status Update(grpc::ClientContext& context) {
    roster::v1::UpdateMediatorRequest request;
    request.mutable_mediator()->set_name(created_[random_() % created_.size()]);
    request.mutable_mediator()->set_bio(
        absl::StrCat("Updated under load, round ", random_() % 1000, "."));
    request.mutable_update_mask()->add_paths("bio");
    roster::v1::Mediator updated;
    return roster_->UpdateMediator(&context, request, &updated);
  }

  const MixedLoadOptions& options_;
  const std::vector<std::string>& names_;
  const int number_;
  std::mt19937_64 random_;
  sample::SampleRosterGenerator generator_;
  std::unique_ptr<roster::v1::RosterService::Stub> roster_;
  std::unique_ptr<matching::v1::MatchingService::Stub> matching_;
  std::vector<std::string> created_;
};

}  // namespace

absl::StatusOr<MixedLoadResult> RunMixedLoad(Wpsd& wpsd, const MixedLoadOptions& options) {
  absl::StatusOr<std::vector<std::string>> names = SomeLiveNames(wpsd);
  if (!names.ok()) return names.status();
  MixedLoadResult result;
  std::mutex mu;
  const absl::Time start = absl::Now();
  const absl::Time end = start + options.duration;
  std::vector<std::thread> threads;
  for (int number = 0; number < options.clients; ++number) {
    threads.emplace_back(
        [&, number] { Client(wpsd, options, *names, number).Run(end, result, mu); });
  }
  const int pid = wpsd.process().pid();
  for (absl::Time next = start; next <= end; next += absl::Milliseconds(500)) {
    std::this_thread::sleep_until(absl::ToChronoTime(next));
    const double mib = testing::StatusMiB(absl::StrCat("/proc/", pid, "/status"), "VmRSS");
    std::lock_guard<std::mutex> lock(mu);
    result.resident_mib.push_back(mib);
  }
  for (std::thread& thread : threads) thread.join();
  result.elapsed = absl::Now() - start;
  return result;
}

}  // namespace wps::e2e
