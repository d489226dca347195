// The volunteers' screens headless, on the sample data: login with the PIN pad, wrong PINs and
// the lock (also after a restart), the offer form moving a group from Thursday to Friday with
// a closure, inline problems, "wird übertragen", records outside the role, a conflict taken
// back, and the logout on idle.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/volunteer_session.hpp"
#include "sync/protocol/pin.hpp"
#include "sync/replica/local_edits.hpp"
#include "tests/kiosk/ui/headless_kiosk.hpp"

namespace treffpunkt::testing {
namespace {

constexpr const char* kThursdayGroup = "cfbe5466-fd31-5e2f-8729-baa1ffb9f74b";  // Seniorentreff
constexpr const char* kThursdayGroupOrg = "c2bf0cce-f051-557e-9b49-ac43be236b8c";
constexpr const char* kOtherPlaceOffer = "791294a0-1388-5c87-ad46-b4355fad8b00";
constexpr const char* kMariaId = "0b9f3c55-6a47-4d8e-9b1a-2f6e1c3d4a5b";
constexpr const char* kPin = "482915";

VolunteerEntry Volunteer(const std::string& id, const std::string& name, const std::string& role,
                         const std::string& pin, const std::string& organizations = "[]") {
    VolunteerEntry e;
    e.id = id;
    e.name = name;
    e.role = role;
    e.places_json = std::string("[\"") + kRodenPlaceId + "\"]";
    e.organizations_json = organizations;
    e.verifier = *protocol::MakePinVerifier(pin, protocol::InsecureTestArgon2Params());
    return e;
}

class VolunteerUi : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(k.init) << k.init.error().message;
        ASSERT_TRUE(k.App().HasData()) << k.App().StatusDetail();
        ASSERT_TRUE(SyncStore(*k.App().ReplicaOrNull())
                        .ReplaceVolunteers(
                            {Volunteer(kMariaId, "Maria", "coordinator", kPin),
                             Volunteer("6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "Jonas", "volunteer",
                                       "135790", std::string("[\"") + kThursdayGroupOrg + "\"]")}));
        k.App().SetSyncRequester([this] { ++sync_requests; });
    }

    // Scrolls `screen` until `label` can be tapped, then taps it.
    bool TapScrolled(Screen screen, const std::string& label) {
        for (double y = 0.0; y < 12000.0; y += 120.0) {
            k.State().ScrollOf(screen).ScrollTo(y);
            k.Ui().Pacer().OnInput();
            k.Settle();
            if (const auto e = k.Registry().FindTappable(label)) {
                if (e->rect.Height() >= e->full.Height() - 0.5f) {
                    return k.Tap(label);
                }
            }
        }
        return false;
    }

    // Scrolls `screen` from the top until `text` shows.
    bool SeenScrolled(Screen screen, const std::string& text) {
        for (double y = 0.0; y < 12000.0; y += 120.0) {
            k.State().ScrollOf(screen).ScrollTo(y);
            k.Ui().Pacer().OnInput();
            if (k.OnScreen(text)) {
                return true;
            }
        }
        return false;
    }

    // Taps the digits and OK, and waits for the check (it runs on its own thread).
    void EnterPin(const std::string& pin) {
        for (char c : pin) {
            ASSERT_TRUE(k.Tap(std::string(1, c))) << c;
        }
        ASSERT_TRUE(k.Tap("OK"));
        WaitForCheck();
    }
    void WaitForCheck() {
        for (int i = 0; i < 500 && (k.Ui().Volunteer().Checking() || k.State().volunteer.checking);
             ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            k.Frame();
        }
        k.Settle();
    }
    void OpenPinPad() {
        ASSERT_TRUE(TapScrolled(Screen::kHome, "Für Ehrenamtliche"));
        ASSERT_EQ(k.State().Current().screen, Screen::kVolunteerLogin);
    }
    void LogIn(const std::string& pin = kPin) {
        OpenPinPad();
        EnterPin(pin);
        ASSERT_TRUE(k.State().volunteer.LoggedIn());
    }
    // Opens a screen directly (as a tap elsewhere would) and draws it.
    void Go(ScreenRef target) {
        Navigate(k.State(), std::move(target));
        k.Ui().Pacer().OnInput();
        k.Settle();
    }
    std::vector<OutboxEntry> Outbox() { return *SyncStore(*k.App().ReplicaOrNull()).All(); }
    Offer StoredOffer(const std::string& id) {
        auto r = k.App().ReplicaOrNull()->Get(id);
        return std::get<Offer>(**r);
    }

