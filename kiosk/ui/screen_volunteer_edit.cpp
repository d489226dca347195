// The offer form: texts on the on-screen keyboard, choices as chips, the schedule editor
// (repetition, weekdays, times, single dates, closures), translations, "Speichern".
#include <algorithm>
#include <initializer_list>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/i18n.hpp"
#include "kiosk/app/offer_form.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/app/volunteer_session.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/volunteer_widgets.hpp"
#include "sync/model/schedule.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

// Content languages with a keyboard layout for their translations.
const std::vector<std::string> kTranslationLanguages = {"en", "fr", "tr", "uk", "ru", "ar"};

void Toggle(std::vector<std::string>& values, const std::string& value) {
    auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) {
        values.push_back(value);
    } else {
        values.erase(it);
    }
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// A row of chips; returns the index tapped or -1.
template <class Label, class Selected>
int ChipRow(ScreenContext& ctx, const char* id, size_t count, Label label, Selected selected) {
    int tapped = -1;
    ImGui::PushID(id);
    for (size_t i = 0; i < count; ++i) {
        const std::string text = label(i);
        const bool on = selected(i);
        FlowNext(ctx, ChipWidth(ctx, text, on), i == 0);
        if (Chip(ctx, std::to_string(i).c_str(), text, on)) {
            tapped = static_cast<int>(i);
        }
    }
    ImGui::PopID();
    return tapped;
}

std::string FieldLabel(const ScreenContext& ctx, const std::string& field,
                       const std::string& lang) {
    std::string label = ctx.app.Tr(std::string(kFieldKey) + field);
    if (!lang.empty()) {
        label += " (" + ctx.app.LanguageName(lang) + ")";
    }
    return label;
}

KeyboardMode ModeOf(const std::string& key) {
    if (key == "url") {
        return KeyboardMode::kWeb;
    }
    if (key == "email") {
        return KeyboardMode::kEmail;
    }
    if (key == "phone") {
        return KeyboardMode::kPhone;
    }
    return KeyboardMode::kText;
}

// `pos` moved forward to the start of a UTF-8 sequence (never into a Cyrillic or Arabic letter).
size_t Utf8Boundary(const std::string& text, size_t pos) {
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
        ++pos;
    }
    return pos;
}

// While the keyboard is up: the field being typed into, large, above the keyboard.
void DrawTyping(ScreenContext& ctx) {
    VolunteerState& v = ctx.state.volunteer;
    const std::string field = v.focus.substr(0, v.focus.find('.'));
    const std::string lang = v.focus.find('.') == std::string::npos
                                 ? std::string()
                                 : v.focus.substr(v.focus.find('.') + 1);
    const float kb_h = KeyboardHeight(ctx);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float pad = 0.6f * ctx.em;
    const float area_h = std::max(ButtonHeight(ctx), avail.y - kb_h);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + 0.3f * ctx.em));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(avail.x - pad);
    const std::string& text = v.form.texts[v.focus];
    const std::string label = FieldLabel(ctx, field, lang);
    Paragraph(ctx, label + "  (" + std::to_string(Utf8Length(text)) + ")", ctx.fonts.bold);
    // The end of the text, where the next letter goes, stays in view.
    const float inner = avail.x - 2.0f * pad;
    const float line_h = LineHeight(ctx.fonts.body);
    const int lines = std::max(1, static_cast<int>((area_h - 2.2f * ctx.em) / line_h));
    const TextBlock& all = LayoutText(ctx, ctx.fonts.body, text + "|", inner);
    const std::string shown =
        all.lines.size() > static_cast<size_t>(lines)
            ? "… " + text.substr(Utf8Boundary(text, text.size() > 300 ? text.size() - 300 : 0)) +
                  "|"
            : text + "|";
    const TextBlock& block = LayoutText(ctx, ctx.fonts.body, shown, inner, lines);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    DrawText(ctx, ImGui::GetWindowDrawList(), ctx.fonts.body, block, p, inner, ctx.theme.text);
    ctx.registry.Add(text, Rect{p.x, p.y, p.x + inner, p.y + block.height_px},
                     Rect{p.x, p.y, p.x + inner, p.y + block.height_px}, false);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + area_h));
    DrawKeyboard(ctx);
}

