#include "clients/wpsctl/balance_csv.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Delegation;
using balance::v1::Member;
using roster::v1::ImportError;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using wps::testing::StatusIs;

constexpr char kHeader[] = "process,round,delegation,kind,member,gender,role\n";

MATCHER_P3(RowError, row, field, message_part, "") {
  *result_listener << "row " << arg.row() << ", field '" << arg.field() << "': " << arg.message();
  return arg.row() == row && arg.field() == field &&
         arg.message().find(message_part) != std::string::npos;
}

std::vector<std::string> MemberNames(const SheetDelegation& d) {
  std::vector<std::string> names;
  for (const Member& m : d.delegation.members()) names.push_back(m.display_name());
  return names;
}

std::vector<std::string> Names(const std::vector<SheetDelegation>& delegations) {
  std::vector<std::string> names;
  for (const SheetDelegation& d : delegations) names.push_back(d.Name());
  return names;
}

TEST(ParseBalanceSheetTest, GroupsRowsByProcessRoundAndDelegationInFileOrder) {
  const auto sheet =
      ParseBalanceSheet(absl::StrCat(kHeader,
                                     "sudan,r1,gov,party,Amna Idris,woman,negotiator\n"
                                     "sudan,r1,rsf,PARTY,Osman Musa,MAN,Head\n"
                                     "processes/sudan,r1,gov,party,Khalid Nour,man,head\n"
                                     "sudan,r2,gov,party,,undisclosed,technical-expert\n"
                                     "yemen,r1,un,mediation,\"Haddad, Rana\",woman,mediator\n"));
  ASSERT_OK(sheet.status());
  EXPECT_EQ(sheet->rows, 5);
  EXPECT_THAT(sheet->errors, IsEmpty());
  EXPECT_THAT(Names(sheet->delegations), ElementsAre("processes/sudan/rounds/r1/delegations/gov",
                                                     "processes/sudan/rounds/r1/delegations/rsf",
                                                     "processes/sudan/rounds/r2/delegations/gov",
                                                     "processes/yemen/rounds/r1/delegations/un"));
  const SheetDelegation& gov = sheet->delegations[0];
  EXPECT_EQ(gov.delegation.id(), "gov");
  EXPECT_EQ(gov.delegation.kind(), Delegation::PARTY);
  EXPECT_THAT(MemberNames(gov), ElementsAre("Amna Idris", "Khalid Nour"));
  EXPECT_EQ(gov.delegation.members(0).gender(), Member::WOMAN);
  EXPECT_EQ(gov.delegation.members(1).role(), Member::HEAD);
  EXPECT_THAT(gov.member_rows, ElementsAre(2, 4));
  EXPECT_THAT(gov.rows, ElementsAre(2, 4));
  EXPECT_EQ(sheet->delegations[2].delegation.members(0).role(), Member::TECHNICAL_EXPERT);
  EXPECT_EQ(sheet->delegations[2].delegation.members(0).display_name(), "");
  EXPECT_THAT(MemberNames(sheet->delegations[3]), ElementsAre("Haddad, Rana"));
  ASSERT_EQ(sheet->rounds.size(), 3u);
  EXPECT_EQ(sheet->rounds[0].process, "processes/sudan");
  EXPECT_EQ(sheet->rounds[0].round_id, "r1");
  EXPECT_EQ(sheet->rounds[2].process, "processes/yemen");
}

TEST(ParseBalanceSheetTest, ColumnsInAnyOrderWithOptionalOnes) {
  const auto sheet = ParseBalanceSheet(
      " Role ,Gender,member,KIND,delegation,round,process,round_start_date,round_display_name,"
      "delegation_display_name\n"
      "head,woman,Amna,civil society,bloc,r3,sudan,2025-11-18,Geneva,Women's bloc\n"
      "adviser,man,Tarig,,bloc,r3,sudan,,,\n");
  ASSERT_OK(sheet.status());
  EXPECT_THAT(sheet->errors, IsEmpty());
  ASSERT_EQ(sheet->delegations.size(), 1u);
  // One row giving the kind and display name is enough.
  EXPECT_EQ(sheet->delegations[0].delegation.kind(), Delegation::CIVIL_SOCIETY);
  EXPECT_EQ(sheet->delegations[0].delegation.display_name(), "Women's bloc");
  EXPECT_THAT(MemberNames(sheet->delegations[0]), ElementsAre("Amna", "Tarig"));
  ASSERT_EQ(sheet->rounds.size(), 1u);
  EXPECT_EQ(sheet->rounds[0].start_date, "2025-11-18");
  EXPECT_EQ(sheet->rounds[0].display_name, "Geneva");
}

