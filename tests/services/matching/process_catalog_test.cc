// ProcessCatalog over a real RocksDB store in a temp dir.
#include "services/matching/process_catalog.h"

#include <cmath>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"
#include "services/common/vocabularies.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/status_matchers.h"

namespace wps::common {
// Readable failure messages for violation lists.
void PrintTo(const FieldViolation& violation, std::ostream* os) {
  *os << "{" << violation.field << ": " << violation.description << "}";
}
}  // namespace wps::common

namespace wps::matching {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using v1::PeaceProcess;
using ::wps::testing::StatusIs;

// A process that uses every writable field correctly.
PeaceProcess ValidProcess() {
  PeaceProcess process;
  process.set_display_name("Jeddah talks on Sudan");
  process.add_countries("SD");
  process.add_countries("SS");
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
  process.set_stage(PeaceProcess::NEGOTIATION);
  process.set_track(PeaceProcess::TRACK_1);
  process.set_target_women_share(0.3);
  return process;
}

// The violated field paths of `status`.
std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& violation : common::ViolationsOf(status)) {
    fields.push_back(violation.field);
  }
  return fields;
}

class ProcessCatalogTest : public storage::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    ASSERT_NE(store_, nullptr);
    catalog_ = std::make_unique<ProcessCatalog>(*store_);
  }

  absl::StatusOr<PeaceProcess> Create(const std::string& id, const PeaceProcess& process) {
    v1::CreateProcessRequest request;
    request.set_process_id(id);
    *request.mutable_process() = process;
    return catalog_->CreateProcess(caller_, request);
  }

  // The violated fields when creating `process`; empty when it is created.
  std::vector<std::string> CreateViolations(const PeaceProcess& process) {
    absl::StatusOr<PeaceProcess> created = Create("", process);
    if (created.ok()) return {};
    EXPECT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument));
    return ViolatedFields(created.status());
  }

  absl::StatusOr<PeaceProcess> Get(const std::string& name) {
    v1::GetProcessRequest request;
    request.set_name(name);
    return catalog_->GetProcess(caller_, request);
  }

  absl::StatusOr<PeaceProcess> Update(const PeaceProcess& process, std::vector<std::string> paths) {
    v1::UpdateProcessRequest request;
    *request.mutable_process() = process;
    for (std::string& path : paths) request.mutable_update_mask()->add_paths(std::move(path));
    return catalog_->UpdateProcess(caller_, request);
  }

  absl::StatusOr<v1::ListProcessesResponse> List(int page_size, const std::string& token) {
    v1::ListProcessesRequest request;
    request.set_page_size(page_size);
    request.set_page_token(token);
    return catalog_->ListProcesses(caller_, request);
  }

  common::Caller caller_{"unit-1", common::Role::kMediationUnit, "", "ipv4:127.0.0.1:1"};
  std::unique_ptr<ProcessCatalog> catalog_;
};

TEST_F(ProcessCatalogTest, CreateStoresProcessUnderItsIdThenGetReturnsIt) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("sudan", ValidProcess()));
  EXPECT_EQ(created.name(), "processes/sudan");
  EXPECT_FALSE(created.etag().empty());
  EXPECT_TRUE(created.has_create_time());
  EXPECT_TRUE(created.has_update_time());
  EXPECT_EQ(created.display_name(), "Jeddah talks on Sudan");
  EXPECT_THAT(created.countries(), ElementsAre("SD", "SS"));
  ASSERT_EQ(created.parties_size(), 2);
  EXPECT_EQ(created.parties(1).display_name(), "Rapid Support Forces");

  ASSERT_OK_AND_ASSIGN(PeaceProcess got, Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(ProcessCatalogTest, CreateIgnoresOutputOnlyFields) {
  PeaceProcess process = ValidProcess();
  process.set_name("processes/elsewhere");
  process.set_etag("999");
  process.mutable_create_time()->set_seconds(1);
  process.mutable_update_time()->set_seconds(2);
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("sudan", process));
  EXPECT_EQ(created.name(), "processes/sudan");
  EXPECT_NE(created.etag(), "999");
  EXPECT_GT(created.create_time().seconds(), 1);
  EXPECT_GT(created.update_time().seconds(), 2);
  EXPECT_THAT(Get("processes/elsewhere"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ProcessCatalogTest, CreateWithoutIdAssignsOne) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess first, Create("", ValidProcess()));
  ASSERT_OK_AND_ASSIGN(PeaceProcess second, Create("", ValidProcess()));
  ASSERT_THAT(first.name(), StartsWith("processes/"));
  EXPECT_TRUE(vocab::IsResourceId(first.name().substr(std::string("processes/").size())))
      << first.name();
  EXPECT_NE(first.name(), second.name());
  EXPECT_OK(Get(first.name()));
}

