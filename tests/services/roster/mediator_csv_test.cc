#include "services/roster/mediator_csv.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::roster {

// For EXPECT_EQ and readable failures on records.
bool operator==(const CsvRecord& a, const CsvRecord& b) {
  return a.row == b.row && a.fields == b.fields;
}
void PrintTo(const CsvRecord& record, std::ostream* os) {
  *os << "{row " << record.row << ": [" << absl::StrJoin(record.fields, "|") << "]}";
}

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::wps::testing::IsOk;
using ::wps::testing::StatusIs;
using roster::v1::Mediator;

constexpr char kApiHeader[] =
    "id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,"
    "years_experience,availability,unavailable_periods,email,phone,consent_share,bio";

CsvRecord Rec(int64_t row, std::vector<std::string> fields) { return CsvRecord{row, std::move(fields)}; }

// Parses `text` in chunks of the sizes `next_size` returns.
template <typename NextSize>
absl::StatusOr<std::vector<CsvRecord>> ParseInChunks(const std::string& text, NextSize next_size) {
  CsvReader reader;
  std::vector<CsvRecord> records;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t size = std::min(text.size() - pos, next_size());
    absl::Status status = reader.Feed(absl::string_view(text).substr(pos, size), records);
    if (!status.ok()) return status;
    pos += size;
  }
  absl::Status status = reader.Finish(records);
  if (!status.ok()) return status;
  return records;
}

absl::StatusOr<std::vector<CsvRecord>> Parse(const std::string& text) {
  return ParseInChunks(text, [&] { return text.size(); });
}

// One-shot, one byte at a time, and random chunk sizes with fixed seeds must all agree.
void ExpectSameParseInAnyChunks(const std::string& text) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> expected, Parse(text));
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> bytewise, ParseInChunks(text, [] { return size_t{1}; }));
  EXPECT_EQ(bytewise, expected);
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<size_t> size(1, 17);
    ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> chunked,
                         ParseInChunks(text, [&] { return size(rng); }));
    EXPECT_EQ(chunked, expected) << "seed " << seed;
  }
}

// ------------------------------------------------------------------------------------------------
// CsvReader

TEST(CsvReaderTest, ReadsRecordsWithRows) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("a,b,c\n1,2,3\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", "b", "c"}), Rec(2, {"1", "2", "3"})));
}

TEST(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndLineEnds) {
  ASSERT_OK_AND_ASSIGN(
      auto records,
      Parse("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\",\"cr\r\nlf\"\nnext\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a,b", "say \"hi\"", "line1\nline2", "", "cr\r\nlf"}),
                                   Rec(4, {"next"})));
}

TEST(CsvReaderTest, KeepsSpacesAndNonAsciiBytes) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse(" Sigurðardóttir ,أمينة,Светлана,\n"));
  EXPECT_THAT(records,
              ElementsAre(Rec(1, {" Sigurðardóttir ", "أمينة", "Светлана", ""})));
}

TEST(CsvReaderTest, CrLfAndBareCrLineEnds) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("a,b\r\nc,d\r\ne\rf\r\n"));
  EXPECT_THAT(records,
              ElementsAre(Rec(1, {"a", "b"}), Rec(2, {"c", "d"}), Rec(3, {"e"}), Rec(4, {"f"})));
}

TEST(CsvReaderTest, MissingFinalLineEnd) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("a,b\nc,d"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", "b"}), Rec(2, {"c", "d"})));
  ASSERT_OK_AND_ASSIGN(records, Parse("a,b\n\"c\""));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", "b"}), Rec(2, {"c"})));
  ASSERT_OK_AND_ASSIGN(records, Parse("a,"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", ""})));
}

TEST(CsvReaderTest, EmptyLinesAreSkippedButCounted) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("\nh\n\n\nx\r\n\r\ny\n\n"));
  EXPECT_THAT(records, ElementsAre(Rec(2, {"h"}), Rec(5, {"x"}), Rec(7, {"y"})));
}

TEST(CsvReaderTest, LinesOfOnlyEmptyFieldsAreRecords) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("\"\"\n,\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {""}), Rec(2, {"", ""})));
}

TEST(CsvReaderTest, RowIsTheLineOfTheRecordsFirstLine) {
  ASSERT_OK_AND_ASSIGN(auto records,
                       Parse("h1,h2\n\"a\nb\nc\",x\nnext,\"p\r\nq\"\r\nlast,\"\r\"\nend\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"h1", "h2"}), Rec(2, {"a\nb\nc", "x"}),
                                   Rec(5, {"next", "p\r\nq"}), Rec(7, {"last", "\r"}),
                                   Rec(9, {"end"})));
}

