#include "services/roster/mediator_validation.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/vocabularies.h"

namespace wps::common {
// Readable failure messages for violation lists.
void PrintTo(const FieldViolation& violation, std::ostream* os) {
  *os << "{" << violation.field << ": " << violation.description << "}";
}
}  // namespace wps::common

namespace wps::roster {
namespace {

using common::FieldViolation;
using roster::v1::Mediator;
using roster::v1::Network;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Network FemWise() {
  Network network;
  network.set_name("networks/femwise-africa");
  network.set_display_name("FemWise-Africa");
  for (const char* chapter : {"SD", "SS", "KE"}) network.add_chapters(chapter);
  return network;
}

void AddLanguage(Mediator& m, const std::string& code, wps::type::LanguageLevel level) {
  wps::type::LanguageSkill* skill = m.add_languages();
  skill->set_code(code);
  skill->set_level(level);
}

void AddPeriod(Mediator& m, const std::string& start, const std::string& end) {
  wps::type::DateRange* period = m.add_unavailable_periods();
  period->set_start(start);
  period->set_end(end);
}

// A record that uses every writable field correctly.
Mediator ValidMediator() {
  Mediator m;
  m.set_given_name("Amani");
  m.set_family_name("Osmán");
  m.set_display_name("Amani Osmán");
  m.set_chapter("SD");
  m.add_nationalities("SD");
  m.add_nationalities("NO");
  AddLanguage(m, "ar", wps::type::LANGUAGE_LEVEL_NATIVE);
  AddLanguage(m, "en", wps::type::LANGUAGE_LEVEL_C1);
  AddLanguage(m, "fr", wps::type::LANGUAGE_LEVEL_A1);
  for (const char* region : {"SD", "SS", "015", "002", "419", "001"}) m.add_regions(region);
  m.add_expertise("ceasefire-security-arrangements");
  m.add_expertise("crsv");
  m.add_roles("mediator");
  m.add_roles("gender-adviser");
  m.set_years_experience(15);
  m.set_availability(roster::v1::LIMITED);
  AddPeriod(m, "2027-03-01", "2027-04-15");
  AddPeriod(m, "2028-02-29", "2028-02-29");
  m.set_bio("Mediator in Darfur.\n\tSpeaks Arabic — and Fur.\n");
  m.mutable_contact()->set_email("amani.osman+roster@example.sd");
  m.mutable_contact()->set_phone("+249 (0) 912-345-678");
  m.mutable_consent()->add_share_with("nordic");
  m.mutable_consent()->add_share_with("femwise-africa");
  m.mutable_consent()->set_contact_release(true);
  return m;
}

std::vector<FieldViolation> Validate(const Mediator& m, const Network* network = nullptr) {
  std::vector<FieldViolation> violations;
  ValidateMediator(m, network, "mediator.", violations);
  return violations;
}

std::vector<std::string> FieldsOf(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  return fields;
}

FieldViolation V(const std::string& field, const std::string& description) {
  return FieldViolation{field, description};
}

// `count` distinct valid codes of one kind, found by walking the code space.
std::vector<std::string> CountryCodes(int count) {
  std::vector<std::string> codes;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string code{a, b};
      if (vocab::IsCountryCode(code) && static_cast<int>(codes.size()) < count) {
        codes.push_back(code);
      }
    }
  }
  return codes;
}

std::vector<std::string> LanguageCodes(int count) {
  std::vector<std::string> codes;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) {
      const std::string code{a, b};
      if (vocab::IsLanguageCode(code) && static_cast<int>(codes.size()) < count) {
        codes.push_back(code);
      }
    }
  }
  return codes;
}

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(ValidateMediatorTest, ValidMediatorHasNoViolations) {
  const Network network = FemWise();
  EXPECT_THAT(Validate(ValidMediator()), IsEmpty());
  EXPECT_THAT(Validate(ValidMediator(), &network), IsEmpty());
}

