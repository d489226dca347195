// Every visible text and touch target of the last frame with its screen rectangle, so the
// script runner can "tap LABEL" and "expect TEXT", and the touch input knows which area a
// drag scrolls. Plain data; no ImGui types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treffpunkt {

struct Rect {
    float x0{0.0f};
    float y0{0.0f};
    float x1{0.0f};
    float y1{0.0f};
    bool Contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
    bool Empty() const { return x1 <= x0 || y1 <= y0; }
    float Width() const { return x1 - x0; }
    float Height() const { return y1 - y0; }
};

struct LabelEntry {
    std::string label;  // the visible text (full, even where the row shows it shortened)
    Rect rect;          // visible part on screen, logical pixels
    Rect full;          // the whole item, also where scrolled out of view
    bool tappable{false};
    bool shortened{false};  // drawn cut with "…" (keys, buttons and chips say so)
};

struct ScrollAreaEntry {
    int key{0};  // which scroll position it moves (the Screen as int)
    Rect rect;
};

class LabelRegistry {
  public:
    // Starts a new frame's list (the previous frame's stays readable until EndFrame).
    void BeginFrame();
    void EndFrame();

    void Add(std::string label, Rect visible, Rect full, bool tappable, bool shortened = false);
    void AddScrollArea(int key, Rect rect);

    // The first tappable entry of the last frame whose label equals `label` (then, failing
    // that, ignoring case; then one that starts with it), else nullopt.
    std::optional<LabelEntry> FindTappable(std::string_view label) const;
    // True if any text of the last frame contains `text`.
    bool ContainsText(std::string_view text) const;
    // The scroll area of the last frame under a point (the innermost = last registered).
    std::optional<ScrollAreaEntry> ScrollAreaAt(float x, float y) const;

    const std::vector<LabelEntry>& Entries() const { return m_done; }
    // The tappable entry of the last frame with the smallest full size (the 9 mm check).
    std::optional<LabelEntry> SmallestTappable() const;

  private:
    std::vector<LabelEntry> m_building;
    std::vector<LabelEntry> m_done;
    std::vector<ScrollAreaEntry> m_areas_building;
    std::vector<ScrollAreaEntry> m_areas_done;
};

}  // namespace treffpunkt
