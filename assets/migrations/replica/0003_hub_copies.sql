-- Treffpunkt replica, schema version 3: the hub's version of records that have local edits
-- waiting in the outbox. The records table shows such a record as the volunteer left it
-- ("wird übertragen"); this table keeps the hub's version beside it, so that a pulled change
-- can be shown under the local edits and a rejected edit can be undone. A row goes as soon as
-- its record has no pending edit left.
CREATE TABLE hub_copies (
    id   TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                  -- offers, helpers, contacts, …
    body TEXT                            -- the record's JSON from the hub; NULL = the hub has
                                         -- no such record (created here, or deleted there)
) WITHOUT ROWID;
