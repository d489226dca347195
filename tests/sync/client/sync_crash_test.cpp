// Kills `treffpunkt-kiosk sync --once` with SIGKILL at random moments, 200 times (fixed seed),
// while it pushes its outbox and pulls a delta of 1,600 changes in pages of 50 (every fifth run
// a full first sync instead). After each kill: the database passes integrity_check, the cursor
// matches the data (every change up to the cursor is there, none after it: no page half
// applied), and no outbox edit is lost (it is still queued, or the hub has it).
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/local_edits.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/sync/client/client_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using namespace std::chrono;
using nlohmann::json;

namespace {

constexpr int kRuns = 200;
constexpr int kOffers = 2000;
constexpr int kChanged = 1500;  // offers renamed on the hub after the kiosk's first sync
constexpr int kDeleted = 100;   // offers deleted then
constexpr unsigned kSeed = 20261125;

std::string OfferId(int n) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "5a000000-0000-4000-8000-%012d", n);
    return buffer;
}

// What the hub did to one record after the kiosk's first sync.
struct Delta {
    std::string id;
    std::int64_t seq{0};       // the change in the feed
    std::int64_t revision{0};  // its revision after the change
    std::int64_t before{0};    // its revision before
    bool deleted{false};
};

std::int64_t CursorSeq(const std::string& cursor) {
    const size_t dot = cursor.rfind('.');
    return dot == std::string::npos ? -1 : std::stoll(cursor.substr(dot + 1));
}

