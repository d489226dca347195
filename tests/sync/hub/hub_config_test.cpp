// The hub's TOML configuration: defaults, the documented example, and errors that name the key.
#include "sync/hub/hub_config.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace treffpunkt::hub;

namespace {

TEST(HubConfig, TheExampleFileParsesAndMatchesTheDefaults) {
    const auto config =
        LoadHubConfig(std::string(TREFFPUNKT_SOURCE_DIR) + "/config/hub.example.toml");
    ASSERT_TRUE(config) << config.error().message;
    const HubConfig defaults;
    EXPECT_EQ(config->database.path, defaults.database.path);
    EXPECT_EQ(config->database.busy_timeout_ms, defaults.database.busy_timeout_ms);
    EXPECT_EQ(config->server.listen_address, defaults.server.listen_address);
    EXPECT_EQ(config->server.port, defaults.server.port);
    EXPECT_EQ(config->server.mode, defaults.server.mode);
    EXPECT_EQ(config->server.threads, defaults.server.threads);
    EXPECT_EQ(config->server.keep_alive_timeout_s, defaults.server.keep_alive_timeout_s);
    EXPECT_EQ(config->server.keep_alive_max_requests, defaults.server.keep_alive_max_requests);
    EXPECT_EQ(config->server.trusted_proxies, defaults.server.trusted_proxies);
    EXPECT_EQ(config->server.log_requests, defaults.server.log_requests);
    EXPECT_EQ(config->tls.certificate, defaults.tls.certificate);
    EXPECT_EQ(config->tls.private_key, defaults.tls.private_key);
    EXPECT_EQ(config->sync.tombstone_retention_days, defaults.sync.tombstone_retention_days);
    EXPECT_EQ(config->sync.default_page_size, defaults.sync.default_page_size);
    EXPECT_EQ(config->sync.max_page_size, defaults.sync.max_page_size);
    EXPECT_EQ(config->sync.max_edits_per_push, defaults.sync.max_edits_per_push);
    EXPECT_EQ(config->pairing.code_ttl_s, defaults.pairing.code_ttl_s);
    EXPECT_EQ(config->pairing.poll_interval_s, defaults.pairing.poll_interval_s);
    EXPECT_EQ(config->pairing.max_open, defaults.pairing.max_open);
    EXPECT_EQ(config->limits.max_body_bytes, defaults.limits.max_body_bytes);
    EXPECT_EQ(config->limits.max_header_bytes, defaults.limits.max_header_bytes);
    EXPECT_EQ(config->limits.request_timeout_s, defaults.limits.request_timeout_s);
    EXPECT_EQ(config->limits.requests_per_minute, defaults.limits.requests_per_minute);
    EXPECT_EQ(config->limits.pairing_requests_per_minute,
              defaults.limits.pairing_requests_per_minute);
    EXPECT_EQ(config->status.online_within_s, defaults.status.online_within_s);
    EXPECT_EQ(config->status.offline_after_s, defaults.status.offline_after_s);
    EXPECT_EQ(config->argon2.params.opslimit, defaults.argon2.params.opslimit);
    EXPECT_EQ(config->argon2.params.memlimit_bytes, defaults.argon2.params.memlimit_bytes);
    EXPECT_EQ(config->argon2.insecure_test_parameters, defaults.argon2.insecure_test_parameters);
}

TEST(HubConfig, UnknownKeysAndBadValuesNameTheKey) {
    const auto config = ParseHubConfig(R"(
[server]
port = 99999
mode = "ftp"
colour = "blue"
[database]
path = 5
[sync]
default_page_size = 2000
[argon2]
memlimit_kib = 1024
[surprise]
x = 1
)",
                                       "hub.toml", "/etc/treffpunkt-hub");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, "config.invalid");
    const std::string& m = config.error().message;
    for (const char* key : {"server.port", "server.mode", "server.colour", "database.path",
                            "sync.default_page_size", "argon2.memlimit_kib", "surprise"}) {
        EXPECT_NE(m.find(key), std::string::npos) << key << " in " << m;
    }
}

TEST(HubConfig, SyntaxErrorsSayWhere) {
    const auto config = ParseHubConfig("[server\nport = 1", "hub.toml", "");
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("hub.toml:1"), std::string::npos)
        << config.error().message;
}

TEST(HubConfig, RelativePathsAreRelativeToTheFile) {
    const auto config = ParseHubConfig(R"(
[database]
path = "data/hub.db"
[tls]
certificate = "/abs/cert.pem"
)",
                                       "hub.toml", "/etc/treffpunkt-hub");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->database.path, "/etc/treffpunkt-hub/data/hub.db");
    EXPECT_EQ(config->tls.certificate, "/abs/cert.pem");
}

TEST(HubConfig, TestOnlyArgon2ParametersAreExplicit) {
    auto config = ParseHubConfig("[argon2]\ninsecure_test_parameters = true\n", "t", "");
    ASSERT_TRUE(config);
    EXPECT_EQ(config->PinParams().opslimit, InsecureTestArgon2Params().opslimit);
    config = ParseHubConfig("", "t", "");
    ASSERT_TRUE(config);
    EXPECT_EQ(config->PinParams().memlimit_bytes, 64u << 20);
}

TEST(HubConfig, AMissingFileSaysWhatToDo) {
    const auto config = LoadHubConfig("/nonexistent/hub.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, "config.missing");
    EXPECT_NE(config.error().message.find("hub.example.toml"), std::string::npos);
}

}  // namespace
