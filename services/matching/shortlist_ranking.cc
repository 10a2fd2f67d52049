#include "services/matching/shortlist_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>

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

// Step 1 of the rule: the records that may be on the list.
DocSet HardFilter(const MediatorIndex& index, const RankingQuery& query) {
  DocSet kept = index.live() - index.Postings(Dimension::kAvailability, "UNAVAILABLE");
  for (const auto& [code, level] : query.required_languages) kept &= index.LanguageAtLeast(code, level);
  for (const std::string& term : query.required_expertise) {
    kept &= index.Postings(Dimension::kExpertise, term);
  }
  if (!query.role.empty()) kept &= index.Postings(Dimension::kRole, query.role);
  kept -= index.AnyOf(Dimension::kNationality, query.exclude_nationalities);
  if (!query.networks.empty()) kept &= index.AnyOf(Dimension::kNetwork, query.networks);
  if (query.window) kept -= index.UnavailableDuring(query.window->first, query.window->second, kept);
  return kept;
}

void OrDense(const DenseWords& from, DenseWords& into) {
  for (size_t i = 0; i < into.size(); ++i) into[i] |= from[i];
}

// How many of a list of sets (preferred languages or expertise) each slot is in, bit-sliced: bit j of
// a slot's count is in planes[j]. Counts only slots of `kept`.
class SlicedCount {
 public:
  SlicedCount(const MediatorIndex& index, const std::vector<const DocSet*>& sets, const DenseWords& kept)
      : size_(sets.size()) {
    int bits = 0;
    while ((size_t{1} << bits) <= size_) ++bits;
    planes_.assign(bits, DenseWords(kept.size(), 0));
    for (const DocSet* set : sets) Add(*index.DenseCopy(*set), kept);
  }

  // The largest count (the number of sets).
  size_t size() const { return size_; }
  // The slots of word `i` whose count is `count`.
  uint64_t Equal(size_t count, size_t i) const {
    uint64_t mask = ~uint64_t{0};
    for (size_t j = 0; j < planes_.size(); ++j) mask &= (count >> j) & 1 ? planes_[j][i] : ~planes_[j][i];
    return mask;
  }

