#include "kiosk/app/kiosk_app.hpp"

#include <algorithm>

#include "sync/model/schedule.hpp"

#ifndef TREFFPUNKT_BUILD_UNIX_S
#define TREFFPUNKT_BUILD_UNIX_S 0
#endif

namespace treffpunkt {

namespace {

DataStatus StatusOf(const Error& e) {
    if (e.code == "db.corrupt") {
        return DataStatus::kCorrupt;
    }
    if (e.code == "db.newer_schema") {
        return DataStatus::kNewerSchema;
    }
    if (e.code == "db.open") {
        return DataStatus::kMissing;
    }
    return DataStatus::kError;
}

std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) {
        out += s;
        out += '\x1f';
    }
    return out;
}

std::string Key(std::initializer_list<std::string> parts) {
    std::string out;
    for (const std::string& p : parts) {
        out += p;
        out += '\x1e';
    }
    return out;
}

std::string DayKey(UtcTime now) {
    return FormatDate(BerlinDate(now));
}

std::string MinuteKey(UtcTime now) {
    return std::to_string(now.time_since_epoch().count() / 60);
}

}  // namespace

std::int64_t BuildUnixSeconds() {
    return static_cast<std::int64_t>(TREFFPUNKT_BUILD_UNIX_S);
}

KioskApp::KioskApp(KioskConfig config, I18n i18n, Result<Replica> replica, UtcTime now)
    : m_config(std::move(config)), m_i18n(std::move(i18n)), m_state(InitialAppState(m_config)) {
    if (replica) {
        m_replica.emplace(std::move(replica).value());
    } else {
        m_status = StatusOf(replica.error());
        m_status_detail = replica.error().message;
    }
    ReloadData(now);
}

bool KioskApp::ClockTrusted(UtcTime now) const {
    if (m_sync.enabled && !m_sync.clock_trusted) {
        return false;  // the engine compared the clock with the hub's and found it wrong
    }
    return now.time_since_epoch().count() >= BuildUnixSeconds();
}

bool KioskApp::SetSyncStatus(SyncStatus status, UtcTime now) {
    const bool new_data = status.data_version != m_sync.data_version;
    const bool trust_changed = status.clock_trusted != m_sync.clock_trusted;
    m_sync = std::move(status);
    if (new_data || trust_changed) {
        ReloadData(now);
    }
    return new_data;
}

template <class T>
T KioskApp::Check(Result<T> r, T fallback) {
    if (!r) {
        m_last_error = r.error().message;
        return fallback;
    }
    return std::move(r).value();
}

void KioskApp::ReloadData(UtcTime now) {
    ++m_data_generation;
    m_last_error.clear();
    if (!m_replica) {
        return;
    }
    if (ClockTrusted(now)) {
        if (auto r = m_replica->RefreshSessions(now); !r) {
            m_last_error = r.error().message;
        }
        m_sessions_date = BerlinDate(now);
    }
    auto empty = m_replica->IsEmpty();
    if (!empty) {
        m_status = DataStatus::kCorrupt;
        m_status_detail = empty.error().message;
        return;
    }
    if (*empty) {
        m_status = DataStatus::kEmpty;
        m_status_detail.clear();
        return;
    }
    m_status = DataStatus::kReady;
    m_status_detail.clear();
    LoadReference();
}

void KioskApp::Tick(UtcTime now) {
    if (!m_replica || !ClockTrusted(now)) {
        return;
    }
    const Date today = BerlinDate(now);
    if (m_sessions_date != today) {
        m_sessions_date = today;
        if (auto r = m_replica->RefreshSessions(now); !r) {
            m_last_error = r.error().message;
        }
        ++m_data_generation;
    }
}

