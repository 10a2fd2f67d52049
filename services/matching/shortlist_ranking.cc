#include "services/matching/shortlist_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "services/common/vocabularies.h"
#include "services/search/dense_words.h"

namespace wps::matching {
namespace {

using search::Dimension;
using search::DocId;
using search::DenseWords;
using search::DocSet;
using search::MediatorIndex;

constexpr std::array<double, 4> kRegionValues = {1.0, 0.5, 0.25, 0.0};

// The dense copy of one of the index's bitmaps (cached by the index until its next write).
using DenseRef = std::shared_ptr<const DenseWords>;

void AndDense(const DenseWords& with, DenseWords& into) {
  for (size_t i = 0; i < into.size(); ++i) into[i] &= with[i];
}
void AndNotDense(const DenseWords& with, DenseWords& into) {
  for (size_t i = 0; i < into.size(); ++i) into[i] &= ~with[i];
}
void OrDense(const DenseWords& from, DenseWords& into) {
  for (size_t i = 0; i < into.size(); ++i) into[i] |= from[i];
}

// Step 1 of the rule over every slot, a word loop per condition over the index's dense copies.
DenseWords HardFilterWords(const MediatorIndex& index, const RankingQuery& query) {
  auto dense = [&](const DocSet& set) { return index.DenseCopy(set); };
  DenseWords kept = *dense(index.live());
  AndNotDense(*dense(index.Postings(Dimension::kAvailability, "UNAVAILABLE")), kept);
  for (const auto& [code, level] : query.required_languages) AndDense(*dense(index.LanguageAtLeast(code, level)), kept);
  for (const std::string& term : query.required_expertise) {
    AndDense(*dense(index.Postings(Dimension::kExpertise, term)), kept);
  }
  if (!query.role.empty()) AndDense(*dense(index.Postings(Dimension::kRole, query.role)), kept);
  for (const std::string& code : query.exclude_nationalities) {
    AndNotDense(*dense(index.Postings(Dimension::kNationality, code)), kept);
  }
  if (!query.networks.empty()) {
    DenseWords any(kept.size(), 0);
    for (const std::string& network : query.networks) OrDense(*dense(index.Postings(Dimension::kNetwork, network)), any);
    AndDense(any, kept);
  }
  if (query.window) index.ClearUnavailableDuring(query.window->first, query.window->second, kept);
  if (!query.at_risk.all) {
    DenseWords hidden = *dense(index.Postings(Dimension::kFlag, search::kAtRiskFlag));
    if (!query.at_risk.network.empty()) {
      AndNotDense(*dense(index.Postings(Dimension::kNetwork, query.at_risk.network)), hidden);
    }
    AndNotDense(hidden, kept);
  }
  return kept;
}

// The survivors of the hard filter, keeping only the words that hold any: every later pass runs over
// these words alone, so a narrow request over a million slots costs as little as a small roster.
struct Survivors {
  std::vector<uint32_t> word_index;  // ascending; word j covers slots word_index[j] * 64 .. + 63
  DenseWords words;                  // the survivors in that word
  uint64_t count = 0;

  size_t size() const { return words.size(); }
  DocId Doc(size_t j, int bit) const { return static_cast<DocId>(word_index[j] * 64 + bit); }
  // Word j of a dense copy over every slot.
  uint64_t Gather(const DenseWords& all, size_t j) const { return all[word_index[j]]; }
};

Survivors Compact(const DenseWords& kept) {
  Survivors survivors;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (kept[i] == 0) continue;
    survivors.word_index.push_back(static_cast<uint32_t>(i));
    survivors.words.push_back(kept[i]);
    survivors.count += static_cast<uint64_t>(__builtin_popcountll(kept[i]));
  }
  return survivors;
}

// `into` |= the survivors' words of a dense copy over every slot.
void OrGathered(const Survivors& survivors, const DenseWords& all, DenseWords& into) {
  const uint64_t* from = all.data();
  const uint32_t* word_index = survivors.word_index.data();
  uint64_t* out = into.data();
  for (size_t j = 0, n = survivors.size(); j < n; ++j) out[j] |= from[word_index[j]];
}

// How many of a list of sets (preferred languages or expertise) each survivor is in, bit-sliced: bit b
// of a survivor's count is in planes[b], over the survivors' words.
class SlicedCount {
 public:
  SlicedCount(const MediatorIndex& index, const std::vector<const DocSet*>& sets, const Survivors& survivors)
      : size_(sets.size()) {
    int bits = 0;
    while ((size_t{1} << bits) <= size_) ++bits;
    planes_.assign(bits, DenseWords(survivors.size(), 0));
    for (const DocSet* set : sets) Add(*index.DenseCopy(*set), survivors);
  }

