#include "sync/model/records.hpp"

namespace treffpunkt {

namespace {
const std::string kEmpty;
}

const std::string& LocalizedText::Get(std::string_view lang) const {
    if (const auto it = by_lang.find(lang); it != by_lang.end() && !it->second.empty()) {
        return it->second;
    }
    if (const auto it = by_lang.find(kFallbackLanguage);
        it != by_lang.end() && !it->second.empty()) {
        return it->second;
    }
    for (const auto& [code, text] : by_lang) {
        if (!text.empty()) {
            return text;
        }
    }
    return kEmpty;
}

bool LocalizedText::Has(std::string_view lang) const {
    const auto it = by_lang.find(lang);
    return it != by_lang.end() && !it->second.empty();
}

bool LocalizedText::Empty() const {
    for (const auto& [code, text] : by_lang) {
        if (!text.empty()) {
            return false;
        }
    }
    return true;
}

LocalizedText Text(std::string german) {
    LocalizedText text;
    text.by_lang.emplace(std::string(kFallbackLanguage), std::move(german));
    return text;
}

std::string_view RecordKindName(RecordKind kind) {
    switch (kind) {
        case RecordKind::kTaxonomy:
            return "taxonomy";
        case RecordKind::kOrganization:
            return "organizations";
        case RecordKind::kPlace:
            return "places";
        case RecordKind::kContact:
            return "contacts";
        case RecordKind::kOffer:
            return "offers";
        case RecordKind::kHelper:
            return "helpers";
        case RecordKind::kNetwork:
            return "networks";
    }
    return "?";
}

std::optional<RecordKind> RecordKindFromName(std::string_view name) {
    for (RecordKind kind : kAllRecordKinds) {
        if (RecordKindName(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

RecordKind KindOf(const AnyRecord& record) {
    // The variant's alternatives are listed in RecordKind order.
    return static_cast<RecordKind>(record.index());
}

const RecordMeta& MetaOf(const AnyRecord& record) {
    return std::visit([](const auto& r) -> const RecordMeta& { return r.meta; }, record);
}

RecordMeta& MetaOf(AnyRecord& record) {
    return std::visit([](auto& r) -> RecordMeta& { return r.meta; }, record);
}

AnyRecord MakeTombstone(RecordKind kind, std::string id, std::int64_t revision, UtcTime updated) {
    AnyRecord record;
    switch (kind) {
        case RecordKind::kTaxonomy:
            record = TaxonomyTerm{};
            break;
        case RecordKind::kOrganization:
            record = Organization{};
            break;
        case RecordKind::kPlace:
            record = Place{};
            break;
        case RecordKind::kContact:
            record = Contact{};
            break;
        case RecordKind::kOffer:
            record = Offer{};
            break;
        case RecordKind::kHelper:
            record = Helper{};
            break;
        case RecordKind::kNetwork:
            record = Network{};
            break;
    }
    RecordMeta& meta = MetaOf(record);
    meta.id = std::move(id);
    meta.revision = revision;
    meta.updated = updated;
    meta.deleted = true;
    return record;
}

}  // namespace treffpunkt