void KioskApp::LoadReference() {
    m_terms_by_vocab.clear();
    m_terms.clear();
    for (std::string_view vocab : {kVocabFieldOfAction, kVocabTargetGroup, kVocabHelpKind,
                                   kVocabNetworkTopic, kVocabNetworkLevel}) {
        auto terms = Check(m_replica->Terms(vocab), std::vector<TaxonomyTerm>{});
        for (const TaxonomyTerm& t : terms) {
            m_terms.emplace(t.meta.id, t);
        }
        m_terms_by_vocab[std::string(vocab)] = std::move(terms);
    }
    m_organizations.clear();
    for (Organization& o : Check(m_replica->Organizations(), std::vector<Organization>{})) {
        std::string id = o.meta.id;
        m_organizations.emplace(std::move(id), std::move(o));
    }
    m_contacts = Check(m_replica->Contacts(), std::vector<Contact>{});
    m_contact_index.clear();
    for (size_t i = 0; i < m_contacts.size(); ++i) {
        m_contact_index.emplace(m_contacts[i].meta.id, i);
    }
    m_all_places = Check(m_replica->Places(false), std::vector<Place>{});
    m_place_index.clear();
    for (size_t i = 0; i < m_all_places.size(); ++i) {
        m_place_index.emplace(m_all_places[i].meta.id, i);
    }
    m_districts = Check(m_replica->Districts(), std::vector<std::string>{});
    m_offer_languages = Check(m_replica->OfferLanguages(), std::vector<std::string>{});
    m_helper_districts = Check(m_replica->HelperDistricts(), std::vector<std::string>{});
}

const HomeView& KioskApp::Home(UtcTime now) {
    const std::string key =
        Key({std::to_string(m_data_generation), MinuteKey(now), m_state.language});
    if (key == m_home_key) {
        return m_home;
    }
    m_home_key = key;
    m_home = HomeView{};
    m_home.place_id = m_config.place_id;
    if (!m_config.place_name.empty()) {
        m_home.place_name = treffpunkt::Text(m_config.place_name);
    } else if (const Place* p = FindPlace(m_config.place_id)) {
        m_home.place_name = p->name;
    }
    if (!m_replica) {
        return m_home;
    }
    m_home.info = Check(m_replica->Info(), ReplicaInfo{});
    m_home.data_as_of = m_home.info.data_as_of;
    if (!m_config.place_id.empty() && ClockTrusted(now)) {
        const Date today = BerlinDate(now);
        const UtcTime day_end = FromBerlin(today, 1440);
        m_home.today = Check(m_replica->SessionsAtPlace(m_config.place_id, now, day_end),
                             std::vector<OfferSession>{});
    }
    return m_home;
}

void KioskApp::MatchOffers(UtcTime now) {
    OfferQuery q = m_state.offer_query;
    const bool trusted = ClockTrusted(now);
    if (!trusted) {
        q.when = WhenFilter::kAny;  // a wrong clock must never hide listings
    }
    const std::string key =
        Key({std::to_string(m_data_generation),
             q.when == WhenFilter::kAny ? DayKey(now) : MinuteKey(now), q.text,
             Join(q.fields_of_action), Join(q.target_groups), Join(q.districts), Join(q.languages),
             q.place_id, q.free_only ? "1" : "0", std::to_string(static_cast<int>(q.when))});
    if (key == m_offers_key) {
        return;
    }
    m_offers_key = key;
    m_offer_handles.clear();
    m_offer_rows.clear();
    m_offer_rows_first = 0;
    if (m_replica) {
        m_offer_handles = Check(m_replica->MatchOffers(q, now), std::vector<std::int64_t>{});
        m_offer_handles.shrink_to_fit();
    }
}

size_t KioskApp::OfferCount(UtcTime now) {
    MatchOffers(now);
    return m_offer_handles.size();
}

