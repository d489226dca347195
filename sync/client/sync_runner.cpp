#include "sync/client/sync_runner.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "sync/client/backoff.hpp"
#include "sync/client/clock_trust.hpp"
#include "sync/client/sync_status.hpp"
#include "sync/model/dataset.hpp"
#include "sync/protocol/api.hpp"
#include "sync/protocol/codec.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/local_edits.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt {

namespace {

using nlohmann::json;
namespace errors = protocol::errors;

constexpr size_t kMaxEditsPerPush = 200;  // docs/protocol.md §5
constexpr size_t kMaxPushRounds = 1000;   // 200,000 edits: more than any outbox holds
constexpr size_t kMaxPagesPerPull = 100000;
constexpr size_t kMaxHeartbeatErrorChars = 1000;

std::string Dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Percent-encodes a query value (cursors are opaque).
std::string QueryValue(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

std::string Summary(const std::vector<Problem>& problems) {
    std::string text;
    for (size_t i = 0; i < problems.size() && i < 3; ++i) {
        text += (i == 0 ? "" : "; ") + problems[i].ToString();
    }
    if (problems.size() > 3) {
        text += "; and " + std::to_string(problems.size() - 3) + " more";
    }
    return text;
}

std::string HostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) {
        return "";
    }
    return name;
}

std::int64_t FreeDiskBytes(const std::string& db_path) {
    const size_t slash = db_path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : db_path.substr(0, slash + 1);
    struct statvfs info {};
    if (statvfs(dir.c_str(), &info) != 0) {
        return 0;
    }
    return static_cast<std::int64_t>(info.f_bavail) * static_cast<std::int64_t>(info.f_frsize);
}

std::optional<protocol::EditOp> OpFromName(std::string_view name) {
    for (const auto op :
         {protocol::EditOp::kCreate, protocol::EditOp::kUpdate, protocol::EditOp::kDelete}) {
        if (protocol::EditOpName(op) == name) {
            return op;
        }
    }
    return std::nullopt;
}

// The protocol's form of an outbox entry; nullopt if the entry is unusable.
std::optional<protocol::Edit> ToEdit(const OutboxEntry& entry) {
    const auto op = OpFromName(entry.op);
    const auto kind = RecordKindFromName(entry.kind);
    json fields = json::parse(entry.fields_json, nullptr, false);
    if (!op || !kind || !fields.is_object()) {
        return std::nullopt;
    }
    protocol::Edit edit;
    edit.edit_id = entry.edit_id;
    edit.op = *op;
    edit.kind = *kind;
    edit.record_id = entry.record_id;
    edit.base_revision = entry.base_revision;
    edit.fields = std::move(fields);
    edit.volunteer_id = entry.volunteer_id;
    edit.made_at = entry.made_at;
    edit.resolves_conflict = entry.resolves_conflict;
    return edit;
}

std::string AnswerJson(const protocol::EditAnswer& answer) {
    return Dump(protocol::ToJsonValue(protocol::PushAnswer{{answer}})["results"][0]);
}

}  // namespace

SyncRunner::SyncRunner(Replica& replica, RunnerOptions options)
    : m_replica(replica), m_options(std::move(options)) {
    if (m_options.version.empty()) {
        m_options.version = ClientVersion();
    }
    const SyncConfig& c = m_options.config;
    TransportConfig t;
    t.base_url = c.hub_url;
    t.ca_file = c.ca_file;
    t.pinned_public_key = c.pinned_public_key;
    t.connect_timeout_ms = static_cast<long>(c.connect_timeout_s * 1000.0);
    t.total_timeout_ms = static_cast<long>(c.request_timeout_s * 1000.0);
    t.low_speed_bytes_per_s = c.low_speed_bytes_per_s;
    t.low_speed_time_s = c.low_speed_time_s;
    t.max_response_bytes = static_cast<size_t>(c.max_response_bytes);
    t.user_agent = "treffpunkt-kiosk/" + m_options.version;
    m_transport = std::make_unique<Transport>(std::move(t));
    m_transport->SetAbortFlag(m_options.abort);
}

