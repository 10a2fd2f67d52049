// MatchingService's shortlists through a real gRPC server on 127.0.0.1 over a real RocksDB store in
// a temp dir: filling from the process, reasons, consent-scoped contact details, stored shortlists,
// errors, read-your-writes, and random rosters and requests against the brute-force oracle.
#include <cstdint>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/wpsd/server.h"
#include "tests/services/matching/ranking_oracle.h"
#include "services/common/token_table.h"
#include "tests/services/loopback_server.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::matching {
namespace {

using ::wps::service_testing::ViolationFields;

namespace rv1 = ::wps::roster::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> CandidateNames(const v1::Shortlist& shortlist) {
  std::vector<std::string> names;
  for (const v1::Candidate& c : shortlist.candidates()) names.push_back(c.mediator().name());
  return names;
}

std::vector<std::string> ShortlistNames(const v1::ListShortlistsResponse& response) {
  std::vector<std::string> names;
  for (const v1::Shortlist& s : response.shortlists()) names.push_back(s.name());
  return names;
}

oracle::OracleRanking RankingOf(const v1::Shortlist& shortlist) {
  oracle::OracleRanking ranking;
  ranking.total_matched = static_cast<uint64_t>(shortlist.total_matched());
  for (const v1::Candidate& c : shortlist.candidates()) {
    ranking.candidates.push_back(oracle::OracleCandidate{
        c.mediator().name(), c.score(), c.breakdown().language(), c.breakdown().region(),
        c.breakdown().expertise(), c.breakdown().experience(), c.mediator().years_experience()});
  }
  return ranking;
}

constexpr char kAdminToken[] = "matching-test-admin";
constexpr char kMediationUnitToken[] = "matching-test-mediation-unit";
constexpr char kOtherUnitToken[] = "matching-test-other-unit";

// A tokens file in `dir` for an administrator and two mediation units; its path.
std::string WriteTokensFile(const testing::TempDir& dir) {
  const std::string path = dir.Join("tokens");
  std::ofstream out(path);
  out << *common::TokenSha256Hex(kAdminToken) << " admin - tests\n"
      << *common::TokenSha256Hex(kMediationUnitToken) << " mediation-unit - un-msu\n"
      << *common::TokenSha256Hex(kOtherUnitToken) << " mediation-unit - fm-peace\n";
  return path;
}

// A wpsd on 127.0.0.1:0 over `data_dir` with tokens, and clients of its roster and matching services,
// calling with one token (the administrator's until set_token).
class TestServer {
 public:
  // Check ok() after construction; the reason is in status().
  TestServer(const std::string& data_dir, const std::string& tokens_file) {
    absl::StatusOr<std::unique_ptr<wpsd::Server>> server =
        service_testing::StartLoopbackServer(data_dir, "", tokens_file);
    if (!server.ok()) {
      status_ = server.status();
      return;
    }
    server_ = *std::move(server);
    auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    roster_ = rv1::RosterService::NewStub(channel);
    matching_ = v1::MatchingService::NewStub(channel);
  }

  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }
  void set_token(std::string token) { token_ = std::move(token); }

  grpc::Status CreateNetwork(const std::string& id) {
    rv1::CreateNetworkRequest request;
    request.set_network_id(id);
    request.mutable_network()->set_display_name(absl::StrCat("Network ", id));
    grpc::ClientContext context;
    Authorize(context);
    rv1::Network network;
    return roster_->CreateNetwork(&context, request, &network);
  }

  grpc::Status CreateMediator(const std::string& network, const std::string& id,
                              const rv1::Mediator& m, rv1::Mediator* out = nullptr) {
    rv1::CreateMediatorRequest request;
    request.set_parent(absl::StrCat("networks/", network));
    request.set_mediator_id(id);
    *request.mutable_mediator() = m;
    grpc::ClientContext context;
    Authorize(context);
    rv1::Mediator created;
    return roster_->CreateMediator(&context, request, out != nullptr ? out : &created);
  }

