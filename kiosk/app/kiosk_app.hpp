// The kiosk's model: owns the replica, the config, the UI texts and the AppState, and builds
// the views the screens draw (cached until the state or the data change). The UI only reads
// these views and calls actions; it never touches SQLite. No ImGui here.
//
// Thread: the UI thread only (the replica connection belongs to it).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/app_state.hpp"
#include "kiosk/app/i18n.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "sync/client/sync_status.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

// Why the kiosk has nothing to show, or kReady.
enum class DataStatus {
    kReady,        // data to show
    kMissing,      // no database file and none could be made
    kEmpty,        // database without records (not synced yet)
    kCorrupt,      // not a database or damaged
    kNewerSchema,  // written by a newer Treffpunkt
    kError,        // anything else (see StatusDetail)
};

// The build time: a clock earlier than this is wrong and must never hide listings by date.
std::int64_t BuildUnixSeconds();

struct HomeView {
    std::string place_id;
    LocalizedText place_name;           // from config, else the place's record
    std::vector<OfferSession> today;    // "Heute hier": today's sessions at this place
    std::optional<UtcTime> data_as_of;  // "Stand: …"
    ReplicaInfo info;
};

struct OfferView {
    OfferDetail detail;
    std::vector<Session> next_sessions;  // up to 5 from now
    bool open_now{false};
    std::vector<const TaxonomyTerm*> fields_of_action;
    std::vector<const TaxonomyTerm*> target_groups;
};

struct PlaceView {
    Place place;
    const Organization* organization{nullptr};
    const Contact* contact{nullptr};
    bool open_now{false};
    std::vector<OfferSummary> offers;  // offers at this place
};

struct ContactView {
    Contact contact;
    const Organization* organization{nullptr};
    const Place* place{nullptr};
};

struct NetworkView {
    Network network;
    const TaxonomyTerm* topic{nullptr};
    const TaxonomyTerm* level{nullptr};
    const Contact* contact{nullptr};
    std::vector<const Organization*> members;
    std::vector<Session> next_meetings;
};

class KioskApp {
  public:
    // `replica` is the result of opening the database (see OpenKioskReplica); a failure shows
    // the friendly "Noch keine Daten" screen with the reason.
    KioskApp(KioskConfig config, I18n i18n, Result<Replica> replica, UtcTime now);

    AppState& State() { return m_state; }
    const AppState& State() const { return m_state; }
    const KioskConfig& Config() const { return m_config; }
    const I18n& Texts() const { return m_i18n; }
    // A UI text in the current language.
    const std::string& Tr(std::string_view key) const { return m_i18n.Tr(m_state.language, key); }
    std::string Format(std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string>> args) const {
        return m_i18n.Format(m_state.language, key, args);
    }
    // Content text in the current language, German as fallback.
    const std::string& Text(const LocalizedText& text) const { return text.Get(m_state.language); }
    // True if Text(text) shows German to a reader of another language (no translation): the
    // screens then add a small note "nur auf Deutsch" in the reader's language.
    bool OnlyInGerman(const LocalizedText& text) const {
        return m_state.language != "de" && !text.Has(m_state.language) && text.Has("de");
    }
    // True if the current UI language is written right to left (Arabic).
    bool RightToLeft() const { return IsRightToLeft(m_state.language); }

    DataStatus Status() const { return m_status; }
    const std::string& StatusDetail() const { return m_status_detail; }
    bool HasData() const { return m_status == DataStatus::kReady; }
    // The last query error, for a banner ("" = none).
    const std::string& LastError() const { return m_last_error; }
    // False if `now` is before the build: date filters and "Heute hier" are then off.
    bool ClockTrusted(UtcTime now) const;

    // Re-reads everything (the sync thread brought new data, or the date changed).
    void ReloadData(UtcTime now);
    // Cheap; refreshes sessions when the Berlin date changed since the last call.
    void Tick(UtcTime now);
    // The idle reset.
    void ResetToHome() { treffpunkt::ResetToHome(m_state, m_config); }

