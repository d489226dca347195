#include "sync/hub/hub_config.hpp"

#include <toml++/toml.h>
#include <filesystem>
#include <map>

#include "sync/model/dataset.hpp"

namespace treffpunkt::hub {

namespace {

// Reads one TOML document against a list of known keys, collecting every problem.
class ConfigReader {
  public:
    ConfigReader(const toml::table& root, std::string base_dir)
        : m_root(root), m_base_dir(std::move(base_dir)) {}

    void Problem(const std::string& key, const std::string& message) {
        m_problems.push_back(key + ": " + message);
    }
    const std::vector<std::string>& problems() const { return m_problems; }

    // Registers a key and returns its node if present.
    const toml::node* Node(const std::string& section, const std::string& key) {
        m_known[section].push_back(key);
        const toml::table* table = m_root[section].as_table();
        return table == nullptr ? nullptr : table->get(key);
    }

    void Int(const std::string& section, const std::string& key, int& out, long long min,
             long long max) {
        const toml::node* node = Node(section, key);
        if (node == nullptr) {
            return;
        }
        const auto value = node->value_exact<int64_t>();
        if (!value || *value < min || *value > max) {
            Problem(section + "." + key, "must be a whole number from " + std::to_string(min) +
                                             " to " + std::to_string(max));
            return;
        }
        out = static_cast<int>(*value);
    }

    void Size(const std::string& section, const std::string& key, std::size_t& out, long long min,
              long long max) {
        const toml::node* node = Node(section, key);
        if (node == nullptr) {
            return;
        }
        const auto value = node->value_exact<int64_t>();
        if (!value || *value < min || *value > max) {
            Problem(section + "." + key, "must be a whole number from " + std::to_string(min) +
                                             " to " + std::to_string(max));
            return;
        }
        out = static_cast<std::size_t>(*value);
    }

    void Bool(const std::string& section, const std::string& key, bool& out) {
        const toml::node* node = Node(section, key);
        if (node == nullptr) {
            return;
        }
        const auto value = node->value_exact<bool>();
        if (!value) {
            Problem(section + "." + key, "must be true or false");
            return;
        }
        out = *value;
    }

    void String(const std::string& section, const std::string& key, std::string& out,
                bool is_path = false) {
        const toml::node* node = Node(section, key);
        if (node == nullptr) {
            return;
        }
        const auto value = node->value_exact<std::string>();
        if (!value || value->empty()) {
            Problem(section + "." + key, "must be a non-empty string");
            return;
        }
        out = *value;
        if (is_path && !m_base_dir.empty() && std::filesystem::path(out).is_relative()) {
            out = (std::filesystem::path(m_base_dir) / out).lexically_normal().string();
        }
    }

    void Strings(const std::string& section, const std::string& key,
                 std::vector<std::string>& out) {
        const toml::node* node = Node(section, key);
        if (node == nullptr) {
            return;
        }
        const toml::array* array = node->as_array();
        std::vector<std::string> values;
        bool ok = array != nullptr;
        if (array != nullptr) {
            for (const toml::node& item : *array) {
                const auto value = item.value_exact<std::string>();
                if (!value) {
                    ok = false;
                    break;
                }
                values.push_back(*value);
            }
        }
        if (!ok) {
            Problem(section + "." + key, "must be a list of strings");
            return;
        }
        out = std::move(values);
    }

    // Reports sections and keys that were never asked for.
    void ReportUnknown() {
        for (const auto& [section, node] : m_root) {
            const std::string name(section.str());
            const auto known = m_known.find(name);
            if (known == m_known.end()) {
                Problem(name, "is not a known section (see config/hub.example.toml)");
                continue;
            }
            const toml::table* table = node.as_table();
            if (table == nullptr) {
                Problem(name, "must be a section [" + name + "]");
                continue;
            }
            for (const auto& [key, value] : *table) {
                const std::string key_name(key.str());
                bool found = false;
                for (const std::string& k : known->second) {
                    found = found || k == key_name;
                }
                if (!found) {
                    Problem(name + "." + key_name,
                            "is not a known key (check the spelling; see "
                            "config/hub.example.toml)");
                }
            }
        }
    }

