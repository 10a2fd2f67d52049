#include "services/wpsd/server_config.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::wpsd {
namespace {

using ::testing::HasSubstr;
using ::wps::testing::StatusIs;

TEST(ServerConfigTest, DefaultsFinalize) {
  ASSERT_OK_AND_ASSIGN(ServerConfig config, Finalize(DefaultConfig()));
  EXPECT_EQ(config.listen(), "127.0.0.1:50051");
  EXPECT_EQ(config.data_dir(), "./data");
  EXPECT_EQ(config.backup_dir(), "./data-backups");
}

TEST(ServerConfigTest, FileThenFlagsOverlay) {
  testing::TempDir dir;
  std::ofstream(dir.Join("wpsd.textproto")) << "listen: \"127.0.0.1:6000\"\nnetwork: \"nordic\"\n"
                                             << "data_dir: \"/var/lib/wps\"\n";
  ASSERT_OK_AND_ASSIGN(ServerConfig file, LoadConfigFile(dir.Join("wpsd.textproto")));
  ServerConfig flags;
  flags.set_listen("127.0.0.1:7000");
  ServerConfig merged = Overlay(Overlay(DefaultConfig(), file), flags);
  EXPECT_EQ(merged.listen(), "127.0.0.1:7000");
  EXPECT_EQ(merged.network(), "nordic");
  EXPECT_EQ(merged.data_dir(), "/var/lib/wps");
  EXPECT_EQ(merged.services(), "all");
}

// The sample config under deploy/ is what the README points operators to: it must load and pass.
TEST(ServerConfigTest, SampleConfigInDeployLoads) {
  ASSERT_OK_AND_ASSIGN(ServerConfig file, LoadConfigFile(WPS_SOURCE_DIR "/deploy/wpsd.textproto"));
  ASSERT_OK_AND_ASSIGN(ServerConfig config, Finalize(Overlay(DefaultConfig(), file)));
  EXPECT_EQ(config.listen(), "127.0.0.1:50051");
  EXPECT_EQ(config.network(), "nordic");
  EXPECT_EQ(config.backup_dir(), "./data-backups");
}

TEST(ServerConfigTest, ConfigSyntaxErrorNamesTheLine) {
  testing::TempDir dir;
  std::ofstream(dir.Join("bad.textproto")) << "listen: \"127.0.0.1:6000\"\nlisen: \"x\"\n";
  EXPECT_THAT(LoadConfigFile(dir.Join("bad.textproto")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2")));
  EXPECT_THAT(LoadConfigFile(dir.Join("absent.textproto")), StatusIs(absl::StatusCode::kNotFound));
}

TEST(ServerConfigTest, RefusesBadSettingsWithReasons) {
  ServerConfig config = DefaultConfig();
  config.set_listen("nonsense");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("HOST:PORT")));
  config = DefaultConfig();
  config.set_listen("0.0.0.0:50051");
  EXPECT_THAT(Finalize(config),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("without authentication")));
  config = DefaultConfig();
  config.set_services("roster,billing");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("billing")));
  config = DefaultConfig();
  config.set_network("Nordic Network");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ServerConfigTest, TlsCertAndKeyGoTogetherAndCaNeedsThem) {
  ServerConfig config = DefaultConfig();
  config.mutable_tls()->set_cert("/etc/wps/nordic.pem");
  EXPECT_THAT(Finalize(config),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("go together")));
  config = DefaultConfig();
  config.mutable_tls()->set_key("/etc/wps/nordic.key");
  EXPECT_THAT(Finalize(config),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("go together")));
  config = DefaultConfig();
  config.mutable_tls()->set_ca("/etc/wps/ca.pem");
  EXPECT_THAT(Finalize(config),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--tls_ca needs --tls_cert")));
  config.mutable_tls()->set_cert("/etc/wps/nordic.pem");
  config.mutable_tls()->set_key("/etc/wps/nordic.key");
  EXPECT_OK(Finalize(config));
  config.mutable_tls()->clear_ca();
  EXPECT_OK(Finalize(config));
}

TEST(ServerConfigTest, NonLoopbackListenerNeedsTokensOrMutualTls) {
  ServerConfig config = DefaultConfig();
  config.set_listen("0.0.0.0:50051");
  config.mutable_tls()->set_cert("/etc/wps/nordic.pem");
  config.mutable_tls()->set_key("/etc/wps/nordic.key");
  // TLS alone encrypts but says nothing about who calls.
  EXPECT_THAT(Finalize(config),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("without authentication")));
  config.mutable_tls()->set_ca("/etc/wps/ca.pem");
  EXPECT_OK(Finalize(config));
  config = DefaultConfig();
  config.set_listen("[::]:50051");
  config.set_tokens_file("/etc/wps/tokens");
  EXPECT_OK(Finalize(config));
}

