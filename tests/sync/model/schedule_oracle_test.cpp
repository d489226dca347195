// Differential test: our RRULE expansion against libical, the reference implementation of
// RFC 5545, on thousands of random rules of the supported subset.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <random>

#include "sync/model/schedule.hpp"

using namespace treffpunkt;
using namespace std::chrono;

namespace {

constexpr int kHorizonDays = 12 * 366;
const char* const kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string RandomRule(std::mt19937& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const bool monthly = pick(0, 1) == 1;
    std::string rule = monthly ? "FREQ=MONTHLY" : "FREQ=WEEKLY";
    const int interval = pick(1, 4);
    if (interval > 1) {
        rule += ";INTERVAL=" + std::to_string(interval);
    }
    const int shape = pick(0, 3);
    if (monthly && shape == 3) {
        const int md = pick(0, 1) ? pick(1, 31) : -pick(1, 5);
        rule += ";BYMONTHDAY=" + std::to_string(md);
    } else if (shape != 0) {
        rule += ";BYDAY=";
        const int n = pick(1, 3);
        std::vector<int> days = {0, 1, 2, 3, 4, 5, 6};
        std::shuffle(days.begin(), days.end(), rng);  // distinct weekdays: BYDAY is a set
        for (int i = 0; i < n; ++i) {
            if (i > 0) {
                rule += ",";
            }
            if (monthly && pick(0, 2) != 0) {
                const int ordinal = pick(0, 1) ? pick(1, 4) : -pick(1, 2);
                rule += std::to_string(ordinal);
            }
            rule += kDays[days[static_cast<size_t>(i)]];
        }
    }
    if (pick(0, 3) == 0) {
        rule += ";COUNT=" + std::to_string(pick(1, 30));
    }
    return rule;
}

icaltimetype IcalDate(Date d) {
    const std::string iso = FormatDate(d);
    const std::string compact = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    return icaltime_from_string(compact.c_str());  // a DATE value (no time part)
}

std::vector<std::string> FromLibical(const std::string& rule, Date start, size_t n) {
    std::vector<std::string> out;
    icalrecurrencetype recur = icalrecurrencetype_from_string(rule.c_str());
    icalrecur_iterator* it = icalrecur_iterator_new(recur, IcalDate(start));
    const std::string last = FormatDate(Date{sys_days{start} + days{kHorizonDays}});
    for (size_t i = 0; i < 4 * n && out.size() < n; ++i) {
        const icaltimetype t = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(t)) {
            break;
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
        if (std::string(buf) > last) {
            break;
        }
        out.emplace_back(buf);
    }
    icalrecur_iterator_free(it);
    return out;
}

}  // namespace

TEST(ScheduleOracle, AgreesWithLibicalOnRandomRules) {
    std::mt19937 rng(20261125);
    int compared = 0;
    for (int round = 0; round < 3000; ++round) {
        const std::string rule = RandomRule(rng);
        const Date anchor{sys_days{Date{year{2024}, month{1}, day{1}}} +
                          days{std::uniform_int_distribution<int>(0, 1500)(rng)}};
        // Start on the rule's own first occurrence: RFC 5545 leaves a start that does not fit
        // the rule undefined, and libical then reports it anyway.
        Schedule probe;
        probe.start_date = anchor;
        probe.rrule = rule.substr(0, rule.find(";COUNT"));
        probe.start_minute = 600;
        probe.end_minute = 660;
        const auto first = NextSessions(probe, FromBerlin(anchor, 0), 1, 400);
        if (first.empty()) {
            continue;
        }
        Schedule s = probe;
        s.rrule = rule;
        s.start_date = BerlinDate(first[0].start);

        std::vector<std::string> ours;
        for (const Session& session :
             NextSessions(s, FromBerlin(*s.start_date, 0), 40, kHorizonDays)) {
            ours.push_back(FormatDate(BerlinDate(session.start)));
        }
        const auto theirs = FromLibical(rule, *s.start_date, 40);
        ASSERT_EQ(ours, theirs) << rule << " from " << FormatDate(*s.start_date);

        // Jumping ahead (no COUNT) must give the same dates as walking from the start.
        if (rule.find("COUNT") == std::string::npos && theirs.size() > 20) {
            const Date middle = *ParseDate(theirs[20]);
            const auto later = NextSessions(s, FromBerlin(middle, 0), 5, kHorizonDays);
            ASSERT_FALSE(later.empty());
            EXPECT_EQ(FormatDate(BerlinDate(later[0].start)), theirs[20]) << rule;
        }
        ++compared;
    }
    EXPECT_GT(compared, 2500);
}
