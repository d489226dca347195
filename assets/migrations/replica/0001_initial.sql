-- Treffpunkt replica, schema version 1: the dataset, what is derived from it for queries,
-- and German search. Applied in one transaction; PRAGMA user_version is set by the program.

-- Settings and facts about the data: data_as_of, replaced_at, source, sessions_until …
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every record, with the columns that lists filter, sort and show. A full import inserts
-- records in display order (kind, then title), so rowid order is display order and ranked
-- search can stop after the first rows. The JSON itself lives in record_bodies: lists never
-- read past it.
CREATE TABLE records (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,             -- offers, places, contacts, helpers, networks, …
    revision   INTEGER NOT NULL,
    updated    INTEGER NOT NULL,          -- unix seconds
    sort_key   TEXT NOT NULL,             -- folded German title or name
    active     INTEGER NOT NULL DEFAULT 1, -- 0 for retired offers
    place_id   TEXT,                      -- offers, helpers, contacts
    place_title TEXT,                     -- their place's name, packed like title
    free       INTEGER,                   -- offers: free of charge
    district   TEXT,                      -- of the place (or the place's own, or the network's)
    vocabulary TEXT,                      -- taxonomy terms
    sort_order INTEGER,                   -- taxonomy terms
    langs      TEXT,                      -- languages, comma-separated
    title      TEXT,                      -- list texts, packed by language (see replica.cpp)
    subtitle   TEXT
);
CREATE INDEX records_by_kind ON records (kind, active, sort_key);
CREATE INDEX records_by_place ON records (place_id, kind);

-- The record as JSON of the dataset format (docs/dataset.md).
CREATE TABLE record_bodies (
    rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,
    body  TEXT NOT NULL
);

-- Multi-valued facts of a record for filtering: term ids, languages, helper districts,
-- place kinds.
CREATE TABLE record_tags (
    type         TEXT NOT NULL,           -- term, lang, district, kind
    value        TEXT NOT NULL,
    record_rowid INTEGER NOT NULL REFERENCES records (rowid) ON DELETE CASCADE,
    PRIMARY KEY (type, value, record_rowid)
) WITHOUT ROWID;
CREATE INDEX record_tags_by_record ON record_tags (record_rowid);

-- Offer sessions over a rolling horizon, for "today", "this week" and "next session".
CREATE TABLE sessions (
    offer_rowid INTEGER NOT NULL REFERENCES records (rowid) ON DELETE CASCADE,
    start       INTEGER NOT NULL,         -- unix seconds
    end         INTEGER NOT NULL
);
CREATE INDEX sessions_by_offer ON sessions (offer_rowid, end, start);
CREATE INDEX sessions_by_start ON sessions (start);

-- Search over the folded text of each shown record (see FoldForSearch), every word preceded
-- by two spaces. Trigrams then answer substrings of 3+ letters (parts of compounds) and, with
-- the spaces, word prefixes of one or two letters.
CREATE VIRTUAL TABLE search USING fts5 (title, body, tokenize = 'trigram');

-- Distinct folded words of 5+ letters, for typo tolerance, with the number of records using
-- each (a word disappears with its last record).
CREATE TABLE search_vocab (
    word TEXT PRIMARY KEY,
    uses INTEGER NOT NULL
) WITHOUT ROWID;
