// Replica benchmark: import time, database size, as-you-type search and category listing
// latency at 10,000 and 100,000 synthetic offers. Prints one JSON object per line.
//
//   build/release/tests/bench/replica/bench_replica [--offers 10000,100000] [--dir /tmp]
//                                                   [--slowest N]
//
// --slowest N also prints the N slowest search prefixes (to stderr), to see what makes the p99.
//
// Targets on the reference machine (2 cores): search p99 <= 2 ms at 10k and <= 20 ms at 100k;
// category listing p99 <= 2 ms at 10k; import of 10k <= 1 s.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "sync/model/text.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"
#include "tests/bench/replica/synthetic_dataset.hpp"

using namespace treffpunkt;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> samples, double p) {
    if (samples.empty()) {
        return 0;
    }
    std::sort(samples.begin(), samples.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(index, samples.size() - 1)];
}

void Line(size_t offers, const char* metric, double value, const char* unit, double target,
          size_t samples = 0) {
    std::printf(
        "{\"bench\":\"replica\",\"offers\":%zu,\"metric\":\"%s\",\"value\":%.3f,"
        "\"unit\":\"%s\"",
        offers, metric, value, unit);
    if (target > 0) {
        std::printf(",\"target\":%.3f,\"met\":%s", target, value <= target ? "true" : "false");
    }
    if (samples > 0) {
        std::printf(",\"samples\":%zu", samples);
    }
    std::printf("}\n");
    std::fflush(stdout);
}

// Every prefix (by code point) of every query, as typed one key at a time.
std::vector<std::string> Prefixes(const std::vector<std::string>& queries) {
    std::vector<std::string> out;
    for (const std::string& q : queries) {
        for (size_t n = 1; n <= Utf8Length(q); ++n) {
            out.emplace_back(Utf8Prefix(q, n));
        }
    }
    return out;
}

