#include "sync/hub/hub_service.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "sync/hub/edit_processor.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/text.hpp"
#include "sync/protocol/api.hpp"
#include "sync/protocol/codec.hpp"

#ifndef TREFFPUNKT_VERSION
#define TREFFPUNKT_VERSION "0.0.0"
#endif

namespace treffpunkt::hub {

namespace errors = protocol::errors;

namespace {

void Log(const std::string& line) {
    // One write per line, so that lines of concurrent requests do not interleave.
    const std::string text = line + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string Header(const ApiRequest& request, const std::string& lower_name) {
    const auto it = request.headers.find(lower_name);
    return it == request.headers.end() ? std::string() : it->second;
}

// True if an If-None-Match header value names `etag` (or is "*").
bool MatchesEtag(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        const size_t comma = header.find(',');
        std::string_view item = Trim(header.substr(0, comma));
        if (item.substr(0, 2) == "W/") {
            item.remove_prefix(2);
        }
        if (item == "*" || item == etag) {
            return true;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        header.remove_prefix(comma + 1);
    }
    return false;
}

ApiResponse Json(int status, std::string body) {
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ApiResponse StorageError(const Error& e) {
    if (e.code == "db.busy") {
        ApiResponse r = ErrorResponse(503, errors::kBusy, "the hub is busy; try again in a moment");
        r.headers.emplace_back("Retry-After", "1");
        return r;
    }
    Log("error: " + e.code + ": " + e.message);
    return ErrorResponse(
        500, errors::kInternal,
        "the hub could not complete the request (" + e.code + "); see the hub's log");
}

ApiResponse DecodeError(const Error& e, std::vector<Problem> problems) {
    std::string message = e.message;
    if (e.code == errors::kMalformedJson) {
        message = "the body is not valid JSON: " + e.message;
    } else if (e.code == errors::kInvalidUtf8) {
        message = "the body is not valid UTF-8";
    } else {
        message = "the request does not follow docs/protocol.md: " + e.message;
    }
    return ErrorResponse(400, e.code, std::move(message), std::move(problems));
}

// Only the parameters in `allowed` may appear, each at most once.
std::optional<ApiResponse> CheckQuery(const ApiRequest& request,
                                      std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : request.query) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return ErrorResponse(
                400, errors::kBadParameter,
                "unknown query parameter \"" + SanitizeUtf8(key.substr(0, 40)) + "\"");
        }
        if (request.query.count(key) > 1) {
            return ErrorResponse(400, errors::kBadParameter,
                                 "query parameter \"" + key + "\" is given more than once");
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> ParsePositive(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
        return std::nullopt;
    }
    return value;
}

bool IsJsonContentType(const std::string& value) {
    const std::string lower = Lower(value);
    const std::string_view type = Trim(std::string_view(lower).substr(0, lower.find(';')));
    return type == protocol::kJsonContentType;
}

std::string Quote(std::string text) {
    return "\"" + text + "\"";
}

}  // namespace

UtcTime SystemNow() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string FormatCursor(const std::string& epoch, std::int64_t seq) {
    return epoch + "." + std::to_string(seq);
}

std::optional<std::pair<std::string, std::int64_t>> ParseCursor(std::string_view text) {
    const size_t dot = text.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 32) {
        return std::nullopt;
    }
    const std::string_view epoch = text.substr(0, dot);
    for (char c : epoch) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return std::nullopt;
        }
    }
    const std::string_view digits = text.substr(dot + 1);
    std::int64_t seq = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || seq < 0) {
        return std::nullopt;
    }
    return std::pair(std::string(epoch), seq);
}

ApiResponse ErrorResponse(int status, std::string_view code, std::string message,
                          std::vector<Problem> problems) {
    return Json(status, protocol::Encode(protocol::ApiError{std::string(code), std::move(message),
                                                            std::move(problems)}));
}

HubService::HubService(const HubConfig& config, StorePool& pool, HubClock clock)
    : m_config(config),
      m_pool(pool),
      m_clock(std::move(clock)),
      m_token_limiter(config.limits.requests_per_minute),
      m_address_limiter(config.limits.pairing_requests_per_minute) {}