void CopyFile(const std::string& from, const std::string& to) {
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

void RemoveDatabase(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
}

std::string IntegrityCheck(Replica& replica) {
    auto stmt = replica.db().Prepare("PRAGMA integrity_check");
    if (!stmt || !stmt->Step().value_or(false)) {
        return "cannot run integrity_check";
    }
    return stmt->Text(0);
}

TEST(SyncCrash, KilledAtRandomMomentsTheDatabaseStaysConsistent) {
    HubFixture hub;
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    ChangeHubData(hub, [](json& d) {
        for (int n = 0; n < kOffers; ++n) {
            d["offers"].push_back({{"id", OfferId(n)},
                                   {"updated", "2026-11-01T10:00:00Z"},
                                   {"title", {{"de", "Angebot Nummer " + std::to_string(n)}}},
                                   {"summary",
                                    {{"de",
                                      "Ein Treffen im Stadtteil mit Kaffee, Kuchen und Gesprächen "
                                      "über alles, was die Nachbarschaft bewegt."}}},
                                   {"place_id", kPlaceRoden},
                                   {"fields_of_action", {kTermEducation}},
                                   {"schedule",
                                    {{"start_date", "2026-01-05"},
                                     {"start_time", "10:00"},
                                     {"end_time", "12:00"},
                                     {"rrule", "FREQ=WEEKLY;BYDAY=MO"}}}});
        }
    });

    // The kiosk as it is before the crashes: synced once, with edits waiting in its outbox.
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    std::vector<std::string> edit_ids;
    {
        Replica replica = kiosk.Open();
        LocalEdits local(replica);
        const std::pair<const char*, const char*> edits[] = {
            {kOfferGerman, "Deutschkurs am Freitag"},
            {kOfferCafe, "Erzählcafé am Donnerstag"},
            {kOfferGerman, "Deutschkurs am Freitagnachmittag"},
            {kOfferAdvice, "Sozialberatung (geschlossen)"},  // rejected: another place
        };
        for (const auto& [id, title] : edits) {
            const OutboxEntry e =
                MariaEdit("update", "offers", id, replica.RevisionOf(id)->value_or(1),
                          {{"title", {{"de", title}}}});
            ASSERT_TRUE(local.Save(e, hub.Now()));
            edit_ids.push_back(e.edit_id);
        }
        ASSERT_TRUE(replica.CheckpointWal());
    }
    const std::string base = kiosk.dir().File("base.db");
    CopyFile(kiosk.db_path(), base);

    // The hub changes meanwhile: 1,500 renamed, 100 deleted.
    ChangeHubData(hub, [](json& d) {
        json kept = json::array();
        for (json& offer : d["offers"]) {
            const std::string id = offer["id"];
            if (id.starts_with("5a")) {
                const int n = std::stoi(id.substr(24));
                if (n >= kChanged && n < kChanged + kDeleted) {
                    continue;
                }
                if (n < kChanged) {
                    offer["title"] = {{"de", "Geändertes Angebot " + std::to_string(n)}};
                }
            }
            kept.push_back(offer);
        }
        d["offers"] = kept;
    });
    std::vector<Delta> deltas;
    {
        auto store = hub.Store();
        for (int n = 0; n < kChanged + kDeleted; ++n) {
            auto record = store->Record(OfferId(n));
            ASSERT_TRUE(record && *record);
            deltas.push_back({OfferId(n), (*record)->seq, (*record)->revision,
                              (*record)->revision - 1, (*record)->deleted});
        }
    }

    const std::string config = kiosk.dir().File("kiosk.toml");
    std::ofstream(config) << "[sync]\nhub_url = \"" << hub.BaseUrl() << "\"\nca_file = \""
                          << kiosk.config().ca_file << "\"\ndevice_token = \"" << kiosk.token()
                          << "\"\npage_size = 50\nclock_sync_marker = \"\"\n"
                          << "watch_network = false\n";
    const std::string db = kiosk.dir().File("run.db");
    auto command = [&] {
        return std::vector<std::string>{
            TREFFPUNKT_KIOSK_BINARY, "--config", config, "--db", db, "sync", "--once"};
    };

    // How long an uninterrupted run takes, to spread the kills over it.
    RemoveDatabase(db);
    CopyFile(base, db);
    const auto t0 = steady_clock::now();
    const ProcessResult whole = RunProcess(command(), "", seconds{120});
    ASSERT_EQ(whole.exit_code, 0) << whole.out << whole.err;
    const auto run_ms = duration_cast<milliseconds>(steady_clock::now() - t0).count();
    // The edits are answered by now; the kills below replay the same edits (same ids).

    std::mt19937 random(kSeed);
    int before_pull = 0;
    int mid_pull = 0;
    int after_pull = 0;
    for (int run = 0; run < kRuns; ++run) {
        SCOPED_TRACE("run " + std::to_string(run));
        const bool from_empty = run % 5 == 4;
        RemoveDatabase(db);
        if (from_empty) {
            auto fresh = Replica::Open(db);
            ASSERT_TRUE(fresh);
            kiosk.StoreToken(*fresh);
        } else {
            CopyFile(base, db);
        }
        const auto kill_after =
            milliseconds(std::uniform_int_distribution<long>(0, run_ms + run_ms / 10)(random));
        {
            BackgroundProcess child(command());
            std::this_thread::sleep_for(kill_after);
            child.Signal(SIGKILL);
            child.Wait(milliseconds{10'000});
        }

        auto opened = Replica::Open(db);
        ASSERT_TRUE(opened) << opened.error().message;
        Replica& replica = *opened;
        ASSERT_EQ(IntegrityCheck(replica), "ok");
        SyncStore store(replica);
        auto state = store.State();
        ASSERT_TRUE(state);
        const std::int64_t cursor = CursorSeq(state->cursor);
        if (state->cursor.empty()) {
            ASSERT_TRUE(from_empty);
            EXPECT_TRUE(*replica.IsEmpty()) << "records without a cursor";
            ++before_pull;
            continue;
        }
        int applied = 0;
        for (const Delta& d : deltas) {
            const auto revision = *replica.RevisionOf(d.id);
            if (d.seq <= cursor) {
                ++applied;
                if (d.deleted) {
                    ASSERT_FALSE(revision)
                        << d.id << " deleted at " << d.seq << ", cursor " << cursor;
                } else {
                    ASSERT_EQ(revision.value_or(0), d.revision)
                        << d.id << " changed at " << d.seq << ", cursor " << cursor;
                }
            } else {
                ASSERT_EQ(revision.value_or(0), d.before)
                    << d.id << " changed at " << d.seq << " beyond cursor " << cursor;
            }
        }
        if (applied == 0) {
            ++before_pull;
        } else if (applied < static_cast<int>(deltas.size())) {
            ++mid_pull;
        } else {
            ++after_pull;
        }
        if (!from_empty) {
            auto outbox = store.All();
            ASSERT_TRUE(outbox);
            auto hub_store = hub.Store();
            for (const std::string& id : edit_ids) {
                const bool queued =
                    std::any_of(outbox->begin(), outbox->end(),
                                [&](const OutboxEntry& e) { return e.edit_id == id; });
                auto known = hub_store->FindEdit(id);
                ASSERT_TRUE(known);
                EXPECT_TRUE(queued || *known) << "edit " << id << " lost";
            }
        }
    }
    RecordProperty("killed_before_pull", before_pull);
    RecordProperty("killed_mid_pull", mid_pull);
    RecordProperty("killed_after_pull", after_pull);
    std::printf("kills: %d before the pull, %d in the middle of it, %d after it (run %lld ms)\n",
                before_pull, mid_pull, after_pull, static_cast<long long>(run_ms));
    EXPECT_GT(mid_pull, kRuns / 5) << "too few kills landed while pages were applied";
}

}  // namespace
