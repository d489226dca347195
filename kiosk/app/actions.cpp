#include "kiosk/app/actions.hpp"

#include <algorithm>

#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

void Changed(AppState& state) {
    ++state.generation;
}

void ListToTop(AppState& state) {
    state.ScrollOf(Screen::kOffers).Reset();
}

void ToggleIn(std::vector<std::string>& values, const std::string& value) {
    auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) {
        values.push_back(value);
    } else {
        values.erase(it);
    }
}

// Upper case for the letters the keyboards have: ASCII, Latin-1 (German, French, Turkish
// ç ö ü), Turkish ğ ş ı (and i -> İ on the Turkish keyboard), œ, Cyrillic (Russian and
// Ukrainian). Arabic has no case.
std::string UpperCase(std::string_view utf8, bool turkish) {
    std::string out;
    size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t c = NextCodePoint(utf8, pos);
        if (turkish && c == U'i') {
            c = 0x130;  // i -> İ
        } else if (c >= U'a' && c <= U'z') {
            c = c - U'a' + U'A';
        } else if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) {
            c -= 0x20;  // à..þ -> À..Þ (Latin-1 block)
        } else if (c == 0x153) {
            c = 0x152;  // œ -> Œ
        } else if (c == 0x11F || c == 0x15F) {
            c -= 1;  // ğ -> Ğ, ş -> Ş
        } else if (c == 0x131) {
            c = U'I';  // ı -> I
        } else if (c >= 0x430 && c <= 0x44F) {
            c -= 0x20;  // а..я -> А..Я
        } else if (c >= 0x450 && c <= 0x45F) {
            c -= 0x50;  // ё є і ї -> Ё Є І Ї
        } else if (c == 0x491) {
            c = 0x490;  // ґ -> Ґ
        }
        AppendUtf8(c, out);
    }
    return out;
}

}  // namespace

void Navigate(AppState& state, ScreenRef target) {
    if (state.Current() == target) {
        return;
    }
    state.history.push_back(target);
    state.ScrollOf(target.screen).Reset();
    state.keyboard.visible = false;
    state.volunteer.focus.clear();
    state.keyboard.mode = KeyboardMode::kText;
    state.language_picker = false;
    state.open_filter_group = FilterGroup::kNone;
    if (target.screen == Screen::kOffer) {
        state.qr_kind = QrKind::kCalendar;
    }
    Changed(state);
}

void GoBack(AppState& state) {
    if (state.keyboard.visible) {
        state.keyboard.visible = false;  // "back" first closes the keyboard
    } else if (state.history.size() > 1) {
        state.history.pop_back();
    }
    Changed(state);
}

void GoHome(AppState& state) {
    state.history.resize(1);
    state.keyboard.visible = false;
    state.ScrollOf(Screen::kHome).Reset();
    Changed(state);
}

void ResetToHome(AppState& state, const KioskConfig& config) {
    const std::uint64_t generation = state.generation;
    state = InitialAppState(config);
    state.generation = generation + 1;
}

void OpenSearch(AppState& state) {
    if (state.Current().screen != Screen::kOffers) {
        Navigate(state, ScreenRef{Screen::kOffers, {}});
    }
    state.keyboard.visible = true;
    state.keyboard.numbers = false;
    state.keyboard.mode = KeyboardMode::kText;
    // Residents search in QWERTZ, AZERTY or QWERTY (the data is Latin), whatever a
    // volunteer's translation field used last.
    state.keyboard.home = SearchLayoutFor(state.language);
    if (state.keyboard.layout != KeyboardLayout::kFrench &&
        state.keyboard.layout != KeyboardLayout::kEnglish) {
        state.keyboard.layout = state.keyboard.home;
    }
    state.volunteer.focus.clear();
    Changed(state);
}

void ShowKeyboard(AppState& state, bool visible) {
    state.keyboard.visible = visible;
    Changed(state);
}

void TypeText(AppState& state, std::string_view utf8) {
    const std::string text =
        state.keyboard.shift ? UpperCase(utf8, state.keyboard.layout == KeyboardLayout::kTurkish)
                             : std::string(utf8);
    if (!state.volunteer.focus.empty()) {
        // A volunteer's form field has the keyboard (the form checks the real limits).
        std::string& field = state.volunteer.form.texts[state.volunteer.focus];
        if (Utf8Length(field) + Utf8Length(text) <= kMaxFormFieldChars) {
            field += text;
        }
        state.keyboard.shift = false;
        Changed(state);
        return;
    }
    if (Utf8Length(state.search_text) + Utf8Length(text) > kMaxSearchChars) {
        return;
    }
    state.search_text += text;
    state.keyboard.shift = false;
    state.offer_query.text = state.search_text;
    ListToTop(state);
    Changed(state);
}

void Backspace(AppState& state) {
    std::string& text = state.volunteer.focus.empty()
                            ? state.search_text
                            : state.volunteer.form.texts[state.volunteer.focus];
    if (text.empty()) {
        return;
    }
    // Drop the last code point: back over continuation bytes.
    size_t end = text.size() - 1;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    text.resize(end);
    if (!state.volunteer.focus.empty()) {
        Changed(state);
        return;
    }
    state.offer_query.text = state.search_text;
    ListToTop(state);
    Changed(state);
}

