// The sync status: the strip at the bottom of home ("Stand: heute, 16:30 · online"), the
// details screen with "Jetzt synchronisieren" and the last error in plain words, and the
// pairing code of a kiosk that has no device token yet.
#include <algorithm>
#include <cfloat>
#include <string_view>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// "heute, 16:30" or "24.11.2026, 16:30" (Berlin time).
std::string WhenText(const ScreenContext& ctx, UtcTime t) {
    const LocalDateTime local = ToBerlin(t);
    const std::string& lang = ctx.state.language;
    const std::string day = local.date == BerlinDate(ctx.now) ? ctx.app.Tr("sync.today")
                                                              : DateNumericText(local.date, lang);
    return day + ", " + ClockText(local.minute_of_day, lang);
}

// "K7M4QP" as "K7M 4QP": easier to read out and to type on the hub.
std::string SpacedCode(const std::string& code) {
    if (code.size() == 6) {
        return code.substr(0, 3) + " " + code.substr(3);
    }
    return code;
}

// What the strip says, and whether it needs attention (not paired, or failing).
struct StripText {
    std::string text;
    bool attention{false};
};

StripText StripFor(const ScreenContext& ctx) {
    const SyncStatus& s = ctx.app.Sync();
    StripText out;
    if (!s.enabled) {
        const HomeView& home = ctx.app.Home(ctx.now);
        if (home.data_as_of) {
            out.text = ctx.app.Format(
                "home.data_as_of",
                {{"date", DateNumericText(BerlinDate(*home.data_as_of), ctx.state.language)}});
        }
        return out;
    }
    if (!s.paired) {
        out.attention = true;
        out.text = s.pairing_code.empty() ? ctx.app.Tr("sync.strip.unpaired")
                                          : ctx.app.Format("sync.strip.unpaired_code",
                                                           {{"code", SpacedCode(s.pairing_code)}});
        return out;
    }
    out.text = s.last_success
                   ? ctx.app.Format("sync.strip.as_of", {{"time", WhenText(ctx, *s.last_success)}})
                   : ctx.app.Tr("sync.strip.never");
    out.text += " · ";
    out.text += ctx.app.Tr(s.syncing  ? "sync.strip.syncing"
                           : s.online ? "sync.strip.online"
                                      : "sync.strip.offline");
    if (s.edits_waiting > 0) {
        out.text += " · " + CountText(ctx, "sync.strip.waiting", s.edits_waiting);
    }
    out.attention = !s.online && !s.syncing && !s.last_error_code.empty();
    return out;
}

}  // namespace

std::string SyncErrorText(const ScreenContext& ctx, const std::string& code) {
    // What happened, then what to do about it.
    const char* what = "sync.error.other";
    const char* todo = "sync.todo.retry";
    if (code == "net.tls" || StartsWith(code, "net.tls_") || code == "net.insecure_redirect") {
        what = "sync.error.security";
        todo = "sync.todo.tell_city";
    } else if (code == "net.config" || code == "sync.config") {
        what = "sync.error.config";
        todo = "sync.todo.tell_city";
    } else if (code == "net.too_large" || StartsWith(code, "server.") ||
               StartsWith(code, "request.") || StartsWith(code, "sync.")) {
        what = "sync.error.server";
    } else if (StartsWith(code, "net.")) {
        what = "sync.error.offline";
    } else if (StartsWith(code, "auth.")) {
        what = "sync.error.auth";
        todo = "sync.todo.pair_again";
    } else if (StartsWith(code, "pairing.")) {
        what = "sync.error.pairing";
        todo = "sync.todo.new_code";
    } else if (StartsWith(code, "db.")) {
        what = "sync.error.storage";
        todo = "sync.todo.tell_city";
    }
    return ctx.app.Tr(what) + " " + ctx.app.Tr(todo);
}

float SyncStripHeight(const ScreenContext& ctx) {
    return StripFor(ctx).text.empty() ? 0.0f : ctx.target_px;
}

void DrawSyncStrip(ScreenContext& ctx, ImVec2 top_left, float width) {
    const StripText strip = StripFor(ctx);
    if (strip.text.empty()) {
        return;
    }
    const float h = ctx.target_px;
    ImGui::SetCursorScreenPos(top_left);
    const bool tapped = ImGui::InvisibleButton("##sync-strip", ImVec2(width, h)) && ctx.interactive;
    const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    if (pressed) {
        dl->AddRectFilled(a, b, Col(ctx.theme.surface_pressed));
    }
    dl->AddLine(a, ImVec2(b.x, a.y), Col(ctx.theme.border), 1.0f);
    // A dot before the text: filled when all is well, a ring when something needs attention
    // (the words say which; the dot is never the only sign).
    const float dot = 0.55f * ctx.em;
    const float pad = 0.5f * ctx.em;
    const float dot_x = ctx.rtl ? b.x - pad - dot * 0.5f : a.x + pad + dot * 0.5f;
    const ImVec2 centre(dot_x, a.y + h * 0.5f);
    if (strip.attention) {
        dl->AddCircle(centre, dot * 0.5f, Col(ctx.theme.text), 16, std::max(1.5f, 0.1f * ctx.em));
    } else {
        dl->AddCircleFilled(centre, dot * 0.5f, Col(ctx.theme.badge_open), 16);
    }
    const std::string label = ForwardLabel(ctx, strip.text);
    const float room = width - dot - 3.0f * pad;
    ImFont* font = strip.attention ? ctx.fonts.bold : ctx.fonts.body;
    const TextBlock& shown = LayoutText(ctx, font, label, room, 1);
    const float text_x = ctx.rtl ? a.x + pad : a.x + dot + 2.0f * pad;
    DrawText(ctx, dl, font, shown, ImVec2(text_x, a.y + (h - shown.height_px) * 0.5f), room,
             strip.attention ? ctx.theme.text : ctx.theme.text_muted);
    RegisterLastItem(ctx, strip.text, true);
    if (tapped) {
        Navigate(ctx.state, ScreenRef{Screen::kSyncStatus, {}});
    }
}