  // Replaces every writable field of the record named m.name().
  grpc::Status UpdateMediator(const rv1::Mediator& m) {
    rv1::UpdateMediatorRequest request;
    *request.mutable_mediator() = m;
    grpc::ClientContext context;
    Authorize(context);
    rv1::Mediator updated;
    return roster_->UpdateMediator(&context, request, &updated);
  }

  grpc::Status DeleteMediator(const std::string& name) {
    rv1::DeleteMediatorRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    Authorize(context);
    rv1::Mediator deleted;
    return roster_->DeleteMediator(&context, request, &deleted);
  }

  grpc::Status UndeleteMediator(const std::string& name) {
    rv1::UndeleteMediatorRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    Authorize(context);
    rv1::Mediator undeleted;
    return roster_->UndeleteMediator(&context, request, &undeleted);
  }

  grpc::Status Import(const std::vector<rv1::Mediator>& records,
                      rv1::ImportMediatorsResponse* out) {
    grpc::ClientContext context;
    Authorize(context);
    auto writer = roster_->ImportMediators(&context, out);
    rv1::ImportMediatorsRequest request;
    for (const rv1::Mediator& m : records) *request.mutable_mediators()->add_mediators() = m;
    if (!records.empty()) writer->Write(request);
    writer->WritesDone();
    return writer->Finish();
  }

  grpc::Status CreateProcess(const std::string& id, const v1::PeaceProcess& process) {
    v1::CreateProcessRequest request;
    request.set_process_id(id);
    *request.mutable_process() = process;
    grpc::ClientContext context;
    Authorize(context);
    v1::PeaceProcess created;
    return matching_->CreateProcess(&context, request, &created);
  }

  grpc::Status RequestShortlist(const v1::ShortlistRequest& request, v1::Shortlist* out) {
    grpc::ClientContext context;
    Authorize(context);
    return matching_->RequestShortlist(&context, request, out);
  }

  grpc::Status GetShortlist(const std::string& name, v1::Shortlist* out) {
    v1::GetShortlistRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    Authorize(context);
    return matching_->GetShortlist(&context, request, out);
  }

  grpc::Status ListShortlists(const v1::ListShortlistsRequest& request,
                              v1::ListShortlistsResponse* out) {
    grpc::ClientContext context;
    Authorize(context);
    return matching_->ListShortlists(&context, request, out);
  }

 private:
  void Authorize(grpc::ClientContext& context) const { context.AddMetadata("authorization", "Bearer " + token_); }

  absl::Status status_;
  std::unique_ptr<wpsd::Server> server_;
  std::unique_ptr<rv1::RosterService::Stub> roster_;
  std::unique_ptr<v1::MatchingService::Stub> matching_;
  std::string token_ = kAdminToken;
};

// ---------------------------------------------------------------------------------------------------
// Hand-written cases.

void AddSkill(rv1::Mediator& m, const std::string& code, wps::type::LanguageLevel level) {
  auto* skill = m.add_languages();
  skill->set_code(code);
  skill->set_level(level);
}

// Amira speaks both working languages at B2 or above, works on Sudan and has both expertise terms.
rv1::Mediator Amira() {
  rv1::Mediator m;
  m.set_given_name("Amira");
  m.set_family_name("Hassan");
  m.add_nationalities("EG");
  AddSkill(m, "ar", wps::type::LANGUAGE_LEVEL_C2);
  AddSkill(m, "en", wps::type::LANGUAGE_LEVEL_B2);
  m.add_regions("SD");
  m.add_expertise("ceasefire-security-arrangements");
  m.add_expertise("humanitarian-access");
  m.add_roles("mediator");
  m.set_years_experience(20);
  m.mutable_contact()->set_email("amira@example.org");
  m.mutable_consent()->set_contact_release(false);
  return m;
}

