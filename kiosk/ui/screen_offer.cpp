#include "kiosk/app/actions.hpp"
#include "kiosk/app/qr_payload.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

// Content area of a detail screen: scrolls, with margins and wrapping.
void BeginDetail(ScreenContext& ctx, Screen screen) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    BeginScrollArea(ctx, screen, avail);
    const float pad = 0.8f * ctx.em;
    ImGui::SetCursorPos(ImVec2(pad, 0.5f * ctx.em));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(std::min(avail.x - 1.2f * pad, pad + 42.0f * ctx.em));
    if (!ctx.title_overflow.empty()) {
        // The top bar had to shorten the screen's name: here it is in full.
        Paragraph(ctx, ctx.title_overflow, ctx.fonts.title);
    }
}

void EndDetail(ScreenContext& ctx, Screen screen) {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    EndScrollArea(ctx, screen);
}

void DrawOfferScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("results.title"));
    const OfferView* view = ctx.app.OfferDetailView(ctx.state.Current().id, ctx.now);
    BeginDetail(ctx, Screen::kOffer);
    if (view == nullptr) {
        Paragraph(ctx, ctx.app.Tr("detail.not_found"));
        EndDetail(ctx, Screen::kOffer);
        return;
    }
    const Offer& o = view->detail.offer;
    const std::string& lang = ctx.state.language;
    const Date today = BerlinDate(ctx.now);
    ContentParagraph(ctx, o.title, ctx.fonts.title);
    if (view->open_now && ctx.app.ClockTrusted(ctx.now)) {
        Badge(ctx, "● " + ctx.app.Tr("detail.running_now"));
    }
    if (OfferVolunteerBlock(ctx, o)) {
        EndDetail(ctx, Screen::kOffer);  // a volunteer's edit: the view is re-read next frame
        return;
    }
    ContentParagraph(ctx, o.summary);

    Heading(ctx, ctx.app.Tr("detail.when"));
    if (o.schedule) {
        Paragraph(ctx, ScheduleSentence(*o.schedule, lang), ctx.fonts.bold);
        ContentParagraph(ctx, o.schedule->note);
        Paragraph(ctx, ClosuresText(*o.schedule, today, lang));
        if (ctx.app.ClockTrusted(ctx.now)) {
            std::string dates;
            for (const Session& s : view->next_sessions) {
                dates += (dates.empty() ? "• " : "\n• ") + SessionText(s, today, lang);
            }
            Field(ctx, ctx.app.Tr("detail.next_dates"),
                  dates.empty() ? ctx.app.Tr("detail.no_next_dates") : dates);
        }
    } else {
        Paragraph(ctx, ctx.app.Tr("detail.by_arrangement"), ctx.fonts.bold);
    }

    if (const auto& place = view->detail.place) {
        Heading(ctx, ctx.app.Tr("detail.where"));
        Paragraph(ctx, AddressText(ctx, *place));
        const std::string access = AccessibilityText(ctx, place->accessibility);
        Field(ctx, ctx.app.Tr("detail.accessibility"), access);
        const std::string label = ForwardLabel(ctx, ctx.app.Text(place->name));
        FlowNext(ctx, ChipWidth(ctx, label, false), true);
        if (Chip(ctx, "place", label, false)) {
            Navigate(ctx.state, ScreenRef{Screen::kPlace, place->meta.id});
        }
    }

    Heading(ctx, ctx.app.Tr("detail.cost"));
    if (o.free_of_charge) {
        Paragraph(ctx, ctx.app.Tr("detail.free"));
    } else {
        ContentParagraph(ctx, o.cost);
    }
    if (o.registration.Empty()) {
        Field(ctx, ctx.app.Tr("detail.registration"), ctx.app.Tr("detail.no_registration"));
    } else {
        ContentField(ctx, ctx.app.Tr("detail.registration"), o.registration);
    }
    if (!o.languages.empty()) {
        Field(ctx, ctx.app.Tr("detail.languages"), LanguagesText(ctx, o.languages));
    }
    std::string groups;
    for (const TaxonomyTerm* t : view->target_groups) {
        groups += (groups.empty() ? "" : ", ") + ctx.app.Text(t->name);
    }
    Field(ctx, ctx.app.Tr("detail.target_groups"), groups);
    std::string topics;
    for (const TaxonomyTerm* t : view->fields_of_action) {
        topics += (topics.empty() ? "" : ", ") + ctx.app.Text(t->name);
    }
    Field(ctx, ctx.app.Tr("detail.topics"), topics);

    if (const auto& org = view->detail.organization) {
        Field(ctx, ctx.app.Tr("detail.provider"), ctx.app.Text(org->name));
    }
    if (const auto& contact = view->detail.contact) {
        Heading(ctx, ctx.app.Tr("detail.contact"));
        ContactFields(ctx, *contact);
    }
    Field(ctx, ctx.app.Tr("detail.web"), o.url);
    ContentField(ctx, ctx.app.Tr("detail.about"), o.description);

    std::vector<QrChoice> qr;
    if (!view->next_sessions.empty() && ctx.app.ClockTrusted(ctx.now)) {
        qr.push_back(
            {QrKind::kCalendar,
             SessionICalendar(o, view->next_sessions.front(),
                              view->detail.place ? &*view->detail.place : nullptr, ctx.now, lang)});
    }
    if (const auto& contact = view->detail.contact) {
        qr.push_back(
            {QrKind::kContact,
             ContactVCard(*contact, ctx.app.FindOrganization(contact->organization_id), lang)});
    }
    if (auto url = OfferWebAddress(o)) {
        qr.push_back({QrKind::kWeb, *url});
    }
    QrBlock(ctx, qr);
    if (o.meta.last_checked) {
        Gap(0.4f);
        Paragraph(ctx,
                  ctx.app.Format("detail.last_checked",
                                 {{"date", DateNumericText(*o.meta.last_checked, lang)}}),
                  nullptr, ctx.theme.text_muted);
    }
    EndDetail(ctx, Screen::kOffer);
}

}  // namespace treffpunkt