TEST(CsvReaderTest, RecordsAppearAsSoonAsTheyAreComplete) {
  CsvReader reader;
  std::vector<CsvRecord> records;
  ASSERT_OK(reader.Feed("a,b\nc,\"d", records));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", "b"})));
  ASSERT_OK(reader.Feed("\ne\"\n", records));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"a", "b"}), Rec(2, {"c", "d\ne"})));
  ASSERT_OK(reader.Finish(records));
  EXPECT_EQ(records.size(), 2u);
}

TEST(CsvReaderTest, SkipsByteOrderMarkAtStartOnly) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("\xEF\xBB\xBFid,x\n\xEF\xBB\xBFy\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"id", "x"}), Rec(2, {"\xEF\xBB\xBFy"})));
  ASSERT_OK_AND_ASSIGN(records, Parse("\xEF\xBB\xBF"));
  EXPECT_THAT(records, IsEmpty());
  ASSERT_OK_AND_ASSIGN(records, Parse("\xEF\xBB\xBF\"q\",1"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"q", "1"})));
}

TEST(CsvReaderTest, PartialByteOrderMarkIsData) {
  ASSERT_OK_AND_ASSIGN(auto records, Parse("\xEF\xBBx,y\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"\xEF\xBBx", "y"})));
  ASSERT_OK_AND_ASSIGN(records, Parse("\xEF\xBB"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"\xEF\xBB"})));
  ASSERT_OK_AND_ASSIGN(records, Parse("\xEF,\n"));
  EXPECT_THAT(records, ElementsAre(Rec(1, {"\xEF", ""})));
}

TEST(CsvReaderTest, UnclosedQuoteNamesTheRecordsRow) {
  CsvReader reader;
  std::vector<CsvRecord> records;
  ASSERT_OK(reader.Feed("h\n\nx,\"abc\nmore\n", records));
  EXPECT_THAT(reader.Finish(records),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 3")));
  EXPECT_THAT(reader.Feed("x\n", records), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldNamesTheRow) {
  CsvReader reader;
  std::vector<CsvRecord> records;
  EXPECT_THAT(reader.Feed("h\nok\n\"two\nlines\",ab\"c\n", records),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("row 4"), HasSubstr("quote"))));
  EXPECT_THAT(reader.Feed("x\n", records), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(reader.Finish(records), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(CsvReaderTest, TextAfterClosingQuoteNamesTheRow) {
  EXPECT_THAT(Parse("h\n\"a\"b\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("row 2"), HasSubstr("closing quote"))));
  // The same error found one byte at a time.
  EXPECT_THAT(ParseInChunks("h\r\n\r\nx,\"a\" ,c\n", [] { return size_t{1}; }),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row 3")));
}

TEST(CsvReaderTest, AnyChunkingGivesTheSameRecords) {
  const std::string text = absl::StrCat(
      "\xEF\xBB\xBF", kApiHeader, "\r\n", "m1,nordic,IS,Guðrún,Sigurðardóttir,IS,is:native,IS,,",
      ",12,available,,g@example.is,,all,\"Bio with \"\"quotes\"\", commas,\r\nand lines\"\r\n\r\n",
      "m2,arab,,أمينة,,SD,ar:C2,SD;015,,,3,,,,,none,\"\n\"\n",
      "m3,,,Светлана,Иванова,,ru:native,,,,,\"\",,,,,\rlast,\"unterminated\"\"\"");
  ExpectSameParseInAnyChunks(text);
  ASSERT_OK_AND_ASSIGN(auto records, Parse(text));
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].fields[0], "id");
  EXPECT_EQ(records[1].row, 2);
  EXPECT_EQ(records[1].fields[16], "Bio with \"quotes\", commas,\r\nand lines");
  EXPECT_EQ(records[2].row, 5);
  EXPECT_EQ(records[2].fields[16], "\n");
  EXPECT_EQ(records[3].row, 7);
  EXPECT_EQ(records[4].row, 8);
  EXPECT_THAT(records[4].fields, ElementsAre("last", "unterminated\""));
}

// ------------------------------------------------------------------------------------------------
// Header

std::vector<std::string> HeaderColumns() {
  return std::vector<std::string>(MediatorCsvColumns());
}

TEST(MediatorCsvHeaderTest, HeaderIsTheOneOfApiMd) {
  EXPECT_STREQ(kMediatorCsvHeader, kApiHeader);
  EXPECT_THAT(MediatorCsvColumns(),
              ElementsAre("id", "network", "chapter", "given_name", "family_name", "nationalities",
                          "languages", "regions", "expertise", "roles", "years_experience",
                          "availability", "unavailable_periods", "email", "phone", "consent_share",
                          "bio"));
  ASSERT_OK_AND_ASSIGN(auto records, Parse(kApiHeader));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_OK(CheckMediatorCsvHeader(records[0].fields));
}

TEST(MediatorCsvHeaderTest, MissingColumn) {
  std::vector<std::string> header = HeaderColumns();
  header.pop_back();
  EXPECT_THAT(CheckMediatorCsvHeader(header),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing column \"bio\"")));
  EXPECT_THAT(CheckMediatorCsvHeader({}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing column \"id\"")));
  header = HeaderColumns();
  header.erase(header.begin() + 6);
  EXPECT_THAT(CheckMediatorCsvHeader(header), StatusIs(absl::StatusCode::kInvalidArgument,
                                                       HasSubstr("missing column \"languages\"")));
}

TEST(MediatorCsvHeaderTest, ExtraColumn) {
  std::vector<std::string> header = HeaderColumns();
  header.push_back("notes");
  EXPECT_THAT(CheckMediatorCsvHeader(header),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("extra column \"notes\"")));
}