TEST_F(ProcessCatalogTest, CreateTakenIdReturnsAlreadyExists) {
  ASSERT_OK(Create("sudan", ValidProcess()));
  EXPECT_THAT(Create("sudan", ValidProcess()), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(ProcessCatalogTest, CreateBadIdIsAFieldViolation) {
  for (const char* id : {"Sudan", "-sudan", "sudan talks", "processes/sudan"}) {
    absl::StatusOr<PeaceProcess> created = Create(id, ValidProcess());
    EXPECT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument)) << id;
    EXPECT_THAT(ViolatedFields(created.status()), ElementsAre("process_id")) << id;
  }
}

TEST_F(ProcessCatalogTest, ValidProcessHasNoViolations) {
  EXPECT_THAT(CreateViolations(ValidProcess()), IsEmpty());
}

TEST_F(ProcessCatalogTest, MinimalProcessNeedsOnlyADisplayName) {
  PeaceProcess process;
  process.set_display_name("Exploratory contacts");
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("", process));
  EXPECT_THAT(created.countries(), IsEmpty());
  EXPECT_FALSE(created.has_target_women_share());
}

TEST_F(ProcessCatalogTest, DisplayNameIsRequiredAndLimitedTo200CodePoints) {
  for (const char* blank : {"", "   "}) {
    PeaceProcess process = ValidProcess();
    process.set_display_name(blank);
    EXPECT_THAT(CreateViolations(process), ElementsAre("process.display_name"))
        << "'" << blank << "'";
  }
  PeaceProcess process = ValidProcess();
  std::string at_limit;
  for (int i = 0; i < 200; ++i) at_limit += "ø";  // two bytes each: the limit counts code points
  process.set_display_name(at_limit);
  EXPECT_THAT(CreateViolations(process), IsEmpty());
  process.set_display_name(at_limit + "x");
  EXPECT_THAT(CreateViolations(process), ElementsAre("process.display_name"));
  process.set_display_name("bad \xff utf-8");
  EXPECT_THAT(CreateViolations(process), ElementsAre("process.display_name"));
  process.set_display_name("line\nbreak");
  EXPECT_THAT(CreateViolations(process), ElementsAre("process.display_name"));
}

TEST_F(ProcessCatalogTest, CountriesMustBeIsoAlpha2WithoutRepeats) {
  PeaceProcess process = ValidProcess();
  process.clear_countries();
  for (const char* country : {"SD", "sd", "SD", "015", "XX"}) process.add_countries(country);
  absl::StatusOr<PeaceProcess> created = Create("", process);
  EXPECT_THAT(common::ViolationsOf(created.status()),
              ElementsAre(Field(&common::FieldViolation::field, "process.countries[1]"),
                          common::FieldViolation{"process.countries[2]", "'SD' is listed twice"},
                          Field(&common::FieldViolation::field, "process.countries[3]"),
                          Field(&common::FieldViolation::field, "process.countries[4]")));
}

