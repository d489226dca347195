#include "kiosk/app/read_aloud.hpp"

#include "kiosk/app/schedule_text.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool EndsWith(const std::string& s, std::string_view end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// Replaces every `from` in `s` with `to`.
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
}

// Collects the parts of a script; consecutive text in one language becomes one part.
class ScriptBuilder {
  public:
    explicit ScriptBuilder(const KioskApp& app) : m_app(app) {}

    // Text in `lang`, as one sentence.
    void Say(const std::string& lang, std::string text) {
        text = Clean(lang, std::move(text));
        if (text.empty()) {
            return;
        }
        const char last = text.back();
        if (last != '.' && last != '?' && last != '!' && last != ':') {
            text += '.';
        }
        if (!m_script.empty() && m_script.back().language == lang) {
            m_script.back().text += " " + text;
        } else {
            m_script.push_back(SpeechPart{lang, std::move(text)});
        }
    }
    // A UI text (catalog key) in the reader's language.
    void SayUi(std::string_view key) { Say(Lang(), m_app.Tr(key)); }
    // "Label: value" with the label in the reader's language and the value in `value_lang`.
    void SayField(std::string_view key, const std::string& value, const std::string& value_lang) {
        if (value.empty()) {
            return;
        }
        // "Wann? jeden Montag …", "Kosten: 2 €".
        std::string label = m_app.Tr(key);
        const bool question = !label.empty() && (label.back() == '?' || EndsWith(label, "؟"));
        if (!question) {
            label += ":";
        }
        if (value_lang == Lang()) {
            Say(Lang(), label + " " + value);
        } else {
            Say(Lang(), label);
            Say(value_lang, value);
        }
    }
    // A listing's text in the language it is shown in.
    void SayContent(const LocalizedText& text) { Say(ContentLang(text), m_app.Text(text)); }
    void SayContentField(std::string_view key, const LocalizedText& text) {
        SayField(key, m_app.Text(text), ContentLang(text));
    }
    // A phone number, digit by digit.
    void SayPhone(const std::string& phone) {
        if (!phone.empty()) {
            Say(Lang(), m_app.Tr("detail.phone") + ": " + PhoneForSpeech(phone));
        }
    }

    const std::string& Lang() const { return m_app.State().language; }
    // The language `text` is shown in: the reader's if translated, else German.
    std::string ContentLang(const LocalizedText& text) const {
        if (text.Has(Lang())) {
            return Lang();
        }
        if (text.Has("de") || text.Empty()) {
            return "de";
        }
        return text.by_lang.begin()->first;
    }
    SpeechScript Take() { return std::move(m_script); }

  private:
    // Spoken, not read: "9–11:30" and "Mo–Do" say "bis", a dash between words and the dot
    // between parts of a line become pauses, bullets and line breaks go.
    std::string Clean(const std::string& lang, std::string text) const {
        ReplaceAll(text, " – ", ", ");
        ReplaceAll(text, "–", " " + m_app.Texts().Tr(lang, "speech.to") + " ");
        std::string out = std::move(text);
        ReplaceAll(out, " · ", ", ");
        ReplaceAll(out, "• ", "");
        ReplaceAll(out, "\n", ". ");
        ReplaceAll(out, "..", ".");
        while (!out.empty() && (out.back() == ' ' || out.back() == ',')) {
            out.pop_back();
        }
        return out;
    }

    const KioskApp& m_app;
    SpeechScript m_script;
};

// "heute, 9 bis 11:30 Uhr"; "Montag, 30. November 2026, 9 bis 11:30 Uhr".
std::string SessionForSpeech(const KioskApp& app, const Session& s, Date today,
                             const std::string& lang) {
    const LocalDateTime start = ToBerlin(s.start);
    const LocalDateTime end = ToBerlin(s.end);
    int end_minute = end.minute_of_day;
    if (end.date != start.date && end_minute == 0) {
        end_minute = 1440;
    }
    const auto days = (std::chrono::sys_days(start.date) - std::chrono::sys_days(today)).count();
    std::string day = days == 0   ? app.Texts().Tr(lang, "speech.today")
                      : days == 1 ? app.Texts().Tr(lang, "speech.tomorrow")
                                  : DateLongText(start.date, lang);
    return day + ", " + TimeRangeText(start.minute_of_day, end_minute, lang);
}

