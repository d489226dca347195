// The volunteers' screens: the entry on home, the PIN pad, the bar while logged in, their own
// screen, the block on an offer's detail screen, and the hub's answers (conflicts, rejections).
#include <algorithm>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/app/volunteer_session.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/volunteer_widgets.hpp"
#include "sync/protocol/api.hpp"

namespace treffpunkt {

namespace {

// "PIN wird geprüft" with dots that move while the check runs.
std::string CheckingText(const ScreenContext& ctx) {
    const auto tick = ctx.now.time_since_epoch().count() % 4;
    return ctx.app.Tr("volunteer.login.checking") + std::string(static_cast<size_t>(tick), '.');
}

void DrawPinDots(ScreenContext& ctx, size_t digits, float width) {
    const float h = ButtonHeight(ctx);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), Col(ctx.theme.surface), 0.3f * ctx.em);
    dl->AddRect(a, ImVec2(a.x + width, a.y + h), Col(ctx.theme.primary), 0.3f * ctx.em, 0,
                std::max(1.5f, 0.1f * ctx.em));
    const float r = 0.35f * ctx.em;
    const size_t shown = std::max<size_t>(digits, 6);
    const float step = 1.2f * ctx.em;
    float x = a.x + (width - step * static_cast<float>(shown)) * 0.5f + step * 0.5f;
    for (size_t i = 0; i < shown; ++i) {
        const ImVec2 c(x, a.y + h * 0.5f);
        if (i < digits) {
            dl->AddCircleFilled(c, r, Col(ctx.theme.text));
        } else {
            dl->AddCircle(c, r, Col(ctx.theme.text_muted), 0, std::max(1.0f, 0.08f * ctx.em));
        }
        x += step;
    }
    ctx.registry.Add(ctx.app.Format("volunteer.login.digits", {{"detail", std::to_string(digits)}}),
                     Rect{a.x, a.y, a.x + width, a.y + h}, Rect{a.x, a.y, a.x + width, a.y + h},
                     false);
}

void DrawPinPad(ScreenContext& ctx, float width, bool enabled) {
    VolunteerSession& session = *ctx.volunteer;
    const float gap = 0.4f * ctx.em;
    const float key_w = (width - 2.0f * gap) / 3.0f;
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"};
    const float left = ImGui::GetCursorScreenPos().x;
    float y = ImGui::GetCursorScreenPos().y;
    // Large keys, but all four rows in view (never below the touch target).
    const float room_h = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - y - 3.0f * gap;
    const float key_h = std::max(
        ctx.target_px,
        std::min(std::max(ctx.target_px * 1.15f, 2.6f * ctx.em), room_h / 4.0f - 0.2f * ctx.em));
    const bool saved_interactive = ctx.interactive;
    ctx.interactive = ctx.interactive && enabled;
    for (int i = 0; i < 12; ++i) {
        const int col = i % 3;
        const int row = i / 3;
        ImGui::SetCursorScreenPos(ImVec2(left + static_cast<float>(col) * (key_w + gap),
                                         y + static_cast<float>(row) * (key_h + gap)));
        const std::string key = keys[i];
        std::string label = key;
        if (key == "⌫") {
            label = "⌫ " + ctx.app.Tr("keyboard.backspace");
        } else if (key == "OK") {
            label = ctx.app.Tr("volunteer.login.ok");
        }
        ImGui::PushID(i);
        const bool tapped =
            ImGui::InvisibleButton("##pin", ImVec2(key_w, key_h)) && ctx.interactive;
        const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        const ImVec2 a = ImGui::GetItemRectMin();
        const ImVec2 b = ImGui::GetItemRectMax();
        const bool ok = key == "OK";
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const Rgb bg = ok ? (pressed ? ctx.theme.primary_pressed : ctx.theme.primary)
                          : (pressed ? ctx.theme.surface_pressed : ctx.theme.surface);
        dl->AddRectFilled(a, b, Col(bg, enabled ? 1.0f : 0.5f), 0.3f * ctx.em);
        if (!ok) {
            dl->AddRect(a, b, Col(ctx.theme.border), 0.3f * ctx.em, 0,
                        std::max(1.0f, 0.08f * ctx.em));
        }
        ImFont* f = key.size() == 1 ? ctx.fonts.title : ctx.fonts.bold;
        if (key == "⌫" && TextWidth(ctx, f, label) > key_w - 0.4f * ctx.em) {
            label = key;  // the symbol alone where the word does not fit
        }
        const TextBlock& tb = LayoutText(ctx, f, label, key_w - 0.4f * ctx.em, 1);
        DrawText(ctx, dl, f, tb, ImVec2(a.x + 0.2f * ctx.em, a.y + (key_h - tb.height_px) * 0.5f),
                 key_w - 0.4f * ctx.em, ok ? ctx.theme.primary_text : ctx.theme.surface_text,
                 TextAlign::kCenter);
        RegisterLastItem(ctx, label, true);
        if (key == "⌫" || key == "OK") {
            RegisterLastItem(ctx, key, true);
        }
        if (key == "⌫" && label == key) {
            RegisterLastItem(ctx, "⌫ " + ctx.app.Tr("keyboard.backspace"), true);
        }
        if (tapped) {
            if (key == "⌫") {
                session.DeleteDigit();
            } else if (ok) {
                session.SubmitPin(ctx.now);
            } else {
                session.TypeDigit(key[0]);
            }
        }
    }
    ctx.interactive = saved_interactive;
    ImGui::SetCursorScreenPos(ImVec2(left, y + 4.0f * (key_h + gap)));
    ImGui::Dummy(ImVec2(width, 1.0f));
}

