// Pieces the volunteers' screens share: the message line, problems under a field, a text
// field that opens the on-screen keyboard, a date field with a month calendar, time steppers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

// Keys that end in a number or a field name ("volunteer.month.12", "volunteer.field.title").
inline constexpr std::string_view kMonthKey = "volunteer.month.";
inline constexpr std::string_view kWeekdayKey = "volunteer.weekday.";  // 0 = Monday
inline constexpr std::string_view kWeekdayShortKey = "volunteer.weekday_short.";
inline constexpr std::string_view kFieldKey = "volunteer.field.";

// The text of a volunteer message or field problem in the UI language.
std::string VolunteerText(const ScreenContext& ctx, const std::string& key,
                          const std::string& detail);
// state.volunteer.message, if any (errors in bold with "!").
void VolunteerMessageLine(ScreenContext& ctx);
// The problems of the last save at `field` (prefix match with a trailing '.').
void ProblemsAt(ScreenContext& ctx, const std::string& field);
// A labelled box with the text of form field `key`; a tap gives it the keyboard in `mode`.
void FormTextField(ScreenContext& ctx, const std::string& key, const std::string& label,
                   KeyboardMode mode, int lines = 1);
// "Von: Mi., 24.12.2026": a tap opens a month calendar under it; a day sets `value`.
void DateField(ScreenContext& ctx, const char* id, const std::string& label,
               std::optional<Date>& value, DateTarget target);
// "Beginn 14:00" with −1:00 −0:15 +0:15 +1:00; `minute` stays within [lo, hi].
void TimeStepper(ScreenContext& ctx, const char* id, const std::string& label, int& minute, int lo,
                 int hi);

}  // namespace treffpunkt