void SayPlace(ScriptBuilder& b, const KioskApp& app, const Place& p) {
    std::string address = app.Text(p.name);
    if (!p.address.street.empty()) {
        address += ", " + p.address.street;
    }
    if (!p.address.city.empty()) {
        address += ", " + (p.address.postal_code.empty() ? "" : p.address.postal_code + " ") +
                   p.address.city;
    }
    b.SayField("detail.where", address, b.ContentLang(p.name));
}

void SayContact(ScriptBuilder& b, const KioskApp& app, const Contact& c) {
    b.SayField("detail.contact", c.name, b.Lang());
    b.SayContent(c.role);
    b.SayPhone(c.phone);
    b.SayContentField("detail.hours", c.hours);
    (void)app;
}

std::string Names(const KioskApp& app, const std::vector<std::string>& term_ids) {
    std::string out;
    for (const std::string& id : term_ids) {
        if (const TaxonomyTerm* t = app.Term(id)) {
            out += (out.empty() ? "" : ", ") + app.Text(t->name);
        }
    }
    return out;
}

SpeechScript ListSpeech(KioskApp& app, const char* title_key, const std::string& count,
                        const std::vector<ShownRow>& rows) {
    ScriptBuilder b(app);
    b.SayUi(title_key);
    b.Say(b.Lang(), count);
    for (const ShownRow& r : rows) {
        // Row texts are shown in the reader's language (titles fall back to German; the
        // reader's voice reads them as well as it can).
        b.Say(b.Lang(), r.title);
        b.Say(b.Lang(), r.detail);
    }
    return b.Take();
}

std::string Count(const KioskApp& app, const char* key, size_t n) {
    if (n == 1) {
        return app.Tr(std::string(key) + ".one");
    }
    return app.Format(key, {{"n", std::to_string(n)}});
}

}  // namespace

std::string PhoneForSpeech(std::string_view phone) {
    std::string out;
    bool group_open = false;
    for (const char c : phone) {
        if (IsDigit(c)) {
            if (group_open) {
                out += ' ';
            }
            out += c;
            group_open = true;
        } else if (c == '+') {
            out += out.empty() ? "+" : " +";
            group_open = false;
        } else if (group_open && (c == ' ' || c == '-' || c == '/' || c == ')')) {
            out += ',';
            group_open = false;
            out += ' ';
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ',')) {
        out.pop_back();
    }
    return out;
}

SpeechScript OfferSpeech(const KioskApp& app, const OfferView& view, UtcTime now) {
    ScriptBuilder b(app);
    const Offer& o = view.detail.offer;
    const std::string& lang = b.Lang();
    const bool trusted = app.ClockTrusted(now);
    b.SayContent(o.title);
    if (view.open_now && trusted) {
        b.SayUi("detail.running_now");
    }
    b.SayContent(o.summary);
    if (o.schedule) {
        b.SayField("detail.when", ScheduleSentence(*o.schedule, lang), lang);
        b.SayContent(o.schedule->note);
        if (trusted && !view.next_sessions.empty()) {
            b.SayField("speech.next_date",
                       SessionForSpeech(app, view.next_sessions.front(), BerlinDate(now), lang),
                       lang);
        }
    } else {
        b.SayUi("detail.by_arrangement");
    }
    if (view.detail.place) {
        SayPlace(b, app, *view.detail.place);
    }
    if (o.free_of_charge) {
        b.SayField("detail.cost", app.Tr("detail.free"), lang);
    } else {
        b.SayContentField("detail.cost", o.cost);
    }
    if (!o.registration.Empty()) {
        b.SayContentField("detail.registration", o.registration);
    }
    if (view.detail.contact) {
        SayContact(b, app, *view.detail.contact);
    }
    return b.Take();
}