    HeadlessKiosk k;
    int sync_requests{0};
};

TEST_F(VolunteerUi, LogsInWithThePinAndShowsTheName) {
    OpenPinPad();
    EXPECT_TRUE(k.OnScreen("Anmeldung für Ehrenamtliche"));
    for (char c : std::string(kPin)) {
        ASSERT_TRUE(k.Tap(std::string(1, c)));
    }
    // Dots, never the digits.
    EXPECT_TRUE(k.OnScreen("PIN: 6 Ziffern"));
    EXPECT_FALSE(k.Registry().ContainsText(kPin));
    ASSERT_TRUE(k.Tap("OK"));
    EXPECT_TRUE(k.State().volunteer.pin.empty());  // the digits leave at once
    WaitForCheck();
    ASSERT_TRUE(k.State().volunteer.LoggedIn());
    EXPECT_EQ(k.State().Current().screen, Screen::kVolunteerHome);
    EXPECT_TRUE(k.OnScreen("Angemeldet: Maria"));
    EXPECT_TRUE(k.OnScreen("Hallo Maria!"));
    EXPECT_TRUE(k.State().volunteer.account->verifier.empty());
    // "Zurück" from the volunteer's screen skips the pad.
    ASSERT_TRUE(k.Tap("‹ Zurück"));
    EXPECT_EQ(k.State().Current().screen, Screen::kHome);
    EXPECT_TRUE(k.OnScreen("Angemeldet: Maria"));
    ASSERT_TRUE(k.Tap("Abmelden"));
    EXPECT_FALSE(k.State().volunteer.LoggedIn());
    EXPECT_FALSE(k.OnScreen("Angemeldet: Maria"));
}

TEST_F(VolunteerUi, AShortPinIsExplained) {
    OpenPinPad();
    EnterPin("12345");
    EXPECT_FALSE(k.State().volunteer.LoggedIn());
    EXPECT_TRUE(k.OnScreen("! Die PIN hat mindestens 6 Ziffern."));
    EXPECT_EQ(k.Ui().Volunteer().Guard().state().wrong_in_row, 0);  // not counted
}

TEST_F(VolunteerUi, WrongPinsLockThePadAlsoAfterARestart) {
    OpenPinPad();
    for (int i = 1; i <= 4; ++i) {
        EnterPin("000000");
        EXPECT_FALSE(k.State().volunteer.LoggedIn());
        EXPECT_TRUE(
            k.OnScreen("! Diese PIN stimmt nicht – noch " + std::to_string(5 - i) + " Versuche."));
    }
    EnterPin("000000");
    EXPECT_TRUE(k.Ui().Volunteer().Locked(k.wall));
    EXPECT_TRUE(k.OnScreen("! Zu viele falsche Versuche – bitte in 5 Minuten wieder versuchen."));
    // The pad does not take digits while locked, not even the right PIN.
    k.Tap("4");
    EXPECT_TRUE(k.State().volunteer.pin.empty());
    // A restart (a new session on the same database) keeps the lock.
    VolunteerSession restarted(k.App());
    EXPECT_TRUE(restarted.Locked(k.wall));
    EXPECT_FALSE(restarted.Locked(k.wall + std::chrono::minutes(5)));
}

