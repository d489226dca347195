// The three-way merge of pushed edits, field by field.
#include "sync/hub/merge.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt::hub;
using nlohmann::json;

namespace {

const json kBase = {{"title", {{"de", "A"}}}, {"summary", {{"de", "S"}}}, {"free_of_charge", true}};

TEST(Merge, FieldsUnchangedOnTheHubTakeTheEditsValue) {
    const json current = kBase;
    json edited = kBase;
    edited["title"] = {{"de", "B"}};
    const MergeResult m = MergeFields(kBase, current, edited, {"title"});
    EXPECT_EQ(m.merged["title"]["de"], "B");
    EXPECT_EQ(m.applied, std::vector<std::string>{"title"});
    EXPECT_TRUE(m.conflicts.empty());
}

TEST(Merge, DifferentFieldsOnBothSidesBothSurvive) {
    json current = kBase;
    current["summary"] = {{"de", "hub"}};
    json edited = kBase;
    edited["title"] = {{"de", "kiosk"}};
    const MergeResult m = MergeFields(kBase, current, edited, {"title"});
    EXPECT_EQ(m.merged["title"]["de"], "kiosk");
    EXPECT_EQ(m.merged["summary"]["de"], "hub");
}

TEST(Merge, TheSameFieldToDifferentValuesConflictsAndKeepsTheHubsValue) {
    json current = kBase;
    current["title"] = {{"de", "hub"}};
    json edited = kBase;
    edited["title"] = {{"de", "kiosk"}};
    edited["summary"] = {{"de", "neu"}};
    const MergeResult m = MergeFields(kBase, current, edited, {"title", "summary"});
    ASSERT_EQ(m.conflicts.size(), 1u);
    EXPECT_EQ(m.conflicts[0].field, "title");
    EXPECT_EQ(m.conflicts[0].base["de"], "A");
    EXPECT_EQ(m.conflicts[0].hub["de"], "hub");
    EXPECT_EQ(m.conflicts[0].kiosk["de"], "kiosk");
    EXPECT_EQ(m.merged["title"]["de"], "hub");
    EXPECT_EQ(m.merged["summary"]["de"], "neu") << "the rest of the edit applies";
}

TEST(Merge, TheSameChangeOnBothSidesIsNoConflict) {
    json current = kBase;
    current["title"] = {{"de", "same"}};
    const MergeResult m = MergeFields(kBase, current, current, {"title"});
    EXPECT_TRUE(m.conflicts.empty());
    EXPECT_TRUE(m.applied.empty());
}

TEST(Merge, ClearingAFieldRemovesIt) {
    json edited = kBase;
    edited.erase("summary");
    const MergeResult m = MergeFields(kBase, kBase, edited, {"summary"});
    EXPECT_FALSE(m.merged.contains("summary"));
    // Cleared on the hub, changed on the kiosk: a conflict with null on the hub's side.
    json current = kBase;
    current.erase("summary");
    json changed = kBase;
    changed["summary"] = {{"de", "neu"}};
    const MergeResult c = MergeFields(kBase, current, changed, {"summary"});
    ASSERT_EQ(c.conflicts.size(), 1u);
    EXPECT_TRUE(c.conflicts[0].hub.is_null());
}

TEST(Merge, LastCheckedTakesTheLaterDate) {
    json base = kBase;
    base["last_checked"] = "2026-10-01";
    json current = base;
    current["last_checked"] = "2026-11-20";
    json earlier = base;
    earlier["last_checked"] = "2026-11-10";
    EXPECT_EQ(MergeFields(base, current, earlier, {"last_checked"}).merged["last_checked"],
              "2026-11-20");
    json later = base;
    later["last_checked"] = "2026-11-24";
    const MergeResult m = MergeFields(base, current, later, {"last_checked"});
    EXPECT_EQ(m.merged["last_checked"], "2026-11-24");
    EXPECT_TRUE(m.conflicts.empty());
}

}  // namespace
