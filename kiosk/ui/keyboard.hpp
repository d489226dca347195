// The on-screen keyboard for search and the volunteers' forms: German QWERTZ with ä ö ü ß,
// French AZERTY, English QWERTY, a numbers layer; for a phone or number field a digit pad, for
// an e-mail or web address a row of @ . / keys above the letters (KeyboardState::mode). Drawn at
// the bottom of the screen; the search field sits above it, so the keyboard never covers what is
// being typed. Keys call actions.
#pragma once

#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

// Height the keyboard needs at the current text size.
float KeyboardHeight(const ScreenContext& ctx);
// Draws the keyboard into the rectangle starting at the cursor, full width, KeyboardHeight().
void DrawKeyboard(ScreenContext& ctx);

}  // namespace treffpunkt