TEST(MediatorCsvHeaderTest, UnknownColumn) {
  std::vector<std::string> header = HeaderColumns();
  header.insert(header.begin() + 1, "notes");
  EXPECT_THAT(CheckMediatorCsvHeader(header),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown column \"notes\"")));
}

TEST(MediatorCsvHeaderTest, MisplacedColumn) {
  std::vector<std::string> header = HeaderColumns();
  std::swap(header[13], header[14]);
  EXPECT_THAT(CheckMediatorCsvHeader(header),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("\"phone\" is misplaced"),
                                        HasSubstr("column 14 must be \"email\""))));
}

TEST(MediatorCsvHeaderTest, NamesAreExact) {
  std::vector<std::string> header = HeaderColumns();
  header[0] = "ID";
  EXPECT_THAT(CheckMediatorCsvHeader(header),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing column \"id\"")));
}

// ------------------------------------------------------------------------------------------------
// MediatorFromCsvFields

// 17 fields, the named columns set, the others empty.
std::vector<std::string> Fields(const std::map<std::string, std::string>& values) {
  std::vector<std::string> fields;
  for (const std::string& column : MediatorCsvColumns()) {
    auto it = values.find(column);
    fields.push_back(it == values.end() ? "" : it->second);
  }
  EXPECT_EQ(fields.size(), 17u);
  return fields;
}

Mediator FromFields(const std::map<std::string, std::string>& values,
                    std::vector<common::FieldViolation>* violations = nullptr) {
  std::vector<common::FieldViolation> found;
  Mediator m = MediatorFromCsvFields(Fields(values), found);
  if (violations != nullptr) {
    *violations = std::move(found);
  } else {
    EXPECT_THAT(found, IsEmpty());
  }
  return m;
}

std::vector<std::string> FieldsOf(const std::vector<common::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

MATCHER_P2(Violation, field, description_matcher, "") {
  return arg.field == field &&
         ::testing::ExplainMatchResult(description_matcher, arg.description, result_listener);
}

MATCHER_P2(Skill, code, level, "") { return arg.code() == code && arg.level() == level; }

TEST(MediatorFromCsvFieldsTest, ReadsEveryColumn) {
  Mediator m = FromFields({{"id", "gudrun-s"},
                           {"network", "nordic"},
                           {"chapter", "IS"},
                           {"given_name", "Guðrún"},
                           {"family_name", "Sigurðardóttir"},
                           {"nationalities", "IS;NO"},
                           {"languages", "is:native;en:C2;fr:b1"},
                           {"regions", "SD;015"},
                           {"expertise", "ceasefire-security-arrangements;constitution-making"},
                           {"roles", "mediator;adviser"},
                           {"years_experience", "17"},
                           {"availability", "limited"},
                           {"unavailable_periods", "2027-03-01/2027-04-15;2027-08-01/2027-08-31"},
                           {"email", "gudrun@example.is"},
                           {"phone", "+354 555 1234"},
                           {"consent_share", "femwise-africa;arab"},
                           {"bio", "Former ambassador.\nWorks on Sudan, Yemen."}});
  EXPECT_EQ(m.name(), "networks/nordic/mediators/gudrun-s");
  EXPECT_EQ(m.network(), "nordic");
  EXPECT_EQ(m.chapter(), "IS");
  EXPECT_EQ(m.given_name(), "Guðrún");
  EXPECT_EQ(m.family_name(), "Sigurðardóttir");
  EXPECT_THAT(m.nationalities(), ElementsAre("IS", "NO"));
  EXPECT_THAT(m.languages(), ElementsAre(Skill("is", type::LANGUAGE_LEVEL_NATIVE),
                                         Skill("en", type::LANGUAGE_LEVEL_C2),
                                         Skill("fr", type::LANGUAGE_LEVEL_B1)));
  EXPECT_THAT(m.regions(), ElementsAre("SD", "015"));
  EXPECT_THAT(m.expertise(),
              ElementsAre("ceasefire-security-arrangements", "constitution-making"));
  EXPECT_THAT(m.roles(), ElementsAre("mediator", "adviser"));
  EXPECT_EQ(m.years_experience(), 17);
  EXPECT_EQ(m.availability(), roster::v1::LIMITED);
  ASSERT_EQ(m.unavailable_periods_size(), 2);
  EXPECT_EQ(m.unavailable_periods(0).start(), "2027-03-01");
  EXPECT_EQ(m.unavailable_periods(0).end(), "2027-04-15");
  EXPECT_EQ(m.unavailable_periods(1).start(), "2027-08-01");
  EXPECT_EQ(m.unavailable_periods(1).end(), "2027-08-31");
  EXPECT_EQ(m.contact().email(), "gudrun@example.is");
  EXPECT_EQ(m.contact().phone(), "+354 555 1234");
  EXPECT_FALSE(m.consent().share_all());
  EXPECT_THAT(m.consent().share_with(), ElementsAre("femwise-africa", "arab"));
  EXPECT_FALSE(m.consent().contact_release());
  EXPECT_EQ(m.bio(), "Former ambassador.\nWorks on Sudan, Yemen.");
  EXPECT_TRUE(m.display_name().empty());
}

TEST(MediatorFromCsvFieldsTest, EmptyRecordIsEmptyMediator) {
  Mediator m = FromFields({});
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(m, Mediator()))
      << m.DebugString();
}

