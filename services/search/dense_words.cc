#include "services/search/dense_words.h"

#include <vector>

#include "roaring/containers/containers.h"

namespace wps::search {
namespace {

constexpr size_t kWordsPerContainer = (1 << 16) / 64;

void OrBitset(const bitset_container_t& bitset, uint64_t* out) {
  for (size_t i = 0; i < kWordsPerContainer; ++i) out[i] |= bitset.array[i];
}

void OrArray(const array_container_t& array, uint64_t* out) {
  for (int32_t i = 0; i < array.cardinality; ++i) {
    const uint16_t low = array.array[i];
    out[low >> 6] |= uint64_t{1} << (low & 63);
  }
}

// Sets bits [first, last] of `out`, a word at a time.
void SetRange(uint32_t first, uint32_t last, uint64_t* out) {
  const uint32_t first_word = first >> 6, last_word = last >> 6;
  const uint64_t head = ~uint64_t{0} << (first & 63);
  const uint64_t tail = ~uint64_t{0} >> (63 - (last & 63));
  if (first_word == last_word) {
    out[first_word] |= head & tail;
    return;
  }
  out[first_word] |= head;
  for (uint32_t w = first_word + 1; w < last_word; ++w) out[w] = ~uint64_t{0};
  out[last_word] |= tail;
}

void OrRuns(const run_container_t& runs, uint64_t* out) {
  for (int32_t r = 0; r < runs.n_runs; ++r) {
    const uint32_t first = runs.runs[r].value;
    SetRange(first, first + runs.runs[r].length, out);  // a run's length excludes its first value
  }
}

}  // namespace

// Walks CRoaring 0.2's containers (the layout its installed headers publish): a bitset container is
// copied word by word, array and run containers bit by bit.
void OrInto(const DocSet& set, DenseWords& words) {
  const roaring_array_t& containers = set.roaring.high_low_container;
  for (int32_t i = 0; i < containers.size; ++i) {
    uint8_t type = containers.typecodes[i];
    const void* container = container_unwrap_shared(containers.containers[i], &type);
    uint64_t* out = words.data() + static_cast<size_t>(containers.keys[i]) * kWordsPerContainer;
    switch (type) {
      case BITSET_CONTAINER_TYPE_CODE:
        OrBitset(*static_cast<const bitset_container_t*>(container), out);
        break;
      case ARRAY_CONTAINER_TYPE_CODE:
        OrArray(*static_cast<const array_container_t*>(container), out);
        break;
      case RUN_CONTAINER_TYPE_CODE:
        OrRuns(*static_cast<const run_container_t*>(container), out);
        break;
      default:
        break;
    }
  }
}

void ClearFrom(const DocSet& set, DenseWords& words) {
  const roaring_array_t& containers = set.roaring.high_low_container;
  for (int32_t i = 0; i < containers.size; ++i) {
    const size_t offset = static_cast<size_t>(containers.keys[i]) * kWordsPerContainer;
    if (offset >= words.size()) break;
    uint8_t type = containers.typecodes[i];
    const void* container = container_unwrap_shared(containers.containers[i], &type);
    uint64_t* out = words.data() + offset;
    switch (type) {
      case BITSET_CONTAINER_TYPE_CODE: {
        const uint64_t* bits = static_cast<const bitset_container_t*>(container)->array;
        for (size_t w = 0; w < kWordsPerContainer; ++w) out[w] &= ~bits[w];
        break;
      }
      case ARRAY_CONTAINER_TYPE_CODE: {
        const auto& array = *static_cast<const array_container_t*>(container);
        for (int32_t k = 0; k < array.cardinality; ++k) {
          out[array.array[k] >> 6] &= ~(uint64_t{1} << (array.array[k] & 63));
        }
        break;
      }
      case RUN_CONTAINER_TYPE_CODE: {
        // Rare for these sets: complement the runs through a scratch container.
        uint64_t runs[kWordsPerContainer] = {};
        OrRuns(*static_cast<const run_container_t*>(container), runs);
        for (size_t w = 0; w < kWordsPerContainer; ++w) out[w] &= ~runs[w];
        break;
      }
      default:
        break;
    }
  }
}

DenseWords ToDense(const DocSet& set, size_t word_count) {
  DenseWords words(word_count, 0);
  OrInto(set, words);
  return words;
}

}  // namespace wps::search
