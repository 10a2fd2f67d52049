#include "services/search/text_folding.h"

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/synchronization/mutex.h"

namespace wps::search {
namespace {

// Pre-rules run on the input, before any script is transliterated, so they only see what the writer
// typed: typographic apostrophes split like ASCII ones, modifier letters for ayin/hamza/okina join
// the word, Cyrillic soft and hard signs vanish, Arabic ta marbuta reads as the -ah of common
// spellings. Post-rules see what transliteration added: its ayin/aleph marks stand where Latin
// spellings have a vowel. Russian BGN, Greek UNGEGN and Hebrew BGN come before Any-Latin because
// they give the spellings names usually have in English; Any-Latin then handles every other script.
constexpr char kFoldRules[] = R"(
[ʻʿʾʹʺʽ] > ;
[‘’ʼ´] > \' ;
ة > h ;
[ЬьЪъ] > ;
:: Russian-Latin/BGN ;
:: Greek-Latin/UNGEGN ;
:: Hebrew-Latin/BGN ;
:: Any-Latin ;
[‘’ʹʺʻʼʽʾʿ] > a ;
:: NFD ;
:: [:Nonspacing Mark:] Remove ;
:: Latin-ASCII ;
)";

// Chunks longer than this (unspaced CJK or Thai prose) rarely repeat: transliterate, don't cache.
constexpr size_t kMaxCachedChunkBytes = 64;
constexpr size_t kCacheShards = 16;
constexpr size_t kMaxEntriesPerShard = 8192;

// Created once; used only to clone from, under the mutex, since ICU transliterators are not
// thread-safe. Null if ICU rejects the rules (a packaging defect, which the tests catch): non-ASCII
// characters then act as separators.
class PrototypeTransliterator {
 public:
  PrototypeTransliterator() {
    UParseError parse_error;
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::Transliterator::createFromRules(
        "wps-fold", icu::UnicodeString::fromUTF8(kFoldRules), UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) prototype_.reset();
  }
  std::unique_ptr<icu::Transliterator> Clone() {
    absl::MutexLock lock(&mu_);
    return std::unique_ptr<icu::Transliterator>(prototype_ ? prototype_->clone() : nullptr);
  }

 private:
  absl::Mutex mu_;
  std::unique_ptr<icu::Transliterator> prototype_;
};

// Folds `text` with this thread's own transliterator; the result may still hold separators.
std::string Transliterate(const icu::UnicodeString& text) {
  static PrototypeTransliterator* const prototype = new PrototypeTransliterator();
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = prototype->Clone();
  if (transliterator == nullptr) return " ";
  icu::UnicodeString folded(text);
  transliterator->transliterate(folded);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

// Code points folded through the table: Latin-1 Supplement to Combining Diacritical Marks, Latin
// Extended Additional, General Punctuation. Folding them one by one gives what folding them in
// context gives, as no rule above looks at neighbours of a Latin letter (only case does, and case
// is dropped).
constexpr std::array<std::pair<UChar32, UChar32>, 3> kTableRanges = {
    {{0x0080, 0x0370}, {0x1E00, 0x1F00}, {0x2000, 0x2070}}};

int TableIndex(UChar32 c) {
  int base = 0;
  for (const auto& [first, end] : kTableRanges) {
    if (c >= first && c < end) return base + (c - first);
    base += end - first;
  }
  return -1;
}

const std::vector<std::string>& LatinTable() {
  static const std::vector<std::string>* const table = [] {
    auto* folded = new std::vector<std::string>();
    for (const auto& [first, end] : kTableRanges) {
      for (UChar32 c = first; c < end; ++c) folded->push_back(Transliterate(icu::UnicodeString(c)));
    }
    return folded;
  }();
  return *table;
}

// Appends the folded form of `chunk` to `out` if every code point is ASCII or in the table; invalid
// UTF-8 becomes a separator. Returns false, with `out` unspecified, for any other code point.
bool FoldWithLatinTable(absl::string_view chunk, std::string* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(chunk.data());
  const int32_t length = static_cast<int32_t>(chunk.size());
  const std::vector<std::string>& table = LatinTable();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out->push_back(' ');
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (int index = TableIndex(c); index >= 0) {
      out->append(table[index]);
    } else {
      return false;
    }
  }
  return true;
}

// Transliterated chunks, sharded to keep lock contention low while many threads build the index.
class FoldCache {
 public:
  std::string Fold(absl::string_view chunk) {
    if (chunk.size() > kMaxCachedChunkBytes) return TransliterateUtf8(chunk);
    Shard& shard = shards_[(absl::Hash<absl::string_view>()(chunk) >> 20) % kCacheShards];
    {
      absl::ReaderMutexLock lock(&shard.mu);
      auto it = shard.folded.find(chunk);
      if (it != shard.folded.end()) return it->second;
    }
    std::string folded = TransliterateUtf8(chunk);
    absl::MutexLock lock(&shard.mu);
    if (shard.folded.size() >= kMaxEntriesPerShard) shard.folded.clear();
    shard.folded.try_emplace(std::string(chunk), folded);
    return folded;
  }

 private:
  static std::string TransliterateUtf8(absl::string_view chunk) {
    // fromUTF8 turns invalid bytes into U+FFFD, which folds to a separator.
    return Transliterate(icu::UnicodeString::fromUTF8(
        icu::StringPiece(chunk.data(), static_cast<int32_t>(chunk.size()))));
  }

  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, std::string> folded;
  };
  std::array<Shard, kCacheShards> shards_;
};