SyncRunner::~SyncRunner() = default;

void SyncRunner::Log(const std::string& line) {
    if (m_options.log) {
        m_options.log(line);
    }
}

UtcTime SyncRunner::Now() {
    if (m_options.now) {
        return m_options.now();
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool SyncRunner::Aborted() const {
    return m_options.abort != nullptr && m_options.abort->load();
}

Result<std::string> SyncRunner::Token() {
    auto state = SyncStore(m_replica).State();
    if (!state) {
        return ErrorFrom(state);
    }
    if (!state->device_token.empty()) {
        return state->device_token;
    }
    // A pairing under way goes first: after a restart the kiosk keeps showing its code.
    if (!m_options.config.device_token.empty() && !m_config_token_rejected &&
        state->pairing_secret.empty()) {
        return m_options.config.device_token;
    }
    return std::string();
}

Result<bool> SyncRunner::HasToken() {
    auto token = Token();
    if (!token) {
        return ErrorFrom(token);
    }
    return !token->empty();
}

Result<HttpResponse> SyncRunner::Send(const std::string& method, const std::string& path,
                                      const std::string& body, bool with_token,
                                      const std::string& if_none_match) {
    if (Aborted()) {
        return Fail(std::string(sync_errors::kStopped), "the sync was stopped");
    }
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers.push_back("Accept: application/json");
    if (!body.empty() || method == "POST") {
        request.headers.push_back("Content-Type: " + std::string(protocol::kJsonContentType));
    }
    if (with_token) {
        auto token = Token();
        if (!token) {
            return ErrorFrom(token);
        }
        request.headers.push_back("Authorization: Bearer " + *token);
    }
    if (!if_none_match.empty()) {
        request.headers.push_back("If-None-Match: " + if_none_match);
    }
    auto response = m_transport->Send(request);
    if (!response) {
        return response;
    }
    const std::string& retry = response->Header("retry-after");
    if (!retry.empty()) {
        m_retry_after = ParseRetryAfter(retry, std::chrono::system_clock::now());
    } else {
        m_retry_after.reset();
    }
    return response;
}

Error SyncRunner::HubError(const HttpResponse& response, const std::string& what) {
    std::vector<Problem> problems;
    auto api =
        protocol::Decode<protocol::ApiError>(response.body, problems, UnknownFields::kIgnore);
    const std::string status = std::to_string(response.status);
    if (api && !api->code.empty()) {
        return {api->code, "the hub answered " + status + " to " + what + ": " + api->message};
    }
    return {
        std::string(sync_errors::kHttpStatus),
        "the hub answered HTTP " + status + " to " + what +
            (response.status >= 500 ? " (the hub or a proxy in front of it has a problem)" : "")};
}

std::optional<Error> SyncRunner::AuthFailure(const HttpResponse& response,
                                             const std::string& what) {
    if (response.status != 401 && response.status != 403) {
        return std::nullopt;
    }
    // 403 is also "request.https_required" (a proxy set up wrong): that is no revocation.
    if (response.status == 403 && !HubError(response, what).code.starts_with("auth.")) {
        return std::nullopt;
    }
    return ForgetToken(response, what);
}

Error SyncRunner::ForgetToken(const HttpResponse& response, const std::string& what) {
    Error error = HubError(response, what);
    if (!error.code.starts_with("auth.")) {
        error.code = std::string(errors::kAuthUnknownToken);
    }
    error.message += "; the kiosk forgets its token and pairs again";
    auto state = SyncStore(m_replica).State();
    if (state && state->device_token.empty()) {
        m_config_token_rejected = true;
    }
    m_volunteers_etag.clear();
    auto tx = Transaction::Begin(m_replica.db());
    if (tx) {
        SyncStore store(m_replica);
        // The volunteers' PIN verifiers belong to the place this kiosk was paired to.
        if (store.ClearCredentials() && store.ReplaceVolunteers({}) && tx->Commit()) {
            ++m_data_version;
        }
    }
    Log("the hub refused the device token (" + error.code + "); pairing again");
    return error;
}

// --- Pairing ---------------------------------------------------------------------------------

Result<PairingReport> SyncRunner::StartPairing() {
    protocol::PairingRequest request;
    request.version = m_options.version;
    request.kiosk_name =
        m_options.config.kiosk_name.empty() ? HostName() : m_options.config.kiosk_name;
    auto response =
        Send("POST", std::string(protocol::kPathPairing), protocol::Encode(request), false);
    if (!response) {
        return ErrorFrom(response);
    }
    if (response->status != 201 && response->status != 200) {
        return Unexpected<Error>(HubError(*response, "the pairing request"));
    }
    std::vector<Problem> problems;
    auto ticket =
        protocol::Decode<protocol::PairingTicket>(response->body, problems, UnknownFields::kIgnore);
    if (!ticket) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's answer to the pairing request is not valid: " + Summary(problems));
    }
    if (auto r = SyncStore(m_replica).SetPairing(ticket->code, ticket->secret, ticket->expires_at);
        !r) {
        return ErrorFrom(r);
    }
    Log("pairing: code " + ticket->code +
        " — approve it on the hub: treffpunkt-hub kiosk approve " + ticket->code +
        " --place PLACE_ID (valid until " + FormatUtcTime(ticket->expires_at) + ")");
    PairingReport report;
    report.stage = PairingStage::kNewCode;
    report.code = ticket->code;
    report.expires = ticket->expires_at;
    report.poll_interval = std::chrono::seconds(std::clamp(ticket->poll_interval_s, 1, 300));
    return report;
}

Result<PairingReport> SyncRunner::PairingStep() {
    auto state = SyncStore(m_replica).State();
    if (!state) {
        return ErrorFrom(state);
    }
    if (state->pairing_secret.empty()) {
        return StartPairing();
    }
    auto response = Send("POST", std::string(protocol::kPathPairingPoll),
                         protocol::Encode(protocol::PairingPoll{state->pairing_secret}), false);
    if (!response) {
        return ErrorFrom(response);
    }
    if (response->status == 404 || response->status == 410) {
        const Error why = HubError(*response, "the pairing poll");
        Log("pairing: code " + state->pairing_code + " is void (" + why.code + "); new code");
        if (auto r = SyncStore(m_replica).ClearCredentials(); !r) {
            return ErrorFrom(r);
        }
        return StartPairing();
    }
    if (response->status != 200) {
        return Unexpected<Error>(HubError(*response, "the pairing poll"));
    }
    std::vector<Problem> problems;
    auto answer = protocol::Decode<protocol::PairingPollAnswer>(response->body, problems,
                                                                UnknownFields::kIgnore);
    if (!answer) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's answer to the pairing poll is not valid: " + Summary(problems));
    }
    PairingReport report;
    report.code = state->pairing_code;
    report.expires = state->pairing_expires;
    if (answer->state == protocol::PairingState::kPending) {
        report.stage = PairingStage::kWaiting;
        return report;
    }
    if (answer->token.empty()) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub approved the pairing but sent no token");
    }
    // A fresh token: a new place may mean other data, so the feed starts from the beginning.
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    SyncStore store(m_replica);
    if (auto r = store.ResetCursor(); !r) {
        return ErrorFrom(r);
    }
    if (auto r = store.SetCredentials(answer->token, answer->kiosk_id, answer->place_id); !r) {
        return ErrorFrom(r);
    }
    if (auto r = tx->Commit(); !r) {
        return ErrorFrom(r);
    }
    m_volunteers_etag.clear();
    m_config_token_rejected = false;
    Log("pairing: approved; kiosk " + answer->kiosk_id + " at place " + answer->place_id);
    report.stage = PairingStage::kApproved;
    return report;
}

