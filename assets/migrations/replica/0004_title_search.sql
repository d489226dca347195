-- Treffpunkt replica, schema version 4: the titles' own search index. Search ranks records
-- whose title holds every typed word first; asking the main index for title hits read every
-- match of a common word ("Beratung") with all its positions. This index holds the titles
-- alone, so that question reads a few short lists. It is contentless: the text itself stays
-- in `search` (whose title column is where a removed title is read from to unindex it).
CREATE VIRTUAL TABLE search_title USING fts5 (title, tokenize = 'trigram', content = '');
INSERT INTO search_title (rowid, title) SELECT rowid, title FROM search;
