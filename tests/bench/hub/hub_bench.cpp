// Benchmark of treffpunkt-hub on loopback HTTPS (issue 4): simulated kiosks polling without
// changes (polls/s, latency p50/p99), a full pull of 10,000 records, a push of 1,000 edits.
// Prints one JSON line per figure. Run a Release build:
//   build/release/tests/bench/hub/bench_hub [--kiosks N] [--seconds S]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sync/hub/admin.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/validation.hpp"
#include "tests/support/https_client.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_ca.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

template <class T>
T Check(Result<T> result, const char* what) {
    if (!result) {
        throw std::runtime_error(std::string(what) + ": " + result.error().message);
    }
    return std::move(result).value();
}

std::string Id(char prefix, int n) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%c0000000-0000-4000-8000-%012d", prefix, n);
    return buffer;
}

// A city-sized dataset: 10,000 records, offers with realistic amounts of text.
Dataset MakeDataset(int places_count) {
    Dataset d;
    const UtcTime now = hub::SystemNow();
    auto meta = [&](RecordMeta& m, std::string id) {
        m.id = std::move(id);
        m.updated = now;
    };
    TaxonomyTerm field;
    meta(field.meta, Id('1', 1));
    field.vocabulary = std::string(kVocabFieldOfAction);
    field.code = "bildung-und-erziehung";
    field.name = Text("Bildung und Erziehung");
    d.taxonomy.push_back(field);
    TaxonomyTerm help = field;
    meta(help.meta, Id('1', 2));
    help.vocabulary = std::string(kVocabHelpKind);
    help.code = "einkaufshilfe";
    help.name = Text("Einkaufshilfe");
    d.taxonomy.push_back(help);
    Organization org;
    meta(org.meta, Id('2', 1));
    org.name = Text("Caritasverband Saar-Hochwald e. V.");
    d.organizations.push_back(org);
    for (int p = 0; p < places_count; ++p) {
        Place place;
        meta(place.meta, Id('3', p));
        place.name = Text("Ort der Begegnung " + std::to_string(p));
        place.kind = "ort_der_begegnung";
        place.district = "Stadtteil " + std::to_string(p % 12);
        place.address.city = "Saarlouis";
        place.address.street = "Saarstraße " + std::to_string(p + 1);
        d.places.push_back(place);
        Contact contact;
        meta(contact.meta, Id('4', p));
        contact.name = "Quartiersbüro " + std::to_string(p);
        contact.place_id = place.meta.id;
        contact.phone = "06831 " + std::to_string(100000 + p);
        d.contacts.push_back(contact);
    }
    const int fixed = static_cast<int>(d.taxonomy.size() + d.organizations.size() +
                                       d.places.size() + d.contacts.size());
    const int helpers = 1500;
    const int offers = 10000 - fixed - helpers;
    for (int i = 0; i < offers; ++i) {
        Offer offer;
        meta(offer.meta, Id('5', i));
        offer.title = Text("Deutschkurs für Anfängerinnen und Anfänger Nr. " + std::to_string(i));
        offer.title.by_lang["en"] = "German for beginners no. " + std::to_string(i);
        offer.summary = Text(
            "Wir üben Sprechen, Lesen und Schreiben für den Alltag in kleinen "
            "Gruppen, mit Kinderbetreuung.");
        offer.description = Text(
            "Der Kurs richtet sich an Menschen, die neu in Saarlouis sind und Deutsch "
            "für den Alltag lernen möchten: beim Einkaufen, beim Arzt, in der Schule der "
            "Kinder. Wir treffen uns jede Woche, lernen mit Bildern und Gesprächen und "
            "trinken zusammen Kaffee. Eine Anmeldung ist nicht nötig; kommen Sie einfach "
            "vorbei. Kinder werden im Nebenraum betreut.");
        // The first 1,000 offers are at place 0, where the push benchmark's volunteer works.
        const size_t place = i < 1000 ? 0 : static_cast<size_t>(i % places_count);
        offer.place_id = d.places[place].meta.id;
        offer.organization_id = org.meta.id;
        offer.contact_id = d.contacts[place].meta.id;
        offer.fields_of_action = {field.meta.id};
        offer.languages = {"de", "ar", "uk"};
        Schedule s;
        s.start_date = ParseDate("2026-01-13");
        s.start_minute = 14 * 60;
        s.end_minute = 16 * 60;
        s.rrule = "FREQ=WEEKLY;BYDAY=TU";
        offer.schedule = s;
        d.offers.push_back(offer);
    }
    for (int i = 0; i < helpers; ++i) {
        Helper helper;
        meta(helper.meta, Id('6', i));
        helper.first_name = "Ingrid";
        helper.kinds_of_help = {help.meta.id};
        helper.languages = {"de", "fr"};
        helper.availability = Text("dienstags und donnerstags vormittags");
        helper.place_id = d.places[static_cast<size_t>(i % places_count)].meta.id;
        helper.coordinator_contact_id = d.contacts[static_cast<size_t>(i % places_count)].meta.id;
        d.helpers.push_back(helper);
    }
    return d;
}

double Percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t index =
        std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())));
    return values[index];
}

void Print(const json& line) {
    std::printf("%s\n", line.dump().c_str());
}

HttpRequestOptions Auth(const std::string& token, bool gzip = true) {
    HttpRequestOptions o;
    o.headers = JsonHeaders(token);
    o.accept_gzip = gzip;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    int kiosks = 8;
    double poll_seconds = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--kiosks") == 0) {
            kiosks = std::max(1, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--seconds") == 0) {
            poll_seconds = std::max(0.5, std::atof(argv[i + 1]));
        }
    }
    try {
        if (!hub::InitCrypto()) {
            throw std::runtime_error("libsodium cannot be initialised");
        }
        TempDir dir("treffpunkt-hub-bench");
        TestCa ca(dir.path());
        const CertFiles cert = ca.IssueServer("hub");
        hub::HubConfig config;
        config.database.path = dir.File("hub.db");
        config.server.listen_address = "127.0.0.1";
        config.server.port = 0;
        config.server.threads = std::max(16, kiosks + 4);
        config.server.keep_alive_max_requests = 1000000;
        config.server.keep_alive_timeout_s = 30;
        config.server.log_requests = false;
        config.tls.certificate = cert.certificate;
        config.tls.private_key = cert.private_key;
        config.limits.requests_per_minute = 10000000;
        config.argon2.insecure_test_parameters = true;

        constexpr int kPlaces = 50;
        hub::DatabaseOptions create;
        create.create = true;
        {
            auto store = Check(hub::HubStore::Open(config.database.path, create), "open");
            const auto started = Clock::now();
            const auto report =
                Check(hub::ImportDataset(*store, MakeDataset(kPlaces), hub::SystemNow(), false),
                      "import");
            Print({{"bench", "hub.import"},
                   {"records", report.created},
                   {"seconds", std::chrono::duration<double>(Clock::now() - started).count()}});
        }
        auto server = Check(hub::HubServer::Start(config), "start");
        const std::string url = "https://127.0.0.1:" + std::to_string(server->port());

        std::vector<std::string> tokens;
        std::string place0_volunteer;
        {
            auto store = Check(hub::HubStore::Open(config.database.path, {}), "open");
            for (int k = 0; k < kiosks; ++k) {
                tokens.push_back(
                    Check(hub::AddKiosk(*store, "", Id('3', k % kPlaces), hub::SystemNow()),
                          "kiosk")
                        .token);
            }
            hub::NewVolunteer v{"Carla", protocol::VolunteerRole::kCoordinator, {Id('3', 0)}, {}};
            place0_volunteer =
                Check(hub::AddVolunteer(*store, v, "123456", config.PinParams(), hub::SystemNow()),
                      "volunteer")
                    .account.id;
        }

        // --- A full pull of 10,000 records, as a kiosk does it (gzip, pages of 1,000).
        std::string cursor;
        {
            HttpsClient client(url, ca.certificate_path());
            (void)client.Get("/api/v1/health");  // the TLS handshake is not part of the pull
            const auto started = Clock::now();
            size_t records = 0;
            int pages = 0;
            long long wire = 0;
            long long json_bytes = 0;
            bool more = true;
            while (more) {
                const HttpResponse r =
                    client.Get("/api/v1/changes?limit=1000&since=" + cursor, Auth(tokens[0]));
                if (r.status != 200) {
                    throw std::runtime_error("pull failed: " + std::to_string(r.status) + r.error);
                }
                const json page = json::parse(r.body);
                records += page["changes"].size();
                cursor = page["cursor"];
                more = page["more"];
                wire += r.body_bytes_on_wire + r.header_bytes;
                json_bytes += static_cast<long long>(r.body.size());
                ++pages;
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            Print({{"bench", "hub.full_pull"},
                   {"records", records},
                   {"pages", pages},
                   {"bytes_on_wire", wire},
                   {"json_bytes", json_bytes},
                   {"seconds", seconds},
                   {"target_seconds", 1.0},
                   {"ok", seconds <= 1.0 && records == 10000}});
        }

        // --- No-change polls from simulated kiosks, each on its own keep-alive connection.
        {
            std::atomic<bool> go{false};
            std::atomic<bool> stop{false};
            std::atomic<int> ready{0};
            std::vector<std::vector<double>> latencies(static_cast<size_t>(kiosks));
            std::vector<long> errors(static_cast<size_t>(kiosks), 0);
            std::vector<long> not_modified(static_cast<size_t>(kiosks), 0);
            std::vector<long long> bytes(static_cast<size_t>(kiosks), 0);
            std::vector<std::thread> threads;
            for (int k = 0; k < kiosks; ++k) {
                threads.emplace_back([&, k] {
                    const size_t i = static_cast<size_t>(k);
                    HttpsClient client(url, ca.certificate_path());
                    // Catch up first, as a kiosk would have.
                    std::string my_cursor;
                    std::string etag;
                    bool more = true;
                    while (more) {
                        const HttpResponse r = client.Get(
                            "/api/v1/changes?limit=1000&since=" + my_cursor, Auth(tokens[i]));
                        const json page = json::parse(r.body);
                        my_cursor = page["cursor"];
                        more = page["more"];
                        etag = r.Header("etag");
                    }
                    HttpRequestOptions options = Auth(tokens[i]);
                    options.headers.push_back("If-None-Match: " + etag);
                    const std::string path = "/api/v1/changes?since=" + my_cursor;
                    ++ready;
                    while (!go) {
                        std::this_thread::yield();
                    }
                    while (!stop) {
                        const auto t0 = Clock::now();
                        const HttpResponse r = client.Get(path, options);
                        latencies[i].push_back(
                            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                        if (r.status == 304) {
                            ++not_modified[i];
                            bytes[i] = r.header_bytes + r.body_bytes_on_wire;
                        } else {
                            ++errors[i];
                        }
                    }
                });
            }
            while (ready < kiosks) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            const auto started = Clock::now();
            go = true;
            std::this_thread::sleep_for(std::chrono::duration<double>(poll_seconds));
            stop = true;
            for (std::thread& t : threads) {
                t.join();
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            std::vector<double> all;
            long polls = 0;
            long failed = 0;
            for (size_t k = 0; k < latencies.size(); ++k) {
                all.insert(all.end(), latencies[k].begin(), latencies[k].end());
                polls += not_modified[k];
                failed += errors[k];
            }
            const double per_second = static_cast<double>(polls) / seconds;
            const double p99 = Percentile(all, 0.99);
            Print({{"bench", "hub.no_change_polls"},
                   {"kiosks", kiosks},
                   {"polls", polls},
                   {"errors", failed},
                   {"polls_per_second", per_second},
                   {"latency_p50_ms", Percentile(all, 0.50)},
                   {"latency_p99_ms", p99},
                   {"answer_bytes", bytes[0]},
                   {"target_polls_per_second", 2000},
                   {"target_p99_ms", 20},
                   {"ok", per_second >= 2000 && p99 <= 20 && failed == 0}});
        }

        // --- 1,000 edits pushed by one kiosk, in pushes of 200 (the default maximum).
        {
            HttpsClient client(url, ca.certificate_path());
            (void)client.Get("/api/v1/health");
            std::vector<std::string> bodies;
            int offer = 0;
            for (int push = 0; push < 5; ++push) {
                json edits = json::array();
                for (int e = 0; e < 200; ++e, ++offer) {
                    edits.push_back({{"edit_id", NewUuid()},
                                     {"op", "update"},
                                     {"kind", "offers"},
                                     {"record_id", Id('5', offer)},
                                     {"base_revision", 1},
                                     {"fields",
                                      {{"title", {{"de", "Deutschkurs am Freitag"}}},
                                       {"last_checked", "2026-11-24"}}},
                                     {"volunteer_id", place0_volunteer},
                                     {"made_at", "2026-11-24T09:30:00Z"}});
                }
                bodies.push_back(json{{"edits", edits}}.dump());
            }
            const auto started = Clock::now();
            long applied = 0;
            for (const std::string& body : bodies) {
                const HttpResponse r = client.Post("/api/v1/edits", body, Auth(tokens[0]));
                if (r.status != 200) {
                    throw std::runtime_error("push failed: " + std::to_string(r.status) + r.body);
                }
                const json answer = json::parse(r.body);
                for (const json& result : answer["results"]) {
                    if (result["status"] == "applied") {
                        ++applied;
                    } else {
                        std::fprintf(stderr, "bench_hub: not applied: %s\n", result.dump().c_str());
                    }
                }
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            Print({{"bench", "hub.push_edits"},
                   {"edits", 1000},
                   {"pushes", bodies.size()},
                   {"applied", applied},
                   {"seconds", seconds},
                   {"target_seconds", 1.0},
                   {"ok", seconds <= 1.0 && applied == 1000}});
        }
        server->Stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_hub: %s\n", e.what());
        return 1;
    }
    return 0;
}
