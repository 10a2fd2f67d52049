// Dense copies of index bitmaps for the per-request set algebra of the ranking: a word loop over a few
// dense arrays (bit-sliced counting, per-class masks) is far cheaper than chains of compressed-bitmap
// operations once the sets hold a large share of a million slots.
//
// Thread safety: OrInto reads `set`; call it inside MediatorIndex::Read().
#ifndef WPS_SERVICES_SEARCH_DENSE_WORDS_H_
#define WPS_SERVICES_SEARCH_DENSE_WORDS_H_

#include <cstdint>
#include <vector>

#include "services/search/mediator_index.h"

namespace wps::search {

using DenseWords = std::vector<uint64_t>;

// The number of 64-bit words covering slots [0, slot_count), rounded up to whole Roaring containers
// (2^16 slots) so that OrInto never writes past the end.
inline size_t WordCount(size_t slot_count) { return (slot_count + 65535) / 65536 * 1024; }

// Sets in `words` (sized by WordCount for every slot of `set`) the bits of `set`'s slots.
void OrInto(const DocSet& set, DenseWords& words);

// Clears in `words` (sized by WordCount, see OrInto) the bits of `set`'s slots.
void ClearFrom(const DocSet& set, DenseWords& words);

// A dense copy of `set` over `word_count` words.
DenseWords ToDense(const DocSet& set, size_t word_count);

}  // namespace wps::search

#endif  // WPS_SERVICES_SEARCH_DENSE_WORDS_H_
