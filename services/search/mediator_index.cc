#include "services/search/mediator_index.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/vocabularies.h"
#include "services/search/dense_words.h"
#include "services/search/text_folding.h"

namespace wps::search {
namespace {

using ::wps::roster::v1::Availability;
using ::wps::roster::v1::Mediator;

constexpr absl::string_view kNetworksPrefix = "networks/";
constexpr absl::string_view kMediatorsInfix = "/mediators/";
// Periods are posted to each week (days since 1970-01-01 divided by 7) they touch; one of more weeks
// than this is checked by hand rather than posted.
constexpr int32_t kMaxPostedWeeks = 60;

int32_t WeekOf(int32_t day) { return day >= 0 ? day / 7 : (day - 6) / 7; }

// The postings of a week, in week_ids_ under WeekKey(week, kind): the records with a period touching
// the week; those with a period ending (or starting) on each of its days; those with a period running
// on into the next week. With them a window's partial first and last weeks are bitmap unions too.
constexpr int32_t kTouching = 0;
constexpr int32_t kEndsOnDay = 1;     // + day of the week, 0..6
constexpr int32_t kStartsOnDay = 8;   // + day of the week, 0..6
constexpr int32_t kRunsIntoNextWeek = 15;
constexpr int32_t kWeekKinds = 16;

int32_t WeekKey(int32_t week, int32_t kind) { return week * kWeekKinds + kind; }

// A flat_hash_map<std::string, uint32_t> entry for `key`, looked up without copying it when present.
template <typename Map, typename MakeValue>
uint32_t FindOrAdd(Map& map, const std::string& key, MakeValue make_value) {
  auto found = map.find(key);
  if (found != map.end()) return found->second;
  const uint32_t value = make_value();
  map.emplace(key, value);
  return value;
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
  if (name_.size() < kNetworksPrefix.size()) return {};  // an erased record's slot
  return absl::string_view(name_).substr(kNetworksPrefix.size(), network_end_ - kNetworksPrefix.size());
}

absl::string_view IndexedDoc::id() const {
  const size_t start = std::min(name_.size(), network_end_ + kMediatorsInfix.size());
  return absl::string_view(name_).substr(start);
}

MediatorIndex::MediatorIndex() {
  postings_.resize(kFirstValuePosting);  // kLivePosting, kEmptyPosting, kLongPeriodPosting
}

void MediatorIndex::ValueKey(Dimension dimension, absl::string_view value, std::string& key) {
  key.assign(1, static_cast<char>(dimension));
  key.append(value.data(), value.size());
}

void MediatorIndex::TermKey(char kind, absl::string_view term, std::string& key) {
  key.assign(1, kind);
  key.append(term.data(), term.size());
}

DocId MediatorIndex::SlotFor(absl::string_view name) {
  auto found = by_name_.find(name);
  if (found != by_name_.end()) return found->second;
  const auto slot = static_cast<DocId>(docs_.size());
  docs_.emplace_back(std::string(name));
  // The build adds names in order: hinting the end makes those inserts constant time.
  by_name_.insert(by_name_.end(), {docs_.back().name(), slot});
  return slot;
}

FoldedText FoldRecordText(const Mediator& mediator) {
  FoldedText text;
  text.name_words =
      FoldedWords(absl::StrCat(mediator.given_name(), " ", mediator.family_name(), " ", mediator.display_name()));
  for (const std::string& word : text.name_words) {
    std::string skeleton = Skeleton(word);
    if (!skeleton.empty()) text.name_skeletons.push_back(std::move(skeleton));
  }
  text.bio_words = FoldedWords(mediator.bio());
  return text;
}

void MediatorIndex::Upsert(const Mediator& mediator, uint64_t version) {
  const DocId slot = SlotFor(mediator.name());
  if (docs_[slot].version_ >= version) return;
  Upsert(mediator, version, mediator.has_delete_time() ? FoldedText() : FoldRecordText(mediator));
}

void MediatorIndex::Upsert(const Mediator& mediator, uint64_t version, const FoldedText& text) {
  if (mediator.has_delete_time()) {
    UpsertResolved(mediator, version, ResolvedRecord());
    return;
  }
  UpsertResolved(mediator, version, Resolve(mediator, text));
}

MediatorIndex::ResolvedRecord MediatorIndex::Resolve(const Mediator& mediator, const FoldedText& text) {
  ResolvedRecord resolved;
  resolved.posting_ids = PostingIdsOf(mediator, text);
  AddPeriodPostings(mediator, resolved);
  std::vector<uint32_t>& ids = resolved.posting_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return resolved;
}

void MediatorIndex::UpsertResolved(const Mediator& mediator, uint64_t version, ResolvedRecord resolved) {
  const DocId slot = SlotFor(mediator.name());
  IndexedDoc& doc = docs_[slot];
  if (doc.version_ >= version) return;
  RemoveFromPostings(slot);
  doc.version_ = version;
  if (mediator.has_delete_time()) return;
  ++generation_;
  const std::vector<uint32_t>& ids = resolved.posting_ids;
  if (!ids.empty() && ids.back() >= postings_.size()) postings_.resize(ids.back() + 1);
  for (uint32_t id : ids) postings_[id].add(slot);
  doc.postings_ = EncodeIds(ids);
  doc.years_ = mediator.years_experience();
  doc.live_ = true;
  SetCappedYears(slot, std::clamp(mediator.years_experience(), 0, kYearsCap));
  if (!resolved.periods.empty()) {
    if (periods_.size() <= slot) periods_.resize(slot + 1);
    periods_[slot].assign(resolved.periods.begin(), resolved.periods.end());
  }
}

void MediatorIndex::SetCappedYears(DocId slot, int years) {
  const size_t word = slot / 64;
  const uint64_t bit = uint64_t{1} << (slot % 64);
  for (size_t b = 0; b < years_planes_.size(); ++b) {
    std::vector<uint64_t>& plane = years_planes_[b];
    if (plane.size() <= word) plane.resize(word + 1024, 0);
    plane[word] = (years >> b) & 1 ? plane[word] | bit : plane[word] & ~bit;
  }
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
  ++generation_;
  IndexedDoc& doc = docs_[slot];
  if (!doc.live_) return;
  for (uint32_t id : DecodeIds(doc.postings_)) postings_[id].remove(slot);
  doc.postings_.clear();
  doc.live_ = false;
  if (slot < periods_.size()) periods_[slot] = {};
}

void MediatorIndex::Compact() {
  for (DocSet& set : postings_) {
    set.runOptimize();
    set.shrinkToFit();
  }
}

std::vector<uint32_t> MediatorIndex::PostingIdsOf(const Mediator& mediator, const FoldedText& text) {
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
    const RegionAreas& areas = AreasOf(region);
    for (size_t i = 0; i < areas.areas.size(); ++i) {
      if (i < areas.chain_length) ids.push_back(PostingId(Dimension::kRegionWithin, areas.areas[i]));
      ids.push_back(PostingId(Dimension::kRegionArea, areas.areas[i]));
    }
  }
  ids.push_back(PostingId(Dimension::kAvailability, Availability_Name(mediator.availability())));
  if (mediator.at_risk()) ids.push_back(PostingId(Dimension::kFlag, kAtRiskFlag));
  const int years = std::clamp(mediator.years_experience(), 0, kYearsCap);
  char digits[4];
  const int length = snprintf(digits, sizeof(digits), "%d", years);
  ids.push_back(PostingId(Dimension::kYears, absl::string_view(digits, length)));
  AddTextPostings(text, ids);
  return ids;
}

void MediatorIndex::AddTextPostings(const FoldedText& text, std::vector<uint32_t>& ids) {
  for (const std::string& word : text.name_words) ids.push_back(TermPostingId(kNameTerm, name_terms_, word));
  for (const std::string& skeleton : text.name_skeletons) {
    ids.push_back(FindOrAdd(skeleton_ids_, skeleton, [this] { return NewPosting(); }));
  }
  for (const std::string& word : text.bio_words) ids.push_back(TermPostingId(kBioTerm, bio_terms_, word));
}

void MediatorIndex::AddPeriodPostings(const Mediator& mediator, ResolvedRecord& resolved) {
  std::vector<uint32_t>& ids = resolved.posting_ids;
  std::vector<std::pair<int32_t, int32_t>>& periods = resolved.periods;
  for (const auto& period : mediator.unavailable_periods()) {
    int32_t first = 0, last = 0;
    if (!ParseDay(period.start(), &first) || !ParseDay(period.end(), &last) || last < first) continue;
    periods.emplace_back(first, last);
    if (WeekOf(last) - WeekOf(first) >= kMaxPostedWeeks) {
      ids.push_back(kLongPeriodPosting);
      continue;
    }
    const int32_t first_week = WeekOf(first), last_week = WeekOf(last);
    ids.push_back(WeekPostingId(WeekKey(first_week, kStartsOnDay + (first - first_week * 7))));
    ids.push_back(WeekPostingId(WeekKey(last_week, kEndsOnDay + (last - last_week * 7))));
    for (int32_t week = first_week; week <= last_week; ++week) {
      ids.push_back(WeekPostingId(WeekKey(week, kTouching)));
      if (week < last_week) ids.push_back(WeekPostingId(WeekKey(week, kRunsIntoNextWeek)));
    }
  }
}

uint32_t MediatorIndex::WeekPostingId(int32_t key) {
  auto [it, inserted] = week_ids_.try_emplace(key, 0);
  if (inserted) it->second = NewPosting();
  return it->second;
}

// Only hands out the id: UpsertResolved grows postings_ to the ids it meets, so that Resolve never
// touches what UpsertResolved does (see ResolvePostings in the header).
uint32_t MediatorIndex::NewPosting() { return next_posting_++; }

uint32_t MediatorIndex::PostingId(Dimension dimension, absl::string_view value) {
  ValueKey(dimension, value, key_);
  return FindOrAdd(value_ids_, key_, [&] {
    const uint32_t id = NewPosting();
    values_[static_cast<int>(dimension)].emplace(std::string(value), id);
    return id;
  });
}

uint32_t MediatorIndex::LevelPostingId(absl::string_view code, int level) {
  key_.assign(code.data(), code.size());
  key_.push_back(static_cast<char>('0' + level));
  return FindOrAdd(level_ids_, key_, [this] { return NewPosting(); });
}

uint32_t MediatorIndex::TermPostingId(char kind, absl::btree_map<std::string, uint32_t>& dictionary,
                                      absl::string_view term) {
  TermKey(kind, term, key_);
  return FindOrAdd(term_ids_, key_, [&] {
    const uint32_t id = NewPosting();
    dictionary.emplace(std::string(term), id);
    return id;
  });
}

const MediatorIndex::RegionAreas& MediatorIndex::AreasOf(const std::string& region) {
  auto [it, inserted] = areas_.try_emplace(region);
  if (inserted) it->second = RegionAreas{vocab::ContainingAreas(region), vocab::ContainmentChain(region).size()};
  return it->second;
}

const DocSet& MediatorIndex::PostingOrEmpty(const absl::flat_hash_map<std::string, uint32_t>& ids,
                                            absl::string_view key) const {
  auto found = ids.find(key);
  return found == ids.end() ? postings_[kEmptyPosting] : PostingAt(found->second);
}

const DocSet& MediatorIndex::Postings(Dimension dimension, absl::string_view value) const {
  std::string key;
  ValueKey(dimension, value, key);
  return PostingOrEmpty(value_ids_, key);
}

DocSet MediatorIndex::AnyOf(Dimension dimension, absl::Span<const std::string> values) const {
  DocSet any;
  for (const std::string& value : values) any |= Postings(dimension, value);
  return any;
}

const DocSet& MediatorIndex::LanguageAtLeast(absl::string_view code, int level) const {
  if (level <= 1) return Postings(Dimension::kLanguage, code);
  return PostingOrEmpty(level_ids_, absl::StrCat(code, std::string(1, static_cast<char>('0' + level))));
}

void MediatorIndex::ForEachValue(
    Dimension dimension, absl::FunctionRef<void(absl::string_view, const DocSet&)> visit) const {
  for (const auto& [value, id] : values_[static_cast<int>(dimension)]) visit(value, PostingAt(id));
}

DocSet MediatorIndex::UnionOfPrefix(const absl::btree_map<std::string, uint32_t>& dictionary,
                                    absl::string_view prefix) const {
  std::vector<const DocSet*> sets;
  for (auto it = dictionary.lower_bound(prefix);
       it != dictionary.end() && absl::string_view(it->first).substr(0, prefix.size()) == prefix; ++it) {
    sets.push_back(&PostingAt(it->second));
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

const DocSet& MediatorIndex::WeekPosting(int32_t week, int32_t kind) const {
  auto found = week_ids_.find(WeekKey(week, kind));
  return found == week_ids_.end() ? postings_[kEmptyPosting] : PostingAt(found->second);
}

void MediatorIndex::ClearUnavailableDuring(int32_t first_day, int32_t last_day,
                                           std::vector<uint64_t>& kept) const {
  const int32_t first_week = WeekOf(first_day), last_week = WeekOf(last_day);
  const int32_t first_weekday = first_day - first_week * 7, last_weekday = last_day - last_week * 7;
  std::vector<const DocSet*> to_check = {&postings_[kLongPeriodPosting]};  // dates checked one by one
  if (first_week == last_week) {
    to_check.push_back(&WeekPosting(first_week, kTouching));  // a window inside one week
  } else {
    // A period overlaps the window's first week, from first_day on, when it touches that week and ends
    // on first_day or later: on a later day of the week, or in a later week.
    ClearFrom(WeekPosting(first_week, kRunsIntoNextWeek), kept);
    for (int32_t day = first_weekday; day < 7; ++day) ClearFrom(WeekPosting(first_week, kEndsOnDay + day), kept);
    // Every period touching a week in between overlaps the window.
    for (int32_t week = first_week + 1; week < last_week; ++week) ClearFrom(WeekPosting(week, kTouching), kept);
    // A period overlaps the last week, up to last_day, when it starts by last_day: on an earlier day of
    // the week, or in an earlier week, and then it touches the first week or one in between (cleared).
    for (int32_t day = 0; day <= last_weekday; ++day) ClearFrom(WeekPosting(last_week, kStartsOnDay + day), kept);
  }
  std::vector<uint32_t> slots;
  for (const DocSet* set : to_check) {
    slots.resize(set->cardinality());
    set->toUint32Array(slots.data());  // far cheaper than CRoaring 0.2's per-element iterator
    for (uint32_t slot : slots) {
      const uint64_t bit = uint64_t{1} << (slot % 64);
      if ((kept[slot / 64] & bit) == 0 || slot >= periods_.size()) continue;
      for (const auto& [first, last] : periods_[slot]) {
        if (first <= last_day && last >= first_day) {
          kept[slot / 64] &= ~bit;
          break;
        }
      }
    }
  }
}

std::vector<std::pair<int32_t, int32_t>> MediatorIndex::UnavailablePeriods(DocId doc) const {
  if (doc >= periods_.size()) return {};
  return std::vector<std::pair<int32_t, int32_t>>(periods_[doc].begin(), periods_[doc].end());
}

std::shared_ptr<const std::vector<uint64_t>> MediatorIndex::DenseCopy(const DocSet& set) const {
  constexpr size_t kMaxDenseCopies = 256;  // 128 KiB each at a million slots
  absl::MutexLock lock(&dense_mu_);
  if (dense_generation_ != generation_ || dense_copies_.size() >= kMaxDenseCopies) {
    dense_copies_.clear();
    dense_generation_ = generation_;
  }
  std::shared_ptr<const std::vector<uint64_t>>& copy = dense_copies_[&set];
  if (copy == nullptr) copy = std::make_shared<const std::vector<uint64_t>>(ToDense(set, WordCount(slot_count())));
  return copy;
}

void MediatorIndex::WalkByName(absl::string_view after, absl::FunctionRef<bool(DocId)> visit) const {
  auto it = after.empty() ? by_name_.begin() : by_name_.upper_bound(after);
  for (; it != by_name_.end(); ++it) {
    if (!visit(it->second)) return;
  }
}

}  // namespace wps::search
