#include "storage/key_encoding.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wps::storage {
namespace {

using ::testing::Optional;

TEST(KeyEncodingTest, Fixed64IsBigEndian) {
  EXPECT_EQ(EncodeFixed64(0x0102030405060708ULL), std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  EXPECT_EQ(EncodeFixed64(0), std::string(8, '\0'));
  EXPECT_EQ(EncodeFixed64(UINT64_MAX), std::string(8, '\xff'));
}

TEST(KeyEncodingTest, AppendFixed64AppendsToExistingBytes) {
  std::string out = "ab";
  AppendFixed64(out, 1);
  EXPECT_EQ(out, std::string("ab\0\0\0\0\0\0\0\x01", 10));
}

TEST(KeyEncodingTest, Fixed64RoundTrips) {
  for (uint64_t value : {uint64_t{0}, uint64_t{1}, uint64_t{255}, uint64_t{256}, uint64_t{1} << 32,
                         uint64_t{0x8000000000000000}, UINT64_MAX}) {
    EXPECT_THAT(DecodeFixed64(EncodeFixed64(value)), Optional(value)) << value;
  }
}

// Feed cursors are keys: a RocksDB iterator walks them in byte order, which must be numeric order.
TEST(KeyEncodingTest, ByteOrderIsNumericOrder) {
  const std::vector<uint64_t> values = {0, 1, 2, 255, 256, 65535, 65536, uint64_t{1} << 40, UINT64_MAX - 1,
                                        UINT64_MAX};
  for (size_t i = 1; i < values.size(); ++i) {
    EXPECT_LT(EncodeFixed64(values[i - 1]), EncodeFixed64(values[i]))
        << values[i - 1] << " vs " << values[i];
  }
}

TEST(KeyEncodingTest, DecodeFixed64ReadsOnlyTheFirstEightBytes) {
  EXPECT_THAT(DecodeFixed64(EncodeFixed64(42) + "trailing"), Optional(uint64_t{42}));
}

TEST(KeyEncodingTest, DecodeFixed64RejectsShortInput) {
  EXPECT_EQ(DecodeFixed64(""), std::nullopt);
  EXPECT_EQ(DecodeFixed64(std::string(7, '\x01')), std::nullopt);
}

TEST(KeyEncodingTest, RowValueRoundTrips) {
  const std::string encoded = EncodeRowValue(7, "payload");
  EXPECT_EQ(encoded.size(), kFixed64Size + 7);
  std::optional<DecodedRow> row = DecodeRowValue(encoded);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->version, 7u);
  EXPECT_EQ(row->payload, "payload");
}

TEST(KeyEncodingTest, RowValueKeepsBinaryPayloadAndEmptyPayload) {
  const std::string binary("\0\xff\0x", 4);
  const std::string encoded = EncodeRowValue(UINT64_MAX, binary);  // the payload is a view into it
  std::optional<DecodedRow> row = DecodeRowValue(encoded);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->version, UINT64_MAX);
  EXPECT_EQ(std::string(row->payload), binary);

  const std::string encoded_empty = EncodeRowValue(3, "");
  std::optional<DecodedRow> empty = DecodeRowValue(encoded_empty);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->version, 3u);
  EXPECT_TRUE(empty->payload.empty());
}

TEST(KeyEncodingTest, DecodeRowValueRejectsValueShorterThanVersion) {
  EXPECT_EQ(DecodeRowValue("short"), std::nullopt);
}

}  // namespace
}  // namespace wps::storage
