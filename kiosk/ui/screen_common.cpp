#include "kiosk/app/actions.hpp"
#include "kiosk/app/i18n.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

float TopBarHeight(const ScreenContext& ctx) {
    return ButtonHeight(ctx) + 0.5f * ctx.em;
}

std::string ClockLine(const ScreenContext& ctx) {
    if (!ctx.app.ClockTrusted(ctx.now)) {
        return {};
    }
    const LocalDateTime local = ToBerlin(ctx.now);
    return DateShortText(local.date, ctx.state.language) + "  " +
           ClockText(local.minute_of_day, ctx.state.language);
}

void DrawTopBar(ScreenContext& ctx, const std::string& title) {
    const float h = TopBarHeight(ctx);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), Col(ctx.theme.top_bar));
    const float pad = 0.25f * ctx.em;
    const float gap = 0.5f * ctx.em;
    const Screen screen = ctx.state.Current().screen;
    const bool home = screen == Screen::kHome || !ctx.app.HasData();
    // Buttons go from the bar's two ends inwards; the title gets what is left between `lo`
    // and `hi`. "Zurück" sits where reading starts (left, or right in a right-to-left UI).
    float lo = a.x + pad;
    float hi = a.x + w - pad;
    auto at_start = [&](float width) {
        const float x = ctx.rtl ? hi - width : lo;
        (ctx.rtl ? hi : lo) += ctx.rtl ? -(width + gap) : width + gap;
        return x;
    };
    auto at_end = [&](float width) {
        const float x = ctx.rtl ? lo : hi - width;
        (ctx.rtl ? lo : hi) += ctx.rtl ? width + gap : -(width + gap);
        return x;
    };
    if (!home) {
        const std::string back = "‹ " + ctx.app.Tr("nav.back");
        const float bw = ButtonWidth(ctx, back);
        ImGui::SetCursorScreenPos(ImVec2(at_start(bw), a.y + pad));
        if (TouchButton(ctx, "back", back, bw)) {
            GoBack(ctx.state);
        }
        const std::string start = ctx.app.Tr("nav.home");
        const float sw = ButtonWidth(ctx, start);
        ImGui::SetCursorScreenPos(ImVec2(at_end(sw), a.y + pad));
        if (TouchButton(ctx, "home", start, sw)) {
            GoHome(ctx.state);
        }
        // Not on the volunteers' screens: a PIN pad and forms are not read aloud.
        const bool volunteer_screen =
            screen == Screen::kVolunteerLogin || screen == Screen::kVolunteerHome ||
            screen == Screen::kOfferEdit || screen == Screen::kVolunteerAnswers;
        if (ctx.speech_available && !volunteer_screen) {
            // "Vorlesen" on every list and detail screen; while it reads, the same button stops.
            const std::string label = ctx.speaking ? "■ " + ctx.app.Tr("speech.stop")
                                                   : "▶ " + ctx.app.Tr("speech.read_aloud");
            const float rw = ButtonWidth(ctx, label);
            ImGui::SetCursorScreenPos(ImVec2(at_end(rw), a.y + pad));
            if (TouchButton(ctx, "read-aloud", label, rw)) {
                ctx.read_aloud_tapped = true;
            }
        }
    } else {
        const std::string clock = ClockLine(ctx);
        if (!clock.empty()) {
            ImFont* f = ctx.fonts.bold;
            const TextBlock& cb = LayoutText(ctx, f, clock);
            const float cx = at_end(cb.width_px + 0.4f * ctx.em) + (ctx.rtl ? 0.4f * ctx.em : 0.0f);
            const ImVec2 p(cx, a.y + (h - cb.height_px) * 0.5f);
            DrawText(ctx, dl, f, cb, p, cb.width_px, ctx.theme.top_bar_text);
            ctx.registry.Add(clock, Rect{p.x, p.y, p.x + cb.width_px, p.y + cb.height_px},
                             Rect{p.x, p.y, p.x + cb.width_px, p.y + cb.height_px}, false);
        }
        if (ctx.rtl) {
            hi -= 0.4f * ctx.em;
        } else {
            lo += 0.4f * ctx.em;
        }
    }
    ImFont* tf = ctx.fonts.title;
    const float room = std::max(1.0f, hi - lo);
    const TextBlock& tb = LayoutText(ctx, tf, title, room, 1);
    if (tb.shortened) {
        ctx.title_overflow = title;  // the screen repeats it in full above its content
    }
    const ImVec2 p(lo, a.y + (h - tb.height_px) * 0.5f);
    DrawText(ctx, dl, tf, tb, p, room, ctx.theme.top_bar_text);
    const float tx = ctx.rtl ? lo + room - tb.width_px : lo;
    ctx.registry.Add(title, Rect{tx, p.y, tx + tb.width_px, p.y + tb.height_px},
                     Rect{tx, p.y, tx + tb.width_px, p.y + tb.height_px}, false);
    ImGui::SetCursorScreenPos(a);
    ImGui::Dummy(ImVec2(w, h));
}