TEST(ValidateMediatorTest, MinimalMediatorHasNoViolations) {
  Mediator m;
  m.set_family_name("Sigurðardóttir");
  EXPECT_THAT(Validate(m), IsEmpty());
  m.clear_family_name();
  m.set_given_name("Mwajuma");
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, OutputOnlyFieldsAreNotChecked) {
  Mediator m = ValidMediator();
  m.set_name("not a name");
  m.set_network("Not An Id!");
  m.set_origin_network("??");
  m.set_etag("\x01\xFF");
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, PrefixIsPrependedToEveryField) {
  Mediator m;
  std::vector<FieldViolation> violations;
  ValidateMediator(m, nullptr, "", violations);
  EXPECT_THAT(FieldsOf(violations), ElementsAre("given_name"));
  violations.clear();
  ValidateMediator(m, nullptr, "mediators[3].", violations);
  EXPECT_THAT(FieldsOf(violations), ElementsAre("mediators[3].given_name"));
}

TEST(ValidateMediatorTest, GivenOrFamilyNameIsRequired) {
  Mediator m = ValidMediator();
  m.clear_given_name();
  m.set_family_name("   ");
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.given_name", "given_name or family_name is required")));
}

TEST(ValidateMediatorTest, NameLengthCountsCodePoints) {
  Mediator m = ValidMediator();
  m.set_given_name(Repeat("é", 200));   // 400 bytes, 200 code points
  m.set_family_name(Repeat("𝄞", 200));  // 800 bytes, 200 code points
  m.set_display_name(Repeat("a", 200));
  EXPECT_THAT(Validate(m), IsEmpty());

  m.set_given_name(Repeat("é", 201));
  m.set_family_name(Repeat("ó", 201));
  m.set_display_name(Repeat("a", 201));
  EXPECT_THAT(
      Validate(m),
      ElementsAre(V("mediator.given_name", "given_name is 201 characters; at most 200"),
                  V("mediator.family_name", "family_name is 201 characters; at most 200"),
                  V("mediator.display_name", "display_name is 201 characters; at most 200")));
}

TEST(ValidateMediatorTest, BioLengthCountsCodePoints) {
  Mediator m = ValidMediator();
  m.set_bio(Repeat("ð", 5000));
  EXPECT_THAT(Validate(m), IsEmpty());
  m.set_bio(Repeat("ð", 5012));
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.bio", "bio is 5012 characters; at most 5000")));
}

TEST(ValidateMediatorTest, ControlCharactersAreRejected) {
  for (const std::string& bad : {std::string("a\nb"), std::string("a\tb"), std::string("a\rb"),
                                 std::string("a\x1B"), std::string("a\x7F"),
                                 std::string("a\xC2\x85"),  // U+0085, a C1 control
                                 std::string("a\0b", 3)}) {
    Mediator m = ValidMediator();
    m.set_given_name(bad);
    EXPECT_THAT(Validate(m),
                ElementsAre(V("mediator.given_name", "given_name contains a control character")));
  }
}

TEST(ValidateMediatorTest, BioAllowsNewlineAndTabButNoOtherControl) {
  Mediator m = ValidMediator();
  m.set_bio("line one\nline two\n\tindented");
  EXPECT_THAT(Validate(m), IsEmpty());
  for (const std::string& bad :
       {std::string("a\r\nb"), std::string("a\x0B"), std::string("\x07")}) {
    m.set_bio(bad);
    EXPECT_THAT(Validate(m), ElementsAre(V("mediator.bio", "bio contains a control character")));
  }
}

