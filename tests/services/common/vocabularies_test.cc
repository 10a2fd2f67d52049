#include "services/common/vocabularies.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wps::vocab {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// First in the file so that, run alone or first, it races the one-time table build.
TEST(VocabulariesTest, ConcurrentFirstUseGivesTheSameAnswers) {
  constexpr int kThreads = 8;
  std::vector<std::vector<std::string>> chains(kThreads);
  std::vector<int> ok(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &chains, &ok] {
      ok[i] =
          IsLanguageCode("ar") && IsCountryCode("SD") && IsAreaCode("015") && IsExpertise("land");
      chains[i] = ContainmentChain("SD");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(ok[i], 1) << "thread " << i;
    EXPECT_THAT(chains[i], ElementsAre("SD", "015", "002", "001")) << "thread " << i;
  }
}

TEST(VocabulariesTest, LanguageCodesAreLowerCaseIso6391) {
  for (const char* code : {"ar", "en", "fr", "no", "nb", "sw", "so", "ti", "zh", "ru", "es"}) {
    EXPECT_TRUE(IsLanguageCode(code)) << code;
  }
  for (const char* code : {"eng", "ara", "EN", "Ar", "xx", "qq", "", "a", "e1", "en-US", " en"}) {
    EXPECT_FALSE(IsLanguageCode(code)) << "'" << code << "'";
  }
}

// ICU 72's list leaves out Tagalog, which ISO 639-1 still has and Philippine mediators speak.
TEST(VocabulariesTest, TagalogIsALanguage) {
  EXPECT_TRUE(IsLanguageCode("tl"));
  EXPECT_EQ(LanguageName("tl"), "Tagalog");
}

TEST(VocabulariesTest, CountryCodesAreAlpha2Territories) {
  for (const char* code : {"SD", "NO", "XK", "SS", "PS", "CO", "PH", "ZA", "YE", "AF", "TW"}) {
    EXPECT_TRUE(IsCountryCode(code)) << code;
  }
  // Groupings, the unknown region, alpha-3, lower case, numeric and malformed codes are not
  // countries.
  for (const char* code :
       {"EU", "EZ", "UN", "QO", "ZZ", "SDN", "sd", "Sd", "729", "015", "", "S", "S1"}) {
    EXPECT_FALSE(IsCountryCode(code)) << "'" << code << "'";
  }
}

TEST(VocabulariesTest, AreaCodesAreThreeDigitM49AreasAboveCountries) {
  // The world, continents, sub-regions and ICU's numeric groupings.
  for (const char* code :
       {"001", "002", "015", "014", "150", "154", "142", "145", "019", "419", "202"}) {
    EXPECT_TRUE(IsAreaCode(code)) << code;
  }
  // A country's numeric code (729 is Sudan), unknown numbers, letters and malformed codes are not
  // areas.
  for (const char* code : {"729", "578", "999", "000", "EU", "QO", "SD", "15", "0015", "01a", ""}) {
    EXPECT_FALSE(IsAreaCode(code)) << "'" << code << "'";
  }
}

TEST(VocabulariesTest, RegionCodesAreCountriesOrAreas) {
  EXPECT_TRUE(IsRegionCode("SD"));
  EXPECT_TRUE(IsRegionCode("015"));
  EXPECT_TRUE(IsRegionCode("419"));
  EXPECT_FALSE(IsRegionCode("EU"));
  EXPECT_FALSE(IsRegionCode("729"));
  EXPECT_FALSE(IsRegionCode("SDN"));
  EXPECT_FALSE(IsRegionCode("ZZ"));
}

TEST(VocabulariesTest, ContainmentChainsFollowIcuInnermostFirst) {
  EXPECT_THAT(ContainmentChain("SD"), ElementsAre("SD", "015", "002", "001"));
  EXPECT_THAT(ContainmentChain("NO"), ElementsAre("NO", "154", "150", "001"));
  EXPECT_THAT(ContainmentChain("CO"), ElementsAre("CO", "005", "019", "001"));
  EXPECT_THAT(ContainmentChain("XK"), ElementsAre("XK", "039", "150", "001"));
  EXPECT_THAT(ContainmentChain("015"), ElementsAre("015", "002", "001"));
  EXPECT_THAT(ContainmentChain("002"), ElementsAre("002", "001"));
  EXPECT_THAT(ContainmentChain("001"), ElementsAre("001"));
}

