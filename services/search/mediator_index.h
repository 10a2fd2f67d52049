// The in-memory index of mediator records that search and shortlists run on: one slot (DocId) per record
// name, and a compressed bitmap (Roaring) of slots per attribute value — a language at each level, an
// expertise term, a role, a network, a nationality, each code on the ICU containment chain of her
// regions, availability, capped years of experience, the weeks of her unavailable periods, and every
// folded word of her names and bio. Hard filters are bitmap intersections; nothing scans records.
//
// Only live records (not soft-deleted) are in the value bitmaps and in live(). A slot, once given to a
// name, stays with it, so bitmaps never need renumbering.
//
// Thread safety: Read() and Write() take a reader or writer lock and pass the index to their function;
// every other member must only be called from inside one of them (const members from Read()).
#ifndef WPS_SERVICES_SEARCH_MEDIATOR_INDEX_H_
#define WPS_SERVICES_SEARCH_MEDIATOR_INDEX_H_

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "roaring/roaring.hh"
#include "wps/roster/v1/resources.pb.h"

namespace wps::search {

class SnapshotReader;
class SnapshotWriter;

using DocId = uint32_t;
using DocSet = ::Roaring;  // CRoaring 0.2 puts its C++ class in the global namespace

// Attributes with one bitmap per value.
enum class Dimension : uint8_t {
  kLanguage = 0,   // language code; her slot is in it at any level
  kExpertise,      // expertise term
  kRole,           // role term
  kNetwork,        // network id
  kNationality,    // ISO 3166-1 code
  kRegionWithin,   // every code on the containment chain of each of her regions ("SD", "015", "002", "001")
  kRegionExact,    // her regions as listed
  kAvailability,   // "AVAILABLE", "LIMITED", "UNAVAILABLE"
  kYears,          // min(years_experience, 30) in decimal
  kRegionArea,     // kRegionWithin plus the groupings containing her regions (vocab::ContainingAreas):
                   // "419" for work on "CO"; for search filters and facets (the ranking reads the chain)
  kFlag,           // kAtRiskFlag for a record at risk (Mediator.at_risk)
};
inline constexpr int kDimensionCount = 11;
inline constexpr char kAtRiskFlag[] = "at-risk";
inline constexpr int kYearsCap = 30;

// Capped years of 64 slots as five bit planes (MediatorIndex::YearsPlanesOfWord).
using YearsPlanes = std::array<uint64_t, 5>;

// What the index keeps of one record besides its bitmaps.
class IndexedDoc {
 public:
  explicit IndexedDoc(std::string name);
  // networks/{network}/mediators/{id}
  const std::string& name() const { return name_; }
  absl::string_view network() const;
  absl::string_view id() const;
  int years() const { return years_; }
  bool live() const { return live_; }
  uint64_t version() const { return version_; }

 private:
  friend class MediatorIndex;
  std::string name_;
  uint8_t network_end_ = 0;  // name_[9, network_end_) is the network id
  bool live_ = false;
  int32_t years_ = 0;
  uint64_t version_ = 0;
  std::string postings_;  // the bitmaps holding this slot: delta-varint posting ids, for removal
};

// The folded words of a record's names and bio: the costly part of indexing a record, computed outside
// the index (on another thread while the index is built). FoldRecordText is thread-safe.
struct FoldedText {
  std::vector<std::string> name_words;
  std::vector<std::string> name_skeletons;
  std::vector<std::string> bio_words;
};
FoldedText FoldRecordText(const roster::v1::Mediator& mediator);

class MediatorIndex {
 public:
  MediatorIndex();
  MediatorIndex(const MediatorIndex&) = delete;
  MediatorIndex& operator=(const MediatorIndex&) = delete;

  template <typename F>
  auto Read(F&& f) const {
    absl::ReaderMutexLock lock(&mu_);
    return f(*this);
  }
  template <typename F>
  auto Write(F&& f) {
    absl::WriterMutexLock lock(&mu_);
    return f(*this);
  }

  // --- Writes (inside Write()) ---
  // Indexes `mediator` as of `version`, replacing what an older version indexed; a soft-deleted record
  // leaves every bitmap. Ignored when the slot already holds `version` or a later one.
  void Upsert(const roster::v1::Mediator& mediator, uint64_t version);
  // As Upsert, with the record's text already folded by FoldRecordText.
  void Upsert(const roster::v1::Mediator& mediator, uint64_t version, const FoldedText& text);
  // Upsert in two halves, so that a bulk build can run them on two threads. Resolve maps a record's
  // values to posting ids and touches only the dictionaries (value and term ids, the ICU chain cache);
  // UpsertResolved files the slot in those postings and touches only the slots and bitmaps. While the
  // index is being built and nothing reads it, one thread may Resolve while another UpsertResolves.
  struct ResolvedRecord {
    std::vector<uint32_t> posting_ids;                   // sorted, unique
    std::vector<std::pair<int32_t, int32_t>> periods;    // unavailable periods, in days
  };
  ResolvedRecord Resolve(const roster::v1::Mediator& mediator, const FoldedText& text);
  void UpsertResolved(const roster::v1::Mediator& mediator, uint64_t version, ResolvedRecord resolved);
  // Removes the record named `name` from every bitmap (as of `version`).
  void Erase(absl::string_view name, uint64_t version);
  // Compacts the bitmaps (run containers, spare capacity); worth calling after a bulk build.
  void Compact();