void PrintSlowest(const std::vector<std::string>& prefixes, const std::vector<double>& ms,
                  size_t n) {
    std::vector<size_t> order(ms.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    n = std::min(n, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                      [&](size_t a, size_t b) { return ms[a] > ms[b]; });
    for (size_t i = 0; i < n; ++i) {
        std::fprintf(stderr, "slow search %8.3f ms  \"%s\"\n", ms[order[i]],
                     prefixes[order[i]].c_str());
    }
}

int RunOne(size_t offers, const std::string& dir, size_t slowest) {
    const std::string path = dir + "/bench-" + std::to_string(offers) + ".db";
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    const Dataset dataset = bench::SyntheticDataset(offers);
    const UtcTime now = *ParseUtcTime("2026-11-25T10:00:00Z");

    auto replica = Replica::Open(path);
    if (!replica) {
        std::fprintf(stderr, "%s\n", replica.error().message.c_str());
        return 1;
    }
    const auto start = Clock::now();
    auto stats = replica->ReplaceDataset(dataset, now);
    const double import_s = Ms(Clock::now() - start) / 1000.0;
    if (!stats) {
        std::fprintf(stderr, "%s\n", stats.error().message.c_str());
        return 1;
    }
    Line(offers, "import_s", import_s, "s", offers == 10000 ? 1.0 : 0);
    (void)replica->db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    struct stat st {};
    ::stat(path.c_str(), &st);
    Line(offers, "db_size_mb", static_cast<double>(st.st_size) / 1e6, "MB", 0);

    // Warm up the page cache and statement cache as a running kiosk would have them.
    (void)replica->Search("Deutschkurs", 20);
    std::vector<double> search_ms;
    const std::vector<std::string> prefixes = Prefixes(bench::RealisticQueries());
    for (const std::string& prefix : prefixes) {
        const auto t0 = Clock::now();
        auto result = replica->Search(prefix, 20);
        search_ms.push_back(Ms(Clock::now() - t0));
        if (!result) {
            std::fprintf(stderr, "search failed: %s\n", result.error().message.c_str());
            return 1;
        }
    }
    PrintSlowest(prefixes, search_ms, slowest);
    const double search_target = offers <= 10000 ? 2.0 : offers <= 100000 ? 20.0 : 0;
    Line(offers, "search_p50_ms", Percentile(search_ms, 0.50), "ms", 0, search_ms.size());
    Line(offers, "search_p99_ms", Percentile(search_ms, 0.99), "ms", search_target,
         search_ms.size());

    // What the kiosk's results screen does per key: the matching offers in rank order (row
    // handles), the rows of the first screenful, and a few other records (places, contacts,
    // helpers, networks) that match. Reported without a target (the target is for search).
    std::vector<double> screen_ms;
    for (const std::string& prefix : prefixes) {
        const auto t0 = Clock::now();
        OfferQuery typed;
        typed.text = prefix;
        auto rows = replica->MatchOffers(typed, now);
        if (!rows) {
            std::fprintf(stderr, "offer search failed: %s\n", rows.error().message.c_str());
            return 1;
        }
        const std::vector<std::int64_t> screen(
            rows->begin(),
            rows->begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(20, rows->size())));
        auto visible = replica->OfferSummaries(screen, now);
        auto others = replica->Search(
            prefix, 6,
            {RecordKind::kContact, RecordKind::kPlace, RecordKind::kHelper, RecordKind::kNetwork});
        screen_ms.push_back(Ms(Clock::now() - t0));
    }
    PrintSlowest(prefixes, screen_ms, slowest);
    Line(offers, "results_screen_search_p50_ms", Percentile(screen_ms, 0.50), "ms", 0,
         screen_ms.size());
    Line(offers, "results_screen_search_p99_ms", Percentile(screen_ms, 0.99), "ms", 0,
         screen_ms.size());

    // Category listing as the results screen does it: all matching offers in order (as row
    // handles), then the rows of the first screenful. Materializing every row is measured too.
    auto fields = replica->Terms(kVocabFieldOfAction);
    std::vector<double> list_ms;
    std::vector<double> all_rows_ms;
    size_t listed = 0;
    for (int round = 0; round < 40; ++round) {
        for (const TaxonomyTerm& term : *fields) {
            OfferQuery query;
            query.fields_of_action = {term.meta.id};
            const auto t0 = Clock::now();
            auto rows = replica->MatchOffers(query, now);
            if (!rows) {
                std::fprintf(stderr, "listing failed: %s\n", rows.error().message.c_str());
                return 1;
            }
            const std::vector<std::int64_t> screen(
                rows->begin(),
                rows->begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(20, rows->size())));
            auto visible = replica->OfferSummaries(screen, now);
            list_ms.push_back(Ms(Clock::now() - t0));
            listed = rows->size();
            if (round % 8 == 0) {
                const auto t1 = Clock::now();
                auto all = replica->FindOffers(query, now);
                all_rows_ms.push_back(Ms(Clock::now() - t1));
            }
        }
    }
    Line(offers, "category_list_p50_ms", Percentile(list_ms, 0.50), "ms", 0, list_ms.size());
    Line(offers, "category_list_p99_ms", Percentile(list_ms, 0.99), "ms", offers <= 10000 ? 2.0 : 0,
         list_ms.size());
    Line(offers, "category_list_matches", static_cast<double>(listed), "rows", 0);
    Line(offers, "category_all_rows_p50_ms", Percentile(all_rows_ms, 0.50), "ms", 0,
         all_rows_ms.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<size_t> sizes = {10000, 100000};
    std::string dir = std::filesystem::temp_directory_path().string();
    size_t slowest = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--offers") == 0 && i + 1 < argc) {
            sizes.clear();
            std::string list = argv[++i];
            for (size_t pos = 0; pos < list.size();) {
                size_t end = list.find(',', pos);
                end = end == std::string::npos ? list.size() : end;
                sizes.push_back(std::stoul(list.substr(pos, end - pos)));
                pos = end + 1;
            }
        } else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (std::strcmp(argv[i], "--slowest") == 0 && i + 1 < argc) {
            slowest = std::stoul(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--offers 10000,100000] [--dir DIR] [--slowest N]\n",
                         argv[0]);
            return 2;
        }
    }
    for (size_t n : sizes) {
        if (int rc = RunOne(n, dir, slowest); rc != 0) {
            return rc;
        }
    }
    return 0;
}