void DrawScheduleEditor(ScreenContext& ctx) {
    EditForm& form = ctx.state.volunteer.form;
    ScheduleChoice& c = form.schedule;
    const std::string& lang = ctx.state.language;
    Heading(ctx, ctx.app.Tr("detail.when"));
    const std::string by_arrangement = ctx.app.Tr("volunteer.schedule.by_arrangement");
    FlowNext(ctx, ChipWidth(ctx, by_arrangement, !form.has_schedule), true);
    if (Chip(ctx, "by-arrangement", by_arrangement, !form.has_schedule)) {
        form.has_schedule = !form.has_schedule;
        ++ctx.state.generation;
    }
    if (!form.has_schedule) {
        return;
    }
    if (form.keep_schedule) {
        Paragraph(ctx, ctx.app.Tr("volunteer.schedule.kept"));
        const std::string restart = ctx.app.Tr("volunteer.schedule.start_over");
        FlowNext(ctx, ButtonWidth(ctx, restart), true);
        if (TouchButton(ctx, "start-over", restart)) {
            form.keep_schedule = false;
            form.schedule = ScheduleChoice{};
            form.schedule.weekdays = {IsoWeekdayIndex(BerlinDate(ctx.now))};
            ++ctx.state.generation;
        }
        return;
    }
    const struct {
        Repetition repetition;
        const char* key;
    } repetitions[] = {{Repetition::kWeekly, "volunteer.schedule.weekly"},
                       {Repetition::kFortnightly, "volunteer.schedule.fortnightly"},
                       {Repetition::kMonthly, "volunteer.schedule.monthly"},
                       {Repetition::kOnce, "volunteer.schedule.once"}};
    const int r = ChipRow(
        ctx, "repetition", 4, [&](size_t i) { return ctx.app.Tr(repetitions[i].key); },
        [&](size_t i) { return c.repetition == repetitions[i].repetition; });
    if (r >= 0) {
        c.repetition = repetitions[r].repetition;
        if (c.repetition == Repetition::kMonthly && c.weekdays.size() > 1) {
            // Monthly means one weekday: the first chosen stays. (erase, not resize: GCC 12
            // warns -Warray-bounds on resize's growing branch at -O2.)
            c.weekdays.erase(c.weekdays.begin() + 1, c.weekdays.end());
        }
        ++ctx.state.generation;
    }
    if (c.repetition != Repetition::kOnce) {
        if (c.repetition == Repetition::kMonthly) {
            Paragraph(ctx, ctx.app.Tr("volunteer.schedule.which_week"), ctx.fonts.bold);
            const int weeks[] = {1, 2, 3, 4, -1};
            const int w = ChipRow(
                ctx, "week", 5,
                [&](size_t i) {
                    return weeks[i] == -1 ? ctx.app.Tr("volunteer.schedule.last")
                                          : std::to_string(weeks[i]) + ".";
                },
                [&](size_t i) { return c.week_of_month == weeks[i]; });
            if (w >= 0) {
                c.week_of_month = weeks[w];
                ++ctx.state.generation;
            }
        }
        Paragraph(ctx, ctx.app.Tr("volunteer.schedule.weekdays"), ctx.fonts.bold);
        const int d = ChipRow(
            ctx, "weekday", 7,
            [&](size_t i) { return ctx.app.Tr(std::string(kWeekdayKey) + std::to_string(i)); },
            [&](size_t i) {
                return std::find(c.weekdays.begin(), c.weekdays.end(), static_cast<int>(i)) !=
                       c.weekdays.end();
            });
        if (d >= 0) {
            auto it = std::find(c.weekdays.begin(), c.weekdays.end(), d);
            if (c.repetition == Repetition::kMonthly) {
                c.weekdays = {d};  // one weekday a month
            } else if (it == c.weekdays.end()) {
                c.weekdays.push_back(d);
                std::sort(c.weekdays.begin(), c.weekdays.end());
            } else {
                c.weekdays.erase(it);
            }
            ++ctx.state.generation;
        }
        ProblemsAt(ctx, "schedule.weekdays");
        ProblemsAt(ctx, "schedule.week_of_month");
    }
    TimeStepper(ctx, "start", ctx.app.Tr("volunteer.schedule.start_time"), c.start_minute, 0,
                23 * 60 + 45);
    TimeStepper(ctx, "end", ctx.app.Tr("volunteer.schedule.end_time"), c.end_minute, 15, 24 * 60);
    ProblemsAt(ctx, "schedule.start_time");
    ProblemsAt(ctx, "schedule.end_time");
    if (c.repetition != Repetition::kOnce) {
        // "bis 24.06.2027": the last day of the series (open-ended when not chosen).
        DateField(ctx, "series-until", ctx.app.Tr("volunteer.schedule.until"), c.until,
                  DateTarget::kSeriesUntil);
        if (c.until) {
            const std::string open = ctx.app.Tr("volunteer.schedule.open_ended");
            FlowNext(ctx, ButtonWidth(ctx, open), true);
            if (TouchButton(ctx, "open-ended", open)) {
                c.until.reset();
                ++ctx.state.generation;
            }
        }
        ProblemsAt(ctx, "schedule.until");
    }

    // Single dates (the only ones when "nur einzelne Termine", else extra ones).
    Paragraph(ctx, ctx.app.Tr("volunteer.schedule.dates"), ctx.fonts.bold);
    for (size_t i = 0; i < c.dates.size(); ++i) {
        const std::string label =
            "✓ " + DateLongText(c.dates[i], lang) + "  —  " + ctx.app.Tr("volunteer.remove");
        FlowNext(ctx, ButtonWidth(ctx, label), true);
        if (TouchButton(ctx, ("date-" + std::to_string(i)).c_str(), label)) {
            c.dates.erase(c.dates.begin() + static_cast<std::ptrdiff_t>(i));
            ++ctx.state.generation;
            break;
        }
    }
    DateField(ctx, "new-date", ctx.app.Tr("volunteer.schedule.new_date"), form.new_date,
              DateTarget::kSingleDate);
    if (form.new_date) {
        c.dates.push_back(*form.new_date);
        std::sort(c.dates.begin(), c.dates.end());
        c.dates.erase(std::unique(c.dates.begin(), c.dates.end()), c.dates.end());
        form.new_date.reset();
    }
    ProblemsAt(ctx, "schedule.dates");

    // Closures: days without sessions ("fällt aus").
    Paragraph(ctx, ctx.app.Tr("volunteer.schedule.closures"), ctx.fonts.bold);
    for (size_t i = 0; i < c.closures.size(); ++i) {
        const DateRange& range = c.closures[i];
        std::string label = DateNumericText(range.from, lang);
        if (range.until != range.from) {
            label += " – " + DateNumericText(range.until, lang);
        }
        label += "  —  " + ctx.app.Tr("volunteer.remove");
        FlowNext(ctx, ButtonWidth(ctx, label), true);
        if (TouchButton(ctx, ("closure-" + std::to_string(i)).c_str(), label)) {
            c.closures.erase(c.closures.begin() + static_cast<std::ptrdiff_t>(i));
            ++ctx.state.generation;
            break;
        }
    }
    DateField(ctx, "closure-from", ctx.app.Tr("volunteer.date.from"), form.closure_from,
              DateTarget::kClosureFrom);
    DateField(ctx, "closure-until", ctx.app.Tr("volunteer.date.until_optional"), form.closure_until,
              DateTarget::kClosureUntil);
    const std::string add = ctx.app.Tr("volunteer.schedule.add_closure");
    FlowNext(ctx, ButtonWidth(ctx, add), true);
    if (TouchButton(ctx, "add-closure", add)) {
        if (!form.closure_from) {
            ctx.state.volunteer.message = {"volunteer.pause.pick_dates", {}, true};
        } else {
            Schedule s;
            s.closures = c.closures;
            AddClosure(s, *form.closure_from, form.closure_until.value_or(*form.closure_from),
                       LocalizedText{});
            c.closures = s.closures;
            form.closure_from.reset();
            form.closure_until.reset();
        }
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "schedule.closures");
    ProblemsAt(ctx, "schedule");

    // What the choice means, and its next dates: the volunteer sees what residents will see.
    if (CheckChoice(c).empty()) {
        const Schedule s = ToSchedule(c, BerlinDate(ctx.now));
        Paragraph(ctx, ScheduleSentence(s, lang), ctx.fonts.bold);
        const Date today = BerlinDate(ctx.now);
        std::string dates;
        for (const Session& session : NextSessions(s, ctx.now, 3)) {
            dates += (dates.empty() ? "• " : "\n• ") + SessionText(session, today, lang);
        }
        Field(ctx, ctx.app.Tr("detail.next_dates"),
              dates.empty() ? ctx.app.Tr("detail.no_next_dates") : dates);
    }
}

