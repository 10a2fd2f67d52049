#include "services/matching/shortlist_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "services/common/vocabularies.h"

namespace wps::matching {
namespace {

using search::Dimension;
using search::DocId;
using search::DocSet;
using search::MediatorIndex;

constexpr std::array<double, 4> kRegionValues = {1.0, 0.5, 0.25, 0.0};

DocSet UnionOf(const MediatorIndex& index, Dimension dimension, const std::vector<std::string>& values) {
  DocSet all;
  for (const std::string& value : values) all |= index.Postings(dimension, value);
  return all;
}

// Step 1 of the rule: the records that may be on the list.
DocSet HardFilter(const MediatorIndex& index, const RankingQuery& query) {
  DocSet kept = index.live() - index.Postings(Dimension::kAvailability, "UNAVAILABLE");
  for (const auto& [code, level] : query.required_languages) kept &= index.LanguageAtLeast(code, level);
  for (const std::string& term : query.required_expertise) {
    kept &= index.Postings(Dimension::kExpertise, term);
  }
  if (!query.role.empty()) kept &= index.Postings(Dimension::kRole, query.role);
  kept -= UnionOf(index, Dimension::kNationality, query.exclude_nationalities);
  if (!query.networks.empty()) kept &= UnionOf(index, Dimension::kNetwork, query.networks);
  if (query.window) kept -= index.UnavailableDuring(query.window->first, query.window->second, kept);
  return kept;
}

// result[k]: the records of `among` that are in exactly k of `sets`.
std::vector<DocSet> ExactCounts(const DocSet& among, const std::vector<const DocSet*>& sets) {
  std::vector<DocSet> exactly(sets.size() + 1);
  exactly[0] = among;
  for (size_t i = 0; i < sets.size(); ++i) {
    const DocSet in = *sets[i] & among;
    for (size_t k = i + 1; k >= 1; --k) exactly[k] = (exactly[k] - in) | (exactly[k - 1] & in);
    exactly[0] -= in;
  }
  return exactly;
}

std::vector<DocSet> CountClasses(const MediatorIndex& index, const DocSet& among,
                                 const std::vector<std::string>& values,
                                 const DocSet& (*posting)(const MediatorIndex&, const std::string&)) {
  std::vector<const DocSet*> sets;
  for (const std::string& value : values) sets.push_back(&posting(index, value));
  return ExactCounts(among, sets);
}

const DocSet& SpeaksAtB2(const MediatorIndex& index, const std::string& code) {
  return index.LanguageAtLeast(code, wps::type::LANGUAGE_LEVEL_B2);
}

const DocSet& HasExpertise(const MediatorIndex& index, const std::string& term) {
  return index.Postings(Dimension::kExpertise, term);
}

// The records of `among` at each region level, best first: kRegionValues[i] is the value of class i.
std::array<DocSet, 4> RegionClasses(const MediatorIndex& index, const DocSet& among,
                                    const std::vector<std::string>& countries) {
  DocSet exact, near, wide;
  for (const std::string& country : countries) {
    const RegionLevels levels = RegionLevelsOf(country);
    exact |= index.Postings(Dimension::kRegionExact, country);
    if (!levels.sub_region.empty()) near |= index.Postings(Dimension::kRegionWithin, levels.sub_region);
    if (!levels.region.empty()) wide |= index.Postings(Dimension::kRegionWithin, levels.region);
  }
  exact &= among;
  near = (near & among) | exact;
  wide = (wide & among) | near;
  return {exact, near - exact, wide - near, among - wide};
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
  CandidateWalk(const MediatorIndex& index, const RankingQuery& query) : index_(index), query_(query) {}

  bool full() const { return static_cast<int>(taken_.size()) >= query_.count; }
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
  absl::flat_hash_map<absl::string_view, int> per_network_;
  std::vector<RankedCandidate> taken_;
};

class ClassRanker {
 public:
  ClassRanker(const MediatorIndex& index, const RankingQuery& query, const DocSet& kept)
      : index_(index),
        query_(query),
        languages_(CountClasses(index, kept, query.preferred_languages, &SpeaksAtB2)),
        regions_(RegionClasses(index, kept, query.process_countries)),
        expertise_(CountClasses(index, kept, query.preferred_expertise, &HasExpertise)),
        members_(languages_.size() * regions_.size() * expertise_.size()) {}

  std::vector<RankedCandidate> Rank() {
    std::vector<ScoreClass> classes = NonEmptyClasses();
    std::sort(classes.begin(), classes.end(),
              [](const ScoreClass& a, const ScoreClass& b) { return a.score > b.score; });
    CandidateWalk walk(index_, query_);
    for (size_t first = 0; first < classes.size() && !walk.full();) {
      size_t last = first;
      std::vector<CandidateWalk::Entry> level;
      for (; last < classes.size() && classes[last].score == classes[first].score; ++last) {
        for (DocId doc : Members(classes[last])) level.push_back({doc, &classes[last]});
      }
      walk.WalkLevel(level);
      first = last;
    }
    return walk.Release();
  }

 private:
  std::vector<ScoreClass> NonEmptyClasses() const {
    std::vector<ScoreClass> classes;
    const auto kl = static_cast<double>(languages_.size() - 1);
    const auto kx = static_cast<double>(expertise_.size() - 1);
    for (size_t a = 0; a < languages_.size(); ++a) {
      if (languages_[a].isEmpty()) continue;
      for (size_t r = 0; r < regions_.size(); ++r) {
        if (regions_[r].isEmpty()) continue;
        for (size_t b = 0; b < expertise_.size(); ++b) {
          if (expertise_[b].isEmpty()) continue;
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

  // The records of a class: its (language, region, expertise) set, bucketed by capped years once.
  const std::vector<DocId>& Members(const ScoreClass& c) {
    const size_t key = (c.language * regions_.size() + c.region) * expertise_.size() + c.expertise;
    std::vector<std::vector<DocId>>& by_years = members_[key];
    if (by_years.empty()) {
      by_years.resize(search::kYearsCap + 1);
      const DocSet set = languages_[c.language] & regions_[c.region] & expertise_[c.expertise];
      for (DocId doc : set) {
        by_years[std::clamp(index_.doc(doc).years(), 0, search::kYearsCap)].push_back(doc);
      }
    }
    return by_years[c.years];
  }

  const MediatorIndex& index_;
  const RankingQuery& query_;
  std::vector<DocSet> languages_;
  std::array<DocSet, 4> regions_;
  std::vector<DocSet> expertise_;
  std::vector<std::vector<std::vector<DocId>>> members_;
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
