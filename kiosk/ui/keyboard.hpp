// The on-screen keyboard for search and the volunteers' forms: German QWERTZ with ä ö ü ß,
// French AZERTY, English QWERTY, for translations Turkish Q, Ukrainian and Russian ЙЦУКЕН and
// Arabic (KeyboardState::layout; the layout key cycles from the field's own, see
// NextKeyboardLayout), a numbers layer; for a phone or number field a digit pad, for
// an e-mail or web address a row of @ . / keys above the letters (KeyboardState::mode). Drawn at
// the bottom of the screen; the search field sits above it, so the keyboard never covers what is
// being typed. Keys call actions.
#pragma once

#include <string>
#include <vector>

#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

// Every text a key of `layout` can show or type (letters in both cases, the numbers layer, the
// digit pads, the e-mail and web rows), so tests can check the fonts have their glyphs.
std::vector<std::string> KeyboardKeyTexts(KeyboardLayout layout);

// Height the keyboard needs at the current text size and screen height (shorter rows on a
// short screen, never below the touch target).
float KeyboardHeight(const ScreenContext& ctx);
// Draws the keyboard into the rectangle starting at the cursor, full width, KeyboardHeight().
void DrawKeyboard(ScreenContext& ctx);

}  // namespace treffpunkt