void KioskApp::PrepareOfferRows(size_t first, size_t last, UtcTime now) {
    // Rows either side of the visible ones, so a slow scroll reads the replica only every
    // few dozen rows.
    constexpr size_t kMarginRows = 24;
    MatchOffers(now);
    last = std::min(last, m_offer_handles.size());
    if (first >= last) {
        return;
    }
    if (first >= m_offer_rows_first && last <= m_offer_rows_first + m_offer_rows.size()) {
        return;
    }
    if (!m_replica) {
        return;
    }
    const size_t from = first > kMarginRows ? first - kMarginRows : 0;
    const size_t to = std::min(m_offer_handles.size(), last + kMarginRows);
    const std::vector<std::int64_t> handles(m_offer_handles.begin() + static_cast<long>(from),
                                            m_offer_handles.begin() + static_cast<long>(to));
    m_offer_rows = Check(m_replica->OfferSummaries(handles, now), std::vector<OfferSummary>{});
    m_offer_rows_first = from;
    if (m_offer_rows.size() != handles.size()) {
        // An offer went away under us (the sync thread wrote before it woke us): the rows no
        // longer line up with the handles. Match again on the next call; until then show
        // nothing rather than a row that opens another offer.
        m_offer_rows.clear();
        m_offers_key.clear();
    }
}

const OfferSummary* KioskApp::OfferRow(size_t index, UtcTime now) {
    PrepareOfferRows(index, index + 1, now);
    if (index < m_offer_rows_first || index >= m_offer_rows_first + m_offer_rows.size()) {
        return nullptr;
    }
    return &m_offer_rows[index - m_offer_rows_first];
}

const std::vector<SearchHit>& KioskApp::OtherHits() {
    // Few, and often what was meant ("Sozialbüro"): at most this many.
    constexpr size_t kMaxOtherHits = 6;
    const std::string& text = m_state.offer_query.text;
    const std::string key = Key({std::to_string(m_data_generation), text});
    if (key != m_hits_key) {
        m_hits_key = key;
        m_hits.clear();
        if (m_replica && !text.empty()) {
            m_hits = Check(m_replica->Search(text, kMaxOtherHits,
                                             {RecordKind::kContact, RecordKind::kPlace,
                                              RecordKind::kHelper, RecordKind::kNetwork}),
                           SearchResult{})
                         .hits;
        }
    }
    return m_hits;
}

const OfferView* KioskApp::OfferDetailView(const std::string& id, UtcTime now) {
    const std::string key = Key({std::to_string(m_data_generation), MinuteKey(now), id});
    if (key != m_offer_key) {
        m_offer_key = key;
        m_offer.reset();
        if (m_replica) {
            auto detail = Check(m_replica->GetOfferDetail(id), std::optional<OfferDetail>{});
            if (detail) {
                OfferView v;
                v.detail = std::move(*detail);
                if (v.detail.offer.schedule) {
                    v.next_sessions = NextSessions(*v.detail.offer.schedule, now, 5);
                    v.open_now = IsOpenAt(*v.detail.offer.schedule, now);
                }
                for (const std::string& t : v.detail.offer.fields_of_action) {
                    if (const TaxonomyTerm* term = Term(t)) {
                        v.fields_of_action.push_back(term);
                    }
                }
                for (const std::string& t : v.detail.offer.target_groups) {
                    if (const TaxonomyTerm* term = Term(t)) {
                        v.target_groups.push_back(term);
                    }
                }
                m_offer = std::move(v);
            }
        }
    }
    return m_offer ? &*m_offer : nullptr;
}

const std::vector<Helper>& KioskApp::Helpers() {
    const std::string key =
        Key({std::to_string(m_data_generation), m_state.helper_kind_id, m_state.helper_district});
    if (key != m_helpers_key) {
        m_helpers_key = key;
        m_helpers.clear();
        if (m_replica) {
            m_helpers =
                Check(m_replica->FindHelpers(m_state.helper_kind_id, m_state.helper_district),
                      std::vector<Helper>{});
        }
    }
    return m_helpers;
}

std::optional<HelperDetail> KioskApp::HelperDetailView(const std::string& id) {
    if (!m_replica) {
        return std::nullopt;
    }
    return Check(m_replica->GetHelperDetail(id), std::optional<HelperDetail>{});
}

const ContactView* KioskApp::ContactDetailView(const std::string& id) {
    const std::string key = Key({std::to_string(m_data_generation), id});
    if (key != m_contact_key) {
        m_contact_key = key;
        m_contact.reset();
        if (const Contact* c = FindContact(id)) {
            m_contact =
                ContactView{*c, FindOrganization(c->organization_id), FindPlace(c->place_id)};
        }
    }
    return m_contact ? &*m_contact : nullptr;
}