// Ingrid speaks English only at B2 or above, works across Northern Africa, has one of the two
// terms, and agreed to the release of her contact details.
rv1::Mediator Ingrid() {
  rv1::Mediator m;
  m.set_given_name("Ingrid");
  m.set_family_name("Sigurðardóttir");
  m.add_nationalities("NO");
  AddSkill(m, "no", wps::type::LANGUAGE_LEVEL_NATIVE);
  AddSkill(m, "en", wps::type::LANGUAGE_LEVEL_C2);
  AddSkill(m, "ar", wps::type::LANGUAGE_LEVEL_B1);
  m.add_regions("NO");
  m.add_regions("015");
  m.add_expertise("ceasefire-security-arrangements");
  m.add_roles("facilitator");
  m.set_years_experience(35);
  m.mutable_contact()->set_email("ingrid@example.org");
  m.mutable_consent()->set_contact_release(true);
  return m;
}

// Fatima is Sudanese: a party's nationality, so the process's shortlists leave her out.
rv1::Mediator Fatima() {
  rv1::Mediator m;
  m.set_given_name("Fatima");
  m.set_family_name("Osman");
  m.add_nationalities("SD");
  AddSkill(m, "ar", wps::type::LANGUAGE_LEVEL_NATIVE);
  m.add_regions("SD");
  m.set_years_experience(12);
  return m;
}

v1::PeaceProcess SudanTalks() {
  v1::PeaceProcess process;
  process.set_display_name("Jeddah talks on Sudan");
  process.add_countries("SD");
  process.add_working_languages("ar");
  process.add_working_languages("en");
  process.add_expertise_needed("ceasefire-security-arrangements");
  process.add_expertise_needed("humanitarian-access");
  v1::Party* saf = process.add_parties();
  saf->set_display_name("Sudanese Armed Forces");
  saf->add_nationalities("SD");
  v1::Party* rsf = process.add_parties();
  rsf->set_display_name("Rapid Support Forces");
  rsf->add_nationalities("SD");
  rsf->add_nationalities("SS");
  return process;
}

constexpr char kAmira[] = "networks/femwise-africa/mediators/amira";
constexpr char kIngrid[] = "networks/nordic/mediators/ingrid";
constexpr char kSudanTalks[] = "processes/sudan-talks";

class MatchingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(dir_.Join("data"), WriteTokensFile(dir_));
    ASSERT_TRUE(server_->ok()) << server_->status();
    for (const char* network : {"nordic", "femwise-africa"})
      ASSERT_TRUE(server_->CreateNetwork(network).ok());
    ASSERT_TRUE(server_->CreateMediator("femwise-africa", "amira", Amira()).ok());
    ASSERT_TRUE(server_->CreateMediator("nordic", "ingrid", Ingrid()).ok());
    ASSERT_TRUE(server_->CreateMediator("femwise-africa", "fatima", Fatima()).ok());
    const grpc::Status created = server_->CreateProcess("sudan-talks", SudanTalks());
    ASSERT_TRUE(created.ok()) << created.error_message();
  }

  v1::Shortlist Shortlist(const v1::ShortlistRequest& request) {
    v1::Shortlist shortlist;
    const grpc::Status status = server_->RequestShortlist(request, &shortlist);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return shortlist;
  }

  v1::Shortlist ForSudanTalks() {
    v1::ShortlistRequest request;
    request.set_process(kSudanTalks);
    return Shortlist(request);
  }

  testing::TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(MatchingServiceTest, RequestShortlistFillsTheRequestFromItsProcessAndStoresIt) {
  const v1::Shortlist shortlist = ForSudanTalks();
  const v1::ShortlistRequest& stored = shortlist.request();
  EXPECT_EQ(stored.process(), kSudanTalks);
  EXPECT_THAT(stored.process_countries(), ElementsAre("SD"));
  EXPECT_THAT(stored.preferred_languages(), ElementsAre("ar", "en"));
  EXPECT_THAT(stored.preferred_expertise(),
              ElementsAre("ceasefire-security-arrangements", "humanitarian-access"));
  EXPECT_THAT(stored.exclude_nationalities(),
              ElementsAre("SD", "SS"));  // each party nationality once
  EXPECT_THAT(shortlist.name(), ::testing::StartsWith("shortlists/"));
  EXPECT_TRUE(shortlist.has_create_time());
  EXPECT_EQ(shortlist.total_matched(), 2);
  EXPECT_THAT(CandidateNames(shortlist), ElementsAre(kAmira, kIngrid));  // Fatima is excluded
}

