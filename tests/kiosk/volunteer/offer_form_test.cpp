// The offer form's model: an offer into form fields and back, problems at the fields.
#include "kiosk/app/offer_form.hpp"

#include <gtest/gtest.h>

#include "sync/model/schedule.hpp"

namespace treffpunkt {
namespace {

Offer ThursdayGroup() {
    Offer o;
    o.meta.id = "cfbe5466-fd31-5e2f-8729-baa1ffb9f74b";
    o.title = Text("Seniorentreff Roden");
    o.title.by_lang["en"] = "Senior meeting";
    o.place_id = "ddbde832-f039-595a-b09b-05c1296565d4";
    o.fields_of_action = {"a"};
    Schedule s;
    s.start_date = Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{8}};
    s.start_minute = 14 * 60;
    s.end_minute = 16 * 60 + 30;
    s.rrule = "FREQ=WEEKLY;BYDAY=TH";
    o.schedule = s;
    return o;
}

TEST(EditForm, RoundTripsAnOffer) {
    const Offer o = ThursdayGroup();
    const EditForm form = FormFromOffer(o);
    EXPECT_EQ(form.texts.at("title.de"), "Seniorentreff Roden");
    EXPECT_EQ(form.texts.at("title.en"), "Senior meeting");
    EXPECT_EQ(form.schedule.repetition, Repetition::kWeekly);
    EXPECT_EQ(form.schedule.weekdays, std::vector<int>{3});
    EXPECT_FALSE(form.keep_schedule);
    const Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}};
    EXPECT_EQ(OfferFromForm(form, o, today), o);
}

TEST(EditForm, ThursdayToFridayWithAClosure) {
    const Offer o = ThursdayGroup();
    EditForm form = FormFromOffer(o);
    form.schedule.weekdays = {4};
    const Date holiday{std::chrono::year{2026}, std::chrono::December, std::chrono::day{25}};
    form.schedule.closures.push_back({holiday, holiday, {}});
    const Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}};
    const Offer after = OfferFromForm(form, o, today);
    ASSERT_TRUE(after.schedule);
    EXPECT_EQ(after.schedule->rrule, "FREQ=WEEKLY;BYDAY=FR");
    EXPECT_EQ(after.schedule->start_date, o.schedule->start_date);
    // The sessions: Fridays from 14:00, none on Christmas Day.
    const auto sessions = SessionsBetween(
        *after.schedule,
        FromBerlin(Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{14}}, 0),
        FromBerlin(Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{4}}, 0));
    std::vector<Date> days;
    for (const Session& s : sessions) {
        days.push_back(BerlinDate(s.start));
        EXPECT_EQ(IsoWeekdayIndex(BerlinDate(s.start)), 4);
        EXPECT_EQ(ToBerlin(s.start).minute_of_day, 14 * 60);
    }
    using std::chrono::day;
    using std::chrono::year;
    EXPECT_EQ(days, (std::vector<Date>{Date{year{2026}, std::chrono::December, day{18}},
                                       Date{year{2027}, std::chrono::January, day{1}}}));
}

TEST(EditForm, EmptyTextsAreLeftOutAndFreeDropsTheCost) {
    const Offer o = ThursdayGroup();
    EditForm form = FormFromOffer(o);
    form.texts["summary.fr"] = "   ";
    form.texts["cost.de"] = "2 €";
    form.free_of_charge = true;
    const Offer after = OfferFromForm(
        form, o, Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}});
    EXPECT_FALSE(after.summary.Has("fr"));
    EXPECT_TRUE(after.cost.Empty());
}

TEST(EditForm, ProblemsLandAtTheirFields) {
    const std::vector<Problem> problems = {
        {"title.de", "is required (German is the fallback language)"},
        {"summary.de", "is 400 characters long; at most 300 are allowed"},
        {"url", "\"htp:/x\" is not a web address (http:// or https://)"},
        {"fields_of_action", "needs at least one entry"},
    };
    const auto f = FieldProblems(problems);
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[0], (FieldProblem{"title.de", "volunteer.problem.required", ""}));
    EXPECT_EQ(f[1], (FieldProblem{"summary.de", "volunteer.problem.too_long", "300"}));
    EXPECT_EQ(f[2].field, "url");
    EXPECT_EQ(f[2].key, "volunteer.problem.bad_web");
    EXPECT_EQ(f[3].key, "volunteer.problem.pick_one");
}

TEST(EditForm, ScheduleChoiceProblemsUseTheKiosksTexts) {
    EditForm form;
    form.schedule.weekdays.clear();
    form.schedule.end_minute = form.schedule.start_minute;
    const auto p = ScheduleProblems(form);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].field, "schedule.end_time");
    EXPECT_EQ(p[0].key, "volunteer.schedule.end_before_start");
    EXPECT_EQ(p[1].key, "volunteer.schedule.pick_weekday");
}

}  // namespace
}  // namespace treffpunkt

namespace treffpunkt {
namespace {

TEST(ContactForm, RoundTripsAndTrims) {
    Contact c;
    c.meta.id = "4a1e0ed8-989d-58f3-924a-6f8748c5e194";
    c.name = "Andrea Hoffmann";
    c.role = Text("Koordination Sorgekreis");
    c.phone = "06831 4480-321";
    c.email = "sorgekreis@odb-roden.example";
    EditForm form = FormFromContact(c);
    EXPECT_EQ(form.kind, "contacts");
    EXPECT_EQ(ContactFromForm(form, c), c);
    form.texts["phone"] = "  06831 999 ";
    EXPECT_EQ(ContactFromForm(form, c).phone, "06831 999");
}

TEST(HelperForm, PublicContactOnlyWithConsentAndKeepsItsDate) {
    Helper h;
    h.meta.id = "4c950648-11ca-50b9-bb65-686e8b55300e";
    h.first_name = "Ingrid";
    const Date consent{std::chrono::year{2026}, std::chrono::March, std::chrono::day{2}};
    h.public_contact = PublicContact{"0170 1", "", consent};
    const Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}};
    EditForm form = FormFromHelper(h);
    EXPECT_TRUE(form.public_consent);
    EXPECT_EQ(HelperFromForm(form, h, today), h);  // the recorded date stays
    form.public_consent = false;
    EXPECT_FALSE(HelperFromForm(form, h, today).public_contact);
    form.public_consent = true;
    form.consent_date.reset();  // consent given again today
    EXPECT_EQ(HelperFromForm(form, h, today).public_contact->consent_date, today);
}

}  // namespace
}  // namespace treffpunkt
