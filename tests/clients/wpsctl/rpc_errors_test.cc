#include "clients/wpsctl/rpc_errors.h"

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace wps::wpsctl {
namespace {

grpc::Status WithBadRequest() {
  google::rpc::BadRequest bad_request;
  auto* v = bad_request.add_field_violations();
  v->set_field("mediator.languages[1].code");
  v->set_description("'xx' is not an ISO 639-1 language code");
  v = bad_request.add_field_violations();
  v->set_field("mediator.years_experience");
  v->set_description("must be between 0 and 80");
  google::rpc::Status details;
  details.set_code(3);
  details.set_message("2 invalid fields");
  details.add_details()->PackFrom(bad_request);
  google::rpc::DebugInfo debug;  // other details are skipped
  debug.set_detail("ignored");
  details.add_details()->PackFrom(debug);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "2 invalid fields",
                      details.SerializeAsString());
}

TEST(GrpcCodeNameTest, NamesEveryCode) {
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::ABORTED), "ABORTED");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  // 20: no code has it, yet within the enum's range (casting 42 would itself be undefined).
  EXPECT_EQ(GrpcCodeName(static_cast<grpc::StatusCode>(20)), "CODE_20");
}

TEST(FormatRpcErrorTest, CodeAndMessage) {
  EXPECT_EQ(FormatRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "no such mediator")),
            "wpsctl: NOT_FOUND: no such mediator\n");
}

TEST(FormatRpcErrorTest, FieldViolationsOnePerLine) {
  EXPECT_EQ(FormatRpcError(WithBadRequest()),
            "wpsctl: INVALID_ARGUMENT: 2 invalid fields\n"
            "  mediator.languages[1].code: 'xx' is not an ISO 639-1 language code\n"
            "  mediator.years_experience: must be between 0 and 80\n");
}

TEST(BadRequestViolationsTest, EmptyForGarbageDetails) {
  EXPECT_TRUE(
      BadRequestViolations(grpc::Status(grpc::StatusCode::INTERNAL, "x", "\xff\xff not a proto"))
          .empty());
  EXPECT_EQ(BadRequestViolations(WithBadRequest()).size(), 2u);
}

TEST(IsConnectionErrorTest, UnavailableAndDeadline) {
  EXPECT_TRUE(IsConnectionError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "")));
  EXPECT_TRUE(IsConnectionError(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "")));
  EXPECT_FALSE(IsConnectionError(grpc::Status(grpc::StatusCode::NOT_FOUND, "")));
}

}  // namespace
}  // namespace wps::wpsctl
