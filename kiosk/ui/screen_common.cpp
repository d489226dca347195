#include "kiosk/app/actions.hpp"
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
    const bool home = ctx.state.Current().screen == Screen::kHome || !ctx.app.HasData();
    float left = a.x + pad;
    float right = a.x + w - pad;
    if (!home) {
        ImGui::SetCursorScreenPos(ImVec2(left, a.y + pad));
        const std::string back = "‹ " + ctx.app.Tr("nav.back");
        if (TouchButton(ctx, "back", back)) {
            GoBack(ctx.state);
        }
        left = ImGui::GetItemRectMax().x + 0.5f * ctx.em;
        const std::string start = ctx.app.Tr("nav.home");
        const float sw = ButtonWidth(ctx, start);
        ImGui::SetCursorScreenPos(ImVec2(right - sw, a.y + pad));
        if (TouchButton(ctx, "home", start, sw)) {
            GoHome(ctx.state);
        }
        right -= sw + 0.5f * ctx.em;
    } else {
        const std::string clock = ClockLine(ctx);
        if (!clock.empty()) {
            ImFont* f = ctx.fonts.bold;
            const ImVec2 cs = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, clock.c_str());
            const ImVec2 p(right - cs.x - 0.4f * ctx.em, a.y + (h - cs.y) * 0.5f);
            dl->AddText(f, f->FontSize, p, Col(ctx.theme.top_bar_text), clock.c_str());
            ctx.registry.Add(clock, Rect{p.x, p.y, p.x + cs.x, p.y + cs.y},
                             Rect{p.x, p.y, p.x + cs.x, p.y + cs.y}, false);
            right = p.x - 0.5f * ctx.em;
        }
        left += 0.4f * ctx.em;
    }
    ImFont* tf = ctx.fonts.title;
    const std::string shown = ShortenToLines(tf, title, right - left, 1);
    const ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, shown.c_str());
    const ImVec2 p(left, a.y + (h - ts.y) * 0.5f);
    dl->AddText(tf, tf->FontSize, p, Col(ctx.theme.top_bar_text), shown.c_str());
    ctx.registry.Add(title, Rect{p.x, p.y, p.x + ts.x, p.y + ts.y},
                     Rect{p.x, p.y, p.x + ts.x, p.y + ts.y}, false);
    ImGui::SetCursorScreenPos(a);
    ImGui::Dummy(ImVec2(w, h));
}

void ContactFields(ScreenContext& ctx, const Contact& c) {
    Paragraph(ctx, c.name, ctx.fonts.bold);
    Paragraph(ctx, ctx.app.Text(c.role), nullptr, ctx.theme.text_muted);
    Field(ctx, ctx.app.Tr("detail.phone"), c.phone);
    Field(ctx, ctx.app.Tr("detail.email"), c.email);
    Field(ctx, ctx.app.Tr("detail.web"), c.url);
    Field(ctx, ctx.app.Tr("detail.hours"), ctx.app.Text(c.hours));
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
            FlowNext(ChipWidth(ctx, label, &c == shown), first);
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
    ctx.interactive = !ctx.state.idle_warning;
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
        }
    }
    if (!ctx.app.LastError().empty()) {
        // A failed query: say so in words at the bottom instead of silently showing nothing.
        ImFont* f = ctx.fonts.bold;
        const std::string text = ctx.app.Tr("error.banner");
        const float h = f->FontSize + 0.8f * ctx.em;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a(0.0f, display.y - h);
        dl->AddRectFilled(a, display, Col(ctx.theme.top_bar));
        dl->AddText(f, f->FontSize, ImVec2(0.6f * ctx.em, a.y + 0.4f * ctx.em),
                    Col(ctx.theme.top_bar_text), text.c_str());
        ctx.registry.Add(text, Rect{a.x, a.y, display.x, display.y},
                         Rect{a.x, a.y, display.x, display.y}, false);
    }
    ImGui::PopFont();
    ImGui::End();
    if (ctx.state.idle_warning) {
        ctx.interactive = true;
        DrawIdleDialog(ctx, display);
    }
}

void DrawIdleDialog(ScreenContext& ctx, ImVec2 display) {
    // A full-screen window on top: taps outside the box land here, never on the screen below.
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(display);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav);
    ImGui::PushFont(ctx.fonts.body);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), display, Col(ctx.theme.scrim, 0.6f));
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
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor();
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
    Gap(1.0f);
    bool first = true;
    for (const std::string& lang : ctx.app.Config().languages.offered) {
        const std::string name = Endonym(lang);
        FlowNext(ChipWidth(ctx, name, lang == ctx.state.language), first);
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
