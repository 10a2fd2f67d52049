#include "services/search/text_folding.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wps::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

using Words = std::vector<std::string>;

// The skeleton of a name written in any script: its only folded word's Skeleton().
std::string NameSkeleton(absl::string_view name) {
  const Words words = FoldedWords(name);
  EXPECT_THAT(words, SizeIs(1)) << name;
  return words.empty() ? "" : Skeleton(words[0]);
}

TEST(FoldedWordsTest, AsciiIsLowerCasedAndSplitOnAnythingButLettersAndDigits) {
  EXPECT_THAT(FoldedWords("Amina  BELLO, 2nd-term\tchair_of:UNDP"),
              ElementsAre("amina", "bello", "2nd", "term", "chair", "of", "undp"));
}

TEST(FoldedWordsTest, EmptyAndSeparatorOnlyInputGiveNoWords) {
  EXPECT_THAT(FoldedWords(""), IsEmpty());
  EXPECT_THAT(FoldedWords(" -- ,;  "), IsEmpty());
  EXPECT_THAT(FoldedWords("« — ‘’ »"), IsEmpty());
}

TEST(FoldedWordsTest, AccentsAndCaseAreRemoved) {
  EXPECT_THAT(FoldedWords("Sigurðardóttir"), ElementsAre("sigurdardottir"));
  EXPECT_THAT(FoldedWords("SIGURDARDOTTIR"), ElementsAre("sigurdardottir"));
  EXPECT_THAT(FoldedWords("Đặng Thị Ngọc Thịnh"), ElementsAre("dang", "thi", "ngoc", "thinh"));
  EXPECT_THAT(FoldedWords("Françoise Núñez Çelik Dvořák"),
              ElementsAre("francoise", "nunez", "celik", "dvorak"));
  // Decomposed input (e + combining acute) folds like the precomposed letter.
  EXPECT_THAT(FoldedWords("Ame\xCC\x81lie Amélie"), ElementsAre("amelie"));
}

TEST(FoldedWordsTest, SpecialLettersAndLigaturesAreExpanded) {
  EXPECT_THAT(FoldedWords("Þórunn Straße Ørsted Æsa Łucja Işık Guðrún"),
              ElementsAre("thorunn", "strasse", "orsted", "aesa", "lucja", "isik", "gudrun"));
  EXPECT_THAT(FoldedWords("ﬁnance Œuvre"), ElementsAre("finance", "oeuvre"));
}

TEST(FoldedWordsTest, OtherScriptsAreTransliterated) {
  EXPECT_THAT(FoldedWords("Παπαδοπούλου Ελένη"), ElementsAre("papadopoulou", "eleni"));
  EXPECT_THAT(FoldedWords("Наталья Шевченко"), ElementsAre("natalya", "shevchenko"));
  EXPECT_THAT(FoldedWords("Ольга Жанна"), ElementsAre("olga", "zhanna"));
  EXPECT_THAT(FoldedWords("محمد"), ElementsAre("mhmd"));
  EXPECT_THAT(FoldedWords("王秀英"), ElementsAre("wang", "xiu", "ying"));
  EXPECT_THAT(FoldedWords("सीता"), ElementsAre("sita"));
  EXPECT_THAT(FoldedWords("יוסף"), ElementsAre("ywsf"));
  EXPECT_THAT(FoldedWords("สมชาย"), ElementsAre("smchay"));
}

TEST(FoldedWordsTest, AyinAndAlephReadAsAVowel) {
  EXPECT_THAT(FoldedWords("عمر"), ElementsAre("amr"));
  EXPECT_THAT(FoldedWords("אסתר"), ElementsAre("astr"));
}

TEST(FoldedWordsTest, ApostrophesAndHyphensSplitWords) {
  EXPECT_THAT(FoldedWords("al-Hassan"), ElementsAre("al", "hassan"));
  EXPECT_THAT(FoldedWords("O'Brien"), ElementsAre("o", "brien"));
  EXPECT_THAT(FoldedWords("O’Brien"), ElementsAre("o", "brien"));
  EXPECT_THAT(FoldedWords("D’Ávila"), ElementsAre("d", "avila"));
}

TEST(FoldedWordsTest, ModifierLettersForAyinJoinTheWord) {
  EXPECT_THAT(FoldedWords("Saʿid Oʻzbek"), ElementsAre("said", "ozbek"));
}

TEST(FoldedWordsTest, DuplicatesAreRemovedInOrderOfFirstAppearance) {
  EXPECT_THAT(FoldedWords("Anna ANNA anna Änna bello Anna"), ElementsAre("anna", "bello"));
  EXPECT_THAT(FoldedWords("a b c d e f g h i j a b c d e f g h i j k"),
              ElementsAre("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"));
}

TEST(FoldedWordsTest, InvalidUtf8BytesAreSeparators) {
  EXPECT_THAT(FoldedWords("abc\xFFxyz"), ElementsAre("abc", "xyz"));
  EXPECT_THAT(FoldedWords("Jos\xC3"), ElementsAre("jos"));
  EXPECT_THAT(FoldedWords("\xC3\x28 \xE2\x82 \xF0\x9F\x98"), IsEmpty());
  EXPECT_THAT(FoldedWords("Мир\xFFМир"), ElementsAre("mir"));
}

