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
    Paragraph(ctx, ctx.app.Text(o.title), ctx.fonts.title);
    if (view->open_now && ctx.app.ClockTrusted(ctx.now)) {
        Badge(ctx, "● " + ctx.app.Tr("detail.running_now"));
    }
    Paragraph(ctx, ctx.app.Text(o.summary));

    Heading(ctx, ctx.app.Tr("detail.when"));
    if (o.schedule) {
        Paragraph(ctx, ScheduleSentence(*o.schedule, lang), ctx.fonts.bold);
        Paragraph(ctx, ctx.app.Text(o.schedule->note));
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
        if (Chip(ctx, "place", ctx.app.Text(place->name) + " ›", false)) {
            Navigate(ctx.state, ScreenRef{Screen::kPlace, place->meta.id});
        }
    }

    Heading(ctx, ctx.app.Tr("detail.cost"));
    Paragraph(ctx, o.free_of_charge ? ctx.app.Tr("detail.free") : ctx.app.Text(o.cost));
    Field(ctx, ctx.app.Tr("detail.registration"),
          o.registration.Empty() ? ctx.app.Tr("detail.no_registration")
                                 : ctx.app.Text(o.registration));
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
    Field(ctx, ctx.app.Tr("detail.about"), ctx.app.Text(o.description));

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
