#include <algorithm>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// The search field row: what was typed, with a caret while the keyboard is open. One item
// spacing above and below, with or without the keyboard: the field does not move when tapped.
void SearchRow(ScreenContext& ctx) {
    AppState& s = ctx.state;
    const float pad = 0.4f * ctx.em;
    ImGui::SetCursorPosX(pad);
    const float h = ButtonHeight(ctx);
    const std::string clear = ctx.app.Tr("keyboard.clear");
    const float clear_w = s.search_text.empty() ? 0.0f : ButtonWidth(ctx, clear) + pad;
    const float w = ImGui::GetContentRegionAvail().x - pad - clear_w;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    if (ctx.rtl) {
        // "Leeren" on the left, the field on the right.
        ImGui::SetCursorScreenPos(ImVec2(row.x + clear_w, row.y));
    }
    if (ImGui::InvisibleButton("##field", ImVec2(w, h)) && ctx.interactive) {
        ShowKeyboard(s, !s.keyboard.visible);
    }
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(ctx.theme.surface), 0.3f * ctx.em);
    dl->AddRect(
        a, b, Col(ctx.theme.primary), 0.3f * ctx.em, 0,
        s.keyboard.visible ? std::max(3.0f, 0.15f * ctx.em) : std::max(1.5f, 0.08f * ctx.em));
    const bool empty = s.search_text.empty();
    const std::string text = empty ? ctx.app.Tr("home.search.placeholder") : s.search_text;
    // Show the end of a long text: that is where the caret is.
    ImFont* f = ctx.fonts.body;
    const float room = w - 1.6f * ctx.em;
    std::string shown = text;
    while (!shown.empty() && !empty && TextWidth(ctx, f, shown) > room) {
        size_t cut = 1;
        while (cut < shown.size() && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) {
            ++cut;
        }
        shown.erase(0, cut);
    }
    const TextBlock& block = LayoutText(ctx, f, shown, empty ? room : 0.0f, 1);
    const ImVec2 p(a.x + 0.6f * ctx.em, a.y + (h - block.height_px) * 0.5f);
    DrawText(ctx, dl, f, block, p, room, empty ? ctx.theme.text_muted : ctx.theme.surface_text);
    if (s.keyboard.visible) {
        // The caret after the last letter typed: at the text's right end, unless the text itself
        // runs right to left.
        const float text_x0 = ctx.rtl ? p.x + room - block.width_px : p.x;
        const bool text_rtl = !block.lines.empty() && block.lines.front().rtl;
        float x = text_rtl ? text_x0 - 2.0f : text_x0 + block.width_px + 1.0f;
        if (empty) {
            x = ctx.rtl ? p.x + room : p.x;
        }
        dl->AddRectFilled(ImVec2(x, p.y),
                          ImVec2(x + std::max(2.0f, 0.1f * ctx.em), p.y + LineHeight(f)),
                          Col(ctx.theme.primary));
    }
    RegisterLastItem(ctx, empty ? ctx.app.Tr("home.search") : s.search_text, true);
    if (!empty) {
        if (ctx.rtl) {
            ImGui::SetCursorScreenPos(row);
        } else {
            ImGui::SameLine(0.0f, pad);
        }
        if (TouchButton(ctx, "clear", clear)) {
            ClearSearch(s);
        }
    }
}

void GroupChip(ScreenContext& ctx, FilterGroup group, const char* key, size_t active, bool& first) {
    std::string label = ctx.app.Tr(key);
    if (active > 0) {
        label += " (" + std::to_string(active) + ")";
    }
    label += ctx.state.open_filter_group == group ? " ▴" : " ▾";
    const bool selected = active > 0 || ctx.state.open_filter_group == group;
    FlowNext(ctx, ChipWidth(ctx, label, selected), first);
    first = false;
    if (Chip(ctx, key, label, selected)) {
        ToggleFilterGroup(ctx.state, group);
    }
}

