#include "sync/hub/hub_cli.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sync/hub/admin.hpp"
#include "sync/hub/edit_processor.hpp"
#include "sync/hub/hub_config.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/hub_service.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/text.hpp"
#include "sync/model/validation.hpp"

#ifndef TREFFPUNKT_VERSION
#define TREFFPUNKT_VERSION "0.0.0"
#endif

namespace treffpunkt::hub {

namespace {

using nlohmann::json;

struct Context {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool tty;
    std::string config_path;
};

int Failed(Context& c, const Error& e) {
    c.err << "treffpunkt-hub: " << e.message << "\n";
    return 1;
}

int Failed(Context& c, const std::string& message) {
    return Failed(c, Error{"", message});
}

std::string Ago(UtcTime then, UtcTime now) {
    const auto s = (now - then).count();
    if (s < 0) {
        return "in the future";
    }
    if (s < 120) {
        return std::to_string(s) + " s ago";
    }
    if (s < 2 * 3600) {
        return std::to_string(s / 60) + " min ago";
    }
    if (s < 2 * 86400) {
        return std::to_string(s / 3600) + " h ago";
    }
    return std::to_string(s / 86400) + " days ago";
}

std::string Short(const std::string& id) {
    return id.substr(0, 8);
}

// A plain text table: columns padded to their widest cell (in bytes; names are mostly ASCII).
class Table {
  public:
    explicit Table(std::vector<std::string> header) { m_rows.push_back(std::move(header)); }
    void Add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    void Print(std::ostream& out) const {
        std::vector<size_t> widths;
        for (const auto& row : m_rows) {
            widths.resize(std::max(widths.size(), row.size()));
            for (size_t i = 0; i < row.size(); ++i) {
                widths[i] = std::max(widths[i], Utf8Length(row[i]));
            }
        }
        for (const auto& row : m_rows) {
            std::string line;
            for (size_t i = 0; i < row.size(); ++i) {
                line += row[i];
                if (i + 1 < row.size()) {
                    line += std::string(widths[i] - Utf8Length(row[i]) + 2, ' ');
                }
            }
            out << line << "\n";
        }
    }

  private:
    std::vector<std::vector<std::string>> m_rows;
};

Result<HubConfig> Config(Context& c) {
    return LoadHubConfig(c.config_path);
}

Result<std::unique_ptr<HubStore>> OpenStore(const HubConfig& config, bool create = false) {
    DatabaseOptions options;
    options.create = create;
    options.busy_timeout_ms = config.database.busy_timeout_ms;
    return HubStore::Open(config.database.path, options);
}

// The store of the configuration the command runs with (--config), for commands that need
// nothing else from it.
Result<std::unique_ptr<HubStore>> ConfiguredStore(Context& c) {
    auto config = Config(c);
    if (!config) {
        return Unexpected<Error>(config.error());
    }
    return OpenStore(*config);
}

// Reads a PIN: hidden and asked twice on a terminal; else the first line of `in`.
Result<std::string> ReadPin(Context& c, bool from_stdin) {
    auto read_line = [&](std::string& line) -> bool {
        if (!std::getline(c.in, line)) {
            return false;
        }
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
            line.pop_back();
        }
        return true;
    };
    if (from_stdin || !c.tty) {
        std::string pin;
        if (!read_line(pin) || pin.empty()) {
            return Fail("admin.bad_pin", "no PIN on standard input (one line of digits)");
        }
        return pin;
    }
    termios saved{};
    const bool can_hide = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    auto ask = [&](const char* prompt, std::string& pin) -> bool {
        c.err << prompt << std::flush;
        if (can_hide) {
            termios hidden = saved;
            hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
        }
        const bool ok = read_line(pin);
        if (can_hide) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        }
        c.err << "\n";
        return ok;
    };
    std::string first;
    std::string second;
    if (!ask("PIN (at least 6 digits): ", first) || !ask("The same PIN again: ", second)) {
        return Fail("admin.bad_pin", "no PIN entered");
    }
    if (first != second) {
        return Fail("admin.bad_pin", "the two PINs differ; nothing was changed");
    }
    return first;
}

