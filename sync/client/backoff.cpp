#include "sync/client/backoff.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace treffpunkt {

using namespace std::chrono;

milliseconds Backoff::NextDelay(std::optional<seconds> retry_after) {
    ++m_failures;
    const double base_s = static_cast<double>(m_policy.first.count()) *
                          std::pow(m_policy.factor, std::min(m_failures - 1, 30));
    std::uniform_real_distribution<double> spread(1.0 - m_policy.jitter, 1.0 + m_policy.jitter);
    const double longest_s = static_cast<double>(m_policy.longest.count());
    double delay_s = std::min(base_s, longest_s) * spread(m_random);
    delay_s = std::min(delay_s, longest_s);
    if (retry_after) {
        const double asked_s =
            std::clamp(static_cast<double>(retry_after->count()), 0.0, longest_s);
        delay_s = std::max(delay_s, asked_s);
    }
    return milliseconds(static_cast<long long>(delay_s * 1000.0));
}

std::optional<seconds> ParseRetryAfter(const std::string& value, system_clock::time_point now) {
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (value.size() > 9) {
            return seconds{999'999'999};
        }
        return seconds{std::stoll(value)};
    }
    // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    char weekday[4] = {};
    char month_name[4] = {};
    int day_value = 0;
    int year_value = 0;
    int hh = 0;
    int mm = 0;
    int ss = 0;
    if (std::sscanf(value.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT", weekday, &day_value,
                    month_name, &year_value, &hh, &mm, &ss) != 7) {
        return std::nullopt;
    }
    static constexpr std::array<const char*, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto it = std::find_if(kMonths.begin(), kMonths.end(),
                                 [&](const char* m) { return std::strcmp(m, month_name) == 0; });
    if (it == kMonths.end()) {
        return std::nullopt;
    }
    const year_month_day date{year{year_value},
                              month{static_cast<unsigned>(it - kMonths.begin() + 1)},
                              day{static_cast<unsigned>(day_value)}};
    if (!date.ok() || hh > 23 || mm > 59 || ss > 60) {
        return std::nullopt;
    }
    const system_clock::time_point when = sys_days{date} + hours{hh} + minutes{mm} + seconds{ss};
    return std::max(seconds{0}, duration_cast<seconds>(when - now));
}

}  // namespace treffpunkt