TEST_F(ProcessCatalogTest, WorkingLanguagesMustBeIso639_1WithoutRepeats) {
  PeaceProcess process = ValidProcess();
  process.clear_working_languages();
  for (const char* language : {"ar", "eng", "AR", "ar"}) process.add_working_languages(language);
  EXPECT_THAT(CreateViolations(process),
              ElementsAre("process.working_languages[1]", "process.working_languages[2]",
                          "process.working_languages[3]"));
}

TEST_F(ProcessCatalogTest, ExpertiseNeededMustComeFromTheVocabulary) {
  PeaceProcess process = ValidProcess();
  process.add_expertise_needed("diplomacy");
  process.add_expertise_needed("humanitarian-access");
  EXPECT_THAT(CreateViolations(process),
              ElementsAre("process.expertise_needed[2]", "process.expertise_needed[3]"));
}

TEST_F(ProcessCatalogTest, ListLongerThanLimitIsOneViolation) {
  PeaceProcess process = ValidProcess();
  for (int i = 0; i < 200; ++i) process.add_countries("XX");
  EXPECT_THAT(CreateViolations(process), ElementsAre("process.countries"));
}

TEST_F(ProcessCatalogTest, PartiesNeedADistinctDisplayNameAndCountryNationalities) {
  PeaceProcess process = ValidProcess();
  process.mutable_parties(0)->clear_display_name();
  process.mutable_parties(1)->add_nationalities("Sudanese");
  process.mutable_parties(1)->add_nationalities("SD");
  v1::Party* twin = process.add_parties();
  twin->set_display_name("Rapid Support Forces");
  EXPECT_THAT(
      CreateViolations(process),
      ElementsAre("process.parties[0].display_name", "process.parties[1].nationalities[1]",
                  "process.parties[1].nationalities[2]", "process.parties[2].display_name"));
}

TEST_F(ProcessCatalogTest, StageAndTrackMustBeKnownValues) {
  PeaceProcess process = ValidProcess();
  process.set_stage(PeaceProcess::STAGE_UNSPECIFIED);
  process.set_track(PeaceProcess::TRACK_UNSPECIFIED);
  EXPECT_THAT(CreateViolations(process), IsEmpty());
  process.set_stage(static_cast<PeaceProcess::Stage>(42));
  process.set_track(static_cast<PeaceProcess::Track>(-1));
  EXPECT_THAT(CreateViolations(process), ElementsAre("process.stage", "process.track"));
}