// Finds a kiosk by its id or a unique prefix of it (as `kiosk list` shows them).
Result<KioskRow> FindKiosk(HubStore& store, const std::string& id) {
    auto kiosks = store.Kiosks();
    if (!kiosks) {
        return Unexpected<Error>(kiosks.error());
    }
    std::vector<KioskRow> matches;
    for (KioskRow& k : *kiosks) {
        if (k.id == id) {
            return k;
        }
        if (id.size() >= 4 && k.id.rfind(id, 0) == 0) {
            matches.push_back(k);
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    return Fail("admin.no_such_kiosk", matches.empty()
                                           ? "there is no kiosk " + id + " (see `kiosk list`)"
                                           : "\"" + id +
                                                 "\" matches several kiosks; give more "
                                                 "of the id");
}

Result<VolunteerRow> FindVolunteer(HubStore& store, const std::string& id) {
    auto volunteers = store.Volunteers();
    if (!volunteers) {
        return Unexpected<Error>(volunteers.error());
    }
    std::vector<VolunteerRow> matches;
    for (VolunteerRow& v : *volunteers) {
        if (v.account.id == id) {
            return v;
        }
        if (id.size() >= 4 && v.account.id.rfind(id, 0) == 0) {
            matches.push_back(v);
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    return Fail("admin.no_such_volunteer",
                matches.empty() ? "there is no volunteer " + id + " (see `volunteer list`)"
                                : "\"" + id + "\" matches several volunteers; give more of the id");
}

// Holds an exclusive lock on "<database>.lock" while `serve` runs, so that `restore` cannot
// replace the file under a running hub.
class ServeLock {
  public:
    explicit ServeLock(const std::string& db_path) {
        m_fd = ::open((db_path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
        m_locked = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    }
    ~ServeLock() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    bool locked() const { return m_locked; }

  private:
    int m_fd{-1};
    bool m_locked{false};
};

// --- Commands --------------------------------------------------------------------------------

int CmdInit(Context& c) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    const std::filesystem::path path(config->database.path);
    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
    }
    const bool existed = std::filesystem::exists(path);
    auto store = OpenStore(*config, true);
    if (!store) {
        return Failed(c, store.error());
    }
    auto feed = (*store)->Feed();
    if (!feed) {
        return Failed(c, feed.error());
    }
    c.out << (existed ? "database is ready: " : "created the database ") << path.string()
          << " (schema version " << HubSchemaVersion() << ", " << feed->last_seq
          << " changes so far)\n";
    if (!existed) {
        c.out << "next: treffpunkt-hub import DATASET.json, then kiosk add/approve and volunteer "
                 "add (see docs/operations.md)\n";
    }
    return 0;
}

int CmdServe(Context& c) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (auto ok = InitCrypto(); !ok) {
        return Failed(c, ok.error());
    }
    ServeLock lock(config->database.path);
    if (!lock.locked()) {
        return Failed(c, "another treffpunkt-hub already serves " + config->database.path);
    }
    // Signals are taken by this thread alone (sigwait), never by a server thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    auto server = HubServer::Start(*config);
    if (!server) {
        return Failed(c, server.error());
    }
    const bool https = config->server.mode == ServerMode::kHttps;
    c.out << "treffpunkt-hub " << TREFFPUNKT_VERSION << " listening on "
          << (https ? "https://" : "http://") << config->server.listen_address << ":"
          << (*server)->port() << " (database " << config->database.path << ")" << std::endl;
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    c.out << "stopping (signal " << signal_number << ")" << std::endl;
    (*server)->Stop();
    return 0;
}

int CmdImport(Context& c, const std::string& file, bool dry_run) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    auto text = ReadTextFile(file);
    if (!text) {
        return Failed(c, text.error());
    }
    std::vector<Problem> problems;
    auto dataset = ParseDataset(*text, problems);
    if (!dataset) {
        for (const Problem& p : problems) {
            c.err << file << ": " << p.ToString() << "\n";
        }
        return Failed(c, std::to_string(problems.size()) + " problem(s) in " + file +
                             "; nothing was imported");
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    auto report = ImportDataset(**store, *dataset, SystemNow(), dry_run);
    if (!report) {
        return Failed(c, report.error());
    }
    c.out << (dry_run ? "would import " : "imported ") << file << ": " << report->created
          << " new, " << report->updated << " changed, " << report->deleted
          << " deleted (not in the file), " << report->unchanged << " unchanged\n";
    return 0;
}

int CmdExport(Context& c, const std::string& file) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto dataset = ExportDataset(**store, SystemNow());
    if (!dataset) {
        return Failed(c, dataset.error());
    }
    const std::string text = SerializeDataset(*dataset);
    if (file.empty() || file == "-") {
        c.out << text;
        return 0;
    }
    if (auto ok = WriteFileAtomically(file, text); !ok) {
        return Failed(c, ok.error());
    }
    c.out << "exported " << AllRecords(*dataset).size() << " records to " << file << "\n";
    return 0;
}

int CmdBackup(Context& c, const std::string& file) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    std::error_code ec;
    if (std::filesystem::equivalent(file, config->database.path, ec)) {
        return Failed(c, "the backup must not overwrite the database itself");
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    if (auto ok = (*store)->db().BackupTo(file); !ok) {
        return Failed(c, ok.error());
    }
    c.out << "backup of " << config->database.path << " written to " << file << "\n";
    return 0;
}

int CmdRestore(Context& c, const std::string& file) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    const std::string& target = config->database.path;
    {
        // The backup must be a hub database this program can read.
        DatabaseOptions options;
        options.read_only = true;
        auto backup = HubStore::Open(file, options);
        if (!backup && backup.error().code != "db.old_schema") {
            return Failed(c, "cannot restore from " + file + ": " + backup.error().message);
        }
    }
    ServeLock lock(target);
    if (!lock.locked()) {
        return Failed(c, "treffpunkt-hub serve is running on " + target +
                             "; stop it first (systemctl stop treffpunkt-hub)");
    }
    const std::string temp = target + ".restoring";
    std::error_code ec;
    std::filesystem::copy_file(file, temp, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
        return Failed(c, "cannot copy " + file + ": " + ec.message());
    }
    // The old WAL belongs to the old file: it must go before the new file takes its place.
    std::filesystem::remove(target + "-wal", ec);
    std::filesystem::remove(target + "-shm", ec);
    std::filesystem::rename(temp, target, ec);
    if (ec) {
        return Failed(c, "cannot move the restored database into place: " + ec.message());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    // Kiosks may hold cursors newer than the backup: a new epoch makes all of them resync.
    if (auto ok = (*store)->RenewEpoch(); !ok) {
        return Failed(c, ok.error());
    }
    c.out << "restored " << target << " from " << file
          << "; every kiosk will resync in full at its next poll\n";
    return 0;
}

int CmdKioskList(Context& c) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    const UtcTime now = SystemNow();
    auto fleet = Fleet(**store, config->status, now);
    if (!fleet) {
        return Failed(c, fleet.error());
    }
    Table table({"ID", "NAME", "PLACE", "STATE", "PAIRED", "LAST SEEN"});
    for (const FleetEntry& e : fleet->kiosks) {
        table.Add({e.kiosk.id, e.kiosk.name, e.place_name, std::string(KioskStateName(e.state)),
                   FormatDate(BerlinDate(e.kiosk.created_at)),
                   e.kiosk.last_seen_at ? Ago(*e.kiosk.last_seen_at, now) : "never"});
    }
    table.Print(c.out);
    auto pairings = (*store)->OpenPairings(now);
    if (!pairings) {
        return Failed(c, pairings.error());
    }
    if (!pairings->empty()) {
        c.out << "\nwaiting for approval (treffpunkt-hub kiosk approve CODE --place PLACE_ID):\n";
        Table waiting({"CODE", "KIOSK NAME", "VERSION", "FROM", "EXPIRES"});
        for (const PairingRow& p : *pairings) {
            waiting.Add({p.code, p.kiosk_name.empty() ? "-" : p.kiosk_name, p.version, p.address,
                         "in " + std::to_string((p.expires_at - now).count() / 60) + " min"});
        }
        waiting.Print(c.out);
    }
    return 0;
}

int CmdKioskAdd(Context& c, const std::string& place, const std::string& name) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (auto ok = InitCrypto(); !ok) {
        return Failed(c, ok.error());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    auto kiosk = AddKiosk(**store, name, place, SystemNow());
    if (!kiosk) {
        return Failed(c, kiosk.error());
    }
    c.err << "added kiosk " << kiosk->kiosk.id << " (" << kiosk->kiosk.name
          << "); its device token follows, shown only now:\n";
    c.out << kiosk->token << "\n";
    return 0;
}

int CmdKioskApprove(Context& c, const std::string& code, const std::string& place,
                    const std::string& name) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto kiosk = ApprovePairing(**store, code, place, name, SystemNow());
    if (!kiosk) {
        return Failed(c, kiosk.error());
    }
    c.out << "approved " << NormalizePairingCode(code) << ": kiosk " << kiosk->id << " ("
          << kiosk->name << "); it receives its token at its next poll\n";
    return 0;
}