  private:
    const toml::table& m_root;
    std::string m_base_dir;
    std::map<std::string, std::vector<std::string>> m_known;
    std::vector<std::string> m_problems;
};

void Read(ConfigReader& r, HubConfig& c) {
    r.String("database", "path", c.database.path, true);
    r.Int("database", "busy_timeout_ms", c.database.busy_timeout_ms, 0, 600000);

    r.String("server", "listen_address", c.server.listen_address);
    r.Int("server", "port", c.server.port, 0, 65535);
    std::string mode = c.server.mode == ServerMode::kHttps ? "https" : "http-behind-proxy";
    r.String("server", "mode", mode);
    if (mode == "https") {
        c.server.mode = ServerMode::kHttps;
    } else if (mode == "http-behind-proxy") {
        c.server.mode = ServerMode::kHttpBehindProxy;
    } else {
        r.Problem("server.mode",
                  "must be \"https\" or \"http-behind-proxy\", not \"" + mode + "\"");
    }
    r.Int("server", "threads", c.server.threads, 2, 256);
    r.Int("server", "keep_alive_timeout_s", c.server.keep_alive_timeout_s, 1, 300);
    r.Int("server", "keep_alive_max_requests", c.server.keep_alive_max_requests, 1, 1000000);
    r.Strings("server", "trusted_proxies", c.server.trusted_proxies);
    r.Bool("server", "log_requests", c.server.log_requests);

    r.String("tls", "certificate", c.tls.certificate, true);
    r.String("tls", "private_key", c.tls.private_key, true);

    r.Int("sync", "tombstone_retention_days", c.sync.tombstone_retention_days, 1, 3650);
    r.Int("sync", "default_page_size", c.sync.default_page_size, 1, 100000);
    r.Int("sync", "max_page_size", c.sync.max_page_size, 1, 100000);
    r.Int("sync", "max_edits_per_push", c.sync.max_edits_per_push, 1, 100000);
    if (c.sync.default_page_size > c.sync.max_page_size) {
        r.Problem("sync.default_page_size", "must not be larger than sync.max_page_size");
    }

    r.Int("pairing", "code_ttl_s", c.pairing.code_ttl_s, 10, 86400);
    r.Int("pairing", "poll_interval_s", c.pairing.poll_interval_s, 1, 3600);
    r.Int("pairing", "max_open", c.pairing.max_open, 1, 10000);

    r.Size("limits", "max_body_bytes", c.limits.max_body_bytes, 1024, 1LL << 30);
    r.Size("limits", "max_header_bytes", c.limits.max_header_bytes, 1024, 1LL << 20);
    r.Int("limits", "request_timeout_s", c.limits.request_timeout_s, 1, 3600);
    r.Int("limits", "requests_per_minute", c.limits.requests_per_minute, 1, 10000000);
    r.Int("limits", "pairing_requests_per_minute", c.limits.pairing_requests_per_minute, 1,
          10000000);

    r.Int("status", "online_within_s", c.status.online_within_s, 1, 10000000);
    r.Int("status", "offline_after_s", c.status.offline_after_s, 1, 100000000);
    if (c.status.online_within_s > c.status.offline_after_s) {
        r.Problem("status.online_within_s", "must not be larger than status.offline_after_s");
    }

    int opslimit = static_cast<int>(c.argon2.params.opslimit);
    int memlimit_kib = static_cast<int>(c.argon2.params.memlimit_bytes / 1024);
    r.Int("argon2", "opslimit", opslimit, 1, 100);
    r.Int("argon2", "memlimit_kib", memlimit_kib, 8, 4 * 1024 * 1024);
    r.Bool("argon2", "insecure_test_parameters", c.argon2.insecure_test_parameters);
    c.argon2.params.opslimit = static_cast<std::uint64_t>(opslimit);
    c.argon2.params.memlimit_bytes = static_cast<std::size_t>(memlimit_kib) * 1024;
    if (!c.argon2.insecure_test_parameters) {
        // Below these a stolen verifier is cheap to brute-force: 6 digits are only 10^6 PINs.
        if (c.argon2.params.opslimit < 2) {
            r.Problem("argon2.opslimit", "must be at least 2");
        }
        if (memlimit_kib < 16 * 1024) {
            r.Problem("argon2.memlimit_kib", "must be at least 16384 (16 MiB)");
        }
    }
}

}  // namespace

Argon2Params HubConfig::PinParams() const {
    return argon2.insecure_test_parameters ? InsecureTestArgon2Params() : argon2.params;
}

Result<HubConfig> ParseHubConfig(std::string_view text, const std::string& source_name,
                                 const std::string& base_dir) {
    HubConfig config;
    config.source = source_name;
    try {
        const toml::table root = toml::parse(text, source_name);
        ConfigReader reader(root, base_dir);
        Read(reader, config);
        reader.ReportUnknown();
        if (!reader.problems().empty()) {
            std::string message = source_name + ":";
            for (const std::string& p : reader.problems()) {
                message += "\n  " + p;
            }
            return Fail("config.invalid", message);
        }
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        return Fail("config.invalid", source_name + ":" + std::to_string(where.line) + ":" +
                                          std::to_string(where.column) + ": " +
                                          std::string(e.description()));
    }
    return config;
}

Result<HubConfig> LoadHubConfig(const std::string& path) {
    if (!std::filesystem::exists(path)) {
        return Fail("config.missing",
                    "no configuration at " + path +
                        " (copy config/hub.example.toml there, or pass --config FILE)");
    }
    auto text = ReadTextFile(path, 1u << 20);
    if (!text) {
        return Fail("config.missing", text.error().message);
    }
    const std::string base =
        std::filesystem::absolute(std::filesystem::path(path)).parent_path().string();
    return ParseHubConfig(*text, path, base);
}

}  // namespace treffpunkt::hub