// --- Push ------------------------------------------------------------------------------------

Result<void> SyncRunner::RejectLocally(const std::string& edit_id, const std::string& record_id,
                                       const protocol::ApiError& error) {
    protocol::EditAnswer answer;
    answer.edit_id = edit_id;
    answer.status = protocol::EditStatus::kRejected;
    answer.error = error;
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    if (auto r =
            SyncStore(m_replica).MarkAnswered(edit_id, OutboxState::kRejected, AnswerJson(answer));
        !r) {
        return r;
    }
    if (auto r = LocalEdits(m_replica).Reapply(record_id, Now()); !r) {
        return r;
    }
    if (auto r = tx->Commit(); !r) {
        return r;
    }
    ++m_data_version;
    Log("push: edit " + edit_id + " refused: " + error.code + ": " + error.message);
    return Ok();
}

Result<void> SyncRunner::RecordAnswers(const protocol::PushRequest& request,
                                       const protocol::PushAnswer& answer, PushReport& report) {
    std::unordered_map<std::string, std::string> record_of;
    for (const protocol::Edit& e : request.edits) {
        record_of[e.edit_id] = e.record_id;
    }
    const UtcTime now = Now();
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    SyncStore store(m_replica);
    LocalEdits local(m_replica);
    size_t answered = 0;
    for (const protocol::EditAnswer& a : answer.results) {
        const auto it = record_of.find(a.edit_id);
        if (it == record_of.end()) {
            continue;  // not one of ours (or answered twice)
        }
        const std::string record_id = it->second;
        record_of.erase(it);
        ++answered;
        Result<void> r;
        switch (a.status) {
            case protocol::EditStatus::kApplied:
                ++report.applied;
                r = store.MarkApplied(a.edit_id);
                break;
            case protocol::EditStatus::kConflict:
                ++report.conflicts;
                r = store.MarkAnswered(a.edit_id, OutboxState::kConflict, AnswerJson(a));
                break;
            case protocol::EditStatus::kRejected:
                ++report.rejected;
                r = store.MarkAnswered(a.edit_id, OutboxState::kRejected, AnswerJson(a));
                break;
        }
        if (!r) {
            return r;
        }
        // The hub's record as it is now goes under the edits still pending; after a
        // rejection, the local change is dropped.
        r = a.record && a.status != protocol::EditStatus::kRejected
                ? local.PutHubRecord(*a.record, now)
                : local.Reapply(record_id, now);
        if (!r) {
            return r;
        }
        std::string line =
            "push: edit " + a.edit_id + " " + std::string(protocol::EditStatusName(a.status));
        if (a.status == protocol::EditStatus::kConflict) {
            line += " (conflict " + std::to_string(a.conflict_id) + ", " +
                    std::to_string(a.conflicts.size()) + " field(s) wait for moderation)";
        } else if (a.error) {
            line += ": " + a.error->code + ": " + a.error->message;
        }
        Log(line);
    }
    if (answered == 0) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's answer to the push answers none of the edits sent");
    }
    if (auto r = tx->Commit(); !r) {
        return r;
    }
    ++m_data_version;
    return Ok();
}