ApiResponse HubService::Handle(const ApiRequest& request) {
    std::string address = request.peer_address;
    if (m_config.server.mode == ServerMode::kHttpBehindProxy) {
        const auto& trusted = m_config.server.trusted_proxies;
        const bool from_proxy =
            std::find(trusted.begin(), trusted.end(), request.peer_address) != trusted.end();
        const bool https = Lower(Header(request, "x-forwarded-proto")) == "https";
        if (!from_proxy || !https) {
            if (request.path != protocol::kPathHealth) {
                return ErrorResponse(403, errors::kHttpsRequired,
                                     from_proxy ? "the proxy must forward HTTPS requests only "
                                                  "(X-Forwarded-Proto: https)"
                                                : "connect through HTTPS (the hub's reverse "
                                                  "proxy); plain HTTP is refused");
            }
        }
        if (from_proxy) {
            // The last address is the one our own proxy saw; earlier ones are the client's say.
            const std::string forwarded = Header(request, "x-forwarded-for");
            if (!forwarded.empty()) {
                const size_t comma = forwarded.rfind(',');
                address = std::string(
                    Trim(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1)));
            }
        }
    }
    ApiResponse response;
    try {
        response = Dispatch(request, address);
    } catch (const std::exception& e) {
        Log(std::string("error: unexpected exception: ") + e.what());
        response =
            ErrorResponse(500, errors::kInternal, "the hub failed unexpectedly; see its log");
    }
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ApiResponse HubService::Dispatch(const ApiRequest& request, const std::string& address) {
    struct Route {
        std::string_view path;
        std::string_view method;
        bool token;
    };
    static constexpr Route kRoutes[] = {
        {protocol::kPathHealth, "GET", false},       {protocol::kPathChanges, "GET", true},
        {protocol::kPathEdits, "POST", true},        {protocol::kPathHeartbeat, "POST", true},
        {protocol::kPathVolunteers, "GET", true},    {protocol::kPathPairing, "POST", false},
        {protocol::kPathPairingPoll, "POST", false},
    };
    const Route* route = nullptr;
    for (const Route& r : kRoutes) {
        if (r.path == request.path) {
            route = &r;
        }
    }
    if (route == nullptr) {
        return ErrorResponse(404, errors::kNotFound,
                             "there is no " + SanitizeUtf8(request.path.substr(0, 100)) +
                                 " (the API is under /api/v1; see docs/protocol.md)");
    }
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    if (method != route->method) {
        ApiResponse r = ErrorResponse(
            405, errors::kMethodNotAllowed,
            std::string(route->path) + " takes " + std::string(route->method) + " only");
        r.headers.emplace_back("Allow", std::string(route->method));
        return r;
    }
    if (route->path == protocol::kPathHealth) {
        return Health();
    }
    if (method == "POST") {
        if (!IsJsonContentType(Header(request, "content-type"))) {
            return ErrorResponse(415, errors::kUnsupportedMediaType,
                                 "send the body as Content-Type: application/json");
        }
    } else if (!request.body.empty()) {
        return ErrorResponse(400, errors::kBadParameter, "a GET request has no body");
    }
    if (!route->token) {
        if (const int wait =
                m_address_limiter.Acquire("addr:" + address, RateLimiter::Clock::now())) {
            ApiResponse r = ErrorResponse(
                429, errors::kRateLimited,
                "too many requests from " + address + "; wait " + std::to_string(wait) + " s");
            r.headers.emplace_back("Retry-After", std::to_string(wait));
            return r;
        }
    }
    auto lease = m_pool.Acquire();
    if (!lease) {
        return StorageError(lease.error());
    }
    HubStore& store = **lease;
    Caller caller;
    caller.address = address;
    if (route->token) {
        if (auto failure = Authenticate(request, store, caller)) {
            return *failure;
        }
    }
    ApiResponse response;
    if (route->path == protocol::kPathChanges) {
        response = Changes(request, store, caller);
    } else if (route->path == protocol::kPathEdits) {
        response = Edits(request, store, caller);
    } else if (route->path == protocol::kPathHeartbeat) {
        response = Heartbeat(request, store, caller);
    } else if (route->path == protocol::kPathVolunteers) {
        response = Volunteers(request, store, caller);
    } else if (route->path == protocol::kPathPairing) {
        response = StartPairing(request, store, caller);
    } else {
        response = PollPairing(request, store);
    }
    response.kiosk_id = caller.kiosk_id;
    return response;
}