  // The largest count (the number of sets).
  size_t size() const { return size_; }
  // The survivors of word `j` whose count is `count`.
  uint64_t Equal(size_t count, size_t j) const {
    uint64_t mask = ~uint64_t{0};
    for (size_t b = 0; b < planes_.size(); ++b) mask &= (count >> b) & 1 ? planes_[b][j] : ~planes_[b][j];
    return mask;
  }

 private:
  void Add(const DenseWords& set, const Survivors& survivors) {
    const uint64_t* all = set.data();
    const uint32_t* word_index = survivors.word_index.data();
    const uint64_t* kept = survivors.words.data();
    for (size_t j = 0, n = survivors.size(); j < n; ++j) {
      uint64_t carry = all[word_index[j]] & kept[j];
      for (size_t b = 0; b < planes_.size() && carry != 0; ++b) {
        const uint64_t next = planes_[b][j] & carry;
        planes_[b][j] ^= carry;
        carry = next;
      }
    }
  }

  size_t size_;
  std::vector<DenseWords> planes_;
};

std::vector<const DocSet*> PreferredLanguageSets(const MediatorIndex& index, const RankingQuery& query) {
  std::vector<const DocSet*> sets;
  for (const std::string& code : query.preferred_languages) {
    sets.push_back(&index.LanguageAtLeast(code, wps::type::LANGUAGE_LEVEL_B2));
  }
  return sets;
}

std::vector<const DocSet*> PreferredExpertiseSets(const MediatorIndex& index, const RankingQuery& query) {
  std::vector<const DocSet*> sets;
  for (const std::string& term : query.preferred_expertise) {
    sets.push_back(&index.Postings(Dimension::kExpertise, term));
  }
  return sets;
}

// The region levels of the rule as nested sets over the survivors' words: exact ⊆ near ⊆ wide.
struct RegionWords {
  DenseWords exact, near, wide;

  // The survivors of word `j` whose region component is kRegionValues[level], among `kept`.
  uint64_t Level(int level, size_t j, uint64_t kept) const {
    switch (level) {
      case 0: return kept & exact[j];
      case 1: return kept & near[j] & ~exact[j];
      case 2: return kept & wide[j] & ~near[j];
      default: return kept & ~wide[j];
    }
  }
};

RegionWords RegionLevelWords(const MediatorIndex& index, const RankingQuery& query, const Survivors& survivors) {
  const size_t words = survivors.size();
  RegionWords region{DenseWords(words, 0), DenseWords(words, 0), DenseWords(words, 0)};
  for (const std::string& country : query.process_countries) {
    const RegionLevels levels = RegionLevelsOf(country);
    OrGathered(survivors, *index.DenseCopy(index.Postings(Dimension::kRegionExact, country)), region.exact);
    if (!levels.sub_region.empty()) {
      OrGathered(survivors, *index.DenseCopy(index.Postings(Dimension::kRegionWithin, levels.sub_region)),
                 region.near);
    }
    if (!levels.region.empty()) {
      OrGathered(survivors, *index.DenseCopy(index.Postings(Dimension::kRegionWithin, levels.region)),
                 region.wide);
    }
  }
  for (size_t j = 0; j < words; ++j) {
    region.near[j] |= region.exact[j];
    region.wide[j] |= region.near[j];
  }
  return region;
}

// Step 4's order among records of equal score: years descending, then id, then network.
bool DocBefore(const MediatorIndex& index, DocId a, DocId b) {
  const search::IndexedDoc& x = index.doc(a);
  const search::IndexedDoc& y = index.doc(b);
  if (x.years() != y.years()) return x.years() > y.years();
  if (x.id() != y.id()) return x.id() < y.id();
  return x.network() < y.network();
}

// A class of equal score: `language` preferred languages, region class `region`, `expertise` preferred
// terms, capped years `years`.
struct ScoreClass {
  int language = 0, region = 0, expertise = 0, years = 0;
  ScoreComponents components;
  double score = 0;
};

// Orders one level (records of equal score) by years descending, id, network, and takes candidates
// from it while honouring max_per_network, until `count` are taken.
class CandidateWalk {
 public:
  // `capacity`: how many candidates the walk can take at most (count, or fewer when max_per_network
  // caps the networks present).
  CandidateWalk(const MediatorIndex& index, const RankingQuery& query, size_t capacity)
      : index_(index), query_(query), capacity_(capacity) {}

