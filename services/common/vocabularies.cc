#include "services/common/vocabularies.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <memory>
#include <string_view>
#include <unordered_set>

#include "unicode/locid.h"
#include "unicode/region.h"
#include "unicode/strenum.h"
#include "unicode/uloc.h"
#include "unicode/unistr.h"

namespace wps::vocab {
namespace {

constexpr absl::string_view kExpertise[] = {
    "ceasefire-security-arrangements",
    "power-sharing",
    "constitution-making",
    "elections",
    "natural-resources",
    "land",
    "transitional-justice",
    "crsv",
    "ddr",
    "ssr",
    "humanitarian-access",
    "gender-inclusion",
    "process-design",
    "dialogue-facilitation",
    "negotiation-support",
    "civil-society-engagement",
    "local-peacebuilding",
    "climate-security",
    "economic-recovery",
    "human-rights",
    "displacement",
    "religion-and-peace",
    "youth-peace-security",
    "strategic-communication",
};

constexpr absl::string_view kRoles[] = {
    "mediator",         "facilitator", "adviser",          "gender-adviser",
    "process-designer", "trainer",     "technical-expert",
};

// Codes are tiny and fixed-shape, so the tables index them directly: two letters map to 0..675,
// three digits to 0..999. A check is then a bounds test and a bit lookup, with no allocation and no
// ICU call.
constexpr int kLetterPairs = 26 * 26;
constexpr int kThreeDigitCodes = 1000;

int LetterPairIndex(absl::string_view code, char first_letter) {
  if (code.size() != 2) return -1;
  const int a = code[0] - first_letter;
  const int b = code[1] - first_letter;
  if (a < 0 || a >= 26 || b < 0 || b >= 26) return -1;
  return a * 26 + b;
}

int LowerPairIndex(absl::string_view code) { return LetterPairIndex(code, 'a'); }
int UpperPairIndex(absl::string_view code) { return LetterPairIndex(code, 'A'); }

int ThreeDigitIndex(absl::string_view code) {
  if (code.size() != 3) return -1;
  int value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

struct RegionEntry {
  std::string name;
  std::vector<std::string> chain;  // the code itself, then its containing regions, innermost first
  std::vector<std::string> areas;  // chain, then the M49 groupings containing the code off the chain
};

struct Tables {
  std::bitset<kLetterPairs> languages;
  std::array<std::string, kLetterPairs> language_names;
  std::bitset<kLetterPairs> countries;
  std::array<RegionEntry, kLetterPairs> country_entries;
  std::bitset<kThreeDigitCodes> areas;
  std::array<RegionEntry, kThreeDigitCodes> area_entries;
};

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string EnglishLanguageName(const char* code) {
  icu::UnicodeString name;
  icu::Locale(code).getDisplayLanguage(icu::Locale::getEnglish(), name);
  std::string utf8 = ToUtf8(name);
  return utf8.empty() ? std::string(code) : utf8;
}

// ICU names a region through a locale carrying it: "und_SD" -> "Sudan", "und_015" -> "Northern
// Africa".
std::string EnglishRegionName(const char* code) {
  const std::string locale_id = std::string("und_") + code;
  icu::UnicodeString name;
  icu::Locale(locale_id.c_str()).getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string utf8 = ToUtf8(name);
  return utf8.empty() ? std::string(code) : utf8;
}

void AddLanguages(Tables& tables) {
  for (const char* const* code = uloc_getISOLanguages(); *code != nullptr; ++code) {
    const int index = LowerPairIndex(*code);
    if (index < 0)
      continue;  // ICU also lists ISO 639-2/3 codes; only the two-letter ones are 639-1
    tables.languages.set(index);
    tables.language_names[index] = EnglishLanguageName(*code);
  }
  // ISO 639-1 codes that CLDR (and so ICU 72) replaced by another code in its list, but that stay valid
  // ISO 639-1 codes in use: Tagalog ("tl"; CLDR lists Filipino "fil" instead).
  for (const char* code : {"tl"}) {
    const int index = LowerPairIndex(code);
    tables.languages.set(index);
    tables.language_names[index] = EnglishLanguageName(code);
  }
}

RegionEntry MakeRegionEntry(const icu::Region& region) {
  RegionEntry entry;
  entry.name = EnglishRegionName(region.getRegionCode());
  for (const icu::Region* r = &region; r != nullptr; r = r->getContainingRegion()) {
    entry.chain.emplace_back(r->getRegionCode());
  }
  return entry;
}

// Adds every region ICU lists under `type` whose code has the shape the table for that type expects
// (alpha-2 for territories, three digits for areas).
void AddRegions(URegionType type, Tables& tables) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> codes(icu::Region::getAvailable(type, status));
  if (U_FAILURE(status) || codes == nullptr) return;
  int32_t length = 0;
  for (const char* code = codes->next(&length, status); U_SUCCESS(status) && code != nullptr;
       code = codes->next(&length, status)) {
    const icu::Region* region = icu::Region::getInstance(code, status);
    if (U_FAILURE(status) || region == nullptr) return;
    const absl::string_view region_code(region->getRegionCode());
    if (type == URGN_TERRITORY) {
      const int index = UpperPairIndex(region_code);
      if (index < 0) continue;
      tables.countries.set(index);
      tables.country_entries[index] = MakeRegionEntry(*region);
    } else {
      const int index = ThreeDigitIndex(region_code);
      if (index < 0) continue;  // groupings such as "EU" or "QO" have no M49 number
      tables.areas.set(index);
      tables.area_entries[index] = MakeRegionEntry(*region);
    }
  }
}

// Fills every entry's `areas`: its chain, then each numbered grouping (419 Latin America, 202
// Sub-Saharan Africa...) that ICU says contains it but that its chain of single parents passes by.
void AddGroupings(Tables& tables) {
  std::vector<const icu::Region*> groupings;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> codes(icu::Region::getAvailable(URGN_GROUPING, status));
  int32_t length = 0;
  for (const char* code = codes ? codes->next(&length, status) : nullptr; U_SUCCESS(status) && code != nullptr;
       code = codes->next(&length, status)) {
    const icu::Region* region = icu::Region::getInstance(code, status);
    if (U_SUCCESS(status) && region != nullptr && ThreeDigitIndex(region->getRegionCode()) >= 0) {
      groupings.push_back(region);
    }
  }
  auto fill = [&](RegionEntry& entry) {
    entry.areas = entry.chain;
    if (entry.chain.empty()) return;
    UErrorCode lookup = U_ZERO_ERROR;
    const icu::Region* self = icu::Region::getInstance(entry.chain.front().c_str(), lookup);
    if (U_FAILURE(lookup) || self == nullptr) return;
    for (const icu::Region* grouping : groupings) {
      const std::string code = grouping->getRegionCode();
      if (code != entry.chain.front() && grouping->contains(*self) &&
          std::find(entry.areas.begin(), entry.areas.end(), code) == entry.areas.end()) {
        entry.areas.push_back(code);
      }
    }
  };
  for (RegionEntry& entry : tables.country_entries) fill(entry);
  for (RegionEntry& entry : tables.area_entries) fill(entry);
}

std::unique_ptr<Tables> BuildTables() {
  auto tables = std::make_unique<Tables>();
  AddLanguages(*tables);
  for (URegionType type :
       {URGN_TERRITORY, URGN_WORLD, URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
    AddRegions(type, *tables);
  }
  AddGroupings(*tables);
  return tables;
}

// Built once, on first use; C++11 guarantees the initialisation is thread-safe. Never destroyed, so
// late callers during shutdown still see valid tables.
const Tables& GetTables() {
  static const Tables* const tables = BuildTables().release();
  return *tables;
}

const RegionEntry* FindRegion(absl::string_view code) {
  const Tables& tables = GetTables();
  const int pair = UpperPairIndex(code);
  if (pair >= 0) return tables.countries.test(pair) ? &tables.country_entries[pair] : nullptr;
  const int number = ThreeDigitIndex(code);
  if (number >= 0) return tables.areas.test(number) ? &tables.area_entries[number] : nullptr;
  return nullptr;
}

using TermSet = std::unordered_set<std::string_view>;

TermSet MakeTermSet(absl::Span<const absl::string_view> terms) {
  TermSet set;
  for (absl::string_view term : terms) set.emplace(term.data(), term.size());
  return set;
}

bool Contains(const TermSet& set, absl::string_view term) {
  return set.count(std::string_view(term.data(), term.size())) > 0;
}

}  // namespace

bool IsLanguageCode(absl::string_view code) {
  const int index = LowerPairIndex(code);
  return index >= 0 && GetTables().languages.test(index);
}

bool IsCountryCode(absl::string_view code) {
  const int index = UpperPairIndex(code);
  return index >= 0 && GetTables().countries.test(index);
}

bool IsAreaCode(absl::string_view code) {
  const int index = ThreeDigitIndex(code);
  return index >= 0 && GetTables().areas.test(index);
}

bool IsRegionCode(absl::string_view code) { return IsCountryCode(code) || IsAreaCode(code); }

std::vector<std::string> ContainmentChain(absl::string_view code) {
  const RegionEntry* entry = FindRegion(code);
  return entry == nullptr ? std::vector<std::string>() : entry->chain;
}

std::vector<std::string> ContainingAreas(absl::string_view code) {
  const RegionEntry* entry = FindRegion(code);
  return entry == nullptr ? std::vector<std::string>() : entry->areas;
}

std::string LanguageName(absl::string_view code) {
  const int index = LowerPairIndex(code);
  if (index < 0 || !GetTables().languages.test(index)) return std::string(code);
  return GetTables().language_names[index];
}

std::string RegionName(absl::string_view code) {
  const RegionEntry* entry = FindRegion(code);
  return entry == nullptr ? std::string(code) : entry->name;
}

bool IsResourceId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || c != '-')) return false;
  }
  return true;
}

absl::Span<const absl::string_view> ExpertiseTerms() { return kExpertise; }

absl::Span<const absl::string_view> RoleTerms() { return kRoles; }

bool IsExpertise(absl::string_view term) {
  static const TermSet* const terms = new TermSet(MakeTermSet(kExpertise));
  return Contains(*terms, term);
}

bool IsRole(absl::string_view term) {
  static const TermSet* const terms = new TermSet(MakeTermSet(kRoles));
  return Contains(*terms, term);
}

}  // namespace wps::vocab
