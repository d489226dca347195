#include "sync/model/time.hpp"

#include <array>
#include <cstdio>

namespace treffpunkt {

using namespace std::chrono;

namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// Parses exactly `count` digits at text[pos...]; nullopt if any is not a digit.
std::optional<int> Digits(std::string_view text, size_t pos, size_t count) {
    if (pos + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (!IsDigit(text[i])) {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// The last Sunday of a month at 01:00 UTC, when EU summer time begins or ends.
UtcTime LastSundayAt0100Utc(int year_value, unsigned month_value) {
    const sys_days last =
        sys_days{year_month_day_last{year{year_value}, month_day_last{month{month_value}}}};
    const weekday wd{last};
    const sys_days sunday = last - days{wd.c_encoding()};  // c_encoding: Sunday = 0
    return UtcTime{sunday} + hours{1};
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto y = Digits(text, 0, 4);
    const auto m = Digits(text, 5, 2);
    const auto d = Digits(text, 8, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

std::string FormatDate(Date date) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf.data();
}

std::optional<int> ParseClockTime(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const auto h = Digits(text, 0, 2);
    const auto m = Digits(text, 3, 2);
    if (!h || !m || *m > 59) {
        return std::nullopt;
    }
    if (*h == 24 && *m == 0) {
        return 24 * 60;
    }
    if (*h > 23) {
        return std::nullopt;
    }
    return *h * 60 + *m;
}

std::string FormatClockTime(int minute_of_day) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return buf.data();
}

std::optional<UtcTime> ParseUtcTime(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|-hh:mm)
    if (text.size() < 20) {
        return std::nullopt;
    }
    const auto date = ParseDate(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    const auto h = Digits(text, 11, 2);
    const auto mi = Digits(text, 14, 2);
    const auto s = Digits(text, 17, 2);
    if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) {
        return std::nullopt;
    }
    size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const size_t digits_start = pos;
        while (pos < text.size() && IsDigit(text[pos])) {
            ++pos;
        }
        if (pos == digits_start) {
            return std::nullopt;
        }
    }
    if (pos >= text.size()) {
        return std::nullopt;
    }
    int offset_s = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '+' ? 1 : -1;
        const auto oh = Digits(text, pos + 1, 2);
        const auto om = Digits(text, pos + 4, 2);
        if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offset_s = sign * (*oh * 3600 + *om * 60);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const int sec = *s == 60 ? 59 : *s;  // a leap second is folded into the one before
    return UtcTime{sys_days{*date}} + hours{*h} + minutes{*mi} + seconds{sec} - seconds{offset_s};
}

std::string FormatUtcTime(UtcTime t) {
    const sys_days day_start = floor<days>(t);
    const Date date{day_start};
    const auto secs = (t - day_start).count();
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%sT%02lld:%02lld:%02lldZ", FormatDate(date).c_str(),
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    return buf.data();
}

seconds BerlinUtcOffset(UtcTime t) {
    const int y = static_cast<int>(Date{floor<days>(t)}.year());
    const UtcTime summer_start = LastSundayAt0100Utc(y, 3);
    const UtcTime summer_end = LastSundayAt0100Utc(y, 10);
    return (t >= summer_start && t < summer_end) ? hours{2} : hours{1};
}

LocalDateTime ToBerlin(UtcTime t) {
    const UtcTime local = t + BerlinUtcOffset(t);
    const sys_days day_start = floor<days>(local);
    const auto secs = (local - day_start).count();
    return LocalDateTime{Date{day_start}, static_cast<int>(secs / 60), static_cast<int>(secs % 60)};
}

UtcTime FromBerlin(Date date, int minute_of_day) {
    const UtcTime as_if_utc = UtcTime{sys_days{date}} + minutes{minute_of_day};
    // Try the standard-time reading first, then summer time; keep the one that round-trips.
    // Prefer summer time (the earlier instant) when both do: that is the first occurrence.
    const UtcTime summer = as_if_utc - hours{2};
    const UtcTime winter = as_if_utc - hours{1};
    if (BerlinUtcOffset(summer) == hours{2}) {
        return summer;
    }
    if (BerlinUtcOffset(winter) == hours{1}) {
        return winter;
    }
    // In the spring gap neither reading round-trips: the wall clock jumps from 02:00 to 03:00,
    // so 02:30 "happens" at 03:30 CEST, i.e. the standard-time reading.
    return winter;
}

int IsoWeekdayIndex(Date date) {
    return static_cast<int>(weekday{sys_days{date}}.iso_encoding()) - 1;
}

}  // namespace treffpunkt