  bool full() const { return taken_.size() >= capacity_; }
  // The networks that have max_per_network candidates (none without a limit).
  std::vector<absl::string_view> SaturatedNetworks() const {
    std::vector<absl::string_view> networks;
    if (query_.max_per_network <= 0) return networks;
    for (const auto& [network, taken] : per_network_) {
      if (taken >= query_.max_per_network) networks.push_back(network);
    }
    return networks;
  }
  std::vector<RankedCandidate> Release() { return std::move(taken_); }

  struct Entry {
    DocId doc;
    const ScoreClass* score_class;
  };

  void WalkLevel(std::vector<Entry>& level) {
    if (query_.max_per_network > 0) KeepPlaceable(level);
    // Each record's years and id prefix are read once, not at every comparison of the heap: the
    // records are spread over the slot array, a cache miss each.
    std::vector<SortKey> keys;
    keys.reserve(level.size());
    for (const Entry& entry : level) keys.push_back(KeyOf(entry));
    auto after = [this](const SortKey& a, const SortKey& b) { return KeyBefore(b, a); };
    std::make_heap(keys.begin(), keys.end(), after);
    for (auto end = keys.end(); end != keys.begin() && !full(); --end) {
      std::pop_heap(keys.begin(), end, after);
      Offer((end - 1)->entry);
    }
  }

 private:
  bool Before(DocId a, DocId b) const { return DocBefore(index_, a, b); }

  // An entry with what DocBefore compares first: years, and the id's first eight bytes as a number
  // that orders as the bytes do.
  struct SortKey {
    int years;
    uint64_t id_prefix;
    Entry entry;
  };
  SortKey KeyOf(const Entry& entry) const {
    const search::IndexedDoc& doc = index_.doc(entry.doc);
    const absl::string_view id = doc.id();
    uint64_t prefix = 0;
    for (size_t i = 0; i < 8; ++i)
      prefix = prefix << 8 | (i < id.size() ? static_cast<uint8_t>(id[i]) : 0);
    return SortKey{doc.years(), prefix, entry};
  }
  bool KeyBefore(const SortKey& a, const SortKey& b) const {
    if (a.years != b.years) return a.years > b.years;
    if (a.id_prefix != b.id_prefix) return a.id_prefix < b.id_prefix;
    return Before(a.entry.doc, b.entry.doc);
  }

