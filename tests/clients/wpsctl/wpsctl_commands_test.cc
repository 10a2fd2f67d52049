// The search, shortlist and process commands against fake RosterService and MatchingService
// implementations served in-process: which requests they send (paging, limits, parsed files) and
// what they print and return.
#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/wpsctl/command_context.h"
#include "clients/wpsctl/matching_commands.h"
#include "clients/wpsctl/search_commands.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace wps::wpsctl {
namespace {

using matching::v1::PeaceProcess;
using matching::v1::Shortlist;
using roster::v1::SearchMediatorsRequest;
using roster::v1::SearchMediatorsResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// Serves `total` matches ("networks/nordic/mediators/m0".."m{total-1}") in pages of page_size (50
// when 0); the page token is the offset. A query of "fail" is refused.
class FakeRoster final : public roster::v1::RosterService::Service {
 public:
  explicit FakeRoster(int total) : total_(total) {}

  grpc::Status SearchMediators(grpc::ServerContext*, const SearchMediatorsRequest* request,
                               SearchMediatorsResponse* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(*request);
    if (request->query() == "fail") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "query refused");
    }
    const int offset = request->page_token().empty() ? 0 : std::stoi(request->page_token());
    const int end =
        std::min(total_, offset + (request->page_size() > 0 ? request->page_size() : 50));
    for (int i = offset; i < end; ++i) {
      response->add_mediators()->set_name(absl::StrCat("networks/nordic/mediators/m", i));
    }
    roster::v1::FacetCount* facet = response->add_facet_counts();
    facet->set_facet("languages");
    facet->add_values()->set_value("no");
    facet->mutable_values(0)->set_count(total_);
    response->set_total_size(total_);
    if (end < total_) response->set_next_page_token(absl::StrCat(end));
    return grpc::Status::OK;
  }

  std::vector<SearchMediatorsRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  const int total_;
  std::mutex mu_;
  std::vector<SearchMediatorsRequest> requests_;
};

// Remembers the last request of each method; knows one shortlist (shortlists/s1) and lists two
// processes one per page.
class FakeMatching final : public matching::v1::MatchingService::Service {
 public:
  grpc::Status RequestShortlist(grpc::ServerContext*, const matching::v1::ShortlistRequest* request,
                                Shortlist* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    shortlist_request_ = *request;
    *response = StoredShortlist();
    *response->mutable_request() = *request;
    return grpc::Status::OK;
  }
  grpc::Status GetShortlist(grpc::ServerContext*, const matching::v1::GetShortlistRequest* request,
                            Shortlist* response) override {
    if (request->name() != "shortlists/s1") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "no " + request->name());
    }
    *response = StoredShortlist();
    return grpc::Status::OK;
  }
  grpc::Status ListShortlists(grpc::ServerContext*,
                              const matching::v1::ListShortlistsRequest* request,
                              matching::v1::ListShortlistsResponse* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    list_shortlists_request_ = *request;
    *response->add_shortlists() = StoredShortlist();
    return grpc::Status::OK;
  }
  grpc::Status CreateProcess(grpc::ServerContext*,
                             const matching::v1::CreateProcessRequest* request,
                             PeaceProcess* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    create_process_request_ = *request;
    *response = request->process();
    response->set_name("processes/" + request->process_id());
    return grpc::Status::OK;
  }
  grpc::Status GetProcess(grpc::ServerContext*, const matching::v1::GetProcessRequest* request,
                          PeaceProcess* response) override {
    response->set_name(request->name());
    response->set_display_name("Got");
    return grpc::Status::OK;
  }
  grpc::Status ListProcesses(grpc::ServerContext*,
                             const matching::v1::ListProcessesRequest* request,
                             matching::v1::ListProcessesResponse* response) override {
    const bool first = request->page_token().empty();
    response->add_processes()->set_name(first ? "processes/a" : "processes/b");
    if (first) response->set_next_page_token("b");
    return grpc::Status::OK;
  }
  grpc::Status UpdateProcess(grpc::ServerContext*,
                             const matching::v1::UpdateProcessRequest* request,
                             PeaceProcess* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    update_process_request_ = *request;
    *response = request->process();
    return grpc::Status::OK;
  }

  static Shortlist StoredShortlist() {
    Shortlist shortlist;
    shortlist.set_name("shortlists/s1");
    shortlist.set_total_matched(9);
    matching::v1::Candidate* candidate = shortlist.add_candidates();
    candidate->mutable_mediator()->set_name("networks/nordic/mediators/ingrid");
    candidate->mutable_mediator()->set_display_name("Ingrid");
    candidate->set_score(0.5);
    return shortlist;
  }

  std::mutex mu_;
  matching::v1::ShortlistRequest shortlist_request_;
  matching::v1::ListShortlistsRequest list_shortlists_request_;
  matching::v1::CreateProcessRequest create_process_request_;
  matching::v1::UpdateProcessRequest update_process_request_;
};