void ContactFields(ScreenContext& ctx, const Contact& c) {
    Paragraph(ctx, c.name, ctx.fonts.bold);
    ContentParagraph(ctx, c.role, nullptr, ctx.theme.text_muted);
    Field(ctx, ctx.app.Tr("detail.phone"), c.phone);
    Field(ctx, ctx.app.Tr("detail.email"), c.email);
    Field(ctx, ctx.app.Tr("detail.web"), c.url);
    ContentField(ctx, ctx.app.Tr("detail.hours"), c.hours);
    if (!c.languages.empty()) {
        Field(ctx, ctx.app.Tr("detail.languages"), LanguagesText(ctx, c.languages));
    }
}

std::string AddressText(const ScreenContext& ctx, const Place& p) {
    std::string out = ctx.app.Text(p.name);
    if (!p.address.street.empty()) {
        out += "\n" + p.address.street;
    }
    if (!p.address.city.empty()) {
        out += "\n" + (p.address.postal_code.empty() ? "" : p.address.postal_code + " ") +
               p.address.city;
    }
    if (!p.district.empty()) {
        out += "\n" + ctx.app.Tr("detail.district") + ": " + p.district;
    }
    return out;
}

std::string AccessibilityText(const ScreenContext& ctx, const Accessibility& a) {
    std::string out;
    auto add = [&](const std::optional<bool>& fact, const char* key) {
        if (fact) {
            out += (out.empty() ? "" : "\n") +
                   ("• " + ctx.app.Tr(std::string(key) + (*fact ? ".yes" : ".no")));
        }
    };
    add(a.wheelchair, "access.wheelchair");
    add(a.step_free_entrance, "access.step_free");
    add(a.accessible_toilet, "access.toilet");
    add(a.hearing_loop, "access.hearing_loop");
    if (const std::string& note = ctx.app.Text(a.note); !note.empty()) {
        out += (out.empty() ? "" : "\n") + note;
    }
    return out;
}

std::string LanguagesText(const ScreenContext& ctx, const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        out += (out.empty() ? "" : ", ") + ctx.app.LanguageName(c);
    }
    return out;
}

std::string ForwardLabel(const ScreenContext& ctx, const std::string& text) {
    return ctx.rtl ? "\u200F" + text + " ›" : text + " ›";
}

std::string CountText(const ScreenContext& ctx, const char* key, size_t n) {
    if (n == 1) {
        return ctx.app.Tr(std::string(key) + ".one");
    }
    return ctx.app.Format(key, {{"n", std::to_string(n)}});
}

void QrBlock(ScreenContext& ctx, const std::vector<QrChoice>& choices) {
    if (choices.empty()) {
        return;
    }
    Heading(ctx, ctx.app.Tr("detail.take_home"));
    const QrChoice* shown = &choices.front();
    for (const QrChoice& c : choices) {
        if (c.kind == ctx.state.qr_kind) {
            shown = &c;
        }
    }
    if (choices.size() > 1) {
        bool first = true;
        for (const QrChoice& c : choices) {
            const char* key = c.kind == QrKind::kCalendar  ? "qr.calendar"
                              : c.kind == QrKind::kContact ? "qr.contact"
                                                           : "qr.web";
            const std::string label = ctx.app.Tr(key);
            FlowNext(ctx, ChipWidth(ctx, label, &c == shown), first);
            first = false;
            if (Chip(ctx, key, label, &c == shown)) {
                SetQrKind(ctx.state, c.kind);
            }
        }
    }
    const float size = std::min(ImGui::GetContentRegionAvail().x, 13.0f * ctx.em);
    QrCode(ctx, shown->payload, std::max(size, 160.0f));
    Paragraph(ctx, ctx.app.Tr("detail.scan"), nullptr, ctx.theme.text_muted);
}