std::string FoldNonAscii(absl::string_view chunk) {
  static FoldCache* const cache = new FoldCache();
  std::string folded;
  if (FoldWithLatinTable(chunk, &folded)) return folded;
  return cache->Fold(chunk);
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char AsciiLower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Collects words straight into the result, deduplicating once at the end: no allocation per word
// (short words fit std::string's inline buffer) and none for a hash set on short texts.
class WordCollector {
 public:
  explicit WordCollector(size_t text_size) { words_.reserve(text_size / 6 + 1); }

  // Appends each run of [A-Za-z0-9] in `text`, lower-cased, as a word.
  void AddWordsOf(absl::string_view text) {
    for (size_t i = 0; i < text.size();) {
      while (i < text.size() && !IsAsciiAlnum(text[i])) ++i;
      const size_t start = i;
      while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
      if (i == start) continue;
      std::string& word = words_.emplace_back(text.substr(start, i - start));
      for (char& c : word) c = AsciiLower(c);
    }
  }

  // The words in order of first appearance, each once. Compacts in place; a kept word is looked up
  // at its final slot, which no later step moves.
  std::vector<std::string> TakeUniqueWords() && {
    const bool few = words_.size() <= 8;  // then a linear scan beats hashing
    absl::flat_hash_set<absl::string_view> seen;
    if (!few) seen.reserve(words_.size());
    size_t kept = 0;
    for (size_t i = 0; i < words_.size(); ++i) {
      const auto kept_end = words_.begin() + kept;
      const bool duplicate = few ? std::find(words_.begin(), kept_end, words_[i]) != kept_end
                                 : seen.contains(words_[i]);
      if (duplicate) continue;
      if (i != kept) words_[kept] = std::move(words_[i]);
      if (!few) seen.insert(words_[kept]);
      ++kept;
    }
    words_.resize(kept);
    return std::move(words_);
  }

 private:
  std::vector<std::string> words_;
};

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Rule 1 of Skeleton(), longest spellings first. 'V' marks a vowel, 'W' a w to decide by context.
struct Respelling {
  absl::string_view from;
  absl::string_view to;
};
constexpr Respelling kRespellings[] = {
    {"tsch", "x"}, {"sch", "x"}, {"tch", "x"}, {"dzh", "j"}, {"ch", "x"}, {"sh", "x"}, {"cz", "x"},
    {"zh", "j"},   {"dj", "j"},  {"kh", "h"},  {"ph", "f"},  {"th", "t"}, {"dh", "d"}, {"gh", "g"},
    {"ck", "k"},   {"ts", "z"},  {"tz", "z"},  {"c", "k"},   {"q", "k"},  {"x", "ks"}, {"w", "W"}};

// Applies rule 1 and marks vowels, so each output letter is one sound class.
std::string SoundClasses(absl::string_view word) {
  std::string classes;
  for (size_t i = 0; i < word.size();) {
    const Respelling* match = nullptr;
    for (const Respelling& r : kRespellings) {
      if (word.substr(i, r.from.size()) == r.from) {
        match = &r;
        break;
      }
    }
    if (match != nullptr) {
      classes.append(match->to.data(), match->to.size());
      i += match->from.size();
    } else {
      classes.push_back(IsVowel(word[i]) ? 'V' : word[i]);
      ++i;
    }
  }
  return classes;
}

}  // namespace

std::vector<std::string> FoldedWords(absl::string_view text) {
  WordCollector words(text.size());
  for (size_t i = 0; i < text.size();) {
    // A chunk runs up to the next ASCII separator; non-ASCII separators are found after folding.
    const size_t start = i;
    bool ascii = true;
    for (; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80 && !IsAsciiAlnum(c)) break;
      ascii = ascii && c < 0x80;
    }
    const absl::string_view chunk = text.substr(start, i - start);
    if (ascii) {
      words.AddWordsOf(chunk);
    } else {
      words.AddWordsOf(FoldNonAscii(chunk));
    }
    if (i < text.size()) ++i;  // the separator
  }
  return std::move(words).TakeUniqueWords();
}

std::string Skeleton(absl::string_view folded_word) {
  if (folded_word.size() < 2) return "";
  for (char c : folded_word) {
    if (c < 'a' || c > 'z') return "";
  }
  std::string classes = SoundClasses(folded_word);
  for (size_t i = 0; i < classes.size(); ++i) {  // rule 3
    if (classes[i] != 'W') continue;
    const bool after_consonant = i > 0 && classes[i - 1] != 'V' && classes[i - 1] != 'W';
    const bool before_vowel = i + 1 < classes.size() && classes[i + 1] == 'V';
    classes[i] = (i == 0 || (after_consonant && before_vowel)) ? 'v' : 'V';
  }
  std::string skeleton(1, classes[0] == 'V' ? 'a' : classes[0]);  // rule 4
  for (size_t i = 1; i < classes.size(); ++i) {
    // Rule 5 collapses only true neighbours: vowels between two equal consonants are real in Arabic
    // and Hebrew spellings too ("lyly" / "leila").
    if (classes[i] == 'V' || classes[i] == classes[i - 1]) continue;  // rule 2, rule 5
    skeleton.push_back(classes[i]);
  }
  if (skeleton.size() > 1 && skeleton.back() == 'h') skeleton.pop_back();  // rule 5
  // One letter would put every short word that starts alike under one key ("li", "liu", "lee").
  return skeleton.size() < 2 ? "" : skeleton;
}

}  // namespace wps::search
