-- Treffpunkt replica, schema version 5: active offers by tag, in display order. Listing a
-- field of action read the row of every offer tagged with it to sort them by title (2,000
-- rows at 10,000 offers, a millisecond); with this table the listing reads one range of one
-- index, already in order. The writer (replica.cpp) keeps it in step with record_tags.
CREATE TABLE offer_order (
    tag          TEXT NOT NULL,             -- 'term:<taxonomy id>' or 'lang:<code>'
    sort_key     TEXT NOT NULL,             -- the offer's records.sort_key
    record_rowid INTEGER NOT NULL,          -- the offer's records.rowid
    PRIMARY KEY (tag, sort_key, record_rowid)
) WITHOUT ROWID;
INSERT INTO offer_order (tag, sort_key, record_rowid)
    SELECT t.type || ':' || t.value, r.sort_key, r.rowid
    FROM record_tags t JOIN records r ON r.rowid = t.record_rowid
    WHERE t.type IN ('term', 'lang') AND r.kind = 'offers' AND r.active = 1;