TEST(ValidateMediatorTest, InvalidUtf8IsRejected) {
  for (const std::string& bad : {
           std::string("Am\xC3"),                     // truncated two-byte sequence
           std::string("\xC0\xAF"),                   // overlong '/'
           std::string("\xE0\x80\xAF"),               // overlong three-byte
           std::string("\xED\xA0\x80"),               // UTF-16 surrogate U+D800
           std::string("\xF4\x90\x80\x80"),           // beyond U+10FFFF
           std::string("\xFF"), std::string("\x80"),  // not a lead byte
           std::string("\xE2\x82"),                   // truncated at end
           std::string("\xE2\x28\xA1"),               // bad continuation byte
       }) {
    Mediator m = ValidMediator();
    m.set_given_name(bad);
    m.set_bio(bad);
    EXPECT_THAT(Validate(m), ElementsAre(V("mediator.given_name", "given_name is not valid UTF-8"),
                                         V("mediator.bio", "bio is not valid UTF-8")));
  }
}

TEST(ValidateMediatorTest, ValidMultiByteTextIsAccepted) {
  Mediator m = ValidMediator();
  m.set_given_name("أماني");
  m.set_family_name("Nguyễn Thị");
  m.set_display_name("Σοφία 王芳 \xF0\x9F\x95\x8A");  // includes U+1F54A, a four-byte sequence
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, ChapterMustBeACountryCode) {
  Mediator m = ValidMediator();
  m.set_chapter("SDN");
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.chapter",
                                         "'SDN' is not an ISO 3166-1 alpha-2 country code")));
  m.set_chapter("EU");
  EXPECT_THAT(FieldsOf(Validate(m)), ElementsAre("mediator.chapter"));
  m.clear_chapter();
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, ChapterMustBeOneOfTheNetworksChapters) {
  const Network network = FemWise();
  Mediator m = ValidMediator();
  m.set_chapter("NO");
  EXPECT_THAT(
      Validate(m, &network),
      ElementsAre(V("mediator.chapter", "'NO' is not a chapter of networks/femwise-africa")));
  EXPECT_THAT(Validate(m), IsEmpty());  // no network, no chapter list to check against

  Network without_chapters = network;
  without_chapters.clear_chapters();
  EXPECT_THAT(Validate(m, &without_chapters), IsEmpty());
}

TEST(ValidateMediatorTest, NationalitiesAreCountryCodesListedOnce) {
  Mediator m = ValidMediator();
  m.clear_nationalities();
  for (const char* code : {"SD", "EU", "sd", "SD", "729", "XK"}) m.add_nationalities(code);
  EXPECT_THAT(
      Validate(m),
      ElementsAre(
          V("mediator.nationalities[1]", "'EU' is not an ISO 3166-1 alpha-2 country code"),
          V("mediator.nationalities[2]", "'sd' is not an ISO 3166-1 alpha-2 country code"),
          V("mediator.nationalities[3]", "'SD' is listed twice"),
          V("mediator.nationalities[4]", "'729' is not an ISO 3166-1 alpha-2 country code")));
}

TEST(ValidateMediatorTest, LanguageCodesMustBeIso6391) {
  Mediator m = ValidMediator();
  AddLanguage(m, "xx", wps::type::LANGUAGE_LEVEL_B2);
  AddLanguage(m, "eng", wps::type::LANGUAGE_LEVEL_B2);
  AddLanguage(m, "EN", wps::type::LANGUAGE_LEVEL_B2);
  EXPECT_THAT(
      Validate(m),
      ElementsAre(V("mediator.languages[3].code", "'xx' is not an ISO 639-1 language code"),
                  V("mediator.languages[4].code", "'eng' is not an ISO 639-1 language code"),
                  V("mediator.languages[5].code", "'EN' is not an ISO 639-1 language code")));
}

TEST(ValidateMediatorTest, LanguageCodeListedTwice) {
  Mediator m = ValidMediator();
  AddLanguage(m, "ar", wps::type::LANGUAGE_LEVEL_B1);
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.languages[3].code", "'ar' is listed twice")));
}

TEST(ValidateMediatorTest, LanguageLevelIsRequiredAndKnown) {
  Mediator m = ValidMediator();
  m.mutable_languages(1)->set_level(wps::type::LANGUAGE_LEVEL_UNSPECIFIED);
  m.mutable_languages(2)->set_level(static_cast<wps::type::LanguageLevel>(42));
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.languages[1].level", "level is required"),
                                       V("mediator.languages[2].level",
                                         "level 42 is not one of A1..C2, NATIVE")));
}

