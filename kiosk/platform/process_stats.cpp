#include "kiosk/platform/process_stats.hpp"

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace treffpunkt {

double ProcessAgeMs() {
    std::ifstream stat("/proc/self/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Field 22 (starttime, clock ticks since boot) comes after the command in parentheses.
    const size_t close = content.rfind(')');
    if (close == std::string::npos) {
        return -1.0;
    }
    std::istringstream fields(content.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 22) {
            const double ticks = std::stod(field);
            timespec now{};
            clock_gettime(CLOCK_BOOTTIME, &now);
            const double now_ms =
                static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
            return now_ms - ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
        }
    }
    return -1.0;
}

std::int64_t PeakRssKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stoll(line.substr(6));
        }
    }
    return 0;
}

MemorySample SampleMemory() {
    MemorySample m;
    std::ifstream rollup("/proc/self/smaps_rollup");
    std::string line;
    auto value = [&](const char* key) -> std::optional<std::int64_t> {
        const size_t n = std::char_traits<char>::length(key);
        if (line.compare(0, n, key) == 0) {
            return std::stoll(line.substr(n));
        }
        return std::nullopt;
    };
    while (std::getline(rollup, line)) {
        if (auto v = value("Rss:")) {
            m.rss_kb = *v;
        } else if (auto a = value("Anonymous:")) {
            m.anonymous_kb = *a;
        } else if (auto d = value("Private_Dirty:")) {
            m.private_dirty_kb = *d;
        }
    }
    return m;
}

std::int64_t HeapInUseKb() {
    const struct mallinfo2 info = mallinfo2();
    return static_cast<std::int64_t>((info.uordblks + info.hblkhd) / 1024);
}

void KeepPeak(MemorySample& peak, const MemorySample& sample) {
    peak.rss_kb = std::max(peak.rss_kb, sample.rss_kb);
    peak.anonymous_kb = std::max(peak.anonymous_kb, sample.anonymous_kb);
    peak.private_dirty_kb = std::max(peak.private_dirty_kb, sample.private_dirty_kb);
}

namespace {
double CpuMs(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}
}  // namespace

double ThreadCpuMs() {
    return CpuMs(CLOCK_THREAD_CPUTIME_ID);
}
double ProcessCpuMs() {
    return CpuMs(CLOCK_PROCESS_CPUTIME_ID);
}

double Percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
    return values[static_cast<size_t>(std::lround(rank))];
}

std::string StatsJson(const GuiStats& s) {
    char buf[1024];
    std::snprintf(
        buf, sizeof buf,
        "{\"first_frame_ms\": %.1f, \"frames_rendered\": %llu, \"peak_rss_kb\": %lld, "
        "\"anon_peak_kb\": %lld, \"private_dirty_peak_kb\": %lld, "
        "\"rss_exit_kb\": %lld, \"anon_exit_kb\": %lld, \"private_dirty_exit_kb\": %lld, "
        "\"heap_in_use_exit_kb\": %lld, "
        "\"frame_cpu_ms_p50\": %.3f, \"frame_cpu_ms_p99\": %.3f, "
        "\"render_cpu_ms_p50\": %.3f, \"render_cpu_ms_p99\": %.3f, "
        "\"process_cpu_ms\": %.1f, \"night_darkenings\": %llu, \"renderer\": \"%s\", "
        "\"present\": \"%s\"}\n",
        s.first_frame_ms, static_cast<unsigned long long>(s.frames_rendered),
        static_cast<long long>(s.peak_rss_kb), static_cast<long long>(s.peak_memory.anonymous_kb),
        static_cast<long long>(s.peak_memory.private_dirty_kb),
        static_cast<long long>(s.exit_memory.rss_kb),
        static_cast<long long>(s.exit_memory.anonymous_kb),
        static_cast<long long>(s.exit_memory.private_dirty_kb),
        static_cast<long long>(s.heap_in_use_kb), Percentile(s.frame_cpu_ms, 50.0),
        Percentile(s.frame_cpu_ms, 99.0), Percentile(s.render_cpu_ms, 50.0),
        Percentile(s.render_cpu_ms, 99.0), s.process_cpu_ms,
        static_cast<unsigned long long>(s.night_darkenings), s.renderer.c_str(), s.present.c_str());
    return buf;
}

}  // namespace treffpunkt