TEST(MediatorFromCsvFieldsTest, EmptyIdLeavesNameEmpty) {
  Mediator m = FromFields({{"network", "femwise-africa"}, {"given_name", "Amina"}});
  EXPECT_EQ(m.name(), "");
  EXPECT_EQ(m.network(), "femwise-africa");
}

TEST(MediatorFromCsvFieldsTest, IdWithoutNetworkIsAViolation) {
  std::vector<common::FieldViolation> violations;
  Mediator m = FromFields({{"id", "amina"}}, &violations);
  EXPECT_THAT(violations, ElementsAre(Violation("network", HasSubstr("\"amina\""))));
  EXPECT_EQ(m.name(), "");
}

TEST(MediatorFromCsvFieldsTest, ListsAreTrimmedAndEmptyItemsSkipped) {
  Mediator m = FromFields({{"nationalities", " SD ;; KE;"},
                           {"languages", " ar : C2 ;;en:native; "},
                           {"regions", ";002"},
                           {"expertise", " gender-inclusion "},
                           {"roles", " ; "},
                           {"unavailable_periods", " 2027-01-01 / 2027-01-02 ;"},
                           {"consent_share", " nordic ; ;arab "}});
  EXPECT_THAT(m.nationalities(), ElementsAre("SD", "KE"));
  EXPECT_THAT(m.languages(), ElementsAre(Skill("ar", type::LANGUAGE_LEVEL_C2),
                                         Skill("en", type::LANGUAGE_LEVEL_NATIVE)));
  EXPECT_THAT(m.regions(), ElementsAre("002"));
  EXPECT_THAT(m.expertise(), ElementsAre("gender-inclusion"));
  EXPECT_THAT(m.roles(), IsEmpty());
  ASSERT_EQ(m.unavailable_periods_size(), 1);
  EXPECT_EQ(m.unavailable_periods(0).start(), "2027-01-01");
  EXPECT_EQ(m.unavailable_periods(0).end(), "2027-01-02");
  EXPECT_THAT(m.consent().share_with(), ElementsAre("nordic", "arab"));
}

TEST(MediatorFromCsvFieldsTest, CodesAndContactTrimmedNamesAndBioVerbatim) {
  Mediator m = FromFields({{"id", " m1 "},
                           {"network", " nordic"},
                           {"chapter", "SE "},
                           {"given_name", " Anna "},
                           {"family_name", "Lindh\t"},
                           {"email", " a@example.se "},
                           {"phone", " +46 70 "},
                           {"bio", "  indented\n"}});
  EXPECT_EQ(m.name(), "networks/nordic/mediators/m1");
  EXPECT_EQ(m.network(), "nordic");
  EXPECT_EQ(m.chapter(), "SE");
  EXPECT_EQ(m.given_name(), " Anna ");
  EXPECT_EQ(m.family_name(), "Lindh\t");
  EXPECT_EQ(m.contact().email(), "a@example.se");
  EXPECT_EQ(m.contact().phone(), "+46 70");
  EXPECT_EQ(m.bio(), "  indented\n");
}

TEST(MediatorFromCsvFieldsTest, LevelsAreCaseInsensitiveAndAcceptEnumNames) {
  Mediator m = FromFields(
      {{"languages", "a:a1;b:A2;c:b1;d:LANGUAGE_LEVEL_B2;e:language_level_c1;f:c2;g:NATIVE;"
                     "h:Native;i:LANGUAGE_LEVEL_NATIVE"}});
  EXPECT_THAT(m.languages(),
              ElementsAre(Skill("a", type::LANGUAGE_LEVEL_A1), Skill("b", type::LANGUAGE_LEVEL_A2),
                          Skill("c", type::LANGUAGE_LEVEL_B1), Skill("d", type::LANGUAGE_LEVEL_B2),
                          Skill("e", type::LANGUAGE_LEVEL_C1), Skill("f", type::LANGUAGE_LEVEL_C2),
                          Skill("g", type::LANGUAGE_LEVEL_NATIVE),
                          Skill("h", type::LANGUAGE_LEVEL_NATIVE),
                          Skill("i", type::LANGUAGE_LEVEL_NATIVE)));
}