Result<PushReport> SyncRunner::Push() {
    PushReport report;
    size_t batch = kMaxEditsPerPush;
    for (size_t round = 0; round < kMaxPushRounds; ++round) {
        auto pending = SyncStore(m_replica).Pending(batch);
        if (!pending) {
            return ErrorFrom(pending);
        }
        if (pending->empty()) {
            break;
        }
        protocol::PushRequest request;
        std::vector<std::string> ids;
        for (const OutboxEntry& entry : *pending) {
            auto edit = ToEdit(entry);
            if (!edit) {
                if (auto r = RejectLocally(entry.edit_id, entry.record_id,
                                           {"edit.invalid",
                                            "the kiosk stored this edit in a form it cannot send "
                                            "(op, kind or fields); make the change again",
                                            {}});
                    !r) {
                    return ErrorFrom(r);
                }
                continue;
            }
            request.edits.push_back(std::move(*edit));
            ids.push_back(entry.edit_id);
        }
        if (request.edits.empty()) {
            continue;
        }
        auto response =
            Send("POST", std::string(protocol::kPathEdits), protocol::Encode(request), true);
        if (!response) {
            return ErrorFrom(response);
        }
        if (auto auth = AuthFailure(*response, "the push")) {
            return Unexpected<Error>(*auth);
        }
        const bool refused =
            (response->status == 400 && HubError(*response, "the push").code == errors::kInvalid) ||
            response->status == 413;
        if (refused) {
            // The hub refused the whole push because of what an edit holds. Find the edit by
            // sending one at a time; a single edit refused so has had its answer, and leaves
            // the queue as rejected (the volunteer sees why).
            if (ids.size() > 1) {
                batch = response->status == 413 ? std::max<size_t>(1, ids.size() / 2) : 1;
                continue;
            }
            std::vector<Problem> problems;
            auto api = protocol::Decode<protocol::ApiError>(response->body, problems,
                                                            UnknownFields::kIgnore);
            protocol::ApiError why =
                api ? *api
                    : protocol::ApiError{
                          std::string(errors::kTooLarge),
                          "the hub refused the edit with HTTP " + std::to_string(response->status),
                          {}};
            if (auto r = RejectLocally(ids.front(), request.edits.front().record_id, why); !r) {
                return ErrorFrom(r);
            }
            ++report.sent;
            ++report.rejected;
            continue;
        }
        if (response->status != 200) {
            return Unexpected<Error>(HubError(*response, "the push"));
        }
        std::vector<Problem> problems;
        auto answer = protocol::Decode<protocol::PushAnswer>(response->body, problems,
                                                             UnknownFields::kIgnore);
        if (!answer) {
            return Fail(std::string(sync_errors::kBadAnswer),
                        "the hub's answer to the push is not valid: " + Summary(problems));
        }
        report.sent += ids.size();
        if (auto r = RecordAnswers(request, *answer, report); !r) {
            return ErrorFrom(r);
        }
    }
    if (report.sent > 0) {
        Log("push: " + std::to_string(report.sent) + " edit(s) sent: " +
            std::to_string(report.applied) + " applied, " + std::to_string(report.conflicts) +
            " conflict(s), " + std::to_string(report.rejected) + " rejected");
    }
    return report;
}

