// Request validation and resource names of the balance service: each bad field gives a violation on
// its path, valid requests give none.
#include "services/balance/balance_validation.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/balance/balance_names.h"
#include "tests/testing/status_matchers.h"

namespace wps::balance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::testing::StatusIs;
using Member = v1::Member;

std::vector<std::string> Fields(const std::vector<common::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : violations) fields.push_back(v.field);
  return fields;
}

v1::CreateRoundRequest ValidRoundRequest() {
  v1::CreateRoundRequest request;
  request.set_parent("processes/sudan");
  request.set_round_id("jeddah-1");
  request.mutable_round()->set_display_name("Jeddah, first round");
  request.mutable_round()->set_start_date("2027-02-28");
  request.mutable_round()->set_location("Jeddah");
  return request;
}

v1::PutDelegationRequest ValidDelegationRequest() {
  v1::PutDelegationRequest request;
  request.set_round("processes/sudan/rounds/jeddah-1");
  v1::Delegation* d = request.mutable_delegation();
  d->set_id("saf");
  d->set_display_name("Sudanese Armed Forces");
  d->set_kind(v1::Delegation::PARTY);
  Member* m = d->add_members();
  m->set_display_name("A. Member");
  m->set_gender(Member::WOMAN);
  m->set_role(Member::HEAD);
  d->add_members()->CopyFrom(*m);
  d->mutable_members(1)->clear_display_name();  // names are optional
  return request;
}

TEST(BalanceValidationTest, ValidRequestsHaveNoViolations) {
  EXPECT_THAT(CreateRoundViolations(ValidRoundRequest()), IsEmpty());
  v1::CreateRoundRequest no_id = ValidRoundRequest();
  no_id.clear_round_id();
  no_id.mutable_round()->clear_display_name();
  no_id.mutable_round()->clear_location();
  EXPECT_THAT(CreateRoundViolations(no_id), IsEmpty());
  EXPECT_THAT(PutDelegationViolations(ValidDelegationRequest()), IsEmpty());
  v1::PutDelegationRequest no_members = ValidDelegationRequest();
  no_members.mutable_delegation()->clear_members();
  EXPECT_THAT(PutDelegationViolations(no_members), IsEmpty());
  EXPECT_THAT(ReportViolations(v1::GetBalanceReportRequest()), IsEmpty());
}

TEST(BalanceValidationTest, CreateRoundReportsEachBadField) {
  v1::CreateRoundRequest request = ValidRoundRequest();
  request.set_parent("process/sudan");
  request.set_round_id("Round 1");
  request.mutable_round()->set_start_date("2027-02-29");  // not a leap year
  request.mutable_round()->set_display_name(std::string(201, 'x'));
  request.mutable_round()->set_location("Jed\ndah");
  EXPECT_THAT(Fields(CreateRoundViolations(request)),
              ElementsAre("parent", "round_id", "round.start_date", "round.display_name",
                          "round.location"));
}

TEST(BalanceValidationTest, StartDateIsRequiredAndReal) {
  for (const char* bad : {"", "2027-1-5", "2027-13-01", "27-01-05", "2027/01/05", "2027-01-32"}) {
    v1::CreateRoundRequest request = ValidRoundRequest();
    request.mutable_round()->set_start_date(bad);
    EXPECT_THAT(Fields(CreateRoundViolations(request)), ElementsAre("round.start_date")) << bad;
  }
  v1::CreateRoundRequest leap = ValidRoundRequest();
  leap.mutable_round()->set_start_date("2028-02-29");
  EXPECT_THAT(CreateRoundViolations(leap), IsEmpty());
}

TEST(BalanceValidationTest, PutDelegationReportsEachBadField) {
  v1::PutDelegationRequest request = ValidDelegationRequest();
  request.set_round("processes/sudan");
  request.mutable_delegation()->set_id("-saf");
  request.mutable_delegation()->set_kind(v1::Delegation::KIND_UNSPECIFIED);
  request.mutable_delegation()->set_display_name("bad\x01name");
  request.mutable_delegation()->mutable_members(0)->set_gender(Member::GENDER_UNSPECIFIED);
  request.mutable_delegation()->mutable_members(1)->set_role(static_cast<Member::Role>(42));
  request.mutable_delegation()->mutable_members(1)->set_display_name(std::string("\xff", 1));
  EXPECT_THAT(Fields(PutDelegationViolations(request)),
              ElementsAre("round", "delegation.id", "delegation.kind", "delegation.display_name",
                          "delegation.members[0].gender", "delegation.members[1].role",
                          "delegation.members[1].display_name"));
}