std::string RoleText(const ScreenContext& ctx, const protocol::VolunteerAccount& account) {
    std::string places;
    for (const std::string& id : account.places) {
        if (const Place* p = ctx.app.FindPlace(id)) {
            places += (places.empty() ? "" : ", ") + ctx.app.Text(p->name);
        }
    }
    return ctx.app.Format(account.role == protocol::VolunteerRole::kCoordinator
                              ? "volunteer.home.role_coordinator"
                              : "volunteer.home.role_volunteer",
                          {{"detail", places}});
}

std::string FieldName(const ScreenContext& ctx, const std::string& field) {
    const std::string key = std::string(kFieldKey) + field;
    const std::string& text = ctx.app.Tr(key);
    return text == key ? field : text;
}

// "Wirklich …?" with a primary yes and "Abbrechen", which closes the question (clears
// `open`). True when yes was tapped.
bool ConfirmQuestion(ScreenContext& ctx, const char* id, const char* question_key,
                     const char* yes_key, std::string& open) {
    Paragraph(ctx, ctx.app.Tr(question_key), ctx.fonts.bold);
    const std::string yes = ctx.app.Tr(yes_key);
    const std::string no = ctx.app.Tr("volunteer.cancel");
    ImGui::PushID(id);
    FlowNext(ctx, ButtonWidth(ctx, yes), true);
    const bool confirmed = TouchButton(ctx, "yes", yes, 0.0f, ButtonKind::kPrimary);
    FlowNext(ctx, ButtonWidth(ctx, no), false);
    if (!confirmed && TouchButton(ctx, "no", no)) {
        open.clear();
        ++ctx.state.generation;
    }
    ImGui::PopID();
    return confirmed;
}

}  // namespace

// --- Home entry and bar ----------------------------------------------------------------------

void VolunteerEntryButton(ScreenContext& ctx) {
    if (ctx.state.volunteer.LoggedIn()) {
        return;  // the bar at the bottom says who is logged in
    }
    // Small and muted at the very end of home: volunteers know it is there; residents
    // scrolling through do not take it for an entry. Still a full 9 mm target.
    const std::string label = ctx.app.Tr("home.volunteers");
    Gap(0.6f);
    if (TouchButton(ctx, "volunteers", label, 0.0f, ButtonKind::kPlain, ctx.fonts.body)) {
        ctx.state.volunteer.pin.clear();
        ctx.state.volunteer.message = {};
        Navigate(ctx.state, ScreenRef{Screen::kVolunteerLogin, {}});
    }
}

float VolunteerBarHeight(const ScreenContext& ctx) {
    return ButtonHeight(ctx) + 0.5f * ctx.em;
}