void FilterBar(ScreenContext& ctx) {
    AppState& s = ctx.state;
    const OfferQuery& q = s.offer_query;
    bool first = true;
    GroupChip(ctx, FilterGroup::kTopic, "filter.topic", q.fields_of_action.size(), first);
    GroupChip(ctx, FilterGroup::kTargetGroup, "filter.target_group", q.target_groups.size(), first);
    GroupChip(ctx, FilterGroup::kDistrict, "filter.district", q.districts.size(), first);
    GroupChip(ctx, FilterGroup::kLanguage, "filter.language", q.languages.size(), first);
    const std::string free = ctx.app.Tr("filter.free");
    FlowNext(ctx, ChipWidth(ctx, free, q.free_only), false);
    if (Chip(ctx, "free", free, q.free_only)) {
        ToggleFreeOnly(s);
    }
    if (ctx.app.ClockTrusted(ctx.now)) {
        const std::string today = ctx.app.Tr("filter.today");
        FlowNext(ctx, ChipWidth(ctx, today, q.when == WhenFilter::kToday), false);
        if (Chip(ctx, "today", today, q.when == WhenFilter::kToday)) {
            ToggleWhen(s, WhenFilter::kToday);
        }
        const std::string week = ctx.app.Tr("filter.this_week");
        FlowNext(ctx, ChipWidth(ctx, week, q.when == WhenFilter::kThisWeek), false);
        if (Chip(ctx, "week", week, q.when == WhenFilter::kThisWeek)) {
            ToggleWhen(s, WhenFilter::kThisWeek);
        }
    }
    const bool any = !q.fields_of_action.empty() || !q.target_groups.empty() ||
                     !q.districts.empty() || !q.languages.empty() || q.free_only ||
                     q.when != WhenFilter::kAny;
    if (any) {
        const std::string clear = ctx.app.Tr("filter.clear");
        FlowNext(ctx, ButtonWidth(ctx, clear), false);
        if (TouchButton(ctx, "clear-filters", clear)) {
            ClearFilters(s);
        }
    }

    // The open group's values.
    struct Value {
        std::string id;
        std::string label;
    };
    std::vector<Value> values;
    const std::vector<std::string>* selected = nullptr;
    switch (s.open_filter_group) {
        case FilterGroup::kTopic:
            for (const TaxonomyTerm& t : ctx.app.Terms(kVocabFieldOfAction)) {
                values.push_back({t.meta.id, ctx.app.Text(t.name)});
            }
            selected = &q.fields_of_action;
            break;
        case FilterGroup::kTargetGroup:
            for (const TaxonomyTerm& t : ctx.app.Terms(kVocabTargetGroup)) {
                values.push_back({t.meta.id, ctx.app.Text(t.name)});
            }
            selected = &q.target_groups;
            break;
        case FilterGroup::kDistrict:
            for (const std::string& d : ctx.app.Districts()) {
                values.push_back({d, d});
            }
            selected = &q.districts;
            break;
        case FilterGroup::kLanguage:
            for (const std::string& l : ctx.app.OfferLanguages()) {
                values.push_back({l, ctx.app.LanguageName(l)});
            }
            selected = &q.languages;
            break;
        case FilterGroup::kNone:
            break;
    }
    if (selected != nullptr) {
        Gap(0.2f);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddLine(top, ImVec2(top.x + ImGui::GetContentRegionAvail().x, top.y),
                    Col(ctx.theme.border));
        Gap(0.3f);
        first = true;
        int id = 0;
        for (const Value& v : values) {
            const bool on = Contains(*selected, v.id);
            FlowNext(ctx, ChipWidth(ctx, v.label, on), first);
            first = false;
            ImGui::PushID(id++);
            if (Chip(ctx, "value", v.label, on)) {
                ToggleFilterValue(s, s.open_filter_group, v.id);
            }
            ImGui::PopID();
        }
    }
}

// "14 Angebote", and what to try when nothing was found.
void CountLine(ScreenContext& ctx, size_t count) {
    Paragraph(ctx, CountText(ctx, "results.count", count), ctx.fonts.bold);
    if (count == 0) {
        Paragraph(ctx, ctx.app.Tr("results.none"), nullptr, ctx.theme.text_muted);
    }
}

}  // namespace

std::string OfferRowDetail(const ScreenContext& ctx, const OfferSummary& o) {
    std::string detail;
    if (o.next_session && ctx.app.ClockTrusted(ctx.now)) {
        detail = SessionText(*o.next_session, BerlinDate(ctx.now), ctx.state.language);
    }
    const std::string& place = ctx.app.Text(o.place_name);
    if (!place.empty()) {
        detail += (detail.empty() ? "" : " · ") + place;
    }
    if (o.free_of_charge) {
        detail += (detail.empty() ? "" : " · ") + ctx.app.Tr("detail.free");
    }
    return detail;
}