TEST(BalanceValidationTest, DelegationIdAndKindAreRequired) {
  v1::PutDelegationRequest request = ValidDelegationRequest();
  request.mutable_delegation()->clear_id();
  request.mutable_delegation()->set_kind(static_cast<v1::Delegation::Kind>(9));
  EXPECT_THAT(Fields(PutDelegationViolations(request)),
              ElementsAre("delegation.id", "delegation.kind"));
}

TEST(BalanceValidationTest, TooManyMembersIsOneViolationOnTheList) {
  v1::PutDelegationRequest request = ValidDelegationRequest();
  request.mutable_delegation()->clear_members();
  for (int i = 0; i <= kMaxMembers; ++i) request.mutable_delegation()->add_members();  // unspecified
  EXPECT_THAT(Fields(PutDelegationViolations(request)), ElementsAre("delegation.members"));
  request.mutable_delegation()->mutable_members()->RemoveLast();
  EXPECT_EQ(PutDelegationViolations(request).size(), 2u * kMaxMembers);  // gender and role each
}

TEST(BalanceValidationTest, MemberNameLengthIsInCodePoints) {
  v1::PutDelegationRequest request = ValidDelegationRequest();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ð";  // 2 bytes each: 400 bytes, 200 code points
  request.mutable_delegation()->mutable_members(0)->set_display_name(name);
  EXPECT_THAT(PutDelegationViolations(request), IsEmpty());
  request.mutable_delegation()->mutable_members(0)->set_display_name(name + "a");
  EXPECT_THAT(Fields(PutDelegationViolations(request)),
              ElementsAre("delegation.members[0].display_name"));
}

TEST(BalanceValidationTest, ReportChecksCountriesAndDates) {
  v1::GetBalanceReportRequest request;
  request.add_countries("SD");
  request.add_countries("sd");
  request.add_countries("SD");
  request.set_from_date("2027-01-01");
  request.set_to_date("2027-02-30");
  EXPECT_THAT(Fields(ReportViolations(request)),
              ElementsAre("countries[1]", "countries[2]", "to_date"));

  v1::GetBalanceReportRequest reversed;
  reversed.set_from_date("2027-06-01");
  reversed.set_to_date("2027-05-31");
  EXPECT_THAT(Fields(ReportViolations(reversed)), ElementsAre("to_date"));
  reversed.set_to_date("2027-06-01");  // one day: from == to
  EXPECT_THAT(ReportViolations(reversed), IsEmpty());
}

TEST(BalanceNamesTest, BuildAndParse) {
  EXPECT_EQ(RoundName("processes/sudan", "r1"), "processes/sudan/rounds/r1");
  EXPECT_EQ(DelegationName("processes/sudan/rounds/r1", "saf"),
            "processes/sudan/rounds/r1/delegations/saf");
  ASSERT_OK_AND_ASSIGN(RoundNameParts round, ParseRoundName("processes/sudan/rounds/r1", "f"));
  EXPECT_EQ(round.process_id, "sudan");
  EXPECT_EQ(round.round_id, "r1");
  EXPECT_EQ(round.process_name(), "processes/sudan");
  ASSERT_OK_AND_ASSIGN(DelegationNameParts d,
                       ParseDelegationName("processes/sudan/rounds/r1/delegations/saf", "f"));
  EXPECT_EQ(d.delegation_id, "saf");
  EXPECT_EQ(d.round_name(), "processes/sudan/rounds/r1");
}

TEST(BalanceNamesTest, MalformedNamesAreInvalidArgumentOnTheField) {
  for (const char* bad : {"", "processes/sudan", "processes/sudan/rounds/", "processes/Sudan/rounds/r1",
                          "processes/sudan/round/r1", "processes/sudan/rounds/r1/delegations/saf"}) {
    absl::StatusOr<RoundNameParts> parsed = ParseRoundName(bad, "parent");
    EXPECT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(Fields(common::ViolationsOf(parsed.status())), ElementsAre("parent")) << bad;
  }
  for (const char* bad : {"processes/sudan/rounds/r1", "processes/sudan/rounds/r1/delegations/",
                          "processes/sudan/rounds/r1/delegation/saf",
                          "processes/sudan/rounds/r1/delegations/saf/x"}) {
    EXPECT_THAT(ParseDelegationName(bad, "name"), StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

}  // namespace
}  // namespace wps::balance