// "Sprachen": the kiosk's languages and any the record has, as chips.
void LanguageChips(ScreenContext& ctx) {
    EditForm& form = ctx.state.volunteer.form;
    Heading(ctx, ctx.app.Tr("detail.languages"));
    std::vector<std::string> languages = ctx.app.Config().languages.offered;
    for (const std::string& l : form.languages) {
        if (!Contains(languages, l)) {
            languages.push_back(l);
        }
    }
    const int l = ChipRow(
        ctx, "languages", languages.size(),
        [&](size_t i) { return ctx.app.LanguageName(languages[i]); },
        [&](size_t i) { return Contains(form.languages, languages[i]); });
    if (l >= 0) {
        Toggle(form.languages, languages[static_cast<size_t>(l)]);
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "languages");
}

// Chips for the terms of one vocabulary; `chosen` holds term ids.
void TermChips(ScreenContext& ctx, const char* id, std::string_view vocabulary,
               std::vector<std::string>& chosen) {
    const auto& terms = ctx.app.Terms(vocabulary);
    const int t = ChipRow(
        ctx, id, terms.size(), [&](size_t i) { return ctx.app.Text(terms[i].name); },
        [&](size_t i) { return Contains(chosen, terms[i].meta.id); });
    if (t >= 0) {
        Toggle(chosen, terms[static_cast<size_t>(t)].meta.id);
        ++ctx.state.generation;
    }
}