 private:
  void Add(const DenseWords& set, const DenseWords& kept) {
    for (size_t i = 0; i < kept.size(); ++i) {
      uint64_t carry = set[i] & kept[i];
      for (size_t j = 0; j < planes_.size() && carry != 0; ++j) {
        const uint64_t next = planes_[j][i] & carry;
        planes_[j][i] ^= carry;
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

// The region levels of the rule as nested dense sets: exact ⊆ near ⊆ wide (each before masking by kept).
struct RegionWords {
  DenseWords exact, near, wide;

  // The slots of word `i` whose region component is kRegionValues[level], among `kept`.
  uint64_t Level(int level, size_t i, uint64_t kept) const {
    switch (level) {
      case 0: return kept & exact[i];
      case 1: return kept & near[i] & ~exact[i];
      case 2: return kept & wide[i] & ~near[i];
      default: return kept & ~wide[i];
    }
  }
};

RegionWords RegionLevelWords(const MediatorIndex& index, const RankingQuery& query, size_t words) {
  RegionWords region{DenseWords(words, 0), DenseWords(words, 0), DenseWords(words, 0)};
  for (const std::string& country : query.process_countries) {
    const RegionLevels levels = RegionLevelsOf(country);
    OrDense(*index.DenseCopy(index.Postings(Dimension::kRegionExact, country)), region.exact);
    if (!levels.sub_region.empty()) {
      OrDense(*index.DenseCopy(index.Postings(Dimension::kRegionWithin, levels.sub_region)), region.near);
    }
    if (!levels.region.empty()) {
      OrDense(*index.DenseCopy(index.Postings(Dimension::kRegionWithin, levels.region)), region.wide);
    }
  }
  for (size_t i = 0; i < words; ++i) {
    region.near[i] |= region.exact[i];
    region.wide[i] |= region.near[i];
  }
  return region;
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
    auto after = [this](const Entry& a, const Entry& b) { return Before(b.doc, a.doc); };
    std::make_heap(level.begin(), level.end(), after);
    for (auto end = level.end(); end != level.begin() && !full(); --end) {
      std::pop_heap(level.begin(), end, after);
      Offer(*(end - 1));
    }
  }

 private:
  bool Before(DocId a, DocId b) const {
    const search::IndexedDoc& x = index_.doc(a);
    const search::IndexedDoc& y = index_.doc(b);
    if (x.years() != y.years()) return x.years() > y.years();
    if (x.id() != y.id()) return x.id() < y.id();
    return x.network() < y.network();
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

// The most candidates a walk over `kept` can take: count, or fewer when max_per_network caps each
// network at max of the records it has in `kept`.
size_t Capacity(const MediatorIndex& index, const RankingQuery& query, const DocSet& kept) {
  const auto count = static_cast<uint64_t>(query.count);
  if (query.max_per_network <= 0) return static_cast<size_t>(std::min(count, kept.cardinality()));
  uint64_t capacity = 0;
  index.ForEachValue(Dimension::kNetwork, [&](absl::string_view, const DocSet& network) {
    capacity += std::min<uint64_t>(query.max_per_network, kept.and_cardinality(network));
  });
  return static_cast<size_t>(std::min(count, capacity));
}

class ClassRanker {
 public:
  ClassRanker(const MediatorIndex& index, const RankingQuery& query, const DocSet& kept)
      : index_(index),
        query_(query),
        kept_set_(kept),
        kept_(search::ToDense(kept, search::WordCount(index.slot_count()))),
        languages_(index, PreferredLanguageSets(index, query), kept_),
        regions_(RegionLevelWords(index, query, kept_.size())),
        expertise_(index, PreferredExpertiseSets(index, query), kept_),
        groups_((languages_.size() + 1) * kRegionValues.size() * (expertise_.size() + 1)),
        excluded_(kept_.size(), 0) {}

  std::vector<RankedCandidate> Rank() {
    std::vector<ScoreClass> classes = Classes();
    std::sort(classes.begin(), classes.end(),
              [](const ScoreClass& a, const ScoreClass& b) { return a.score > b.score; });
    CandidateWalk walk(index_, query_, Capacity(index_, query_, kept_set_));
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
  // The slots of one (language count, region level, expertise count) combination, as the non-zero
  // words of its dense set; computed when the walk first reaches one of its classes.
  struct Group {
    bool computed = false;
    std::vector<std::pair<uint32_t, uint64_t>> words;
    int excluded_version = 0;  // the excluded_version_ its words were last filtered with
    int visits = 0;
    // Its records by capped years, once the walk has come back to the group often enough that one
    // pass over its records is cheaper than a pass over its words per years class.
    std::vector<std::vector<DocId>> by_years;
  };
  static constexpr int kVisitsBeforeSplit = 2;

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

  // Dense sets of the records of `kept` with exactly `count` preferred languages (or expertise terms),
  // or at region level `level`; each computed once, when a group first needs it.
  template <typename Word>
  static const DenseWords& Cached(std::vector<DenseWords>& cache, size_t key, size_t words, Word word) {
    if (cache.size() <= key) cache.resize(key + 1);
    DenseWords& dense = cache[key];
    if (dense.empty()) {
      dense.resize(words);
      for (size_t i = 0; i < words; ++i) dense[i] = word(i);
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
    const DenseWords& languages = LanguageWords(c.language);
    const DenseWords& regions = RegionLevel(c.region);
    const DenseWords& expertise = ExpertiseWords(c.expertise);
    for (size_t i = 0; i < kept_.size(); ++i) {
      const uint64_t mask = regions[i] & languages[i] & expertise[i] & ~excluded_[i];
      if (mask != 0) group.words.emplace_back(static_cast<uint32_t>(i), mask);
    }
    return group;
  }

  // Leaves out of later classes every record of a network that has max_per_network candidates.
  void ExcludeSaturatedNetworks(const CandidateWalk& walk) {
    for (absl::string_view network : walk.SaturatedNetworks()) {
      if (!excluded_networks_.insert(network).second) continue;
      OrDense(*index_.DenseCopy(index_.Postings(Dimension::kNetwork, network)), excluded_);
      ++excluded_version_;
    }
  }

  void SplitByYears(Group& group) const {
    group.by_years.resize(search::kYearsCap + 1);
    for (const auto& [i, group_mask] : group.words) {
      for (uint64_t mask = group_mask; mask != 0; mask &= mask - 1) {
        const auto doc = static_cast<DocId>(i * 64 + __builtin_ctzll(mask));
        group.by_years[std::clamp(index_.doc(doc).years(), 0, search::kYearsCap)].push_back(doc);
      }
    }
  }

  // Appends the records of class `c`, but those of networks saturated by earlier levels.
  void AppendMembers(const ScoreClass& c, std::vector<CandidateWalk::Entry>& level) {
    Group& group = GroupOf(c);
    if (group.excluded_version != excluded_version_) DropExcluded(group);
    if (++group.visits > kVisitsBeforeSplit && group.by_years.empty()) SplitByYears(group);
    if (!group.by_years.empty()) {
      for (DocId doc : group.by_years[c.years]) {
        if ((excluded_[doc / 64] >> (doc % 64) & 1) == 0) level.push_back({doc, &c});
      }
      return;
    }
    for (const auto& [i, group_mask] : group.words) {
      for (uint64_t mask = group_mask & index_.YearsEqual(c.years, i); mask != 0; mask &= mask - 1) {
        const auto doc = static_cast<DocId>(i * 64 + __builtin_ctzll(mask));
        level.push_back({doc, &c});
      }
    }
  }

  const MediatorIndex& index_;
  const RankingQuery& query_;
  const DocSet& kept_set_;
  const DenseWords kept_;
  const SlicedCount languages_;
  const RegionWords regions_;
  const SlicedCount expertise_;
  std::vector<Group> groups_;
  std::vector<DenseWords> language_words_, expertise_words_, region_words_;
  DenseWords excluded_;  // records of saturated networks
  int excluded_version_ = 0;
  absl::flat_hash_set<absl::string_view> excluded_networks_;
};

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

Ranking RankCandidates(const MediatorIndex& index, const RankingQuery& query) {
  Ranking ranking;
  const DocSet kept = HardFilter(index, query);
  ranking.total_matched = kept.cardinality();
  if (kept.isEmpty() || query.count <= 0) return ranking;
  ranking.candidates = ClassRanker(index, query, kept).Rank();
  return ranking;
}

}  // namespace wps::matching
