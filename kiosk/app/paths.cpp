#include "kiosk/app/paths.hpp"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>

namespace treffpunkt {

namespace {

std::string EnvOrEmpty(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

std::string ExecutableDir() {
    std::array<char, 4096> buf{};
    const ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    if (n <= 0) {
        return {};
    }
    return std::filesystem::path(std::string(buf.data(), static_cast<size_t>(n)))
        .parent_path()
        .string();
}

bool IsDir(const std::string& path) {
    std::error_code ec;
    return !path.empty() && std::filesystem::is_directory(path, ec);
}

}  // namespace

std::string AssetsDir() {
    if (const std::string env = EnvOrEmpty("TREFFPUNKT_ASSETS_DIR"); IsDir(env)) {
        return env;
    }
    if (const std::string exe = ExecutableDir(); !exe.empty()) {
        const std::string installed = exe + "/../share/treffpunkt";
        if (IsDir(installed + "/i18n")) {
            return std::filesystem::weakly_canonical(installed).string();
        }
    }
    if (IsDir(std::string(TREFFPUNKT_INSTALL_ASSETS_DIR) + "/i18n")) {
        return TREFFPUNKT_INSTALL_ASSETS_DIR;
    }
    return TREFFPUNKT_SOURCE_ASSETS_DIR;
}

std::string AssetPath(std::string_view relative) {
    return AssetsDir() + "/" + std::string(relative);
}

std::string DefaultDataDir() {
    if (const std::string env = EnvOrEmpty("TREFFPUNKT_DATA_DIR"); !env.empty()) {
        return env;
    }
    if (const std::string xdg = EnvOrEmpty("XDG_DATA_HOME"); !xdg.empty() && xdg[0] == '/') {
        return xdg + "/treffpunkt";
    }
    const std::string home = EnvOrEmpty("HOME");
    return (home.empty() ? std::string("/tmp") : home) + "/.local/share/treffpunkt";
}

std::string DefaultDatabasePath() {
    return DefaultDataDir() + "/replica.db";
}

}  // namespace treffpunkt
