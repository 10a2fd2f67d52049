// wpsctl search, shortlist and process against a real wpsd process: four known mediators imported
// through wpsctl, then the commands' exit codes and output in every format.
//
// Needs a wpsd that serves SearchMediators and MatchingService (see API.md).
#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/roster/mediator_csv.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/testing/status_matchers.h"
#include "wps/matching/v1/resources.pb.h"
#include "wps/roster/v1/roster_service.pb.h"

namespace wps::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

constexpr char kSigrun[] = "networks/nordic/mediators/sigrun";
constexpr char kAmal[] = "networks/arab-women-mediators/mediators/amal";
constexpr char kAwut[] = "networks/femwise-africa/mediators/awut";

// Columns of roster::kMediatorCsvHeader.
const std::vector<std::vector<std::string>>& Roster() {
  static const auto* records = new std::vector<std::vector<std::string>>{
      {"sigrun", "nordic", "IS", "Sigrún", "Sigurðardóttir", "IS", "is:native;en:C2;ar:B1",
       "SD;015", "ceasefire-security-arrangements;process-design", "mediator", "20", "available",
       "", "", "", "none", "Led ceasefire talks in the Horn of Africa."},
      {"amal", "arab-women-mediators", "LB", "Amal", "Haddad", "LB", "ar:native;en:C2;fr:B2",
       "SD;LB", "power-sharing;ceasefire-security-arrangements", "mediator;adviser", "15",
       "available", "", "", "", "none", "Power-sharing adviser."},
      {"awut", "femwise-africa", "SS", "Awut", "Deng", "SS", "ar:C1;en:native", "SS;SD",
       "humanitarian-access;ceasefire-security-arrangements", "mediator", "25", "limited", "", "",
       "", "none", "Humanitarian access negotiator."},
      {"lan", "sean-wpnm", "VN", "Lan", "Nguyen", "VN", "vi:native;en:C1", "VN;035",
       "dialogue-facilitation", "facilitator", "8", "unavailable", "", "", "", "none",
       "National dialogue facilitator."},
  };
  return *records;
}

template <typename M>
M ParseJson(const std::string& json) {
  M message;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return message;
}

std::vector<std::string> NamesOf(const roster::v1::SearchMediatorsResponse& response) {
  std::vector<std::string> names;
  for (const auto& m : response.mediators()) names.push_back(m.name());
  return names;
}

class WpsctlMatchingCliTest : public E2eTest {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(wpsd_, StartWpsd());
    ASSERT_OK(CreateGlobalAllianceNetworks(wpsd_->roster()));
    const std::vector<std::string> header = absl::StrSplit(roster::kMediatorCsvHeader, ',');
    ASSERT_OK(WriteCsvFile(Path("roster.csv"), header, Roster()));
    const RunResult imported = Ok({"import", Path("roster.csv")});
    ASSERT_EQ(imported.exit.code, 0);
  }

  // Runs wpsctl; expects exit 0 and no error output.
  RunResult Ok(const std::vector<std::string>& args) {
    absl::StatusOr<RunResult> result = Wpsctl(*wpsd_, args);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return RunResult();
    EXPECT_TRUE(result->exit.Success()) << absl::StrJoin(args, " ") << ": " << Describe(*result);
    return *result;
  }

  // Runs wpsctl; expects exit `code`.
  RunResult Fails(const std::vector<std::string>& args, int code) {
    absl::StatusOr<RunResult> result = Wpsctl(*wpsd_, args);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return RunResult();
    EXPECT_EQ(result->exit.code, code) << absl::StrJoin(args, " ") << ": " << Describe(*result);
    return *result;
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    std::ofstream(Path(name)) << content;
    return Path(name);
  }

  // Creates processes/sudan: Sudan, Arabic and English, a party of Sudanese nationals.
  void CreateSudan() {
    const std::string file = WriteFile("sudan.json", R"({"displayName": "Sudan talks",
        "countries": ["SD"], "workingLanguages": ["ar", "en"],
        "expertiseNeeded": ["ceasefire-security-arrangements"],
        "parties": [{"displayName": "Party A", "nationalities": ["SD"]}],
        "stage": "negotiation", "track": "1"})");
    Ok({"process", "create", "--file=" + file, "--id=sudan"});
  }

  std::unique_ptr<Wpsd> wpsd_;
};

