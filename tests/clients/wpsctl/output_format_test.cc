#include "clients/wpsctl/output_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/roster/mediator_csv.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using roster::v1::Mediator;
using roster::v1::Network;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::wps::testing::StatusIs;

Mediator Amal() {
  Mediator m;
  google::protobuf::TextFormat::ParseFromString(
      R"pb(
        name: "networks/arab-women-mediators/mediators/amal-haddad-1a3f"
        network: "arab-women-mediators"
        chapter: "LB"
        given_name: "Amal"
        family_name: "Haddad"
        languages { code: "ar" level: LANGUAGE_LEVEL_NATIVE }
        languages { code: "en" level: LANGUAGE_LEVEL_C2 }
        languages { code: "fr" level: LANGUAGE_LEVEL_B1 }
        regions: "LB"
        regions: "SY"
        regions: "145"
        expertise: "ddr"
        expertise: "ssr"
        expertise: "land"
        expertise: "elections"
        expertise: "crsv"
        roles: "mediator"
        years_experience: 12
        availability: LIMITED
      )pb",
      &m);
  return m;
}

Mediator Sigrun() {
  Mediator m;
  m.set_name("networks/nordic/mediators/sigrun-sigurdardottir-00b2");
  m.set_given_name("Sigrún");
  m.set_family_name("Sigurðardóttir");
  m.add_languages()->set_code("is");
  m.mutable_languages(0)->set_level(wps::type::LANGUAGE_LEVEL_NATIVE);
  m.add_expertise("process-design");
  m.set_availability(roster::v1::AVAILABLE);
  m.mutable_delete_time()->set_seconds(1);
  return m;
}

TEST(ParseOutputFormatTest, KnowsTheThreeFormats) {
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_THAT(ParseOutputFormat("yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("table, json or csv")));
}

TEST(RenderTableTest, PadsColumnsByCodePoints) {
  EXPECT_EQ(RenderTable({"A", "BB"}, {{"ð", "x"}, {"abc", "y"}}),
            "A    BB\n"
            "ð    x\n"
            "abc  y\n");
  EXPECT_EQ(RenderTable({"NAME"}, {}), "NAME\n");
}

TEST(MediatorCellsTest, LanguagesExpertiseAvailabilityAndName) {
  const Mediator amal = Amal();
  EXPECT_EQ(FormatLanguages(amal), "ar:native en:C2 fr:B1");
  EXPECT_EQ(FormatExpertise(amal), "ddr, ssr, land +2");
  EXPECT_EQ(FormatAvailability(amal), "limited");
  EXPECT_EQ(DisplayName(amal), "Amal Haddad");
  EXPECT_EQ(FormatAvailability(Sigrun()), "available (deleted)");
  EXPECT_EQ(FormatExpertise(Mediator()), "-");
  EXPECT_EQ(FormatLanguages(Mediator()), "-");
  Mediator named = amal;
  named.set_display_name("Dr Amal Haddad");
  EXPECT_EQ(DisplayName(named), "Dr Amal Haddad");
}

TEST(MediatorTableTest, AlignedRowsWithNetworkFromTheName) {
  const std::vector<Mediator> mediators = {Amal(), Sigrun()};
  const std::string table = MediatorTable(mediators);
  const std::vector<std::string> lines = absl::StrSplit(table, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], StartsWith("NAME"));
  EXPECT_THAT(lines[1], HasSubstr("ar:native en:C2 fr:B1"));
  EXPECT_THAT(lines[1], HasSubstr("LB SY 145"));
  EXPECT_THAT(lines[2], HasSubstr("Sigrún Sigurðardóttir"));
  // "nordic" comes from the name when the record has no network field.
  EXPECT_THAT(lines[2], HasSubstr("  nordic  "));
  // Columns line up: "DISPLAY NAME" starts at the same code point in every line.
  const size_t column = lines[0].find("DISPLAY NAME");
  EXPECT_EQ(lines[1].find("Amal Haddad"), column);
  EXPECT_EQ(lines[2].find("Sigr"), column);
}

TEST(JsonTest, OneObjectOrAnArrayThatParsesBack) {
  const Mediator amal = Amal();
  const std::string one = FormatMediator(amal, OutputFormat::kJson);
  EXPECT_THAT(one, HasSubstr("\"givenName\": \"Amal\""));
  Mediator parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(one, &parsed).ok());
  EXPECT_EQ(parsed.DebugString(), amal.DebugString());

  const std::vector<Mediator> two = {amal, Sigrun()};
  const std::string array = FormatMediators(two, OutputFormat::kJson);
  EXPECT_THAT(array, StartsWith("[\n{"));
  EXPECT_THAT(array, HasSubstr("},\n{"));
  EXPECT_THAT(array, EndsWith("}\n]\n"));
  EXPECT_EQ(FormatMediators({}, OutputFormat::kJson), "[]\n");
}

TEST(CsvTest, MediatorsAsTheApiCsv) {
  const std::vector<Mediator> mediators = {Amal()};
  EXPECT_EQ(FormatMediators(mediators, OutputFormat::kCsv),
            std::string(roster::kMediatorCsvHeader) + "\n" + roster::MediatorToCsvLine(Amal()));
}

TEST(CsvTest, NetworksAndQuoting) {
  Network network;
  network.set_name("networks/nordic");
  network.set_display_name("Nordic Women Mediators, \"NWM\"");
  network.add_chapters("NO");
  network.add_chapters("SE");
  EXPECT_EQ(FormatNetwork(network, OutputFormat::kCsv),
            "name,display_name,chapters\n"
            "networks/nordic,\"Nordic Women Mediators, \"\"NWM\"\"\",NO;SE\n");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
}

TEST(NetworkTableTest, ChaptersSpaceSeparated) {
  Network network;
  network.set_name("networks/nordic");
  network.set_display_name("Nordic Women Mediators");
  network.add_chapters("NO");
  network.add_chapters("IS");
  EXPECT_EQ(FormatNetwork(network, OutputFormat::kTable),
            "NAME             DISPLAY NAME            CHAPTERS\n"
            "networks/nordic  Nordic Women Mediators  NO IS\n");
}

}  // namespace
}  // namespace wps::wpsctl