// The languages a text can be translated into here: the kiosk's offered languages (their
// fonts are loaded) that have a keyboard layout, German being the form's own.
std::vector<std::string> TranslationLanguages(const ScreenContext& ctx) {
    std::vector<std::string> out;
    for (const std::string& l : ctx.app.Config().languages.offered) {
        if (l != "de" && Contains(kTranslationLanguages, l)) {
            out.push_back(l);
        }
    }
    return out;
}

struct TranslatedField {
    const char* field;  // "title", "role", …
    int lines;          // lines of the field in the form
};

// "Übersetzungen": a chip per language (named in itself, as a translator reads it) picks
// which translation is shown (six more fields of each text would not fit a 7" panel); each
// field opens the keyboard in its language.
void TranslationFields(ScreenContext& ctx, std::initializer_list<TranslatedField> fields) {
    EditForm& form = ctx.state.volunteer.form;
    const std::vector<std::string> other = TranslationLanguages(ctx);
    if (other.empty()) {
        return;
    }
    if (!Contains(other, form.translation_language)) {
        form.translation_language = other.front();
    }
    Heading(ctx, ctx.app.Tr("volunteer.translations"));
    Paragraph(ctx, ctx.app.Tr("volunteer.translations.hint"), nullptr, ctx.theme.text_muted);
    const int o = ChipRow(
        ctx, "translation", other.size(), [&](size_t i) { return Endonym(other[i]); },
        [&](size_t i) { return form.translation_language == other[i]; });
    if (o >= 0) {
        form.translation_language = other[static_cast<size_t>(o)];
        ++ctx.state.generation;
    }
    const std::string& tl = form.translation_language;
    for (const TranslatedField& f : fields) {
        FormTextField(ctx, std::string(f.field) + "." + tl, FieldLabel(ctx, f.field, tl),
                      KeyboardMode::kText, f.lines);
    }
}