TEST(FoldedWordsTest, TableAndTransliteratorFoldLatinAlike) {
  // "Мир" sends the whole chunk through the transliterator instead of the per-letter table.
  EXPECT_THAT(FoldedWords("Dvořák—Мир"), ElementsAre("dvorak", "mir"));
  EXPECT_THAT(FoldedWords("Straße·Þórunn—Мир"), ElementsAre("strasse", "thorunn", "mir"));
  EXPECT_THAT(FoldedWords("O’Brien—Мир"), ElementsAre("o", "brien", "mir"));
}

TEST(FoldedWordsTest, LongUnspacedTextIsFoldedWhole) {
  EXPECT_THAT(FoldedWords("王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英"),
              ElementsAre("wang", "xiu", "ying"));
}

TEST(SkeletonTest, ShortOrNonLetterWordsHaveNoSkeleton) {
  EXPECT_EQ(Skeleton(""), "");
  EXPECT_EQ(Skeleton("a"), "");
  EXPECT_EQ(Skeleton("2nd"), "");
  EXPECT_EQ(Skeleton("Anna"), "");
  EXPECT_EQ(Skeleton("li"), "");
  EXPECT_EQ(Skeleton("ali"), "al");
}

TEST(SkeletonTest, OneNameInDifferentScriptsMeets) {
  const std::vector<std::vector<std::string>> same_name = {
      {"Nguyen", "Нгуен"},
      {"Mohammed", "Muhammad", "Mohamed", "محمد"},
      {"Sigurðardóttir", "Сигурдардоттир"},
      {"Hassan", "Hasan", "Хасан", "حسن"},
      {"Fatima", "Fatimah", "فاطمة"},
      {"Ahmed", "Ahmad", "Ахмед", "أحمد"},
      {"Yusuf", "Yosef", "Iosif", "يوسف", "יוסף"},
      {"Ekaterina", "Yekaterina", "Екатерина"},
      {"Elena", "Yelena", "Елена"},
      {"Alexandra", "Aleksandra", "Александра"},
      {"Papadopoulou", "Παπαδοπούλου"},
      {"Mikhailovna", "Mihailovna", "Михайловна"},
      {"Svetlana", "Swetlana", "Светлана"},
      {"Levi", "לוי"},
      {"Sara", "Sarah", "שרה"},
      {"Khalid", "Khaled", "Халид", "خالد"},
      {"Zhanna", "Жанна"},
      {"Tsvetkova", "Цветкова"},
      {"Leila", "Layla", "ليلى"},
  };
  for (const std::vector<std::string>& spellings : same_name) {
    const std::string expected = NameSkeleton(spellings[0]);
    EXPECT_FALSE(expected.empty()) << spellings[0];
    for (const std::string& spelling : spellings) {
      EXPECT_EQ(NameSkeleton(spelling), expected) << spelling << " vs " << spellings[0];
    }
  }
}

TEST(SkeletonTest, ClearlyDifferentNamesStayApart) {
  const std::vector<std::pair<std::string, std::string>> different = {
      {"nguyen", "hassan"},
      {"mohammed", "ahmed"},
      {"mohammed", "hassan"},
      {"fatima", "aisha"},
      {"fatima", "khadija"},
      {"sigurdardottir", "gudmundsdottir"},
      {"papadopoulou", "papadakis"},
      {"ivanova", "petrova"},
      {"chen", "wang"},
      {"maria", "elena"},
      {"sarah", "rachel"},
      {"david", "daniel"},
      {"olga", "irina"},
      {"natalya", "tatiana"},
      {"amina", "amira"},
      {"kim", "park"},
      {"zainab", "zahra"},
      {"hana", "dana"},
      {"yusuf", "yasmin"},
      {"shevchenko", "shcherbakova"},
      {"olga", "helga"},
      {"elena", "helena"},
  };
  for (const auto& [a, b] : different) {
    EXPECT_NE(Skeleton(a), Skeleton(b)) << a << " vs " << b;
  }
}

TEST(SkeletonTest, KeysAreReadableConsonantClasses) {
  EXPECT_EQ(Skeleton("nguyen"), "ngn");
  EXPECT_EQ(Skeleton("mhmd"), "mhmd");
  EXPECT_EQ(Skeleton("hsn"), "hsn");
  EXPECT_EQ(Skeleton("shevchenko"), "xvxnk");
}

TEST(FoldedWordsTest, ConcurrentCallersGetTheSameAnswers) {
  // Distinct Cyrillic, Greek and Latin words, so threads race on cache misses, not just hits.
  std::vector<std::string> texts;
  const std::vector<std::string> stems = {"Мари", "Елен", "Ольг", "Παπα", "Ðór", "Хас"};
  const std::vector<std::string> endings = {"а", "я", "ия", "ова", "ино", "α", "ός", "ðir", "ан"};
  for (const std::string& stem : stems) {
    for (const std::string& ending : endings) {
      for (const std::string& third : endings) texts.push_back(stem + ending + third + " " + stem);
    }
  }
  constexpr int kThreads = 8;
  std::vector<std::vector<Words>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&texts, &result = results[t], t] {
      result.resize(texts.size());
      for (size_t n = 0; n < texts.size(); ++n) {
        const size_t i = (n * 7 + t * 37) % texts.size();  // each thread in its own order
        result[i] = FoldedWords(texts[i]);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_FALSE(results[0][i].empty()) << texts[i];
    for (int t = 1; t < kThreads; ++t) EXPECT_EQ(results[t][i], results[0][i]) << texts[i];
    EXPECT_EQ(FoldedWords(texts[i]), results[0][i]) << texts[i];
  }
  EXPECT_THAT(FoldedWords("Мария"), ElementsAre("mariya"));
}

}  // namespace
}  // namespace wps::search
