// What "Vorlesen" reads on each screen: the content in words — title, schedule sentence,
// place, contact — never the names of data fields, with numbers made easy to follow (phone
// numbers digit by digit, "9 bis 11:30 Uhr", dates with the weekday's full name). Each part
// is marked with its language so the speech engine picks the right voice. No UI, no audio.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/speech_output.hpp"

namespace treffpunkt {

// A list row as the screen showed it.
struct ShownRow {
    std::string title;
    std::string detail;
};

// The script for the screen `screen`: a detail screen reads its record, a list screen its
// title, the number of entries and the rows on screen (`rows`). Empty for home.
SpeechScript ScreenSpeech(KioskApp& app, const ScreenRef& screen, const std::vector<ShownRow>& rows,
                          UtcTime now);
// The script for one offer (the detail screen's).
SpeechScript OfferSpeech(const KioskApp& app, const OfferView& view, UtcTime now);

// The script as SSML for espeak-ng: every part in <voice xml:lang="…">, text escaped.
std::string SpeechSsml(const SpeechScript& script);
// A phone number read digit by digit, groups separated by pauses:
// "06831 444-123" -> "0 6 8 3 1, 4 4 4, 1 2 3".
std::string PhoneForSpeech(std::string_view phone);
// Words in the script (for plausibility checks of synthesized speech).
size_t WordCount(const SpeechScript& script);

}  // namespace treffpunkt
