#include "clients/wpsctl/import_report.h"

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace wps::wpsctl {
namespace {

roster::v1::ImportMediatorsResponse Response() {
  roster::v1::ImportMediatorsResponse response;
  google::protobuf::TextFormat::ParseFromString(
      R"pb(
        created: 3
        updated: 1
        unchanged: 4
        failed: 2
        errors { row: 5 field: "languages" message: "unknown level 'X9'" }
        errors { row: 9 message: "expected 17 fields, got 16, \"short\"" }
      )pb",
      &response);
  return response;
}

TEST(ImportReportTest, Summary) {
  EXPECT_EQ(FormatImportSummary(Response()), "created 3, updated 1, unchanged 4, failed 2");
}

TEST(ImportReportTest, ErrorLines) {
  EXPECT_EQ(FormatImportError(Response().errors(0)), "row 5, languages: unknown level 'X9'");
  EXPECT_EQ(FormatImportError(Response().errors(1)),
            "row 9: expected 17 fields, got 16, \"short\"");
}

TEST(ImportReportTest, ErrorsAsCsv) {
  EXPECT_EQ(ImportErrorsCsv(Response()),
            "row,field,message\n"
            "5,languages,unknown level 'X9'\n"
            "9,,\"expected 17 fields, got 16, \"\"short\"\"\"\n");
  EXPECT_EQ(ImportErrorsCsv(roster::v1::ImportMediatorsResponse()), "row,field,message\n");
}

}  // namespace
}  // namespace wps::wpsctl