void DrawVolunteerBar(ScreenContext& ctx, ImVec2 display) {
    const auto& account = ctx.state.volunteer.account;
    if (!account) {
        return;
    }
    const float h = VolunteerBarHeight(ctx);
    const ImVec2 a(0.0f, display.y - h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, display, Col(ctx.theme.top_bar));
    const float pad = 0.25f * ctx.em;
    const std::string logout = ctx.app.Tr("volunteer.logout");
    const std::string mine = ctx.app.Tr("volunteer.bar.mine");
    const float lw = ButtonWidth(ctx, logout);
    const float mw = ButtonWidth(ctx, mine);
    const bool on_mine = ctx.state.Current().screen == Screen::kVolunteerHome;
    // The name where reading starts, the buttons at the other end (mirrored right to left).
    float used = pad;
    auto button_x = [&](float width) {
        const float x = ctx.rtl ? used : display.x - used - width;
        used += width + 0.4f * ctx.em;
        return x;
    };
    ImGui::SetCursorScreenPos(ImVec2(button_x(lw), a.y + pad));
    if (TouchButton(ctx, "logout", logout, lw)) {
        ResetToHomeKeepingLanguage(ctx);
        return;
    }
    if (!on_mine) {
        ImGui::SetCursorScreenPos(ImVec2(button_x(mw), a.y + pad));
        if (TouchButton(ctx, "volunteer-home", mine, mw)) {
            Navigate(ctx.state, ScreenRef{Screen::kVolunteerHome, {}});
        }
    }
    const std::string who = ctx.app.Format("volunteer.bar.logged_in", {{"detail", account->name}});
    const float room = display.x - used - 0.6f * ctx.em;
    const float x0 = ctx.rtl ? used : 0.6f * ctx.em;
    const TextBlock& tb = LayoutText(ctx, ctx.fonts.bold, who, room, 1);
    DrawText(ctx, dl, ctx.fonts.bold, tb, ImVec2(x0, a.y + (h - tb.height_px) * 0.5f), room,
             ctx.theme.top_bar_text);
    ctx.registry.Add(who, Rect{x0, a.y, x0 + room, display.y}, Rect{x0, a.y, x0 + room, display.y},
                     false);
}

void ResetToHomeKeepingLanguage(ScreenContext& ctx) {
    // "Abmelden" is a reset for the volunteer's part (login, PIN, form, keyboard); the
    // resident's settings stay as they were.
    AppState& s = ctx.state;
    s.volunteer = VolunteerState{};
    s.keyboard.visible = false;
    s.keyboard.mode = KeyboardMode::kText;
    GoHome(s);
}

// --- PIN pad ---------------------------------------------------------------------------------

void DrawVolunteerLoginScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("volunteer.login.title"));
    VolunteerSession& session = *ctx.volunteer;
    const VolunteerState& v = ctx.state.volunteer;
    const bool locked = session.Locked(ctx.now);
    const bool checking = v.checking || session.Checking();
    BeginDetail(ctx, Screen::kVolunteerLogin);
    const float width = ContentRight() - ImGui::GetCursorScreenPos().x;
    // Side by side whenever the digits still get a finger's width: then the whole pad fits
    // on a 7" panel even at the largest text.
    const bool two_columns = width >= 24.0f * ctx.em;
    const float pad_w = two_columns ? std::min(width * 0.5f, 18.0f * ctx.em) : width;
    const float info_w = two_columns ? width - pad_w - ctx.em : width;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + info_w);
    Paragraph(ctx, ctx.app.Format("volunteer.login.hint",
                                  {{"detail", std::to_string(protocol::kMinPinDigits)}}));
    DrawPinDots(ctx, v.pin.size(), std::min(info_w, 16.0f * ctx.em));
    if (locked) {
        Paragraph(ctx,
                  "! " + VolunteerText(ctx, "volunteer.login.locked",
                                       std::to_string(session.LockMinutesLeft(ctx.now))),
                  ctx.fonts.bold);
    } else if (checking) {
        Paragraph(ctx, CheckingText(ctx), ctx.fonts.bold);
    } else {
        VolunteerMessageLine(ctx);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    if (two_columns) {
        ImGui::SameLine(0.0f, ctx.em);
    }
    ImGui::BeginGroup();
    DrawPinPad(ctx, pad_w, !locked && !checking);
    ImGui::EndGroup();
    EndDetail(ctx, Screen::kVolunteerLogin);
}

// --- The volunteer's own screen --------------------------------------------------------------

void DrawVolunteerHomeScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("home.volunteers"));
    BeginDetail(ctx, Screen::kVolunteerHome);
    const auto& account = ctx.state.volunteer.account;
    if (!account) {
        Paragraph(ctx, ctx.app.Tr("volunteer.error.not_logged_in"));
        EndDetail(ctx, Screen::kVolunteerHome);
        return;
    }
    Paragraph(ctx, ctx.app.Format("volunteer.home.hello", {{"detail", account->name}}),
              ctx.fonts.title);
    Paragraph(ctx, RoleText(ctx, *account), nullptr, ctx.theme.text_muted);
    VolunteerMessageLine(ctx);
    const SyncStatus& sync = ctx.app.Sync();
    if (sync.edits_waiting > 0) {
        Paragraph(ctx, ctx.app.Format("volunteer.home.waiting",
                                      {{"detail", std::to_string(sync.edits_waiting)}}));
    }
    const size_t answers = ctx.volunteer->Answers().size();
    const std::string new_offer = ctx.app.Tr("volunteer.home.new_offer");
    const std::string answers_label =
        ctx.app.Format("volunteer.home.answers", {{"detail", std::to_string(answers)}});
    FlowNext(ctx, ButtonWidth(ctx, new_offer), true);
    if (TouchButton(ctx, "new-offer", new_offer, 0.0f, ButtonKind::kPrimary)) {
        ctx.volunteer->BeginCreate(ctx.now);
    }
    const std::string new_contact = ctx.app.Tr("volunteer.home.new_contact");
    const std::string new_helper = ctx.app.Tr("volunteer.home.new_helper");
    FlowNext(ctx, ButtonWidth(ctx, new_helper), false);
    if (TouchButton(ctx, "new-helper", new_helper)) {
        ctx.volunteer->BeginCreate(ctx.now, "helpers");
    }
    FlowNext(ctx, ButtonWidth(ctx, new_contact), false);
    if (TouchButton(ctx, "new-contact", new_contact)) {
        ctx.volunteer->BeginCreate(ctx.now, "contacts");
    }
    FlowNext(ctx, ButtonWidth(ctx, answers_label), false);
    if (TouchButton(ctx, "answers", answers_label)) {
        Navigate(ctx.state, ScreenRef{Screen::kVolunteerAnswers, {}});
    }
    // The offers at the volunteer's places: a tap opens the offer, where "Bearbeiten" is.
    int index = 0;
    for (const std::string& place_id : account->places) {
        const PlaceView* place = ctx.app.PlaceDetailView(place_id, ctx.now);
        if (place == nullptr) {
            continue;
        }
        Heading(ctx, ctx.app.Format("volunteer.home.offers_at",
                                    {{"detail", ctx.app.Text(place->place.name)}}));
        const std::vector<OfferSummary> offers = place->offers;  // the view may be rebuilt
        if (offers.empty()) {
            Paragraph(ctx, ctx.app.Tr("volunteer.home.no_offers"), nullptr, ctx.theme.text_muted);
        }
        const float row_h = ListRowHeight(ctx);
        for (const OfferSummary& o : offers) {
            if (ListRow(ctx, 5000 + index++, ctx.app.Text(o.title), OfferRowDetail(ctx, o),
                        row_h)) {
                Navigate(ctx.state, ScreenRef{Screen::kOffer, o.id});
            }
        }
        // The place's helpers and contacts, to edit them from their detail screens (the
        // helpers as the residents' filters leave them: none set after a login from home).
        std::vector<std::pair<std::string, std::string>> helpers;
        for (const Helper& h : ctx.app.Helpers()) {
            if (h.place_id == place_id) {
                helpers.emplace_back(h.meta.id, h.first_name);
            }
        }
        if (!helpers.empty()) {
            Heading(ctx, ctx.app.Tr("home.helpers"));
            for (const auto& [id, name] : helpers) {
                if (ListRow(ctx, 5000 + index++, name, std::string(), row_h)) {
                    Navigate(ctx.state, ScreenRef{Screen::kHelper, id});
                }
            }
        }
        std::vector<std::pair<std::string, std::string>> contacts;
        for (const Contact& c : ctx.app.Contacts()) {
            if (c.place_id == place_id) {
                contacts.emplace_back(c.meta.id, c.name);
            }
        }
        if (!contacts.empty()) {
            Heading(ctx, ctx.app.Tr("home.contacts"));
            for (const auto& [id, name] : contacts) {
                if (ListRow(ctx, 5000 + index++, name, std::string(), row_h)) {
                    Navigate(ctx.state, ScreenRef{Screen::kContact, id});
                }
            }
        }
    }
    EndDetail(ctx, Screen::kVolunteerHome);
}

// --- On an offer's detail screen --------------------------------------------------------------

