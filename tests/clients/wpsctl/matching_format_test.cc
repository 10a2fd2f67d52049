#include "clients/wpsctl/matching_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace wps::wpsctl {
namespace {

using matching::v1::PeaceProcess;
using matching::v1::Shortlist;
using ::testing::HasSubstr;
using ::testing::StartsWith;

template <typename M>
M ParseText(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

Shortlist TwoOfFiftySeven() {
  return ParseText<Shortlist>(R"pb(
    name: "shortlists/0k2x5f7q1c8-a3zd"
    request { process: "processes/sudan" count: 2 }
    candidates {
      mediator {
        name: "networks/femwise-africa/mediators/awut-deng"
        display_name: "Awut Deng"
        network: "femwise-africa"
      }
      score: 0.7833333
      breakdown { language: 1 region: 0.5 expertise: 0.3333333 experience: 0.4 }
      reasons: "speaks Arabic (C2)"
      reasons: "works on Sudan"
    }
    candidates {
      mediator {
        name: "networks/nordic/mediators/ingrid-hansen"
        given_name: "Ingrid"
        family_name: "Hansen"
      }
      score: 0.1
      breakdown { experience: 1 }
    }
    total_matched: 57
    create_time { seconds: 1795000000 }
    requester: "unit-dppa"
  )pb");
}

TEST(FormatBreakdownTest, FourComponentsTwoDecimals) {
  EXPECT_EQ(FormatBreakdown(TwoOfFiftySeven().candidates(0).breakdown()), "1.00/0.50/0.33/0.40");
  EXPECT_EQ(FormatBreakdown({}), "0.00/0.00/0.00/0.00");
}

TEST(ShortlistTableTest, RankedRowsThenTheCountAndName) {
  EXPECT_EQ(
      ShortlistTable(TwoOfFiftySeven()),
      "RANK  CANDIDATE      NAME                                         NETWORK         SCORE     "
      "LANG/REGION/EXP/YEARS  REASONS\n"
      "1     Awut Deng      networks/femwise-africa/mediators/awut-deng  femwise-africa  0.783333  "
      "1.00/0.50/0.33/0.40    speaks Arabic (C2); works on Sudan\n"
      "2     Ingrid Hansen  networks/nordic/mediators/ingrid-hansen      nordic          0.100000  "
      "0.00/0.00/0.00/1.00    -\n"
      "\n"
      "2 candidates of 57 matched; stored as shortlists/0k2x5f7q1c8-a3zd\n");
}

TEST(ShortlistTableTest, NoCandidatesIsJustTheCount) {
  Shortlist empty;
  empty.set_name("shortlists/x");
  EXPECT_EQ(ShortlistTable(empty), "0 candidates of 0 matched; stored as shortlists/x\n");
  Shortlist one = TwoOfFiftySeven();
  one.mutable_candidates()->RemoveLast();
  EXPECT_THAT(ShortlistTable(one), HasSubstr("\n1 candidate of 57 matched;"));
}

TEST(FormatShortlistTest, JsonParsesBack) {
  const Shortlist shortlist = TwoOfFiftySeven();
  const std::string json = FormatShortlist(shortlist, OutputFormat::kJson);
  EXPECT_THAT(json, HasSubstr("\"totalMatched\": \"57\""));
  Shortlist parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, shortlist));
}

TEST(FormatShortlistTest, CsvOneLinePerCandidate) {
  EXPECT_EQ(FormatShortlist(TwoOfFiftySeven(), OutputFormat::kCsv),
            "rank,name,display_name,network,score,language,region,expertise,experience,reasons\n"
            "1,networks/femwise-africa/mediators/awut-deng,Awut Deng,femwise-africa,0.783333,"
            "1.000000,0.500000,0.333333,0.400000,speaks Arabic (C2); works on Sudan\n"
            "2,networks/nordic/mediators/ingrid-hansen,Ingrid Hansen,nordic,0.100000,"
            "0.000000,0.000000,0.000000,1.000000,\n");
}

TEST(FormatShortlistsTest, TableCsvAndJsonArray) {
  const std::vector<Shortlist> shortlists = {TwoOfFiftySeven()};
  EXPECT_EQ(FormatShortlists(shortlists, OutputFormat::kTable),
            "NAME                         PROCESS          CANDIDATES  MATCHED  CREATED           "
            "REQUESTER\n"
            "shortlists/0k2x5f7q1c8-a3zd  processes/sudan  2           57       2026-11-18 11:06  "
            "unit-dppa\n");
  EXPECT_EQ(FormatShortlists(shortlists, OutputFormat::kCsv),
            "name,process,candidates,total_matched,create_time,requester\n"
            "shortlists/0k2x5f7q1c8-a3zd,processes/sudan,2,57,2026-11-18T11:06:40Z,unit-dppa\n");
  EXPECT_THAT(FormatShortlists(shortlists, OutputFormat::kJson), StartsWith("[\n{"));
  EXPECT_EQ(FormatShortlists({}, OutputFormat::kJson), "[]\n");
}

TEST(FormatProcessesTest, TableAndCsv) {
  const PeaceProcess sudan = ParseText<PeaceProcess>(R"pb(
    name: "processes/sudan"
    display_name: "Sudan talks, Jeddah"
    countries: "SD"
    working_languages: "ar"
    working_languages: "en"
    expertise_needed: "ceasefire-security-arrangements"
    expertise_needed: "humanitarian-access"
    stage: PRE_NEGOTIATION
    track: TRACK_1_5
  )pb");
  PeaceProcess bare;
  bare.set_name("processes/bare");
  const std::vector<PeaceProcess> processes = {sudan, bare};
  EXPECT_EQ(FormatProcesses(processes, OutputFormat::kTable),
            "NAME             DISPLAY NAME         COUNTRIES  LANGUAGES  EXPERTISE                 "
            "                            STAGE            TRACK\n"
            "processes/sudan  Sudan talks, Jeddah  SD         ar en      "
            "ceasefire-security-arrangements, humanitarian-access  pre_negotiation  1.5\n"
            "processes/bare   -                    -          -          -                         "
            "                            -                -\n");
  EXPECT_EQ(FormatProcesses(processes, OutputFormat::kCsv),
            "name,display_name,countries,working_languages,expertise_needed,stage,track\n"
            "processes/sudan,\"Sudan talks, Jeddah\",SD,ar;en,"
            "ceasefire-security-arrangements;humanitarian-access,pre_negotiation,1.5\n"
            "processes/bare,,,,,,\n");
  EXPECT_THAT(FormatProcess(sudan, OutputFormat::kJson), StartsWith("{"));
  EXPECT_THAT(FormatProcess(sudan, OutputFormat::kJson),
              HasSubstr("\"stage\": \"PRE_NEGOTIATION\""));
}

}  // namespace
}  // namespace wps::wpsctl
