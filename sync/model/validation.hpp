// Rules a record must follow to be accepted anywhere (import, hub, volunteer forms): required
// fields, formats, text limits, references. Standard library only.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"

namespace treffpunkt {

// Text limits in code points (docs/dataset.md). The volunteer forms show them as they type.
inline constexpr size_t kMaxNameChars = 120;          // titles, names, roles, districts
inline constexpr size_t kMaxSummaryChars = 300;       // summaries, notes, costs, about, hours
inline constexpr size_t kMaxDescriptionChars = 4000;  // descriptions
inline constexpr size_t kMaxShortFieldChars = 254;    // e-mail, web address, street
inline constexpr size_t kMaxPhoneChars = 40;
inline constexpr size_t kMaxPostalCodeChars = 10;

// The kinds of place (docs/dataset.md).
inline constexpr std::array<std::string_view, 12> kPlaceKinds = {"ort_der_begegnung",
                                                                 "kita",
                                                                 "schule",
                                                                 "kirche",
                                                                 "gemeindezentrum",
                                                                 "sozialbuero",
                                                                 "quartiersbuero",
                                                                 "mehrgenerationenhaus",
                                                                 "verein",
                                                                 "beratungsstelle",
                                                                 "rathaus",
                                                                 "sonstiges"};

bool IsUuid(std::string_view text);          // 8-4-4-4-12 lower-case hex digits
bool IsLanguageCode(std::string_view text);  // ISO 639-1: two lower-case letters
bool IsEmailAddress(std::string_view text);  // name@domain.tld, no spaces
bool IsPhoneNumber(std::string_view text);   // digits, spaces, + / - ( ); 5 to 20 digits
bool IsWebAddress(std::string_view text);    // http(s)://host…, no spaces

// A new random (version 4) UUID, lower case.
std::string NewUuid();

// Checks one record on its own: required fields, formats, limits, schedule rules. Appends
// each problem with its path under `path` (e.g. "offers[3]"). References to other records are
// checked by ValidateReferences.
void ValidateRecord(const AnyRecord& record, const std::string& path,
                    std::vector<Problem>& problems);

// Looks up the records a dataset's references point to.
class RecordIndex {
  public:
    virtual ~RecordIndex() = default;
    // The kind of the record with this id, if there is one (and it is not deleted).
    virtual std::optional<RecordKind> KindOfId(std::string_view id) const = 0;
    // The vocabulary of a taxonomy term, if `id` is one.
    virtual std::optional<std::string> VocabularyOf(std::string_view id) const = 0;
};

// Checks that every id a record refers to exists with the right kind (and vocabulary).
void ValidateReferences(const AnyRecord& record, const RecordIndex& index, const std::string& path,
                        std::vector<Problem>& problems);

}  // namespace treffpunkt
