-- The entries of the json (Mango) indexes: one row per indexed document and index, keyed by the
-- index's byte-comparable key (the field values in CouchDB collation, then the document id), so
-- a bytea range in key order is the embedded engine's index range in the same order, for every
-- JSON type. Kept by the writers in the same transaction as the document.
CREATE TABLE mango_keys (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    ddoc TEXT NOT NULL,
    name TEXT NOT NULL,
    key BYTEA NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (instance, doctype, ddoc, name, key)
);
-- A document's entries, to move them when it changes.
CREATE INDEX mango_keys_doc ON mango_keys (instance, doctype, id);