TEST(ParseBalanceSheetTest, RowWithoutMemberRecordsAnEmptyDelegation) {
  const auto sheet = ParseBalanceSheet(absl::StrCat(kHeader, "yemen,r3,guarantors,guarantor,,,\n"));
  ASSERT_OK(sheet.status());
  EXPECT_THAT(sheet->errors, IsEmpty());
  ASSERT_EQ(sheet->delegations.size(), 1u);
  EXPECT_EQ(sheet->delegations[0].delegation.members_size(), 0);
  EXPECT_EQ(sheet->delegations[0].delegation.kind(), Delegation::GUARANTOR);
}

TEST(ParseBalanceSheetTest, BadGenderRoleAndKindAreReportedWithRowAndColumn) {
  const auto sheet = ParseBalanceSheet(absl::StrCat(kHeader,
                                                    "sudan,r1,gov,party,Amna,female,negotiator\n"
                                                    "sudan,r1,gov,party,Hiba,woman,chair\n"
                                                    "sudan,r1,obs,govt,Osman,man,observer\n"
                                                    "sudan,r1,ok,party,Rasha,,head\n"
                                                    "sudan,r1,ok2,party,Nahid,woman,\n"));
  ASSERT_OK(sheet.status());
  EXPECT_THAT(sheet->errors,
              ElementsAre(RowError(2, "gender",
                                   "\"female\" is not a gender: use woman, man, other or "
                                   "undisclosed"),
                          RowError(3, "role", "\"chair\" is not a role: use head, negotiator"),
                          RowError(4, "kind",
                                   "\"govt\" is not a kind: use party, mediation, observer, "
                                   "civil_society or guarantor"),
                          RowError(5, "gender", "gender is required"),
                          RowError(6, "role", "role is required")));
  EXPECT_THAT(sheet->delegations, IsEmpty());
  EXPECT_THAT(Names(sheet->rejected), ElementsAre("processes/sudan/rounds/r1/delegations/gov",
                                                  "processes/sudan/rounds/r1/delegations/obs",
                                                  "processes/sudan/rounds/r1/delegations/ok",
                                                  "processes/sudan/rounds/r1/delegations/ok2"));
  EXPECT_THAT(sheet->rejected[0].rows, ElementsAre(2, 3));
  EXPECT_THAT(sheet->rounds, IsEmpty());
}

TEST(ParseBalanceSheetTest, ABadRowKeepsItsWholeDelegationOutButNotTheOthers) {
  const auto sheet = ParseBalanceSheet(absl::StrCat(kHeader,
                                                    "sudan,r1,gov,party,Amna,woman,negotiator\n"
                                                    "sudan,r1,gov,party,Osman,man,chief\n"
                                                    "sudan,r1,gov,party,Khalid,man,head\n"
                                                    "sudan,r1,rsf,party,Hamza,man,head\n"));
  ASSERT_OK(sheet.status());
  EXPECT_THAT(sheet->errors, ElementsAre(RowError(3, "role", "\"chief\"")));
  EXPECT_THAT(Names(sheet->delegations), ElementsAre("processes/sudan/rounds/r1/delegations/rsf"));
  ASSERT_EQ(sheet->rejected.size(), 1u);
  EXPECT_THAT(sheet->rejected[0].rows, ElementsAre(2, 3, 4));
}

TEST(ParseBalanceSheetTest, BadIdsAndWrongFieldCounts) {
  const auto sheet = ParseBalanceSheet(absl::StrCat(kHeader,
                                                    "Sudan,r1,gov,party,Amna,woman,head\n"
                                                    "sudan,round 1,,party,Amna,woman,head\n"
                                                    "sudan,r1,gov,party,Amna,woman\n"
                                                    "sudan,r1,gov,party,Osman,man,negotiator\n"));
  ASSERT_OK(sheet.status());
  EXPECT_THAT(sheet->errors, ElementsAre(RowError(2, "process", "\"Sudan\" is not an id"),
                                         RowError(3, "round", "\"round 1\" is not an id"),
                                         RowError(3, "delegation", "delegation is required"),
                                         RowError(4, "", "has 6 fields; the header has 7")));
  // The short row still names its delegation: that delegation is not written without her.
  EXPECT_THAT(sheet->delegations, IsEmpty());
  ASSERT_EQ(sheet->rejected.size(), 1u);
  EXPECT_THAT(sheet->rejected[0].rows, ElementsAre(4, 5));
  EXPECT_EQ(sheet->rows, 4);
}

