// The kiosk's screens: functions over the app state that draw with the touch widgets; a tap
// calls an action. DrawKiosk draws the whole frame (current screen, keyboard, idle question).
#pragma once

#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

// The whole frame for the current state, filling `display` (logical pixels).
void DrawKiosk(ScreenContext& ctx, ImVec2 display);

void DrawHomeScreen(ScreenContext& ctx);
void DrawOffersScreen(ScreenContext& ctx);
void DrawOfferScreen(ScreenContext& ctx);
void DrawHelpersScreen(ScreenContext& ctx);
void DrawHelperScreen(ScreenContext& ctx);
void DrawContactsScreen(ScreenContext& ctx);
void DrawContactScreen(ScreenContext& ctx);
void DrawPlacesScreen(ScreenContext& ctx);
void DrawPlaceScreen(ScreenContext& ctx);
void DrawNetworksScreen(ScreenContext& ctx);
void DrawNetworkScreen(ScreenContext& ctx);
// The volunteers' screens (screen_volunteer*.cpp).
void DrawVolunteerLoginScreen(ScreenContext& ctx);
void DrawVolunteerHomeScreen(ScreenContext& ctx);
void DrawOfferEditScreen(ScreenContext& ctx);
void DrawVolunteerAnswersScreen(ScreenContext& ctx);
// "Für Ehrenamtliche" at the end of home (nothing while someone is logged in).
void VolunteerEntryButton(ScreenContext& ctx);
// The bar at the bottom while a volunteer is logged in: the name and "Abmelden".
float VolunteerBarHeight(const ScreenContext& ctx);
void DrawVolunteerBar(ScreenContext& ctx, ImVec2 display);
// "Abmelden": forgets the login, the PIN, the form; back to home.
void ResetToHomeKeepingLanguage(ScreenContext& ctx);
// On an offer's detail screen: "wird übertragen" while an edit waits, and for a volunteer who
// may edit it "Bearbeiten", "Stimmt noch", "fällt vorübergehend aus", "nicht mehr anbieten".
// Returns true when a tap changed the data or the screen: the caller's view of the offer is
// stale then and the screen must stop drawing this frame.
bool OfferVolunteerBlock(ScreenContext& ctx, const Offer& offer);
// The same on a contact's or helper's detail screen: "Bearbeiten", "Stimmt noch" and
// "Nicht mehr anzeigen" (a deletion, after a second tap).
bool RecordVolunteerBlock(ScreenContext& ctx, const AnyRecord& record);
void DrawSyncScreen(ScreenContext& ctx);
// The strip above home's settings bar: "Stand: heute, 16:30 · online · 2 Änderungen warten"
// (or the data's date without a hub, or the pairing code); a tap opens DrawSyncScreen.
// Height 0 when there is nothing to say.
float SyncStripHeight(const ScreenContext& ctx);
void DrawSyncStrip(ScreenContext& ctx, ImVec2 top_left, float width);
// "Gerät koppeln" with the pairing code, while the kiosk waits for approval; nothing otherwise.
void PairingBlock(ScreenContext& ctx);
// A sync error code ("net.timeout", "auth.revoked", …) in plain words: what happened, what to do.
std::string SyncErrorText(const ScreenContext& ctx, const std::string& code);
// "Noch keine Daten – bitte später wieder vorbeischauen", with the kiosk's status.
void DrawNoDataScreen(ScreenContext& ctx);
// "Sind Sie noch da?" over the current screen, with the countdown and a large button.
void DrawIdleDialog(ScreenContext& ctx, ImVec2 display);
// The languages the kiosk offers, each in its own name and script, over the current screen.
void DrawLanguagePicker(ScreenContext& ctx, ImVec2 display);
// The button that opens it: a globe and "Sprache: Deutsch".
void LanguageButton(ScreenContext& ctx);
float LanguageButtonWidth(const ScreenContext& ctx);

// --- Shared pieces of the screens ---------------------------------------------------------
// The bar at the top: "‹ Zurück", the title, "Start". On home: place name and clock.
void DrawTopBar(ScreenContext& ctx, const std::string& title);
float TopBarHeight(const ScreenContext& ctx);
// "14:05" with the date, for the top bar.
std::string ClockLine(const ScreenContext& ctx);
// Contact lines of a contact: name, role, phone, e-mail, web, hours.
void ContactFields(ScreenContext& ctx, const Contact& contact);
// Place name, address and district as lines.
std::string AddressText(const ScreenContext& ctx, const Place& place);
// Accessibility facts as sentences; unknown facts are left out.
std::string AccessibilityText(const ScreenContext& ctx, const Accessibility& a);
// "Deutsch, Arabisch".
std::string LanguagesText(const ScreenContext& ctx, const std::vector<std::string>& codes);
// The "Mit dem Handy mitnehmen" block: a choice of payloads and the QR code.
struct QrChoice {
    QrKind kind;
    std::string payload;
};
void QrBlock(ScreenContext& ctx, const std::vector<QrChoice>& choices);
// A full-screen layer over the screen (idle question, language list): catches every touch, so
// nothing below reacts. Draws the scrim; End with EndOverlay.
void BeginOverlay(ScreenContext& ctx, const char* name, ImVec2 display);
void EndOverlay();
// The scrolling content of a detail or list screen, with margins and a wrap width.
void BeginDetail(ScreenContext& ctx, Screen screen);
void EndDetail(ScreenContext& ctx, Screen screen);
// The detail line of an offer row: next session, place, "kostenlos".
std::string OfferRowDetail(const ScreenContext& ctx, const OfferSummary& offer);
// Rows `count` long through ImGuiListClipper: draw_row(i, row_height) for the visible ones.
template <class DrawRow>
void ClippedRows(ScreenContext& ctx, size_t count, DrawRow draw_row) {
    const float row_h = ListRowHeight(ctx);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(count), row_h + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            draw_row(static_cast<size_t>(i), row_h);
        }
    }
}
// A label that leads on to another screen: "Ort der Begegnung Roden ›", or in a right-to-left
// UI "‹ …" on the left (the text is marked right to left, so the arrow mirrors and ends up
// where the line ends).
std::string ForwardLabel(const ScreenContext& ctx, const std::string& text);
// "23 Angebote" with the singular for one.
std::string CountText(const ScreenContext& ctx, const char* key, size_t n);

}  // namespace treffpunkt
