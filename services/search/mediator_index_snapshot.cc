// MediatorIndex::SaveTo and LoadFrom: the index's state in a SnapshotWriter's stream, in this order:
//   next posting id; the slots (name, version, live, years, posting ids, unavailable periods); the
//   bitmaps (CRoaring's portable format); the dictionaries (values per dimension, language levels,
//   name and bio terms, skeletons, weeks).
// The lookup maps derived from those (value_ids_, term_ids_, by_name_, the years planes) are rebuilt
// on load rather than stored; caches (ICU areas, dense copies) start empty.
#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "services/search/mediator_index.h"
#include "services/search/snapshot_file.h"

namespace wps::search {
namespace {

// Bounds that a well-formed snapshot never exceeds. Counts are also checked against the bytes left, as
// each counted item takes at least one: a corrupt count cannot make the loader allocate wildly.
constexpr size_t kMaxKeyBytes = 1 << 16;
constexpr size_t kMaxBitmapBytes = size_t{1} << 31;
constexpr uint64_t kMaxCount = uint64_t{1} << 32;

bool GetCount(SnapshotReader& in, uint64_t* count) {
  return in.GetVarint(count) && *count < kMaxCount && *count <= in.remaining();
}

template <typename Map>
void PutDictionary(SnapshotWriter& out, const Map& dictionary) {
  out.PutVarint(dictionary.size());
  for (const auto& [key, id] : dictionary) {
    out.PutBytes(key);
    out.PutVarint(id);
  }
}

// Hash maps are written in key order, so that the same index always gives the same bytes.
void PutSortedDictionary(SnapshotWriter& out, const absl::flat_hash_map<std::string, uint32_t>& dictionary) {
  PutDictionary(out, absl::btree_map<absl::string_view, uint32_t>(dictionary.begin(), dictionary.end()));
}

// Reads what PutDictionary wrote into `dictionary`, checking every id is below `id_limit`.
template <typename Map>
bool GetDictionary(SnapshotReader& in, uint32_t id_limit, Map& dictionary) {
  uint64_t count = 0, id = 0;
  if (!GetCount(in, &count)) return false;
  std::string key;
  for (uint64_t i = 0; i < count; ++i) {
    if (!in.GetBytes(&key, kMaxKeyBytes) || !in.GetVarint(&id) || id >= id_limit) return false;
    dictionary.emplace(std::move(key), static_cast<uint32_t>(id));
  }
  return true;
}

}  // namespace

template <typename Map>
absl::btree_map<absl::string_view, uint32_t> MediatorIndex::HeldTerms(const Map& terms) const {
  absl::btree_map<absl::string_view, uint32_t> held;
  for (const auto& [term, id] : terms) {
    if (id < postings_.size() && !postings_[id].isEmpty()) held.emplace(term, id);
  }
  return held;
}

void MediatorIndex::SaveTo(SnapshotWriter& out) const {
  out.PutVarint(next_posting_);
  out.PutVarint(docs_.size());
  for (size_t slot = 0; slot < docs_.size(); ++slot) {
    const IndexedDoc& doc = docs_[slot];
    // A dead slot is written without its name: an erased record (a purge) must leave no name on
    // disk. Its name only guards against an older version arriving after the removal, which the
    // feed, applied in order from the snapshot's cursor, never sends.
    out.PutBytes(doc.live_ ? doc.name_ : std::string());
    out.PutVarint(doc.version_);
    out.PutVarint(doc.live_ ? 1 : 0);
    out.PutSignedVarint(doc.live_ ? doc.years_ : 0);
    out.PutBytes(doc.postings_);
    const auto periods = UnavailablePeriods(static_cast<DocId>(slot));
    out.PutVarint(periods.size());
    for (const auto& [first, last] : periods) {
      out.PutSignedVarint(first);
      out.PutSignedVarint(last);
    }
  }
  out.PutVarint(postings_.size());
  std::string bytes;
  for (const DocSet& set : postings_) {
    bytes.resize(set.getSizeInBytes(/*portable=*/true));
    set.write(bytes.data(), /*portable=*/true);
    out.PutBytes(bytes);
  }
  for (const auto& dictionary : values_) PutDictionary(out, dictionary);
  PutSortedDictionary(out, level_ids_);
  // Terms no live record holds any more are left out: an erased record's words must not stay on
  // disk.
  PutDictionary(out, HeldTerms(name_terms_));
  PutDictionary(out, HeldTerms(bio_terms_));
  PutDictionary(out, HeldTerms(skeleton_ids_));
  out.PutVarint(week_ids_.size());
  for (const auto& [week, id] : absl::btree_map<int32_t, uint32_t>(week_ids_.begin(), week_ids_.end())) {
    out.PutSignedVarint(week);
    out.PutVarint(id);
  }
}

bool MediatorIndex::LoadFrom(SnapshotReader& in) {
  ++generation_;
  uint64_t next_posting = 0, slots = 0;
  if (!in.GetVarint(&next_posting) || next_posting >= kMaxCount || next_posting < kFirstValuePosting) return false;
  next_posting_ = static_cast<uint32_t>(next_posting);
  if (!GetCount(in, &slots) || !docs_.empty()) return false;
  std::vector<std::pair<absl::string_view, DocId>> names;
  names.reserve(slots);
  std::string name;
  for (DocId slot = 0; slot < slots; ++slot) {
    uint64_t version = 0, live = 0, period_count = 0;
    int64_t years = 0;
    if (!in.GetBytes(&name, kMaxKeyBytes)) return false;
    IndexedDoc& doc = docs_.emplace_back(std::move(name));
    if (!in.GetVarint(&version) || !in.GetVarint(&live) || !in.GetSignedVarint(&years) ||
        !in.GetBytes(&doc.postings_, kMaxKeyBytes) || !GetCount(in, &period_count)) {
      return false;
    }
    doc.version_ = version;
    doc.live_ = live != 0;
    doc.years_ = static_cast<int32_t>(years);
    if (doc.live_) SetCappedYears(slot, std::clamp(doc.years_, 0, kYearsCap));
    if (!doc.name().empty())
      names.emplace_back(doc.name(), slot);  // an erased record's slot has none
    if (period_count == 0) continue;
    if (periods_.size() <= slot) periods_.resize(slot + 1);
    for (uint64_t i = 0; i < period_count; ++i) {
      int64_t first = 0, last = 0;
      if (!in.GetSignedVarint(&first) || !in.GetSignedVarint(&last)) return false;
      periods_[slot].emplace_back(static_cast<int32_t>(first), static_cast<int32_t>(last));
    }
  }
  std::sort(names.begin(), names.end());
  for (const auto& entry : names) by_name_.insert(by_name_.end(), entry);
  if (by_name_.size() != names.size()) return false;  // a name twice

  uint64_t bitmaps = 0;
  if (!GetCount(in, &bitmaps) || bitmaps > next_posting_ || bitmaps < kFirstValuePosting) return false;
  postings_.resize(bitmaps);
  std::string bytes;
  for (DocSet& set : postings_) {
    if (!in.GetBytes(&bytes, kMaxBitmapBytes)) return false;
    try {
      set = DocSet::readSafe(bytes.data(), bytes.size());
    } catch (const std::exception&) {  // CRoaring throws on a malformed bitmap
      return false;
    }
  }

  for (auto& dictionary : values_) {
    if (!GetDictionary(in, next_posting_, dictionary)) return false;
  }
  for (int dimension = 0; dimension < kDimensionCount; ++dimension) {
    for (const auto& [value, id] : values_[dimension]) {
      ValueKey(static_cast<Dimension>(dimension), value, key_);
      value_ids_.emplace(key_, id);
    }
  }
  if (!GetDictionary(in, next_posting_, level_ids_) || !GetDictionary(in, next_posting_, name_terms_) ||
      !GetDictionary(in, next_posting_, bio_terms_) || !GetDictionary(in, next_posting_, skeleton_ids_)) {
    return false;
  }
  term_ids_.reserve(name_terms_.size() + bio_terms_.size());
  for (const auto& [term, id] : name_terms_) {
    TermKey(kNameTerm, term, key_);
    term_ids_.emplace(key_, id);
  }
  for (const auto& [term, id] : bio_terms_) {
    TermKey(kBioTerm, term, key_);
    term_ids_.emplace(key_, id);
  }
  uint64_t weeks = 0, id = 0;
  if (!GetCount(in, &weeks)) return false;
  for (uint64_t i = 0; i < weeks; ++i) {
    int64_t week = 0;
    if (!in.GetSignedVarint(&week) || !in.GetVarint(&id) || id >= next_posting_) return false;
    week_ids_.emplace(static_cast<int32_t>(week), static_cast<uint32_t>(id));
  }
  return true;
}

}  // namespace wps::search
