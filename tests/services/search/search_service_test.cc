// SearchMediators through a real in-process wpsd (gRPC on 127.0.0.1, RocksDB in a temp dir): folding
// and transliteration, facets, paging and its tokens, field violations in the status details, and
// read-your-writes across RPCs.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/wpsd/server.h"
#include "tests/services/loopback_server.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::search {
namespace {

using ::wps::service_testing::ViolationFields;

namespace rv1 = ::wps::roster::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

rv1::Mediator Person(const std::string& given_name, const std::string& family_name, const std::string& bio = "") {
  rv1::Mediator m;
  m.set_given_name(given_name);
  m.set_family_name(family_name);
  m.set_bio(bio);
  return m;
}

std::vector<std::string> IdsOf(const rv1::SearchMediatorsResponse& response) {
  std::vector<std::string> ids;
  for (const rv1::Mediator& m : response.mediators()) ids.push_back(m.name().substr(m.name().rfind('/') + 1));
  return ids;
}

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(server_, service_testing::StartLoopbackServer(dir_.Join("data")));
    stub_ = rv1::RosterService::NewStub(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
    for (const char* id : {"nordic", "femwise-africa"}) {
      rv1::CreateNetworkRequest request;
      request.set_network_id(id);
      request.mutable_network()->set_display_name(id);
      grpc::ClientContext context;
      rv1::Network network;
      ASSERT_TRUE(stub_->CreateNetwork(&context, request, &network).ok());
    }
    rv1::Mediator ingrid = Person("Ingrid", "Sigurðardóttir", "Facilitated ceasefire talks in Khartoum.");
    ingrid.add_regions("SD");
    ingrid.add_expertise("ceasefire-security-arrangements");
    Create("nordic", "ingrid", ingrid);
    rv1::Mediator amal = Person("Amal", "Mohammed", "Negotiation support.");
    amal.add_regions("015");
    amal.add_expertise("power-sharing");
    Create("femwise-africa", "amal", amal);
    rv1::Mediator lan = Person("Нгуен", "Лан", "Negotiation support in the Mekong.");
    lan.add_regions("VN");
    lan.add_expertise("power-sharing");
    Create("nordic", "lan", lan);
  }

