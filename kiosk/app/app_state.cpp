#include "kiosk/app/app_state.hpp"

namespace treffpunkt {

AppState InitialAppState(const KioskConfig& config) {
    AppState state;
    state.language = config.languages.default_language;
    state.text_size = config.theme.text_size;
    state.high_contrast = config.theme.high_contrast;
    state.keyboard.layout = state.language == "fr"   ? KeyboardLayout::kFrench
                            : state.language == "en" ? KeyboardLayout::kEnglish
                                                     : KeyboardLayout::kGerman;
    return state;
}

}  // namespace treffpunkt