TEST(ValidateMediatorTest, BadCodeAndMissingLevelAreBothReported) {
  Mediator m;
  m.set_given_name("Amani");
  AddLanguage(m, "xx", wps::type::LANGUAGE_LEVEL_UNSPECIFIED);
  EXPECT_THAT(FieldsOf(Validate(m)),
              ElementsAre("mediator.languages[0].code", "mediator.languages[0].level"));
}

TEST(ValidateMediatorTest, RegionsAreCountriesOrAreas) {
  Mediator m = ValidMediator();
  m.clear_regions();
  for (const char* code : {"SD", "015", "SDN", "729", "EU", "999", "015"}) m.add_regions(code);
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.regions[2]",
                            "'SDN' is not an ISO 3166-1 alpha-2 country or UN M49 area code"),
                          V("mediator.regions[3]",
                            "'729' is not an ISO 3166-1 alpha-2 country or UN M49 area code"),
                          V("mediator.regions[4]",
                            "'EU' is not an ISO 3166-1 alpha-2 country or UN M49 area code"),
                          V("mediator.regions[5]",
                            "'999' is not an ISO 3166-1 alpha-2 country or UN M49 area code"),
                          V("mediator.regions[6]", "'015' is listed twice")));
}

TEST(ValidateMediatorTest, ExpertiseFromTheVocabularyListedOnce) {
  Mediator m = ValidMediator();
  m.add_expertise("ai");
  m.add_expertise("crsv");
  m.add_expertise("CRSV");
  EXPECT_THAT(
      Validate(m),
      ElementsAre(V("mediator.expertise[2]", "'ai' is not an expertise term; see API.md"),
                  V("mediator.expertise[3]", "'crsv' is listed twice"),
                  V("mediator.expertise[4]", "'CRSV' is not an expertise term; see API.md")));
}

TEST(ValidateMediatorTest, EveryExpertiseAndRoleTermIsAccepted) {
  Mediator m = ValidMediator();
  m.clear_expertise();
  m.clear_roles();
  for (absl::string_view term : vocab::ExpertiseTerms()) m.add_expertise(std::string(term));
  for (absl::string_view term : vocab::RoleTerms()) m.add_roles(std::string(term));
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, RolesFromTheVocabularyListedOnce) {
  Mediator m = ValidMediator();
  m.add_roles("advisor");
  m.add_roles("mediator");
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.roles[2]", "'advisor' is not a role term; see API.md"),
                          V("mediator.roles[3]", "'mediator' is listed twice")));
}

TEST(ValidateMediatorTest, YearsExperienceWithinRange) {
  Mediator m = ValidMediator();
  for (int years : {0, 1, kMaxYearsExperience}) {
    m.set_years_experience(years);
    EXPECT_THAT(Validate(m), IsEmpty()) << years;
  }
  m.set_years_experience(-1);
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.years_experience",
                                         "years_experience is -1; must be 0 to 80")));
  m.set_years_experience(kMaxYearsExperience + 1);
  EXPECT_THAT(FieldsOf(Validate(m)), ElementsAre("mediator.years_experience"));
}

TEST(ValidateMediatorTest, AvailabilityMayBeUnspecifiedButNotUnknown) {
  Mediator m = ValidMediator();
  for (auto value : {roster::v1::AVAILABILITY_UNSPECIFIED, roster::v1::AVAILABLE,
                     roster::v1::LIMITED, roster::v1::UNAVAILABLE}) {
    m.set_availability(value);
    EXPECT_THAT(Validate(m), IsEmpty()) << value;
  }
  m.set_availability(static_cast<roster::v1::Availability>(9));
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.availability",
                            "availability 9 is not one of AVAILABLE, LIMITED, UNAVAILABLE")));
}