// --- Pull ------------------------------------------------------------------------------------

void SyncRunner::CheckpointIfOwed() {
    if (!m_checkpoint_owed) {
        return;
    }
    auto done = m_replica.CheckpointWal();
    m_checkpoint_owed = !done || !*done;
}

Result<void> SyncRunner::ApplyPage(const protocol::PullPage& page, const std::string& etag,
                                   PullReport& report) {
    const UtcTime now = Now();
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    LocalEdits local(m_replica);
    auto with_edits = local.RecordsWithPendingEdits();
    if (!with_edits) {
        return ErrorFrom(with_edits);
    }
    std::unordered_set<std::string> edited;
    for (const auto& [id, kind] : *with_edits) {
        edited.insert(id);
    }
    size_t removed = 0;
    for (const protocol::Change& change : page.changes) {
        const RecordMeta& meta = MetaOf(change.record);
        auto stored = m_replica.RevisionOf(meta.id);
        if (!stored) {
            return ErrorFrom(stored);
        }
        removed += (meta.deleted && *stored) ? 1u : 0u;
        Result<void> r;
        if (edited.count(meta.id) != 0) {
            r = local.PutHubRecord(change.record, now);
        } else if (*stored && **stored > meta.revision) {
            // The feed brings each record's newest state; a copy already newer (stored from a
            // push answer) stays.
            continue;
        } else if (meta.deleted) {
            r = m_replica.RemoveRecord(meta.id);
        } else {
            r = m_replica.PutRecord(change.record, now);
        }
        if (!r) {
            return r;
        }
    }
    if (removed > 0) {
        if (auto r = m_replica.PurgeRemovedText(); !r) {
            return r;
        }
    }
    if (auto r = SyncStore(m_replica).SetCursor(page.cursor, etag); !r) {
        return r;
    }
    if (auto r = tx->Commit(); !r) {
        return r;
    }
    if (!page.changes.empty()) {
        ++m_data_version;
    }
    report.changes += page.changes.size();
    report.removed += removed;
    if (removed > 0) {
        m_checkpoint_owed = true;
        CheckpointIfOwed();
    }
    return Ok();
}

