#include "kiosk/app/command_line.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "kiosk/app/bootstrap.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/paths.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/client/sync_runner.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

constexpr const char* kProgram = "treffpunkt-kiosk";

UtcTime Now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

int Failure(const std::string& message) {
    std::cerr << kProgram << ": error: " << message << "\n";
    return 1;
}

void PrintProblems(const std::string& file, const std::vector<Problem>& problems) {
    for (const Problem& p : problems) {
        std::cerr << file << ": " << p.ToString() << "\n";
    }
    std::cerr << file << ": " << problems.size()
              << (problems.size() == 1 ? " problem" : " problems") << " found\n";
}

struct Options {
    std::string db_path;     // --db
    std::string file;        // import/validate FILE, export [FILE]
    std::string text;        // search TEXT
    bool json{false};        // search --json
    size_t limit{20};        // search --limit
    KioskLaunch launch;      // GUI options
    std::string window;      // --window WxH
    double exit_after_s{0};  // --exit-after
    bool once{false};        // sync --once
};

// The database to use: --db, else the default one (created from the sample data on first
// use, as the README's run command promises).
Result<Replica> OpenDatabase(const Options& o) {
    const bool is_default = o.db_path.empty();
    return OpenKioskReplica(is_default ? DefaultDatabasePath() : o.db_path, is_default, Now());
}

int Validate(const Options& o) {
    std::vector<Problem> problems;
    auto dataset = LoadDatasetFile(o.file, problems);
    if (!dataset) {
        if (problems.empty()) {
            return Failure(dataset.error().message);
        }
        PrintProblems(o.file, problems);
        return 1;
    }
    std::cout << o.file << ": valid dataset (format version " << dataset->format_version << ", "
              << AllRecords(*dataset).size() << " records)\n";
    return 0;
}

int Import(const Options& o) {
    std::vector<Problem> problems;
    auto dataset = LoadDatasetFile(o.file, problems);
    if (!dataset) {
        if (problems.empty()) {
            return Failure(dataset.error().message);
        }
        PrintProblems(o.file, problems);
        std::cerr << kProgram << ": nothing was imported; fix the problems above and try again\n";
        return 1;
    }
    const std::string db_path = o.db_path.empty() ? DefaultDatabasePath() : o.db_path;
    auto replica = OpenKioskReplica(db_path, false, Now());
    if (!replica) {
        return Failure(replica.error().message);
    }
    auto stats = replica->ReplaceDataset(*dataset, Now());
    if (!stats) {
        return Failure("import failed, the database is unchanged: " + stats.error().message);
    }
    std::cout << "Imported " << stats->records << " records into " << db_path << "\n";
    return 0;
}

int Export(const Options& o) {
    auto replica = OpenDatabase(o);
    if (!replica) {
        return Failure(replica.error().message);
    }
    auto dataset = replica->ExportDataset();
    if (!dataset) {
        return Failure(dataset.error().message);
    }
    const std::string text = SerializeDataset(*dataset);
    if (o.file.empty() || o.file == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : Failure("cannot write to standard output");
    }
    if (auto r = WriteFileAtomically(o.file, text); !r) {
        return Failure(r.error().message);
    }
    std::cerr << "Exported " << AllRecords(*dataset).size() << " records to " << o.file << "\n";
    return 0;
}

std::string KindLabel(RecordKind kind) {
    switch (kind) {
        case RecordKind::kOffer:
            return "offer";
        case RecordKind::kHelper:
            return "helper";
        case RecordKind::kContact:
            return "contact";
        case RecordKind::kPlace:
            return "place";
        case RecordKind::kNetwork:
            return "network";
        case RecordKind::kOrganization:
            return "organization";
        case RecordKind::kTaxonomy:
            return "term";
    }
    return "record";
}

