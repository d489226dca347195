#include "kiosk/app/kiosk_config.hpp"

#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"

namespace treffpunkt {

namespace {

using Keys = std::set<std::string, std::less<>>;

Result<void> CheckKeys(const toml::table& table, const std::string& prefix, const Keys& known) {
    for (const auto& [key, node] : table) {
        const std::string name(key.str());
        if (known.count(name) == 0) {
            std::string list;
            for (const std::string& k : known) {
                list += (list.empty() ? "" : ", ") + k;
            }
            return Fail("config.unknown_key", prefix + name + ": unknown key (known in " +
                                                  (prefix.empty() ? "the top level" : prefix) +
                                                  ": " + list + ")");
        }
    }
    return Ok();
}

Unexpected<Error> Bad(const std::string& key, const std::string& message) {
    return Fail("config.bad_value", key + ": " + message);
}

Result<const toml::table*> SubTable(const toml::table& root, std::string_view name) {
    const toml::node* node = root.get(name);
    if (node == nullptr) {
        return static_cast<const toml::table*>(nullptr);
    }
    if (!node->is_table()) {
        return Bad(std::string(name), "must be a table [" + std::string(name) + "]");
    }
    return node->as_table();
}

Result<void> ReadString(const toml::table& t, std::string_view key, const std::string& full,
                        std::string& out) {
    if (const toml::node* n = t.get(key)) {
        if (!n->is_string()) {
            return Bad(full, "must be a string in quotes");
        }
        out = n->as_string()->get();
    }
    return Ok();
}

Result<void> ReadBool(const toml::table& t, std::string_view key, const std::string& full,
                      bool& out) {
    if (const toml::node* n = t.get(key)) {
        if (!n->is_boolean()) {
            return Bad(full, "must be true or false");
        }
        out = n->as_boolean()->get();
    }
    return Ok();
}

Result<void> ReadInt(const toml::table& t, std::string_view key, const std::string& full,
                     std::int64_t min, std::int64_t max, int& out) {
    if (const toml::node* n = t.get(key)) {
        if (!n->is_integer()) {
            return Bad(full, "must be a whole number");
        }
        const std::int64_t v = n->as_integer()->get();
        if (v < min || v > max) {
            return Bad(full, "must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + " (got " + std::to_string(v) + ")");
        }
        out = static_cast<int>(v);
    }
    return Ok();
}

Result<void> ReadNumber(const toml::table& t, std::string_view key, const std::string& full,
                        double min, double max, double& out) {
    if (const toml::node* n = t.get(key)) {
        double v = 0.0;
        if (n->is_integer()) {
            v = static_cast<double>(n->as_integer()->get());
        } else if (n->is_floating_point()) {
            v = n->as_floating_point()->get();
        } else {
            return Bad(full, "must be a number");
        }
        if (!(v >= min && v <= max)) {
            std::ostringstream msg;
            msg << "must be between " << min << " and " << max << " (got " << v << ")";
            return Bad(full, msg.str());
        }
        out = v;
    }
    return Ok();
}

#define TP_TRY(expr)                              \
    do {                                          \
        if (auto r_ = (expr); !r_) {              \
            return Unexpected<Error>(r_.error()); \
        }                                         \
    } while (false)

// [sync]: the hub, its CA and pin, the device token, timing. Every key has its default in
// SyncConfig and in config/kiosk.example.toml.
Result<void> ParseSync(const toml::table& t, SyncConfig& c) {
    TP_TRY(CheckKeys(
        t, "sync.",
        {"hub_url", "ca_file", "pinned_public_key", "device_token", "kiosk_name", "poll_interval_s",
         "heartbeat_interval_s", "page_size", "connect_timeout_s", "request_timeout_s",
         "low_speed_bytes_per_s", "low_speed_time_s", "max_response_mib", "retry_min_s",
         "retry_max_s", "clock_sync_marker", "watch_network"}));
    TP_TRY(ReadString(t, "hub_url", "sync.hub_url", c.hub_url));
    if (!c.hub_url.empty() && (!c.hub_url.starts_with("https://") || c.hub_url.size() <= 8)) {
        return Bad("sync.hub_url",
                   "must be an https:// address like \"https://hub.example:8443\" "
                   "or \"\" for no sync (got \"" +
                       c.hub_url + "\")");
    }
    TP_TRY(ReadString(t, "ca_file", "sync.ca_file", c.ca_file));
    TP_TRY(ReadString(t, "pinned_public_key", "sync.pinned_public_key", c.pinned_public_key));
    if (!c.pinned_public_key.empty() && !c.pinned_public_key.starts_with("sha256//")) {
        return Bad("sync.pinned_public_key",
                   "must be \"sha256//\" and the key's hash in base64, or \"\" for no pin");
    }
    TP_TRY(ReadString(t, "device_token", "sync.device_token", c.device_token));
    if (!c.device_token.empty() && !c.device_token.starts_with("tpk_")) {
        return Bad(
            "sync.device_token",
            "must be a token from `treffpunkt-hub kiosk add` (it starts with tpk_), or \"\"");
    }
    TP_TRY(ReadString(t, "kiosk_name", "sync.kiosk_name", c.kiosk_name));
    TP_TRY(ReadInt(t, "poll_interval_s", "sync.poll_interval_s", 10, 86400, c.poll_interval_s));
    TP_TRY(ReadInt(t, "heartbeat_interval_s", "sync.heartbeat_interval_s", 0, 86400,
                   c.heartbeat_interval_s));
    TP_TRY(ReadInt(t, "page_size", "sync.page_size", 1, 1000, c.page_size));
    TP_TRY(ReadNumber(t, "connect_timeout_s", "sync.connect_timeout_s", 0.1, 300.0,
                      c.connect_timeout_s));
    TP_TRY(ReadNumber(t, "request_timeout_s", "sync.request_timeout_s", 0.5, 3600.0,
                      c.request_timeout_s));
    TP_TRY(ReadInt(t, "low_speed_bytes_per_s", "sync.low_speed_bytes_per_s", 1, 1 << 20,
                   c.low_speed_bytes_per_s));
    TP_TRY(ReadInt(t, "low_speed_time_s", "sync.low_speed_time_s", 1, 600, c.low_speed_time_s));
    int max_response_mib = static_cast<int>(c.max_response_bytes >> 20);
    TP_TRY(ReadInt(t, "max_response_mib", "sync.max_response_mib", 1, 1024, max_response_mib));
    c.max_response_bytes = static_cast<std::int64_t>(max_response_mib) << 20;
    TP_TRY(ReadInt(t, "retry_min_s", "sync.retry_min_s", 1, 3600, c.retry_min_s));
    TP_TRY(ReadInt(t, "retry_max_s", "sync.retry_max_s", c.retry_min_s, 86400, c.retry_max_s));
    TP_TRY(ReadString(t, "clock_sync_marker", "sync.clock_sync_marker", c.clock_sync_marker));
    TP_TRY(ReadBool(t, "watch_network", "sync.watch_network", c.watch_network));
    return Ok();
}

constexpr const char* kWeekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};

Result<void> ParseScreenSchedule(const toml::table& t, ScreenSchedule& s) {
    TP_TRY(CheckKeys(t, "screen_schedule.",
                     {"enabled", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "wake_s", "power_command"}));
    TP_TRY(ReadBool(t, "enabled", "screen_schedule.enabled", s.enabled));
    for (size_t day = 0; day < 7; ++day) {
        const std::string key = std::string("screen_schedule.") + kWeekdays[day];
        const toml::node* n = t.get(kWeekdays[day]);
        if (n == nullptr) {
            continue;  // keeps the default: on all day
        }
        const toml::array* arr = n->as_array();
        if (arr == nullptr) {
            return Bad(key, "must be a list of hours like [\"07:30-20:00\"] ([] = off all day)");
        }
        std::vector<ScreenHours> hours;
        for (const toml::node& item : *arr) {
            const auto parsed =
                item.is_string() ? ParseScreenHours(item.as_string()->get()) : std::nullopt;
            if (!parsed) {
                return Bad(key,
                           "every entry must be \"HH:MM-HH:MM\" with the end after the "
                           "start, e.g. \"07:30-20:00\" (24:00 for midnight)");
            }
            hours.push_back(*parsed);
        }
        s.days[day] = std::move(hours);
    }
    TP_TRY(ReadInt(t, "wake_s", "screen_schedule.wake_s", 10, 24 * 3600, s.wake_s));
    TP_TRY(ReadString(t, "power_command", "screen_schedule.power_command", s.power_command));
    if (!s.power_command.empty() && s.power_command.front() != '/') {
        return Bad("screen_schedule.power_command", "must be an absolute path or \"\"");
    }
    return Ok();
}

Result<void> ParseInto(const toml::table& root, KioskConfig& config) {
    TP_TRY(CheckKeys(root, "",
                     {"kiosk", "display", "idle", "languages", "theme", "speech", "sync",
                      "screen_schedule", "volunteer"}));

    auto kiosk = SubTable(root, "kiosk");
    TP_TRY(kiosk);
    if (const toml::table* t = *kiosk) {
        TP_TRY(CheckKeys(*t, "kiosk.", {"place_id", "place_name", "data_dir"}));
        TP_TRY(ReadString(*t, "place_id", "kiosk.place_id", config.place_id));
        TP_TRY(ReadString(*t, "place_name", "kiosk.place_name", config.place_name));
        TP_TRY(ReadString(*t, "data_dir", "kiosk.data_dir", config.data_dir));
        if (!config.place_id.empty() && !IsUuid(config.place_id)) {
            return Bad("kiosk.place_id", "must be a place's id (a lower-case UUID) or \"\"");
        }
    }

    auto display = SubTable(root, "display");
    TP_TRY(display);
    if (const toml::table* t = *display) {
        TP_TRY(CheckKeys(*t, "display.",
                         {"fullscreen", "window_width", "window_height", "rotation", "diagonal_in",
                          "dpi", "renderer"}));
        DisplayConfig& d = config.display;
        TP_TRY(ReadBool(*t, "fullscreen", "display.fullscreen", d.fullscreen));
        TP_TRY(ReadInt(*t, "window_width", "display.window_width", 320, 16384, d.window_width));
        TP_TRY(ReadInt(*t, "window_height", "display.window_height", 240, 16384, d.window_height));
        int degrees = Degrees(d.rotation);
        if (const toml::node* n = t->get("rotation")) {
            if (!n->is_integer() ||
                !RotationFromDegrees(static_cast<int>(n->as_integer()->get()))) {
                const std::string got =
                    n->is_integer() ? std::to_string(n->as_integer()->get()) : "not a number";
                return Bad("display.rotation", "must be 0, 90, 180 or 270 (got " + got + ")");
            }
            degrees = static_cast<int>(n->as_integer()->get());
        }
        d.rotation = *RotationFromDegrees(degrees);
        TP_TRY(ReadNumber(*t, "diagonal_in", "display.diagonal_in", 0.0, 200.0, d.diagonal_in));
        TP_TRY(ReadNumber(*t, "dpi", "display.dpi", 0.0, 1000.0, d.dpi));
        std::string renderer = "auto";
        TP_TRY(ReadString(*t, "renderer", "display.renderer", renderer));
        if (renderer == "auto") {
            d.renderer = RendererChoice::kAuto;
        } else if (renderer == "opengl") {
            d.renderer = RendererChoice::kOpenGl;
        } else if (renderer == "software") {
            d.renderer = RendererChoice::kSoftware;
        } else {
            return Bad("display.renderer",
                       "must be \"auto\", \"opengl\" or \"software\" (got \"" + renderer + "\")");
        }
    }

    auto idle = SubTable(root, "idle");
    TP_TRY(idle);
    if (const toml::table* t = *idle) {
        TP_TRY(CheckKeys(*t, "idle.", {"timeout_s", "countdown_s"}));
        TP_TRY(ReadInt(*t, "timeout_s", "idle.timeout_s", 10, 24 * 3600, config.idle.timeout_s));
        TP_TRY(ReadInt(*t, "countdown_s", "idle.countdown_s", 20, 600, config.idle.countdown_s));
    }

    auto volunteer = SubTable(root, "volunteer");
    TP_TRY(volunteer);
    if (const toml::table* t = *volunteer) {
        TP_TRY(CheckKeys(*t, "volunteer.", {"idle_s"}));
        TP_TRY(ReadInt(*t, "idle_s", "volunteer.idle_s", 30, 3600, config.volunteer.idle_s));
    }

    auto languages = SubTable(root, "languages");
    TP_TRY(languages);
    if (const toml::table* t = *languages) {
        TP_TRY(CheckKeys(*t, "languages.", {"offered", "default"}));
        if (const toml::node* n = t->get("offered")) {
            const toml::array* arr = n->as_array();
            if (arr == nullptr || arr->empty()) {
                return Bad("languages.offered",
                           "must be a list of language codes like [\"de\", \"en\"]");
            }
            config.languages.offered.clear();
            for (const toml::node& item : *arr) {
                if (!item.is_string() || !IsLanguageCode(item.as_string()->get())) {
                    return Bad("languages.offered",
                               "every entry must be a two-letter language code such as \"de\"");
                }
                config.languages.offered.push_back(item.as_string()->get());
            }
        }
        TP_TRY(ReadString(*t, "default", "languages.default", config.languages.default_language));
    }
    bool default_offered = false;
    for (const std::string& l : config.languages.offered) {
        default_offered = default_offered || l == config.languages.default_language;
    }
    if (!default_offered) {
        return Bad("languages.default", "\"" + config.languages.default_language +
                                            "\" must be one of languages.offered");
    }

    auto theme = SubTable(root, "theme");
    TP_TRY(theme);
    if (const toml::table* t = *theme) {
        TP_TRY(CheckKeys(*t, "theme.", {"high_contrast", "text_size"}));
        TP_TRY(ReadBool(*t, "high_contrast", "theme.high_contrast", config.theme.high_contrast));
        std::string size = TextSizeName(config.theme.text_size);
        TP_TRY(ReadString(*t, "text_size", "theme.text_size", size));
        if (size == "normal") {
            config.theme.text_size = TextSize::kNormal;
        } else if (size == "large") {
            config.theme.text_size = TextSize::kLarge;
        } else if (size == "largest") {
            config.theme.text_size = TextSize::kLargest;
        } else {
            return Bad("theme.text_size",
                       "must be \"normal\", \"large\" or \"largest\" (got \"" + size + "\")");
        }
    }

    auto speech = SubTable(root, "speech");
    TP_TRY(speech);
    if (const toml::table* t = *speech) {
        TP_TRY(CheckKeys(*t, "speech.", {"read_aloud", "volume_percent", "rate_wpm"}));
        std::string mode = "auto";
        TP_TRY(ReadString(*t, "read_aloud", "speech.read_aloud", mode));
        if (mode == "auto") {
            config.speech.read_aloud = ReadAloudMode::kAuto;
        } else if (mode == "on") {
            config.speech.read_aloud = ReadAloudMode::kOn;
        } else if (mode == "off") {
            config.speech.read_aloud = ReadAloudMode::kOff;
        } else {
            return Bad("speech.read_aloud",
                       "must be \"auto\", \"on\" or \"off\" (got \"" + mode + "\")");
        }
        TP_TRY(ReadInt(*t, "volume_percent", "speech.volume_percent", 0, 200,
                       config.speech.volume_percent));
        TP_TRY(ReadInt(*t, "rate_wpm", "speech.rate_wpm", 80, 450, config.speech.rate_wpm));
    }

    auto sync = SubTable(root, "sync");
    TP_TRY(sync);
    if (const toml::table* t = *sync) {
        TP_TRY(ParseSync(*t, config.sync));
    }

    auto screen = SubTable(root, "screen_schedule");
    TP_TRY(screen);
    if (const toml::table* t = *screen) {
        TP_TRY(ParseScreenSchedule(*t, config.screen_schedule));
    }
    return Ok();
}

#undef TP_TRY

}  // namespace

Result<KioskConfig> ParseKioskConfig(const std::string& toml_text) {
    toml::table root;
    try {
        root = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "line " << e.source().begin.line << ", column " << e.source().begin.column << ": "
            << e.description();
        return Fail("config.syntax", msg.str());
    }
    KioskConfig config;
    auto parsed = ParseInto(root, config);
    if (!parsed) {
        return Unexpected<Error>(parsed.error());
    }
    return config;
}

Result<KioskConfig> LoadKioskConfig(const std::string& path) {
    auto text = ReadTextFile(path, 1u << 20);
    if (!text) {
        return Fail("config.io", "cannot read the config " + path + ": " + text.error().message);
    }
    auto config = ParseKioskConfig(*text);
    if (!config) {
        return Fail(config.error().code, path + ": " + config.error().message);
    }
    return config;
}

std::string TextSizeName(TextSize size) {
    switch (size) {
        case TextSize::kNormal:
            return "normal";
        case TextSize::kLarge:
            return "large";
        case TextSize::kLargest:
            return "largest";
    }
    return "normal";
}

}  // namespace treffpunkt