Result<protocol::PullPage> SyncRunner::ReadPage(const HttpResponse& response,
                                                const std::string& cursor) {
    if (auto auth = AuthFailure(response, "the pull")) {
        return Unexpected<Error>(*auth);
    }
    if (response.status != 200) {
        return Unexpected<Error>(HubError(response, "the pull"));
    }
    std::vector<Problem> problems;
    auto page =
        protocol::Decode<protocol::PullPage>(response.body, problems, UnknownFields::kIgnore);
    if (!page) {
        const bool syntax = page.error().code == errors::kMalformedJson;
        return Fail(std::string(syntax ? sync_errors::kBadJson : sync_errors::kBadAnswer),
                    std::string("the hub's answer to the pull is ") +
                        (syntax ? "not JSON: " : "not a page of changes: ") + Summary(problems));
    }
    if (page->cursor.empty() || (page->more && page->cursor == cursor)) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's page of changes does not move the cursor on");
    }
    return page;
}

Result<PullReport> SyncRunner::Pull() {
    CheckpointIfOwed();
    auto state = SyncStore(m_replica).State();
    if (!state) {
        return ErrorFrom(state);
    }
    if (state->cursor.empty()) {
        return FullSync();
    }
    PullReport report;
    std::string cursor = state->cursor;
    std::string etag = state->etag;
    const std::string limit = std::to_string(std::clamp(m_options.config.page_size, 1, 1000));
    for (size_t page_number = 0; page_number < kMaxPagesPerPull; ++page_number) {
        auto response = Send("GET",
                             std::string(protocol::kPathChanges) + "?since=" + QueryValue(cursor) +
                                 "&limit=" + limit,
                             "", true, etag);
        if (!response) {
            return ErrorFrom(response);
        }
        if (response->status == 304) {
            report.not_modified = page_number == 0;
            return report;
        }
        if (response->status == 410 || response->status == 400) {
            const Error why = HubError(*response, "the pull");
            if (why.code == errors::kResyncRequired || why.code == errors::kBadParameter) {
                Log("pull: the hub asks for a full sync (" + why.code + "): " + why.message);
                auto full = FullSync();
                if (full) {
                    full->changes += report.changes;
                    full->removed += report.removed;
                }
                return full;
            }
            return Unexpected<Error>(why);
        }
        auto page = ReadPage(*response, cursor);
        if (!page) {
            return Unexpected<Error>(page.error());
        }
        if (auto r = ApplyPage(*page, response->Header("etag"), report); !r) {
            return ErrorFrom(r);
        }
        ++report.pages;
        Log("pull: page " + std::to_string(report.pages) + ": " +
            std::to_string(page->changes.size()) + " change(s) applied, " +
            std::to_string(page->remaining) + " to come");
        if (m_options.progress) {
            m_options.progress(page->remaining);
        }
        cursor = page->cursor;
        etag = response->Header("etag");
        if (!page->more) {
            return report;
        }
    }
    return Fail(std::string(sync_errors::kBadAnswer), "the change feed does not end");
}