std::optional<ApiResponse> HubService::Authenticate(const ApiRequest& request, HubStore& store,
                                                    Caller& caller) {
    auto refuse = [&](std::string_view code, std::string message) -> ApiResponse {
        // Failed attempts count against the address, so guessing tokens is slow.
        if (const int wait =
                m_address_limiter.Acquire("addr:" + caller.address, RateLimiter::Clock::now())) {
            ApiResponse r =
                ErrorResponse(429, errors::kRateLimited,
                              "too many failed requests; wait " + std::to_string(wait) + " s");
            r.headers.emplace_back("Retry-After", std::to_string(wait));
            return r;
        }
        ApiResponse r = ErrorResponse(401, code, std::move(message));
        r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"treffpunkt-hub\"");
        return r;
    };
    const std::string header = Header(request, "authorization");
    if (header.empty()) {
        return refuse(errors::kAuthMissing,
                      "this endpoint needs the kiosk's device token: Authorization: Bearer "
                      "<token>");
    }
    if (Lower(header.substr(0, 7)) != "bearer ") {
        return refuse(errors::kAuthMissing, "the Authorization header must be \"Bearer <token>\"");
    }
    const std::string token(Trim(std::string_view(header).substr(7)));
    auto auth = store.KioskByTokenHash(TokenHash(token));
    if (!auth) {
        return StorageError(auth.error());
    }
    if (!*auth) {
        return refuse(errors::kAuthUnknownToken,
                      "the device token is not known to this hub; pair the kiosk again");
    }
    if ((*auth)->revoked) {
        return refuse(errors::kAuthRevoked,
                      "this kiosk was revoked on the hub; pair it again to sync");
    }
    caller.kiosk_id = (*auth)->id;
    caller.place_id = (*auth)->place_id;
    if ((*auth)->first_use) {
        Transaction tx(store.db());
        (void)store.MarkFirstUse(caller.kiosk_id, m_clock());
        (void)store.FinishPairing(caller.kiosk_id, m_clock());
        if (auto ok = tx.Commit(); !ok) {
            return StorageError(ok.error());
        }
    }
    if (const int wait = m_token_limiter.Acquire(caller.kiosk_id, RateLimiter::Clock::now())) {
        ApiResponse r = ErrorResponse(
            429, errors::kRateLimited,
            "more than " + std::to_string(m_config.limits.requests_per_minute) +
                " requests per minute from this kiosk; wait " + std::to_string(wait) + " s");
        r.headers.emplace_back("Retry-After", std::to_string(wait));
        return r;
    }
    Seen(caller);
    return std::nullopt;
}

void HubService::Seen(const Caller& caller) {
    std::lock_guard lock(m_seen_mutex);
    m_seen[caller.kiosk_id] = {m_clock(), caller.address};
}

ApiResponse HubService::Health() {
    auto lease = m_pool.Acquire();
    if (!lease) {
        return StorageError(lease.error());
    }
    if (auto feed = (*lease)->Feed(); !feed) {
        return StorageError(feed.error());
    }
    return Json(200, protocol::Encode(protocol::HealthAnswer{"ok", TREFFPUNKT_VERSION,
                                                             std::string(protocol::kApiVersion)}));
}

