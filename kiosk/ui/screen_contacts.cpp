#include "kiosk/app/actions.hpp"
#include "kiosk/app/qr_payload.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

void DrawContactsScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("contacts.title"));
    const std::vector<Contact>& contacts = ctx.app.Contacts();
    BeginDetail(ctx, Screen::kContacts);
    Paragraph(ctx, CountText(ctx, "contacts.count", contacts.size()), ctx.fonts.bold);
    ClippedRows(ctx, contacts.size(), [&](size_t i, float row_h) {
        const Contact& c = contacts[i];
        std::string detail = ctx.app.Text(c.role);
        if (!c.phone.empty()) {
            detail += (detail.empty() ? "" : " · ") + c.phone;
        }
        if (ListRow(ctx, static_cast<int>(i), c.name, detail, row_h)) {
            Navigate(ctx.state, ScreenRef{Screen::kContact, c.meta.id});
        }
    });
    EndDetail(ctx, Screen::kContacts);
}

void DrawContactScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("contacts.title"));
    const ContactView* view = ctx.app.ContactDetailView(ctx.state.Current().id);
    BeginDetail(ctx, Screen::kContact);
    if (view == nullptr) {
        Paragraph(ctx, ctx.app.Tr("detail.not_found"));
        EndDetail(ctx, Screen::kContact);
        return;
    }
    const Contact& c = view->contact;
    Paragraph(ctx, c.name, ctx.fonts.title);
    if (RecordVolunteerBlock(ctx, AnyRecord{c})) {
        EndDetail(ctx, Screen::kContact);  // a volunteer's edit: the view is re-read next frame
        return;
    }
    ContentParagraph(ctx, c.role, ctx.fonts.bold, ctx.theme.text_muted);
    if (view->organization != nullptr) {
        Field(ctx, ctx.app.Tr("detail.organization"), ctx.app.Text(view->organization->name));
    }
    Field(ctx, ctx.app.Tr("detail.phone"), c.phone);
    Field(ctx, ctx.app.Tr("detail.email"), c.email);
    Field(ctx, ctx.app.Tr("detail.web"), c.url);
    ContentField(ctx, ctx.app.Tr("detail.hours"), c.hours);
    if (!c.languages.empty()) {
        Field(ctx, ctx.app.Tr("detail.languages"), LanguagesText(ctx, c.languages));
    }
    if (view->place != nullptr) {
        Heading(ctx, ctx.app.Tr("detail.where"));
        Paragraph(ctx, AddressText(ctx, *view->place));
        const std::string label = ForwardLabel(ctx, ctx.app.Text(view->place->name));
        FlowNext(ctx, ChipWidth(ctx, label, false), true);
        if (Chip(ctx, "place", label, false)) {
            Navigate(ctx.state, ScreenRef{Screen::kPlace, view->place->meta.id});
        }
    }
    QrBlock(ctx, {{QrKind::kContact, ContactVCard(c, view->organization, ctx.state.language)}});
    if (c.meta.last_checked) {
        Gap(0.4f);
        Paragraph(
            ctx,
            ctx.app.Format("detail.last_checked",
                           {{"date", DateNumericText(*c.meta.last_checked, ctx.state.language)}}),
            nullptr, ctx.theme.text_muted);
    }
    EndDetail(ctx, Screen::kContact);
}

}  // namespace treffpunkt