int CmdKioskRevoke(Context& c, const std::string& id) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto kiosk = FindKiosk(**store, id);
    if (!kiosk) {
        return Failed(c, kiosk.error());
    }
    auto revoked = (*store)->RevokeKiosk(kiosk->id, SystemNow());
    if (!revoked) {
        return Failed(c, revoked.error());
    }
    c.out << "revoked kiosk " << kiosk->id << " (" << kiosk->name
          << "); its token is refused from its next request on\n";
    return 0;
}

int CmdVolunteerAdd(Context& c, const NewVolunteer& volunteer, bool pin_stdin) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (auto ok = InitCrypto(); !ok) {
        return Failed(c, ok.error());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    auto pin = ReadPin(c, pin_stdin);
    if (!pin) {
        return Failed(c, pin.error());
    }
    auto row = AddVolunteer(**store, volunteer, *pin, config->PinParams(), SystemNow());
    if (!row) {
        return Failed(c, row.error());
    }
    c.out << row->account.id << "\n";
    c.err << "added " << protocol::VolunteerRoleName(row->account.role) << " " << row->account.name
          << "; the kiosks of their places learn the PIN at their next sync\n";
    return 0;
}

int CmdVolunteerList(Context& c, const std::string& place) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto volunteers = (*store)->Volunteers();
    if (!volunteers) {
        return Failed(c, volunteers.error());
    }
    Table table({"ID", "NAME", "ROLE", "PLACES", "ORGANIZATIONS", "STATUS"});
    for (const VolunteerRow& v : *volunteers) {
        const auto& places = v.account.places;
        if (!place.empty() && std::find(places.begin(), places.end(), place) == places.end()) {
            continue;
        }
        std::string place_list;
        for (const std::string& p : places) {
            place_list += (place_list.empty() ? "" : ",") + Short(p);
        }
        std::string org_list;
        for (const std::string& o : v.account.organizations) {
            org_list += (org_list.empty() ? "" : ",") + Short(o);
        }
        table.Add({v.account.id, v.account.name,
                   std::string(protocol::VolunteerRoleName(v.account.role)), place_list,
                   org_list.empty() ? "-" : org_list, v.disabled_at ? "disabled" : "active"});
    }
    table.Print(c.out);
    return 0;
}

