#include "kiosk/ui/volunteer_widgets.hpp"

#include <algorithm>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "sync/model/text.hpp"
#include "sync/model/validation.hpp"

namespace treffpunkt {

using namespace std::chrono;

std::string VolunteerText(const ScreenContext& ctx, const std::string& key,
                          const std::string& detail) {
    return ctx.app.Format(key, {{"detail", detail}});
}

void VolunteerMessageLine(ScreenContext& ctx) {
    const VolunteerMessage& m = ctx.state.volunteer.message;
    if (m.key.empty()) {
        return;
    }
    const std::string text = VolunteerText(ctx, m.key, m.detail);
    Paragraph(ctx, m.error ? "! " + text : text, ctx.fonts.bold);
}

void ProblemsAt(ScreenContext& ctx, const std::string& field) {
    for (const FieldProblem& p : ctx.state.volunteer.form.problems) {
        // "schedule" shows "schedule.weekdays"; "cost.de" shows "cost" (the German text is
        // the one that is required).
        if (p.field == field || p.field.rfind(field + ".", 0) == 0 || field == p.field + ".de") {
            Paragraph(ctx, "! " + VolunteerText(ctx, p.key, p.detail), ctx.fonts.bold);
        }
    }
}

namespace {

size_t LimitOf(const std::string& key) {
    const std::string field = key.substr(0, key.find('.'));
    if (field == "title") {
        return kMaxNameChars;
    }
    if (field == "description") {
        return kMaxDescriptionChars;
    }
    if (field == "url" || field == "email") {
        return kMaxShortFieldChars;
    }
    if (field == "phone") {
        return kMaxPhoneChars;
    }
    return kMaxSummaryChars;
}

}  // namespace

void FormTextField(ScreenContext& ctx, const std::string& key, const std::string& label,
                   KeyboardMode mode, int lines) {
    EditForm& form = ctx.state.volunteer.form;
    const std::string& text = form.texts[key];
    const size_t length = Utf8Length(text);
    const size_t limit = LimitOf(key);
    Paragraph(ctx, label + "  (" + std::to_string(length) + "/" + std::to_string(limit) + ")",
              ctx.fonts.bold);
    const float w = ContentRight() - ImGui::GetCursorScreenPos().x;
    const float inner = w - 1.2f * ctx.em;
    const std::string shown = text.empty() ? ctx.app.Tr("volunteer.field.tap_to_write") : text;
    const TextBlock& block = LayoutText(ctx, ctx.fonts.body, shown, inner, lines);
    const float h = std::max(ButtonHeight(ctx), block.height_px + 0.8f * ctx.em);
    ImGui::PushID(key.c_str());
    const bool tapped = ImGui::InvisibleButton("##field", ImVec2(w, h)) && ctx.interactive;
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(ctx.theme.surface), 0.3f * ctx.em);
    dl->AddRect(a, b, Col(ctx.theme.primary), 0.3f * ctx.em, 0, std::max(1.5f, 0.08f * ctx.em));
    DrawText(ctx, dl, ctx.fonts.body, block, ImVec2(a.x + 0.6f * ctx.em, a.y + 0.4f * ctx.em),
             inner, text.empty() ? ctx.theme.text_muted : ctx.theme.surface_text);
    RegisterLastItem(ctx, label, true);
    if (!text.empty()) {
        RegisterLastItem(ctx, text, false);
    }
    if (tapped) {
        OpenFormKeyboard(ctx.state, key, mode);
    }
    ProblemsAt(ctx, key);
}