  // --- Snapshot (see index_snapshot.h; the code is in mediator_index_snapshot.cc) ---
  // Writes all the index holds but its caches (inside Read()).
  void SaveTo(SnapshotWriter& out) const;
  // Fills this index, which must be new (never written), with what SaveTo wrote (inside Write()).
  // False when the data is malformed: the index is then half filled and must be discarded. The caller
  // trusts the result only once the reader's Finish() has checked the file's CRC.
  bool LoadFrom(SnapshotReader& in);

  // --- Reads (inside Read()) ---
  // Every live record.
  const DocSet& live() const { return postings_[kLivePosting]; }
  // Records with `value` in `dimension`; an empty set for a value nobody has.
  const DocSet& Postings(Dimension dimension, absl::string_view value) const;
  // Records with any of `values` in `dimension` (none for an empty list).
  DocSet AnyOf(Dimension dimension, absl::Span<const std::string> values) const;
  // Records that speak `code` at `level` (a LanguageLevel number, 1..7) or above.
  const DocSet& LanguageAtLeast(absl::string_view code, int level) const;
  // Calls visit(value, records) for each value of `dimension` in value order (empty sets included).
  void ForEachValue(Dimension dimension,
                    absl::FunctionRef<void(absl::string_view value, const DocSet& records)> visit) const;
  // Records with a folded word of their names (given, family, display) that starts with `prefix`.
  DocSet NamesWithPrefix(absl::string_view folded_prefix) const;
  // Records with a word of their names whose Skeleton() is `skeleton`.
  const DocSet& NamesWithSkeleton(absl::string_view skeleton) const;
  // Records with a folded word of their bio that starts with `prefix`.
  DocSet BiosWithPrefix(absl::string_view folded_prefix) const;
  // Clears in `kept` (dense words over every slot: at least WordCount(slot_count()) words, see
  // dense_words.h) the bit of every record with an unavailable period overlapping [first_day, last_day]
  // (days since 1970-01-01, both ends included). Only records still in `kept` have their dates checked.
  void ClearUnavailableDuring(int32_t first_day, int32_t last_day, std::vector<uint64_t>& kept) const;
  // The unavailable periods of `doc` as [first_day, last_day] pairs.
  std::vector<std::pair<int32_t, int32_t>> UnavailablePeriods(DocId doc) const;

  // The slots of 64-bit word `word` (slots word*64 .. word*64+63) whose min(years_experience, 30) is
  // `capped_years`; meaningful for live slots only. Word-at-a-time for the ranking's dense loops.
  uint64_t YearsEqual(int capped_years, size_t word) const {
    uint64_t mask = ~uint64_t{0};
    for (size_t bit = 0; bit < years_planes_.size(); ++bit) {
      const uint64_t plane = word < years_planes_[bit].size() ? years_planes_[bit][word] : 0;
      mask &= (capped_years >> bit) & 1 ? plane : ~plane;
    }
    return mask;
  }

  // The capped years of the 64 slots of `word`, bit-sliced: slot word * 64 + b has sum over p of
  // ((planes[p] >> b) & 1) << p years (at most kYearsCap).
  YearsPlanes YearsPlanesOfWord(size_t word) const {
    YearsPlanes planes{};
    for (size_t p = 0; p < years_planes_.size(); ++p) {
      planes[p] = word < years_planes_[p].size() ? years_planes_[p][word] : 0;
    }
    return planes;
  }

  // A dense copy of `set` (one of this index's bitmaps) over WordCount(slot_count()) words, kept until the
  // next write: requests ask for the same bitmaps (a language at B2, an area, a network) again and again.
  // Safe to call concurrently from inside Read().
  std::shared_ptr<const std::vector<uint64_t>> DenseCopy(const DocSet& set) const;

  const IndexedDoc& doc(DocId id) const { return docs_[id]; }
  // Visits slots in name order, starting after `after` (from the first when empty), until `visit`
  // returns false. Dead slots are visited too: test membership in a result set.
  void WalkByName(absl::string_view after, absl::FunctionRef<bool(DocId)> visit) const;
  // Slots ever given (live or not).
  size_t slot_count() const { return docs_.size(); }

 private:
  static constexpr uint32_t kLivePosting = 0;
  static constexpr uint32_t kEmptyPosting = 1;
  static constexpr uint32_t kLongPeriodPosting = 2;
  static constexpr uint32_t kFirstValuePosting = 3;

