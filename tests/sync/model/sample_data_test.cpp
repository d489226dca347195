// The sample dataset (assets/sample/saarlouis.json) is what the kiosk starts with and what demos
// and other tests build on: it must load without a single problem and keep the properties
// issue 2 asks for. "Now" is fixed, so the schedule checks do not depend on the wall clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sync/model/dataset.hpp"
#include "sync/model/schedule.hpp"
#include "sync/model/time.hpp"

using namespace treffpunkt;

namespace {

const std::string kSamplePath =
    std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json";

const std::vector<std::string> kMeetingPlaceDistricts = {
    "Innenstadt", "Roden",  "Fraulautern",  "Lisdorf",
    "Beaumarais", "Picard", "Neuforweiler", "Steinrausch"};

// A Wednesday late in November 2026, a few days after the file was generated.
UtcTime FixedNow() {
    return FromBerlin(*ParseDate("2026-11-25"), 8 * 60);
}

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class SampleData : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto text = ReadTextFile(kSamplePath);
        ASSERT_TRUE(text) << text.error().message;
        s_text = *text;
        std::vector<Problem> problems;
        auto dataset = ParseDataset(s_text, problems);
        if (dataset) {
            s_dataset = std::move(*dataset);
        }
    }

    static const Dataset& Data() { return *s_dataset; }

    void SetUp() override {
        ASSERT_TRUE(s_dataset.has_value())
            << "the sample does not load; see SampleDataFile.ParsesWithoutProblems";
    }

    // The term ids of one vocabulary, by code.
    static std::map<std::string, std::string> TermsOf(std::string_view vocabulary) {
        std::map<std::string, std::string> out;
        for (const TaxonomyTerm& t : Data().taxonomy) {
            if (t.vocabulary == vocabulary) {
                out.emplace(t.code, t.meta.id);
            }
        }
        return out;
    }

    static std::vector<std::string> GermanNamesOf(std::string_view vocabulary) {
        std::vector<const TaxonomyTerm*> terms;
        for (const TaxonomyTerm& t : Data().taxonomy) {
            if (t.vocabulary == vocabulary) {
                terms.push_back(&t);
            }
        }
        std::sort(terms.begin(), terms.end(),
                  [](const auto* a, const auto* b) { return a->sort_order < b->sort_order; });
        std::vector<std::string> names;
        for (const TaxonomyTerm* t : terms) {
            names.push_back(t->name.De());
        }
        return names;
    }

    static std::vector<const Offer*> ActiveOffersWithSchedule() {
        std::vector<const Offer*> out;
        for (const Offer& o : Data().offers) {
            if (o.status == OfferStatus::kActive && o.schedule) {
                out.push_back(&o);
            }
        }
        return out;
    }

    static inline std::string s_text;
    static inline std::optional<Dataset> s_dataset;
};

// Not a fixture test: the fixture needs a loaded dataset, and this one must list every problem.
TEST(SampleDataFile, ParsesWithoutProblems) {
    const auto text = ReadTextFile(kSamplePath);
    ASSERT_TRUE(text) << text.error().message;
    std::vector<Problem> problems;
    EXPECT_TRUE(ParseDataset(*text, problems));
    std::string all;
    for (const Problem& p : problems) {
        all += p.ToString() + "\n";
    }
    EXPECT_TRUE(problems.empty()) << all;
}

TEST_F(SampleData, IsPlainUtf8AndRoundTrips) {
    EXPECT_FALSE(Contains(s_text, "\\u")) << "write UTF-8 text, not \\u escapes";
    EXPECT_EQ(Data().source, "Stadt Saarlouis – Sozialplanung (Beispieldaten)");
    EXPECT_EQ(FormatUtcTime(Data().generated), "2026-11-20T08:00:00Z");

    std::vector<Problem> problems;
    const auto again = ParseDataset(SerializeDataset(Data()), problems);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, Data());
}

TEST_F(SampleData, RecordsWereUpdatedAndCheckedIn2026) {
    const Date first = *ParseDate("2026-01-01");
    for (const AnyRecord& r : AllRecords(Data())) {
        const RecordMeta& meta = MetaOf(r);
        EXPECT_EQ(meta.revision, 1) << meta.id;
        EXPECT_LE(meta.updated, Data().generated) << meta.id;
        EXPECT_GE(BerlinDate(meta.updated), first) << meta.id;
        ASSERT_TRUE(meta.last_checked) << meta.id;
        EXPECT_GE(*meta.last_checked, first) << meta.id;
        EXPECT_LE(*meta.last_checked, BerlinDate(Data().generated)) << meta.id;
    }
}

