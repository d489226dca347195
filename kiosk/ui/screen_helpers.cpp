#include "kiosk/app/actions.hpp"
#include "kiosk/app/qr_payload.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

std::string KindsText(const ScreenContext& ctx, const Helper& h) {
    std::string out;
    for (const std::string& id : h.kinds_of_help) {
        if (const TaxonomyTerm* t = ctx.app.Term(id)) {
            out += (out.empty() ? "" : ", ") + ctx.app.Text(t->name);
        }
    }
    return out;
}

std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

}  // namespace

void DrawHelpersScreen(ScreenContext& ctx) {
    AppState& s = ctx.state;
    DrawTopBar(ctx, ctx.app.Tr("helpers.title"));
    const std::vector<Helper>& helpers = ctx.app.Helpers();
    BeginDetail(ctx, Screen::kHelpers);
    Paragraph(ctx, ctx.app.Tr("helpers.kind"), ctx.fonts.bold, ctx.theme.text_muted);
    bool first = true;
    for (const TaxonomyTerm& t : ctx.app.Terms(kVocabHelpKind)) {
        const std::string label = ctx.app.Text(t.name);
        const bool on = s.helper_kind_id == t.meta.id;
        FlowNext(ctx, ChipWidth(ctx, label, on), first);
        first = false;
        if (Chip(ctx, t.meta.id.c_str(), label, on)) {
            SetHelperKind(s, t.meta.id);
        }
    }
    Gap(0.2f);
    Paragraph(ctx, ctx.app.Tr("helpers.district"), ctx.fonts.bold, ctx.theme.text_muted);
    first = true;
    for (const std::string& d : ctx.app.HelperDistricts()) {
        const bool on = s.helper_district == d;
        FlowNext(ctx, ChipWidth(ctx, d, on), first);
        first = false;
        if (Chip(ctx, ("district-" + d).c_str(), d, on)) {
            SetHelperDistrict(s, d);
        }
    }
    Gap(0.3f);
    Paragraph(ctx, ctx.app.Tr("helpers.privacy"), nullptr, ctx.theme.text_muted);
    Paragraph(ctx, CountText(ctx, "helpers.count", helpers.size()), ctx.fonts.bold);
    if (helpers.empty()) {
        Paragraph(ctx, ctx.app.Tr("helpers.none"), nullptr, ctx.theme.text_muted);
    }
    ClippedRows(ctx, helpers.size(), [&](size_t i, float row_h) {
        const Helper& h = helpers[i];
        std::string detail = KindsText(ctx, h);
        if (!h.districts.empty()) {
            detail += " · " + Join(h.districts);
        }
        if (ListRow(ctx, static_cast<int>(i), h.first_name, detail, row_h)) {
            Navigate(s, ScreenRef{Screen::kHelper, h.meta.id});
        }
    });
    EndDetail(ctx, Screen::kHelpers);
}

void DrawHelperScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("helpers.title"));
    const auto detail = ctx.app.HelperDetailView(ctx.state.Current().id);
    BeginDetail(ctx, Screen::kHelper);
    if (!detail) {
        Paragraph(ctx, ctx.app.Tr("detail.not_found"));
        EndDetail(ctx, Screen::kHelper);
        return;
    }
    const Helper& h = detail->helper;
    const std::string& lang = ctx.state.language;
    Paragraph(ctx, h.first_name, ctx.fonts.title);
    if (RecordVolunteerBlock(ctx, AnyRecord{h})) {
        EndDetail(ctx, Screen::kHelper);  // a volunteer's edit: the view is re-read next frame
        return;
    }
    Field(ctx, ctx.app.Tr("helpers.helps_with"), KindsText(ctx, h));
    Field(ctx, ctx.app.Tr("helpers.helps_in"), Join(h.districts));
    ContentField(ctx, ctx.app.Tr("helpers.availability"), h.availability);
    Heading(ctx, ctx.app.Tr("detail.contact"));
    std::vector<QrChoice> qr;
    if (h.public_contact) {
        // Only with the helper's recorded consent (DESIGN §3).
        const PublicContact& pc = *h.public_contact;
        Paragraph(ctx, ctx.app.Format("helpers.direct",
                                      {{"name", h.first_name},
                                       {"date", DateNumericText(pc.consent_date, lang)}}));
        Field(ctx, ctx.app.Tr("detail.phone"), pc.phone);
        Field(ctx, ctx.app.Tr("detail.email"), pc.email);
        Contact direct;
        direct.name = h.first_name;
        direct.phone = pc.phone;
        direct.email = pc.email;
        qr.push_back({QrKind::kContact, ContactVCard(direct, nullptr, lang)});
    }
    if (detail->coordinator) {
        Paragraph(ctx, ctx.app.Format("helpers.contact_via", {{"name", h.first_name}}),
                  ctx.fonts.bold);
        ContactFields(ctx, *detail->coordinator);
        if (qr.empty()) {
            qr.push_back({QrKind::kContact, ContactVCard(*detail->coordinator,
                                                         ctx.app.FindOrganization(
                                                             detail->coordinator->organization_id),
                                                         lang)});
        }
    }
    if (!h.languages.empty()) {
        Field(ctx, ctx.app.Tr("detail.languages"), LanguagesText(ctx, h.languages));
    }
    ContentField(ctx, ctx.app.Tr("helpers.about"), h.about);
    if (detail->place) {
        Field(ctx, ctx.app.Tr("detail.where"), ctx.app.Text(detail->place->name));
    }
    QrBlock(ctx, qr);
    EndDetail(ctx, Screen::kHelper);
}

}  // namespace treffpunkt