  // The key of a value in value_ids_: the dimension's byte, then the value.
  static void ValueKey(Dimension dimension, absl::string_view value, std::string& key);
  // The key of a term in term_ids_: its kind's byte, then the term.
  static constexpr char kNameTerm = 'n';
  static constexpr char kBioTerm = 'b';
  static void TermKey(char kind, absl::string_view term, std::string& key);
  DocId SlotFor(absl::string_view name);
  void RemoveFromPostings(DocId slot);
  std::vector<uint32_t> PostingIdsOf(const roster::v1::Mediator& mediator, const FoldedText& text);
  void AddTextPostings(const FoldedText& text, std::vector<uint32_t>& ids);
  void AddPeriodPostings(const roster::v1::Mediator& mediator, ResolvedRecord& resolved);
  void SetCappedYears(DocId slot, int years);
  uint32_t PostingId(Dimension dimension, absl::string_view value);
  uint32_t LevelPostingId(absl::string_view code, int level);
  // `kind` tells the dictionaries apart in term_ids_ (kNameTerm, kBioTerm; see TermKey).
  uint32_t TermPostingId(char kind, absl::btree_map<std::string, uint32_t>& dictionary,
                         absl::string_view term);
  uint32_t NewPosting();
  // The posting of week_ids_ key `key` (see WeekKey in the .cc), made when new.
  uint32_t WeekPostingId(int32_t key);
  // The posting of `week` of kind `kind` (see WeekKey); empty when none.
  const DocSet& WeekPosting(int32_t week, int32_t kind) const;
  // The bitmap of a posting id; empty for an id resolved but not yet filled.
  const DocSet& PostingAt(uint32_t id) const {
    return id < postings_.size() ? postings_[id] : postings_[kEmptyPosting];
  }
  // vocab::ContainingAreas of `region`, cached; its first ContainmentChain(region).size() codes are
  // the chain.
  struct RegionAreas {
    std::vector<std::string> areas;
    size_t chain_length = 0;
  };
  const RegionAreas& AreasOf(const std::string& region);
  DocSet UnionOfPrefix(const absl::btree_map<std::string, uint32_t>& dictionary,
                       absl::string_view prefix) const;
  const DocSet& PostingOrEmpty(const absl::flat_hash_map<std::string, uint32_t>& ids,
                               absl::string_view key) const;

  // The state below is saved in snapshots (mediator_index_snapshot.cc): changing what a posting or a
  // dictionary key means requires bumping kFormatVersion in index_snapshot.cc.
  // The dictionaries' half (see Resolve).
  uint32_t next_posting_ = kFirstValuePosting;
  std::string key_;  // scratch for posting keys, so that lookups of known values allocate nothing
  mutable absl::Mutex mu_;
  // Bumped by every write, under mu_'s writer lock; dense copies of an older generation are dropped.
  uint64_t generation_ = 0;
  mutable absl::Mutex dense_mu_;
  mutable uint64_t dense_generation_ ABSL_GUARDED_BY(dense_mu_) = 0;
  mutable absl::flat_hash_map<const DocSet*, std::shared_ptr<const std::vector<uint64_t>>> dense_copies_
      ABSL_GUARDED_BY(dense_mu_);
  // The entries of `terms` whose posting list is not empty (SaveTo).
  template <typename Map>
  absl::btree_map<absl::string_view, uint32_t> HeldTerms(const Map& terms) const;

  std::deque<IndexedDoc> docs_;  // a deque: name views in by_name_ stay valid as it grows
  absl::btree_map<absl::string_view, DocId> by_name_;
  std::vector<DocSet> postings_;
  std::array<absl::btree_map<std::string, uint32_t>, kDimensionCount> values_;
  absl::flat_hash_map<std::string, uint32_t> value_ids_;      // dimension byte + value -> posting
  absl::flat_hash_map<std::string, uint32_t> level_ids_;      // code + level digit -> posting
  absl::btree_map<std::string, uint32_t> name_terms_;
  absl::btree_map<std::string, uint32_t> bio_terms_;
  absl::flat_hash_map<std::string, uint32_t> term_ids_;       // kind + term -> posting (fast path)
  absl::flat_hash_map<std::string, uint32_t> skeleton_ids_;
  absl::flat_hash_map<int32_t, uint32_t> week_ids_;           // WeekKey(week, kind) -> posting
  // By slot: a vector, not a hash map, as windows check thousands of slots per request; one period
  // inline, so that checking a slot reads one place in memory.
  std::vector<absl::InlinedVector<std::pair<int32_t, int32_t>, 1>> periods_;
  absl::flat_hash_map<std::string, RegionAreas> areas_;  // ICU containment, cached
  // Bit b of each live slot's capped years, one bit per slot (5 bits cover 0..30).
  std::array<std::vector<uint64_t>, std::tuple_size<YearsPlanes>::value> years_planes_;
};

// Days since 1970-01-01 of an ISO "YYYY-MM-DD" date; false when malformed.
bool ParseDay(absl::string_view date, int32_t* day);

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_MEDIATOR_INDEX_H_
