// Text folding for free-text search over mediators' names and bios: case-, accent- and
// script-insensitive words, plus a loose "skeleton" key so that one name written in different
// scripts (or transliterated by different conventions) can still be found.
//
// Documents and queries must go through the same FoldedWords() so that they meet; there is
// deliberately no second entry point for "one query token".
//
// Thread safety: every function is safe to call concurrently from any number of threads. ICU
// transliterators are cloned once per thread; folded non-ASCII chunks are kept in a sharded,
// mutex-guarded cache bounded to ~128k entries (a full shard is cleared, never grown).
//
// Cost: pure-ASCII words take a path with no ICU call (lower-case and split). Latin letters with
// diacritics (U+0080..U+036F, U+1E00..U+1EFF, General Punctuation) are folded through a
// per-code-point table computed once with the transliterator below. Other scripts are
// transliterated once per distinct chunk (a run of text between ASCII separators) and then served
// from the cache.
#ifndef WPS_SERVICES_SEARCH_TEXT_FOLDING_H_
#define WPS_SERVICES_SEARCH_TEXT_FOLDING_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace wps::search {

// The folded words of UTF-8 `text`, in order of first appearance, duplicates removed, empty words
// dropped. Each word matches [a-z0-9]+.
//
// Folding: text is transliterated to Latin with ICU, accents are removed, special letters and
// ligatures expanded (ß -> ss, æ -> ae, þ -> th, ð -> d, ø -> o, ł -> l, ı -> i, ﬁ -> fi), and
// the result lower-cased and split on anything that is not [a-z0-9]. Cyrillic goes by Russian
// BGN, Greek by UNGEGN, Hebrew by BGN: they give the spellings names usually have in English
// ("Шевченко" -> "shevchenko", "Ελένη" -> "eleni"). Every other script (Arabic, Han as
// pinyin with one word per syllable, Devanagari, Thai...) goes by ICU's default Any-Latin.
//
// Apostrophes split words, typographic ones too: "O'Brien" and "O’Brien" -> {"o", "brien"},
// so that a query for "brien" finds the name. Modifier letters used in Latin text for ayin,
// hamza or the okina ("Saʿid", "Oʻzbek") are dropped and join the word ("said"). The marks
// that transliteration itself emits for Arabic ayin and Hebrew aleph/ayin become "a"
// ("عمر" -> "amr", "אסתר" -> "astr"): a vowel stands there in the usual Latin spellings
// (Omar, Esther). Cyrillic soft and hard signs are dropped ("Ольга" -> "olga").
//
// Invalid UTF-8 bytes act as separators. Empty or separator-only input gives an empty vector.
std::vector<std::string> FoldedWords(absl::string_view text);

// A loose key of one folded word (an element of FoldedWords()) under which spellings of one
// name from different scripts and transliteration conventions meet:
//   "nguyen", "nguen" (Нгуен) -> "ngn";
//   "mohammed", "muhammad", "mhmd" (محمد) -> "mhmd";
//   "hassan", "khasan" (Хасан), "hsn" (حسن) -> "hsn".
// Returns "" when `folded_word` has fewer than 2 characters or contains anything but [a-z]
// (numbers are not names), and when the key would be a single letter ("li", "hua"), too loose to
// be useful. Otherwise the key is 2 or more letters of [a-z], opaque to callers.
//
// Rules, in order, and why:
//  1. Spellings of one sound become one letter: sh, ch, sch, tch, tsch, cz -> x (Ш/Ч/Щ,
//     German sch, Polish cz); zh, dzh, dj -> j (Ж, Дж, ج); kh -> h (Х, خ and Hebrew כ are
//     written h or kh); ph -> f; th, dh, gh -> t, d, g; ts, tz -> z (Ц, German z);
//     c, q, ck -> k; x -> ks (Alexandra / Aleksandra).
//  2. Vowels a e i o u y are dropped after the first letter: Arabic and Hebrew script write
//     no short vowels, so only consonants can meet ("mohammed" / "mhmd"); y is usually a vowel
//     there and in Cyrillic transliteration ("mikhaylovna" / "mikhailovna").
//  3. w is a consonant (v) first and between a consonant and a vowel ("swetlana" /
//     "svetlana"), and a vowel otherwise: و and ו are mostly vowels in abjad text
//     ("ywsf" / "yusuf", "nwr" / "nour").
//  4. A leading vowel or y becomes "a": BGN writes Е/Ю/Я as ye/yu/ya ("yelena" / "elena");
//     Arabic and Hebrew begin such names with alef, ayin or yod ("ywsf" / "iosif" / "yusuf").
//  5. Letters doubled next to each other count once ("hassan" / "hsn"); a final h after the
//     first letter is dropped (ة and ה are written -a or -ah: "fatmh" / "fatima", "srh" / "sara").
// Known collisions, the price of ignoring vowels: names that differ only in vowels share a key
// ("omar" / "amir", "hassan" / "hussein", "mohammed" / "mahmoud"). Callers should rank exact
// folded words above skeleton matches.
std::string Skeleton(absl::string_view folded_word);

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_TEXT_FOLDING_H_
