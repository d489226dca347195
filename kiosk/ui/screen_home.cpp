#include "kiosk/app/actions.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

// The settings bar at the bottom of home: language, text size, contrast.
float SettingsBarHeight(const ScreenContext& ctx) {
    return ButtonHeight(ctx) + 0.6f * ctx.em;
}

std::string TextSizeLabel(const ScreenContext& ctx) {
    const TextSize size = ctx.state.text_size;
    return ctx.app.Tr(size == TextSize::kNormal  ? "settings.text_size.normal"
                      : size == TextSize::kLarge ? "settings.text_size.large"
                                                 : "settings.text_size.largest");
}

std::string ContrastLabel(const ScreenContext& ctx) {
    return ctx.app.Tr(ctx.state.high_contrast ? "settings.high_contrast.on"
                                              : "settings.high_contrast.off");
}

void DrawSettingsBar(ScreenContext& ctx, float h) {
    // Anchored to the bottom of the window, whatever the content above left.
    const ImVec2 a(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - h);
    const float w = ImGui::GetWindowWidth();
    ImGui::GetWindowDrawList()->AddLine(a, ImVec2(a.x + w, a.y), Col(ctx.theme.border), 1.0f);
    ImGui::SetCursorScreenPos(ImVec2(a.x + 0.3f * ctx.em, a.y + 0.3f * ctx.em));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(w - 0.3f * ctx.em);
    AppState& s = ctx.state;
    // The language first, so that it is in reach of someone who does not read German; then
    // text size and contrast. The row wraps at large text.
    FlowNext(ctx, LanguageButtonWidth(ctx), true);
    LanguageButton(ctx);
    const std::string size_label = TextSizeLabel(ctx);
    FlowNext(ctx, ButtonWidth(ctx, size_label), false);
    if (TouchButton(ctx, "text-size", size_label)) {
        CycleTextSize(s);
    }
    const std::string contrast_label = ContrastLabel(ctx);
    FlowNext(ctx, ButtonWidth(ctx, contrast_label), false);
    if (TouchButton(ctx, "contrast", contrast_label)) {
        ToggleHighContrast(s);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

}  // namespace

void DrawHomeScreen(ScreenContext& ctx) {
    const HomeView& home = ctx.app.Home(ctx.now);
    std::string place = ctx.app.Text(home.place_name);
    DrawTopBar(ctx, place.empty() ? ctx.app.Tr("app.name") : place);

    // The settings bar is measured before it is laid out at the bottom; it may wrap at large
    // text.
    const float width = ImGui::GetContentRegionAvail().x;
    const float bar_h_guess = SettingsBarHeight(ctx);
    const float one_row = width - 0.6f * ctx.em;
    const float row_w = LanguageButtonWidth(ctx) + ButtonWidth(ctx, TextSizeLabel(ctx)) +
                        ButtonWidth(ctx, ContrastLabel(ctx)) + 0.8f * ctx.em;
    const int rows = row_w > one_row ? 2 : 1;
    const float bar_h =
        bar_h_guess + static_cast<float>(rows - 1) * (ButtonHeight(ctx) + 0.4f * ctx.em);
    // "Stand: …" and the connection, always in view above the settings bar.
    const float strip_h = SyncStripHeight(ctx);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    BeginScrollArea(ctx, Screen::kHome,
                    ImVec2(avail.x, avail.y - bar_h - strip_h - ImGui::GetStyle().ItemSpacing.y));
    const float pad = 0.6f * ctx.em;
    ImGui::SetCursorPos(ImVec2(pad, pad));
    ImGui::BeginGroup();
    const float inner = avail.x - 2.0f * pad;
    ImGui::PushTextWrapPos(inner + pad);

    // Search field: looks like a field, opens the results with the keyboard.
    {
        const float h = ButtonHeight(ctx);
        if (ImGui::InvisibleButton("##search", ImVec2(inner, h)) && ctx.interactive) {
            OpenSearch(ctx.state);
        }
        const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
        const ImVec2 a = ImGui::GetItemRectMin();
        const ImVec2 b = ImGui::GetItemRectMax();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, b, Col(pressed ? ctx.theme.surface_pressed : ctx.theme.surface),
                          0.3f * ctx.em);
        dl->AddRect(a, b, Col(ctx.theme.primary), 0.3f * ctx.em, 0, std::max(2.0f, 0.1f * ctx.em));
        const float room = inner - 1.4f * ctx.em;
        const TextBlock& shown =
            LayoutText(ctx, ctx.fonts.body, ctx.app.Tr("home.search.placeholder"), room, 1);
        DrawText(ctx, dl, ctx.fonts.body, shown,
                 ImVec2(a.x + 0.7f * ctx.em, a.y + (h - shown.height_px) * 0.5f), room,
                 ctx.theme.text_muted);
        RegisterLastItem(ctx, ctx.app.Tr("home.search"), true);
        ctx.registry.Add(ctx.app.Tr("home.search.placeholder"), Rect{a.x, a.y, b.x, b.y},
                         Rect{a.x, a.y, b.x, b.y}, ctx.interactive);
    }
    Gap(0.3f);

    // The five entries.
    struct Entry {
        const char* title;
        const char* hint;
        Screen screen;
    };
    const Entry entries[] = {{"home.offers", "home.offers.hint", Screen::kOffers},
                             {"home.helpers", "home.helpers.hint", Screen::kHelpers},
                             {"home.contacts", "home.contacts.hint", Screen::kContacts},
                             {"home.places", "home.places.hint", Screen::kPlaces},
                             {"home.networks", "home.networks.hint", Screen::kNetworks}};
    const float gap = 0.5f * ctx.em;
    const int columns = inner >= 36.0f * ctx.em ? 3 : (inner >= 20.0f * ctx.em ? 2 : 1);
    const float tile_w =
        (inner - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    // As tall as the fullest entry needs: titles and hints are never cut.
    float tile_h = std::max(ctx.target_px * 1.5f, LineHeight(ctx.fonts.title) + 1.6f * ctx.em);
    for (const Entry& e : entries) {
        const float inner_w = tile_w - 1.2f * ctx.em;
        const float needed =
            LayoutText(ctx, ctx.fonts.title, ctx.app.Tr(e.title), inner_w, 2).height_px +
            LayoutText(ctx, ctx.fonts.body, ctx.app.Tr(e.hint), inner_w).height_px + 1.2f * ctx.em;
        tile_h = std::max(tile_h, needed);
    }
    const float left = ImGui::GetCursorScreenPos().x;
    for (int i = 0; i < 5; ++i) {
        const int col = i % columns;
        if (col != 0) {
            ImGui::SameLine(0.0f, gap);
        }
        // Right to left, the first entry sits top right.
        const int shown_col = ctx.rtl ? columns - 1 - col : col;
        ImGui::SetCursorScreenPos(ImVec2(left + static_cast<float>(shown_col) * (tile_w + gap),
                                         ImGui::GetCursorScreenPos().y));
        if (EntryTile(ctx, entries[i].title, ctx.app.Tr(entries[i].title),
                      ctx.app.Tr(entries[i].hint), ImVec2(tile_w, tile_h))) {
            if (entries[i].screen == Screen::kOffers) {
                ClearFilters(ctx.state);
                ClearSearch(ctx.state);
            }
            Navigate(ctx.state, ScreenRef{entries[i].screen, {}});
        }
    }

    // "Heute hier".
    if (!home.place_id.empty()) {
        Heading(ctx, ctx.app.Tr("home.today"));
        if (!ctx.app.ClockTrusted(ctx.now)) {
            Paragraph(ctx, ctx.app.Tr("home.today.clock_unknown"), nullptr, ctx.theme.text_muted);
        } else if (home.today.empty()) {
            Paragraph(ctx, ctx.app.Tr("home.today.none"), nullptr, ctx.theme.text_muted);
        } else {
            const float row_h = ListRowHeight(ctx);
            const Date today = BerlinDate(ctx.now);
            int index = 0;
            for (const OfferSession& s : home.today) {
                const std::string when = SessionText(s.session, today, ctx.state.language);
                if (ListRow(ctx, 1000 + index++, ctx.app.Text(s.title), when, row_h)) {
                    Navigate(ctx.state, ScreenRef{Screen::kOffer, s.offer_id});
                }
            }
        }
    }

    Gap(0.6f);
    VolunteerEntryButton(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    EndScrollArea(ctx, Screen::kHome);
    if (strip_h > 0.0f) {
        DrawSyncStrip(ctx,
                      ImVec2(ImGui::GetWindowPos().x,
                             ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - bar_h - strip_h),
                      ImGui::GetWindowWidth());
    }
    DrawSettingsBar(ctx, bar_h);
}

}  // namespace treffpunkt