    // --- Views (cached) ----------------------------------------------------------------
    const HomeView& Home(UtcTime now);
    // The results list for the current query (date filters ignored while the clock is wrong).
    // Only the row handles of every match are kept; rows are read from the replica for a
    // window around the rows on screen, so 10,000 results cost 80 KB, not 25 MB.
    // Number of results.
    size_t OfferCount(UtcTime now);
    // Reads the rows [first, last) of the results (and some either side) unless they are
    // cached already. Call with the range on screen before OfferRow.
    void PrepareOfferRows(size_t first, size_t last, UtcTime now);
    // Row `index` of the results, read if needed; nullptr past the end or if it has gone.
    const OfferSummary* OfferRow(size_t index, UtcTime now);
    // How many result rows are held in memory (the window; for tests and --stats).
    size_t CachedOfferRows() const { return m_offer_rows.size(); }
    // Records other than offers that match the search text (contacts, places, helpers,
    // networks), best first; empty without text.
    const std::vector<SearchHit>& OtherHits();
    const OfferView* OfferDetailView(const std::string& id, UtcTime now);
    const std::vector<Helper>& Helpers();
    std::optional<HelperDetail> HelperDetailView(const std::string& id);
    const std::vector<Contact>& Contacts() const { return m_contacts; }
    const ContactView* ContactDetailView(const std::string& id);
    const std::vector<Place>& Places();
    const PlaceView* PlaceDetailView(const std::string& id, UtcTime now);
    const std::vector<Network>& Networks();
    const NetworkView* NetworkDetailView(const std::string& id, UtcTime now);

    // --- Reference data ------------------------------------------------------------------
    const std::vector<TaxonomyTerm>& Terms(std::string_view vocabulary) const;
    const TaxonomyTerm* Term(std::string_view id) const;
    const Organization* FindOrganization(std::string_view id) const;
    const Contact* FindContact(std::string_view id) const;
    const Place* FindPlace(std::string_view id) const;
    const std::vector<std::string>& Districts() const { return m_districts; }
    // Districts helpers help in (for the helpers screen's chips).
    const std::vector<std::string>& HelperDistricts() const { return m_helper_districts; }
    const std::vector<std::string>& OfferLanguages() const { return m_offer_languages; }
    // A language's name in the current UI language ("Arabisch"), else its code.
    std::string LanguageName(std::string_view code) const;

    Replica* ReplicaOrNull() { return m_replica ? &*m_replica : nullptr; }

    // --- Sync ----------------------------------------------------------------------------
    // The sync engine runs on its own thread; the GUI loop hands its status over here
    // whenever it changed. Returns true if the engine brought new data (ReloadData follows).
    bool SetSyncStatus(SyncStatus status, UtcTime now);
    const SyncStatus& Sync() const { return m_sync; }
    // How "Jetzt synchronisieren" and a volunteer's save reach the engine (set by the GUI
    // loop; without a hub nothing happens).
    void SetSyncRequester(std::function<void()> request) { m_request_sync = std::move(request); }
    void RequestSync() {
        if (m_request_sync) {
            m_request_sync();
        }
    }

  private:
    template <class T>
    T Check(Result<T> r, T fallback);
    void LoadReference();
    // Matches the current query again if it or the data changed since the last time.
    void MatchOffers(UtcTime now);

    KioskConfig m_config;
    I18n m_i18n;
    AppState m_state;
    std::optional<Replica> m_replica;
    DataStatus m_status{DataStatus::kReady};
    std::string m_status_detail;
    std::string m_last_error;
    std::optional<Date> m_sessions_date;  // Berlin date the sessions were refreshed for

    // Reference data, loaded with the data.
    std::map<std::string, std::vector<TaxonomyTerm>, std::less<>> m_terms_by_vocab;
    std::map<std::string, TaxonomyTerm, std::less<>> m_terms;
    std::map<std::string, Organization, std::less<>> m_organizations;
    std::vector<Contact> m_contacts;
    std::map<std::string, size_t, std::less<>> m_contact_index;
    std::vector<Place> m_all_places;
    std::map<std::string, size_t, std::less<>> m_place_index;
    std::vector<std::string> m_districts;
    std::vector<std::string> m_helper_districts;
    std::vector<std::string> m_offer_languages;

    // Caches: the key says what they were built for.
    std::string m_home_key;
    HomeView m_home;
    std::string m_offers_key;
    std::vector<std::int64_t> m_offer_handles;  // every match, in display order
    size_t m_offer_rows_first{0};               // index of m_offer_rows.front()
    std::vector<OfferSummary> m_offer_rows;     // the window of rows read from the replica
    std::string m_hits_key;
    std::vector<SearchHit> m_hits;
    std::string m_offer_key;
    std::optional<OfferView> m_offer;
    std::string m_helpers_key;
    std::vector<Helper> m_helpers;
    std::string m_contact_key;
    std::optional<ContactView> m_contact;
    std::string m_places_key;
    std::vector<Place> m_places;
    std::string m_place_key;
    std::optional<PlaceView> m_place;
    std::string m_networks_key;
    std::vector<Network> m_networks;
    std::string m_network_key;
    std::optional<NetworkView> m_network;
    std::uint64_t m_data_generation{0};  // bumps on ReloadData; part of every cache key

    SyncStatus m_sync;
    std::function<void()> m_request_sync;
};

}  // namespace treffpunkt
