-- Treffpunkt replica, schema version 2: what the kiosk needs to synchronise with the hub.

-- Sync facts, one row each: cursor, etag, last_success, last_attempt, last_error_code,
-- last_error_message, device_token, kiosk_id, place_id, pairing_code, pairing_secret,
-- pairing_expires. The device token never leaves this file except towards the hub.
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Edits made on this kiosk, in the order they were made. An edit is written in the same
-- transaction as the local change it describes, and leaves only when the hub has answered
-- for it: applied edits are removed; conflicts and rejections stay, with the hub's answer,
-- until a volunteer has seen them.
CREATE TABLE outbox (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    edit_id           TEXT NOT NULL UNIQUE,  -- UUID made here; the hub applies it once
    op                TEXT NOT NULL,         -- create, update, delete
    kind              TEXT NOT NULL,         -- offers, helpers, contacts, …
    record_id         TEXT NOT NULL,
    base_revision     INTEGER NOT NULL,      -- the hub revision the edit was made on
    fields            TEXT NOT NULL,         -- JSON object: top-level field -> new value
    volunteer_id      TEXT NOT NULL,
    made_at           INTEGER NOT NULL,      -- unix seconds, kiosk clock
    resolves_conflict INTEGER,               -- a hub conflict id this edit settles
    state             TEXT NOT NULL DEFAULT 'pending',  -- pending, conflict, rejected
    answer            TEXT                   -- the hub's answer (JSON) for conflict/rejected
);
CREATE INDEX outbox_by_record ON outbox (record_id, state);

-- The volunteers of this kiosk's place, as the hub sent them; PINs are checked against the
-- Argon2id verifiers offline.
CREATE TABLE volunteers (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,            -- volunteer, coordinator
    places        TEXT NOT NULL,            -- JSON array of place ids
    organizations TEXT NOT NULL,            -- JSON array of organization ids
    verifier      TEXT NOT NULL             -- Argon2id PHC string
) WITHOUT ROWID;