TEST_F(VolunteerUi, MovesTheThursdayGroupToFridayWithAClosure) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    EXPECT_FALSE(k.OnScreen("Änderung wird übertragen"));
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    ASSERT_EQ(k.State().Current().screen, Screen::kOfferEdit);
    EXPECT_TRUE(k.OnScreen("Seniorentreff Roden"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Donnerstag"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Freitag"));
    EXPECT_EQ(k.State().volunteer.form.schedule.weekdays, std::vector<int>{4});
    // The start half an hour later: 14:30.
    const int start = k.State().volunteer.form.schedule.start_minute;
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "start+0:15"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "start+0:15"));
    EXPECT_EQ(k.State().volunteer.form.schedule.start_minute, start + 30);
    // A one-off closure on the 20th of next month, picked in the calendar.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Von: bitte wählen"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Nächster Monat"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "20"));
    ASSERT_TRUE(k.State().volunteer.form.closure_from);
    const Date closure = *k.State().volunteer.form.closure_from;
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Ausfall hinzufügen"));
    ASSERT_EQ(k.State().volunteer.form.schedule.closures.size(), 1u);
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));

    // Saved at once, shown at once, queued for the hub, and the engine was asked.
    EXPECT_EQ(k.State().Current().screen, Screen::kOffer);
    EXPECT_TRUE(k.OnScreen("Gespeichert – die Änderung wird übertragen."));
    EXPECT_TRUE(k.OnScreen("Änderung wird übertragen"));
    EXPECT_EQ(sync_requests, 1);
    const Offer offer = StoredOffer(kThursdayGroup);
    ASSERT_TRUE(offer.schedule);
    EXPECT_EQ(offer.schedule->rrule, "FREQ=WEEKLY;BYDAY=FR");
    EXPECT_EQ(offer.schedule->start_minute, start + 30);
    ASSERT_EQ(offer.schedule->closures.size(), 1u);
    EXPECT_EQ(offer.schedule->closures[0].from, closure);
    EXPECT_FALSE(IsOpenAt(*offer.schedule, FromBerlin(closure, start + 45)));
    const auto outbox = Outbox();
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].op, "update");
    EXPECT_EQ(outbox[0].record_id, kThursdayGroup);
    EXPECT_EQ(outbox[0].volunteer_id, kMariaId);
    EXPECT_EQ(nlohmann::json::parse(outbox[0].fields_json).size(), 1u);  // only "schedule"
    // The next sessions are Fridays.
    for (const Session& s : NextSessions(*offer.schedule, k.wall, 6)) {
        EXPECT_EQ(IsoWeekdayIndex(BerlinDate(s.start)), 4);
    }
}

TEST_F(VolunteerUi, TypedTextAndInlineProblemsNothingSavedHalf) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    // The keyboard types into the field that was tapped.
    ASSERT_TRUE(k.Tap("Titel (Deutsch)"));
    ASSERT_TRUE(k.State().keyboard.visible);
    for (const char* key : {" ", "n", "e", "u"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    EXPECT_EQ(k.State().volunteer.form.texts["title.de"], "Seniorentreff Roden neu");
    EXPECT_EQ(k.State().search_text, "");
    ASSERT_TRUE(k.Tap("Fertig"));
    // The web address gets the web keyboard.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Internetadresse"));
    EXPECT_EQ(k.State().keyboard.mode, KeyboardMode::kWeb);
    EXPECT_TRUE(k.Registry().FindTappable("https://"));
    ASSERT_TRUE(k.Tap("x"));
    ASSERT_TRUE(k.Tap("Fertig"));
    // No title, a bad web address, and an end before the start: three problems, no save.
    k.State().volunteer.form.texts["title.de"].clear();
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    EXPECT_EQ(k.State().Current().screen, Screen::kOfferEdit);
    EXPECT_TRUE(Outbox().empty());
    EXPECT_EQ(k.State().volunteer.message.key, "volunteer.save.check_fields");
    EXPECT_TRUE(SeenScrolled(Screen::kOfferEdit, "! Bitte prüfen Sie"));
    const auto& problems = k.State().volunteer.form.problems;
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].field, "title.de");
    EXPECT_EQ(problems[1].field, "url");
    EXPECT_TRUE(SeenScrolled(Screen::kOfferEdit, "! Bitte ausfüllen (auf Deutsch)."));
    EXPECT_TRUE(SeenScrolled(Screen::kOfferEdit, "! Bitte eine Internetadresse"));
    k.State().volunteer.form.schedule.end_minute = k.State().volunteer.form.schedule.start_minute;
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    EXPECT_EQ(k.State().volunteer.form.problems.size(), 1u);  // the schedule first
    EXPECT_TRUE(Outbox().empty());
    EXPECT_EQ(StoredOffer(kThursdayGroup).title.De(), "Seniorentreff Roden");
}

