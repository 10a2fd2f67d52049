#include "clients/sample/sample_roster.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "clients/sample/sample_roster_data.h"

namespace wps::sample {
namespace {

using internal::Country;
using internal::Culture;
using internal::kCountries;
using internal::kOtherCountryNames;
using internal::kPools;
using internal::NamePool;
using roster::v1::Mediator;
using roster::v1::Network;

// ------------------------------------------------------------------------------------------------
// Networks.

struct NetworkSpec {
  const char* id;
  const char* display_name;
  const char* chapters;  // comma-separated
  const char* focus;     // countries of their mediation work, besides their own
  const char* areas;     // M49 sub-regions (and a continent) they cover
  const char* expertise_focus;
};

constexpr NetworkSpec kNetworkSpecs[] = {
    {"nordic", "Nordic Women Mediators", "NO,SE,DK,FI,IS", "AF,CO,SY,UA,ML,SS,MM,YE,PS,SO",
     "154,145,002", "process-design,negotiation-support,climate-security"},
    {"femwise-africa", "FemWise-Africa",
     "NG,GH,LR,SL,SN,ML,NE,BF,GN,CI,KE,UG,TZ,RW,BI,CD,CM,CF,TD,ET,SO,SD,SS,ZA,ZW,MZ,AO,ZM,MW,NA,BW,"
     "EG,TN,LY,DZ,MA,MR",
     "SD,SS,SO,CF,CD,ML,LY,ET,MZ,BF,NE,CM", "011,014,015,017,018,002",
     "local-peacebuilding,land,natural-resources,ddr,crsv"},
    {"mwmn", "Mediterranean Women Mediators Network",
     "IT,ES,FR,GR,CY,MT,TR,EG,TN,MA,LB,IL,PS,HR,PT,AL,SI,BA,ME,DZ,LY", "LY,SY,PS,LB,CY,TN",
     "039,015,145,150", "displacement,humanitarian-access,civil-society-engagement"},
    {"wmc", "Women Mediators across the Commonwealth",
     "GB,CA,AU,NZ,IN,PK,BD,LK,MY,SG,NG,KE,ZA,GH,UG,RW,CM,JM,TT,MT,CY", "CM,NG,KE,MZ,LK,PK,IN,MM",
     "034,011,014,029,053,002,142", "elections,constitution-making,strategic-communication"},
    {"arab-women-mediators", "Arab Women Mediators Network",
     "EG,JO,LB,TN,MA,DZ,LY,SD,YE,IQ,SY,PS,SA,OM,KW,QA,BH,AE,MR,SO", "YE,SY,LY,SD,IQ,PS,LB,SO",
     "145,015,002,142", "humanitarian-access,transitional-justice,religion-and-peace"},
    {"sean-wpnm", "Southeast Asian Network of Women Peace Negotiators and Mediators",
     "ID,PH,MY,TH,KH,MM,TL,VN,LA,SG,BN", "MM,PH,TH,TL,ID,KH", "035,142",
     "local-peacebuilding,religion-and-peace,youth-peace-security"},
};
constexpr int kNetworkCount = sizeof(kNetworkSpecs) / sizeof(kNetworkSpecs[0]);

// The expertise vocabulary of API.md with how often the term appears on a real roster, and the
// phrase a bio uses for it.
struct ExpertiseTerm {
  absl::string_view term;
  int weight;
  absl::string_view phrase;
};
constexpr ExpertiseTerm kExpertise[] = {
    {"ceasefire-security-arrangements", 5, "ceasefire negotiations"},
    {"power-sharing", 3, "power-sharing talks"},
    {"constitution-making", 3, "constitution-making processes"},
    {"elections", 3, "electoral dispute resolution"},
    {"natural-resources", 4, "natural resource disputes"},
    {"land", 4, "land disputes"},
    {"transitional-justice", 5, "transitional justice"},
    {"crsv", 4, "responses to conflict-related sexual violence"},
    {"ddr", 3, "disarmament, demobilisation and reintegration"},
    {"ssr", 3, "security sector reform"},
    {"humanitarian-access", 4, "humanitarian access negotiations"},
    {"gender-inclusion", 10, "gender-inclusive peace processes"},
    {"process-design", 6, "peace process design"},
    {"dialogue-facilitation", 10, "national dialogue facilitation"},
    {"negotiation-support", 9, "negotiation support"},
    {"civil-society-engagement", 7, "civil society engagement"},
    {"local-peacebuilding", 8, "local peacebuilding"},
    {"climate-security", 3, "climate security"},
    {"economic-recovery", 3, "economic recovery after conflict"},
    {"human-rights", 6, "human rights monitoring"},
    {"displacement", 4, "work with displaced communities"},
    {"religion-and-peace", 3, "interfaith dialogue"},
    {"youth-peace-security", 4, "youth, peace and security"},
    {"strategic-communication", 2, "strategic communication"},
};
constexpr int kFocusBoost = 8;

struct WeightedTerm {
  absl::string_view term;
  int weight;
};
constexpr WeightedTerm kRoles[] = {{"mediator", 50},       {"facilitator", 20},     {"adviser", 14},
                                   {"gender-adviser", 10}, {"process-designer", 5}, {"trainer", 8},
                                   {"technical-expert", 5}};

// International languages she may have learnt, with the chance of each (the country's own `foreign`
// languages are more likely still).
constexpr struct {
  const char* code;
  double chance;
} kInternationalLanguages[] = {{"en", 0.75}, {"fr", 0.15}, {"ar", 0.05},
                               {"es", 0.08}, {"ru", 0.03}, {"pt", 0.03}};

constexpr const char* kProfessions[] = {"diplomat",
                                        "ambassador",
                                        "member of parliament",
                                        "human rights lawyer",
                                        "UN political affairs officer",
                                        "journalist",
                                        "lecturer in conflict studies",
                                        "civil society leader",
                                        "minister",
                                        "humanitarian coordinator",
                                        "judge",
                                        "trade union leader",
                                        "community organiser",
                                        "police commissioner",
                                        "electoral commissioner",
                                        "programme director"};

// ------------------------------------------------------------------------------------------------
// Prepared tables, built once: parsed lists and ASCII slugs of every name.

struct PreparedPool {
  std::vector<std::string> given_slug;
  std::vector<std::string> family_slug;
};

// A country's language lists, split once.
struct PreparedCountry {
  const Country* country;
  std::vector<std::string> mother;
  std::vector<std::string> official;
  std::vector<std::string> foreign;
};

struct PreparedNetwork {
  Network network;
  std::string id;
  std::vector<const PreparedCountry*> chapters;
  std::vector<std::string> focus;  // chapters and focus countries
  std::vector<std::string> areas;
  std::vector<int> expertise_cumulative;  // running sums of the boosted weights
};

struct Tables {
  std::vector<PreparedPool> pools;
  std::vector<PreparedCountry> countries;  // as kCountries
  // English names of countries by code: index (first letter - 'A') * 26 + (second letter - 'A').
  std::vector<const char*> country_names = std::vector<const char*>(26 * 26, nullptr);
  std::vector<PreparedNetwork> networks;
  std::vector<Network> plain_networks;
};

// The two letters a ligature or thorn folds to (Æ æ Þ þ ß Ĳ ĳ Œ œ); null for any other code point.
const char* Digraph(uint32_t cp) {
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      return nullptr;
  }
}

// Appends the ASCII letters `cp` folds to ("ð" -> "d", "Þ" -> "th", "ễ" -> "e"); nothing for a code
// point it does not know; returns false for a separator (space, hyphen, apostrophe...).
bool FoldCodePoint(uint32_t cp, std::string& out) {
  // Latin-1 Supplement from U+00C0, upper then lower case; '-' marks × and ÷.
  static constexpr char kLatin1[] =
      "aaaaaa?ceeeeiiiidnooooo-ouuuuy??aaaaaa?ceeeeiiiidnooooo-ouuuuy?y";
  // Latin Extended-A, U+0100..U+017F.
  static constexpr char kExtendedA[] =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllll"
      "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  // Latin Extended Additional, Vietnamese letters U+1EA0..U+1EF9, in pairs per base letter.
  static constexpr char kVietnamese[] = "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";
  if (cp < 0x80) {
    const char c = absl::ascii_tolower(static_cast<unsigned char>(cp));
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
    out.push_back(c);
  } else if (const char* digraph = Digraph(cp)) {
    out += digraph;
  } else if (cp >= 0xC0 && cp <= 0xFF) {
    if (kLatin1[cp - 0xC0] == '-') return false;
    out.push_back(kLatin1[cp - 0xC0]);
  } else if (cp >= 0x100 && cp <= 0x17F) {
    out.push_back(kExtendedA[cp - 0x100]);
  } else if (cp == 0x1A0 || cp == 0x1A1) {  // Ơ ơ
    out.push_back('o');
  } else if (cp == 0x1AF || cp == 0x1B0) {  // Ư ư
    out.push_back('u');
  } else if (cp >= 0x1EA0 && cp <= 0x1EF9) {
    out.push_back(kVietnamese[(cp - 0x1EA0) / 2]);
  } else if (cp == 0x2018 || cp == 0x2019) {  // typographic apostrophes
    return false;
  }
  return true;
}

// Decodes the code point at text[i] (advancing i); U+FFFD for a broken sequence.
uint32_t NextCodePoint(absl::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i++);
  if (lead < 0x80) return lead;
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  uint32_t cp = lead & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= text.size() || (byte(i) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (byte(i++) & 0x3F);
  }
  return extra == 0 ? 0xFFFD : cp;
}

}  // namespace