Result<PullReport> SyncRunner::FullSync() {
    PullReport report;
    report.full = true;
    // Every page is collected before anything is written: the kiosk keeps showing its old
    // data until the new data is complete, then swaps it in one transaction.
    std::unordered_map<std::string, AnyRecord> records;
    std::string cursor;
    std::string etag;
    const std::string limit = std::to_string(std::clamp(m_options.config.page_size, 1, 1000));
    bool restarted = false;
    for (size_t page_number = 0;; ++page_number) {
        if (page_number >= kMaxPagesPerPull) {
            return Fail(std::string(sync_errors::kBadAnswer), "the change feed does not end");
        }
        auto response = Send("GET",
                             std::string(protocol::kPathChanges) + "?since=" + QueryValue(cursor) +
                                 "&limit=" + limit,
                             "", true);
        if (!response) {
            return ErrorFrom(response);
        }
        if (response->status == 410 && !cursor.empty() && !restarted) {
            // The hub's feed was renewed while we read it: start over once.
            restarted = true;
            records.clear();
            cursor.clear();
            report.pages = 0;
            continue;
        }
        auto page = ReadPage(*response, cursor);
        if (!page) {
            return Unexpected<Error>(page.error());
        }
        for (protocol::Change& change : page->changes) {
            const std::string id = MetaOf(change.record).id;
            if (MetaOf(change.record).deleted) {
                records.erase(id);
            } else {
                records.insert_or_assign(id, std::move(change.record));
            }
        }
        ++report.pages;
        if (m_options.progress) {
            m_options.progress(page->remaining);
        }
        Log("pull: full sync: page " + std::to_string(report.pages) + " received, " +
            std::to_string(page->remaining) + " change(s) to come");
        cursor = page->cursor;
        etag = response->Header("etag");
        if (!page->more) {
            break;
        }
    }
    Dataset dataset;
    dataset.source = "Treffpunkt hub " + m_options.config.hub_url;
    dataset.generated = Now();
    for (auto& [id, record] : records) {
        AddRecord(dataset, std::move(record));
    }
    records.clear();
    const UtcTime now = Now();
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    auto stats = m_replica.ReplaceDatasetInTransaction(dataset, now);
    if (!stats) {
        return ErrorFrom(stats);
    }
    // Local edits still waiting go back on top of the new data.
    LocalEdits local(m_replica);
    auto with_edits = local.RecordsWithPendingEdits();
    if (!with_edits) {
        return ErrorFrom(with_edits);
    }
    for (const auto& [id, kind] : *with_edits) {
        auto hub = m_replica.Get(id);
        if (!hub) {
            return ErrorFrom(hub);
        }
        const AnyRecord record = *hub ? **hub : MakeTombstone(kind, id, 0, UtcTime{});
        if (auto r = local.PutHubRecord(record, now); !r) {
            return ErrorFrom(r);
        }
    }
    if (auto r = local.ForgetSettledCopies(); !r) {
        return ErrorFrom(r);
    }
    if (auto r = SyncStore(m_replica).SetCursor(cursor, etag); !r) {
        return ErrorFrom(r);
    }
    if (auto r = tx->Commit(); !r) {
        return ErrorFrom(r);
    }
    ++m_data_version;
    report.changes = stats->records;
    m_checkpoint_owed = true;
    CheckpointIfOwed();
    Log("pull: full sync complete: " + std::to_string(stats->records) + " records");
    return report;
}

// --- Volunteers and heartbeat ------------------------------------------------------------------

Result<bool> SyncRunner::FetchVolunteers() {
    auto response =
        Send("GET", std::string(protocol::kPathVolunteers), "", true, m_volunteers_etag);
    if (!response) {
        return ErrorFrom(response);
    }
    if (response->status == 304) {
        return false;
    }
    if (auto auth = AuthFailure(*response, "the volunteers request")) {
        return Unexpected<Error>(*auth);
    }
    if (response->status != 200) {
        return Unexpected<Error>(HubError(*response, "the volunteers request"));
    }
    std::vector<Problem> problems;
    auto list =
        protocol::Decode<protocol::VolunteerList>(response->body, problems, UnknownFields::kIgnore);
    if (!list) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's list of volunteers is not valid: " + Summary(problems));
    }
    std::vector<VolunteerEntry> entries;
    for (const protocol::VolunteerAccount& v : list->volunteers) {
        entries.push_back(
            VolunteerEntry{v.id, v.name, std::string(protocol::VolunteerRoleName(v.role)),
                           Dump(json(v.places)), Dump(json(v.organizations)), v.verifier});
    }
    auto tx = Transaction::Begin(m_replica.db());
    if (!tx) {
        return ErrorFrom(tx);
    }
    if (auto r = SyncStore(m_replica).ReplaceVolunteers(entries); !r) {
        return ErrorFrom(r);
    }
    if (auto r = tx->Commit(); !r) {
        return ErrorFrom(r);
    }
    ++m_data_version;
    m_volunteers_etag = response->Header("etag");
    Log("volunteers: " + std::to_string(entries.size()) + " volunteer(s) at this place");
    return true;
}