int CmdVolunteerResetPin(Context& c, const std::string& id, bool pin_stdin) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (auto ok = InitCrypto(); !ok) {
        return Failed(c, ok.error());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    auto volunteer = FindVolunteer(**store, id);
    if (!volunteer) {
        return Failed(c, volunteer.error());
    }
    auto pin = ReadPin(c, pin_stdin);
    if (!pin) {
        return Failed(c, pin.error());
    }
    if (auto ok = ResetPin(**store, volunteer->account.id, *pin, config->PinParams(), SystemNow());
        !ok) {
        return Failed(c, ok.error());
    }
    c.out << "new PIN set for " << volunteer->account.name
          << "; kiosks learn it at their next sync\n";
    return 0;
}

int CmdVolunteerDisable(Context& c, const std::string& id) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto volunteer = FindVolunteer(**store, id);
    if (!volunteer) {
        return Failed(c, volunteer.error());
    }
    auto done = (*store)->DisableVolunteer(volunteer->account.id, SystemNow());
    if (!done) {
        return Failed(c, done.error());
    }
    c.out << "disabled " << volunteer->account.name
          << "; kiosks drop their PIN at their next sync and the hub refuses their edits now\n";
    return 0;
}

int CmdPinCost(Context& c) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (auto ok = InitCrypto(); !ok) {
        return Failed(c, ok.error());
    }
    const Argon2Params params = config->PinParams();
    auto verifier = MakePinVerifier("123456", params);
    if (!verifier) {
        return Failed(c, verifier.error());
    }
    constexpr int kRounds = 5;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) {
        if (!VerifyPin(*verifier, "123456")) {
            return Failed(c, "the verifier did not verify; libsodium is broken");
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / kRounds;
    c.out << "Argon2id opslimit " << params.opslimit << ", memlimit "
          << params.memlimit_bytes / 1024 << " KiB: checking a PIN takes " << std::fixed
          << std::setprecision(3) << seconds
          << " s on this machine (aim for 0.3-0.5 s on the kiosks' hardware)\n";
    return 0;
}

int CmdConflictsList(Context& c, bool all) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto conflicts = (*store)->Conflicts(all);
    if (!conflicts) {
        return Failed(c, conflicts.error());
    }
    if (conflicts->empty()) {
        c.out << (all ? "no conflicts\n" : "no open conflicts\n");
        return 0;
    }
    Table table({"ID", "RECORD", "KIND", "FIELDS", "VOLUNTEER", "KIOSK", "WHEN", "STATUS"});
    const UtcTime now = SystemNow();
    for (const ConflictRow& row : *conflicts) {
        std::string fields;
        for (const auto& f : row.fields) {
            fields += (fields.empty() ? "" : ",") + f.field;
        }
        if (row.op == "delete") {
            fields = "(deletion) " + fields;
        }
        table.Add({std::to_string(row.id), row.record_id, std::string(RecordKindName(row.kind)),
                   fields, Short(row.volunteer_id), Short(row.kiosk_id), Ago(row.created_at, now),
                   row.resolved_at ? "resolved: " + row.resolution : "open"});
    }
    table.Print(c.out);
    return 0;
}