std::string AsciiSlug(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_dash = false;
  for (size_t i = 0; i < text.size();) {
    std::string folded;
    if (!FoldCodePoint(NextCodePoint(text, i), folded)) {
      pending_dash = !out.empty();
      continue;
    }
    if (folded.empty()) continue;
    if (pending_dash) out.push_back('-');
    pending_dash = false;
    out += folded;
  }
  return out;
}

namespace {

std::vector<std::string> SplitList(const char* list) {
  return absl::StrSplit(list, ',', absl::SkipEmpty());
}

// Index of a two-letter upper-case code in Tables::country_names; -1 for anything else.
int CountryIndex(absl::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') {
    return -1;
  }
  return (code[0] - 'A') * 26 + (code[1] - 'A');
}

const PreparedCountry* FindCountry(const std::vector<PreparedCountry>& countries,
                                   absl::string_view code) {
  for (const PreparedCountry& country : countries) {
    if (code == country.country->code) return &country;
  }
  return nullptr;
}

PreparedNetwork PrepareNetwork(const NetworkSpec& spec,
                               const std::vector<PreparedCountry>& countries) {
  PreparedNetwork prepared;
  prepared.id = spec.id;
  prepared.network.set_name(absl::StrCat("networks/", spec.id));
  prepared.network.set_display_name(spec.display_name);
  for (const std::string& code : SplitList(spec.chapters)) {
    prepared.network.add_chapters(code);
    prepared.chapters.push_back(FindCountry(countries, code));
    prepared.focus.push_back(code);
  }
  for (const std::string& code : SplitList(spec.focus)) {
    bool seen = false;
    for (const std::string& known : prepared.focus) seen = seen || known == code;
    if (!seen) prepared.focus.push_back(code);
  }
  prepared.areas = SplitList(spec.areas);
  const std::vector<std::string> boosted = SplitList(spec.expertise_focus);
  int sum = 0;
  for (const ExpertiseTerm& term : kExpertise) {
    sum += term.weight;
    for (const std::string& b : boosted) sum += b == term.term ? kFocusBoost : 0;
    prepared.expertise_cumulative.push_back(sum);
  }
  return prepared;
}

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    for (const NamePool& pool : kPools) {
      PreparedPool prepared;
      for (const char* name : pool.given) prepared.given_slug.push_back(AsciiSlug(name));
      for (const char* name : pool.family) prepared.family_slug.push_back(AsciiSlug(name));
      t->pools.push_back(std::move(prepared));
    }
    for (const Country& country : kCountries) {
      t->countries.push_back({&country, SplitList(country.mother), SplitList(country.official),
                              SplitList(country.foreign)});
      t->country_names[CountryIndex(country.code)] = country.name;
    }
    for (const auto& entry : kOtherCountryNames) {
      t->country_names[CountryIndex(entry[0])] = entry[1];
    }
    for (const NetworkSpec& spec : kNetworkSpecs) {
      t->networks.push_back(PrepareNetwork(spec, t->countries));
      t->plain_networks.push_back(t->networks.back().network);
    }
    return t;
  }();
  return *tables;
}