void ClearSearch(AppState& state) {
    state.search_text.clear();
    state.offer_query.text.clear();
    ListToTop(state);
    Changed(state);
}

void ToggleShift(AppState& state) {
    state.keyboard.shift = !state.keyboard.shift;
    Changed(state);
}

void ToggleNumbers(AppState& state) {
    state.keyboard.numbers = !state.keyboard.numbers;
    state.keyboard.shift = false;
    Changed(state);
}

void SetKeyboardLayout(AppState& state, KeyboardLayout layout) {
    state.keyboard.layout = layout;
    state.keyboard.numbers = false;
    state.keyboard.shift = false;
    Changed(state);
}

KeyboardLayout NextKeyboardLayout(const KeyboardState& keyboard) {
    std::vector<KeyboardLayout> cycle = {keyboard.home};
    for (KeyboardLayout l :
         {KeyboardLayout::kGerman, KeyboardLayout::kFrench, KeyboardLayout::kEnglish}) {
        if (l != keyboard.home) {
            cycle.push_back(l);
        }
    }
    auto it = std::find(cycle.begin(), cycle.end(), keyboard.layout);
    if (it == cycle.end() || ++it == cycle.end()) {
        return cycle.front();
    }
    return *it;
}

void OpenFormKeyboard(AppState& state, const std::string& key, KeyboardMode mode) {
    const size_t dot = key.find('.');
    const KeyboardLayout layout = dot == std::string::npos ? SearchLayoutFor(state.language)
                                                           : LayoutForLanguage(key.substr(dot + 1));
    state.volunteer.focus = key;
    state.keyboard.mode = mode;
    state.keyboard.numbers = false;
    state.keyboard.shift = false;
    state.keyboard.layout = layout;
    state.keyboard.home = layout;
    state.keyboard.visible = true;
    Changed(state);
}

void ToggleFilterGroup(AppState& state, FilterGroup group) {
    state.open_filter_group = state.open_filter_group == group ? FilterGroup::kNone : group;
    Changed(state);
}

void ToggleFilterValue(AppState& state, FilterGroup group, const std::string& value) {
    OfferQuery& q = state.offer_query;
    switch (group) {
        case FilterGroup::kTopic:
            ToggleIn(q.fields_of_action, value);
            break;
        case FilterGroup::kTargetGroup:
            ToggleIn(q.target_groups, value);
            break;
        case FilterGroup::kDistrict:
            ToggleIn(q.districts, value);
            break;
        case FilterGroup::kLanguage:
            ToggleIn(q.languages, value);
            break;
        case FilterGroup::kNone:
            return;
    }
    ListToTop(state);
    Changed(state);
}

void ToggleFreeOnly(AppState& state) {
    state.offer_query.free_only = !state.offer_query.free_only;
    ListToTop(state);
    Changed(state);
}

void ToggleWhen(AppState& state, WhenFilter when) {
    state.offer_query.when = state.offer_query.when == when ? WhenFilter::kAny : when;
    ListToTop(state);
    Changed(state);
}

void ClearFilters(AppState& state) {
    const std::string text = state.offer_query.text;
    state.offer_query = OfferQuery{};
    state.offer_query.text = text;
    state.open_filter_group = FilterGroup::kNone;
    ListToTop(state);
    Changed(state);
}

void OpenOffersForTopic(AppState& state, const std::string& field_of_action_id) {
    Navigate(state, ScreenRef{Screen::kOffers, {}});
    state.offer_query.fields_of_action = {field_of_action_id};
    ListToTop(state);
    Changed(state);
}

void SetHelperKind(AppState& state, const std::string& help_kind_id) {
    state.helper_kind_id = state.helper_kind_id == help_kind_id ? "" : help_kind_id;
    state.ScrollOf(Screen::kHelpers).Reset();
    Changed(state);
}

void SetHelperDistrict(AppState& state, const std::string& district) {
    state.helper_district = state.helper_district == district ? "" : district;
    state.ScrollOf(Screen::kHelpers).Reset();
    Changed(state);
}

void SetNetworkLevel(AppState& state, const std::string& level_id) {
    state.network_level_id = state.network_level_id == level_id ? "" : level_id;
    state.ScrollOf(Screen::kNetworks).Reset();
    Changed(state);
}

void SetPlacesMeetingOnly(AppState& state, bool meeting_only) {
    state.places_meeting_only = meeting_only;
    state.ScrollOf(Screen::kPlaces).Reset();
    Changed(state);
}

void SetLanguage(AppState& state, const std::string& language) {
    state.language = language;
    state.language_picker = false;
    state.keyboard.layout = SearchLayoutFor(language);
    state.keyboard.home = state.keyboard.layout;
    Changed(state);
}

void ShowLanguagePicker(AppState& state, bool visible) {
    state.language_picker = visible;
    Changed(state);
}

void CycleTextSize(AppState& state) {
    state.text_size = state.text_size == TextSize::kNormal  ? TextSize::kLarge
                      : state.text_size == TextSize::kLarge ? TextSize::kLargest
                                                            : TextSize::kNormal;
    Changed(state);
}

void ToggleHighContrast(AppState& state) {
    state.high_contrast = !state.high_contrast;
    Changed(state);
}

void SetQrKind(AppState& state, QrKind kind) {
    state.qr_kind = kind;
    Changed(state);
}

}  // namespace treffpunkt