ApiResponse HubService::Changes(const ApiRequest& request, HubStore& store, const Caller& caller) {
    (void)caller;
    if (auto bad = CheckQuery(request, {"since", "limit"})) {
        return *bad;
    }
    std::int64_t limit = m_config.sync.default_page_size;
    if (const auto it = request.query.find("limit"); it != request.query.end()) {
        const auto parsed = ParsePositive(it->second);
        if (!parsed) {
            return ErrorResponse(400, errors::kBadParameter,
                                 "limit must be a whole number of at least 1");
        }
        limit = std::min<std::int64_t>(*parsed, m_config.sync.max_page_size);
    }
    std::string since_text;
    if (const auto it = request.query.find("since"); it != request.query.end()) {
        since_text = it->second;
    }
    ReadTransaction snapshot(store.db());
    auto feed = store.Feed();
    if (!feed) {
        return StorageError(feed.error());
    }
    std::int64_t since = 0;
    if (!since_text.empty()) {
        const auto cursor = ParseCursor(since_text);
        if (!cursor) {
            return ErrorResponse(400, errors::kBadParameter,
                                 "since must be a cursor this hub gave out (or empty to start "
                                 "from the beginning)");
        }
        if (cursor->first != feed->epoch) {
            return ErrorResponse(410, errors::kResyncRequired,
                                 "the hub's data was replaced (restored or set up anew); sync "
                                 "again from the beginning (since=\"\")");
        }
        if (cursor->second > feed->last_seq) {
            return ErrorResponse(410, errors::kResyncRequired,
                                 "the cursor is ahead of the hub (restored from a backup?); "
                                 "sync again from the beginning");
        }
        if (cursor->second > 0 && cursor->second < feed->purged_through) {
            return ErrorResponse(410, errors::kResyncRequired,
                                 "the cursor is older than the hub keeps deleted records (" +
                                     std::to_string(m_config.sync.tombstone_retention_days) +
                                     " days); sync again from the beginning");
        }
        since = cursor->second;
    }
    auto rows = store.ChangesAfter(since, limit);
    if (!rows) {
        return StorageError(rows.error());
    }
    std::int64_t remaining = 0;
    std::int64_t cursor = feed->last_seq;
    if (static_cast<std::int64_t>(rows->size()) == limit) {
        auto count = store.CountChangesAfter(rows->back().seq);
        if (!count) {
            return StorageError(count.error());
        }
        remaining = *count;
        if (remaining > 0) {
            cursor = rows->back().seq;
        }
    }
    const std::string etag =
        Quote(feed->epoch + "." + std::to_string(cursor) + "." + std::to_string(feed->last_seq));
    if (rows->empty() && MatchesEtag(Header(request, "if-none-match"), etag)) {
        ApiResponse r;
        r.status = 304;
        r.headers.emplace_back("ETag", etag);
        return r;
    }
    // Built by hand: the stored bodies are already the records' JSON.
    size_t size = 128;
    for (const FeedRow& row : *rows) {
        size += row.body.size() + 40;
    }
    std::string body;
    body.reserve(size);
    body += "{\"changes\":[";
    for (size_t i = 0; i < rows->size(); ++i) {
        const FeedRow& row = (*rows)[i];
        body += i == 0 ? "{\"kind\":\"" : ",{\"kind\":\"";
        body += RecordKindName(row.kind);
        body += "\",\"record\":";
        body += row.body;
        body += '}';
    }
    body += "],\"cursor\":\"" + FormatCursor(feed->epoch, cursor) + "\",\"more\":";
    body += remaining > 0 ? "true" : "false";
    body += ",\"remaining\":" + std::to_string(remaining) + "}";
    ApiResponse r = Json(200, std::move(body));
    r.headers.emplace_back("ETag", etag);
    return r;
}

ApiResponse HubService::Edits(const ApiRequest& request, HubStore& store, const Caller& caller) {
    if (auto bad = CheckQuery(request, {})) {
        return *bad;
    }
    std::vector<Problem> problems;
    auto push = protocol::Decode<protocol::PushRequest>(request.body, problems);
    if (!push) {
        return DecodeError(push.error(), std::move(problems));
    }
    if (push->edits.size() > static_cast<size_t>(m_config.sync.max_edits_per_push)) {
        return ErrorResponse(413, errors::kTooLarge,
                             "at most " + std::to_string(m_config.sync.max_edits_per_push) +
                                 " edits in one push; send the rest in another push");
    }
    auto answer = ApplyPush(store, *push, {caller.kiosk_id, caller.place_id, m_clock()});
    if (!answer) {
        return StorageError(answer.error());
    }
    return Json(200, protocol::Encode(*answer));
}