TEST(VocabulariesTest, ContainingAreasAddTheGroupingsTheChainPassesBy) {
  EXPECT_THAT(ContainingAreas("CO"), ElementsAre("CO", "005", "019", "001", "419"));
  const std::vector<std::string> sudan = ContainingAreas("SD");
  EXPECT_THAT(std::vector<std::string>(sudan.begin(), sudan.begin() + 4), ElementsAre("SD", "015", "002", "001"));
  EXPECT_THAT(ContainingAreas("NO"), Contains("154"));
  EXPECT_THAT(ContainingAreas("ZZ"), IsEmpty());
}

TEST(VocabulariesTest, ContainmentChainIsEmptyForUnknownCodes) {
  for (const char* code : {"ZZ", "EU", "729", "999", "SDN", "sd", ""}) {
    EXPECT_THAT(ContainmentChain(code), IsEmpty()) << "'" << code << "'";
  }
}

TEST(VocabulariesTest, EveryCountryChainEndsAtTheWorld) {
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string code{a, b};
      if (!IsCountryCode(code)) continue;
      const std::vector<std::string> chain = ContainmentChain(code);
      ASSERT_GE(chain.size(), 2u) << code;
      EXPECT_EQ(chain.front(), code);
      EXPECT_EQ(chain.back(), "001") << code;
    }
  }
}

TEST(VocabulariesTest, LanguageNamesAreEnglish) {
  EXPECT_EQ(LanguageName("ar"), "Arabic");
  EXPECT_EQ(LanguageName("en"), "English");
  EXPECT_EQ(LanguageName("fr"), "French");
  EXPECT_EQ(LanguageName("sw"), "Swahili");
}

TEST(VocabulariesTest, LanguageNameOfUnknownCodeIsTheCode) {
  EXPECT_EQ(LanguageName("xx"), "xx");
  EXPECT_EQ(LanguageName("eng"), "eng");
  EXPECT_EQ(LanguageName(""), "");
}

TEST(VocabulariesTest, RegionNamesAreEnglish) {
  EXPECT_EQ(RegionName("SD"), "Sudan");
  EXPECT_EQ(RegionName("NO"), "Norway");
  EXPECT_EQ(RegionName("XK"), "Kosovo");
  EXPECT_EQ(RegionName("015"), "Northern Africa");
  EXPECT_EQ(RegionName("002"), "Africa");
  EXPECT_EQ(RegionName("419"), "Latin America");
}

TEST(VocabulariesTest, RegionNameOfUnknownCodeIsTheCode) {
  EXPECT_EQ(RegionName("ZZ"), "ZZ");
  EXPECT_EQ(RegionName("999"), "999");
  EXPECT_EQ(RegionName("729"), "729");
  EXPECT_EQ(RegionName("sd"), "sd");
}

TEST(VocabulariesTest, ResourceIds) {
  for (const std::string& id :
       {std::string("nordic"), std::string("femwise-africa"), std::string("a"), std::string("0"),
        std::string("a-"), std::string("m-2027-01"), std::string(63, 'x')}) {
    EXPECT_TRUE(IsResourceId(id)) << id;
  }
  for (const std::string& id : {std::string(""), std::string("-a"), std::string("Nordic"),
                                std::string("a_b"), std::string("a b"), std::string("a.b"),
                                std::string("a/b"), std::string("é"), std::string(64, 'x')}) {
    EXPECT_FALSE(IsResourceId(id)) << "'" << id << "'";
  }
}

TEST(VocabulariesTest, ExpertiseTermsInApiOrder) {
  const auto terms = ExpertiseTerms();
  ASSERT_EQ(terms.size(), 24u);
  EXPECT_EQ(terms.front(), "ceasefire-security-arrangements");
  EXPECT_EQ(terms[1], "power-sharing");
  EXPECT_EQ(terms[7], "crsv");
  EXPECT_EQ(terms.back(), "strategic-communication");
  for (absl::string_view term : terms) EXPECT_TRUE(IsExpertise(term)) << term;
}

TEST(VocabulariesTest, ExpertiseRejectsOtherTerms) {
  for (const char* term : {"ai", "", "CRSV", "crsv ", "mediator", "power sharing", "land-"}) {
    EXPECT_FALSE(IsExpertise(term)) << "'" << term << "'";
  }
}

TEST(VocabulariesTest, RoleTermsInApiOrder) {
  EXPECT_THAT(RoleTerms(), ElementsAre("mediator", "facilitator", "adviser", "gender-adviser",
                                       "process-designer", "trainer", "technical-expert"));
  for (absl::string_view term : RoleTerms()) EXPECT_TRUE(IsRole(term)) << term;
  for (const char* term : {"advisor", "Mediator", "", "crsv", "observer"}) {
    EXPECT_FALSE(IsRole(term)) << "'" << term << "'";
  }
}

}  // namespace
}  // namespace wps::vocab