// Issues 6 and 8: translations typed on the keyboard of their language, saved per language.
TEST_F(VolunteerUi, TypesUkrainianAndArabicTranslationsOnTheirKeyboards) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    // Ukrainian ЙЦУКЕН: shift, і, the apostrophe ʼ.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Українська"));
    EXPECT_EQ(k.State().volunteer.form.translation_language, "uk");
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Titel (Ukrainisch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kUkrainian);
    EXPECT_TRUE(k.Registry().FindTappable("ґ"));
    for (const char* key : {"⇧", "С", "і", "м", "ʼ", "я"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    EXPECT_EQ(k.State().volunteer.form.texts["title.uk"], "Сімʼя");
    EXPECT_TRUE(k.OnScreen("Сімʼя"));
    ASSERT_TRUE(k.Tap("Fertig"));
    // Arabic: letters in logical order; the layout key goes through the Latin ones and back.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "العربية"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Titel (Arabisch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kArabic);
    EXPECT_FALSE(k.Registry().FindTappable("⇧"));  // no case
    for (const char* key : {"ل", "ق", "ا", "ء", " ", "أ", "ي"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    for (const char* layout : {"QWERTZ", "AZERTY", "QWERTY", "عربي"}) {
        ASSERT_TRUE(k.Tap(layout)) << layout;
    }
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kArabic);
    ASSERT_TRUE(k.Tap("⌫"));
    ASSERT_TRUE(k.Tap("ة"));
    EXPECT_EQ(k.State().volunteer.form.texts["title.ar"], "لقاء أة");
    EXPECT_TRUE(k.OnScreen("لقاء أة"));
    ASSERT_TRUE(k.Tap("Fertig"));
    // A German field opens QWERTZ again.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Titel (Deutsch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kGerman);
    ASSERT_TRUE(k.Tap("Fertig"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    ASSERT_EQ(Outbox().size(), 1u) << k.State().volunteer.message.key;
    const auto fields = nlohmann::json::parse(Outbox()[0].fields_json);
    EXPECT_EQ(fields["title"]["uk"], "Сімʼя");
    EXPECT_EQ(fields["title"]["ar"], "لقاء أة");
    EXPECT_EQ(fields["title"]["de"], "Seniorentreff Roden");
    const Offer stored = StoredOffer(kThursdayGroup);
    EXPECT_EQ(stored.title.by_lang.at("uk"), "Сімʼя");
    EXPECT_EQ(stored.title.by_lang.at("ar"), "لقاء أة");
}

TEST_F(VolunteerUi, ContactAndHelperFormsOfferTranslationsWithTheirKeyboards) {
    LogIn();
    Go(ScreenRef{Screen::kContact, "4a1e0ed8-989d-58f3-924a-6f8748c5e194"});  // Andrea Hoffmann
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Русский"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Aufgabe (Russisch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kRussian);
    for (const char* key : {"⇧", "Ё", "ъ", "ы"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    ASSERT_TRUE(k.Tap("Fertig"));
    EXPECT_TRUE(TapScrolled(Screen::kOfferEdit, "Sprechzeiten (Russisch)"));
    ASSERT_TRUE(k.Tap("Fertig"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    ASSERT_EQ(Outbox().size(), 1u) << k.State().volunteer.message.key;
    EXPECT_EQ(nlohmann::json::parse(Outbox()[0].fields_json)["role"]["ru"], "Ёъы");

    // A helper: Turkish Q, where i and ı are two letters (İ and I).
    Go(ScreenRef{Screen::kVolunteerHome, {}});
    ASSERT_TRUE(k.Tap("Neue Hilfe"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Türkçe"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Über sich (Türkisch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kTurkish);
    for (const char* key : {"⇧", "İ", "ş", "ı", "⇧", "I", "ğ"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    EXPECT_EQ(k.State().volunteer.form.texts["about.tr"], "İşıIğ");
    ASSERT_TRUE(k.Tap("Fertig"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Українська"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Wann erreichbar (Ukrainisch)"));
    EXPECT_EQ(k.State().keyboard.layout, KeyboardLayout::kUkrainian);
}

TEST_F(VolunteerUi, MonthlyChoiceGivesTheSecondTuesday) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Einmal im Monat"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "2."));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Dienstag"));
    // Until the 28th of next month.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Letzter Termin: bitte wählen"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Nächster Monat"));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "28"));
    ASSERT_TRUE(k.State().volunteer.form.schedule.until);
    const Date until = *k.State().volunteer.form.schedule.until;
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    const Offer offer = StoredOffer(kThursdayGroup);
    ASSERT_TRUE(offer.schedule);
    EXPECT_EQ(offer.schedule->rrule,
              "FREQ=MONTHLY;BYDAY=2TU;UNTIL=" + FormatDate(until).substr(0, 4) +
                  FormatDate(until).substr(5, 2) + FormatDate(until).substr(8, 2));
    EXPECT_LE(NextSessions(*offer.schedule, k.wall, 10).size(), 2u);
    for (const Session& s : NextSessions(*offer.schedule, k.wall, 4)) {
        const Date d = BerlinDate(s.start);
        EXPECT_EQ(IsoWeekdayIndex(d), 1);
        EXPECT_GE(static_cast<unsigned>(d.day()), 8u);
        EXPECT_LE(static_cast<unsigned>(d.day()), 14u);
    }
}

TEST_F(VolunteerUi, StillCorrectPauseAndRetire) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    const Offer before = StoredOffer(kThursdayGroup);
    const size_t closures_before = before.schedule->closures.size();
    ASSERT_TRUE(k.Tap("Stimmt noch"));
    EXPECT_EQ(StoredOffer(kThursdayGroup).meta.last_checked, BerlinDate(k.wall));
    EXPECT_TRUE(k.OnScreen("Danke – heute als geprüft gespeichert."));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Fällt vorübergehend aus"));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Bis: bitte wählen"));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Nächster Monat"));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "10"));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Ausfall speichern"));
    const Offer paused = StoredOffer(kThursdayGroup);
    EXPECT_GE(paused.schedule->closures.size(), closures_before);  // may merge
    EXPECT_TRUE(IsClosedOn(*paused.schedule, BerlinDate(k.wall)));
    EXPECT_TRUE(paused.schedule->closures != before.schedule->closures);
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Nicht mehr anbieten"));
    ASSERT_TRUE(TapScrolled(Screen::kOffer, "Ja, nicht mehr anbieten"));
    EXPECT_EQ(StoredOffer(kThursdayGroup).status, OfferStatus::kRetired);
    EXPECT_EQ(Outbox().size(), 3u);
}

TEST_F(VolunteerUi, RecordsOutsideTheRoleAreNotOffered) {
    LogIn("135790");  // Jonas: a volunteer of the Seniorentreff's provider
    EXPECT_TRUE(k.OnScreen("Angemeldet: Jonas"));
    Go(ScreenRef{Screen::kOffer, kOtherPlaceOffer});
    EXPECT_FALSE(k.Registry().FindTappable("Bearbeiten"));
    EXPECT_TRUE(k.OnScreen("Dieses Angebot gehört nicht zu Ihrem Bereich."));
    // An offer at his place but of another provider: not his either.
    Go(ScreenRef{Screen::kOffer, "c41f885d-d7bb-59a9-b5e7-c303a67b1e60"});
    EXPECT_FALSE(k.Registry().FindTappable("Bearbeiten"));
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    EXPECT_TRUE(k.Registry().FindTappable("Bearbeiten"));
    // Nor can the form be opened for it another way.
    EXPECT_FALSE(k.Ui().Volunteer().BeginEdit(kOtherPlaceOffer, k.wall));
}

TEST_F(VolunteerUi, LogoutOnIdleAfterSixtySecondsWithTheWarning) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    ASSERT_TRUE(k.Tap("Titel (Deutsch)"));
    ASSERT_TRUE(k.Tap("q"));
    k.Advance(39'000);
    k.Frame();
    EXPECT_FALSE(k.State().idle_warning);
    k.Advance(2'000);
    k.Frame();
    EXPECT_TRUE(k.State().idle_warning);  // "Sind Sie noch da?" at 40 s
    EXPECT_TRUE(k.State().volunteer.LoggedIn());
    k.Advance(20'000);
    k.Frame();
    k.Settle();
    EXPECT_FALSE(k.State().volunteer.LoggedIn());
    EXPECT_EQ(k.State().Current().screen, Screen::kHome);
    EXPECT_TRUE(k.State().volunteer.form.texts.empty());
    EXPECT_FALSE(k.State().keyboard.visible);
    EXPECT_FALSE(k.Registry().ContainsText("Seniorentreff Roden q"));
    EXPECT_TRUE(Outbox().empty());  // nothing saved that was not saved
    // The residents' time-out does not bring the question back on the empty kiosk.
    k.Advance(120'000);
    k.Frame();
    EXPECT_FALSE(k.State().idle_warning);
}

TEST_F(VolunteerUi, CreatesANewOfferWithChips) {
    LogIn();
    ASSERT_TRUE(k.Tap("Neues Angebot"));
    ASSERT_EQ(k.State().Current().screen, Screen::kOfferEdit);
    ASSERT_TRUE(k.Tap("Titel (Deutsch)"));
    for (const char* key : {"⇧", "s", "t", "r", "i", "c", "k", "e", "n"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    ASSERT_TRUE(k.Tap("Fertig"));
    // No topic yet: the hub's rule "at least one field of action" shows at the chips.
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    EXPECT_TRUE(Outbox().empty());
    EXPECT_TRUE(SeenScrolled(Screen::kOfferEdit, "! Bitte mindestens eines auswählen."));
    // A copy: saving re-reads the data, which replaces the terms.
    const TaxonomyTerm topic = k.App().Terms(kVocabFieldOfAction).front();
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, k.App().Text(topic.name)));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    const auto outbox = Outbox();
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].op, "create");
    EXPECT_EQ(k.State().Current().screen, Screen::kOffer);
    const Offer created = StoredOffer(outbox[0].record_id);
    EXPECT_EQ(created.title.De(), "Stricken");
    EXPECT_EQ(created.place_id, kRodenPlaceId);
    EXPECT_EQ(created.fields_of_action, std::vector<std::string>{topic.meta.id});
    ASSERT_TRUE(created.schedule);
    EXPECT_EQ(created.schedule->rrule.substr(0, 16), "FREQ=WEEKLY;BYDA");
    EXPECT_TRUE(k.OnScreen("Stricken"));
}

TEST_F(VolunteerUi, EditsAContactWithThePhonePadAndChecksTheEmail) {
    LogIn();
    Go(ScreenRef{Screen::kContact, "4a1e0ed8-989d-58f3-924a-6f8748c5e194"});  // Andrea Hoffmann
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    EXPECT_EQ(k.State().volunteer.form.kind, "contacts");
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Telefon"));
    EXPECT_EQ(k.State().keyboard.mode, KeyboardMode::kPhone);
    EXPECT_FALSE(k.Registry().FindTappable("q"));  // a digit pad, no letters
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(k.Tap("⌫"));
    }
    for (const char* key : {"9", "9", "9"}) {
        ASSERT_TRUE(k.Tap(key));
    }
    ASSERT_TRUE(k.Tap("Fertig"));
    EXPECT_EQ(k.State().volunteer.form.texts["phone"], "06831 4480-999");
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "E-Mail"));
    EXPECT_EQ(k.State().keyboard.mode, KeyboardMode::kEmail);
    EXPECT_TRUE(k.Registry().FindTappable("@"));
    ASSERT_TRUE(k.Tap("Fertig"));
    k.State().volunteer.form.texts["email"] = "sorgekreis at odb-roden";
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    EXPECT_TRUE(Outbox().empty());
    EXPECT_TRUE(SeenScrolled(Screen::kOfferEdit, "! Bitte eine E-Mail-Adresse"));
    k.State().volunteer.form.texts["email"] = "sorgekreis@odb-roden.example";
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    ASSERT_EQ(Outbox().size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(Outbox()[0].fields_json),
              nlohmann::json({{"phone", "06831 4480-999"}}));
    EXPECT_TRUE(k.OnScreen("Änderung wird übertragen"));
}

TEST_F(VolunteerUi, CreatesAHelperPublicContactOnlyWithConsent) {
    LogIn();
    Go(ScreenRef{Screen::kVolunteerHome, {}});
    ASSERT_TRUE(k.Tap("Neue Hilfe"));
    EXPECT_EQ(k.State().volunteer.form.kind, "helpers");
    EditForm& form = k.State().volunteer.form;
    form.texts["first_name"] = "Rosa";
    form.texts["public_phone"] = "0170 1234567";  // typed earlier, but no consent
    const TaxonomyTerm kind = k.App().Terms(kVocabHelpKind).front();
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, k.App().Text(kind.name)));
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    ASSERT_EQ(Outbox().size(), 1u)
        << k.State().volunteer.message.key << " " << k.State().volunteer.message.detail;
    const auto helper = std::get<Helper>(**k.App().ReplicaOrNull()->Get(Outbox()[0].record_id));
    EXPECT_EQ(helper.first_name, "Rosa");
    EXPECT_EQ(helper.place_id, kRodenPlaceId);
    EXPECT_EQ(helper.districts, std::vector<std::string>{"Roden"});
    EXPECT_FALSE(helper.coordinator_contact_id.empty());
    EXPECT_FALSE(helper.public_contact);  // nothing published without consent
    EXPECT_EQ(k.State().Current().screen, Screen::kHelper);
    // Remove it again: a deletion waits in the outbox.
    ASSERT_TRUE(TapScrolled(Screen::kHelper, "Nicht mehr anzeigen"));
    ASSERT_TRUE(TapScrolled(Screen::kHelper, "Ja, entfernen"));
    ASSERT_EQ(Outbox().size(), 2u);
    EXPECT_EQ(Outbox()[1].op, "delete");
}