TEST_F(MatchingServiceTest, CandidatesCarryScoreBreakdownAndReasons) {
  const v1::Shortlist shortlist = ForSudanTalks();
  ASSERT_EQ(shortlist.candidates_size(), 2);
  const v1::Candidate& amira = shortlist.candidates(0);
  EXPECT_EQ(amira.score(), 0.966667);  // 0.3 + 0.3 + 0.3 + 0.1 * 20/30
  EXPECT_EQ(amira.breakdown().language(), 1);
  EXPECT_EQ(amira.breakdown().region(), 1);
  EXPECT_EQ(amira.breakdown().expertise(), 1);
  EXPECT_EQ(amira.breakdown().experience(), 20.0 / 30);
  EXPECT_THAT(amira.reasons(),
              ElementsAre("speaks Arabic (C2)", "speaks English (B2)", "works on Sudan",
                          "expertise: ceasefire-security-arrangements",
                          "expertise: humanitarian-access", "20 years of experience"));

  const v1::Candidate& ingrid = shortlist.candidates(1);
  EXPECT_EQ(ingrid.score(),
            0.55);  // 0.3 * 0.5 + 0.3 * 0.5 (015 is Sudan's sub-region) + 0.3 * 0.5 + 0.1
  EXPECT_EQ(ingrid.breakdown().region(), 0.5);
  EXPECT_EQ(ingrid.breakdown().experience(), 1);  // 35 years, capped at 30
  EXPECT_THAT(ingrid.reasons(), Contains("speaks English (C2)"));
  EXPECT_THAT(ingrid.reasons(), Not(Contains(HasSubstr("Arabic"))));  // B1 is below B2
  EXPECT_THAT(ingrid.reasons(), Contains(HasSubstr("Northern Africa")));
  EXPECT_THAT(ingrid.reasons(), Contains("expertise: ceasefire-security-arrangements"));
  EXPECT_THAT(ingrid.reasons(), Not(Contains("expertise: humanitarian-access")));
}

TEST_F(MatchingServiceTest, ContactDetailsOnlyWithConsentToTheirRelease) {
  const v1::Shortlist for_admin = ForSudanTalks();
  ASSERT_EQ(for_admin.candidates_size(), 2);
  EXPECT_TRUE(for_admin.candidates(0).mediator().has_contact());  // administrators see all
  server_->set_token(kMediationUnitToken);
  const v1::Shortlist shortlist = ForSudanTalks();
  ASSERT_EQ(shortlist.candidates_size(), 2);
  const rv1::Mediator& amira = shortlist.candidates(0).mediator();
  EXPECT_EQ(amira.name(), kAmira);
  EXPECT_FALSE(amira.has_contact());
  EXPECT_EQ(amira.given_name(), "Amira");  // the rest of the record is there
  const rv1::Mediator& ingrid = shortlist.candidates(1).mediator();
  EXPECT_EQ(ingrid.name(), kIngrid);
  EXPECT_EQ(ingrid.contact().email(), "ingrid@example.org");
}

