#include "kiosk/app/actions.hpp"
#include "kiosk/app/qr_payload.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

void DrawNetworksScreen(ScreenContext& ctx) {
    AppState& s = ctx.state;
    DrawTopBar(ctx, ctx.app.Tr("networks.title"));
    const std::vector<Network>& networks = ctx.app.Networks();
    BeginDetail(ctx, Screen::kNetworks);
    Paragraph(ctx, ctx.app.Tr("detail.level"), ctx.fonts.bold, ctx.theme.text_muted);
    bool first = true;
    for (const TaxonomyTerm& t : ctx.app.Terms(kVocabNetworkLevel)) {
        const std::string label = ctx.app.Text(t.name);
        const bool on = s.network_level_id == t.meta.id;
        FlowNext(ctx, ChipWidth(ctx, label, on), first);
        first = false;
        if (Chip(ctx, t.meta.id.c_str(), label, on)) {
            SetNetworkLevel(s, t.meta.id);
        }
    }
    Paragraph(ctx, CountText(ctx, "networks.count", networks.size()), ctx.fonts.bold);
    ClippedRows(ctx, networks.size(), [&](size_t i, float row_h) {
        const Network& n = networks[i];
        std::string detail;
        if (const TaxonomyTerm* t = ctx.app.Term(n.topic_id)) {
            detail = ctx.app.Text(t->name);
        }
        if (const TaxonomyTerm* l = ctx.app.Term(n.level_id)) {
            detail += (detail.empty() ? "" : " · ") + ctx.app.Text(l->name);
        }
        if (!n.district.empty()) {
            detail += " · " + n.district;
        }
        if (ListRow(ctx, static_cast<int>(i), ctx.app.Text(n.name), detail, row_h)) {
            Navigate(s, ScreenRef{Screen::kNetwork, n.meta.id});
        }
    });
    EndDetail(ctx, Screen::kNetworks);
}

void DrawNetworkScreen(ScreenContext& ctx) {
    DrawTopBar(ctx, ctx.app.Tr("networks.title"));
    const NetworkView* view = ctx.app.NetworkDetailView(ctx.state.Current().id, ctx.now);
    BeginDetail(ctx, Screen::kNetwork);
    if (view == nullptr) {
        Paragraph(ctx, ctx.app.Tr("detail.not_found"));
        EndDetail(ctx, Screen::kNetwork);
        return;
    }
    const Network& n = view->network;
    const std::string& lang = ctx.state.language;
    Paragraph(ctx, ctx.app.Text(n.name), ctx.fonts.title);
    if (view->topic != nullptr) {
        Field(ctx, ctx.app.Tr("detail.topics"), ctx.app.Text(view->topic->name));
    }
    if (view->level != nullptr) {
        std::string level = ctx.app.Text(view->level->name);
        if (!n.district.empty()) {
            level += " · " + n.district;
        }
        if (!n.social_space.empty()) {
            level += " · " + n.social_space;
        }
        Field(ctx, ctx.app.Tr("detail.level"), level);
    }
    ContentParagraph(ctx, n.description);
    if (n.meetings) {
        Heading(ctx, ctx.app.Tr("detail.meetings"));
        Paragraph(ctx, ScheduleSentence(*n.meetings, lang), ctx.fonts.bold);
        if (ctx.app.ClockTrusted(ctx.now)) {
            std::string dates;
            for (const Session& s : view->next_meetings) {
                dates +=
                    (dates.empty() ? "• " : "\n• ") + SessionText(s, BerlinDate(ctx.now), lang);
            }
            Field(ctx, ctx.app.Tr("detail.next_dates"), dates);
        }
    }
    if (!view->members.empty()) {
        std::string members;
        for (const Organization* o : view->members) {
            members += (members.empty() ? "• " : "\n• ") + ctx.app.Text(o->name);
        }
        Field(ctx, ctx.app.Tr("detail.members"), members);
    }
    std::vector<QrChoice> qr;
    if (view->contact != nullptr) {
        Heading(ctx, ctx.app.Tr("detail.contact"));
        ContactFields(ctx, *view->contact);
        qr.push_back(
            {QrKind::kContact,
             ContactVCard(*view->contact, ctx.app.FindOrganization(view->contact->organization_id),
                          lang)});
    }
    QrBlock(ctx, qr);
    EndDetail(ctx, Screen::kNetwork);
}

}  // namespace treffpunkt