int CmdConflictsShow(Context& c, std::int64_t id) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto conflict = (*store)->Conflict(id);
    if (!conflict) {
        return Failed(c, conflict.error());
    }
    if (!*conflict) {
        return Failed(c, "there is no conflict " + std::to_string(id));
    }
    const ConflictRow& row = **conflict;
    auto volunteer = (*store)->Volunteer(row.volunteer_id);
    const std::string who = volunteer && *volunteer ? (*volunteer)->account.name : row.volunteer_id;
    c.out << "conflict " << row.id << ": " << RecordKindName(row.kind) << " " << row.record_id
          << "\n"
          << "  edit " << row.edit_id << " (" << row.op << ") by " << who << " on kiosk "
          << row.kiosk_id << (row.made_at ? ", made " + FormatUtcTime(*row.made_at) : "") << "\n"
          << "  based on revision " << row.base_revision << "; the hub had revision "
          << row.hub_revision << "\n"
          << "  status: "
          << (row.resolved_at ? "resolved (" + row.resolution + ") by " + row.resolved_by
                              : std::string("open"))
          << "\n";
    for (const auto& f : row.fields) {
        c.out << "\n  " << f.field << "\n"
              << "    before: " << f.base.dump(-1, ' ', false, json::error_handler_t::replace)
              << "\n"
              << "    hub:    " << f.hub.dump(-1, ' ', false, json::error_handler_t::replace)
              << "\n"
              << "    kiosk:  " << f.kiosk.dump(-1, ' ', false, json::error_handler_t::replace)
              << "\n";
    }
    if (!row.resolved_at) {
        c.out << "\nresolve with: treffpunkt-hub conflicts resolve " << row.id
              << " --take kiosk|hub   (or --field NAME=kiosk|hub for each field)\n";
    }
    return 0;
}

int CmdConflictsResolve(Context& c, std::int64_t id, const std::string& take,
                        const std::vector<std::string>& field_choices) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    if (take.empty() == field_choices.empty()) {
        return Failed(c, "give either --take kiosk|hub or one --field NAME=kiosk|hub per field");
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    auto conflict = (*store)->Conflict(id);
    if (!conflict) {
        return Failed(c, conflict.error());
    }
    if (!*conflict) {
        return Failed(c, "there is no conflict " + std::to_string(id));
    }
    Resolution resolution;
    if (!take.empty()) {
        for (const auto& f : (*conflict)->fields) {
            resolution.take_kiosk.emplace_back(f.field, take == "kiosk");
        }
    }
    for (const std::string& choice : field_choices) {
        const size_t eq = choice.find('=');
        const std::string side = eq == std::string::npos ? "" : choice.substr(eq + 1);
        if (side != "kiosk" && side != "hub") {
            return Failed(c, "--field takes NAME=kiosk or NAME=hub, not \"" + choice + "\"");
        }
        resolution.take_kiosk.emplace_back(choice.substr(0, eq), side == "kiosk");
    }
    auto revision = ResolveConflictAsAdmin(**store, id, resolution, SystemNow());
    if (!revision) {
        return Failed(c, revision.error());
    }
    c.out << "resolved conflict " << id << "; record " << (*conflict)->record_id
          << " is at revision " << *revision << "\n";
    return 0;
}