TEST_F(VolunteerUi, TheNightResetAndAbmeldenLogOut) {
    LogIn();
    k.Ui().ResetForNight();
    k.Settle();
    EXPECT_FALSE(k.State().volunteer.LoggedIn());
    EXPECT_FALSE(k.OnScreen("Angemeldet: Maria"));
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    k.State().volunteer.form.texts["title.de"] = "halb fertig";
    ASSERT_TRUE(k.Tap("‹ Zurück"));
    ASSERT_TRUE(k.Tap("Abmelden"));
    EXPECT_FALSE(k.State().volunteer.LoggedIn());
    EXPECT_TRUE(k.State().volunteer.form.texts.empty());
    EXPECT_EQ(k.State().Current().screen, Screen::kHome);
    EXPECT_TRUE(Outbox().empty());
}

TEST_F(VolunteerUi, AResetDuringTheCheckDropsTheLoginButCountsTheAttempt) {
    // Real Argon2id cost here: the check is still running when the reset comes.
    VolunteerEntry slow = Volunteer(kMariaId, "Maria", "coordinator", kPin);
    slow.verifier = *protocol::MakePinVerifier(kPin, protocol::Argon2Params{});
    ASSERT_TRUE(SyncStore(*k.App().ReplicaOrNull()).ReplaceVolunteers({slow}));
    VolunteerSession& session = k.Ui().Volunteer();
    for (const std::string& pin : {std::string("000000"), std::string(kPin)}) {
        k.State().volunteer.pin = pin;
        session.SubmitPin(k.wall);
        ASSERT_TRUE(session.Checking());
        k.App().ResetToHome();  // idle, night or "Start" while the PIN is checked
        WaitForCheck();
        EXPECT_FALSE(k.State().volunteer.LoggedIn()) << pin;
        EXPECT_TRUE(k.State().volunteer.message.key.empty()) << pin;
    }
    // The wrong PIN was counted, then the right one started the count over.
    EXPECT_EQ(session.Guard().state().wrong_in_row, 0);
    k.State().volunteer.pin = "000000";
    session.SubmitPin(k.wall);
    k.App().ResetToHome();
    WaitForCheck();
    EXPECT_EQ(session.Guard().state().wrong_in_row, 1);
}