Result<protocol::HeartbeatAnswer> SyncRunner::SendHeartbeat(const HeartbeatExtras& extras) {
    SyncStore store(m_replica);
    auto state = store.State();
    if (!state) {
        return ErrorFrom(state);
    }
    auto outbox = store.PendingCount();
    if (!outbox) {
        return ErrorFrom(outbox);
    }
    protocol::Heartbeat beat;
    beat.version = m_options.version;
    beat.cursor = state->cursor;
    beat.outbox = static_cast<std::int64_t>(*outbox);
    beat.last_error = extras.last_error.substr(0, kMaxHeartbeatErrorChars);
    beat.free_disk_bytes = FreeDiskBytes(m_replica.db().path());
    beat.uptime_s = extras.uptime_s;
    beat.clock = Now();
    auto response =
        Send("POST", std::string(protocol::kPathHeartbeat), protocol::Encode(beat), true);
    if (!response) {
        return ErrorFrom(response);
    }
    if (auto auth = AuthFailure(*response, "the heartbeat")) {
        return Unexpected<Error>(*auth);
    }
    if (response->status != 200) {
        return Unexpected<Error>(HubError(*response, "the heartbeat"));
    }
    std::vector<Problem> problems;
    auto answer = protocol::Decode<protocol::HeartbeatAnswer>(response->body, problems,
                                                              UnknownFields::kIgnore);
    if (!answer) {
        return Fail(std::string(sync_errors::kBadAnswer),
                    "the hub's answer to the heartbeat is not valid: " + Summary(problems));
    }
    // The hub says who this kiosk is; a token from the config is stored with it once.
    auto token = Token();
    if (token && !token->empty() &&
        (state->device_token != *token || state->kiosk_id != answer->kiosk_id ||
         state->place_id != answer->place_id)) {
        if (auto r = store.SetCredentials(*token, answer->kiosk_id, answer->place_id); !r) {
            return ErrorFrom(r);
        }
    }
    return answer;
}

Result<CycleReport> SyncRunner::Cycle(bool heartbeat, const HeartbeatExtras& extras) {
    CycleReport report;
    auto push = Push();
    if (!push) {
        return ErrorFrom(push);
    }
    report.push = *push;
    auto pull = Pull();
    if (!pull) {
        return ErrorFrom(pull);
    }
    report.pull = *pull;
    auto volunteers = FetchVolunteers();
    if (!volunteers) {
        return ErrorFrom(volunteers);
    }
    report.volunteers_changed = *volunteers;
    if (report.pull.not_modified) {
        Log("pull: no changes");
    }
    if (heartbeat || report.DataChanged()) {
        auto answer = SendHeartbeat(extras);
        if (!answer) {
            return ErrorFrom(answer);
        }
        report.heartbeat = *answer;
    }
    return report;
}

Result<CycleReport> SyncOnce(SyncRunner& runner, std::int64_t uptime_s) {
    while (true) {
        auto has_token = runner.HasToken();
        if (!has_token) {
            return ErrorFrom(has_token);
        }
        if (*has_token) {
            break;
        }
        auto step = runner.PairingStep();
        if (!step) {
            return ErrorFrom(step);
        }
        if (step->stage == PairingStage::kApproved) {
            break;
        }
        const auto until = std::chrono::steady_clock::now() + step->poll_interval;
        while (std::chrono::steady_clock::now() < until) {
            if (runner.stopped()) {
                return Fail(std::string(sync_errors::kStopped),
                            "stopped while waiting for approval");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    HeartbeatExtras extras;
    extras.uptime_s = uptime_s;
    return runner.Cycle(true, extras);
}

}  // namespace treffpunkt