// ------------------------------------------------------------------------------------------------
// Random helpers on the raw 64-bit output: the standard distributions differ between standard
// libraries, these do not, so the records are the same on every machine.

uint64_t Uniform(std::mt19937_64& random, uint64_t n) { return random() % n; }

double Unit(std::mt19937_64& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

bool Chance(std::mt19937_64& random, double p) { return Unit(random) < p; }

template <typename T>
const T& Pick(std::mt19937_64& random, absl::Span<const T> items) {
  return items[Uniform(random, items.size())];
}

// Index into `cumulative` (running sums of weights) drawn by weight.
int PickWeighted(std::mt19937_64& random, const std::vector<int>& cumulative) {
  const int r = static_cast<int>(Uniform(random, cumulative.back()));
  int i = 0;
  while (cumulative[i] <= r) ++i;
  return i;
}

// 1..weights.size() drawn by the given relative weights.
int PickCount(std::mt19937_64& random, std::initializer_list<int> weights) {
  int total = 0;
  for (int w : weights) total += w;
  int r = static_cast<int>(Uniform(random, total));
  int count = 1;
  for (int w : weights) {
    if (r < w) return count;
    r -= w;
    ++count;
  }
  return count - 1;
}

template <typename Container>
bool Contains(const Container& items, absl::string_view value) {
  for (const auto& item : items) {
    if (item == value) return true;
  }
  return false;
}

// A short hex suffix unique per sequence number: the sequence scrambled by an odd multiplier and an
// offset modulo a power of 16 (a bijection), printed with as many digits as the sequence needs and
// at least four, so suffixes of different lengths never meet either.
std::string IdSuffix(uint64_t sequence, uint64_t offset) {
  int digits = 4;
  while (digits < 16 && (sequence >> (4 * digits)) != 0) ++digits;
  const uint64_t mask = digits == 16 ? ~uint64_t{0} : (uint64_t{1} << (4 * digits)) - 1;
  const uint64_t scrambled = (sequence * 0x9E3779B97F4A7C15ull + offset) & mask;
  return absl::StrCat(absl::Hex(scrambled, static_cast<absl::PadSpec>(digits)));
}

void AddLanguage(Mediator& m, absl::string_view code, wps::type::LanguageLevel level) {
  for (const auto& skill : m.languages()) {
    if (skill.code() == code) return;
  }
  auto* skill = m.add_languages();
  skill->set_code(code.data(), code.size());
  skill->set_level(level);
}

wps::type::LanguageLevel LearntLevel(std::mt19937_64& random) {
  // B1..C2, mostly B2 and C1.
  static const std::vector<int> kCumulative = {2, 6, 9, 11};
  return static_cast<wps::type::LanguageLevel>(wps::type::LANGUAGE_LEVEL_B1 +
                                               PickWeighted(random, kCumulative));
}

void FillLanguages(std::mt19937_64& random, const PreparedCountry& country, Mediator& m) {
  AddLanguage(m, Pick<std::string>(random, country.mother), wps::type::LANGUAGE_LEVEL_NATIVE);
  for (const std::string& code : country.official) {
    if (Chance(random, 0.9)) {
      AddLanguage(
          m, code,
          Chance(random, 0.4) ? wps::type::LANGUAGE_LEVEL_NATIVE : wps::type::LANGUAGE_LEVEL_C2);
    }
  }
  for (const std::string& code : country.foreign) {
    if (Chance(random, code == "en" ? 0.85 : 0.45)) AddLanguage(m, code, LearntLevel(random));
  }
  for (const auto& language : kInternationalLanguages) {
    if (Chance(random, language.chance)) AddLanguage(m, language.code, LearntLevel(random));
  }
}

void FillRegions(std::mt19937_64& random, const PreparedNetwork& net, const Country& chapter,
                 Mediator& m) {
  if (Chance(random, 0.7)) m.add_regions(chapter.code);
  const int extra = static_cast<int>(Uniform(random, 4)) + (m.regions_size() == 0 ? 1 : 0);
  for (int i = 0; i < extra; ++i) {
    const std::string& code = Pick<std::string>(random, net.focus);
    if (!Contains(m.regions(), code)) m.add_regions(code);
  }
  if (Chance(random, 0.3)) {
    const std::string& area = Pick<std::string>(random, net.areas);
    if (!Contains(m.regions(), area)) m.add_regions(area);
  }
}

void FillExpertiseAndRoles(std::mt19937_64& random, const PreparedNetwork& net, Mediator& m) {
  const int expertise = PickCount(random, {15, 25, 30, 20, 10});
  while (m.expertise_size() < expertise) {
    const absl::string_view term = kExpertise[PickWeighted(random, net.expertise_cumulative)].term;
    if (!Contains(m.expertise(), term)) m.add_expertise(term.data(), term.size());
  }
  static const std::vector<int> kRoleCumulative = [] {
    std::vector<int> sums;
    int sum = 0;
    for (const WeightedTerm& role : kRoles) sums.push_back(sum += role.weight);
    return sums;
  }();
  const int roles = PickCount(random, {50, 35, 15});
  while (m.roles_size() < roles) {
    const absl::string_view term = kRoles[PickWeighted(random, kRoleCumulative)].term;
    if (!Contains(m.roles(), term)) m.add_roles(term.data(), term.size());
  }
}

// "YYYY-MM-DD" of day `day` (0-based) of the non-leap year 2027.
std::string Date2027(int day) {
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  while (day >= kMonthDays[month]) day -= kMonthDays[month++];
  return absl::StrCat("2027-", absl::Dec(month + 1, absl::kZeroPad2), "-",
                      absl::Dec(day + 1, absl::kZeroPad2));
}

void FillAvailability(std::mt19937_64& random, Mediator& m) {
  const double r = Unit(random);
  m.set_availability(r < 0.70   ? roster::v1::AVAILABLE
                     : r < 0.95 ? roster::v1::LIMITED
                                : roster::v1::UNAVAILABLE);
  const double period_chance = m.availability() == roster::v1::AVAILABLE ? 0.12 : 0.5;
  if (!Chance(random, period_chance)) return;
  int start = static_cast<int>(Uniform(random, 300));
  const int periods = Chance(random, 0.25) ? 2 : 1;
  for (int i = 0; i < periods && start < 365; ++i) {
    const int end = std::min(364, start + 4 + static_cast<int>(Uniform(random, 57)));
    auto* period = m.add_unavailable_periods();
    period->set_start(Date2027(start));
    period->set_end(Date2027(end));
    start = end + 14 + static_cast<int>(Uniform(random, 60));
  }
}

void FillConsent(std::mt19937_64& random, const PreparedNetwork& net, Mediator& m) {
  const double r = Unit(random);
  if (r < 0.40) {
    m.mutable_consent()->set_share_all(true);
  } else if (r < 0.75) {
    const int partners = 1 + static_cast<int>(Uniform(random, 3));
    for (int i = 0; i < partners; ++i) {
      const char* id = kNetworkSpecs[Uniform(random, kNetworkCount)].id;
      if (net.id != id && !Contains(m.consent().share_with(), id)) {
        m.mutable_consent()->add_share_with(id);
      }
    }
  }
}

// The English name of a country code of the tables; the code itself for any other.
absl::string_view CountryName(absl::string_view code) {
  const int index = CountryIndex(code);
  const char* name = index < 0 ? nullptr : GetTables().country_names[index];
  return name != nullptr ? absl::string_view(name) : code;
}

// "Diplomat" for "diplomat": the first letter upper-cased, as two pieces for StrCat.
struct Capitalized {
  explicit Capitalized(absl::string_view text)
      : first(text.empty()
                  ? ""
                  : std::string(1, absl::ascii_toupper(static_cast<unsigned char>(text[0])))),
        rest(text.empty() ? text : text.substr(1)) {}
  std::string first;
  absl::string_view rest;
};

absl::string_view PhraseOf(absl::string_view term) {
  for (const ExpertiseTerm& e : kExpertise) {
    if (term == e.term) return e.phrase;
  }
  return "peace processes";
}

std::string BuildBio(std::mt19937_64& random, const Country& chapter, const Mediator& m) {
  absl::string_view places[2];
  int count = 0;
  for (const std::string& region : m.regions()) {
    if (region.size() == 2 && count < 2) places[count++] = CountryName(region);
  }
  if (count == 0) places[count++] = chapter.name;
  const std::string where =
      count == 2 ? absl::StrCat(places[0], " and ", places[1]) : std::string(places[0]);
  const absl::string_view profession = Pick<const char*>(random, kProfessions);
  const absl::string_view first = PhraseOf(m.expertise(0));
  const absl::string_view second = m.expertise_size() > 1 ? PhraseOf(m.expertise(1)) : "";
  const int years = m.years_experience();
  // Templates 2 and 3 name two fields of expertise.
  static constexpr int kOneField[] = {0, 1, 4};
  switch (second.empty() ? kOneField[Uniform(random, 3)] : Uniform(random, 5)) {
    case 0:
      return absl::StrCat("Former ", profession, " with ", years, " years in ", first, " in ",
                          where, ".");
    case 1: {
      const Capitalized title(profession);
      return absl::StrCat(title.first, title.rest, " who has spent ", years, " years on ", first,
                          ", most recently in ", places[0], ".");
    }
    case 2:
      return absl::StrCat(years, " years of experience in ", first, " and ", second,
                          ". She has worked in ", where, ".");
    case 3:
      return absl::StrCat("Former ", profession, ". She has supported ", first, " in ", where,
                          " and trains younger mediators in ", second, ".");
    default: {
      const Capitalized role(m.roles(0));
      return absl::StrCat(role.first, role.rest, " based in ", chapter.name, ", working on ", first,
                          " in ", where, ".");
    }
  }
}

}  // namespace

