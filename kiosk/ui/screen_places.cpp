#include "kiosk/app/actions.hpp"
#include "kiosk/app/qr_payload.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

std::string KindText(const ScreenContext& ctx, const Place& p) {
    const std::string key = "place_kind." + p.kind;
    const std::string& name = ctx.app.Tr(key);
    return name == key ? p.kind : name;
}

}  // namespace

void DrawPlacesScreen(ScreenContext& ctx) {
    AppState& s = ctx.state;
    DrawTopBar(ctx, ctx.app.Tr(s.places_meeting_only ? "places.title" : "places.all"));
    const std::vector<Place>& places = ctx.app.Places();
    BeginDetail(ctx, Screen::kPlaces);
    const std::string meeting = ctx.app.Tr("places.meeting_only");
    const std::string all = ctx.app.Tr("places.all");
    FlowNext(ctx, ChipWidth(ctx, meeting, s.places_meeting_only), true);
    if (Chip(ctx, "meeting", meeting, s.places_meeting_only)) {
        SetPlacesMeetingOnly(s, true);
    }
    FlowNext(ctx, ChipWidth(ctx, all, !s.places_meeting_only), false);
    if (Chip(ctx, "all", all, !s.places_meeting_only)) {
        SetPlacesMeetingOnly(s, false);
    }
    Paragraph(ctx, CountText(ctx, "places.count", places.size()), ctx.fonts.bold);
    ClippedRows(ctx, places.size(), [&](size_t i, float row_h) {
        const Place& p = places[i];
        std::string detail = KindText(ctx, p);
        if (!p.district.empty()) {
            detail += " · " + p.district;
        }
        if (!p.address.street.empty()) {
            detail += " · " + p.address.street;
        }
        if (ListRow(ctx, static_cast<int>(i), ctx.app.Text(p.name), detail, row_h)) {
            Navigate(s, ScreenRef{Screen::kPlace, p.meta.id});
        }
    });
    EndDetail(ctx, Screen::kPlaces);
}

void DrawPlaceScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("places.title"));
    const PlaceView* view = ctx.app.PlaceDetailView(ctx.state.Current().id, ctx.now);
    BeginDetail(ctx, Screen::kPlace);
    if (view == nullptr) {
        Paragraph(ctx, ctx.app.Tr("detail.not_found"));
        EndDetail(ctx, Screen::kPlace);
        return;
    }
    const Place& p = view->place;
    const std::string& lang = ctx.state.language;
    Paragraph(ctx, ctx.app.Text(p.name), ctx.fonts.title);
    Paragraph(ctx, KindText(ctx, p), ctx.fonts.bold, ctx.theme.text_muted);
    if (!p.opening_hours.empty() && ctx.app.ClockTrusted(ctx.now)) {
        if (view->open_now) {
            Badge(ctx, "● " + ctx.app.Tr("detail.open_now"));
        } else {
            Paragraph(ctx, ctx.app.Tr("detail.closed_now"), ctx.fonts.bold);
        }
    }
    ContentParagraph(ctx, p.description);
    Heading(ctx, ctx.app.Tr("detail.where"));
    Paragraph(ctx, AddressText(ctx, p));
    Field(ctx, ctx.app.Tr("detail.accessibility"), AccessibilityText(ctx, p.accessibility));
    if (!p.opening_hours.empty()) {
        std::string hours;
        for (const Schedule& sch : p.opening_hours) {
            hours += (hours.empty() ? "" : "\n") + ScheduleSentence(sch, lang);
            const std::string closures = ClosuresText(sch, BerlinDate(ctx.now), lang);
            if (!closures.empty()) {
                hours += "\n" + closures;
            }
        }
        Field(ctx, ctx.app.Tr("detail.opening_hours"), hours);
    }
    Field(ctx, ctx.app.Tr("detail.phone"), p.phone);
    Field(ctx, ctx.app.Tr("detail.email"), p.email);
    Field(ctx, ctx.app.Tr("detail.web"), p.url);
    if (view->organization != nullptr) {
        Field(ctx, ctx.app.Tr("detail.provider"), ctx.app.Text(view->organization->name));
    }
    if (view->contact != nullptr) {
        Heading(ctx, ctx.app.Tr("detail.contact"));
        ContactFields(ctx, *view->contact);
    }
    if (!view->offers.empty()) {
        Heading(ctx, ctx.app.Tr("detail.offers_here"));
        const float row_h = ListRowHeight(ctx);
        for (size_t i = 0; i < view->offers.size(); ++i) {
            const OfferSummary& o = view->offers[i];
            if (ListRow(ctx, static_cast<int>(i), ctx.app.Text(o.title), OfferRowDetail(ctx, o),
                        row_h)) {
                Navigate(ctx.state, ScreenRef{Screen::kOffer, o.id});
            }
        }
    }
    std::vector<QrChoice> qr;
    if (view->contact != nullptr) {
        qr.push_back({QrKind::kContact, ContactVCard(*view->contact, view->organization, lang)});
    }
    if (!p.url.empty()) {
        qr.push_back({QrKind::kWeb, p.url});
    }
    QrBlock(ctx, qr);
    if (p.meta.last_checked) {
        Gap(0.4f);
        Paragraph(ctx,
                  ctx.app.Format("detail.last_checked",
                                 {{"date", DateNumericText(*p.meta.last_checked, lang)}}),
                  nullptr, ctx.theme.text_muted);
    }
    EndDetail(ctx, Screen::kPlace);
}

}  // namespace treffpunkt
