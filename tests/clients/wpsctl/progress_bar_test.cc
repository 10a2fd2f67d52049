#include "clients/wpsctl/progress_bar.h"

#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace wps::wpsctl {
namespace {

TEST(FormatBytesTest, BinaryUnitsWithThreeDigits) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(1023), "1023 B");
  EXPECT_EQ(FormatBytes(1024), "1.00 KiB");
  EXPECT_EQ(FormatBytes(64 * 1024), "64.0 KiB");
  EXPECT_EQ(FormatBytes(int64_t{300} * 1024 * 1024), "300 MiB");
  EXPECT_EQ(FormatBytes(int64_t{3} * 1024 * 1024 * 1024 / 2), "1.50 GiB");
}

TEST(FormatCountTest, ThousandsSeparators) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(-45000), "-45,000");
}

TEST(RenderBarTest, FillsByFractionAndClamps) {
  EXPECT_EQ(RenderBar(0, 10), "[..........]");
  EXPECT_EQ(RenderBar(0.45, 10), "[####......]");
  EXPECT_EQ(RenderBar(1, 4), "[####]");
  EXPECT_EQ(RenderBar(7, 4), "[####]");
  EXPECT_EQ(RenderBar(-1, 4), "[....]");
}

TEST(RenderTransferProgressTest, KnownTotal) {
  EXPECT_EQ(RenderTransferProgress(4 * 1024 * 1024, 10 * 1024 * 1024, 12000, 2.0),
            "[########............]  40%  4.00 MiB / 10.0 MiB  12,000 rows  6,000 rows/s");
}

TEST(RenderTransferProgressTest, UnknownTotalAndNoTimeYet) {
  EXPECT_EQ(RenderTransferProgress(2048, -1, 10, 0), "2.00 KiB  10 rows");
  EXPECT_EQ(RenderTransferProgress(0, 0, 0, 0), "[####################] 100%  0 B / 0 B  0 rows");
}

TEST(RenderCountProgressTest, KnownAndUnknownTotals) {
  EXPECT_EQ(RenderCountProgress("records", 200000, 1000000, 4.0),
            "[####................]  20%  200,000 / 1,000,000 records  50,000/s");
  EXPECT_EQ(RenderCountProgress("records", 1500, -1, 0.5), "1,500 records  3,000/s");
}

TEST(ProgressBarTest, DisabledBarWritesNothing) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  ProgressBar bar(sink, /*enabled=*/false);
  EXPECT_FALSE(bar.Due());
  bar.Draw("42%");
  bar.Finish();
  EXPECT_EQ(std::ftell(sink), 0);
  std::fclose(sink);
}

TEST(ProgressBarTest, EnabledBarRedrawsInPlaceAndErases) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  ProgressBar bar(sink, /*enabled=*/true);
  bar.Draw("10%");
  bar.Draw("20%");
  bar.Finish();
  bar.Finish();  // nothing left to erase
  std::rewind(sink);
  char buffer[128] = {};
  const size_t n = std::fread(buffer, 1, sizeof(buffer), sink);
  EXPECT_EQ(std::string(buffer, n), "\r10%\x1b[K\r20%\x1b[K\r\x1b[K");
  std::fclose(sink);
}

}  // namespace
}  // namespace wps::wpsctl
