// Everything the kiosk screen shows that is not data: the current screen and its history,
// the search text, filters, language, text size, contrast, per-screen scroll and keyboard
// state. A plain struct so that tests can build any screen in any state. No UI, no SQLite.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/volunteer_state.hpp"
#include "kiosk/core/kinetic_scroll.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

enum class Screen {
    kHome,
    kOffers,   // results: offers with filters and search
    kOffer,    // one offer
    kHelpers,  // "Hilfe im Alltag"
    kHelper,
    kContacts,
    kContact,
    kPlaces,  // "Orte der Begegnung" (and all places)
    kPlace,
    kNetworks,
    kNetwork,
    kVolunteerLogin,    // the PIN pad ("Für Ehrenamtliche")
    kVolunteerHome,     // what a logged-in volunteer can do
    kOfferEdit,         // the offer form (id = the offer; a new one when creating)
    kVolunteerAnswers,  // conflicts and rejections from the hub
    kSyncStatus,  // "Stand", connection, edits waiting, the last error; "Jetzt synchronisieren"
};

// One entry of the navigation history: a screen and, for details, the record shown.
struct ScreenRef {
    Screen screen{Screen::kHome};
    std::string id;  // record id on detail screens; empty on lists and home

    bool operator==(const ScreenRef&) const = default;
};

// QWERTZ, AZERTY, QWERTY (residents' search), and for volunteers' translations Turkish Q,
// Ukrainian and Russian ЙЦУКЕН and the Arabic PC layout's letters.
enum class KeyboardLayout { kGerman, kFrench, kEnglish, kTurkish, kUkrainian, kRussian, kArabic };

// What the field being typed into holds: letters, a phone number, an e-mail or web address,
// or a number. Phone and number show a digit pad; e-mail and web add @ . / : keys.
enum class KeyboardMode { kText, kPhone, kEmail, kWeb, kNumber };

struct KeyboardState {
    bool visible{false};                             // shown at the bottom of the screen
    KeyboardLayout layout{KeyboardLayout::kGerman};  // follows the UI language until switched
    KeyboardLayout home{KeyboardLayout::kGerman};    // the field's own; the switch starts here
    bool shift{false};                               // next letter upper case
    bool numbers{false};                             // digits and punctuation instead of letters
    KeyboardMode mode{KeyboardMode::kText};          // set by the field that opened it
};

// The chip group that is open on the results screen.
enum class FilterGroup { kNone, kTopic, kTargetGroup, kDistrict, kLanguage };

// Which QR code a detail screen shows.
enum class QrKind { kCalendar, kContact, kWeb };

struct AppState {
    std::vector<ScreenRef> history{ScreenRef{}};  // never empty; back() is the current screen
    std::string search_text;                      // what was typed on the on-screen keyboard
    OfferQuery offer_query;                       // filters of the results screen (+ text)
    FilterGroup open_filter_group{FilterGroup::kNone};
    std::string helper_kind_id;      // helpers screen filter: help_kind term id; "" = all
    std::string helper_district;     // helpers screen filter: district; "" = all
    std::string network_level_id;    // networks screen filter: network_level term id; "" = all
    bool places_meeting_only{true};  // places screen: only Orte der Begegnung
    std::string language{"de"};      // UI and content language
    TextSize text_size{TextSize::kNormal};
    bool high_contrast{false};
    KeyboardState keyboard;
    QrKind qr_kind{QrKind::kCalendar};
    std::map<Screen, KineticScroll> scroll;  // per screen; detail screens start at the top
    bool language_picker{false};             // the list of languages is open over the screen
    bool idle_warning{false};                // "Sind Sie noch da?" is shown
    int idle_seconds_left{0};                // its countdown
    std::uint64_t generation{0};             // bumps with every action (caches and tests watch it)
    VolunteerState volunteer;                // PIN pad, login, offer form (cleared at every reset)

    const ScreenRef& Current() const { return history.back(); }
    KineticScroll& ScrollOf(Screen screen) { return scroll[screen]; }
};

// The residents' search keyboard for a UI language: AZERTY for French, QWERTY for English,
// else QWERTZ (the data is German).
KeyboardLayout SearchLayoutFor(const std::string& ui_language);
// The keyboard for typing text in `language` ("uk": ЙЦУКЕН, "ar": Arabic, …); QWERTZ for
// German and for languages without a layout of their own.
KeyboardLayout LayoutForLanguage(const std::string& language);

// The state right after start-up and after every idle reset.
AppState InitialAppState(const KioskConfig& config);

}  // namespace treffpunkt