TEST_F(MatchingServiceTest, AShortlistIsReadOnlyByItsRequesterAndAdministrators) {
  server_->set_token(kMediationUnitToken);
  const v1::Shortlist mine = ForSudanTalks();
  v1::Shortlist got;
  ASSERT_TRUE(server_->GetShortlist(mine.name(), &got).ok());
  server_->set_token(kOtherUnitToken);
  EXPECT_EQ(server_->GetShortlist(mine.name(), &got).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::ListShortlistsResponse listed;
  ASSERT_TRUE(server_->ListShortlists(v1::ListShortlistsRequest(), &listed).ok());
  EXPECT_EQ(listed.shortlists_size(), 0);
  // A mediation unit reads no roster records directly and writes none.
  EXPECT_EQ(server_->DeleteMediator(kAmira).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  server_->set_token(kAdminToken);
  ASSERT_TRUE(server_->GetShortlist(mine.name(), &got).ok());
  EXPECT_EQ(got.requester(), "un-msu");
}

TEST_F(MatchingServiceTest, GetShortlistReturnsTheStoredShortlist) {
  const v1::Shortlist requested = ForSudanTalks();
  v1::Shortlist got;
  ASSERT_TRUE(server_->GetShortlist(requested.name(), &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got, requested)) << got.DebugString() << "\nvs\n"
                                                          << requested.DebugString();

  EXPECT_EQ(server_->GetShortlist("shortlists/nope", &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(server_->GetShortlist("processes/sudan-talks", &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Stored shortlists keep names, scores and reasons; the records are read again, as they are now.
TEST_F(MatchingServiceTest, AStoredShortlistShowsTheRecordsAsTheyAreNow) {
  server_->set_token(kMediationUnitToken);
  const v1::Shortlist requested = ForSudanTalks();
  server_->set_token(kAdminToken);
  ASSERT_THAT(CandidateNames(requested), ElementsAre(kAmira, kIngrid));
  rv1::Mediator ingrid = Ingrid();
  ingrid.set_name(kIngrid);
  ingrid.mutable_consent()->set_contact_release(false);  // consent to release withdrawn
  ingrid.set_bio("Now based in Tromsø.");
  ASSERT_TRUE(server_->UpdateMediator(ingrid).ok());
  ASSERT_TRUE(server_->DeleteMediator(kAmira).ok());

  server_->set_token(kMediationUnitToken);
  v1::Shortlist got;
  ASSERT_TRUE(server_->GetShortlist(requested.name(), &got).ok());
  v1::ListShortlistsResponse listed;
  ASSERT_TRUE(server_->ListShortlists(v1::ListShortlistsRequest(), &listed).ok());
  ASSERT_EQ(listed.shortlists_size(), 1);
  for (const v1::Shortlist& shortlist : {got, listed.shortlists(0)}) {
    EXPECT_EQ(shortlist.total_matched(), requested.total_matched());
    ASSERT_THAT(CandidateNames(shortlist), ElementsAre(kIngrid));  // Amira's record is deleted
    const v1::Candidate& candidate = shortlist.candidates(0);
    EXPECT_FALSE(candidate.mediator().has_contact());
    EXPECT_EQ(candidate.mediator().bio(), "Now based in Tromsø.");
    EXPECT_EQ(candidate.score(), requested.candidates(1).score());  // the ranking as it was answered
    EXPECT_THAT(candidate.reasons(), ElementsAreArray(requested.candidates(1).reasons()));
  }
}

TEST_F(MatchingServiceTest, ListShortlistsOldestFirstAndByProcess) {
  ASSERT_TRUE(server_->CreateProcess("other-talks", SudanTalks()).ok());
  const std::string first = ForSudanTalks().name();
  v1::ShortlistRequest without_process;
  without_process.add_networks("nordic");
  const std::string second = Shortlist(without_process).name();
  const std::string third = ForSudanTalks().name();

  v1::ListShortlistsRequest request;
  v1::ListShortlistsResponse all;
  ASSERT_TRUE(server_->ListShortlists(request, &all).ok());
  EXPECT_THAT(ShortlistNames(all), ElementsAre(first, second, third));
  ASSERT_EQ(all.shortlists_size(), 3);
  EXPECT_EQ(all.shortlists(0).candidates_size(), 2);  // candidates are included

  request.set_process(kSudanTalks);
  std::vector<std::string> paged;
  do {  // one at a time
    request.set_page_size(1);
    v1::ListShortlistsResponse page;
    ASSERT_TRUE(server_->ListShortlists(request, &page).ok());
    ASSERT_LE(page.shortlists_size(), 1);
    for (const v1::Shortlist& s : page.shortlists()) paged.push_back(s.name());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(paged, ElementsAre(first, third));

  v1::ListShortlistsRequest other;
  other.set_process("processes/other-talks");
  v1::ListShortlistsResponse none;
  ASSERT_TRUE(server_->ListShortlists(other, &none).ok());
  EXPECT_THAT(none.shortlists(), IsEmpty());
}

TEST_F(MatchingServiceTest, UnknownProcessIsNotFound) {
  v1::ShortlistRequest request;
  request.set_process("processes/no-such-talks");
  v1::Shortlist shortlist;
  EXPECT_EQ(server_->RequestShortlist(request, &shortlist).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(MatchingServiceTest, BadRequestIsInvalidArgumentWithFieldViolations) {
  v1::ShortlistRequest request;
  request.add_preferred_languages("EN");
  request.set_count(101);
  request.mutable_weights()->set_region(-1);
  v1::Shortlist shortlist;
  grpc::Status status = server_->RequestShortlist(request, &shortlist);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status),
              ElementsAre("preferred_languages[0]", "weights.region", "count"));

  v1::ShortlistRequest bad_process;
  bad_process.set_process("sudan-talks");
  status = server_->RequestShortlist(bad_process, &shortlist);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status), ElementsAre("process"));

  v1::ListShortlistsResponse list;
  ASSERT_TRUE(server_->ListShortlists(v1::ListShortlistsRequest(), &list).ok());
  EXPECT_THAT(list.shortlists(), IsEmpty());  // nothing was stored for a refused request
}

TEST_F(MatchingServiceTest, ShortlistsReadTheirWrites) {
  v1::ShortlistRequest request;
  request.add_networks("nordic");
  request.add_required_expertise("crsv");
  request.set_count(100);
  for (int i = 0; i < 5; ++i) {
    const std::string id = absl::StrCat("newcomer-", i);
    const std::string name = absl::StrCat("networks/nordic/mediators/", id);
    rv1::Mediator newcomer = Ingrid();
    newcomer.clear_expertise();
    ASSERT_TRUE(server_->CreateMediator("nordic", id, newcomer).ok());
    EXPECT_THAT(CandidateNames(Shortlist(request)), Not(Contains(name)));  // no crsv yet

    newcomer.set_name(name);
    newcomer.add_expertise("crsv");
    ASSERT_TRUE(server_->UpdateMediator(newcomer).ok());
    EXPECT_THAT(CandidateNames(Shortlist(request)), Contains(name)) << "after update " << i;

    ASSERT_TRUE(server_->DeleteMediator(name).ok());
    EXPECT_THAT(CandidateNames(Shortlist(request)), Not(Contains(name))) << "after delete " << i;

    ASSERT_TRUE(server_->UndeleteMediator(name).ok());
    EXPECT_THAT(CandidateNames(Shortlist(request)), Contains(name)) << "after undelete " << i;
    ASSERT_TRUE(server_->DeleteMediator(name).ok());
  }
  EXPECT_THAT(CandidateNames(Shortlist(request)), IsEmpty());
}

// ---------------------------------------------------------------------------------------------------
// Random rosters and requests through the server against the brute force.

int RandomInt(std::mt19937_64& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}

// Imports `roster` (records with delete_time are imported live, then deleted), then changes some
// records through UpdateMediator, DeleteMediator and UndeleteMediator, applying the same to
// `roster`.
void LoadRoster(std::mt19937_64& rng, TestServer& server, std::vector<rv1::Mediator>& roster) {
  std::vector<rv1::Mediator> live = roster;
  for (rv1::Mediator& m : live) m.clear_delete_time();
  rv1::ImportMediatorsResponse imported;
  const grpc::Status status = server.Import(live, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(imported.failed(), 0) << imported.DebugString();
  ASSERT_EQ(imported.created(), static_cast<int64_t>(roster.size()));
  for (const rv1::Mediator& m : roster) {
    if (m.has_delete_time()) {
      ASSERT_TRUE(server.DeleteMediator(m.name()).ok()) << m.name();
    }
  }
  for (int changes = RandomInt(rng, 0, static_cast<int>(roster.size()) / 5); changes > 0;
       --changes) {
    rv1::Mediator& m =
        roster[static_cast<size_t>(RandomInt(rng, 0, static_cast<int>(roster.size()) - 1))];
    const int kind = RandomInt(rng, 0, 2);
    if (m.has_delete_time()) {
      ASSERT_TRUE(server.UndeleteMediator(m.name()).ok()) << m.name();
      m.clear_delete_time();
    } else if (kind == 0) {
      ASSERT_TRUE(server.DeleteMediator(m.name()).ok()) << m.name();
      m.mutable_delete_time()->set_seconds(1);
    } else {
      const std::string id = m.name().substr(m.name().rfind('/') + 1);
      m = oracle::RandomRecord(rng, m.network(), id);
      const grpc::Status updated = server.UpdateMediator(m);
      ASSERT_TRUE(updated.ok()) << m.name() << ": " << updated.error_message();
    }
  }
}

TEST(MatchingServicePropertyTest, ShortlistsMatchBruteForceThroughTheServer) {
  constexpr uint64_t kRosters = 10;
  constexpr int kRequests = 10;
  int failures = 0, non_empty_lists = 0;
  for (uint64_t seed = 1001; seed < 1001 + kRosters && failures < 3; ++seed) {
    std::mt19937_64 rng(seed);
    const std::vector<std::string> networks = oracle::RandomNetworks(rng);
    testing::TempDir dir;
    TestServer server(dir.Join("data"), WriteTokensFile(dir));
    ASSERT_TRUE(server.ok()) << server.status();
    for (const std::string& network : networks) ASSERT_TRUE(server.CreateNetwork(network).ok());
    std::vector<rv1::Mediator> roster = oracle::RandomRoster(rng, RandomInt(rng, 0, 120), networks);
    LoadRoster(rng, server, roster);
    if (::testing::Test::HasFatalFailure()) return;
    server.set_token(kMediationUnitToken);  // whose view of a candidate depends on her consent
    for (int i = 0; i < kRequests && failures < 3; ++i) {
      const v1::ShortlistRequest request = oracle::RandomRequest(rng, networks);
      v1::Shortlist shortlist;
      const grpc::Status status = server.RequestShortlist(request, &shortlist);
      ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << request.DebugString();
      const oracle::OracleRanking expected = oracle::BruteForceRanking(roster, request);
      if (!expected.candidates.empty()) ++non_empty_lists;
      const std::string difference = oracle::CompareRankings(expected, RankingOf(shortlist));
      for (const v1::Candidate& c : shortlist.candidates()) {
        EXPECT_EQ(c.mediator().has_contact(), c.mediator().consent().contact_release())
            << c.mediator().name();
      }
      if (difference.empty()) continue;
      ++failures;
      ADD_FAILURE() << "seed " << seed << ", request " << i << ", " << roster.size()
                    << " records\nrequest:\n"
                    << request.DebugString() << difference;
    }
  }
  EXPECT_GT(non_empty_lists, static_cast<int>(kRosters) * kRequests / 3);
}

}  // namespace
}  // namespace wps::matching