  // Keeps of each network's entries only the best it can still place: max_per_network less those it
  // has, in level order. Entries come in runs of one network (a class's members are appended in slot
  // order, and slots follow names), so a level where networks saturate is not walked to its end.
  void KeepPlaceable(std::vector<Entry>& level) const {
    auto before = [this](const Entry& a, const Entry& b) { return Before(a.doc, b.doc); };
    size_t kept = 0;
    for (size_t start = 0; start < level.size();) {
      const absl::string_view network = index_.doc(level[start].doc).network();
      size_t end = start + 1;
      while (end < level.size() && index_.doc(level[end].doc).network() == network) ++end;
      auto found = per_network_.find(network);
      const int taken = found == per_network_.end() ? 0 : found->second;
      const size_t room = std::min<size_t>(end - start, static_cast<size_t>(std::max(0, query_.max_per_network - taken)));
      const auto first = level.begin() + static_cast<std::ptrdiff_t>(start);
      std::partial_sort(first, first + static_cast<std::ptrdiff_t>(room), level.begin() + static_cast<std::ptrdiff_t>(end), before);
      std::move(first, first + static_cast<std::ptrdiff_t>(room), level.begin() + static_cast<std::ptrdiff_t>(kept));
      kept += room;
      start = end;
    }
    level.resize(kept);
  }

  void Offer(const Entry& entry) {
    const search::IndexedDoc& doc = index_.doc(entry.doc);
    if (query_.max_per_network > 0) {
      int& taken_in_network = per_network_[doc.network()];
      if (taken_in_network >= query_.max_per_network) return;
      ++taken_in_network;
    }
    taken_.push_back(
        RankedCandidate{entry.doc, doc.name(), entry.score_class->score, entry.score_class->components});
  }

  const MediatorIndex& index_;
  const RankingQuery& query_;
  const size_t capacity_;
  absl::flat_hash_map<absl::string_view, int> per_network_;
  std::vector<RankedCandidate> taken_;
};

// The most candidates a walk over the survivors can take: count, or fewer when max_per_network caps
// each network at max of the survivors it has.
size_t Capacity(const MediatorIndex& index, const RankingQuery& query, const Survivors& survivors) {
  const auto count = static_cast<uint64_t>(query.count);
  if (query.max_per_network <= 0) return static_cast<size_t>(std::min(count, survivors.count));
  uint64_t capacity = 0;
  index.ForEachValue(Dimension::kNetwork, [&](absl::string_view, const DocSet& network) {
    const DenseRef members = index.DenseCopy(network);
    const auto max_per_network = static_cast<uint64_t>(query.max_per_network);
    uint64_t in_network = 0;  // counted only up to max_per_network
    for (size_t j = 0; j < survivors.size() && in_network < max_per_network; ++j) {
      in_network += static_cast<uint64_t>(__builtin_popcountll(survivors.words[j] & survivors.Gather(*members, j)));
    }
    capacity += std::min(max_per_network, in_network);
  });
  return static_cast<size_t>(std::min(count, capacity));
}

class ClassRanker {
 public:
  ClassRanker(const MediatorIndex& index, const RankingQuery& query, const Survivors& survivors)
      : index_(index),
        query_(query),
        survivors_(survivors),
        kept_(survivors.words),
        languages_(index, PreferredLanguageSets(index, query), survivors),
        regions_(RegionLevelWords(index, query, survivors)),
        expertise_(index, PreferredExpertiseSets(index, query), survivors),
        groups_((languages_.size() + 1) * kRegionValues.size() * (expertise_.size() + 1)),
        excluded_(kept_.size(), 0),
        open_words_(kept_.size()) {
    for (size_t j = 0; j < open_words_.size(); ++j) open_words_[j] = static_cast<uint32_t>(j);
  }

  std::vector<RankedCandidate> Rank() {
    std::vector<ScoreClass> classes = Classes();
    std::sort(classes.begin(), classes.end(),
              [](const ScoreClass& a, const ScoreClass& b) { return a.score > b.score; });
    CandidateWalk walk(index_, query_, Capacity(index_, query_, survivors_));
    for (size_t first = 0; first < classes.size() && !walk.full();) {
      size_t last = first;
      std::vector<CandidateWalk::Entry> level;
      for (; last < classes.size() && classes[last].score == classes[first].score; ++last) {
        AppendMembers(classes[last], level);
      }
      walk.WalkLevel(level);
      ExcludeSaturatedNetworks(walk);
      first = last;
    }
    return walk.Release();
  }