TEST(MediatorFromCsvFieldsTest, BadLanguagesAreViolationsAndTheRestParses) {
  std::vector<common::FieldViolation> violations;
  Mediator m = FromFields(
      {{"languages", "ar;en:D9;fr:;sw:LANGUAGE_LEVEL_UNSPECIFIED;es:B2"}}, &violations);
  EXPECT_THAT(violations,
              ElementsAre(Violation("languages", HasSubstr("\"ar\" has no level")),
                          Violation("languages", HasSubstr("\"D9\"")),
                          Violation("languages", HasSubstr("\"fr:\" has no level")),
                          Violation("languages", HasSubstr("\"LANGUAGE_LEVEL_UNSPECIFIED\""))));
  EXPECT_THAT(m.languages(), ElementsAre(Skill("es", type::LANGUAGE_LEVEL_B2)));
}

TEST(MediatorFromCsvFieldsTest, YearsExperience) {
  EXPECT_EQ(FromFields({{"years_experience", ""}}).years_experience(), 0);
  EXPECT_EQ(FromFields({{"years_experience", " 25 "}}).years_experience(), 25);
  EXPECT_EQ(FromFields({{"years_experience", "0"}}).years_experience(), 0);
  for (const char* bad : {"ten", "5.5", "99999999999", "3 years"}) {
    std::vector<common::FieldViolation> violations;
    Mediator m = FromFields({{"years_experience", bad}}, &violations);
    EXPECT_THAT(violations,
                ElementsAre(Violation("years_experience", HasSubstr(absl::StrCat("\"", bad, "\"")))));
    EXPECT_EQ(m.years_experience(), 0);
  }
}

TEST(MediatorFromCsvFieldsTest, Availability) {
  EXPECT_EQ(FromFields({}).availability(), roster::v1::AVAILABILITY_UNSPECIFIED);
  EXPECT_EQ(FromFields({{"availability", "Available"}}).availability(), roster::v1::AVAILABLE);
  EXPECT_EQ(FromFields({{"availability", " LIMITED "}}).availability(), roster::v1::LIMITED);
  EXPECT_EQ(FromFields({{"availability", "unavailable"}}).availability(), roster::v1::UNAVAILABLE);
  std::vector<common::FieldViolation> violations;
  Mediator m = FromFields({{"availability", "busy"}}, &violations);
  EXPECT_THAT(violations, ElementsAre(Violation("availability", HasSubstr("\"busy\""))));
  EXPECT_EQ(m.availability(), roster::v1::AVAILABILITY_UNSPECIFIED);
}

TEST(MediatorFromCsvFieldsTest, PeriodsAreSplitNotDateChecked) {
  Mediator m = FromFields({{"unavailable_periods", "2027-13-45/soon"}});
  ASSERT_EQ(m.unavailable_periods_size(), 1);
  EXPECT_EQ(m.unavailable_periods(0).start(), "2027-13-45");
  EXPECT_EQ(m.unavailable_periods(0).end(), "soon");

  std::vector<common::FieldViolation> violations;
  m = FromFields({{"unavailable_periods",
                   "2027-03-01;a/b/c;/2027-01-01;2027-01-01/ ;2027-05-01/2027-05-02"}},
                 &violations);
  EXPECT_THAT(violations,
              ElementsAre(Violation("unavailable_periods", HasSubstr("\"2027-03-01\"")),
                          Violation("unavailable_periods", HasSubstr("\"a/b/c\"")),
                          Violation("unavailable_periods", HasSubstr("\"/2027-01-01\"")),
                          Violation("unavailable_periods", HasSubstr("\"2027-01-01/\""))));
  ASSERT_EQ(m.unavailable_periods_size(), 1);
  EXPECT_EQ(m.unavailable_periods(0).start(), "2027-05-01");
}

TEST(MediatorFromCsvFieldsTest, Consent) {
  EXPECT_TRUE(FromFields({{"consent_share", "all"}}).consent().share_all());
  EXPECT_TRUE(FromFields({{"consent_share", " ALL "}}).consent().share_all());
  for (const char* nothing : {"", "none", "None", " "}) {
    Mediator m = FromFields({{"consent_share", nothing}});
    EXPECT_FALSE(m.has_consent()) << nothing;
  }
  Mediator m = FromFields({{"consent_share", "nordic;femwise-africa"}});
  EXPECT_FALSE(m.consent().share_all());
  EXPECT_THAT(m.consent().share_with(), ElementsAre("nordic", "femwise-africa"));

  std::vector<common::FieldViolation> violations;
  m = FromFields({{"consent_share", "nordic;all"}}, &violations);
  EXPECT_THAT(violations,
              ElementsAre(Violation("consent_share", HasSubstr("\"nordic;all\" mixes \"all\""))));
  EXPECT_FALSE(m.consent().share_all());
  EXPECT_THAT(m.consent().share_with(), ElementsAre("nordic"));
}