bool OfferVolunteerBlock(ScreenContext& ctx, const Offer& offer) {
    if (ctx.volunteer == nullptr) {
        return false;
    }
    VolunteerSession& session = *ctx.volunteer;
    if (session.HasPendingEdit(offer.meta.id)) {
        Badge(ctx, ctx.app.Tr("volunteer.pending"));
    }
    VolunteerState& v = ctx.state.volunteer;
    if (!v.LoggedIn()) {
        return false;
    }
    if (session.WhyNotEditable(AnyRecord{offer})) {
        Paragraph(ctx, ctx.app.Tr("volunteer.not_yours"), nullptr, ctx.theme.text_muted);
        return false;
    }
    VolunteerMessageLine(ctx);
    // A save re-reads the data: `offer` (the screen's view) is gone after it, so the id is
    // copied and the block returns at once.
    const std::string id = offer.meta.id;
    const bool has_schedule = offer.schedule.has_value();
    const std::string edit = ctx.app.Tr("volunteer.action.edit");
    const std::string still = ctx.app.Tr("volunteer.action.still_correct");
    const std::string pause = ctx.app.Tr("volunteer.action.pause");
    const std::string retire = ctx.app.Tr("volunteer.action.retire");
    FlowNext(ctx, ButtonWidth(ctx, edit), true);
    if (TouchButton(ctx, "edit", edit, 0.0f, ButtonKind::kPrimary)) {
        session.BeginEdit(id, ctx.now);
        return true;
    }
    FlowNext(ctx, ButtonWidth(ctx, still), false);
    if (TouchButton(ctx, "still-correct", still)) {
        session.ConfirmStillCorrect(id, ctx.now);
        return true;
    }
    if (has_schedule) {
        FlowNext(ctx, ButtonWidth(ctx, pause), false);
        if (TouchButton(ctx, "pause", pause, 0.0f,
                        v.pause_offer == id ? ButtonKind::kPrimary : ButtonKind::kPlain)) {
            v.pause_offer = v.pause_offer == id ? std::string() : id;
            v.confirm_retire.clear();
            if (!v.pause_from) {
                v.pause_from = BerlinDate(ctx.now);
            }
            ++ctx.state.generation;
        }
    }
    FlowNext(ctx, ButtonWidth(ctx, retire), false);
    if (TouchButton(ctx, "retire", retire)) {
        v.confirm_retire = v.confirm_retire == id ? std::string() : id;
        v.pause_offer.clear();
        ++ctx.state.generation;
    }
    if (v.pause_offer == id) {
        Paragraph(ctx, ctx.app.Tr("volunteer.pause.hint"));
        DateField(ctx, "pause-from", ctx.app.Tr("volunteer.date.from"), v.pause_from,
                  DateTarget::kPauseFrom);
        DateField(ctx, "pause-until", ctx.app.Tr("volunteer.date.until"), v.pause_until,
                  DateTarget::kPauseUntil);
        const std::string save = ctx.app.Tr("volunteer.pause.save");
        FlowNext(ctx, ButtonWidth(ctx, save), true);
        if (TouchButton(ctx, "pause-save", save, 0.0f, ButtonKind::kPrimary)) {
            if (!v.pause_from || !v.pause_until) {
                v.message = {"volunteer.pause.pick_dates", {}, true};
                ++ctx.state.generation;
            } else {
                session.Pause(id, *v.pause_from, *v.pause_until, ctx.now);
                return true;
            }
        }
    }
    if (v.confirm_retire == id) {
        if (ConfirmQuestion(ctx, "retire", "volunteer.retire.question", "volunteer.retire.yes",
                            v.confirm_retire)) {
            if (session.Retire(id, ctx.now)) {
                GoBack(ctx.state);
            }
            return true;
        }
    }
    return false;
}

bool RecordVolunteerBlock(ScreenContext& ctx, const AnyRecord& record) {
    if (ctx.volunteer == nullptr) {
        return false;
    }
    VolunteerSession& session = *ctx.volunteer;
    const std::string id = MetaOf(record).id;  // a copy: a save re-reads the data
    if (session.HasPendingEdit(id)) {
        Badge(ctx, ctx.app.Tr("volunteer.pending"));
    }
    VolunteerState& v = ctx.state.volunteer;
    if (!v.LoggedIn()) {
        return false;
    }
    if (session.WhyNotEditable(record)) {
        Paragraph(ctx, ctx.app.Tr("volunteer.not_yours_record"), nullptr, ctx.theme.text_muted);
        return false;
    }
    VolunteerMessageLine(ctx);
    const std::string edit = ctx.app.Tr("volunteer.action.edit");
    const std::string still = ctx.app.Tr("volunteer.action.still_correct");
    const std::string remove = ctx.app.Tr("volunteer.action.remove");
    FlowNext(ctx, ButtonWidth(ctx, edit), true);
    if (TouchButton(ctx, "edit", edit, 0.0f, ButtonKind::kPrimary)) {
        session.BeginEdit(id, ctx.now);
        return true;
    }
    FlowNext(ctx, ButtonWidth(ctx, still), false);
    if (TouchButton(ctx, "still-correct", still)) {
        session.ConfirmStillCorrect(id, ctx.now);
        return true;
    }
    FlowNext(ctx, ButtonWidth(ctx, remove), false);
    if (TouchButton(ctx, "remove", remove)) {
        v.confirm_retire = v.confirm_retire == id ? std::string() : id;
        ++ctx.state.generation;
    }
    if (v.confirm_retire == id) {
        if (ConfirmQuestion(ctx, "remove", "volunteer.remove.question", "volunteer.remove.yes",
                            v.confirm_retire)) {
            if (session.Remove(id, ctx.now)) {
                GoBack(ctx.state);
            }
            return true;
        }
    }
    return false;
}