void DrawKiosk(ScreenContext& ctx, ImVec2 display) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(display);
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(ctx.fonts.body);
    const bool language_picker = ctx.state.language_picker && !ctx.state.idle_warning;
    ctx.interactive = !ctx.state.idle_warning && !language_picker;
    // While a volunteer is logged in, every screen sits above their bar; the form has its
    // own bar ("Speichern", "Abbrechen") and needs the room.
    const bool volunteer_bar = ctx.state.volunteer.LoggedIn() && ctx.app.HasData() &&
                               ctx.state.Current().screen != Screen::kOfferEdit;
    if (volunteer_bar) {
        ImGui::BeginChild("##screen", ImVec2(display.x, display.y - VolunteerBarHeight(ctx)), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                              ImGuiWindowFlags_NoNav);
    }
    if (!ctx.app.HasData()) {
        DrawNoDataScreen(ctx);
    } else {
        switch (ctx.state.Current().screen) {
            case Screen::kHome:
                DrawHomeScreen(ctx);
                break;
            case Screen::kOffers:
                DrawOffersScreen(ctx);
                break;
            case Screen::kOffer:
                DrawOfferScreen(ctx);
                break;
            case Screen::kHelpers:
                DrawHelpersScreen(ctx);
                break;
            case Screen::kHelper:
                DrawHelperScreen(ctx);
                break;
            case Screen::kContacts:
                DrawContactsScreen(ctx);
                break;
            case Screen::kContact:
                DrawContactScreen(ctx);
                break;
            case Screen::kPlaces:
                DrawPlacesScreen(ctx);
                break;
            case Screen::kPlace:
                DrawPlaceScreen(ctx);
                break;
            case Screen::kNetworks:
                DrawNetworksScreen(ctx);
                break;
            case Screen::kNetwork:
                DrawNetworkScreen(ctx);
                break;
            case Screen::kVolunteerLogin:
                DrawVolunteerLoginScreen(ctx);
                break;
            case Screen::kVolunteerHome:
                DrawVolunteerHomeScreen(ctx);
                break;
            case Screen::kOfferEdit:
                DrawOfferEditScreen(ctx);
                break;
            case Screen::kVolunteerAnswers:
                DrawVolunteerAnswersScreen(ctx);
                break;
            case Screen::kSyncStatus:
                DrawSyncScreen(ctx);
                break;
        }
    }
    if (volunteer_bar) {
        ImGui::EndChild();
        DrawVolunteerBar(ctx, display);
    }
    if (!ctx.app.LastError().empty()) {
        // A failed query: say so in words at the bottom instead of silently showing nothing.
        ImFont* f = ctx.fonts.bold;
        const std::string text = ctx.app.Tr("error.banner");
        const float inner = display.x - 1.2f * ctx.em;
        const TextBlock& block = LayoutText(ctx, f, text, inner);
        const float h = block.height_px + 0.8f * ctx.em;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a(0.0f, display.y - h);
        dl->AddRectFilled(a, display, Col(ctx.theme.top_bar));
        DrawText(ctx, dl, f, block, ImVec2(0.6f * ctx.em, a.y + 0.4f * ctx.em), inner,
                 ctx.theme.top_bar_text);
        ctx.registry.Add(text, Rect{a.x, a.y, display.x, display.y},
                         Rect{a.x, a.y, display.x, display.y}, false);
    }
    ImGui::PopFont();
    ImGui::End();
    if (language_picker) {
        ctx.interactive = true;
        DrawLanguagePicker(ctx, display);
    }
    if (ctx.state.idle_warning) {
        ctx.interactive = true;
        DrawIdleDialog(ctx, display);
    }
}

void BeginOverlay(ScreenContext& ctx, const char* name, ImVec2 display) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(display);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav);
    ImGui::PushFont(ctx.fonts.body);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), display, Col(ctx.theme.scrim, 0.6f));
}

void EndOverlay() {
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor();
}

float LanguageButtonWidth(const ScreenContext& ctx) {
    const std::string label = ctx.app.Tr("settings.language") + ": " + Endonym(ctx.state.language);
    return ButtonWidth(ctx, label) + 1.3f * ctx.em;
}