 private:
  // The survivors of one (language count, region level, expertise count) combination, as its non-zero
  // words (indexes into the survivors' words); computed when the walk first reaches one of its classes.
  struct Group {
    bool computed = false;
    std::vector<std::pair<uint32_t, uint64_t>> words;
    int excluded_version = 0;  // the excluded_version_ its words were last filtered with
    size_t records = 0;      // counted at the third class taken from the group (a popcount pass)
    size_t word_passes = 0;  // words looked at by the classes taken from the group so far
    // Its records by capped years (as positions j * 64 + bit in the survivors' words), once the word
    // passes of the classes taken from it have cost as much as one pass over its records: from then on
    // each class costs only its own records.
    std::vector<std::vector<uint32_t>> by_years;
  };

  std::vector<ScoreClass> Classes() const {
    std::vector<ScoreClass> classes;
    const auto kl = static_cast<double>(languages_.size());
    const auto kx = static_cast<double>(expertise_.size());
    for (size_t a = 0; a <= languages_.size(); ++a) {
      for (size_t r = 0; r < kRegionValues.size(); ++r) {
        for (size_t b = 0; b <= expertise_.size(); ++b) {
          for (int years = 0; years <= search::kYearsCap; ++years) {
            ScoreClass c{static_cast<int>(a), static_cast<int>(r), static_cast<int>(b), years, {}, 0};
            c.components.language = kl > 0 ? static_cast<double>(a) / kl : 0;
            c.components.region = kRegionValues[r];
            c.components.expertise = kx > 0 ? static_cast<double>(b) / kx : 0;
            c.components.experience = static_cast<double>(years) / search::kYearsCap;
            c.score = Score(c.components, query_.weights);
            classes.push_back(c);
          }
        }
      }
    }
    return classes;
  }

  // Takes the records of newly saturated networks out of `group`, dropping words left empty, so that
  // later classes of the group cost nothing for them.
  void DropExcluded(Group& group) {
    size_t kept = 0;
    for (const auto& [i, mask] : group.words) {
      const uint64_t left = mask & ~excluded_[i];
      if (left != 0) group.words[kept++] = {i, left};
    }
    group.words.resize(kept);
    group.excluded_version = excluded_version_;
  }

  // The survivors with exactly `count` preferred languages (or expertise terms), or at region level
  // `level`, over the survivors' words; each computed once, when a group first needs it.
  template <typename Word>
  static const DenseWords& Cached(std::vector<DenseWords>& cache, size_t key, size_t words, Word word) {
    if (cache.size() <= key) cache.resize(key + 1);
    DenseWords& dense = cache[key];
    if (dense.empty()) {
      dense.resize(words);
      uint64_t* out = dense.data();
      for (size_t i = 0; i < words; ++i) out[i] = word(i);
    }
    return dense;
  }
  const DenseWords& LanguageWords(size_t count) {
    return Cached(language_words_, count, kept_.size(), [&](size_t i) { return languages_.Equal(count, i); });
  }
  const DenseWords& ExpertiseWords(size_t count) {
    return Cached(expertise_words_, count, kept_.size(), [&](size_t i) { return expertise_.Equal(count, i); });
  }
  const DenseWords& RegionLevel(int level) {
    return Cached(region_words_, level, kept_.size(), [&](size_t i) { return regions_.Level(level, i, kept_[i]); });
  }