TEST(MediatorFromCsvFieldsTest, WrongFieldCountIsOneViolation) {
  for (size_t count : {size_t{0}, size_t{3}, size_t{16}, size_t{18}}) {
    std::vector<common::FieldViolation> violations;
    Mediator m = MediatorFromCsvFields(std::vector<std::string>(count, "x"), violations);
    EXPECT_THAT(violations, ElementsAre(Violation(
                                "", HasSubstr(absl::StrCat("expected 17 columns, found ", count)))));
    EXPECT_EQ(m.ByteSizeLong(), 0u);
  }
}

TEST(MediatorFromCsvFieldsTest, ReportsEveryBadColumnOfARecord) {
  std::vector<common::FieldViolation> violations;
  Mediator m = FromFields({{"id", "m1"},
                           {"network", "nordic"},
                           {"given_name", "Karin"},
                           {"languages", "sv:fluent"},
                           {"years_experience", "many"},
                           {"availability", "soon"},
                           {"unavailable_periods", "2027"},
                           {"consent_share", "none;arab"}},
                          &violations);
  EXPECT_THAT(FieldsOf(violations), ElementsAre("languages", "years_experience", "availability",
                                                "unavailable_periods", "consent_share"));
  EXPECT_EQ(m.name(), "networks/nordic/mediators/m1");
  EXPECT_EQ(m.given_name(), "Karin");
}

// ------------------------------------------------------------------------------------------------
// MediatorToCsvLine

Mediator ParseLine(const std::string& line) {
  std::vector<CsvRecord> records;
  CsvReader reader;
  EXPECT_OK(reader.Feed(line, records));
  EXPECT_OK(reader.Finish(records));
  EXPECT_EQ(records.size(), 1u) << line;
  if (records.size() != 1) return Mediator();
  std::vector<common::FieldViolation> violations;
  Mediator m = MediatorFromCsvFields(records[0].fields, violations);
  EXPECT_THAT(violations, IsEmpty()) << line;
  return m;
}

TEST(MediatorToCsvLineTest, WritesCanonicalLine) {
  Mediator m = FromFields({{"id", "gudrun-s"},
                           {"network", "nordic"},
                           {"chapter", "IS"},
                           {"given_name", "Guðrún"},
                           {"family_name", "Sigurðardóttir"},
                           {"nationalities", "IS; NO"},
                           {"languages", "is:NATIVE;en:c2;fr:LANGUAGE_LEVEL_B1"},
                           {"regions", "SD;015"},
                           {"expertise", "constitution-making"},
                           {"roles", "mediator;adviser"},
                           {"years_experience", "017"},
                           {"availability", "LIMITED"},
                           {"unavailable_periods", "2027-03-01/2027-04-15;2027-08-01/2027-08-31"},
                           {"email", "gudrun@example.is"},
                           {"phone", "+354 555 1234"},
                           {"consent_share", "ALL"},
                           {"bio", "Former ambassador, \"Iceland\".\nWorks on Sudan."}});
  EXPECT_EQ(MediatorToCsvLine(m),
            "gudrun-s,nordic,IS,Guðrún,Sigurðardóttir,IS;NO,is:native;en:C2;fr:B1,SD;015,"
            "constitution-making,mediator;adviser,17,limited,2027-03-01/2027-04-15;2027-08-01/"
            "2027-08-31,gudrun@example.is,+354 555 1234,all,"
            "\"Former ambassador, \"\"Iceland\"\".\nWorks on Sudan.\"\n");
}

TEST(MediatorToCsvLineTest, EmptyMediator) {
  EXPECT_EQ(MediatorToCsvLine(Mediator()), ",,,,,,,,,,0,,,,,none,\n");
}

TEST(MediatorToCsvLineTest, ConsentAndAvailabilitySpellings) {
  Mediator m;
  m.mutable_consent()->add_share_with("nordic");
  m.mutable_consent()->add_share_with("femwise-africa");
  m.set_availability(roster::v1::UNAVAILABLE);
  EXPECT_EQ(MediatorToCsvLine(m), ",,,,,,,,,,0,unavailable,,,,nordic;femwise-africa,\n");
  m.set_availability(roster::v1::AVAILABLE);
  m.mutable_consent()->Clear();
  EXPECT_EQ(MediatorToCsvLine(m), ",,,,,,,,,,0,available,,,,none,\n");
}

