#include "kiosk/app/offer_form.hpp"

#include <algorithm>

namespace treffpunkt {

namespace {

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\n");
    return text.substr(first, last - first + 1);
}

void PutText(OfferForm& form, std::string_view field, const LocalizedText& text) {
    for (const auto& [lang, value] : text.by_lang) {
        form.texts[std::string(field) + "." + lang] = value;
    }
}

LocalizedText GetText(const OfferForm& form, std::string_view field) {
    LocalizedText out;
    const std::string prefix = std::string(field) + ".";
    for (const auto& [key, value] : form.texts) {
        if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
            std::string text = Trimmed(value);
            if (!text.empty()) {
                out.by_lang[key.substr(prefix.size())] = std::move(text);
            }
        }
    }
    return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

OfferForm FormFromOffer(const Offer& offer) {
    OfferForm form;
    form.record_id = offer.meta.id;
    PutText(form, "title", offer.title);
    PutText(form, "summary", offer.summary);
    PutText(form, "description", offer.description);
    PutText(form, "cost", offer.cost);
    PutText(form, "registration", offer.registration);
    form.texts["url"] = offer.url;
    form.fields_of_action = offer.fields_of_action;
    form.target_groups = offer.target_groups;
    form.languages = offer.languages;
    form.free_of_charge = offer.free_of_charge;
    form.has_schedule = offer.schedule.has_value();
    if (offer.schedule) {
        if (auto choice = ChoiceFromSchedule(*offer.schedule)) {
            form.schedule = *choice;
        } else {
            form.keep_schedule = true;
        }
    }
    return form;
}

Offer OfferFromForm(const OfferForm& form, const Offer& base, Date today) {
    Offer offer = base;
    offer.title = GetText(form, "title");
    offer.summary = GetText(form, "summary");
    offer.description = GetText(form, "description");
    offer.registration = GetText(form, "registration");
    offer.free_of_charge = form.free_of_charge;
    offer.cost = form.free_of_charge ? LocalizedText{} : GetText(form, "cost");
    const auto url = form.texts.find("url");
    offer.url = url == form.texts.end() ? std::string() : Trimmed(url->second);
    offer.fields_of_action = form.fields_of_action;
    offer.target_groups = form.target_groups;
    offer.languages = form.languages;
    if (!form.has_schedule) {
        offer.schedule.reset();
    } else if (!form.keep_schedule || !base.schedule) {
        Schedule schedule = ToSchedule(form.schedule, today);
        if (base.schedule && form.schedule.repetition != Repetition::kOnce &&
            !form.schedule.start_date) {
            schedule.start_date = base.schedule->start_date.value_or(today);
        }
        offer.schedule = std::move(schedule);
    }
    return offer;
}

std::vector<FieldProblem> ScheduleProblems(const OfferForm& form) {
    std::vector<FieldProblem> out;
    if (!form.has_schedule || form.keep_schedule) {
        return out;
    }
    for (const ChoiceProblem& p : CheckChoice(form.schedule)) {
        // "edit.schedule.end_before_start" -> "volunteer.schedule.end_before_start"
        std::string key = p.code;
        if (StartsWith(key, "edit.")) {
            key = "volunteer." + key.substr(5);
        }
        out.push_back({"schedule." + p.field, key, {}});
    }
    return out;
}

std::string FormFieldOfPath(std::string_view path) {
    const auto dot = path.find_first_of(".[");
    return std::string(dot == std::string_view::npos ? path : path.substr(0, dot));
}

std::vector<FieldProblem> FieldProblems(const std::vector<Problem>& problems) {
    std::vector<FieldProblem> out;
    for (const Problem& p : problems) {
        FieldProblem f;
        f.field = FormFieldOfPath(p.path);
        // A text's problem belongs to the field of its language ("title.en").
        if (std::find(std::begin(kOfferTextFields), std::end(kOfferTextFields), f.field) !=
                std::end(kOfferTextFields) &&
            p.path.size() == f.field.size() + 3 && p.path[f.field.size()] == '.') {
            f.field = p.path;
        }
        const std::string& m = p.message;
        if (StartsWith(m, "is required")) {
            f.key = "volunteer.problem.required";
        } else if (m.find("characters long") != std::string::npos) {
            f.key = "volunteer.problem.too_long";
            const auto at = m.find("at most ");
            if (at != std::string::npos) {
                f.detail = m.substr(at + 8, m.find(' ', at + 8) - (at + 8));
            }
        } else if (StartsWith(m, "needs at least one")) {
            f.key = "volunteer.problem.pick_one";
        } else if (f.field == "url") {
            f.key = "volunteer.problem.bad_web";
        } else if (f.field == "email") {
            f.key = "volunteer.problem.bad_email";
        } else if (f.field == "phone") {
            f.key = "volunteer.problem.bad_phone";
        } else if (f.field == "schedule" && m.find("end") != std::string::npos) {
            f.key = "volunteer.schedule.end_before_start";
        } else if (m.find("single line") != std::string::npos) {
            f.key = "volunteer.problem.one_line";
        } else {
            f.key = "volunteer.problem.invalid";
            f.detail = p.ToString();
        }
        if (std::find(out.begin(), out.end(), f) == out.end()) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace treffpunkt
