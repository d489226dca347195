#!/usr/bin/env python3
"""The dataset JSON Schema (docs/dataset.schema.json) accepts the sample dataset and rejects
broken variants of it.

Run by ctest: python3 dataset_schema_test.py SOURCE_DIR
Needs the Debian package python3-jsonschema (Draft 2020-12 support, version 4.10 or newer).
Rules a schema cannot express (references, RRULE semantics) are the C++ validator's job and
are tested in dataset_test.cpp.
"""
import copy
import json
import os
import sys
import unittest

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("dataset_schema_test: python3-jsonschema is missing "
             "(sudo apt-get install python3-jsonschema)")

SOURCE_DIR = os.path.abspath(
    sys.argv.pop(1) if len(sys.argv) > 1 and not sys.argv[1].startswith("-")
    else os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCHEMA_PATH = os.path.join(SOURCE_DIR, "docs", "dataset.schema.json")
SAMPLE_PATH = os.path.join(SOURCE_DIR, "assets", "sample", "saarlouis.json")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def describe(errors):
    return "\n".join(f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
                     for e in errors)


class DatasetSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = load(SCHEMA_PATH)
        cls.sample = load(SAMPLE_PATH)
        cls.validator = Draft202012Validator(cls.schema)

    def errors(self, document):
        return list(self.validator.iter_errors(document))

    def variant(self, section, index):
        """A small document holding a copy of one sample record (as record 0 of `section`) and
        that record. References are not the schema's business, so it is valid as it stands;
        validating it instead of the whole sample keeps the test fast on a Raspberry Pi."""
        record = copy.deepcopy(self.sample[section][index])
        return {"format": "treffpunkt-dataset", "format_version": 1, section: [record]}, record

    def assertRejected(self, document, path):
        """The document has at least one error at `path` or below it."""
        errors = self.errors(document)
        self.assertTrue(errors, f"accepted, but {'/'.join(map(str, path))} is broken")
        paths = [list(e.absolute_path) for e in errors]
        self.assertTrue(any(p[:len(path)] == list(path) for p in paths),
                        f"no error at {path}; errors were:\n{describe(errors)}")

    # --- the schema itself and the sample ------------------------------------------------

    def test_schema_is_a_valid_draft_2020_12_schema(self):
        Draft202012Validator.check_schema(self.schema)
        self.assertEqual(self.schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        self.assertTrue(self.schema["$id"].startswith("https://"))

    def test_sample_dataset_is_valid(self):
        errors = self.errors(self.sample)
        self.assertEqual(errors, [], describe(errors))

    def test_minimal_hand_written_dataset_is_valid(self):
        # Plain strings as German text, sections left out, no revision: what a person types.
        term = "00000000-0000-4000-8000-000000000001"
        place = "00000000-0000-4000-8000-000000000002"
        document = {
            "format": "treffpunkt-dataset", "format_version": 1,
            "taxonomy": [{"id": term, "updated": "2026-11-01T10:00:00+01:00",
                          "vocabulary": "field_of_action", "code": "arbeitsmarkt",
                          "name": "Arbeitsmarkt"}],
            "places": [{"id": place, "updated": "2026-11-01T10:00:00Z", "name": "Treff",
                        "kind": "sonstiges", "district": "Roden",
                        "address": {"city": "Saarlouis"}}],
            "offers": [{"id": "00000000-0000-4000-8000-000000000003",
                        "updated": "2026-11-01T10:00:00.250Z", "title": "Deutschkurs",
                        "place_id": place, "fields_of_action": [term],
                        "schedule": {"start_time": "18:00", "end_time": "24:00",
                                     "dates": ["2027-02-28"]}}],
        }
        errors = self.errors(document)
        self.assertEqual(errors, [], describe(errors))

    # --- broken variants -----------------------------------------------------------------

    def test_variants_of_sample_records_start_out_valid(self):
        for section, records in self.sample.items():
            if isinstance(records, list) and records:
                with self.subTest(section=section):
                    doc, _ = self.variant(section, 0)
                    self.assertEqual(self.errors(doc), [])

    def test_rejects_unknown_fields(self):
        doc, offer = self.variant("offers", 0)
        offer["titel"] = "Tippfehler"
        self.assertRejected(doc, ["offers", 0])
        doc, place = self.variant("places", 0)
        place["address"]["hausnummer"] = "5"
        self.assertRejected(doc, ["places", 0, "address"])
        doc, offer = self.variant("offers", 0)
        offer["schedule"]["exdates"] = ["2026-12-24"]
        self.assertRejected(doc, ["offers", 0, "schedule"])
        doc, _ = self.variant("offers", 0)
        doc["angebote"] = []
        self.assertRejected(doc, [])

    def test_rejects_bad_uuids(self):
        for bad in ["1234", "3F0C5A8E-1B2D-4C3E-9F40-5A6B7C8D9E0F",
                    "3f0c5a8e1b2d4c3e9f405a6b7c8d9e0f", "{3f0c5a8e-1b2d-4c3e-9f40-5a6b7c8d9e0f}"]:
            with self.subTest(uuid=bad):
                doc, offer = self.variant("offers", 3)
                offer["id"] = bad
                self.assertRejected(doc, ["offers", 0, "id"])
        doc, helper = self.variant("helpers", 0)
        helper["coordinator_contact_id"] = "kontakt-roden"
        self.assertRejected(doc, ["helpers", 0, "coordinator_contact_id"])

    def test_rejects_bad_dates_and_times(self):
        for bad in ["2026-13-01", "17.03.2026", "2026-3-17", "2026-03-32", ""]:
            with self.subTest(date=bad):
                doc, offer = self.variant("offers", 1)
                offer["last_checked"] = bad
                self.assertRejected(doc, ["offers", 0, "last_checked"])
        for bad in ["2026-11-20", "2026-11-20T08:00:00", "20.11.2026 08:00"]:
            with self.subTest(updated=bad):
                doc, offer = self.variant("offers", 1)
                offer["updated"] = bad
                self.assertRejected(doc, ["offers", 0, "updated"])
        for bad in ["9:00", "25:00", "24:30", "14.00", "14:60"]:
            with self.subTest(time=bad):
                doc, offer = self.variant("offers", 1)
                offer["schedule"]["start_time"] = bad
                self.assertRejected(doc, ["offers", 0, "schedule", "start_time"])
        doc, offer = self.variant("offers", 1)
        offer["schedule"]["closures"] = [{"from": "24.12.2026"}]
        self.assertRejected(doc, ["offers", 0, "schedule", "closures", 0, "from"])

    def test_rejects_missing_german_text(self):
        doc, offer = self.variant("offers", 0)
        offer["title"] = {"en": "German course", "fr": "Cours d'allemand"}
        self.assertRejected(doc, ["offers", 0, "title"])
        doc, offer = self.variant("offers", 0)
        offer["title"] = {"de": ""}
        self.assertRejected(doc, ["offers", 0, "title"])
        doc, place = self.variant("places", 0)
        del place["name"]
        self.assertRejected(doc, ["places", 0])

    def test_rejects_texts_over_their_limit(self):
        doc, offer = self.variant("offers", 0)
        offer["title"]["de"] = "x" * 121
        self.assertRejected(doc, ["offers", 0, "title"])
        doc, offer = self.variant("offers", 0)
        offer["title"] = "Ä" * 121  # counted in code points, not bytes
        self.assertRejected(doc, ["offers", 0, "title"])
        doc, offer = self.variant("offers", 0)
        offer["summary"]["fr"] = "y" * 301
        self.assertRejected(doc, ["offers", 0, "summary"])
        doc, organization = self.variant("organizations", 0)
        organization["description"] = "z" * 4001
        self.assertRejected(doc, ["organizations", 0, "description"])
        doc, contact = self.variant("contacts", 0)
        contact["phone"] = "0" * 41
        self.assertRejected(doc, ["contacts", 0, "phone"])
        # Exactly at the limit is fine; so are line breaks in descriptions but not in titles.
        doc, offer = self.variant("offers", 0)
        offer["title"]["de"] = "ß" * 120
        offer["description"] = "Erste Zeile\nzweite Zeile"
        self.assertEqual(self.errors(doc), [])
        offer["title"]["de"] = "Erste Zeile\nzweite Zeile"
        self.assertRejected(doc, ["offers", 0, "title"])

    def test_rejects_values_outside_the_vocabularies(self):
        doc, term = self.variant("taxonomy", 0)
        term["vocabulary"] = "topic"
        self.assertRejected(doc, ["taxonomy", 0, "vocabulary"])
        doc, term = self.variant("taxonomy", 0)
        term["code"] = "Bildung und Erziehung"
        self.assertRejected(doc, ["taxonomy", 0, "code"])
        doc, place = self.variant("places", 0)
        place["kind"] = "jugendzentrum"
        self.assertRejected(doc, ["places", 0, "kind"])
        doc, offer = self.variant("offers", 0)
        offer["status"] = "paused"
        self.assertRejected(doc, ["offers", 0, "status"])

    def test_rejects_bad_language_codes(self):
        doc, offer = self.variant("offers", 0)
        offer["languages"] = ["de", "deutsch"]
        self.assertRejected(doc, ["offers", 0, "languages", 1])
        doc, offer = self.variant("offers", 0)
        offer["title"]["EN"] = "German course"
        self.assertRejected(doc, ["offers", 0, "title"])

    def test_rejects_bad_contact_details(self):
        cases = [("email", "info(at)odb-roden.example"), ("email", "info@roden"),
                 ("email", "a b@odb-roden.example"), ("phone", "0 68 31 x"), ("phone", "123"),
                 ("phone", "06831 +1234"), ("url", "www.odb-roden.example"),
                 ("url", "https://odb roden.example")]
        for field, bad in cases:
            with self.subTest(field=field, value=bad):
                doc, contact = self.variant("contacts", 0)
                contact[field] = bad
                self.assertRejected(doc, ["contacts", 0, field])
        doc, contact = self.variant("contacts", 0)
        for field in ("phone", "email", "url"):
            contact.pop(field, None)
        self.assertRejected(doc, ["contacts", 0])

    def test_rejects_schedules_that_cannot_work(self):
        doc, offer = self.variant("offers", 0)
        del offer["schedule"]["start_date"]
        self.assertRejected(doc, ["offers", 0, "schedule"])
        for bad in ["FREQ=DAILY", "BYDAY=MO", "FREQ=WEEKLY BYDAY=MO", ""]:
            with self.subTest(rrule=bad):
                doc, offer = self.variant("offers", 0)
                offer["schedule"]["rrule"] = bad
                self.assertRejected(doc, ["offers", 0, "schedule", "rrule"])
        doc, offer = self.variant("offers", 0)
        offer["schedule"] = {"start_time": "10:00", "end_time": "12:00"}
        self.assertRejected(doc, ["offers", 0, "schedule"])
        doc, offer = self.variant("offers", 0)
        offer["schedule"] = {"start_time": "10:00", "end_time": "12:00", "dates": []}
        self.assertRejected(doc, ["offers", 0, "schedule"])

    def test_rejects_missing_required_fields(self):
        doc, offer = self.variant("offers", 0)
        del offer["place_id"]
        self.assertRejected(doc, ["offers", 0])
        doc, offer = self.variant("offers", 0)
        offer["fields_of_action"] = []
        self.assertRejected(doc, ["offers", 0, "fields_of_action"])
        doc, helper = self.variant("helpers", 0)
        del helper["coordinator_contact_id"]
        self.assertRejected(doc, ["helpers", 0])
        doc, network = self.variant("networks", 0)
        del network["topic_id"]
        self.assertRejected(doc, ["networks", 0])
        doc, _ = self.variant("networks", 0)
        del doc["format"]
        self.assertRejected(doc, [])

    def test_rejects_cost_free_contradictions_and_unconsented_contacts(self):
        doc, offer = self.variant("offers", 2)
        offer["free_of_charge"] = False
        offer.pop("cost", None)
        self.assertRejected(doc, ["offers", 0])
        doc, helper = self.variant("helpers", 0)
        helper["public_contact"] = {"phone": "06831 12345"}
        self.assertRejected(doc, ["helpers", 0, "public_contact"])
        doc, helper = self.variant("helpers", 0)
        helper["first_name"] = "Ingrid Müller"
        self.assertRejected(doc, ["helpers", 0, "first_name"])

    def test_rejects_tombstones_and_newer_versions(self):
        doc, offer = self.variant("offers", 0)
        offer["deleted"] = True
        self.assertRejected(doc, ["offers", 0])
        doc, _ = self.variant("offers", 0)
        doc["format_version"] = 2
        self.assertRejected(doc, ["format_version"])
        doc, offer = self.variant("offers", 0)
        offer["revision"] = -1
        self.assertRejected(doc, ["offers", 0, "revision"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
