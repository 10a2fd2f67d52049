// Test helpers that read a MediatorIndex back as plain values: the names in a set, the postings that
// hold one slot, a text dump of every live record. Call them from inside MediatorIndex::Read().
#ifndef WPS_TESTS_SERVICES_SEARCH_INDEX_PROBE_H_
#define WPS_TESTS_SERVICES_SEARCH_INDEX_PROBE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/search/mediator_index.h"

namespace wps::search {

inline constexpr Dimension kAllDimensions[] = {
    Dimension::kLanguage,     Dimension::kExpertise,   Dimension::kRole,
    Dimension::kNetwork,      Dimension::kNationality, Dimension::kRegionWithin,
    Dimension::kRegionExact,  Dimension::kAvailability, Dimension::kYears,
};

inline std::string DimensionName(Dimension dimension) {
  static constexpr const char* kNames[] = {"language", "expertise", "role",     "network", "nationality",
                                           "within",   "exact",     "availability", "years"};
  return kNames[static_cast<int>(dimension)];
}

// The names of the slots in `set`, sorted.
inline std::vector<std::string> NamesIn(const MediatorIndex& index, const DocSet& set) {
  std::set<std::string> names;
  for (DocId doc : set) names.insert(index.doc(doc).name());
  return std::vector<std::string>(names.begin(), names.end());
}

// The slot given to `name`; nullopt when it has none.
inline std::optional<DocId> SlotNamed(const MediatorIndex& index, const std::string& name) {
  std::optional<DocId> slot;
  index.WalkByName("", [&](DocId doc) {
    if (index.doc(doc).name() == name) slot = doc;
    return !slot.has_value();
  });
  return slot;
}

// Every attribute posting that holds `slot`, as "dimension:value", plus "code>=level" for each language
// level set (levels 2..7; level 1 is the language posting itself).
inline std::set<std::string> PostingsHolding(const MediatorIndex& index, DocId slot) {
  std::set<std::string> out;
  for (Dimension dimension : kAllDimensions) {
    index.ForEachValue(dimension, [&](absl::string_view value, const DocSet& records) {
      if (records.contains(slot)) out.insert(absl::StrCat(DimensionName(dimension), ":", value));
    });
  }
  index.ForEachValue(Dimension::kLanguage, [&](absl::string_view code, const DocSet&) {
    for (int level = 2; level <= 7; ++level) {
      if (index.LanguageAtLeast(code, level).contains(slot)) out.insert(absl::StrCat(code, ">=", level));
    }
  });
  return out;
}

// One line per live slot in name order: its name, postings, unavailable periods and the slots matched by
// each of `probe_words` as a name or bio prefix. Two indexes of the same records dump alike.
inline std::string DumpIndex(const MediatorIndex& index, const std::vector<std::string>& probe_words) {
  std::string out;
  index.WalkByName("", [&](DocId doc) {
    if (!index.live().contains(doc)) return true;
    absl::StrAppend(&out, index.doc(doc).name(), " v", index.doc(doc).version(), " ",
                    absl::StrJoin(PostingsHolding(index, doc), ","), " periods:");
    for (const auto& [first, last] : index.UnavailablePeriods(doc)) absl::StrAppend(&out, first, "-", last, ";");
    for (const std::string& word : probe_words) {
      if (index.NamesWithPrefix(word).contains(doc)) absl::StrAppend(&out, " name~", word);
      if (index.BiosWithPrefix(word).contains(doc)) absl::StrAppend(&out, " bio~", word);
    }
    out += "\n";
    return true;
  });
  return out;
}

}  // namespace wps::search

#endif  // WPS_TESTS_SERVICES_SEARCH_INDEX_PROBE_H_