TEST(ValidateMediatorTest, PeriodStartAfterEndIsReportedOnEnd) {
  Mediator m = ValidMediator();
  AddPeriod(m, "2027-04-01", "2027-03-01");
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.unavailable_periods[2].end",
                                         "start 2027-04-01 is after end 2027-03-01")));
}

TEST(ValidateMediatorTest, PeriodDatesMustBeRealCalendarDates) {
  Mediator m = ValidMediator();
  m.clear_unavailable_periods();
  AddPeriod(m, "2027-02-29", "2027-03-01");
  AddPeriod(m, "2027-03-01", "2027-3-15");
  AddPeriod(m, "", "2027-03-15");
  AddPeriod(m, "2027-03-01", "");
  EXPECT_THAT(
      Validate(m),
      ElementsAre(
          V("mediator.unavailable_periods[0].start", "'2027-02-29' is not a valid YYYY-MM-DD date"),
          V("mediator.unavailable_periods[1].end", "'2027-3-15' is not a valid YYYY-MM-DD date"),
          V("mediator.unavailable_periods[2].start", "start is required"),
          V("mediator.unavailable_periods[3].end", "end is required")));
}

TEST(ValidateMediatorTest, BothBadDatesReportedWithoutOrdering) {
  Mediator m = ValidMediator();
  m.clear_unavailable_periods();
  AddPeriod(m, "2027-13-01", "2027-01-32");
  EXPECT_THAT(FieldsOf(Validate(m)), ElementsAre("mediator.unavailable_periods[0].start",
                                                 "mediator.unavailable_periods[0].end"));
}

TEST(ValidateMediatorTest, EmailMustBeLocalAtDomain) {
  Mediator m = ValidMediator();
  for (const char* good :
       {"a@b", "amani@example.org", "أماني@example.sd", "x.y+z@sub.example.no"}) {
    m.mutable_contact()->set_email(good);
    EXPECT_THAT(Validate(m), IsEmpty()) << good;
  }
  for (const char* bad : {"amani", "@example.org", "amani@", "a@b@c", "amani @example.org",
                          "amani@example..org", "amani@.example.org", "amani@example.org."}) {
    m.mutable_contact()->set_email(bad);
    EXPECT_THAT(Validate(m),
                ElementsAre(V("mediator.contact.email",
                              absl::StrCat("'", bad, "' is not an email address (local@domain)"))))
        << bad;
  }
}

TEST(ValidateMediatorTest, EmailLengthAndControlCharacters) {
  Mediator m = ValidMediator();
  m.mutable_contact()->set_email(std::string(kMaxEmailLength - 4, 'a') + "@b.c");
  EXPECT_THAT(Validate(m), IsEmpty());
  m.mutable_contact()->set_email(std::string(kMaxEmailLength - 3, 'a') + "@b.c");
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.contact.email",
                                         "contact.email is 255 characters; at most 254")));
  m.mutable_contact()->set_email("a\x01@b.c");
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.contact.email",
                                         "contact.email contains a control character")));
}

TEST(ValidateMediatorTest, PhoneHoldsDigitsSpacesAndPunctuation) {
  Mediator m = ValidMediator();
  for (const char* good : {"+47 22 00 00 00", "(0) 912-345-678", "0912345678"}) {
    m.mutable_contact()->set_phone(good);
    EXPECT_THAT(Validate(m), IsEmpty()) << good;
  }
  for (const char* bad : {"call me", "+", "12x34", "+249 ٩١٢", "12.34"}) {
    m.mutable_contact()->set_phone(bad);
    EXPECT_THAT(FieldsOf(Validate(m)), ElementsAre("mediator.contact.phone")) << bad;
  }
  m.mutable_contact()->set_phone(std::string(kMaxPhoneLength, '1'));
  EXPECT_THAT(Validate(m), IsEmpty());
  m.mutable_contact()->set_phone(std::string(kMaxPhoneLength + 1, '1'));
  EXPECT_THAT(Validate(m), ElementsAre(V("mediator.contact.phone",
                                         "contact.phone is 33 characters; at most 32")));
}

