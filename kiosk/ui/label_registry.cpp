#include "kiosk/ui/label_registry.hpp"

#include <algorithm>
#include <cctype>

namespace treffpunkt {

namespace {

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

void LabelRegistry::BeginFrame() {
    m_building.clear();
    m_areas_building.clear();
}

void LabelRegistry::EndFrame() {
    std::swap(m_building, m_done);
    std::swap(m_areas_building, m_areas_done);
}

void LabelRegistry::Add(std::string label, Rect visible, Rect full, bool tappable, bool shortened) {
    if (visible.Empty() || label.empty()) {
        return;
    }
    m_building.push_back(LabelEntry{std::move(label), visible, full, tappable, shortened});
}

void LabelRegistry::AddScrollArea(int key, Rect rect) {
    m_areas_building.push_back(ScrollAreaEntry{key, rect});
}

std::optional<LabelEntry> LabelRegistry::FindTappable(std::string_view label) const {
    for (const LabelEntry& e : m_done) {
        if (e.tappable && e.label == label) {
            return e;
        }
    }
    for (const LabelEntry& e : m_done) {
        if (e.tappable && EqualsIgnoringAsciiCase(e.label, label)) {
            return e;
        }
    }
    // Labels that change with the data or the time ("Stand: heute, 16:30 · online"): the
    // first one that starts with the text.
    for (const LabelEntry& e : m_done) {
        if (e.tappable && !label.empty() && e.label.starts_with(label)) {
            return e;
        }
    }
    return std::nullopt;
}

bool LabelRegistry::ContainsText(std::string_view text) const {
    return std::any_of(m_done.begin(), m_done.end(), [&](const LabelEntry& e) {
        return e.label.find(text) != std::string::npos;
    });
}

std::optional<ScrollAreaEntry> LabelRegistry::ScrollAreaAt(float x, float y) const {
    for (auto it = m_areas_done.rbegin(); it != m_areas_done.rend(); ++it) {
        if (it->rect.Contains(x, y)) {
            return *it;
        }
    }
    return std::nullopt;
}

std::optional<LabelEntry> LabelRegistry::SmallestTappable() const {
    std::optional<LabelEntry> best;
    for (const LabelEntry& e : m_done) {
        if (!e.tappable) {
            continue;
        }
        const float size = std::min(e.full.Width(), e.full.Height());
        if (!best || size < std::min(best->full.Width(), best->full.Height())) {
            best = e;
        }
    }
    return best;
}

}  // namespace treffpunkt