const std::vector<Place>& KioskApp::Places() {
    const std::string key =
        Key({std::to_string(m_data_generation), m_state.places_meeting_only ? "1" : "0"});
    if (key != m_places_key) {
        m_places_key = key;
        m_places.clear();
        for (const Place& p : m_all_places) {
            if (!m_state.places_meeting_only || p.IsMeetingPlace()) {
                m_places.push_back(p);
            }
        }
    }
    return m_places;
}

const PlaceView* KioskApp::PlaceDetailView(const std::string& id, UtcTime now) {
    const std::string key = Key({std::to_string(m_data_generation), MinuteKey(now), id});
    if (key != m_place_key) {
        m_place_key = key;
        m_place.reset();
        if (const Place* p = FindPlace(id)) {
            PlaceView v;
            v.place = *p;
            v.organization = FindOrganization(p->organization_id);
            v.contact = FindContact(p->contact_id);
            for (const Schedule& s : p->opening_hours) {
                v.open_now = v.open_now || IsOpenAt(s, now);
            }
            if (m_replica) {
                OfferQuery q;
                q.place_id = id;
                v.offers = Check(m_replica->FindOffers(q, now), std::vector<OfferSummary>{});
            }
            m_place = std::move(v);
        }
    }
    return m_place ? &*m_place : nullptr;
}

const std::vector<Network>& KioskApp::Networks() {
    const std::string key = Key({std::to_string(m_data_generation), m_state.network_level_id});
    if (key != m_networks_key) {
        m_networks_key = key;
        m_networks.clear();
        if (m_replica) {
            m_networks = Check(m_replica->FindNetworks("", m_state.network_level_id),
                               std::vector<Network>{});
        }
    }
    return m_networks;
}

const NetworkView* KioskApp::NetworkDetailView(const std::string& id, UtcTime now) {
    const std::string key = Key({std::to_string(m_data_generation), DayKey(now), id});
    if (key != m_network_key) {
        m_network_key = key;
        m_network.reset();
        if (m_replica) {
            auto record = Check(m_replica->Get(id), std::optional<AnyRecord>{});
            if (record && std::holds_alternative<Network>(*record)) {
                NetworkView v;
                v.network = std::get<Network>(*record);
                v.topic = Term(v.network.topic_id);
                v.level = Term(v.network.level_id);
                v.contact = FindContact(v.network.contact_id);
                for (const std::string& o : v.network.organization_ids) {
                    if (const Organization* org = FindOrganization(o)) {
                        v.members.push_back(org);
                    }
                }
                if (v.network.meetings) {
                    v.next_meetings = NextSessions(*v.network.meetings, now, 3);
                }
                m_network = std::move(v);
            }
        }
    }
    return m_network ? &*m_network : nullptr;
}

const std::vector<TaxonomyTerm>& KioskApp::Terms(std::string_view vocabulary) const {
    static const std::vector<TaxonomyTerm> kNone;
    auto it = m_terms_by_vocab.find(vocabulary);
    return it == m_terms_by_vocab.end() ? kNone : it->second;
}

const TaxonomyTerm* KioskApp::Term(std::string_view id) const {
    auto it = m_terms.find(id);
    return it == m_terms.end() ? nullptr : &it->second;
}

const Organization* KioskApp::FindOrganization(std::string_view id) const {
    auto it = m_organizations.find(id);
    return it == m_organizations.end() ? nullptr : &it->second;
}

const Contact* KioskApp::FindContact(std::string_view id) const {
    auto it = m_contact_index.find(id);
    return it == m_contact_index.end() ? nullptr : &m_contacts[it->second];
}

const Place* KioskApp::FindPlace(std::string_view id) const {
    auto it = m_place_index.find(id);
    return it == m_place_index.end() ? nullptr : &m_all_places[it->second];
}

std::string KioskApp::LanguageName(std::string_view code) const {
    const std::string key = "language." + std::string(code);
    const std::string& name = Tr(key);
    return name == key ? std::string(code) : name;
}

}  // namespace treffpunkt