TEST(ParseBalanceSheetTest, RowsMustAgreeOnKindDisplayNameAndRoundDate) {
  const auto sheet = ParseBalanceSheet(
      "process,round,delegation,kind,member,gender,role,delegation_display_name,round_start_date\n"
      "sudan,r1,gov,party,Amna,woman,head,Government,2025-05-06\n"
      "sudan,r1,gov,mediation,Osman,man,head,,\n"
      "sudan,r1,rsf,party,Hamza,man,head,,2025-05-07\n"
      "sudan,r2,x,party,Hamza,man,head,,2025-13-01\n"
      "sudan,r2,y,,Hamza,man,head,,\n");
  ASSERT_OK(sheet.status());
  EXPECT_THAT(
      sheet->errors,
      ElementsAre(RowError(3, "kind",
                           "\"mediation\" differs from \"party\" given for this "
                           "delegation in row 2"),
                  RowError(4, "round_start_date",
                           "differs from \"2025-05-06\" given for this "
                           "round in row 2"),
                  RowError(5, "round_start_date", "\"2025-13-01\" is not a date (YYYY-MM-DD)"),
                  RowError(6, "kind", "no row of delegation y gives its kind")));
  EXPECT_THAT(sheet->delegations, IsEmpty());
}

TEST(ParseBalanceSheetTest, FileErrorsFailTheWholeParse) {
  EXPECT_THAT(ParseBalanceSheet(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseBalanceSheet("").status().message(), HasSubstr("the file is empty"));
  EXPECT_THAT(ParseBalanceSheet("process,round,delegation,kind,member,role\n").status().message(),
              HasSubstr("missing column 'gender'; the columns are process,round,delegation,kind,"
                        "member,gender,role (optional: delegation_display_name, "
                        "round_start_date, round_display_name)"));
  EXPECT_THAT(ParseBalanceSheet("process,round,delegation,kind,member,gender,role,notes\n")
                  .status()
                  .message(),
              HasSubstr("unknown column 'notes'"));
  EXPECT_THAT(ParseBalanceSheet("process,round,delegation,kind,member,gender,role,Role\n")
                  .status()
                  .message(),
              HasSubstr("column 'role' appears twice"));
  EXPECT_THAT(ParseBalanceSheet(absl::StrCat(kHeader, "sudan,r1,gov,party,\"Amna,woman,head\n")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ParseBalanceSheetTest, HeaderOnlyIsNothingToDo) {
  const auto sheet = ParseBalanceSheet(kHeader);
  ASSERT_OK(sheet.status());
  EXPECT_EQ(sheet->rows, 0);
  EXPECT_THAT(sheet->delegations, IsEmpty());
}

SheetDelegation TwoMembers() {
  const auto sheet = ParseBalanceSheet(absl::StrCat(kHeader,
                                                    "sudan,r1,gov,party,Amna,woman,head\n"
                                                    "sudan,r1,rsf,party,Osman,man,head\n"
                                                    "sudan,r1,gov,party,Hiba,woman,adviser\n"));
  EXPECT_TRUE(sheet.ok());
  return sheet->delegations.front();
}

TEST(DelegationWriteErrorsTest, MemberViolationsNameTheirRowAndColumn) {
  const std::vector<ImportError> errors =
      DelegationWriteErrors(TwoMembers(), "INVALID_ARGUMENT: bad delegation",
                            {{"delegation.members[1].display_name", "too long"},
                             {"delegation.display_name", "too long"},
                             {"members[0].gender", "required"},
                             {"round", "no such round"}});
  EXPECT_THAT(errors, ElementsAre(RowError(2, "delegation_display_name", "too long"),
                                  RowError(2, "gender", "required"),
                                  RowError(2, "", "round: no such round"),
                                  RowError(4, "member", "too long")));
}

TEST(DelegationWriteErrorsTest, WithoutViolationsTheMessageOnTheFirstRow) {
  EXPECT_THAT(DelegationWriteErrors(TwoMembers(), "ABORTED: changed", {}),
              ElementsAre(RowError(2, "", "ABORTED: changed")));
  // An index past the members: the first row, naming the field.
  EXPECT_THAT(DelegationWriteErrors(TwoMembers(), "x", {{"members[7].role", "bad"}}),
              ElementsAre(RowError(2, "", "members[7].role: bad")));
}

TEST(RowRangesTest, RunsOfConsecutiveRows) {
  EXPECT_EQ(RowRanges({2, 3, 4, 5, 9, 11, 12}), "2-5, 9, 11-12");
  EXPECT_EQ(RowRanges({7}), "7");
  EXPECT_EQ(RowRanges({}), "");
}

}  // namespace
}  // namespace wps::wpsctl