class WpsctlCommandsTest : public ::testing::Test {
 protected:
  static constexpr int kTotal = 45;

  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&roster_);
    builder.RegisterService(&matching_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    roster_stub_ = roster::v1::RosterService::NewStub(channel_);
    matching_stub_ = matching::v1::MatchingService::NewStub(channel_);
    ctx_.stub = roster_stub_.get();
    ctx_.matching = matching_stub_.get();
    ctx_.out = &out_;
    ctx_.err = &err_;
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = dir_.Join(name);
    std::ofstream(path) << content;
    return path;
  }

  FakeRoster roster_{kTotal};
  FakeMatching matching_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<roster::v1::RosterService::Stub> roster_stub_;
  std::unique_ptr<matching::v1::MatchingService::Stub> matching_stub_;
  CommandContext ctx_;
  std::ostringstream out_;
  std::ostringstream err_;
  wps::testing::TempDir dir_;
};

size_t CountLines(const std::string& text, absl::string_view prefix) {
  size_t count = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) count += absl::StartsWith(line, prefix);
  return count;
}

TEST_F(WpsctlCommandsTest, SearchShowsTheFirstTwentyByDefault) {
  SearchOptions options;
  options.query = "ingrid";
  options.languages = "no:C1";
  ASSERT_EQ(SearchMediators(ctx_, options), kExitOk) << err_.str();
  const std::vector<SearchMediatorsRequest> requests = roster_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].page_size(), 20);
  EXPECT_EQ(requests[0].query(), "ingrid");
  EXPECT_EQ(requests[0].languages(0).min_level(), wps::type::LANGUAGE_LEVEL_C1);
  EXPECT_EQ(CountLines(out_.str(), "networks/nordic/mediators/m"), 20u);
  EXPECT_THAT(out_.str(),
              HasSubstr("\nlanguages: no 45\n45 matches, 20 shown (--limit=0 for all)\n"));
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(WpsctlCommandsTest, SearchLimitZeroFollowsEveryPage) {
  SearchOptions options;
  options.limit = 0;
  options.page_size = 10;
  ctx_.output = OutputFormat::kJson;
  ASSERT_EQ(SearchMediators(ctx_, options), kExitOk) << err_.str();
  const std::vector<SearchMediatorsRequest> requests = roster_.requests();
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_EQ(requests[0].page_token(), "");
  EXPECT_EQ(requests[4].page_token(), "40");
  EXPECT_EQ(requests[4].page_size(), 10);
  SearchMediatorsResponse combined;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out_.str(), &combined).ok())
      << out_.str();
  EXPECT_EQ(combined.mediators_size(), kTotal);
  EXPECT_EQ(combined.mediators(44).name(), "networks/nordic/mediators/m44");
  EXPECT_EQ(combined.total_size(), kTotal);
  ASSERT_EQ(combined.facet_counts_size(), 1);  // from the first page only
  EXPECT_EQ(combined.next_page_token(), "");
}

TEST_F(WpsctlCommandsTest, SearchLimitCutsTheLastPage) {
  SearchOptions options;
  options.limit = 25;
  options.page_size = 10;
  ctx_.output = OutputFormat::kCsv;
  ASSERT_EQ(SearchMediators(ctx_, options), kExitOk);
  EXPECT_EQ(roster_.requests().size(), 3u);
  EXPECT_THAT(out_.str(), StartsWith("id,network,"));
  EXPECT_EQ(CountLines(out_.str(), "m"), 25u);
  EXPECT_EQ(err_.str(), "wpsctl: wrote 25 of 45 matches; --limit=0 for all\n");
}