TEST(ServerConfigTest, ServesTheSelectedServices) {
  EXPECT_TRUE(Serves(DefaultConfig(), "balance"));
  EXPECT_TRUE(Serves(DefaultConfig(), "sync"));
  ServerConfig config = DefaultConfig();
  config.set_services("roster,balance");
  ASSERT_OK_AND_ASSIGN(ServerConfig finalized, Finalize(config));
  EXPECT_TRUE(Serves(finalized, "balance"));
  EXPECT_FALSE(Serves(finalized, "matching"));
  EXPECT_FALSE(Serves(finalized, "sync"));
  config.set_services("balance,sync");
  ASSERT_OK_AND_ASSIGN(finalized, Finalize(config));
  EXPECT_TRUE(Serves(finalized, "sync"));
  config.set_services("balance,audit");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown service 'audit'")));
}

TEST(ServerConfigTest, PeersNeedTheServersOwnNetworkAndDistinctIds) {
  ServerConfig config = DefaultConfig();
  ASSERT_OK_AND_ASSIGN(*config.add_peers(), ParsePeerFlag("femwise-africa=127.0.0.1:6001"));
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--peer needs --network")));
  config.set_network("nordic");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--tls_ca")));
  config.mutable_tls()->set_cert("nordic.pem");
  config.mutable_tls()->set_key("nordic.key");
  config.mutable_tls()->set_ca("ca.pem");
  EXPECT_OK(Finalize(config));
  ASSERT_OK_AND_ASSIGN(*config.add_peers(), ParsePeerFlag("femwise-africa=127.0.0.1:6002"));
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("given twice")));
  config.mutable_peers()->RemoveLast();
  ASSERT_OK_AND_ASSIGN(*config.add_peers(), ParsePeerFlag("nordic=127.0.0.1:6003"));
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("own network")));
}

TEST(ServerConfigTest, FeedRetentionIsAPositiveDuration) {
  ServerConfig config = DefaultConfig();
  for (const char* good : {"720h", "90m", "1s"}) {
    config.set_feed_retention(good);
    EXPECT_OK(Finalize(config)) << good;
  }
  for (const char* bad : {"30 days", "-1h", "0s"}) {
    config.set_feed_retention(bad);
    EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--feed_retention"))) << bad;
  }
}

TEST(ServerConfigTest, PeerFlag) {
  ASSERT_OK_AND_ASSIGN(config::v1::Peer peer, ParsePeerFlag("nordic=127.0.0.1:6001"));
  EXPECT_EQ(peer.network(), "nordic");
  EXPECT_EQ(peer.address(), "127.0.0.1:6001");
  EXPECT_THAT(ParsePeerFlag("127.0.0.1:6001"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ServerConfigTest, MatchingReplicaServesMatchingAloneFromItsUpstream) {
  ServerConfig config = DefaultConfig();
  config.set_roster_upstream("127.0.0.1:50051");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--services=matching")));
  config.set_services("matching");
  ASSERT_OK_AND_ASSIGN(ServerConfig finalized, Finalize(config));
  EXPECT_TRUE(IsMatchingReplica(finalized));
  EXPECT_FALSE(IsMatchingReplica(DefaultConfig()));
  config.set_roster_upstream("roster.example.org");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("HOST:PORT")));
  // Contact details travel from the upstream: over TLS unless on loopback.
  config.set_roster_upstream("roster.example.org:50051");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--tls_cert")));
  config.mutable_tls()->set_cert("c.pem");
  config.mutable_tls()->set_key("c.key");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--network")));
  config.set_network("nordic");
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--tls_ca")));
  config.mutable_tls()->set_ca("ca.pem");
  EXPECT_OK(Finalize(config));
  *config.add_peers() = ParsePeerFlag("mwmn=127.0.0.1:1").value();
  EXPECT_THAT(Finalize(config), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--peer")));
}

TEST(ServerConfigTest, RateLimitDefaultsAndIsChecked) {
  ASSERT_OK_AND_ASSIGN(ServerConfig config, Finalize(DefaultConfig()));
  EXPECT_EQ(config.rate_limit(), kDefaultRateLimit);
  ServerConfig off = DefaultConfig();
  off.set_rate_limit("off");
  EXPECT_OK(Finalize(off));
  ServerConfig bad = DefaultConfig();
  bad.set_rate_limit("lots");
  EXPECT_THAT(Finalize(bad), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--rate_limit")));
}

}  // namespace
}  // namespace wps::wpsd