void DrawOffersScreen(ScreenContext& ctx) {
    AppState& s = ctx.state;
    DrawTopBar(ctx, ctx.app.Tr("results.title"));
    SearchRow(ctx);
    const size_t count = ctx.app.OfferCount(ctx.now);
    const float kb_h = s.keyboard.visible ? KeyboardHeight(ctx) : 0.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float list_h = avail.y - kb_h;
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    const float pad = 0.4f * ctx.em;
    // A resident typing sees what the search finds: where the count and a full row do not fit
    // between the field and the keyboard (the largest text on a 7" panel), the rows show
    // their title on one line and sit closer; "Fertig" brings the full rows back.
    const bool compact = s.keyboard.visible &&
                         list_h < pad + LineHeight(ctx.fonts.bold) + spacing.y + ListRowHeight(ctx);
    const float gap = compact ? 0.2f * ctx.em : spacing.y;
    // Never zero or less: ImGui would read that as "all the space" and push the keyboard off.
    BeginScrollArea(ctx, Screen::kOffers, ImVec2(avail.x, std::max(1.0f, list_h)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, gap));
    ImGui::SetCursorPos(ImVec2(pad, compact ? gap : pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(avail.x - pad);
    if (s.keyboard.visible) {
        // While typing, the count comes first: it stays in view whatever else is found.
        CountLine(ctx, count);
    } else {
        FilterBar(ctx);
        Gap(0.3f);
    }
    // Contacts, places, helpers and networks that match the search, as compact chips above
    // the offers: few, and often what was meant ("Sozialbüro").
    const std::vector<SearchHit>& hits = ctx.app.OtherHits();
    bool first_hit = true;
    for (size_t i = 0; i < hits.size(); ++i) {
        const SearchHit& h = hits[i];
        const Screen target = h.kind == RecordKind::kContact  ? Screen::kContact
                              : h.kind == RecordKind::kPlace  ? Screen::kPlace
                              : h.kind == RecordKind::kHelper ? Screen::kHelper
                                                              : Screen::kNetwork;
        const char* kind_key = h.kind == RecordKind::kContact  ? "kind.contact"
                               : h.kind == RecordKind::kPlace  ? "kind.place"
                               : h.kind == RecordKind::kHelper ? "kind.helper"
                                                               : "kind.network";
        const std::string label = ctx.app.Tr(kind_key) + ": " + ctx.app.Text(h.title);
        FlowNext(ctx, ChipWidth(ctx, label, false), first_hit);
        first_hit = false;
        ImGui::PushID(static_cast<int>(i));
        if (Chip(ctx, "hit", label, false)) {
            Navigate(s, ScreenRef{target, h.id});
        }
        ImGui::PopID();
    }
    if (!s.keyboard.visible) {
        CountLine(ctx, count);
    }
    const float row_h = compact ? CompactListRowHeight(ctx) : ListRowHeight(ctx);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(count), row_h + gap);
    while (clipper.Step()) {
        // Only the rows on screen are read from the replica (and a few either side).
        ctx.app.PrepareOfferRows(static_cast<size_t>(clipper.DisplayStart),
                                 static_cast<size_t>(clipper.DisplayEnd), ctx.now);
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const OfferSummary* o = ctx.app.OfferRow(static_cast<size_t>(i), ctx.now);
            if (o == nullptr) {
                ImGui::Dummy(ImVec2(1.0f, row_h));  // keeps the list's height while it reloads
                continue;
            }
            if (ListRow(ctx, i, ctx.app.Text(o->title), OfferRowDetail(ctx, *o), row_h)) {
                Navigate(s, ScreenRef{Screen::kOffer, o->id});
            }
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::PopStyleVar();
    EndScrollArea(ctx, Screen::kOffers);
    if (s.keyboard.visible) {
        // On the bottom edge: at the largest text the list has no room left, and the item
        // spacing after it would push the keyboard's last row off the panel.
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
        ImGui::SetCursorScreenPos(ImVec2(c.x, std::min(c.y, bottom - kb_h)));
        DrawKeyboard(ctx);
    }
}

}  // namespace treffpunkt