TEST_F(SampleData, TaxonomyIsExactlyTheOneOfIssue2) {
    EXPECT_EQ(
        GermanNamesOf(kVocabFieldOfAction),
        (std::vector<std::string>{"Partizipation und Vernetzung", "Bildung und Erziehung",
                                  "Arbeitsmarkt", "Existenzsicherung", "Wohnen und Wohnumgebung"}));
    EXPECT_EQ(GermanNamesOf(kVocabNetworkTopic),
              (std::vector<std::string>{"Sprachförderung", "Bildung und Erziehung",
                                        "Bereitstellung von Wohnraum", "Arbeitsmarktintegration",
                                        "Gleichstellung", "interreligiöser Dialog",
                                        "Interkulturelle Öffnung"}));
    EXPECT_EQ(GermanNamesOf(kVocabNetworkLevel),
              (std::vector<std::string>{"Stadt", "Stadtteil", "Sozialraum"}));
    EXPECT_EQ(
        GermanNamesOf(kVocabTargetGroup),
        (std::vector<std::string>{"Kinder", "Jugendliche", "Familien", "Seniorinnen und Senioren",
                                  "Zugewanderte", "Menschen mit Behinderung", "Alle"}));
    EXPECT_EQ(GermanNamesOf(kVocabHelpKind),
              (std::vector<std::string>{"Einkaufshilfe", "Besuchsdienst", "Begleitung zu Terminen",
                                        "Nachbarschaftshilfe", "Familienhilfe", "Lotsen und Paten",
                                        "Fahrdienst", "Hausaufgabenhilfe", "Sprachmittlung"}));
    for (const TaxonomyTerm& t : Data().taxonomy) {
        EXPECT_TRUE(t.name.Has("en") && t.name.Has("fr")) << t.code;
    }
}

TEST_F(SampleData, MeetingPlacesInEightDistrictsAndPartnersOfEveryKind) {
    std::set<std::string> districts;
    std::set<std::string> kinds;
    size_t meeting_places = 0;
    for (const Place& p : Data().places) {
        kinds.insert(p.kind);
        EXPECT_EQ(p.address.postal_code, "66740") << p.name.De();
        EXPECT_EQ(p.address.city, "Saarlouis") << p.name.De();
        if (p.IsMeetingPlace()) {
            ++meeting_places;
            districts.insert(p.district);
            EXPECT_FALSE(p.opening_hours.empty()) << p.name.De();
            EXPECT_FALSE(p.contact_id.empty()) << p.name.De();
        }
    }
    EXPECT_GE(meeting_places, 8u);
    for (const std::string& d : kMeetingPlaceDistricts) {
        EXPECT_TRUE(districts.count(d)) << "no Ort der Begegnung in " << d;
    }
    for (const char* kind : {"kita", "schule", "kirche", "gemeindezentrum", "sozialbuero",
                             "quartiersbuero", "mehrgenerationenhaus", "verein"}) {
        EXPECT_TRUE(kinds.count(kind)) << "no place of kind " << kind;
    }
}

TEST_F(SampleData, OffersCoverEveryFieldOfAction) {
    EXPECT_GE(Data().offers.size(), 60u);
    std::set<std::string> used;
    for (const Offer& o : Data().offers) {
        used.insert(o.fields_of_action.begin(), o.fields_of_action.end());
    }
    for (const auto& [code, id] : TermsOf(kVocabFieldOfAction)) {
        EXPECT_TRUE(used.count(id)) << "no offer in field of action " << code;
    }
}