void DrawOfferFields(ScreenContext& ctx) {
    EditForm& form = ctx.state.volunteer.form;
    // The title, then the dates (what changes most often), then the rest.
    FormTextField(ctx, "title.de", FieldLabel(ctx, "title", "de"), KeyboardMode::kText, 2);
    DrawScheduleEditor(ctx);
    Heading(ctx, ctx.app.Tr("detail.about"));
    FormTextField(ctx, "summary.de", FieldLabel(ctx, "summary", "de"), KeyboardMode::kText, 3);
    FormTextField(ctx, "description.de", FieldLabel(ctx, "description", "de"), KeyboardMode::kText,
                  4);

    Heading(ctx, ctx.app.Tr("detail.topics"));
    const auto& topics = ctx.app.Terms(kVocabFieldOfAction);
    const int t = ChipRow(
        ctx, "topics", topics.size(), [&](size_t i) { return ctx.app.Text(topics[i].name); },
        [&](size_t i) { return Contains(form.fields_of_action, topics[i].meta.id); });
    if (t >= 0) {
        Toggle(form.fields_of_action, topics[static_cast<size_t>(t)].meta.id);
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "fields_of_action");
    Heading(ctx, ctx.app.Tr("detail.target_groups"));
    const auto& groups = ctx.app.Terms(kVocabTargetGroup);
    const int g = ChipRow(
        ctx, "groups", groups.size(), [&](size_t i) { return ctx.app.Text(groups[i].name); },
        [&](size_t i) { return Contains(form.target_groups, groups[i].meta.id); });
    if (g >= 0) {
        Toggle(form.target_groups, groups[static_cast<size_t>(g)].meta.id);
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "target_groups");
    LanguageChips(ctx);

    Heading(ctx, ctx.app.Tr("detail.cost"));
    const std::string free = ctx.app.Tr("detail.free");
    FlowNext(ctx, ChipWidth(ctx, free, form.free_of_charge), true);
    if (Chip(ctx, "free", free, form.free_of_charge)) {
        form.free_of_charge = !form.free_of_charge;
        ++ctx.state.generation;
    }
    if (!form.free_of_charge) {
        FormTextField(ctx, "cost.de", FieldLabel(ctx, "cost", "de"), KeyboardMode::kText);
    } else {
        ProblemsAt(ctx, "cost");
    }
    FormTextField(ctx, "registration.de", FieldLabel(ctx, "registration", "de"),
                  KeyboardMode::kText, 2);
    FormTextField(ctx, "url", FieldLabel(ctx, "url", ""), ModeOf("url"));

    TranslationFields(ctx, {{"title", 2}, {"summary", 3}, {"description", 3}});
}

// A contact: name, role, phone (digit pad), e-mail and web (their keyboards), hours.
void DrawContactFields(ScreenContext& ctx) {
    FormTextField(ctx, "name", FieldLabel(ctx, "name", ""), KeyboardMode::kText);
    FormTextField(ctx, "role.de", FieldLabel(ctx, "role", "de"), KeyboardMode::kText);
    FormTextField(ctx, "phone", FieldLabel(ctx, "phone", ""), KeyboardMode::kPhone);
    FormTextField(ctx, "email", FieldLabel(ctx, "email", ""), KeyboardMode::kEmail);
    FormTextField(ctx, "url", FieldLabel(ctx, "url", ""), KeyboardMode::kWeb);
    FormTextField(ctx, "hours.de", FieldLabel(ctx, "hours", "de"), KeyboardMode::kText, 2);
    LanguageChips(ctx);
    TranslationFields(ctx, {{"role", 1}, {"hours", 2}});
}

