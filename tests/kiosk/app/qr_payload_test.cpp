#include "kiosk/app/qr_payload.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace treffpunkt {
namespace {

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = text.find("\r\n", pos);
        EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
        if (end == std::string::npos) {
            break;
        }
        out.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

void ExpectContentLines(const std::string& text) {
    for (const std::string& line : Lines(text)) {
        EXPECT_LE(line.size(), 75u) << line;
        if (!line.empty() && line[0] != ' ') {
            EXPECT_NE(line.find(':'), std::string::npos) << "name:value expected: " << line;
        }
    }
}

TEST(QrPayload, ContactAsVCard) {
    Contact c;
    c.name = "Sozialbüro Innenstadt";
    c.role = Text("Beratung, Anträge; Hilfe");
    c.phone = "06831 4480-200";
    c.email = "sozialbuero@stadt-saarlouis.example";
    c.hours = Text("Mo–Do 9–12 Uhr");
    Organization org;
    org.name = Text("Stadt Saarlouis");
    const std::string v = ContactVCard(c, &org, "de");
    const auto lines = Lines(v);
    ASSERT_GE(lines.size(), 5u);
    EXPECT_EQ(lines.front(), "BEGIN:VCARD");
    EXPECT_EQ(lines[1], "VERSION:3.0");
    EXPECT_EQ(lines.back(), "END:VCARD");
    EXPECT_NE(v.find("FN:Sozialbüro Innenstadt\r\n"), std::string::npos);
    EXPECT_NE(v.find("TEL;TYPE=WORK,VOICE:06831 4480-200\r\n"), std::string::npos);
    EXPECT_NE(v.find("TITLE:Beratung\\, Anträge\\; Hilfe\r\n"), std::string::npos);
    EXPECT_NE(v.find("ORG:Stadt Saarlouis\r\n"), std::string::npos);
    ExpectContentLines(v);
}

TEST(QrPayload, SessionAsICalendarEvent) {
    Offer o;
    o.meta.id = "0b8f0e6c-1111-4222-8333-444455556666";
    o.title = Text(
        "Deutschkurs A1 – für Anfängerinnen und Anfänger mit einem sehr langen Titel, der gefaltet "
        "wird");
    o.url = "https://vhs.example/kurs";
    Place p;
    p.name = Text("Ort der Begegnung Roden");
    p.address = Address{"Hauptstraße 1", "66740", "Saarlouis"};
    const Date d = *ParseDate("2026-12-08");
    const Session s{FromBerlin(d, 14 * 60), FromBerlin(d, 16 * 60)};
    const std::string ics = SessionICalendar(o, s, &p, *ParseUtcTime("2026-11-25T10:00:00Z"), "de");
    const auto lines = Lines(ics);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_NE(ics.find("BEGIN:VEVENT\r\n"), std::string::npos);
    EXPECT_NE(ics.find("END:VEVENT\r\n"), std::string::npos);
    EXPECT_NE(ics.find("VERSION:2.0\r\n"), std::string::npos);
    EXPECT_NE(ics.find("PRODID:"), std::string::npos);
    EXPECT_NE(ics.find("DTSTART:20261208T130000Z\r\n"), std::string::npos);  // 14:00 CET
    EXPECT_NE(ics.find("DTEND:20261208T150000Z\r\n"), std::string::npos);
    EXPECT_NE(ics.find("DTSTAMP:20261125T100000Z\r\n"), std::string::npos);
    EXPECT_NE(ics.find("UID:0b8f0e6c-1111-4222-8333-444455556666-20261208T130000Z@treffpunkt"),
              std::string::npos);
    EXPECT_NE(ics.find("LOCATION:Ort der Begegnung Roden\\, Hauptstraße 1\\, 66740 Saarlouis"),
              std::string::npos);
    ExpectContentLines(ics);
    // Unfolding gives the summary back.
    std::string unfolded;
    for (const std::string& l : lines) {
        unfolded += l[0] == ' ' ? l.substr(1) : "\n" + l;
    }
    EXPECT_NE(unfolded.find("SUMMARY:" + EscapeContentText(o.title.De()) + "\n"),
              std::string::npos);
}

TEST(QrPayload, FoldingNeverSplitsACharacter) {
    const std::string line(74, 'x');
    const std::string folded = FoldContentLine(line + "ü");
    EXPECT_EQ(folded, line + "\r\n ü");
    EXPECT_EQ(EscapeContentText("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    Offer o;
    EXPECT_FALSE(OfferWebAddress(o));
    o.url = "https://x.example";
    EXPECT_EQ(*OfferWebAddress(o), "https://x.example");
}

}  // namespace
}  // namespace treffpunkt