int Search(const Options& o) {
    auto replica = OpenDatabase(o);
    if (!replica) {
        return Failure(replica.error().message);
    }
    auto result = replica->Search(o.text, o.limit);
    if (!result) {
        return Failure(result.error().message);
    }
    if (o.json) {
        nlohmann::json hits = nlohmann::json::array();
        for (const SearchHit& hit : result->hits) {
            hits.push_back({{"kind", std::string(RecordKindName(hit.kind))},
                            {"id", hit.id},
                            {"title", hit.title.De()},
                            {"subtitle", hit.subtitle.De()}});
        }
        const nlohmann::json out = {{"query", SanitizeUtf8(o.text)},
                                    {"total", result->total},
                                    {"total_capped", result->total_capped},
                                    {"hits", hits}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::cout << (result->total_capped ? "more than " : "") << result->total
              << (result->total == 1 ? " match" : " matches") << " for \""
              << SanitizeUtf8(Utf8Prefix(o.text, 80)) << "\"";
    if (result->total > result->hits.size()) {
        std::cout << " (showing " << result->hits.size() << ")";
    }
    std::cout << "\n";
    for (const SearchHit& hit : result->hits) {
        std::string line = "  " + KindLabel(hit.kind);
        line.resize(16, ' ');
        line += hit.title.De();
        if (!hit.subtitle.Empty()) {
            line += " – " + hit.subtitle.De();
        }
        std::cout << line << "\n";
    }
    return 0;
}

// Set by SIGINT/SIGTERM while `sync` runs; the sync stops cleanly.
std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) {
    g_interrupted.store(true);
}

void CatchInterrupts() {
    struct sigaction action {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void PrintLine(const std::string& line) {
    std::cout << line << std::endl;
}

int Sync(const Options& o) {
    KioskConfig config;
    if (!o.launch.config_path.empty()) {
        auto loaded = LoadKioskConfig(o.launch.config_path);
        if (!loaded) {
            return Failure(loaded.error().message);
        }
        config = std::move(*loaded);
    }
    if (!config.sync.enabled()) {
        return Failure(
            "no hub to sync with: set hub_url in the [sync] section of the config (see "
            "config/kiosk.example.toml) and pass it with --config FILE");
    }
    std::string db_path = o.db_path;
    if (db_path.empty()) {
        db_path = config.data_dir.empty() ? DefaultDatabasePath() : config.data_dir + "/replica.db";
    }
    auto replica = OpenKioskReplica(db_path, false, Now());
    if (!replica) {
        return Failure(replica.error().message);
    }
    CatchInterrupts();
    std::cout << "Syncing " << db_path << " with " << config.sync.hub_url
              << (o.once ? " (once)" : " (Ctrl+C stops)") << std::endl;
    const auto started = std::chrono::steady_clock::now();
    if (o.once) {
        RunnerOptions options;
        options.config = config.sync;
        options.version = TREFFPUNKT_VERSION;
        options.log = PrintLine;
        options.abort = &g_interrupted;
        SyncRunner runner(*replica, std::move(options));
        auto report = SyncOnce(runner, 0);
        if (!report) {
            if (g_interrupted.load()) {
                std::cerr << kProgram << ": interrupted; nothing half done is kept\n";
                return 130;
            }
            return Failure("sync failed (" + report.error().code + "): " + report.error().message);
        }
        std::cout << "Sync complete: " << report->push.sent << " edit(s) pushed, "
                  << (report->pull.not_modified
                          ? std::string("no changes")
                          : std::to_string(report->pull.changes) + " change(s) pulled")
                  << (report->pull.full ? " (full sync)" : "") << std::endl;
        return 0;
    }
    SyncEngineOptions options;
    options.config = config.sync;
    options.db_path = db_path;
    options.version = TREFFPUNKT_VERSION;
    options.log = PrintLine;
    auto engine = SyncEngine::Start(std::move(options));
    if (!engine) {
        return Failure(engine.error().message);
    }
    while (!g_interrupted.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    (*engine)->Stop();
    const SyncStatus status = (*engine)->Status();
    std::cout << "Stopped after "
              << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  started)
                     .count()
              << " s; last successful sync: "
              << (status.last_success ? FormatUtcTime(*status.last_success) : "never")
              << (status.last_error_code.empty() ? "" : "; last error: " + status.last_error_code)
              << std::endl;
    return 0;
}

}  // namespace

int RunKioskCommandLine(int argc, char** argv, const GuiEntry& gui) {
    Options o;
    CLI::App app{
        "Treffpunkt kiosk: local offers, helpers and contacts on a touch screen.\n"
        "Without a subcommand, opens the kiosk (needs a display).",
        kProgram};
    app.set_version_flag("--version", TREFFPUNKT_VERSION);
    app.add_option("--db", o.db_path,
                   "Database file (default: the XDG data directory, created from the sample "
                   "data on first use)");
    app.add_option("--config", o.launch.config_path, "Kiosk configuration (TOML)")
        ->check(CLI::ExistingFile);
    app.add_option("--script", o.launch.script_path, "Drive the app with a script (see README)")
        ->check(CLI::ExistingFile);
    app.add_option("--stats", o.launch.stats_path,
                   "Write frame and memory statistics (JSON) on exit");
    app.add_option("--exit-after", o.exit_after_s, "Quit after this many seconds")
        ->check(CLI::PositiveNumber);
    app.add_option("--window", o.window, "Open a window of WIDTHxHEIGHT instead of full screen");
    app.require_subcommand(0, 1);

    CLI::App* validate = app.add_subcommand("validate", "Check a dataset file; list every problem");
    validate->add_option("FILE", o.file, "Dataset file (JSON)")->required();
    CLI::App* import = app.add_subcommand(
        "import", "Validate a dataset file, then replace the kiosk's data with it");
    import->add_option("FILE", o.file, "Dataset file (JSON)")->required();
    CLI::App* exp = app.add_subcommand("export", "Write the kiosk's data as a dataset file");
    exp->add_option("FILE", o.file, "Output file (default: standard output)");
    CLI::App* search = app.add_subcommand("search", "Search the kiosk's data as the kiosk does");
    search->add_option("TEXT", o.text, "What to look for")->required();
    search->add_flag("--json", o.json, "Print JSON");
    search->add_option("--limit", o.limit, "At most this many results (default 20)")
        ->check(CLI::Range(1, 10000));
    CLI::App* sync = app.add_subcommand(
        "sync",
        "Sync with the hub of the config's [sync] section without the GUI: pair if needed "
        "(prints the code to approve), push edits, pull changes; until Ctrl+C");
    sync->add_flag("--once", o.once, "One sync (after pairing, if needed), then exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    try {
        if (validate->parsed()) {
            return Validate(o);
        }
        if (import->parsed()) {
            return Import(o);
        }
        if (exp->parsed()) {
            return Export(o);
        }
        if (search->parsed()) {
            return Search(o);
        }
        if (sync->parsed()) {
            return Sync(o);
        }
    } catch (const std::exception& e) {
        return Failure(std::string("unexpected failure: ") + e.what());
    }

    if (!gui) {
        return Failure(
            "this build has no GUI (configured with TREFFPUNKT_BUILD_GUI=OFF); use a "
            "subcommand, see --help");
    }
    o.launch.db_path = o.db_path.empty() ? DefaultDatabasePath() : o.db_path;
    o.launch.db_path_from_command_line = !o.db_path.empty();
    if (o.exit_after_s > 0) {
        o.launch.exit_after_s = o.exit_after_s;
    }
    if (!o.window.empty()) {
        o.launch.window_size = o.window;
    }
    return gui(o.launch);
}

}  // namespace treffpunkt