ApiResponse HubService::Heartbeat(const ApiRequest& request, HubStore& store,
                                  const Caller& caller) {
    if (auto bad = CheckQuery(request, {})) {
        return *bad;
    }
    std::vector<Problem> problems;
    auto heartbeat = protocol::Decode<protocol::Heartbeat>(request.body, problems);
    if (!heartbeat) {
        return DecodeError(heartbeat.error(), std::move(problems));
    }
    const UtcTime now = m_clock();
    if (auto ok = store.SaveHeartbeat(caller.kiosk_id, *heartbeat, now, caller.address); !ok) {
        return StorageError(ok.error());
    }
    return Json(200,
                protocol::Encode(protocol::HeartbeatAnswer{now, caller.kiosk_id, caller.place_id}));
}

ApiResponse HubService::Volunteers(const ApiRequest& request, HubStore& store,
                                   const Caller& caller) {
    if (auto bad = CheckQuery(request, {})) {
        return *bad;
    }
    ReadTransaction snapshot(store.db());
    auto feed = store.Feed();
    if (!feed) {
        return StorageError(feed.error());
    }
    const std::string etag = Quote(feed->epoch + ".v" + std::to_string(feed->volunteers_version) +
                                   "." + caller.place_id);
    if (MatchesEtag(Header(request, "if-none-match"), etag)) {
        ApiResponse r;
        r.status = 304;
        r.headers.emplace_back("ETag", etag);
        return r;
    }
    auto list = store.VolunteersAtPlace(caller.place_id);
    if (!list) {
        return StorageError(list.error());
    }
    ApiResponse r = Json(200, protocol::Encode(protocol::VolunteerList{caller.place_id, *list}));
    r.headers.emplace_back("ETag", etag);
    return r;
}