void LanguageButton(ScreenContext& ctx) {
    const std::string label = ctx.app.Tr("settings.language") + ": " + Endonym(ctx.state.language);
    const float w = LanguageButtonWidth(ctx);
    const float h = ButtonHeight(ctx);
    if (ImGui::InvisibleButton("##language", ImVec2(w, h)) && ctx.interactive) {
        ShowLanguagePicker(ctx.state, true);
    }
    const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(pressed ? ctx.theme.surface_pressed : ctx.theme.surface),
                      0.3f * ctx.em);
    dl->AddRect(a, b, Col(ctx.theme.border), 0.3f * ctx.em, 0, std::max(1.0f, 0.08f * ctx.em));
    // The globe says "language" to someone who cannot read the word; the word is always there.
    const float icon = 1.0f * ctx.em;
    const float pad = 0.6f * ctx.em;
    const float icon_x = ctx.rtl ? b.x - pad - icon : a.x + pad;
    DrawGlobe(dl, ImVec2(icon_x, a.y + (h - icon) * 0.5f), icon, Col(ctx.theme.primary));
    ImFont* f = ctx.fonts.bold;
    const TextBlock& text = LayoutText(ctx, f, label);
    const float text_x = ctx.rtl ? a.x + pad : a.x + pad + icon + 0.4f * ctx.em;
    DrawText(ctx, dl, f, text, ImVec2(text_x, a.y + (h - text.height_px) * 0.5f),
             w - 2.0f * pad - icon - 0.4f * ctx.em, ctx.theme.surface_text);
    RegisterLastItem(ctx, label, true);
}

