#include "kiosk/ui/keyboard.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "kiosk/app/actions.hpp"

namespace treffpunkt {

namespace {

enum class KeyKind { kChar, kShift, kBackspace, kNumbers, kLayout, kSpace, kDone };

struct Key {
    const char* text;  // what the key types (lower case) and shows
    KeyKind kind{KeyKind::kChar};
    float units{1.0f};  // width in key units
};

using Row = std::vector<Key>;

const std::vector<Row> kGermanRows = {
    {{"q"}, {"w"}, {"e"}, {"r"}, {"t"}, {"z"}, {"u"}, {"i"}, {"o"}, {"p"}, {"ü"}},
    {{"a"}, {"s"}, {"d"}, {"f"}, {"g"}, {"h"}, {"j"}, {"k"}, {"l"}, {"ö"}, {"ä"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"y"},
     {"x"},
     {"c"},
     {"v"},
     {"b"},
     {"n"},
     {"m"},
     {"ß"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

const std::vector<Row> kFrenchRows = {
    {{"a"}, {"z"}, {"e"}, {"r"}, {"t"}, {"y"}, {"u"}, {"i"}, {"o"}, {"p"}},
    {{"q"}, {"s"}, {"d"}, {"f"}, {"g"}, {"h"}, {"j"}, {"k"}, {"l"}, {"m"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"w"},
     {"x"},
     {"c"},
     {"v"},
     {"b"},
     {"n"},
     {"é"},
     {"è"},
     {"à"},
     {"ç"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

const std::vector<Row> kEnglishRows = {
    {{"q"}, {"w"}, {"e"}, {"r"}, {"t"}, {"y"}, {"u"}, {"i"}, {"o"}, {"p"}},
    {{"a"}, {"s"}, {"d"}, {"f"}, {"g"}, {"h"}, {"j"}, {"k"}, {"l"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"z"},
     {"x"},
     {"c"},
     {"v"},
     {"b"},
     {"n"},
     {"m"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

// Turkish Q: ı and i are two letters (I and İ with shift), ğ ü ş ö ç where Turkish has them.
const std::vector<Row> kTurkishRows = {
    {{"q"}, {"w"}, {"e"}, {"r"}, {"t"}, {"y"}, {"u"}, {"ı"}, {"o"}, {"p"}, {"ğ"}, {"ü"}},
    {{"a"}, {"s"}, {"d"}, {"f"}, {"g"}, {"h"}, {"j"}, {"k"}, {"l"}, {"ş"}, {"i"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"z"},
     {"x"},
     {"c"},
     {"v"},
     {"b"},
     {"n"},
     {"m"},
     {"ö"},
     {"ç"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

// Ukrainian ЙЦУКЕН with ї є ґ and the apostrophe ʼ (U+02BC, a letter in Ukrainian words).
const std::vector<Row> kUkrainianRows = {
    {{"й"}, {"ц"}, {"у"}, {"к"}, {"е"}, {"н"}, {"г"}, {"ш"}, {"щ"}, {"з"}, {"х"}, {"ї"}},
    {{"ф"}, {"і"}, {"в"}, {"а"}, {"п"}, {"р"}, {"о"}, {"л"}, {"д"}, {"ж"}, {"є"}, {"ґ"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"я"},
     {"ч"},
     {"с"},
     {"м"},
     {"и"},
     {"т"},
     {"ь"},
     {"б"},
     {"ю"},
     {"ʼ"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

// Russian ЙЦУКЕН with ъ and ё (ё at the end of the second row instead of left of 1).
const std::vector<Row> kRussianRows = {
    {{"й"}, {"ц"}, {"у"}, {"к"}, {"е"}, {"н"}, {"г"}, {"ш"}, {"щ"}, {"з"}, {"х"}, {"ъ"}},
    {{"ф"}, {"ы"}, {"в"}, {"а"}, {"п"}, {"р"}, {"о"}, {"л"}, {"д"}, {"ж"}, {"э"}, {"ё"}},
    {{"⇧", KeyKind::kShift, 1.5f},
     {"я"},
     {"ч"},
     {"с"},
     {"м"},
     {"и"},
     {"т"},
     {"ь"},
     {"б"},
     {"ю"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

// The Arabic PC layout's letters in its order (ذ from left of 1 at the end of the second row;
// لا is ل then ا, joined when drawn; أ and إ from the shift layer). Keys type letters in
// logical order; TextLayout joins and orders them when the text is drawn. No case, no shift.
const std::vector<Row> kArabicRows = {
    {{"ض"}, {"ص"}, {"ث"}, {"ق"}, {"ف"}, {"غ"}, {"ع"}, {"ه"}, {"خ"}, {"ح"}, {"ج"}, {"د"}},
    {{"ش"}, {"س"}, {"ي"}, {"ب"}, {"ل"}, {"ا"}, {"ت"}, {"ن"}, {"م"}, {"ك"}, {"ط"}, {"ذ"}},
    {{"أ"},
     {"إ"},
     {"ئ"},
     {"ء"},
     {"ؤ"},
     {"ر"},
     {"ى"},
     {"ة"},
     {"و"},
     {"ز"},
     {"ظ"},
     {"⌫", KeyKind::kBackspace, 1.5f}},
};

const std::vector<Row> kNumberRows = {
    {{"1"}, {"2"}, {"3"}, {"4"}, {"5"}, {"6"}, {"7"}, {"8"}, {"9"}, {"0"}},
    {{"-"}, {"/"}, {":"}, {";"}, {"("}, {")"}, {"€"}, {"&"}, {"@"}, {"\""}},
    {{"."}, {","}, {"?"}, {"!"}, {"'"}, {"+"}, {"#"}, {"%"}, {"⌫", KeyKind::kBackspace, 1.5f}},
};

// Phone numbers and plain numbers: digits first and large, the signs a number may carry.
const std::vector<Row> kPhoneRows = {
    {{"1"}, {"2"}, {"3"}, {"4"}, {"5"}},
    {{"6"}, {"7"}, {"8"}, {"9"}, {"0"}},
    {{"+"}, {"("}, {")"}, {"-"}, {"/"}, {"⌫", KeyKind::kBackspace, 1.5f}},
};

const std::vector<Row> kNumberOnlyRows = {
    {{"1"}, {"2"}, {"3"}, {"4"}, {"5"}},
    {{"6"}, {"7"}, {"8"}, {"9"}, {"0"}},
    {{","}, {"."}, {"-"}, {"€"}, {"⌫", KeyKind::kBackspace, 1.5f}},
};

// E-mail and web addresses: the signs they need in a row above the letters.
const Row kEmailRow = {{"@"}, {"."}, {"-"}, {"_"}, {".de"}, {".com"}};
const Row kWebRow = {{"https://"}, {"www."}, {"."}, {"/"}, {"-"}, {".de"}};

bool DigitPad(const KeyboardState& k) {
    return k.mode == KeyboardMode::kPhone || k.mode == KeyboardMode::kNumber;
}

const std::vector<Row>& LetterRowsFor(const KeyboardState& k) {
    switch (k.layout) {
        case KeyboardLayout::kFrench:
            return kFrenchRows;
        case KeyboardLayout::kEnglish:
            return kEnglishRows;
        case KeyboardLayout::kTurkish:
            return kTurkishRows;
        case KeyboardLayout::kUkrainian:
            return kUkrainianRows;
        case KeyboardLayout::kRussian:
            return kRussianRows;
        case KeyboardLayout::kArabic:
            return kArabicRows;
        case KeyboardLayout::kGerman:
            break;
    }
    return kGermanRows;
}

std::vector<Row> RowsFor(const KeyboardState& k) {
    if (k.mode == KeyboardMode::kPhone) {
        return kPhoneRows;
    }
    if (k.mode == KeyboardMode::kNumber) {
        return kNumberOnlyRows;
    }
    if (k.numbers) {
        return kNumberRows;
    }
    std::vector<Row> rows;
    if (k.mode == KeyboardMode::kEmail) {
        rows.push_back(kEmailRow);
    } else if (k.mode == KeyboardMode::kWeb) {
        rows.push_back(kWebRow);
    }
    const std::vector<Row>& letters = LetterRowsFor(k);
    rows.insert(rows.end(), letters.begin(), letters.end());
    return rows;
}

const char* LayoutKey(KeyboardLayout l) {
    switch (l) {
        case KeyboardLayout::kGerman:
            return "keyboard.layout.de";
        case KeyboardLayout::kFrench:
            return "keyboard.layout.fr";
        case KeyboardLayout::kEnglish:
            return "keyboard.layout.en";
        case KeyboardLayout::kTurkish:
            return "keyboard.layout.tr";
        case KeyboardLayout::kUkrainian:
            return "keyboard.layout.uk";
        case KeyboardLayout::kRussian:
            return "keyboard.layout.ru";
        case KeyboardLayout::kArabic:
            return "keyboard.layout.ar";
    }
    return "keyboard.layout.de";
}

std::string Upper(const std::string& s, KeyboardLayout layout) {
    AppState tmp;
    tmp.keyboard.shift = true;
    tmp.keyboard.layout = layout;
    TypeText(tmp, s);
    return tmp.search_text;
}

// How tall the key rows are. Regular rows are 2.1 em: a symbol over its word fits. Where
// such a keyboard would take more than half the screen (the largest text on a 7" panel), the
// rows shrink to the touch target (never below: 9 mm), so that the field, the result count
// and a result still fit above the keyboard; the symbol keys then draw in the caption size.
struct RowMetrics {
    float key_h_px{0.0f};  // height of a key
    float gap_px{0.0f};    // between keys and around the rows
};

RowMetrics RowMetricsFor(const ScreenContext& ctx, size_t rows) {
    const float n = static_cast<float>(rows);
    const RowMetrics regular{std::max(ctx.target_px, 2.1f * ctx.em),
                             std::max(3.0f, 0.25f * ctx.em)};
    const float screen_h = ImGui::GetIO().DisplaySize.y;
    if (n * regular.key_h_px + (n + 1.0f) * regular.gap_px <= 0.5f * screen_h) {
        return regular;
    }
    const float two_captions = 2.0f * LineHeight(ctx.fonts.caption) + 0.1f * ctx.em;
    return RowMetrics{std::max(ctx.target_px, two_captions), std::max(3.0f, 0.15f * ctx.em)};
}

// All key rows of the current state, the bottom row (123, layout, space, done) included.
size_t RowCount(const KeyboardState& k) {
    return RowsFor(k).size() + 1;
}

// Draws one key; returns true when tapped. A symbol key (⇧, ⌫) also says what it does in a
// word under the symbol: the symbol bold and the word in the body size where both fit the
// key, else both in the caption size. A label too wide for bold takes the caption size too.
// Nothing on a key is cut with "…" at the shipped sizes (tests check every layout).
bool DrawKey(ScreenContext& ctx, int id, const std::string& label, const std::string& word,
             ImVec2 pos, ImVec2 size, bool special, bool lit) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##key", size) && ctx.interactive;
    const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    const Theme& t = ctx.theme;
    Rgb bg = special ? t.key_special : t.key;
    Rgb fg = special ? t.key_special_text : t.key_text;
    if (pressed || lit) {
        bg = pressed ? t.primary_pressed : t.primary;
        fg = t.primary_text;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, b, Col(bg), 0.25f * ctx.em);
    const float inner = size.x - 0.3f * ctx.em;
    const float left = pos.x + 0.15f * ctx.em;
    ImFont* f = ctx.fonts.bold;
    if (word.empty()) {
        if (TextWidth(ctx, f, label) > inner) {
            f = ctx.fonts.caption;
        }
        const TextBlock& text = LayoutText(ctx, f, label, inner, 1);
        DrawText(ctx, dl, f, text, ImVec2(left, pos.y + (size.y - text.height_px) * 0.5f), inner,
                 fg, TextAlign::kCenter);
        RegisterLastItem(ctx, label, true, text.shortened);
        return tapped;
    }
    ImFont* wf = ctx.fonts.body;
    if (LineHeight(f) + LineHeight(wf) > size.y || TextWidth(ctx, wf, word) > inner) {
        f = ctx.fonts.caption;
        wf = ctx.fonts.caption;
    }
    const TextBlock& text = LayoutText(ctx, f, label, inner, 1);
    const TextBlock& caption = LayoutText(ctx, wf, word, inner, 1);
    const float top = pos.y + (size.y - text.height_px - caption.height_px) * 0.5f;
    DrawText(ctx, dl, f, text, ImVec2(left, top), inner, fg, TextAlign::kCenter);
    DrawText(ctx, dl, wf, caption, ImVec2(left, top + text.height_px), inner, fg,
             TextAlign::kCenter);
    RegisterLastItem(ctx, word, true, caption.shortened);
    RegisterLastItem(ctx, label, true, text.shortened);
    return tapped;
}

}  // namespace

std::vector<std::string> KeyboardKeyTexts(KeyboardLayout layout) {
    std::vector<std::string> out;
    KeyboardState keyboard;
    keyboard.layout = layout;
    for (const std::vector<Row>* rows :
         {&LetterRowsFor(keyboard), &kNumberRows, &kPhoneRows, &kNumberOnlyRows}) {
        for (const Row& row : *rows) {
            for (const Key& key : row) {
                out.emplace_back(key.text);
                if (key.kind == KeyKind::kChar && rows != &kNumberRows) {
                    out.push_back(Upper(key.text, layout));
                }
            }
        }
    }
    for (const Row* row : {&kEmailRow, &kWebRow}) {
        for (const Key& key : *row) {
            out.emplace_back(key.text);
        }
    }
    return out;
}

float KeyboardHeight(const ScreenContext& ctx) {
    const size_t rows = RowCount(ctx.state.keyboard);
    const RowMetrics m = RowMetricsFor(ctx, rows);
    const float n = static_cast<float>(rows);
    return n * m.key_h_px + (n + 1.0f) * m.gap_px;
}

void DrawKeyboard(ScreenContext& ctx) {
    AppState& state = ctx.state;
    const KeyboardState k = state.keyboard;  // a copy: keys change the state while drawing
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = KeyboardHeight(ctx);
    const RowMetrics metrics = RowMetricsFor(ctx, RowCount(k));
    const float gap = metrics.gap_px;
    const float key_h = metrics.key_h_px;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), Col(ctx.theme.keyboard));

    const std::vector<Row> rows = RowsFor(k);
    float max_units = 10.5f;  // the bottom row
    for (const Row& row : rows) {
        float units = 0.0f;
        for (const Key& key : row) {
            units += key.units;
        }
        max_units = std::max(max_units, units);
    }
    const float unit = (width - gap) / max_units;
    int id = 0;
    float y = origin.y + gap;
    for (const Row& row : rows) {
        float units = 0.0f;
        for (const Key& key : row) {
            units += key.units;
        }
        float x = origin.x + gap + (width - gap - units * unit) * 0.5f;
        for (const Key& key : row) {
            const ImVec2 size(key.units * unit - gap, key_h);
            std::string label = key.text;
            if (key.kind == KeyKind::kChar && k.shift && !k.numbers && !DigitPad(k) &&
                std::string_view(key.text).size() <= 2) {
                label = Upper(label, k.layout);
            }
            const bool special = key.kind != KeyKind::kChar;
            const bool lit = key.kind == KeyKind::kShift && k.shift;
            const std::string word = key.kind == KeyKind::kShift ? ctx.app.Tr("keyboard.shift")
                                     : key.kind == KeyKind::kBackspace
                                         ? ctx.app.Tr("keyboard.backspace")
                                         : std::string();
            if (DrawKey(ctx, id++, label, word, ImVec2(x, y), size, special, lit)) {
                switch (key.kind) {
                    case KeyKind::kChar:
                        TypeText(state, key.text);
                        break;
                    case KeyKind::kShift:
                        ToggleShift(state);
                        break;
                    case KeyKind::kBackspace:
                        Backspace(state);
                        break;
                    default:
                        break;
                }
            }
            x += key.units * unit;
        }
        y += key_h + gap;
    }
    // Bottom row: 123/ABC, layout, space, done.
    const struct {
        KeyKind kind;
        float units;
    } bottom[] = {{KeyKind::kNumbers, 1.5f},
                  {KeyKind::kLayout, 2.0f},
                  {KeyKind::kSpace, 4.5f},
                  {KeyKind::kDone, 2.5f}};
    float x = origin.x + gap + (width - gap - 10.5f * unit) * 0.5f;
    for (const auto& key : bottom) {
        if (DigitPad(k) && (key.kind == KeyKind::kNumbers || key.kind == KeyKind::kLayout)) {
            x += key.units * unit;  // a digit pad has no letters to switch to
            continue;
        }
        const ImVec2 size(key.units * unit - gap, key_h);
        std::string label;
        switch (key.kind) {
            case KeyKind::kNumbers:
                label = ctx.app.Tr(k.numbers ? "keyboard.letters" : "keyboard.numbers");
                break;
            case KeyKind::kLayout:
                label = ctx.app.Tr(LayoutKey(NextKeyboardLayout(k)));
                break;
            case KeyKind::kSpace:
                label = ctx.app.Tr("keyboard.space");
                break;
            default:
                label = ctx.app.Tr("keyboard.done");
                break;
        }
        const bool tapped = DrawKey(ctx, id++, label, std::string(), ImVec2(x, y), size,
                                    key.kind != KeyKind::kSpace, key.kind == KeyKind::kDone);
        if (key.kind == KeyKind::kSpace) {
            RegisterLastItem(ctx, " ", true);  // so a script can "type" a space
        }
        if (tapped) {
            switch (key.kind) {
                case KeyKind::kNumbers:
                    ToggleNumbers(state);
                    break;
                case KeyKind::kLayout:
                    SetKeyboardLayout(state, NextKeyboardLayout(k));
                    break;
                case KeyKind::kSpace:
                    TypeText(state, " ");
                    break;
                default:
                    ShowKeyboard(state, false);
                    break;
            }
        }
        x += key.units * unit;
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace treffpunkt
