#include "services/search/mediator_index.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/vocabularies.h"
#include "services/search/text_folding.h"

namespace wps::search {
namespace {

using ::wps::roster::v1::Availability;
using ::wps::roster::v1::Mediator;

constexpr absl::string_view kNetworksPrefix = "networks/";
constexpr absl::string_view kMediatorsInfix = "/mediators/";
// A period spanning more months than this is checked by hand rather than posted to each month.
constexpr int kMaxPostedMonths = 24;

std::string ValueKey(Dimension dimension, absl::string_view value) {
  return absl::StrCat(absl::string_view(reinterpret_cast<const char*>(&dimension), 1), value);
}

void AppendVarint(uint32_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// `ids` sorted and unique, as deltas.
std::string EncodeIds(const std::vector<uint32_t>& ids) {
  std::string out;
  uint32_t previous = 0;
  for (uint32_t id : ids) {
    AppendVarint(id - previous, out);
    previous = id;
  }
  return out;
}

std::vector<uint32_t> DecodeIds(absl::string_view bytes) {
  std::vector<uint32_t> ids;
  uint32_t value = 0, shift = 0, previous = 0;
  for (char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    value |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7;
      continue;
    }
    previous += value;
    ids.push_back(previous);
    value = shift = 0;
  }
  return ids;
}

int32_t MonthOf(int32_t day) {
  const absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
  return static_cast<int32_t>(civil.year() * 12 + civil.month() - 1);
}

}  // namespace

bool ParseDay(absl::string_view date, int32_t* day) {
  absl::CivilDay civil;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &civil)) return false;
  *day = static_cast<int32_t>(civil - absl::CivilDay(1970, 1, 1));
  return true;
}

IndexedDoc::IndexedDoc(std::string name) : name_(std::move(name)) {
  const size_t end = name_.find('/', kNetworksPrefix.size());
  network_end_ = static_cast<uint8_t>(end == std::string::npos ? kNetworksPrefix.size() : end);
}

absl::string_view IndexedDoc::network() const {
  return absl::string_view(name_).substr(kNetworksPrefix.size(), network_end_ - kNetworksPrefix.size());
}

absl::string_view IndexedDoc::id() const {
  const size_t start = std::min(name_.size(), network_end_ + kMediatorsInfix.size());
  return absl::string_view(name_).substr(start);
}

MediatorIndex::MediatorIndex() {
  postings_.resize(3);  // kLivePosting, kEmptyPosting, kLongPeriodPosting
}

DocId MediatorIndex::SlotFor(absl::string_view name) {
  auto found = by_name_.find(name);
  if (found != by_name_.end()) return found->second;
  const auto slot = static_cast<DocId>(docs_.size());
  docs_.emplace_back(std::string(name));
  by_name_.emplace(docs_.back().name(), slot);
  return slot;
}

void MediatorIndex::Upsert(const Mediator& mediator, uint64_t version) {
  const DocId slot = SlotFor(mediator.name());
  IndexedDoc& doc = docs_[slot];
  if (doc.version_ >= version) return;
  RemoveFromPostings(slot);
  doc.version_ = version;
  if (mediator.has_delete_time()) return;
  std::vector<uint32_t> ids = PostingIdsOf(mediator);
  AddPeriodPostings(slot, mediator, ids);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (uint32_t id : ids) postings_[id].add(slot);
  doc.postings_ = EncodeIds(ids);
  doc.years_ = mediator.years_experience();
  doc.live_ = true;
}

void MediatorIndex::Erase(absl::string_view name, uint64_t version) {
  auto found = by_name_.find(name);
  if (found == by_name_.end()) return;
  IndexedDoc& doc = docs_[found->second];
  if (doc.version_ >= version) return;
  RemoveFromPostings(found->second);
  doc.version_ = version;
}

void MediatorIndex::RemoveFromPostings(DocId slot) {
  IndexedDoc& doc = docs_[slot];
  if (!doc.live_) return;
  for (uint32_t id : DecodeIds(doc.postings_)) postings_[id].remove(slot);
  doc.postings_.clear();
  doc.live_ = false;
  periods_.erase(slot);
}

