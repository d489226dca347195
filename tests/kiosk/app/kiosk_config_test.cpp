#include "kiosk/app/kiosk_config.hpp"

#include <gtest/gtest.h>

#include "sync/model/dataset.hpp"

namespace treffpunkt {
namespace {

TEST(KioskConfig, EmptyTextGivesTheDefaults) {
    auto c = ParseKioskConfig("");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(c->display.fullscreen);
    EXPECT_EQ(c->display.rotation, Rotation::k0);
    EXPECT_EQ(c->idle.timeout_s, 90);
    EXPECT_EQ(c->idle.countdown_s, 20);
    EXPECT_EQ(c->languages.default_language, "de");
    EXPECT_EQ(c->languages.offered,
              (std::vector<std::string>{"de", "en", "fr", "tr", "uk", "ru", "ar"}));
    EXPECT_EQ(c->theme.text_size, TextSize::kNormal);
    EXPECT_EQ(c->speech.read_aloud, ReadAloudMode::kAuto);
    EXPECT_EQ(c->speech.volume_percent, 100);
    EXPECT_EQ(c->display.renderer, RendererChoice::kAuto);
}

TEST(KioskConfig, RendererIsAutoOpenGlOrSoftware) {
    auto gl = ParseKioskConfig("[display]\nrenderer = \"opengl\"\n");
    ASSERT_TRUE(gl) << gl.error().message;
    EXPECT_EQ(gl->display.renderer, RendererChoice::kOpenGl);
    auto cpu = ParseKioskConfig("[display]\nrenderer = \"software\"\n");
    ASSERT_TRUE(cpu) << cpu.error().message;
    EXPECT_EQ(cpu->display.renderer, RendererChoice::kSoftware);
    auto bad = ParseKioskConfig("[display]\nrenderer = \"vulkan\"\n");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("display.renderer"), std::string::npos);
    EXPECT_NE(bad.error().message.find("vulkan"), std::string::npos);
}

TEST(KioskConfig, SpeechSettings) {
    auto c =
        ParseKioskConfig("[speech]\nread_aloud = \"on\"\nvolume_percent = 60\nrate_wpm = 130\n");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->speech.read_aloud, ReadAloudMode::kOn);
    EXPECT_EQ(c->speech.volume_percent, 60);
    EXPECT_EQ(c->speech.rate_wpm, 130);
    auto bad = ParseKioskConfig("[speech]\nread_aloud = \"loud\"\n");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("speech.read_aloud"), std::string::npos);
    auto loud = ParseKioskConfig("[speech]\nvolume_percent = 300\n");
    ASSERT_FALSE(loud);
    EXPECT_NE(loud.error().message.find("speech.volume_percent"), std::string::npos);
}