TEST_F(WpsctlMatchingCliTest, SearchByTextIgnoresAccents) {
  const auto found =
      ParseJson<roster::v1::SearchMediatorsResponse>(Ok({"search", "sigurd", "--output=json"}).out);
  EXPECT_THAT(NamesOf(found), ElementsAre(kSigrun));
  EXPECT_EQ(found.total_size(), 1);
}

TEST_F(WpsctlMatchingCliTest, SearchFiltersAndFacets) {
  auto found = ParseJson<roster::v1::SearchMediatorsResponse>(
      Ok({"search", "--language=ar:C1", "--facets=languages,network", "--output=json"}).out);
  EXPECT_THAT(NamesOf(found), UnorderedElementsAre(kAmal, kAwut));
  EXPECT_EQ(found.total_size(), 2);
  std::vector<std::string> facets;
  for (const auto& facet : found.facet_counts()) facets.push_back(facet.facet());
  EXPECT_THAT(facets, UnorderedElementsAre("languages", "networks"));

  // "015" (Northern Africa) finds work on Sudan.
  found = ParseJson<roster::v1::SearchMediatorsResponse>(
      Ok({"search", "--region=015", "--availability=available,limited", "--output=json"}).out);
  EXPECT_THAT(NamesOf(found), UnorderedElementsAre(kSigrun, kAmal, kAwut));
}

TEST_F(WpsctlMatchingCliTest, SearchTableShowsFacetsAndHowManyOfTheTotal) {
  RunResult result = Ok({"search", "--language=ar:C1", "--facets=languages"});
  EXPECT_THAT(result.out, StartsWith("NAME  "));
  // A facet applies every filter but its own: the languages of all four.
  EXPECT_THAT(result.out, HasSubstr("\n\nlanguages: en 4, ar 3, fr 1, is 1, vi 1\n"));
  EXPECT_THAT(result.out, HasSubstr("\n2 matches\n"));

  result = Ok({"search", "--language=ar:C1", "--limit=1"});
  EXPECT_THAT(result.out, HasSubstr("\n2 matches, 1 shown (--limit=0 for all)\n"));
  // Paging one record at a time still gathers every match.
  result = Ok({"search", "--limit=0", "--page_size=1", "--output=json"});
  EXPECT_EQ(ParseJson<roster::v1::SearchMediatorsResponse>(result.out).mediators_size(), 4);
}

TEST_F(WpsctlMatchingCliTest, SearchCsvIsTheApiCsv) {
  const RunResult result = Ok({"search", "--network=nordic", "--output=csv"});
  const std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << result.out;
  EXPECT_EQ(lines[0], roster::kMediatorCsvHeader);
  EXPECT_THAT(lines[1], StartsWith("sigrun,nordic,IS,Sigrún,Sigurðardóttir,"));
}

TEST_F(WpsctlMatchingCliTest, SearchRejectsABadLevelBeforeCallingTheServer) {
  const RunResult result = Fails({"search", "--language=ar:Z9"}, 2);
  EXPECT_THAT(result.err, StartsWith("wpsctl: --language: \"Z9\" in \"ar:Z9\" is not a level"));
}