void MediatorIndex::Compact() {
  for (DocSet& set : postings_) {
    set.runOptimize();
    set.shrinkToFit();
  }
}

std::vector<uint32_t> MediatorIndex::PostingIdsOf(const Mediator& mediator) {
  std::vector<uint32_t> ids = {kLivePosting};
  ids.reserve(64);
  for (const auto& skill : mediator.languages()) {
    ids.push_back(PostingId(Dimension::kLanguage, skill.code()));
    for (int level = 2; level <= skill.level(); ++level) ids.push_back(LevelPostingId(skill.code(), level));
  }
  for (const std::string& term : mediator.expertise()) ids.push_back(PostingId(Dimension::kExpertise, term));
  for (const std::string& term : mediator.roles()) ids.push_back(PostingId(Dimension::kRole, term));
  ids.push_back(PostingId(Dimension::kNetwork, mediator.network()));
  for (const std::string& code : mediator.nationalities()) {
    ids.push_back(PostingId(Dimension::kNationality, code));
  }
  for (const std::string& region : mediator.regions()) {
    ids.push_back(PostingId(Dimension::kRegionExact, region));
    for (const std::string& code : ChainOf(region)) ids.push_back(PostingId(Dimension::kRegionWithin, code));
  }
  ids.push_back(PostingId(Dimension::kAvailability, Availability_Name(mediator.availability())));
  const int years = std::clamp(mediator.years_experience(), 0, kYearsCap);
  ids.push_back(PostingId(Dimension::kYears, absl::StrCat(years)));
  AddTextPostings(mediator, ids);
  return ids;
}

void MediatorIndex::AddTextPostings(const Mediator& mediator, std::vector<uint32_t>& ids) {
  const std::string names =
      absl::StrCat(mediator.given_name(), " ", mediator.family_name(), " ", mediator.display_name());
  for (const std::string& word : FoldedWords(names)) {
    ids.push_back(TermPostingId('n', name_terms_, word));
    const std::string skeleton = Skeleton(word);
    if (skeleton.empty()) continue;
    auto [it, inserted] = skeleton_ids_.try_emplace(skeleton, 0);
    if (inserted) it->second = NewPosting();
    ids.push_back(it->second);
  }
  for (const std::string& word : FoldedWords(mediator.bio())) {
    ids.push_back(TermPostingId('b', bio_terms_, word));
  }
}

void MediatorIndex::AddPeriodPostings(DocId slot, const Mediator& mediator, std::vector<uint32_t>& ids) {
  std::vector<std::pair<int32_t, int32_t>> periods;
  for (const auto& period : mediator.unavailable_periods()) {
    int32_t first = 0, last = 0;
    if (!ParseDay(period.start(), &first) || !ParseDay(period.end(), &last) || last < first) continue;
    periods.emplace_back(first, last);
    const int32_t first_month = MonthOf(first), last_month = MonthOf(last);
    if (last_month - first_month >= kMaxPostedMonths) {
      ids.push_back(kLongPeriodPosting);
      continue;
    }
    for (int32_t month = first_month; month <= last_month; ++month) {
      auto [it, inserted] = month_ids_.try_emplace(month, 0);
      if (inserted) it->second = NewPosting();
      ids.push_back(it->second);
    }
  }
  if (!periods.empty()) periods_[slot] = std::move(periods);
}

uint32_t MediatorIndex::NewPosting() {
  postings_.emplace_back();
  return static_cast<uint32_t>(postings_.size() - 1);
}

uint32_t MediatorIndex::PostingId(Dimension dimension, absl::string_view value) {
  auto [it, inserted] = value_ids_.try_emplace(ValueKey(dimension, value), 0);
  if (inserted) {
    it->second = NewPosting();
    values_[static_cast<int>(dimension)].emplace(std::string(value), it->second);
  }
  return it->second;
}

uint32_t MediatorIndex::LevelPostingId(absl::string_view code, int level) {
  auto [it, inserted] = level_ids_.try_emplace(absl::StrCat(code, level), 0);
  if (inserted) it->second = NewPosting();
  return it->second;
}

