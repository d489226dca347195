#include "kiosk/app/qr_payload.hpp"

#include <cstdio>

namespace treffpunkt {

namespace {

void AddLine(std::string& out, std::string_view line) {
    out += FoldContentLine(line);
    out += "\r\n";
}

std::string IcalTime(UtcTime t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

}  // namespace

std::string EscapeContentText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') {
                    ++i;
                }
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string FoldContentLine(std::string_view line) {
    std::string out;
    size_t octets = 0;  // on the current physical line
    size_t i = 0;
    while (i < line.size()) {
        // Length of the UTF-8 sequence starting here.
        const auto lead = static_cast<unsigned char>(line[i]);
        size_t len = lead < 0x80           ? 1
                     : (lead >> 5) == 0x6  ? 2
                     : (lead >> 4) == 0xE  ? 3
                     : (lead >> 3) == 0x1E ? 4
                                           : 1;
        len = std::min(len, line.size() - i);
        if (octets + len > 75) {
            out += "\r\n ";
            octets = 1;
        }
        out.append(line.substr(i, len));
        octets += len;
        i += len;
    }
    return out;
}

std::string ContactVCard(const Contact& contact, const Organization* organization,
                         std::string_view lang) {
    std::string out;
    AddLine(out, "BEGIN:VCARD");
    AddLine(out, "VERSION:3.0");
    AddLine(out, "N:" + EscapeContentText(contact.name) + ";;;;");
    AddLine(out, "FN:" + EscapeContentText(contact.name));
    if (organization != nullptr && !organization->name.Empty()) {
        AddLine(out, "ORG:" + EscapeContentText(organization->name.Get(lang)));
    }
    if (const std::string& role = contact.role.Get(lang); !role.empty()) {
        AddLine(out, "TITLE:" + EscapeContentText(role));
    }
    if (!contact.phone.empty()) {
        AddLine(out, "TEL;TYPE=WORK,VOICE:" + EscapeContentText(contact.phone));
    }
    if (!contact.email.empty()) {
        AddLine(out, "EMAIL;TYPE=INTERNET:" + EscapeContentText(contact.email));
    }
    if (!contact.url.empty()) {
        AddLine(out, "URL:" + contact.url);
    }
    if (const std::string& hours = contact.hours.Get(lang); !hours.empty()) {
        AddLine(out, "NOTE:" + EscapeContentText(hours));
    }
    AddLine(out, "END:VCARD");
    return out;
}

std::string SessionICalendar(const Offer& offer, const Session& session, const Place* place,
                             UtcTime stamp, std::string_view lang) {
    std::string out;
    AddLine(out, "BEGIN:VCALENDAR");
    AddLine(out, "VERSION:2.0");
    AddLine(out, "PRODID:-//Treffpunkt Saarlouis//Kiosk//DE");
    AddLine(out, "BEGIN:VEVENT");
    AddLine(out, "UID:" + offer.meta.id + "-" + IcalTime(session.start) + "@treffpunkt");
    AddLine(out, "DTSTAMP:" + IcalTime(stamp));
    AddLine(out, "DTSTART:" + IcalTime(session.start));
    AddLine(out, "DTEND:" + IcalTime(session.end));
    AddLine(out, "SUMMARY:" + EscapeContentText(offer.title.Get(lang)));
    if (place != nullptr) {
        std::string location = place->name.Get(lang);
        const Address& a = place->address;
        if (!a.street.empty()) {
            location += ", " + a.street;
        }
        if (!a.city.empty()) {
            location += ", " + (a.postal_code.empty() ? "" : a.postal_code + " ") + a.city;
        }
        AddLine(out, "LOCATION:" + EscapeContentText(location));
    }
    if (const std::string& summary = offer.summary.Get(lang); !summary.empty()) {
        AddLine(out, "DESCRIPTION:" + EscapeContentText(summary));
    }
    if (!offer.url.empty()) {
        AddLine(out, "URL:" + offer.url);
    }
    AddLine(out, "END:VEVENT");
    AddLine(out, "END:VCALENDAR");
    return out;
}

std::optional<std::string> OfferWebAddress(const Offer& offer) {
    if (offer.url.empty()) {
        return std::nullopt;
    }
    return offer.url;
}

}  // namespace treffpunkt