int CmdStatus(Context& c, bool as_json) {
    auto config = Config(c);
    if (!config) {
        return Failed(c, config.error());
    }
    auto store = OpenStore(*config);
    if (!store) {
        return Failed(c, store.error());
    }
    const UtcTime now = SystemNow();
    auto fleet = Fleet(**store, config->status, now);
    if (!fleet) {
        return Failed(c, fleet.error());
    }
    if (as_json) {
        json kiosks = json::array();
        for (const FleetEntry& e : fleet->kiosks) {
            json k = {
                {"id", e.kiosk.id},
                {"name", e.kiosk.name},
                {"place_id", e.kiosk.place_id},
                {"place", e.place_name},
                {"state", KioskStateName(e.state)},
                {"version", e.kiosk.version},
                {"last_seen",
                 e.kiosk.last_seen_at ? json(FormatUtcTime(*e.kiosk.last_seen_at)) : json(nullptr)},
                {"behind", e.behind ? json(*e.behind) : json(nullptr)},
                {"needs_resync", e.needs_resync},
                {"outbox", e.kiosk.outbox ? json(*e.kiosk.outbox) : json(nullptr)},
                {"last_error", e.kiosk.last_error},
                {"free_disk_bytes",
                 e.kiosk.free_disk_bytes ? json(*e.kiosk.free_disk_bytes) : json(nullptr)},
                {"uptime_s", e.kiosk.uptime_s ? json(*e.kiosk.uptime_s) : json(nullptr)}};
            kiosks.push_back(k);
        }
        c.out << json{{"latest_change", fleet->feed.last_seq},
                      {"open_conflicts", fleet->open_conflicts},
                      {"kiosks", kiosks}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
        return 0;
    }
    size_t counts[4] = {0, 0, 0, 0};
    for (const FleetEntry& e : fleet->kiosks) {
        ++counts[static_cast<size_t>(e.state)];
    }
    c.out << "hub: change " << fleet->feed.last_seq << ", " << fleet->kiosks.size()
          << " kiosk(s): " << counts[0] << " online, " << counts[1] << " disconnected, "
          << counts[2] << " offline"
          << (counts[3] > 0 ? ", " + std::to_string(counts[3]) + " revoked" : "") << "; "
          << fleet->open_conflicts << " open conflict(s)\n"
          << "(online: seen within " << config->status.online_within_s
          << " s; offline: not seen for " << config->status.offline_after_s << " s)\n\n";
    Table table({"KIOSK", "NAME", "PLACE", "STATE", "LAST SEEN", "VERSION", "BEHIND", "OUTBOX",
                 "LAST ERROR"});
    for (const FleetEntry& e : fleet->kiosks) {
        table.Add({Short(e.kiosk.id), e.kiosk.name, e.place_name,
                   std::string(KioskStateName(e.state)),
                   e.kiosk.last_seen_at ? Ago(*e.kiosk.last_seen_at, now) : "never",
                   e.kiosk.version.empty() ? "-" : e.kiosk.version,
                   e.needs_resync ? "resync"
                   : e.behind     ? std::to_string(*e.behind)
                                  : "-",
                   e.kiosk.outbox ? std::to_string(*e.kiosk.outbox) : "-",
                   e.kiosk.last_error.empty() ? "-" : e.kiosk.last_error});
    }
    table.Print(c.out);
    return 0;
}

int CmdAudit(Context& c, const std::string& record, std::int64_t limit) {
    auto store = ConfiguredStore(c);
    if (!store) {
        return Failed(c, store.error());
    }
    auto entries = (*store)->Audit(record, limit);
    if (!entries) {
        return Failed(c, entries.error());
    }
    for (const AuditEntry& e : *entries) {
        c.out << "#" << e.seq << " " << FormatUtcTime(e.at) << " " << e.author.action << " "
              << RecordKindName(e.kind) << " " << e.record_id << " rev " << e.revision << " by "
              << e.author.actor
              << (e.author.kiosk_id.empty() ? "" : " on kiosk " + e.author.kiosk_id)
              << (e.author.made_at ? " (made " + FormatUtcTime(*e.author.made_at) + ")" : "")
              << "\n";
        if (!record.empty()) {
            c.out << "  before: " << (e.before.empty() ? "(none)" : e.before) << "\n"
                  << "  after:  " << e.after << "\n";
        }
    }
    return 0;
}

}  // namespace

