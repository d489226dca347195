// The [sync] section of the kiosk's config: defaults, values, the example file, and errors that
// name the key.
#include <gtest/gtest.h>

#include "kiosk/app/kiosk_config.hpp"

using namespace treffpunkt;

namespace {

TEST(SyncConfig, DefaultsMeanNoSync) {
    auto c = ParseKioskConfig("");
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->sync.enabled());
    EXPECT_EQ(c->sync.poll_interval_s, 60);
    EXPECT_EQ(c->sync.retry_min_s, 30);
    EXPECT_EQ(c->sync.retry_max_s, 1800);
}

TEST(SyncConfig, TheExampleFileHasEveryKeyWithItsDefault) {
    auto c = LoadKioskConfig(std::string(TREFFPUNKT_SOURCE_DIR) + "/config/kiosk.example.toml");
    ASSERT_TRUE(c) << c.error().message;
    const SyncConfig d;
    const SyncConfig& e = c->sync;
    EXPECT_EQ(e.hub_url, d.hub_url);
    EXPECT_EQ(e.ca_file, d.ca_file);
    EXPECT_EQ(e.pinned_public_key, d.pinned_public_key);
    EXPECT_EQ(e.device_token, d.device_token);
    EXPECT_EQ(e.kiosk_name, d.kiosk_name);
    EXPECT_EQ(e.poll_interval_s, d.poll_interval_s);
    EXPECT_EQ(e.heartbeat_interval_s, d.heartbeat_interval_s);
    EXPECT_EQ(e.page_size, d.page_size);
    EXPECT_DOUBLE_EQ(e.connect_timeout_s, d.connect_timeout_s);
    EXPECT_DOUBLE_EQ(e.request_timeout_s, d.request_timeout_s);
    EXPECT_EQ(e.low_speed_bytes_per_s, d.low_speed_bytes_per_s);
    EXPECT_EQ(e.low_speed_time_s, d.low_speed_time_s);
    EXPECT_EQ(e.max_response_bytes, d.max_response_bytes);
    EXPECT_EQ(e.retry_min_s, d.retry_min_s);
    EXPECT_EQ(e.retry_max_s, d.retry_max_s);
    EXPECT_EQ(e.clock_sync_marker, d.clock_sync_marker);
    EXPECT_EQ(e.watch_network, d.watch_network);
}

TEST(SyncConfig, ValuesAreRead) {
    auto c = ParseKioskConfig(R"(
[sync]
hub_url = "https://hub.saarlouis.example:8443"
ca_file = "/etc/treffpunkt/hub-ca.pem"
pinned_public_key = "sha256//AAAA"
device_token = "tpk_abc"
poll_interval_s = 120
connect_timeout_s = 2.5
max_response_mib = 8
retry_min_s = 10
retry_max_s = 600
watch_network = false
)");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(c->sync.enabled());
    EXPECT_EQ(c->sync.hub_url, "https://hub.saarlouis.example:8443");
    EXPECT_EQ(c->sync.ca_file, "/etc/treffpunkt/hub-ca.pem");
    EXPECT_EQ(c->sync.poll_interval_s, 120);
    EXPECT_DOUBLE_EQ(c->sync.connect_timeout_s, 2.5);
    EXPECT_EQ(c->sync.max_response_bytes, 8 << 20);
    EXPECT_EQ(c->sync.retry_max_s, 600);
    EXPECT_FALSE(c->sync.watch_network);
}

TEST(SyncConfig, BadValuesNameTheKey) {
    const std::pair<const char*, const char*> cases[] = {
        {"hub_url = \"http://hub.example\"", "sync.hub_url"},
        {"hub_url = 5", "sync.hub_url"},
        {"pinned_public_key = \"abc\"", "sync.pinned_public_key"},
        {"device_token = \"secret\"", "sync.device_token"},
        {"poll_interval_s = 1", "sync.poll_interval_s"},
        {"page_size = 5000", "sync.page_size"},
        {"connect_timeout_s = \"10\"", "sync.connect_timeout_s"},
        {"retry_min_s = 60\nretry_max_s = 30", "sync.retry_max_s"},
        {"watch_network = 1", "sync.watch_network"},
        {"poll_intervall_s = 60", "sync.poll_intervall_s"},
    };
    for (const auto& [line, key] : cases) {
        auto c = ParseKioskConfig(std::string("[sync]\n") + line + "\n");
        ASSERT_FALSE(c) << line;
        EXPECT_NE(c.error().message.find(key), std::string::npos)
            << line << " -> " << c.error().message;
    }
}

}  // namespace