TEST_F(SampleData, SchedulesOfEveryShape) {
    size_t weekly = 0, fortnightly = 0, monthly_ordinal = 0, last_weekday = 0, one_off = 0,
           closures = 0, counted = 0, until = 0, by_arrangement = 0, paid = 0;
    for (const Offer& o : Data().offers) {
        if (!o.free_of_charge) {
            ++paid;
            EXPECT_FALSE(o.cost.De().empty()) << o.title.De();
        }
        if (!o.schedule) {
            ++by_arrangement;
            continue;
        }
        const Schedule& s = *o.schedule;
        closures += s.closures.empty() ? 0u : 1u;
        if (s.rrule.empty()) {
            one_off += s.dates.empty() ? 0u : 1u;
            continue;
        }
        const auto rule = ParseRrule(s.rrule);
        ASSERT_TRUE(rule) << s.rrule;
        counted += rule->count ? 1u : 0u;
        until += rule->until ? 1u : 0u;
        if (rule->frequency == Frequency::kWeekly) {
            weekly += rule->interval == 1 ? 1u : 0u;
            fortnightly += rule->interval == 2 ? 1u : 0u;
        } else {
            for (const ByDay& d : rule->by_day) {
                monthly_ordinal += d.ordinal > 0 ? 1u : 0u;
                last_weekday += d.ordinal == -1 ? 1u : 0u;
            }
        }
    }
    EXPECT_GE(weekly, 20u);
    EXPECT_GE(fortnightly, 3u);
    EXPECT_GE(monthly_ordinal, 5u);
    EXPECT_GE(last_weekday, 2u);
    EXPECT_GE(one_off, 5u);
    EXPECT_GE(closures, 20u);
    EXPECT_GE(counted, 2u);
    EXPECT_GE(until, 2u);
    EXPECT_GE(by_arrangement, 2u);
    EXPECT_GE(paid, 5u);
    EXPECT_LT(paid, Data().offers.size() / 2) << "most offers are free";
}

TEST_F(SampleData, OneOffEventsFallBetweenDecemberAndSummer) {
    const Date from = *ParseDate("2026-12-01");
    const Date to = *ParseDate("2027-09-30");
    for (const Offer& o : Data().offers) {
        if (o.schedule && o.schedule->rrule.empty()) {
            for (const Date& d : o.schedule->dates) {
                EXPECT_TRUE(from <= d && d <= to) << o.title.De() << " on " << FormatDate(d);
            }
        }
    }
}

TEST_F(SampleData, AGermanCourseMeetsInEveryWeekOfTheNextYear) {
    const UtcTime now = FixedNow();
    constexpr int kWeeks = 52;
    std::vector<std::string> courses;
    std::vector<std::string> always_on;
    for (const Offer* o : ActiveOffersWithSchedule()) {
        const std::string& title = o->title.De();
        if (!Contains(title, "Deutsch") && !Contains(title, "Sprachcafé")) {
            continue;
        }
        courses.push_back(title);
        std::set<long> weeks;
        for (const Session& s : NextSessions(*o->schedule, now, 1000, 7 * kWeeks)) {
            const auto since = std::chrono::duration_cast<std::chrono::days>(s.start - now);
            if (since.count() >= 0 && since.count() < 7 * kWeeks) {
                weeks.insert(static_cast<long>(since.count() / 7));
            }
        }
        if (weeks.size() == static_cast<size_t>(kWeeks)) {
            always_on.push_back(title);
        }
    }
    EXPECT_GE(courses.size(), 4u);
    EXPECT_FALSE(always_on.empty())
        << "no German course meets in every one of the next " << kWeeks << " weeks";
}

TEST_F(SampleData, EveryMeetingPlaceHasSessionsOnAtLeastFourWeekdays) {
    const UtcTime now = FixedNow();
    for (const Place& place : Data().places) {
        if (!place.IsMeetingPlace()) {
            continue;
        }
        std::set<int> weekdays;
        for (const Offer* o : ActiveOffersWithSchedule()) {
            if (o->place_id != place.meta.id) {
                continue;
            }
            for (const Session& s : NextSessions(*o->schedule, now, 100, 28)) {
                const int weekday = IsoWeekdayIndex(BerlinDate(s.start));
                if (weekday < 5) {
                    weekdays.insert(weekday);
                }
            }
        }
        EXPECT_GE(weekdays.size(), 4u) << place.name.De();
    }
}