  Group& GroupOf(const ScoreClass& c) {
    Group& group = groups_[(c.language * kRegionValues.size() + c.region) * (expertise_.size() + 1) + c.expertise];
    if (group.computed) return group;
    group.computed = true;
    group.excluded_version = excluded_version_;
    const uint64_t* languages = LanguageWords(c.language).data();
    const uint64_t* regions = RegionLevel(c.region).data();
    const uint64_t* expertise = ExpertiseWords(c.expertise).data();
    const uint64_t* excluded = excluded_.data();
    std::vector<std::pair<uint32_t, uint64_t>>& words = group.words;
    if (open_words_.size() == kept_.size()) {
      // Nothing excluded yet: a straight pass, without the indirection through open_words_.
      for (uint32_t j = 0, n = static_cast<uint32_t>(kept_.size()); j < n; ++j) {
        const uint64_t mask = regions[j] & languages[j] & expertise[j];
        if (mask != 0) words.emplace_back(j, mask);
      }
      return group;
    }
    for (const uint32_t j : open_words_) {
      const uint64_t mask = regions[j] & languages[j] & expertise[j] & ~excluded[j];
      if (mask != 0) words.emplace_back(j, mask);
    }
    return group;
  }

  // Leaves out of later classes every record of a network that has max_per_network candidates.
  void ExcludeSaturatedNetworks(const CandidateWalk& walk) {
    for (absl::string_view network : walk.SaturatedNetworks()) {
      if (!excluded_networks_.insert(network).second) continue;
      OrGathered(survivors_, *index_.DenseCopy(index_.Postings(Dimension::kNetwork, network)), excluded_);
      ++excluded_version_;
    }
    if (open_version_ == excluded_version_) return;
    // Networks' records sit in runs of slots (slots are given in name order), so leaving saturated
    // networks out shrinks the words later groups need to look at.
    size_t open = 0;
    for (const uint32_t j : open_words_) {
      if ((kept_[j] & ~excluded_[j]) != 0) open_words_[open++] = j;
    }
    open_words_.resize(open);
    open_version_ = excluded_version_;
  }

  // Years come from the index's bit planes, a few words per 64 records, rather than from each
  // record's IndexedDoc: those are spread over the whole slot array, a cache miss each.
  void SplitByYears(Group& group) const {
    group.by_years.resize(search::kYearsCap + 1);
    for (const auto& [j, group_mask] : group.words) {
      const search::YearsPlanes planes = index_.YearsPlanesOfWord(survivors_.word_index[j]);
      for (uint64_t mask = group_mask; mask != 0; mask &= mask - 1) {
        const int bit = __builtin_ctzll(mask);
        int years = 0;
        for (size_t p = 0; p < planes.size(); ++p)
          years |= static_cast<int>((planes[p] >> bit) & 1) << p;
        group.by_years[std::min(years, search::kYearsCap)].push_back(j * 64 +
                                                                     static_cast<uint32_t>(bit));
      }
    }
  }

  // Appends the records of class `c`, but those of networks saturated by earlier levels.
  void AppendMembers(const ScoreClass& c, std::vector<CandidateWalk::Entry>& level) {
    Group& group = GroupOf(c);
    if (group.excluded_version != excluded_version_) DropExcluded(group);
    if (group.by_years.empty() && group.word_passes >= 2 * group.words.size()) {
      if (group.records == 0) {
        for (const auto& word : group.words) group.records += static_cast<size_t>(__builtin_popcountll(word.second));
      }
      if (group.word_passes >= group.records) SplitByYears(group);
    }
    group.word_passes += group.words.size();
    if (!group.by_years.empty()) {
      for (uint32_t position : group.by_years[c.years]) {
        if ((excluded_[position / 64] >> (position % 64) & 1) == 0) {
          level.push_back({survivors_.Doc(position / 64, position % 64), &c});
        }
      }
      return;
    }
    for (const auto& [j, group_mask] : group.words) {
      const uint64_t years_mask = index_.YearsEqual(c.years, survivors_.word_index[j]);
      for (uint64_t mask = group_mask & years_mask; mask != 0; mask &= mask - 1) {
        level.push_back({survivors_.Doc(j, __builtin_ctzll(mask)), &c});
      }
    }
  }