TEST_F(WpsctlCommandsTest, SearchBadFlagIsAUsageErrorWithoutACall) {
  SearchOptions options;
  options.languages = "ar:Z9";
  EXPECT_EQ(SearchMediators(ctx_, options), kExitUsage);
  EXPECT_THAT(err_.str(), StartsWith("wpsctl: --language: \"Z9\" in \"ar:Z9\" is not a level"));
  EXPECT_THAT(roster_.requests(), IsEmpty());
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(WpsctlCommandsTest, SearchRefusedExitsOne) {
  SearchOptions options;
  options.query = "fail";
  EXPECT_EQ(SearchMediators(ctx_, options), kExitFailure);
  EXPECT_EQ(err_.str(), "wpsctl: INVALID_ARGUMENT: query refused\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(WpsctlCommandsTest, ShortlistSendsTheRequestOfTheFile) {
  const std::string path = WriteFile("request.json", R"({"process": "processes/sudan",
      "requiredLanguages": [{"code": "ar", "minLevel": "C1"}], "count": 3})");
  ASSERT_EQ(RequestShortlist(ctx_, path), kExitOk) << err_.str();
  EXPECT_EQ(matching_.shortlist_request_.process(), "processes/sudan");
  EXPECT_EQ(matching_.shortlist_request_.required_languages(0).min_level(),
            wps::type::LANGUAGE_LEVEL_C1);
  EXPECT_EQ(matching_.shortlist_request_.count(), 3);
  EXPECT_THAT(out_.str(), StartsWith("RANK  CANDIDATE"));
  EXPECT_THAT(out_.str(), HasSubstr("\n1 candidate of 9 matched; stored as shortlists/s1\n"));
}

TEST_F(WpsctlCommandsTest, ShortlistFileProblemsAreUsageErrors) {
  EXPECT_EQ(RequestShortlist(ctx_, ""), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("shortlist needs --file"));
  EXPECT_EQ(RequestShortlist(ctx_, dir_.Join("missing.json")), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read"));
  const std::string bad = WriteFile("bad.json", R"({"count": "ten"})");
  EXPECT_EQ(RequestShortlist(ctx_, bad), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr(bad + ": not a ShortlistRequest in proto-JSON"));
}

TEST_F(WpsctlCommandsTest, ShortlistGetAndList) {
  ctx_.output = OutputFormat::kJson;
  ASSERT_EQ(GetShortlist(ctx_, "s1"), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"name\": \"shortlists/s1\""));
  EXPECT_EQ(GetShortlist(ctx_, "shortlists/other"), kExitFailure);
  EXPECT_EQ(err_.str(), "wpsctl: NOT_FOUND: no shortlists/other\n");
  EXPECT_EQ(GetShortlist(ctx_, "Bad Name"), kExitUsage);

  out_.str("");
  ctx_.output = OutputFormat::kTable;
  ASSERT_EQ(ListShortlists(ctx_, "sudan", ListOptions()), kExitOk);
  EXPECT_EQ(matching_.list_shortlists_request_.process(), "processes/sudan");
  EXPECT_THAT(out_.str(), HasSubstr("\nshortlists/s1  "));
  EXPECT_EQ(ListShortlists(ctx_, "Sudan!", ListOptions()), kExitUsage);
}

TEST_F(WpsctlCommandsTest, ProcessCreateGetListUpdate) {
  const std::string path = WriteFile("sudan.json", R"({"displayName": "Sudan talks",
      "countries": ["SD"], "stage": "negotiation", "track": "1.5"})");
  ASSERT_EQ(CreateProcess(ctx_, {path, "sudan"}), kExitOk) << err_.str();
  EXPECT_EQ(matching_.create_process_request_.process_id(), "sudan");
  EXPECT_EQ(matching_.create_process_request_.process().stage(), PeaceProcess::NEGOTIATION);
  EXPECT_THAT(out_.str(), HasSubstr("\nprocesses/sudan  Sudan talks "));
  EXPECT_THAT(out_.str(), HasSubstr("  negotiation  1.5\n"));

  out_.str("");
  ASSERT_EQ(GetProcess(ctx_, "sudan"), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("\nprocesses/sudan  Got"));

  out_.str("");
  ctx_.output = OutputFormat::kCsv;
  ASSERT_EQ(ListProcesses(ctx_, ListOptions()), kExitOk);
  EXPECT_THAT(
      std::vector<std::string>(absl::StrSplit(out_.str(), '\n', absl::SkipEmpty())),
      ElementsAre(StartsWith("name,"), StartsWith("processes/a,"), StartsWith("processes/b,")));
  out_.str("");
  ASSERT_EQ(ListProcesses(ctx_, {0, 1}), kExitOk);
  EXPECT_THAT(out_.str(), Not(HasSubstr("processes/b")));

  ASSERT_EQ(UpdateProcess(ctx_, {"processes/sudan", path, "stage,displayName", "e1"}), kExitOk);
  const matching::v1::UpdateProcessRequest& update = matching_.update_process_request_;
  EXPECT_EQ(update.process().name(), "processes/sudan");
  EXPECT_EQ(update.process().etag(), "e1");
  EXPECT_THAT(update.update_mask().paths(), ElementsAre("stage", "display_name"));
  EXPECT_EQ(UpdateProcess(ctx_, {"sudan", "", "", ""}), kExitUsage);
}

}  // namespace
}  // namespace wps::wpsctl