TEST(ValidateMediatorTest, ShareWithHoldsNetworkIdsListedOnce) {
  Mediator m = ValidMediator();
  m.mutable_consent()->add_share_with("Nordic");
  m.mutable_consent()->add_share_with("nordic");
  m.mutable_consent()->add_share_with("");
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.consent.share_with[2]", "'Nordic' is not a network id"),
                          V("mediator.consent.share_with[3]", "'nordic' is listed twice"),
                          V("mediator.consent.share_with[4]", "'' is not a network id")));
}

TEST(ValidateMediatorTest, ShareAllRequiresEmptyShareWith) {
  Mediator m = ValidMediator();
  m.mutable_consent()->set_share_all(true);
  EXPECT_THAT(Validate(m),
              ElementsAre(V("mediator.consent.share_with", "must be empty when share_all is set")));
  m.mutable_consent()->clear_share_with();
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, ListsUpToTheLimitAreAccepted) {
  Mediator m = ValidMediator();
  m.clear_nationalities();
  for (const std::string& code : CountryCodes(kMaxListSize)) m.add_nationalities(code);
  m.clear_languages();
  for (const std::string& code : LanguageCodes(kMaxListSize)) {
    AddLanguage(m, code, wps::type::LANGUAGE_LEVEL_A2);
  }
  ASSERT_EQ(m.nationalities_size(), kMaxListSize);
  ASSERT_EQ(m.languages_size(), kMaxListSize);
  EXPECT_THAT(Validate(m), IsEmpty());
}

TEST(ValidateMediatorTest, OversizedListsGiveOneViolationEach) {
  Mediator m = ValidMediator();
  m.clear_nationalities();
  for (const std::string& code : CountryCodes(kMaxListSize + 1)) m.add_nationalities(code);
  m.clear_languages();
  for (const std::string& code : LanguageCodes(kMaxListSize + 1)) {
    AddLanguage(m, code, wps::type::LANGUAGE_LEVEL_A2);
  }
  for (int i = 0; i < kMaxListSize + 1; ++i) m.add_regions("bad");
  m.clear_unavailable_periods();
  for (int i = 0; i < kMaxListSize + 1; ++i) AddPeriod(m, "2027-01-01", "2027-01-02");
  m.mutable_consent()->clear_share_with();
  for (int i = 0; i < kMaxListSize + 1; ++i)
    m.mutable_consent()->add_share_with(absl::StrCat("n", i));
  EXPECT_THAT(
      Validate(m),
      ElementsAre(
          V("mediator.nationalities", "nationalities has 101 entries; at most 100"),
          V("mediator.languages", "languages has 101 entries; at most 100"),
          V("mediator.regions", "regions has 107 entries; at most 100"),
          V("mediator.unavailable_periods", "unavailable_periods has 101 entries; at most 100"),
          V("mediator.consent.share_with", "consent.share_with has 101 entries; at most 100")));
}

TEST(ValidateMediatorTest, EveryProblemIsReportedOnce) {
  Mediator m;
  m.set_display_name("x\x01");
  m.set_chapter("ZZ");
  m.add_nationalities("UN");
  AddLanguage(m, "xx", wps::type::LANGUAGE_LEVEL_C2);
  m.add_regions("999");
  m.add_expertise("ai");
  m.add_roles("boss");
  m.set_years_experience(100);
  AddPeriod(m, "2027-04-01", "2027-03-01");
  m.set_bio("\xFF");
  m.mutable_contact()->set_email("nobody");
  m.mutable_contact()->set_phone("n/a");
  m.mutable_consent()->add_share_with("All");
  EXPECT_THAT(FieldsOf(Validate(m)),
              ElementsAre("mediator.given_name", "mediator.display_name", "mediator.bio",
                          "mediator.chapter", "mediator.nationalities[0]",
                          "mediator.languages[0].code", "mediator.regions[0]",
                          "mediator.expertise[0]", "mediator.roles[0]", "mediator.years_experience",
                          "mediator.unavailable_periods[0].end", "mediator.contact.email",
                          "mediator.contact.phone", "mediator.consent.share_with[0]"));
}