// A care-circle helper: first name, kinds of help, districts, languages, availability, how
// residents reach them; a public phone or e-mail only with their recorded consent.
void DrawHelperFields(ScreenContext& ctx) {
    EditForm& form = ctx.state.volunteer.form;
    FormTextField(ctx, "first_name", FieldLabel(ctx, "first_name", ""), KeyboardMode::kText);
    Heading(ctx, ctx.app.Tr("volunteer.field.kinds_of_help"));
    TermChips(ctx, "help", kVocabHelpKind, form.kinds_of_help);
    ProblemsAt(ctx, "kinds_of_help");
    Heading(ctx, ctx.app.Tr("volunteer.field.districts"));
    std::vector<std::string> districts = ctx.app.Districts();
    for (const std::string& d : form.districts) {
        if (!Contains(districts, d)) {
            districts.push_back(d);
        }
    }
    const int d = ChipRow(
        ctx, "districts", districts.size(), [&](size_t i) { return districts[i]; },
        [&](size_t i) { return Contains(form.districts, districts[i]); });
    if (d >= 0) {
        Toggle(form.districts, districts[static_cast<size_t>(d)]);
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "districts");
    LanguageChips(ctx);
    FormTextField(ctx, "availability.de", FieldLabel(ctx, "availability", "de"),
                  KeyboardMode::kText, 2);
    FormTextField(ctx, "about.de", FieldLabel(ctx, "about", "de"), KeyboardMode::kText, 2);
    // Residents reach a helper through a contact of the place (chips of those contacts).
    Heading(ctx, ctx.app.Tr("volunteer.field.coordinator_contact_id"));
    std::vector<const Contact*> contacts;
    for (const Contact& c : ctx.app.Contacts()) {
        if (c.place_id == form.place_id || c.meta.id == form.coordinator_contact_id) {
            contacts.push_back(&c);
        }
    }
    const int c = ChipRow(
        ctx, "coordinator", contacts.size(), [&](size_t i) { return contacts[i]->name; },
        [&](size_t i) { return contacts[i]->meta.id == form.coordinator_contact_id; });
    if (c >= 0) {
        form.coordinator_contact_id = contacts[static_cast<size_t>(c)]->meta.id;
        ++ctx.state.generation;
    }
    ProblemsAt(ctx, "coordinator_contact_id");
    Heading(ctx, ctx.app.Tr("volunteer.field.public_contact"));
    const std::string consent = ctx.app.Tr("volunteer.helper.consent");
    FlowNext(ctx, ChipWidth(ctx, consent, form.public_consent), true);
    if (Chip(ctx, "consent", consent, form.public_consent)) {
        form.public_consent = !form.public_consent;
        if (!form.public_consent) {
            form.consent_date.reset();  // a new consent gets today's date
        }
        ++ctx.state.generation;
    }
    if (form.public_consent) {
        FormTextField(ctx, "public_phone", FieldLabel(ctx, "phone", ""), KeyboardMode::kPhone);
        FormTextField(ctx, "public_email", FieldLabel(ctx, "email", ""), KeyboardMode::kEmail);
    } else {
        Paragraph(ctx, ctx.app.Tr("volunteer.helper.no_consent"), nullptr, ctx.theme.text_muted);
    }
    TranslationFields(ctx, {{"availability", 2}, {"about", 2}});
}

std::string SaveBarMessage(const ScreenContext& ctx) {
    const VolunteerMessage& m = ctx.state.volunteer.message;
    if (m.key.empty()) {
        return {};
    }
    const std::string text = VolunteerText(ctx, m.key, m.detail);
    return m.error ? "! " + text : text;
}

float SaveBarButtonsWidth(const ScreenContext& ctx) {
    return ButtonWidth(ctx, ctx.app.Tr("volunteer.save")) +
           ButtonWidth(ctx, ctx.app.Tr("volunteer.cancel")) + 1.4f * ctx.em;
}

float SaveBarHeight(const ScreenContext& ctx, float width) {
    const std::string message = SaveBarMessage(ctx);
    float h = ButtonHeight(ctx);
    if (!message.empty()) {
        const float room = std::max(4.0f * ctx.em, width - SaveBarButtonsWidth(ctx) - ctx.em);
        h = std::max(h, LayoutText(ctx, ctx.fonts.bold, message, room, 3).height_px);
    }
    return h + 0.5f * ctx.em;
}