TEST(KioskConfig, TheDemoConfigShowsInnenstadtInA7InchWindow) {
    auto c = LoadKioskConfig(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/kiosk-demo.toml");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->place_id, "35103f5d-6bce-5f7b-8737-ada9a8988195");
    EXPECT_FALSE(c->display.fullscreen);
    EXPECT_EQ(c->display.window_width, 800);
    EXPECT_EQ(c->display.window_height, 480);
    EXPECT_DOUBLE_EQ(c->display.diagonal_in, 7.0);
    auto d = ParseKioskConfig("");
    EXPECT_EQ(c->languages.offered, d->languages.offered);
    EXPECT_EQ(c->idle.timeout_s, d->idle.timeout_s);
}

TEST(KioskConfig, TheExampleFileParsesToTheDefaults) {
    auto c = LoadKioskConfig(std::string(TREFFPUNKT_SOURCE_DIR) + "/config/kiosk.example.toml");
    ASSERT_TRUE(c) << c.error().message;
    auto d = ParseKioskConfig("");
    EXPECT_EQ(c->display.window_width, d->display.window_width);
    EXPECT_EQ(c->idle.timeout_s, d->idle.timeout_s);
    EXPECT_EQ(c->languages.offered, d->languages.offered);
    EXPECT_EQ(c->speech.read_aloud, d->speech.read_aloud);
    EXPECT_EQ(c->speech.volume_percent, d->speech.volume_percent);
    EXPECT_EQ(c->speech.rate_wpm, d->speech.rate_wpm);
    EXPECT_EQ(c->display.renderer, d->display.renderer);
    EXPECT_EQ(c->place_id, "");
}

TEST(KioskConfig, ValuesAreRead) {
    auto c = ParseKioskConfig(R"(
[kiosk]
place_id = "ddbde832-f039-595a-b09b-05c1296565d4"
[display]
fullscreen = false
rotation = 270
diagonal_in = 7
[idle]
timeout_s = 60
countdown_s = 30
[languages]
offered = ["fr", "de"]
default = "fr"
[theme]
text_size = "largest"
high_contrast = true
)");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_FALSE(c->display.fullscreen);
    EXPECT_EQ(c->display.rotation, Rotation::k270);
    EXPECT_DOUBLE_EQ(c->display.diagonal_in, 7.0);
    EXPECT_EQ(c->idle.countdown_s, 30);
    EXPECT_EQ(c->languages.default_language, "fr");
    EXPECT_EQ(c->theme.text_size, TextSize::kLargest);
    EXPECT_TRUE(c->theme.high_contrast);
}

void ExpectError(const std::string& toml, const std::string& code, const std::string& key) {
    auto c = ParseKioskConfig(toml);
    ASSERT_FALSE(c) << toml;
    EXPECT_EQ(c.error().code, code) << c.error().message;
    EXPECT_NE(c.error().message.find(key), std::string::npos) << c.error().message;
}

TEST(KioskConfig, UnknownKeysAndBadValuesNameTheKey) {
    ExpectError("[display]\nfulscreen = true\n", "config.unknown_key", "display.fulscreen");
    ExpectError("[dispaly]\n", "config.unknown_key", "dispaly");
    ExpectError("[display]\nrotation = 45\n", "config.bad_value", "display.rotation");
    ExpectError("[display]\nrotation = \"90\"\n", "config.bad_value", "display.rotation");
    ExpectError("[idle]\ncountdown_s = 5\n", "config.bad_value", "idle.countdown_s");
    ExpectError("[idle]\ntimeout_s = 1.5\n", "config.bad_value", "idle.timeout_s");
    ExpectError("[languages]\ndefault = \"pl\"\n", "config.bad_value", "languages.default");
    ExpectError("[languages]\noffered = [\"deu\"]\n", "config.bad_value", "languages.offered");
    ExpectError("[theme]\ntext_size = \"huge\"\n", "config.bad_value", "theme.text_size");
    ExpectError("[kiosk]\nplace_id = \"Roden\"\n", "config.bad_value", "kiosk.place_id");
    ExpectError("[display]\ndpi = -3\n", "config.bad_value", "display.dpi");
    ExpectError("[display\n", "config.syntax", "line 1");
}

TEST(KioskConfig, TheNightSchedule) {
    auto c = ParseKioskConfig(
        "[screen_schedule]\nenabled = true\nmonday = [\"07:30-20:00\"]\n"
        "saturday = [\"09:00-13:00\", \"15:00-18:00\"]\nsunday = []\nwake_s = 120\n"
        "power_command = \"\"\n");
    ASSERT_TRUE(c) << c.error().message;
    const ScreenSchedule& s = c->screen_schedule;
    EXPECT_TRUE(s.enabled);
    EXPECT_EQ(s.days[0], (std::vector<ScreenHours>{{450, 1200}}));
    EXPECT_EQ(s.days[1], (std::vector<ScreenHours>{{0, 1440}}));  // not given: on all day
    EXPECT_EQ(s.days[5], (std::vector<ScreenHours>{{540, 780}, {900, 1080}}));
    EXPECT_TRUE(s.days[6].empty());
    EXPECT_EQ(s.wake_s, 120);
    EXPECT_EQ(s.power_command, "");
    EXPECT_FALSE(ParseKioskConfig("")->screen_schedule.enabled);
    EXPECT_EQ(ParseKioskConfig("")->screen_schedule.power_command,
              "/usr/libexec/treffpunkt/display-power");

    ExpectError("[screen_schedule]\nmonday = [\"20:00-07:30\"]\n", "config.bad_value",
                "screen_schedule.monday");
    ExpectError("[screen_schedule]\nfriday = \"07:30-20:00\"\n", "config.bad_value",
                "screen_schedule.friday");
    ExpectError("[screen_schedule]\nwake_s = 1\n", "config.bad_value", "screen_schedule.wake_s");
    ExpectError("[screen_schedule]\npower_command = \"display-power\"\n", "config.bad_value",
                "screen_schedule.power_command");
    ExpectError("[screen_schedule]\nmonady = []\n", "config.unknown_key", "screen_schedule.monady");
}

}  // namespace
}  // namespace treffpunkt
