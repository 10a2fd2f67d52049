// OrInto, ClearFrom and ToDense against a bit-by-bit reference, for sets made of each kind of CRoaring
// container (array, bitset, run) and across container boundaries.
#include "services/search/dense_words.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace wps::search {
namespace {

constexpr uint32_t kSlots = 3 * 65536 + 100;

// Sparse (array containers), dense (bitset containers) and long ranges (run containers after
// runOptimize), in different containers.
DocSet MixedSet(std::mt19937& random) {
  DocSet set;
  for (int i = 0; i < 300; ++i) set.add(random() % 65536);                  // container 0: array
  for (int i = 0; i < 30000; ++i) set.add(65536 + random() % 65536);        // container 1: bitset
  set.addRange(2 * 65536 + 10, 2 * 65536 + 40000);                          // container 2: runs
  set.addRange(2 * 65536 + 50000, 3 * 65536 + 70);                          // a run across a boundary
  set.runOptimize();
  return set;
}

std::vector<bool> Bits(const DenseWords& words) {
  std::vector<bool> bits(words.size() * 64);
  for (size_t i = 0; i < bits.size(); ++i) bits[i] = (words[i / 64] >> (i % 64)) & 1;
  return bits;
}

TEST(DenseWordsTest, OrIntoAndClearFromMatchTheSetBitByBit) {
  std::mt19937 random(1325);
  for (int round = 0; round < 5; ++round) {
    const DocSet set = MixedSet(random);
    DenseWords words(WordCount(kSlots));
    for (uint64_t& word : words) word = (uint64_t{random()} << 32) | random();
    const std::vector<bool> before = Bits(words);

    DenseWords ored = words;
    OrInto(set, ored);
    DenseWords cleared = words;
    ClearFrom(set, cleared);
    const std::vector<bool> or_bits = Bits(ored), clear_bits = Bits(cleared);
    for (uint32_t slot = 0; slot < before.size(); ++slot) {
      const bool in_set = set.contains(slot);
      ASSERT_EQ(or_bits[slot], before[slot] || in_set) << "slot " << slot;
      ASSERT_EQ(clear_bits[slot], before[slot] && !in_set) << "slot " << slot;
    }
    const DenseWords dense = ToDense(set, WordCount(kSlots));
    EXPECT_EQ(dense.size(), WordCount(kSlots));
    const std::vector<bool> dense_bits = Bits(dense);
    for (uint32_t slot = 0; slot < kSlots; ++slot) ASSERT_EQ(dense_bits[slot], set.contains(slot)) << slot;
  }
}

TEST(DenseWordsTest, WordCountCoversWholeContainers) {
  EXPECT_EQ(WordCount(0), 0u);
  EXPECT_EQ(WordCount(1), 1024u);
  EXPECT_EQ(WordCount(65536), 1024u);
  EXPECT_EQ(WordCount(65537), 2048u);
}

}  // namespace
}  // namespace wps::search
