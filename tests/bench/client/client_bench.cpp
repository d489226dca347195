// Benchmark of the kiosk's sync engine against a real hub on loopback TLS (issue 5): the initial
// sync of 10,000 records, the bytes an unchanged poll costs, and a delta of 100 changes.
// Prints one JSON object per line. Run a Release build:
//   build/release/tests/bench/client/bench_client [--records 10000] [--repeat 5]
//
// Bytes are counted twice: by curl at the HTTP level (request line, headers and body; no TLS),
// and by a TCP relay between kiosk and hub (everything on the wire: TLS records, handshakes).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sync/client/sync_runner.hpp"
#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/bench/replica/synthetic_dataset.hpp"
#include "tests/support/byte_relay.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

template <class T>
T Check(Result<T> result, const char* what) {
    if (!result) {
        throw std::runtime_error(std::string(what) + ": " + result.error().code + ": " +
                                 result.error().message);
    }
    if constexpr (!std::is_void_v<T>) {
        return std::move(result).value();
    }
}

double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void Print(const json& line) {
    std::printf("%s\n", line.dump().c_str());
    std::fflush(stdout);
}

// A dataset of exactly `records` records.
Dataset MakeDataset(size_t records) {
    Dataset d = bench::SyntheticDataset(records);
    const size_t total = AllRecords(d).size();
    if (total > records) {
        d.offers.resize(d.offers.size() - (total - records));
    }
    return d;
}

// Renames `count` offers (from `first`) and deletes `deleted` more on the hub.
void ChangeOffers(HubFixture& hub, Dataset& d, size_t first, size_t count, size_t deleted,
                  int round) {
    for (size_t i = first; i < first + count && i < d.offers.size(); ++i) {
        d.offers[i].title = Text("Geändert " + std::to_string(round) + " " + std::to_string(i));
    }
    if (deleted > 0) {
        const auto from = d.offers.begin() + static_cast<std::ptrdiff_t>(first + count);
        d.offers.erase(from, from + static_cast<std::ptrdiff_t>(deleted));
    }
    auto store = hub.Store();
    Check(hub::ImportDataset(*store, d, hub.Now(), false), "import");
}

struct Kiosk {
    TempDir dir{"treffpunkt-bench-kiosk"};
    std::string db;
    SyncConfig config;
};

}  // namespace