  void Create(const std::string& network, const std::string& id, const rv1::Mediator& m) {
    rv1::CreateMediatorRequest request;
    request.set_parent(absl::StrCat("networks/", network));
    request.set_mediator_id(id);
    *request.mutable_mediator() = m;
    grpc::ClientContext context;
    rv1::Mediator created;
    const grpc::Status status = stub_->CreateMediator(&context, request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status Search(const rv1::SearchMediatorsRequest& request, rv1::SearchMediatorsResponse* response) {
    grpc::ClientContext context;
    return stub_->SearchMediators(&context, request, response);
  }

  std::vector<std::string> QueryIds(const std::string& query) {
    rv1::SearchMediatorsRequest request;
    request.set_query(query);
    rv1::SearchMediatorsResponse response;
    const grpc::Status status = Search(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return IdsOf(response);
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<wpsd::Server> server_;
  std::unique_ptr<rv1::RosterService::Stub> stub_;
};

TEST_F(SearchServiceTest, QueriesAreCaseAccentAndScriptInsensitive) {
  EXPECT_THAT(QueryIds("sigurdardottir"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("SIGURÐARDÓTTIR"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("sigur"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("محمد"), ElementsAre("amal"));
  EXPECT_THAT(QueryIds("nguyen"), ElementsAre("lan"));
  EXPECT_THAT(QueryIds("negotiation mekong"), ElementsAre("lan"));
  EXPECT_THAT(QueryIds("ingrid mekong"), IsEmpty());
}

TEST_F(SearchServiceTest, FiltersAndFacetsOverGrpc) {
  rv1::SearchMediatorsRequest request;
  request.add_countries_or_regions("015");
  request.add_facets("expertise");
  request.add_facets("networks");
  rv1::SearchMediatorsResponse response;
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_THAT(IdsOf(response), ElementsAre("amal", "ingrid"));  // SD is in 015; VN is not
  EXPECT_EQ(response.total_size(), 2);
  ASSERT_EQ(response.facet_counts_size(), 2);
  EXPECT_EQ(response.facet_counts(0).facet(), "expertise");
  ASSERT_EQ(response.facet_counts(0).values_size(), 2);
  EXPECT_EQ(response.facet_counts(0).values(0).value(), "ceasefire-security-arrangements");
  EXPECT_EQ(response.facet_counts(0).values(0).count(), 1);
  EXPECT_EQ(response.facet_counts(1).facet(), "networks");
  ASSERT_EQ(response.facet_counts(1).values_size(), 2);
  EXPECT_EQ(response.facet_counts(1).values(0).value(), "femwise-africa");

  request.add_networks("networks/nordic");
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_THAT(IdsOf(response), ElementsAre("ingrid"));
  // The networks facet leaves out the networks filter; the expertise facet applies it.
  EXPECT_EQ(response.facet_counts(1).values_size(), 2);
  ASSERT_EQ(response.facet_counts(0).values_size(), 1);
  EXPECT_EQ(response.facet_counts(0).values(0).value(), "ceasefire-security-arrangements");
}

TEST_F(SearchServiceTest, PagesAndTokensOverGrpc) {
  rv1::SearchMediatorsRequest request;
  request.set_page_size(1);
  std::vector<std::string> ids;
  for (int pages = 0; pages < 10; ++pages) {
    rv1::SearchMediatorsResponse page;
    ASSERT_TRUE(Search(request, &page).ok());
    EXPECT_EQ(page.total_size(), 3);
    for (const std::string& id : IdsOf(page)) ids.push_back(id);
    if (page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  EXPECT_THAT(ids, ElementsAre("amal", "ingrid", "lan"));

  request.clear_page_token();
  rv1::SearchMediatorsResponse first;
  ASSERT_TRUE(Search(request, &first).ok());
  rv1::SearchMediatorsRequest other;
  other.add_expertise("power-sharing");
  other.set_page_token(first.next_page_token());
  rv1::SearchMediatorsResponse response;
  const grpc::Status status = Search(other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status), ElementsAre("page_token"));
}

TEST_F(SearchServiceTest, UnknownValuesComeBackAsFieldViolations) {
  rv1::SearchMediatorsRequest request;
  auto* language = request.add_languages();
  language->set_code("xx");
  request.add_countries_or_regions("ZZ");
  request.add_expertise("astrology");
  request.add_roles("chair");
  request.add_availability(rv1::AVAILABILITY_UNSPECIFIED);
  request.add_facets("gender");
  rv1::SearchMediatorsResponse response;
  const grpc::Status status = Search(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status), UnorderedElementsAre("languages[0].code", "countries_or_regions[0]",
                                                           "expertise[0]", "roles[0]", "availability[0]",
                                                           "facets[0]"));
}

TEST_F(SearchServiceTest, WritesAreVisibleToTheNextSearch) {
  for (int i = 0; i < 5; ++i) {
    Create("femwise-africa", absl::StrCat("wanjiru-", i), Person("Wanjiru", absl::StrCat("Kamau", i, "z")));
    EXPECT_THAT(QueryIds(absl::StrCat("kamau", i, "z")), ElementsAre(absl::StrCat("wanjiru-", i)));
  }

  rv1::UpdateMediatorRequest update;
  update.mutable_mediator()->set_name("networks/nordic/mediators/ingrid");
  update.mutable_mediator()->set_bio("Now works on fisheries.");
  update.mutable_update_mask()->add_paths("bio");
  grpc::ClientContext update_context;
  rv1::Mediator updated;
  ASSERT_TRUE(stub_->UpdateMediator(&update_context, update, &updated).ok());
  EXPECT_THAT(QueryIds("fisheries"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("khartoum"), IsEmpty());

  rv1::DeleteMediatorRequest remove;
  remove.set_name("networks/nordic/mediators/ingrid");
  grpc::ClientContext delete_context;
  rv1::Mediator deleted;
  ASSERT_TRUE(stub_->DeleteMediator(&delete_context, remove, &deleted).ok());
  EXPECT_THAT(QueryIds("ingrid"), IsEmpty());
}

}  // namespace
}  // namespace wps::search