int RunHubCli(int argc, const char* const* argv, std::istream& in, std::ostream& out,
              std::ostream& err, bool stdin_is_terminal) {
    Context c{in, out, err, stdin_is_terminal, std::string(kDefaultConfigPath)};
    CLI::App app{
        "treffpunkt-hub: the central hub of the Treffpunkt kiosks. It keeps the city's "
        "data, serves the kiosks' sync over HTTPS (docs/protocol.md) and is administered "
        "with the commands below (docs/operations.md).",
        "treffpunkt-hub"};
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", TREFFPUNKT_VERSION);
    app.add_option("--config", c.config_path,
                   "configuration file (default " + std::string(kDefaultConfigPath) + ")")
        ->option_text("FILE");

    auto* init = app.add_subcommand("init", "create the database, or bring it to this version");
    auto* serve = app.add_subcommand("serve", "serve the kiosks until SIGTERM/SIGINT");
    std::string file;
    bool dry_run = false;
    auto* import = app.add_subcommand(
        "import",
        "make the hub's records equal to a dataset file (validated first; records "
        "missing from the file are deleted)");
    import->add_option("FILE", file, "dataset file (docs/dataset.md)")->required();
    import->add_flag("--dry-run", dry_run, "only report what would change");
    auto* exp = app.add_subcommand("export", "write every record as a dataset file");
    exp->add_option("FILE", file, "where to write (default: standard output)");
    auto* backup = app.add_subcommand(
        "backup", "copy the database with SQLite's online backup (safe while serving)");
    backup->add_option("FILE", file, "the backup file to write")->required();
    auto* restore = app.add_subcommand(
        "restore", "replace the database with a backup (stop `serve` first); kiosks resync");
    restore->add_option("FILE", file, "a file written by `backup`")->required();

    auto* kiosk = app.add_subcommand("kiosk", "pair, list and revoke kiosks");
    kiosk->require_subcommand(1);
    auto* kiosk_list = kiosk->add_subcommand("list", "kiosks, and codes waiting for approval");
    std::string place;
    std::string name;
    auto* kiosk_add = kiosk->add_subcommand(
        "add", "add a kiosk and print its device token (for scripted set-ups)");
    kiosk_add->add_option("--place", place, "the kiosk's place (id)")->required();
    kiosk_add->add_option("--name", name, "a name for the kiosk");
    std::string code;
    auto* kiosk_approve = kiosk->add_subcommand(
        "approve", "approve the code a kiosk shows; it gets its token at its next poll");
    kiosk_approve->add_option("CODE", code, "the code on the kiosk's screen")->required();
    kiosk_approve->add_option("--place", place, "the kiosk's place (id)")->required();
    kiosk_approve->add_option("--name", name, "a name for the kiosk");
    std::string id;
    auto* kiosk_revoke =
        kiosk->add_subcommand("revoke", "refuse a kiosk's token from its next request on");
    kiosk_revoke->add_option("KIOSK_ID", id, "the kiosk (id or its first characters)")->required();

    auto* volunteer = app.add_subcommand("volunteer", "volunteers' accounts and PINs");
    volunteer->require_subcommand(1);
    NewVolunteer new_volunteer;
    std::string role;
    bool pin_stdin = false;
    auto* volunteer_add = volunteer->add_subcommand(
        "add",
        "add a volunteer; the PIN (at least 6 digits) is asked for, or read from "
        "standard input with --pin-stdin - never given on the command line");
    volunteer_add->add_option("NAME", new_volunteer.name, "shown on the kiosk after login")
        ->required();
    volunteer_add->add_option("--place", new_volunteer.places, "a place of theirs (repeatable)")
        ->required();
    volunteer_add->add_option("--organization", new_volunteer.organizations,
                              "an organization of theirs (repeatable)");
    volunteer_add->add_option("--role", role, "volunteer or coordinator")
        ->required()
        ->check(CLI::IsMember({"volunteer", "coordinator"}));
    volunteer_add->add_flag("--pin-stdin", pin_stdin,
                            "read the PIN from the first line of standard input");
    auto* volunteer_list = volunteer->add_subcommand("list", "list volunteers");
    volunteer_list->add_option("--place", place, "only those of this place");
    auto* volunteer_reset = volunteer->add_subcommand("reset-pin", "give a volunteer a new PIN");
    volunteer_reset->add_option("VOLUNTEER_ID", id, "the volunteer (id or its first characters)")
        ->required();
    volunteer_reset->add_flag("--pin-stdin", pin_stdin,
                              "read the PIN from the first line of standard input");
    auto* volunteer_disable =
        volunteer->add_subcommand("disable", "disable an account (kiosks drop it at next sync)");
    volunteer_disable->add_option("VOLUNTEER_ID", id, "the volunteer")->required();

    auto* volunteer_cost = volunteer->add_subcommand(
        "pin-cost",
        "measure how long checking a PIN takes here with the configured Argon2id "
        "parameters (run it on a kiosk's hardware)");

    auto* conflicts = app.add_subcommand("conflicts", "the moderation queue of conflicting edits");
    conflicts->require_subcommand(1);
    bool all = false;
    auto* conflicts_list = conflicts->add_subcommand("list", "open conflicts");
    conflicts_list->add_flag("--all", all, "resolved ones too");
    std::int64_t conflict_id = 0;
    auto* conflicts_show = conflicts->add_subcommand("show", "both sides of a conflict");
    conflicts_show->add_option("ID", conflict_id, "the conflict")->required();
    std::string take;
    std::vector<std::string> field_choices;
    auto* conflicts_resolve = conflicts->add_subcommand(
        "resolve", "settle a conflict: take the kiosk's or keep the hub's values");
    conflicts_resolve->add_option("ID", conflict_id, "the conflict")->required();
    conflicts_resolve->add_option("--take", take, "kiosk or hub, for every field")
        ->check(CLI::IsMember({"kiosk", "hub"}));
    conflicts_resolve->add_option("--field", field_choices, "NAME=kiosk or NAME=hub (repeatable)");

    bool as_json = false;
    auto* status = app.add_subcommand("status", "the fleet: each kiosk's state and health");
    status->add_flag("--json", as_json, "as JSON");
    std::string record;
    std::int64_t limit = 50;
    auto* audit = app.add_subcommand("audit", "the newest changes: who, where, when");
    audit->add_option("--record", record, "only this record, with before and after");
    audit->add_option("--limit", limit, "how many (default 50)")->check(CLI::Range(1, 100000));

    // CLI11 would only say "a subcommand is required" for a misspelt command.
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--config") {
            ++i;
            continue;
        }
        if (arg.empty() || arg[0] == '-') {
            continue;
        }
        bool known = false;
        for (const CLI::App* sub : app.get_subcommands({})) {
            known = known || sub->get_name() == arg;
        }
        if (!known) {
            err << "treffpunkt-hub: unknown command \"" << arg
                << "\" (see treffpunkt-hub --help)\n";
            return 2;
        }
        break;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int exit_code = app.exit(e, out, err);
        return exit_code == 0 ? 0 : 2;
    }
    try {
        if (*init) {
            return CmdInit(c);
        }
        if (*serve) {
            return CmdServe(c);
        }
        if (*import) {
            return CmdImport(c, file, dry_run);
        }
        if (*exp) {
            return CmdExport(c, file);
        }
        if (*backup) {
            return CmdBackup(c, file);
        }
        if (*restore) {
            return CmdRestore(c, file);
        }
        if (*kiosk_list) {
            return CmdKioskList(c);
        }
        if (*kiosk_add) {
            return CmdKioskAdd(c, place, name);
        }
        if (*kiosk_approve) {
            return CmdKioskApprove(c, code, place, name);
        }
        if (*kiosk_revoke) {
            return CmdKioskRevoke(c, id);
        }
        if (*volunteer_add) {
            new_volunteer.role =
                protocol::VolunteerRoleFromName(role).value_or(protocol::VolunteerRole::kVolunteer);
            return CmdVolunteerAdd(c, new_volunteer, pin_stdin);
        }
        if (*volunteer_list) {
            return CmdVolunteerList(c, place);
        }
        if (*volunteer_reset) {
            return CmdVolunteerResetPin(c, id, pin_stdin);
        }
        if (*volunteer_disable) {
            return CmdVolunteerDisable(c, id);
        }
        if (*volunteer_cost) {
            return CmdPinCost(c);
        }
        if (*conflicts_list) {
            return CmdConflictsList(c, all);
        }
        if (*conflicts_show) {
            return CmdConflictsShow(c, conflict_id);
        }
        if (*conflicts_resolve) {
            return CmdConflictsResolve(c, conflict_id, take, field_choices);
        }
        if (*status) {
            return CmdStatus(c, as_json);
        }
        if (*audit) {
            return CmdAudit(c, record, limit);
        }
    } catch (const std::exception& e) {
        return Failed(c, std::string("unexpected failure: ") + e.what());
    }
    return Failed(c, "no command given (see --help)");
}

}  // namespace treffpunkt::hub