TEST(MediatorToCsvLineTest, QuotesOnlyWhereNeeded) {
  Mediator m;
  m.set_given_name("Leymah \"Mama\"");
  m.set_family_name("Gbowee, Jr.");
  m.set_bio("a\rb");
  m.set_chapter(" LR ");  // spaces alone need no quotes
  EXPECT_EQ(MediatorToCsvLine(m),
            ",, LR ,\"Leymah \"\"Mama\"\"\",\"Gbowee, Jr.\",,,,,,0,,,,,none,\"a\rb\"\n");
}

TEST(MediatorToCsvLineTest, IdAndNetworkComeFromTheName) {
  Mediator m;
  m.set_name("networks/arab/mediators/amina-1");
  EXPECT_EQ(MediatorToCsvLine(m), "amina-1,arab,,,,,,,,,0,,,,,none,\n");
  m.set_network("arab");
  EXPECT_EQ(MediatorToCsvLine(m), "amina-1,arab,,,,,,,,,0,,,,,none,\n");
}

TEST(MediatorToCsvLineTest, NonAsciiNamesRoundTrip) {
  Mediator m;
  m.set_name("networks/mediterranean/mediators/m-7");
  m.set_network("mediterranean");
  m.set_given_name("أمينة");
  m.set_family_name("Сергеевна, Ли");
  m.set_bio("Ελληνικά\n中文, עברית");
  Mediator back = ParseLine(MediatorToCsvLine(m));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(back, m)) << back.DebugString();
}

// Random records of every field the CSV carries, with text meant to stress quoting.
class MediatorGenerator {
 public:
  explicit MediatorGenerator(uint32_t seed) : rng_(seed) {}

  Mediator Next(int index) {
    Mediator m;
    const std::string network = Pick({"nordic", "femwise-africa", "arab", "mediterranean", "wmc"});
    if (Chance(0.9)) m.set_name(absl::StrCat("networks/", network, "/mediators/m-", index));
    m.set_network(network);
    if (Chance(0.7)) m.set_chapter(Pick({"SE", "NO", "IS", "KE", "SD", "IT"}));
    m.set_given_name(Text());
    m.set_family_name(Text());
    for (int i = Count(3); i > 0; --i) m.add_nationalities(Pick({"SD", "KE", "IS", "YE", "CO"}));
    for (int i = Count(4); i > 0; --i) {
      type::LanguageSkill* skill = m.add_languages();
      skill->set_code(Pick({"ar", "en", "fr", "sw", "ru", "is"}));
      skill->set_level(static_cast<type::LanguageLevel>(Uniform(1, 7)));
    }
    for (int i = Count(3); i > 0; --i) m.add_regions(Pick({"SD", "015", "002", "419", "YE"}));
    for (int i = Count(3); i > 0; --i) {
      m.add_expertise(Pick({"ceasefire-security-arrangements", "constitution-making", "gender"}));
    }
    for (int i = Count(2); i > 0; --i) m.add_roles(Pick({"mediator", "adviser", "facilitator"}));
    m.set_years_experience(Uniform(0, 80));
    m.set_availability(static_cast<roster::v1::Availability>(Uniform(0, 3)));
    for (int i = Count(2); i > 0; --i) {
      type::DateRange* period = m.add_unavailable_periods();
      period->set_start(absl::StrCat("2027-0", Uniform(1, 9), "-1", Uniform(0, 9)));
      period->set_end(absl::StrCat("2028-0", Uniform(1, 9), "-2", Uniform(0, 8)));
    }
    if (Chance(0.6)) m.mutable_contact()->set_email(absl::StrCat("m", index, "@example.org"));
    if (Chance(0.6)) m.mutable_contact()->set_phone(Pick({"+254 20 123", "(0)70-1", "112"}));
    const int consent = Uniform(0, 2);
    if (consent == 1) m.mutable_consent()->set_share_all(true);
    for (int i = consent == 2 ? Count(3) + 1 : 0; i > 0; --i) {
      m.mutable_consent()->add_share_with(Pick({"nordic", "arab", "femwise-africa"}));
    }
    m.set_bio(Text() + Text() + Text());
    return m;
  }