  const MediatorIndex& index_;
  const RankingQuery& query_;
  const Survivors& survivors_;
  const DenseWords& kept_;  // the survivors' words
  const SlicedCount languages_;
  const RegionWords regions_;
  const SlicedCount expertise_;
  std::vector<Group> groups_;
  std::vector<DenseWords> language_words_, expertise_words_, region_words_;
  DenseWords excluded_;  // records of saturated networks, over the survivors' words
  int excluded_version_ = 0;
  // The survivors' words holding a record of a network not yet saturated, as of open_version_.
  std::vector<uint32_t> open_words_;
  int open_version_ = 0;
  absl::flat_hash_set<absl::string_view> excluded_networks_;
};

// The survivors in the first and in the second half of their words.
std::pair<Survivors, Survivors> Halves(const Survivors& survivors) {
  const auto middle = static_cast<std::ptrdiff_t>(survivors.size() / 2);
  auto half = [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
    Survivors part;
    part.word_index.assign(survivors.word_index.begin() + begin,
                           survivors.word_index.begin() + end);
    part.words.assign(survivors.words.begin() + begin, survivors.words.begin() + end);
    for (uint64_t word : part.words)
      part.count += static_cast<uint64_t>(__builtin_popcountll(word));
    return part;
  };
  return {half(0, middle), half(middle, static_cast<std::ptrdiff_t>(survivors.size()))};
}

std::vector<RankedCandidate> RankSurvivors(const MediatorIndex& index, const RankingQuery& query,
                                           const Survivors& survivors) {
  if (survivors.count == 0) return {};
  return ClassRanker(index, query, survivors).Rank();
}

// Step 4 over the union of the two halves' lists.
std::vector<RankedCandidate> MergeHalves(const MediatorIndex& index, const RankingQuery& query,
                                         std::vector<RankedCandidate> first,
                                         std::vector<RankedCandidate> second) {
  std::vector<RankedCandidate> all = std::move(first);
  all.insert(all.end(), std::make_move_iterator(second.begin()),
             std::make_move_iterator(second.end()));
  std::sort(all.begin(), all.end(), [&](const RankedCandidate& a, const RankedCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return DocBefore(index, a.doc, b.doc);
  });
  std::vector<RankedCandidate> merged;
  absl::flat_hash_map<absl::string_view, int> per_network;
  for (RankedCandidate& candidate : all) {
    if (merged.size() >= static_cast<size_t>(query.count)) break;
    if (query.max_per_network > 0 &&
        per_network[index.doc(candidate.doc).network()]++ >= query.max_per_network) {
      continue;
    }
    merged.push_back(std::move(candidate));
  }
  return merged;
}

}  // namespace

double RoundScore(double value) { return std::round(value * 1e6) / 1e6; }

double Score(const ScoreComponents& c, const ScoreWeights& w) {
  return RoundScore(w.language * c.language + w.region * c.region + w.expertise * c.expertise +
                    w.experience * c.experience);
}

RegionLevels RegionLevelsOf(absl::string_view country) {
  const std::vector<std::string> chain = vocab::ContainmentChain(country);
  RegionLevels levels;
  levels.country = std::string(country);
  if (chain.size() > 1) levels.sub_region = chain[1];
  if (chain.size() > 2) levels.region = chain[2];
  return levels;
}

Ranking RankCandidates(const MediatorIndex& index, const RankingQuery& query,
                       const RankingOptions& options) {
  Ranking ranking;
  const Survivors survivors = Compact(HardFilterWords(index, query));
  ranking.total_matched = survivors.count;
  if (survivors.count == 0 || query.count <= 0) return ranking;
  if (options.spare == nullptr || survivors.count <= options.split_above || survivors.size() < 2) {
    ranking.candidates = ClassRanker(index, query, survivors).Rank();
    return ranking;
  }
  const std::pair<Survivors, Survivors> halves = Halves(survivors);
  std::vector<RankedCandidate> first_list, second_list;
  options.spare->RunBoth([&] { first_list = RankSurvivors(index, query, halves.first); },
                         [&] { second_list = RankSurvivors(index, query, halves.second); });
  ranking.candidates = MergeHalves(index, query, std::move(first_list), std::move(second_list));
  return ranking;
}

}  // namespace wps::matching
