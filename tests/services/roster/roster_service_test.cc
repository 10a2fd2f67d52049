// RosterService through a real gRPC server on 127.0.0.1 over a real RocksDB store in a temp dir.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/roster/mediator_csv.h"
#include "services/wpsd/server.h"
#include "tests/services/loopback_server.h"
#include "tests/testing/temp_dir.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::roster {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

v1::Mediator ValidMediator() {
  v1::Mediator m;
  m.set_given_name("Ingrid");
  m.set_family_name("Sigurðardóttir");
  m.set_chapter("NO");
  m.add_nationalities("NO");
  auto* native = m.add_languages();
  native->set_code("no");
  native->set_level(wps::type::LANGUAGE_LEVEL_NATIVE);
  auto* english = m.add_languages();
  english->set_code("en");
  english->set_level(wps::type::LANGUAGE_LEVEL_C2);
  m.add_regions("SD");
  m.add_regions("015");
  m.add_expertise("ceasefire-security-arrangements");
  m.add_roles("mediator");
  m.set_years_experience(12);
  m.set_bio("Former envoy; facilitated ceasefire talks in Sudan.");
  m.mutable_contact()->set_email("ingrid@example.org");
  m.mutable_consent()->set_share_all(true);
  return m;
}

// The field violations in the status details of `status`, as (field, description) pairs.
std::vector<std::pair<std::string, std::string>> Violations(const grpc::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) out.emplace_back(v.field(), v.description());
  }
  return out;
}

std::vector<std::string> Fields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const auto& [field, description] : Violations(status)) fields.push_back(field);
  return fields;
}

class RosterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(""); }

  void StartServer(const std::string& network) {
    stub_.reset();
    server_.reset();
    auto server = service_testing::StartLoopbackServer(dir_.Join("data"), network);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::RosterService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
    for (const char* id : {"nordic", "femwise-africa", "arab-women-mediators"}) {
      CreateNetwork(id, {"NO", "SE", "KE"});
    }
  }

  void CreateNetwork(const std::string& id, std::vector<std::string> chapters) {
    v1::CreateNetworkRequest request;
    request.set_network_id(id);
    request.mutable_network()->set_display_name(absl::StrCat("Network ", id));
    for (const auto& c : chapters) request.mutable_network()->add_chapters(c);
    grpc::ClientContext context;
    v1::Network network;
    grpc::Status status = stub_->CreateNetwork(&context, request, &network);
    ASSERT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::ALREADY_EXISTS)
        << status.error_message();
  }

  grpc::Status Create(const std::string& id, const v1::Mediator& m, v1::Mediator* out,
                      const std::string& parent = "networks/nordic") {
    v1::CreateMediatorRequest request;
    request.set_parent(parent);
    request.set_mediator_id(id);
    *request.mutable_mediator() = m;
    grpc::ClientContext context;
    return stub_->CreateMediator(&context, request, out);
  }

  grpc::Status Get(const std::string& name, v1::Mediator* out) {
    v1::GetMediatorRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    return stub_->GetMediator(&context, request, out);
  }

  grpc::Status List(const std::string& parent, int page_size, const std::string& token, bool show_deleted,
                    v1::ListMediatorsResponse* out) {
    v1::ListMediatorsRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(token);
    request.set_show_deleted(show_deleted);
    grpc::ClientContext context;
    return stub_->ListMediators(&context, request, out);
  }

  grpc::Status Delete(const std::string& name, const std::string& etag, v1::Mediator* out) {
    v1::DeleteMediatorRequest request;
    request.set_name(name);
    request.set_etag(etag);
    grpc::ClientContext context;
    return stub_->DeleteMediator(&context, request, out);
  }

  grpc::Status Import(const std::vector<std::string>& chunks, v1::ImportMediatorsResponse* out) {
    grpc::ClientContext context;
    auto writer = stub_->ImportMediators(&context, out);
    for (const std::string& chunk : chunks) {
      v1::ImportMediatorsRequest request;
      request.set_csv_chunk(chunk);
      if (!writer->Write(request)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  std::vector<std::string> ExportNames(const std::string& parent) {
    v1::ExportMediatorsRequest request;
    request.set_parent(parent);
    grpc::ClientContext context;
    auto reader = stub_->ExportMediators(&context, request);
    std::vector<std::string> names;
    v1::Mediator m;
    while (reader->Read(&m)) names.push_back(m.name());
    EXPECT_TRUE(reader->Finish().ok());
    return names;
  }

  testing::TempDir dir_;
  std::unique_ptr<wpsd::Server> server_;
  std::unique_ptr<v1::RosterService::Stub> stub_;
};

TEST_F(RosterServiceTest, CreateNetworkThenGetAndList) {
  v1::GetNetworkRequest request;
  request.set_name("networks/nordic");
  grpc::ClientContext context;
  v1::Network network;
  ASSERT_TRUE(stub_->GetNetwork(&context, request, &network).ok());
  EXPECT_EQ(network.display_name(), "Network nordic");
  EXPECT_THAT(network.chapters(), ElementsAre("NO", "SE", "KE"));
  EXPECT_TRUE(network.has_create_time());

  v1::ListNetworksRequest list_request;
  list_request.set_page_size(1);
  std::vector<std::string> names;
  do {
    grpc::ClientContext list_context;
    v1::ListNetworksResponse page;
    ASSERT_TRUE(stub_->ListNetworks(&list_context, list_request, &page).ok());
    ASSERT_EQ(page.networks_size(), 1);
    names.push_back(page.networks(0).name());
    list_request.set_page_token(page.next_page_token());
  } while (!list_request.page_token().empty());
  EXPECT_THAT(names, ElementsAre("networks/arab-women-mediators", "networks/femwise-africa",
                                 "networks/nordic"));
}

TEST_F(RosterServiceTest, CreateNetworkErrors) {
  v1::CreateNetworkRequest request;
  request.set_network_id("nordic");
  request.mutable_network()->set_display_name("Again");
  grpc::ClientContext context;
  v1::Network network;
  EXPECT_EQ(stub_->CreateNetwork(&context, request, &network).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  request.set_network_id("Bad_Id");
  request.mutable_network()->add_chapters("XX");
  grpc::ClientContext bad_context;
  grpc::Status status = stub_->CreateNetwork(&bad_context, request, &network);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(status), UnorderedElementsAre("network_id", "network.chapters[0]"));

  v1::GetNetworkRequest get;
  get.set_name("networks/absent");
  grpc::ClientContext get_context;
  EXPECT_EQ(stub_->GetNetwork(&get_context, get, &network).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RosterServiceTest, CreateMediatorFillsOutputAndDefaults) {
  v1::Mediator created;
  ASSERT_TRUE(Create("ingrid", ValidMediator(), &created).ok());
  EXPECT_EQ(created.name(), "networks/nordic/mediators/ingrid");
  EXPECT_EQ(created.network(), "nordic");
  EXPECT_EQ(created.origin_network(), "nordic");
  EXPECT_EQ(created.display_name(), "Ingrid Sigurðardóttir");
  EXPECT_EQ(created.availability(), v1::AVAILABLE);
  EXPECT_FALSE(created.etag().empty());
  EXPECT_TRUE(created.has_create_time());
  EXPECT_FALSE(created.has_delete_time());

  v1::Mediator read;
  ASSERT_TRUE(Get(created.name(), &read).ok());
  EXPECT_EQ(read.SerializeAsString(), created.SerializeAsString());
}

TEST_F(RosterServiceTest, CreateWithoutIdAssignsOne) {
  v1::Mediator a, b;
  ASSERT_TRUE(Create("", ValidMediator(), &a).ok());
  ASSERT_TRUE(Create("", ValidMediator(), &b).ok());
  EXPECT_THAT(a.name(), HasSubstr("networks/nordic/mediators/m"));
  EXPECT_NE(a.name(), b.name());
}

TEST_F(RosterServiceTest, CreateErrors) {
  v1::Mediator out;
  ASSERT_TRUE(Create("ingrid", ValidMediator(), &out).ok());
  EXPECT_EQ(Create("ingrid", ValidMediator(), &out).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Create("x", ValidMediator(), &out, "networks/absent").error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status bad_parent = Create("x", ValidMediator(), &out, "nordic");
  EXPECT_EQ(bad_parent.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad_parent), ElementsAre("parent"));
  EXPECT_THAT(Fields(Create("Bad Id", ValidMediator(), &out)), ElementsAre("mediator_id"));
}

TEST_F(RosterServiceTest, InvalidMediatorGetsFieldViolationsAndChangesNothing) {
  v1::Mediator m = ValidMediator();
  m.mutable_languages(1)->set_code("xx");
  m.add_expertise("astrology");
  m.set_years_experience(-3);
  auto* period = m.add_unavailable_periods();
  period->set_start("2027-04-15");
  period->set_end("2027-03-01");
  v1::Mediator out;
  grpc::Status status = Create("bad", m, &out);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields = Fields(status);
  EXPECT_THAT(fields, ::testing::IsSupersetOf({"mediator.languages[1].code", "mediator.expertise[1]",
                                               "mediator.years_experience"}));
  EXPECT_THAT(absl::StrJoin(fields, ","), HasSubstr("mediator.unavailable_periods[0]"));

  v1::ListMediatorsResponse page;
  ASSERT_TRUE(List("networks/-", 0, "", true, &page).ok());
  EXPECT_THAT(page.mediators(), IsEmpty());
}

TEST_F(RosterServiceTest, GetErrors) {
  v1::Mediator out;
  EXPECT_EQ(Get("networks/nordic/mediators/absent", &out).error_code(), grpc::StatusCode::NOT_FOUND);
  grpc::Status bad = Get("mediators/x", &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad), ElementsAre("name"));
}

TEST_F(RosterServiceTest, UpdateReplacesOnlyMaskedFields) {
  v1::Mediator created;
  ASSERT_TRUE(Create("ingrid", ValidMediator(), &created).ok());
  v1::UpdateMediatorRequest request;
  *request.mutable_mediator() = created;
  request.mutable_mediator()->set_bio("New bio");
  request.mutable_mediator()->set_years_experience(20);
  request.mutable_update_mask()->add_paths("bio");
  grpc::ClientContext context;
  v1::Mediator updated;
  ASSERT_TRUE(stub_->UpdateMediator(&context, request, &updated).ok());
  EXPECT_EQ(updated.bio(), "New bio");
  EXPECT_EQ(updated.years_experience(), 12);
  EXPECT_NE(updated.etag(), created.etag());

  // The old etag is stale now: ABORTED, and nothing changes.
  request.mutable_mediator()->set_bio("Lost update");
  grpc::ClientContext stale_context;
  EXPECT_EQ(stub_->UpdateMediator(&stale_context, request, &updated).error_code(),
            grpc::StatusCode::ABORTED);
  v1::Mediator read;
  ASSERT_TRUE(Get(created.name(), &read).ok());
  EXPECT_EQ(read.bio(), "New bio");
}

TEST_F(RosterServiceTest, UpdateErrors) {
  v1::Mediator created;
  ASSERT_TRUE(Create("ingrid", ValidMediator(), &created).ok());
  v1::UpdateMediatorRequest request;
  *request.mutable_mediator() = created;
  request.mutable_mediator()->clear_etag();
  request.mutable_update_mask()->add_paths("etag");
  v1::Mediator out;
  grpc::ClientContext mask_context;
  grpc::Status bad_mask = stub_->UpdateMediator(&mask_context, request, &out);
  EXPECT_EQ(bad_mask.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad_mask), ElementsAre("update_mask"));

  request.mutable_update_mask()->Clear();
  request.mutable_update_mask()->add_paths("languages");
  request.mutable_mediator()->mutable_languages(0)->set_code("zz");
  grpc::ClientContext value_context;
  grpc::Status bad_value = stub_->UpdateMediator(&value_context, request, &out);
  EXPECT_THAT(Fields(bad_value), ElementsAre("mediator.languages[0].code"));
  v1::Mediator read;
  ASSERT_TRUE(Get(created.name(), &read).ok());
  EXPECT_EQ(read.etag(), created.etag());

  request.mutable_mediator()->set_name("networks/nordic/mediators/absent");
  grpc::ClientContext absent_context;
  EXPECT_EQ(stub_->UpdateMediator(&absent_context, request, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RosterServiceTest, SoftDeleteAndUndelete) {
  v1::Mediator created, deleted, out;
  ASSERT_TRUE(Create("ingrid", ValidMediator(), &created).ok());
  EXPECT_EQ(Delete(created.name(), "999999", &out).error_code(), grpc::StatusCode::ABORTED);
  ASSERT_TRUE(Delete(created.name(), created.etag(), &deleted).ok());
  EXPECT_TRUE(deleted.has_delete_time());
  EXPECT_EQ(Get(created.name(), &out).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete(created.name(), "", &out).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListMediatorsResponse live, all;
  ASSERT_TRUE(List("networks/nordic", 0, "", false, &live).ok());
  EXPECT_EQ(live.mediators_size(), 0);
  ASSERT_TRUE(List("networks/nordic", 0, "", true, &all).ok());
  ASSERT_EQ(all.mediators_size(), 1);
  EXPECT_TRUE(all.mediators(0).has_delete_time());
  EXPECT_THAT(ExportNames(""), IsEmpty());

  v1::UndeleteMediatorRequest undelete;
  undelete.set_name(created.name());
  grpc::ClientContext context;
  v1::Mediator restored;
  ASSERT_TRUE(stub_->UndeleteMediator(&context, undelete, &restored).ok());
  EXPECT_FALSE(restored.has_delete_time());
  ASSERT_TRUE(Get(created.name(), &out).ok());
  grpc::ClientContext again;
  EXPECT_EQ(stub_->UndeleteMediator(&again, undelete, &restored).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(RosterServiceTest, ListPagesWithoutRepeatsOrGaps) {
  v1::Mediator out;
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(Create(absl::StrCat("m", 100 + i), ValidMediator(), &out).ok());
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListMediatorsResponse page;
    ASSERT_TRUE(List("networks/nordic", 10, token, false, &page).ok());
    for (const auto& m : page.mediators()) seen.push_back(m.name());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

TEST_F(RosterServiceTest, ListRejectsTokenOfOtherParameters) {
  v1::Mediator out;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Create(absl::StrCat("m", i), ValidMediator(), &out).ok());
  v1::ListMediatorsResponse page;
  ASSERT_TRUE(List("networks/nordic", 1, "", false, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  grpc::Status changed = List("networks/nordic", 1, page.next_page_token(), true, &page);
  EXPECT_EQ(changed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(changed), ElementsAre("page_token"));
  EXPECT_EQ(List("networks/nordic", 1, "garbage!", false, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(List("networks/nordic", -1, "", false, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(List("networks/absent", 1, "", false, &page).error_code(), grpc::StatusCode::NOT_FOUND);
}

std::string CsvOf(const std::vector<v1::Mediator>& mediators) {
  std::string csv = absl::StrCat(kMediatorCsvHeader, "\n");
  for (const auto& m : mediators) csv += MediatorToCsvLine(m);
  return csv;
}

v1::Mediator Row(const std::string& network, const std::string& id) {
  v1::Mediator m = ValidMediator();
  m.set_name(absl::StrCat("networks/", network, "/mediators/", id));
  m.set_network(network);
  m.set_availability(v1::AVAILABLE);
  return m;
}

TEST_F(RosterServiceTest, ImportUpsertsKeepsGoodRowsAndReportsBadOnes) {
  std::vector<v1::Mediator> rows = {Row("nordic", "a"), Row("nordic", "b"), Row("femwise-africa", "c"),
                                    Row("nordic", "d"), Row("absent", "e")};
  rows[1].mutable_languages(0)->set_code("xx");
  rows[3].add_expertise("astrology");
  rows[2].set_chapter("KE");
  const std::string csv = CsvOf(rows);
  // Chunks cut at odd places, inside fields.
  std::vector<std::string> chunks;
  for (size_t i = 0; i < csv.size(); i += 37) chunks.push_back(csv.substr(i, 37));
  v1::ImportMediatorsResponse response;
  ASSERT_TRUE(Import(chunks, &response).ok());
  EXPECT_EQ(response.created(), 2);
  EXPECT_EQ(response.failed(), 3);
  std::vector<std::pair<int64_t, std::string>> errors;
  for (const auto& e : response.errors()) errors.emplace_back(e.row(), e.field());
  EXPECT_THAT(errors, UnorderedElementsAre(Pair(3, "languages"), Pair(5, "expertise"), Pair(6, "network")));
  EXPECT_THAT(ExportNames(""), ElementsAre("networks/femwise-africa/mediators/c",
                                           "networks/nordic/mediators/a"));


  // Rows without contact or consent are unchanged by a re-import too.
  v1::Mediator bare = Row("nordic", "bare");
  bare.clear_contact();
  bare.clear_consent();
  v1::ImportMediatorsResponse first, second;
  ASSERT_TRUE(Import({CsvOf({bare})}, &first).ok());
  ASSERT_TRUE(Import({CsvOf({bare})}, &second).ok());
  EXPECT_EQ(second.unchanged(), 1);

  // Re-import: unchanged rows are not rewritten; a changed one is updated.
  rows[0].set_bio("Changed");
  v1::ImportMediatorsResponse again;
  ASSERT_TRUE(Import({CsvOf({rows[0], rows[2]})}, &again).ok());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.updated(), 1);
  EXPECT_EQ(again.unchanged(), 1);
}

// A network id too long for the small-string buffer once left origin_network pointing at freed memory.
TEST_F(RosterServiceTest, ImportSetsNetworkAndOriginOfLongNetworkIds) {
  v1::ImportMediatorsResponse response;
  ASSERT_TRUE(Import({CsvOf({Row("arab-women-mediators", "a")})}, &response).ok());
  ASSERT_EQ(response.created(), 1);
  v1::Mediator read;
  ASSERT_TRUE(Get("networks/arab-women-mediators/mediators/a", &read).ok());
  EXPECT_EQ(read.network(), "arab-women-mediators");
  EXPECT_EQ(read.origin_network(), "arab-women-mediators");
}

TEST_F(RosterServiceTest, ImportKeepsFieldsTheCsvDoesNotCarry) {
  v1::Mediator m = ValidMediator();
  m.set_display_name("Dr Ingrid S.");
  m.mutable_consent()->set_contact_release(true);
  v1::Mediator created;
  ASSERT_TRUE(Create("ingrid", m, &created).ok());
  v1::Mediator row = Row("nordic", "ingrid");
  row.set_bio("Imported bio");
  v1::ImportMediatorsResponse response;
  ASSERT_TRUE(Import({CsvOf({row})}, &response).ok());
  EXPECT_EQ(response.updated(), 1);
  v1::Mediator read;
  ASSERT_TRUE(Get(created.name(), &read).ok());
  EXPECT_EQ(read.bio(), "Imported bio");
  EXPECT_EQ(read.display_name(), "Dr Ingrid S.");
  EXPECT_TRUE(read.consent().contact_release());
  EXPECT_EQ(read.create_time().seconds(), created.create_time().seconds());
}

TEST_F(RosterServiceTest, ImportRejectsBadHeaderAndDuplicateRows) {
  v1::ImportMediatorsResponse response;
  grpc::Status bad_header = Import({"id,name\nx,y\n"}, &response);
  EXPECT_EQ(bad_header.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad_header), ElementsAre("csv_chunk"));
  EXPECT_THAT(Fields(Import({""}, &response)), ElementsAre("csv_chunk"));  // no header row
  ASSERT_TRUE(Import({CsvOf({Row("nordic", "a"), Row("nordic", "a")})}, &response).ok());
  EXPECT_EQ(response.created(), 1);
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).row(), 3);
  EXPECT_EQ(response.errors(0).field(), "id");
}

// A CSV id that is not a resource id would be stored under a name no other RPC accepts.
TEST_F(RosterServiceTest, ImportRejectsBadIdsAndReportsShortRowsOnce) {
  std::string csv = CsvOf({Row("nordic", "placeholder"), Row("nordic", "good"), Row("badnet", "fine-id")});
  csv.replace(csv.find("placeholder"), std::string("placeholder").size(), "Amina Diallo");
  csv.replace(csv.find("badnet"), std::string("badnet").size(), "Bad Net");  // only the network is bad
  csv += "short,row\n";
  v1::ImportMediatorsResponse response;
  ASSERT_TRUE(Import({csv}, &response).ok());
  EXPECT_EQ(response.created(), 1);
  EXPECT_EQ(response.failed(), 3);
  std::vector<std::pair<int64_t, std::string>> errors;
  for (const auto& e : response.errors()) errors.emplace_back(e.row(), e.field());
  EXPECT_THAT(errors, ElementsAre(Pair(2, "id"), Pair(4, "network"), Pair(5, "")));
  EXPECT_THAT(ExportNames(""), ElementsAre("networks/nordic/mediators/good"));
}

TEST_F(RosterServiceTest, ImportOfRecordsAndMixedSources) {
  grpc::ClientContext context;
  v1::ImportMediatorsResponse response;
  auto writer = stub_->ImportMediators(&context, &response);
  v1::ImportMediatorsRequest request;
  *request.mutable_mediators()->add_mediators() = Row("nordic", "r1");
  ASSERT_TRUE(writer->Write(request));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.created(), 1);

  grpc::ClientContext mixed_context;
  auto mixed = stub_->ImportMediators(&mixed_context, &response);
  ASSERT_TRUE(mixed->Write(request));
  v1::ImportMediatorsRequest csv;
  csv.set_csv_chunk(CsvOf({Row("nordic", "r2")}));
  mixed->Write(csv);
  mixed->WritesDone();
  EXPECT_EQ(mixed->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RosterServiceTest, ExportFiltersByNetworkInNameOrder) {
  v1::Mediator out;
  ASSERT_TRUE(Create("b", ValidMediator(), &out).ok());
  ASSERT_TRUE(Create("a", ValidMediator(), &out).ok());
  v1::Mediator kenyan = ValidMediator();
  kenyan.set_chapter("KE");
  ASSERT_TRUE(Create("c", kenyan, &out, "networks/femwise-africa").ok());
  EXPECT_THAT(ExportNames("networks/nordic"),
              ElementsAre("networks/nordic/mediators/a", "networks/nordic/mediators/b"));
  EXPECT_EQ(ExportNames("").size(), 3u);
}

TEST_F(RosterServiceTest, AuthoritativeServerRefusesOtherNetworks) {
  StartServer("nordic");
  v1::Mediator out;
  v1::Mediator kenyan = ValidMediator();
  kenyan.set_chapter("KE");
  EXPECT_EQ(Create("c", kenyan, &out, "networks/femwise-africa").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Create("a", ValidMediator(), &out).ok());
  EXPECT_EQ(out.origin_network(), "nordic");
}

}  // namespace
}  // namespace wps::roster