 private:
  std::string Text() {
    static const std::vector<std::string> kPieces = {
        "Amina",   "Sigurðardóttir", "أمينة",      "Светлана", " ",    ",",    "\"",   "\"\"",
        "\n",      "\r\n",           "\r",        ";",        ":",    "/",    "O'Brien", "中文",
        "a,b\"c", "  lead",         "trail  ",   "\t",       "all",  "none", "x"};
    std::string text;
    for (int i = Count(4); i > 0; --i) text += kPieces[Uniform(0, kPieces.size() - 1)];
    return text;
  }
  std::string Pick(std::initializer_list<const char*> options) {
    return *(options.begin() + Uniform(0, options.size() - 1));
  }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  int Count(int max) { return Uniform(0, max); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::mt19937 rng_;
};

TEST(MediatorCsvRoundTripTest, WriteThenReadGivesTheSameRecordAndLine) {
  MediatorGenerator generator(20261101);
  for (int i = 0; i < 3000; ++i) {
    const Mediator m = generator.Next(i);
    const std::string line = MediatorToCsvLine(m);
    const Mediator back = ParseLine(line);
    ASSERT_TRUE(google::protobuf::util::MessageDifferencer::Equals(back, m))
        << "record " << i << "\nline: " << line << "\nwrote: " << m.DebugString()
        << "\nread: " << back.DebugString();
    ASSERT_EQ(MediatorToCsvLine(back), line) << "record " << i;
  }
}

// Line breaks as the reader counts them: LF, CRLF and a bare CR each end one line.
int64_t LineBreaks(const std::string& text) {
  int64_t breaks = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++breaks;
    }
  }
  return breaks;
}

TEST(MediatorCsvRoundTripTest, FileOfRecordsParsesInAnyChunks) {
  MediatorGenerator generator(7);
  std::vector<Mediator> mediators;
  std::vector<int64_t> rows;
  std::string file = absl::StrCat("\xEF\xBB\xBF", kMediatorCsvHeader, "\r\n");
  for (int i = 0; i < 300; ++i) {
    mediators.push_back(generator.Next(i));
    rows.push_back(LineBreaks(file) + 1);
    file += MediatorToCsvLine(mediators.back());
  }
  file.pop_back();  // no final line end
  ExpectSameParseInAnyChunks(file);

  std::mt19937 rng(99);
  std::uniform_int_distribution<size_t> size(1, 300);
  ASSERT_OK_AND_ASSIGN(auto records, ParseInChunks(file, [&] { return size(rng); }));
  ASSERT_EQ(records.size(), mediators.size() + 1);
  EXPECT_OK(CheckMediatorCsvHeader(records[0].fields));
  for (size_t i = 0; i < mediators.size(); ++i) {
    const CsvRecord& record = records[i + 1];
    EXPECT_EQ(record.row, rows[i]) << "record " << i;
    std::vector<common::FieldViolation> violations;
    Mediator m = MediatorFromCsvFields(record.fields, violations);
    EXPECT_THAT(violations, IsEmpty());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(m, mediators[i])) << "record " << i;
  }
}

// ------------------------------------------------------------------------------------------------
// CsvColumnForField

TEST(CsvColumnForFieldTest, MapsValidatorPathsToColumns) {
  EXPECT_EQ(CsvColumnForField("name"), "id");
  EXPECT_EQ(CsvColumnForField("network"), "network");
  EXPECT_EQ(CsvColumnForField("chapter"), "chapter");
  EXPECT_EQ(CsvColumnForField("given_name"), "given_name");
  EXPECT_EQ(CsvColumnForField("family_name"), "family_name");
  EXPECT_EQ(CsvColumnForField("nationalities[2]"), "nationalities");
  EXPECT_EQ(CsvColumnForField("languages[1].code"), "languages");
  EXPECT_EQ(CsvColumnForField("languages[0].level"), "languages");
  EXPECT_EQ(CsvColumnForField("regions[0]"), "regions");
  EXPECT_EQ(CsvColumnForField("expertise[3]"), "expertise");
  EXPECT_EQ(CsvColumnForField("roles"), "roles");
  EXPECT_EQ(CsvColumnForField("years_experience"), "years_experience");
  EXPECT_EQ(CsvColumnForField("availability"), "availability");
  EXPECT_EQ(CsvColumnForField("unavailable_periods[0].start"), "unavailable_periods");
  EXPECT_EQ(CsvColumnForField("contact.email"), "email");
  EXPECT_EQ(CsvColumnForField("contact.phone"), "phone");
  EXPECT_EQ(CsvColumnForField("consent.share_with[0]"), "consent_share");
  EXPECT_EQ(CsvColumnForField("consent.share_all"), "consent_share");
  EXPECT_EQ(CsvColumnForField("bio"), "bio");
  EXPECT_EQ(CsvColumnForField("mediator.languages[1].code"), "languages");
  EXPECT_EQ(CsvColumnForField("mediator.contact.email"), "email");
}

TEST(CsvColumnForFieldTest, FieldsWithoutAColumnAreReturnedAsGiven) {
  EXPECT_EQ(CsvColumnForField("display_name"), "display_name");
  EXPECT_EQ(CsvColumnForField("consent.contact_release"), "consent.contact_release");
  EXPECT_EQ(CsvColumnForField("etag"), "etag");
  EXPECT_EQ(CsvColumnForField("email"), "email");
  EXPECT_EQ(CsvColumnForField(""), "");
}

}  // namespace
}  // namespace wps::roster