TEST_F(VolunteerUi, TheirPageListsThePlacesOffersHelpersAndContacts) {
    LogIn();
    ASSERT_TRUE(TapScrolled(Screen::kVolunteerHome, "Ingrid"));
    EXPECT_EQ(k.State().Current().screen, Screen::kHelper);
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    EXPECT_EQ(k.State().volunteer.form.kind, "helpers");
    EXPECT_EQ(k.State().volunteer.form.texts["first_name"], "Ingrid");
    Go(ScreenRef{Screen::kVolunteerHome, {}});
    ASSERT_TRUE(TapScrolled(Screen::kVolunteerHome, "Andrea Hoffmann"));
    EXPECT_EQ(k.State().Current().screen, Screen::kContact);
    EXPECT_TRUE(k.Registry().FindTappable("Bearbeiten"));
}

TEST_F(VolunteerUi, AConflictShowsBothVersionsAndTakesMine) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Bearbeiten"));
    k.State().volunteer.form.texts["title.de"] = "Seniorentreff am Freitag";
    ASSERT_TRUE(TapScrolled(Screen::kOfferEdit, "Speichern"));
    auto outbox = Outbox();
    ASSERT_EQ(outbox.size(), 1u);
    // The hub answers: the title was changed there too.
    Replica& replica = *k.App().ReplicaOrNull();
    nlohmann::json answer = {{"edit_id", outbox[0].edit_id},
                             {"status", "conflict"},
                             {"revision", 7},
                             {"conflict_id", 42},
                             {"conflicts",
                              {{{"field", "title"},
                                {"base", {{"de", "Seniorentreff Roden"}}},
                                {"hub", {{"de", "Seniorencafé Roden"}}},
                                {"kiosk", {{"de", "Seniorentreff am Freitag"}}}}}}};
    ASSERT_TRUE(
        SyncStore(replica).MarkAnswered(outbox[0].edit_id, OutboxState::kConflict, answer.dump()));
    ASSERT_TRUE(LocalEdits(replica).Reapply(kThursdayGroup, k.wall));
    Go(ScreenRef{Screen::kVolunteerHome, {}});
    ASSERT_TRUE(k.Tap("Antworten der Zentrale (1)"));
    EXPECT_TRUE(k.OnScreen("Ihre Version"));
    EXPECT_TRUE(k.OnScreen("Version der Zentrale"));
    EXPECT_TRUE(k.OnScreen("Seniorentreff am Freitag"));
    EXPECT_TRUE(k.OnScreen("Seniorencafé Roden"));
    ASSERT_TRUE(k.Tap("Meine Version übernehmen"));
    outbox = Outbox();
    ASSERT_EQ(outbox.size(), 1u);  // the conflict was acknowledged, the resolution waits
    EXPECT_EQ(outbox[0].state, OutboxState::kPending);
    EXPECT_EQ(outbox[0].resolves_conflict, 42);
    EXPECT_EQ(outbox[0].base_revision, 7);
    EXPECT_EQ(nlohmann::json::parse(outbox[0].fields_json),
              nlohmann::json({{"title", {{"de", "Seniorentreff am Freitag"}}}}));
    EXPECT_TRUE(k.OnScreen("Keine offenen Antworten der Zentrale."));
}

TEST_F(VolunteerUi, ARejectionShowsTheReason) {
    LogIn();
    Go(ScreenRef{Screen::kOffer, kThursdayGroup});
    ASSERT_TRUE(k.Tap("Stimmt noch"));
    auto outbox = Outbox();
    ASSERT_EQ(outbox.size(), 1u);
    nlohmann::json answer = {
        {"edit_id", outbox[0].edit_id},
        {"status", "rejected"},
        {"error",
         {{"code", "edit.volunteer_disabled"}, {"message", "The volunteer is disabled."}}}};
    ASSERT_TRUE(SyncStore(*k.App().ReplicaOrNull())
                    .MarkAnswered(outbox[0].edit_id, OutboxState::kRejected, answer.dump()));
    Go(ScreenRef{Screen::kVolunteerAnswers, {}});
    EXPECT_TRUE(k.OnScreen("Grund: Ihr Zugang wurde gesperrt."));
    ASSERT_TRUE(k.Tap("Gelesen"));
    EXPECT_TRUE(Outbox().empty());
}

}  // namespace
}  // namespace treffpunkt::testing