void DateField(ScreenContext& ctx, const char* id, const std::string& label,
               std::optional<Date>& value, DateTarget target) {
    EditForm& form = ctx.state.volunteer.form;
    const std::string& lang = ctx.state.language;
    const std::string text =
        label + ": " + (value ? DateLongText(*value, lang) : ctx.app.Tr("volunteer.date.pick"));
    FlowNext(ctx, ButtonWidth(ctx, text), true);
    const bool open = form.date_target == target;
    if (TouchButton(ctx, id, text, 0.0f, open ? ButtonKind::kPrimary : ButtonKind::kPlain)) {
        form.date_target = open ? DateTarget::kNone : target;
        const Date shown = value.value_or(BerlinDate(ctx.now));
        form.calendar_month = Date{shown.year(), shown.month(), day{1}};
        ++ctx.state.generation;
    }
    if (form.date_target != target || !form.calendar_month) {
        return;
    }
    // The month calendar: ‹ month › and seven columns, Monday first.
    Date& month = *form.calendar_month;
    const float cell = std::max(ctx.target_px, 2.2f * ctx.em);
    const float gap = 0.15f * ctx.em;
    if (TouchButton(ctx, (std::string(id) + "-prev").c_str(), "‹", cell)) {
        const year_month ym = year_month{month.year(), month.month()} - months{1};
        month = Date{ym.year(), ym.month(), day{1}};
        ++ctx.state.generation;
    }
    RegisterLastItem(ctx, ctx.app.Tr("volunteer.date.previous_month"), true);
    ImGui::SameLine();
    const std::string month_name =
        ctx.app.Tr(std::string(kMonthKey) + std::to_string(static_cast<unsigned>(month.month()))) +
        " " + std::to_string(static_cast<int>(month.year()));
    const float title_w = 7.0f * (cell + gap) - 2.0f * (cell + gap);
    const float x0 = ImGui::GetCursorScreenPos().x;
    const float y0 = ImGui::GetCursorScreenPos().y;
    const TextBlock& tb = LayoutText(ctx, ctx.fonts.bold, month_name, title_w, 1);
    DrawText(ctx, ImGui::GetWindowDrawList(), ctx.fonts.bold, tb,
             ImVec2(x0, y0 + (ButtonHeight(ctx) - tb.height_px) * 0.5f), title_w, ctx.theme.text,
             TextAlign::kCenter);
    ImGui::Dummy(ImVec2(title_w, ButtonHeight(ctx)));
    ImGui::SameLine();
    if (TouchButton(ctx, (std::string(id) + "-next").c_str(), "›", cell)) {
        const year_month ym = year_month{month.year(), month.month()} + months{1};
        month = Date{ym.year(), ym.month(), day{1}};
        ++ctx.state.generation;
    }
    RegisterLastItem(ctx, ctx.app.Tr("volunteer.date.next_month"), true);
    const float left = ImGui::GetCursorScreenPos().x;
    // Weekday names over the columns.
    {
        const float y_head = ImGui::GetCursorScreenPos().y;
        const float head_h = LineHeight(ctx.fonts.bold);
        for (int col = 0; col < 7; ++col) {
            const std::string name =
                ctx.app.Tr(std::string(kWeekdayShortKey) + std::to_string(col));
            const TextBlock& hb = LayoutText(ctx, ctx.fonts.bold, name, cell, 1);
            DrawText(ctx, ImGui::GetWindowDrawList(), ctx.fonts.bold, hb,
                     ImVec2(left + static_cast<float>(col) * (cell + gap), y_head), cell,
                     ctx.theme.text_muted, TextAlign::kCenter);
        }
        ImGui::Dummy(ImVec2(7.0f * (cell + gap), head_h));
    }
    const int first_col = IsoWeekdayIndex(month);
    const unsigned last_day = static_cast<unsigned>(
        year_month_day_last{month.year(), month_day_last{month.month()}}.day());
    float y = ImGui::GetCursorScreenPos().y;
    for (unsigned d = 1; d <= last_day; ++d) {
        const int col = (first_col + static_cast<int>(d) - 1) % 7;
        const int row = (first_col + static_cast<int>(d) - 1) / 7;
        ImGui::SetCursorScreenPos(ImVec2(left + static_cast<float>(col) * (cell + gap),
                                         y + static_cast<float>(row) * (cell + gap)));
        const Date date{month.year(), month.month(), day{d}};
        const bool selected = value && *value == date;
        if (TouchButton(ctx, (std::string(id) + std::to_string(d)).c_str(), std::to_string(d), cell,
                        selected ? ButtonKind::kPrimary : ButtonKind::kPlain)) {
            value = date;
            form.date_target = DateTarget::kNone;
            ++ctx.state.generation;
        }
    }
    const int rows = (first_col + static_cast<int>(last_day) + 6) / 7;
    ImGui::SetCursorScreenPos(ImVec2(left, y + static_cast<float>(rows) * (cell + gap)));
    ImGui::Dummy(ImVec2(1.0f, 1.0f));
}

void TimeStepper(ScreenContext& ctx, const char* id, const std::string& label, int& minute, int lo,
                 int hi) {
    const std::string shown = label + " " + ClockText(minute, ctx.state.language);
    Paragraph(ctx, shown, ctx.fonts.bold);
    const struct {
        const char* text;
        int delta;
    } steps[] = {{"-1:00", -60}, {"-0:15", -15}, {"+0:15", 15}, {"+1:00", 60}};
    bool first = true;
    for (const auto& s : steps) {
        const std::string key = std::string(id) + s.text;
        FlowNext(ctx, ButtonWidth(ctx, s.text), first);
        first = false;
        if (TouchButton(ctx, key.c_str(), s.text)) {
            minute = std::clamp(minute + s.delta, lo, hi);
            ++ctx.state.generation;
        }
        RegisterLastItem(ctx, key, true);  // "start+0:15": for scripts and tests
    }
}

}  // namespace treffpunkt
