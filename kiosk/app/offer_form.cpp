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

void PutText(EditForm& form, std::string_view field, const LocalizedText& text) {
    for (const auto& [lang, value] : text.by_lang) {
        form.texts[std::string(field) + "." + lang] = value;
    }
}

LocalizedText GetText(const EditForm& form, std::string_view field) {
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

EditForm FormFromOffer(const Offer& offer) {
    EditForm form;
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

Offer OfferFromForm(const EditForm& form, const Offer& base, Date today) {
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

namespace {

std::string Plain(const EditForm& form, const std::string& key) {
    const auto it = form.texts.find(key);
    return it == form.texts.end() ? std::string() : Trimmed(it->second);
}

}  // namespace

EditForm FormFromContact(const Contact& contact) {
    EditForm form;
    form.kind = "contacts";
    form.record_id = contact.meta.id;
    form.texts["name"] = contact.name;
    PutText(form, "role", contact.role);
    form.texts["phone"] = contact.phone;
    form.texts["email"] = contact.email;
    form.texts["url"] = contact.url;
    PutText(form, "hours", contact.hours);
    form.languages = contact.languages;
    form.place_id = contact.place_id;
    form.organization_id = contact.organization_id;
    return form;
}

Contact ContactFromForm(const EditForm& form, const Contact& base) {
    Contact c = base;
    c.name = Plain(form, "name");
    c.role = GetText(form, "role");
    c.phone = Plain(form, "phone");
    c.email = Plain(form, "email");
    c.url = Plain(form, "url");
    c.hours = GetText(form, "hours");
    c.languages = form.languages;
    return c;
}

EditForm FormFromHelper(const Helper& helper) {
    EditForm form;
    form.kind = "helpers";
    form.record_id = helper.meta.id;
    form.texts["first_name"] = helper.first_name;
    PutText(form, "availability", helper.availability);
    PutText(form, "about", helper.about);
    form.kinds_of_help = helper.kinds_of_help;
    form.languages = helper.languages;
    form.districts = helper.districts;
    form.place_id = helper.place_id;
    form.coordinator_contact_id = helper.coordinator_contact_id;
    if (helper.public_contact) {
        form.public_consent = true;
        form.consent_date = helper.public_contact->consent_date;
        form.texts["public_phone"] = helper.public_contact->phone;
        form.texts["public_email"] = helper.public_contact->email;
    }
    return form;
}

Helper HelperFromForm(const EditForm& form, const Helper& base, Date today) {
    Helper h = base;
    h.first_name = Plain(form, "first_name");
    h.availability = GetText(form, "availability");
    h.about = GetText(form, "about");
    h.kinds_of_help = form.kinds_of_help;
    h.languages = form.languages;
    h.districts = form.districts;
    h.coordinator_contact_id = form.coordinator_contact_id;
    const std::string phone = Plain(form, "public_phone");
    const std::string email = Plain(form, "public_email");
    if (form.public_consent && (!phone.empty() || !email.empty())) {
        h.public_contact = PublicContact{phone, email, form.consent_date.value_or(today)};
    } else {
        h.public_contact.reset();  // without recorded consent nothing is published
    }
    return h;
}

std::vector<FieldProblem> ScheduleProblems(const EditForm& form) {
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
        // A text's problem belongs to the field of its language ("title.en"); a helper's
        // public phone and e-mail have fields of their own.
        if (std::find(std::begin(kLocalizedFields), std::end(kLocalizedFields), f.field) !=
                std::end(kLocalizedFields) &&
            p.path.size() == f.field.size() + 3 && p.path[f.field.size()] == '.') {
            f.field = p.path;
        } else if (p.path == "public_contact.phone" || p.path == "public_contact") {
            f.field = "public_phone";
        } else if (p.path == "public_contact.email") {
            f.field = "public_email";
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
        } else if (StartsWith(m, "a contact needs")) {
            f.key = "volunteer.problem.contact_way";
        } else if (m.find("first name only") != std::string::npos) {
            f.key = "volunteer.problem.first_name_only";
        } else if (p.path.find("email") != std::string::npos) {
            f.key = "volunteer.problem.bad_email";
        } else if (p.path.find("phone") != std::string::npos) {
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
