#include "tests/sync/replica/test_dataset.hpp"

#include <nlohmann/json.hpp>

#include "sync/model/json_codec.hpp"

namespace treffpunkt::test {

namespace {

RecordMeta Meta(const char* id) {
    RecordMeta meta;
    meta.id = id;
    meta.revision = 1;
    meta.updated = *ParseUtcTime("2026-11-20T08:00:00Z");
    meta.last_checked = ParseDate("2026-11-01");
    return meta;
}

LocalizedText Texts(std::string de, std::string en = {}, std::string fr = {}) {
    LocalizedText t = Text(std::move(de));
    if (!en.empty()) {
        t.by_lang["en"] = std::move(en);
    }
    if (!fr.empty()) {
        t.by_lang["fr"] = std::move(fr);
    }
    return t;
}

TaxonomyTerm Term(const char* id, std::string_view vocabulary, const char* code, LocalizedText name,
                  int order) {
    TaxonomyTerm t;
    t.meta = Meta(id);
    t.vocabulary = vocabulary;
    t.code = code;
    t.name = std::move(name);
    t.sort_order = order;
    return t;
}

Schedule Weekly(const char* rule, int start_minute, int end_minute) {
    Schedule s;
    s.start_date = ParseDate("2026-01-05");
    s.rrule = rule;
    s.start_minute = start_minute;
    s.end_minute = end_minute;
    return s;
}

}  // namespace

UtcTime TestNow() {
    return *ParseUtcTime("2026-11-25T10:00:00Z");
}

Dataset TestDataset() {
    using namespace ids;
    Dataset d;
    d.generated = *ParseUtcTime("2026-11-20T08:00:00Z");
    d.source = "Test";
    d.taxonomy = {
        Term(kFoaBildung, kVocabFieldOfAction, "bildung-und-erziehung",
             Texts("Bildung und Erziehung", "Education", "Éducation"), 2),
        Term(kFoaPartizipation, kVocabFieldOfAction, "partizipation-und-vernetzung",
             Texts("Partizipation und Vernetzung", "Participation"), 1),
        Term(kFoaExistenz, kVocabFieldOfAction, "existenzsicherung",
             Texts("Existenzsicherung", "Basic security"), 4),
        Term(kTgSenioren, kVocabTargetGroup, "senioren", Texts("Seniorinnen und Senioren"), 4),
        Term(kTgZugewanderte, kVocabTargetGroup, "zugewanderte", Texts("Zugewanderte"), 5),
        Term(kHkEinkauf, kVocabHelpKind, "einkaufshilfe", Texts("Einkaufshilfe", "Shopping help"),
             1),
        Term(kHkBesuch, kVocabHelpKind, "besuchsdienst", Texts("Besuchsdienst", "Visits"), 2),
        Term(kTopicSprache, kVocabNetworkTopic, "sprachfoerderung", Texts("Sprachförderung"), 1),
        Term(kLevelStadt, kVocabNetworkLevel, "stadt", Texts("Stadt", "City"), 1),
    };

    Organization caritas;
    caritas.meta = Meta(kOrgCaritas);
    caritas.name = Texts("Caritasverband Saarlouis");
    d.organizations = {caritas};

    Place innenstadt;
    innenstadt.meta = Meta(kPlaceInnenstadt);
    innenstadt.name = Texts("Ort der Begegnung Innenstadt", "Meeting place city centre");
    innenstadt.kind = "ort_der_begegnung";
    innenstadt.district = "Innenstadt";
    innenstadt.address = {"Lisdorfer Straße 5", "66740", "Saarlouis"};
    innenstadt.accessibility.wheelchair = true;
    innenstadt.contact_id = kContactSozialbuero;
    Place roden = innenstadt;
    roden.meta = Meta(kPlaceRoden);
    roden.name = Texts("Ort der Begegnung Roden");
    roden.district = "Roden";
    roden.address = {"Saarstraße 1", "66740", "Saarlouis"};
    roden.contact_id = kContactMueller;
    Place kita;
    kita.meta = Meta(kPlaceKita);
    kita.name = Texts("Kita Sonnenschein");
    kita.kind = "kita";
    kita.district = "Roden";
    kita.address.city = "Saarlouis";
    d.places = {innenstadt, roden, kita};

    Contact sozialbuero;
    sozialbuero.meta = Meta(kContactSozialbuero);
    sozialbuero.name = "Sozialbüro Innenstadt";
    sozialbuero.role = Texts("Sozialberatung", "Social counselling");
    sozialbuero.place_id = kPlaceInnenstadt;
    sozialbuero.phone = "06831 000111";
    Contact mueller;
    mueller.meta = Meta(kContactMueller);
    mueller.name = "Hans Müller";
    mueller.role = Texts("Koordination Sorgekreis Roden");
    mueller.place_id = kPlaceRoden;
    mueller.email = "h.mueller@odb-roden.example";
    d.contacts = {sozialbuero, mueller};

    Offer deutsch;
    deutsch.meta = Meta(kOfferDeutsch);
    deutsch.title = Texts("Deutschkurs für Anfänger", "German course for beginners",
                          "Cours d'allemand pour débutants");
    deutsch.summary = Texts("Deutsch lernen im Alltag – mit Kinderbetreuung.");
    deutsch.place_id = kPlaceInnenstadt;
    deutsch.organization_id = kOrgCaritas;
    deutsch.fields_of_action = {kFoaBildung};
    deutsch.target_groups = {kTgZugewanderte};
    deutsch.languages = {"de", "ar"};
    deutsch.schedule = Weekly("FREQ=WEEKLY;BYDAY=MO,WE", 10 * 60, 12 * 60);

    Offer senioren;
    senioren.meta = Meta(kOfferSenioren);
    senioren.title = Texts("Seniorentreff am Nachmittag");
    senioren.summary = Texts("Kaffee, Kuchen und Gespräche.");
    senioren.place_id = kPlaceRoden;
    senioren.fields_of_action = {kFoaPartizipation};
    senioren.target_groups = {kTgSenioren};
    senioren.languages = {"de"};
    senioren.free_of_charge = false;
    senioren.cost = Texts("2 € pro Termin");
    senioren.schedule = Weekly("FREQ=WEEKLY;BYDAY=TH", 14 * 60, 16 * 60);

    Offer nachbarschaft;
    nachbarschaft.meta = Meta(kOfferNachbarschaft);
    nachbarschaft.title = Texts("Nachbarschaftshilfe Roden");
    nachbarschaft.description = Texts("Wir helfen beim Einkaufen und bei Behördengängen.");
    nachbarschaft.place_id = kPlaceRoden;
    nachbarschaft.contact_id = kContactMueller;
    nachbarschaft.fields_of_action = {kFoaExistenz, kFoaPartizipation};

    Offer beratung;
    beratung.meta = Meta(kOfferBeratung);
    beratung.title = Texts("Sozialberatung");
    beratung.description = Texts("Hilfe bei Anträgen, auch für den Deutschkurs.");
    beratung.place_id = kPlaceInnenstadt;
    beratung.fields_of_action = {kFoaExistenz};
    beratung.languages = {"de", "fr"};
    beratung.schedule = Weekly("FREQ=MONTHLY;BYDAY=2TU", 14 * 60, 16 * 60);

    Offer fest;
    fest.meta = Meta(kOfferFest);
    fest.title = Texts("Stadtteilfest „Roden feiert“");
    fest.place_id = kPlaceRoden;
    fest.fields_of_action = {kFoaPartizipation};
    Schedule once;
    once.start_minute = 14 * 60;
    once.end_minute = 20 * 60;
    once.dates = {*ParseDate("2026-11-28")};
    fest.schedule = once;

    Offer retired;
    retired.meta = Meta(kOfferRetired);
    retired.title = Texts("Alter Deutschkurs");
    retired.place_id = kPlaceInnenstadt;
    retired.fields_of_action = {kFoaBildung};
    retired.status = OfferStatus::kRetired;
    d.offers = {deutsch, senioren, nachbarschaft, beratung, fest, retired};

    Helper ingrid;
    ingrid.meta = Meta(kHelperIngrid);
    ingrid.first_name = "Ingrid";
    ingrid.kinds_of_help = {kHkEinkauf};
    ingrid.districts = {"Roden"};
    ingrid.availability = Texts("dienstags vormittags");
    ingrid.place_id = kPlaceRoden;
    ingrid.coordinator_contact_id = kContactMueller;
    Helper ahmet;
    ahmet.meta = Meta(kHelperAhmet);
    ahmet.first_name = "Ahmet";
    ahmet.kinds_of_help = {kHkBesuch, kHkEinkauf};
    ahmet.languages = {"de", "tr"};
    ahmet.place_id = kPlaceInnenstadt;  // no districts: helps where his place is
    ahmet.coordinator_contact_id = kContactSozialbuero;
    ahmet.public_contact = PublicContact{"0151 0000000", "", *ParseDate("2026-09-01")};
    d.helpers = {ingrid, ahmet};

    Network sprache;
    sprache.meta = Meta(kNetworkSprache);
    sprache.name = Texts("Netzwerk Sprachförderung Saarlouis");
    sprache.topic_id = kTopicSprache;
    sprache.level_id = kLevelStadt;
    sprache.contact_id = kContactSozialbuero;
    sprache.organization_ids = {kOrgCaritas};
    d.networks = {sprache};
    return d;
}

}  // namespace treffpunkt::test

namespace treffpunkt {

namespace {
void PrintJson(const AnyRecord& record, std::ostream* os) {
    *os << ToJson(record).dump();
}
}  // namespace

void PrintTo(const TaxonomyTerm& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Organization& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Place& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Contact& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Offer& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Helper& record, std::ostream* os) {
    PrintJson(record, os);
}
void PrintTo(const Network& record, std::ostream* os) {
    PrintJson(record, os);
}

}  // namespace treffpunkt