// --- Conflicts and rejections ----------------------------------------------------------------

void DrawVolunteerAnswersScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("volunteer.answers.title"));
    BeginDetail(ctx, Screen::kVolunteerAnswers);
    VolunteerMessageLine(ctx);
    const std::vector<AnsweredEdit> answers = ctx.volunteer->Answers();
    if (answers.empty()) {
        Paragraph(ctx, ctx.app.Tr("volunteer.answers.none"));
    }
    const std::string& lang = ctx.state.language;
    int index = 0;
    for (const AnsweredEdit& a : answers) {
        ImGui::PushID(index++);
        const std::string title =
            a.title.Empty() ? ctx.app.Tr("volunteer.answers.untitled") : ctx.app.Text(a.title);
        Heading(ctx, title);
        Paragraph(
            ctx,
            ctx.app.Format(a.conflict ? "volunteer.answers.conflict" : "volunteer.answers.rejected",
                           {{"detail", DateNumericText(BerlinDate(a.made_at), lang) + " " +
                                           ClockText(ToBerlin(a.made_at).minute_of_day, lang)}}),
            ctx.fonts.bold);
        if (a.conflict) {
            for (const AnsweredEdit::Field& f : a.fields) {
                Paragraph(ctx, FieldName(ctx, f.field), ctx.fonts.bold);
                // Side by side where there is room, else one under the other.
                const float width = ContentRight() - ImGui::GetCursorScreenPos().x;
                const bool side = width >= 24.0f * ctx.em;
                const float col = side ? (width - ctx.em) * 0.5f : width;
                ImGui::BeginGroup();
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
                Paragraph(ctx, ctx.app.Tr("volunteer.answers.mine"), nullptr, ctx.theme.text_muted);
                Paragraph(ctx, f.mine);
                ImGui::PopTextWrapPos();
                ImGui::EndGroup();
                if (side) {
                    ImGui::SameLine(0.0f, ctx.em);
                }
                ImGui::BeginGroup();
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
                Paragraph(ctx, ctx.app.Tr("volunteer.answers.central"), nullptr,
                          ctx.theme.text_muted);
                Paragraph(ctx, f.hub);
                ImGui::PopTextWrapPos();
                ImGui::EndGroup();
            }
            const std::string take_mine = ctx.app.Tr("volunteer.answers.take_mine");
            const std::string take_central = ctx.app.Tr("volunteer.answers.take_central");
            FlowNext(ctx, ButtonWidth(ctx, take_mine), true);
            if (TouchButton(ctx, "mine", take_mine, 0.0f, ButtonKind::kPrimary)) {
                ctx.volunteer->TakeMine(a.edit_id, ctx.now);
            }
            FlowNext(ctx, ButtonWidth(ctx, take_central), false);
            if (TouchButton(ctx, "central", take_central)) {
                ctx.volunteer->TakeCentral(a.edit_id, ctx.now);
            }
        } else {
            const std::string reason_key = "volunteer.reason." + a.reason_code;
            const std::string& known = ctx.app.Tr(reason_key);
            Paragraph(ctx, VolunteerText(ctx, "volunteer.answers.reason",
                                         known != reason_key ? known : a.reason));
            const std::string seen = ctx.app.Tr("volunteer.answers.seen");
            FlowNext(ctx, ButtonWidth(ctx, seen), true);
            if (TouchButton(ctx, "seen", seen)) {
                ctx.volunteer->Dismiss(a.edit_id);
            }
        }
        ImGui::PopID();
    }
    EndDetail(ctx, Screen::kVolunteerAnswers);
}

}  // namespace treffpunkt
