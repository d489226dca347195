#include "kiosk/app/app_state.hpp"

namespace treffpunkt {

AppState InitialAppState(const KioskConfig& config) {
    AppState state;
    state.language = config.languages.default_language;
    state.text_size = config.theme.text_size;
    state.high_contrast = config.theme.high_contrast;
    state.keyboard.layout = SearchLayoutFor(state.language);
    state.keyboard.home = state.keyboard.layout;
    return state;
}

KeyboardLayout SearchLayoutFor(const std::string& ui_language) {
    return ui_language == "fr"   ? KeyboardLayout::kFrench
           : ui_language == "en" ? KeyboardLayout::kEnglish
                                 : KeyboardLayout::kGerman;
}

KeyboardLayout LayoutForLanguage(const std::string& language) {
    if (language == "tr") {
        return KeyboardLayout::kTurkish;
    }
    if (language == "uk") {
        return KeyboardLayout::kUkrainian;
    }
    if (language == "ru") {
        return KeyboardLayout::kRussian;
    }
    if (language == "ar") {
        return KeyboardLayout::kArabic;
    }
    return SearchLayoutFor(language);
}

}  // namespace treffpunkt