SpeechScript ScreenSpeech(KioskApp& app, const ScreenRef& screen, const std::vector<ShownRow>& rows,
                          UtcTime now) {
    switch (screen.screen) {
        case Screen::kHome:
        case Screen::kSyncStatus:
            return {};
        case Screen::kVolunteerLogin:
        case Screen::kVolunteerHome:
        case Screen::kOfferEdit:
        case Screen::kVolunteerAnswers:
            return {};  // the volunteers' screens are not read aloud
        case Screen::kOffers:
            return ListSpeech(app, "results.title",
                              Count(app, "results.count", app.OfferCount(now)), rows);
        case Screen::kHelpers:
            return ListSpeech(app, "helpers.title",
                              Count(app, "helpers.count", app.Helpers().size()), rows);
        case Screen::kContacts:
            return ListSpeech(app, "contacts.title",
                              Count(app, "contacts.count", app.Contacts().size()), rows);
        case Screen::kPlaces:
            return ListSpeech(app, app.State().places_meeting_only ? "places.title" : "places.all",
                              Count(app, "places.count", app.Places().size()), rows);
        case Screen::kNetworks:
            return ListSpeech(app, "networks.title",
                              Count(app, "networks.count", app.Networks().size()), rows);
        case Screen::kOffer: {
            const OfferView* view = app.OfferDetailView(screen.id, now);
            return view != nullptr ? OfferSpeech(app, *view, now) : SpeechScript{};
        }
        case Screen::kHelper: {
            const auto detail = app.HelperDetailView(screen.id);
            if (!detail) {
                return {};
            }
            ScriptBuilder b(app);
            const Helper& h = detail->helper;
            b.Say(b.Lang(), h.first_name);
            b.SayField("helpers.helps_with", Names(app, h.kinds_of_help), b.Lang());
            std::string districts;
            for (const std::string& d : h.districts) {
                districts += (districts.empty() ? "" : ", ") + d;
            }
            b.SayField("helpers.helps_in", districts, b.Lang());
            b.SayContentField("helpers.availability", h.availability);
            if (h.public_contact) {
                b.SayPhone(h.public_contact->phone);
            } else if (detail->coordinator) {
                b.Say(b.Lang(), app.Format("helpers.contact_via", {{"name", h.first_name}}));
                SayContact(b, app, *detail->coordinator);
            }
            return b.Take();
        }
        case Screen::kContact: {
            const ContactView* view = app.ContactDetailView(screen.id);
            if (view == nullptr) {
                return {};
            }
            ScriptBuilder b(app);
            const Contact& c = view->contact;
            b.Say(b.Lang(), c.name);
            b.SayContent(c.role);
            if (view->organization != nullptr) {
                b.SayContent(view->organization->name);
            }
            b.SayPhone(c.phone);
            b.SayContentField("detail.hours", c.hours);
            if (view->place != nullptr) {
                SayPlace(b, app, *view->place);
            }
            return b.Take();
        }
        case Screen::kPlace: {
            const PlaceView* view = app.PlaceDetailView(screen.id, now);
            if (view == nullptr) {
                return {};
            }
            ScriptBuilder b(app);
            const Place& p = view->place;
            b.SayContent(p.name);
            if (!p.opening_hours.empty() && app.ClockTrusted(now)) {
                b.SayUi(view->open_now ? "detail.open_now" : "detail.closed_now");
            }
            b.SayContent(p.description);
            SayPlace(b, app, p);
            for (const Schedule& s : p.opening_hours) {
                b.SayField("detail.opening_hours", ScheduleSentence(s, b.Lang()), b.Lang());
            }
            b.SayPhone(p.phone);
            if (view->contact != nullptr) {
                SayContact(b, app, *view->contact);
            }
            return b.Take();
        }
        case Screen::kNetwork: {
            const NetworkView* view = app.NetworkDetailView(screen.id, now);
            if (view == nullptr) {
                return {};
            }
            ScriptBuilder b(app);
            const Network& n = view->network;
            b.SayContent(n.name);
            if (view->topic != nullptr) {
                b.SayContentField("detail.topics", view->topic->name);
            }
            b.SayContent(n.description);
            if (n.meetings) {
                b.SayField("detail.meetings", ScheduleSentence(*n.meetings, b.Lang()), b.Lang());
            }
            if (view->contact != nullptr) {
                SayContact(b, app, *view->contact);
            }
            return b.Take();
        }
    }
    return {};
}

std::string SpeechSsml(const SpeechScript& script) {
    std::string out = "<speak>";
    for (const SpeechPart& part : script) {
        out += "<voice xml:lang=\"" + part.language + "\">";
        for (const char c : part.text) {
            switch (c) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                default:
                    out += c;
            }
        }
        out += "</voice>";
    }
    out += "</speak>";
    return out;
}

size_t WordCount(const SpeechScript& script) {
    size_t words = 0;
    for (const SpeechPart& part : script) {
        bool in_word = false;
        for (const char c : part.text) {
            const bool space = c == ' ' || c == '\n' || c == '\t';
            if (!space && !in_word) {
                ++words;
            }
            in_word = !space;
        }
    }
    return words;
}

}  // namespace treffpunkt
