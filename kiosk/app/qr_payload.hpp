// What a visitor takes home with a QR code: a contact as a vCard 3.0, a session as an
// iCalendar VEVENT, or a web address. Text only (the UI encodes it with libqrencode).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sync/model/records.hpp"
#include "sync/model/schedule.hpp"

namespace treffpunkt {

// vCard 3.0 (RFC 2426) for a contact point or person, CRLF lines, folded at 75 octets.
// `organization` may be null; `lang` picks the role/hours text (German fallback).
std::string ContactVCard(const Contact& contact, const Organization* organization,
                         std::string_view lang);

// An iCalendar object (RFC 5545) with one VEVENT for one session of an offer, times in UTC.
// `place` may be null. `stamp` is DTSTAMP (now).
std::string SessionICalendar(const Offer& offer, const Session& session, const Place* place,
                             UtcTime stamp, std::string_view lang);

// The offer's web address, if it has one.
std::optional<std::string> OfferWebAddress(const Offer& offer);

// RFC 5545 / 6350 text escaping: backslash, semicolon, comma and newlines.
std::string EscapeContentText(std::string_view text);
// Folds a content line at 75 octets (CRLF + space), never inside a UTF-8 sequence.
std::string FoldContentLine(std::string_view line);

}  // namespace treffpunkt