TEST(ValidateMediatorTest, AppendsToExistingViolations) {
  std::vector<FieldViolation> violations = {V("other", "kept")};
  Mediator m = ValidMediator();
  m.set_chapter("SDN");
  ValidateMediator(m, nullptr, "mediator.", violations);
  EXPECT_THAT(FieldsOf(violations), ElementsAre("other", "mediator.chapter"));
}

std::vector<FieldViolation> ValidateNet(const Network& network) {
  std::vector<FieldViolation> violations;
  ValidateNetwork(network, "network.", violations);
  return violations;
}

TEST(ValidateNetworkTest, ValidNetworkHasNoViolations) {
  EXPECT_THAT(ValidateNet(FemWise()), IsEmpty());
  Network network;
  network.set_display_name("Nordic Women Mediators");
  EXPECT_THAT(ValidateNet(network), IsEmpty());
}

TEST(ValidateNetworkTest, DisplayNameIsRequired) {
  Network network = FemWise();
  network.set_display_name("  ");
  EXPECT_THAT(ValidateNet(network),
              ElementsAre(V("network.display_name", "display_name is required")));
}

TEST(ValidateNetworkTest, DisplayNameLengthAndText) {
  Network network = FemWise();
  network.set_display_name(Repeat("å", kMaxNameLength));
  EXPECT_THAT(ValidateNet(network), IsEmpty());
  network.set_display_name(Repeat("å", kMaxNameLength + 1));
  EXPECT_THAT(ValidateNet(network), ElementsAre(V("network.display_name",
                                                  "display_name is 201 characters; at most 200")));
  network.set_display_name("Nordic\xC3");
  EXPECT_THAT(ValidateNet(network),
              ElementsAre(V("network.display_name", "display_name is not valid UTF-8")));
  network.set_display_name("Nordic\n");
  EXPECT_THAT(FieldsOf(ValidateNet(network)), ElementsAre("network.display_name"));
}

TEST(ValidateNetworkTest, ChaptersAreCountryCodesWithoutRepeats) {
  Network network = FemWise();
  network.add_chapters("SD");
  network.add_chapters("EU");
  network.add_chapters("SDN");
  EXPECT_THAT(
      ValidateNet(network),
      ElementsAre(V("network.chapters[3]", "'SD' is listed twice"),
                  V("network.chapters[4]", "'EU' is not an ISO 3166-1 alpha-2 country code"),
                  V("network.chapters[5]", "'SDN' is not an ISO 3166-1 alpha-2 country code")));
}

TEST(ValidateNetworkTest, TooManyChapters) {
  Network network = FemWise();
  network.clear_chapters();
  for (const std::string& code : CountryCodes(kMaxListSize + 1)) network.add_chapters(code);
  EXPECT_THAT(ValidateNet(network),
              ElementsAre(V("network.chapters", "chapters has 101 entries; at most 100")));
}

TEST(IsIsoDateTest, AcceptsRealDates) {
  for (const char* date :
       {"2027-03-01", "2028-02-29", "2000-02-29", "1999-12-31", "2027-01-31", "2027-04-30"}) {
    EXPECT_TRUE(IsIsoDate(date)) << date;
  }
}

TEST(IsIsoDateTest, RejectsImpossibleOrMisshapenDates) {
  for (const char* date :
       {"2027-02-29", "1900-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00",
        "2027-01-32", "2027-3-1", "2027/03/01", "20270301", "2027-03-01T00:00", " 2027-03-01",
        "2027-03-0a", "+027-03-01", "2027-03-1 ", ""}) {
    EXPECT_FALSE(IsIsoDate(date)) << "'" << date << "'";
  }
}

}  // namespace
}  // namespace wps::roster