TEST_F(ProcessCatalogTest, TargetWomenShareMustLieInZeroToOne) {
  for (double share : {0.0, 0.5, 1.0}) {
    PeaceProcess process = ValidProcess();
    process.set_target_women_share(share);
    EXPECT_THAT(CreateViolations(process), IsEmpty()) << share;
  }
  for (double share : {-0.01, 1.01, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
    PeaceProcess process = ValidProcess();
    process.set_target_women_share(share);
    EXPECT_THAT(CreateViolations(process), ElementsAre("process.target_women_share")) << share;
  }
}

TEST_F(ProcessCatalogTest, EveryViolationOfARequestIsReported) {
  PeaceProcess process;
  process.add_countries("Sudan");
  process.add_working_languages("arabic");
  process.set_target_women_share(2);
  EXPECT_THAT(CreateViolations(process),
              ElementsAre("process.display_name", "process.countries[0]",
                          "process.working_languages[0]", "process.target_women_share"));
}

TEST_F(ProcessCatalogTest, GetChecksTheNameThenFindsTheRecord) {
  for (const char* name :
       {"", "processes/", "processes/Sudan", "networks/nordic", "processes/a/b"}) {
    absl::StatusOr<PeaceProcess> got = Get(name);
    EXPECT_THAT(got, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(ViolatedFields(got.status()), ElementsAre("name")) << name;
  }
  EXPECT_THAT(Get("processes/nowhere"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ProcessCatalogTest, ListPagesInNameOrder) {
  for (const char* id : {"yemen", "colombia", "sudan", "myanmar", "libya"}) {
    ASSERT_OK(Create(id, ValidProcess()));
  }
  std::vector<std::string> names;
  std::vector<int> page_sizes;
  std::string token;
  do {
    ASSERT_OK_AND_ASSIGN(v1::ListProcessesResponse page, List(2, token));
    page_sizes.push_back(page.processes_size());
    for (const PeaceProcess& process : page.processes()) {
      EXPECT_FALSE(process.etag().empty());
      names.push_back(process.name());
    }
    token = page.next_page_token();
  } while (!token.empty());
  EXPECT_THAT(page_sizes, ElementsAre(2, 2, 1));
  EXPECT_THAT(names, ElementsAre("processes/colombia", "processes/libya", "processes/myanmar",
                                 "processes/sudan", "processes/yemen"));
}

TEST_F(ProcessCatalogTest, ListDefaultsToOnePageAndRejectsBadPagingArguments) {
  for (const char* id : {"a", "b", "c"}) ASSERT_OK(Create(id, ValidProcess()));
  ASSERT_OK_AND_ASSIGN(v1::ListProcessesResponse all, List(0, ""));
  EXPECT_EQ(all.processes_size(), 3);
  EXPECT_THAT(all.next_page_token(), IsEmpty());

  absl::StatusOr<v1::ListProcessesResponse> negative = List(-1, "");
  EXPECT_THAT(negative, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(negative.status()), ElementsAre("page_size"));
  absl::StatusOr<v1::ListProcessesResponse> bad_token = List(1, "not-a-token");
  EXPECT_THAT(bad_token, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(bad_token.status()), ElementsAre("page_token"));
}

TEST_F(ProcessCatalogTest, EmptyCatalogListsNothing) {
  ASSERT_OK_AND_ASSIGN(v1::ListProcessesResponse page, List(10, ""));
  EXPECT_THAT(page.processes(), IsEmpty());
  EXPECT_THAT(page.next_page_token(), IsEmpty());
}

TEST_F(ProcessCatalogTest, UpdateReplacesOnlyMaskedFields) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("sudan", ValidProcess()));
  PeaceProcess change;
  change.set_name("processes/sudan");
  change.set_display_name("Sudan talks, second round");
  change.add_countries("SD");  // not in the mask: ignored
  change.set_stage(PeaceProcess::AGREEMENT);
  ASSERT_OK_AND_ASSIGN(PeaceProcess updated, Update(change, {"display_name", "stage"}));
  EXPECT_EQ(updated.display_name(), "Sudan talks, second round");
  EXPECT_EQ(updated.stage(), PeaceProcess::AGREEMENT);
  EXPECT_THAT(updated.countries(), ElementsAre("SD", "SS"));
  EXPECT_EQ(updated.parties_size(), 2);
  EXPECT_EQ(updated.track(), PeaceProcess::TRACK_1);
  EXPECT_NE(updated.etag(), created.etag());
  EXPECT_EQ(updated.create_time(), created.create_time());
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, updated)) << got.DebugString();
}

TEST_F(ProcessCatalogTest, UpdateReplacesListsWhole) {
  ASSERT_OK(Create("sudan", ValidProcess()));
  PeaceProcess change;
  change.set_name("processes/sudan");
  change.add_parties()->set_display_name("Civilian coalition");
  change.add_countries("SD");
  ASSERT_OK_AND_ASSIGN(PeaceProcess updated, Update(change, {"parties", "countries"}));
  ASSERT_EQ(updated.parties_size(), 1);
  EXPECT_EQ(updated.parties(0).display_name(), "Civilian coalition");
  EXPECT_THAT(updated.countries(), ElementsAre("SD"));
}

