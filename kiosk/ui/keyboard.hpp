// The on-screen keyboard for search: German QWERTZ with ä ö ü ß, French AZERTY, English
// QWERTY, and a numbers layer. Drawn at the bottom of the screen; the search field sits above
// it, so the keyboard never covers what is being typed. Keys call actions.
#pragma once

#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

// Height the keyboard needs at the current text size.
float KeyboardHeight(const ScreenContext& ctx);
// Draws the keyboard into the rectangle starting at the cursor, full width, KeyboardHeight().
void DrawKeyboard(ScreenContext& ctx);

}  // namespace treffpunkt
