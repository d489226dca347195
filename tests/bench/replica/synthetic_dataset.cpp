#include "tests/bench/replica/synthetic_dataset.hpp"

#include <array>
#include <random>

namespace treffpunkt::bench {

namespace {

const std::array<const char*, 8> kDistricts = {"Innenstadt",   "Roden",      "Fraulautern",
                                               "Lisdorf",      "Beaumarais", "Picard",
                                               "Neuforweiler", "Steinrausch"};
const std::array<const char*, 40> kTopics = {"Deutschkurs",
                                             "Sprachcafé",
                                             "Seniorentreff",
                                             "Krabbelgruppe",
                                             "Hausaufgabenhilfe",
                                             "Repair-Café",
                                             "Frauenfrühstück",
                                             "Sozialberatung",
                                             "Schuldnerberatung",
                                             "Mietberatung",
                                             "Bewerbungstraining",
                                             "Computerkurs",
                                             "Nähwerkstatt",
                                             "Lesepatenschaft",
                                             "Elterncafé",
                                             "Spieletreff",
                                             "Gymnastik für Ältere",
                                             "Kochkurs",
                                             "Gartenprojekt",
                                             "Fahrradwerkstatt",
                                             "Erzählcafé",
                                             "Jugendtreff",
                                             "Musikgruppe",
                                             "Malkurs",
                                             "Tanzkurs",
                                             "Yoga auf dem Stuhl",
                                             "Integrationskurs",
                                             "Nachbarschaftshilfe",
                                             "Einkaufshilfe",
                                             "Besuchsdienst",
                                             "Trauergruppe",
                                             "Selbsthilfegruppe",
                                             "Stadtteilfrühstück",
                                             "Filmabend",
                                             "Bibelkreis",
                                             "Interreligiöser Dialog",
                                             "Kleiderkammer",
                                             "Tafel-Ausgabe",
                                             "Energieberatung",
                                             "Wohnungssuche"};
const std::array<const char*, 16> kAudiences = {"für Anfängerinnen und Anfänger",
                                                "für Fortgeschrittene",
                                                "für Familien",
                                                "für Kinder",
                                                "für Jugendliche",
                                                "für Seniorinnen und Senioren",
                                                "für Zugewanderte",
                                                "für alle",
                                                "am Vormittag",
                                                "am Nachmittag",
                                                "am Abend",
                                                "für Alleinerziehende",
                                                "mit Kinderbetreuung",
                                                "auf Französisch",
                                                "in einfacher Sprache",
                                                "für Menschen mit Behinderung"};
const std::array<const char*, 24> kSentences = {
    "Wir treffen uns in gemütlicher Runde bei Kaffee und Kuchen.",
    "Eine Anmeldung ist nicht nötig – kommen Sie einfach vorbei.",
    "Bitte bringen Sie gute Laune und etwas Zeit mit.",
    "Die Straße ist mit dem Bus gut zu erreichen, Haltestelle direkt vor der Tür.",
    "Ehrenamtliche Helferinnen und Helfer unterstützen Sie gerne.",
    "Das Angebot ist kostenlos, Spenden sind willkommen.",
    "Wir sprechen Deutsch, Französisch und Englisch.",
    "Gemeinsam lernen wir den Alltag in Saarlouis kennen.",
    "Für Getränke ist gesorgt; ein kleiner Beitrag für Material wird erbeten.",
    "Der Raum ist barrierefrei und hat ein Behinderten-WC.",
    "In den Schulferien findet das Treffen nicht statt.",
    "Neue Gesichter sind jederzeit herzlich willkommen!",
    "Wir helfen beim Ausfüllen von Anträgen und Formularen.",
    "Kinder können während der Zeit betreut werden.",
    "Die Gruppe wird von einer Fachkraft begleitet.",
    "Jeden Monat gibt es ein anderes Schwerpunktthema.",
    "Wer möchte, kann anschließend noch zum gemeinsamen Mittagessen bleiben.",
    "Bei schönem Wetter gehen wir nach draußen in den Garten.",
    "Die Beratung ist vertraulich und unabhängig.",
    "Bringen Sie bitte Ihre Unterlagen mit, zum Beispiel den Mietvertrag.",
    "Wir üben Gespräche für den Arztbesuch, das Amt und den Einkauf.",
    "Das Treffen wird vom Quartiersbüro und der Kirchengemeinde gemeinsam organisiert.",
    "Müller, Schmitt und Becker – hier lernt man die Nachbarschaft kennen.",
    "Auch Großeltern mit Enkelkindern sind herzlich eingeladen."};
const std::array<const char*, 6> kRules = {
    "FREQ=WEEKLY;BYDAY=MO",   "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=WEEKLY;BYDAY=FR"};

std::string Id(unsigned prefix, size_t n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012zx", prefix, n);
    return buf;
}

RecordMeta Meta(std::string id) {
    RecordMeta meta;
    meta.id = std::move(id);
    meta.revision = 1;
    meta.updated = *ParseUtcTime("2026-11-01T08:00:00Z");
    meta.last_checked = ParseDate("2026-10-01");
    return meta;
}

}  // namespace

Dataset SyntheticDataset(size_t offers, unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
    Dataset d;
    d.generated = *ParseUtcTime("2026-11-01T08:00:00Z");
    d.source = "Synthetic benchmark data";

    const std::array<std::pair<std::string_view, std::vector<const char*>>, 3> vocabularies = {{
        {kVocabFieldOfAction,
         {"Partizipation und Vernetzung", "Bildung und Erziehung", "Arbeitsmarkt",
          "Existenzsicherung", "Wohnen und Wohnumgebung"}},
        {kVocabTargetGroup,
         {"Kinder", "Jugendliche", "Familien", "Seniorinnen und Senioren", "Zugewanderte",
          "Menschen mit Behinderung", "Alle"}},
        {kVocabHelpKind, {"Einkaufshilfe", "Besuchsdienst", "Begleitung zu Terminen"}},
    }};
    std::vector<std::string> fields;
    std::vector<std::string> groups;
    std::vector<std::string> kinds;
    size_t term_n = 0;
    for (const auto& [vocab, names] : vocabularies) {
        for (size_t i = 0; i < names.size(); ++i) {
            TaxonomyTerm t;
            t.meta = Meta(Id(0x10, term_n++));
            t.vocabulary = vocab;
            t.code = "term-" + std::to_string(term_n);
            t.name = Text(names[i]);
            t.sort_order = static_cast<int>(i);
            (vocab == kVocabFieldOfAction ? fields
             : vocab == kVocabTargetGroup ? groups
                                          : kinds)
                .push_back(t.meta.id);
            d.taxonomy.push_back(std::move(t));
        }
    }
    const size_t place_count = std::max<size_t>(8, offers / 50);
    for (size_t i = 0; i < place_count; ++i) {
        Place p;
        p.meta = Meta(Id(0x30, i));
        const char* district = kDistricts[i % kDistricts.size()];
        p.name = Text(i < kDistricts.size()
                          ? std::string("Ort der Begegnung ") + district
                          : std::string("Treffpunkt ") + district + " " + std::to_string(i));
        p.kind = i < kDistricts.size() ? "ort_der_begegnung" : "gemeindezentrum";
        p.district = district;
        p.address = {"Hauptstraße " + std::to_string(i + 1), "66740", "Saarlouis"};
        d.places.push_back(std::move(p));
    }
    for (size_t i = 0; i < std::max<size_t>(15, offers / 100); ++i) {
        Contact c;
        c.meta = Meta(Id(0x40, i));
        c.name = "Beratungsstelle " + std::to_string(i + 1);
        c.role = Text("Koordination");
        c.phone = "06831 " + std::to_string(100000 + i);
        c.place_id = d.places[i % d.places.size()].meta.id;
        d.contacts.push_back(std::move(c));
    }
    for (size_t i = 0; i < offers; ++i) {
        Offer o;
        o.meta = Meta(Id(0x50, i));
        std::string title =
            std::string(kTopics[pick(kTopics.size())]) + " " + kAudiences[pick(kAudiences.size())];
        o.title = Text(title);
        if (i % 3 == 0) {
            o.title.by_lang["en"] = "Group " + std::to_string(i) + " for everyone";
            o.title.by_lang["fr"] = "Groupe " + std::to_string(i) + " pour tous";
        }
        o.summary = Text(kSentences[pick(kSentences.size())]);
        std::string description;
        for (int s = 0; s < 4; ++s) {
            description += std::string(kSentences[pick(kSentences.size())]) + " ";
        }
        o.description = Text(description);
        o.place_id = d.places[pick(d.places.size())].meta.id;
        o.contact_id = d.contacts[pick(d.contacts.size())].meta.id;
        o.fields_of_action = {fields[pick(fields.size())]};
        o.target_groups = {groups[pick(groups.size())]};
        o.languages =
            i % 4 == 0 ? std::vector<std::string>{"de", "fr"} : std::vector<std::string>{"de"};
        o.free_of_charge = i % 5 != 0;
        if (!o.free_of_charge) {
            o.cost = Text("2 € pro Termin");
        }
        Schedule s;
        s.start_date = ParseDate("2026-01-05");
        s.rrule = kRules[pick(kRules.size())];
        s.start_minute = static_cast<int>(8 + pick(10)) * 60;
        s.end_minute = s.start_minute + 90;
        o.schedule = s;
        d.offers.push_back(std::move(o));
    }
    for (size_t i = 0; i < std::max<size_t>(20, offers / 200); ++i) {
        Helper h;
        h.meta = Meta(Id(0x60, i));
        h.first_name = std::array{"Ingrid", "Ahmet", "Olga", "Pierre", "Fatma", "Klaus"}[i % 6];
        h.kinds_of_help = {kinds[i % kinds.size()]};
        h.place_id = d.places[i % d.places.size()].meta.id;
        h.coordinator_contact_id = d.contacts[i % d.contacts.size()].meta.id;
        h.districts = {kDistricts[i % kDistricts.size()]};
        d.helpers.push_back(std::move(h));
    }
    return d;
}

std::vector<std::string> RealisticQueries() {
    std::vector<std::string> queries;
    const std::array<const char*, 50> base = {"Deutschkurs",     "Deutch",
                                              "Sprachcafe",      "Seniorentreff",
                                              "Senioren",        "Krabbelgruppe",
                                              "Hausaufgaben",    "Repair Cafe",
                                              "Frauenfrühstück", "Frauenfruehstueck",
                                              "Beratung",        "Schuldnerberatung",
                                              "Miete",           "Bewerbung",
                                              "Computer",        "Nähen",
                                              "Naehwerkstatt",   "Lesepaten",
                                              "Eltern",          "Spiele",
                                              "Gymnastik",       "Kochen",
                                              "Garten",          "Fahrrad",
                                              "Erzählcafé",      "Jugend",
                                              "Musik",           "Malen",
                                              "Tanzen",          "Yoga",
                                              "Integration",     "Nachbarschaftshilfe",
                                              "Einkauf",         "Besuch",
                                              "Trauer",          "Selbsthilfe",
                                              "Frühstück",       "Film",
                                              "Bibel",           "Dialog",
                                              "Kleider",         "Tafel",
                                              "Energie",         "Wohnung",
                                              "Kinder",          "Familie",
                                              "Müller",          "Strasse",
                                              "kostenlos",       "Französisch"};
    for (const char* b : base) {
        queries.emplace_back(b);
    }
    for (const char* d : kDistricts) {
        queries.push_back(std::string("Treff ") + d);
        queries.push_back(std::string("Beratung ") + d);
        queries.push_back(std::string("Kurs ") + d);
        queries.emplace_back(d);
    }
    for (const char* t : kTopics) {
        queries.emplace_back(t);
    }
    const std::array<const char*, 30> more = {"hilfe",
                                              "kurs",
                                              "café",
                                              "treff",
                                              "gruppe",
                                              "werkstatt",
                                              "Deutschkurz",
                                              "Senoirentreff",
                                              "Hausaufgabenhlfe",
                                              "Integrationskurs Anfänger",
                                              "Computerkurs Senioren",
                                              "Kochkurs Familien",
                                              "Malkurs Kinder",
                                              "Tanzkurs Abend",
                                              "Sprachcafé Französisch",
                                              "Mietberatung Roden",
                                              "Tafel Ausgabe",
                                              "Kleiderkammer Lisdorf",
                                              "Yoga Stuhl",
                                              "Spieletreff Nachmittag",
                                              "Gartenprojekt",
                                              "Elterncafé Vormittag",
                                              "Bus",
                                              "Kaffee Kuchen",
                                              "Anträge",
                                              "Arztbesuch",
                                              "Großeltern",
                                              "barrierefrei",
                                              "Fachkraft",
                                              "Mittagessen"};
    for (const char* m : more) {
        queries.emplace_back(m);
    }
    for (size_t i = 0; queries.size() < 200; ++i) {
        queries.push_back(std::string(kTopics[i % kTopics.size()]) + " " +
                          kDistricts[i % kDistricts.size()]);
    }
    return queries;
}

}  // namespace treffpunkt::bench