const std::vector<Network>& GlobalAllianceNetworks() { return GetTables().plain_networks; }

SampleRosterGenerator::SampleRosterGenerator(uint64_t seed)
    : random_(seed), id_offset_(seed * 0xBF58476D1CE4E5B9ull) {}

Mediator SampleRosterGenerator::Next() {
  const Tables& tables = GetTables();
  const uint64_t sequence = sequence_++;
  const PreparedNetwork& net = tables.networks[Uniform(random_, kNetworkCount)];
  const PreparedCountry& prepared_chapter = *Pick<const PreparedCountry*>(random_, net.chapters);
  const Country& chapter = *prepared_chapter.country;
  const auto any_chapter = [&]() -> const Country& {
    return *Pick<const PreparedCountry*>(random_, net.chapters)->country;
  };
  // Most carry a name of the chapter country's culture; some are of a neighbour's or the
  // diaspora's.
  const Culture culture = Chance(random_, 0.9) ? chapter.culture : any_chapter().culture;
  const NamePool& pool = kPools[culture];
  const PreparedPool& slugs = tables.pools[culture];
  const size_t given = Uniform(random_, pool.given.size());
  const size_t family = Uniform(random_, pool.family.size());

  Mediator m;
  std::string id = absl::StrCat(slugs.given_slug[given], "-", slugs.family_slug[family], "-",
                                IdSuffix(sequence, id_offset_));
  if (id.size() > 63) id.erase(0, id.size() - 63);  // keeps the unique suffix
  if (id[0] == '-') id[0] = 'x';
  m.set_name(absl::StrCat(net.network.name(), "/mediators/", id));
  m.set_network(net.id);
  m.set_chapter(chapter.code);
  m.set_given_name(pool.given[given]);
  m.set_family_name(pool.family[family]);

  m.add_nationalities(Chance(random_, 0.9) ? chapter.code : any_chapter().code);
  if (Chance(random_, 0.15)) {
    const char* second = any_chapter().code;
    if (m.nationalities(0) != second) m.add_nationalities(second);
  }
  FillLanguages(random_, prepared_chapter, m);
  FillRegions(random_, net, chapter, m);
  FillExpertiseAndRoles(random_, net, m);
  // 2..35 years, skewed towards the early and middle career (the lesser of two uniform draws:
  // median 12, one in eleven over 25).
  const uint64_t draw = Uniform(random_, 34);
  m.set_years_experience(2 + static_cast<int>(std::min(draw, Uniform(random_, 34))));
  FillAvailability(random_, m);
  m.set_bio(BuildBio(random_, chapter, m));
  m.mutable_contact()->set_email(
      absl::StrCat(slugs.given_slug[given], ".", slugs.family_slug[family], "@example.org"));
  // 555 numbers, as in fiction.
  m.mutable_contact()->set_phone(
      absl::StrCat(chapter.dial, " 555 0", absl::Dec(Uniform(random_, 10000), absl::kZeroPad4)));
  FillConsent(random_, net, m);
  return m;
}

}  // namespace wps::sample