uint32_t MediatorIndex::TermPostingId(char kind, absl::btree_map<std::string, uint32_t>& dictionary,
                                      absl::string_view term) {
  std::string key(1, kind);
  key.append(term.data(), term.size());
  auto [it, inserted] = term_ids_.try_emplace(std::move(key), 0);
  if (inserted) {
    it->second = NewPosting();
    dictionary.emplace(std::string(term), it->second);
  }
  return it->second;
}

const std::vector<std::string>& MediatorIndex::ChainOf(const std::string& region) {
  auto [it, inserted] = chains_.try_emplace(region);
  if (inserted) it->second = vocab::ContainmentChain(region);
  return it->second;
}

const DocSet& MediatorIndex::PostingOrEmpty(const absl::flat_hash_map<std::string, uint32_t>& ids,
                                            absl::string_view key) const {
  auto found = ids.find(key);
  return postings_[found == ids.end() ? kEmptyPosting : found->second];
}

const DocSet& MediatorIndex::Postings(Dimension dimension, absl::string_view value) const {
  return PostingOrEmpty(value_ids_, ValueKey(dimension, value));
}

const DocSet& MediatorIndex::LanguageAtLeast(absl::string_view code, int level) const {
  if (level <= 1) return Postings(Dimension::kLanguage, code);
  return PostingOrEmpty(level_ids_, absl::StrCat(code, level));
}

void MediatorIndex::ForEachValue(
    Dimension dimension, absl::FunctionRef<void(absl::string_view, const DocSet&)> visit) const {
  for (const auto& [value, id] : values_[static_cast<int>(dimension)]) visit(value, postings_[id]);
}

DocSet MediatorIndex::UnionOfPrefix(const absl::btree_map<std::string, uint32_t>& dictionary,
                                    absl::string_view prefix) const {
  std::vector<const DocSet*> sets;
  for (auto it = dictionary.lower_bound(prefix);
       it != dictionary.end() && absl::string_view(it->first).substr(0, prefix.size()) == prefix; ++it) {
    sets.push_back(&postings_[it->second]);
  }
  if (sets.empty()) return DocSet();
  return DocSet::fastunion(sets.size(), sets.data());
}

DocSet MediatorIndex::NamesWithPrefix(absl::string_view folded_prefix) const {
  return UnionOfPrefix(name_terms_, folded_prefix);
}

const DocSet& MediatorIndex::NamesWithSkeleton(absl::string_view skeleton) const {
  return PostingOrEmpty(skeleton_ids_, skeleton);
}

DocSet MediatorIndex::BiosWithPrefix(absl::string_view folded_prefix) const {
  return UnionOfPrefix(bio_terms_, folded_prefix);
}

DocSet MediatorIndex::UnavailableDuring(int32_t first_day, int32_t last_day, const DocSet& among) const {
  DocSet suspects = postings_[kLongPeriodPosting] & among;
  const int32_t first_month = MonthOf(first_day), last_month = MonthOf(last_day);
  for (auto [month, id] : month_ids_) {
    if (month >= first_month && month <= last_month) suspects |= postings_[id] & among;
  }
  DocSet overlapping;
  for (DocId slot : suspects) {
    auto found = periods_.find(slot);
    if (found == periods_.end()) continue;
    for (const auto& [first, last] : found->second) {
      if (first <= last_day && last >= first_day) {
        overlapping.add(slot);
        break;
      }
    }
  }
  return overlapping;
}

std::vector<std::pair<int32_t, int32_t>> MediatorIndex::UnavailablePeriods(DocId doc) const {
  auto found = periods_.find(doc);
  if (found == periods_.end()) return {};
  return found->second;
}

void MediatorIndex::WalkByName(absl::string_view after, absl::FunctionRef<bool(DocId)> visit) const {
  auto it = after.empty() ? by_name_.begin() : by_name_.upper_bound(after);
  for (; it != by_name_.end(); ++it) {
    if (!visit(it->second)) return;
  }
}

}  // namespace wps::search