TEST_F(ProcessCatalogTest, UpdateOfTargetWomenShareWithItUnsetClearsIt) {
  ASSERT_OK(Create("sudan", ValidProcess()));
  PeaceProcess change;
  change.set_name("processes/sudan");
  ASSERT_OK_AND_ASSIGN(PeaceProcess updated, Update(change, {"target_women_share"}));
  EXPECT_FALSE(updated.has_target_women_share());
  change.set_target_women_share(0.5);
  ASSERT_OK_AND_ASSIGN(updated, Update(change, {"target_women_share"}));
  EXPECT_DOUBLE_EQ(updated.target_women_share(), 0.5);
}

TEST_F(ProcessCatalogTest, UpdateWithEmptyOrStarMaskReplacesEveryWritableField) {
  for (const std::vector<std::string>& mask :
       {std::vector<std::string>{}, std::vector<std::string>{"*"}}) {
    ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("", ValidProcess()));
    PeaceProcess change;
    change.set_name(created.name());
    change.set_display_name("Replaced");
    ASSERT_OK_AND_ASSIGN(PeaceProcess updated, Update(change, mask));
    EXPECT_EQ(updated.display_name(), "Replaced");
    EXPECT_THAT(updated.countries(), IsEmpty());
    EXPECT_THAT(updated.parties(), IsEmpty());
    EXPECT_EQ(updated.stage(), PeaceProcess::STAGE_UNSPECIFIED);
    EXPECT_FALSE(updated.has_target_women_share());
    EXPECT_EQ(updated.name(), created.name());
    EXPECT_EQ(updated.create_time(), created.create_time());
  }
}

TEST_F(ProcessCatalogTest, UpdateWithStaleEtagReturnsAborted) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("sudan", ValidProcess()));
  PeaceProcess change = created;
  change.set_display_name("First");
  ASSERT_OK_AND_ASSIGN(PeaceProcess first, Update(change, {"display_name"}));
  change.set_display_name("Second, from a stale read");
  EXPECT_THAT(Update(change, {"display_name"}), StatusIs(absl::StatusCode::kAborted));
  change.set_etag(first.etag());
  ASSERT_OK_AND_ASSIGN(PeaceProcess second, Update(change, {"display_name"}));
  EXPECT_EQ(second.display_name(), "Second, from a stale read");
  change.clear_etag();
  change.set_display_name("Third, unconditional");
  EXPECT_OK(Update(change, {"display_name"}));
}

TEST_F(ProcessCatalogTest, UpdateMaskRefusesOutputOnlyAndUnknownFields) {
  ASSERT_OK(Create("sudan", ValidProcess()));
  PeaceProcess change = ValidProcess();
  change.set_name("processes/sudan");
  for (const char* path :
       {"name", "etag", "create_time", "update_time", "title", "parties.display_name"}) {
    absl::StatusOr<PeaceProcess> updated = Update(change, {"display_name", path});
    EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path))) << path;
    EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("update_mask")) << path;
  }
  EXPECT_THAT(Update(change, {"etag"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("output only")));
}

TEST_F(ProcessCatalogTest, UpdateValidatesTheResultAndWritesNothingWhenBad) {
  ASSERT_OK_AND_ASSIGN(PeaceProcess created, Create("sudan", ValidProcess()));
  PeaceProcess change;
  change.set_name("processes/sudan");
  change.add_countries("Sudan");
  change.set_target_women_share(3);
  absl::StatusOr<PeaceProcess> updated =
      Update(change, {"countries", "target_women_share", "display_name"});
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(updated.status()),
      ElementsAre("process.display_name", "process.countries[0]", "process.target_women_share"));
  ASSERT_OK_AND_ASSIGN(PeaceProcess got, Get("processes/sudan"));
  EXPECT_TRUE(MessageDifferencer::Equals(got, created)) << got.DebugString();
}

TEST_F(ProcessCatalogTest, UpdateChecksTheNameThenFindsTheRecord) {
  PeaceProcess change = ValidProcess();
  change.set_name("sudan");
  absl::StatusOr<PeaceProcess> updated = Update(change, {"display_name"});
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("process.name"));
  change.set_name("processes/nowhere");
  EXPECT_THAT(Update(change, {"display_name"}), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace wps::matching