void PairingBlock(ScreenContext& ctx) {
    const SyncStatus& s = ctx.app.Sync();
    if (!s.enabled || s.paired) {
        return;
    }
    Heading(ctx, ctx.app.Tr("sync.pairing.title"));
    if (s.pairing_code.empty()) {
        Paragraph(ctx, ctx.app.Tr(s.last_error_code.empty() ? "sync.pairing.requesting"
                                                            : "sync.pairing.no_code"));
        if (!s.last_error_code.empty()) {
            Paragraph(ctx, SyncErrorText(ctx, s.last_error_code), nullptr, ctx.theme.text_muted);
        }
        return;
    }
    Paragraph(ctx, ctx.app.Tr("sync.pairing.hint"));
    Gap(0.3f);
    // The code large enough to read from a step back, in a box.
    {
        const std::string code = SpacedCode(s.pairing_code);
        ImFont* font = ctx.fonts.title;
        const float size = 2.5f * font->FontSize;
        const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, 0.0f, code.c_str());
        const float pad = 0.6f * ctx.em;
        ImGui::Dummy(ImVec2(text.x + 2.0f * pad, text.y + 2.0f * pad));
        const ImVec2 a = ImGui::GetItemRectMin();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, ImGui::GetItemRectMax(), Col(ctx.theme.surface), 0.3f * ctx.em);
        dl->AddRect(a, ImGui::GetItemRectMax(), Col(ctx.theme.primary), 0.3f * ctx.em, 0,
                    std::max(2.0f, 0.1f * ctx.em));
        dl->AddText(font, size, ImVec2(a.x + pad, a.y + pad), Col(ctx.theme.surface_text),
                    code.c_str());
        RegisterLastItem(ctx, code, false);
    }
    if (s.pairing_expires && ctx.app.ClockTrusted(ctx.now)) {
        Paragraph(ctx,
                  ctx.app.Format("sync.pairing.expires",
                                 {{"time", ClockText(ToBerlin(*s.pairing_expires).minute_of_day,
                                                     ctx.state.language)}}),
                  nullptr, ctx.theme.text_muted);
    }
}

void DrawSyncScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("sync.title"));
    BeginDetail(ctx, Screen::kSyncStatus);
    const SyncStatus& s = ctx.app.Sync();
    if (!s.enabled) {
        Paragraph(ctx, ctx.app.Tr("sync.no_hub"));
        const HomeView& home = ctx.app.Home(ctx.now);
        if (home.data_as_of) {
            Field(ctx, ctx.app.Tr("sync.data_as_of"), WhenText(ctx, *home.data_as_of));
        }
        EndDetail(ctx, Screen::kSyncStatus);
        return;
    }
    PairingBlock(ctx);
    Field(ctx, ctx.app.Tr("sync.last_success"),
          s.last_success ? WhenText(ctx, *s.last_success) : ctx.app.Tr("sync.never"));
    Field(ctx, ctx.app.Tr("sync.connection"),
          ctx.app.Tr(s.syncing  ? "sync.connection.syncing"
                     : s.online ? "sync.connection.online"
                                : "sync.connection.offline"));
    if (s.changes_remaining > 0) {
        Field(ctx, ctx.app.Tr("sync.remaining"), std::to_string(s.changes_remaining));
    }
    Field(ctx, ctx.app.Tr("sync.edits_waiting"),
          s.edits_waiting == 0 ? ctx.app.Tr("sync.edits_waiting.none")
                               : CountText(ctx, "sync.strip.waiting", s.edits_waiting));
    if (!s.last_error_code.empty()) {
        std::string when;
        if (s.last_error_at) {
            when = WhenText(ctx, *s.last_error_at) + ": ";
        }
        Field(ctx, ctx.app.Tr("sync.last_error"), when + SyncErrorText(ctx, s.last_error_code));
    }
    if (s.next_attempt && !s.syncing && ctx.app.ClockTrusted(ctx.now)) {
        Field(ctx, ctx.app.Tr("sync.next_attempt"), WhenText(ctx, *s.next_attempt));
    }
    if (!s.clock_trusted) {
        Field(ctx, ctx.app.Tr("sync.clock"), ctx.app.Tr("sync.clock.untrusted"));
    }
    Gap(0.5f);
    if (s.syncing) {
        Paragraph(ctx, ctx.app.Tr("sync.connection.syncing"), ctx.fonts.bold);
    } else if (TouchButton(ctx, "sync-now", ctx.app.Tr("sync.now"), 0.0f, ButtonKind::kPrimary)) {
        ctx.app.RequestSync();
    }
    // For the person who looks after the kiosk: the codes and English messages the logs use.
    Heading(ctx, ctx.app.Tr("sync.technical"));
    std::string technical;
    if (!s.kiosk_id.empty()) {
        technical += "kiosk " + s.kiosk_id + "\n";
    }
    if (!s.last_error_code.empty()) {
        technical += s.last_error_code + ": " + s.last_error_message + "\n";
    }
    if (!s.clock_note.empty()) {
        technical += "clock: " + s.clock_note + "\n";
    }
    technical += "data version " + std::to_string(s.data_version);
    Paragraph(ctx, technical, nullptr, ctx.theme.text_muted);
    EndDetail(ctx, Screen::kSyncStatus);
}

}  // namespace treffpunkt