ApiResponse HubService::StartPairing(const ApiRequest& request, HubStore& store,
                                     const Caller& caller) {
    if (auto bad = CheckQuery(request, {})) {
        return *bad;
    }
    std::vector<Problem> problems;
    auto pairing = protocol::Decode<protocol::PairingRequest>(request.body, problems);
    if (!pairing) {
        return DecodeError(pairing.error(), std::move(problems));
    }
    const UtcTime now = m_clock();
    Transaction tx(store.db());
    (void)store.ForgetPairings(now - std::chrono::hours(24));
    auto open = store.CountOpenPairings(now);
    if (!open) {
        return StorageError(open.error());
    }
    if (*open >= m_config.pairing.max_open) {
        ApiResponse r = ErrorResponse(503, errors::kPairingTooMany,
                                      "too many kiosks are waiting for approval; try again later");
        r.headers.emplace_back("Retry-After", "60");
        return r;
    }
    PairingRow row;
    for (int attempt = 0; attempt < 20 && row.code.empty(); ++attempt) {
        const std::string code = RandomPairingCode();
        auto taken = store.PairingCodeTaken(code);
        if (!taken) {
            return StorageError(taken.error());
        }
        if (!*taken) {
            row.code = code;
        }
    }
    if (row.code.empty()) {
        return ErrorResponse(503, errors::kPairingTooMany, "no free pairing code; try again");
    }
    row.kiosk_name = pairing->kiosk_name;
    row.version = pairing->version;
    row.address = caller.address;
    row.created_at = now;
    row.expires_at = now + std::chrono::seconds(m_config.pairing.code_ttl_s);
    const std::string secret = RandomToken("tps_");
    if (auto ok = store.AddPairing(row, TokenHash(secret)); !ok) {
        return StorageError(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return StorageError(ok.error());
    }
    Log("pairing: code " + row.code + " requested from " + caller.address +
        (row.kiosk_name.empty() ? "" : " (" + row.kiosk_name + ")"));
    return Json(201, protocol::Encode(protocol::PairingTicket{row.code, secret, row.expires_at,
                                                              m_config.pairing.poll_interval_s}));
}

ApiResponse HubService::PollPairing(const ApiRequest& request, HubStore& store) {
    if (auto bad = CheckQuery(request, {})) {
        return *bad;
    }
    std::vector<Problem> problems;
    auto poll = protocol::Decode<protocol::PairingPoll>(request.body, problems);
    if (!poll) {
        return DecodeError(poll.error(), std::move(problems));
    }
    const UtcTime now = m_clock();
    Transaction tx(store.db());
    auto found = store.PairingBySecretHash(TokenHash(poll->secret));
    if (!found) {
        return StorageError(found.error());
    }
    if (!*found) {
        return ErrorResponse(404, errors::kPairingUnknown,
                             "the hub knows no pairing with this secret; start pairing again");
    }
    const PairingRow& pairing = **found;
    if (pairing.finished_at) {
        return ErrorResponse(410, errors::kPairingFinished,
                             "this pairing is complete (the kiosk used its token, or it was "
                             "revoked); start pairing again if the kiosk lost its token");
    }
    if (!pairing.approved_at) {
        if (pairing.expires_at <= now) {
            return ErrorResponse(410, errors::kPairingExpired,
                                 "pairing code " + pairing.code +
                                     " expired before it was approved; start pairing again");
        }
        return Json(200, protocol::Encode(protocol::PairingPollAnswer{}));
    }
    auto kiosk = store.Kiosk(pairing.kiosk_id);
    if (!kiosk) {
        return StorageError(kiosk.error());
    }
    if (!*kiosk || (*kiosk)->revoked_at) {
        return ErrorResponse(410, errors::kPairingFinished,
                             "the kiosk of this pairing was revoked; start pairing again");
    }
    // A new token on every poll until the kiosk uses one: an answer lost on the way costs
    // nothing, and only the newest token works.
    const std::string token = RandomToken("tpk_");
    if (auto ok = store.SetKioskToken(pairing.kiosk_id, TokenHash(token)); !ok) {
        return StorageError(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return StorageError(ok.error());
    }
    Log("pairing: code " + pairing.code + " delivered its token to kiosk " + pairing.kiosk_id);
    protocol::PairingPollAnswer answer;
    answer.state = protocol::PairingState::kApproved;
    answer.token = token;
    answer.kiosk_id = pairing.kiosk_id;
    answer.place_id = (*kiosk)->place_id;
    return Json(200, protocol::Encode(answer));
}

void HubService::FlushLastSeen() {
    std::unordered_map<std::string, std::pair<UtcTime, std::string>> seen;
    {
        std::lock_guard lock(m_seen_mutex);
        seen.swap(m_seen);
    }
    if (seen.empty()) {
        return;
    }
    auto lease = m_pool.Acquire();
    if (!lease) {
        Log("warning: cannot record when kiosks were last seen: " + lease.error().message);
        return;
    }
    Transaction tx((*lease)->db());
    for (const auto& [kiosk, when] : seen) {
        (void)(*lease)->TouchKiosk(kiosk, when.first, when.second);
    }
    if (auto ok = tx.Commit(); !ok) {
        Log("warning: cannot record when kiosks were last seen: " + ok.error().message);
    }
}

void HubService::Maintain() {
    auto lease = m_pool.Acquire();
    if (!lease) {
        Log("warning: maintenance skipped: " + lease.error().message);
        return;
    }
    const UtcTime now = m_clock();
    auto purged =
        (*lease)->PurgeTombstones(now - std::chrono::days(m_config.sync.tombstone_retention_days));
    if (!purged) {
        Log("warning: purging old tombstones failed: " + purged.error().message);
    } else if (*purged > 0) {
        Log("maintenance: forgot " + std::to_string(*purged) + " deleted record(s) older than " +
            std::to_string(m_config.sync.tombstone_retention_days) + " days");
    }
    if (auto ok = (*lease)->ForgetPairings(now - std::chrono::hours(24)); !ok) {
        Log("warning: forgetting old pairings failed: " + ok.error().message);
    }
}

}  // namespace treffpunkt::hub