TEST_F(SampleData, HelpersIncludeShoppingHelpInRoden) {
    EXPECT_GE(Data().helpers.size(), 20u);
    const std::string shopping = TermsOf(kVocabHelpKind).at("einkaufshilfe");
    size_t shopping_in_roden = 0;
    size_t public_contacts = 0;
    for (const Helper& h : Data().helpers) {
        const bool shops = std::find(h.kinds_of_help.begin(), h.kinds_of_help.end(), shopping) !=
                           h.kinds_of_help.end();
        const bool roden =
            std::find(h.districts.begin(), h.districts.end(), "Roden") != h.districts.end();
        shopping_in_roden += shops && roden ? 1u : 0u;
        public_contacts += h.public_contact ? 1u : 0u;
        EXPECT_FALSE(h.coordinator_contact_id.empty()) << h.first_name;
    }
    EXPECT_GE(shopping_in_roden, 3u);
    EXPECT_GE(public_contacts, 2u);
    EXPECT_LT(public_contacts, Data().helpers.size() / 2);
}

TEST_F(SampleData, ContactsIncludeTheSozialbueroAndCareCircleCoordinators) {
    EXPECT_GE(Data().contacts.size(), 15u);
    bool sozialbuero = false;
    std::set<std::string> coordinated_places;
    for (const Contact& c : Data().contacts) {
        sozialbuero = sozialbuero || (Contains(c.name, "Sozialbüro") && !c.phone.empty());
        if (Contains(c.role.De(), "Sorgekreis")) {
            coordinated_places.insert(c.place_id);
        }
    }
    EXPECT_TRUE(sozialbuero) << "no Sozialbüro contact with a phone number";
    EXPECT_GE(coordinated_places.size(), 3u);
}

TEST_F(SampleData, ANetworkForEveryTopicAtSeveralLevels) {
    std::set<std::string> topics;
    std::set<std::string> levels;
    for (const Network& n : Data().networks) {
        topics.insert(n.topic_id);
        levels.insert(n.level_id);
    }
    for (const auto& [code, id] : TermsOf(kVocabNetworkTopic)) {
        EXPECT_TRUE(topics.count(id)) << "no network on " << code;
    }
    EXPECT_GE(levels.size(), 2u);
    EXPECT_EQ(levels.size(), TermsOf(kVocabNetworkLevel).size());
}

TEST_F(SampleData, AThirdOfTheOffersSpeakEnglishAndFrench) {
    size_t translated = 0;
    for (const Offer& o : Data().offers) {
        if (o.title.Has("en") && o.title.Has("fr")) {
            ++translated;
            EXPECT_TRUE(o.summary.Has("en") && o.summary.Has("fr")) << o.title.De();
        }
    }
    EXPECT_GE(translated * 3, Data().offers.size());
}

TEST_F(SampleData, GermanTextsUseRealTypography) {
    std::string german;
    for (const Offer& o : Data().offers) {
        for (const LocalizedText* t : {&o.title, &o.summary, &o.description, &o.cost}) {
            german += t->De() + "\n";
        }
    }
    for (const char* mark : {"„", "“", "–", "…", "€"}) {
        EXPECT_TRUE(Contains(german, mark)) << "no " << mark << " in the German texts";
    }
}

// Fictional addresses only: every e-mail and web domain is under the reserved .example TLD.
TEST_F(SampleData, AllDomainsAreReservedExampleDomains) {
    std::vector<std::string> addresses;
    auto web = [&](const std::string& url) {
        if (!url.empty()) {
            const size_t start = url.find("://") + 3;
            addresses.push_back(url.substr(start, url.find('/', start) - start));
        }
    };
    auto mail = [&](const std::string& email) {
        if (!email.empty()) {
            addresses.push_back(email.substr(email.find('@') + 1));
        }
    };
    for (const Organization& o : Data().organizations) {
        web(o.url);
        mail(o.email);
    }
    for (const Place& p : Data().places) {
        web(p.url);
        mail(p.email);
    }
    for (const Contact& c : Data().contacts) {
        web(c.url);
        mail(c.email);
    }
    for (const Offer& o : Data().offers) {
        web(o.url);
    }
    for (const Helper& h : Data().helpers) {
        if (h.public_contact) {
            mail(h.public_contact->email);
        }
    }
    EXPECT_GE(addresses.size(), 50u);
    for (const std::string& domain : addresses) {
        EXPECT_TRUE(domain.size() > 8 && domain.ends_with(".example")) << domain;
    }
}

}  // namespace
