-- The JavaScript map views of design documents, one index per map function (by its signature,
-- so views with the same map share it). An index is brought up to date lazily, by a query, as
-- CouchDB does: the sequence of the database it reflects, and its rows keyed by the engines'
-- byte-comparable row key (the emitted key in CouchDB collation, the document id, the emit's
-- index), so a bytea range in key order is the embedded engine's view range in the same order.
CREATE TABLE view_seqs (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    signature TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (instance, doctype, signature)
);
CREATE TABLE view_rows (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    signature TEXT NOT NULL,
    key BYTEA NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    value BYTEA NOT NULL,
    PRIMARY KEY (instance, doctype, signature, key)
);
-- A document's rows, to replace them when it changes.
CREATE INDEX view_rows_doc ON view_rows (instance, doctype, signature, id);
