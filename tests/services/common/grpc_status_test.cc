#include "services/common/grpc_status.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/caller.h"
#include "services/common/field_violations.h"

namespace wps::common {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(GrpcStatusTest, OkAndPlainCodes) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  grpc::Status aborted = ToGrpcStatus(absl::AbortedError("etag mismatch"));
  EXPECT_EQ(aborted.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(aborted.error_message(), "etag mismatch");
  EXPECT_TRUE(aborted.error_details().empty());
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::FailedPreconditionError("x")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST(GrpcStatusTest, FieldViolationsBecomeBadRequestDetails) {
  grpc::Status status = ToGrpcStatus(InvalidArgumentWithViolations(
      {FieldViolation{"mediator.languages[0].code", "'xx' is not a language"},
       FieldViolation{"mediator.roles[1]", "'chef' is not a role"}}));
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "mediator.languages[0].code");
  EXPECT_EQ(bad_request.field_violations(1).description(), "'chef' is not a role");
}

TEST(GrpcStatusTest, InternalTextsAreNotSent) {
  grpc::Status status = ToGrpcStatus(absl::DataLossError("row networks/nordic/mediators/x is truncated"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("nordic")));
  EXPECT_THAT(status.error_message(), HasSubstr("incident"));
}

TEST(CallerTest, LoopbackPeersAndAddresses) {
  EXPECT_TRUE(IsLoopbackPeer("ipv4:127.0.0.1:5000"));
  EXPECT_TRUE(IsLoopbackPeer("ipv6:[::1]:5000"));
  EXPECT_TRUE(IsLoopbackPeer("ipv6:%5B::1%5D:5000"));  // as gRPC 1.51 spells it
  EXPECT_TRUE(IsLoopbackPeer("ipv6:%5B::ffff:127.0.0.1%5D:5000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv6:%5B2001:db8::1%5D:5000"));
  EXPECT_TRUE(IsLoopbackPeer("unix:/tmp/socket"));
  EXPECT_FALSE(IsLoopbackPeer("ipv4:10.0.0.1:5000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv6:[2001:db8::1]:5000"));
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:0"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress("example.org:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.example.org:50051"));
  EXPECT_TRUE(IsLoopbackAddress("127.3.4.5:50051"));
  EXPECT_EQ(RoleName(Role::kMediationUnit), "mediation-unit");
}

}  // namespace
}  // namespace wps::common