TEST_F(WpsctlMatchingCliTest, ProcessCreateGetListUpdate) {
  CreateSudan();
  auto process =
      ParseJson<matching::v1::PeaceProcess>(Ok({"process", "get", "sudan", "--output=json"}).out);
  EXPECT_EQ(process.name(), "processes/sudan");
  EXPECT_EQ(process.display_name(), "Sudan talks");
  EXPECT_EQ(process.stage(), matching::v1::PeaceProcess::NEGOTIATION);
  EXPECT_EQ(process.track(), matching::v1::PeaceProcess::TRACK_1);

  EXPECT_THAT(Ok({"process", "list"}).out, HasSubstr("\nprocesses/sudan  Sudan talks   SD"));

  const std::string patch = WriteFile("patch.json", R"({"stage": "agreement"})");
  process = ParseJson<matching::v1::PeaceProcess>(
      Ok({"process", "update", "processes/sudan", "--file=" + patch, "--update_mask=stage",
          "--output=json"})
          .out);
  EXPECT_EQ(process.stage(), matching::v1::PeaceProcess::AGREEMENT);
  EXPECT_EQ(process.display_name(), "Sudan talks");

  const std::string again = WriteFile("again.json", R"({"displayName": "Again"})");
  EXPECT_THAT(Fails({"process", "create", "--file=" + again, "--id=sudan"}, 1).err,
              StartsWith("wpsctl: ALREADY_EXISTS: "));
  EXPECT_THAT(Fails({"process", "get", "nowhere"}, 1).err, StartsWith("wpsctl: NOT_FOUND: "));
  EXPECT_THAT(Fails({"process", "update", "sudan", "--file=" + patch, "--etag=stale"}, 1).err,
              StartsWith("wpsctl: ABORTED: "));
}

TEST_F(WpsctlMatchingCliTest, ShortlistRanksStoresAndLists) {
  CreateSudan();
  const std::string request = WriteFile("request.json", R"({"process": "processes/sudan",
      "requiredLanguages": [{"code": "ar", "minLevel": "C1"}], "count": 5})");
  const auto shortlist = ParseJson<matching::v1::Shortlist>(
      Ok({"shortlist", "--file=" + request, "--output=json"}).out);
  EXPECT_THAT(shortlist.name(), StartsWith("shortlists/"));
  EXPECT_EQ(shortlist.total_matched(), 2);
  std::vector<std::string> names;
  for (const auto& candidate : shortlist.candidates()) {
    names.push_back(candidate.mediator().name());
    EXPECT_THAT(candidate.reasons(), Not(IsEmpty())) << candidate.mediator().name();
  }
  EXPECT_THAT(names, UnorderedElementsAre(kAmal, kAwut));
  ASSERT_EQ(shortlist.candidates_size(), 2);
  EXPECT_GE(shortlist.candidates(0).score(), shortlist.candidates(1).score());
  // Filled from the process.
  EXPECT_THAT(shortlist.request().process_countries(), ElementsAre("SD"));

  const RunResult table = Ok({"shortlist", "--file=" + request});
  EXPECT_THAT(table.out, StartsWith("RANK  CANDIDATE  "));
  EXPECT_THAT(table.out, HasSubstr("\n1     "));
  EXPECT_THAT(table.out, HasSubstr("\n2 candidates of 2 matched; stored as shortlists/"));

  const auto got = ParseJson<matching::v1::Shortlist>(
      Ok({"shortlist", "get", shortlist.name(), "--output=json"}).out);
  EXPECT_EQ(got.name(), shortlist.name());
  EXPECT_EQ(got.candidates_size(), 2);

  const std::string listed = Ok({"shortlist", "list", "--process=sudan"}).out;
  EXPECT_THAT(listed, HasSubstr(shortlist.name() + "  processes/sudan  2"));
  EXPECT_THAT(Ok({"shortlist", "list", "--output=csv"}).out,
              StartsWith("name,process,candidates,total_matched,create_time,requester\n"));
  EXPECT_THAT(Fails({"shortlist", "get", "shortlists/none"}, 1).err,
              StartsWith("wpsctl: NOT_FOUND: "));
}

}  // namespace
}  // namespace wps::e2e