void DrawLanguagePicker(ScreenContext& ctx, ImVec2 display) {
    BeginOverlay(ctx, "##languages", display);
    const std::vector<std::string>& offered = ctx.app.Config().languages.offered;
    const float margin = 0.6f * ctx.em;
    const float w = display.x - 2.0f * margin;
    const float pad = 0.6f * ctx.em;
    const float inner = w - 2.0f * pad;
    const float gap = 0.4f * ctx.em;
    float widest = 0.0f;
    for (const std::string& lang : offered) {
        widest = std::max(widest, ChipWidth(ctx, Endonym(lang), true));
    }
    const int columns =
        std::max(1, std::min(static_cast<int>(offered.size()),
                             static_cast<int>((inner + gap) / std::max(1.0f, widest + gap))));
    const float button_w =
        (inner - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float button_h = ButtonHeight(ctx);
    const int rows = (static_cast<int>(offered.size()) + columns - 1) / columns;
    ImFont* tf = ctx.fonts.title;
    const std::string title = ctx.app.Tr("language.choose");
    const float title_h = LayoutText(ctx, tf, title, inner).height_px;
    const float panel_h =
        pad + title_h + gap + static_cast<float>(rows) * (button_h + gap) + button_h + pad;
    const ImVec2 a(margin, std::max(margin, (display.y - panel_h) * 0.5f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + panel_h), Col(ctx.theme.surface), 0.5f * ctx.em);
    dl->AddRect(a, ImVec2(a.x + w, a.y + panel_h), Col(ctx.theme.border), 0.5f * ctx.em, 0, 2.0f);
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(a.x + pad + inner);
    Paragraph(ctx, title, tf, ctx.theme.surface_text);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float top = a.y + pad + title_h + gap;
    for (size_t i = 0; i < offered.size(); ++i) {
        const int col = static_cast<int>(i) % columns;
        const int row = static_cast<int>(i) / columns;
        // The first language where reading starts: top left, or top right in Arabic.
        const float x = ctx.rtl ? a.x + pad + inner - static_cast<float>(col + 1) * button_w -
                                      static_cast<float>(col) * gap
                                : a.x + pad + static_cast<float>(col) * (button_w + gap);
        ImGui::SetCursorScreenPos(ImVec2(x, top + static_cast<float>(row) * (button_h + gap)));
        const std::string& lang = offered[i];
        const bool current = lang == ctx.state.language;
        const std::string label = current ? "✓ " + Endonym(lang) : Endonym(lang);
        if (TouchButton(ctx, ("pick-" + lang).c_str(), label, button_w,
                        current ? ButtonKind::kPrimary : ButtonKind::kPlain)) {
            SetLanguage(ctx.state, lang);
        }
        if (current) {
            RegisterLastItem(ctx, Endonym(lang), true);
        }
    }
    const std::string close = "✕ " + ctx.app.Tr("language.close");
    const float cw = ButtonWidth(ctx, close);
    const float close_y = top + static_cast<float>(rows) * (button_h + gap);
    ImGui::SetCursorScreenPos(ImVec2(ctx.rtl ? a.x + pad : a.x + pad + inner - cw, close_y));
    if (TouchButton(ctx, "close-languages", close, cw)) {
        ShowLanguagePicker(ctx.state, false);
    }
    EndOverlay();
}

void DrawIdleDialog(ScreenContext& ctx, ImVec2 display) {
    // A full-screen window on top: taps outside the box land here, never on the screen below.
    BeginOverlay(ctx, "##idle", display);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = std::min(display.x - 2.0f * ctx.em, 30.0f * ctx.em);
    const ImVec2 a((display.x - w) * 0.5f, std::max(ctx.em, display.y * 0.5f - 7.0f * ctx.em));
    ImGui::SetCursorScreenPos(ImVec2(a.x + ctx.em, a.y + ctx.em));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(a.x + w - ctx.em);
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    Paragraph(ctx, ctx.app.Tr("idle.question"), ctx.fonts.title);
    Gap(0.3f);
    Paragraph(ctx, ctx.app.Format("idle.countdown",
                                  {{"n", std::to_string(ctx.state.idle_seconds_left)}}));
    Gap(0.6f);
    if (TouchButton(ctx, "continue", ctx.app.Tr("idle.continue"), w - 2.0f * ctx.em,
                    ButtonKind::kPrimary, ctx.fonts.title)) {
        ctx.state.idle_warning = false;  // the touch itself resets the idle timer
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + ctx.em;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(a, ImVec2(a.x + w, bottom), Col(ctx.theme.surface), 0.5f * ctx.em);
    dl->AddRect(a, ImVec2(a.x + w, bottom), Col(ctx.theme.border), 0.5f * ctx.em, 0, 2.0f);
    dl->ChannelsMerge();
    EndOverlay();
}

void DrawNoDataScreen(ScreenContext& ctx) {
    const HomeView& home = ctx.app.Home(ctx.now);
    std::string place = ctx.app.Text(home.place_name);
    DrawTopBar(ctx, place.empty() ? ctx.app.Tr("app.name") : place);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    BeginScrollArea(ctx, Screen::kHome, avail);
    ImGui::SetCursorPosX(ctx.em);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(avail.x - ctx.em);
    Gap(1.0f);
    Paragraph(ctx, ctx.app.Tr("nodata.title"), ctx.fonts.title);
    Gap(0.5f);
    Paragraph(ctx, ctx.app.Tr("nodata.hint"));
    const char* status_key = "nodata.status.error";
    switch (ctx.app.Status()) {
        case DataStatus::kMissing:
            status_key = "nodata.status.missing";
            break;
        case DataStatus::kEmpty:
            status_key = "nodata.status.empty";
            break;
        case DataStatus::kCorrupt:
            status_key = "nodata.status.corrupt";
            break;
        case DataStatus::kNewerSchema:
            status_key = "nodata.status.newer";
            break;
        default:
            break;
    }
    Gap(0.5f);
    Paragraph(ctx, ctx.app.Format("nodata.status", {{"status", ctx.app.Tr(status_key)}}), nullptr,
              ctx.theme.text_muted);
    if (!ctx.app.StatusDetail().empty()) {
        Paragraph(ctx, ctx.app.StatusDetail(), nullptr, ctx.theme.text_muted);
    }
    // A new kiosk: the pairing code, large, until the hub approves it and the data comes.
    PairingBlock(ctx);
    const SyncStatus& sync = ctx.app.Sync();
    if (sync.enabled && sync.paired && !sync.last_error_code.empty()) {
        Paragraph(ctx, SyncErrorText(ctx, sync.last_error_code), nullptr, ctx.theme.text_muted);
    }
    Gap(1.0f);
    bool first = true;
    for (const std::string& lang : ctx.app.Config().languages.offered) {
        const std::string name = Endonym(lang);
        FlowNext(ctx, ChipWidth(ctx, name, lang == ctx.state.language), first);
        first = false;
        if (Chip(ctx, ("lang" + lang).c_str(), name, lang == ctx.state.language)) {
            SetLanguage(ctx.state, lang);
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    EndScrollArea(ctx, Screen::kHome);
}

}  // namespace treffpunkt
