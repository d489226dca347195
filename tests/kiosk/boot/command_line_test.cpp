// treffpunkt-kiosk's subcommands, run as a person would run them: the real binary, real files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sync/model/dataset.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;

namespace {

struct Outcome {
    int exit_code{-1};
    std::string out;  // standard output
    std::string err;  // standard error
};

std::string Quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs treffpunkt-kiosk with `args`; `env` is prepended (e.g. "TREFFPUNKT_DATA_DIR=/x").
Outcome Kiosk(const TempDir& dir, const std::vector<std::string>& args,
              const std::string& env = "") {
    std::string cmd = env + " " + Quote(TREFFPUNKT_KIOSK_BINARY);
    for (const std::string& a : args) {
        cmd += " " + Quote(a);
    }
    cmd += " >" + Quote(dir.File("stdout")) + " 2>" + Quote(dir.File("stderr")) + " </dev/null";
    Outcome run;
    const int status = std::system(cmd.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(dir.File("stdout"));
    run.err = Slurp(dir.File("stderr"));
    return run;
}

void Write(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

TEST(CommandLine, ValidateAcceptsAGoodFile) {
    TempDir dir;
    Write(dir.File("good.json"), SerializeDataset(TestDataset()));
    const Outcome run = Kiosk(dir, {"validate", dir.File("good.json")});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("valid dataset"), std::string::npos) << run.out;
}

TEST(CommandLine, ValidateNamesEveryProblemWithItsPath) {
    TempDir dir;
    auto doc = nlohmann::json::parse(SerializeDataset(TestDataset()));
    doc["offers"][2]["schedule"] = {{"start_date", "2026-01-01"},
                                    {"start_time", "14:00"},
                                    {"end_time", "16:00"},
                                    {"rrule", "FREQ=WEEKLY;BYDAY=XX"}};
    doc["offers"][0]["title"] = {{"en", "no German"}};
    Write(dir.File("bad.json"), doc.dump());
    const Outcome run = Kiosk(dir, {"validate", dir.File("bad.json")});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("offers[2].schedule.rrule: BYDAY=XX is not a weekday"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("offers[0].title.de: is required"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("2 problems found"), std::string::npos) << run.err;
}

TEST(CommandLine, ImportOfAnInvalidFileChangesNothing) {
    TempDir dir;
    const std::string db = dir.File("replica.db");
    Write(dir.File("good.json"), SerializeDataset(TestDataset()));
    ASSERT_EQ(Kiosk(dir, {"--db", db, "import", dir.File("good.json")}).exit_code, 0);

    Dataset other = TestDataset();
    other.offers.resize(1);
    other.offers[0].title = Text("Völlig neuer Titel");
    auto doc = nlohmann::json::parse(SerializeDataset(other));
    doc["helpers"][0]["first_name"] = "";
    Write(dir.File("bad.json"), doc.dump());
    const Outcome bad = Kiosk(dir, {"--db", db, "import", dir.File("bad.json")});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("helpers[0].first_name: is required"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("nothing was imported"), std::string::npos) << bad.err;

    const Outcome search = Kiosk(dir, {"--db", db, "search", "Deutschkurs", "--json"});
    ASSERT_EQ(search.exit_code, 0) << search.err;
    const auto result = nlohmann::json::parse(search.out);
    EXPECT_EQ(result["hits"][0]["title"], "Deutschkurs für Anfänger");
    const Outcome none = Kiosk(dir, {"--db", db, "search", "Völlig", "--json"});
    EXPECT_EQ(nlohmann::json::parse(none.out)["total"], 0);
}

TEST(CommandLine, ExportWritesWhatWasImported) {
    TempDir dir;
    const std::string db = dir.File("replica.db");
    Write(dir.File("in.json"), SerializeDataset(TestDataset()));
    ASSERT_EQ(Kiosk(dir, {"--db", db, "import", dir.File("in.json")}).exit_code, 0);
    const Outcome run = Kiosk(dir, {"--db", db, "export", dir.File("out.json")});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::vector<Problem> problems;
    auto exported = ParseDataset(Slurp(dir.File("out.json")), problems);
    ASSERT_TRUE(exported) << (problems.empty() ? "" : problems[0].ToString());
    // Export lists offers by title; compare them by id.
    auto by_id = [](std::vector<Offer> offers) {
        std::sort(offers.begin(), offers.end(),
                  [](const Offer& a, const Offer& b) { return a.meta.id < b.meta.id; });
        return offers;
    };
    EXPECT_EQ(by_id(exported->offers), by_id(TestDataset().offers));
    // To standard output as well.
    const Outcome to_stdout = Kiosk(dir, {"--db", db, "export"});
    EXPECT_EQ(to_stdout.exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(to_stdout.out)["format"], "treffpunkt-dataset");
}

TEST(CommandLine, SearchPrintsReadableLines) {
    TempDir dir;
    const std::string db = dir.File("replica.db");
    Write(dir.File("in.json"), SerializeDataset(TestDataset()));
    ASSERT_EQ(Kiosk(dir, {"--db", db, "import", dir.File("in.json")}).exit_code, 0);
    const Outcome run = Kiosk(dir, {"--db", db, "search", "Mueller"});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("contact"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Hans Müller – Koordination Sorgekreis Roden"), std::string::npos)
        << run.out;
    const Outcome limited = Kiosk(dir, {"--db", db, "search", "e", "--limit", "1"});
    EXPECT_NE(limited.out.find("(showing 1)"), std::string::npos) << limited.out;
}

TEST(CommandLine, TheDefaultDatabaseStartsWithTheSampleData) {
    TempDir dir;
    const std::string env = "TREFFPUNKT_DATA_DIR=" + Quote(dir.File("data"));
    const Outcome first = Kiosk(dir, {"search", "Sozialbüro", "--json"}, env);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_GT(nlohmann::json::parse(first.out)["total"].get<int>(), 0);
    EXPECT_FALSE(nlohmann::json::parse(first.out)["total_capped"].get<bool>());
    // The second start uses the same file, without seeding again.
    const Outcome second = Kiosk(dir, {"export"}, env);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(nlohmann::json::parse(second.out)["offers"].size(), 83u);
}

TEST(CommandLine, BadUseExitsNonZeroWithAMessage) {
    TempDir dir;
    const Outcome unknown = Kiosk(dir, {"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_FALSE(unknown.err.empty());
    const Outcome missing = Kiosk(dir, {"validate"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("FILE"), std::string::npos) << missing.err;
    const Outcome no_file = Kiosk(dir, {"validate", dir.File("nope.json")});
    EXPECT_EQ(no_file.exit_code, 1);
    EXPECT_NE(no_file.err.find("cannot open"), std::string::npos) << no_file.err;
    const Outcome not_json = [&] {
        Write(dir.File("x.json"), "{ this is not json");
        return Kiosk(dir, {"validate", dir.File("x.json")});
    }();
    EXPECT_EQ(not_json.exit_code, 1);
    EXPECT_NE(not_json.err.find("not valid JSON at line 1"), std::string::npos) << not_json.err;
    const Outcome help = Kiosk(dir, {"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("import"), std::string::npos);
}

TEST(CommandLine, ACorruptDatabaseGetsAClearMessage) {
    TempDir dir;
    Write(dir.File("replica.db"), std::string(4096, 'x'));
    const Outcome run = Kiosk(dir, {"--db", dir.File("replica.db"), "search", "x"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("file is not a database"), std::string::npos) << run.err;
}
