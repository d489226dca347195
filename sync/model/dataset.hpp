// The dataset file (docs/dataset.md, schema in docs/dataset.schema.json): reading it with a
// report of every problem, writing it, and files written so that a power cut loses nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

// Reads a dataset from JSON text. Every problem found (syntax, structure, each record's rules,
// duplicate ids, references) is appended to `problems`; the dataset is returned only if there
// are none. Error code "dataset.invalid".
Result<Dataset> ParseDataset(std::string_view text, std::vector<Problem>& problems);

// Checks a dataset already in memory (records, unique ids, references).
void ValidateDataset(const Dataset& dataset, std::vector<Problem>& problems);

// The dataset as JSON text (2-space indent, keys sorted, UTF-8).
std::string SerializeDataset(const Dataset& dataset);

// All records of a dataset, in dependency order (taxonomy, organizations, places, contacts,
// offers, helpers, networks).
std::vector<AnyRecord> AllRecords(const Dataset& dataset);
// Adds a record to the dataset's list of its kind.
void AddRecord(Dataset& dataset, AnyRecord record);

// Whole-file helpers. ReadTextFile refuses files above max_bytes (error "io.too_large").
Result<std::string> ReadTextFile(const std::string& path, size_t max_bytes = 256u << 20);
// Writes via a temporary file in the same directory, fsync, rename, fsync of the directory:
// after a power cut the file holds either the old or the new content, never a mix.
Result<void> WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace treffpunkt