void DrawSaveBar(ScreenContext& ctx, float bar_h) {
    VolunteerState& v = ctx.state.volunteer;
    const ImVec2 a(ImGui::GetWindowPos().x,
                   ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - bar_h);
    const float w = ImGui::GetWindowWidth();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + bar_h), Col(ctx.theme.surface));
    dl->AddLine(a, ImVec2(a.x + w, a.y), Col(ctx.theme.border), 1.0f);
    const float pad = 0.25f * ctx.em;
    const std::string save = ctx.app.Tr("volunteer.save");
    const std::string cancel = ctx.app.Tr("volunteer.cancel");
    // "Speichern" first where reading starts (right in a right-to-left UI), the message after.
    const float save_w = ButtonWidth(ctx, save);
    const float cancel_w = ButtonWidth(ctx, cancel);
    const float gap = 0.4f * ctx.em;
    const float save_x = ctx.rtl ? a.x + w - 0.6f * ctx.em - save_w : a.x + 0.6f * ctx.em;
    const float cancel_x = ctx.rtl ? save_x - gap - cancel_w : save_x + save_w + gap;
    ImGui::SetCursorScreenPos(ImVec2(save_x, a.y + pad));
    if (TouchButton(ctx, "save", save, save_w, ButtonKind::kPrimary) &&
        ctx.volunteer->SaveForm(ctx.now)) {
        return;  // saved: the data was re-read, the form is closed
    }
    ImGui::SetCursorScreenPos(ImVec2(cancel_x, a.y + pad));
    if (TouchButton(ctx, "cancel", cancel, cancel_w)) {
        v.form = EditForm{};
        v.message = {};
        GoBack(ctx.state);
        return;
    }
    const std::string message = SaveBarMessage(ctx);
    if (!message.empty()) {
        const float room = std::max(4.0f * ctx.em, w - SaveBarButtonsWidth(ctx) - 0.6f * ctx.em);
        const float x = ctx.rtl ? a.x + 0.6f * ctx.em : a.x + SaveBarButtonsWidth(ctx);
        const TextBlock& tb = LayoutText(ctx, ctx.fonts.bold, message, room, 3);
        const ImVec2 p(x, a.y + (bar_h - tb.height_px) * 0.5f);
        DrawText(ctx, dl, ctx.fonts.bold, tb, p, room, ctx.theme.text);
        ctx.registry.Add(message, Rect{p.x, p.y, p.x + room, p.y + tb.height_px},
                         Rect{p.x, p.y, p.x + room, p.y + tb.height_px}, false);
    }
}

}  // namespace

void DrawOfferEditScreen(ScreenContext& ctx) {
    VolunteerState& v = ctx.state.volunteer;
    EditForm& form = v.form;
    DrawTopBar(ctx, ctx.app.Tr(!form.creating            ? "volunteer.action.edit"
                               : form.kind == "contacts" ? "volunteer.home.new_contact"
                               : form.kind == "helpers"  ? "volunteer.home.new_helper"
                                                         : "volunteer.home.new_offer"));
    if (!v.LoggedIn() || form.record_id.empty()) {
        BeginDetail(ctx, Screen::kOfferEdit);
        Paragraph(ctx, ctx.app.Tr("volunteer.error.not_logged_in"));
        EndDetail(ctx, Screen::kOfferEdit);
        return;
    }
    if (!ctx.state.keyboard.visible) {
        v.focus.clear();
    }
    if (!v.focus.empty()) {
        DrawTyping(ctx);
        return;
    }
    // The form scrolls; "Speichern" and "Abbrechen" stay in a bar below it, with what the
    // last save said.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float bar_h = SaveBarHeight(ctx, avail.x);
    BeginScrollArea(ctx, Screen::kOfferEdit, ImVec2(avail.x, avail.y - bar_h));
    const float pad = 0.8f * ctx.em;
    ImGui::SetCursorPos(ImVec2(pad, 0.5f * ctx.em));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(std::min(avail.x - 1.2f * pad, pad + 42.0f * ctx.em));
    if (form.kind == "contacts") {
        DrawContactFields(ctx);
    } else if (form.kind == "helpers") {
        DrawHelperFields(ctx);
    } else {
        DrawOfferFields(ctx);
    }
    EndDetail(ctx, Screen::kOfferEdit);
    DrawSaveBar(ctx, bar_h);
}

}  // namespace treffpunkt
