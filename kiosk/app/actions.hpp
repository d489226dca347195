// What a tap does: each action changes the AppState and nothing else (queries happen when a
// view is built). The UI calls these; so do the tests. No UI, no SQLite.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/app/app_state.hpp"

namespace treffpunkt {

// Longest search text in code points.
inline constexpr size_t kMaxSearchChars = 60;
// Longest text typed into one field of a volunteer's form (a description's limit).
inline constexpr size_t kMaxFormFieldChars = 4000;

// Opens a screen (pushes it on the history). The screen starts scrolled to the top and the
// keyboard closes.
void Navigate(AppState& state, ScreenRef target);
// Back to the previous screen (its scroll position is kept). On home: nothing.
void GoBack(AppState& state);
// Straight back to home; search and filters stay (only the idle reset clears them).
void GoHome(AppState& state);
// The idle reset: a clean home as after start-up (search, filters, language, text size,
// contrast, scroll, keyboard all back to the configured defaults).
void ResetToHome(AppState& state, const KioskConfig& config);

// The search field: opens the results screen with the keyboard.
void OpenSearch(AppState& state);
void ShowKeyboard(AppState& state, bool visible);
// Adds typed text (one key) to the search, or to the volunteer's form field that has the
// keyboard (AppState::volunteer.focus); shift applies to letters and then releases.
void TypeText(AppState& state, std::string_view utf8);
void Backspace(AppState& state);
void ClearSearch(AppState& state);
void ToggleShift(AppState& state);
void ToggleNumbers(AppState& state);
void SetKeyboardLayout(AppState& state, KeyboardLayout layout);
// What the layout key switches to: from the field's own layout (KeyboardState::home) through
// QWERTZ, AZERTY and QWERTY and back, so a Ukrainian field can take a Latin word and return.
KeyboardLayout NextKeyboardLayout(const KeyboardState& keyboard);
// Opens the keyboard for the volunteer form's field `key` ("title.uk", "phone", …): a text in
// a language gets that language's layout, other texts the UI's search layout.
void OpenFormKeyboard(AppState& state, const std::string& key, KeyboardMode mode);

// Results filters. Toggling a chip adds or removes its value; the list goes back to the top.
void ToggleFilterGroup(AppState& state, FilterGroup group);
void ToggleFilterValue(AppState& state, FilterGroup group, const std::string& value);
void ToggleFreeOnly(AppState& state);
void ToggleWhen(AppState& state, WhenFilter when);
void ClearFilters(AppState& state);
// Opens the results for one field of action (a home entry or a chip elsewhere).
void OpenOffersForTopic(AppState& state, const std::string& field_of_action_id);

void SetHelperKind(AppState& state, const std::string& help_kind_id);  // same again = all
void SetHelperDistrict(AppState& state, const std::string& district);
void SetNetworkLevel(AppState& state, const std::string& level_id);
void SetPlacesMeetingOnly(AppState& state, bool meeting_only);

// Sets the UI and content language (and the keyboard layout); closes the language list.
void SetLanguage(AppState& state, const std::string& language);
// Opens / closes the list of languages over the current screen.
void ShowLanguagePicker(AppState& state, bool visible);
void CycleTextSize(AppState& state);  // normal -> large -> largest -> normal
void ToggleHighContrast(AppState& state);
void SetQrKind(AppState& state, QrKind kind);

}  // namespace treffpunkt
