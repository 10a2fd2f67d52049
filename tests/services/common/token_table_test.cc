#include "services/common/token_table.h"

#include <fstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::common {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

// printf %s TOKEN | sha256sum, computed outside the code under test.
constexpr char kAdminHash[] = "16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01";
constexpr char kCoordinatorHash[] =
    "23140165af11cf5ded5a8777be3021f746d2bf9b4b27721cdd94b046cb80501c";
constexpr char kViewerHash[] = "f6aa3a0aabbb721b4aa7763a987a47688a702b1bcf4850cb4ba5bdab26f9cc4b";
constexpr char kUnitHash[] = "af3d6c602edd5c8f2ccdd5be6866e83e704dd4409f36b14c0a23c0c4e7426b43";
constexpr char kPartnerHash[] = "25386993910f585ef9789d1de56b13c385f18751de51daf6050d20bd4fd65623";

std::string Line(absl::string_view hash, absl::string_view rest) {
  return absl::StrCat(hash, " ", rest, "\n");
}

std::string FullTable() {
  return absl::StrCat("# WPS Roster tokens of the Nordic server\n\n",
                      Line(kAdminHash, "admin - ops-team"),
                      Line(kCoordinatorHash, "coordinator nordic alice   # rotated 2026-11"),
                      "   \t\n", absl::StrCat(kViewerHash, "\tviewer\tnordic\tbob\r\n"),
                      Line(kUnitHash, "mediation-unit - un-dppa"),
                      Line(kPartnerHash, "partner femwise-africa femwise-puller"));
}

void ExpectCaller(const absl::StatusOr<Caller>& caller, absl::string_view principal, Role role,
                  absl::string_view network) {
  ASSERT_OK(caller);
  EXPECT_EQ(caller->principal, principal);
  EXPECT_EQ(caller->role, role) << RoleName(caller->role);
  EXPECT_EQ(caller->network, network);
  EXPECT_EQ(caller->peer, "");
}

TEST(TokenTableTest, ParsesEntriesSkippingCommentsAndBlankLines) {
  ASSERT_OK_AND_ASSIGN(TokenTable table, TokenTable::Parse(FullTable(), "test"));
  EXPECT_EQ(table.size(), 5u);
  ExpectCaller(table.Authenticate("admin-secret"), "ops-team", Role::kAdmin, "");
  ExpectCaller(table.Authenticate("coordinator-secret"), "alice", Role::kCoordinator, "nordic");
  ExpectCaller(table.Authenticate("viewer-secret"), "bob", Role::kViewer, "nordic");
  ExpectCaller(table.Authenticate("unit-secret"), "un-dppa", Role::kMediationUnit, "");
  ExpectCaller(table.Authenticate("partner-secret"), "femwise-puller", Role::kPartner,
               "femwise-africa");
}

TEST(TokenTableTest, AdminAndMediationUnitMayHaveANetwork) {
  ASSERT_OK_AND_ASSIGN(TokenTable table,
                       TokenTable::Parse(Line(kAdminHash, "admin nordic root") +
                                             Line(kUnitHash, "mediation-unit nordic nordic-unit"),
                                         "test"));
  ExpectCaller(table.Authenticate("admin-secret"), "root", Role::kAdmin, "nordic");
  ExpectCaller(table.Authenticate("unit-secret"), "nordic-unit", Role::kMediationUnit, "nordic");
}

TEST(TokenTableTest, UpperCaseHexIsTheSameHash) {
  ASSERT_OK_AND_ASSIGN(
      TokenTable table,
      TokenTable::Parse(Line(absl::AsciiStrToUpper(kAdminHash), "admin - root"), "test"));
  ExpectCaller(table.Authenticate("admin-secret"), "root", Role::kAdmin, "");
}

TEST(TokenTableTest, UnknownTokensAreUnauthenticated) {
  ASSERT_OK_AND_ASSIGN(TokenTable table, TokenTable::Parse(FullTable(), "test"));
  EXPECT_THAT(table.Authenticate("admin-secreT"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(table.Authenticate("admin-secret "), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(table.Authenticate(""), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(TokenTable().Authenticate("admin-secret"),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

// The file stores hashes: whoever reads it learns no token, and the hash is not a token either.
TEST(TokenTableTest, HoldsHashesOnly) {
  ASSERT_OK_AND_ASSIGN(TokenTable table, TokenTable::Parse(FullTable(), "test"));
  EXPECT_THAT(table.Authenticate(kAdminHash), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(TokenTable::Parse("admin-secret admin - ops-team\n", "test"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("line 1"), HasSubstr("never the token itself"))));
}

struct BadLine {
  std::string line;
  std::string reason;
};

TEST(TokenTableTest, MalformedLinesNameSourceAndLineNumber) {
  const std::string hash_63 = std::string(kAdminHash).substr(1);
  const std::string not_hex = "g" + hash_63;
  const BadLine cases[] = {
      {Line(kAdminHash, "admin -"), "expected 4 fields"},
      {Line(kAdminHash, "admin - ops team"), "expected 4 fields"},
      {Line(hash_63, "admin - root"), "64 hex digits"},
      {Line(not_hex, "admin - root"), "64 hex digits"},
      {Line(kAdminHash, "superuser - root"), "unknown role 'superuser'"},
      {Line(kAdminHash, "coordinator - alice"), "coordinator needs a network id"},
      {Line(kAdminHash, "viewer - bob"), "viewer needs a network id"},
      {Line(kAdminHash, "partner - femwise"), "partner needs a network id"},
      {Line(kAdminHash, "coordinator Nordic alice"), "'Nordic' is not a network id"},
      {Line(kAdminHash, "admin nordic_network root"), "is not a network id"},
      {Line(kCoordinatorHash, "viewer nordic carol"), "the same token hash as line 2"},
  };
  const std::string good_lines = "# header\n" + Line(kCoordinatorHash, "coordinator nordic alice");
  for (const BadLine& bad : cases) {
    EXPECT_THAT(TokenTable::Parse(good_lines + bad.line, "tokens.txt"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("tokens.txt line 3: "), HasSubstr(bad.reason))))
        << bad.line;
  }
}

TEST(TokenTableTest, LoadFileReadsTheFileAndNamesItInErrors) {
  testing::TempDir dir;
  std::ofstream(dir.Join("tokens")) << FullTable();
  ASSERT_OK_AND_ASSIGN(TokenTable table, TokenTable::LoadFile(dir.Join("tokens")));
  EXPECT_EQ(table.size(), 5u);
  std::ofstream(dir.Join("bad")) << Line(kAdminHash, "admin - root") << "oops\n";
  EXPECT_THAT(TokenTable::LoadFile(dir.Join("bad")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tokens file " + dir.Join("bad") + " line 2: ")));
  EXPECT_THAT(TokenTable::LoadFile(dir.Join("absent")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(dir.Join("absent"))));
}

}  // namespace
}  // namespace wps::common