int main(int argc, char** argv) {
    size_t records = 10000;
    int repeat = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--records") == 0) {
            records = std::stoul(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--repeat") == 0) {
            repeat = std::stoi(argv[i + 1]);
        }
    }
    try {
        HubFixtureOptions hub_options;
        hub_options.import_seed = false;
        HubFixture hub(hub_options);
        Dataset dataset = MakeDataset(records);
        Check(hub::ImportDataset(*hub.Store(), dataset, hub.Now(), false), "import");
        const std::string token = hub.AddKiosk(dataset.places.front().meta.id);
        ByteRelay relay(hub.port());

        auto make_kiosk = [&] {
            auto k = std::make_unique<Kiosk>();
            k->db = k->dir.File("replica.db");
            k->config.hub_url = "https://127.0.0.1:" + std::to_string(relay.port());
            k->config.ca_file = hub.ca().certificate_path();
            k->config.clock_sync_marker = "";
            Replica replica = Check(Replica::Open(k->db), "open");
            Check(SyncStore(replica).SetCredentials(token, "", ""), "token");
            return k;
        };

        // --- Initial sync -------------------------------------------------------------------
        std::vector<double> initial_ms;
        std::vector<double> initial_pull_ms;
        std::uint64_t initial_down = 0;
        for (int r = 0; r < std::max(1, repeat / 2); ++r) {
            auto k = make_kiosk();
            Replica replica = Check(Replica::Open(k->db), "open");
            RunnerOptions options;
            options.config = k->config;
            SyncRunner runner(replica, options);
            relay.ResetCounts();
            const auto t0 = Clock::now();
            auto pulled = Check(runner.Pull(), "initial pull");
            const auto t1 = Clock::now();
            Check(runner.FetchVolunteers(), "volunteers");
            Check(runner.SendHeartbeat({}), "heartbeat");
            const auto t2 = Clock::now();
            if (!pulled.full || pulled.changes != records) {
                throw std::runtime_error("the initial sync did not bring every record");
            }
            initial_pull_ms.push_back(Ms(t1 - t0));
            initial_ms.push_back(Ms(t2 - t0));
            initial_down = relay.bytes_down();
        }
        Print({{"bench", "client"},
               {"what", "initial_sync"},
               {"records", records},
               {"pull_ms_median", Median(initial_pull_ms)},
               {"cycle_ms_median", Median(initial_ms)},
               {"runs", initial_ms.size()},
               {"wire_bytes_down", initial_down},
               {"target_ms", 2000}});

        // --- Unchanged poll -------------------------------------------------------------------
        auto k = make_kiosk();
        Replica replica = Check(Replica::Open(k->db), "open");
        RunnerOptions options;
        options.config = k->config;
        SyncRunner runner(replica, options);
        Check(runner.Cycle(true, {}), "first sync");
        std::vector<double> poll_ms;
        size_t http_up = 0;
        size_t http_down = 0;
        std::uint64_t kept_up = 0;
        std::uint64_t kept_down = 0;
        for (int r = 0; r < repeat; ++r) {
            relay.ResetCounts();
            const auto t0 = Clock::now();
            auto pulled = Check(runner.Pull(), "unchanged poll");
            poll_ms.push_back(Ms(Clock::now() - t0));
            if (!pulled.not_modified) {
                throw std::runtime_error("an unchanged poll did not get 304");
            }
            http_up = runner.transport().last_bytes_sent();
            http_down = runner.transport().last_bytes_received();
            kept_up = relay.bytes_up();
            kept_down = relay.bytes_down();
        }
        Print({{"bench", "client"},
               {"what", "unchanged_poll"},
               {"request", "GET /api/v1/changes -> 304"},
               {"http_bytes_up", http_up},
               {"http_bytes_down", http_down},
               {"http_bytes_total", http_up + http_down},
               {"tls_note", "http_* exclude TLS; wire_* include TLS records"},
               {"wire_bytes_kept_alive_up", kept_up},
               {"wire_bytes_kept_alive_down", kept_down},
               {"wire_bytes_kept_alive_total", kept_up + kept_down},
               {"latency_ms_median", Median(poll_ms)},
               {"target_bytes", 1000}});
        // The hub closes idle connections after 5 s, so a kiosk polling every minute connects
        // anew each time: TLS handshake (resumed where the TLS library allows it) included.
        std::uint64_t fresh_up = 0;
        std::uint64_t fresh_down = 0;
        std::uint64_t cycle_total = 0;
        for (int r = 0; r < repeat; ++r) {
            relay.CloseConnections();
            relay.ResetCounts();
            Check(runner.Pull(), "unchanged poll, new connection");
            fresh_up = relay.bytes_up();
            fresh_down = relay.bytes_down();
            relay.CloseConnections();
            relay.ResetCounts();
            auto cycle = Check(runner.Cycle(false, {}), "unchanged cycle");
            if (cycle.DataChanged()) {
                throw std::runtime_error("an unchanged cycle changed data");
            }
            cycle_total = relay.bytes_up() + relay.bytes_down();
        }
        Print({{"bench", "client"},
               {"what", "unchanged_poll_new_connection"},
               {"request", "TCP + TLS handshake + GET /api/v1/changes -> 304"},
               {"wire_bytes_up", fresh_up},
               {"wire_bytes_down", fresh_down},
               {"wire_bytes_total", fresh_up + fresh_down},
               {"unchanged_cycle_wire_bytes_total", cycle_total},
               {"unchanged_cycle", "changes 304 + volunteers 304, one new connection"},
               {"target_bytes", 1000}});

        // --- Delta of 100 changes ---------------------------------------------------------------
        for (const size_t deleted : {size_t{0}, size_t{10}}) {
            std::vector<double> delta_ms;
            for (int r = 0; r < repeat; ++r) {
                ChangeOffers(hub, dataset, static_cast<size_t>(r) * 100, 100 - deleted, deleted,
                             r + (deleted > 0 ? 100 : 0));
                const auto t0 = Clock::now();
                auto pulled = Check(runner.Pull(), "delta");
                delta_ms.push_back(Ms(Clock::now() - t0));
                if (pulled.changes != 100 || pulled.full) {
                    throw std::runtime_error("the delta did not bring 100 changes but " +
                                             std::to_string(pulled.changes));
                }
            }
            Print({{"bench", "client"},
                   {"what", deleted > 0 ? "delta_100_with_10_deletions" : "delta_100"},
                   {"records", records},
                   {"ms_median", Median(delta_ms)},
                   {"ms_max", *std::max_element(delta_ms.begin(), delta_ms.end())},
                   {"runs", delta_ms.size()},
                   {"target_ms", 100}});
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_client: %s\n", e.what());
        return 1;
    }
    return 0;
}
